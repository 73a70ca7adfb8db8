use super::*;

fn at(day: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 5, day)
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap()
}

#[test]
fn periods_parse_and_cover_the_year() {
    let p = Period::parse("2026-3").unwrap();
    assert_eq!(p.first_day().to_string(), "2026-09-01");
    assert_eq!(p.last_day().to_string(), "2026-12-31");
    assert_eq!(p.end().to_string(), "2027-01-01");
    assert_eq!(
        Period::parse("2026-2").unwrap().last_day().to_string(),
        "2026-08-31"
    );
    for bad in [
        "2026-0", "2026-4", "2026", "26-1", "2026-01", "x-1", "1999-1", "2026-1a",
    ] {
        assert_eq!(Period::parse(bad), None, "{bad}");
    }
    let april = NaiveDate::from_ymd_opt(2026, 4, 30).unwrap();
    assert_eq!(Period::containing(april).key(), "2026-1");
    assert_eq!(
        Period::containing(april.succ_opt().unwrap()).key(),
        "2026-2"
    );
    assert_eq!(Period::parse("2026-1").unwrap().previous().key(), "2025-3");
}

#[test]
fn stages_at_a_past_moment_come_from_the_transitions() {
    let procedures = [
        Lifeline {
            id: "a",
            created_at: at(1),
            state: "launch",
        },
        Lifeline {
            id: "b",
            created_at: at(1),
            state: "inventory",
        },
        Lifeline {
            id: "c",
            created_at: at(20),
            state: "analysis",
        },
    ];
    let steps = [
        Step {
            procedure_id: "a",
            from: "inventory",
            to: "analysis",
            at: at(5),
        },
        Step {
            procedure_id: "c",
            from: "inventory",
            to: "analysis",
            at: at(21),
        },
        Step {
            procedure_id: "a",
            from: "analysis",
            to: "launch",
            at: at(25),
        },
    ];
    let early = states_at(&procedures, &steps, at(3));
    assert_eq!(early, BTreeMap::from([("inventory".into(), 2)]));
    let middle = states_at(&procedures, &steps, at(22));
    assert_eq!(
        middle,
        BTreeMap::from([("analysis".into(), 2), ("inventory".into(), 1)])
    );
    let late = states_at(&procedures, &steps, at(30));
    assert_eq!(late["launch"], 1);
    assert_eq!(late["analysis"], 1);
    assert_eq!(late["inventory"], 1);
}
