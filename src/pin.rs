//! The kiosk's staff PIN, failing closed: the PIN `config.json` sets (read strictly, never
//! replaced by the public default when it is wrong), why a kiosk cannot be unlocked when the
//! settings are broken, and the growing wait after wrong PINs.

use serde_json::Value;

/// The PIN that leaves kiosk mode when `config.json` names none (documented in docs/kiosk.md).
pub const DEFAULT_PIN: &str = "1234";
/// Shortest and longest PIN, in digits.
pub const PIN_DIGITS: std::ops::RangeInclusive<usize> = 4..=8;

/// Why a kiosk cannot be unlocked until `config.json` is fixed (shown to staff on the screen).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KioskFault {
    /// `kiosk.pin` is not 4 to 8 ASCII digits.
    BadPin,
    /// `kiosk.enabled` is not `true` or `false`.
    BadEnabled,
    /// `config.json` is not a JSON object, or did not arrive (timeout, network, server error):
    /// it may set a PIN, so none is accepted.
    Unreadable,
}

/// True for 4 to 8 ASCII digits, nothing else (no spaces, no full-width digits).
pub fn valid_pin(pin: &str) -> bool {
    PIN_DIGITS.contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit())
}

/// Reads `kiosk.pin`: absent or `null` is the default PIN; a string of 4 to 8 ASCII digits
/// (or such a whole number) is the PIN; anything else locks the kiosk.
pub fn parse_pin(value: Option<&Value>) -> Result<String, KioskFault> {
    let pin = match value {
        None | Some(Value::Null) => return Ok(DEFAULT_PIN.to_string()),
        Some(Value::String(p)) => p.clone(),
        Some(Value::Number(n)) if n.is_u64() => n.to_string(),
        Some(_) => return Err(KioskFault::BadPin),
    };
    if valid_pin(&pin) {
        Ok(pin)
    } else {
        Err(KioskFault::BadPin)
    }
}

/// Whether a `config.json` that is not valid JSON still says `"kiosk": {… "enabled": …}` with
/// any value but `false`: a kiosk whose settings file broke stays a kiosk (locked) rather
/// than opening the normal explorer to visitors.
pub fn broken_text_enables_kiosk(text: &str) -> bool {
    let Some(at) = text.find("\"kiosk\"") else { return false };
    let rest = &text[at..];
    let Some(at) = rest.find("\"enabled\"") else { return false };
    let value = rest[at + "\"enabled\"".len()..].trim_start();
    let Some(value) = value.strip_prefix(':') else { return false };
    !value.trim_start().starts_with("false")
}

/// Wrong PINs allowed before each further try has to wait.
pub const FREE_TRIES: u32 = 3;
/// The wait after the [`FREE_TRIES`]th wrong PIN in a row, in milliseconds; it doubles with
/// each further wrong PIN.
pub const FIRST_WAIT_MS: f64 = 30_000.0;
/// The longest wait, in milliseconds.
pub const MAX_WAIT_MS: f64 = 15.0 * 60_000.0;

/// Wrong PINs in a row and until when the pad refuses another try, on the wall clock
/// (milliseconds since 1970, so the count survives a reload when stored).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PinThrottle {
    wrong: u32,
    until_ms: f64,
}

impl PinThrottle {
    /// Milliseconds left before another try is accepted, or `None` when one is accepted now.
    /// A wait that seems longer than [`MAX_WAIT_MS`] (the clock was set back) counts as that.
    pub fn wait_ms(&self, now_ms: f64) -> Option<f64> {
        let left = (self.until_ms - now_ms).min(MAX_WAIT_MS);
        (left > 0.0).then_some(left)
    }

    /// Records a wrong PIN at `now_ms`.
    pub fn wrong(&mut self, now_ms: f64) {
        self.wrong = self.wrong.saturating_add(1);
        if self.wrong >= FREE_TRIES {
            let doublings = (self.wrong - FREE_TRIES).min(16);
            let wait = (FIRST_WAIT_MS * f64::from(1u32 << doublings)).min(MAX_WAIT_MS);
            self.until_ms = now_ms + wait;
        }
    }

    /// Records the right PIN: the count starts again.
    pub fn right(&mut self) {
        *self = PinThrottle::default();
    }

    /// The stored form: `wrong until_ms`.
    pub fn to_storage(self) -> String {
        // Whole milliseconds as an integer: the wasm then needs no float formatting or parsing.
        format!("{} {}", self.wrong, self.until_ms.max(0.0) as u64)
    }

    /// Reads the stored form; anything unreadable is a fresh count.
    pub fn from_storage(text: &str) -> PinThrottle {
        let mut parts = text.split(' ');
        let wrong = parts.next().and_then(|w| w.parse().ok());
        let until = parts.next().and_then(|u| u.parse::<u64>().ok()).map(|u| u as f64);
        match (wrong, until) {
            (Some(wrong), Some(until_ms)) => PinThrottle { wrong, until_ms },
            _ => PinThrottle::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pin(json: &str) -> Result<String, KioskFault> {
        parse_pin(Some(&serde_json::from_str(json).unwrap()))
    }

    #[test]
    fn pins_are_four_to_eight_ascii_digits_and_nothing_else() {
        assert_eq!(pin(r#""2580""#), Ok("2580".into()));
        assert_eq!(pin(r#""00000000""#), Ok("00000000".into()));
        assert_eq!(pin("13579"), Ok("13579".into()));
        assert_eq!(parse_pin(None), Ok(DEFAULT_PIN.into()));
        assert_eq!(pin("null"), Ok(DEFAULT_PIN.into()));
        for bad in [
            r#""123""#,
            r#""123456789""#,
            r#""12 34""#,
            r#"" 1234""#,
            r#""1234 ""#,
            r#""１２３４""#,
            r#""12a4""#,
            r#""""#,
            "12",
            "1234.5",
            "-1234",
            "true",
            "[1234]",
        ] {
            assert_eq!(pin(bad), Err(KioskFault::BadPin), "{bad}");
        }
    }

    #[test]
    fn a_broken_file_that_turns_the_kiosk_on_keeps_it_on() {
        assert!(broken_text_enables_kiosk(r#"{"kiosk": {"enabled": true, "pin": "2580",}"#));
        assert!(broken_text_enables_kiosk(r#"{"kiosk":{"pin":"1","enabled" :"yes"}"#));
        assert!(!broken_text_enables_kiosk(r#"{"kiosk": {"enabled": false,}"#));
        assert!(!broken_text_enables_kiosk(r#"{"site_title": "#));
        assert!(!broken_text_enables_kiosk(r#"{"embed": {"enabled": true}, "#));
    }

    #[test]
    fn each_wrong_pin_after_three_waits_twice_as_long() {
        let mut t = PinThrottle::default();
        t.wrong(0.0);
        t.wrong(0.0);
        assert_eq!(t.wait_ms(0.0), None, "two wrong PINs: no wait yet");
        t.wrong(1_000.0);
        assert_eq!(t.wait_ms(1_000.0), Some(FIRST_WAIT_MS));
        assert_eq!(t.wait_ms(1_000.0 + FIRST_WAIT_MS), None);
        t.wrong(40_000.0);
        assert_eq!(t.wait_ms(40_000.0), Some(2.0 * FIRST_WAIT_MS));
        t.wrong(200_000.0);
        assert_eq!(t.wait_ms(200_000.0), Some(4.0 * FIRST_WAIT_MS));
        for _ in 0..40 {
            t.wrong(1e6);
        }
        assert_eq!(t.wait_ms(1e6), Some(MAX_WAIT_MS), "the wait is capped");
        t.right();
        assert_eq!(t, PinThrottle::default());
    }

    #[test]
    fn a_clock_set_back_waits_no_longer_than_the_cap() {
        let mut t = PinThrottle::default();
        for _ in 0..3 {
            t.wrong(1e12);
        }
        assert_eq!(t.wait_ms(0.0), Some(MAX_WAIT_MS));
    }

    #[test]
    fn the_count_survives_storage_and_garbage_is_a_fresh_count() {
        let mut t = PinThrottle::default();
        for _ in 0..4 {
            t.wrong(5.0);
        }
        assert_eq!(PinThrottle::from_storage(&t.to_storage()), t);
        for bad in ["", "x", "3", "3 NaN", "-1 5"] {
            assert_eq!(PinThrottle::from_storage(bad), PinThrottle::default(), "{bad}");
        }
    }
}
