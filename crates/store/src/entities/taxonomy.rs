use hearth_domain::ids::TaxonomyId;
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "taxonomy")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: TaxonomyId,
    pub name: String,
    pub description: String,
    pub uri: Option<String>,
    pub version: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
