//! `/consultas/{id}/texto-final`: the text the Committee adopted, article by article, with what
//! changed from the consulted draft, the redline, the note and the comments behind each change.

use super::*;
use crate::domain::draft::{anchor, Change};

/// One article of the final text as shown.
pub struct FinalShown {
    /// Its anchor.
    pub anchor: String,
    /// Its title.
    pub title: String,
    /// `unchanged`, `changed`, `added`, `removed` (the CSS class).
    pub change: &'static str,
    /// The change in words.
    pub change_label: String,
    /// The redline from the consulted text (changed articles), else the text itself as one
    /// piece of its kind.
    pub redline: Vec<Seg>,
    /// The Committee's note.
    pub note: Option<String>,
    /// Links to the comments behind the change: (address, label).
    pub comments: Vec<(String, String)>,
}

/// The final text's page.
#[derive(Template)]
#[template(path = "texto_final.html")]
pub struct FinalPage {
    /// The consultation's title.
    pub title: String,
    /// "Texto final de «…»".
    pub heading: String,
    /// The consultation's page.
    pub back: String,
    /// When it was published, in words.
    pub published: String,
    /// SHA-256 of the text.
    pub sha256: String,
    /// Counts of each change, in words.
    pub summary: String,
    /// The articles.
    pub articles: Vec<FinalShown>,
    /// The preamble of the final text.
    pub preamble: String,
}

/// `GET /consultas/{id}/texto-final`.
pub async fn final_text(path: web::Path<String>, state: web::Data<AppState>) -> HttpResponse {
    let Some(id) = parse_id(&path) else {
        return errors::not_found();
    };
    let tz = state.settings.tz();
    let found = super::super::db(&state, move |conn| {
        let c = usecases::consultations::find(conn, &id)?;
        let facts = usecases::drafts::facts(conn, &c)?;
        Ok((c, facts))
    })
    .await;
    let (c, facts) = match found {
        Ok(f) => f,
        Err(page) => return page,
    };
    let Some(f) = facts.final_text else {
        return errors::not_found();
    };
    let mut tally = [0usize; 4];
    let articles: Vec<FinalShown> = f
        .articles
        .iter()
        .map(|a| {
            let art = &a.compared.article;
            tally[Change::ALL
                .iter()
                .position(|k| *k == a.compared.change)
                .unwrap_or(0)] += 1;
            let redline = match (a.compared.change, &a.compared.consulted) {
                (Change::Changed, Some(before)) => redline(&before.text, &art.text),
                (Change::Removed, _) => vec![Seg {
                    kind: "del",
                    text: art.text.clone(),
                }],
                (Change::Added, _) => vec![Seg {
                    kind: "ins",
                    text: art.text.clone(),
                }],
                _ => vec![Seg {
                    kind: "same",
                    text: art.text.clone(),
                }],
            };
            let number = art.number.replace(' ', "-");
            FinalShown {
                anchor: anchor(&art.number),
                title: article_title(&art.number, &art.heading),
                change: a.compared.change.as_str(),
                change_label: change_label(a.compared.change),
                redline,
                note: a.note.clone(),
                comments: a
                    .comments
                    .iter()
                    .enumerate()
                    .map(|(i, cid)| {
                        (
                            format!("/consultas/{}?articulo={number}#comentario-{cid}", c.id),
                            tr!("borrador-comentario-n", n = i + 1),
                        )
                    })
                    .collect(),
            }
        })
        .collect();
    let adopted = crate::domain::draft::Draft::of_stored(&f.row.text);
    super::super::ok(&FinalPage {
        heading: tr!("borrador-texto-final-de", titulo = c.title.clone()),
        title: c.title.clone(),
        back: format!("/consultas/{}", c.id),
        published: tr!(
            "borrador-publicado-el",
            fecha = format::date_time(&f.row.published_at, tz)
        ),
        sha256: f.row.sha256.clone(),
        summary: tr!(
            "borrador-resumen-cambios",
            sin = tally[0],
            cambiados = tally[1],
            nuevos = tally[2],
            quitados = tally[3]
        ),
        articles,
        preamble: adopted.preamble,
    })
}
