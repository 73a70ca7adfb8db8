//! The consultation report's PDF.

use super::*;
use crate::i18n::t;
use crate::tr;

/// What the final text did to an article, in words: its change and the words moved.
pub fn article_change(a: &crate::usecases::consultation_report_articles::ArticleLine) -> String {
    match a.change.as_deref() {
        None => t("informe-articulo-sin-texto-final"),
        Some("changed") => tr!(
            "informe-articulo-cambio",
            agregadas = a.words_inserted,
            quitadas = a.words_deleted
        ),
        Some("removed") => t("borrador-cambio-removed"),
        Some(_) => t("borrador-cambio-unchanged"),
    }
}

/// A closed consultation's report.
pub fn consultation(r: &consultation_report::Report, tz: Tz) -> Vec<u8> {
    let mut pdf = Pdf::new(&tr!(
        "pdf-consulta-informe-consulta",
        v1 = (r.title).to_string()
    ));
    pdf.title(&tr!(
        "pdf-consulta-informe-consulta",
        v1 = (r.title).to_string()
    ));
    pdf.paragraph(&t("pdf-consulta-recibio-hizo-comite-cada"));
    let rows = vec![
        vec![
            t("pdf-consulta-comentarios-recibidos"),
            format::figure(r.received as f64),
        ],
        vec![
            t("pdf-consulta-textos-distintos"),
            format::figure(r.distinct_texts as f64),
        ],
        vec![
            t("pdf-consulta-textos-enviados-varias-personas"),
            format::figure(r.campaign_groups as f64),
        ],
        vec![
            t("pdf-consulta-comentarios-esas-campanas"),
            format::figure(r.campaign_comments as f64),
        ],
        vec![
            t("pdf-consulta-publicados"),
            format::figure(r.published as f64),
        ],
        vec![
            t("pdf-consulta-retenidos"),
            format::figure(r.withheld as f64),
        ],
        vec![
            t("pdf-consulta-publicados-respuesta"),
            format::figure(r.answered as f64),
        ],
    ];
    pdf.table(
        &[
            col(&t("pdf-consulta-cifra"), 0.7, false),
            col(&t("pdf-consulta-comentarios"), 0.3, true),
        ],
        &rows,
    );
    if let Some(avg) = r.average_days_to_answer {
        pdf.paragraph(&tr!(
            "pdf-consulta-comite-tardo-promedio-dias",
            v1 = (format::figure(avg)).to_string(),
            v2 = (r.longest_days_to_answer.unwrap_or_default()).to_string()
        ));
    }
    if !r.withheld_by_reason.is_empty() {
        pdf.heading(&t("pdf-consulta-retenidos-motivo"));
        let rows: Vec<Vec<String>> = r
            .withheld_by_reason
            .iter()
            .map(|(k, n)| {
                vec![
                    format::reject_reason(Some(k)).to_string(),
                    format::figure(*n as f64),
                ]
            })
            .collect();
        pdf.table(
            &[
                col(&t("pdf-consulta-motivo"), 0.7, false),
                col(&t("pdf-consulta-comentarios"), 0.3, true),
            ],
            &rows,
        );
    }
    if !r.outcomes.is_empty() {
        pdf.heading(&t("pdf-consulta-resultado-comentarios-publicados"));
        let rows: Vec<Vec<String>> = r
            .outcomes
            .iter()
            .map(|(k, n)| {
                vec![
                    crate::domain::comment::Outcome::parse(k)
                        .map_or_else(|| t("informe-sin-resultado"), format::outcome),
                    format::figure(*n as f64),
                ]
            })
            .collect();
        pdf.table(
            &[
                col(&t("pdf-consulta-resultado"), 0.7, false),
                col(&t("pdf-consulta-comentarios"), 0.3, true),
            ],
            &rows,
        );
    }
    pdf.heading(&t("informe-campanas-titulo"));
    pdf.paragraph(&crate::usecases::consultation_report_campaigns::method(r));
    pdf.paragraph(&format!(
        "{} {} · {} {}",
        format::figure(r.distinct_arguments as f64),
        crate::i18n::tn("informe-argumentos-distintos", r.distinct_arguments),
        format::figure(r.endorsements as f64),
        crate::i18n::tn("informe-firmas-me-sumo", r.endorsements),
    ));
    if !r.largest_campaigns.is_empty() {
        let names = crate::usecases::consultation_report_campaigns::headers();
        pdf.table(
            &[
                col(&names[0], 0.52, false),
                col(&names[1], 0.12, true),
                col(&names[2], 0.12, true),
                col(&names[3], 0.12, true),
                col(&names[4], 0.12, true),
            ],
            &crate::usecases::consultation_report_campaigns::rows(r),
        );
    }
    if !r.articles.is_empty() {
        pdf.heading(&t("pdf-consulta-por-articulo"));
        let rows: Vec<Vec<String>> = r
            .articles
            .iter()
            .map(|a| {
                let accepted = a.accepted();
                vec![
                    a.number.clone(),
                    format::figure(a.published as f64),
                    format::figure(a.proposed_wordings as f64),
                    format::figure(accepted as f64),
                    article_change(a),
                ]
            })
            .collect();
        pdf.table(
            &[
                col(&t("pdf-consulta-articulo"), 0.14, false),
                col(&t("pdf-consulta-publicados"), 0.18, true),
                col(&t("pdf-consulta-redacciones"), 0.18, true),
                col(&t("pdf-consulta-aceptados"), 0.18, true),
                col(&t("pdf-consulta-texto-final"), 0.32, false),
            ],
            &rows,
        );
    }
    pdf.heading(&t("pdf-consulta-cada-texto-publicado-respuesta"));
    if r.items.is_empty() {
        pdf.paragraph(&t("pdf-consulta-no-publico-ningun-comentario"));
    }
    for i in &r.items {
        let who = tr!("pdf-consulta-enviado-personas", n = i.senders);
        pdf.note(&who);
        pdf.paragraph(&i.body);
        match (&i.answer, i.answered_at) {
            (Some(a), Some(at)) => {
                pdf.note(&tr!(
                    "pdf-consulta-respuesta-comite",
                    v1 = (format::answered(&at, i.outcome.as_deref(), tz)).to_string()
                ));
                pdf.paragraph(a);
            }
            _ => pdf.note(&t("pdf-consulta-sin-respuesta")),
        }
    }
    pdf.finish()
}
