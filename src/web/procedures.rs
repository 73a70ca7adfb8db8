//! The catalogue of procedures and one procedure's page.

use crate::i18n::t;
use crate::tr;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::db::procedure_search as search;
use crate::db::procedures::{self as store, Filter, ProcedureRow};
use crate::domain::Category;
use crate::format;
use crate::server::AppState;
use crate::web::forms::Choice;

/// Procedures per catalogue page.
const PAGE: i64 = 25;

/// A procedure in the catalogue.
pub struct Row {
    /// Its page.
    pub href: String,
    /// Name.
    pub name: String,
    /// What it is for: the description's first words.
    pub purpose: String,
    /// Who does it.
    pub audience: String,
    /// Its code and how far its simplification has come.
    pub meta: String,
    /// Channel, in Spanish.
    pub channel: String,
    /// For a launched procedure: its transactions done online and its survey's satisfaction.
    pub evaluation: Option<String>,
}

/// The catalogue.
#[derive(Template)]
#[template(path = "tramites.html")]
pub struct CataloguePage {
    /// Words searched.
    pub q: String,
    /// True when `q` had words that count (the rows are ranked).
    pub searching: bool,
    /// True when a stage or a category is chosen.
    pub filtered: bool,
    /// The heading shown when nothing was found.
    pub empty_heading: String,
    /// When nothing was found: searches that find something (address, words).
    pub tips: Vec<Choice>,
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
    pagina: Option<u32>,
}

/// The label of a state of the default workflow in the page's language.
pub(super) fn stage_label(state: &AppState, key: &str) -> String {
    state
        .workflows
        .state_label_in(key, super::language::english())
}

/// At most this many matches of a search are ranked and paged.
const RANKED: i64 = 500;

/// What the database gave for a catalogue page.
struct Found {
    /// The procedures (one more than a page when there is a next one).
    rows: Vec<ProcedureRow>,
    /// Launched procedures' (online share, satisfaction).
    figures: Figures,
    /// When a search found nothing: its words that alone find something, with their counts, and
    /// how many the whole search finds without the filters.
    suggestions: Vec<(String, usize)>,
    unfiltered: usize,
}

type Figures = std::collections::HashMap<String, crate::usecases::evaluation::CatalogueFigures>;

/// Runs a search (ranked, a page at `offset`) or lists the catalogue in order after `after`.
fn find(
    conn: &mut crate::db::DbConnection,
    registry: &crate::domain::workflow::Registry,
    filter: &Filter,
    terms: &[String],
    after: Option<&str>,
    offset: usize,
) -> Result<Found, crate::usecases::AppError> {
    let mut suggestions = Vec::new();
    let mut unfiltered = 0;
    let rows = if terms.is_empty() {
        store::page(conn, filter, after, PAGE + 1)?
    } else {
        let ids = search::ranked_ids(conn, terms, RANKED)?;
        let rows = store::among(conn, &ids, filter)?;
        if rows.is_empty() {
            unfiltered = ids.len();
            if terms.len() > 1 {
                for term in terms {
                    let one = search::ranked_ids(conn, std::slice::from_ref(term), RANKED)?;
                    let n = store::among(conn, &one, filter)?.len();
                    if n > 0 {
                        suggestions.push((term.clone(), n));
                    }
                }
            }
        }
        rows.into_iter()
            .skip(offset)
            .take(PAGE as usize + 1)
            .collect()
    };
    let launched: Vec<String> = rows
        .iter()
        .filter(|r| crate::usecases::evaluation::surveyed(registry, r))
        .map(|r| r.id.clone())
        .collect();
    let figures = crate::usecases::evaluation::catalogue_figures(conn, &launched)?;
    Ok(Found {
        rows,
        figures,
        suggestions,
        unfiltered,
    })
}

/// The first words of a description, cut at a word under `max` characters.
fn excerpt(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
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
        ..Default::default()
    };
    let terms = crate::domain::search::terms(&q);
    let searching = !terms.is_empty();
    let page_no = query.pagina.unwrap_or(1).clamp(1, 20) as usize;
    let offset = (page_no - 1) * PAGE as usize;
    let after = query.desde.filter(|d| uuid::Uuid::parse_str(d).is_ok());
    let registry = state.workflows.clone();
    let found = {
        let terms = terms.clone();
        super::db(&state, move |conn| {
            find(conn, &registry, &filter, &terms, after.as_deref(), offset)
        })
        .await
    };
    let Found {
        rows,
        figures,
        suggestions,
        unfiltered,
    } = match found {
        Ok(found) => found,
        Err(page) => return page,
    };
    let link = |q: &str, filtered: bool, extra: Option<(&str, String)>| {
        let mut url = form_urlencoded::Serializer::new(String::new());
        url.append_pair("q", q);
        if filtered {
            if let Some(e) = &estado {
                url.append_pair("estado", e);
            }
            if let Some(c) = categoria {
                url.append_pair("categoria", c.as_str());
            }
        }
        if let Some((k, v)) = extra {
            url.append_pair(k, &v);
        }
        format!("/tramites?{}", url.finish())
    };
    let next_page = (rows.len() as i64 > PAGE)
        .then(|| {
            if searching {
                Some(link(&q, true, Some(("pagina", (page_no + 1).to_string()))))
            } else {
                rows.get(PAGE as usize - 1)
                    .map(|r| link(&q, true, Some(("desde", r.id.clone()))))
            }
        })
        .flatten();
    let filtered = estado.is_some() || categoria.is_some();
    let mut tips: Vec<Choice> = suggestions
        .iter()
        .map(|(word, n)| Choice {
            value: link(word, true, None),
            label: tr!(
                "tramites-sugerencia-palabra",
                palabra = word.clone(),
                n = *n as i64
            ),
            selected: false,
        })
        .collect();
    if filtered && unfiltered > 0 {
        tips.push(Choice {
            value: link(&q, false, None),
            label: tr!("tramites-sugerencia-sin-filtros", n = unfiltered as i64),
            selected: false,
        });
    }
    let stages = wf
        .map(|w| {
            w.states
                .iter()
                .map(|s| Choice {
                    value: s.key.clone(),
                    label: s.label.text(super::language::english()).to_string(),
                    selected: estado.as_deref() == Some(s.key.as_str()),
                })
                .collect()
        })
        .unwrap_or_default();
    let categories = Category::ALL
        .iter()
        .map(|c| Choice {
            value: c.as_str().into(),
            label: t(match c {
                Category::Priority => "tramites-categoria-priority",
                Category::General => "tramites-categoria-general",
            }),
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
                purpose: excerpt(&f.description, 220),
                audience: format::audience(f.audience),
                name: f.name,
                meta: tr!(
                    "tramites-codigo-avance",
                    codigo = f.code.clone(),
                    etapa = stage_label(&state, &r.state)
                ),
                channel: format::channel(f.channel),
            }
        })
        .collect();
    let empty_heading = if searching {
        tr!("tramites-ninguno-con", palabras = q.clone())
    } else {
        t("tramites-no-hay-tramites-coincidan")
    };
    super::ok(&CataloguePage {
        empty_heading,
        searching,
        filtered,
        tips,
        q,
        stages,
        categories,
        rows,
        next_page,
    })
}
