//! Postcode look-ups, for "near LE1 5FQ" without an online geocoder.

use crate::entities::postcode;
use crate::{Directory, Result};
use hearth_domain::directory::geo::{LatLon, grid_to_wgs84};
use hearth_domain::directory::postcode::{Postcode, PostcodeQuery};
use sea_orm::sea_query::{Expr, ExprTrait, Func, OnConflict, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// One postcode as imported.
#[derive(Clone, Debug, PartialEq)]
pub struct PostcodeRecord {
    pub postcode: Postcode,
    pub easting: i32,
    pub northing: i32,
    pub lad_code: Option<String>,
    pub lsoa: Option<String>,
    pub terminated: bool,
}

/// Where a postcode (or the middle of an outward code) is.
#[derive(Clone, Debug, PartialEq)]
pub struct Located {
    pub query: PostcodeQuery,
    pub point: LatLon,
    /// The local authority district (ONS code) the postcode is in, when the file said; for an
    /// outward code, only when all its postcodes are in one.
    pub area_code: Option<String>,
}

const BATCH: usize = 500;

impl Directory<'_> {
    /// Adds or updates postcodes, all in one transaction: a file is imported whole or not at all.
    /// `progress` is told how many are done after each batch.
    pub async fn import_postcodes(&self, records: &[PostcodeRecord], mut progress: impl FnMut(usize)) -> Result<usize> {
        let txn = self.store.write().await?;
        for (i, chunk) in records.chunks(BATCH).enumerate() {
            let rows = chunk.iter().map(|r| {
                let point = grid_to_wgs84(f64::from(r.easting), f64::from(r.northing));
                postcode::ActiveModel {
                    postcode: Set(r.postcode.as_str().to_owned()),
                    outward: Set(r.postcode.outward().to_owned()),
                    easting: Set(r.easting),
                    northing: Set(r.northing),
                    latitude: Set(point.latitude),
                    longitude: Set(point.longitude),
                    lad_code: Set(r.lad_code.clone()),
                    lsoa: Set(r.lsoa.clone()),
                    terminated: Set(r.terminated),
                }
            });
            postcode::Entity::insert_many(rows)
                .on_conflict(
                    OnConflict::column(postcode::Column::Postcode)
                        .update_columns([
                            postcode::Column::Outward,
                            postcode::Column::Easting,
                            postcode::Column::Northing,
                            postcode::Column::Latitude,
                            postcode::Column::Longitude,
                            postcode::Column::LadCode,
                            postcode::Column::Lsoa,
                            postcode::Column::Terminated,
                        ])
                        .to_owned(),
                )
                .exec_without_returning(&txn)
                .await?;
            progress((i * BATCH + chunk.len()).min(records.len()));
        }
        txn.commit().await?;
        Ok(records.len())
    }

    /// Finds a postcode, or the centre of an outward code's postcodes (live ones, if it has any).
    /// `None` means we do not know it, and the caller must say so rather than search everywhere.
    pub async fn locate_postcode(&self, query: &PostcodeQuery) -> Result<Option<Located>> {
        let mut area_code = None;
        let point = match query {
            PostcodeQuery::Full(p) => {
                postcode::Entity::find_by_id(p.as_str().to_owned()).one(&self.store.db).await?.map(|row| {
                    area_code = row.lad_code.clone();
                    LatLon { latitude: row.latitude, longitude: row.longitude }
                })
            }
            PostcodeQuery::Outward(outward) => {
                let live = postcode::Entity::find()
                    .filter(postcode::Column::Outward.eq(outward.as_str()))
                    .filter(postcode::Column::Terminated.eq(false))
                    .one(&self.store.db)
                    .await?
                    .is_some();
                let mut q = Query::select();
                q.expr(Func::avg(Expr::col(postcode::Column::Latitude)))
                    .expr(Func::avg(Expr::col(postcode::Column::Longitude)))
                    .from(postcode::Entity)
                    .and_where(Expr::col(postcode::Column::Outward).eq(outward.as_str()));
                if live {
                    q.and_where(Expr::col(postcode::Column::Terminated).eq(false));
                }
                use sea_orm::QuerySelect;
                let districts: Vec<Option<String>> = postcode::Entity::find()
                    .filter(postcode::Column::Outward.eq(outward.as_str()))
                    .select_only()
                    .column(postcode::Column::LadCode)
                    .distinct()
                    .into_tuple()
                    .all(&self.store.db)
                    .await?;
                if let [Some(only)] = districts.as_slice() {
                    area_code = Some(only.clone());
                }
                let row = self.store.db.query_one(&q).await?;
                match row {
                    Some(r) => match (r.try_get_by_index::<Option<f64>>(0)?, r.try_get_by_index::<Option<f64>>(1)?) {
                        (Some(latitude), Some(longitude)) => Some(LatLon { latitude, longitude }),
                        _ => None,
                    },
                    None => None,
                }
            }
        };
        Ok(point.map(|point| Located { query: query.clone(), point, area_code }))
    }

    /// How many postcodes are loaded.
    pub async fn postcode_count(&self) -> Result<u64> {
        use sea_orm::PaginatorTrait;
        Ok(postcode::Entity::find().count(&self.store.db).await?)
    }
}
