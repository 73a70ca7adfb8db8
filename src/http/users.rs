//! Staff accounts: `POST/GET /api/v1/users`, `PATCH /api/v1/users/{id}`, `GET /api/v1/me`.

use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::auth::{Admins, AnyStaff, Authed};
use super::pagination::{Page, PageRequest};
use crate::db::users;
use crate::db::users::UserRow;
use crate::domain::user::{CreateUser, PatchUser};
use crate::domain::Role;
use crate::server::json::read_json;
use crate::server::AppState;
use crate::usecases::accounts;
use crate::usecases::AppError;

/// A user as the API shows it (never the password hash).
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct UserView {
    /// Id.
    pub id: String,
    /// Login name.
    pub username: String,
    /// Shown name.
    pub display_name: String,
    /// E-mail.
    pub email: String,
    /// Roles held.
    pub roles: Vec<Role>,
    /// False when blocked.
    pub active: bool,
    /// Created (UTC).
    #[serde(serialize_with = "crate::domain::time::naive_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: chrono::NaiveDateTime,
    /// Updated (UTC).
    #[serde(serialize_with = "crate::domain::time::naive_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: chrono::NaiveDateTime,
}

impl From<UserRow> for UserView {
    fn from(u: UserRow) -> Self {
        UserView {
            roles: u.role_list(),
            id: u.id,
            username: u.username,
            display_name: u.display_name,
            email: u.email,
            active: u.active,
            created_at: u.created_at,
            updated_at: u.updated_at,
        }
    }
}

/// Page parameters.
#[derive(Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
    /// Page size (default 50, at most 200).
    pub limit: Option<String>,
    /// Cursor from the previous page.
    pub cursor: Option<String>,
}

/// Creates a staff account (admin).
#[utoipa::path(tag = "identity", request_body = CreateUser, security(("bearer" = [])), responses(
    (status = 201, body = UserView), (status = 401), (status = 403), (status = 409), (status = 422)
))]
#[post("/users")]
pub async fn create_user(
    who: Authed<Admins>,
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let input: CreateUser = read_json(&req, body, state.settings.json_limit_bytes).await?;
    let now = state.clock.now();
    let row = state
        .audited(who.user.actor(), now, move |conn, ctx| {
            accounts::create(conn, ctx, &input)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/users/{}", row.id)))
        .json(UserView::from(row)))
}

/// Lists staff accounts (admin).
#[utoipa::path(tag = "identity", params(ListQuery), security(("bearer" = [])), responses(
    (status = 200, body = Page<UserView>), (status = 401), (status = 403)
))]
#[get("/users")]
pub async fn list_users(
    _who: Authed<Admins>,
    query: web::Query<ListQuery>,
    state: web::Data<AppState>,
) -> Result<web::Json<Page<UserView>>, AppError> {
    let page = PageRequest::parse(query.limit.as_deref(), query.cursor.as_deref())?;
    let request = page.clone();
    let rows = state
        .db(move |conn| {
            Ok(users::page(
                conn,
                request.after.as_deref(),
                request.fetch(),
            )?)
        })
        .await?;
    Ok(web::Json(Page::from_rows(
        rows,
        &page,
        |u| u.id.clone(),
        UserView::from,
    )))
}

/// Changes a staff account's roles, `active`, name, e-mail or password (admin).
#[utoipa::path(tag = "identity", request_body = PatchUser, params(("id" = String, Path)),
    security(("bearer" = [])), responses(
    (status = 200, body = UserView), (status = 401), (status = 403), (status = 404), (status = 409), (status = 422)
))]
#[patch("/users/{id}")]
pub async fn patch_user(
    who: Authed<Admins>,
    path: web::Path<String>,
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> Result<web::Json<UserView>, AppError> {
    let id = super::procedures::parse_id(&path, "user")?;
    let input: PatchUser = read_json(&req, body, state.settings.json_limit_bytes).await?;
    let now = state.clock.now();
    let row = state
        .audited(who.user.actor(), now, move |conn, ctx| {
            accounts::update(conn, ctx, &id, &input)
        })
        .await?;
    Ok(web::Json(UserView::from(row)))
}

/// The signed-in user.
#[utoipa::path(tag = "identity", security(("bearer" = [])), responses(
    (status = 200, body = UserView), (status = 401)
))]
#[get("/me")]
pub async fn me(who: Authed<AnyStaff>) -> web::Json<UserView> {
    web::Json(UserView::from(who.user))
}

/// Registers the routes.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(create_user)
        .service(list_users)
        .service(patch_user)
        .service(me);
}
