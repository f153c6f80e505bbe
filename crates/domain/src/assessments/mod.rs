//! Care Act assessments and what follows them: needs and carers' assessments (Care Act 2014
//! s9, s10), refusal (s11), the eligibility determination (s13 and SI 2015/313), advocacy
//! (s67), mental capacity (Mental Capacity Act 2005), plans (s24, s25), personal budgets (s26),
//! direct payments (s31 to s33), reviews (s27), transition (s58 to s66), sign-off, and the
//! national codes each event carries for the Client Level Data return.

pub mod approval;
pub mod codes;
pub mod eligibility;
pub mod letters;
pub mod lifecycle;
pub mod outcomes;
pub mod plan_letter;
pub mod plans;
pub mod reviews;
pub mod safeguards;
pub mod self_check;
pub mod transition;
