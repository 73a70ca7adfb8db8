//! The catalogue's ranked word search, on each backend's own full-text index (migration 000023):
//! FTS5 ranked by BM25 on SQLite, the `spanish` configuration ranked by `ts_rank` on PostgreSQL.
//! The name, code and unit weigh more than the description on both.

use diesel::prelude::*;
use diesel::sql_query;
use diesel::sql_types::{BigInt, Text};

use super::DbConnection;
use crate::domain::search;

/// One match.
#[derive(QueryableByName)]
struct Hit {
    #[diesel(sql_type = Text)]
    procedure_id: String,
}

/// The PostgreSQL expression the GIN index `procedures_words` is built on.
const PG_VECTOR: &str =
    "(setweight(to_tsvector('spanish', replace(search_text, '-', ' ')), 'A') || \
                         setweight(to_tsvector('spanish', description), 'B'))";

/// The ids of the procedures matching every term, best first, at most `limit`.
pub fn ranked_ids(
    conn: &mut DbConnection,
    terms: &[String],
    limit: i64,
) -> QueryResult<Vec<String>> {
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let hits: Vec<Hit> = match conn {
        DbConnection::Sqlite(c) => sql_query(
            "SELECT procedure_id FROM procedure_search WHERE procedure_search MATCH ? \
             ORDER BY bm25(procedure_search, 0.0, 10.0, 2.0), procedure_id LIMIT ?",
        )
        .bind::<Text, _>(search::fts5_query(terms))
        .bind::<BigInt, _>(limit)
        .load(c)?,
        DbConnection::Postgresql(c) => sql_query(format!(
            "SELECT id AS procedure_id FROM procedures, to_tsquery('spanish', $1) AS q \
             WHERE {PG_VECTOR} @@ q ORDER BY ts_rank({PG_VECTOR}, q) DESC, id LIMIT $2"
        ))
        .bind::<Text, _>(search::tsquery(terms))
        .bind::<BigInt, _>(limit)
        .load(c)?,
    };
    Ok(hits.into_iter().map(|h| h.procedure_id).collect())
}
