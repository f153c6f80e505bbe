//! The national figures and deferred-payment interest rates: Hearth's shipped files (so an
//! upgrade brings corrected figures at once), except for any year, or the interest rates, that the
//! council has imported its own copy of, which then stands until it imports another. And the
//! council's charging policy, by the day it applies from.

use crate::audit::{AuditContext, AuditEntry, append};
use crate::entities::{charging_policy, charging_reference};
use crate::refused;
use crate::{Charging, Result, StoreError};
use hearth_domain::charging::figures::{self, FiguresBook, InterestRates, NationalFigures};
use hearth_domain::charging::policy::{LocalPolicy, PolicyHistory};
use hearth_domain::edits::EditToken;
use sea_orm::sea_query::OnConflict;
use sea_orm::{EntityTrait, QueryOrder, Set};

/// One loaded reference document, for the officers' page.
#[derive(Clone, Debug)]
pub struct ReferenceRow {
    pub key: String,
    pub origin: String,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

const INTEREST: &str = "interest";

fn national_key(year: &str) -> String {
    format!("national:{year}")
}

async fn put(
    txn: &sea_orm::DatabaseTransaction,
    key: &str,
    document: &str,
    origin: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    charging_reference::Entity::insert(charging_reference::ActiveModel {
        key: Set(key.to_owned()),
        document: Set(document.to_owned()),
        origin: Set(origin.to_owned()),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(charging_reference::Column::Key)
            .update_columns([
                charging_reference::Column::Document,
                charging_reference::Column::Origin,
                charging_reference::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    Ok(())
}

async fn policy_token<C: sea_orm::ConnectionTrait>(conn: &C) -> Result<EditToken> {
    let rows = charging_policy::Entity::find().order_by_asc(charging_policy::Column::EffectiveFrom).all(conn).await?;
    let history: Vec<(chrono::NaiveDate, &str)> =
        rows.iter().map(|r| (r.effective_from, r.document.as_str())).collect();
    Ok(EditToken::of(&history))
}

impl Charging<'_> {
    /// Imports a council's copy of a year's figures (checked first). Audited.
    pub async fn import_charging_figures(&self, ctx: &AuditContext, text: &str) -> Result<NationalFigures> {
        let figures = NationalFigures::from_toml(text).map_err(|e| refused("file", e.to_string()))?;
        let txn = self.store.write().await?;
        put(&txn, &national_key(&figures.year), text, "imported", ctx.now).await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("charging-figures-imported")
                .record("charging-figures", &figures.year)
                .details(serde_json::json!({"valid_from": figures.valid_from})),
        )
        .await?;
        txn.commit().await?;
        Ok(figures)
    }

    /// Imports a council's copy of the deferred-payment interest rates. Audited.
    pub async fn import_interest_rates(&self, ctx: &AuditContext, text: &str) -> Result<InterestRates> {
        let rates = InterestRates::from_toml(text).map_err(|e| refused("file", e.to_string()))?;
        let txn = self.store.write().await?;
        put(&txn, INTEREST, text, "imported", ctx.now).await?;
        append(
            &txn,
            ctx,
            AuditEntry::new("charging-interest-imported").details(serde_json::json!({"rates": rates.rates.len()})),
        )
        .await?;
        txn.commit().await?;
        Ok(rates)
    }

    /// Every year's figures: the shipped ones, with any year the council imported in its place.
    pub async fn charging_figures(&self) -> Result<FiguresBook> {
        let rows = charging_reference::Entity::find().all(&self.store.db).await?;
        let imported: Vec<NationalFigures> = rows
            .iter()
            .filter(|r| r.key.starts_with("national:"))
            .map(|r| {
                NationalFigures::from_toml(&r.document).map_err(|e| StoreError::Unreadable(format!("{}: {e}", r.key)))
            })
            .collect::<Result<_>>()?;
        let mut years: Vec<NationalFigures> =
            figures::shipped().years().iter().filter(|y| !imported.iter().any(|i| i.year == y.year)).cloned().collect();
        years.extend(imported);
        Ok(FiguresBook::new(years))
    }

    /// The deferred-payment interest rates: the council's copy if it imported one, else Hearth's.
    pub async fn interest_rates(&self) -> Result<InterestRates> {
        match charging_reference::Entity::find_by_id(INTEREST.to_owned()).one(&self.store.db).await? {
            Some(row) => InterestRates::from_toml(&row.document).map_err(|e| StoreError::Unreadable(e.to_string())),
            None => Ok(figures::shipped_interest()),
        }
    }

    /// The documents the council has imported.
    pub async fn charging_reference_rows(&self) -> Result<Vec<ReferenceRow>> {
        let rows = charging_reference::Entity::find()
            .order_by_asc(charging_reference::Column::Key)
            .all(&self.store.db)
            .await?;
        Ok(rows.into_iter().map(|r| ReferenceRow { key: r.key, origin: r.origin, updated_at: r.updated_at }).collect())
    }

    /// The council's policies, each by the day it applies from.
    pub async fn charging_policies(&self) -> Result<PolicyHistory> {
        let rows = charging_policy::Entity::find().all(&self.store.db).await?;
        let policies = rows
            .iter()
            .map(|r| {
                serde_json::from_str(&r.document)
                    .map_err(|e| StoreError::Unreadable(format!("charging policy from {}: {e}", r.effective_from)))
            })
            .collect::<Result<Vec<LocalPolicy>>>()?;
        Ok(PolicyHistory::new(policies))
    }

    /// The token of the whole policy history, as the policy page shows it (`hearth_domain::edits`).
    pub async fn charging_policy_token(&self) -> Result<EditToken> {
        policy_token(&self.store.db).await
    }

    /// Sets the policy that applies from its `effective_from` day (replacing one set for the
    /// same day). Refused if it is not within the law. Audited with the old and new policy. With
    /// `expected` (`charging_policy_token` when the page was shown), refused as stale when
    /// someone set a policy meanwhile.
    pub async fn set_charging_policy(
        &self,
        ctx: &AuditContext,
        policy: &LocalPolicy,
        expected: Option<&EditToken>,
    ) -> Result<()> {
        let mut problems = hearth_domain::Problems::default();
        for problem in policy.problems() {
            problems.add(problem.field, problem.problem);
        }
        problems.into_result()?;
        let document = serde_json::to_string(policy).expect("policies serialise");
        let txn = self.store.write().await?;
        if let Some(expected) = expected
            && *expected != policy_token(&txn).await?
        {
            return Err(StoreError::Stale);
        }
        let before = charging_policy::Entity::find_by_id(policy.effective_from).one(&txn).await?;
        charging_policy::Entity::insert(charging_policy::ActiveModel {
            effective_from: Set(policy.effective_from),
            document: Set(document.clone()),
            set_by: Set(crate::people::records::ctx_user(ctx)),
            set_at: Set(ctx.now),
        })
        .on_conflict(
            OnConflict::column(charging_policy::Column::EffectiveFrom)
                .update_columns([
                    charging_policy::Column::Document,
                    charging_policy::Column::SetBy,
                    charging_policy::Column::SetAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
        let before: Option<serde_json::Value> = before.and_then(|b| serde_json::from_str(&b.document).ok());
        append(
            &txn,
            ctx,
            AuditEntry::new("charging-policy-set")
                .record("charging-policy", policy.effective_from.to_string())
                .details(serde_json::json!({"before": before, "after": serde_json::from_str::<serde_json::Value>(&document).expect("just written")})),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}
