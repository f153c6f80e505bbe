//! The financial assessment form in sections (the GOV.UK task list pattern, as the care
//! assessment's): the sections with the state of each, one section a page saved on its own, and
//! "check your answers" with the charge worked out before it is completed. A section's page sends
//! only its own fields; the rest are taken from the saved draft, so saving one section never
//! clears another.

use super::form::AssessmentForm;
use crate::forms::Problems;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Person,
    Care,
    Capital,
    Income,
    Housing,
    Expenses,
    Other,
}

/// How far a section has got, as the task list says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SectionState {
    NotStarted,
    Completed,
    /// A list section with no items: having none is an answer (no savings, no housing costs).
    NoneRecorded,
    /// Something in it stops the charge being worked out.
    NeedsAttention,
}

impl SectionState {
    pub fn label(self) -> &'static str {
        match self {
            SectionState::NotStarted => "Not yet started",
            SectionState::Completed => "Completed",
            SectionState::NoneRecorded => "None recorded",
            SectionState::NeedsAttention => "Needs attention",
        }
    }

    /// Whether the task list shows it as a tag (to do) rather than plain text.
    pub fn to_do(self) -> bool {
        matches!(self, SectionState::NotStarted | SectionState::NeedsAttention)
    }

    /// The tag's colour: red for what stops the charge being worked out.
    pub fn tag_class(self) -> &'static str {
        if self == SectionState::NeedsAttention { "govuk-tag--red" } else { "govuk-tag--blue" }
    }
}

const PERSON_FIELDS: [&str; 14] = [
    "person_name",
    "person_reference",
    "date",
    "date_of_birth",
    "partner",
    "partner_date_of_birth",
    "spouse",
    "children",
    "disabled_children",
    "severely_disabled_children",
    "registered_blind",
    "disability_premium",
    "enhanced_disability_premium",
    "carer_premium",
];

const CARE_FIELDS: [&str; 13] = [
    "setting",
    "weekly_cost",
    "night_care",
    "council_arranges",
    "stay",
    "first_day",
    "disregard_days_used",
    "short_weeks",
    "weekly_fee",
    "top_up",
    "top_up_payer",
    "extra_allowance",
    "extra_allowance_reason",
];

const OTHER_FIELDS: [&str; 5] =
    ["notional_capital", "light_touch", "light_touch_weekly", "light_touch_evidence", "notes"];

impl Section {
    pub const ALL: [Section; 7] = [
        Section::Person,
        Section::Care,
        Section::Capital,
        Section::Income,
        Section::Housing,
        Section::Expenses,
        Section::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Section::Person => "person",
            Section::Care => "care",
            Section::Capital => "capital",
            Section::Income => "income",
            Section::Housing => "housing",
            Section::Expenses => "expenses",
            Section::Other => "other",
        }
    }

    pub fn from_key(key: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn title(self) -> &'static str {
        match self {
            Section::Person => "The person",
            Section::Care => "Their care",
            Section::Capital => "Capital",
            Section::Income => "Income",
            Section::Housing => "Housing costs",
            Section::Expenses => "Disability-related expenditure",
            Section::Other => "Deprivation and light-touch assessments",
        }
    }

    /// Whether a field the form sends (or a problem's key) belongs to this section.
    pub fn holds(self, field: &str) -> bool {
        match self {
            Section::Person => PERSON_FIELDS.contains(&field),
            Section::Care => CARE_FIELDS.contains(&field),
            Section::Capital => field.starts_with("capital-"),
            Section::Income => field.starts_with("income-"),
            Section::Housing => field.starts_with("housing-"),
            Section::Expenses => field.starts_with("expense-"),
            Section::Other => OTHER_FIELDS.contains(&field),
        }
    }

    /// The section a problem's key belongs to; a problem with no field of its own goes to the
    /// first section, where the dates are.
    pub fn of_problem(key: &str) -> Section {
        Section::ALL.into_iter().find(|s| s.holds(key)).unwrap_or(Section::Person)
    }

    /// The section's state. A section with nothing in it beyond a new form's is not yet started
    /// (or, for the lists and the optional last section, has none recorded), whatever problems
    /// the rest of the form has; one with answers needs attention when a problem is in it.
    pub fn state(self, form: &AssessmentForm, blank: &AssessmentForm, problems: &Problems) -> SectionState {
        let items = |filled: usize| if filled == 0 { SectionState::NoneRecorded } else { SectionState::Completed };
        let filled = match self {
            Section::Capital => items(form.capital.iter().filter(|r| !r.value.trim().is_empty()).count()),
            Section::Income => items(form.income.iter().filter(|r| !r.amount.trim().is_empty()).count()),
            Section::Housing => items(form.housing.iter().filter(|r| !r.amount.trim().is_empty()).count()),
            Section::Expenses => items(form.expenses.iter().filter(|r| !r.amount.trim().is_empty()).count()),
            _ => {
                let mut this = blank.clone();
                this.take_section(self, form.clone());
                match (this == *blank, self) {
                    (false, _) => SectionState::Completed,
                    // Deprivation and light-touch are the exceptions: nothing in it is an answer.
                    (true, Section::Other) => SectionState::NoneRecorded,
                    (true, _) => SectionState::NotStarted,
                }
            }
        };
        let in_it = problems.iter().any(|p| Section::of_problem(&p.field) == self);
        match filled {
            SectionState::NotStarted => SectionState::NotStarted,
            _ if in_it => SectionState::NeedsAttention,
            other => other,
        }
    }
}

impl AssessmentForm {
    /// Takes one section's answers from `from`, keeping the rest.
    pub fn take_section(&mut self, section: Section, from: AssessmentForm) {
        match section {
            Section::Person => {
                self.person_name = from.person_name;
                self.person_reference = from.person_reference;
                self.date = from.date;
                self.date_of_birth = from.date_of_birth;
                self.partner = from.partner;
                self.partner_date_of_birth = from.partner_date_of_birth;
                self.spouse = from.spouse;
                self.children = from.children;
                self.disabled_children = from.disabled_children;
                self.severely_disabled_children = from.severely_disabled_children;
                self.registered_blind = from.registered_blind;
                self.disability_premium = from.disability_premium;
                self.enhanced_disability_premium = from.enhanced_disability_premium;
                self.carer_premium = from.carer_premium;
            }
            Section::Care => {
                self.setting = from.setting;
                self.weekly_cost = from.weekly_cost;
                self.night_care = from.night_care;
                self.council_arranges = from.council_arranges;
                self.stay = from.stay;
                self.first_day = from.first_day;
                self.disregard_days_used = from.disregard_days_used;
                self.short_weeks = from.short_weeks;
                self.weekly_fee = from.weekly_fee;
                self.top_up = from.top_up;
                self.top_up_payer = from.top_up_payer;
                self.extra_allowance = from.extra_allowance;
                self.extra_allowance_reason = from.extra_allowance_reason;
            }
            Section::Capital => self.capital = from.capital,
            Section::Income => self.income = from.income,
            Section::Housing => self.housing = from.housing,
            Section::Expenses => self.expenses = from.expenses,
            Section::Other => {
                self.notional_capital = from.notional_capital;
                self.light_touch = from.light_touch;
                self.light_touch_weekly = from.light_touch_weekly;
                self.light_touch_evidence = from.light_touch_evidence;
                self.notes = from.notes;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::Fields;

    fn form(pairs: &[(&str, &str)]) -> AssessmentForm {
        AssessmentForm::from_fields(&Fields(pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()))
    }

    #[test]
    fn every_field_the_form_sends_belongs_to_exactly_one_section() {
        let full = form(&[]);
        let json = serde_json::to_value(&full).unwrap();
        for key in json.as_object().unwrap().keys() {
            let field = match key.as_str() {
                "capital" => "capital-0-value",
                "income" => "income-0-amount",
                "housing" => "housing-0-amount",
                "expenses" => "expense-0-amount",
                other => other,
            };
            let holding: Vec<Section> = Section::ALL.into_iter().filter(|s| s.holds(field)).collect();
            assert_eq!(holding.len(), 1, "{field} is in {holding:?}");
        }
    }

    #[test]
    fn taking_one_section_keeps_the_others() {
        let mut saved =
            form(&[("person_name", "Ada Example"), ("capital-0-kind", "savings"), ("capital-0-value", "100")]);
        let posted = form(&[("income-0-kind", "state-pension"), ("income-0-amount", "200")]);
        saved.take_section(Section::Income, posted);
        assert_eq!(saved.person_name, "Ada Example");
        assert_eq!(saved.capital[0].value, "100");
        assert_eq!(saved.income[0].amount, "200");
    }

    #[test]
    fn a_section_says_how_far_it_has_got() {
        let blank = form(&[]);
        let mut problems = Problems::default();
        let f = form(&[("person_name", "Ada Example"), ("capital-0-value", "100")]);
        assert_eq!(Section::Person.state(&f, &blank, &problems), SectionState::Completed);
        assert_eq!(Section::Care.state(&f, &blank, &problems), SectionState::NotStarted);
        assert_eq!(Section::Capital.state(&f, &blank, &problems), SectionState::Completed);
        assert_eq!(Section::Income.state(&f, &blank, &problems), SectionState::NoneRecorded);
        assert_eq!(Section::Other.state(&f, &blank, &problems), SectionState::NoneRecorded);
        problems.add("capital-0-kind", "Capital item 1: choose what it is");
        assert_eq!(Section::Capital.state(&f, &blank, &problems), SectionState::NeedsAttention);
        // A section not yet started says so, whatever problems the form has.
        problems.add("date", "Enter the date the charge applies from");
        assert_eq!(Section::Care.state(&f, &blank, &problems), SectionState::NotStarted);
        // A problem with no field of its own is shown on the first section.
        problems.add("", "Something about the whole form");
        assert_eq!(Section::of_problem(""), Section::Person);
    }
}
