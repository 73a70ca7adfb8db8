//! The names of comment channels and of draft languages as pages show them (issue 37).

use crate::i18n::{k, t};

/// A channel's name (`paper` → "Papel"); an unknown code as given.
pub fn channel_name(code: &str) -> String {
    let key = match code {
        "web" => k("via-web"),
        "paper" => k("via-paper"),
        "phone" => k("via-phone"),
        "in_person" => k("via-in-person"),
        "email" => k("via-email"),
        "whatsapp" => k("via-whatsapp"),
        other => return other.to_string(),
    };
    t(key)
}

/// A language's name by its ISO 639-3 code (`quc` → "K'iche'"); a code the catalog does not
/// name, as given.
pub fn language_name(code: &str) -> String {
    let key = match code {
        "spa" => k("idioma-spa"),
        "quc" => k("idioma-quc"),
        "cak" => k("idioma-cak"),
        "mam" => k("idioma-mam"),
        "kek" => k("idioma-kek"),
        "eng" => k("idioma-eng"),
        other => return other.to_string(),
    };
    t(key)
}

/// Received comments by channel in words, the channels with none left out: "Web 120 · Papel 3".
pub fn channel_summary(by_channel: &std::collections::BTreeMap<String, i64>) -> String {
    let mut parts: Vec<(i64, String)> = by_channel
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(code, n)| {
            (
                *n,
                format!(
                    "{} {}",
                    channel_name(code),
                    crate::format::number(*n as f64)
                ),
            )
        })
        .collect();
    parts.sort_by_key(|p| std::cmp::Reverse(p.0));
    parts
        .into_iter()
        .map(|(_, p)| p)
        .collect::<Vec<_>>()
        .join(" · ")
}
