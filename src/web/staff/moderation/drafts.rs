//! The participatory draft in the workspace: the article and proposed wording of each comment
//! group, the comments by article on a consultation's page, and the final text's form with a
//! preview of its redline before it is published.

use std::collections::HashMap;

use super::*;
use crate::domain::access::can;
use crate::domain::draft::{compare, Change, Draft};
use crate::tr;
use crate::usecases::drafts::{check_final, NewFinalText};
use crate::web::consultations::{article_title, change_label, redline, Seg};
use crate::web::staff::SignedForm;

/// What a comment group shows of its article: the article and the proposed wording as a
/// difference against it.
#[derive(Default)]
pub struct OnArticle {
    /// "Artículo 2" (none: the whole draft).
    pub article: Option<String>,
    /// The proposed wording against the article.
    pub proposed: Vec<Seg>,
}

/// Each consultation's draft, parsed once per page.
#[derive(Default)]
pub struct Drafts(HashMap<String, Draft>);

impl Drafts {
    /// What the comment `c` shows of its article.
    pub fn on_article(
        &mut self,
        conn: &mut crate::db::DbConnection,
        c: &store::CommentRow,
    ) -> Result<OnArticle, AppError> {
        let Some(number) = c.article.as_deref() else {
            return Ok(OnArticle::default());
        };
        if !self.0.contains_key(&c.consultation_id) {
            let row = usecases::consultations::find(conn, &c.consultation_id)?;
            self.0.insert(
                c.consultation_id.clone(),
                Draft::of_stored(&row.proposal_text),
            );
        }
        let article = self.0[&c.consultation_id].article(number);
        Ok(OnArticle {
            article: Some(tr!("borrador-articulo", numero = number.to_string())),
            proposed: match (article, c.proposed_text.as_deref()) {
                (Some(a), Some(p)) => redline(&a.text, p),
                _ => Vec::new(),
            },
        })
    }
}

/// The draft's part of a consultation's page in the workspace.
#[derive(Default)]
pub struct DraftHead {
    /// Each article: (title, received, published, public address of its comments).
    pub articles: Vec<(String, i64, i64, String)>,
    /// The final text's form (closed, none published yet).
    pub final_form: Option<String>,
    /// The published final text's public page.
    pub final_page: Option<String>,
}

/// The draft's part of consultation `c`'s page at `now`.
pub fn head(
    conn: &mut crate::db::DbConnection,
    c: &store::ConsultationRow,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<DraftHead, AppError> {
    let facts = usecases::drafts::facts(conn, c)?;
    let closed =
        usecases::consultations::status_of(c, now) == crate::domain::calendar::Status::Closed;
    Ok(DraftHead {
        articles: facts
            .draft
            .articles
            .iter()
            .map(|a| {
                let (received, published) =
                    facts.by_article.get(&a.number).copied().unwrap_or_default();
                let href = format!(
                    "/consultas/{}?articulo={}#comentarios",
                    c.id,
                    a.number.replace(' ', "-")
                );
                (
                    article_title(&a.number, &a.heading),
                    received,
                    published,
                    href,
                )
            })
            .collect(),
        final_form: (closed && facts.final_text.is_none())
            .then(|| format!("/gestion/consultas/{}/texto-final", c.id)),
        final_page: facts
            .final_text
            .map(|_| format!("/consultas/{}/texto-final", c.id)),
    })
}

/// One article of the preview.
pub struct PreviewArticle {
    /// Title.
    pub title: String,
    /// Change in words, and its CSS class.
    pub change: (String, &'static str),
    /// The redline (changed), or the text.
    pub redline: Vec<Seg>,
}

/// The final text's form, and its preview once asked for.
#[derive(Template)]
#[template(path = "gestion_texto_final.html")]
pub struct FinalTextPage {
    /// Header.
    pub nav: Nav,
    /// The consultation's title.
    pub title: String,
    /// Where the form posts.
    pub action: String,
    /// The consultation's workspace page.
    pub back: String,
    /// The text typed (at first, the consulted proposal).
    pub text: String,
    /// The consulted articles with the note typed for each: (field name, title, note).
    pub notes: Vec<(String, String, String)>,
    /// The preview, once asked for.
    pub preview: Option<Vec<PreviewArticle>>,
    /// Faults of the text.
    pub faults: Vec<String>,
}

async fn page(
    req: &HttpRequest,
    state: &AppState,
    id: String,
    typed: Option<(String, HashMap<String, String>)>,
) -> HttpResponse {
    let s = match session_with(req, state, Act::Simplify).await {
        Ok(s) => s,
        Err(res) => return res,
    };
    let c = match state
        .db(move |conn| usecases::consultations::find(conn, &id))
        .await
    {
        Ok(c) => c,
        Err(e) => return errors::from_error(&e),
    };
    let consulted = Draft::of_stored(&c.proposal_text);
    let (text, notes) = typed.unwrap_or_else(|| (c.proposal_text.clone(), HashMap::new()));
    let (mut preview, mut faults) = (None, Vec::new());
    if req.method() == actix_web::http::Method::POST {
        let input = NewFinalText {
            text: text.clone(),
            notes: notes.clone().into_iter().collect(),
        };
        match check_final(&input, &consulted) {
            Ok(checked) => {
                let shown = compare(&consulted, &checked.draft).into_iter().map(|a| {
                    let redline = match (&a.consulted, a.change) {
                        (Some(before), Change::Changed) => redline(&before.text, &a.article.text),
                        _ => redline(&a.article.text, &a.article.text),
                    };
                    PreviewArticle {
                        title: article_title(&a.article.number, &a.article.heading),
                        change: (change_label(a.change), a.change.as_str()),
                        redline,
                    }
                });
                preview = Some(shown.collect());
            }
            Err(AppError::Validation(list)) => {
                faults = list
                    .iter()
                    .map(|f| crate::words::problem(&f.problem))
                    .collect();
            }
            Err(e) => return errors::from_error(&e),
        }
    }
    render(
        StatusCode::OK,
        &FinalTextPage {
            nav: Nav::of(&s, "tablero", req),
            title: c.title.clone(),
            action: format!("/gestion/consultas/{}/texto-final", c.id),
            back: format!("/gestion/consultas/{}", c.id),
            notes: consulted
                .articles
                .iter()
                .map(|a| {
                    let field = format!("nota_{}", a.number.replace(' ', "-"));
                    let note = notes.get(&a.number).cloned().unwrap_or_default();
                    (field, article_title(&a.number, &a.heading), note)
                })
                .collect(),
            text,
            preview,
            faults,
        },
    )
}

/// `GET /gestion/consultas/{id}/texto-final`: the form, with the consulted text to edit.
pub async fn final_text_form(
    req: HttpRequest,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> HttpResponse {
    match id_of(&path) {
        Some(id) => page(&req, &state, id, None).await,
        None => errors::not_found(),
    }
}

/// `POST /gestion/consultas/{id}/texto-final` (fields `text`, `nota_<número>`, `accion` =
/// `vista` | `publicar`): the preview of the redline, or the text published.
pub async fn final_text_send(
    signed: SignedForm<can::Simplify>,
    req: HttpRequest,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let Some(id) = id_of(&path) else {
        return errors::not_found();
    };
    let (s, form) = signed.into_inner();
    let text = form.get("text");
    let notes: HashMap<String, String> = form
        .pairs()
        .filter_map(|(k, v)| {
            let number = k.strip_prefix("nota_")?;
            Some((
                crate::domain::draft::normalize_number(number),
                v.to_string(),
            ))
        })
        .filter(|(_, v)| !v.trim().is_empty())
        .collect();
    if form.get("accion") != "publicar" {
        return page(&req, &state, id, Some((text, notes))).await;
    }
    let input = NewFinalText {
        text: text.clone(),
        notes: notes.clone().into_iter().collect(),
    };
    let back = format!("/gestion/consultas/{id}");
    let target = id.clone();
    let result = state
        .audited(s.user.actor(), state.clock.now(), move |conn, ctx| {
            usecases::drafts::publish_final_text(conn, ctx, &target, &input)
        })
        .await;
    match result {
        Ok(_) => see_other(&format!("/consultas/{id}/texto-final")),
        Err(AppError::Validation(_)) => page(&req, &state, id, Some((text, notes))).await,
        Err(e) => failure(&state, &e, &back),
    }
}
