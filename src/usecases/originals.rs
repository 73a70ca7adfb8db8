//! The scanned original of a comment the Committee typed in (issue 37): attached once, to a
//! comment that did not come through the web, audited with its SHA-256, read only by staff.

use sha2::{Digest, Sha256};

use super::error::{authorize, AppError};
use crate::audit::Context;
use crate::db::originals::{self as store, NewOriginal, OriginalMeta};
use crate::db::{write_tx, DbConnection};
use crate::domain::access::Act;
use crate::domain::error::Problem;

/// A scan as received: file name, detected type, bytes.
pub type Scan<'a> = (&'a str, &'a str, &'a [u8]);

/// Attaches the original of comment `comment_id`: 404 for no such comment, 409
/// `comment_not_assisted` for a comment from the web, 409 `original_exists` once attached.
pub fn attach(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    comment_id: &str,
    (filename, content_type, bytes): Scan<'_>,
) -> Result<OriginalMeta, AppError> {
    authorize(ctx, Act::Moderate)?;
    write_tx(conn, |conn| {
        let c = super::comments::find_comment(conn, comment_id)?;
        let assisted = crate::db::reach::origin(conn, &c.id)?
            .is_some_and(|o| o.channel != crate::domain::reach::CommentChannel::Web.as_str());
        if !assisted {
            return Err(AppError::conflict(
                "comment_not_assisted",
                Problem::new("conflicto-comment-not-assisted"),
            ));
        }
        if store::meta(conn, &c.id)?.is_some() {
            return Err(AppError::conflict(
                "original_exists",
                Problem::new("conflicto-original-exists"),
            ));
        }
        let sha256 = hex::encode(Sha256::digest(bytes));
        store::insert(
            conn,
            &NewOriginal {
                comment_id: &c.id,
                filename,
                content_type,
                size: bytes.len() as i64,
                sha256: &sha256,
                content: bytes,
                uploaded_by: ctx.actor,
                uploaded_at: ctx.now.naive_utc(),
            },
        )?;
        let data = serde_json::json!({
            "sha256": sha256, "size": bytes.len(), "content_type": content_type,
        });
        ctx.record(conn, "comment.original_attached", "comment", &c.id, data)?;
        store::meta(conn, &c.id)?.ok_or_else(|| AppError::Internal("original not stored".into()))
    })
}

/// A comment's original with its bytes, or 404.
pub fn file(
    conn: &mut DbConnection,
    comment_id: &str,
) -> Result<(OriginalMeta, Vec<u8>), AppError> {
    store::file(conn, comment_id)?.ok_or_else(|| AppError::not_found("inexistente-original"))
}
