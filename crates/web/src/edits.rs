//! Two people editing the same thing (`hearth_domain::edits`): every edit form carries a token
//! of what it showed, the store refuses a save made from an out-of-date page, and the page comes
//! back with what was typed and says who changed it, and when.

use crate::AppState;
use crate::errors::AppResult;
use crate::forms::uk_time;
use crate::session::Viewer;
use hearth_domain::edits::EditToken;

/// The error's key, and the id of the notice the error summary links to.
pub const CHANGED: &str = "changed-meanwhile";

/// The token a form sent back.
pub fn sent(text: &str) -> EditToken {
    EditToken::from_form(text)
}

/// What a page says when someone saved `what` while it was open: who (or "you", from another
/// tab), and when; what was typed comes back with it.
pub async fn changed_meanwhile(
    state: &AppState,
    viewer: &Viewer,
    record_type: &str,
    record_ids: &[&str],
    what: &str,
) -> AppResult<String> {
    Ok(format!(
        "{}, after this page was opened. Nothing you typed here has been saved yet: it is below. \
         Check it against what is there now (open the page again in another tab), then save again to \
         replace it.",
        who_when(state, viewer, record_type, record_ids, what).await?
    ))
}

/// The same for a page that comes back showing what is there now (a few ticks, say), so the
/// choice is made again rather than kept.
pub async fn changed_meanwhile_shown_now(
    state: &AppState,
    viewer: &Viewer,
    record_type: &str,
    record_ids: &[&str],
    what: &str,
) -> AppResult<String> {
    Ok(format!(
        "{}, after this page was opened, so your change has not been saved. The page now shows them \
         as they are: choose again, then save.",
        who_when(state, viewer, record_type, record_ids, what).await?
    ))
}

async fn who_when(
    state: &AppState,
    viewer: &Viewer,
    record_type: &str,
    record_ids: &[&str],
    what: &str,
) -> AppResult<String> {
    Ok(match state.store.last_change(record_type, record_ids).await? {
        Some(c) if c.user_id.is_some() && c.user_id.as_ref() == viewer.user_id() => {
            format!("You saved a change to {what} at {} (perhaps in another tab)", uk_time(c.at))
        }
        Some(c) => format!("{} changed {what} at {}", c.name.unwrap_or_else(|| "Someone".into()), uk_time(c.at)),
        None => format!("Someone else changed {what}"),
    })
}
