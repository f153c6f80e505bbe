//! Find support: the rules behind the public directory (Care Act 2014 s4, information and
//! advice). Postcodes and distances so far; opening times and search follow.

pub mod geo;
pub mod hsds;
pub mod index;
pub mod postcode;
pub mod text;
