//! People's names as staff type them on a busy phone call: in any case, with or without accents
//! and hyphens, spelt the way they sound, shortened ("Peggy" for Margaret), or with a slip of the
//! finger. Finding a person must forgive all of that; this module says how alike two names are.

use crate::directory::text::edit_distance;

/// A name reduced to the letters a-z and single spaces: "O'Brien-Smith" is "obrien smith",
/// "Zoë" is "zoe".
pub fn normalise(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.chars().flat_map(fold) {
        if c.is_ascii_alphabetic() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c.to_ascii_lowercase());
        } else if c.is_whitespace() || c == '-' {
            space = true;
        }
        // Apostrophes, full stops and anything else are dropped: O'Brien is obrien.
    }
    out
}

/// Latin letters with accents, as their plain letters (names from across Europe).
fn fold(c: char) -> impl Iterator<Item = char> {
    let plain: &str = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "A",
        'æ' => "ae",
        'Æ' => "AE",
        'ç' | 'ć' | 'č' => "c",
        'Ç' | 'Ć' | 'Č' => "C",
        'ď' | 'đ' => "d",
        'Ď' | 'Đ' => "D",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ę' | 'Ě' => "E",
        'ğ' => "g",
        'Ğ' => "G",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'İ' => "I",
        'ł' | 'ľ' => "l",
        'Ł' | 'Ľ' => "L",
        'ñ' | 'ń' | 'ň' => "n",
        'Ñ' | 'Ń' | 'Ň' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => "O",
        'œ' => "oe",
        'Œ' => "OE",
        'ř' => "r",
        'Ř' => "R",
        'ś' | 'š' | 'ş' => "s",
        'Ś' | 'Š' | 'Ş' => "S",
        'ß' => "ss",
        'ť' | 'ţ' => "t",
        'Ť' | 'Ţ' => "T",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => "U",
        'ý' | 'ÿ' => "y",
        'Ý' | 'Ÿ' => "Y",
        'ź' | 'ż' | 'ž' => "z",
        'Ź' | 'Ż' | 'Ž' => "Z",
        _ => "",
    };
    let own = if plain.is_empty() { Some(c) } else { None };
    plain.chars().chain(own)
}

fn vowel(c: u8) -> bool {
    matches!(c, b'A' | b'E' | b'I' | b'O' | b'U')
}

/// The NYSIIS phonetic key of one name (New York State Identification and Intelligence System,
/// Taft 1970), without its six-letter cut: names that sound alike share a key ("Stephenson" and
/// "Stevenson" are both STAFANSAN). Kept beside each record so a search can find sounds-alike names
/// through an index.
pub fn nysiis(name: &str) -> String {
    let mut n: Vec<u8> =
        normalise(name).bytes().filter(u8::is_ascii_alphabetic).map(|b| b.to_ascii_uppercase()).collect();
    if n.is_empty() {
        return String::new();
    }
    let starts = |n: &[u8], p: &str| n.starts_with(p.as_bytes());
    let replace_start = |n: &mut Vec<u8>, len: usize, with: &str| {
        n.splice(..len, with.bytes());
    };
    if starts(&n, "MAC") {
        replace_start(&mut n, 3, "MCC");
    } else if starts(&n, "KN") {
        replace_start(&mut n, 2, "NN");
    } else if starts(&n, "K") {
        replace_start(&mut n, 1, "C");
    } else if starts(&n, "PH") || starts(&n, "PF") {
        replace_start(&mut n, 2, "FF");
    } else if starts(&n, "SCH") {
        replace_start(&mut n, 3, "SSS");
    }
    let len = n.len();
    if len >= 2 {
        let end = [n[len - 2], n[len - 1]];
        match &end {
            b"EE" | b"IE" => {
                n.truncate(len - 2);
                n.push(b'Y');
            }
            b"DT" | b"RT" | b"RD" | b"NT" | b"ND" => {
                n.truncate(len - 2);
                n.push(b'D');
            }
            _ => {}
        }
    }
    let mut key = vec![n[0]];
    let mut i = 1;
    while i < n.len() {
        let next = n.get(i + 1).copied();
        match n[i] {
            b'E' if next == Some(b'V') => {
                n[i] = b'A';
                n[i + 1] = b'F';
            }
            c if vowel(c) => n[i] = b'A',
            b'Q' => n[i] = b'G',
            b'Z' => n[i] = b'S',
            b'M' => n[i] = b'N',
            b'K' if next == Some(b'N') => n[i] = b'N',
            b'K' => n[i] = b'C',
            b'S' if n[i..].starts_with(b"SCH") => {
                n[i + 1] = b'S';
                n[i + 2] = b'S';
            }
            b'P' if next == Some(b'H') => {
                n[i] = b'F';
                n[i + 1] = b'F';
            }
            b'H' if !vowel(n[i - 1]) || next.is_none_or(|c| !vowel(c)) => n[i] = n[i - 1],
            b'W' if vowel(n[i - 1]) => n[i] = n[i - 1],
            _ => {}
        }
        if Some(&n[i]) != key.last() {
            key.push(n[i]);
        }
        i += 1;
    }
    if key.len() > 1 && key.last() == Some(&b'S') {
        key.pop();
    }
    if key.ends_with(b"AY") {
        key.truncate(key.len() - 2);
        key.push(b'Y');
    }
    if key.len() > 1 && key.last() == Some(&b'A') {
        key.pop();
    }
    String::from_utf8(key).expect("ASCII letters")
}

/// Forenames and the short or other forms people go by. Each group is one name.
const NICKNAMES: &[&[&str]] = &[
    &["william", "bill", "billy", "will", "willy", "liam"],
    &["margaret", "maggie", "peggy", "meg", "madge", "greta", "margo"],
    &["elizabeth", "liz", "lizzie", "beth", "betty", "bess", "eliza", "elspeth", "libby"],
    &["robert", "bob", "bobby", "rob", "robbie", "bert"],
    &["richard", "dick", "rick", "ricky", "richie"],
    &["edward", "ted", "teddy", "ed", "eddie", "ned"],
    &["catherine", "katherine", "kathryn", "kate", "katie", "kathy", "cathy", "kay", "kitty"],
    &["patricia", "pat", "patsy", "trish", "tricia"],
    &["james", "jim", "jimmy", "jamie"],
    &["john", "jack", "johnny", "jon"],
    &["anthony", "tony"],
    &["michael", "mike", "mick", "mickey"],
    &["susan", "sue", "susie", "suzy"],
    &["deborah", "debbie", "deb", "debra"],
    &["jennifer", "jen", "jenny"],
    &["christopher", "chris", "kit"],
    &["christine", "christina", "chris", "chrissie", "tina"],
    &["alexander", "alex", "sandy", "alec"],
    &["alexandra", "alex", "sandra", "sandy", "lexi"],
    &["joseph", "joe", "joey"],
    &["josephine", "jo", "josie"],
    &["thomas", "tom", "tommy"],
    &["daniel", "dan", "danny"],
    &["david", "dave", "davy"],
    &["dorothy", "dot", "dotty", "dolly"],
    &["mary", "molly", "polly", "mae"],
    &["ann", "anne", "annie", "nan", "nancy", "hannah"],
    &["frederick", "fred", "freddie"],
    &["henry", "harry", "hal", "hank"],
    &["charles", "charlie", "chas", "chuck"],
    &["samuel", "sam", "sammy"],
    &["samantha", "sam", "sammie"],
    &["victoria", "vicky", "tori"],
    &["rebecca", "becky", "becca"],
    &["nicholas", "nick", "nicky"],
    &["albert", "bert", "bertie", "al"],
    &["sarah", "sally", "sadie"],
    &["abigail", "abby", "gail"],
    &["pamela", "pam"],
    &["kenneth", "ken", "kenny"],
    &["stephen", "steven", "steve", "stevie"],
    &["matthew", "matt"],
    &["peter", "pete"],
    &["ronald", "ron", "ronnie"],
    &["donald", "don", "donny"],
    &["raymond", "ray"],
    &["leonard", "len", "lenny", "leo"],
    &["gwendolen", "gwendoline", "gwen"],
    &["benjamin", "ben", "benny"],
    &["gerald", "gerry", "jerry"],
    &["helen", "helena", "nell", "nellie"],
    &["eleanor", "ellie", "nell", "nora"],
    &["andrew", "andy", "drew"],
    &["philip", "phillip", "phil"],
    &["terence", "terry"],
    &["jacqueline", "jackie", "jacqui"],
    &["isabel", "isabella", "izzy", "bella"],
    &["mohammed", "muhammad", "mohammad", "mohamed", "mo"],
];

/// The other forms of a forename ("peggy" and "maggie" for "margaret"), normalised.
pub fn other_forms(name: &str) -> Vec<&'static str> {
    let name = normalise(name);
    let mut out: Vec<&'static str> = NICKNAMES
        .iter()
        .filter(|group| group.contains(&name.as_str()))
        .flat_map(|group| group.iter().copied())
        .filter(|form| *form != name)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether two forenames are the same name in different forms.
pub fn nicknames(a: &str, b: &str) -> bool {
    let (a, b) = (normalise(a), normalise(b));
    a != b && NICKNAMES.iter().any(|group| group.contains(&a.as_str()) && group.contains(&b.as_str()))
}

/// How alike two names are, from the closest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum NameLikeness {
    Same,
    /// The same forename in another form (Peggy, Margaret).
    OtherForm,
    /// Spelt differently but sounding alike (Catherine, Kathryn).
    SoundsAlike,
    /// A slip of the finger or two (Smith, Smtih).
    Typo,
    /// One is the other's initial (J, John).
    Initial,
    Different,
}

/// Compares two names (each may have several parts; the closest pair of parts counts).
pub fn likeness(a: &str, b: &str) -> NameLikeness {
    let (a, b) = (normalise(a), normalise(b));
    if a.is_empty() || b.is_empty() {
        return NameLikeness::Different;
    }
    if a == b {
        return NameLikeness::Same;
    }
    let mut best = NameLikeness::Different;
    for x in a.split(' ') {
        for y in b.split(' ') {
            best = best.min(part_likeness(x, y));
        }
    }
    // Both in full, joined ("Smith-Jones" against "Smithjones").
    best.min(part_likeness(&a.replace(' ', ""), &b.replace(' ', "")))
}

fn part_likeness(x: &str, y: &str) -> NameLikeness {
    if x == y {
        NameLikeness::Same
    } else if nicknames(x, y) {
        NameLikeness::OtherForm
    } else if x.len() > 1 && y.len() > 1 && nysiis(x) == nysiis(y) {
        NameLikeness::SoundsAlike
    } else if x.len() >= 4 && y.len() >= 4 && edit_distance(x, y) <= if x.len().max(y.len()) >= 8 { 2 } else { 1 } {
        NameLikeness::Typo
    } else if (x.len() == 1 && y.starts_with(x)) || (y.len() == 1 && x.starts_with(y)) {
        NameLikeness::Initial
    } else {
        NameLikeness::Different
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_reduced_to_plain_letters() {
        assert_eq!(normalise("  O'Brien-Smith "), "obrien smith");
        assert_eq!(normalise("Zoë Ångström"), "zoe angstrom");
        assert_eq!(normalise("Łucja Dvořák"), "lucja dvorak");
        assert_eq!(normalise("  "), "");
    }

    #[test]
    fn nysiis_keys_match_the_published_algorithm() {
        // Worked by hand with the rules above.
        assert_eq!(nysiis("Smith"), "SNAT");
        assert_eq!(nysiis("Knight"), "NAGT");
        assert_eq!(nysiis("Macintosh"), "MCANT");
        assert_eq!(nysiis("Phillips"), "FALAP");
        assert_eq!(nysiis("Stephenson"), "STAFANSAN");
        assert_eq!(nysiis("Stevenson"), "STAFANSAN");
        assert_eq!(nysiis("Schmidt"), nysiis("Shmidt"));
        assert_eq!(nysiis(""), "");
    }

    #[test]
    fn likeness_forgives_forms_sounds_and_slips() {
        assert_eq!(likeness("Margaret", "margaret"), NameLikeness::Same);
        assert_eq!(likeness("Peggy", "Margaret"), NameLikeness::OtherForm);
        assert!(other_forms("Peggy").contains(&"margaret"));
        assert!(!other_forms("Peggy").contains(&"peggy"));
        assert!(other_forms("Zebedee").is_empty());
        assert_eq!(likeness("Catherine", "Kathryn"), NameLikeness::OtherForm);
        assert_eq!(likeness("Stephenson", "Stevenson"), NameLikeness::SoundsAlike);
        assert_eq!(likeness("Smith", "Smtih"), NameLikeness::Typo);
        assert_eq!(likeness("J", "John"), NameLikeness::Initial);
        assert_eq!(likeness("Mary Ann", "Ann"), NameLikeness::Same);
        assert_eq!(likeness("Smith-Jones", "Smithjones"), NameLikeness::Same);
        assert_eq!(likeness("Smith", "Jones"), NameLikeness::Different);
        // Short names need more than one changed letter to be different, so none is forgiven.
        assert_eq!(likeness("Ada", "Ida"), NameLikeness::Different);
    }
}
