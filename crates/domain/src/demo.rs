//! The fictional demo council, generated deterministically from a seed.
//!
//! Every name here is invented, and every address uses the reserved `.example` domain, so demo
//! data can never be mistaken for, or collide with, a real person's.

use crate::access::Role;

/// The demo council's name. "(demo)" stays in it so that nobody mistakes it for a real council.
pub const DEMO_COUNCIL_NAME: &str = "Wrenfield Borough Council (demo)";
pub const DEMO_EMAIL_DOMAIN: &str = "wrenfield.example";
pub const DEFAULT_SEED: u64 = 2026;

/// A small, stable pseudo-random generator (SplitMix64). We own it so that a seed gives the same
/// council on every platform and with every version of every dependency.
#[derive(Clone, Debug)]
pub struct DemoRng(u64);

impl DemoRng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

pub(crate) const FIRST_NAMES: &[&str] = &[
    "Amara",
    "Bilal",
    "Carys",
    "Dev",
    "Eilidh",
    "Farah",
    "Gethin",
    "Hana",
    "Idris",
    "Jaya",
    "Kofi",
    "Lowri",
    "Mehmet",
    "Niamh",
    "Oluwaseun",
    "Priya",
    "Quinn",
    "Rhiannon",
    "Sanjay",
    "Tegan",
    "Usman",
    "Vesna",
    "Wiktor",
    "Yasmin",
    "Zainab",
    "Ashok",
    "Bethan",
    "Callum",
    "Delyth",
    "Emeka",
];
pub(crate) const LAST_NAMES: &[&str] = &[
    "Ashdown",
    "Brackley",
    "Cheval",
    "Dunmore",
    "Ellery",
    "Fairholme",
    "Garside",
    "Holloway",
    "Inchbald",
    "Juniper",
    "Kettlewell",
    "Larkspur",
    "Merriman",
    "Northcott",
    "Oakhanger",
    "Pennycook",
    "Quarrie",
    "Rookwood",
    "Sallow",
    "Thistlewood",
    "Underhill",
    "Varley",
    "Whitlock",
    "Yarrow",
    "Ziegler",
];
const PASSWORD_WORDS: &[&str] = &[
    "kettle", "harbour", "lantern", "meadow", "orchard", "pebble", "quill", "ribbon", "saddle", "teapot", "thimble",
    "willow", "bramble", "candle", "dovecote", "ember", "fiddle", "garden",
];

/// A demo member of staff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoStaff {
    pub name: String,
    pub email: String,
    pub roles: Vec<Role>,
    pub password: String,
}

/// A made-up person's name.
pub fn person_name(rng: &mut DemoRng) -> String {
    format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES))
}

/// One demo account for each role, with a password anyone reading the console can use.
pub fn demo_staff(seed: u64) -> Vec<DemoStaff> {
    let mut rng = DemoRng::new(seed);
    Role::ALL
        .into_iter()
        .map(|role| {
            let first = *rng.pick(FIRST_NAMES);
            let last = *rng.pick(LAST_NAMES);
            let password = format!("demo-{}-{}", rng.pick(PASSWORD_WORDS), rng.pick(PASSWORD_WORDS));
            DemoStaff {
                name: format!("{first} {last}"),
                email: format!("{}@{DEMO_EMAIL_DOMAIN}", role.key()),
                roles: vec![role],
                password,
            }
        })
        .collect()
}

/// Extra staff for `hearth demo --scale N`: fifty a unit of scale, in realistic proportions
/// (most are practitioners). They have no password, so nobody can sign in as them.
pub fn scaled_staff(seed: u64, scale: u32) -> impl Iterator<Item = DemoStaff> {
    let mut rng = DemoRng::new(seed ^ 0x5CA1E);
    (0..scale as usize * 50).map(move |i| {
        let first = *rng.pick(FIRST_NAMES);
        let last = *rng.pick(LAST_NAMES);
        let role = match rng.below(20) {
            0..=12 => Role::Practitioner,
            13..=14 => Role::TeamManager,
            15 => Role::SafeguardingAdultsManager,
            16 => Role::FinanceOfficer,
            17 => Role::DirectoryEditor,
            18 => Role::ProviderEditor,
            _ => Role::PerformanceAnalyst,
        };
        DemoStaff {
            name: format!("{first} {last}"),
            email: format!("{}.{}.{i}@{DEMO_EMAIL_DOMAIN}", first.to_lowercase(), last.to_lowercase()),
            roles: vec![role],
            password: String::new(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_makes_the_same_council() {
        assert_eq!(demo_staff(7), demo_staff(7));
        assert_ne!(demo_staff(7), demo_staff(8));
        let a: Vec<_> = scaled_staff(7, 2).collect();
        let b: Vec<_> = scaled_staff(7, 2).collect();
        assert_eq!(a, b);
        assert_eq!(a.len(), 100);
    }

    #[test]
    fn there_is_one_demo_account_per_role_with_a_usable_password() {
        let staff = demo_staff(DEFAULT_SEED);
        for role in Role::ALL {
            let account = staff.iter().find(|s| s.roles == vec![role]).expect("an account for every role");
            assert!(account.email.ends_with(".example"));
            assert!(crate::password::NewPassword::parse(&account.password).is_ok(), "{}", account.password);
        }
    }

    #[test]
    fn scaled_staff_have_unique_emails() {
        let emails: std::collections::HashSet<_> = scaled_staff(1, 10).map(|s| s.email).collect();
        assert_eq!(emails.len(), 500);
    }
}
