//! Staff accounts in the database.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::users;
use super::DbConnection;
use crate::domain::{roles_from_text, Role};

/// A stored user.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = users)]
pub struct UserRow {
    /// Id (UUID).
    pub id: String,
    /// Login name.
    pub username: String,
    /// Shown name.
    pub display_name: String,
    /// E-mail.
    pub email: String,
    /// argon2id PHC string.
    pub password_hash: String,
    /// Roles, sorted, comma-separated.
    pub roles: String,
    /// False blocks the account.
    pub active: bool,
    /// Created (UTC).
    pub created_at: NaiveDateTime,
    /// Updated (UTC).
    pub updated_at: NaiveDateTime,
    /// Tokens carry the version they were issued under; a password change or a block moves
    /// it on, so older tokens stop working (and do not come back on reactivation).
    pub token_version: i32,
}

impl UserRow {
    /// The roles held.
    pub fn role_list(&self) -> Vec<Role> {
        roles_from_text(&self.roles)
    }

    /// True when the user holds `role`.
    pub fn has(&self, role: Role) -> bool {
        self.role_list().contains(&role)
    }

    /// The user as one who acts: id and roles.
    pub fn actor(&self) -> crate::domain::access::Actor {
        crate::domain::access::Actor {
            id: self.id.clone(),
            roles: self.role_list(),
        }
    }

    /// Whether the user may do `act` (the core's table).
    pub fn may(&self, act: crate::domain::access::Act) -> bool {
        act.allowed(&self.role_list())
    }
}

/// Finds a user by id.
pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<UserRow>> {
    users::table
        .find(id)
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

/// Finds a user by login name.
pub fn find_by_username(conn: &mut DbConnection, username: &str) -> QueryResult<Option<UserRow>> {
    users::table
        .filter(users::username.eq(username))
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

/// Counts users.
pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    users::table.count().get_result(conn)
}

/// Inserts a user.
pub fn insert(conn: &mut DbConnection, row: &UserRow) -> QueryResult<()> {
    diesel::insert_into(users::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// Saves every field of a user.
pub fn update(conn: &mut DbConnection, row: &UserRow) -> QueryResult<()> {
    diesel::update(users::table.find(&row.id))
        .set(row)
        .execute(conn)
        .map(|_| ())
}

/// A page of users ordered by id, after `cursor`.
pub fn page(conn: &mut DbConnection, after: Option<&str>, limit: i64) -> QueryResult<Vec<UserRow>> {
    let mut query = users::table
        .select(UserRow::as_select())
        .order(users::id.asc())
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(users::id.gt(after.to_string()));
    }
    query.limit(limit).load(conn)
}

/// Active users holding `role`.
pub fn active_with_role(conn: &mut DbConnection, role: Role) -> QueryResult<Vec<UserRow>> {
    let rows: Vec<UserRow> = users::table
        .filter(users::active.eq(true))
        .filter(users::roles.like(format!("%{}%", role.as_str())))
        .select(UserRow::as_select())
        .load(conn)?;
    Ok(rows.into_iter().filter(|u| u.has(role)).collect())
}
