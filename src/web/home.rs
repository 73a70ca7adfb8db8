//! The first page: what is open for comment now, and where everything else is.

use actix_web::{web, HttpResponse};
use askama::Template;

use super::consultations::{item, Item};
use crate::db::consultations as store;
use crate::domain::calendar::Status;
use crate::server::AppState;

/// Inicio.
#[derive(Template)]
#[template(path = "inicio.html")]
pub struct HomePage {
    /// Consultations open now.
    pub open: Vec<Item>,
}

/// `GET /`.
pub async fn inicio(state: web::Data<AppState>) -> HttpResponse {
    let now = state.clock.now();
    let tz = state.settings.tz();
    let open = super::db(&state, move |conn| {
        Ok(store::page(
            conn,
            Some((Status::Open, now.naive_utc())),
            None,
            None,
            20,
        )?)
    })
    .await;
    match open {
        Ok(rows) => super::ok(&HomePage {
            open: rows.iter().map(|c| item(c, tz, now)).collect(),
        }),
        Err(page) => page,
    }
}
