//! Kiosk mode's logic as plain values, no Leptos and no browser: the kiosk settings (one
//! struct, from `config.json` and the URL), the idle clock (active → "Still there?" countdown → reset), the
//! staff gesture that opens the PIN pad (taps in the top-left corner) and the PIN pad itself.
//! The PIN's own rules (strict reading, failing closed, the wait after wrong tries) are in
//! [`crate::pin`].
//! The components in `views/kiosk_shell.rs` and `views/attract.rs` only wire events and
//! timers to these.

use seed_core::Seed;
use serde_json::Value;

use crate::pin::{self, KioskFault, DEFAULT_PIN};
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
/// How often the attract screen shows the next featured seed, in milliseconds.
pub const ATTRACT_CYCLE_MS: u32 = 6_000;
/// Featured seeds shown on the attract screen when none are configured (the newest ones).
pub const ATTRACT_NEWEST: usize = 8;
/// Keyword chips on the attract screen and the kiosk's empty search.
pub const KEYWORD_CHIPS: usize = 12;
/// Field tiles on the attract screen (the fields with most seeds).
pub const FIELD_TILES: usize = 10;

/// Kiosk mode's settings: read from the `kiosk` object of `config.json`, then put in force by
/// [`KioskSettings::resolve`] with the URL's overrides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KioskSettings {
    /// The config turns kiosk mode on without `?mode=kiosk` in the URL (`kiosk.enabled`);
    /// leaving it then needs an explicit `mode=standard` in the URL.
    pub enabled: bool,
    /// When the countdown starts and how long it lasts.
    pub clock: IdleClock,
    /// The staff PIN (4–8 digits) that leaves kiosk mode, or why no PIN does: the settings
    /// are broken, and a kiosk with broken settings stays locked (never the default PIN).
    pub pin: Result<String, KioskFault>,
    /// Seed ids the attract screen cycles through (empty: the newest seeds).
    pub featured: Vec<String>,
    /// Search words offered as chips to tap (empty: the catalogue's most used keywords).
    pub keywords: Vec<String>,
    /// The idle time was set by the address (`idle=`), not the config.
    pub idle_from_url: bool,
}

impl Default for KioskSettings {
    fn default() -> Self {
        KioskSettings {
            enabled: false,
            clock: IdleClock::new(DEFAULT_IDLE_SECONDS, DEFAULT_COUNTDOWN_SECONDS),
            pin: Ok(DEFAULT_PIN.to_string()),
            featured: Vec::new(),
            keywords: Vec::new(),
            idle_from_url: false,
        }
    }
}

impl KioskSettings {
    /// Reads the `kiosk` object of `config.json`; a wrong field is ignored with a warning, like
    /// the rest of the file, except the two a kiosk's safety depends on, which fail closed: a
    /// `pin` that is not 4 to 8 ASCII digits, or an `enabled` that is not a boolean (the kiosk
    /// then runs, locked), leaves the kiosk with no PIN that opens it.
    pub fn parse(kiosk: Option<&Value>, warnings: &mut Vec<String>) -> KioskSettings {
        let mut out = KioskSettings::default();
        let k = match kiosk {
            None | Some(Value::Null | Value::Bool(false)) => return out,
            Some(Value::Object(k)) => k,
            // `"kiosk": true` or `"kiosk": "on"` asks for a kiosk in a form it does not
            // understand: a locked one.
            Some(_) => {
                warnings
                    .push("config.json: kiosk must be an object; the kiosk stays locked".into());
                return KioskSettings { enabled: true, pin: Err(KioskFault::BadEnabled), ..out };
            }
        };
        out.pin = pin::parse_pin(k.get("pin"));
        if out.pin.is_err() {
            warnings.push(
                "config.json: kiosk.pin must be 4 to 8 digits, as a string such as \"2580\"; \
                 the kiosk stays locked"
                    .into(),
            );
        }
        match k.get("enabled") {
            None | Some(Value::Null) => {}
            Some(Value::Bool(b)) => out.enabled = *b,
            Some(_) => {
                out.enabled = true;
                out.pin = Err(KioskFault::BadEnabled);
                warnings.push(
                    "config.json: kiosk.enabled must be true or false; the kiosk stays locked"
                        .into(),
                );
            }
        }
        let mut warn = |field: &str, why: &str| {
            warnings.push(format!("config.json: kiosk.{field} {why}; ignored"))
        };
        match k.get("idle_seconds") {
            None | Some(Value::Null) => {}
            Some(v) => match v.as_u64().filter(|n| CONFIG_IDLE_SECONDS.contains(n)) {
                Some(n) => out.clock = IdleClock::new(n as u32, DEFAULT_COUNTDOWN_SECONDS),
                None => warn("idle_seconds", "must be a number of seconds from 10 to 86400"),
            },
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
        match k.get("keywords") {
            None | Some(Value::Null) => {}
            Some(Value::Array(words)) => {
                out.keywords = words
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect();
                if out.keywords.len() != words.len() {
                    warn("keywords", "has entries that are not words");
                }
            }
            Some(_) => warn("keywords", "must be a list of search words"),
        }
        out
    }

    /// The settings in force: these (from the config), with the site's featured seeds when
    /// the kiosk names none, and the URL's `idle=SECONDS` and `countdown=SECONDS` (for trying
    /// the kiosk out, and tests; out-of-range values are ignored).
    pub fn resolve(&self, site_featured: &[String], params: &Params) -> KioskSettings {
        let mut clock = self.clock;
        let url_idle = params.idle.filter(|n| URL_IDLE_SECONDS.contains(n));
        if let Some(idle) = url_idle {
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
            idle_from_url: url_idle.is_some(),
            ..self.clone()
        }
    }
}

/// The `n` keywords most seeds carry (Japanese keywords as written; ties in the order they
/// first occur), for chips a visitor without a keyboard can tap.
pub fn popular_keywords<'a>(seeds: impl IntoIterator<Item = &'a Seed>, n: usize) -> Vec<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for seed in seeds {
        let mut seen: Vec<&str> = Vec::new();
        for k in seed.keywords_ja() {
            let k = k.trim();
            if k.is_empty() || seen.contains(&k) {
                continue;
            }
            seen.push(k);
            match counts.iter_mut().find(|(w, _)| w == k) {
                Some((_, c)) => *c += 1,
                None => counts.push((k.to_string(), 1)),
            }
        }
    }
    top_counts(counts, n).into_iter().map(|(w, _)| w).collect()
}

/// The `n` entries with the highest counts, highest first, ties in their given order. (A
/// selection, not a sort: `n` is a dozen and a sort would add its own code to the wasm.)
pub fn top_counts(mut entries: Vec<(String, usize)>, n: usize) -> Vec<(String, usize)> {
    let mut out = Vec::with_capacity(n.min(entries.len()));
    while out.len() < n && !entries.is_empty() {
        let mut best = 0;
        for (i, (_, c)) in entries.iter().enumerate() {
            if *c > entries[best].1 {
                best = i;
            }
        }
        out.push(entries.remove(best));
    }
    out
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
    /// Wrong PIN; the entry is cleared (the wait that follows is [`crate::pin::PinThrottle`]'s).
    Wrong,
}

/// The PIN pad's entry: the digits typed so far.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PinEntry {
    digits: String,
}

impl PinEntry {
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
            PinResult::Unlocked
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
            r#"{"enabled":true,"pin":"2580","featured":["a","b"],"idle_seconds":60,"keywords":["がん"," AI "]}"#,
        )
        .unwrap();
        let k = KioskSettings::parse(Some(&v), &mut w);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(
            k,
            KioskSettings {
                enabled: true,
                clock: IdleClock::new(60, DEFAULT_COUNTDOWN_SECONDS),
                pin: Ok("2580".into()),
                featured: vec!["a".into(), "b".into()],
                keywords: vec!["がん".into(), "AI".into()],
                idle_from_url: false,
            }
        );
        let v: Value = serde_json::from_str(r#"{"pin":13579}"#).unwrap();
        assert_eq!(KioskSettings::parse(Some(&v), &mut w).pin, Ok("13579".into()));
        let v: Value =
            serde_json::from_str(r#"{"featured":"x","idle_seconds":5,"keywords":"AI"}"#).unwrap();
        assert_eq!(KioskSettings::parse(Some(&v), &mut w), KioskSettings::default());
        assert_eq!(w.len(), 3, "{w:?}");
        assert_eq!(KioskSettings::parse(None, &mut w), KioskSettings::default());
        assert_eq!(KioskSettings::parse(Some(&Value::Bool(false)), &mut w), Default::default());
        let on = KioskSettings::parse(Some(&Value::Bool(true)), &mut w);
        assert_eq!((on.enabled, on.pin), (true, Err(KioskFault::BadEnabled)));
        assert_eq!(KioskSettings::parse(Some(&Value::Null), &mut w), KioskSettings::default());
    }

    #[test]
    fn the_most_used_keywords_come_first_ties_in_catalogue_order() {
        let e = crate::testdata::engine();
        let words = popular_keywords(&e.bundle().seeds, 4);
        assert_eq!(words, ["がん", "抗体", "AI", "免疫"]);
        assert_eq!(popular_keywords(&e.bundle().seeds, 100).len(), 10, "every keyword once");
        assert!(popular_keywords(&e.bundle().seeds[..0], 4).is_empty());
    }

    #[test]
    fn the_top_counts_come_highest_first_ties_in_order() {
        let e = |w: &str, c: usize| (w.to_string(), c);
        let entries = vec![e("a", 1), e("b", 3), e("c", 1), e("d", 3), e("e", 2)];
        assert_eq!(top_counts(entries.clone(), 3), [e("b", 3), e("d", 3), e("e", 2)]);
        assert_eq!(top_counts(entries.clone(), 9).len(), 5);
        assert_eq!(top_counts(entries, 0), []);
    }

    #[test]
    fn a_wrong_pin_or_enabled_locks_the_kiosk_instead_of_falling_back() {
        let read = |json: &str| {
            let mut w = Vec::new();
            let k = KioskSettings::parse(Some(&serde_json::from_str(json).unwrap()), &mut w);
            assert_eq!(w.len(), 1, "{json}: {w:?}");
            k
        };
        for pin in [r#""12""#, r#""12 34""#, r#""１２３４""#, r#""123456789""#, "[]"] {
            let k = read(&format!(r#"{{"enabled":true,"pin":{pin}}}"#));
            assert_eq!((k.enabled, k.pin), (true, Err(KioskFault::BadPin)), "{pin}");
        }
        for enabled in [r#""yes""#, r#""false""#, "1", "0", "{}"] {
            let k = read(&format!(r#"{{"enabled":{enabled},"pin":"2580"}}"#));
            assert_eq!((k.enabled, k.pin), (true, Err(KioskFault::BadEnabled)), "{enabled}");
        }
    }

    #[test]
    fn settings_come_from_config_with_url_overrides() {
        let k = KioskSettings { enabled: true, ..Default::default() };
        let s = k.resolve(&["f".into()], &Params::default());
        assert_eq!(s.clock, IdleClock::new(90, 10));
        assert_eq!(s.pin.as_deref(), Ok(DEFAULT_PIN));
        assert_eq!(s.featured, vec!["f"]);
        assert!(s.enabled);
        assert!(!s.idle_from_url);
        let s = KioskSettings::default().resolve(&[], &params("?idle=3&countdown=2"));
        assert_eq!(s.clock, IdleClock::new(3, 2));
        assert!(s.idle_from_url);
        let k = KioskSettings { clock: IdleClock::new(120, 10), ..Default::default() };
        let s = k.resolve(&[], &params("?idle=0&countdown=x"));
        assert_eq!(s.clock, IdleClock::new(120, 10));
        assert!(!s.idle_from_url, "an ignored idle= does not count");
        let k = KioskSettings {
            featured: vec!["k".into()],
            pin: Ok("9999".into()),
            ..Default::default()
        };
        let s = k.resolve(&["f".into()], &Params::default());
        assert_eq!((s.featured, s.pin.as_deref()), (vec!["k".to_string()], Ok("9999")));
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
    fn the_pin_pad_unlocks_on_the_right_pin_only() {
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
        for _ in 0..4 {
            p.push('9');
            assert_eq!(p.submit("1234"), PinResult::Wrong);
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
        let e = params("?bundle=big-one.json&mode=kiosk&idle=3&bench=1&lock=stage&colour=x");
        assert_eq!(reset_query(&e), "?bundle=big-one.json&idle=3&mode=kiosk");
        assert_eq!(reset_query(&Params::default()), "");
    }
}
