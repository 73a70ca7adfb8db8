//! The messages, in Spanish, plain text and HTML.

use super::Message;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn build(kind: &'static str, to: &str, subject: String, paragraphs: &[String]) -> Message {
    let text = format!("{}\n\n--\nComité de Simplificación de Trámites\nMinisterio de Trabajo y Previsión Social\n", paragraphs.join("\n\n"));
    let html = format!(
        "<!doctype html><html lang=\"es\"><body>{}<hr><p>Comité de Simplificación de Trámites<br>Ministerio de Trabajo y Previsión Social</p></body></html>",
        paragraphs.iter().map(|p| format!("<p>{}</p>", escape(p).replace('\n', "<br>"))).collect::<String>()
    );
    Message {
        kind,
        // Citizens' addresses are compared (and limited) in lower case.
        to: if super::CITIZEN_KINDS.contains(&kind) {
            to.trim().to_lowercase()
        } else {
            to.to_string()
        },
        subject,
        text,
        html,
        dedupe_key: None,
        unsubscribe_url: None,
    }
}

/// To an approver: a transition waits for them.
pub fn approval_requested(
    to: &str,
    code: &str,
    name: &str,
    transition: &str,
    from: &str,
    to_state: &str,
    base: &str,
) -> Message {
    build(
        "approval_requested",
        to,
        format!("Aprobación pendiente: {code} — {transition}"),
        &[
            format!("El Comité solicita su aprobación para la transición «{transition}» del trámite {code} ({name}), de «{from}» a «{to_state}»."),
            format!("Revise las solicitudes pendientes en {base}/api/v1/transition-requests?status=pending"),
        ],
    )
}

/// To the requester: their request was approved or rejected.
pub fn request_decided(
    to: &str,
    code: &str,
    transition: &str,
    approved: bool,
    note: &str,
) -> Message {
    let verdict = if approved { "aprobada" } else { "rechazada" };
    let mut paragraphs = vec![format!(
        "Su solicitud de transición «{transition}» del trámite {code} fue {verdict}."
    )];
    if !note.is_empty() {
        paragraphs.push(format!("Nota: {note}"));
    }
    build(
        "request_decided",
        to,
        format!("Solicitud {verdict}: {code} — {transition}"),
        &paragraphs,
    )
}

/// To a citizen: their comment arrived.
pub fn comment_received(to: &str, tracking_code: &str, title: &str, base: &str) -> Message {
    build(
        "comment_received",
        to,
        format!("Recibimos su comentario ({tracking_code})"),
        &[
            format!("Gracias por participar en la consulta pública «{title}»."),
            format!("Su código de seguimiento es {tracking_code}. Puede ver el estado de su comentario y la respuesta del Comité en {base}/seguimiento/{tracking_code}"),
        ],
    )
}

/// To a citizen: their general feedback arrived.
pub fn feedback_received(to: &str, tracking_code: &str, base: &str) -> Message {
    build(
        "feedback_received",
        to,
        format!("Recibimos su opinión ({tracking_code})"),
        &[
            "Gracias por escribir al Ministerio de Trabajo y Previsión Social.".to_string(),
            format!("Su código de seguimiento es {tracking_code}. El Comité revisa cada opinión antes de publicarla y la responde. Puede ver su estado en {base}/seguimiento/{tracking_code}"),
        ],
    )
}

/// To a citizen: the Committee answered their general feedback.
pub fn feedback_answered(to: &str, tracking_code: &str, answer: &str) -> Message {
    build(
        "feedback_answered",
        to,
        format!("Respuesta a su opinión ({tracking_code})"),
        &[
            format!("El Comité respondió a su opinión {tracking_code}:"),
            answer.to_string(),
        ],
    )
}

/// To a citizen: the Committee answered their comment.
pub fn comment_answered(to: &str, tracking_code: &str, title: &str, answer: &str) -> Message {
    build(
        "comment_answered",
        to,
        format!("Respuesta a su comentario ({tracking_code})"),
        &[
            format!(
                "El Comité respondió a su comentario {tracking_code} en la consulta «{title}»:"
            ),
            answer.to_string(),
        ],
    )
}

/// To the Committee: a stage runs out of time soon, or has.
pub fn stage_reminder(
    to: &str,
    code: &str,
    name: &str,
    state: &str,
    due: &str,
    overdue: bool,
) -> Message {
    let (kind, subject, line) = if overdue {
        (
            "stage_overdue",
            format!("Plazo vencido: {code}"),
            format!("La etapa «{state}» del trámite {code} ({name}) venció el {due}."),
        )
    } else {
        (
            "stage_due_soon",
            format!("Plazo próximo: {code}"),
            format!("La etapa «{state}» del trámite {code} ({name}) vence el {due}."),
        )
    };
    build(kind, to, subject, &[line])
}

/// To a subscriber: confirm the subscription (double opt-in).
pub fn confirm_subscription(to: &str, code: &str, name: &str, confirm_url: &str) -> Message {
    build(
        "subscription_confirm",
        to,
        format!("Confirme su suscripción al trámite {code}"),
        &[
            format!("Recibimos una solicitud para avisarle de las consultas públicas del trámite {code} ({name})."),
            format!("Para confirmarla, abra este enlace: {confirm_url}"),
            "Si no la pidió, ignore este mensaje: no recibirá nada más.".to_string(),
        ],
    )
}

/// To a subscriber: a consultation opened.
pub fn consultation_opened(
    to: &str,
    code: &str,
    title: &str,
    closes: &str,
    url: &str,
    unsubscribe_url: &str,
) -> Message {
    let mut m = build(
        "consultation_opened",
        to,
        format!("Consulta pública abierta: {title}"),
        &[
            format!("Se abrió la consulta pública «{title}» sobre el trámite {code}. Puede comentar hasta el {closes}."),
            format!("Lea la propuesta y comente en {url}"),
            format!("Para no recibir más avisos: {unsubscribe_url}"),
        ],
    );
    m.unsubscribe_url = Some(unsubscribe_url.to_string());
    m
}
