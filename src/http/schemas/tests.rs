//! The mirrors must describe the real types: same property names, same required ones.

use serde_json::Value;
use utoipa::PartialSchema;

/// The property names of a described type.
fn properties<T: PartialSchema>() -> Vec<String> {
    let schema = serde_json::to_value(T::schema()).unwrap_or(Value::Null);
    let mut names: Vec<String> = schema["properties"]
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    names.sort();
    names
}

fn keys(value: Value) -> Vec<String> {
    let mut names: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
    names.sort();
    names
}

#[test]
fn outputs_have_the_real_fields() {
    use crate::domain::comment::Counts;
    use crate::domain::indicators::{compute, Indicators};
    use crate::domain::procedure::{Burden, Requirement};
    let sample = Requirement {
        name: "DPI".into(),
        held_by_state: true,
    };
    assert_eq!(properties::<Requirement>(), keys(serde_json::json!(sample)));
    let burden = Burden {
        annual_hours: 1.0,
        annual_cost_gtq: 2.0,
    };
    assert_eq!(properties::<Burden>(), keys(serde_json::json!(burden)));
    assert_eq!(
        properties::<Counts>(),
        keys(serde_json::json!(Counts::default()))
    );
    let indicators: Indicators = compute(&[], &[], 0);
    assert_eq!(
        properties::<Indicators>(),
        keys(serde_json::json!(indicators))
    );
    let day = crate::db::reports::SnapshotRow {
        day: chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        priority_total: 2,
        priority_digital: 1,
        general_total: 0,
        general_digital: 0,
        overdue: 0,
        by_state: "{}".into(),
        recorded_at: chrono::NaiveDateTime::default(),
    };
    assert_eq!(
        properties::<crate::usecases::reports::SeriesPoint>(),
        keys(serde_json::json!(
            crate::usecases::reports::SeriesPoint::from(&day)
        ))
    );
    let survey = crate::usecases::evaluation::Survey {
        results: crate::domain::evaluation::tally([]),
        comments: vec![],
    };
    assert_eq!(
        properties::<crate::usecases::evaluation::Survey>(),
        keys(serde_json::json!(survey))
    );
    let wf = crate::domain::workflow::Registry::builtin()
        .ok()
        .and_then(|r| r.get(crate::domain::workflow::DEFAULT_KEY))
        .unwrap();
    assert_eq!(
        properties::<crate::domain::workflow::Workflow>(),
        keys(serde_json::json!(*wf))
    );
}

/// A body holding every documented property must be accepted by the real input (which
/// refuses unknown fields), so the mirror names nothing the input does not read.
fn accepts_every_documented_field<T: PartialSchema + serde::de::DeserializeOwned>(sample: Value) {
    let documented = properties::<T>();
    let given = keys(sample.clone());
    assert_eq!(
        documented, given,
        "the sample must use every documented field"
    );
    serde_json::from_value::<T>(sample).expect("the real input reads every documented field");
}

#[test]
fn inputs_read_every_documented_field() {
    use crate::domain::comment::{Moderation, NewComment};
    use crate::domain::consultation::{CreateConsultation, Extend};
    use crate::domain::user::{CreateUser, PatchUser};
    accepts_every_documented_field::<NewComment>(serde_json::json!({
        "body": "x", "author_name": "a", "email": "a@b.gt", "organization": "o"
    }));
    accepts_every_documented_field::<crate::domain::feedback::NewFeedback>(serde_json::json!({
        "body": "x", "topic": "other", "author_name": "a", "email": "a@b.gt"
    }));
    accepts_every_documented_field::<Moderation>(serde_json::json!({
        "decision": "reject", "reason": "spam", "detail": "d"
    }));
    accepts_every_documented_field::<CreateConsultation>(serde_json::json!({
        "title": "t", "summary": "s", "proposal_text": "p", "opens_at": "2026-12-01T00:00:00Z"
    }));
    accepts_every_documented_field::<Extend>(serde_json::json!({
        "closes_at": "2026-12-01T00:00:00Z", "reason": "r"
    }));
    accepts_every_documented_field::<CreateUser>(serde_json::json!({
        "username": "u", "display_name": "d", "email": "e", "password": "p", "roles": []
    }));
    accepts_every_documented_field::<PatchUser>(serde_json::json!({
        "roles": [], "active": true, "display_name": "d", "email": "e", "password": "p"
    }));
}

#[test]
fn procedure_inputs_read_every_documented_field() {
    use crate::domain::procedure::{CreateProcedure, PatchProcedure};
    let create = serde_json::json!({
        "code": "A-1", "name": "n", "description": "d", "responsible_unit": "u",
        "legal_basis": "l", "category": "general", "audience": "workers", "channel": "online",
        "requirements": [], "steps": 1, "in_person_visits": 0, "resolution_days": 1,
        "fee_gtq": 0.0, "annual_volume": 1, "citizen_hours": 1.0, "workflow": "simplificacion",
        "regulation_reference": "AM 1",
        "access": {"online_url": "https://x.gt", "offices": "o", "opening_hours": "h",
                   "phone": "2422", "whatsapp": "5555"}
    });
    accepts_every_documented_field::<CreateProcedure>(create.clone());
    let mut patch = create;
    patch["state"] = Value::Null;
    accepts_every_documented_field::<PatchProcedure>(patch);
}
