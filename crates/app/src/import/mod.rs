//! `hearth import ...`: bringing outside data in, all or nothing.

pub mod oruk;
pub mod postcodes;
