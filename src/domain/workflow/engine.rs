//! The rules: from (definition, state, actor, transition, facts, now) to a decision.
//! Pure: no database, no HTTP, no clock — the caller gathers the facts and passes `now`.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::model::{Effect, Guard, Transition, Workflow};
use crate::domain::Role;

/// What the guards may look at, gathered by the caller for one procedure.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// A consultation on the procedure has closed.
    pub consultation_closed: bool,
    /// Every published comment on the procedure's consultations has a response.
    pub published_comments_answered: bool,
    /// Optional fields of the procedure that are set (e.g. `regulation_reference`).
    pub fields_set: BTreeSet<String>,
    /// Kinds of the documents attached.
    pub documents: BTreeSet<String>,
    /// Checklist items done, by state.
    pub checklist_done: BTreeMap<String, BTreeSet<String>>,
}

/// One guard and whether it holds (the faces add its description in words: `crate::words`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuardStatus {
    /// The guard.
    pub guard: Guard,
    /// True when it holds.
    pub passed: bool,
}

/// What a proposal leads to.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// Applied at once.
    Apply(Outcome),
    /// Needs one of these roles to approve.
    RequestApproval {
        /// The transition, as it is now: the request keeps this copy.
        rule: Transition,
    },
}

/// The result of applying a transition.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The new state.
    pub to: String,
    /// Effects to apply with it.
    pub effects: Vec<Effect>,
    /// When the new state's time limit runs out (None in end states).
    pub due_at: Option<DateTime<Utc>>,
    /// The new state keeps the burden as the baseline (its [`super::model::Tag::Baseline`]).
    pub baseline: bool,
}

/// Why a transition is refused. Each maps to one stable API code.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// The workflow has no such transition (`invalid_transition`).
    UnknownTransition(String),
    /// Not allowed from the current state (`invalid_transition`).
    NotFromHere {
        /// The transition.
        transition: String,
        /// The current state.
        state: String,
    },
    /// The actor holds none of the roles that may propose / approve (`forbidden`).
    Forbidden {
        /// Roles that may act.
        roles: Vec<Role>,
    },
    /// The approver is the requester (`same_person`).
    SamePerson,
    /// Guards do not hold (`guard_failed`); every guard is listed with its status.
    GuardFailed(Vec<GuardStatus>),
    /// The procedure left the request's state since it was made (`stale_request`).
    Stale {
        /// The request's state.
        from: String,
        /// The procedure's state now.
        now: String,
    },
}

/// Evaluates every guard of a transition.
pub fn evaluate(workflow: &Workflow, rule: &Transition, facts: &Facts) -> Vec<GuardStatus> {
    rule.guards
        .iter()
        .map(|guard| {
            let passed = match guard {
                Guard::ConsultationClosed => facts.consultation_closed,
                Guard::PublishedCommentsAnswered => facts.published_comments_answered,
                Guard::FieldSet { field } => facts.fields_set.contains(field),
                Guard::DocumentAttached { document } => facts.documents.contains(document),
                Guard::ChecklistComplete { state } => {
                    let done = facts.checklist_done.get(state);
                    workflow.state(state).is_some_and(|s| {
                        s.checklist
                            .iter()
                            .all(|item| done.is_some_and(|d| d.contains(&item.key)))
                    })
                }
            };
            GuardStatus {
                guard: guard.clone(),
                passed,
            }
        })
        .collect()
}

fn guards_hold(workflow: &Workflow, rule: &Transition, facts: &Facts) -> Result<(), Refusal> {
    let statuses = evaluate(workflow, rule, facts);
    if statuses.iter().all(|g| g.passed) {
        Ok(())
    } else {
        Err(Refusal::GuardFailed(statuses))
    }
}

fn outcome(workflow: &Workflow, rule: &Transition, now: DateTime<Utc>) -> Outcome {
    Outcome {
        to: rule.to.clone(),
        effects: rule.effects.clone(),
        due_at: workflow.due_at(&rule.to, now),
        baseline: workflow.has_tag(&rule.to, super::model::Tag::Baseline),
    }
}

/// Decides a proposal of `transition` by someone holding `roles`, for a procedure in `state`.
/// Order of checks: the transition exists, leaves from here, the actor may propose it, guards hold.
pub fn propose(
    workflow: &Workflow,
    state: &str,
    roles: &[Role],
    transition: &str,
    facts: &Facts,
    now: DateTime<Utc>,
) -> Result<Decision, Refusal> {
    let rule = workflow
        .transition(transition)
        .ok_or_else(|| Refusal::UnknownTransition(transition.to_string()))?;
    if !rule.from.iter().any(|f| f == state) {
        return Err(Refusal::NotFromHere {
            transition: transition.to_string(),
            state: state.to_string(),
        });
    }
    if !rule.propose.iter().any(|r| roles.contains(r)) {
        return Err(Refusal::Forbidden {
            roles: rule.propose.clone(),
        });
    }
    guards_hold(workflow, rule, facts)?;
    if rule.approve.is_empty() {
        Ok(Decision::Apply(outcome(workflow, rule, now)))
    } else {
        Ok(Decision::RequestApproval { rule: rule.clone() })
    }
}

/// A pending request, as the approval rule sees it.
#[derive(Debug, Clone)]
pub struct PendingRequest<'a> {
    /// The transition as it was when requested.
    pub rule: &'a Transition,
    /// The state it was requested from.
    pub from: &'a str,
    /// Who requested it.
    pub requested_by: &'a str,
}

/// Decides an approval. Two-person rule first, then the approver's role, then the procedure
/// must still be where the request left it, then the guards (checked again, now).
pub fn approve(
    workflow: &Workflow,
    request: &PendingRequest<'_>,
    state_now: &str,
    approver: &str,
    roles: &[Role],
    facts: &Facts,
    now: DateTime<Utc>,
) -> Result<Outcome, Refusal> {
    if approver == request.requested_by {
        return Err(Refusal::SamePerson);
    }
    if !request.rule.approve.iter().any(|r| roles.contains(r)) {
        return Err(Refusal::Forbidden {
            roles: request.rule.approve.clone(),
        });
    }
    if state_now != request.from {
        return Err(Refusal::Stale {
            from: request.from.to_string(),
            now: state_now.to_string(),
        });
    }
    guards_hold(workflow, request.rule, facts)?;
    Ok(outcome(workflow, request.rule, now))
}

/// One transition as the "available" listing shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Available {
    /// Key.
    pub transition: String,
    /// State it leads to.
    pub to: String,
    /// True when the caller holds a role that may propose it.
    pub can_propose: bool,
    /// Roles that must approve it (empty: applied at once).
    pub approve: Vec<Role>,
    /// Each guard and whether it holds now.
    pub guards: Vec<GuardStatus>,
}

/// The transitions leaving `state`, with what the caller may do and each guard's status.
pub fn available(
    workflow: &Workflow,
    state: &str,
    roles: &[Role],
    facts: &Facts,
) -> Vec<Available> {
    workflow
        .transitions
        .iter()
        .filter(|t| t.from.iter().any(|f| f == state))
        .map(|t| Available {
            transition: t.key.clone(),
            to: t.to.clone(),
            can_propose: t.propose.iter().any(|r| roles.contains(r)),
            approve: t.approve.clone(),
            guards: evaluate(workflow, t, facts),
        })
        .collect()
}
