use hearth_domain::ids::{TaxonomyId, TaxonomyTermId};
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "taxonomy_term")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: TaxonomyTermId,
    pub taxonomy_id: Option<TaxonomyId>,
    pub parent_id: Option<TaxonomyTermId>,
    pub code: Option<String>,
    pub name: String,
    pub description: String,
    pub term_uri: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
