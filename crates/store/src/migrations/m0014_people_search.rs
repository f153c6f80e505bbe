//! Finding people by the start of their first name (typed as "Marg" for Margaret) reads an index
//! too, as the family name's already did.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(super::index("person_given_key", "person", &["given_key"])).await
    }
}
