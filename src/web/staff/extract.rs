//! The workspace's extractors: a handler names what it needs (`Staff<can::Simplify>`, a
//! `SignedForm<can::Moderate>`) and gets it, or the answer to give (to sign in, 403, the
//! refused form) goes back before the handler runs. Who may do what is the core's table.

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::error::InternalError;
use actix_web::{web, FromRequest, HttpRequest, HttpResponse};

use super::{changing_form, session_with};
use crate::domain::access::Acting;
use crate::server::AppState;
use crate::usecases::sessions::Session;
use crate::web::forms::Form;

/// An answer given in place of the handler's (a page already made).
pub fn halt(res: HttpResponse) -> actix_web::Error {
    InternalError::from_response("answered before the handler", res).into()
}

fn state_of(req: &HttpRequest) -> Result<web::Data<AppState>, actix_web::Error> {
    req.app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| halt(HttpResponse::InternalServerError().finish()))
}

/// The session of a signed-in member of staff who may do `A`.
pub struct Staff<A: Acting>(Session, PhantomData<A>);

impl<A: Acting> Staff<A> {
    /// The session.
    pub fn into_inner(self) -> Session {
        self.0
    }
}

impl<A: Acting + 'static> FromRequest for Staff<A> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let state = state_of(&req)?;
            let s = session_with(&req, &state, A::ACT).await.map_err(halt)?;
            Ok(Staff(s, PhantomData))
        })
    }
}

/// A changing form of a member of staff who may do `A`: the session first, then the form's
/// CSRF token, before anything else is read.
pub struct SignedForm<A: Acting>(Session, Form, PhantomData<A>);

impl<A: Acting> SignedForm<A> {
    /// The session and the form.
    pub fn into_inner(self) -> (Session, Form) {
        (self.0, self.1)
    }
}

impl<A: Acting + 'static> FromRequest for SignedForm<A> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let body = web::Payload::from_request(&req, payload).into_inner();
        Box::pin(async move {
            let state = state_of(&req)?;
            let body = body?;
            let (s, form) = changing_form(&req, body, &state, A::ACT)
                .await
                .map_err(halt)?;
            Ok(SignedForm(s, form, PhantomData))
        })
    }
}

/// The procedure a workspace address names (`/gestion/tramites/{id}…`): its id, when the path
/// holds a UUID (any other text names nothing: the 404 page), and the address of its page, where
/// a form goes back. Name it after `Staff`/`SignedForm`, so the session is checked first.
pub struct ProcedureId {
    /// The id.
    pub id: String,
    /// `/gestion/tramites/{id}`.
    pub back: String,
}

impl FromRequest for ProcedureId {
    type Error = actix_web::Error;
    type Future = std::future::Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let id = req
            .match_info()
            .get("id")
            .and_then(|raw| uuid::Uuid::parse_str(raw.trim()).ok())
            .map(|u| u.to_string());
        std::future::ready(match id {
            Some(id) => Ok(ProcedureId {
                back: format!("/gestion/tramites/{id}"),
                id,
            }),
            None => Err(halt(crate::web::errors::not_found())),
        })
    }
}
