//! The default workflow, row by row, through the pure engine (microseconds, no database).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::{TimeZone, Utc};

use super::engine::{self, Decision, Facts, PendingRequest, Refusal};
use super::model::{Effect, Guard, Workflow};
use super::parse::parse;
use super::registry::DEFAULT_WORKFLOW;
use crate::domain::Role;

fn workflow() -> Workflow {
    parse(Path::new("simplificacion.toml"), DEFAULT_WORKFLOW).unwrap()
}

/// Facts under which every guard of the default workflow holds.
fn all_facts() -> Facts {
    Facts {
        consultation_closed: true,
        published_comments_answered: true,
        fields_set: BTreeSet::from(["regulation_reference".to_string()]),
        documents: BTreeSet::from(["pilot_report".to_string(), "usage_report".to_string()]),
        checklist_done: BTreeMap::from([(
            "launch".to_string(),
            BTreeSet::from(
                [
                    "staff_trained",
                    "tutorials_published",
                    "awareness_campaign_published",
                ]
                .map(String::from),
            ),
        )]),
    }
}

/// The table of API.md: key, from, to, approving role (None: applied at once), guard count.
const TABLE: &[(&str, &str, &str, Option<Role>, usize)] = &[
    (
        "start_analysis",
        "inventory",
        "analysis",
        Some(Role::Director),
        0,
    ),
    ("return_to_inventory", "analysis", "inventory", None, 0),
    (
        "authorize_simplification",
        "analysis",
        "regulation_change",
        Some(Role::Director),
        0,
    ),
    (
        "eliminate",
        "analysis",
        "eliminated",
        Some(Role::Director),
        0,
    ),
    (
        "return_to_analysis",
        "regulation_change",
        "analysis",
        None,
        0,
    ),
    (
        "start_pilot",
        "regulation_change",
        "pilot",
        Some(Role::Minister),
        3,
    ),
    ("redesign", "pilot", "analysis", None, 0),
    ("launch", "pilot", "launch", Some(Role::Director), 1),
    ("start_evaluation", "launch", "feedback", None, 1),
    ("close_cycle", "feedback", "closed", Some(Role::Director), 1),
    ("new_cycle", "feedback", "analysis", Some(Role::Director), 0),
];

const STATES: &[&str] = &[
    "inventory",
    "analysis",
    "regulation_change",
    "pilot",
    "launch",
    "feedback",
    "eliminated",
    "closed",
];

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 15, 0, 0).unwrap()
}

#[test]
fn the_file_matches_the_contract_table() {
    let wf = workflow();
    assert_eq!(wf.transitions.len(), TABLE.len());
    for (key, from, to, approver, guards) in TABLE {
        let t = wf
            .transition(key)
            .unwrap_or_else(|| panic!("{key} missing"));
        assert_eq!(t.from, vec![from.to_string()], "{key}");
        assert_eq!(&t.to, to, "{key}");
        assert_eq!(t.propose, vec![Role::Committee], "{key}");
        assert_eq!(
            t.approve,
            approver.iter().copied().collect::<Vec<_>>(),
            "{key}"
        );
        assert_eq!(t.guards.len(), *guards, "{key}");
    }
    for state in STATES {
        let s = wf.state(state).unwrap();
        assert_eq!(
            s.terminal,
            *state == "eliminated" || *state == "closed",
            "{state}"
        );
        assert_eq!(
            s.time_limit_days.is_some(),
            !s.terminal,
            "{state}: non-terminal states have a time limit"
        );
    }
}

#[test]
fn the_committee_proposes_every_row_and_the_right_outcome_follows() {
    let wf = workflow();
    for (key, from, to, approver, _) in TABLE {
        let decision =
            engine::propose(&wf, from, &[Role::Committee], key, &all_facts(), now()).unwrap();
        match (approver, decision) {
            (None, Decision::Apply(outcome)) => {
                assert_eq!(&outcome.to, to, "{key}");
                let days = wf.state(to).unwrap().time_limit_days.map(i64::from);
                assert_eq!(
                    outcome.due_at,
                    days.map(|d| now() + chrono::Duration::days(d)),
                    "{key}"
                );
            }
            (Some(role), Decision::RequestApproval { rule }) => {
                assert_eq!(rule.approve, vec![*role], "{key}");
                assert_eq!(&rule.to, to);
            }
            (a, d) => panic!("{key}: approver {a:?} but decision {d:?}"),
        }
    }
}

#[test]
fn no_other_role_may_propose_any_row() {
    let wf = workflow();
    for (key, from, ..) in TABLE {
        for role in [Role::Admin, Role::Director, Role::Minister, Role::Auditor] {
            let refusal =
                engine::propose(&wf, from, &[role], key, &all_facts(), now()).unwrap_err();
            assert_eq!(
                refusal,
                Refusal::Forbidden {
                    roles: vec![Role::Committee]
                },
                "{key} by {role}"
            );
        }
        let refusal = engine::propose(&wf, from, &[], key, &all_facts(), now()).unwrap_err();
        assert!(matches!(refusal, Refusal::Forbidden { .. }));
    }
}

#[test]
fn every_row_is_refused_from_every_other_state_and_terminal_states_lead_nowhere() {
    let wf = workflow();
    for (key, from, ..) in TABLE {
        for state in STATES.iter().filter(|s| *s != from) {
            let refusal = engine::propose(&wf, state, &[Role::Committee], key, &all_facts(), now())
                .unwrap_err();
            assert!(
                matches!(refusal, Refusal::NotFromHere { .. }),
                "{key} from {state}"
            );
        }
    }
    for terminal in ["eliminated", "closed"] {
        assert!(engine::available(&wf, terminal, &[Role::Committee], &all_facts()).is_empty());
    }
    let unknown = engine::propose(
        &wf,
        "inventory",
        &[Role::Committee],
        "teleport",
        &all_facts(),
        now(),
    );
    assert_eq!(
        unknown.unwrap_err(),
        Refusal::UnknownTransition("teleport".into())
    );
}

#[test]
fn approvals_follow_the_two_person_rule_and_the_approving_role() {
    let wf = workflow();
    for (key, from, to, approver, _) in TABLE {
        let Some(role) = approver else { continue };
        let rule = wf.transition(key).unwrap();
        let request = PendingRequest {
            rule,
            from,
            requested_by: "ana",
        };
        let ok =
            engine::approve(&wf, &request, from, "beto", &[*role], &all_facts(), now()).unwrap();
        assert_eq!(&ok.to, to);
        // The requester may not approve, even holding the approving role.
        let same = engine::approve(
            &wf,
            &request,
            from,
            "ana",
            &[*role, Role::Committee],
            &all_facts(),
            now(),
        );
        assert_eq!(same.unwrap_err(), Refusal::SamePerson, "{key}");
        for other in [
            Role::Admin,
            Role::Committee,
            Role::Auditor,
            Role::Director,
            Role::Minister,
        ] {
            if other == *role {
                continue;
            }
            let refusal =
                engine::approve(&wf, &request, from, "beto", &[other], &all_facts(), now())
                    .unwrap_err();
            assert_eq!(
                refusal,
                Refusal::Forbidden { roles: vec![*role] },
                "{key} approved by {other}"
            );
        }
        let stale = engine::approve(
            &wf,
            &request,
            "closed",
            "beto",
            &[*role],
            &all_facts(),
            now(),
        );
        assert!(matches!(stale.unwrap_err(), Refusal::Stale { .. }), "{key}");
    }
}

/// Facts with one guard's condition removed.
fn without(guard: &Guard) -> Facts {
    let mut facts = all_facts();
    match guard {
        Guard::ConsultationClosed => facts.consultation_closed = false,
        Guard::PublishedCommentsAnswered => facts.published_comments_answered = false,
        Guard::FieldSet { field } => {
            facts.fields_set.remove(field);
        }
        Guard::DocumentAttached { document } => {
            facts.documents.remove(document);
        }
        Guard::ChecklistComplete { state } => {
            if let Some(done) = facts.checklist_done.get_mut(state) {
                done.pop_first();
            }
        }
    }
    facts
}

#[test]
fn each_guard_fails_alone_at_proposal_and_at_approval() {
    let wf = workflow();
    let mut seen = 0;
    for (key, from, _, approver, _) in TABLE {
        let rule = wf.transition(key).unwrap();
        for guard in &rule.guards {
            seen += 1;
            let facts = without(guard);
            let Refusal::GuardFailed(statuses) =
                engine::propose(&wf, from, &[Role::Committee], key, &facts, now()).unwrap_err()
            else {
                panic!("{key}: expected guard_failed");
            };
            let failing: Vec<&Guard> = statuses
                .iter()
                .filter(|s| !s.passed)
                .map(|s| &s.guard)
                .collect();
            assert_eq!(failing, vec![guard], "{key}");
            assert_eq!(statuses.len(), rule.guards.len(), "every guard is listed");
            if let Some(role) = approver {
                let request = PendingRequest {
                    rule,
                    from,
                    requested_by: "ana",
                };
                let refusal = engine::approve(&wf, &request, from, "beto", &[*role], &facts, now())
                    .unwrap_err();
                assert!(
                    matches!(refusal, Refusal::GuardFailed(_)),
                    "{key} re-checked at approval"
                );
            }
        }
    }
    assert_eq!(
        seen, 6,
        "start_pilot ×3, launch, start_evaluation, close_cycle"
    );
}

#[test]
fn launch_sets_the_channel_online() {
    let wf = workflow();
    let rule = wf.transition("launch").unwrap();
    let request = PendingRequest {
        rule,
        from: "pilot",
        requested_by: "ana",
    };
    let outcome = engine::approve(
        &wf,
        &request,
        "pilot",
        "beto",
        &[Role::Director],
        &all_facts(),
        now(),
    )
    .unwrap();
    assert_eq!(
        outcome.effects,
        vec![Effect::SetField {
            field: "channel".into(),
            value: "online".into()
        }]
    );
    for (key, ..) in TABLE.iter().filter(|r| r.0 != "launch") {
        assert!(
            wf.transition(key).unwrap().effects.is_empty(),
            "{key} has no effect"
        );
    }
}

#[test]
fn available_lists_what_the_caller_may_do_with_guard_status() {
    let wf = workflow();
    let list = engine::available(
        &wf,
        "regulation_change",
        &[Role::Director],
        &Facts::default(),
    );
    let keys: Vec<&str> = list.iter().map(|a| a.transition.as_str()).collect();
    assert_eq!(keys, vec!["return_to_analysis", "start_pilot"]);
    assert!(list.iter().all(|a| !a.can_propose));
    assert_eq!(list[1].guards.iter().filter(|g| !g.passed).count(), 3);
}
