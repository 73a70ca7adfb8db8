//! A campaign's variants on the moderation page: each distinct wording once, with the words
//! that differ from the representative text marked, and the forms that split a comment out of
//! its campaign or regroup a consultation's campaigns.

use super::*;
use crate::domain::access::can;
use crate::web::consultations::{redline, Seg};
use crate::web::staff::SignedForm;

/// Members read to find a campaign's wordings.
const SAMPLE: i64 = 500;
/// Wordings shown per campaign.
const SHOWN: usize = 10;

/// One wording of a campaign other than its representative's.
pub struct Variant {
    /// The first comment with it (the one the split form names).
    pub comment_id: String,
    /// Its difference from the representative text.
    pub redline: Vec<Seg>,
    /// "2 personas" or "1 persona".
    pub times: String,
}

/// The distinct wordings of a campaign's members in `status`, most sent first.
pub fn of_group(
    conn: &mut crate::db::DbConnection,
    consultation_id: &str,
    group_key: &str,
    status: &str,
    representative: &str,
) -> Result<Vec<Variant>, AppError> {
    let rows = crate::db::campaign_reads::sample(conn, consultation_id, group_key, status, SAMPLE)?;
    let mut wordings: Vec<(String, String, i64)> = Vec::new();
    for (id, body) in rows {
        if body == representative {
            continue;
        }
        match wordings.iter_mut().find(|w| w.1 == body) {
            Some(w) => w.2 += 1,
            None => wordings.push((id, body, 1)),
        }
    }
    wordings.sort_by_key(|w| std::cmp::Reverse(w.2));
    Ok(wordings
        .into_iter()
        .take(SHOWN)
        .map(|(comment_id, body, n)| Variant {
            comment_id,
            redline: redline(representative, &body),
            times: crate::i18n::tn("moderacion-variante-personas", n),
        })
        .collect())
}

/// `POST /gestion/moderacion/separar` (fields `comment`, `back`): the comment leaves its
/// campaign for one of its own, audited.
pub async fn split(signed: SignedForm<can::Moderate>, state: web::Data<AppState>) -> HttpResponse {
    let (s, form) = signed.into_inner();
    let back = back_of(&form);
    let comment = form.get("comment");
    let result = state
        .audited(s.user.actor(), state.clock.now(), move |conn, ctx| {
            usecases::campaigns::split(conn, ctx, &comment).map(|_| ())
        })
        .await;
    match result {
        Ok(()) => see_other(&with_notice(&back, "separado")),
        Err(e) => failure(&state, &e, &back),
    }
}

/// `POST /gestion/moderacion/reagrupar` (fields `consultation`, `back`): the consultation's
/// campaigns recomputed from scratch with the setting `campaign_similarity`, audited.
pub async fn regroup(
    signed: SignedForm<can::Moderate>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let (s, form) = signed.into_inner();
    let back = back_of(&form);
    let consultation = form.get("consultation");
    let threshold = state.settings.campaign_similarity;
    let result = state
        .audited(s.user.actor(), state.clock.now(), move |conn, ctx| {
            usecases::campaigns::rebuild(conn, ctx, &consultation, threshold, &mut |_, _| {})
                .map(|_| ())
        })
        .await;
    match result {
        Ok(()) => see_other(&with_notice(&back, "reagrupado")),
        Err(e) => failure(&state, &e, &back),
    }
}
