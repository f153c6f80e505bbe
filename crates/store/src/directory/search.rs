//! Finding services: every filter the public pages and the Open Referral API offer, combined with
//! AND (the HSDS "cumulative" rule).
//!
//! Words are matched, for now, as case-insensitive substrings of the name, description and
//! category names, every word required. Ranked full-text search with stemming, synonyms and typo
//! tolerance replaces this matcher behind the same filter.

use crate::entities::{directory_location, directory_opening, directory_service, directory_service_term};
use crate::{Result, Store};
use chrono::{DateTime, Utc};
use hearth_domain::directory::geo::{LatLon, bounding_box, distance_m};
use hearth_domain::directory::hsds::Service;
use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr, Query};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// A search. Empty fields do not filter.
#[derive(Clone, Debug, Default)]
pub struct ServiceFilter {
    pub words: Option<String>,
    pub organization_id: Option<String>,
    /// Services filed under any of these terms (the caller adds descendants where wanted).
    pub term_ids: Vec<String>,
    /// ORUK: services whose minimum age is at least this.
    pub minimum_age_at_least: Option<f64>,
    /// ORUK: services whose maximum age is at most this.
    pub maximum_age_at_most: Option<f64>,
    /// The public pages: services open to someone of this age (no limit counts as open).
    pub suitable_for_age: Option<f64>,
    pub free_only: bool,
    pub modified_after: Option<DateTime<Utc>>,
    /// Open on this day (0 is Monday).
    pub day: Option<u8>,
    /// Opening at or after this time (minutes after midnight), on `day` if given.
    pub opens_from: Option<u16>,
    /// Closing at or before this time.
    pub closes_by: Option<u16>,
    /// Open on any of these days (0 is Monday), such as Saturday or Sunday for "at the weekend".
    pub any_of_days: Vec<u8>,
    /// Open at this moment: a day (0 is Monday) and minutes after midnight, in local time.
    pub open_at: Option<(u8, u16)>,
    /// Within this many metres of this point, nearest first.
    pub near: Option<(LatLon, f64)>,
    /// Leave out services the public should not see.
    pub public_only: bool,
}

/// A service found, with how far away it is when the search had a point.
#[derive(Clone, Debug)]
pub struct Found {
    pub service: Service,
    pub distance_m: Option<f64>,
}

#[derive(Debug)]
pub struct SearchPage {
    pub found: Vec<Found>,
    pub total: u64,
}

fn escape_like(word: &str) -> String {
    word.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

impl ServiceFilter {
    fn condition(&self) -> Condition {
        use directory_service::Column as S;
        let mut c = Condition::all();
        if self.public_only {
            c = c.add(S::Status.eq("active"));
        }
        for word in self.words.iter().flat_map(|w| w.split_whitespace()) {
            let pattern = format!("%{}%", escape_like(&word.to_lowercase()));
            // `search_text` is stored lower-cased (Unicode-aware, in Rust), so no SQL LOWER is needed.
            c = c.add(Expr::col((directory_service::Entity, S::SearchText)).like(LikeExpr::new(pattern).escape('\\')));
        }
        if let Some(org) = &self.organization_id {
            c = c.add(S::OrganizationId.eq(org.clone()));
        }
        if !self.term_ids.is_empty() {
            c = c.add(
                S::Id.in_subquery(
                    Query::select()
                        .column(directory_service_term::Column::ServiceId)
                        .from(directory_service_term::Entity)
                        .and_where(directory_service_term::Column::TermId.is_in(self.term_ids.clone()))
                        .to_owned(),
                ),
            );
        }
        if let Some(age) = self.minimum_age_at_least {
            c = c.add(S::MinimumAge.gte(age));
        }
        if let Some(age) = self.maximum_age_at_most {
            c = c.add(S::MaximumAge.lte(age));
        }
        if let Some(age) = self.suitable_for_age {
            c = c
                .add(Condition::any().add(S::MinimumAge.is_null()).add(S::MinimumAge.lte(age)))
                .add(Condition::any().add(S::MaximumAge.is_null()).add(S::MaximumAge.gte(age)));
        }
        if self.free_only {
            c = c.add(S::Free.eq(true));
        }
        if let Some(after) = self.modified_after {
            c = c.add(S::LastModified.gte(after));
        }
        if self.day.is_some() || self.opens_from.is_some() || self.closes_by.is_some() {
            let mut openings = Query::select();
            openings.column(directory_opening::Column::ServiceId).from(directory_opening::Entity);
            if let Some(day) = self.day {
                openings.and_where(directory_opening::Column::Day.eq(i16::from(day)));
            }
            if let Some(from) = self.opens_from {
                openings.and_where(directory_opening::Column::Opens.gte(i32::from(from)));
            }
            if let Some(by) = self.closes_by {
                openings.and_where(directory_opening::Column::Closes.lte(i32::from(by)));
            }
            c = c.add(S::Id.in_subquery(openings.to_owned()));
        }
        if !self.any_of_days.is_empty() {
            let days: Vec<i16> = self.any_of_days.iter().map(|d| i16::from(*d)).collect();
            c = c.add(
                S::Id.in_subquery(
                    Query::select()
                        .column(directory_opening::Column::ServiceId)
                        .from(directory_opening::Entity)
                        .and_where(directory_opening::Column::Day.is_in(days))
                        .to_owned(),
                ),
            );
        }
        if let Some((day, minute)) = self.open_at {
            c = c.add(
                S::Id.in_subquery(
                    Query::select()
                        .column(directory_opening::Column::ServiceId)
                        .from(directory_opening::Entity)
                        .and_where(directory_opening::Column::Day.eq(i16::from(day)))
                        .and_where(directory_opening::Column::Opens.lte(i32::from(minute)))
                        .and_where(directory_opening::Column::Closes.gt(i32::from(minute)))
                        .to_owned(),
                ),
            );
        }
        if let Some((centre, radius)) = self.near {
            let (low, high) = bounding_box(centre, radius);
            c = c.add(
                S::Id.in_subquery(
                    Query::select()
                        .column(directory_location::Column::ServiceId)
                        .from(directory_location::Entity)
                        .and_where(directory_location::Column::Latitude.between(low.latitude, high.latitude))
                        .and_where(directory_location::Column::Longitude.between(low.longitude, high.longitude))
                        .to_owned(),
                ),
            );
        }
        c
    }
}

impl Store {
    /// Services matching `filter`, a page at a time (from 1). By name, or nearest first when
    /// the filter has a point.
    pub async fn search_services(&self, filter: &ServiceFilter, page: u64, per_page: u64) -> Result<SearchPage> {
        let query = directory_service::Entity::find().filter(filter.condition());
        let offset = page.saturating_sub(1) * per_page;
        let Some((centre, radius)) = filter.near else {
            let total = sea_orm::PaginatorTrait::count(query.clone(), &self.db).await?;
            let rows = query
                .order_by_asc(directory_service::Column::Name)
                .order_by_asc(directory_service::Column::Id)
                .offset(offset)
                .limit(per_page)
                .all(&self.db)
                .await?;
            let found = rows
                .iter()
                .map(|r| Ok(Found { service: serde_json::from_str(&r.document).map_err(json_err)?, distance_m: None }))
                .collect::<Result<Vec<_>>>()?;
            return Ok(SearchPage { found, total });
        };
        // The box above was a first cut; now the exact distance of each service's nearest place.
        let ids: Vec<String> =
            query.select_only().column(directory_service::Column::Id).into_tuple().all(&self.db).await?;
        let mut nearest: HashMap<String, f64> = HashMap::new();
        for chunk in ids.chunks(500) {
            let places = directory_location::Entity::find()
                .filter(directory_location::Column::ServiceId.is_in(chunk.to_vec()))
                .all(&self.db)
                .await?;
            for place in places {
                let d = distance_m(centre, LatLon { latitude: place.latitude, longitude: place.longitude });
                if d <= radius {
                    let best = nearest.entry(place.service_id).or_insert(d);
                    *best = best.min(d);
                }
            }
        }
        let mut ranked: Vec<(String, f64)> = nearest.into_iter().collect();
        ranked.sort_by(|a, b| a.1.total_cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
        let total = ranked.len() as u64;
        let page_ids: Vec<(String, f64)> = ranked.into_iter().skip(offset as usize).take(per_page as usize).collect();
        let rows = directory_service::Entity::find()
            .filter(directory_service::Column::Id.is_in(page_ids.iter().map(|(id, _)| id.clone()).collect::<Vec<_>>()))
            .all(&self.db)
            .await?;
        let by_id: HashMap<_, _> = rows.into_iter().map(|r| (r.id.clone(), r)).collect();
        let found = page_ids
            .into_iter()
            .filter_map(|(id, d)| by_id.get(&id).map(|r| (r.document.clone(), d)))
            .map(|(doc, d)| Ok(Found { service: serde_json::from_str(&doc).map_err(json_err)?, distance_m: Some(d) }))
            .collect::<Result<Vec<_>>>()?;
        Ok(SearchPage { found, total })
    }
}

fn json_err(e: serde_json::Error) -> crate::StoreError {
    crate::StoreError::Db(sea_orm::DbErr::Json(e.to_string()))
}
