//! Hearth's database: the only crate that knows SQL and its dialects.
//!
//! One [`Store`] talks to SQLite (the embedded default) or PostgreSQL (for several web nodes)
//! through the same code and the same migrations. Money is kept as integer pence, civil dates as
//! dates, and timestamps in UTC.

mod areas;
pub mod assessments;
mod audit;
pub mod charging;
mod connect;
mod demo;
pub mod demo_people;
pub mod directory;
pub mod entities;
mod error;
pub mod front_door;
mod jobs;
mod migrations;
mod oidc;
pub mod people;
mod query;
pub mod rate_limits;
pub mod records;
mod sessions;
mod settings;
mod sign_in;
pub mod testing;
mod users;

pub use areas::{Accounts, Assessments, Charging, Directory, FrontDoor, Jobs, People, Settings};
pub use audit::{Actor, AuditContext, AuditEntry, AuditFilter, AuditPage, AuditRow, LastChange};
pub use connect::{DatabaseUrl, Engine};
pub use demo::{DemoSummary, demo_assessment_rows, demo_loaded};
pub(crate) use error::stored;
pub use error::{StoreError, refused};
pub use hearth_domain::ids::{
    AssessmentId, CapacityId, ChargingRequestId, ConnectionId, ContactId, ConversationId, DeterminationId,
    FinancialAssessmentId, GrantId, NoteId, OrganizationId, PersonId, PlanId, ProblemId, ProposalId, RelationId,
    RepresentativeId, ReviewId, ServiceAtLocationId, ServiceId, ServiceLineId, SubjectAccessId, TaskId, TaxonomyId,
    TaxonomyTermId, TeamId, UserId, WarningId,
};
pub use jobs::{ClaimedJob, JobOutcome};
pub use oidc::PendingOidcLogin;
pub use sessions::{NewSession, SessionUser, SignedOutBecause, random_token};
pub use users::{NewUser, User, UserForSignIn, roles_token};

use sea_orm::{DatabaseConnection, DatabaseTransaction, SqliteTransactionMode, TransactionOptions, TransactionTrait};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// A handle on the database, cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    db: DatabaseConnection,
    engine: Engine,
    /// Recent public search results, shared by this node's clones of the store (none: every
    /// search asks the database).
    search_cache: Option<std::sync::Arc<directory::search::SearchCache>>,
}

impl Store {
    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// Runs a trivial query, to tell whether the database is reachable.
    pub async fn ping(&self) -> Result<()> {
        self.db.ping().await?;
        Ok(())
    }

    /// Starts a transaction that will write. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`), so that two writers queue rather than fail part-way.
    async fn write(&self) -> Result<DatabaseTransaction> {
        let options = TransactionOptions {
            sqlite_transaction_mode: (self.engine == Engine::Sqlite).then_some(SqliteTransactionMode::Immediate),
            ..Default::default()
        };
        Ok(self.db.begin_with_options(options).await?)
    }

    /// This store without the search cache, for benchmarks that measure every search in full.
    pub fn without_search_cache(mut self) -> Store {
        self.search_cache = None;
        self
    }

    /// This store, counting the statements it sends, for tests that a page reads a list in a
    /// fixed number of queries however long the list grows (no query per row).
    #[doc(hidden)]
    pub fn counting_queries(mut self) -> (Store, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
        let count = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let seen = count.clone();
        self.db.set_metric_callback(move |_| {
            seen.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        });
        (self, count)
    }

    /// The connection, for this crate's tests and benchmarks.
    #[doc(hidden)]
    pub fn connection(&self) -> &DatabaseConnection {
        &self.db
    }

    pub async fn close(self) -> Result<()> {
        self.db.close().await?;
        Ok(())
    }
}
