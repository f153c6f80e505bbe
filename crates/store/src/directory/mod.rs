//! The directory's storage: postcodes, services and organisations, search, editing and review.

pub mod editing;
pub mod organisations;
pub mod postcodes;
pub mod problems;
pub mod review;
pub mod search;
pub mod services;
pub mod taxonomies;

use crate::Result;
use sea_orm::ConnectionTrait;

/// Raises the directory's generation (which search caches are keyed by), inside the
/// transaction that changes the directory.
pub(crate) async fn directory_changed(txn: &sea_orm::DatabaseTransaction) -> Result<()> {
    txn.execute_unprepared("UPDATE directory_generation SET generation = generation + 1 WHERE id = 1").await?;
    Ok(())
}
