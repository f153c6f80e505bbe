//! Signing a letter as it is issued: where it goes (the person's current address, or the address
//! of someone who acts for them when the person asked for that) and who it is
//! from (the officer issuing it, with the front door's number and their own email), with the
//! council's address to write back to. The eligibility letter is signed the same way in the
//! store, by the worker who did the assessment.

use crate::AppState;
use crate::errors::AppResult;
use crate::session::Viewer;
use hearth_domain::letters::LetterHead;
use hearth_store::PersonId;

/// The council's address for letters, a line each (a council detail; empty when not set).
pub async fn council_address(state: &AppState) -> AppResult<Vec<String>> {
    Ok(state
        .store
        .settings()
        .setting("council_address")
        .await?
        .unwrap_or_default()
        .lines()
        .map(str::to_owned)
        .collect())
}

/// Fills in the head's address, sender and ways to reply. A record not linked to a person's
/// record has no address to give, and the page says so.
pub async fn sign(
    state: &AppState,
    viewer: &Viewer,
    person: Option<&PersonId>,
    head: &mut LetterHead,
) -> AppResult<()> {
    if let Some(person) = person {
        // To the person at home, or to whoever acts for them if the person asked for that.
        head.address_to(state.store.people().addressee(person, crate::pages::people::today(state)).await?);
    }
    if let Some(u) = &viewer.user {
        head.from = u.user.name.clone();
        head.email = u.user.email.to_string();
    }
    head.phone = crate::pages::people::practice_settings(state).await?.phone;
    head.council_address = council_address(state).await?;
    Ok(())
}
