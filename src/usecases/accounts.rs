//! Staff accounts: creation and changes, shared by the API, the CLI and first start.
//! Each change is validated, written and audited in one transaction.

use crate::domain::error::Problem;
use chrono::{DateTime, Utc};

use super::error::AppError;
use crate::audit::{AuditKeys, Context};
use crate::auth::password;
use crate::db::users::{self, UserRow};
use crate::db::{write_tx, DbConnection};
use crate::domain::user::{CreateUser, PatchUser};
use crate::domain::{roles_to_text, Role};

fn user_audit_data(u: &UserRow) -> serde_json::Value {
    serde_json::json!({"username": u.username, "roles": u.roles, "active": u.active})
}

/// Creates a user; 409 `duplicate_username` when the name is taken.
pub fn create(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    input: &CreateUser,
) -> Result<UserRow, AppError> {
    crate::usecases::error::authorize(ctx, crate::domain::access::Act::ManageUsers)?;
    input.validate().map_err(AppError::Validation)?;
    let row = new_row(input, ctx.now)?;
    write_tx(conn, |conn| {
        if users::find_by_username(conn, &row.username)?.is_some() {
            return Err(duplicate(&row.username));
        }
        insert_audited(conn, ctx, &row)?;
        Ok(row.clone())
    })
}

/// A new active user row with the password hashed (done before any transaction opens,
/// so the slow hash never holds the database's write lock).
fn new_row(input: &CreateUser, now: DateTime<Utc>) -> Result<UserRow, AppError> {
    let password_hash =
        password::hash(&input.password).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(UserRow {
        id: uuid::Uuid::now_v7().to_string(),
        username: input.username.clone(),
        display_name: input.display_name.trim().to_string(),
        email: input.email.clone(),
        password_hash,
        roles: roles_to_text(&input.roles),
        active: true,
        created_at: now.naive_utc(),
        updated_at: now.naive_utc(),
        token_version: 0,
    })
}

fn insert_audited(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    row: &UserRow,
) -> Result<(), AppError> {
    users::insert(conn, row).map_err(|e| {
        if crate::db::is_unique_violation(&e) {
            duplicate(&row.username)
        } else {
            e.into()
        }
    })?;
    ctx.record(conn, "user.created", "user", &row.id, user_audit_data(row))?;
    Ok(())
}

fn duplicate(username: &str) -> AppError {
    AppError::conflict(
        "duplicate_username",
        Problem::new("conflicto-duplicate-username").with("usuario", username),
    )
}

/// Changes roles, `active`, name, e-mail or password. Refuses (409 `last_admin`) a change
/// that would leave no active administrator.
pub fn update(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    id: &str,
    patch: &PatchUser,
) -> Result<UserRow, AppError> {
    crate::usecases::error::authorize(ctx, crate::domain::access::Act::ManageUsers)?;
    patch.validate().map_err(AppError::Validation)?;
    let new_hash = match &patch.password {
        Some(p) => Some(password::hash(p).map_err(|e| AppError::Internal(e.to_string()))?),
        None => None,
    };
    write_tx(conn, |conn| {
        let mut row =
            users::find(conn, id)?.ok_or_else(|| AppError::not_found("inexistente-usuario"))?;
        let was_admin = row.active && row.has(Role::Admin);
        if let Some(roles) = &patch.roles {
            row.roles = roles_to_text(roles);
        }
        if let Some(active) = patch.active {
            row.active = active;
        }
        if let Some(name) = &patch.display_name {
            row.display_name = name.trim().to_string();
        }
        if let Some(email) = &patch.email {
            row.email = email.clone();
        }
        if let Some(hash) = &new_hash {
            row.password_hash = hash.clone();
        }
        if was_admin && !(row.active && row.has(Role::Admin)) {
            let others = users::active_with_role(conn, Role::Admin)?
                .into_iter()
                .filter(|u| u.id != row.id)
                .count();
            if others == 0 {
                return Err(AppError::conflict(
                    "last_admin",
                    Problem::new("conflicto-last-admin"),
                ));
            }
        }
        // A new password or a block ends every token issued before it; reactivating an
        // account does not bring them back.
        if new_hash.is_some() || patch.active == Some(false) {
            row.token_version += 1;
            crate::db::sessions::end_all_of(conn, &row.id, ctx.now.naive_utc())?;
        }
        row.updated_at = ctx.now.naive_utc();
        users::update(conn, &row)?;
        let mut data = user_audit_data(&row);
        data["password_changed"] = serde_json::json!(new_hash.is_some());
        ctx.record(conn, "user.updated", "user", &row.id, data)?;
        Ok(row)
    })
}

/// Creates the `admin` user when there are no users. Returns the password when it was
/// generated (so the caller prints it once), `None` when taken from settings or nothing was done.
pub fn bootstrap_admin(
    conn: &mut DbConnection,
    keys: &AuditKeys,
    now: DateTime<Utc>,
    configured: Option<&str>,
) -> Result<Option<String>, AppError> {
    if users::count(conn)? > 0 {
        return Ok(None);
    }
    let generated = configured.is_none().then(|| password::random_secret(15));
    let secret = configured
        .map(str::to_string)
        .or_else(|| generated.clone())
        .unwrap_or_default();
    let input = CreateUser {
        username: "admin".into(),
        display_name: "Administrador".into(),
        email: "admin@localhost.localdomain".into(),
        password: secret,
        roles: vec![Role::Admin],
    };
    // The configured password is the operator's choice: its length is not second-guessed.
    let row = new_row(&input, now)?;
    let created = write_tx(conn, |conn| {
        if users::count(conn)? > 0 {
            return Ok(false);
        }
        insert_audited(
            conn,
            &Context {
                keys,
                now,
                actor: "system",
                roles: crate::domain::Role::ALL,
            },
            &row,
        )?;
        Ok::<_, AppError>(true)
    });
    match created {
        Ok(true) => Ok(generated),
        Ok(false) => Ok(None),
        // Another instance created it at the same moment.
        Err(AppError::Conflict { .. }) if users::find_by_username(conn, "admin")?.is_some() => {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}
