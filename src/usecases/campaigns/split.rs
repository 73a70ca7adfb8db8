//! Splitting a comment out of its campaign, when it adds an argument of its own.

use crate::audit::Context;
use crate::db::consultations::CommentRow;
use crate::db::{counts, write_tx, DbConnection};
use crate::domain::status::CommentStatus;
use crate::usecases::comments::find_comment;
use crate::usecases::error::AppError;

/// The group key of a comment split out of its campaign: its own, whatever its text.
pub fn split_key(comment_id: &str) -> String {
    format!("aparte-{comment_id}")
}

/// Moves a comment into a campaign of its own (the Committee), audited as `comment.split`; its
/// moderation stays, its campaign's answer does not follow it. A comment alone already is
/// returned unchanged. A later rebuild regroups it by its text again.
pub fn split(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    comment_id: &str,
) -> Result<CommentRow, AppError> {
    crate::usecases::error::authorize(ctx, crate::domain::access::Act::Moderate)?;
    write_tx(conn, |conn| {
        let mut c = find_comment(conn, comment_id)?;
        let members = crate::db::campaign_reads::members(conn, &c.consultation_id, &c.group_key)?;
        if members.len() <= 1 {
            return Ok(c);
        }
        let from = std::mem::replace(&mut c.group_key, split_key(&c.id));
        let to = (c.group_key.as_str(), c.id.as_str());
        crate::db::campaigns::set_group(conn, &c.consultation_id, to, &[&c.id])?;
        crate::db::campaigns::bump_generation(conn, &c.consultation_id)?;
        super::forget_buckets([c.consultation_id.as_str()]);
        let published = i64::from(c.status == CommentStatus::Published.as_str());
        counts::add_to_group(conn, &c.consultation_id, &from, -1, -published)?;
        counts::add_to_group(conn, &c.consultation_id, &c.group_key, 1, published)?;
        let was_answered = counts::group_answered(conn, &c.consultation_id, &from)?;
        let delta = counts::Delta {
            distinct: 1,
            answered: if was_answered { -published } else { 0 },
            ..Default::default()
        };
        counts::add(conn, &c.consultation_id, delta)?;
        let data = serde_json::json!({"consultation_id": c.consultation_id, "from": from, "to": c.group_key});
        ctx.record(conn, "comment.split", "comment", &c.id, data)?;
        Ok(c)
    })
}
