//! The consulted draft against the final text, article by article, and word-level
//! differences between two wordings (a proposal against its article, a final article against
//! the consulted one).

use serde::Serialize;

use super::{Article, Draft};

string_enum! {
    /// What became of an article in the final text (matched by number).
    Change {
        /// Same heading and words (spaces aside).
        Unchanged => "unchanged",
        /// Its heading or words changed.
        Changed => "changed",
        /// New in the final text.
        Added => "added",
        /// Not in the final text; its consulted text is kept.
        Removed => "removed",
    }
}

/// One article of the final text, compared with the consulted draft.
#[derive(Debug, Clone, PartialEq)]
pub struct Compared {
    /// The final article, or for a removed one the consulted article.
    pub article: Article,
    /// The consulted article, when there was one.
    pub consulted: Option<Article>,
    /// What changed.
    pub change: Change,
}

/// The same words, whatever the spaces between them.
fn same(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// Compares the final text with the consulted draft: the final articles in their order, each
/// removed article placed after the article that preceded it in the consulted draft.
pub fn compare(consulted: &Draft, adopted: &Draft) -> Vec<Compared> {
    let mut out: Vec<Compared> = adopted
        .articles
        .iter()
        .map(|a| {
            let before = consulted.article(&a.number).cloned();
            let change = match &before {
                None => Change::Added,
                Some(b) if same(&b.heading, &a.heading) && same(&b.text, &a.text) => {
                    Change::Unchanged
                }
                Some(_) => Change::Changed,
            };
            Compared {
                article: a.clone(),
                consulted: before,
                change,
            }
        })
        .collect();
    let mut previous: Option<&str> = None;
    for c in &consulted.articles {
        if adopted.article(&c.number).is_none() {
            let at = previous
                .and_then(|p| out.iter().position(|o| o.article.number == p))
                .map_or(0, |i| i + 1);
            out.insert(
                at,
                Compared {
                    article: c.clone(),
                    consulted: Some(c.clone()),
                    change: Change::Removed,
                },
            );
        }
        previous = Some(&c.number);
    }
    out
}

/// A piece of a word-level difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "op", content = "text", rename_all = "lowercase")]
pub enum Piece {
    /// In both.
    Same(String),
    /// Only in the new wording.
    Ins(String),
    /// Only in the old wording.
    Del(String),
}

/// The word-level difference from `old` to `new` (words and the spaces between them): each
/// change reads as what was taken out, then what was put in (changes parted only by spaces are
/// one change), with neighbouring pieces of one kind joined.
pub fn diff_words(old: &str, new: &str) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let (mut del, mut ins, mut gap) = (String::new(), String::new(), String::new());
    let flush = |out: &mut Vec<Piece>, del: &mut String, ins: &mut String| {
        if !del.is_empty() {
            out.push(Piece::Del(std::mem::take(del)));
        }
        if !ins.is_empty() {
            out.push(Piece::Ins(std::mem::take(ins)));
        }
    };
    for piece in raw_diff(old, new) {
        match piece {
            Piece::Same(t) if t.trim().is_empty() && !(del.is_empty() && ins.is_empty()) => {
                gap.push_str(&t);
            }
            Piece::Same(t) => {
                flush(&mut out, &mut del, &mut ins);
                push(&mut out, Piece::Same(std::mem::take(&mut gap) + &t));
            }
            Piece::Del(t) => {
                if !del.is_empty() {
                    del.push_str(&gap);
                }
                if !ins.is_empty() {
                    ins.push_str(&gap);
                }
                gap.clear();
                del.push_str(&t);
            }
            Piece::Ins(t) => {
                if !ins.is_empty() {
                    ins.push_str(&gap);
                }
                if !del.is_empty() {
                    del.push_str(&gap);
                }
                gap.clear();
                ins.push_str(&t);
            }
        }
    }
    flush(&mut out, &mut del, &mut ins);
    if !gap.is_empty() {
        push(&mut out, Piece::Same(gap));
    }
    out
}

/// Adds a piece, joined to the last one when of the same kind.
fn push(out: &mut Vec<Piece>, piece: Piece) {
    match (out.last_mut(), piece) {
        (Some(Piece::Same(a)), Piece::Same(b))
        | (Some(Piece::Ins(a)), Piece::Ins(b))
        | (Some(Piece::Del(a)), Piece::Del(b)) => a.push_str(&b),
        (_, piece) => out.push(piece),
    }
}

/// The difference as the diff crate gives it, word by word.
fn raw_diff(old: &str, new: &str) -> Vec<Piece> {
    let diff = similar::TextDiff::from_words(old, new);
    let mut out: Vec<Piece> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value().to_string();
        let piece = match change.tag() {
            similar::ChangeTag::Equal => Piece::Same(text),
            similar::ChangeTag::Insert => Piece::Ins(text),
            similar::ChangeTag::Delete => Piece::Del(text),
        };
        push(&mut out, piece);
    }
    out
}

/// How many words a difference inserts and deletes.
pub fn word_counts(pieces: &[Piece]) -> (usize, usize) {
    pieces.iter().fold((0, 0), |(i, d), p| match p {
        Piece::Ins(t) => (i + t.split_whitespace().count(), d),
        Piece::Del(t) => (i, d + t.split_whitespace().count()),
        Piece::Same(_) => (i, d),
    })
}
