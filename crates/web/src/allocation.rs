//! The one team-or-worker choice that the allocation page and front-door triage both offer: the
//! options, and reading a choice back.

use crate::AppState;
use crate::errors::AppResult;
use crate::pages::people::Choice;
use hearth_store::{TeamId, UserId};

/// An allocation choice as sent: a team's id, or a team's and a worker's ("team-id/user-id").
/// Nothing chosen is `None`.
pub fn team_and_worker(choice: &str) -> Option<(TeamId, Option<UserId>)> {
    match choice.split_once('/') {
        Some((team, worker)) => Some((TeamId::from(team), Some(UserId::from(worker)))),
        None if choice.is_empty() => None,
        None => Some((TeamId::from(choice), None)),
    }
}

/// Every team, and everyone in each, as allocation choices.
pub async fn allocation_options(state: &AppState, chosen: &str) -> AppResult<Vec<Choice>> {
    let mut out =
        vec![Choice { value: String::new(), label: "Choose a team or worker".into(), selected: chosen.is_empty() }];
    let members = state.store.people().members_by_team().await?;
    for team in state.store.people().teams().await?.into_iter().filter(|t| t.active) {
        out.push(Choice {
            selected: team.id == chosen,
            value: team.id.to_string(),
            label: format!("{}: no worker yet", team.name),
        });
        for m in members.iter().filter(|(t, _)| *t == team.id).map(|(_, m)| m) {
            let value = format!("{}/{}", team.id, m.user_id);
            out.push(Choice { selected: chosen == value, label: format!("{}: {}", team.name, m.name), value });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_choice_is_a_team_or_a_team_and_worker_and_nothing_chosen_is_none() {
        assert_eq!(team_and_worker(""), None);
        assert_eq!(team_and_worker("north"), Some((TeamId::from("north"), None)));
        assert_eq!(team_and_worker("north/u-7"), Some((TeamId::from("north"), Some(UserId::from("u-7")))));
    }
}
