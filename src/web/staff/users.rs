//! `/gestion/usuarios` (admin): the staff, their roles, deactivation and new passwords, through
//! the API's account use cases (so the last administrator cannot be removed, and a block or a
//! new password ends the person's sessions and tokens at once).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::{failure, labels, render, see_other, Nav};
use crate::db::users as store;
use crate::domain::access::can;
use crate::domain::user::{CreateUser, PatchUser};
use crate::domain::Role;
use crate::server::AppState;
use crate::usecases::{self, AppError};
use crate::web::errors;
use crate::web::forms::Form;
use crate::web::staff::{SignedForm, Staff};

/// One person as listed.
pub struct Person {
    /// Id.
    pub id: String,
    /// Login name.
    pub username: String,
    /// Name.
    pub name: String,
    /// Active.
    pub active: bool,
    /// Each role: (key, words, held).
    pub roles: Vec<(&'static str, String, bool)>,
}

/// The page.
#[derive(Template)]
#[template(path = "gestion_usuarios.html")]
pub struct UsersPage {
    /// Header.
    pub nav: Nav,
    /// People.
    pub people: Vec<Person>,
    /// Roles for the new-user form: (key, words).
    pub roles: Vec<(&'static str, String)>,
}

/// `GET /gestion/usuarios`.
pub async fn list(
    staff: Staff<can::ManageUsers>,
    req: HttpRequest,
    state: web::Data<AppState>,
) -> HttpResponse {
    let s = staff.into_inner();
    let found = state
        .db(|conn| Ok::<_, AppError>(store::page(conn, None, 1000)?))
        .await;
    let rows = match found {
        Ok(r) => r,
        Err(e) => return errors::from_error(&e),
    };
    let people = rows
        .into_iter()
        .map(|u| Person {
            roles: Role::ALL
                .iter()
                .map(|r| (r.as_str(), labels::role(r.as_str()), u.has(*r)))
                .collect(),
            id: u.id,
            username: u.username,
            name: u.display_name,
            active: u.active,
        })
        .collect();
    let roles = Role::ALL
        .iter()
        .map(|r| (r.as_str(), labels::role(r.as_str())))
        .collect();
    render(
        StatusCode::OK,
        &UsersPage {
            nav: Nav::of(&s, "usuarios", &req),
            people,
            roles,
        },
    )
}

fn roles_of(form: &Form) -> Vec<Role> {
    Role::ALL
        .iter()
        .copied()
        .filter(|r| form.get(&format!("role_{}", r.as_str())) == "on")
        .collect()
}

/// `POST /gestion/usuarios`: a new person.
pub async fn create(
    signed: SignedForm<can::ManageUsers>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let (s, form) = signed.into_inner();
    let input = CreateUser {
        username: form.get("username").trim().to_string(),
        display_name: form.get("display_name"),
        email: form.get("email").trim().to_string(),
        password: form.get("password"),
        roles: roles_of(&form),
    };
    let result = state
        .audited(s.user.actor(), state.clock.now(), move |conn, ctx| {
            usecases::accounts::create(conn, ctx, &input)
        })
        .await;
    match result {
        Ok(_) => see_other("/gestion/usuarios?hecho=usuario"),
        Err(e) => failure(&state, &e, "/gestion/usuarios"),
    }
}

/// `POST /gestion/usuarios/{id}`: roles, active, and optionally a new password.
pub async fn update(
    signed: SignedForm<can::ManageUsers>,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let (s, form) = signed.into_inner();
    let Ok(id) = uuid::Uuid::parse_str(path.trim()).map(|u| u.to_string()) else {
        return errors::not_found();
    };
    let patch = PatchUser {
        roles: Some(roles_of(&form)),
        active: Some(form.get("active") == "on"),
        display_name: None,
        email: None,
        password: form.optional("password"),
    };
    let result = state
        .audited(s.user.actor(), state.clock.now(), move |conn, ctx| {
            usecases::accounts::update(conn, ctx, &id, &patch)
        })
        .await;
    match result {
        Ok(_) => see_other("/gestion/usuarios?hecho=usuario"),
        Err(e) => failure(&state, &e, "/gestion/usuarios"),
    }
}
