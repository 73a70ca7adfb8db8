//! `/gestion/usuarios` (admin): a table of the staff and their roles, one page to edit each
//! person and one to add a person, through the API's account use cases (so the last
//! administrator cannot be removed, and a block or a new password ends the person's sessions and
//! tokens at once). A refused form comes back on its own page with what was typed (not the
//! password) and each fault next to its field.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::{failure, labels, render, see_other, Nav};
use crate::db::users::{self as store, UserRow};
use crate::domain::access::can;
use crate::domain::error::FieldError;
use crate::domain::user::{CreateUser, PatchUser};
use crate::domain::Role;
use crate::server::AppState;
use crate::usecases::{self, AppError};
use crate::web::errors;
use crate::web::forms::Form;
use crate::web::staff::{SignedForm, Staff};

/// One person in the table.
pub struct Person {
    /// Their edit page.
    pub href: String,
    /// Login name.
    pub username: String,
    /// Name.
    pub name: String,
    /// Active.
    pub active: bool,
    /// Their roles in words.
    pub roles: String,
}

/// The table.
#[derive(Template)]
#[template(path = "gestion_usuarios.html")]
pub struct UsersPage {
    /// Header.
    pub nav: Nav,
    /// People.
    pub people: Vec<Person>,
}

/// A person's form, new or existing, as typed.
#[derive(Template)]
#[template(path = "gestion_usuario.html")]
pub struct PersonPage {
    /// Header.
    pub nav: Nav,
    /// The person edited; `None` for a new one.
    pub id: Option<String>,
    /// The heading.
    pub title: String,
    /// Login name.
    pub username: String,
    /// Name.
    pub display_name: String,
    /// E-mail.
    pub email: String,
    /// Active.
    pub active: bool,
    /// Each role: (key, words, held).
    pub roles: Vec<(&'static str, String, bool)>,
    /// Faults.
    pub errors: Vec<FieldError>,
}

impl PersonPage {
    /// The fault of a field, in words.
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| crate::words::problem(&e.problem))
    }
}

fn role_choices(held: &[Role]) -> Vec<(&'static str, String, bool)> {
    Role::ALL
        .iter()
        .map(|r| (r.as_str(), labels::role(r.as_str()), held.contains(r)))
        .collect()
}

fn person_page(nav: Nav, u: &UserRow) -> PersonPage {
    PersonPage {
        nav,
        id: Some(u.id.clone()),
        title: u.display_name.clone(),
        username: u.username.clone(),
        display_name: u.display_name.clone(),
        email: u.email.clone(),
        active: u.active,
        roles: role_choices(&u.role_list()),
        errors: Vec::new(),
    }
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
    let mut rows = match found {
        Ok(r) => r,
        Err(e) => return errors::from_error(&e),
    };
    rows.sort_by(|a, b| (!a.active, &a.display_name).cmp(&(!b.active, &b.display_name)));
    let people = rows
        .into_iter()
        .map(|u| Person {
            roles: u
                .role_list()
                .iter()
                .map(|r| labels::role(r.as_str()))
                .collect::<Vec<_>>()
                .join(", "),
            href: format!("/gestion/usuarios/{}", u.id),
            username: u.username,
            name: u.display_name,
            active: u.active,
        })
        .collect();
    render(
        StatusCode::OK,
        &UsersPage {
            nav: Nav::of(&s, "usuarios", &req),
            people,
        },
    )
}

/// `GET /gestion/usuarios/nuevo`.
pub async fn new_form(staff: Staff<can::ManageUsers>, req: HttpRequest) -> HttpResponse {
    let s = staff.into_inner();
    render(
        StatusCode::OK,
        &PersonPage {
            nav: Nav::of(&s, "usuarios", &req),
            id: None,
            title: crate::i18n::t("gestion-usuarios-nuevo-usuario"),
            username: String::new(),
            display_name: String::new(),
            email: String::new(),
            active: true,
            roles: role_choices(&[]),
            errors: Vec::new(),
        },
    )
}

/// `GET /gestion/usuarios/{id}`.
pub async fn edit_form(
    staff: Staff<can::ManageUsers>,
    req: HttpRequest,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let s = staff.into_inner();
    let Ok(id) = uuid::Uuid::parse_str(path.trim()).map(|u| u.to_string()) else {
        return errors::not_found();
    };
    let found = state
        .db(move |conn| Ok::<_, AppError>(store::find(conn, &id)?))
        .await;
    match found {
        Ok(Some(u)) => render(
            StatusCode::OK,
            &person_page(Nav::of(&s, "usuarios", &req), &u),
        ),
        Ok(None) => errors::not_found(),
        Err(e) => errors::from_error(&e),
    }
}

fn roles_of(form: &Form) -> Vec<Role> {
    Role::ALL
        .iter()
        .copied()
        .filter(|r| form.get(&format!("role_{}", r.as_str())) == "on")
        .collect()
}

/// The form again, as typed, with its faults (422); other refusals as the workspace shows them.
fn refused(state: &AppState, error: &AppError, mut page: PersonPage, back: &str) -> HttpResponse {
    match error {
        AppError::Validation(faults) => {
            page.errors = faults.clone();
            let mut res = render(StatusCode::UNPROCESSABLE_ENTITY, &page);
            super::no_store(&mut res);
            res
        }
        other => failure(state, other, back),
    }
}

/// `POST /gestion/usuarios`: a new person.
pub async fn create(
    signed: SignedForm<can::ManageUsers>,
    req: HttpRequest,
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
    let typed = PersonPage {
        nav: Nav::of(&s, "usuarios", &req),
        id: None,
        title: crate::i18n::t("gestion-usuarios-nuevo-usuario"),
        username: input.username.clone(),
        display_name: input.display_name.clone(),
        email: input.email.clone(),
        active: true,
        roles: role_choices(&input.roles),
        errors: Vec::new(),
    };
    let result = state
        .audited(s.user.actor(), state.clock.now(), move |conn, ctx| {
            usecases::accounts::create(conn, ctx, &input)
        })
        .await;
    match result {
        Ok(_) => see_other("/gestion/usuarios?hecho=usuario"),
        Err(e) => refused(&state, &e, typed, "/gestion/usuarios/nuevo"),
    }
}

/// `POST /gestion/usuarios/{id}`: roles, active, and optionally a new password.
pub async fn update(
    signed: SignedForm<can::ManageUsers>,
    req: HttpRequest,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let (s, form) = signed.into_inner();
    let Ok(id) = uuid::Uuid::parse_str(path.trim()).map(|u| u.to_string()) else {
        return errors::not_found();
    };
    let patch = PatchUser {
        roles: Some(roles_of(&form)),
        active: Some(matches!(form.get("active").as_str(), "si" | "on")),
        display_name: None,
        email: None,
        password: form.optional("password"),
    };
    let back = format!("/gestion/usuarios/{id}");
    let (active, roles) = (patch.active, patch.roles.clone().unwrap_or_default());
    let result = state
        .audited(s.user.actor(), state.clock.now(), {
            let id = id.clone();
            move |conn, ctx| usecases::accounts::update(conn, ctx, &id, &patch)
        })
        .await;
    let Err(e) = result else {
        return see_other("/gestion/usuarios?hecho=usuario");
    };
    let found = state
        .db(move |conn| Ok::<_, AppError>(store::find(conn, &id)?))
        .await;
    match found {
        Ok(Some(u)) => {
            let mut page = person_page(Nav::of(&s, "usuarios", &req), &u);
            page.active = active.unwrap_or(u.active);
            page.roles = role_choices(&roles);
            refused(&state, &e, page, &back)
        }
        _ => failure(&state, &e, "/gestion/usuarios"),
    }
}
