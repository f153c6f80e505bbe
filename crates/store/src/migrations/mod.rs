//! Schema migrations, one list for both engines. Where SQLite and PostgreSQL need different
//! statements (triggers, for example), a migration branches on the backend in the same file.

use sea_orm_migration::prelude::*;

mod m0001_foundation;
mod m0002_postcodes;
mod m0003_directory;
mod m0004_search;
mod m0005_access;
mod m0006_problem_reports;
mod m0007_full_text;
mod m0008_directory_editing;
mod m0009_service_documents;
mod m0010_location_cells;
mod m0011_service_areas;
mod m0012_charging;
mod m0013_people;
mod m0014_people_search;
mod m0015_assessments;
mod m0016_person_keys;
mod m0017_rate_limits;
mod m0018_addressees_and_relationship_words;

/// A named index over some columns, for the migrations below.
pub(crate) fn index(name: &'static str, table: &'static str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table);
    for col in cols {
        index.col(*col);
    }
    index.to_owned()
}

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_foundation::Migration),
            Box::new(m0002_postcodes::Migration),
            Box::new(m0003_directory::Migration),
            Box::new(m0004_search::Migration),
            Box::new(m0005_access::Migration),
            Box::new(m0006_problem_reports::Migration),
            Box::new(m0007_full_text::Migration),
            Box::new(m0008_directory_editing::Migration),
            Box::new(m0009_service_documents::Migration),
            Box::new(m0010_location_cells::Migration),
            Box::new(m0011_service_areas::Migration),
            Box::new(m0012_charging::Migration),
            Box::new(m0013_people::Migration),
            Box::new(m0014_people_search::Migration),
            Box::new(m0015_assessments::Migration),
            Box::new(m0016_person_keys::Migration),
            Box::new(m0017_rate_limits::Migration),
            Box::new(m0018_addressees_and_relationship_words::Migration),
        ]
    }
}
