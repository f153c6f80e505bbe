//! The assessment form in sections (the GOV.UK task list pattern): a list of sections with the
//! state of each, one section a page, each saved on its own, and "check your answers" before it
//! is sent for approval. A section's page sends only its own fields; the rest are taken from
//! what is saved, so saving one section never clears another.

use super::assessment::AssessmentForm;
use crate::forms::Fields;

/// One section of the assessment form, in the order the task list shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    View,
    Conditions,
    Outcomes,
    Wellbeing,
    Fluctuation,
    Caring,
    Involvement,
    Advice,
}

/// How far a section has got, as the task list says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SectionState {
    NotStarted,
    InProgress,
    Completed,
    /// Optional sections with nothing in them: nothing is missing.
    NoneToRecord,
}

impl SectionState {
    pub fn label(self) -> &'static str {
        match self {
            SectionState::NotStarted => "Not yet started",
            SectionState::InProgress => "In progress",
            SectionState::Completed => "Completed",
            SectionState::NoneToRecord => "Nothing to record",
        }
    }

    /// Whether the task list shows it as a blue "to do" tag rather than plain text.
    pub fn to_do(self) -> bool {
        matches!(self, SectionState::NotStarted | SectionState::InProgress)
    }
}

impl Section {
    pub const ALL: [Section; 8] = [
        Section::View,
        Section::Conditions,
        Section::Outcomes,
        Section::Wellbeing,
        Section::Fluctuation,
        Section::Caring,
        Section::Involvement,
        Section::Advice,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Section::View => "view",
            Section::Conditions => "conditions",
            Section::Outcomes => "outcomes",
            Section::Wellbeing => "wellbeing",
            Section::Fluctuation => "fluctuation",
            Section::Caring => "caring",
            Section::Involvement => "involvement",
            Section::Advice => "advice",
        }
    }

    pub fn from_key(key: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn title(self, carer: bool) -> &'static str {
        match (self, carer) {
            (Section::View, false) => "Their view and strengths",
            (Section::View, true) => "Their view as a carer, and strengths",
            (Section::Conditions, false) => "What causes their needs",
            (Section::Conditions, true) => "The conditions for carers",
            (Section::Outcomes, false) => "The 10 outcomes",
            (Section::Outcomes, true) => "The 8 outcomes for carers",
            (Section::Wellbeing, _) => "The effect on their wellbeing",
            (Section::Fluctuation, _) => "Needs that come and go",
            (Section::Caring, _) => "Caring, work and time for themselves",
            (Section::Involvement, _) => "Being involved, and advocacy",
            (Section::Advice, _) => "Information and advice",
        }
    }

    /// Whether the section belongs in this kind of assessment.
    pub fn applies(self, carer: bool) -> bool {
        self != Section::Caring || carer
    }

    /// The names of the form fields the section's page sends.
    pub fn fields(self, form: &AssessmentForm, carer: bool) -> Vec<String> {
        let names: &[&str] = match self {
            Section::View => &["method", "persons_view", "strengths"],
            Section::Conditions if carer => {
                &["necessary_care", "condition_note", "health_deteriorating", "health_note"]
            }
            Section::Conditions => &["impairment", "condition_note"],
            Section::Outcomes => {
                return form.rows.iter().flat_map(|r| [r.name.clone(), r.evidence_id.clone()]).collect();
            }
            Section::Wellbeing => &["significant_impact", "impact_note", "wellbeing"],
            Section::Fluctuation => &["fluctuating", "fluctuation_from", "fluctuation_to", "fluctuation_description"],
            Section::Caring => &["carer_able_willing", "carer_work_learning"],
            Section::Involvement => &[
                "understanding",
                "retaining",
                "weighing",
                "communicating",
                "supporter_name",
                "supporter_paid",
                "supporter_willing",
                "supporter_agrees",
                "advocate",
            ],
            Section::Advice => &["advice"],
        };
        names.iter().map(|n| (*n).to_owned()).collect()
    }

    /// How far the section has got, from what is saved.
    pub fn state(self, f: &AssessmentForm, carer: bool) -> SectionState {
        let filled = |s: &str| !s.trim().is_empty();
        let of = |done: usize, of: usize| match done {
            0 => SectionState::NotStarted,
            n if n == of => SectionState::Completed,
            _ => SectionState::InProgress,
        };
        match self {
            Section::View => of([&f.persons_view, &f.strengths].iter().filter(|s| filled(s)).count(), 2),
            Section::Conditions if carer => of([&f.condition, &f.health].iter().filter(|s| filled(s)).count(), 2),
            Section::Conditions => of(usize::from(filled(&f.condition)), 1),
            // Every outcome left clear means each is achieved, which is an answer; but an
            // assessment that has recorded nothing at all here has not started the section.
            Section::Outcomes => {
                if f.rows.iter().any(|r| r.unable || filled(&r.evidence)) {
                    SectionState::Completed
                } else {
                    SectionState::NotStarted
                }
            }
            Section::Wellbeing => of(usize::from(filled(&f.impact)), 1),
            Section::Fluctuation if !f.fluctuating => SectionState::NoneToRecord,
            Section::Fluctuation => of(
                [&f.fluctuation_from, &f.fluctuation_to, &f.fluctuation_description]
                    .iter()
                    .filter(|s| filled(s))
                    .count(),
                3,
            ),
            Section::Caring => {
                of([&f.carer_able_willing, &f.carer_work_learning].iter().filter(|s| filled(s)).count(), 2)
            }
            Section::Involvement => {
                let difficulty = f.understanding || f.retaining || f.weighing || f.communicating;
                match (difficulty, filled(&f.supporter_name) || filled(&f.advocate)) {
                    (false, _) => SectionState::NoneToRecord,
                    (true, true) => SectionState::Completed,
                    (true, false) => SectionState::InProgress,
                }
            }
            Section::Advice => of(usize::from(filled(&f.advice)), 1),
        }
    }
}

/// One problem on "check your answers", linked to the section and question that needs it.
pub struct ProblemLink {
    pub href: Option<String>,
    pub message: String,
}

/// Links each problem to the section page holding its question; problems with the whole page
/// (or someone else's save) keep their place on this page.
pub fn problem_links(aid: &str, errors: &crate::forms::Problems, f: &AssessmentForm, carer: bool) -> Vec<ProblemLink> {
    errors
        .iter()
        .map(|e| {
            let field = e.field.as_ref();
            let section = Section::ALL.into_iter().filter(|s| s.applies(carer)).find(|s| {
                s.fields(f, carer).iter().any(|n| n == field)
                    || matches!((s, field), (Section::Involvement, "advocacy") | (Section::Outcomes, "outcomes"))
            });
            ProblemLink {
                href: match (section, field) {
                    (Some(s), _) => Some(format!("/assessments/{aid}?section={}#{field}", s.key())),
                    (None, crate::forms::Problems::FORM) => None,
                    (None, _) => Some(format!("#{field}")),
                },
                message: if field == crate::edits::CHANGED {
                    "Someone changed this while you had the page open: nothing has been sent yet".to_owned()
                } else {
                    e.message.clone()
                },
            }
        })
        .collect()
}

/// The saved assessment as the full form would send it, so that one section's fields can be put
/// over it.
pub fn as_fields(f: &AssessmentForm, carer: bool) -> Fields {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut put = |name: &str, value: &str| {
        if !value.is_empty() {
            out.push((name.to_owned(), value.to_owned()));
        }
    };
    let yes = |b: bool| if b { "yes" } else { "" };
    put("edit_token", &f.edit_token);
    put("method", &f.method);
    put("persons_view", &f.persons_view);
    put("strengths", &f.strengths);
    put(if carer { "necessary_care" } else { "impairment" }, &f.condition);
    put("condition_note", &f.condition_note);
    put("health_deteriorating", &f.health);
    put("health_note", &f.health_note);
    for row in &f.rows {
        for way in row.ways.iter().filter(|w| w.checked) {
            put(&row.name, way.key);
        }
        put(&row.evidence_id, &row.evidence);
    }
    put("significant_impact", &f.impact);
    put("impact_note", &f.impact_note);
    put("wellbeing", &f.wellbeing);
    put("fluctuating", yes(f.fluctuating));
    put("fluctuation_from", &f.fluctuation_from);
    put("fluctuation_to", &f.fluctuation_to);
    put("fluctuation_description", &f.fluctuation_description);
    put("carer_able_willing", &f.carer_able_willing);
    put("carer_work_learning", &f.carer_work_learning);
    put("understanding", yes(f.understanding));
    put("retaining", yes(f.retaining));
    put("weighing", yes(f.weighing));
    put("communicating", yes(f.communicating));
    put("supporter_name", &f.supporter_name);
    put("supporter_paid", yes(f.supporter_paid));
    put("supporter_willing", yes(f.supporter_willing));
    put("supporter_agrees", yes(f.supporter_agrees));
    put("advocate", &f.advocate);
    put("advice", &f.advice);
    Fields(out)
}

/// What one section's page sent, put over the rest of the saved assessment: the section's own
/// fields (and the edit token it was opened with) from the page, everything else as saved.
pub fn merged(section: Section, saved: &AssessmentForm, carer: bool, sent: &Fields) -> Fields {
    let own = section.fields(saved, carer);
    let mut fields: Vec<(String, String)> =
        as_fields(saved, carer).0.into_iter().filter(|(name, _)| name != "edit_token" && !own.contains(name)).collect();
    fields.extend(sent.0.iter().filter(|(name, _)| name == "edit_token" || own.contains(name)).cloned());
    Fields(fields)
}

/// One line of the task list.
pub struct TaskRow {
    pub key: &'static str,
    pub title: &'static str,
    pub status: &'static str,
    pub to_do: bool,
}

pub fn task_list(f: &AssessmentForm, carer: bool) -> Vec<TaskRow> {
    Section::ALL
        .into_iter()
        .filter(|s| s.applies(carer))
        .map(|s| {
            let state = s.state(f, carer);
            TaskRow { key: s.key(), title: s.title(carer), status: state.label(), to_do: state.to_do() }
        })
        .collect()
}
