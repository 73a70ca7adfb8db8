//! The messages, worded by the catalog (`locales/es/correos.ftl`), plain text and HTML. Staff
//! messages name states and transitions by the workflow's labels, dates in the ministry's time
//! zone in words, and link to the staff page where the person acts.

use super::Message;
use crate::i18n::t;
use crate::tr;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn build(kind: &'static str, to: &str, subject: String, paragraphs: &[String]) -> Message {
    let (committee, ministry) = (t("correo-firma-comite"), t("correo-firma-ministerio"));
    let text = format!(
        "{}\n\n--\n{committee}\n{ministry}\n",
        paragraphs.join("\n\n")
    );
    let html = format!(
        "<!doctype html><html lang=\"es\"><body>{}<hr><p>{}<br>{}</p></body></html>",
        paragraphs
            .iter()
            .map(|p| format!("<p>{}</p>", escape(p).replace('\n', "<br>")))
            .collect::<String>(),
        escape(&committee),
        escape(&ministry),
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

/// A transition as a staff message names it: its label and the labels of its states.
pub struct Step<'a> {
    /// The procedure's code.
    pub code: &'a str,
    /// The procedure's name.
    pub name: &'a str,
    /// The transition's label.
    pub transition: &'a str,
    /// The label of the state it leaves.
    pub from: &'a str,
    /// The label of the state it leads to.
    pub to: &'a str,
}

/// To an approver: a transition waits for them; links to the approvals page.
pub fn approval_requested(to: &str, step: &Step<'_>, approvals_url: &str) -> Message {
    build(
        "approval_requested",
        to,
        tr!(
            "correo-aprobacion-asunto",
            codigo = step.code,
            transicion = step.transition
        ),
        &[
            tr!(
                "correo-aprobacion-texto",
                transicion = step.transition,
                codigo = step.code,
                nombre = step.name,
                desde = step.from,
                hacia = step.to
            ),
            tr!("correo-aprobacion-enlace", enlace = approvals_url),
        ],
    )
}

/// To the requester: their request was approved or rejected; links to the procedure's page.
pub fn request_decided(
    to: &str,
    step: &Step<'_>,
    approved: bool,
    note: &str,
    procedure_url: &str,
) -> Message {
    // The catalog words the verdict; the code only says which.
    let verdict = if approved { "si" } else { "no" };
    let mut paragraphs = vec![tr!(
        "correo-decision-texto",
        transicion = step.transition,
        codigo = step.code,
        nombre = step.name,
        aprobada = verdict
    )];
    if approved {
        paragraphs.push(tr!(
            "correo-decision-estados",
            desde = step.from,
            hacia = step.to
        ));
    }
    if !note.is_empty() {
        paragraphs.push(tr!("correo-decision-nota", nota = note));
    }
    paragraphs.push(tr!("correo-ver-tramite", enlace = procedure_url));
    build(
        "request_decided",
        to,
        tr!(
            "correo-decision-asunto",
            aprobada = verdict,
            codigo = step.code,
            transicion = step.transition
        ),
        &paragraphs,
    )
}

/// To a citizen: their comment arrived.
pub fn comment_received(to: &str, tracking_code: &str, title: &str, base: &str) -> Message {
    build(
        "comment_received",
        to,
        tr!("correo-comentario-recibido-asunto", codigo = tracking_code),
        &[
            tr!("correo-comentario-recibido-gracias", titulo = title),
            tr!(
                "correo-comentario-recibido-codigo",
                codigo = tracking_code,
                enlace = format!("{base}/seguimiento/{tracking_code}")
            ),
        ],
    )
}

/// To a citizen: their general feedback arrived.
pub fn feedback_received(to: &str, tracking_code: &str, base: &str) -> Message {
    build(
        "feedback_received",
        to,
        tr!("correo-opinion-recibida-asunto", codigo = tracking_code),
        &[
            t("correo-opinion-recibida-gracias"),
            tr!(
                "correo-opinion-recibida-codigo",
                codigo = tracking_code,
                enlace = format!("{base}/seguimiento/{tracking_code}")
            ),
        ],
    )
}

/// To a citizen: the Committee answered their general feedback.
pub fn feedback_answered(to: &str, tracking_code: &str, answer: &str) -> Message {
    build(
        "feedback_answered",
        to,
        tr!("correo-opinion-respondida-asunto", codigo = tracking_code),
        &[
            tr!("correo-opinion-respondida-texto", codigo = tracking_code),
            answer.to_string(),
        ],
    )
}

/// To a citizen: the Committee answered their comment.
pub fn comment_answered(to: &str, tracking_code: &str, title: &str, answer: &str) -> Message {
    build(
        "comment_answered",
        to,
        tr!(
            "correo-comentario-respondido-asunto",
            codigo = tracking_code
        ),
        &[
            tr!(
                "correo-comentario-respondido-texto",
                codigo = tracking_code,
                titulo = title
            ),
            answer.to_string(),
        ],
    )
}

/// A stage of a procedure that runs out of time, as the reminder names it.
pub struct Due<'a> {
    /// The procedure's code.
    pub code: &'a str,
    /// The procedure's name.
    pub name: &'a str,
    /// The stage's label.
    pub state: &'a str,
    /// When it runs out, in words in the ministry's time zone.
    pub due: &'a str,
    /// True once it has run out.
    pub overdue: bool,
    /// The procedure's staff page.
    pub url: &'a str,
}

/// To the Committee: a stage runs out of time soon, or has; links to the procedure's page.
pub fn stage_reminder(to: &str, d: &Due<'_>) -> Message {
    let (kind, subject, line) = if d.overdue {
        (
            "stage_overdue",
            tr!("correo-plazo-vencido-asunto", codigo = d.code),
            tr!(
                "correo-plazo-vencido-texto",
                etapa = d.state,
                codigo = d.code,
                nombre = d.name,
                fecha = d.due
            ),
        )
    } else {
        (
            "stage_due_soon",
            tr!("correo-plazo-proximo-asunto", codigo = d.code),
            tr!(
                "correo-plazo-proximo-texto",
                etapa = d.state,
                codigo = d.code,
                nombre = d.name,
                fecha = d.due
            ),
        )
    };
    build(
        kind,
        to,
        subject,
        &[line, tr!("correo-ver-tramite", enlace = d.url)],
    )
}

/// To a subscriber: confirm the subscription (double opt-in).
pub fn confirm_subscription(to: &str, code: &str, name: &str, confirm_url: &str) -> Message {
    build(
        "subscription_confirm",
        to,
        tr!("correo-suscripcion-asunto", codigo = code),
        &[
            tr!("correo-suscripcion-texto", codigo = code, nombre = name),
            tr!("correo-suscripcion-enlace", enlace = confirm_url),
            t("correo-suscripcion-ignore"),
        ],
    )
}

/// A consultation as its notice names it.
pub struct Opened<'a> {
    /// The procedure's code.
    pub code: &'a str,
    /// The consultation's title.
    pub title: &'a str,
    /// When it closes, in words.
    pub closes: &'a str,
    /// Its public page.
    pub url: &'a str,
    /// The subscriber's link to stop the notices.
    pub unsubscribe_url: &'a str,
}

/// To a subscriber: a consultation opened; links to its public page.
pub fn consultation_opened(to: &str, o: &Opened<'_>) -> Message {
    let mut m = build(
        "consultation_opened",
        to,
        tr!("correo-consulta-abierta-asunto", titulo = o.title),
        &[
            tr!(
                "correo-consulta-abierta-texto",
                titulo = o.title,
                codigo = o.code,
                cierre = o.closes
            ),
            tr!("correo-consulta-abierta-enlace", enlace = o.url),
            tr!("correo-consulta-abierta-baja", enlace = o.unsubscribe_url),
        ],
    );
    m.unsubscribe_url = Some(o.unsubscribe_url.to_string());
    m
}

/// To a subscriber: a consultation it follows closes in a few days.
pub fn consultation_closing(to: &str, o: &Opened<'_>) -> Message {
    let mut m = build(
        "consultation_closing",
        to,
        tr!("correo-consulta-cierra-asunto", titulo = o.title),
        &[
            tr!(
                "correo-consulta-cierra-texto",
                titulo = o.title,
                codigo = o.code,
                cierre = o.closes
            ),
            tr!("correo-consulta-abierta-enlace", enlace = o.url),
            tr!("correo-consulta-abierta-baja", enlace = o.unsubscribe_url),
        ],
    );
    m.unsubscribe_url = Some(o.unsubscribe_url.to_string());
    m
}

/// To a subscriber: the final text of a consultation it followed is published (`o.url` is the
/// final text's page).
pub fn final_text_published(to: &str, o: &Opened<'_>) -> Message {
    let mut m = build(
        "final_text_published",
        to,
        tr!("correo-texto-final-asunto", titulo = o.title),
        &[
            tr!(
                "correo-texto-final-texto",
                titulo = o.title,
                codigo = o.code
            ),
            tr!("correo-texto-final-enlace", enlace = o.url),
            tr!("correo-consulta-abierta-baja", enlace = o.unsubscribe_url),
        ],
    );
    m.unsubscribe_url = Some(o.unsubscribe_url.to_string());
    m
}
