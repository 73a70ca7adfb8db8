//! The draft on a consultation's page, article by article, and the final text's page with
//! its redline (contract section "Participatory drafts").

use super::*;
use crate::domain::draft::{anchor, diff_words, Change, Draft, Piece};
use crate::usecases::drafts::DraftFacts;

/// A piece of a word-level difference, as the template marks it.
pub struct Seg {
    /// `same`, `ins` or `del`.
    pub kind: &'static str,
    /// Its words.
    pub text: String,
}

/// The difference from `old` to `new`, for the template.
pub fn redline(old: &str, new: &str) -> Vec<Seg> {
    diff_words(old, new)
        .into_iter()
        .map(|p| match p {
            Piece::Same(text) => Seg { kind: "same", text },
            Piece::Ins(text) => Seg { kind: "ins", text },
            Piece::Del(text) => Seg { kind: "del", text },
        })
        .collect()
}

/// One article of the draft on the consultation's page.
pub struct ArticleShown {
    /// Its anchor, `articulo-7-bis`.
    pub anchor: String,
    /// Its number.
    pub number: String,
    /// "Artículo 7 bis. Heading".
    pub title: String,
    /// Its text as safe HTML.
    pub html: String,
    /// Published comments on it, in words.
    pub published: String,
    /// How many.
    pub count: i64,
    /// The link to its comments.
    pub comments_href: String,
    /// The link to comment on it (while open).
    pub comment_href: Option<String>,
}

pub use crate::words::article_title;

/// The draft's articles as shown on `/consultas/{id}`.
pub fn articles(id: &str, facts: &DraftFacts, open: bool) -> Vec<ArticleShown> {
    facts
        .draft
        .articles
        .iter()
        .map(|a| {
            let count = facts.by_article.get(&a.number).map_or(0, |c| c.1);
            let query = a.number.replace(' ', "-");
            ArticleShown {
                anchor: anchor(&a.number),
                number: a.number.clone(),
                title: article_title(&a.number, &a.heading),
                html: crate::domain::proposal::proposal_html(&a.text),
                published: tr!("borrador-comentarios-publicados", n = count),
                count,
                comments_href: format!("/consultas/{id}?articulo={query}#comentarios"),
                comment_href: open.then(|| format!("/consultas/{id}?articulo={query}#comentar")),
            }
        })
        .collect()
}

/// A proposed wording as the comment shows it: the article it replaces, and the difference.
pub struct Proposed {
    /// The article's anchor on the page.
    pub anchor: String,
    /// "Artículo 2".
    pub article: String,
    /// The word-level difference from the article to the proposal (empty when the comment
    /// proposes no wording).
    pub redline: Vec<Seg>,
}

/// What a comment on an article shows.
pub fn proposed(draft: &Draft, article: Option<&str>, text: Option<&str>) -> Option<Proposed> {
    let a = draft.article(article?)?;
    Some(Proposed {
        anchor: anchor(&a.number),
        article: tr!("borrador-articulo", numero = a.number.clone()),
        redline: text.map(|t| redline(&a.text, t)).unwrap_or_default(),
    })
}

/// The change of a final article in words.
pub fn change_label(change: Change) -> String {
    t(match change {
        Change::Unchanged => "borrador-cambio-unchanged",
        Change::Changed => "borrador-cambio-changed",
        Change::Added => "borrador-cambio-added",
        Change::Removed => "borrador-cambio-removed",
    })
}
