//! The catalogue of procedures and one procedure's page.

use crate::i18n::t;
use crate::tr;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::db::procedures::{self as store, Filter};
use crate::domain::procedure::fold;
use crate::domain::Category;
use crate::format;
use crate::server::AppState;

/// Procedures per catalogue page.
const PAGE: i64 = 25;

/// A procedure in the catalogue.
pub struct Row {
    /// Its page.
    pub href: String,
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Stage, in Spanish.
    pub stage: String,
    /// Channel, in Spanish.
    pub channel: String,
    /// For a launched procedure: its transactions done online and its survey's satisfaction.
    pub evaluation: Option<String>,
}

/// A choice of a filter.
pub struct Choice {
    /// Value sent.
    pub value: String,
    /// Words shown.
    pub label: String,
    /// True when chosen.
    pub selected: bool,
}

/// The catalogue.
#[derive(Template)]
#[template(path = "tramites.html")]
pub struct CataloguePage {
    /// Words searched.
    pub q: String,
    /// Stage choices.
    pub stages: Vec<Choice>,
    /// Category choices.
    pub categories: Vec<Choice>,
    /// This page's procedures.
    pub rows: Vec<Row>,
    /// The next page's address.
    pub next_page: Option<String>,
}

/// `?q=&estado=&categoria=&desde=`.
#[derive(Deserialize)]
pub struct CatalogueQuery {
    q: Option<String>,
    estado: Option<String>,
    categoria: Option<String>,
    desde: Option<String>,
}

/// The Spanish label of a state of the default workflow.
pub(super) fn stage_label(state: &AppState, key: &str) -> String {
    state.workflows.state_label(key)
}

/// `GET /tramites`.
pub async fn catalogue(
    query: web::Query<CatalogueQuery>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let query = query.into_inner();
    let q: String = query.q.unwrap_or_default().chars().take(200).collect();
    let wf = state.workflows.get(crate::domain::workflow::DEFAULT_KEY);
    let estado = query
        .estado
        .filter(|e| wf.as_ref().is_some_and(|w| w.state(e).is_some()));
    let categoria = query.categoria.as_deref().and_then(Category::parse);
    let filter = Filter {
        state: estado.clone(),
        category: categoria,
        words: fold(&q)
            .split_whitespace()
            .take(10)
            .map(str::to_string)
            .collect(),
        ..Default::default()
    };
    let after = query.desde.filter(|d| uuid::Uuid::parse_str(d).is_ok());
    let registry = state.workflows.clone();
    let rows = super::db(&state, move |conn| {
        let rows = store::page(conn, &filter, after.as_deref(), PAGE + 1)?;
        let launched: Vec<String> = rows
            .iter()
            .filter(|r| crate::usecases::evaluation::surveyed(&registry, r))
            .map(|r| r.id.clone())
            .collect();
        let figures = crate::usecases::evaluation::catalogue_figures(conn, &launched)?;
        Ok((rows, figures))
    })
    .await;
    let (rows, figures) = match rows {
        Ok(rows) => rows,
        Err(page) => return page,
    };
    let next_page = (rows.len() as i64 > PAGE)
        .then(|| {
            rows.get(PAGE as usize - 1).map(|r| {
                let mut url = form_urlencoded::Serializer::new(String::new());
                url.append_pair("q", &q);
                if let Some(e) = &estado {
                    url.append_pair("estado", e);
                }
                if let Some(c) = categoria {
                    url.append_pair("categoria", c.as_str());
                }
                url.append_pair("desde", &r.id);
                format!("/tramites?{}", url.finish())
            })
        })
        .flatten();
    let stages = wf
        .map(|w| {
            w.states
                .iter()
                .map(|s| Choice {
                    value: s.key.clone(),
                    label: s.label.es.clone(),
                    selected: estado.as_deref() == Some(s.key.as_str()),
                })
                .collect()
        })
        .unwrap_or_default();
    let categories = Category::ALL
        .iter()
        .map(|c| Choice {
            value: c.as_str().into(),
            label: format::category(*c),
            selected: categoria == Some(*c),
        })
        .collect();
    let rows = rows
        .into_iter()
        .take(PAGE as usize)
        .map(|r| {
            let f = r.fields();
            let evaluation = figures.get(&r.id).map(|(share, satisfaction)| {
                let used = share.map_or(t("pagina-sin-datos-uso"), |s| {
                    tr!(
                        "pagina-tramites-linea",
                        v1 = (format::figure(s)).to_string()
                    )
                });
                let rated = satisfaction.map_or(t("pagina-sin-respuestas-encuesta"), |(avg, n)| {
                    tr!(
                        "pagina-satisfaccion-5-respuestas",
                        v1 = (format::figure(avg)).to_string(),
                        n = n.to_string()
                    )
                });
                format!("{used} · {rated}")
            });
            Row {
                evaluation,
                href: format!("/tramites/{}", f.code),
                code: f.code,
                name: f.name,
                stage: stage_label(&state, &r.state),
                channel: format::channel(f.channel),
            }
        })
        .collect();
    super::ok(&CataloguePage {
        q,
        stages,
        categories,
        rows,
        next_page,
    })
}
