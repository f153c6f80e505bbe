//! Every route Hearth serves, with the access each one needs. Deny by default: a route not in
//! this list does not exist, and the test suite walks this list with every role.

use crate::api::{self, oruk};
use crate::middleware::{enforce, error_pages, load_viewer, protect_forms, security_headers};
use crate::pages::assessments;
use crate::pages::directory::services;
use crate::pages::people::{network, notes, record, search, work};
use crate::pages::{
    admin, charging, directory, drafts, front_door, governance, health, my_work, public, sign_in, staff,
};
use crate::{AppState, assets, input, oidc, records};
use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderName, Method};
use axum::middleware::{Next, from_fn, from_fn_with_state};
use axum::routing::{MethodRouter, get, post};
use hearth_domain::access::{Access, Permission};
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};

/// One route: its method, its path (with `{name}` for parts that vary) and who may use it.
#[derive(Clone, Debug)]
pub struct RouteSpec {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
}

use Access::{Public, Staff};
use Permission::{
    AssessFinances, EditDirectory, GovernInformation, ManageTeamWork, ManageTeams, ManageUsers, ReadAuditLog,
    SetChargingPolicy, SetCouncilDetails, UpdateServices, UseStaffPages, WorkWithPeople,
};

fn table() -> Vec<(RouteSpec, MethodRouter<AppState>)> {
    let g = |path, access, handler: MethodRouter<AppState>| (RouteSpec { method: Method::GET, path, access }, handler);
    let p = |path, access, handler: MethodRouter<AppState>| (RouteSpec { method: Method::POST, path, access }, handler);
    vec![
        // For residents and anyone else: no account needed.
        g("/", Public, get(public::start)),
        g("/accessibility", Public, get(public::accessibility)),
        g("/cookies", Public, get(public::cookies)),
        g("/privacy", Public, get(public::privacy)),
        g("/health", Public, get(health::health)),
        g("/find-support", Public, get(directory::find_support::search)),
        g("/find-support/services/{id}", Public, get(directory::find_support::service)),
        g("/find-support/services/{id}/report", Public, get(directory::find_support::report_form)),
        p("/find-support/services/{id}/report", Public, post(directory::find_support::report_submit)),
        g("/find-support/shortlist", Public, get(directory::find_support::show_shortlist)),
        p("/find-support/shortlist", Public, post(directory::find_support::change_shortlist)),
        p("/find-support/shortlist/email", Public, post(directory::find_support::email_shortlist)),
        g("/assets/{name}", Public, get(assets::asset)),
        // Paying for care: the public estimate, one question a page, and asking for an assessment.
        g("/paying-for-care", Public, get(charging::paying_for_care::start)),
        g("/paying-for-care/check", Public, get(charging::paying_for_care::check)),
        g("/paying-for-care/result", Public, get(charging::paying_for_care::result)),
        p("/paying-for-care/result/email", Public, post(charging::paying_for_care::email)),
        g("/paying-for-care/resume", Public, get(charging::paying_for_care::resume)),
        p("/paying-for-care/clear", Public, post(charging::paying_for_care::clear)),
        g("/paying-for-care/ask", Public, get(charging::paying_for_care::ask_form)),
        p("/paying-for-care/ask", Public, post(charging::paying_for_care::ask_submit)),
        g("/paying-for-care/{step}", Public, get(charging::paying_for_care::show_step)),
        p("/paying-for-care/{step}", Public, post(charging::paying_for_care::answer_step)),
        // Asking for help: the same contact form the front door uses, in plain words.
        g("/ask-for-help", Public, get(front_door::ask_for_help::form)),
        g("/check-if-you-could-get-help", Public, get(front_door::could_get_help::check)),
        p("/ask-for-help", Public, post(front_door::ask_for_help::submit)),
        // The charging engine for other systems.
        p("/api/v1/charging/calculate", Public, post(api::charging::calculate)),
        g("/api/v1/openapi.json", Public, get(api::charging::openapi)),
        // Open Referral UK 3.0: open data for other services to read.
        g("/api/oruk/v3", Public, get(oruk::meta)),
        g("/api/oruk/v3/", Public, get(oruk::meta)),
        g("/api/oruk/v3/services", Public, get(oruk::services)),
        g("/api/oruk/v3/services/{id}", Public, get(oruk::service)),
        g("/api/oruk/v3/service_at_locations", Public, get(oruk::service_at_locations)),
        g("/api/oruk/v3/service_at_locations/{id}", Public, get(oruk::service_at_location_by_id)),
        g("/api/oruk/v3/taxonomies", Public, get(oruk::taxonomies)),
        g("/api/oruk/v3/taxonomies/{id}", Public, get(oruk::taxonomy)),
        g("/api/oruk/v3/taxonomy_terms", Public, get(oruk::taxonomy_terms)),
        g("/api/oruk/v3/taxonomy_terms/{id}", Public, get(oruk::taxonomy_term)),
        // HSDS 3.0 organisations, beyond the ORUK profile.
        g("/api/oruk/v3/organizations", Public, get(oruk::organizations)),
        g("/api/oruk/v3/organizations/{id}", Public, get(oruk::organization)),
        // Signing in and out.
        g("/sign-in", Public, get(sign_in::form)),
        p("/sign-in", Public, post(sign_in::submit)),
        g("/sign-in/sso", Public, get(oidc::start)),
        g("/sign-in/sso/callback", Public, get(oidc::callback)),
        p("/sign-out", Staff(UseStaffPages), post(sign_in::sign_out)),
        g("/signed-out", Public, get(sign_in::signed_out)),
        // Staff.
        g("/staff", Staff(UseStaffPages), get(staff::home)),
        // Keeping work safe: drafts saved as people type, and forms held when a session ended.
        p("/drafts", Staff(UseStaffPages), post(drafts::save)),
        g("/held", Staff(UseStaffPages), get(drafts::give_back)),
        // The front door: contacts, the triage queue and allocation.
        g("/front-door", Staff(WorkWithPeople), get(front_door::queue)),
        g("/front-door/contacts/new", Staff(WorkWithPeople), get(front_door::new_form)),
        p("/front-door/contacts/new", Staff(WorkWithPeople), post(front_door::new_submit)),
        g("/front-door/contacts/{id}", Staff(WorkWithPeople), get(front_door::show)),
        p("/front-door/contacts/{id}/match", Staff(WorkWithPeople), post(front_door::match_person)),
        p("/front-door/contacts/{id}/new-person", Staff(WorkWithPeople), post(front_door::new_person)),
        p("/front-door/contacts/{id}/triage", Staff(WorkWithPeople), post(front_door::triage)),
        // People's records: `records::guard` checks the relationship with the person for each.
        g("/my-work", Staff(WorkWithPeople), get(my_work::mine)),
        g("/team", Staff(ManageTeamWork), get(my_work::team)),
        g("/people", Staff(WorkWithPeople), get(search::search)),
        g("/people/new", Staff(WorkWithPeople), get(search::new_form)),
        p("/people/new", Staff(WorkWithPeople), post(search::new_submit)),
        g("/people/{id}", Staff(WorkWithPeople), get(record::overview)),
        g("/people/{id}/break-glass", Staff(WorkWithPeople), get(record::break_glass_form)),
        p("/people/{id}/break-glass", Staff(WorkWithPeople), post(record::break_glass_submit)),
        g("/people/{id}/details", Staff(WorkWithPeople), get(record::details_form)),
        p("/people/{id}/details", Staff(WorkWithPeople), post(record::details_submit)),
        g("/people/{id}/story", Staff(WorkWithPeople), get(record::story_form)),
        p("/people/{id}/story", Staff(WorkWithPeople), post(record::story_submit)),
        g("/people/{id}/addresses/new", Staff(WorkWithPeople), get(record::address_form)),
        p("/people/{id}/addresses/new", Staff(WorkWithPeople), post(record::address_submit)),
        g("/people/{id}/contacts", Staff(WorkWithPeople), get(record::contacts)),
        g("/people/{id}/network", Staff(WorkWithPeople), get(network::show)),
        g("/people/{id}/network/new", Staff(WorkWithPeople), get(network::relation_form)),
        p("/people/{id}/network/new", Staff(WorkWithPeople), post(network::relation_submit)),
        p("/people/{id}/network/{rid}/end", Staff(WorkWithPeople), post(network::relation_end)),
        g("/people/{id}/connections/new", Staff(WorkWithPeople), get(network::connection_form)),
        p("/people/{id}/connections/new", Staff(WorkWithPeople), post(network::connection_submit)),
        p("/people/{id}/connections/{cid}/end", Staff(WorkWithPeople), post(network::connection_end)),
        g("/people/{id}/representatives/new", Staff(WorkWithPeople), get(network::representative_form)),
        p("/people/{id}/representatives/new", Staff(WorkWithPeople), post(network::representative_submit)),
        g("/people/{id}/representatives/{repid}", Staff(WorkWithPeople), get(network::representative_edit_form)),
        p("/people/{id}/representatives/{repid}", Staff(WorkWithPeople), post(network::representative_edit_submit)),
        g("/people/{id}/warnings/new", Staff(WorkWithPeople), get(network::warning_form)),
        p("/people/{id}/warnings/new", Staff(WorkWithPeople), post(network::warning_submit)),
        p("/people/{id}/warnings/{wid}/end", Staff(WorkWithPeople), post(network::warning_end)),
        g("/people/{id}/notes", Staff(WorkWithPeople), get(notes::list)),
        g("/people/{id}/notes/new", Staff(WorkWithPeople), get(notes::new_form)),
        p("/people/{id}/notes/new", Staff(WorkWithPeople), post(notes::new_submit)),
        p("/people/{id}/notes/new/discard", Staff(WorkWithPeople), post(notes::discard_draft)),
        g("/people/{id}/notes/{nid}", Staff(WorkWithPeople), get(notes::show)),
        p("/people/{id}/notes/{nid}/correct", Staff(WorkWithPeople), post(notes::correct)),
        p("/people/{id}/notes/{nid}/error", Staff(WorkWithPeople), post(notes::entered_in_error)),
        g("/people/{id}/work", Staff(WorkWithPeople), get(work::show)),
        g("/people/{id}/conversations/new", Staff(WorkWithPeople), get(work::conversation_form)),
        p("/people/{id}/conversations/new", Staff(WorkWithPeople), post(work::conversation_submit)),
        p("/people/{id}/conversations/{cid}/close", Staff(WorkWithPeople), post(work::conversation_close)),
        g("/people/{id}/tasks/new", Staff(WorkWithPeople), get(work::task_form)),
        p("/people/{id}/tasks/new", Staff(WorkWithPeople), post(work::task_submit)),
        p("/people/{id}/tasks/{tid}/done", Staff(WorkWithPeople), post(work::task_done)),
        g("/people/{id}/allocate", Staff(ManageTeamWork), get(work::allocate_form)),
        p("/people/{id}/allocate", Staff(ManageTeamWork), post(work::allocate_submit)),
        g("/people/{id}/merge", Staff(ManageTeamWork), get(work::merge_form)),
        p("/people/{id}/merge", Staff(ManageTeamWork), post(work::merge_submit)),
        // Care Act assessments, eligibility, plans, budgets and reviews; capacity; transition.
        g("/people/{id}/care", Staff(WorkWithPeople), get(assessments::care)),
        p("/people/{id}/assessments", Staff(WorkWithPeople), post(assessments::assessment::start)),
        g("/assessments/{aid}", Staff(WorkWithPeople), get(assessments::assessment::show)),
        p("/assessments/{aid}", Staff(WorkWithPeople), post(assessments::assessment::save)),
        g("/assessments/{aid}/check", Staff(WorkWithPeople), get(assessments::assessment::check)),
        p("/assessments/{aid}/send", Staff(WorkWithPeople), post(assessments::assessment::send)),
        p("/assessments/{aid}/refusal", Staff(WorkWithPeople), post(assessments::assessment::refusal)),
        p("/assessments/{aid}/decision", Staff(WorkWithPeople), post(assessments::assessment::decision)),
        g("/assessments/{aid}/letter", Staff(WorkWithPeople), get(assessments::assessment::letter)),
        g("/assessments/{aid}/letter.pdf", Staff(WorkWithPeople), get(assessments::assessment::letter_pdf)),
        p("/assessments/{aid}/copies", Staff(WorkWithPeople), post(assessments::assessment::copy_given)),
        p("/assessments/{aid}/plan", Staff(WorkWithPeople), post(assessments::assessment::start_plan)),
        g("/plans/{pid}", Staff(WorkWithPeople), get(assessments::plans::show)),
        g("/plans/{pid}/letter", Staff(WorkWithPeople), get(assessments::plan_letter::letter)),
        g("/plans/{pid}/letter.pdf", Staff(WorkWithPeople), get(assessments::plan_letter::letter_pdf)),
        p("/plans/{pid}/copies", Staff(WorkWithPeople), post(assessments::plan_letter::copy_given)),
        p("/plans/{pid}", Staff(WorkWithPeople), post(assessments::plans::save)),
        p("/plans/{pid}/lines", Staff(WorkWithPeople), post(assessments::plans::add_line)),
        p("/plans/{pid}/lines/{lid}/remove", Staff(WorkWithPeople), post(assessments::plans::remove_line)),
        p("/plans/{pid}/decision", Staff(WorkWithPeople), post(assessments::plans::decision)),
        p("/plans/{pid}/agree", Staff(WorkWithPeople), post(assessments::plans::agree)),
        p("/plans/{pid}/reviews/request", Staff(WorkWithPeople), post(assessments::reviews::request_review)),
        p("/plans/{pid}/reviews/complete", Staff(WorkWithPeople), post(assessments::reviews::complete_review)),
        p(
            "/plans/{pid}/direct-payment-review",
            Staff(WorkWithPeople),
            post(assessments::reviews::direct_payment_review),
        ),
        g("/people/{id}/capacity/new", Staff(WorkWithPeople), get(assessments::capacity::capacity_form)),
        p("/people/{id}/capacity/new", Staff(WorkWithPeople), post(assessments::capacity::capacity_submit)),
        g(
            "/people/{id}/capacity/{cid}/best-interests",
            Staff(WorkWithPeople),
            get(assessments::capacity::best_interests_form),
        ),
        p(
            "/people/{id}/capacity/{cid}/best-interests",
            Staff(WorkWithPeople),
            post(assessments::capacity::best_interests_submit),
        ),
        g("/people/{id}/transition/new", Staff(WorkWithPeople), get(assessments::transitions::transition_form)),
        p("/people/{id}/transition/new", Staff(WorkWithPeople), post(assessments::transitions::transition_submit)),
        p("/people/{id}/transition/close", Staff(WorkWithPeople), post(assessments::transitions::transition_close)),
        g("/approvals", Staff(ManageTeamWork), get(assessments::approvals)),
        // Information governance.
        g("/governance", Staff(GovernInformation), get(governance::home)),
        p("/governance/break-glass/{gid}/review", Staff(GovernInformation), post(governance::review)),
        g("/governance/people/{id}", Staff(GovernInformation), get(governance::person)),
        p("/governance/people/{id}/restrict", Staff(GovernInformation), post(governance::restrict)),
        p("/governance/people/{id}/grants", Staff(GovernInformation), post(governance::grant)),
        p("/governance/people/{id}/grants/{gid}/revoke", Staff(GovernInformation), post(governance::revoke)),
        p("/governance/people/{id}/subject-access", Staff(GovernInformation), post(governance::sar_new)),
        g("/governance/people/{id}/export", Staff(GovernInformation), get(governance::export)),
        p("/governance/subject-access/{sid}/extend", Staff(GovernInformation), post(governance::sar_extend)),
        p("/governance/subject-access/{sid}/complete", Staff(GovernInformation), post(governance::sar_complete)),
        // Keeping the directory true.
        g("/directory", Staff(EditDirectory), get(directory::editing::home)),
        p("/directory/problems/{id}/resolve", Staff(EditDirectory), post(directory::editing::resolve)),
        p("/directory/synonyms", Staff(EditDirectory), post(directory::editing::set_synonym)),
        p("/directory/review-periods", Staff(EditDirectory), post(directory::editing::set_review_policy)),
        g("/directory/changes/{id}", Staff(EditDirectory), get(directory::editing::change)),
        p("/directory/changes/{id}/approve", Staff(EditDirectory), post(directory::editing::approve)),
        p("/directory/changes/{id}/reject", Staff(EditDirectory), post(directory::editing::reject)),
        g("/directory/export.csv", Staff(EditDirectory), get(directory::editing::export)),
        p("/directory/services/{id}/checked", Staff(EditDirectory), post(directory::services::mark_checked)),
        g("/directory/organisations", Staff(EditDirectory), get(directory::organisations::list)),
        g("/directory/organisations/new", Staff(EditDirectory), get(directory::organisations::new_form)),
        p("/directory/organisations/new", Staff(EditDirectory), post(directory::organisations::new_submit)),
        g("/directory/organisations/{id}", Staff(EditDirectory), get(directory::organisations::edit_form)),
        p("/directory/organisations/{id}", Staff(EditDirectory), post(directory::organisations::edit_submit)),
        // Directory entries: any for directory editors; their own organisations' for providers,
        // whose changes wait for approval. Each part of an entry has its own page.
        g("/directory/services", Staff(UpdateServices), get(directory::services::list)),
        g("/directory/services/new", Staff(UpdateServices), get(services::details::new_form)),
        p("/directory/services/new", Staff(UpdateServices), post(services::details::new_submit)),
        g("/directory/services/{id}", Staff(UpdateServices), get(directory::services::show)),
        g("/directory/services/{id}/edit", Staff(UpdateServices), get(services::details::edit_form)),
        p("/directory/services/{id}/edit", Staff(UpdateServices), post(services::details::edit_submit)),
        g("/directory/services/{id}/times", Staff(UpdateServices), get(services::times::service_form)),
        p("/directory/services/{id}/times", Staff(UpdateServices), post(services::times::service_submit)),
        g("/directory/services/{id}/languages", Staff(UpdateServices), get(services::languages::form)),
        p("/directory/services/{id}/languages", Staff(UpdateServices), post(services::languages::submit)),
        g("/directory/services/{id}/areas", Staff(UpdateServices), get(services::areas::form)),
        p("/directory/services/{id}/areas", Staff(UpdateServices), post(services::areas::submit)),
        g("/directory/services/{id}/categories", Staff(UpdateServices), get(services::categories::form)),
        p("/directory/services/{id}/categories", Staff(UpdateServices), post(services::categories::submit)),
        g("/directory/services/{id}/places/new", Staff(UpdateServices), get(services::places::new_form)),
        p("/directory/services/{id}/places/new", Staff(UpdateServices), post(services::places::new_submit)),
        g("/directory/services/{id}/places/{place}", Staff(UpdateServices), get(services::places::edit_form)),
        p("/directory/services/{id}/places/{place}", Staff(UpdateServices), post(services::places::edit_submit)),
        g("/directory/services/{id}/places/{place}/times", Staff(UpdateServices), get(services::times::place_form)),
        p("/directory/services/{id}/places/{place}/times", Staff(UpdateServices), post(services::times::place_submit)),
        p("/directory/services/{id}/places/{place}/remove", Staff(UpdateServices), post(services::places::remove)),
        p("/directory/services/{id}/withdraw", Staff(UpdateServices), post(directory::services::withdraw)),
        // Financial assessments.
        g("/finance", Staff(AssessFinances), get(charging::finance::home)),
        g("/finance/figures", Staff(AssessFinances), get(charging::finance::figures)),
        g("/finance/deferred-payments", Staff(AssessFinances), get(charging::finance::deferred::form)),
        p("/finance/deferred-payments", Staff(AssessFinances), post(charging::finance::deferred::submit)),
        g("/finance/requests/new", Staff(AssessFinances), get(charging::finance::request_new_form)),
        p("/finance/requests/new", Staff(AssessFinances), post(charging::finance::request_new_submit)),
        g("/finance/requests/{id}", Staff(AssessFinances), get(charging::finance::request_show)),
        p("/finance/requests/{id}/close", Staff(AssessFinances), post(charging::finance::request_close)),
        g("/finance/assessments/new", Staff(AssessFinances), get(charging::finance::assessment_new_form)),
        p("/finance/assessments/new", Staff(AssessFinances), post(charging::finance::assessment_new_submit)),
        g("/finance/assessments/{id}", Staff(AssessFinances), get(charging::finance::assessment_show)),
        g("/finance/assessments/{id}/edit", Staff(AssessFinances), get(charging::finance::assessment_edit_form)),
        p("/finance/assessments/{id}/edit", Staff(AssessFinances), post(charging::finance::assessment_edit_submit)),
        g("/finance/assessments/{id}/check", Staff(AssessFinances), get(charging::finance::check::check)),
        p(
            "/finance/assessments/{id}/complete",
            Staff(AssessFinances),
            post(charging::finance::check::complete_checked),
        ),
        g("/finance/assessments/{id}/record", Staff(AssessFinances), get(charging::finance::record)),
        g("/finance/assessments/{id}/record.pdf", Staff(AssessFinances), get(charging::finance::record_pdf)),
        g("/finance/assessments/{id}/versions/{version}", Staff(AssessFinances), get(charging::finance::version_show)),
        // Administration.
        g("/admin/charging-policy", Staff(SetChargingPolicy), get(admin::charging::show)),
        p("/admin/charging-policy", Staff(SetChargingPolicy), post(admin::charging::submit)),
        g("/admin/users", Staff(ManageUsers), get(admin::users::list)),
        g("/admin/users/new", Staff(ManageUsers), get(admin::users::new_form)),
        p("/admin/users/new", Staff(ManageUsers), post(admin::users::create)),
        g("/admin/users/{id}", Staff(ManageUsers), get(admin::users::show)),
        p("/admin/users/{id}/roles", Staff(ManageUsers), post(admin::users::update_roles)),
        p("/admin/users/{id}/organisations", Staff(ManageUsers), post(admin::users::update_organisations)),
        p("/admin/users/{id}/active", Staff(ManageUsers), post(admin::users::update_active)),
        p("/admin/users/{id}/unlock", Staff(ManageUsers), post(admin::users::unlock)),
        p("/admin/users/{id}/password", Staff(ManageUsers), post(admin::users::set_password)),
        g("/admin/roles", Staff(ManageUsers), get(admin::users::roles)),
        g("/admin/teams", Staff(ManageTeams), get(admin::teams::list)),
        p("/admin/teams", Staff(ManageTeams), post(admin::teams::create)),
        g("/admin/teams/{id}", Staff(ManageTeams), get(admin::teams::show)),
        p("/admin/teams/{id}/members", Staff(ManageTeams), post(admin::teams::add_member)),
        p("/admin/teams/{id}/members/{uid}/remove", Staff(ManageTeams), post(admin::teams::remove_member)),
        g("/admin/council", Staff(SetCouncilDetails), get(admin::council::form)),
        p("/admin/council", Staff(SetCouncilDetails), post(admin::council::submit)),
        g("/admin/practice", Staff(ManageTeams), get(admin::teams::practice)),
        p("/admin/practice", Staff(ManageTeams), post(admin::teams::practice_submit)),
        g("/admin/audit", Staff(ReadAuditLog), get(admin::audit::search)),
        g("/admin/audit/export.csv", Staff(ReadAuditLog), get(admin::audit::export)),
    ]
}

/// The routes, for tests and documentation.
pub fn specs() -> Vec<RouteSpec> {
    table().into_iter().map(|(spec, _)| spec).collect()
}

pub fn router(state: AppState) -> Router {
    let mut router = Router::new();
    for (spec, handler) in table() {
        let access = spec.access;
        let path = spec.path;
        // Every id in the path is declared, or Hearth does not start (and a test names it).
        let ids = std::sync::Arc::new(records::declared(path).unwrap_or_else(|problem| panic!("{problem}")));
        let (ids_state, access_state) = (state.clone(), state.clone());
        // The permission first (outermost), then every id the request names.
        let guarded = handler
            .route_layer(from_fn(move |req: Request, next: Next| {
                let (state, ids) = (ids_state.clone(), ids.clone());
                async move { records::guard(path, ids, access, state, req, next).await }
            }))
            .route_layer(from_fn(move |req: Request, next: Next| {
                let state = access_state.clone();
                async move { enforce(access, state, req, next).await }
            }));
        router = router.route(spec.path, guarded);
    }
    let request_id = HeaderName::from_static("x-request-id");
    router
        .fallback(|req: Request| async move {
            use axum::response::IntoResponse;
            if req.uri().path().starts_with("/api/") {
                oruk::not_found().await
            } else {
                crate::errors::AppError::NotFound.into_response()
            }
        })
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(request_id.clone(), MakeRequestUuid))
                .layer(TraceLayer::new_for_http().make_span_with(|req: &Request| {
                    // Paths and ids only: query strings can hold what people typed.
                    let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("");
                    tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
                }).on_response(DefaultOnResponse::new().level(tracing::Level::INFO)))
                .layer(PropagateRequestIdLayer::new(request_id))
                .layer(from_fn_with_state(state.clone(), security_headers))
                .layer(from_fn_with_state(state.clone(), error_pages))
                .layer(from_fn_with_state(state.clone(), load_viewer))
                .layer(CatchPanicLayer::new())
                .layer(from_fn_with_state(state.clone(), input::clean_input))
                .layer(from_fn_with_state(state.clone(), protect_forms)),
        )
        .with_state(state)
}
