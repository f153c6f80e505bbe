//! Find support: the rules behind the public directory (Care Act 2014 s4, information and
//! advice): the Open Referral data model, postcodes and distances, opening times, search, what an
//! edit changes, and when a service is due to be checked again.

pub mod changes;
pub mod editing;
pub mod geo;
pub mod hsds;
pub mod index;
pub mod postcode;
pub mod proposals;
pub mod review;
pub mod taxonomy;
pub mod text;
pub mod times;
