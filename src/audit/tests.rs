//! Tests of the canonical encoding.

use super::*;

#[test]
fn canonical_json_sorts_keys_at_every_depth() {
    let v = serde_json::json!({"b": 1, "a": {"d": [1, {"z": 0, "y": "é"}], "c": null}});
    assert_eq!(
        canonical_json(&v),
        r#"{"a":{"c":null,"d":[1,{"y":"é","z":0}]},"b":1}"#
    );
}

#[test]
fn hash_depends_on_every_field() {
    let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 21)
        .unwrap()
        .and_hms_micro_opt(12, 0, 0, 5)
        .unwrap();
    let c = Content {
        seq: 1,
        at: &at,
        actor: "u",
        action: "a",
        subject_type: "t",
        subject_id: "i",
        data: "{}",
    };
    let base = c.hash(GENESIS_HASH);
    assert_eq!(base.len(), 64);
    assert_ne!(base, Content { seq: 2, ..c }.hash(GENESIS_HASH));
    assert_ne!(base, Content { actor: "v", ..c }.hash(GENESIS_HASH));
    assert_ne!(base, Content { action: "b", ..c }.hash(GENESIS_HASH));
    assert_ne!(
        base,
        Content {
            subject_type: "x",
            ..c
        }
        .hash(GENESIS_HASH)
    );
    assert_ne!(
        base,
        Content {
            subject_id: "j",
            ..c
        }
        .hash(GENESIS_HASH)
    );
    assert_ne!(
        base,
        Content {
            data: "{\"x\":1}",
            ..c
        }
        .hash(GENESIS_HASH)
    );
    assert_ne!(base, c.hash(&base));
    assert_eq!(canonical_time(&at), "2026-11-21T12:00:00.000005Z");
    let mut buf = Vec::new();
    c.write_canonical(&mut buf);
    assert_eq!(
        String::from_utf8(buf).unwrap(),
        r#"[1,"2026-11-21T12:00:00.000005Z","u","a","t","i",{}]"#
    );
    let tricky = Content {
        actor: "quote\" back\\ \n tab\t é",
        ..c
    };
    let mut buf = Vec::new();
    tricky.write_canonical(&mut buf);
    let expected = format!(
        "[1,\"2026-11-21T12:00:00.000005Z\",{},\"a\",\"t\",\"i\",{{}}]",
        serde_json::to_string(tricky.actor).unwrap()
    );
    assert_eq!(String::from_utf8(buf).unwrap(), expected);
}
