//! Public consultations and citizens' comments: opening, extending, receiving, moderating,
//! answering. Each change is written with its audit entry in one transaction; a comment's
//! entry records the SHA-256 and length of its text, never the text or the e-mail.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rand::Rng;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::audit::{AuditKeys, Context};
use crate::db::consultations::{self as store, CommentRow, ConsultationRow, ResponseRow};
use crate::db::{write_tx, DbConnection};
use crate::domain::calendar::{self, Status};
use crate::domain::char_len;
use crate::error::{ApiError, FieldError};
use crate::workflow::Registry;

/// Body of `POST /api/v1/procedures/{id}/consultations`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateConsultation {
    /// Title, 1–300 characters.
    pub title: String,
    /// Summary, up to 5,000 characters.
    #[serde(default)]
    pub summary: String,
    /// The proposal (Markdown), 1–200,000 characters; it never changes once published.
    pub proposal_text: String,
    /// When it opens (RFC 3339); default now; a past time is refused.
    #[serde(default)]
    pub opens_at: Option<String>,
}

/// Body of `POST /api/v1/consultations/{id}/extend`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Extend {
    /// The new closing time (RFC 3339), later than the current one.
    pub closes_at: String,
    /// Why.
    pub reason: String,
}

/// Body of `POST /api/v1/consultations/{id}/comments`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewComment {
    /// The comment, 1–10,000 characters after trimming.
    pub body: String,
    /// Name to show (else "Anónimo"), up to 200 characters.
    #[serde(default)]
    pub author_name: Option<String>,
    /// E-mail for the receipt and the answer; never shown.
    #[serde(default)]
    pub email: Option<String>,
    /// Organisation, up to 200 characters.
    #[serde(default)]
    pub organization: Option<String>,
}

/// What a citizen gets back for a comment.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Receipt {
    /// Id.
    pub id: String,
    /// Code to follow the comment (readable over the phone).
    pub tracking_code: String,
    /// `received` (awaiting moderation) or `published`.
    pub status: String,
    /// When it was received (UTC).
    pub received_at: String,
}

/// Reasons a comment may be withheld.
pub const REJECT_REASONS: &[&str] = &["abusive", "spam", "off_topic", "personal_data", "duplicate"];

fn parse_time(field: &str, text: &str) -> Result<DateTime<Utc>, ApiError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            ApiError::field(
                field,
                "debe ser una fecha RFC 3339, p. ej. 2026-12-01T08:00:00-06:00",
            )
        })
}

fn text_field(
    errors: &mut Vec<FieldError>,
    field: &str,
    value: &str,
    min: usize,
    max: usize,
) -> String {
    let value = value.trim();
    let len = char_len(value);
    if len < min || len > max {
        errors.push(FieldError::new(
            field,
            format!("debe tener entre {min} y {max} caracteres"),
        ));
    }
    value.to_string()
}

/// Opens a consultation on a procedure whose state allows it.
pub fn open(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    registry: &Registry,
    tz: Tz,
    procedure_id: &str,
    input: &CreateConsultation,
) -> Result<ConsultationRow, ApiError> {
    let mut errors = Vec::new();
    let title = text_field(&mut errors, "title", &input.title, 1, 300);
    let summary = text_field(&mut errors, "summary", &input.summary, 0, 5_000);
    let proposal_text = text_field(
        &mut errors,
        "proposal_text",
        &input.proposal_text,
        1,
        200_000,
    );
    let opens_at = match input.opens_at.as_deref() {
        None | Some("") => ctx.now,
        Some(text) => match parse_time("opens_at", text) {
            // A minute of grace for clocks that differ a little.
            Ok(t) if t < ctx.now - chrono::Duration::seconds(60) => {
                errors.push(FieldError::new("opens_at", "no puede estar en el pasado"));
                ctx.now
            }
            Ok(t) => t.max(ctx.now),
            Err(ApiError::Validation(mut e)) => {
                errors.append(&mut e);
                ctx.now
            }
            Err(e) => return Err(e),
        },
    };
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    write_tx(conn, |conn| {
        let (p, wf) = crate::lifecycle::load(conn, registry, procedure_id)?;
        let state = wf.state(&p.state);
        let Some(state) = state.filter(|s| s.consultations) else {
            return Err(ApiError::conflict(
                "consultation_not_allowed",
                format!(
                    "a consultation cannot be opened while the procedure is in `{}`",
                    p.state
                ),
            ));
        };
        let months = state.consultation_window_months.unwrap_or(1);
        let row = ConsultationRow {
            id: uuid::Uuid::now_v7().to_string(),
            procedure_id: p.id.clone(),
            title: title.clone(),
            summary: summary.clone(),
            proposal_text: proposal_text.clone(),
            opens_at: opens_at.naive_utc(),
            closes_at: calendar::closes_at(opens_at, tz, months).naive_utc(),
            created_by: ctx.actor.to_string(),
            created_at: ctx.now.naive_utc(),
        };
        store::insert(conn, &row)?;
        let data = serde_json::json!({
            "procedure_id": p.id, "title": row.title, "window_months": months,
            "opens_at": crate::http::time::rfc3339(&row.opens_at),
            "closes_at": crate::http::time::rfc3339(&row.closes_at),
            "proposal_sha256": hex::encode(Sha256::digest(row.proposal_text.as_bytes())),
        });
        ctx.record(conn, "consultation.opened", "consultation", &row.id, data)?;
        Ok(row)
    })
}

/// Renders a proposal's Markdown as HTML that is safe to show: raw HTML in the text is
/// dropped, not passed through, and links keep only http(s) and mailto targets.
pub fn proposal_html(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, Tag};
    let safe_url = |url: &str| {
        let lower = url.trim().to_lowercase();
        lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("mailto:")
            || lower.starts_with('#')
            || lower.starts_with('/')
    };
    let events = Parser::new(markdown).filter_map(|event| match event {
        Event::Html(_) | Event::InlineHtml(_) => None,
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if !safe_url(&dest_url) => Some(Event::Start(Tag::Link {
            link_type,
            dest_url: "#".into(),
            title,
            id,
        })),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) if !safe_url(&dest_url) => Some(Event::Start(Tag::Image {
            link_type,
            dest_url: "#".into(),
            title,
            id,
        })),
        other => Some(other),
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// Finds a consultation or 404.
pub fn find(conn: &mut DbConnection, id: &str) -> Result<ConsultationRow, ApiError> {
    store::find(conn, id)?.ok_or_else(|| ApiError::NotFound(format!("no existe la consulta {id}")))
}

/// The status of a consultation at `now`.
pub fn status_of(c: &ConsultationRow, now: DateTime<Utc>) -> Status {
    calendar::status(c.opens_at.and_utc(), c.closes_at.and_utc(), now)
}

/// Moves the closing time later (never earlier: the window is a minimum).
pub fn extend(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    id: &str,
    input: &Extend,
) -> Result<ConsultationRow, ApiError> {
    let mut errors = Vec::new();
    let reason = text_field(&mut errors, "reason", &input.reason, 1, 2_000);
    let new_close = match parse_time("closes_at", &input.closes_at) {
        Ok(t) => Some(t),
        Err(ApiError::Validation(mut e)) => {
            errors.append(&mut e);
            None
        }
        Err(e) => return Err(e),
    };
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let new_close = new_close.unwrap_or(ctx.now);
    write_tx(conn, |conn| {
        let mut c = find(conn, id)?;
        if status_of(&c, ctx.now) == Status::Closed {
            return Err(ApiError::conflict(
                "consultation_closed",
                "la consulta ya cerró",
            ));
        }
        if new_close.naive_utc() <= c.closes_at {
            return Err(ApiError::field(
                "closes_at",
                "solo puede moverse a una fecha posterior al cierre actual",
            ));
        }
        let before = c.closes_at;
        c.closes_at = new_close.naive_utc();
        store::set_closes_at(conn, &c.id, c.closes_at)?;
        let data = serde_json::json!({
            "from": crate::http::time::rfc3339(&before), "to": crate::http::time::rfc3339(&c.closes_at),
            "reason": reason,
        });
        ctx.record(conn, "consultation.extended", "consultation", &c.id, data)?;
        Ok(c)
    })
}

/// Comment counts of a consultation.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct Counts {
    /// Every comment received.
    pub received: i64,
    /// Distinct texts among them (copies of one text count once).
    pub distinct: i64,
    /// Published.
    pub published: i64,
    /// Withheld by moderation.
    pub rejected: i64,
    /// Published comments with an answer.
    pub answered: i64,
}

/// Counts the comments of a consultation.
pub fn counts(conn: &mut DbConnection, consultation_id: &str) -> diesel::QueryResult<Counts> {
    let answered: std::collections::HashSet<String> = store::responses(conn, consultation_id)?
        .into_iter()
        .map(|r| r.group_key)
        .collect();
    let mut groups = std::collections::HashSet::new();
    let mut counts = Counts::default();
    for (status, group) in store::statuses(conn, consultation_id)? {
        counts.received += 1;
        match status.as_str() {
            "published" => {
                counts.published += 1;
                if answered.contains(&group) {
                    counts.answered += 1;
                }
            }
            "rejected" => counts.rejected += 1,
            _ => {}
        }
        groups.insert(group);
    }
    counts.distinct = groups.len() as i64;
    Ok(counts)
}

/// The letters of tracking codes: no 0/O, 1/I/L or U, so they survive being read aloud.
const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A new tracking code such as `C-2026-7K3F-9Q2M`.
pub fn tracking_code(year: i32) -> String {
    let mut rng = rand::thread_rng();
    let mut part = || -> String {
        (0..4)
            .map(|_| CODE_ALPHABET[rng.gen_range(0..CODE_ALPHABET.len())] as char)
            .collect()
    };
    format!("C-{year}-{}-{}", part(), part())
}

/// The key under which identical comments group: SHA-256 of the text in lower case with
/// accents folded, punctuation dropped and spaces collapsed.
pub fn group_key(body: &str) -> String {
    let folded = crate::domain::procedure::fold(body);
    let words: Vec<String> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    hex::encode(Sha256::digest(words.join(" ").as_bytes()))
}

/// SHA-256 of a comment's text as stored, which its audit entry records.
pub fn body_sha256(body: &str) -> String {
    hex::encode(Sha256::digest(body.as_bytes()))
}

/// A checked comment, ready to store.
pub struct CheckedComment {
    body: String,
    author_name: Option<String>,
    email: Option<String>,
    organization: Option<String>,
}

/// Checks a comment's fields (Spanish messages: citizens read them).
pub fn check(input: &NewComment) -> Result<CheckedComment, ApiError> {
    let mut errors = Vec::new();
    let body = input.body.trim().to_string();
    let len = char_len(&body);
    if len == 0 {
        errors.push(FieldError::new(
            "body",
            "el comentario no puede estar vacío",
        ));
    } else if len > 10_000 {
        errors.push(FieldError::new(
            "body",
            "el comentario puede tener como máximo 10,000 caracteres",
        ));
    }
    let optional = |errors: &mut Vec<FieldError>, field: &str, v: &Option<String>| {
        let v = v.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
        if char_len(v) > 200 {
            errors.push(FieldError::new(
                field,
                "puede tener como máximo 200 caracteres",
            ));
        }
        Some(v.to_string())
    };
    let author_name = optional(&mut errors, "author_name", &input.author_name);
    let organization = optional(&mut errors, "organization", &input.organization);
    let email = optional(&mut errors, "email", &input.email);
    if let Some(e) = &email {
        let mut shape = Vec::new();
        crate::domain::user::check_email(e, &mut shape);
        if !shape.is_empty() {
            errors.push(FieldError::new(
                "email",
                "no es una dirección de correo válida",
            ));
        }
    }
    if errors.is_empty() {
        Ok(CheckedComment {
            body,
            author_name,
            email,
            organization,
        })
    } else {
        Err(ApiError::Validation(errors))
    }
}

fn receipt(c: &CommentRow) -> Receipt {
    Receipt {
        id: c.id.clone(),
        tracking_code: c.tracking_code.clone(),
        status: c.status.clone(),
        received_at: crate::http::time::rfc3339(&c.received_at),
    }
}

/// One comment to store, as the handler received it.
pub struct Submission {
    /// When it arrived.
    pub now: DateTime<Utc>,
    /// The consultation.
    pub consultation_id: String,
    /// The checked fields.
    pub comment: CheckedComment,
    /// The client's Idempotency-Key.
    pub idempotency_key: Option<String>,
}

/// Stores one comment inside the caller's write transaction, if the consultation is open.
/// A repeated Idempotency-Key returns the first receipt and stores nothing. Returns the receipt
/// and whether it is new. `ApiError::Internal` means the transaction must be abandoned; any
/// other error concerns this comment only.
pub fn stage(
    conn: &mut DbConnection,
    keys: &AuditKeys,
    s: &Submission,
    publish_on_receipt: bool,
) -> Result<(Receipt, bool), ApiError> {
    let c = find(conn, &s.consultation_id)?;
    if let Some(key) = &s.idempotency_key {
        if let Some(existing) = store::by_idempotency(conn, &c.id, key)? {
            return Ok((receipt(&existing), false));
        }
    }
    match status_of(&c, s.now) {
        Status::Scheduled => {
            return Err(ApiError::conflict(
                "consultation_not_open",
                "la consulta aún no está abierta",
            ))
        }
        Status::Closed => {
            return Err(ApiError::conflict(
                "consultation_closed",
                "la consulta ya cerró",
            ))
        }
        Status::Open => {}
    }
    let comment = &s.comment;
    let row = CommentRow {
        id: uuid::Uuid::now_v7().to_string(),
        consultation_id: c.id.clone(),
        tracking_code: tracking_code(chrono::Datelike::year(&s.now)),
        body: comment.body.clone(),
        group_key: group_key(&comment.body),
        author_name: comment.author_name.clone(),
        email: comment.email.clone(),
        organization: comment.organization.clone(),
        status: if publish_on_receipt {
            "published"
        } else {
            "received"
        }
        .into(),
        received_at: s.now.naive_utc(),
        moderated_by: None,
        moderated_at: None,
        reject_reason: None,
        reject_detail: None,
        idempotency_key: s.idempotency_key.clone(),
    };
    store::insert_comment(conn, &row)?;
    let ctx = Context {
        keys,
        now: s.now,
        actor: "public",
    };
    let data = serde_json::json!({
        "consultation_id": c.id, "sha256": body_sha256(&row.body), "length": char_len(&row.body),
        "status": row.status,
    });
    ctx.record(conn, "comment.received", "comment", &row.id, data)?;
    if let Some(email) = &row.email {
        let m = crate::notify::messages::comment_received(
            email,
            &row.tracking_code,
            &c.title,
            crate::notify::public_url(),
        );
        crate::notify::enqueue(conn, s.now, m)?;
    }
    Ok((receipt(&row), true))
}

/// Stores one comment in its own transaction (see [`stage`]).
pub fn submit(
    conn: &mut DbConnection,
    keys: &AuditKeys,
    s: &Submission,
    publish_on_receipt: bool,
) -> Result<(Receipt, bool), ApiError> {
    match write_tx(conn, |conn| stage(conn, keys, s, publish_on_receipt)) {
        // Two requests with one key at once (another instance): read the winner's receipt.
        Err(ApiError::Internal(_)) if s.idempotency_key.is_some() => {
            let key = s.idempotency_key.as_deref().unwrap_or_default();
            match store::by_idempotency(conn, &s.consultation_id, key)? {
                Some(existing) => Ok((receipt(&existing), false)),
                None => Err(ApiError::Internal("comment not stored".into())),
            }
        }
        other => other,
    }
}

/// Stores comments that arrived together in one transaction: one commit (one fsync) for all.
/// Each gets its own result; when the transaction itself fails, each is retried alone.
pub fn submit_batch(
    conn: &mut DbConnection,
    keys: &AuditKeys,
    batch: &[Submission],
    publish_on_receipt: bool,
) -> Vec<Result<Receipt, ApiError>> {
    let together = write_tx(conn, |conn| {
        batch
            .iter()
            .map(|s| match stage(conn, keys, s, publish_on_receipt) {
                Err(ApiError::Internal(e)) => Err(ApiError::Internal(e)),
                other => Ok(other.map(|(r, _)| r)),
            })
            .collect::<Result<Vec<_>, ApiError>>()
    });
    match together {
        Ok(results) => results,
        Err(_) => batch
            .iter()
            .map(|s| submit(conn, keys, s, publish_on_receipt).map(|(r, _)| r))
            .collect(),
    }
}

/// Body of a moderation decision.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Moderation {
    /// `publish` or `reject`.
    pub decision: String,
    /// For a rejection: abusive, spam, off_topic, personal_data or duplicate.
    #[serde(default)]
    pub reason: Option<String>,
    /// Free text explaining the rejection.
    #[serde(default)]
    pub detail: Option<String>,
}

/// Publishes or withholds a comment.
pub fn moderate(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    id: &str,
    input: &Moderation,
) -> Result<CommentRow, ApiError> {
    let (status, reason) = match input.decision.as_str() {
        "publish" => ("published", None),
        // `off-topic` and `personal data`, as people write them, name the same reasons.
        "reject" => match input
            .reason
            .as_deref()
            .map(|r| r.trim().to_lowercase().replace(['-', ' '], "_"))
        {
            Some(r) if REJECT_REASONS.contains(&r.as_str()) => ("rejected", Some(r)),
            _ => {
                return Err(ApiError::field(
                    "reason",
                    &format!("a rejection needs a reason: {}", REJECT_REASONS.join(", ")),
                ))
            }
        },
        _ => return Err(ApiError::field("decision", "must be publish or reject")),
    };
    let detail = input
        .detail
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_string);
    if detail.as_deref().is_some_and(|d| char_len(d) > 2_000) {
        return Err(ApiError::field(
            "detail",
            "must be at most 2,000 characters",
        ));
    }
    write_tx(conn, |conn| {
        let mut c = find_comment(conn, id)?;
        c.status = status.to_string();
        c.moderated_by = Some(ctx.actor.to_string());
        c.moderated_at = Some(ctx.now.naive_utc());
        c.reject_reason = reason.clone();
        c.reject_detail = if status == "rejected" {
            detail.clone()
        } else {
            None
        };
        store::moderate(conn, &c)?;
        let data = serde_json::json!({"decision": input.decision, "reason": reason});
        ctx.record(conn, "comment.moderated", "comment", &c.id, data)?;
        Ok(c)
    })
}

fn find_comment(conn: &mut DbConnection, id: &str) -> Result<CommentRow, ApiError> {
    store::find_comment(conn, id)?
        .ok_or_else(|| ApiError::NotFound(format!("no comment with id {id}")))
}

/// Answers a comment, and with it every identical comment of the consultation.
pub fn respond(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    id: &str,
    body: &str,
) -> Result<(CommentRow, ResponseRow), ApiError> {
    let body = body.trim();
    if body.is_empty() || char_len(body) > 10_000 {
        return Err(ApiError::field("body", "must be 1–10,000 characters"));
    }
    write_tx(conn, |conn| {
        let c = find_comment(conn, id)?;
        let row = ResponseRow {
            consultation_id: c.consultation_id.clone(),
            group_key: c.group_key.clone(),
            body: body.to_string(),
            responded_by: ctx.actor.to_string(),
            responded_at: ctx.now.naive_utc(),
        };
        store::set_response(conn, &row)?;
        let data = serde_json::json!({"group_key": row.group_key, "sha256": body_sha256(body)});
        ctx.record(conn, "comment.answered", "comment", &c.id, data)?;
        // Every citizen of the group who left an e-mail hears the answer.
        let title = find(conn, &c.consultation_id)?.title;
        for other in store::group(conn, &c.consultation_id, &c.group_key)? {
            if let Some(email) = &other.email {
                let m = crate::notify::messages::comment_answered(
                    email,
                    &other.tracking_code,
                    &title,
                    body,
                );
                crate::notify::enqueue(conn, ctx.now, m)?;
            }
        }
        Ok((c, row))
    })
}

/// The consultation facts of a procedure at `now`: whether one has closed, and whether every
/// published comment on its consultations has an answer.
pub fn facts(
    conn: &mut DbConnection,
    procedure_id: &str,
    now: DateTime<Utc>,
) -> diesel::QueryResult<(bool, bool)> {
    let mut closed = false;
    let mut all_answered = true;
    for c in store::of_procedure(conn, procedure_id)? {
        closed |= status_of(&c, now) == Status::Closed;
        let answered: std::collections::HashSet<String> = store::responses(conn, &c.id)?
            .into_iter()
            .map(|r| r.group_key)
            .collect();
        all_answered &= store::statuses(conn, &c.id)?
            .into_iter()
            .all(|(status, group)| status != "published" || answered.contains(&group));
    }
    Ok((closed, all_answered))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracking_codes_avoid_look_alikes() {
        for _ in 0..200 {
            let code = tracking_code(2026);
            assert_eq!(code.len(), 16, "{code}");
            assert!(code.starts_with("C-2026-"));
            let letters: String = code[7..].replace('-', "");
            assert!(
                letters.chars().all(|c| CODE_ALPHABET.contains(&(c as u8))),
                "{code}"
            );
            assert!(!letters.contains(['0', 'O', '1', 'I', 'L', 'U']));
        }
    }

    #[test]
    fn proposals_render_without_raw_html_or_script_links() {
        let html = proposal_html("## Propuesta\n\n**En línea** <script>alert(1)</script>\n\n[x](javascript:alert(1)) [ok](https://mintrabajo.gob.gt)\n\n<img src=x onerror=alert(1)>");
        assert!(
            html.contains("<h2>Propuesta</h2>") && html.contains("<strong>En línea</strong>"),
            "{html}"
        );
        assert!(
            !html.contains("<script") && !html.contains("onerror") && !html.contains("javascript:"),
            "{html}"
        );
        assert!(
            html.contains("href=\"https://mintrabajo.gob.gt\""),
            "{html}"
        );
    }

    #[test]
    fn copies_of_one_text_share_a_group() {
        assert_eq!(group_key("¡No al trámite!"), group_key("no  al TRAMITE"));
        assert_ne!(group_key("no al trámite"), group_key("sí al trámite"));
    }

    #[test]
    fn comment_bodies_are_checked() {
        let c = |body: &str| NewComment {
            body: body.into(),
            author_name: None,
            email: None,
            organization: None,
        };
        assert!(check(&c("  ")).is_err());
        assert!(check(&c(&"x".repeat(10_001))).is_err());
        assert!(check(&c(&format!("  {}  ", "x".repeat(10_000)))).is_ok());
        let bad_email = NewComment {
            email: Some("no".into()),
            ..c("hola")
        };
        assert!(check(&bad_email).is_err());
    }
}
