//! "Me sumo" on the consultation's page: adding one's name to a published comment (the same use
//! case as the API), the signature's tracking page, and a campaign's variants.

use super::*;
use crate::usecases::campaigns::{self as campaigns, NewEndorsement};

/// The signature form again (after a fault) or the signature's receipt.
#[derive(Template)]
#[template(path = "apoyo.html")]
pub struct EndorsePage {
    /// The consultation: (address, title).
    pub consultation: (String, String),
    /// The comment signed, as published.
    pub comment: String,
    /// Its anchor on the consultation's page.
    pub anchor: String,
    /// Once signed: (tracking code, date).
    pub receipt: Option<(String, String)>,
    /// True when the signature's receipt (transparency log) can be downloaded.
    pub receipt_ready: bool,
    /// Where the form posts.
    pub action: String,
    /// The one-time token.
    pub token: String,
    /// What was typed.
    pub author_name: String,
    /// What was typed.
    pub email: String,
    /// Faults: (field, message).
    pub errors: Vec<(String, String)>,
}

impl EndorsePage {
    /// The fault of a field.
    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }
}

/// The consultation and comment a signature is about, or the page for a fault.
async fn about(
    state: &AppState,
    comment_id: String,
) -> Result<(ConsultationRow, crate::db::consultations::CommentRow), HttpResponse> {
    super::super::db(state, move |conn| {
        let c = usecases::comments::find_comment(conn, &comment_id)?;
        let consultation = usecases::consultations::find(conn, &c.consultation_id)?;
        Ok((consultation, c))
    })
    .await
}

fn page_for(
    consultation: &ConsultationRow,
    c: &crate::db::consultations::CommentRow,
    token: String,
) -> EndorsePage {
    EndorsePage {
        consultation: (
            format!("/consultas/{}", consultation.id),
            consultation.title.clone(),
        ),
        comment: c.body.clone(),
        anchor: format!("comentario-{}", c.id),
        receipt: None,
        receipt_ready: false,
        action: format!("/consultas/{}/comentarios/{}/apoyos", consultation.id, c.id),
        token,
        author_name: String::new(),
        email: String::new(),
        errors: Vec::new(),
    }
}

/// `POST /consultas/{id}/comentarios/{comment_id}/apoyos`: 303 to the signature's tracking
/// page; a fault brings the small form back with what was typed.
pub async fn endorse(
    path: web::Path<(String, String)>,
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> HttpResponse {
    let (Some(id), Some(comment_id)) = (parse_id(&path.0), parse_id(&path.1)) else {
        return errors::not_found();
    };
    let decoy = || format!("/consultas/{id}#comentario-{comment_id}");
    let (form, limited) = match forms::citizen_kept(&req, body, &state, decoy).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    if let Some(refused) = limited {
        return errors::from_error(&refused);
    }
    let (consultation, c) = match about(&state, comment_id.clone()).await {
        Ok(found) if found.0.id == id => found,
        Ok(_) => return errors::not_found(),
        Err(page) => return page,
    };
    let token = form.get("form_token");
    let input = NewEndorsement {
        author_name: form.optional("author_name"),
        email: form.optional("email"),
    };
    let mut faults = form.errors.clone();
    forms::expect_token(&state.audit_keys, &token, &mut faults);
    if let Err(AppError::Validation(more)) = campaigns::check(&input) {
        faults.extend(more);
    }
    if !faults.is_empty() {
        let mut page = page_for(&consultation, &c, forms::issue_token(&state.audit_keys));
        page.author_name = input.author_name.unwrap_or_default();
        page.email = input.email.unwrap_or_default();
        page.errors = faults
            .iter()
            .map(|e| (e.field.clone(), crate::words::problem(&e.problem)))
            .collect();
        return crate::web::render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    // The form's one-time token, with the comment, works as the API's Idempotency-Key: a
    // double click signs once and leads to the same receipt.
    let signer = campaigns::Signer {
        idempotency_key: Some(crate::server::client::scoped_idempotency_key(
            &state,
            &req,
            &format!("{token}\n{comment_id}"),
        )),
        ..match crate::server::client::endorsement_signer(&req, &state) {
            Ok(s) => s,
            Err(e) => return errors::from_error(&e),
        }
    };
    let signed = state
        .audited(
            crate::domain::access::Actor::public(),
            state.clock.now(),
            move |conn, ctx| campaigns::endorse(conn, ctx, &comment_id, &input, &signer),
        )
        .await;
    match signed {
        Ok((receipt, _)) => {
            crate::web::see_other(&format!("/seguimiento/{}", receipt.tracking_code))
        }
        Err(e) => errors::from_error(&e),
    }
}

/// `GET /seguimiento/A-…`: the signature's receipt.
pub async fn show_endorsement(code: String, state: &AppState) -> HttpResponse {
    let lookup = code.clone();
    let found = super::super::db(state, move |conn| {
        let (comment_id, _, at) = campaigns::by_tracking(conn, &lookup)?
            .ok_or_else(|| AppError::not_found("inexistente-codigo-comentario"))?;
        let c = usecases::comments::find_comment(conn, &comment_id)?;
        let consultation = usecases::consultations::find(conn, &c.consultation_id)?;
        let id = campaigns::id_by_tracking(conn, &lookup)?.unwrap_or_default();
        let ready = usecases::transparency::receipt_ready(
            conn,
            usecases::transparency::Receipted::Signature,
            &id,
        )?;
        Ok((consultation, c, (at, ready)))
    })
    .await;
    let (consultation, c, (at, ready)) = match found {
        Ok(f) => f,
        Err(page) => return page,
    };
    let mut page = page_for(&consultation, &c, String::new());
    page.receipt = Some((code, format::date_time(&at, state.settings.tz())));
    page.receipt_ready = ready;
    super::super::ok(&page)
}

/// One distinct wording of a campaign.
pub struct Variant {
    /// Its difference from the first text.
    pub redline: Vec<Seg>,
    /// How many published comments have it.
    pub times: String,
}

/// A campaign's published variants.
#[derive(Template)]
#[template(path = "variantes.html")]
pub struct VariantsPage {
    /// The consultation: (address, title).
    pub consultation: (String, String),
    /// The anchor of the campaign on the consultation's page.
    pub anchor: String,
    /// The first published text.
    pub first: String,
    /// The other wordings, most sent first (at most [`VARIANTS`]).
    pub variants: Vec<Variant>,
}

/// Wordings shown on a variants page.
const VARIANTS: usize = 100;

/// `GET /consultas/{id}/comentarios/{comment_id}/variantes`: the published wordings of the
/// comment's campaign, with the words that differ from its first text marked.
pub async fn variants(
    path: web::Path<(String, String)>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let (Some(id), Some(comment_id)) = (parse_id(&path.0), parse_id(&path.1)) else {
        return errors::not_found();
    };
    let found = super::super::db(&state, move |conn| {
        let c = usecases::comments::find_comment(conn, &comment_id)?;
        if c.consultation_id != id {
            return Err(AppError::not_found("inexistente-comentario"));
        }
        let consultation = usecases::consultations::find(conn, &c.consultation_id)?;
        let members = store::group(conn, &c.consultation_id, &c.group_key)?;
        Ok((consultation, members))
    })
    .await;
    let (consultation, mut members) = match found {
        Ok(f) => f,
        Err(page) => return page,
    };
    members.retain(|m| m.status == CommentStatus::Published.as_str());
    members.sort_by(|a, b| a.id.cmp(&b.id));
    let Some(first) = members.first().cloned() else {
        return errors::not_found();
    };
    let mut wordings: Vec<(String, i64)> = Vec::new();
    for m in &members[1..] {
        match wordings.iter_mut().find(|(w, _)| *w == m.body) {
            Some(w) => w.1 += 1,
            None if m.body != first.body => wordings.push((m.body.clone(), 1)),
            None => {}
        }
    }
    wordings.sort_by_key(|w| std::cmp::Reverse(w.1));
    super::super::ok(&VariantsPage {
        consultation: (
            format!("/consultas/{}", consultation.id),
            consultation.title.clone(),
        ),
        anchor: format!("comentario-{}", first.id),
        variants: wordings
            .into_iter()
            .take(VARIANTS)
            .map(|(w, n)| Variant {
                redline: redline(&first.body, &w),
                times: crate::i18n::tn("campana-variante-veces", n),
            })
            .collect(),
        first: first.body,
    })
}
