//! Citizens' e-mail subscriptions to a procedure's consultations.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::subscriptions;
use super::DbConnection;

/// A stored subscription.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = subscriptions)]
pub struct SubscriptionRow {
    /// Id.
    pub id: String,
    /// The procedure followed.
    pub procedure_id: String,
    /// Where notices go (never shown).
    pub email: String,
    /// Secret of the confirmation and unsubscribe links.
    pub token: String,
    /// When the citizen confirmed (double opt-in).
    pub confirmed_at: Option<NaiveDateTime>,
    /// When the citizen left.
    pub unsubscribed_at: Option<NaiveDateTime>,
    /// When it was asked for.
    pub created_at: NaiveDateTime,
}

/// The live (not cancelled) subscription of `email` to a procedure, if any.
pub fn live(
    conn: &mut DbConnection,
    procedure_id: &str,
    email: &str,
) -> QueryResult<Option<SubscriptionRow>> {
    subscriptions::table
        .filter(subscriptions::procedure_id.eq(procedure_id))
        .filter(subscriptions::email.eq(email))
        .filter(subscriptions::unsubscribed_at.is_null())
        .select(SubscriptionRow::as_select())
        .first(conn)
        .optional()
}

/// Stores a new subscription.
pub fn insert(conn: &mut DbConnection, row: &SubscriptionRow) -> QueryResult<()> {
    diesel::insert_into(subscriptions::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// The subscription a link's token names.
pub fn by_token(conn: &mut DbConnection, token: &str) -> QueryResult<Option<SubscriptionRow>> {
    subscriptions::table
        .filter(subscriptions::token.eq(token))
        .select(SubscriptionRow::as_select())
        .first(conn)
        .optional()
}

/// Marks a subscription confirmed at `at`.
pub fn confirm(conn: &mut DbConnection, id: &str, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(subscriptions::table.find(id))
        .set(subscriptions::confirmed_at.eq(Some(at)))
        .execute(conn)
        .map(|_| ())
}

/// Marks a subscription cancelled at `at`.
pub fn cancel(conn: &mut DbConnection, id: &str, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(subscriptions::table.find(id))
        .set(subscriptions::unsubscribed_at.eq(Some(at)))
        .execute(conn)
        .map(|_| ())
}

/// Confirmed, not cancelled subscriptions to a procedure.
pub fn confirmed_for(
    conn: &mut DbConnection,
    procedure_id: &str,
) -> QueryResult<Vec<SubscriptionRow>> {
    subscriptions::table
        .filter(subscriptions::procedure_id.eq(procedure_id))
        .filter(subscriptions::confirmed_at.is_not_null())
        .filter(subscriptions::unsubscribed_at.is_null())
        .select(SubscriptionRow::as_select())
        .load(conn)
}
