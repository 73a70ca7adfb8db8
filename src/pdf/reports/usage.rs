//! The usage report's PDF.

use super::*;

/// A procedure's usage report (the document that closes its cycle).
pub fn usage(r: &crate::usecases::evaluation::UsageReport, tz: Tz) -> Vec<u8> {
    let mut pdf = Pdf::new(&format!(
        "Informe de uso {} ({} a {})",
        r.code, r.from, r.to
    ));
    pdf.title(&format!("Informe de uso: {} {}", r.code, r.title));
    pdf.paragraph(&format!(
        "Evaluación de la aceptación, de {} a {}. Uso por canal mes a mes, encuesta a las personas usuarias y carga antes y después de la simplificación.",
        r.from, r.to
    ));
    pdf.note(&format!(
        "Generado el {}.",
        format::date_time_of(&r.generated_at, tz)
    ));
    pdf.heading("Trámites realizados por canal");
    let max = r.months.iter().map(|m| m.total).max().unwrap_or(0) as f64;
    let bars: Vec<Bar> = r
        .months
        .iter()
        .map(|m| Bar {
            label: format!(
                "{} ({} en línea)",
                m.month,
                format::figure(m.online_percent) + " %"
            ),
            value: m.total as f64,
            target: None,
            caption: format::figure(m.total as f64),
            highlight: false,
        })
        .collect();
    pdf.bars(&bars, max);
    let mut rows: Vec<Vec<String>> = r
        .months
        .iter()
        .chain(std::iter::once(&r.total))
        .map(|m| {
            vec![
                if m.month == "total" {
                    "Total".to_string()
                } else {
                    m.month.clone()
                },
                format::figure(m.online as f64),
                format::figure(m.in_person as f64),
                format::figure(m.other as f64),
                format::figure(m.total as f64),
                format!("{} %", format::figure(m.online_percent)),
            ]
        })
        .collect();
    if rows.is_empty() {
        rows.push(vec!["—".into(); 6]);
    }
    pdf.table(
        &[
            col("Mes", 0.2, false),
            col("En línea", 0.16, true),
            col("Presencial", 0.16, true),
            col("Otros", 0.14, true),
            col("Total", 0.16, true),
            col("En línea (%)", 0.18, true),
        ],
        &rows,
    );
    pdf.heading("En línea antes y después del lanzamiento");
    match &r.launch_month {
        Some(l) => pdf.paragraph(&format!(
            "Lanzado en {l}. Antes: {}. Después: {}.",
            format::online_share(r.before_launch.as_ref()),
            format::online_share(r.after_launch.as_ref())
        )),
        None => pdf.paragraph("El trámite aún no se ha lanzado."),
    }
    let s = &r.survey.results;
    pdf.heading("Encuesta a las personas usuarias");
    pdf.paragraph(&format!(
        "Respuestas: {}. Satisfacción media: {} de 5. Facilidad media: {} de 5. Pudieron terminarlo en línea: {}.",
        format::figure(s.answers as f64),
        s.satisfaction_average.map_or("—".into(), format::figure),
        s.ease_average.map_or("—".into(), format::figure),
        format::figure(s.completed_online as f64)
    ));
    let rows: Vec<Vec<String>> = (1..=5)
        .map(|n| {
            vec![
                n.to_string(),
                format::figure(s.satisfaction_counts[n - 1] as f64),
                format::figure(s.ease_counts[n - 1] as f64),
            ]
        })
        .collect();
    pdf.table(
        &[
            col("Puntuación", 0.34, false),
            col("Satisfacción", 0.33, true),
            col("Facilidad", 0.33, true),
        ],
        &rows,
    );
    pdf.heading("Carga antes y después");
    let b = format::burden;
    match (&r.burden_before, &r.savings) {
        (Some(before), Some(saved)) => pdf.paragraph(&format!(
            "Antes del análisis: {}. Ahora: {}. Ahorro: {} horas y {} al año, {} requisitos menos, {} visitas menos.",
            b(before),
            b(&r.burden_now),
            format::figure(saved.annual_hours),
            format::quetzales(saved.annual_cost_gtq),
            saved.requirements_removed,
            saved.visits_removed
        )),
        _ => pdf.paragraph(&format!("Ahora: {}.", b(&r.burden_now))),
    }
    pdf.heading("Comentarios publicados");
    if r.survey.comments.is_empty() {
        pdf.paragraph("Ninguno.");
    }
    for c in &r.survey.comments {
        pdf.paragraph(&format!("«{c}»"));
    }
    pdf.finish()
}
