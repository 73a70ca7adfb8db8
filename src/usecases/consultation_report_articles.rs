//! The consultation report's table per article of the draft: comments, proposed wordings,
//! outcomes, whether the final text changed it and how many words its redline moved.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::error::AppError;
use crate::db::consultations::{self as store, ConsultationRow};
use crate::db::{drafts as drafts_store, DbConnection};
use crate::domain::draft::{compare, diff_words, word_counts, Change, Draft};

/// One article of the consulted draft in the report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleLine {
    /// Its number.
    pub number: String,
    /// Its heading.
    pub heading: String,
    /// Comments received on it.
    pub received: i64,
    /// Published comments on it.
    pub published: i64,
    /// Published comments that propose a wording for it.
    pub proposed_wordings: i64,
    /// Published comments on it by their answer's outcome (`none`: not answered or not said).
    pub outcomes: BTreeMap<String, i64>,
    /// Published comments whose answer says they led to changing it.
    pub changed_by_comments: i64,
    /// In the final text: `unchanged`, `changed`, `removed` (none before it is published).
    pub change: Option<String>,
    /// Words the final text put in and took out of it.
    pub words_inserted: usize,
    /// Words taken out.
    pub words_deleted: usize,
}

impl ArticleLine {
    /// Published comments accepted in all or in part.
    pub fn accepted(&self) -> i64 {
        ["accepted", "partially_accepted"]
            .iter()
            .map(|k| self.outcomes.get(*k).copied().unwrap_or_default())
            .sum()
    }
}

/// The report's lines for consultation `c`, one per article of its draft.
pub fn lines(conn: &mut DbConnection, c: &ConsultationRow) -> Result<Vec<ArticleLine>, AppError> {
    let draft = Draft::of_stored(&c.proposal_text);
    if draft.articles.is_empty() {
        return Ok(Vec::new());
    }
    let counts = drafts_store::article_counts(conn, &c.id)?;
    let answers: BTreeMap<String, store::ResponseRow> = store::responses(conn, &c.id)?
        .into_iter()
        .map(|r| (r.group_key.clone(), r))
        .collect();
    let mut lines: BTreeMap<String, ArticleLine> = draft
        .articles
        .iter()
        .map(|a| {
            let (received, published) = counts.get(&a.number).copied().unwrap_or_default();
            let line = ArticleLine {
                number: a.number.clone(),
                heading: a.heading.clone(),
                received,
                published,
                ..Default::default()
            };
            (a.number.clone(), line)
        })
        .collect();
    for (article, group, n, proposes) in drafts_store::published_article_groups(conn, &c.id)? {
        let answer = answers.get(&group);
        if let Some(line) = lines.get_mut(&article) {
            line.proposed_wordings += if proposes { n } else { 0 };
            let outcome = answer.and_then(|a| a.outcome.clone());
            *line
                .outcomes
                .entry(outcome.unwrap_or_else(|| "none".into()))
                .or_default() += n;
        }
    }
    for (group, changed) in super::drafts::changed_by_group(conn, &c.id)? {
        let n = crate::db::counts::published_in_group(conn, &c.id, &group)?;
        for article in changed {
            if let Some(line) = lines.get_mut(&article) {
                line.changed_by_comments += n;
            }
        }
    }
    if let Some(f) = drafts_store::final_text(conn, &c.id)? {
        for a in compare(&draft, &Draft::of_stored(&f.text)) {
            let Some(line) = lines.get_mut(&a.article.number) else {
                continue;
            };
            line.change = Some(a.change.as_str().to_string());
            let (inserted, deleted) = match (a.change, &a.consulted) {
                (Change::Changed, Some(before)) => {
                    word_counts(&diff_words(&before.text, &a.article.text))
                }
                (Change::Removed, _) => (0, a.article.text.split_whitespace().count()),
                _ => (0, 0),
            };
            line.words_inserted = inserted;
            line.words_deleted = deleted;
        }
    }
    Ok(draft
        .articles
        .iter()
        .filter_map(|a| lines.remove(&a.number))
        .collect())
}

/// The articles' table as CSV rows after the report's texts: a header row, then one per article.
pub fn csv_rows(lines: &[ArticleLine]) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    if lines.is_empty() {
        return rows;
    }
    rows.push(
        [
            "artículo",
            "título",
            "recibidos",
            "publicados",
            "redacciones propuestas",
            "aceptados",
            "aceptados en parte",
            "no aceptados",
            "cambiado por comentarios",
            "cambio en el texto final",
            "palabras agregadas",
            "palabras quitadas",
        ]
        .map(String::from)
        .to_vec(),
    );
    for l in lines {
        let outcome = |k: &str| l.outcomes.get(k).copied().unwrap_or_default().to_string();
        rows.push(vec![
            l.number.clone(),
            l.heading.clone(),
            l.received.to_string(),
            l.published.to_string(),
            l.proposed_wordings.to_string(),
            outcome("accepted"),
            outcome("partially_accepted"),
            outcome("not_accepted"),
            l.changed_by_comments.to_string(),
            l.change.clone().unwrap_or_default(),
            l.words_inserted.to_string(),
            l.words_deleted.to_string(),
        ]);
    }
    rows
}
