//! Tracking codes as people type them back: one parser both faces use.

use super::comment::CODE_ALPHABET;

/// What a code follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    /// A comment on a consultation (`C-…`).
    Comment,
    /// An opinion outside consultations (`O-…`).
    Opinion,
    /// A signature added to a published comment, "Me sumo" (`A-…`).
    Endorsement,
}

/// A tracking code read from what someone typed: trimmed, upper case, spaces dropped, and of
/// the shape the service hands out (`C-2026-2227-9Q2MXK`, `O-2026-7K3F-9Q2M`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackingCode {
    /// Comment or opinion.
    pub kind: CodeKind,
    /// The code as stored.
    pub text: String,
}

impl TrackingCode {
    /// Reads a typed code; none when it cannot be one of the service's codes.
    pub fn parse(typed: &str) -> Option<TrackingCode> {
        let text = normalise(typed);
        let mut parts = text.split('-');
        let kind = match parts.next()? {
            "C" => CodeKind::Comment,
            "O" => CodeKind::Opinion,
            "A" => CodeKind::Endorsement,
            _ => return None,
        };
        let year = parts.next()?;
        let letters = |p: &str, lens: std::ops::RangeInclusive<usize>| {
            lens.contains(&p.len()) && p.bytes().all(|b| CODE_ALPHABET.contains(&b))
        };
        let ok = year.len() == 4
            && year.bytes().all(|b| b.is_ascii_digit())
            && parts.next().is_some_and(|p| letters(p, 4..=4))
            && parts.next().is_some_and(|p| letters(p, 4..=6))
            && parts.next().is_none();
        ok.then_some(TrackingCode { kind, text })
    }
}

/// A typed tracking code as stored: trimmed, upper case, spaces dropped.
pub fn normalise(code: &str) -> String {
    code.trim().to_uppercase().replace(' ', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_read_as_typed_and_others_refused() {
        let c = TrackingCode::parse(" c-2026-2227-9q2mxk ").unwrap();
        assert_eq!(
            (c.kind, c.text.as_str()),
            (CodeKind::Comment, "C-2026-2227-9Q2MXK")
        );
        let o = TrackingCode::parse("O-2026-7K3F-9Q2M").unwrap();
        assert_eq!(o.kind, CodeKind::Opinion);
        for bad in [
            "",
            "X-2026-7K3F-9Q2M",
            "C-26-7K3F-9Q2M",
            "C-2026-7K3F",
            "C-2026-OOOO-9Q2M",
            "C-2026-7K3F-9Q2M-AAAA",
        ] {
            assert_eq!(TrackingCode::parse(bad), None, "{bad}");
        }
    }
}
