use sea_orm::{DbErr, SqlErr};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the database URL is not one Hearth understands: {0}")]
    BadUrl(String),
    #[error("could not create the folder for the database file: {0}")]
    CreateDir(#[from] std::io::Error),
    #[error("not found")]
    NotFound,
    #[error("there is already a staff account with this email address")]
    EmailTaken,
    #[error("this has already been decided, perhaps by someone else")]
    AlreadyDecided,
    /// The request breaks a rule: every problem, each keyed by the form field it is about.
    #[error("refused: {0}")]
    Refused(hearth_domain::Problems),
    /// A stored value that does not read back as its type (a bug or a hand edit, never input).
    #[error("stored data could not be read: {0}")]
    Unreadable(String),
    #[error("someone else changed this record meanwhile; look at it again before saving")]
    Stale,
    #[error("the audit log is broken: {0}")]
    AuditChain(#[from] hearth_domain::audit::ChainBreak),
    #[error("database error: {0}")]
    Db(DbErr),
}

impl From<hearth_domain::AlreadyDecided> for StoreError {
    fn from(_: hearth_domain::AlreadyDecided) -> Self {
        StoreError::AlreadyDecided
    }
}

impl From<DbErr> for StoreError {
    fn from(err: DbErr) -> Self {
        StoreError::Db(err)
    }
}

impl From<hearth_domain::Problems> for StoreError {
    fn from(problems: hearth_domain::Problems) -> Self {
        StoreError::Refused(problems)
    }
}

/// A refusal with one problem, keyed by the form field it is about.
pub fn refused(field: impl Into<std::borrow::Cow<'static, str>>, message: impl Into<String>) -> StoreError {
    StoreError::Refused(hearth_domain::Problems::one(field, message))
}

/// A code read back from a column as its type. A code Hearth never writes is reported as
/// unreadable (naming the row), never taken as some default that would change what the
/// record means.
pub(crate) fn stored<T>(
    what: &str,
    id: impl std::fmt::Display,
    key: &str,
    from_key: impl Fn(&str) -> Option<T>,
) -> Result<T, StoreError> {
    from_key(key).ok_or_else(|| StoreError::Unreadable(format!("{what} {id}: {key:?}")))
}

impl StoreError {
    /// True for a failure to reach the database, as opposed to a fault in a query.
    pub fn is_unavailable(&self) -> bool {
        matches!(self, StoreError::Db(DbErr::ConnectionAcquire(_) | DbErr::Conn(_)))
    }

    pub(crate) fn is_unique_violation(err: &DbErr) -> bool {
        matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
    }
}
