//! Saving and reading directory services. A service is kept as its HSDS document; saving it also
//! rebuilds its index rows, in the same transaction, so the two can never disagree.

use crate::audit::{AuditContext, AuditEntry, append};
use crate::entities::{
    directory_access, directory_document, directory_location, directory_opening, directory_organization,
    directory_service, directory_service_area, directory_service_term, directory_vocabulary, taxonomy_term,
};
use crate::{Directory, OrganizationId, Result, ServiceId, StoreError, TaxonomyTermId};
use hearth_domain::directory::hsds::{Organization, Service};
use hearth_domain::directory::index::ServiceIndex;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

pub(crate) fn decode<T: serde::de::DeserializeOwned>(document: &str) -> Result<T> {
    serde_json::from_str(document).map_err(|e| StoreError::Db(sea_orm::DbErr::Json(e.to_string())))
}

/// The HSDS documents of these services, in the order of `ids` (any not found are left out).
pub(crate) async fn documents<C: sea_orm::ConnectionTrait>(
    conn: &C,
    ids: &[ServiceId],
) -> Result<Vec<(ServiceId, Service)>> {
    let mut by_id = std::collections::HashMap::new();
    for chunk in ids.chunks(500) {
        for row in directory_document::Entity::find()
            .filter(directory_document::Column::ServiceId.is_in(chunk.to_vec()))
            .all(conn)
            .await?
        {
            by_id.insert(row.service_id, row.document);
        }
    }
    ids.iter()
        .filter_map(|id| by_id.remove(id).map(|doc| (id, doc)))
        .map(|(id, doc)| Ok((id.clone(), decode(&doc)?)))
        .collect()
}

/// One service's HSDS document.
pub(crate) async fn document<C: sea_orm::ConnectionTrait>(conn: &C, id: &ServiceId) -> Result<Option<Service>> {
    match directory_document::Entity::find_by_id(id.clone()).one(conn).await? {
        Some(row) => Ok(Some(decode(&row.document)?)),
        None => Ok(None),
    }
}

pub(crate) async fn save_organization(txn: &DatabaseTransaction, ctx: &AuditContext, org: &Organization) -> Result<()> {
    directory_organization::Entity::insert(directory_organization::ActiveModel {
        id: Set(org.id.clone()),
        name: Set(org.name.clone()),
        document: Set(serde_json::to_string(org).expect("organisations serialise")),
        updated_at: Set(ctx.now),
    })
    .on_conflict(
        OnConflict::column(directory_organization::Column::Id)
            .update_columns([
                directory_organization::Column::Name,
                directory_organization::Column::Document,
                directory_organization::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    Ok(())
}

/// What a service is searched by: its name, its categories and its description, as stems.
fn search_text(index: &ServiceIndex) -> String {
    hearth_domain::directory::text::index_text(&[
        index.name.as_str(),
        &index.term_names.join(" "),
        index.description.as_str(),
    ])
}

/// An HSDS `assured_date` (a date, or a date and time) as the moment to count reviews from.
fn assured_at(date: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_rfc3339(date).map(|d| d.to_utc()).ok().or_else(|| {
        chrono::NaiveDate::parse_from_str(date.get(..10)?, "%Y-%m-%d")
            .ok()
            .map(|d| d.and_time(chrono::NaiveTime::MIN).and_utc())
    })
}

/// Adds a service's stems to the vocabulary that typing mistakes are matched against.
pub(crate) async fn save_vocabulary(txn: &DatabaseTransaction, search_text: &str) -> Result<()> {
    let mut stems: Vec<&str> = search_text.split_whitespace().collect();
    stems.sort_unstable();
    stems.dedup();
    if stems.is_empty() {
        return Ok(());
    }
    directory_vocabulary::Entity::insert_many(
        stems.into_iter().map(|t| directory_vocabulary::ActiveModel { token: Set(t.to_owned()) }),
    )
    .on_conflict(OnConflict::column(directory_vocabulary::Column::Token).do_nothing().to_owned())
    .exec_without_returning(txn)
    .await?;
    Ok(())
}

/// Replaces the ONS areas a service covers.
async fn save_areas(txn: &DatabaseTransaction, service_id: &ServiceId, codes: &[String]) -> Result<()> {
    directory_service_area::Entity::delete_many()
        .filter(directory_service_area::Column::ServiceId.eq(service_id))
        .exec(txn)
        .await?;
    if !codes.is_empty() {
        directory_service_area::Entity::insert_many(codes.iter().map(|code| directory_service_area::ActiveModel {
            service_id: Set(service_id.clone()),
            area_code: Set(code.clone()),
        }))
        .exec_without_returning(txn)
        .await?;
    }
    Ok(())
}

/// Saves one service (and its organisation) inside an open transaction. Used by imports, which
/// save many services in one transaction, and by [`Directory::save_service`].
pub(crate) async fn save_in(txn: &DatabaseTransaction, ctx: &AuditContext, service: &Service) -> Result<()> {
    let mut service = service.clone();
    service.last_modified = Some(ctx.now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true));
    if let Some(org) = &service.organization {
        save_organization(txn, ctx, org).await?;
        service.organization_id = Some(org.id.clone());
    }
    let index = ServiceIndex::of(&service);
    let search_text = search_text(&index);
    save_vocabulary(txn, &search_text).await?;
    let existed = directory_service::Entity::find_by_id(service.id.clone()).one(txn).await?.is_some();
    let row = directory_service::ActiveModel {
        id: Set(service.id.clone()),
        organization_id: Set(index.organization_id.clone()),
        name: Set(index.name.clone()),
        description: Set(index.description.clone()),
        status: Set(index.status.clone()),
        minimum_age: Set(index.minimum_age),
        maximum_age: Set(index.maximum_age),
        free: Set(index.free),
        search_text: Set(search_text),
        search_name: Set(hearth_domain::directory::text::index_text(&[index.name.as_str()])),
        last_modified: Set(ctx.now),
        assured_at: Set(service.assured_date.as_deref().and_then(assured_at)),
        reminded_at: sea_orm::NotSet,
    };
    directory_service::Entity::insert(row)
        .on_conflict(
            OnConflict::column(directory_service::Column::Id)
                .update_columns([
                    directory_service::Column::OrganizationId,
                    directory_service::Column::Name,
                    directory_service::Column::Description,
                    directory_service::Column::Status,
                    directory_service::Column::MinimumAge,
                    directory_service::Column::MaximumAge,
                    directory_service::Column::Free,
                    directory_service::Column::SearchText,
                    directory_service::Column::SearchName,
                    directory_service::Column::LastModified,
                    directory_service::Column::AssuredAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    directory_document::Entity::insert(directory_document::ActiveModel {
        service_id: Set(service.id.clone()),
        document: Set(serde_json::to_string(&service).expect("services serialise")),
    })
    .on_conflict(
        OnConflict::column(directory_document::Column::ServiceId)
            .update_column(directory_document::Column::Document)
            .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    directory_location::Entity::delete_many()
        .filter(directory_location::Column::ServiceId.eq(&service.id))
        .exec(txn)
        .await?;
    directory_opening::Entity::delete_many()
        .filter(directory_opening::Column::ServiceId.eq(&service.id))
        .exec(txn)
        .await?;
    directory_service_term::Entity::delete_many()
        .filter(directory_service_term::Column::ServiceId.eq(&service.id))
        .exec(txn)
        .await?;
    directory_access::Entity::delete_many()
        .filter(directory_access::Column::ServiceId.eq(&service.id))
        .exec(txn)
        .await?;
    save_areas(txn, &service.id, &index.area_codes).await?;
    if !index.access.is_empty() {
        directory_access::Entity::insert_many(index.access.iter().map(|f| directory_access::ActiveModel {
            service_id: Set(service.id.clone()),
            feature: Set(f.key().to_owned()),
        }))
        .exec_without_returning(txn)
        .await?;
    }
    if !index.locations.is_empty() {
        directory_location::Entity::insert_many(index.locations.iter().map(|l| directory_location::ActiveModel {
            service_at_location_id: Set(l.service_at_location_id.clone()),
            service_id: Set(service.id.clone()),
            location_id: Set(l.location_id.clone()),
            latitude: Set(l.latitude),
            longitude: Set(l.longitude),
            cell: Set(hearth_domain::directory::geo::cell_of(hearth_domain::directory::geo::LatLon {
                latitude: l.latitude,
                longitude: l.longitude,
            })),
            postcode: Set(l.postcode.clone()),
        }))
        .exec_without_returning(txn)
        .await?;
    }
    if !index.openings.is_empty() {
        directory_opening::Entity::insert_many(index.openings.iter().map(|o| directory_opening::ActiveModel {
            service_id: Set(service.id.clone()),
            day: Set(i16::from(o.day)),
            opens: Set(i32::from(o.opens)),
            closes: Set(i32::from(o.closes)),
        }))
        .exec_without_returning(txn)
        .await?;
    }
    // Terms a service carries are kept as terms too, so they can be listed and filtered on.
    for term in service.attributes.iter().filter_map(|a| a.taxonomy_term.as_ref()) {
        taxonomy_term::Entity::insert(taxonomy_term::ActiveModel {
            id: Set(term.id.clone()),
            taxonomy_id: Set(None),
            parent_id: Set(term.parent_id.clone()),
            code: Set(term.code.clone()),
            name: Set(term.name.clone()),
            description: Set(term.description.clone()),
            term_uri: Set(term.term_uri.clone()),
        })
        .on_conflict(OnConflict::column(taxonomy_term::Column::Id).do_nothing().to_owned())
        .exec_without_returning(txn)
        .await?;
    }
    if !index.term_ids.is_empty() {
        directory_service_term::Entity::insert_many(index.term_ids.iter().map(|t| {
            directory_service_term::ActiveModel { service_id: Set(service.id.clone()), term_id: Set(t.clone()) }
        }))
        .exec_without_returning(txn)
        .await?;
    }
    let action = if existed { "directory-service-updated" } else { "directory-service-added" };
    append(txn, ctx, AuditEntry::new(action).record("directory-service", &service.id)).await?;
    Ok(())
}

/// Bump when the way search text is built changes; services are re-indexed at the next start.
const SEARCH_INDEX_VERSION: &str = "4";

impl Directory<'_> {
    /// Rebuilds every service's search text if it was built by an older version of Hearth.
    pub async fn ensure_search_index(&self) -> Result<()> {
        self.ensure_full_text_rows().await?;
        // An empty directory has nothing to rebuild (and a new database nothing to record).
        if self.store.settings().setting("search_index_version").await?.as_deref() == Some(SEARCH_INDEX_VERSION)
            || self.service_count().await? == 0
        {
            return Ok(());
        }
        let ctx = AuditContext::system(chrono::Utc::now());
        let txn = self.store.write().await?;
        let rows = directory_service::Entity::find().all(&txn).await?;
        let ids: Vec<ServiceId> = rows.iter().map(|r| r.id.clone()).collect();
        let mut docs: std::collections::HashMap<ServiceId, Service> =
            documents(&txn, &ids).await?.into_iter().collect();
        let count = rows.len();
        for row in rows {
            let Some(service) = docs.remove(&row.id) else { continue };
            let index = ServiceIndex::of(&service);
            let search_text = search_text(&index);
            save_vocabulary(&txn, &search_text).await?;
            save_areas(&txn, &row.id, &index.area_codes).await?;
            let mut active: directory_service::ActiveModel = row.into();
            active.search_text = Set(search_text);
            active.search_name = Set(hearth_domain::directory::text::index_text(&[index.name.as_str()]));
            sea_orm::ActiveModelTrait::update(active, &txn).await?;
        }
        crate::settings::put(&txn, &ctx, "search_index_version", SEARCH_INDEX_VERSION).await?;
        append(&txn, &ctx, AuditEntry::new("search-index-rebuilt").details(serde_json::json!({"services": count})))
            .await?;
        crate::directory::directory_changed(&txn).await?;
        txn.commit().await?;
        Ok(())
    }
}

impl Directory<'_> {
    /// SQLite's full-text rows share their service's rowid, which a `VACUUM` may renumber. If any
    /// row no longer lines up, rebuild the full-text table from the services (PostgreSQL's index
    /// is a column of the service row and cannot drift).
    async fn ensure_full_text_rows(&self) -> Result<()> {
        use sea_orm::{ConnectionTrait, Statement};
        if self.store.engine != crate::Engine::Sqlite {
            return Ok(());
        }
        let backend = self.store.db.get_database_backend();
        let count = |sql: &str| Statement::from_string(backend, sql.to_owned());
        let lined_up = self
            .store
            .db
            .query_one_raw(count(
                "SELECT (SELECT count(*) FROM directory_service) = (SELECT count(*) FROM directory_service s \
                 JOIN directory_service_fts f ON f.rowid = s.rowid AND f.service_id = s.id) \
                 AND (SELECT count(*) FROM directory_service_fts) = (SELECT count(*) FROM directory_service)",
            ))
            .await?
            .map(|r| r.try_get_by_index::<i64>(0))
            .transpose()?
            == Some(1);
        if lined_up {
            return Ok(());
        }
        let txn = self.store.write().await?;
        txn.execute_unprepared("DELETE FROM directory_service_fts").await?;
        txn.execute_unprepared(
            "INSERT INTO directory_service_fts(rowid, service_id, name, body) \
             SELECT rowid, id, search_name, search_text FROM directory_service",
        )
        .await?;
        crate::directory::directory_changed(&txn).await?;
        txn.commit().await?;
        tracing::warn!("the full-text search table did not line up with the services and was rebuilt");
        Ok(())
    }
}

impl Directory<'_> {
    /// Organisations by name, a page at a time, with the total. `search` looks in the name.
    pub async fn organization_page(
        &self,
        search: Option<&str>,
        page: u64,
        per_page: u64,
    ) -> Result<(Vec<Organization>, u64)> {
        let mut query = directory_organization::Entity::find();
        if let Some(words) = search.map(str::trim).filter(|w| !w.is_empty()) {
            query = query.filter(crate::query::contains(directory_organization::Column::Name, words));
        }
        let total = query.clone().count(&self.store.db).await?;
        let rows = query
            .order_by_asc(directory_organization::Column::Name)
            .order_by_asc(directory_organization::Column::Id)
            .offset(page.saturating_sub(1) * per_page)
            .limit(per_page)
            .all(&self.store.db)
            .await?;
        let organizations = rows.iter().map(|r| decode(&r.document)).collect::<Result<Vec<Organization>>>()?;
        Ok((organizations, total))
    }

    pub async fn organization(&self, id: &OrganizationId) -> Result<Option<Organization>> {
        match directory_organization::Entity::find_by_id(id.to_owned()).one(&self.store.db).await? {
            Some(row) => Ok(Some(decode(&row.document)?)),
            None => Ok(None),
        }
    }
}

/// A page of services.
#[derive(Debug)]
pub struct ServicePage {
    pub services: Vec<Service>,
    pub total: u64,
}

impl Directory<'_> {
    /// Saves one service as approved and published.
    pub async fn save_service(&self, ctx: &AuditContext, service: &Service) -> Result<()> {
        let txn = self.store.write().await?;
        save_in(&txn, ctx, service).await?;
        crate::directory::directory_changed(&txn).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Saves many services in one transaction: all of them, or (on any error) none.
    pub async fn save_services(
        &self,
        ctx: &AuditContext,
        services: &[Service],
        mut progress: impl FnMut(usize),
    ) -> Result<()> {
        let txn = self.store.write().await?;
        for (i, service) in services.iter().enumerate() {
            save_in(&txn, ctx, service).await?;
            progress(i + 1);
        }
        crate::directory::directory_changed(&txn).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Removes a service and its index rows (they cascade), recording who and why.
    pub async fn delete_service(&self, ctx: &AuditContext, id: &ServiceId, reason: &str) -> Result<bool> {
        let txn = self.store.write().await?;
        let removed = directory_service::Entity::delete_by_id(id.clone()).exec(&txn).await?.rows_affected > 0;
        if removed {
            append(
                &txn,
                ctx,
                AuditEntry::new("directory-service-removed").record("directory-service", id).reason(reason),
            )
            .await?;
        }
        crate::directory::directory_changed(&txn).await?;
        txn.commit().await?;
        Ok(removed)
    }

    /// The terms that published services are filed under, by name: the public pages' categories.
    /// Kept with the directory's generation, like public searches, since every search page shows
    /// them; worked out with one `EXISTS` per term.
    pub async fn terms_in_use(&self) -> Result<Vec<(TaxonomyTermId, String)>> {
        let Some(cache) = self.store.search_cache.clone() else { return self.terms_in_use_uncached().await };
        let generation = self.directory_generation().await?;
        if let Some(kept) = cache.categories(generation) {
            return Ok(kept);
        }
        let categories = self.terms_in_use_uncached().await?;
        cache.keep_categories(generation, &categories);
        Ok(categories)
    }

    async fn terms_in_use_uncached(&self) -> Result<Vec<(TaxonomyTermId, String)>> {
        use sea_orm::sea_query::{Expr, ExprTrait, Query};
        let used = Query::select()
            .expr(Expr::val(1))
            .from(directory_service_term::Entity)
            .inner_join(
                directory_service::Entity,
                Expr::col((directory_service::Entity, directory_service::Column::Id))
                    .equals((directory_service_term::Entity, directory_service_term::Column::ServiceId)),
            )
            .and_where(
                Expr::col((directory_service_term::Entity, directory_service_term::Column::TermId))
                    .equals((taxonomy_term::Entity, taxonomy_term::Column::Id)),
            )
            .and_where(Expr::col((directory_service::Entity, directory_service::Column::Status)).eq("active"))
            // LIMIT 1 keeps PostgreSQL from turning this into a join over every service; as a
            // subquery per term it stops at the term's first published service.
            .limit(1)
            .to_owned();
        let rows = taxonomy_term::Entity::find()
            .filter(Expr::exists(used))
            .order_by_asc(taxonomy_term::Column::Name)
            .all(&self.store.db)
            .await?;
        Ok(rows.into_iter().map(|t| (t.id, t.name)).collect())
    }

    pub async fn service(&self, id: &ServiceId) -> Result<Option<Service>> {
        document(&self.store.db, id).await
    }

    /// Services by name, a page at a time (pages count from 1). `public_only` keeps to the
    /// services the public may see (active ones).
    pub async fn services(&self, page: u64, per_page: u64, public_only: bool) -> Result<ServicePage> {
        let mut query = directory_service::Entity::find();
        if public_only {
            query = query.filter(directory_service::Column::Status.eq("active"));
        }
        let total = query.clone().count(&self.store.db).await?;
        let rows = query
            .order_by_asc(directory_service::Column::Name)
            .order_by_asc(directory_service::Column::Id)
            .offset(page.saturating_sub(1) * per_page)
            .limit(per_page)
            .all(&self.store.db)
            .await?;
        let ids: Vec<ServiceId> = rows.into_iter().map(|r| r.id).collect();
        let services = documents(&self.store.db, &ids).await?.into_iter().map(|(_, s)| s).collect();
        Ok(ServicePage { services, total })
    }

    pub async fn service_count(&self) -> Result<u64> {
        Ok(directory_service::Entity::find().count(&self.store.db).await?)
    }

    /// Places services are delivered, for tests and statistics.
    pub async fn location_count(&self) -> Result<u64> {
        Ok(directory_location::Entity::find().count(&self.store.db).await?)
    }
}
