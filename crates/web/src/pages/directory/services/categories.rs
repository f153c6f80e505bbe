//! The categories an entry is filed under: terms of the council's taxonomies (such as the LGA's
//! lists) and the directory's own. Short lists are shown whole; any term can be found by words.
//! Works without JavaScript: "Find" sends the form back with what is ticked so far.

use super::{Entry, Head, Saved, base, load, save, token_now};
use crate::AppState;
use crate::chrome::{Chrome, render};
use crate::errors::AppResult;
use crate::forms::{Problems, TypedForm};
use crate::session::Viewer;
use askama::Template;
use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use hearth_domain::directory::editing::Part;
use hearth_domain::directory::hsds::{Attribute, TaxonomyTerm};
use hearth_domain::directory::taxonomy::uuid_for;
use hearth_store::directory::taxonomies::TermFilter;
use hearth_store::{ServiceId, TaxonomyTermId};
use serde::Deserialize;

/// The categories page as sent: the terms ticked, and words to find more by.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CategoriesForm {
    term: Vec<TaxonomyTermId>,
    q: String,
    /// "find" looks for categories; anything else saves.
    action: String,
    edit_token: String,
}

/// Taxonomies with more terms than this are searched, not listed.
const LIST_AT_MOST: u64 = 150;
const FOUND_AT_MOST: u64 = 30;

pub struct TermChoice {
    pub id: String,
    pub name: String,
    pub description: String,
    pub depth: usize,
    pub checked: bool,
}

pub struct Group {
    pub number: usize,
    pub name: String,
    pub total: u64,
    /// Short enough to show whole (less any terms shown with the words found).
    pub listed: bool,
    pub terms: Vec<TermChoice>,
}

#[derive(Template)]
#[template(path = "directory/directory_service_categories.html")]
struct CategoriesPage {
    chrome: Chrome,
    head: Head,
    q: String,
    searched: bool,
    /// Ticked terms not in a list shown below.
    chosen: Vec<TermChoice>,
    found: Vec<TermChoice>,
    groups: Vec<Group>,
    token: String,
    errors: Problems,
}

/// Terms in tree order (each followed by the terms under it), with their depth.
fn tree_order(terms: &[TaxonomyTerm]) -> Vec<(&TaxonomyTerm, usize)> {
    fn visit<'a>(
        parent: Option<&TaxonomyTermId>,
        depth: usize,
        terms: &'a [TaxonomyTerm],
        out: &mut Vec<(&'a TaxonomyTerm, usize)>,
    ) {
        for t in terms.iter().filter(|t| t.parent_id.as_ref() == parent) {
            if out.iter().any(|(seen, _)| seen.id == t.id) || depth > 10 {
                continue;
            }
            out.push((t, depth));
            visit(Some(&t.id), depth + 1, terms, out);
        }
    }
    let mut out = Vec::new();
    // Roots: no parent, or a parent not in this list.
    let roots: Vec<&TaxonomyTerm> =
        terms.iter().filter(|t| t.parent_id.as_ref().is_none_or(|p| !terms.iter().any(|o| o.id == *p))).collect();
    for root in roots {
        if out.iter().any(|(seen, _): &(&TaxonomyTerm, usize)| seen.id == root.id) {
            continue;
        }
        out.push((root, 0));
        visit(Some(&root.id), 1, terms, &mut out);
    }
    out
}

fn choice(t: &TaxonomyTerm, depth: usize, selected: &[TaxonomyTermId]) -> TermChoice {
    TermChoice {
        id: t.id.clone().into(),
        name: t.name.clone(),
        description: t.description.clone(),
        depth,
        checked: selected.contains(&t.id),
    }
}

fn selected_terms(entry: &Entry) -> Vec<TaxonomyTermId> {
    entry
        .service()
        .attributes
        .iter()
        .filter_map(|a| a.taxonomy_term_id.clone().or_else(|| a.taxonomy_term.as_ref().map(|t| t.id.clone())))
        .collect()
}

/// What the form holds: the terms ticked, the words to find terms by (and whether to find them),
/// and what the page started from (`crate::edits`).
struct Typed {
    selected: Vec<TaxonomyTermId>,
    q: String,
    searched: bool,
    token: String,
}

async fn page(state: &AppState, viewer: &Viewer, entry: &Entry, typed: Typed, errors: Problems) -> AppResult<Response> {
    let Typed { selected, q, searched, token } = typed;
    // Terms matching the words come first, and are then left out of the lists below, so that
    // each term has one checkbox.
    let found: Vec<TermChoice> = if searched && !q.trim().is_empty() {
        let filter = TermFilter { search: Some(q.trim().to_owned()), ..Default::default() };
        state
            .store
            .directory()
            .taxonomy_terms(&filter, 1, FOUND_AT_MOST)
            .await?
            .0
            .iter()
            .map(|t| choice(t, 0, &selected))
            .collect()
    } else {
        Vec::new()
    };
    let mut shown: Vec<TaxonomyTermId> = found.iter().map(|t| t.id.as_str().into()).collect();
    let mut groups = Vec::new();
    for (i, g) in state.store.directory().term_groups(LIST_AT_MOST).await?.into_iter().enumerate() {
        let terms: Vec<TermChoice> = tree_order(&g.terms)
            .into_iter()
            .filter(|(t, _)| !shown.contains(&t.id))
            .map(|(t, d)| choice(t, d, &selected))
            .collect();
        shown.extend(terms.iter().map(|t| t.id.as_str().into()));
        groups.push(Group {
            number: i + 1,
            name: g.taxonomy.map_or_else(|| "The directory's own categories".to_owned(), |t| t.name),
            total: g.total,
            listed: !g.terms.is_empty(),
            terms,
        });
    }
    let chosen = state
        .store
        .directory()
        .terms_by_ids(&selected)
        .await?
        .iter()
        .filter(|t| !shown.contains(&t.id))
        .map(|t| choice(t, 0, &selected))
        .collect();
    let status = crate::forms::status(&errors);
    let page = CategoriesPage {
        chrome: Chrome::build(state, viewer, "/directory/services").await,
        head: entry.head(),
        q,
        searched,
        chosen,
        found,
        groups,
        token,
        errors,
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn form(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<ServiceId>,
) -> AppResult<Response> {
    let entry = load(&state, &viewer, &id).await?;
    let selected = selected_terms(&entry);
    let token = token_now(&entry, &Part::CATEGORIES);
    let typed = Typed { selected, q: String::new(), searched: false, token };
    page(&state, &viewer, &entry, typed, Problems::default()).await
}

pub async fn submit(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<ServiceId>,
    TypedForm(f): TypedForm<CategoriesForm>,
) -> AppResult<Response> {
    let entry = load(&state, &viewer, &id).await?;
    let mut selected = f.term;
    selected.dedup();
    let token = f.edit_token;
    if f.action == "find" {
        // Finding keeps the token the page started with: what was ticked is still from then.
        let typed = Typed { selected, q: f.q, searched: true, token };
        return page(&state, &viewer, &entry, typed, Problems::default()).await;
    }
    // Unknown ids are dropped: only terms the directory holds can be chosen.
    let terms = state.store.directory().terms_by_ids(&selected).await?;
    let mut edited = entry.service().clone();
    let before = std::mem::take(&mut edited.attributes);
    let (linked, unlinked): (Vec<Attribute>, Vec<Attribute>) =
        before.into_iter().partition(|a| a.taxonomy_term_id.is_some() || a.taxonomy_term.is_some());
    for term in terms {
        let kept = linked.iter().find(|a| {
            a.taxonomy_term_id.as_ref() == Some(&term.id) || a.taxonomy_term.as_ref().is_some_and(|t| t.id == term.id)
        });
        edited.attributes.push(match kept {
            Some(a) => a.clone(),
            None => Attribute {
                id: uuid_for(&format!("{}/{}", edited.id, term.id)),
                link_id: Some(edited.id.to_string()),
                link_type: Some("service_type".into()),
                link_entity: Some("service".into()),
                taxonomy_term_id: Some(term.id.clone()),
                taxonomy_term: Some(term),
                ..Default::default()
            },
        });
    }
    edited.attributes.extend(unlinked);
    match save(&state, &viewer, &entry, edited, base(Part::CATEGORIES, &token)).await? {
        Saved::Done(r) => Ok(r),
        Saved::ChangedMeanwhile(message) => {
            let mut errors = Problems::default();
            errors.add(crate::edits::CHANGED, message);
            let now = token_now(&entry, &Part::CATEGORIES);
            let typed = Typed { selected, q: f.q, searched: false, token: now };
            page(&state, &viewer, &entry, typed, errors).await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(id: &str, parent: Option<&str>) -> TaxonomyTerm {
        TaxonomyTerm { id: id.into(), name: id.into(), parent_id: parent.map(Into::into), ..Default::default() }
    }

    #[test]
    fn terms_are_listed_each_under_its_parent() {
        let terms =
            [term("b", Some("a")), term("a", None), term("c", None), term("d", Some("b")), term("e", Some("x"))];
        let order: Vec<_> = tree_order(&terms).into_iter().map(|(t, d)| (t.id.as_str(), d)).collect();
        assert_eq!(order, [("a", 0), ("b", 1), ("d", 2), ("c", 0), ("e", 0)]);
        // A loop in imported data ends rather than repeats.
        let looped = [term("p", Some("q")), term("q", Some("p"))];
        assert!(tree_order(&looped).len() <= 2);
    }
}
