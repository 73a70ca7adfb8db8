//! `/datos`: the open data described (licence, update frequency) and its files. Every file
//! answers with `ETag` and `Last-Modified` taken from the audit chain's head (every change of
//! data appends an entry), so an unchanged file answers 304; the comments stream.

use actix_web::http::header::{self, HttpDate};
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::errors;
use crate::server::AppState;
use crate::usecases::open_data::{self, Dataset, DATASETS, LICENCE};
use crate::usecases::AppError;

/// The page.
#[derive(Template)]
#[template(path = "datos.html")]
pub struct DataPage {
    /// The datasets.
    pub datasets: &'static [Dataset],
    /// The licence.
    pub licence: &'static str,
    /// Per file: the survey's answers in words ("3 personas respondieron; a 2 les sirve").
    pub answers: std::collections::BTreeMap<String, String>,
    /// The one-time token of the survey's forms.
    pub token: String,
    /// The file just answered about, to thank for it; or the fault of a form: (file, words).
    pub notice: Option<(String, String)>,
}

impl DataPage {
    /// The survey's answers about a file, in words.
    pub fn answers_for(&self, file: &str) -> Option<&String> {
        self.answers.get(file)
    }
}

/// `GET /datos` (`?gracias=FILE` after an answer).
pub async fn page(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let thanked =
        web::Query::<std::collections::HashMap<String, String>>::from_query(req.query_string())
            .ok()
            .and_then(|q| q.get("gracias").cloned())
            .filter(|f| DATASETS.iter().any(|d| d.file == f.as_str()))
            .map(|f| (f, crate::i18n::t("datos-encuesta-gracias")));
    show(&state, thanked, actix_web::http::StatusCode::OK).await
}

/// The page with a notice for one file's form.
pub(super) async fn show(
    state: &AppState,
    notice: Option<(String, String)>,
    status: actix_web::http::StatusCode,
) -> HttpResponse {
    let counts = match super::db(state, |conn| Ok(crate::db::data_demand::counts(conn)?)).await {
        Ok(c) => c,
        Err(page) => return page,
    };
    let answers = counts
        .into_iter()
        .map(|(file, (n, useful))| {
            let words = crate::tr!("datos-encuesta-cifras", n = n, utiles = useful);
            (file, words)
        })
        .collect();
    super::render(
        status,
        &DataPage {
            datasets: DATASETS,
            licence: LICENCE,
            answers,
            token: super::forms::issue_token(&state.audit_keys),
            notice,
        },
    )
}

/// The version of the data: the chain's head (seq, time).
async fn version(state: &AppState) -> Result<(i64, chrono::NaiveDateTime), AppError> {
    state
        .db(|conn| {
            let (seq, _) = crate::audit::head(conn)?;
            let at = crate::audit::page(conn, &crate::audit::Filter::default(), seq - 1, 1)?
                .first()
                .map(|e| e.at)
                .unwrap_or_default();
            Ok((seq, at))
        })
        .await
}

/// `GET /datos/{file}`.
pub async fn file(
    req: HttpRequest,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let name = path.into_inner();
    let Some(dataset) = DATASETS.iter().find(|d| d.file == name) else {
        return errors::not_found();
    };
    let (seq, at) = match version(&state).await {
        Ok(v) => v,
        Err(e) => return errors::from_error(&e),
    };
    let etag = format!("\"{}-{seq}\"", dataset.file);
    let modified = HttpDate::from(std::time::SystemTime::from(at.and_utc()));
    let matches = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    if matches {
        return HttpResponse::NotModified()
            .insert_header((header::ETAG, etag))
            .insert_header((header::LAST_MODIFIED, modified.to_string()))
            .finish();
    }
    let mut res = HttpResponse::Ok();
    res.insert_header((header::ETAG, etag))
        .insert_header((header::LAST_MODIFIED, modified.to_string()))
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .insert_header((header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"))
        .insert_header((
            header::CONTENT_TYPE,
            if dataset.media_type.starts_with("text/") {
                format!("{}; charset=utf-8", dataset.media_type)
            } else {
                dataset.media_type.to_string()
            },
        ));
    if dataset.file == "comentarios.csv" {
        let Ok(turn) = state.comment_exports.clone().try_acquire_owned() else {
            return errors::from_error(&AppError::Overloaded {
                retry_after: 30,
                detail: crate::domain::error::Problem::new("detalle-muchas-descargas"),
            });
        };
        return res.streaming(comment_stream(state, turn));
    }
    let (rates, tz_now, base) = (
        state.rates(),
        state.clock.now(),
        crate::notify::public_url().to_string(),
    );
    let registry = state.workflows.clone();
    let tz = state.settings.tz();
    let file = dataset.file;
    let similarity = state.settings.campaign_similarity;
    let modified_text = crate::domain::time::rfc3339(&at);
    let body = state
        .db(move |conn| match file {
            "tramites.csv" => open_data::procedures_csv(conn, &rates),
            "tramites.xlsx" => open_data::procedures_xlsx(conn, &rates),
            "tramites.json" => open_data::procedures_json(conn, |p| {
                serde_json::to_value(crate::usecases::procedure_view::ProcedureView::new(
                    p, &rates,
                ))
                .unwrap_or_default()
            }),
            "tramites.jsonld" => open_data::procedures_jsonld(conn, &base),
            "consultas.csv" => open_data::consultations_csv(conn, tz_now, similarity),
            "historial.csv" => open_data::history_csv(conn),
            "textos.json" => open_data::texts_json(conn),
            "indicadores.csv" => {
                let points = crate::usecases::reports::series_points(conn)?;
                let states: Vec<(String, String)> = registry
                    .get(crate::domain::workflow::DEFAULT_KEY)
                    .map(|w| {
                        w.states
                            .iter()
                            .map(|s| (s.key.clone(), s.label.es.clone()))
                            .collect()
                    })
                    .unwrap_or_default();
                open_data::indicators_csv(&points, &states)
            }
            "informes.csv" => {
                let lines = crate::usecases::reports::index(conn, tz, tz_now)?;
                open_data::reports_csv(&lines, &base)
            }
            _ => open_data::catalogue(&base, &modified_text),
        })
        .await;
    match body {
        Ok(bytes) => res.body(bytes),
        Err(e) => errors::from_error(&e),
    }
}

/// The comments file, a chunk at a time: each chunk is read with a connection taken from the
/// pool for that chunk alone, so a client that does not read holds no connection. A client
/// that takes no chunk for `request_timeout_seconds` is cut off (the answer ends with an error,
/// never as if complete), which also frees its turn among the `AppState::comment_exports`.
fn comment_stream(
    state: web::Data<AppState>,
    turn: tokio::sync::OwnedSemaphorePermit,
) -> impl futures_util::Stream<Item = Result<web::Bytes, std::io::Error>> {
    use std::sync::atomic::{AtomicBool, Ordering};
    let (tx, rx) = tokio::sync::mpsc::channel::<web::Bytes>(2);
    let complete = std::sync::Arc::new(AtomicBool::new(false));
    let finished = complete.clone();
    let wait = std::time::Duration::from_secs(state.settings.request_timeout_seconds.max(1));
    actix_web::rt::spawn(async move {
        let _turn = turn;
        let mut cursor = open_data::CommentsCursor::default();
        loop {
            let step = state
                .db(move |conn| {
                    let chunk = open_data::comments_csv_next(conn, &mut cursor, 1000)?;
                    Ok((cursor, chunk))
                })
                .await;
            match step {
                Ok((next, Some(chunk))) => {
                    cursor = next;
                    match tokio::time::timeout(wait, tx.send(web::Bytes::from(chunk))).await {
                        Ok(Ok(())) => {}
                        Ok(Err(_)) => return,
                        Err(_) => {
                            tracing::info!(
                                "comentarios.csv: the client took nothing for {wait:?}; cut off"
                            );
                            return;
                        }
                    }
                }
                Ok((_, None)) => {
                    finished.store(true, Ordering::Release);
                    return;
                }
                Err(e) => {
                    tracing::error!(error = %e, "comentarios.csv failed half-way");
                    return;
                }
            }
        }
    });
    futures_util::stream::unfold(Some(rx), move |rx| {
        let complete = complete.clone();
        async move {
            let mut rx = rx?;
            match rx.recv().await {
                Some(chunk) => Some((Ok(chunk), Some(rx))),
                None if complete.load(Ordering::Acquire) => None,
                None => Some((Err(std::io::Error::other("interrumpido")), None)),
            }
        }
    })
}
