//! Moving procedures through their workflow. Each operation gathers the facts, asks the pure
//! engine, and writes the change, its history and its audit entries in one transaction.

use std::collections::{BTreeMap, BTreeSet};

use diesel::QueryResult;

use crate::audit::Context;
use crate::db::lifecycle::{
    self as store, ChecklistRow, DocumentMeta, HistoryRow, NewDocument, RequestRow,
};
use crate::db::procedures::{self, ProcedureRow};
use crate::db::users::UserRow;
use crate::db::{write_tx, DbConnection};
use crate::error::ApiError;
use crate::workflow::definition::{Effect, Transition};
use crate::workflow::engine::{self, Decision, Facts, Outcome, PendingRequest, Refusal};
use crate::workflow::{Registry, Workflow};

/// Records each loaded workflow version in the database (refusing a changed file that kept its
/// version number) and loads every recorded version into the registry.
pub fn record_workflows(
    conn: &mut DbConnection,
    registry: &mut Registry,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<()> {
    for wf in registry.all() {
        let body = serde_json::to_string(&*wf)?;
        match store::definition(conn, &wf.key, wf.version)? {
            Some(stored) if stored != body => anyhow::bail!(
                "the workflow `{}` version {} differs from the one recorded when it was first used; \
                 give the changed file a new `version`",
                wf.key,
                wf.version
            ),
            Some(_) => {}
            None => {
                if let Err(e) = store::insert_definition(conn, &wf.key, wf.version, &body, now.naive_utc()) {
                    // Another instance recorded it at the same moment.
                    if !crate::db::is_unique_violation(&e) {
                        return Err(e.into());
                    }
                }
            }
        }
    }
    for body in store::all_definitions(conn)? {
        registry.add_version(serde_json::from_str(&body)?);
    }
    Ok(())
}

/// The procedure with this id (or 404) and the rules it runs under.
pub fn load(
    conn: &mut DbConnection,
    registry: &Registry,
    id: &str,
) -> Result<(ProcedureRow, std::sync::Arc<Workflow>), ApiError> {
    let p = find_procedure(conn, id)?;
    let wf = workflow_of(registry, &p)?;
    Ok((p, wf))
}

/// The rules a procedure runs under.
pub fn workflow_of(
    registry: &Registry,
    p: &ProcedureRow,
) -> Result<std::sync::Arc<Workflow>, ApiError> {
    registry
        .version(&p.workflow, p.workflow_version)
        .ok_or_else(|| {
            ApiError::Internal(format!(
                "workflow {} version {} is not recorded",
                p.workflow, p.workflow_version
            ))
        })
}

/// What the guards may look at for one procedure at `now`.
pub fn facts(
    conn: &mut DbConnection,
    p: &ProcedureRow,
    now: chrono::DateTime<chrono::Utc>,
) -> QueryResult<Facts> {
    let (consultation_closed, published_comments_answered) =
        crate::participation::facts(conn, &p.id, now)?;
    let mut checklist_done: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for row in store::checklist(conn, &p.id)?
        .into_iter()
        .filter(|r| r.done)
    {
        checklist_done
            .entry(row.state)
            .or_default()
            .insert(row.item);
    }
    Ok(Facts {
        consultation_closed,
        published_comments_answered,
        fields_set: p
            .regulation_reference
            .iter()
            .map(|_| "regulation_reference".to_string())
            .collect(),
        documents: store::documents_of(conn, &p.id)?
            .into_iter()
            .map(|d| d.kind)
            .collect(),
        checklist_done,
    })
}

/// Maps an engine refusal to its API error.
pub fn refusal(r: Refusal) -> ApiError {
    match r {
        Refusal::UnknownTransition(key) => ApiError::field(
            "transition",
            &format!("the workflow has no transition `{key}`"),
        ),
        Refusal::NotFromHere { transition, state } => ApiError::conflict(
            "invalid_transition",
            format!("`{transition}` is not allowed from the state `{state}`"),
        ),
        Refusal::Forbidden { roles } => {
            let names: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
            ApiError::Forbidden(format!("this needs one of the roles: {}", names.join(", ")))
        }
        Refusal::SamePerson => ApiError::SamePerson,
        Refusal::GuardFailed(statuses) => ApiError::GuardFailed(statuses),
        Refusal::Stale { from, now } => ApiError::conflict(
            "stale_request",
            format!("the request was made in `{from}` but the procedure is now in `{now}`"),
        ),
    }
}

/// The procedure with this id, or 404.
pub fn find_procedure(conn: &mut DbConnection, id: &str) -> Result<ProcedureRow, ApiError> {
    procedures::find(conn, id)?
        .ok_or_else(|| ApiError::NotFound(format!("no procedure with id {id}")))
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
) -> Result<Proposed, ApiError> {
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
                request(conn, ctx, &p, &rule, &user.id, note).map(Proposed::Requested)
            }
        }
    })
}

fn request_pending(p: &ProcedureRow) -> ApiError {
    ApiError::conflict(
        "request_pending",
        format!(
            "procedure {} already has a transition waiting for approval",
            p.code
        ),
    )
}

fn request(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    p: &ProcedureRow,
    rule: &Transition,
    requested_by: &str,
    note: &str,
) -> Result<RequestRow, ApiError> {
    if store::pending_of(conn, &p.id)?.is_some() {
        return Err(request_pending(p));
    }
    let row = RequestRow {
        id: uuid::Uuid::now_v7().to_string(),
        procedure_id: p.id.clone(),
        transition: rule.key.clone(),
        from_state: p.state.clone(),
        to_state: rule.to.clone(),
        rule: serde_json::to_string(rule).map_err(|e| ApiError::Internal(e.to_string()))?,
        status: "pending".into(),
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
    let mut approvers: Vec<UserRow> = Vec::new();
    for role in &rule.approve {
        approvers.extend(crate::db::users::active_with_role(conn, *role)?);
    }
    approvers.sort_by(|a, b| a.id.cmp(&b.id));
    approvers.dedup_by(|a, b| a.id == b.id);
    for approver in approvers.iter().filter(|u| u.id != requested_by) {
        let m = crate::notify::messages::approval_requested(
            &approver.email,
            &p.code,
            &p.name,
            &row.transition,
            &row.from_state,
            &row.to_state,
            crate::notify::public_url(),
        );
        crate::notify::enqueue(conn, ctx.now, m)?;
    }
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
) -> Result<ProcedureRow, ApiError> {
    let from = std::mem::replace(&mut p.state, outcome.to.clone());
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
        return Err(ApiError::conflict(
            race_code,
            "the procedure changed meanwhile; reload it",
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
        store::decide_request(conn, &stale.id, "stale", None, ctx.now.naive_utc(), None)?;
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

fn open_request(conn: &mut DbConnection, id: &str) -> Result<(RequestRow, Transition), ApiError> {
    let req = store::find_request(conn, id)?
        .ok_or_else(|| ApiError::NotFound(format!("no transition request with id {id}")))?;
    if req.status != "pending" {
        return Err(ApiError::conflict(
            "stale_request",
            format!("the request is already {}", req.status),
        ));
    }
    let rule: Transition =
        serde_json::from_str(&req.rule).map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok((req, rule))
}

/// Approves a pending request and applies its transition, under the rules it was made with.
pub fn approve(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    registry: &Registry,
    approver: &UserRow,
    request_id: &str,
    note: &str,
) -> Result<ProcedureRow, ApiError> {
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
        if !store::decide_request(
            conn,
            &req.id,
            "approved",
            Some(&approver.id),
            ctx.now.naive_utc(),
            Some(note),
        )? {
            return Err(ApiError::conflict(
                "stale_request",
                "the request was decided meanwhile",
            ));
        }
        let data = serde_json::json!({"procedure_id": p.id, "transition": req.transition});
        ctx.record(
            conn,
            "transition.approved",
            "transition_request",
            &req.id,
            data,
        )?;
        notify_requester(conn, ctx, &req, &p.code, true, note)?;
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

/// Tells the requester their request was decided.
fn notify_requester(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    req: &RequestRow,
    code: &str,
    approved: bool,
    note: &str,
) -> Result<(), ApiError> {
    if let Some(requester) = crate::db::users::find(conn, &req.requested_by)?.filter(|u| u.active) {
        let m = crate::notify::messages::request_decided(
            &requester.email,
            code,
            &req.transition,
            approved,
            note,
        );
        crate::notify::enqueue(conn, ctx.now, m)?;
    }
    Ok(())
}

/// Rejects a pending request (a holder of one of its approving roles; a note is required).
pub fn reject(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    user: &UserRow,
    request_id: &str,
    note: &str,
) -> Result<RequestRow, ApiError> {
    write_tx(conn, |conn| {
        let (req, rule) = open_request(conn, request_id)?;
        if !rule.approve.iter().any(|r| user.has(*r)) {
            return Err(refusal(Refusal::Forbidden {
                roles: rule.approve.clone(),
            }));
        }
        if !store::decide_request(
            conn,
            &req.id,
            "rejected",
            Some(&user.id),
            ctx.now.naive_utc(),
            Some(note),
        )? {
            return Err(ApiError::conflict(
                "stale_request",
                "the request was decided meanwhile",
            ));
        }
        let data =
            serde_json::json!({"procedure_id": req.procedure_id, "transition": req.transition});
        ctx.record(
            conn,
            "transition.rejected",
            "transition_request",
            &req.id,
            data,
        )?;
        let code = find_procedure(conn, &req.procedure_id)?.code;
        notify_requester(conn, ctx, &req, &code, false, note)?;
        store::find_request(conn, &req.id)?
            .ok_or_else(|| ApiError::Internal("request vanished".into()))
    })
}

/// Ticks or unticks a checklist item (any state's checklist may be prepared in advance).
pub fn set_checklist(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    registry: &Registry,
    procedure_id: &str,
    item: &str,
    done: bool,
) -> Result<(ProcedureRow, String), ApiError> {
    write_tx(conn, |conn| {
        let (p, wf) = load(conn, registry, procedure_id)?;
        let state = wf
            .states
            .iter()
            .find(|s| s.checklist.iter().any(|i| i.key == item))
            .ok_or_else(|| {
                ApiError::NotFound(format!("the workflow has no checklist item `{item}`"))
            })?
            .key
            .clone();
        let row = ChecklistRow {
            procedure_id: p.id.clone(),
            state: state.clone(),
            item: item.to_string(),
            done,
            updated_by: ctx.actor.to_string(),
            updated_at: ctx.now.naive_utc(),
        };
        store::set_checklist(conn, &row)?;
        let data = serde_json::json!({"state": state, "item": item, "done": done});
        ctx.record(conn, "checklist.updated", "procedure", &p.id, data)?;
        Ok((p, state))
    })
}

/// A document to attach, already read and checked.
pub struct Upload<'a> {
    /// Kind, e.g. `pilot_report`.
    pub kind: &'a str,
    /// Original file name.
    pub filename: &'a str,
    /// Detected content type.
    pub content_type: &'a str,
    /// The bytes.
    pub bytes: &'a [u8],
}

/// Attaches a document to a procedure.
pub fn attach(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    procedure_id: &str,
    upload: &Upload<'_>,
) -> Result<DocumentMeta, ApiError> {
    use sha2::Digest;
    let sha256 = hex::encode(sha2::Sha256::digest(upload.bytes));
    let id = uuid::Uuid::now_v7().to_string();
    write_tx(conn, |conn| {
        let p = find_procedure(conn, procedure_id)?;
        let doc = NewDocument {
            id: &id,
            procedure_id: &p.id,
            kind: upload.kind,
            filename: upload.filename,
            content_type: upload.content_type,
            size: upload.bytes.len() as i64,
            sha256: &sha256,
            content: upload.bytes,
            uploaded_by: ctx.actor,
            uploaded_at: ctx.now.naive_utc(),
        };
        store::insert_document(conn, &doc)?;
        let data = serde_json::json!({
            "document_id": id, "kind": upload.kind, "filename": upload.filename,
            "content_type": upload.content_type, "size": upload.bytes.len(), "sha256": sha256,
        });
        ctx.record(conn, "document.attached", "procedure", &p.id, data)?;
        Ok(DocumentMeta {
            id: id.clone(),
            procedure_id: p.id,
            kind: upload.kind.to_string(),
            filename: upload.filename.to_string(),
            content_type: upload.content_type.to_string(),
            size: upload.bytes.len() as i64,
            sha256: sha256.clone(),
            uploaded_by: ctx.actor.to_string(),
            uploaded_at: ctx.now.naive_utc(),
        })
    })
}
