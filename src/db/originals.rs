//! Storage of the scanned originals of comments received on paper (issue 37).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::QueryResult;
use serde::Serialize;

use super::schema_reach::comment_originals;
use super::DbConnection;

/// An original without its bytes.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = comment_originals)]
pub struct OriginalMeta {
    /// The comment.
    pub comment_id: String,
    /// The file's name as sent.
    pub filename: String,
    /// Its detected type (`application/pdf`, `image/png`, `image/jpeg`).
    pub content_type: String,
    /// Bytes.
    pub size: i64,
    /// SHA-256, hex.
    pub sha256: String,
    /// Who attached it (user id).
    pub uploaded_by: String,
    /// When.
    #[serde(serialize_with = "crate::domain::time::naive_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub uploaded_at: NaiveDateTime,
}

/// An original to store.
#[derive(Insertable)]
#[diesel(table_name = comment_originals)]
pub struct NewOriginal<'a> {
    /// The comment.
    pub comment_id: &'a str,
    /// File name.
    pub filename: &'a str,
    /// Type.
    pub content_type: &'a str,
    /// Bytes.
    pub size: i64,
    /// SHA-256.
    pub sha256: &'a str,
    /// The file.
    pub content: &'a [u8],
    /// Who.
    pub uploaded_by: &'a str,
    /// When.
    pub uploaded_at: NaiveDateTime,
}

/// Stores an original.
pub fn insert(conn: &mut DbConnection, row: &NewOriginal<'_>) -> QueryResult<()> {
    diesel::insert_into(comment_originals::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// A comment's original, without its bytes.
pub fn meta(conn: &mut DbConnection, comment_id: &str) -> QueryResult<Option<OriginalMeta>> {
    comment_originals::table
        .find(comment_id)
        .select(OriginalMeta::as_select())
        .first(conn)
        .optional()
}

/// A comment's original with its bytes.
pub fn file(
    conn: &mut DbConnection,
    comment_id: &str,
) -> QueryResult<Option<(OriginalMeta, Vec<u8>)>> {
    comment_originals::table
        .find(comment_id)
        .select((OriginalMeta::as_select(), comment_originals::content))
        .first(conn)
        .optional()
}
