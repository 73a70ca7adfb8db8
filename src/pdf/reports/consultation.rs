//! The consultation report's PDF.

use super::*;

/// A closed consultation's report.
pub fn consultation(r: &consultation_report::Report, tz: Tz) -> Vec<u8> {
    let mut pdf = Pdf::new(&format!("Informe de la consulta «{}»", r.title));
    pdf.title(&format!("Informe de la consulta «{}»", r.title));
    pdf.paragraph("Qué se recibió y qué hizo el Comité con cada texto.");
    let rows = vec![
        vec![
            "Comentarios recibidos".to_string(),
            format::figure(r.received as f64),
        ],
        vec![
            "Textos distintos".into(),
            format::figure(r.distinct_texts as f64),
        ],
        vec![
            "Textos enviados por varias personas".into(),
            format::figure(r.campaign_groups as f64),
        ],
        vec![
            "Comentarios en esas campañas".into(),
            format::figure(r.campaign_comments as f64),
        ],
        vec!["Publicados".into(), format::figure(r.published as f64)],
        vec!["Retenidos".into(), format::figure(r.withheld as f64)],
        vec![
            "Publicados con respuesta".into(),
            format::figure(r.answered as f64),
        ],
    ];
    pdf.table(
        &[col("Cifra", 0.7, false), col("Comentarios", 0.3, true)],
        &rows,
    );
    if let Some(avg) = r.average_days_to_answer {
        pdf.paragraph(&format!(
            "El Comité tardó en promedio {} días en responder (el texto que más esperó: {} días).",
            format::figure(avg),
            r.longest_days_to_answer.unwrap_or_default()
        ));
    }
    if !r.withheld_by_reason.is_empty() {
        pdf.heading("Retenidos, por motivo");
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
            &[col("Motivo", 0.7, false), col("Comentarios", 0.3, true)],
            &rows,
        );
    }
    if !r.outcomes.is_empty() {
        pdf.heading("Resultado de los comentarios publicados");
        let rows: Vec<Vec<String>> = r
            .outcomes
            .iter()
            .map(|(k, n)| {
                vec![
                    crate::domain::comment::Outcome::parse(k)
                        .map(|o| o.label())
                        .unwrap_or("Sin resultado indicado")
                        .to_string(),
                    format::figure(*n as f64),
                ]
            })
            .collect();
        pdf.table(
            &[col("Resultado", 0.7, false), col("Comentarios", 0.3, true)],
            &rows,
        );
    }
    pdf.heading("Cada texto publicado y su respuesta");
    if r.items.is_empty() {
        pdf.paragraph("No se publicó ningún comentario.");
    }
    for i in &r.items {
        let who = if i.senders > 1 {
            format!("Enviado por {} personas", i.senders)
        } else {
            "1 persona".to_string()
        };
        pdf.note(&who);
        pdf.paragraph(&i.body);
        match (&i.answer, i.answered_at) {
            (Some(a), Some(at)) => {
                pdf.note(&format!(
                    "Respuesta del Comité ({})",
                    format::answered(&at, i.outcome.as_deref(), tz)
                ));
                pdf.paragraph(a);
            }
            _ => pdf.note("Sin respuesta."),
        }
    }
    pdf.finish()
}
