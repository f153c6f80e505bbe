//! The store by mission area: `store.people()`, `store.assessments()`, `store.directory()`, ...
//! Each area's repository is the only place that knows its tables; what every area shares
//! (transactions, the audit trail, who owns a record) stays on [`Store`].

use crate::Store;

macro_rules! areas {
    ($($(#[$doc:meta])* $accessor:ident => $repository:ident,)+) => {
        $(
            $(#[$doc])*
            #[derive(Clone, Copy, Debug)]
            pub struct $repository<'a> {
                pub(crate) store: &'a Store,
            }
        )+

        impl Store {
            $(
                $(#[$doc])*
                pub fn $accessor(&self) -> $repository<'_> {
                    $repository { store: self }
                }
            )+
        }
    };
}

areas! {
    /// People's records: details, networks, notes, contacts' history, work and teams, access,
    /// merging and subject access (`people/`).
    people => People,
    /// Care Act assessments, determinations, plans and reviews, capacity, best interests and
    /// transitions (`assessments/`).
    assessments => Assessments,
    /// The public directory: services, organisations, taxonomies, search, proposals and review
    /// (`directory/`).
    directory => Directory,
    /// Paying for care: reference figures, financial assessments and charging requests
    /// (`charging/`).
    charging => Charging,
    /// The front door: contacts, matching and triage (`front_door.rs`).
    front_door => FrontDoor,
    /// Staff accounts, sign-in, sessions, single sign-on and rate limits.
    accounts => Accounts,
    /// The council's settings kept in the database.
    settings => Settings,
    /// Background jobs.
    jobs => Jobs,
}
