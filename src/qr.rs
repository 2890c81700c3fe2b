//! QR codes as one SVG path: the module matrix from the `qrcode` crate, each row's runs of dark
//! modules written as rectangles in a single `d` attribute. No HTML strings, no images.

use qrcode::{Color, EcLevel, QrCode};

/// Modules of white margin around the code (the standard's quiet zone).
pub const QUIET: usize = 4;

/// A QR code ready to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Qr {
    /// Modules per side, without the quiet zone.
    pub width: usize,
    /// The dark modules as an SVG path in module units (origin at the top-left module).
    pub path: String,
}

impl Qr {
    /// Encodes `text` (medium error correction); `None` if it is too long for any QR version.
    pub fn encode(text: &str) -> Option<Qr> {
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
        let width = code.width();
        Some(Qr { width, path: path_of(&code.to_colors(), width) })
    }

    /// The SVG `viewBox`, including the quiet zone.
    pub fn view_box(&self) -> String {
        let side = self.width + 2 * QUIET;
        format!("-{QUIET} -{QUIET} {side} {side}")
    }
}

fn path_of(colors: &[Color], width: usize) -> String {
    let mut d = String::new();
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] == Color::Dark {
                let start = x;
                while x < width && row[x] == Color::Dark {
                    x += 1;
                }
                let run = x - start;
                d.push_str(&format!("M{start} {y}h{run}v1h-{run}z"));
            } else {
                x += 1;
            }
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads the path back into a matrix of dark modules.
    fn matrix(qr: &Qr) -> Vec<bool> {
        let mut m = vec![false; qr.width * qr.width];
        for rect in qr.path.split('z').filter(|r| !r.is_empty()) {
            let rest = rect.strip_prefix('M').unwrap();
            let (xy, tail) = rest.split_once('h').unwrap();
            let (x, y) = xy.split_once(' ').unwrap();
            let (run, _) = tail.split_once('v').unwrap();
            let (x, y, run): (usize, usize, usize) =
                (x.parse().unwrap(), y.parse().unwrap(), run.parse().unwrap());
            for i in x..x + run {
                assert!(!m[y * qr.width + i], "modules drawn once");
                m[y * qr.width + i] = true;
            }
        }
        m
    }

    #[test]
    fn the_path_draws_exactly_the_dark_modules() {
        let text = "https://seeds.example.jp/explorer/?seed=hokuto-med-001";
        let qr = Qr::encode(text).unwrap();
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).unwrap();
        let expected: Vec<bool> = code.to_colors().into_iter().map(|c| c == Color::Dark).collect();
        assert_eq!(matrix(&qr), expected);
        assert_eq!(qr.width, code.width());
        assert_eq!(qr.view_box(), format!("-4 -4 {0} {0}", qr.width + 8));
    }

    #[test]
    fn a_long_shortlist_link_still_encodes_and_an_impossible_one_does_not_panic() {
        let ids: Vec<String> = (0..60).map(|i| format!("institution-{i:03}")).collect();
        let url = format!("https://seeds.example.jp/?view=shortlist&ids={}", ids.join(","));
        assert!(Qr::encode(&url).is_some());
        assert!(Qr::encode(&"x".repeat(5000)).is_none());
    }
}
