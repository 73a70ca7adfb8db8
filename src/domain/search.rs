//! The words of a catalogue search: folded, split, without the little words every name has, and
//! turned into each backend's own full-text query.
//!
//! Both backends match every word (in any order), each as a prefix of its Spanish stem, so
//! "permiso extranjero" finds "Permiso de trabajo para personas extranjeras". PostgreSQL stems
//! with its `spanish` configuration; on SQLite the query's words are stemmed here with the same
//! Snowball algorithm and matched as prefixes of the folded words FTS5 indexed.

use rust_stemmers::{Algorithm, Stemmer};

use super::procedure::fold;

/// At most this many words of a search count.
const MAX_TERMS: usize = 10;

/// Words too common to narrow a search (Spanish articles, prepositions and conjunctions).
const STOP_WORDS: &[&str] = &[
    "a", "al", "como", "con", "de", "del", "e", "el", "en", "la", "las", "lo", "los", "mi", "o",
    "para", "por", "que", "se", "sin", "su", "sus", "u", "un", "una", "unas", "unos", "y",
];

/// The words that count in `q`: folded (case and accents), split at anything that is not a letter
/// or a digit, without stop words or repeats, at most ten.
pub fn terms(q: &str) -> Vec<String> {
    let folded = fold(q);
    let mut out: Vec<String> = Vec::new();
    for word in folded.split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.is_empty() || STOP_WORDS.contains(&word) || out.iter().any(|w| w == word) {
            continue;
        }
        out.push(word.to_string());
        if out.len() == MAX_TERMS {
            break;
        }
    }
    out
}

/// The Spanish Snowball stem of a folded word.
pub fn stem(word: &str) -> String {
    Stemmer::create(Algorithm::Spanish).stem(word).into_owned()
}

/// An FTS5 query: every term's stem as a quoted prefix (terms hold only ASCII letters and digits,
/// so nothing in them is FTS5 syntax).
pub fn fts5_query(terms: &[String]) -> String {
    terms
        .iter()
        .map(|t| format!("\"{}\"*", stem(t)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A `to_tsquery('spanish', …)` query: every term as a prefix, all required.
pub fn tsquery(terms: &[String]) -> String {
    terms
        .iter()
        .map(|t| format!("{t}:*"))
        .collect::<Vec<_>>()
        .join(" & ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_fold_split_and_drop_little_words() {
        assert_eq!(
            terms("Permiso  DE trabajo, para EXTRANJERÍA y más"),
            vec!["permiso", "trabajo", "extranjeria", "mas"]
        );
        assert_eq!(terms("MINTRAB-008"), vec!["mintrab", "008"]);
        assert!(terms("de la  ,;").is_empty());
        assert_eq!(terms("permiso permiso"), vec!["permiso"]);
        assert_eq!(terms(&"uno dos ".repeat(20)).len(), 2);
    }

    #[test]
    fn stems_make_singular_and_plural_meet() {
        assert!(stem("extranjeras").starts_with(&stem("extranjero")));
        assert!("permisos".starts_with(&stem("permiso")));
        assert_eq!(
            fts5_query(&terms("permiso extranjero")),
            "\"permis\"* \"extranjer\"*"
        );
        assert_eq!(
            tsquery(&terms("permiso extranjero")),
            "permiso:* & extranjero:*"
        );
    }
}
