//! How often the public forms may be used, counted in the database (`hearth_store::rate_limits`)
//! so that the limits hold across web nodes and against many requests sent at once. Email is
//! limited per recipient as well as per sender, so nobody can be sent a flood of mail.

use chrono::Duration;
use hearth_store::rate_limits::Limit;

/// Asking for help online: from one address, ten a day (a family may ask for several people).
pub const ASK_FOR_HELP: Limit = Limit { bucket: "ask-for-help", uses: 10, window: Duration::days(1) };

/// Asking for a financial assessment at the end of the estimate: from one address, five a day.
pub const ASK_FOR_FINANCIAL_ASSESSMENT: Limit =
    Limit { bucket: "ask-for-financial-assessment", uses: 5, window: Duration::days(1) };

/// A shortlist by email: to one address, five a day...
pub const SHORTLIST_TO: Limit = Limit { bucket: "shortlist-to", uses: 5, window: Duration::days(1) };

/// ...and from one address, twenty a day.
pub const SHORTLIST_FROM: Limit = Limit { bucket: "shortlist-from", uses: 20, window: Duration::days(1) };

/// An estimate by email: to one address, five a day...
pub const ESTIMATE_TO: Limit = Limit { bucket: "estimate-to", uses: 5, window: Duration::days(1) };

/// ...and from one address, twenty a day.
pub const ESTIMATE_FROM: Limit = Limit { bucket: "estimate-from", uses: 20, window: Duration::days(1) };

/// Reporting a problem with a directory entry: from one address, twenty a day.
pub const REPORT_A_PROBLEM: Limit = Limit { bucket: "report-a-problem", uses: 20, window: Duration::days(1) };
