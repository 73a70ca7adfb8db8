//! Moving procedures through their workflow: propose, approve, reject. Each gathers the
//! facts, asks the pure engine, and writes the change, its history, its audit entries and its
//! e-mails in one transaction.

use super::error::AppError;
use super::facts::facts;
use super::procedures::find_procedure;
use super::transition_mail;
use super::workflows::{load, workflow_of};
use crate::audit::Context;
use crate::db::lifecycle::{self as store, HistoryRow, RequestRow};
use crate::db::procedures::{self, ProcedureRow};
use crate::db::users::UserRow;
use crate::db::{write_tx, DbConnection};
use crate::domain::error::Problem;
use crate::domain::status::RequestStatus;
use crate::domain::workflow::engine::{self, Decision, Outcome, PendingRequest, Refusal};
use crate::domain::workflow::model::{Effect, Transition};
use crate::domain::workflow::Registry;

/// Maps an engine refusal to its API error.
pub fn refusal(r: Refusal) -> AppError {
    match r {
        Refusal::UnknownTransition(key) => AppError::field_with(
            "transition",
            Problem::new("campo-transicion-desconocida").with("clave", key),
        ),
        Refusal::NotFromHere { transition, state } => AppError::conflict(
            "invalid_transition",
            Problem::new("conflicto-invalid-transition")
                .with("transicion", transition)
                .with("etapa", state),
        ),
        Refusal::Forbidden { roles } => {
            let names: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
            AppError::Forbidden(
                Problem::new("detalle-necesita-rol").with("roles", names.join(", ")),
            )
        }
        Refusal::SamePerson => AppError::SamePerson,
        Refusal::GuardFailed(statuses) => AppError::GuardFailed(statuses),
        Refusal::Stale { from, now } => AppError::conflict(
            "stale_request",
            Problem::new("conflicto-stale-request-etapa")
                .with("antes", from)
                .with("ahora", now),
        ),
    }
}

/// The result of a proposal.
pub enum Proposed {
    /// Applied at once: the procedure as it is now.
    Applied(ProcedureRow),
    /// Waiting for approval.
    Requested(RequestRow),
}

/// Proposes `transition` for a procedure on behalf of `user`.
pub fn propose(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    registry: &Registry,
    user: &UserRow,
    procedure_id: &str,
    transition: &str,
    note: &str,
) -> Result<Proposed, AppError> {
    write_tx(conn, |conn| {
        let (p, wf) = load(conn, registry, procedure_id)?;
        let facts = facts(conn, &p, ctx.now)?;
        let decision = engine::propose(
            &wf,
            &p.state,
            &user.role_list(),
            transition,
            &facts,
            ctx.now,
        )
        .map_err(refusal)?;
        match decision {
            Decision::Apply(outcome) => {
                let applied = Applied {
                    transition,
                    requested_by: &user.id,
                    approved_by: None,
                    request_id: None,
                    note,
                };
                apply(conn, ctx, p, outcome, &applied, "invalid_transition").map(Proposed::Applied)
            }
            Decision::RequestApproval { rule } => {
                request(conn, ctx, &wf, &p, &rule, &user.id, note).map(Proposed::Requested)
            }
        }
    })
}

fn request_pending(p: &ProcedureRow) -> AppError {
    AppError::conflict(
        "request_pending",
        Problem::new("conflicto-request-pending").with("codigo", &p.code),
    )
}

fn request(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    wf: &crate::domain::workflow::Workflow,
    p: &ProcedureRow,
    rule: &Transition,
    requested_by: &str,
    note: &str,
) -> Result<RequestRow, AppError> {
    if store::pending_of(conn, &p.id)?.is_some() {
        return Err(request_pending(p));
    }
    let row = RequestRow {
        id: uuid::Uuid::now_v7().to_string(),
        procedure_id: p.id.clone(),
        transition: rule.key.clone(),
        from_state: p.state.clone(),
        to_state: rule.to.clone(),
        rule: serde_json::to_string(rule).map_err(|e| AppError::Internal(e.to_string()))?,
        status: RequestStatus::Pending.as_str().into(),
        requested_by: requested_by.to_string(),
        requested_at: ctx.now.naive_utc(),
        note: note.to_string(),
        decided_by: None,
        decided_at: None,
        decision_note: None,
    };
    store::insert_request(conn, &row).map_err(|e| {
        // The partial unique index: another instance's request won the race.
        if crate::db::is_unique_violation(&e) {
            request_pending(p)
        } else {
            e.into()
        }
    })?;
    let data = serde_json::json!({
        "procedure_id": p.id, "transition": row.transition, "from": row.from_state, "to": row.to_state,
    });
    ctx.record(
        conn,
        "transition.requested",
        "transition_request",
        &row.id,
        data,
    )?;
    transition_mail::ask_approvers(conn, ctx, wf, p, (&row, rule), requested_by)?;
    Ok(row)
}

/// Who and what an application of a transition records.
struct Applied<'a> {
    transition: &'a str,
    requested_by: &'a str,
    approved_by: Option<&'a str>,
    request_id: Option<&'a str>,
    note: &'a str,
}

/// Applies an outcome: state, version, times and effects in one conditional update, the
/// history row, and the audit entry. Another request still pending on the procedure becomes
/// `stale`. `race_code` names the conflict when another change got there first.
fn apply(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    mut p: ProcedureRow,
    outcome: Outcome,
    applied: &Applied<'_>,
    race_code: &'static str,
) -> Result<ProcedureRow, AppError> {
    let from = std::mem::replace(&mut p.state, outcome.to.clone());
    // The first entry into the baseline state (analysis) keeps the burden savings are measured from.
    if p.baseline.is_none() && outcome.baseline {
        p.baseline = serde_json::to_string(&p.fields()).ok();
    }
    let previous_version = p.version;
    p.version += 1;
    p.state_entered_at = ctx.now.naive_utc();
    p.due_at = outcome.due_at.map(|d| d.naive_utc());
    p.updated_at = ctx.now.naive_utc();
    for effect in &outcome.effects {
        let Effect::SetField { field, value } = effect;
        if field == "channel" {
            p.channel = value.clone();
        }
    }
    if !procedures::update_if_version(conn, &p, previous_version)? {
        return Err(AppError::conflict(
            race_code,
            Problem::new("conflicto-cambio-mientras"),
        ));
    }
    store::insert_history(
        conn,
        &HistoryRow {
            id: uuid::Uuid::now_v7().to_string(),
            procedure_id: p.id.clone(),
            request_id: applied.request_id.map(str::to_string),
            transition: applied.transition.to_string(),
            from_state: from.clone(),
            to_state: p.state.clone(),
            requested_by: applied.requested_by.to_string(),
            approved_by: applied.approved_by.map(str::to_string),
            at: ctx.now.naive_utc(),
            note: applied.note.to_string(),
        },
    )?;
    if let Some(stale) =
        store::pending_of(conn, &p.id)?.filter(|r| Some(r.id.as_str()) != applied.request_id)
    {
        store::decide_request(
            conn,
            &stale.id,
            RequestStatus::Stale.as_str(),
            None,
            ctx.now.naive_utc(),
            None,
        )?;
        let data = serde_json::json!({"procedure_id": p.id, "reason": "the procedure moved"});
        ctx.record(
            conn,
            "transition.stale",
            "transition_request",
            &stale.id,
            data,
        )?;
    }
    let data = serde_json::json!({
        "transition": applied.transition, "from": from, "to": p.state, "version": p.version,
        "requested_by": applied.requested_by, "approved_by": applied.approved_by,
        "request_id": applied.request_id, "effects": outcome.effects.len(),
    });
    ctx.record(conn, "transition.applied", "procedure", &p.id, data)?;
    Ok(p)
}

fn open_request(conn: &mut DbConnection, id: &str) -> Result<(RequestRow, Transition), AppError> {
    let req = store::find_request(conn, id)?
        .ok_or_else(|| AppError::not_found("inexistente-solicitud"))?;
    if req.status != RequestStatus::Pending.as_str() {
        return Err(AppError::conflict(
            "stale_request",
            Problem::new("conflicto-stale-request").with("estado", &req.status),
        ));
    }
    let rule: Transition =
        serde_json::from_str(&req.rule).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((req, rule))
}

/// Records the decision on a pending request; another decision that got there first answers
/// `stale_request`.
fn decide(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    req: &RequestRow,
    status: RequestStatus,
    decided_by: &str,
    note: &str,
) -> Result<(), AppError> {
    let decided = store::decide_request(
        conn,
        &req.id,
        status.as_str(),
        Some(decided_by),
        ctx.now.naive_utc(),
        Some(note),
    )?;
    if decided {
        Ok(())
    } else {
        Err(AppError::conflict(
            "stale_request",
            Problem::new("conflicto-decidida-mientras"),
        ))
    }
}

/// Approves a pending request and applies its transition, under the rules it was made with.
pub fn approve(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    registry: &Registry,
    approver: &UserRow,
    request_id: &str,
    note: &str,
) -> Result<ProcedureRow, AppError> {
    write_tx(conn, |conn| {
        let (req, rule) = open_request(conn, request_id)?;
        let p = find_procedure(conn, &req.procedure_id)?;
        let wf = workflow_of(registry, &p)?;
        let facts = facts(conn, &p, ctx.now)?;
        let pending = PendingRequest {
            rule: &rule,
            from: &req.from_state,
            requested_by: &req.requested_by,
        };
        let outcome = engine::approve(
            &wf,
            &pending,
            &p.state,
            &approver.id,
            &approver.role_list(),
            &facts,
            ctx.now,
        )
        .map_err(refusal)?;
        decide(conn, ctx, &req, RequestStatus::Approved, &approver.id, note)?;
        let data = serde_json::json!({"procedure_id": p.id, "transition": req.transition});
        ctx.record(
            conn,
            "transition.approved",
            "transition_request",
            &req.id,
            data,
        )?;
        transition_mail::notify_requester(conn, ctx, &wf, (&req, &rule), &p, true, note)?;
        let applied = Applied {
            transition: &req.transition,
            requested_by: &req.requested_by,
            approved_by: Some(&approver.id),
            request_id: Some(&req.id),
            note: &req.note,
        };
        apply(conn, ctx, p, outcome, &applied, "stale_request")
    })
}

/// Rejects a pending request (a holder of one of its approving roles; a note is required).
pub fn reject(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    registry: &Registry,
    user: &UserRow,
    request_id: &str,
    note: &str,
) -> Result<RequestRow, AppError> {
    write_tx(conn, |conn| {
        let (req, rule) = open_request(conn, request_id)?;
        if !rule.approve.iter().any(|r| user.has(*r)) {
            return Err(refusal(Refusal::Forbidden {
                roles: rule.approve.clone(),
            }));
        }
        // The two-person rule holds both ways: whoever asked does not decide, yes or no.
        if req.requested_by == user.id {
            return Err(AppError::SamePerson);
        }
        decide(conn, ctx, &req, RequestStatus::Rejected, &user.id, note)?;
        let data =
            serde_json::json!({"procedure_id": req.procedure_id, "transition": req.transition});
        ctx.record(
            conn,
            "transition.rejected",
            "transition_request",
            &req.id,
            data,
        )?;
        let p = find_procedure(conn, &req.procedure_id)?;
        let wf = workflow_of(registry, &p)?;
        transition_mail::notify_requester(conn, ctx, &wf, (&req, &rule), &p, false, note)?;
        store::find_request(conn, &req.id)?
            .ok_or_else(|| AppError::Internal("request vanished".into()))
    })
}
