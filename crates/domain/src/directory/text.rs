//! Search that finds what people mean: words are reduced to their stems ("carers" and "caring"
//! both become "care"), a council's synonyms widen the search ("memory loss" finds dementia
//! support), and small typing mistakes are forgiven ("demntia" finds "dementia").
//!
//! The stored side is a string of stems. Both databases index those same stems in their own
//! full-text index (SQLite's FTS5, PostgreSQL's `tsvector`); the query languages for each are
//! written here, from the same [`SearchQuery`], so the two engines find the same services.

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;

/// Words too common to search on.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of", "on", "or", "our", "that",
    "the", "this", "to", "we", "with", "you", "your", "near", "me", "my", "i",
];

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// The words of a text, lower-cased, without stop words (apostrophes dropped: "carers'" is "carers").
pub fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace(['\'', '\u{2019}'], "")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(w))
        .map(str::to_owned)
        .collect()
}

pub fn stem(word: &str) -> String {
    stemmer().stem(word).into_owned()
}

/// What is stored for searching: every stem, with spaces around.
pub fn index_text(parts: &[&str]) -> String {
    let stems: Vec<String> = parts.iter().flat_map(|p| words(p)).map(|w| stem(&w)).collect();
    format!(" {} ", stems.join(" "))
}

/// A council's synonym: when people type `phrase`, also look for `means`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Synonym {
    pub phrase: String,
    pub means: String,
}

/// A search as groups of alternatives: every group must match, any stem within a group will do.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct SearchQuery {
    pub groups: Vec<Vec<String>>,
}

/// Words people use for the same kinds of support, which Hearth knows without a council
/// setting them up. A council's own synonym for the same phrase replaces Hearth's.
pub const COMMON_SYNONYMS: &[(&str, &str)] = &[
    ("respite", "short breaks sitting service replacement care"),
    ("short breaks", "respite sitting service replacement care"),
    ("carers break", "respite short breaks sitting service"),
    ("day care", "day centre day opportunities"),
    ("day centre", "day care day opportunities"),
    ("home care", "homecare domiciliary care at home"),
    ("meals on wheels", "meals delivered hot meals frozen meals"),
];

/// The council's synonyms, with Hearth's [`COMMON_SYNONYMS`] for any phrase the council has not
/// set itself.
pub fn with_common_synonyms(mut council: Vec<Synonym>) -> Vec<Synonym> {
    for (phrase, means) in COMMON_SYNONYMS {
        if !council.iter().any(|s| words(&s.phrase) == words(phrase)) {
            council.push(Synonym { phrase: (*phrase).to_owned(), means: (*means).to_owned() });
        }
    }
    council
}

impl SearchQuery {
    pub fn parse(query: &str, synonyms: &[Synonym]) -> SearchQuery {
        let mut remaining = words(query);
        let mut groups = Vec::new();
        // Longer phrases first, so "someone to talk to" wins over "talk".
        let mut ordered: Vec<&Synonym> = synonyms.iter().collect();
        ordered.sort_by_key(|s| std::cmp::Reverse(words(&s.phrase).len()));
        for synonym in ordered {
            let phrase = words(&synonym.phrase);
            if phrase.is_empty() {
                continue;
            }
            if let Some(start) = remaining.windows(phrase.len()).position(|w| w == phrase.as_slice()) {
                remaining.drain(start..start + phrase.len());
                let mut group: Vec<String> =
                    phrase.iter().chain(words(&synonym.means).iter()).map(|w| stem(w)).collect();
                group.sort();
                group.dedup();
                groups.push(group);
            }
        }
        for word in remaining {
            groups.push(vec![stem(&word)]);
        }
        SearchQuery { groups }
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Adds `alternatives` to every group that holds `stem`.
    pub fn widen(&mut self, stem: &str, alternatives: &[String]) {
        for group in self.groups.iter_mut().filter(|g| g.iter().any(|s| s == stem)) {
            for a in alternatives {
                if !group.contains(a) {
                    group.push(a.clone());
                }
            }
        }
    }
}

/// A stem as the full-text indexes see it: letters and digits only, so nothing typed can reach
/// either query language's operators.
fn clean(stem: &str) -> (String, bool) {
    let prefix = stem.ends_with('*');
    (stem.chars().filter(|c| c.is_alphanumeric()).collect(), prefix)
}

/// The query for SQLite's FTS5: every group must match (AND), any stem of a group will do (OR);
/// a stem ending in `*` matches the start of a word.
pub fn fts5_query(query: &SearchQuery) -> String {
    join_groups(
        query,
        " AND ",
        " OR ",
        |stem, prefix| if prefix { format!("\"{stem}\"*") } else { format!("\"{stem}\"") },
    )
}

/// The same query for PostgreSQL's `to_tsquery('simple', ...)`.
pub fn tsquery(query: &SearchQuery) -> String {
    join_groups(query, " & ", " | ", |stem, prefix| if prefix { format!("'{stem}':*") } else { format!("'{stem}'") })
}

fn join_groups(query: &SearchQuery, and: &str, or: &str, term: impl Fn(&str, bool) -> String) -> String {
    query
        .groups
        .iter()
        .filter_map(|group| {
            let terms: Vec<String> = group
                .iter()
                .map(|s| clean(s))
                .filter(|(stem, _)| !stem.is_empty())
                .map(|(stem, prefix)| term(&stem, prefix))
                .collect();
            (!terms.is_empty()).then(|| format!("({})", terms.join(or)))
        })
        .collect::<Vec<_>>()
        .join(and)
}

/// How many single-letter edits (with swaps of neighbours) turn `a` into `b`.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

/// The typing mistakes we forgive: none in short words, one in words of 4 to 7 letters, two in
/// longer ones.
pub fn forgivable(typed: &str, known: &str) -> bool {
    let allowed = match typed.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    };
    allowed > 0 && edit_distance(typed, known) <= allowed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_stemmed_so_forms_of_a_word_match() {
        assert_eq!(stem("carers"), stem("carer"));
        assert_eq!(stem("walks"), stem("walking"));
        assert_eq!(
            index_text(&["Carers' café", "Walking groups"]),
            format!(" {} café {} group ", stem("carers"), stem("walking"))
        );
        assert_eq!(words("The lunch club for you"), ["lunch", "club"]);
    }

    #[test]
    fn synonyms_widen_a_phrase_into_alternatives() {
        let synonyms = vec![
            Synonym { phrase: "memory loss".into(), means: "dementia".into() },
            Synonym { phrase: "someone to talk to".into(), means: "befriending listening".into() },
        ];
        let q = SearchQuery::parse("help with memory loss", &synonyms);
        assert_eq!(q.groups.len(), 2);
        assert!(q.groups.iter().any(|g| g.contains(&stem("dementia")) && g.contains(&stem("memory"))));
        let talk = SearchQuery::parse("Someone to talk to", &synonyms);
        assert_eq!(talk.groups.len(), 1);
        assert!(talk.groups[0].contains(&stem("befriending")));
    }

    #[test]
    fn queries_for_both_databases_say_the_same_thing() {
        let q = SearchQuery { groups: vec![vec!["memori".into(), "dementia".into()], vec!["cafe*".into()]] };
        assert_eq!(fts5_query(&q), r#"("memori" OR "dementia") AND ("cafe"*)"#);
        assert_eq!(tsquery(&q), "('memori' | 'dementia') & ('cafe':*)");
        // Nothing typed can reach the query languages' operators.
        let hostile = SearchQuery { groups: vec![vec!["a'\") OR (x".into()], vec!["".into()]] };
        assert_eq!(fts5_query(&hostile), r#"("aORx")"#);
        assert_eq!(tsquery(&hostile), "('aORx')");
    }

    #[test]
    fn small_typing_mistakes_are_forgiven_but_not_in_short_words() {
        assert_eq!(edit_distance("demntia", "dementia"), 1);
        assert_eq!(edit_distance("dmeentia", "dementia"), 1, "a swap of neighbours is one mistake");
        assert!(forgivable("demntia", "dementia"));
        assert!(forgivable("befreinding", "befriending"));
        assert!(!forgivable("cat", "car"));
        assert!(!forgivable("lunch", "bunches"));
    }

    #[test]
    fn common_words_for_support_find_each_other_unless_the_council_says_otherwise() {
        let q = SearchQuery::parse("respite", &with_common_synonyms(Vec::new()));
        assert_eq!(q.groups.len(), 1);
        assert!(q.groups[0].contains(&stem("sitting")) && q.groups[0].contains(&stem("breaks")));
        let q = SearchQuery::parse("Meals on Wheels", &with_common_synonyms(Vec::new()));
        assert!(q.groups[0].contains(&stem("delivered")));
        let own = vec![Synonym { phrase: "Respite".into(), means: "carers' retreat".into() }];
        let q = SearchQuery::parse("respite", &with_common_synonyms(own));
        assert!(q.groups[0].contains(&stem("retreat")) && !q.groups[0].contains(&stem("sitting")));
    }
}
