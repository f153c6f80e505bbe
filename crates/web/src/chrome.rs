//! What every page's layout needs: the council's name, who is signed in, the navigation and the
//! form token.

use crate::AppState;
use crate::session::Viewer;
use askama::Template;
use axum::response::{Html, IntoResponse, Response};
use hearth_domain::access::Permission;

#[derive(Clone, Debug)]
pub struct NavLink {
    pub href: &'static str,
    pub label: &'static str,
    pub current: bool,
}

/// A telephone number as shown and as its `tel:` link.
#[derive(Clone, Debug, Default)]
pub struct Phone {
    pub shown: String,
    pub tel: String,
}

impl Phone {
    fn of(number: Option<&String>) -> Option<Phone> {
        number.map(|n| Phone { shown: n.trim().to_owned(), tel: tel(n) })
    }
}

/// How residents reach the council, from the council's settings (`/admin/council`). Each is
/// left out of the pages until it is set.
#[derive(Clone, Debug, Default)]
pub struct PublicContact {
    pub phone: Option<Phone>,
    pub hours: Option<String>,
    /// For worries about abuse or neglect, in office hours.
    pub safeguarding_phone: Option<Phone>,
    /// The emergency duty team: evenings, weekends and bank holidays.
    pub out_of_hours_phone: Option<Phone>,
    /// Where to ask about personal information (the data protection officer).
    pub privacy_email: Option<String>,
}

/// The settings [`PublicContact`] and the service's name come from.
pub const CONTACT_KEYS: [&str; 6] =
    ["service_name", "contact_phone", "contact_hours", "safeguarding_phone", "out_of_hours_phone", "privacy_email"];

/// What residents see as the service's name until the council sets its own.
pub const DEFAULT_SERVICE_NAME: &str = "Adult social care";

impl PublicContact {
    pub async fn read(state: &AppState) -> (PublicContact, Option<String>) {
        let Ok(mut set) = state.store.settings().settings_of(&CONTACT_KEYS).await else {
            return (PublicContact::default(), None);
        };
        let contact = PublicContact {
            phone: Phone::of(set.get("contact_phone")),
            hours: set.remove("contact_hours"),
            safeguarding_phone: Phone::of(set.get("safeguarding_phone")),
            out_of_hours_phone: Phone::of(set.get("out_of_hours_phone")),
            privacy_email: set.remove("privacy_email"),
        };
        (contact, set.remove("service_name"))
    }
}

#[derive(Clone, Debug)]
pub struct Chrome {
    pub council_name: String,
    /// The council's name for the service to residents; "Hearth" to signed-in staff.
    pub service_name: String,
    pub contact: PublicContact,
    /// What the action just finished did, and what happens next (`crate::done`).
    pub done: Option<(&'static str, &'static str)>,
    pub signed_in_as: Option<String>,
    pub nav: Vec<NavLink>,
    pub form_token: String,
    pub demo: bool,
    pub asset_version: &'static str,
}

impl Chrome {
    /// Builds the layout for `path`. It never fails: if the database cannot be read the page
    /// still shows, with the configured or default name.
    pub async fn build(state: &AppState, viewer: &Viewer, path: &str) -> Chrome {
        let council_name = state.council_name().await.unwrap_or_else(|| "Adult social care".to_owned());
        let demo = council_name.contains("(demo)");
        // Residents see the public pages. Staff see their own work; the public pages stay a click
        // away on the home page and in the footer, and "Find support" stays for those who
        // signpost people to it. Every role's menu fits on one row at 1280 pixels.
        let mut nav = Vec::new();
        let find_support =
            NavLink { href: "/find-support", label: "Find support", current: path.starts_with("/find-support") };
        if viewer.user.is_none() {
            nav.push(find_support.clone());
            nav.push(NavLink {
                href: "/paying-for-care",
                label: "Paying for care",
                current: path.starts_with("/paying-for-care"),
            });
            // Staff take requests through the front door; residents ask here.
            nav.push(NavLink {
                href: "/ask-for-help",
                label: "Ask for help",
                current: path.starts_with("/ask-for-help"),
            });
        }
        if viewer.user.is_some() {
            nav.push(NavLink { href: "/staff", label: "Home", current: path == "/staff" });
            if viewer.can(Permission::WorkWithPeople) {
                nav.push(NavLink { href: "/my-work", label: "My work", current: path.starts_with("/my-work") });
                nav.push(NavLink { href: "/people", label: "People", current: path.starts_with("/people") });
                nav.push(NavLink {
                    href: "/front-door",
                    label: "Front door",
                    current: path.starts_with("/front-door"),
                });
            }
            if viewer.can(Permission::ManageTeamWork) {
                nav.push(NavLink { href: "/team", label: "Team work", current: path.starts_with("/team") });
                nav.push(NavLink { href: "/approvals", label: "Approvals", current: path.starts_with("/approvals") });
            }
            if viewer.can(Permission::WorkWithPeople) {
                nav.push(find_support);
            }
            if viewer.can(Permission::GovernInformation) {
                nav.push(NavLink {
                    href: "/governance",
                    label: "Governance",
                    current: path.starts_with("/governance"),
                });
            }
            if viewer.can(Permission::EditDirectory) {
                nav.push(NavLink { href: "/directory", label: "Directory", current: path.starts_with("/directory") });
            } else if viewer.can(Permission::UpdateServices) {
                nav.push(NavLink {
                    href: "/directory/services",
                    label: "Your directory entries",
                    current: path.starts_with("/directory"),
                });
            }
            if viewer.can(Permission::AssessFinances) {
                nav.push(NavLink {
                    href: "/finance",
                    label: "Financial assessments",
                    current: path.starts_with("/finance"),
                });
            }
            if viewer.can(Permission::ManageUsers) {
                // Roles, council details and practice settings are listed on the home page.
                nav.push(NavLink {
                    href: "/admin/users",
                    label: "Staff accounts",
                    current: path.starts_with("/admin/users") || path.starts_with("/admin/roles"),
                });
            }
            if viewer.can(Permission::SetChargingPolicy) {
                nav.push(NavLink {
                    href: "/admin/charging-policy",
                    label: "Charging policy",
                    current: path.starts_with("/admin/charging-policy"),
                });
            }
            if viewer.can(Permission::ManageTeams) {
                nav.push(NavLink { href: "/admin/teams", label: "Teams", current: path.starts_with("/admin/teams") });
            }
            if viewer.can(Permission::ReadAuditLog) {
                nav.push(NavLink {
                    href: "/admin/audit",
                    label: "Audit log",
                    current: path.starts_with("/admin/audit"),
                });
            }
        }
        let (contact, service_name) =
            if state.database_down() { (PublicContact::default(), None) } else { PublicContact::read(state).await };
        let service_name = if viewer.user.is_some() {
            "Hearth".to_owned()
        } else {
            service_name.unwrap_or_else(|| DEFAULT_SERVICE_NAME.to_owned())
        };
        Chrome {
            council_name,
            service_name,
            contact,
            done: viewer.done.map(crate::done::Done::words),
            signed_in_as: viewer.user.as_ref().map(|u| u.user.name.clone()),
            nav,
            form_token: viewer.form_token.clone(),
            demo,
            asset_version: crate::assets::version(),
        }
    }
}

/// Renders a page template as HTML.
pub fn render(template: &impl Template) -> crate::errors::AppResult<Response> {
    Ok(Html(crate::forms::unlink_unasked(template.render()?)).into_response())
}

/// A telephone number as a `tel:` link wants it: digits and a leading plus only.
pub fn tel(number: &str) -> String {
    number.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect()
}
