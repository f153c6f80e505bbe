//! `hearth import ...`: bringing outside data in, all or nothing.

pub mod postcodes;
