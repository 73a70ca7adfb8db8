//! The e-mails a transition sends: to the approvers when it waits for them, to the requester
//! once it is decided. Staff messages name the transition and the states by the workflow's
//! labels and link to the staff page where the person acts.

use super::error::AppError;
use crate::audit::Context;
use crate::db::lifecycle::RequestRow;
use crate::db::procedures::ProcedureRow;
use crate::db::users::UserRow;
use crate::db::DbConnection;
use crate::domain::workflow::model::Transition;
use crate::domain::workflow::Workflow;

/// Tells every active holder of an approving role (but the requester) that a request waits.
pub fn ask_approvers(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    wf: &Workflow,
    p: &ProcedureRow,
    (row, rule): (&RequestRow, &Transition),
    requested_by: &str,
) -> Result<(), AppError> {
    let mut approvers: Vec<UserRow> = Vec::new();
    for role in &rule.approve {
        approvers.extend(crate::db::users::active_with_role(conn, *role)?);
    }
    approvers.sort_by(|a, b| a.id.cmp(&b.id));
    approvers.dedup_by(|a, b| a.id == b.id);
    for approver in approvers.iter().filter(|u| u.id != requested_by) {
        let (from, to) = (
            state_label(wf, &row.from_state),
            state_label(wf, &row.to_state),
        );
        let step = crate::notify::messages::Step {
            code: &p.code,
            name: &p.name,
            transition: &label_of(rule),
            from: &from,
            to: &to,
        };
        let m = crate::notify::messages::approval_requested(
            &approver.email,
            &step,
            // The request itself on the page where the approver acts.
            &format!(
                "{}/gestion/aprobaciones#solicitud-{}",
                crate::notify::public_url(),
                row.id
            ),
        );
        crate::notify::enqueue(conn, ctx.now, m)?;
    }
    Ok(())
}

/// A state's label as its workflow names it (the key when it has none).
fn state_label(wf: &Workflow, key: &str) -> String {
    wf.state(key)
        .map_or_else(|| key.to_string(), |s| s.label.es.clone())
}

/// A transition's label as its workflow names it (the key, spaced, when it has none).
fn label_of(rule: &Transition) -> String {
    rule.label.as_ref().map_or_else(
        || crate::domain::workflow::model::spaced(&rule.key),
        |l| l.es.clone(),
    )
}

/// Tells the requester their request was decided; links to the procedure's staff page.
pub fn notify_requester(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    wf: &Workflow,
    (req, rule): (&RequestRow, &Transition),
    p: &ProcedureRow,
    approved: bool,
    note: &str,
) -> Result<(), AppError> {
    if let Some(requester) = crate::db::users::find(conn, &req.requested_by)?.filter(|u| u.active) {
        let (from, to) = (
            state_label(wf, &req.from_state),
            state_label(wf, &req.to_state),
        );
        let step = crate::notify::messages::Step {
            code: &p.code,
            name: &p.name,
            transition: &label_of(rule),
            from: &from,
            to: &to,
        };
        let url = format!("{}/gestion/tramites/{}", crate::notify::public_url(), p.id);
        let m =
            crate::notify::messages::request_decided(&requester.email, &step, approved, note, &url);
        crate::notify::enqueue(conn, ctx.now, m)?;
    }
    Ok(())
}
