//! Kiosk mode's logic as plain values, no Leptos and no browser: the kiosk settings (one
//! struct, from `config.json` and the URL), the idle clock (active → "Still there?" countdown → reset), the
//! staff gesture that opens the PIN pad (taps in the top-left corner) and the PIN pad itself.
//! The components in `views/kiosk_shell.rs` and `views/attract.rs` only wire events and
//! timers to these.

use serde_json::Value;

use crate::state::ViewState;
use crate::url_codec::{self, ModeParam, Params};

/// Seconds without a touch before the "Still there?" countdown, when `config.json` sets none.
pub const DEFAULT_IDLE_SECONDS: u32 = 90;
/// Length of the "Still there?" countdown, in seconds.
pub const DEFAULT_COUNTDOWN_SECONDS: u32 = 10;
/// The idle times `config.json` may set (`kiosk.idle_seconds`), in seconds: long enough for a
/// visitor to read a seed page.
const CONFIG_IDLE_SECONDS: std::ops::RangeInclusive<u64> = 10..=86_400;
/// The idle times the URL may set (`idle=`), in seconds: down to one, for trying a kiosk out
/// and for tests.
const URL_IDLE_SECONDS: std::ops::RangeInclusive<u32> = 1..=86_400;
/// The countdown lengths the URL may set (`countdown=`), in seconds.
const URL_COUNTDOWN_SECONDS: std::ops::RangeInclusive<u32> = 1..=60;
/// The PIN that leaves kiosk mode when `config.json` sets none (documented in docs/kiosk.md).
pub const DEFAULT_PIN: &str = "1234";
/// How often the attract screen shows the next featured seed, in milliseconds.
pub const ATTRACT_CYCLE_MS: u32 = 6_000;
/// Featured seeds shown on the attract screen when none are configured (the newest ones).
pub const ATTRACT_NEWEST: usize = 8;

/// Kiosk mode's settings: read from the `kiosk` object of `config.json`, then put in force by
/// [`KioskSettings::resolve`] with the URL's overrides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KioskSettings {
    /// The config turns kiosk mode on without `?mode=kiosk` in the URL (`kiosk.enabled`);
    /// leaving it then needs an explicit `mode=standard` in the URL.
    pub enabled: bool,
    /// When the countdown starts and how long it lasts.
    pub clock: IdleClock,
    /// The staff PIN (4–8 digits) that leaves kiosk mode.
    pub pin: String,
    /// Seed ids the attract screen cycles through (empty: the newest seeds).
    pub featured: Vec<String>,
}

impl Default for KioskSettings {
    fn default() -> Self {
        KioskSettings {
            enabled: false,
            clock: IdleClock::new(DEFAULT_IDLE_SECONDS, DEFAULT_COUNTDOWN_SECONDS),
            pin: DEFAULT_PIN.to_string(),
            featured: Vec::new(),
        }
    }
}

impl KioskSettings {
    /// Reads the `kiosk` object of `config.json`; a wrong field is ignored with a warning, like
    /// the rest of the file.
    pub fn parse(kiosk: Option<&Value>, warnings: &mut Vec<String>) -> KioskSettings {
        let mut out = KioskSettings::default();
        let Some(Value::Object(k)) = kiosk else { return out };
        let mut warn = |field: &str, why: &str| {
            warnings.push(format!("config.json: kiosk.{field} {why}; ignored"))
        };
        match k.get("enabled") {
            None | Some(Value::Null) => {}
            Some(Value::Bool(b)) => out.enabled = *b,
            Some(_) => warn("enabled", "must be true or false"),
        }
        match k.get("idle_seconds") {
            None | Some(Value::Null) => {}
            Some(v) => match v.as_u64().filter(|n| CONFIG_IDLE_SECONDS.contains(n)) {
                Some(n) => out.clock = IdleClock::new(n as u32, DEFAULT_COUNTDOWN_SECONDS),
                None => warn("idle_seconds", "must be a number of seconds from 10 to 86400"),
            },
        }
        match k.get("pin") {
            None | Some(Value::Null) => {}
            Some(Value::String(p)) if valid_pin(p) => out.pin = p.clone(),
            Some(Value::Number(n)) if valid_pin(&n.to_string()) => out.pin = n.to_string(),
            Some(_) => warn("pin", "must be 4 to 8 digits, as a string such as \"2580\""),
        }
        match k.get("featured") {
            None | Some(Value::Null) => {}
            Some(Value::Array(ids)) => {
                out.featured = ids
                    .iter()
                    .filter_map(Value::as_str)
                    .filter(|s| !s.trim().is_empty())
                    .map(String::from)
                    .collect();
                if out.featured.len() != ids.len() {
                    warn("featured", "has entries that are not seed ids");
                }
            }
            Some(_) => warn("featured", "must be a list of seed ids"),
        }
        out
    }

    /// The settings in force: these (from the config), with the site's featured seeds when
    /// the kiosk names none, and the URL's `idle=SECONDS` and `countdown=SECONDS` (for trying
    /// the kiosk out, and tests; out-of-range values are ignored).
    pub fn resolve(&self, site_featured: &[String], params: &Params) -> KioskSettings {
        let mut clock = self.clock;
        if let Some(idle) = params.idle.filter(|n| URL_IDLE_SECONDS.contains(n)) {
            clock.idle_after_ms = u64::from(idle) * 1000;
        }
        if let Some(countdown) = params.countdown.filter(|n| URL_COUNTDOWN_SECONDS.contains(n)) {
            clock.warn_for_ms = u64::from(countdown) * 1000;
        }
        KioskSettings {
            clock,
            featured: if self.featured.is_empty() {
                site_featured.to_vec()
            } else {
                self.featured.clone()
            },
            ..self.clone()
        }
    }
}

/// True for 4 to 8 ASCII digits.
pub fn valid_pin(pin: &str) -> bool {
    (4..=8).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit())
}

/// Where the visitor is in the idle cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Someone touched the screen recently.
    Active,
    /// Nobody has touched it for a while: "Still there?" with this many seconds left.
    Warning {
        /// Whole seconds until the reset (at least 1).
        seconds_left: u32,
    },
    /// The countdown ran out: reset to the attract screen.
    Expired,
}

/// The idle timer as a pure function of two timestamps: after `idle_after_ms` without
/// activity the countdown shows for `warn_for_ms`, then the kiosk resets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdleClock {
    /// Inactivity before the countdown starts.
    pub idle_after_ms: u64,
    /// Length of the countdown.
    pub warn_for_ms: u64,
}

impl IdleClock {
    /// A clock from whole seconds.
    pub fn new(idle_seconds: u32, countdown_seconds: u32) -> IdleClock {
        IdleClock {
            idle_after_ms: u64::from(idle_seconds) * 1000,
            warn_for_ms: u64::from(countdown_seconds) * 1000,
        }
    }

    /// The phase at `now_ms` when the last activity was at `last_activity_ms` (both from the
    /// same monotonic clock, e.g. `performance.now()`). A clock that seems to run backwards
    /// counts as activity.
    pub fn phase(&self, now_ms: f64, last_activity_ms: f64) -> Phase {
        let elapsed = now_ms - last_activity_ms;
        if elapsed.is_nan() || elapsed < self.idle_after_ms as f64 {
            return Phase::Active;
        }
        let end = (self.idle_after_ms + self.warn_for_ms) as f64;
        if elapsed >= end {
            return Phase::Expired;
        }
        Phase::Warning { seconds_left: (((end - elapsed) / 1000.0).ceil() as u32).max(1) }
    }
}

/// The staff gesture: [`CornerTaps::TAPS`] taps within [`CornerTaps::WITHIN_MS`] in the
/// top-left corner of the screen ([`CornerTaps::SIZE`] CSS pixels square).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CornerTaps {
    taps: Vec<f64>,
}

impl CornerTaps {
    /// Taps needed.
    pub const TAPS: usize = 5;
    /// The taps must all fall within this many milliseconds.
    pub const WITHIN_MS: f64 = 4_000.0;
    /// Side of the corner square, in CSS pixels.
    pub const SIZE: f64 = 64.0;

    /// Records a pointer-down at (`x`, `y`) at `now_ms`; true when this tap completes the
    /// gesture (the count then starts again). A tap outside the corner cancels the count.
    pub fn tap(&mut self, x: f64, y: f64, now_ms: f64) -> bool {
        if !(0.0..Self::SIZE).contains(&x) || !(0.0..Self::SIZE).contains(&y) {
            self.taps.clear();
            return false;
        }
        self.taps.retain(|t| now_ms - t < Self::WITHIN_MS && now_ms >= *t);
        self.taps.push(now_ms);
        if self.taps.len() >= Self::TAPS {
            self.taps.clear();
            true
        } else {
            false
        }
    }
}

/// What the PIN pad shows after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinResult {
    /// Still typing.
    Typing,
    /// The PIN was right: leave kiosk mode.
    Unlocked,
    /// Wrong PIN; the entry is cleared.
    Wrong,
    /// Too many wrong PINs: the pad closes.
    LockedOut,
}

/// The PIN pad's entry: digits typed so far and wrong attempts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PinEntry {
    digits: String,
    wrong: u32,
}

impl PinEntry {
    /// Wrong PINs before the pad closes.
    pub const MAX_WRONG: u32 = 3;
    /// Most digits the pad accepts.
    pub const MAX_DIGITS: usize = 8;

    /// Number of digits typed (the pad shows dots, never the digits).
    pub fn len(&self) -> usize {
        self.digits.len()
    }

    /// True when nothing is typed.
    pub fn is_empty(&self) -> bool {
        self.digits.is_empty()
    }

    /// Types a digit (ignored beyond [`PinEntry::MAX_DIGITS`] or when not a digit).
    pub fn push(&mut self, digit: char) {
        if digit.is_ascii_digit() && self.digits.len() < Self::MAX_DIGITS {
            self.digits.push(digit);
        }
    }

    /// Deletes the last digit.
    pub fn backspace(&mut self) {
        self.digits.pop();
    }

    /// Checks the typed digits against `pin`.
    pub fn submit(&mut self, pin: &str) -> PinResult {
        if self.digits.is_empty() {
            return PinResult::Typing;
        }
        let right = constant_time_eq(self.digits.as_bytes(), pin.as_bytes());
        self.digits.clear();
        if right {
            self.wrong = 0;
            return PinResult::Unlocked;
        }
        self.wrong += 1;
        if self.wrong >= Self::MAX_WRONG {
            self.wrong = 0;
            PinResult::LockedOut
        } else {
            PinResult::Wrong
        }
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The query string the kiosk leaves to: the current one without the kiosk parameters, with
/// `mode=standard` when the config would otherwise turn kiosk mode straight back on.
pub fn exit_query(current: &str, from_config: bool) -> String {
    let (state, params) = url_codec::decode(current);
    let params = Params {
        mode: from_config.then_some(ModeParam::Standard),
        idle: None,
        countdown: None,
        ..params
    };
    url_codec::encode(&state, &params)
}

/// The query string of the kiosk's start page after a reset: only the deployment and kiosk
/// parameters survive (catalogue, mode, test timings); the visitor's search, seed, view and
/// language do not.
pub fn reset_query(params: &Params) -> String {
    let kept = Params {
        bundle: params.bundle.clone(),
        mode: params.mode,
        idle: params.idle,
        countdown: params.countdown,
        ..Params::default()
    };
    url_codec::encode(&ViewState::default(), &kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(query: &str) -> Params {
        url_codec::decode(query).1
    }

    #[test]
    fn the_clock_is_active_then_counts_down_then_expires() {
        let clock = IdleClock::new(90, 10);
        assert_eq!(clock.phase(1_000.0, 1_000.0), Phase::Active);
        assert_eq!(clock.phase(90_999.0, 1_000.0), Phase::Active);
        assert_eq!(clock.phase(91_000.0, 1_000.0), Phase::Warning { seconds_left: 10 });
        assert_eq!(clock.phase(91_001.0, 1_000.0), Phase::Warning { seconds_left: 10 });
        assert_eq!(clock.phase(92_000.0, 1_000.0), Phase::Warning { seconds_left: 9 });
        assert_eq!(clock.phase(100_999.0, 1_000.0), Phase::Warning { seconds_left: 1 });
        assert_eq!(clock.phase(101_000.0, 1_000.0), Phase::Expired);
        assert_eq!(clock.phase(1e12, 1_000.0), Phase::Expired);
    }

    #[test]
    fn activity_restarts_the_clock_and_a_backwards_clock_is_activity() {
        let clock = IdleClock::new(3, 2);
        assert_eq!(clock.phase(4_000.0, 0.0), Phase::Warning { seconds_left: 1 });
        assert_eq!(clock.phase(4_000.0, 3_900.0), Phase::Active);
        assert_eq!(clock.phase(0.0, 5_000.0), Phase::Active);
        assert_eq!(clock.phase(f64::NAN, 0.0), Phase::Active);
    }

    #[test]
    fn kiosk_config_is_read_forgivingly() {
        let mut w = Vec::new();
        let v: Value = serde_json::from_str(
            r#"{"enabled":true,"pin":"2580","featured":["a","b"],"idle_seconds":60}"#,
        )
        .unwrap();
        let k = KioskSettings::parse(Some(&v), &mut w);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(
            k,
            KioskSettings {
                enabled: true,
                clock: IdleClock::new(60, DEFAULT_COUNTDOWN_SECONDS),
                pin: "2580".into(),
                featured: vec!["a".into(), "b".into()]
            }
        );
        let v: Value = serde_json::from_str(r#"{"pin":13579}"#).unwrap();
        assert_eq!(KioskSettings::parse(Some(&v), &mut w).pin, "13579");
        let v: Value =
            serde_json::from_str(r#"{"enabled":"yes","pin":"12","featured":"x","idle_seconds":5}"#)
                .unwrap();
        assert_eq!(KioskSettings::parse(Some(&v), &mut w), KioskSettings::default());
        assert_eq!(w.len(), 4, "{w:?}");
        assert_eq!(KioskSettings::parse(None, &mut w), KioskSettings::default());
        assert_eq!(KioskSettings::parse(Some(&Value::Null), &mut w), KioskSettings::default());
    }

    #[test]
    fn pins_are_four_to_eight_digits() {
        assert!(valid_pin("0000") && valid_pin("12345678"));
        assert!(
            !valid_pin("123")
                && !valid_pin("123456789")
                && !valid_pin("12a4")
                && !valid_pin("１２３４")
        );
    }

    #[test]
    fn settings_come_from_config_with_url_overrides() {
        let k = KioskSettings { enabled: true, ..Default::default() };
        let s = k.resolve(&["f".into()], &Params::default());
        assert_eq!(s.clock, IdleClock::new(90, 10));
        assert_eq!(s.pin, DEFAULT_PIN);
        assert_eq!(s.featured, vec!["f"]);
        assert!(s.enabled);
        let s = KioskSettings::default().resolve(&[], &params("?idle=3&countdown=2"));
        assert_eq!(s.clock, IdleClock::new(3, 2));
        let k = KioskSettings { clock: IdleClock::new(120, 10), ..Default::default() };
        let s = k.resolve(&[], &params("?idle=0&countdown=x"));
        assert_eq!(s.clock, IdleClock::new(120, 10));
        let k =
            KioskSettings { featured: vec!["k".into()], pin: "9999".into(), ..Default::default() };
        let s = k.resolve(&["f".into()], &Params::default());
        assert_eq!((s.featured, s.pin.as_str()), (vec!["k".to_string()], "9999"));
    }

    #[test]
    fn five_quick_taps_in_the_corner_open_the_pin_pad() {
        let mut t = CornerTaps::default();
        for i in 0..4 {
            assert!(!t.tap(10.0, 10.0, f64::from(i) * 300.0));
        }
        assert!(t.tap(63.0, 0.0, 1_500.0));
        assert!(!t.tap(10.0, 10.0, 1_600.0), "the count starts again");
    }

    #[test]
    fn slow_taps_or_taps_elsewhere_do_not_count() {
        let mut t = CornerTaps::default();
        for i in 0..5 {
            assert!(!t.tap(10.0, 10.0, f64::from(i) * 1_100.0), "tap {i} is too slow");
        }
        let mut t = CornerTaps::default();
        for i in 0..4 {
            t.tap(5.0, 5.0, f64::from(i) * 100.0);
        }
        assert!(!t.tap(200.0, 5.0, 500.0));
        assert!(!t.tap(5.0, 5.0, 600.0), "a tap elsewhere cancelled the count");
    }

    #[test]
    fn the_pin_pad_unlocks_on_the_right_pin_and_locks_out_after_three_wrong() {
        let mut p = PinEntry::default();
        assert_eq!(p.submit("1234"), PinResult::Typing);
        for c in "12x35".chars() {
            p.push(c);
        }
        assert_eq!(p.len(), 4);
        p.backspace();
        p.push('4');
        assert_eq!(p.submit("1234"), PinResult::Unlocked);
        assert!(p.is_empty());
        for expected in [PinResult::Wrong, PinResult::Wrong, PinResult::LockedOut, PinResult::Wrong]
        {
            p.push('9');
            assert_eq!(p.submit("1234"), expected);
        }
        for _ in 0..20 {
            p.push('1');
        }
        assert_eq!(p.len(), PinEntry::MAX_DIGITS);
    }

    #[test]
    fn leaving_drops_the_kiosk_parameters() {
        assert_eq!(exit_query("?mode=kiosk&q=x&idle=3&countdown=2", false), "?q=x");
        assert_eq!(exit_query("?mode=kiosk", false), "");
        assert_eq!(exit_query("?bundle=b.json", true), "?bundle=b.json&mode=standard");
        assert_eq!(
            exit_query("?mode=kiosk&lang=en&seed=s%2C1", true),
            "?mode=standard&lang=en&seed=s%2C1"
        );
        assert_eq!(exit_query("", true), "?mode=standard");
    }

    #[test]
    fn a_reset_keeps_only_deployment_parameters() {
        let e = params("?bundle=big+one.json&mode=kiosk&idle=3&bench=1&lock=stage&colour=x");
        assert_eq!(reset_query(&e), "?bundle=big+one.json&idle=3&mode=kiosk");
        assert_eq!(reset_query(&Params::default()), "");
    }
}
