//! The year's uprating: every completed financial assessment worked out again with a new year's
//! figures and with its state pensions and benefits raised to the new year's rates
//! (`hearth_domain::charging::uprating`), shown first and changed only when confirmed. Used by
//! `hearth charging uprate` and the charging benchmark.

use hearth_domain::charging::input::AssessmentInput;
use hearth_domain::charging::money::Pence;
use hearth_domain::charging::record::written_record;
use hearth_domain::charging::uprating::raise_benefits;
use hearth_domain::charging::{FiguresBook, NationalFigures, Outcome, PolicyHistory, assess};
use hearth_store::charging::{Calculated, UprateCandidate, UprateWrite};
use hearth_store::{AuditContext, FinancialAssessmentId, Store};
use std::collections::HashMap;

/// Assessments read and written at a time.
pub const BATCH: u64 = 1_000;

/// One assessment whose charge the new figures change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub id: FinancialAssessmentId,
    pub reference: String,
    pub person_name: String,
    pub version: i32,
    pub before: Option<Pence>,
    pub after: Option<Pence>,
    /// The incomes raised, in words: "State Pension raised by 4.8%".
    pub raised: Vec<String>,
}

/// What an uprating would do, worked out but not yet written.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    pub year: String,
    pub valid_from: chrono::NaiveDate,
    pub examined: usize,
    /// Worked out again with the new figures; the charge stays the same.
    pub unchanged: usize,
    /// Already on the new year's figures, or dated after they begin.
    pub already_current: usize,
    pub changes: Vec<Change>,
    /// Assessments the new figures cannot work out (a figure missing, say), with why.
    pub problems: Vec<(String, String)>,
    /// Assessments with a pension or benefit raised to the new rates.
    pub incomes_raised: usize,
    /// Assessments with an income left as recorded that may have changed too (a job pension,
    /// earnings, Universal Credit).
    pub incomes_to_check: usize,
    /// Every assessment to write (changed or not): id and the version worked out from.
    versions: HashMap<FinancialAssessmentId, i32>,
}

impl Plan {
    pub fn to_write(&self) -> usize {
        self.versions.len()
    }
}

struct Again {
    input: AssessmentInput,
    result: hearth_domain::charging::Assessment,
    raised: Vec<String>,
    to_check: bool,
}

fn again(
    candidate: &UprateCandidate,
    figures: &NationalFigures,
    policies: &PolicyHistory,
) -> Result<Option<Again>, String> {
    let input: AssessmentInput =
        serde_json::from_str(&candidate.input).map_err(|e| format!("the stored assessment could not be read: {e}"))?;
    if input.date >= figures.valid_from {
        return Ok(None);
    }
    let raised = raise_benefits(&input, figures);
    let result = assess(&raised.input, figures, &policies.on(raised.input.date)).map_err(|e| e.to_string())?;
    Ok(Some(Again {
        input: raised.input,
        result,
        raised: raised.raised.iter().map(|r| format!("{} {}", r.kind.label(), r.how)).collect(),
        to_check: !raised.to_check.is_empty(),
    }))
}

/// Works out what uprating to `year` would change, a batch at a time. `progress` hears how many
/// have been worked out, of how many.
pub async fn plan(store: &Store, year: &str, mut progress: impl FnMut(usize, u64)) -> anyhow::Result<Plan> {
    let book: FiguresBook = store.charging().charging_figures().await?;
    let figures = book
        .year(year)
        .ok_or_else(|| {
            anyhow::anyhow!(
                "Hearth has no national figures for {year}. Import them first with hearth charging figures import FILE"
            )
        })?
        .clone();
    let policies = store.charging().charging_policies().await?;
    let total = store.charging().completed_assessment_count().await?;
    let mut plan = Plan { year: year.to_owned(), valid_from: figures.valid_from, ..Default::default() };
    let mut after: Option<FinancialAssessmentId> = None;
    loop {
        let batch = store.charging().uprate_candidates(after.as_ref(), BATCH).await?;
        let Some(last) = batch.last() else { break };
        after = Some(last.id.clone());
        for c in &batch {
            plan.examined += 1;
            match again(c, &figures, &policies) {
                Err(problem) => plan.problems.push((c.reference.clone(), problem)),
                Ok(None) => plan.already_current += 1,
                Ok(Some(Again { result, raised, to_check, .. })) => {
                    plan.versions.insert(c.id.clone(), c.version);
                    plan.incomes_raised += usize::from(!raised.is_empty());
                    plan.incomes_to_check += usize::from(to_check);
                    if result.weekly_charge == c.weekly_charge {
                        plan.unchanged += 1;
                    } else {
                        plan.changes.push(Change {
                            id: c.id.clone(),
                            reference: c.reference.clone(),
                            person_name: c.person_name.clone(),
                            version: c.version,
                            before: c.weekly_charge,
                            after: result.weekly_charge,
                            raised,
                        });
                    }
                }
            }
        }
        progress(plan.examined, total);
    }
    Ok(plan)
}

/// Writes the plan: each assessment in it gets a new version on the new figures, with a new
/// written record, unless someone changed it since the plan was made (those are returned).
pub async fn apply(
    store: &Store,
    ctx: &AuditContext,
    plan: &Plan,
    council: &str,
    mut progress: impl FnMut(usize, usize),
) -> anyhow::Result<(usize, Vec<FinancialAssessmentId>)> {
    let book = store.charging().charging_figures().await?;
    let figures = book.year(&plan.year).ok_or_else(|| anyhow::anyhow!("the {} figures have gone", plan.year))?.clone();
    let policies = store.charging().charging_policies().await?;
    let today = ctx.now.date_naive();
    let (mut written, mut stale) = (0, Vec::new());
    let mut after: Option<FinancialAssessmentId> = None;
    loop {
        let batch = store.charging().uprate_candidates(after.as_ref(), BATCH).await?;
        let Some(last) = batch.last() else { break };
        after = Some(last.id.clone());
        let mut writes = Vec::new();
        for c in batch.iter().filter(|c| plan.versions.contains_key(&c.id)) {
            if plan.versions[&c.id] != c.version {
                stale.push(c.id.clone());
                continue;
            }
            let Ok(Some(Again { input, result, .. })) = again(c, &figures, &policies) else { continue };
            let record = written_record(council, &c.reference, &c.person_name, today, input.date, &result);
            writes.push(UprateWrite {
                id: c.id.clone(),
                expected_version: c.version,
                draft: c.draft.clone(),
                previous_charge: c.weekly_charge,
                record: Some(serde_json::to_string(&record).expect("records serialise")),
                calculated: Calculated {
                    input: serde_json::to_string(&input).expect("inputs serialise"),
                    result: serde_json::to_string(&result).expect("results serialise"),
                    weekly_charge: result.weekly_charge,
                    outcome: if result.outcome == Outcome::FullCost { "full-cost".into() } else { "charge".into() },
                    figures_year: result.figures_year.clone(),
                    effective_from: input.date,
                },
            });
        }
        let n = writes.len();
        stale.extend(store.charging().apply_uprating(ctx, &plan.year, &writes).await?);
        written += n;
        progress(written, plan.to_write());
    }
    let stale_count = stale.len();
    Ok((written - stale_count.min(written), stale))
}
