//! Who is calling: bearer-token extractors that check identity and role before anything else.

use crate::domain::error::Problem;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};

use crate::db::users::UserRow;
use crate::server::AppState;
use crate::usecases::AppError;

pub use crate::domain::access::can::{
    ExtendConsultation as Extenders, ManageUsers as Admins, Moderate as Moderators,
    ReadAudit as AuditReaders, Simplify as CommitteeMembers, Work as AnyStaff,
};
use crate::domain::access::Acting;

/// A signed-in, active user holding one of `R`'s roles.
#[derive(Debug)]
pub struct Authed<R: Acting> {
    /// The user, as stored now (roles and `active` are read on every request).
    pub user: UserRow,
    _roles: PhantomData<R>,
}

/// The bearer token of a request, if any.
fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_string())
}

/// Checks the token and loads its user; roles are checked by the caller.
pub async fn authenticate(req: &HttpRequest) -> Result<UserRow, AppError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| AppError::Internal("application state missing".into()))?
        .clone();
    let token =
        bearer(req).ok_or_else(|| AppError::Unauthorized(Problem::new("detalle-falta-token")))?;
    let claims = state
        .tokens
        .check(&token, state.clock.now())
        .ok_or_else(|| AppError::Unauthorized(Problem::new("detalle-token-invalido")))?;
    let (sub, version) = (claims.sub, claims.ver);
    let user = state
        .db(move |conn| Ok(crate::db::users::find(conn, &sub)?))
        .await?;
    match user {
        // A password change or a block since the token was issued ends it.
        Some(user) if user.active && user.token_version == version => Ok(user),
        _ => Err(AppError::Unauthorized(Problem::new(
            "detalle-cuenta-bloqueada",
        ))),
    }
}

impl<R: Acting + 'static> FromRequest for Authed<R> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let user = authenticate(&req).await?;
            if !user.may(R::ACT) {
                return Err(AppError::Forbidden(R::ACT.needs()));
            }
            Ok(Authed {
                user,
                _roles: PhantomData,
            })
        })
    }
}
