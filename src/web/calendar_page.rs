//! `/consultas/calendario` (issue 37): the open and upcoming consultations by date, with the
//! days left to comment or before they open, and the calendar and feed to subscribe to.

use actix_web::{web, HttpResponse};
use askama::Template;

use crate::domain::calendar::Status;
use crate::format;
use crate::i18n::tn;
use crate::server::AppState;

/// One consultation on the calendar.
pub struct Dated {
    /// Its page.
    pub href: String,
    /// Title.
    pub title: String,
    /// "del 3 de marzo al 2 de abril de 2027".
    pub window: String,
    /// "Quedan 12 días" / "Abre en 5 días".
    pub left: String,
    /// The day it closes (open) or opens (upcoming), as `AAAA-MM-DD` for `<time>`.
    pub day: String,
}

/// The page.
#[derive(Template)]
#[template(path = "consultas_calendario.html")]
pub struct CalendarPage {
    /// Open now, closing soonest first.
    pub open: Vec<Dated>,
    /// Upcoming, opening soonest first.
    pub upcoming: Vec<Dated>,
}

/// `GET /consultas/calendario`.
pub async fn page(state: web::Data<AppState>) -> HttpResponse {
    let rows = match super::feeds::consultations(&state).await {
        Ok(rows) => rows,
        Err(page) => return page,
    };
    let (tz, now) = (state.settings.tz(), state.clock.now());
    let today = now.with_timezone(&tz).date_naive();
    let mut open = Vec::new();
    let mut upcoming = Vec::new();
    for (c, _) in rows {
        let status =
            crate::domain::calendar::status(c.opens_at.and_utc(), c.closes_at.and_utc(), now);
        let opens = c.opens_at.and_utc().with_timezone(&tz).date_naive();
        let closes = c.closes_at.and_utc().with_timezone(&tz).date_naive();
        let window = crate::tr!(
            "calendario-ventana",
            desde = format::day(&opens),
            hasta = format::day(&closes)
        );
        let dated = |left: String, day: chrono::NaiveDate| Dated {
            href: format!("/consultas/{}", c.id),
            title: c.title.clone(),
            window: window.clone(),
            left,
            day: day.to_string(),
        };
        match status {
            Status::Open => open.push(dated(
                tn("consulta-quedan-dias", (closes - today).num_days().max(0)),
                closes,
            )),
            Status::Scheduled => upcoming.push(dated(
                tn("calendario-abre-en-dias", (opens - today).num_days().max(0)),
                opens,
            )),
            Status::Closed => {}
        }
    }
    open.sort_by(|a, b| a.day.cmp(&b.day));
    upcoming.sort_by(|a, b| a.day.cmp(&b.day));
    super::ok(&CalendarPage { open, upcoming })
}
