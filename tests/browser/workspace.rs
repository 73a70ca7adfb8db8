//! The staff workspace in Chromium, JavaScript off: four people take one procedure from its
//! registration to `closed` through the pages alone (citizens comment on the public page).

use fantoccini::Locator;

use crate::driver;
use crate::helpers::spawn_app;
use crate::public::{path_of, text_of};
use crate::staff::*;

#[tokio::test]
async fn four_people_take_a_procedure_from_registration_to_closed_through_the_pages() {
    let Some(driver) = driver::start() else {
        return;
    };
    let app = spawn_app().await;
    for (user, role) in [
        ("comite", "committee"),
        ("directora", "director"),
        ("ministra", "minister"),
    ] {
        app.user_with(user, &[role]).await;
    }
    let files = tempfile::tempdir().unwrap();
    let comite = driver.browser(1280, false).await;
    let directora = driver.browser(360, false).await;
    let ministra = driver.browser(1280, false).await;
    sign_in(&comite, &app, "comite").await;
    sign_in(&directora, &app, "directora").await;
    // Registration.
    comite
        .goto(&app.url("/gestion/tramites/nuevo"))
        .await
        .unwrap();
    fill(&comite, "campo-code", "MINTRAB-900").await;
    fill(
        &comite,
        "campo-name",
        "Registro de reglamentos interiores de trabajo",
    )
    .await;
    fill(
        &comite,
        "campo-responsible_unit",
        "Inspección General de Trabajo",
    )
    .await;
    fill(
        &comite,
        "campo-requirements",
        "Solicitud firmada\n* Copia del DPI",
    )
    .await;
    fill(&comite, "campo-steps", "4").await;
    click(&comite, "Registrar").await;
    let path = path_of(&comite).await;
    let id = path.trim_start_matches("/gestion/tramites/").to_string();
    assert!(text_of(&comite).await.contains("Trámite registrado"));
    propose(&comite, &app, &id, "start_analysis").await;
    assert!(
        !approve(&directora, &app).await,
        "an ordinary step asks no confirmation"
    );
    propose(&comite, &app, &id, "authorize_simplification").await;
    approve(&directora, &app).await;
    assert_eq!(state_of(&app, &id).await, "regulation_change");
    // The consultation, previewed then published.
    comite
        .goto(&app.url(&format!("/gestion/tramites/{id}")))
        .await
        .unwrap();
    fill(&comite, "campo-title", "Reglamentos interiores en línea").await;
    fill(&comite, "campo-summary", "El registro se hará en línea.").await;
    fill(
        &comite,
        "campo-proposal_text",
        "## Qué cambia\n\nSe deja de pedir la **copia del DPI**.",
    )
    .await;
    click(&comite, "Ver vista previa").await;
    assert!(
        comite
            .find(Locator::Css(".aviso .propuesta strong"))
            .await
            .is_ok(),
        "the preview"
    );
    click(&comite, "Publicar consulta").await;
    let consultation = path_of(&comite)
        .await
        .trim_start_matches("/gestion/consultas/")
        .to_string();
    // Two citizens send the same text through the public page.
    for _ in 0..2 {
        let citizen = driver.browser(360, false).await;
        citizen
            .goto(&app.url(&format!("/consultas/{consultation}")))
            .await
            .unwrap();
        fill(
            &citizen,
            "campo-body",
            "Que también se pueda firmar en línea.",
        )
        .await;
        click(&citizen, "Enviar comentario").await;
        assert!(path_of(&citizen).await.starts_with("/seguimiento/C-"));
        citizen.close().await.unwrap();
    }
    // Moderated and answered once, as a group.
    comite.goto(&app.url("/gestion/moderacion")).await.unwrap();
    assert!(text_of(&comite).await.contains("enviado por 2 personas"));
    click(&comite, "Publicar").await;
    assert!(text_of(&comite).await.contains("Publicado."));
    fill(
        &comite,
        &format!("respuesta-{}", {
            let el = comite
                .find(Locator::Css("input[name='comment']"))
                .await
                .unwrap();
            el.attr("value").await.unwrap().unwrap()
        }),
        "Sí: la firma electrónica entra en la misma norma.",
    )
    .await;
    click(&comite, "Responder").await;
    assert!(text_of(&comite).await.contains("Respuesta publicada"));
    // A month later the window has closed (sessions have ended too: sign in again).
    app.clock.advance(chrono::Duration::days(32));
    sign_in(&comite, &app, "comite").await;
    sign_in(&directora, &app, "directora").await;
    sign_in(&ministra, &app, "ministra").await;
    comite
        .goto(&app.url(&format!("/gestion/tramites/{id}")))
        .await
        .unwrap();
    assert!(text_of(&comite)
        .await
        .contains("Falta llenar el campo referencia de la norma"));
    fill(
        &comite,
        "campo-regulation_reference",
        "Acuerdo Ministerial 123-2026",
    )
    .await;
    click(&comite, "Guardar cambios").await;
    assert!(text_of(&comite).await.contains("Cambios guardados"));
    propose(&comite, &app, &id, "start_pilot").await;
    approve(&ministra, &app).await;
    assert_eq!(state_of(&app, &id).await, "pilot");
    attach(&comite, &app, &id, "pilot_report", files.path()).await;
    propose(&comite, &app, &id, "launch").await;
    assert!(
        approve(&directora, &app).await,
        "launching changes the channel: confirmed first"
    );
    for _ in 0..3 {
        comite
            .goto(&app.url(&format!("/gestion/tramites/{id}")))
            .await
            .unwrap();
        let mark = Locator::XPath("//button[starts-with(normalize-space(), 'Marcar')]");
        submit_with(&comite, mark, "a checklist item").await;
    }
    propose(&comite, &app, &id, "start_evaluation").await;
    assert_eq!(state_of(&app, &id).await, "feedback");
    attach(&comite, &app, &id, "usage_report", files.path()).await;
    propose(&comite, &app, &id, "close_cycle").await;
    assert!(
        approve(&directora, &app).await,
        "a final stage is confirmed first"
    );
    assert_eq!(state_of(&app, &id).await, "closed");
    // The history names every step's people; the chain verifies and shows them too.
    comite
        .goto(&app.url(&format!("/gestion/tramites/{id}")))
        .await
        .unwrap();
    let page = text_of(&comite).await;
    for words in [
        "Iniciar el análisis",
        "Iniciar la prueba piloto",
        "Cerrar el ciclo",
        "ministra",
        "directora",
        "comite",
    ] {
        assert!(page.contains(words), "history lacks {words}: {page}");
    }
    directora
        .goto(&app.url("/gestion/auditoria"))
        .await
        .unwrap();
    click(&directora, "Verificar la cadena").await;
    let audit = text_of(&directora).await;
    assert!(audit.contains("Verificación correcta"), "{audit}");
    assert!(
        audit.contains("solicitud aprobada") && audit.contains("ministra"),
        "{audit}"
    );
    for b in [comite, directora, ministra] {
        b.close().await.unwrap();
    }
}
