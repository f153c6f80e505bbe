//! Paying for care in the database: the national figures as loaded, the council's charging
//! policy, requests for a financial assessment, and assessments with their history. The sums
//! themselves are `hearth_domain::charging`; nothing here works out a charge.

pub mod assessments;
pub mod reference;
pub mod requests;
pub mod uprating;

pub use assessments::{AssessmentRow, AssessmentSummary, Calculated, VersionRow, new_reference};
pub use reference::ReferenceRow;
pub use requests::{ChargingRequest, NewRequest};
pub use uprating::{LoadedAssessment, UprateCandidate, UprateWrite};
