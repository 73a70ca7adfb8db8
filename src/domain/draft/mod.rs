//! A draft regulation as articles: the preamble, then `Artículo N` … (issue 34, contract section
//! "Participatory drafts"). Pure: the text in, the articles or every fault out, each naming its
//! line. Nothing is merged silently: a repeated number, a Roman numeral, a gap in the numbering
//! or a `bis` away from its article is a fault.

use super::error::{FieldError, Problem};

/// One article of a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Its number as written in Arabic digits, with its suffix: `"7"`, `"7 bis"`.
    pub number: String,
    /// The heading on the article's own line, if any.
    pub heading: String,
    /// Its text: the lines after its heading, up to the next article.
    pub text: String,
    /// The line (1-based) that starts it.
    pub line: usize,
}

/// A draft: what comes before the first article, and the articles in order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Draft {
    /// Text before the first article (the whole text when there is none).
    pub preamble: String,
    /// The articles, in the order written.
    pub articles: Vec<Article>,
}

/// The suffixes a number may take (`7 bis`, `7 ter`).
const SUFFIXES: &[&str] = &["bis", "ter", "quater"];

/// Lower case without the accents of Spanish vowels, for matching `Artículo` however it is written.
fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' => 'a',
            'é' => 'e',
            'í' => 'i',
            'ó' => 'o',
            'ú' | 'ü' => 'u',
            other => other,
        })
        .collect()
}

/// What a line that starts an article says: its number and heading, or a Roman numeral.
#[derive(Debug, PartialEq)]
enum Start {
    Article {
        base: u32,
        suffix: Option<String>,
        heading: String,
    },
    Roman(String),
}

/// Reads `Artículo N[ bis][.|-|:] heading` (with `#` marks before it) from one line.
fn start_of(line: &str) -> Option<Start> {
    let rest = line.trim_start().trim_start_matches('#').trim_start();
    let word_end = rest.find(char::is_whitespace)?;
    if fold(&rest[..word_end]) != "articulo" {
        return None;
    }
    let rest = rest[word_end..].trim_start();
    let token_end = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    let token = &rest[..token_end];
    let after = &rest[token_end..];
    if !token.is_empty() && token.chars().all(|c| c.is_ascii_digit()) {
        let base: u32 = token.parse().ok()?;
        let mut after = after;
        let mut suffix = None;
        let trimmed = after.trim_start();
        let word = trimmed
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or_default();
        if SUFFIXES.contains(&fold(word).as_str()) {
            suffix = Some(fold(word));
            after = &trimmed[word.len()..];
        }
        let heading = after
            .trim_start()
            .trim_start_matches(['.', '-', ':', '–', '—', 'º', '°'])
            .trim();
        return Some(Start::Article {
            base,
            suffix,
            heading: heading.to_string(),
        });
    }
    let roman = !token.is_empty()
        && token
            .chars()
            .all(|c| "ivxlcdm".contains(c.to_ascii_lowercase()));
    roman.then(|| Start::Roman(token.to_string()))
}

/// Parses a draft; every fault names its line. `field` is the field the text came in
/// (`proposal_text`, `final_text`), for the faults.
pub fn parse(field: &str, text: &str) -> Result<Draft, Vec<FieldError>> {
    let mut faults = Vec::new();
    let mut draft = Draft::default();
    let mut preamble: Vec<&str> = Vec::new();
    let mut body: Vec<&str> = Vec::new();
    let mut seen: Vec<(String, usize)> = Vec::new();
    let mut last_base = 0;
    let fault = |kind: &'static str, line: usize, number: &str| {
        FieldError::with(
            field,
            Problem::new(kind)
                .with("linea", line)
                .with("numero", number.to_string()),
        )
    };
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        match start_of(line) {
            Some(Start::Roman(numeral)) => faults.push(fault("borrador-romano", n, &numeral)),
            Some(Start::Article {
                base,
                suffix,
                heading,
            }) => {
                let number = match &suffix {
                    Some(s) => format!("{base} {s}"),
                    None => base.to_string(),
                };
                if let Some((_, first)) = seen.iter().find(|(k, _)| *k == number) {
                    faults
                        .push(fault("borrador-repetido", n, &number).with_param("primera", *first));
                } else if suffix.is_some() && base != last_base {
                    faults.push(fault("borrador-bis-suelto", n, &number).with_param("base", base));
                } else if suffix.is_none() && base != last_base + 1 {
                    faults.push(
                        fault("borrador-salto", n, &number).with_param("falta", last_base + 1),
                    );
                }
                seen.push((number.clone(), n));
                if suffix.is_none() {
                    last_base = base.max(last_base);
                }
                if let Some(previous) = draft.articles.last_mut() {
                    previous.text = body.join("\n").trim().to_string();
                }
                body.clear();
                draft.articles.push(Article {
                    number,
                    heading,
                    text: String::new(),
                    line: n,
                });
            }
            None if draft.articles.is_empty() => preamble.push(line),
            None => body.push(line),
        }
    }
    if let Some(last) = draft.articles.last_mut() {
        last.text = body.join("\n").trim().to_string();
    }
    draft.preamble = preamble.join("\n").trim().to_string();
    if faults.is_empty() {
        Ok(draft)
    } else {
        Err(faults)
    }
}

/// A number as a citizen or a form may write it (`" 7 BIS"`, `"7-bis"`, the anchor's
/// spelling) in the draft's own spelling (`"7 bis"`).
pub fn normalize_number(text: &str) -> String {
    fold(text)
        .replace(['-', '_'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The anchor of an article on a page: `articulo-7-bis`.
pub fn anchor(number: &str) -> String {
    format!("articulo-{}", number.replace(' ', "-"))
}

impl Draft {
    /// The article with this number (in the draft's spelling), if any.
    pub fn article(&self, number: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.number == number)
    }

    /// A stored text as a draft: a text stored before drafts were parsed, which the parser
    /// would refuse, is shown as it was, as one preamble.
    pub fn of_stored(text: &str) -> Draft {
        parse("proposal_text", text).unwrap_or_else(|_| Draft {
            preamble: text.trim().to_string(),
            articles: Vec::new(),
        })
    }
}

mod compare;
pub use compare::*;

#[cfg(test)]
mod tests;
