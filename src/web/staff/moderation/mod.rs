//! `/gestion/moderacion` and `/gestion/consultas/{id}`: comments awaiting moderation grouped by
//! identical text (a whole group published or withheld with one reason), published groups
//! waiting for their one answer, and general feedback likewise. The consultation page adds its
//! window, counts and, for directors, the extension form.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::{failure, render, see_other, session_with, Nav};
use crate::db::consultations as store;
use crate::db::{counts, feedback};
use crate::domain::access::Act;
use crate::domain::comment::{Moderation, REJECT_REASONS};
use crate::domain::consultation::Extend;
use crate::format;
use crate::server::AppState;
use crate::usecases::{self, AppError};
use crate::web::errors;

mod decisions;
pub use decisions::*;
mod drafts;
pub use drafts::*;
mod senders;
pub use senders::Senders;
mod variants;
pub use variants::{regroup, split, Variant};

/// A group of identical comments.
pub struct Group {
    /// Consultation id.
    pub consultation: String,
    /// Consultation title.
    pub title: String,
    /// Group key.
    pub key: String,
    /// The text.
    pub body: String,
    /// How many sent it (waiting, or published for answers).
    pub count: i64,
    /// A comment of the group (answers go through it to the whole group).
    pub comment_id: String,
    /// Its article and proposed wording.
    pub on: OnArticle,
    /// Who sent it and when.
    pub senders: Senders,
    /// The campaign's other wordings, with what differs from this text marked.
    pub variants: Vec<Variant>,
}

/// One opinion.
pub struct Opinion {
    /// Id.
    pub id: String,
    /// Topic.
    pub topic: String,
    /// Text.
    pub body: String,
}

/// The consultation shown at the top of `/gestion/consultas/{id}`.
pub struct ConsultationHead {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Window and state.
    pub window: String,
    /// Counts.
    pub counts: crate::domain::comment::Counts,
    /// Public page.
    pub public_href: String,
    /// Procedure page.
    pub procedure_href: String,
    /// The closing date as the extension form shows it (local `AAAA-MM-DD`).
    pub closes_at: String,
    /// Comments by article, and the final text.
    pub draft: DraftHead,
}

/// The page.
#[derive(Template)]
#[template(path = "gestion_moderacion.html")]
pub struct ModerationPage {
    /// Header.
    pub nav: Nav,
    /// The consultation, on its own page.
    pub head: Option<ConsultationHead>,
    /// Whether the user may extend the consultation (the extension form).
    pub can_extend: bool,
    /// Whether the user may moderate and answer (the groups' forms).
    pub can_moderate: bool,
    /// Reasons: (key, words).
    pub reasons: Vec<(&'static str, String)>,
    /// Outcomes of an answer: (key, words).
    pub outcomes: Vec<(&'static str, String)>,
    /// Groups waiting for moderation.
    pub waiting: Vec<Group>,
    /// Published groups waiting for an answer.
    pub unanswered: Vec<Group>,
    /// Opinions waiting, and published ones without answer (not on a consultation's page).
    pub opinions: Vec<Opinion>,
    /// Published opinions without answer.
    pub opinions_unanswered: Vec<Opinion>,
    /// Survey comments waiting: (answer id, procedure code and name, comment).
    pub survey: Vec<(String, String, String)>,
    /// Where forms come back to.
    pub back: String,
    /// The filter's consultations: (id, title, chosen).
    pub consultations: Vec<(String, String, bool)>,
    /// A refused decision, shown at its group with what was typed.
    pub typed: Option<Typed>,
}

impl ModerationPage {
    /// The consultation whose campaigns the "Reagrupar" button recomputes: the one shown or
    /// chosen in the filter.
    pub fn regroup_target(&self) -> Option<&str> {
        self.head.as_ref().map(|h| h.id.as_str()).or_else(|| {
            self.consultations
                .iter()
                .find(|c| c.2)
                .map(|c| c.0.as_str())
        })
    }
}

/// A refused group decision: the group (by the comment its form names), the field at fault, the
/// message, and the text typed (the withholding's explanation or the answer).
pub struct Typed {
    /// The comment the group's form names.
    pub target: String,
    /// The id of the field at fault.
    pub field: String,
    /// What is wrong, in words.
    pub message: String,
    /// What was typed.
    pub text: String,
}

/// `?consulta=`.
#[derive(Deserialize)]
pub struct ModerationQuery {
    consulta: Option<String>,
}

const LIMIT: i64 = 100;

async fn build(
    req: &HttpRequest,
    state: &AppState,
    consultation: Option<String>,
    with_head: bool,
    typed: Option<Typed>,
) -> HttpResponse {
    let s = match session_with(req, state, Act::FollowConsultations).await {
        Ok(s) => s,
        Err(res) => return res,
    };
    let (now, tz) = (state.clock.now(), state.settings.tz());
    let only = consultation.clone();
    let found = state
        .db(move |conn| {
            let head = match (&only, with_head) {
                (Some(id), true) => Some(usecases::consultations::find(conn, id)?),
                _ => None,
            };
            let head_counts = match &head {
                Some(c) => Some((
                    usecases::consultations::counts(conn, &c.id)?,
                    drafts::head(conn, c, now)?,
                )),
                None => None,
            };
            let mut drafts = Drafts::default();
            let mut titles: std::collections::HashMap<String, String> =
                std::collections::HashMap::new();
            let mut title =
                |conn: &mut crate::db::DbConnection, id: &str| -> Result<String, AppError> {
                    if let Some(t) = titles.get(id) {
                        return Ok(t.clone());
                    }
                    let t = usecases::consultations::find(conn, id)?.title;
                    titles.insert(id.to_string(), t.clone());
                    Ok(t)
                };
            let mut waiting = Vec::new();
            for (cid, key, count, first) in store::waiting_groups(conn, only.as_deref(), LIMIT)? {
                let Some(first) = first else { continue };
                let c = usecases::comments::find_comment(conn, &first)?;
                let senders = senders::of_group(conn, &cid, &key, "received", count, tz)?;
                let variants = variants::of_group(conn, &cid, &key, "received", &c.body)?;
                waiting.push(Group {
                    variants,
                    senders,
                    title: title(conn, &cid)?,
                    on: drafts.on_article(conn, &c)?,
                    consultation: cid,
                    key,
                    body: c.body,
                    count,
                    comment_id: first,
                });
            }
            let mut unanswered = Vec::new();
            for (cid, key, count) in counts::unanswered_groups(conn, only.as_deref(), LIMIT)? {
                let Some(first) = counts::first_published(conn, &cid, &key)? else {
                    continue;
                };
                let c = usecases::comments::find_comment(conn, &first)?;
                let senders = senders::of_group(conn, &cid, &key, "published", count, tz)?;
                let variants = variants::of_group(conn, &cid, &key, "published", &c.body)?;
                unanswered.push(Group {
                    variants,
                    senders,
                    title: title(conn, &cid)?,
                    on: drafts.on_article(conn, &c)?,
                    consultation: cid,
                    key,
                    body: c.body,
                    count,
                    comment_id: first,
                });
            }
            let (opinions, opinions_unanswered) = if only.is_none() {
                (
                    feedback::page(conn, &["received"], None, LIMIT)?,
                    feedback::unanswered(conn, LIMIT)?,
                )
            } else {
                (Vec::new(), Vec::new())
            };
            let mut survey = Vec::new();
            if only.is_none() {
                for (id, pid, text) in crate::db::evaluation::waiting_comments(conn, LIMIT)? {
                    let name = crate::db::procedures::find(conn, &pid)?
                        .map_or(pid, |p| format!("{} · {}", p.code, p.name));
                    survey.push((id, name, text));
                }
            }
            let choices = if with_head {
                Vec::new()
            } else {
                crate::db::consultations::page(conn, None, None, None, 200)?
                    .into_iter()
                    .map(|c| (c.id, c.title))
                    .collect()
            };
            Ok::<_, AppError>((
                choices,
                head,
                head_counts,
                waiting,
                unanswered,
                (opinions, opinions_unanswered),
                survey,
            ))
        })
        .await;
    let (choices, head, head_counts, waiting, unanswered, (opinions, opinions_unanswered), survey) =
        match found {
            Ok(x) => x,
            Err(e) => return errors::from_error(&e),
        };
    let opinion = |f: crate::db::feedback::FeedbackRow| Opinion {
        topic: crate::format::topic(crate::domain::feedback::Topic::parse(&f.topic)),
        id: f.id,
        body: f.body,
    };
    let back = match &consultation {
        Some(id) if with_head => format!("/gestion/consultas/{id}"),
        Some(id) => format!("/gestion/moderacion?consulta={id}"),
        None => "/gestion/moderacion".to_string(),
    };
    let head = head.zip(head_counts).map(|(c, (counts, draft))| {
        let status = match usecases::consultations::status_of(&c, now) {
            crate::domain::calendar::Status::Open => "abierta",
            crate::domain::calendar::Status::Scheduled => "programada",
            crate::domain::calendar::Status::Closed => "cerrada",
        };
        ConsultationHead {
            window: crate::tr!(
                "moderacion-ventana",
                estado = status,
                desde = format::date_time(&c.opens_at, tz),
                hasta = format::date_time(&c.closes_at, tz)
            ),
            public_href: format!("/consultas/{}", c.id),
            procedure_href: format!("/gestion/tramites/{}", c.procedure_id),
            closes_at: c
                .closes_at
                .and_utc()
                .with_timezone(&tz)
                .format("%Y-%m-%d")
                .to_string(),
            counts,
            draft,
            title: c.title,
            id: c.id,
        }
    });
    let section = if with_head { "tablero" } else { "moderacion" };
    let status = if typed.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    render(
        status,
        &ModerationPage {
            typed,
            nav: Nav::of(&s, section, req),
            head,
            can_extend: s.user.may(Act::ExtendConsultation),
            can_moderate: s.user.may(Act::Moderate),
            outcomes: crate::domain::comment::Outcome::ALL
                .iter()
                .map(|o| (o.as_str(), crate::format::outcome(*o)))
                .collect(),
            reasons: REJECT_REASONS
                .iter()
                .map(|r| (*r, format::reject_reason(Some(r))))
                .collect(),
            consultations: choices
                .into_iter()
                .map(|(id, title)| {
                    let selected = consultation.as_deref() == Some(id.as_str());
                    (id, title, selected)
                })
                .collect(),
            waiting,
            unanswered,
            opinions: opinions.into_iter().map(opinion).collect(),
            opinions_unanswered: opinions_unanswered.into_iter().map(opinion).collect(),
            survey,
            back,
        },
    )
}

impl ModerationPage {
    /// The refused decision of the group whose form names `comment`.
    pub fn typed_for(&self, comment: &str) -> Option<&Typed> {
        self.typed.as_ref().filter(|t| t.target == comment)
    }
}

fn id_of(raw: &str) -> Option<String> {
    uuid::Uuid::parse_str(raw.trim())
        .ok()
        .map(|u| u.to_string())
}

/// `GET /gestion/moderacion?consulta=`.
pub async fn list(
    req: HttpRequest,
    query: web::Query<ModerationQuery>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let only = query.into_inner().consulta.and_then(|c| id_of(&c));
    build(&req, &state, only, false, None).await
}

/// `GET /gestion/consultas/{id}`.
pub async fn consultation(
    req: HttpRequest,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> HttpResponse {
    match id_of(&path) {
        Some(id) => build(&req, &state, Some(id), true, None).await,
        None => errors::not_found(),
    }
}
