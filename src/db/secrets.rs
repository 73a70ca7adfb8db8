//! Service secrets kept in the database so every instance on one database shares them.

use diesel::prelude::*;

use super::schema::service_secrets;
use super::DbConnection;

/// Returns the secret `name`, storing `make()` first when there is none. Safe when several
/// instances start at once: the first insert wins and everyone reads the stored value.
pub fn get_or_create(
    conn: &mut DbConnection,
    name: &str,
    make: impl FnOnce() -> String,
) -> QueryResult<String> {
    let existing = service_secrets::table
        .find(name)
        .select(service_secrets::value)
        .first::<String>(conn)
        .optional()?;
    if let Some(value) = existing {
        return Ok(value);
    }
    let inserted = diesel::insert_into(service_secrets::table)
        .values((
            service_secrets::name.eq(name),
            service_secrets::value.eq(make()),
        ))
        .execute(conn);
    match inserted {
        Ok(_) => {}
        Err(e) if super::is_unique_violation(&e) => {}
        Err(e) => return Err(e),
    }
    service_secrets::table
        .find(name)
        .select(service_secrets::value)
        .first(conn)
}
