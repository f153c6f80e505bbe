//! The parts of the `hearth` command that benchmarks and tests use too.

pub mod charging;
pub mod import;
