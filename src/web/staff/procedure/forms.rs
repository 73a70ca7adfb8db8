//! Registering and editing a procedure from the workspace's forms.

use super::*;
use crate::domain::access::can;
use crate::web::staff::{ProcedureId, SignedForm, Staff};

/// `GET /gestion/tramites/nuevo`.
pub async fn new_form(
    staff: Staff<can::Simplify>,
    req: HttpRequest,
    _state: web::Data<AppState>,
) -> HttpResponse {
    let s = staff.into_inner();
    let f = FieldsForm {
        category: "general".into(),
        audience: "citizens".into(),
        channel: "in_person".into(),
        ..Default::default()
    };
    render(
        StatusCode::OK,
        &NewPage {
            nav: Nav::of(&s, "tablero", &req),
            f,
            choices: Choices::all(),
        },
    )
}

/// `POST /gestion/tramites/nuevo`: registers through the API's use case.
pub async fn register(
    signed: SignedForm<can::Simplify>,
    req: HttpRequest,
    state: web::Data<AppState>,
) -> HttpResponse {
    let (s, form) = signed.into_inner();
    let mut f = FieldsForm::read(&form);
    let again = |f: FieldsForm, status| {
        render(
            status,
            &NewPage {
                nav: Nav::of(&s, "tablero", &req),
                f,
                choices: Choices::all(),
            },
        )
    };
    let Some(input) = f.create_input() else {
        return again(f, StatusCode::UNPROCESSABLE_ENTITY);
    };
    let registry = state.workflows.clone();
    let result = state
        .audited(s.user.actor(), state.clock.now(), move |conn, ctx| {
            usecases::procedures::register(conn, ctx, &registry, &input)
        })
        .await;
    match result {
        Ok(p) => see_other(&format!("/gestion/tramites/{}?hecho=registrado", p.id)),
        Err(AppError::Validation(faults)) => {
            f.errors = faults;
            again(f, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(e @ AppError::Conflict { .. }) => {
            f.errors = vec![crate::domain::error::FieldError::new(
                "code",
                "campo-ya-existe-tramite-ese-codigo",
            )];
            let _ = e;
            again(f, StatusCode::CONFLICT)
        }
        Err(e) => failure(&state, &e, "/gestion/tramites/nuevo"),
    }
}

/// `POST /gestion/tramites/{id}/editar`: every field and the version seen.
pub async fn edit(
    signed: SignedForm<can::Simplify>,
    req: HttpRequest,
    target: ProcedureId,
    state: web::Data<AppState>,
) -> HttpResponse {
    let (s, form) = signed.into_inner();
    let ProcedureId { id, .. } = target;
    let mut f = FieldsForm::read(&form);
    let version: Option<i32> = f.version.trim().parse().ok();
    let patch = f.patch_input();
    let (status, message) = match (patch, version) {
        (Some(patch), Some(version)) => {
            let pid = id.clone();
            let result = state
                .audited(s.user.actor(), state.clock.now(), move |conn, ctx| {
                    usecases::procedures::edit(conn, ctx, &pid, Some(&[version]), &patch)
                })
                .await;
            match result {
                Ok(_) => return see_other(&format!("/gestion/tramites/{id}?hecho=guardado")),
                Err(AppError::VersionConflict(_)) => (
                    StatusCode::CONFLICT,
                    crate::i18n::t("tramite-version-cambio-formulario"),
                ),
                Err(AppError::Validation(faults)) => {
                    f.errors = faults;
                    (
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "Revise los campos marcados.".to_string(),
                    )
                }
                Err(e) => return failure(&state, &e, &format!("/gestion/tramites/{id}")),
            }
        }
        _ => (
            StatusCode::UNPROCESSABLE_ENTITY,
            "Revise los campos marcados.".to_string(),
        ),
    };
    // On a conflict the form keeps what was typed but carries the current version, so the
    // next save applies on top of the other person's change only when sent again.
    let current = if status == StatusCode::CONFLICT {
        let pid = id.clone();
        state
            .db(move |conn| usecases::procedures::find_procedure(conn, &pid))
            .await
            .ok()
            .map(|p| p.version.to_string())
    } else {
        None
    };
    if let Some(v) = current {
        f.version = v;
    }
    let o = Overrides {
        fields: Some(f),
        edit_error: Some(message),
        consultation: None,
    };
    match build(&state, &s, &req, id, o).await {
        Ok(page) => render(status, &page),
        Err(res) => res,
    }
}
