//! `/consultas`: the consultations, open first, then upcoming, then closed.

use actix_web::{web, HttpResponse};
use askama::Template;

use crate::db::consultations::{self as store, ConsultationRow};
use crate::domain::calendar::Status;
use crate::format;
use crate::server::AppState;
use crate::tr;
use crate::usecases;

/// A consultation in a list.
pub struct Item {
    /// Its page.
    pub href: String,
    /// Title.
    pub title: String,
    /// When it opens or closes, in words.
    pub when: String,
}

/// The list of consultations, open first.
#[derive(Template)]
#[template(path = "consultas.html")]
pub struct ListPage {
    /// Open now.
    pub open: Vec<Item>,
    /// Not yet open.
    pub scheduled: Vec<Item>,
    /// Closed.
    pub closed: Vec<Item>,
}

/// A list item for a consultation at `now`.
pub fn item(c: &ConsultationRow, tz: chrono_tz::Tz, now: chrono::DateTime<chrono::Utc>) -> Item {
    let when = match usecases::consultations::status_of(c, now) {
        Status::Open => tr!(
            "pagina-recibe-comentarios-hasta",
            v1 = (format::date_time(&c.closes_at, tz)).to_string()
        ),
        Status::Scheduled => tr!(
            "pagina-abre",
            v1 = (format::date_time(&c.opens_at, tz)).to_string()
        ),
        Status::Closed => tr!(
            "pagina-cerro",
            v1 = (format::date_time(&c.closes_at, tz)).to_string()
        ),
    };
    Item {
        href: format!("/consultas/{}", c.id),
        title: c.title.clone(),
        when,
    }
}

/// `GET /consultas`.
pub async fn list(state: web::Data<AppState>) -> HttpResponse {
    let now = state.clock.now();
    let tz = state.settings.tz();
    let lists = crate::web::db(&state, move |conn| {
        let mut out = Vec::new();
        for status in [Status::Open, Status::Scheduled, Status::Closed] {
            let rows = store::page(conn, Some((status, now.naive_utc())), None, None, 100)?;
            out.push(rows.iter().map(|c| item(c, tz, now)).collect::<Vec<_>>());
        }
        Ok(out)
    })
    .await;
    match lists {
        Ok(mut lists) => {
            let closed = lists.pop().unwrap_or_default();
            let scheduled = lists.pop().unwrap_or_default();
            let open = lists.pop().unwrap_or_default();
            crate::web::ok(&ListPage {
                open,
                scheduled,
                closed,
            })
        }
        Err(page) => page,
    }
}
