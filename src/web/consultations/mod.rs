//! The consultations as citizens see them: the list, one consultation with its proposal and
//! comments, and the comment form (Post/Redirect/Get, one-time token, honeypot).

use crate::i18n::t;
use crate::tr;
use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::{errors, forms};
use crate::db::consultations::{self as store, ConsultationRow};
use crate::domain::calendar::Status;
use crate::domain::comment::{self, Counts, NewComment};
use crate::domain::error::FieldError;
use crate::domain::status::CommentStatus;
use crate::format;
use crate::server::AppState;
use crate::usecases::{self, AppError};
use crate::web::page_cache::Tokens;

mod comment_form;
pub use comment_form::*;
mod draft;
pub use draft::*;
mod show;
pub use show::*;
mod shown;
pub use shown::*;
mod endorse;
pub use endorse::*;
mod final_text;
pub use final_text::*;
mod list;
pub use list::*;

/// Comments shown per page.
const PAGE: i64 = 20;

/// A link: (address, words).
pub type Link = (String, String);

/// One consultation.
#[derive(Template)]
#[template(path = "consulta.html")]
pub struct ConsultationPage {
    /// A comment refused because the window is not open: (why, its text), shown to keep.
    pub unsent: Option<(String, String)>,
    /// The report's address (shown once closed).
    pub report: String,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// The proposal as safe HTML: the whole text, or its preamble when it has articles.
    pub proposal_html: String,
    /// The draft's articles (none: the proposal is one text).
    pub articles: Vec<ArticleShown>,
    /// The procedure it changes: (address, name).
    pub procedure: (String, String),
    /// `open`, `scheduled` or `closed`.
    pub status: &'static str,
    /// The status in words.
    pub status_label: String,
    /// The window in words.
    pub window: String,
    /// The counts.
    pub counts: Counts,
    /// Comments still under review (received, neither published nor withheld).
    pub reviewing: i64,
    /// While open, the days left in words ("Quedan 12 días").
    pub days_left: Option<String>,
    /// The article whose comments are listed: (heading, address of every comment).
    pub filter: Option<(String, String)>,
    /// Comments of this page.
    pub comments: Vec<Shown>,
    /// The next page's address.
    pub next_page: Option<String>,
    /// The form, while open.
    pub form: Option<CommentForm>,
    /// The one-time token of the "Me sumo" forms, while open.
    pub sign_token: String,
    /// The final text's page, once published.
    pub final_text: Option<String>,
    /// The round this one follows, and the one that follows it: (address, title).
    pub rounds: (Option<Link>, Option<Link>),
    /// The texts it may be read in, the official Spanish first: (address, words, current).
    pub readings: Vec<(String, String, bool)>,
    /// The translation being read: (language's name, translator, ISO 639-3 code).
    pub translation: Option<(String, String, String)>,
}

impl ConsultationPage {
    /// The language of the consultation's own words when it differs from the page's: the
    /// translation read, or Spanish (the official text) on a page in another language.
    pub fn content_lang(&self) -> Option<String> {
        match &self.translation {
            Some((_, _, code)) => Some(code.clone()),
            None if crate::web::language::english() => Some("es".to_string()),
            None => None,
        }
    }
}

/// `?desde=`, `?articulo=` and `?texto=` (a translation's language) of the consultation's page.
#[derive(Deserialize)]
pub struct PageQuery {
    desde: Option<String>,
    articulo: Option<String>,
    texto: Option<String>,
}

fn parse_id(text: &str) -> Option<String> {
    uuid::Uuid::parse_str(text)
        .ok()
        .map(|u| u.hyphenated().to_string())
}

/// The page's address and title of another round.
fn round(
    conn: &mut crate::db::DbConnection,
    id: Option<&str>,
) -> Result<Option<(String, String)>, AppError> {
    let Some(id) = id else { return Ok(None) };
    let c = usecases::consultations::find(conn, id)?;
    Ok(Some((format!("/consultas/{}", c.id), c.title)))
}

/// Builds the page of consultation `id` with `tokens` in its forms; `form` replaces a fresh
/// form (after an error); `article` lists only that article's comments and chooses it in the
/// form.
async fn build(
    state: &web::Data<AppState>,
    id: String,
    (after, article, reading): (Option<String>, Option<String>, Option<String>),
    form: Option<CommentForm>,
    tokens: Tokens,
) -> Result<ConsultationPage, HttpResponse> {
    let now = state.clock.now();
    let tz = state.settings.tz();
    let wanted = article.clone();
    let (c, p, counts, facts, rows, stats, answers, rounds) = super::db(state, move |conn| {
        let c = usecases::consultations::find(conn, &id)?;
        let p = usecases::procedures::find_procedure(conn, &c.procedure_id)?;
        let counts = usecases::consultations::counts(conn, &c.id)?;
        let facts = usecases::drafts::facts(conn, &c)?;
        let article = wanted.filter(|a| facts.draft.article(a).is_some());
        let shown = [
            CommentStatus::Published.as_str(),
            CommentStatus::Rejected.as_str(),
        ];
        let rows = store::comments_on(
            conn,
            &c.id,
            article.as_deref(),
            &shown,
            after.as_deref(),
            PAGE + 1,
        )?;
        let mut groups: Vec<String> = rows.iter().map(|r| r.group_key.clone()).collect();
        groups.sort();
        groups.dedup();
        let stats = store::group_stats(conn, &c.id, &groups)?;
        let answers = store::responses_for(conn, &c.id, &groups)?;
        let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        let signed = crate::db::campaign_reads::endorsements_for(conn, &ids)?;
        let rounds = (
            round(conn, facts.supersedes.as_deref())?,
            round(conn, facts.superseded_by.as_deref())?,
        );
        let translations = crate::db::reach::translations(conn, &c.id)?;
        Ok((
            c,
            p,
            counts,
            facts,
            rows,
            (stats, signed),
            answers,
            (rounds, translations),
        ))
    })
    .await?;
    let (stats, signed) = stats;
    let (rounds, translations) = rounds;
    let reading = reading.and_then(|code| translations.iter().find(|t| t.language == code));
    let stats: HashMap<String, (Option<String>, i64)> = stats
        .into_iter()
        .map(|(g, first, n)| (g, (first, n)))
        .collect();
    let filtered = article.as_deref().and_then(|a| facts.draft.article(a));
    let query = filtered
        .map(|a| format!("&articulo={}", a.number.replace(' ', "-")))
        .unwrap_or_default();
    let next_page = (rows.len() as i64 > PAGE)
        .then(|| {
            rows.get(PAGE as usize - 1)
                .map(|r| format!("/consultas/{}?desde={}{query}", c.id, r.id))
        })
        .flatten();
    let page_rows: Vec<_> = rows.into_iter().take(PAGE as usize).collect();
    let status = usecases::consultations::status_of(&c, now);
    let signing = Signing {
        open: status == Status::Open,
        endorsements: signed,
    };
    let comments = shown(page_rows, &stats, &answers, &facts.draft, tz, &signing);
    let (status_key, status_label, window) = match status {
        Status::Open => (
            "abierta",
            t("pagina-abierta"),
            tr!(
                "pagina-recibe-comentarios-desde-hasta",
                v1 = (format::date_time(&c.opens_at, tz)).to_string(),
                v2 = (format::date_time(&c.closes_at, tz)).to_string()
            ),
        ),
        Status::Scheduled => (
            "programada",
            t("pagina-proximamente"),
            tr!(
                "pagina-recibira-comentarios-desde-hasta",
                v1 = (format::date_time(&c.opens_at, tz)).to_string(),
                v2 = (format::date_time(&c.closes_at, tz)).to_string()
            ),
        ),
        Status::Closed => (
            "cerrada",
            t("pagina-cerrada"),
            tr!(
                "pagina-recibio-comentarios-hasta",
                v1 = (format::date_time(&c.closes_at, tz)).to_string()
            ),
        ),
    };
    // A comment refused because the window is not open: its text comes back, to keep.
    let unsent = form.as_ref().filter(|_| status != Status::Open).map(|f| {
        let message = f
            .errors
            .first()
            .map(|e| crate::words::problem(&e.problem))
            .unwrap_or_default();
        (message, f.body.clone())
    });
    let form = (status == Status::Open).then(|| {
        let mut form = form.unwrap_or_else(|| CommentForm {
            action: format!("/consultas/{}/comentarios", c.id),
            token: tokens.form,
            body: String::new(),
            author_name: String::new(),
            email: String::new(),
            organization: String::new(),
            article: filtered.map(|a| a.number.clone()).unwrap_or_default(),
            proposed_text: String::new(),
            articles: Vec::new(),
            errors: Vec::new(),
            summary: t("pagina-revise-comentario"),
            language: String::new(),
        });
        form.articles = CommentForm::choices(&facts.draft);
        // A comment is taken to be in the language of the text read, or of the page.
        form.language = match reading {
            Some(t) => t.language.clone(),
            None if crate::web::language::english() => "eng".to_string(),
            None => String::new(),
        };
        form
    });
    let has_articles = !facts.draft.articles.is_empty();
    let shown_text = reading.map_or(c.proposal_text.as_str(), |t| t.proposal_text.as_str());
    // A translation is read in the original's articles (publishing one checks they match).
    let read_facts = reading.map(|t| crate::usecases::drafts::DraftFacts {
        draft: crate::domain::draft::Draft::of_stored(&t.proposal_text),
        by_article: facts.by_article.clone(),
        final_text: None,
        supersedes: None,
        superseded_by: None,
    });
    let shown_facts = read_facts.as_ref().unwrap_or(&facts);
    let mut shown_articles = articles(&c.id, shown_facts, status == Status::Open);
    if let Some(t) = reading {
        for a in &mut shown_articles {
            let with = format!("?texto={}&articulo=", t.language);
            a.comments_href = a.comments_href.replace("?articulo=", &with);
            a.comment_href = a
                .comment_href
                .take()
                .map(|h| h.replace("?articulo=", &with));
        }
    }
    let proposal_html = if has_articles {
        crate::domain::proposal::proposal_html(&shown_facts.draft.preamble)
    } else {
        crate::domain::proposal::proposal_html(shown_text)
    };
    let readings = if translations.is_empty() {
        Vec::new()
    } else {
        let mut list = vec![(
            format!("/consultas/{}", c.id),
            t("consulta-original-oficial"),
            reading.is_none(),
        )];
        list.extend(translations.iter().map(|tr| {
            (
                format!("/consultas/{}?texto={}", c.id, tr.language),
                crate::i18n::tf(
                    "consulta-leer-en",
                    &[(
                        "idioma",
                        &crate::web::reach_words::language_name(&tr.language),
                    )],
                ),
                reading.is_some_and(|r| r.language == tr.language),
            )
        }));
        list
    };
    Ok(ConsultationPage {
        unsent,
        report: format!("/consultas/{}/informe", c.id),
        title: reading.map_or(c.title.clone(), |t| t.title.clone()),
        summary: reading.map_or(c.summary.clone(), |t| t.summary.clone()),
        proposal_html,
        articles: shown_articles,
        readings,
        translation: reading.map(|t| {
            (
                crate::web::reach_words::language_name(&t.language),
                t.translator.clone(),
                t.language.clone(),
            )
        }),
        procedure: (format!("/tramites/{}", p.code), p.name.clone()),
        status: status_key,
        status_label,
        window,
        reviewing: (counts.received - counts.published - counts.rejected).max(0),
        days_left: (status == Status::Open).then(|| {
            let today = now.with_timezone(&tz).date_naive();
            let last = c.closes_at.and_utc().with_timezone(&tz).date_naive();
            crate::i18n::tn("consulta-quedan-dias", (last - today).num_days().max(0))
        }),
        counts,
        filter: filtered.map(|a| {
            (
                tr!("borrador-comentarios-sobre", numero = a.number.clone()),
                format!("/consultas/{}#comentarios", c.id),
            )
        }),
        comments,
        next_page,
        sign_token: tokens.sign,
        form,
        final_text: facts
            .final_text
            .as_ref()
            .map(|_| format!("/consultas/{}/texto-final", c.id)),
        rounds,
    })
}
