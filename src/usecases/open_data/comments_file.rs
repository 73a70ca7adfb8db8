//! The comments file (`comentarios.csv`), written a chunk at a time by a cursor, so that a large
//! consultation never sits in memory whole.

use super::*;

/// The header of `comentarios.csv`.
pub const COMMENT_HEADERS: &[&str] = &[
    "consulta",
    "comentario",
    "fecha",
    "autor",
    "organización",
    "texto",
    "personas con el mismo texto",
    "respuesta",
    "fecha de respuesta",
    "resultado",
    // Participatory drafts, named as the contract names them: the article commented on (empty:
    // the whole draft), whether a wording was proposed (true/false), the answer's outcome and
    // the articles it changed (numbers separated by "; ").
    "article",
    "has_proposed_text",
    "outcome",
    "changed_articles",
];

/// Where a reading of `comentarios.csv` stands between two chunks. Each chunk is read with a
/// connection of its own, so that nothing is held from the pool while the client takes its time.
#[derive(Default)]
pub struct CommentsCursor {
    started: bool,
    /// The consultations still to read (ids), the current one first.
    consultations: Option<std::collections::VecDeque<String>>,
    /// The current consultation's group sizes and answers.
    groups: HashMap<String, i64>,
    answers: HashMap<String, consultation_store::ResponseRow>,
    loaded: bool,
    after: Option<String>,
}

/// The next chunk of `comentarios.csv` (the header first, then `page` published comments at a
/// time, consultation by consultation), or `None` at the end.
pub fn comments_csv_next(
    conn: &mut DbConnection,
    cursor: &mut CommentsCursor,
    page: i64,
) -> Result<Option<Vec<u8>>, AppError> {
    if !cursor.started {
        cursor.started = true;
        return csv_bytes(COMMENT_HEADERS, Vec::new()).map(Some);
    }
    if cursor.consultations.is_none() {
        let ids = consultation_store::page(conn, None, None, None, i64::MAX)?
            .into_iter()
            .map(|c| c.id)
            .collect();
        cursor.consultations = Some(ids);
    }
    let published = [CommentStatus::Published.as_str()];
    loop {
        let Some(id) = cursor
            .consultations
            .as_ref()
            .and_then(|q| q.front())
            .cloned()
        else {
            return Ok(None);
        };
        if !cursor.loaded {
            cursor.groups = counts::published_by_group(conn, &id)?.into_iter().collect();
            cursor.answers = consultation_store::responses(conn, &id)?
                .into_iter()
                .map(|r| (r.group_key.clone(), r))
                .collect();
            cursor.loaded = true;
        }
        let rows = consultation_store::comments_page(
            conn,
            &id,
            &published,
            cursor.after.as_deref(),
            page,
        )?;
        let Some(last) = rows.last() else {
            if let Some(q) = cursor.consultations.as_mut() {
                q.pop_front();
            }
            cursor.loaded = false;
            cursor.after = None;
            continue;
        };
        cursor.after = Some(last.id.clone());
        let records = rows.iter().map(|r| {
            let answer = cursor.answers.get(&r.group_key);
            vec![
                id.clone(),
                r.id.clone(),
                time(&r.received_at),
                r.author_name
                    .clone()
                    .unwrap_or_else(|| crate::domain::public::ANONYMOUS.into()),
                r.organization.clone().unwrap_or_default(),
                r.body.clone(),
                cursor
                    .groups
                    .get(&r.group_key)
                    .copied()
                    .unwrap_or(1)
                    .to_string(),
                answer.map(|a| a.body.clone()).unwrap_or_default(),
                answer.map(|a| time(&a.responded_at)).unwrap_or_default(),
                answer.and_then(|a| a.outcome.clone()).unwrap_or_default(),
                r.article.clone().unwrap_or_default(),
                r.proposed_text.is_some().to_string(),
                answer.and_then(|a| a.outcome.clone()).unwrap_or_default(),
                answer
                    .and_then(|a| a.changed_articles.as_deref())
                    .and_then(|a| serde_json::from_str::<Vec<String>>(a).ok())
                    .unwrap_or_default()
                    .join("; "),
            ]
        });
        return crate::sheets::csv_rows(records)
            .map(Some)
            .map_err(|e| AppError::Internal(e.to_string()));
    }
}
