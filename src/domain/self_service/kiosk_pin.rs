//! The kiosk PIN as it is stored: never the PIN itself, only a salted PBKDF2-SHA256 hash
//! (derived by the browser's WebCrypto), checked in constant time.
//!
//! This keeps people at the kiosk out of the agent pages. It is not encryption: anyone with
//! the browser's developer tools or the device's files can read or change the local data.

use serde::{Deserialize, Serialize};

pub const ALGORITHM: &str = "PBKDF2-SHA256";
/// OWASP's 2023 floor for PBKDF2-HMAC-SHA256.
pub const MIN_ITERATIONS: u32 = 600_000;
pub const SALT_BYTES: usize = 16;
/// Bytes of derived key kept (256 bits).
pub const HASH_BYTES: usize = 32;
pub const MIN_PIN: usize = 4;
pub const MAX_PIN: usize = 64;

/// The stored hash of a PIN. Salt and hash are lower-case hex.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct PinRecord {
    pub algorithm: String,
    pub salt: String,
    pub iterations: u32,
    pub hash: String,
}

/// What the meta store keeps under [`KioskLock::META_KEY`] while the browser is a kiosk.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct KioskLock {
    pub pin: PinRecord,
    /// The admin who locked it, for the record.
    #[serde(default)]
    pub locked_by: String,
}

impl KioskLock {
    pub const META_KEY: &'static str = "kiosk";
}

pub fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn from_hex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) || !s.is_ascii() {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok()).collect()
}

/// Equal length and equal bytes, taking the same time wherever the first difference is.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    // black_box keeps the optimiser from turning the fold into an early exit.
    std::hint::black_box(diff) == 0
}

impl PinRecord {
    pub fn new(salt: &[u8], iterations: u32, hash: &[u8]) -> Self {
        PinRecord { algorithm: ALGORITHM.into(), salt: to_hex(salt), iterations, hash: to_hex(hash) }
    }

    /// The salt to derive with, after checking the whole record. The error says what is
    /// wrong in a sentence.
    pub fn salt_bytes(&self) -> Result<Vec<u8>, String> {
        if self.algorithm != ALGORITHM {
            return Err(format!("the kiosk PIN uses \"{}\", which this version does not know", self.algorithm));
        }
        if self.iterations < MIN_ITERATIONS {
            return Err(format!("the kiosk PIN hash uses {} iterations; at least {MIN_ITERATIONS} are required", self.iterations));
        }
        let salt = from_hex(&self.salt).filter(|s| s.len() == SALT_BYTES);
        let hash = from_hex(&self.hash).filter(|h| h.len() == HASH_BYTES);
        match (salt, hash) {
            (Some(salt), Some(_)) => Ok(salt),
            (None, _) => Err(format!("the kiosk PIN's salt is not {SALT_BYTES} bytes of hex")),
            (_, None) => Err(format!("the kiosk PIN's hash is not {HASH_BYTES} bytes of hex")),
        }
    }

    /// Whether `derived` (the PBKDF2 output for a typed PIN) is this record's hash.
    pub fn matches(&self, derived: &[u8]) -> bool {
        match from_hex(&self.hash) {
            Some(h) => constant_time_eq(&h, derived),
            None => false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinProblem {
    TooShort,
    TooLong,
    Mismatch,
}

/// Checks a new PIN and its repetition.
pub fn check_new_pin(pin: &str, again: &str) -> Result<(), PinProblem> {
    let n = pin.chars().count();
    if n < MIN_PIN {
        return Err(PinProblem::TooShort);
    }
    if n > MAX_PIN {
        return Err(PinProblem::TooLong);
    }
    if pin != again {
        return Err(PinProblem::Mismatch);
    }
    Ok(())
}

/// Milliseconds to wait after the `failures`-th wrong PIN in a row: 1 s, 2 s, 4 s, then 8 s.
pub fn wrong_pin_delay_ms(failures: u32) -> u32 {
    1000 << failures.saturating_sub(1).min(3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trip_and_rejects() {
        assert_eq!(to_hex(&[0, 15, 255]), "000fff");
        assert_eq!(from_hex("000fff"), Some(vec![0, 15, 255]));
        assert_eq!(from_hex("0g"), None);
        assert_eq!(from_hex("abc"), None);
        assert_eq!(from_hex("éé"), None);
    }

    #[test]
    fn constant_time_comparison() {
        assert!(constant_time_eq(b"abcd", b"abcd"));
        assert!(!constant_time_eq(b"abcd", b"abce"));
        assert!(!constant_time_eq(b"abcd", b"abc"));
        assert!(constant_time_eq(b"", b""));
    }

    #[test]
    fn a_record_is_checked_before_use() {
        let r = PinRecord::new(&[7; 16], MIN_ITERATIONS, &[9; 32]);
        assert_eq!(r.salt_bytes(), Ok(vec![7; 16]));
        assert!(r.matches(&[9; 32]));
        assert!(!r.matches(&[9; 31]));
        let mut weak = r.clone();
        weak.iterations = 1000;
        assert!(weak.salt_bytes().unwrap_err().contains("600000"));
        let mut short = r.clone();
        short.salt = "0102".into();
        assert!(short.salt_bytes().unwrap_err().contains("salt"));
        let mut other = r.clone();
        other.algorithm = "MD5".into();
        assert!(other.salt_bytes().is_err());
        let mut bad = r;
        bad.hash = "zz".into();
        assert!(!bad.matches(&[9; 32]));
        assert!(bad.salt_bytes().unwrap_err().contains("hash"));
    }

    #[test]
    fn the_record_serialises_as_salt_iterations_hash() {
        let lock = KioskLock { pin: PinRecord::new(&[1; 16], 600_000, &[2; 32]), locked_by: "admin".into() };
        let json = serde_json::to_value(&lock).unwrap();
        assert_eq!(json["pin"]["iterations"], 600_000);
        assert_eq!(json["pin"]["salt"], "01".repeat(16));
        assert_eq!(json["pin"]["algorithm"], "PBKDF2-SHA256");
        let back: KioskLock = serde_json::from_value(json).unwrap();
        assert_eq!(back, lock);
    }

    #[test]
    fn new_pins() {
        assert_eq!(check_new_pin("123", "123"), Err(PinProblem::TooShort));
        assert_eq!(check_new_pin("1234", "1235"), Err(PinProblem::Mismatch));
        assert_eq!(check_new_pin(&"1".repeat(65), &"1".repeat(65)), Err(PinProblem::TooLong));
        assert_eq!(check_new_pin("2468", "2468"), Ok(()));
    }

    #[test]
    fn wrong_pin_delays_grow_to_eight_seconds() {
        let d: Vec<u32> = (1..=6).map(wrong_pin_delay_ms).collect();
        assert_eq!(d, [1000, 2000, 4000, 8000, 8000, 8000]);
        assert_eq!(wrong_pin_delay_ms(0), 1000);
    }
}
