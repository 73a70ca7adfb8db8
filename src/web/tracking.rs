//! Following one's own comment by its tracking code.

use crate::i18n::t;
use crate::tr;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::errors;
use crate::db::consultations as store;
use crate::domain::status::CommentStatus;
use crate::format;
use crate::server::AppState;
use crate::usecases::transparency::Receipted;
use crate::usecases::{self, AppError};

/// The form asking for a code.
#[derive(Template)]
#[template(path = "seguimiento_buscar.html")]
pub struct AskPage {
    /// A code that was not found, to say so.
    pub unknown: Option<String>,
}

/// `?codigo=`.
#[derive(Deserialize)]
pub struct CodeQuery {
    codigo: Option<String>,
}

use crate::domain::tracking::{normalise, CodeKind, TrackingCode};

/// `GET /seguimiento` (and `?codigo=CODE` → 303 to its page).
pub async fn ask(query: web::Query<CodeQuery>) -> HttpResponse {
    match query.into_inner().codigo.map(|c| normalise(&c)) {
        Some(code) if !code.is_empty() => {
            let safe: String = code
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            super::see_other(&format!("/seguimiento/{safe}"))
        }
        _ => super::ok(&AskPage { unknown: None }),
    }
}

/// One comment's state.
#[derive(Template)]
#[template(path = "seguimiento.html")]
pub struct TrackingPage {
    /// The code.
    pub code: String,
    /// "comentario" or "opinión".
    pub what: String,
    /// The consultation: (address, title); none for general feedback.
    pub consultation: Option<(String, String)>,
    /// The topic of general feedback.
    pub topic: Option<String>,
    /// "Recibido", "Publicado" or "Retenido".
    pub state: String,
    /// What the state means and what comes next.
    pub explanation: String,
    /// When it arrived.
    pub received: String,
    /// The Committee's answer and its date.
    pub answer: Option<(String, String)>,
    /// What was sent, as typed (the holder of the code wrote it).
    pub sent: String,
    /// The article it comments on, in words ("Artículo 2").
    pub article: Option<String>,
    /// True when an address was given: a copy of the code went there.
    pub emailed: bool,
    /// True while it waits for review: the page is the sender's confirmation.
    pub just_received: bool,
    /// The confirmation's heading ("Comentario enviado").
    pub sent_title: String,
    /// What happens next, for the state it is in.
    pub next: Vec<String>,
    /// True when its receipt can be downloaded (a published tree head includes it).
    pub receipt_ready: bool,
}

/// What happens next to a comment (`consultation`) or an opinion, by its state.
fn next_steps(consultation: bool, status: Option<CommentStatus>, answered: bool) -> Vec<String> {
    let keys: &[&str] = match (consultation, status) {
        (true, Some(CommentStatus::Published)) if answered => {
            &["seguimiento-cuando-consulta-cierra-decide"]
        }
        (true, Some(CommentStatus::Published)) => &[
            "seguimiento-responde-comentarios-publicados-textos",
            "seguimiento-cuando-consulta-cierra-decide",
        ],
        (true, Some(CommentStatus::Rejected)) => &[
            "seguimiento-puede-enviar-otro",
            "seguimiento-cuando-consulta-cierra-decide",
        ],
        (true, _) => &[
            "seguimiento-comite-simplificacion-revisa-cada-2",
            "seguimiento-responde-comentarios-publicados-textos",
            "seguimiento-cuando-consulta-cierra-decide",
        ],
        (false, Some(CommentStatus::Published)) if answered => &[],
        (false, Some(CommentStatus::Published)) => &[
            "seguimiento-responde-opiniones-publicadas-pagina",
            "seguimiento-si-dejo-correo-le",
        ],
        (false, Some(CommentStatus::Rejected)) => &["seguimiento-puede-enviar-otra"],
        (false, _) => &[
            "seguimiento-comite-simplificacion-revisa-cada",
            "seguimiento-responde-opiniones-publicadas-pagina",
            "seguimiento-si-dejo-correo-le",
        ],
    };
    keys.iter().map(|k| t(k)).collect()
}

/// `GET /seguimiento/{code}`.
pub async fn show(
    path: web::Path<String>,
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
) -> HttpResponse {
    if let Err(e) = crate::server::client::limit_lookup(&req, &state) {
        return errors::from_error(&e);
    }
    let code = match TrackingCode::parse(&path) {
        None => return unknown(normalise(&path)),
        Some(c) if c.kind == CodeKind::Opinion => return show_feedback(c.text, &state).await,
        Some(c) if c.kind == CodeKind::Endorsement => {
            return super::consultations::show_endorsement(c.text, &state).await
        }
        Some(c) => c.text,
    };
    let tz = state.settings.tz();
    let now = state.clock.now();
    let lookup = code.clone();
    let st = state.clone();
    let found = state
        .db(move |conn| {
            let Some(c) = store::by_tracking(conn, &lookup)? else {
                // A honeypot's code reads as a comment received just now; nothing is stored.
                return Ok(decoy_of(&st, conn, &lookup)?.map(|consultation| {
                    let c = decoy_row(&lookup, &consultation, now);
                    (c, consultation, (None, false))
                }));
            };
            let consultation = usecases::consultations::find(conn, &c.consultation_id)?;
            let answer = store::response(conn, &c.consultation_id, &c.group_key)?;
            let ready = usecases::transparency::receipt_ready(conn, Receipted::Comment, &c.id)?;
            Ok::<_, AppError>(Some((c, consultation, (answer, ready))))
        })
        .await;
    let (c, consultation, (answer, receipt_ready)) = match found {
        Ok(Some(found)) => found,
        Ok(None) => return unknown(code),
        Err(e) => return errors::from_error(&e),
    };
    let closes = format::date_time(&consultation.closes_at, tz);
    let open = usecases::consultations::status_of(&consultation, now)
        == crate::domain::calendar::Status::Open;
    let (state_word, explanation) = match CommentStatus::parse(&c.status) {
        Some(CommentStatus::Published) => (
            t("seguimiento-publicado"),
            if answer.is_some() {
                t("seguimiento-comentario-respondido")
            } else if open {
                tr!(
                    "seguimiento-comentario-publicado-abierta",
                    cierre = closes.as_str()
                )
            } else {
                t("seguimiento-comentario-publicado")
            },
        ),
        Some(CommentStatus::Rejected) => (
            t("seguimiento-retenido"),
            tr!(
                "seguimiento-comentario-retenido",
                motivo = format::reject_reason(c.reject_reason.as_deref())
            ),
        ),
        _ => (
            t("seguimiento-recibido"),
            tr!(
                "seguimiento-comentario-recibido",
                abierta = if open { "si" } else { "no" },
                cierre = closes.as_str()
            ),
        ),
    };
    let published = c.status == CommentStatus::Published.as_str();
    let status = CommentStatus::parse(&c.status);
    let answered = published && answer.is_some();
    super::ok(&TrackingPage {
        sent: c.body.clone(),
        article: c
            .article
            .as_ref()
            .map(|n| crate::tr!("seguimiento-articulo", numero = n.as_str())),
        emailed: c.email.is_some(),
        just_received: !matches!(
            status,
            Some(CommentStatus::Published | CommentStatus::Rejected)
        ),
        next: next_steps(true, status, answered),
        receipt_ready,
        sent_title: t("seguimiento-enviado-comentario"),
        code: c.tracking_code.clone(),
        what: t("seguimiento-comentario"),
        consultation: Some((
            format!("/consultas/{}", consultation.id),
            consultation.title.clone(),
        )),
        topic: None,
        state: state_word,
        explanation,
        received: format::date_time(&c.received_at, tz),
        answer: answer.filter(|_| published).map(|a| {
            let when = format::answered(&a.responded_at, a.outcome.as_deref(), tz);
            (a.body, when)
        }),
    })
}

/// A received comment as a honeypot's code shows it.
fn decoy_row(
    code: &str,
    consultation: &crate::db::consultations::ConsultationRow,
    now: chrono::DateTime<chrono::Utc>,
) -> store::CommentRow {
    store::CommentRow {
        id: String::new(),
        consultation_id: consultation.id.clone(),
        tracking_code: code.to_string(),
        body: String::new(),
        group_key: String::new(),
        author_name: None,
        email: None,
        organization: None,
        status: CommentStatus::Received.as_str().into(),
        received_at: now.naive_utc(),
        moderated_by: None,
        moderated_at: None,
        reject_reason: None,
        reject_detail: None,
        idempotency_key: None,
        article: None,
        proposed_text: None,
    }
}

/// The random group of a honeypot's answer: a keyed hash of the code's first groups and of the
/// consultation the trap was sprung on, in the codes' letters. Nothing is stored, yet the code's
/// page answers as a received comment's does.
fn decoy_secret(state: &AppState, head: &str, consultation_id: &str) -> String {
    use crate::domain::comment::{CODE_ALPHABET, SECRET_LEN};
    let hash = state
        .audit_keys
        .pseudonym("decoy-code", &format!("{head}\n{consultation_id}"));
    hex::decode(hash)
        .unwrap_or_default()
        .iter()
        .take(SECRET_LEN)
        .map(|b| CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()] as char)
        .collect()
}

/// A tracking code for a filled honeypot on `consultation_id`: numbered as real codes are.
pub fn decoy_code(state: &AppState, consultation_id: &str) -> String {
    let year = chrono::Datelike::year(&state.clock.now());
    let number = state.comment_writer.numbers().next(year);
    let code = crate::domain::comment::numbered_code('C', year, number, &mut rand::thread_rng());
    let head = &code[..11];
    format!("{head}-{}", decoy_secret(state, head, consultation_id))
}

/// The consultation a honeypot's code was made for, if `code` is one.
fn decoy_of(
    state: &AppState,
    conn: &mut crate::db::DbConnection,
    code: &str,
) -> Result<Option<crate::db::consultations::ConsultationRow>, AppError> {
    let Some((head, secret)) = code.rsplit_once('-') else {
        return Ok(None);
    };
    if head.len() != 11 || secret.len() != crate::domain::comment::SECRET_LEN {
        return Ok(None);
    }
    Ok(store::page(conn, None, None, None, i64::MAX)?
        .into_iter()
        .find(|c| decoy_secret(state, head, &c.id) == secret))
}

fn unknown(code: String) -> HttpResponse {
    super::render(
        actix_web::http::StatusCode::NOT_FOUND,
        &AskPage {
            unknown: Some(code),
        },
    )
}

/// The tracking page of general feedback (codes `O-…`).
async fn show_feedback(code: String, state: &AppState) -> HttpResponse {
    let tz = state.settings.tz();
    let lookup = code.clone();
    let found = state
        .db(move |conn| {
            let Some(f) = crate::db::feedback::by_code(conn, &lookup)? else {
                return Ok::<_, AppError>(None);
            };
            let ready = usecases::transparency::receipt_ready(conn, Receipted::Opinion, &f.id)?;
            Ok(Some((f, ready)))
        })
        .await;
    let (f, receipt_ready) = match found {
        Ok(Some(f)) => f,
        Ok(None) => return unknown(code),
        Err(e) => return errors::from_error(&e),
    };
    let (state_word, explanation) = match CommentStatus::parse(&f.status) {
        Some(CommentStatus::Published) if f.response.is_some() => (
            t("seguimiento-publicada"),
            t("seguimiento-opinion-respondida"),
        ),
        Some(CommentStatus::Published) => (
            t("seguimiento-publicada"),
            t("seguimiento-opinion-publicada"),
        ),
        Some(CommentStatus::Rejected) => (
            t("seguimiento-retenida"),
            tr!(
                "seguimiento-opinion-retenida",
                motivo = format::reject_reason(f.reject_reason.as_deref())
            ),
        ),
        _ => (t("seguimiento-recibida"), t("seguimiento-opinion-recibida")),
    };
    let published = f.status == CommentStatus::Published.as_str();
    let status = CommentStatus::parse(&f.status);
    super::ok(&TrackingPage {
        sent: f.body.clone(),
        article: None,
        emailed: f.email.is_some(),
        just_received: !matches!(
            status,
            Some(CommentStatus::Published | CommentStatus::Rejected)
        ),
        next: next_steps(false, status, published && f.response.is_some()),
        receipt_ready,
        sent_title: t("seguimiento-enviado-opinion"),
        code: f.tracking_code.clone(),
        what: t("seguimiento-opinion"),
        consultation: None,
        topic: Some(crate::format::topic(crate::domain::feedback::Topic::parse(
            &f.topic,
        ))),
        state: state_word,
        explanation,
        received: format::date_time(&f.received_at, tz),
        answer: match (published, f.response, f.responded_at) {
            (true, Some(a), Some(at)) => Some((a, format::date(&at, tz))),
            _ => None,
        },
    })
}
