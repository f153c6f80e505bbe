//! The JSON interfaces: open data (Open Referral UK), and the charging calculation for other
//! systems. Anonymous, and none of them changes anything.

pub mod charging;
pub mod oruk;
