//! Open data APIs: anonymous, read-only JSON.

pub mod oruk;
