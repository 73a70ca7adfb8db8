//! Public consultations: opening one on a procedure whose state allows it, extending it,
//! and what it tells the workflow's guards.

use crate::domain::error::Problem;
use std::collections::HashSet;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use sha2::{Digest, Sha256};

use super::error::AppError;
use super::workflows::load;
use crate::audit::Context;
use crate::db::consultations::{self as store, ConsultationRow};
use crate::db::{write_tx, DbConnection};
use crate::domain::calendar::{self, Status};
use crate::domain::comment::{self, Counts};
use crate::domain::consultation::{check_extension, check_new, CreateConsultation, Extend};
use crate::domain::time::rfc3339;
use crate::domain::workflow::Registry;

/// Opens a consultation on a procedure whose state allows it.
pub fn open(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    registry: &Registry,
    tz: Tz,
    procedure_id: &str,
    input: &CreateConsultation,
) -> Result<ConsultationRow, AppError> {
    crate::usecases::error::authorize(ctx, crate::domain::access::Act::Simplify)?;
    let checked = check_new(input, ctx.now)?;
    write_tx(conn, |conn| {
        let (p, wf) = load(conn, registry, procedure_id)?;
        let Some(state) = wf.state(&p.state).filter(|s| s.consultations) else {
            return Err(AppError::conflict(
                "consultation_not_allowed",
                Problem::new("conflicto-consultation-not-allowed").with("etapa", &p.state),
            ));
        };
        let months = state.consultation_window_months.unwrap_or(1);
        let earlier = match input.supersedes.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(earlier) => Some(check_supersedes(conn, &p.id, earlier)?),
        };
        let row = ConsultationRow {
            id: uuid::Uuid::now_v7().to_string(),
            procedure_id: p.id.clone(),
            title: checked.title.clone(),
            summary: checked.summary.clone(),
            proposal_text: checked.proposal_text.clone(),
            opens_at: checked.opens_at.naive_utc(),
            closes_at: calendar::closes_at(checked.opens_at, tz, months).naive_utc(),
            created_by: ctx.actor.to_string(),
            created_at: ctx.now.naive_utc(),
            supersedes: earlier,
        };
        store::insert(conn, &row)?;
        crate::db::counts::create(conn, &row.id)?;
        let data = serde_json::json!({
            "procedure_id": p.id, "title": row.title, "window_months": months,
            "opens_at": rfc3339(&row.opens_at),
            "closes_at": rfc3339(&row.closes_at),
            "proposal_sha256": hex::encode(Sha256::digest(row.proposal_text.as_bytes())),
            "supersedes": row.supersedes,
        });
        ctx.record(conn, "consultation.opened", "consultation", &row.id, data)?;
        Ok(row)
    })
}

/// The consultation a new one supersedes: an earlier consultation of the same procedure that
/// no other consultation supersedes yet; else 422 on the field `supersedes`.
fn check_supersedes(
    conn: &mut DbConnection,
    procedure_id: &str,
    earlier: &str,
) -> Result<String, AppError> {
    let fault = |kind| Err(AppError::field("supersedes", kind));
    let Some(c) = uuid::Uuid::parse_str(earlier)
        .ok()
        .and_then(|_| store::find(conn, earlier).transpose())
        .transpose()?
    else {
        return fault("campo-consulta-anterior-inexistente");
    };
    if c.procedure_id != procedure_id {
        return fault("campo-consulta-anterior-otro-tramite");
    }
    if crate::db::drafts::superseded_by(conn, &c.id)?.is_some() {
        return fault("campo-consulta-anterior-ya-sucedida");
    }
    Ok(c.id)
}

/// Finds a consultation or 404.
pub fn find(conn: &mut DbConnection, id: &str) -> Result<ConsultationRow, AppError> {
    store::find(conn, id)?.ok_or_else(|| AppError::not_found("inexistente-consulta"))
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
) -> Result<ConsultationRow, AppError> {
    crate::usecases::error::authorize(ctx, crate::domain::access::Act::ExtendConsultation)?;
    let (new_close, reason) = check_extension(input)?;
    write_tx(conn, |conn| {
        let mut c = find(conn, id)?;
        if status_of(&c, ctx.now) == Status::Closed {
            return Err(AppError::conflict(
                "consultation_closed",
                Problem::new("conflicto-consultation-closed"),
            ));
        }
        if new_close.naive_utc() <= c.closes_at {
            return Err(AppError::field(
                "closes_at",
                "campo-solo-puede-moverse-fecha-posterior",
            ));
        }
        let before = c.closes_at;
        c.closes_at = new_close.naive_utc();
        store::set_closes_at(conn, &c.id, c.closes_at)?;
        let data = serde_json::json!({
            "from": rfc3339(&before), "to": rfc3339(&c.closes_at), "reason": reason,
        });
        ctx.record(conn, "consultation.extended", "consultation", &c.id, data)?;
        Ok(c)
    })
}

/// The comment counts of a consultation: counters kept with each change, so this costs the
/// same whatever the number of comments.
pub fn counts(conn: &mut DbConnection, consultation_id: &str) -> diesel::QueryResult<Counts> {
    crate::db::counts::get(conn, consultation_id)
}

/// The counts recomputed from every comment (for checking the counters).
pub fn recount(conn: &mut DbConnection, consultation_id: &str) -> diesel::QueryResult<Counts> {
    let answered: HashSet<String> = store::responses(conn, consultation_id)?
        .into_iter()
        .map(|r| r.group_key)
        .collect();
    let rows = store::statuses(conn, consultation_id)?;
    let mut counts = comment::tally(
        rows.iter().map(|(s, g)| (s.as_str(), g.as_str())),
        &answered,
    );
    counts.endorsements =
        crate::db::campaign_reads::endorsements_by_comment(conn, consultation_id)?
            .values()
            .sum();
    counts.by_channel = crate::db::reach::by_channel(conn, consultation_id, counts.received)?;
    Ok(counts)
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
        let counts = counts(conn, &c.id)?;
        all_answered &= counts.answered == counts.published;
    }
    Ok((closed, all_answered))
}
