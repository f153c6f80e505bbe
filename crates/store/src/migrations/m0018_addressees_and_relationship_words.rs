//! Letters that go where the person asks: the postal address of someone who acts for them, and
//! whether the person asked for their letters to go there. And a relationship in the family's
//! own word ("wife", "stepson"), beside its kind.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column a statement: SQLite adds columns one at a time.
        for column in [
            string_null("address_line_1"),
            string_null("address_line_2"),
            string_null("address_town"),
            string_null("address_postcode"),
            boolean("letters_to_them").default(false).to_owned(),
        ] {
            let mut column = column;
            m.alter_table(Table::alter().table("person_representative").add_column(&mut column).to_owned()).await?;
        }
        m.alter_table(Table::alter().table("person_relationship").add_column(string_null("called")).to_owned()).await
    }
}
