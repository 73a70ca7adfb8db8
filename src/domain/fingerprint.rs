//! Hashes of fields that the audit chain and the idempotency check compare: several optional
//! texts in one SHA-256, each length-prefixed so that no two different lists hash alike.

use sha2::{Digest, Sha256};

/// The SHA-256 that `comment.received` records of a comment's sender: name, organisation and
/// e-mail, each length-prefixed (absent fields as a zero byte).
pub fn sender_sha256(
    author_name: Option<&str>,
    organization: Option<&str>,
    email: Option<&str>,
) -> String {
    hex::encode(fields_sha256(&[author_name, organization, email]))
}

/// SHA-256 of optional fields, each length-prefixed behind a 1 (an absent one a lone 0), so
/// that no two different lists hash alike.
pub fn fields_sha256(fields: &[Option<&str>]) -> [u8; 32] {
    let mut h = Sha256::new();
    for field in fields {
        match field {
            Some(p) => {
                h.update([1]);
                h.update((p.len() as u64).to_le_bytes());
                h.update(p.as_bytes());
            }
            None => h.update([0]),
        }
    }
    h.finalize().into()
}

/// What makes two comment submissions the same request: the text and the fields sent with it.
/// A comment on no article with no proposed wording hashes as before drafts had articles.
pub fn comment_request(
    body: &str,
    author_name: Option<&str>,
    email: Option<&str>,
    organization: Option<&str>,
    on: (Option<&str>, Option<&str>),
) -> [u8; 32] {
    match on {
        (None, None) => fields_sha256(&[Some(body), author_name, email, organization]),
        (article, proposed) => fields_sha256(&[
            Some(body),
            author_name,
            email,
            organization,
            article,
            proposed,
        ]),
    }
}
