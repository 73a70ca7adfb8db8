//! Plain Spanish for the workflow's keys as staff read them: transitions, documents, fields and
//! each guard's state ("Falta el documento informe del piloto").

use crate::domain::workflow::engine::GuardStatus;
use crate::domain::workflow::model::Guard;

use crate::domain::workflow::Registry;
use crate::i18n::{k, t};
use crate::tr;

/// A transition's name (the workflow files' labels).
pub fn transition(registry: &Registry, key: &str) -> String {
    registry.transition_label(key)
}

/// A document kind's name (the workflow files' `[[documents]]`).
pub fn document(registry: &Registry, kind: &str) -> String {
    registry.document_label(kind)
}

/// A field's name.
pub fn field(key: &str) -> String {
    let k = match key {
        "regulation_reference" => k("campo-nombre-regulation-reference"),
        "description" => k("campo-nombre-description"),
        "legal_basis" => k("campo-nombre-legal-basis"),
        "code" => k("campo-nombre-code"),
        "name" | "display_name" => k("campo-nombre-name"),
        "responsible_unit" => k("campo-nombre-responsible-unit"),
        "note" => k("campo-nombre-note"),
        "body" | "answer" => k("campo-nombre-body"),
        "reason" => k("campo-nombre-reason"),
        "outcome" => k("campo-nombre-outcome"),
        "username" => k("campo-nombre-username"),
        "password" => k("campo-nombre-password"),
        "email" => k("campo-nombre-email"),
        "closes_at" => k("campo-nombre-closes-at"),
        "file" => k("campo-nombre-file"),
        "kind" => k("campo-nombre-kind"),
        "month" => k("campo-nombre-month"),
        "online_url" | "access.online_url" => k("campo-nombre-online-url"),
        "offices" | "access.offices" => k("campo-nombre-offices"),
        "opening_hours" | "access.opening_hours" => k("campo-nombre-opening-hours"),
        "phone" | "access.phone" => k("campo-nombre-phone"),
        "whatsapp" | "access.whatsapp" => k("campo-nombre-whatsapp"),
        "steps" => k("comun-pasos"),
        "in_person_visits" => k("gestion-campos-visitas-presenciales"),
        "resolution_days" => k("gestion-campos-dias-para-resolver"),
        "fee_gtq" => k("gestion-campos-costo-quetzales"),
        "annual_volume" => k("gestion-campos-tramites-ano"),
        "citizen_hours" => k("gestion-campos-horas-persona-tramite"),
        "category" => k("comun-categoria"),
        "audience" => k("gestion-campos-quien-sirve"),
        "channel" => k("gestion-campos-canal"),
        r if r.starts_with("requirements") => k("gestion-campos-requisitos"),
        other => return other.replace('_', " "),
    };
    t(k)
}

/// A role's name.
pub fn role(key: &str) -> String {
    t(match key {
        "admin" => k("rol-admin"),
        "committee" => k("rol-committee"),
        "director" => k("rol-director"),
        "minister" => k("rol-minister"),
        "auditor" => k("rol-auditor"),
        _ => k("rol-otro"),
    })
}

/// What a guard's state means, said plainly: what is done, or what is missing.
pub fn guard(registry: &Registry, g: &GuardStatus) -> String {
    match (&g.guard, g.passed) {
        (Guard::ConsultationClosed, true) => t("condicion-consulta-cerro"),
        (Guard::ConsultationClosed, false) => t("condicion-falta-consulta"),
        (Guard::PublishedCommentsAnswered, true) => t("condicion-respuestas-completas"),
        (Guard::PublishedCommentsAnswered, false) => t("condicion-faltan-respuestas"),
        (Guard::FieldSet { field: f }, true) => tr!("condicion-campo-lleno", campo = field(f)),
        (Guard::FieldSet { field: f }, false) => tr!("condicion-falta-campo", campo = field(f)),
        (Guard::DocumentAttached { document: d }, true) => {
            tr!(
                "condicion-documento-adjunto",
                documento = document(registry, d)
            )
        }
        (Guard::DocumentAttached { document: d }, false) => {
            tr!(
                "condicion-falta-documento",
                documento = document(registry, d)
            )
        }
        (Guard::ChecklistComplete { .. }, true) => t("condicion-lista-completa"),
        (Guard::ChecklistComplete { .. }, false) => t("condicion-falta-lista"),
    }
}

/// Every action the audit trail records, with its words' key, in code order (the audit page's
/// action filter offers them all).
pub const AUDIT_ACTIONS: &[(&str, &str)] = &[
    ("auth.login", k("accion-auth-login")),
    ("auth.login_failed", k("accion-auth-login-failed")),
    ("auth.logout", k("accion-auth-logout")),
    ("checklist.updated", k("accion-checklist-updated")),
    ("comment.answered", k("accion-comment-answered")),
    ("comment.moderated", k("accion-comment-moderated")),
    ("comment.received", k("accion-comment-received")),
    ("consultation.extended", k("accion-consultation-extended")),
    (
        "consultation.final_text_published",
        k("accion-consultation-final-text-published"),
    ),
    ("consultation.opened", k("accion-consultation-opened")),
    (
        "consultation.report_frozen",
        k("accion-consultation-report-frozen"),
    ),
    (
        "consultation.report_pdf_frozen",
        k("accion-consultation-report-pdf-frozen"),
    ),
    ("document.attached", k("accion-document-attached")),
    ("feedback.answered", k("accion-feedback-answered")),
    ("feedback.moderated", k("accion-feedback-moderated")),
    ("feedback.received", k("accion-feedback-received")),
    ("indicators.recorded", k("accion-indicators-recorded")),
    ("procedure.created", k("accion-procedure-created")),
    ("procedure.updated", k("accion-procedure-updated")),
    ("report.frozen", k("accion-report-frozen")),
    ("subscription.cancelled", k("accion-subscription-cancelled")),
    ("subscription.confirmed", k("accion-subscription-confirmed")),
    ("subscription.requested", k("accion-subscription-requested")),
    ("survey.answered", k("accion-survey-answered")),
    (
        "survey.comment_moderated",
        k("accion-survey-comment-moderated"),
    ),
    ("transition.applied", k("accion-transition-applied")),
    ("transition.approved", k("accion-transition-approved")),
    ("transition.rejected", k("accion-transition-rejected")),
    ("transition.requested", k("accion-transition-requested")),
    ("transition.stale", k("accion-transition-stale")),
    ("usage.recorded", k("accion-usage-recorded")),
    ("user.created", k("accion-user-created")),
    ("user.updated", k("accion-user-updated")),
];

/// An audit entry's action in words (the code itself when the catalog has none).
pub fn audit_action(code: &str) -> String {
    AUDIT_ACTIONS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or_else(|| code.to_string(), |(_, key)| t(key))
}

/// What an audit entry is about, in words (the code itself when the catalog has none).
pub fn audit_subject(code: &str) -> String {
    let key = match code {
        "procedure" => k("sujeto-procedure"),
        "comment" => k("sujeto-comment"),
        "consultation" => k("sujeto-consultation"),
        "feedback" => k("sujeto-feedback"),
        "user" => k("sujeto-user"),
        "transition_request" => k("sujeto-transition-request"),
        "report" => k("sujeto-report"),
        "indicators" => k("sujeto-indicators"),
        "subscription" => k("sujeto-subscription"),
        "survey" => k("sujeto-survey"),
        "session" => k("sujeto-session"),
        other => return other.to_string(),
    };
    t(key)
}

/// Who acted, when it is not a user: the public, the service itself, the command line, the demo.
pub fn audit_actor(code: &str) -> String {
    let key = match code {
        "public" => k("actor-public"),
        "system" => k("actor-system"),
        "cli" => k("actor-cli"),
        "demo" => k("actor-demo"),
        other => return other.to_string(),
    };
    t(key)
}
