//! What the consultation's page shows of each comment, and the comment form.

use super::*;
use crate::db::consultations::{CommentRow, ResponseRow};
use crate::domain::draft::Draft;

/// One comment (or one group of identical comments) as shown.
pub struct Shown {
    /// Its anchor (`comentario-<id>`), which the final text's page links to.
    pub anchor: String,
    /// Who wrote it.
    pub author: String,
    /// Their organisation.
    pub organization: Option<String>,
    /// The text (None when withheld).
    pub body: Option<String>,
    /// When it arrived.
    pub date: String,
    /// The campaign's sentence ("Este texto, con variaciones menores, fue enviado por N
    /// personas") and the address of its variants, when more than one person sent it.
    pub campaign: Option<(String, String)>,
    /// "N personas se sumaron", when any did.
    pub endorsed: Option<String>,
    /// Where its "Me sumo" form posts (a published comment of an open consultation).
    pub sign: Option<String>,
    /// The comment's id (for unique form field ids).
    pub id: String,
    /// Why it was withheld, and when.
    pub withheld: Option<String>,
    /// The Committee's answer and its date.
    pub answer: Option<(String, String)>,
    /// The article it is about, and its proposed wording against that article.
    pub proposed: Option<Proposed>,
}

/// What the comment form shows: the token, what was typed, and the faults.
pub struct CommentForm {
    /// Where it posts.
    pub action: String,
    /// The one-time token.
    pub token: String,
    /// Typed text.
    pub body: String,
    /// Typed name.
    pub author_name: String,
    /// Typed e-mail.
    pub email: String,
    /// Typed organisation.
    pub organization: String,
    /// The article chosen (empty: the whole draft).
    pub article: String,
    /// The typed wording.
    pub proposed_text: String,
    /// The draft's articles to choose from: (number, label).
    pub articles: Vec<(String, String)>,
    /// Faults, in field order.
    pub errors: Vec<FieldError>,
    /// The heading of the faults' summary.
    pub summary: String,
    /// The language of the translation the form was sent from (ISO 639-3; empty: the page's).
    pub language: String,
}

impl CommentForm {
    /// The fault of a field, if any.
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| crate::words::problem(&e.problem))
    }

    /// The form's choice of articles for `draft`.
    pub fn choices(draft: &Draft) -> Vec<(String, String)> {
        draft
            .articles
            .iter()
            .map(|a| (a.number.clone(), article_title(&a.number, &a.heading)))
            .collect()
    }
}

/// What the "Me sumo" forms need: whether the consultation is open, and how many signed
/// each comment of the page.
pub struct Signing {
    /// Open now.
    pub open: bool,
    /// Signatures by comment id.
    pub endorsements: HashMap<String, i64>,
}

/// The comments of one page as shown: copies of one text once, where the first stands.
pub fn shown(
    rows: Vec<CommentRow>,
    stats: &HashMap<String, (Option<String>, i64)>,
    answers: &[ResponseRow],
    draft: &Draft,
    tz: chrono_tz::Tz,
    signing: &Signing,
) -> Vec<Shown> {
    let answers: HashMap<&str, (String, String)> = answers
        .iter()
        .map(|a| {
            let when = format::answered(&a.responded_at, a.outcome.as_deref(), tz);
            (a.group_key.as_str(), (a.body.clone(), when))
        })
        .collect();
    rows.into_iter()
        .filter_map(|r| {
            let shown = crate::domain::public::shown(
                crate::domain::public::Stored {
                    status: &r.status,
                    author_name: r.author_name.as_deref(),
                },
                false,
            );
            let withheld = shown.withheld;
            let (first, senders) = stats.get(&r.group_key).cloned().unwrap_or((None, 1));
            // Copies of one text are shown once, where the first of them stands.
            if !withheld && first.as_deref().is_some_and(|f| f != r.id) {
                return None;
            }
            let proposed_text = r.proposed_text.as_deref().filter(|_| shown.words);
            let senders = if withheld { 1 } else { senders };
            let endorsed = signing.endorsements.get(&r.id).copied().unwrap_or(0);
            Some(Shown {
                campaign: (senders > 1).then(|| {
                    (
                        crate::i18n::tn("campana-enviado-por", senders),
                        format!(
                            "/consultas/{}/comentarios/{}/variantes",
                            r.consultation_id, r.id
                        ),
                    )
                }),
                endorsed: (endorsed > 0).then(|| crate::i18n::tn("apoyo-se-sumaron", endorsed)),
                sign: (signing.open && !withheld).then(|| {
                    format!(
                        "/consultas/{}/comentarios/{}/apoyos",
                        r.consultation_id, r.id
                    )
                }),
                id: r.id.clone(),
                anchor: format!("comentario-{}", r.id),
                author: shown.author,
                organization: r.organization.clone(),
                body: shown.words.then(|| r.body.clone()),
                date: format::date(&r.received_at, tz),
                withheld: withheld.then(|| {
                    let at = r
                        .moderated_at
                        .map(|t| format::date(&t, tz))
                        .unwrap_or_default();
                    tr!(
                        "pagina-comentario-retenido",
                        at = at.to_string(),
                        v1 = (format::reject_reason(r.reject_reason.as_deref())).to_string()
                    )
                }),
                answer: (!withheld)
                    .then(|| answers.get(r.group_key.as_str()).cloned())
                    .flatten(),
                proposed: proposed(draft, r.article.as_deref(), proposed_text),
            })
        })
        .collect()
}
