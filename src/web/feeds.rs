//! The consultations as a calendar and a feed (issue 37): `/consultas.ics` (RFC 5545, one event
//! per consultation, its window in the ministry's zone) and `/consultas.atom` (RFC 4287: each
//! consultation opened, final text published and consultation report, newest first). Both
//! are read by calendar programs and feed readers, so the public address of the service
//! (`public_url`) is in every link.

use std::collections::HashMap;

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use chrono::{DateTime, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike};

use crate::db::consultations::{self as store, ConsultationRow};
use crate::i18n::{t, tf};
use crate::server::AppState;

/// Consultations a feed lists at most (the newest ones).
const MOST: i64 = 2_000;

/// Every consultation (up to [`MOST`]) with its final text's publication, if any.
pub(super) async fn consultations(
    state: &AppState,
) -> Result<Vec<(ConsultationRow, Option<NaiveDateTime>)>, HttpResponse> {
    super::db(state, |conn| {
        let mut rows = store::page(conn, None, None, None, MOST)?;
        let finals: HashMap<String, NaiveDateTime> = crate::db::drafts::final_texts(conn)?
            .into_iter()
            .map(|f| (f.consultation_id, f.published_at))
            .collect();
        rows.sort_by(|a, b| a.opens_at.cmp(&b.opens_at).then(a.id.cmp(&b.id)));
        Ok(rows
            .into_iter()
            .map(|c| {
                let f = finals.get(&c.id).copied();
                (c, f)
            })
            .collect())
    })
    .await
}

/// The zone's offset when it is the same all year (no daylight saving), as `-0600`.
fn fixed_offset(tz: Tz, now: DateTime<Utc>) -> Option<String> {
    let year = chrono::Datelike::year(&now);
    let offsets: Vec<i32> = (1..=12)
        .filter_map(|m| Utc.with_ymd_and_hms(year, m, 1, 12, 0, 0).single())
        .map(|d| {
            tz.offset_from_utc_datetime(&d.naive_utc())
                .fix()
                .local_minus_utc()
        })
        .collect();
    let first = *offsets.first()?;
    if offsets.iter().any(|o| *o != first) {
        return None;
    }
    let (sign, secs) = if first < 0 {
        ('-', -first)
    } else {
        ('+', first)
    };
    Some(format!("{sign}{:02}{:02}", secs / 3600, secs % 3600 / 60))
}

/// The zone's VTIMEZONE (RFC 5545 section 3.6.5) when its offset is fixed: one STANDARD
/// rule. The icalendar crate writes events in a zone but not the zone itself.
fn vtimezone(tz: Tz, offset: &str) -> String {
    [
        "BEGIN:VTIMEZONE".to_string(),
        format!("TZID:{}", tz.name()),
        "BEGIN:STANDARD".into(),
        "DTSTART:19700101T000000".into(),
        format!("TZOFFSETFROM:{offset}"),
        format!("TZOFFSETTO:{offset}"),
        "END:STANDARD".into(),
        "END:VTIMEZONE".into(),
    ]
    .join("\r\n")
        + "\r\n"
}

/// A time as the calendar writes it: in the zone (with its VTIMEZONE) or, for a zone with
/// daylight saving, in UTC (valid everywhere; the crate has no rules to write).
fn when(at: &NaiveDateTime, tz: Tz, fixed: bool) -> CalendarDateTime {
    if fixed {
        CalendarDateTime::from_date_time(at.and_utc().with_timezone(&tz))
    } else {
        CalendarDateTime::Utc(at.and_utc())
    }
}

/// `GET /consultas.ics`.
pub async fn ics(state: web::Data<AppState>) -> HttpResponse {
    let rows = match consultations(&state).await {
        Ok(rows) => rows,
        Err(page) => return page,
    };
    let (tz, now) = (state.settings.tz(), state.clock.now());
    let public = state.settings.public_url.trim_end_matches('/');
    let offset = fixed_offset(tz, now);
    let mut calendar = Calendar::new();
    calendar.name(&t("feeds-calendario-nombre"));
    calendar.description(&t("feeds-calendario-descripcion"));
    calendar.timezone(tz.name());
    for (c, _) in &rows {
        let url = format!("{public}/consultas/{}", c.id);
        let description = tf(
            "feeds-evento-descripcion",
            &[("resumen", c.summary.as_str()), ("direccion", url.as_str())],
        );
        calendar.push(
            Event::new()
                .uid(&c.id)
                .timestamp(now)
                .summary(&tf("feeds-evento-titulo", &[("titulo", c.title.as_str())]))
                .description(&description)
                .starts(when(&c.opens_at, tz, offset.is_some()))
                .ends(when(&c.closes_at, tz, offset.is_some()))
                .url(&url)
                .done(),
        );
    }
    let mut text = calendar.done().to_string();
    if let Some(offset) = offset {
        // The zone goes before the first event (RFC 5545 allows it anywhere in the calendar).
        let at = text
            .find("BEGIN:VEVENT")
            .unwrap_or_else(|| text.rfind("END:VCALENDAR").unwrap_or(text.len()));
        text.insert_str(at, &vtimezone(tz, &offset));
    }
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/calendar; charset=utf-8"))
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .body(text)
}

/// One entry of the Atom feed.
fn entry(
    id: String,
    title: String,
    at: &NaiveDateTime,
    href: String,
    summary: &str,
) -> atom_syndication::Entry {
    let mut e = atom_syndication::Entry::default();
    let mut link = atom_syndication::Link::default();
    link.set_href(href);
    link.set_rel("alternate");
    link.set_mime_type(Some("text/html".to_string()));
    e.set_id(id);
    e.set_title(title);
    e.set_updated(at.and_utc().fixed_offset());
    e.set_links(vec![link]);
    if !summary.is_empty() {
        e.set_summary(Some(atom_syndication::Text::plain(summary)));
    }
    e
}

/// `GET /consultas.atom`.
pub async fn atom(state: web::Data<AppState>) -> HttpResponse {
    let rows = match consultations(&state).await {
        Ok(rows) => rows,
        Err(page) => return page,
    };
    let now = state.clock.now().naive_utc();
    let public = state.settings.public_url.trim_end_matches('/');
    let closed = |c: &ConsultationRow| {
        crate::domain::calendar::status(c.opens_at.and_utc(), c.closes_at.and_utc(), now.and_utc())
            == crate::domain::calendar::Status::Closed
    };
    let mut entries: Vec<(NaiveDateTime, atom_syndication::Entry)> = Vec::new();
    for (c, final_at) in &rows {
        let page = format!("{public}/consultas/{}", c.id);
        let named = [("titulo", c.title.as_str())];
        if c.opens_at <= now {
            let title = tf("feeds-entrada-abierta", &named);
            entries.push((
                c.opens_at,
                entry(
                    format!("{page}#abierta"),
                    title,
                    &c.opens_at,
                    page.clone(),
                    &c.summary,
                ),
            ));
        }
        if closed(c) {
            let title = tf("feeds-entrada-informe", &named);
            let href = format!("{page}/informe");
            entries.push((
                c.closes_at,
                entry(href.clone(), title, &c.closes_at, href, ""),
            ));
        }
        if let Some(at) = final_at {
            let title = tf("feeds-entrada-texto-final", &named);
            let href = format!("{page}/texto-final");
            entries.push((*at, entry(href.clone(), title, at, href, "")));
        }
    }
    entries.sort_by_key(|e| std::cmp::Reverse(e.0));
    entries.truncate(200);
    let mut feed = atom_syndication::Feed::default();
    feed.set_id(format!("{public}/consultas.atom"));
    feed.set_title(t("feeds-calendario-nombre"));
    feed.set_lang(Some("es".to_string()));
    feed.set_updated(
        entries
            .first()
            .map_or(now, |e| e.0)
            .and_utc()
            .fixed_offset(),
    );
    let mut author = atom_syndication::Person::default();
    author.set_name(t("feeds-autor"));
    feed.set_authors(vec![author]);
    let mut this = atom_syndication::Link::default();
    this.set_href(format!("{public}/consultas.atom"));
    this.set_rel("self");
    let mut site = atom_syndication::Link::default();
    site.set_href(format!("{public}/consultas"));
    feed.set_links(vec![this, site]);
    feed.set_entries(entries.into_iter().map(|e| e.1).collect::<Vec<_>>());
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "application/atom+xml; charset=utf-8"))
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .body(feed.to_string())
}
