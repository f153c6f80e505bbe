//! People: records and their search, the network around them, notes, the work (allocations,
//! conversations, tasks), who may see a record, merging, subject access and drafts.

pub mod access;
pub mod belongs;
pub mod drafts;
pub mod merge;
pub mod network;
pub mod notes;
pub mod records;
pub mod search;
pub mod subject_access;
pub mod teams;
pub mod work;
