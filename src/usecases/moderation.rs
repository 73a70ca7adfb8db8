//! The Committee's side of comments: publishing or withholding them, and answering them.

use super::comments::find_comment;
use super::consultations::find;
use super::error::AppError;
use crate::audit::Context;
use crate::db::consultations::{self as store, CommentRow, ResponseRow};
use crate::db::{counts, write_tx, DbConnection};
use crate::domain::comment::{body_sha256, check_answer, decide, Decision, Moderation};
use crate::domain::error::Problem;
use crate::domain::status::CommentStatus;

/// Publishes or withholds a comment.
pub fn moderate(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    id: &str,
    input: &Moderation,
) -> Result<CommentRow, AppError> {
    crate::usecases::error::authorize(ctx, crate::domain::access::Act::Moderate)?;
    let decision = decide(input).map_err(|e| AppError::Validation(vec![e]))?;
    write_tx(conn, |conn| {
        let c = find_comment(conn, id)?;
        apply(conn, ctx, c, &decision, &input.decision)
    })
}

/// Publishes or withholds, in one transaction, every comment of a group (identical texts of
/// one consultation) still awaiting moderation; returns how many. Each gets its audit entry.
pub fn moderate_group(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    consultation_id: &str,
    group_key: &str,
    input: &Moderation,
) -> Result<usize, AppError> {
    crate::usecases::error::authorize(ctx, crate::domain::access::Act::Moderate)?;
    let decision = decide(input).map_err(|e| AppError::Validation(vec![e]))?;
    write_tx(conn, |conn| {
        let group = store::group(conn, consultation_id, group_key)?;
        if group.is_empty() {
            return Err(AppError::not_found("inexistente-grupo"));
        }
        let waiting: Vec<CommentRow> = group
            .into_iter()
            .filter(|c| c.status == CommentStatus::Received.as_str())
            .collect();
        let n = waiting.len();
        for c in waiting {
            apply(conn, ctx, c, &decision, &input.decision)?;
        }
        Ok(n)
    })
}

/// Publishes or withholds a whole campaign (the group of a comment, by its id) with one
/// reason, in one transaction: every member whose status or reason differs gets the decision
/// and its audit entry. Returns the campaign's members after it.
pub fn moderate_campaign(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    campaign_id: &str,
    input: &Moderation,
) -> Result<Vec<CommentRow>, AppError> {
    crate::usecases::error::authorize(ctx, crate::domain::access::Act::Moderate)?;
    let decision = decide(input).map_err(|e| AppError::Validation(vec![e]))?;
    write_tx(conn, |conn| {
        let first = find_campaign(conn, campaign_id)?;
        let mut out = Vec::new();
        for c in store::group(conn, &first.consultation_id, &first.group_key)? {
            let same = c.status == decision.status.as_str() && c.reject_reason == decision.reason;
            out.push(if same {
                c
            } else {
                apply(conn, ctx, c, &decision, &input.decision)?
            });
        }
        out.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(out)
    })
}

/// A campaign by its id (the id of one of its comments, normally the first): that comment.
pub fn find_campaign(conn: &mut DbConnection, campaign_id: &str) -> Result<CommentRow, AppError> {
    store::find_comment(conn, campaign_id)?
        .ok_or_else(|| AppError::not_found("inexistente-campana"))
}

/// Writes one decision with its counters and audit entry (inside the caller's transaction).
fn apply(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    mut c: CommentRow,
    decision: &Decision,
    word: &str,
) -> Result<CommentRow, AppError> {
    let was = CommentStatus::parse(&c.status);
    c.status = decision.status.as_str().to_string();
    c.moderated_by = Some(ctx.actor.to_string());
    c.moderated_at = Some(ctx.now.naive_utc());
    c.reject_reason = decision.reason.clone();
    c.reject_detail = decision.detail.clone();
    store::moderate(conn, &c)?;
    let now = Some(decision.status);
    let change = |s: CommentStatus| i64::from(now == Some(s)) - i64::from(was == Some(s));
    let published = change(CommentStatus::Published);
    if published != 0 {
        counts::add_to_group(conn, &c.consultation_id, &c.group_key, 0, published)?;
        if let Some(article) = &c.article {
            crate::db::drafts::add_to_article(conn, &c.consultation_id, article, 0, published)?;
        }
    }
    let answered =
        if published != 0 && counts::group_answered(conn, &c.consultation_id, &c.group_key)? {
            published
        } else {
            0
        };
    counts::add(
        conn,
        &c.consultation_id,
        counts::Delta {
            published,
            rejected: change(CommentStatus::Rejected),
            answered,
            ..Default::default()
        },
    )?;
    let data = serde_json::json!({"decision": word, "status": c.status, "reason": decision.reason});
    ctx.record(conn, "comment.moderated", "comment", &c.id, data)?;
    Ok(c)
}

/// Answers a comment, and with it every identical comment of the consultation; each citizen
/// of the group who left an e-mail hears the answer.
pub fn respond(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    id: &str,
    body: &str,
    outcome: Option<&str>,
    changed_articles: &[String],
) -> Result<(CommentRow, ResponseRow), AppError> {
    crate::usecases::error::authorize(ctx, crate::domain::access::Act::Moderate)?;
    let body = check_answer(body).map_err(|e| AppError::Validation(vec![e]))?;
    let outcome = match outcome.map(str::trim).filter(|o| !o.is_empty()) {
        None => None,
        Some(o) => Some(
            crate::domain::comment::Outcome::parse(o)
                .ok_or_else(|| {
                    AppError::field_with(
                        "outcome",
                        Problem::new("campo-una-de")
                            .with("opciones", crate::domain::comment::Outcome::expected()),
                    )
                })?
                .as_str()
                .to_string(),
        ),
    };
    let changed: Vec<String> = changed_articles
        .iter()
        .map(|a| crate::domain::draft::normalize_number(a))
        .filter(|a| !a.is_empty())
        .collect();
    write_tx(conn, |conn| {
        let c = find_comment(conn, id)?;
        let changed = if changed.is_empty() {
            None
        } else {
            let consultation = find(conn, &c.consultation_id)?;
            let draft = crate::domain::draft::Draft::of_stored(&consultation.proposal_text);
            if let Some(unknown) = changed.iter().find(|a| draft.article(a).is_none()) {
                return Err(AppError::field_with(
                    "changed_articles",
                    Problem::new("campo-articulo-inexistente").with("numero", unknown.clone()),
                ));
            }
            let mut sorted = changed.clone();
            sorted.dedup();
            Some(serde_json::to_string(&sorted).unwrap_or_default())
        };
        let row = ResponseRow {
            consultation_id: c.consultation_id.clone(),
            group_key: c.group_key.clone(),
            body: body.clone(),
            responded_by: ctx.actor.to_string(),
            responded_at: ctx.now.naive_utc(),
            outcome: outcome.clone(),
            changed_articles: changed,
        };
        if store::set_response(conn, &row)? {
            // The group's first answer answers every published comment of it.
            let answered = counts::published_in_group(conn, &c.consultation_id, &c.group_key)?;
            let delta = counts::Delta {
                answered,
                ..Default::default()
            };
            counts::add(conn, &c.consultation_id, delta)?;
        }
        let mut data = serde_json::json!({"group_key": row.group_key, "sha256": body_sha256(&body), "outcome": row.outcome});
        if let Some(changed) = &row.changed_articles {
            data["changed_articles"] = serde_json::from_str(changed).unwrap_or_default();
        }
        ctx.record(conn, "comment.answered", "comment", &c.id, data)?;
        let title = find(conn, &c.consultation_id)?.title;
        for other in store::group(conn, &c.consultation_id, &c.group_key)? {
            if let Some(email) = &other.email {
                let m = crate::notify::messages::comment_answered(
                    email,
                    &other.tracking_code,
                    &title,
                    &body,
                );
                crate::notify::enqueue(conn, ctx.now, m)?;
            }
        }
        Ok((c, row))
    })
}
