//! The users pages (issue 35, staff 9, 3 and 10): a table of people and roles with one edit page
//! each, the password rule stated, "Activo" apart from the roles, required fields marked, and a
//! refused form back on its own page with what was typed.

use reqwest::StatusCode;

use crate::helpers::spawn_app;
use crate::workspace::sign_in;

#[tokio::test]
async fn a_table_of_people_and_one_page_to_edit_each() {
    let app = spawn_app().await;
    let (ana, _) = app.user_with("ana", &["committee", "director"]).await;
    app.user_with("jefa", &["admin"]).await;
    let desk = sign_in(&app, "jefa").await;
    let (status, list) = desk.get("/gestion/usuarios").await;
    assert_eq!(status, StatusCode::OK);
    assert!(list.contains("<table"), "{list}");
    assert!(
        !list.contains("type=\"password\""),
        "no edit forms on the list"
    );
    assert!(
        list.contains(&format!("href=\"/gestion/usuarios/{ana}\"")),
        "{list}"
    );
    assert!(list.contains("Comité, Dirección"), "roles in words: {list}");
    // One person's page: roles, access apart, the password rule.
    let page_path = format!("/gestion/usuarios/{ana}");
    let (status, page) = desk.get(&page_path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<legend>Roles</legend>"), "{page}");
    assert!(page.contains("<legend>Acceso</legend>"), "{page}");
    assert!(page.contains("Entre 8 y 256 caracteres"), "{page}");
    // A password too short comes back on the same page, the roles as they were ticked.
    let csrf = desk.csrf(&page_path).await;
    let (status, refused) = desk
        .post(
            &page_path,
            &[
                ("csrf", &csrf),
                ("role_auditor", "on"),
                ("active", "si"),
                ("password", "corta"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.starts_with("<!doctype html>"), "{refused}");
    assert!(refused.contains("<title>Error:"), "{refused}");
    assert!(refused.contains("id=\"error-password\""), "{refused}");
    assert!(
        refused.contains("id=\"rol-auditor\" name=\"role_auditor\" checked"),
        "{refused}"
    );
    assert!(!refused.contains("id=\"rol-director\" name=\"role_director\" checked"));
    assert!(!refused.contains("corta"), "the password is never echoed");
    // Deactivating from the access choice, the roles kept.
    let (status, to) = desk
        .post(
            &page_path,
            &[("csrf", &csrf), ("role_committee", "on"), ("active", "no")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{to}");
    let (_, list) = desk.get("/gestion/usuarios").await;
    assert!(list.contains("Desactivado: no puede entrar"), "{list}");
}

#[tokio::test]
async fn a_new_person_form_marks_what_is_required_and_keeps_what_was_typed() {
    let app = spawn_app().await;
    app.user_with("jefa", &["admin"]).await;
    let desk = sign_in(&app, "jefa").await;
    let (status, form) = desk.get("/gestion/usuarios/nuevo").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(form.matches("(obligatorio)</span>").count(), 4, "{form}");
    let csrf = desk.csrf("/gestion/usuarios/nuevo").await;
    let (status, refused) = desk
        .post(
            "/gestion/usuarios",
            &[
                ("csrf", &csrf),
                ("username", "beto"),
                ("display_name", "Beto Pérez"),
                ("email", "no-es-correo"),
                ("password", "una frase bastante larga"),
                ("role_committee", "on"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.contains("value=\"Beto Pérez\""), "{refused}");
    assert!(refused.contains("value=\"beto\""), "{refused}");
    assert!(refused.contains("id=\"error-email\""), "{refused}");
    assert!(
        refused.contains("href=\"#campo-email\""),
        "the summary links the field"
    );
    assert!(
        refused.contains("name=\"role_committee\" checked"),
        "{refused}"
    );
    assert!(!refused.contains("una frase bastante larga"));
}

#[tokio::test]
async fn the_procedure_form_marks_its_required_fields() {
    let app = spawn_app().await;
    app.user_with("ana", &["committee"]).await;
    let desk = sign_in(&app, "ana").await;
    let (status, form) = desk.get("/gestion/tramites/nuevo").await;
    assert_eq!(status, StatusCode::OK);
    for field in ["code", "name", "responsible_unit"] {
        assert!(
            form.contains(&format!(
                "id=\"campo-{field}\" name=\"{field}\" aria-required=\"true\""
            )),
            "{field}: {form}"
        );
    }
    assert_eq!(form.matches("(obligatorio)</span>").count(), 3, "{form}");
}

#[tokio::test]
async fn a_refused_procedure_form_names_each_field_in_its_summary() {
    let app = spawn_app().await;
    app.user_with("ana", &["committee"]).await;
    let desk = sign_in(&app, "ana").await;
    let csrf = desk.csrf("/gestion/tramites/nuevo").await;
    let (status, page) = desk
        .post(
            "/gestion/tramites/nuevo",
            &[
                ("csrf", &csrf),
                ("code", ""),
                ("name", ""),
                ("steps", "muchos"),
                ("category", "priority"),
                ("audience", "employers"),
                ("channel", "online"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    let summary = page
        .split("class=\"resumen-errores\"")
        .nth(1)
        .and_then(|rest| rest.split("</div>").next())
        .expect("a summary");
    assert!(
        summary.contains("href=\"#campo-steps\">Pasos: "),
        "{summary}"
    );
    let (_, page) = desk
        .post(
            "/gestion/tramites/nuevo",
            &[
                ("csrf", &csrf),
                ("code", "X-1"),
                ("name", ""),
                ("responsible_unit", "Inspección"),
                ("steps", "3"),
                ("category", "priority"),
                ("audience", "employers"),
                ("channel", "online"),
            ],
        )
        .await;
    assert!(page.contains("href=\"#campo-name\">Nombre: "), "{page}");
}
