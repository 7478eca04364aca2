//! Passwords: argon2id hashes (the `argon2` crate's defaults: 19 MiB, 2 passes), and
//! passwords generated for new accounts and resets.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// Shorter passwords are refused when a person chooses one.
pub const MIN_LENGTH: usize = 10;
pub const MAX_LENGTH: usize = 200;

pub fn hash(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).unwrap_or_default()
}

pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// Checked against when a login does not exist, so that an unknown login takes as long
/// to refuse as a wrong password and does not tell an attacker which logins exist.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash("not a password of anybody"))
}

/// 18 letters and digits without look-alikes (no 0/O, 1/l/I): about 100 bits.
pub fn generate() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY346789";
    let mut bytes = [0u8; 18];
    getrandom::fill(&mut bytes).expect("the operating system's random numbers");
    bytes.iter().map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char).collect()
}

/// Why a chosen password is refused, if it is.
pub fn weakness(password: &str) -> Option<String> {
    let n = password.chars().count();
    if n < MIN_LENGTH {
        Some(format!("нужно не меньше {MIN_LENGTH} знаков"))
    } else if n > MAX_LENGTH {
        Some(format!("нужно не больше {MAX_LENGTH} знаков"))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_is_argon2id_and_verifies_only_its_password() {
        let h = hash("correct horse battery");
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify("correct horse battery", &h));
        assert!(!verify("correct horse batterY", &h));
        assert!(!verify("anything", "not a hash"));
    }

    #[test]
    fn generated_passwords_differ_and_are_long_enough() {
        let (a, b) = (generate(), generate());
        assert_ne!(a, b);
        assert!(weakness(&a).is_none());
        assert!(weakness("short").is_some());
    }
}
