//! The calendar and the feeds (contract section "Reach", issue 37): `/consultas.ics` parsed as
//! iCalendar (one event per consultation, stable UID, its window in the ministry's zone with
//! the VTIMEZONE, its page's URL), `/consultas.atom` parsed as Atom (newest first), and the
//! calendar page with the days left.

use std::str::FromStr;

use chrono::Duration;
use reqwest::StatusCode;
use serde_json::json;
use tramites::clock::Clock;

use crate::helpers::{procedure_body, spawn_app, TestApp};
use crate::walks::{open_consultation, proposal, setup};

async fn text(app: &TestApp, path: &str, mime: &str) -> String {
    let res = app.get(path).await;
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    let got = res.headers()["content-type"].to_str().unwrap().to_string();
    assert!(got.starts_with(mime), "{path}: {got}");
    res.text().await.unwrap()
}

#[tokio::test]
async fn the_calendar_and_the_feeds_list_each_consultation_and_parse() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let open = open_consultation(&app, &s, json!({})).await;
    let open_id = open["id"].as_str().unwrap().to_string();
    let p = app
        .create_procedure(&s.committee, &procedure_body("CONS-2", json!({})))
        .await;
    let pid = p["id"].as_str().unwrap();
    app.walk(
        &s.committee,
        &s.director,
        pid,
        &["start_analysis", "authorize_simplification"],
    )
    .await;
    let opens = (app.clock.now() + Duration::days(10)).to_rfc3339();
    let later = app
        .open_consultation(
            &s.committee,
            pid,
            &proposal(json!({"title": "Permiso sin filas", "opens_at": opens})),
        )
        .await;
    let later_id = later["id"].as_str().unwrap().to_string();

    // iCalendar: one event each, in Guatemala's zone, with the zone itself.
    let ics = text(&app, "/consultas.ics", "text/calendar").await;
    let unfolded = icalendar::parser::unfold(&ics);
    let parsed = icalendar::parser::read_calendar(&unfolded).expect("RFC 5545");
    let names: Vec<&str> = parsed.components.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names.iter().filter(|n| **n == "VTIMEZONE").count(),
        1,
        "{ics}"
    );
    assert!(ics.contains("TZID:America/Guatemala"), "{ics}");
    assert!(ics.contains("TZOFFSETTO:-0600"), "{ics}");
    let calendar = icalendar::Calendar::from_str(&ics).expect("a calendar");
    let events: Vec<&icalendar::Event> = calendar.events().collect();
    assert_eq!(events.len(), 2, "{ics}");
    for (id, c) in [(&open_id, &open), (&later_id, &later)] {
        use icalendar::Component;
        let e = events
            .iter()
            .find(|e| e.get_uid() == Some(id.as_str()))
            .expect("a stable UID: the consultation's id");
        assert!(e.get_url().unwrap().ends_with(&format!("/consultas/{id}")));
        let start = e.property_value("DTSTART").unwrap();
        let params = &e.properties()["DTSTART"];
        assert_eq!(
            params.params()["TZID"].value(),
            "America/Guatemala",
            "{ics}"
        );
        let opens_at = chrono::DateTime::parse_from_rfc3339(c["opens_at"].as_str().unwrap())
            .unwrap()
            .with_timezone(&chrono_tz::America::Guatemala);
        assert_eq!(start, opens_at.format("%Y%m%dT%H%M%S").to_string());
        assert!(e.get_end().is_some());
    }
    let again = text(&app, "/consultas.ics", "text/calendar").await;
    let uids = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(uids(&ics), uids(&again), "UIDs are stable");

    // Atom: only what happened, newest first.
    let atom = text(&app, "/consultas.atom", "application/atom+xml").await;
    let feed = atom_syndication::Feed::read_from(atom.as_bytes()).expect("RFC 4287");
    assert_eq!(
        feed.entries().len(),
        1,
        "the scheduled one has not opened: {atom}"
    );
    app.clock.advance(Duration::days(40));
    let atom = text(&app, "/consultas.atom", "application/atom+xml").await;
    let feed = atom_syndication::Feed::read_from(atom.as_bytes()).expect("RFC 4287");
    let titles: Vec<&str> = feed.entries().iter().map(|e| e.title().as_str()).collect();
    assert_eq!(titles.len(), 3, "{titles:?}");
    // The first closed (its report) after the second opened: newest first.
    assert_eq!(
        titles,
        [
            "Informe de la consulta: Registro de contratos sin papel",
            "Abrió la consulta: Permiso sin filas",
            "Abrió la consulta: Registro de contratos sin papel"
        ]
    );
    let updated: Vec<_> = feed.entries().iter().map(|e| *e.updated()).collect();
    assert!(updated.windows(2).all(|w| w[0] >= w[1]), "{updated:?}");
}

#[tokio::test]
async fn the_calendar_page_says_how_many_days_are_left_and_links_the_feeds() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    open_consultation(&app, &s, json!({})).await;
    let page = text(&app, "/consultas/calendario", "text/html").await;
    assert!(page.contains("Registro de contratos sin papel"), "{page}");
    assert!(page.contains("Quedan "), "{page}");
    assert!(page.contains("href=\"/consultas.ics\""), "{page}");
    let list = text(&app, "/consultas", "text/html").await;
    assert!(
        list.contains("rel=\"alternate\" type=\"application/atom+xml\" href=\"/consultas.atom\""),
        "{list}"
    );
    assert!(list.contains("href=\"/consultas/calendario\""), "{list}");
}
