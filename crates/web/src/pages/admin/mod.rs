//! The administrator's pages: accounts and roles, teams, the charging policy and figures, and
//! the audit log.

pub mod audit;
pub mod charging;
pub mod council;
pub mod teams;
pub mod users;
