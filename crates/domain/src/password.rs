//! Password hashing with argon2id.
//!
//! Parameters follow the OWASP Password Storage Cheat Sheet's first argon2id option
//! (19 MiB of memory, 2 iterations, 1 lane). Hashing is deliberately slow, so callers run it on a
//! blocking thread.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::OnceLock;

/// The shortest password we accept. NCSC advice favours length over composition rules.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Long enough for any passphrase, short enough that hashing cannot be used to tie up the server.
pub const MAX_PASSWORD_CHARS: usize = 256;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("Enter a password")]
    Empty,
    #[error("Password must be {MIN_PASSWORD_CHARS} characters or more")]
    TooShort,
    #[error("Password must be {MAX_PASSWORD_CHARS} characters or fewer")]
    TooLong,
}

/// A password that meets the policy. It never appears in `Debug` output.
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(..)")
    }
}

impl NewPassword {
    pub fn parse(input: &str) -> Result<Self, PasswordError> {
        let chars = input.chars().count();
        if chars == 0 {
            Err(PasswordError::Empty)
        } else if chars < MIN_PASSWORD_CHARS {
            Err(PasswordError::TooShort)
        } else if chars > MAX_PASSWORD_CHARS {
            Err(PasswordError::TooLong)
        } else {
            Ok(Self(input.to_owned()))
        }
    }

    /// The argon2id hash in PHC string format.
    pub fn hash(&self) -> String {
        let salt = SaltString::generate(&mut OsRng);
        hasher().hash_password(self.0.as_bytes(), &salt).expect("argon2 hashing with valid parameters").to_string()
    }
}

fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// True when `password` matches `phc_hash`. A malformed hash never matches.
pub fn verify(password: &str, phc_hash: &str) -> bool {
    if password.chars().count() > MAX_PASSWORD_CHARS {
        return false;
    }
    match PasswordHash::new(phc_hash) {
        Ok(parsed) => hasher().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// Does the same work as [`verify`] for an email with no account (or an account with no
/// password), so that response times do not reveal which accounts exist.
pub fn verify_against_dummy(password: &str) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let dummy = DUMMY.get_or_init(|| NewPassword("dummy password for timing".into()).hash());
    let _ = verify(password, dummy);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_and_verify() {
        let hash = NewPassword::parse("correct horse battery").unwrap().hash();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
        assert!(verify("correct horse battery", &hash));
        assert!(!verify("correct horse batterY", &hash));
    }

    #[test]
    fn two_hashes_of_one_password_differ_by_salt() {
        let p = NewPassword::parse("correct horse battery").unwrap();
        assert_ne!(p.hash(), p.hash());
    }

    #[test]
    fn policy() {
        assert_eq!(NewPassword::parse("").unwrap_err(), PasswordError::Empty);
        assert_eq!(NewPassword::parse("elevenchars").unwrap_err(), PasswordError::TooShort);
        assert!(NewPassword::parse("twelve chars").is_ok());
        assert_eq!(NewPassword::parse(&"x".repeat(257)).unwrap_err(), PasswordError::TooLong);
        assert!(!format!("{:?}", NewPassword::parse("twelve chars").unwrap()).contains("twelve"));
    }

    #[test]
    fn malformed_hashes_never_match() {
        assert!(!verify("anything at all", "not a hash"));
        assert!(!verify("anything at all", ""));
    }
}
