//! Staff accounts: the rules their fields follow.

use crate::domain::error::Problem;
use serde::Deserialize;

use super::{char_len, Role};
use crate::domain::error::FieldError;

/// Body of `POST /api/v1/users` (and `tramites user add`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateUser {
    /// 3–64 characters: lower-case letters, digits, `.`, `_`, `-`.
    pub username: String,
    /// Name shown to others, 1–200 characters.
    pub display_name: String,
    /// E-mail address for notifications.
    pub email: String,
    /// At least 8 characters; stored only as an argon2id hash.
    pub password: String,
    /// Roles held.
    #[serde(default)]
    pub roles: Vec<Role>,
}

impl std::fmt::Debug for CreateUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CreateUser")
            .field("username", &self.username)
            .field("roles", &self.roles)
            .finish_non_exhaustive()
    }
}

/// Body of `PATCH /api/v1/users/{id}`.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatchUser {
    /// Replaces the roles held.
    pub roles: Option<Vec<Role>>,
    /// False blocks the account (its tokens stop working at once).
    pub active: Option<bool>,
    /// New display name.
    pub display_name: Option<String>,
    /// New e-mail.
    pub email: Option<String>,
    /// New password.
    pub password: Option<String>,
}

/// Checks a username.
pub fn check_username(value: &str, errors: &mut Vec<FieldError>) {
    let ok = (3..=64).contains(&value.len())
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
    if !ok {
        errors.push(FieldError::new(
            "username",
            "campo-debe-tener-3-64-minusculas",
        ));
    }
}

/// Checks a display name.
pub fn check_display_name(value: &str, errors: &mut Vec<FieldError>) {
    let len = char_len(value.trim());
    if !(1..=200).contains(&len) {
        errors.push(FieldError::with(
            "display_name",
            Problem::new("campo-largo").with("min", 1).with("max", 200),
        ));
    }
}

/// Checks an e-mail address (the shape only; delivery proves the rest).
pub fn check_email(value: &str, errors: &mut Vec<FieldError>) {
    let ok = value.len() <= 254
        && !value.contains(char::is_whitespace)
        && value.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
        });
    if !ok {
        errors.push(FieldError::new(
            "email",
            "campo-debe-ser-correo-como-nombre",
        ));
    }
}

/// Checks a new password.
pub fn check_password(value: &str, errors: &mut Vec<FieldError>) {
    let len = char_len(value);
    if !(8..=256).contains(&len) {
        errors.push(FieldError::with(
            "password",
            Problem::new("campo-largo").with("min", 8).with("max", 256),
        ));
    }
}

impl CreateUser {
    /// Validates every field, reporting all faults.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        check_username(&self.username, &mut errors);
        check_display_name(&self.display_name, &mut errors);
        check_email(&self.email, &mut errors);
        check_password(&self.password, &mut errors);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

impl PatchUser {
    /// Validates the fields present.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        if let Some(v) = &self.display_name {
            check_display_name(v, &mut errors);
        }
        if let Some(v) = &self.email {
            check_email(v, &mut errors);
        }
        if let Some(v) = &self.password {
            check_password(v, &mut errors);
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_and_emails() {
        let mut e = Vec::new();
        check_username("ana.lopez", &mut e);
        check_email("ana@mintrabajo.gob.gt", &mut e);
        assert!(e.is_empty());
        check_username("Ana López", &mut e);
        check_email("ana@", &mut e);
        check_email("a b@c.d", &mut e);
        assert_eq!(e.len(), 3);
    }
}
