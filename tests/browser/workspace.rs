//! The staff workspace in Chromium, JavaScript off: four people take one procedure from its
//! registration to `closed` through the pages alone (citizens comment on the public page), and
//! every workspace page passes axe-core at 360 and 1280 pixels.

use fantoccini::{Client, Locator};
use serde_json::{json, Value};

use crate::driver::{self, axe_violations, screenshot};
use crate::helpers::{procedure_body, spawn_app, TestApp};
use crate::public::{path_of, text_of};

/// Clicks and waits until the next page has replaced this one (every button here submits).
async fn submit_with(browser: &Client, locator: Locator<'_>, what: &str) {
    let old = browser.find(Locator::Css("html")).await.unwrap();
    browser
        .find(locator)
        .await
        .unwrap_or_else(|_| panic!("{what}"))
        .click()
        .await
        .unwrap();
    let started = std::time::Instant::now();
    while old.tag_name().await.is_ok() {
        assert!(started.elapsed().as_secs() < 15, "{what} led nowhere");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    browser
        .wait()
        .for_element(Locator::Css("main"))
        .await
        .unwrap();
}

async fn click(browser: &Client, button: &str) {
    let xpath = format!("//button[normalize-space()='{button}']");
    submit_with(
        browser,
        Locator::XPath(&xpath),
        &format!("a button «{button}»"),
    )
    .await;
}

async fn fill(browser: &Client, id: &str, text: &str) {
    let field = browser.find(Locator::Id(id)).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

async fn sign_in(browser: &Client, app: &TestApp, username: &str) {
    browser.goto(&app.url("/gestion/entrar")).await.unwrap();
    fill(browser, "campo-username", username).await;
    fill(browser, "campo-password", &format!("{username}-password")).await;
    click(browser, "Entrar").await;
    let at = path_of(browser).await;
    assert_eq!(
        at,
        "/gestion",
        "{username} is in: {}",
        text_of(browser).await
    );
}

async fn propose(browser: &Client, app: &TestApp, id: &str, transition: &str) {
    browser
        .goto(&app.url(&format!("/gestion/tramites/{id}")))
        .await
        .unwrap();
    let xpath = format!(
        "//form[input[@name='transition' and @value='{transition}']]//button[normalize-space()='Proponer']"
    );
    submit_with(
        browser,
        Locator::XPath(&xpath),
        &format!("«Proponer» for {transition}"),
    )
    .await;
    let notice = text_of(browser).await;
    assert!(
        notice.contains("Propuesta enviada") || notice.contains("Transición aplicada"),
        "{transition}: {notice}"
    );
}

async fn approve(browser: &Client, app: &TestApp) {
    browser
        .goto(&app.url("/gestion/aprobaciones"))
        .await
        .unwrap();
    click(browser, "Aprobar").await;
    assert!(text_of(browser).await.contains("Solicitud aprobada"));
}

async fn attach(browser: &Client, app: &TestApp, id: &str, kind: &str, dir: &std::path::Path) {
    browser
        .goto(&app.url(&format!("/gestion/tramites/{id}")))
        .await
        .unwrap();
    let file = dir.join(format!("{kind}.pdf"));
    std::fs::write(&file, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n").unwrap();
    browser
        .find(Locator::Css(&format!("#campo-kind option[value='{kind}']")))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .find(Locator::Id("campo-file"))
        .await
        .unwrap()
        .send_keys(file.to_str().unwrap())
        .await
        .unwrap();
    click(browser, "Adjuntar documento").await;
    assert!(text_of(browser).await.contains("Documento adjunto"));
}

async fn state_of(app: &TestApp, id: &str) -> String {
    let p: Value = app
        .get(&format!("/api/v1/procedures/{id}"))
        .await
        .json()
        .await
        .unwrap();
    p["state"].as_str().unwrap().to_string()
}

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
    approve(&directora, &app).await;
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
    approve(&directora, &app).await;
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
    approve(&directora, &app).await;
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
        audit.contains("transition.approved") && audit.contains("ministra"),
        "{audit}"
    );
    for b in [comite, directora, ministra] {
        b.close().await.unwrap();
    }
}

#[tokio::test]
async fn every_workspace_page_passes_axe_at_360_and_1280() {
    let Some(driver) = driver::start() else {
        return;
    };
    let axe = driver::axe_source();
    let app = spawn_app().await;
    let (_, committee) = app.user_with("comite", &["committee"]).await;
    let (_, director) = app.user_with("directora", &["director"]).await;
    app.user_with("todo", &["committee", "director", "auditor", "admin"])
        .await;
    let p = app
        .create_procedure(&committee, &procedure_body("AXE-1", json!({})))
        .await;
    let id = p["id"].as_str().unwrap().to_string();
    app.walk(
        &committee,
        &director,
        &id,
        &["start_analysis", "authorize_simplification"],
    )
    .await;
    let c: Value = app
        .post(
            &format!("/api/v1/procedures/{id}/consultations"),
            &committee,
            &json!({"title": "Consulta de prueba", "proposal_text": "Texto"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let consultation = c["id"].as_str().unwrap().to_string();
    for _ in 0..2 {
        app.client
            .post(app.url(&format!("/api/v1/consultations/{consultation}/comments")))
            .json(&json!({"body": "Un texto repetido"}))
            .send()
            .await
            .unwrap();
    }
    app.client
        .post(app.url("/api/v1/feedback"))
        .json(&json!({"body": "Una opinión", "topic": "services"}))
        .send()
        .await
        .unwrap();
    let other = app
        .create_procedure(&committee, &procedure_body("AXE-2", json!({})))
        .await;
    app.post(
        &format!(
            "/api/v1/procedures/{}/transitions",
            other["id"].as_str().unwrap()
        ),
        &committee,
        &json!({"transition": "start_analysis"}),
    )
    .await;
    let pages = [
        ("gestion-tablero", "/gestion".to_string()),
        ("gestion-nuevo", "/gestion/tramites/nuevo".to_string()),
        ("gestion-tramite", format!("/gestion/tramites/{id}")),
        ("gestion-aprobaciones", "/gestion/aprobaciones".to_string()),
        ("gestion-moderacion", "/gestion/moderacion".to_string()),
        (
            "gestion-consulta",
            format!("/gestion/consultas/{consultation}"),
        ),
        (
            "gestion-auditoria",
            "/gestion/auditoria?verificar=1".to_string(),
        ),
        ("gestion-usuarios", "/gestion/usuarios".to_string()),
    ];
    for width in [360, 1280] {
        let browser = driver.browser(width, true).await;
        browser.goto(&app.url("/gestion/entrar")).await.unwrap();
        let violations = axe_violations(&browser, &axe).await;
        assert!(
            violations.is_empty(),
            "sign-in at {width}px: {violations:#?}"
        );
        screenshot(&browser, "gestion-entrar", width).await;
        sign_in(&browser, &app, "todo").await;
        for (name, path) in &pages {
            browser.goto(&app.url(path)).await.unwrap();
            let violations = axe_violations(&browser, &axe).await;
            assert!(
                violations.is_empty(),
                "{path} at {width}px: {violations:#?}"
            );
            screenshot(&browser, name, width).await;
        }
        // A form with errors.
        browser
            .goto(&app.url("/gestion/tramites/nuevo"))
            .await
            .unwrap();
        click(&browser, "Registrar").await;
        let violations = axe_violations(&browser, &axe).await;
        assert!(
            violations.is_empty(),
            "registration errors at {width}px: {violations:#?}"
        );
        screenshot(&browser, "gestion-nuevo-errores", width).await;
        browser.close().await.unwrap();
    }
}

#[tokio::test]
async fn of_two_browsers_saving_one_procedure_the_second_is_told_and_keeps_its_text() {
    let Some(driver) = driver::start() else {
        return;
    };
    let app = spawn_app().await;
    let (_, committee) = app.user_with("ana", &["committee"]).await;
    app.user_with("beto", &["committee"]).await;
    let p = app
        .create_procedure(&committee, &procedure_body("DOS-1", json!({})))
        .await;
    let path = format!("/gestion/tramites/{}", p["id"].as_str().unwrap());
    let (ana, beto) = (
        driver.browser(1280, false).await,
        driver.browser(360, false).await,
    );
    sign_in(&ana, &app, "ana").await;
    sign_in(&beto, &app, "beto").await;
    for (browser, name) in [
        (&ana, "Nombre que pone Ana"),
        (&beto, "Nombre que pone Beto"),
    ] {
        browser.goto(&app.url(&path)).await.unwrap();
        fill(browser, "campo-name", name).await;
    }
    click(&ana, "Guardar cambios").await;
    assert!(text_of(&ana).await.contains("Cambios guardados"));
    click(&beto, "Guardar cambios").await;
    let page = text_of(&beto).await;
    assert!(
        page.contains("cambió este trámite mientras usted lo editaba"),
        "{page}"
    );
    let typed = beto
        .find(Locator::Id("campo-name"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(
        typed.as_deref(),
        Some("Nombre que pone Beto"),
        "nothing typed is lost"
    );
    let stored: Value = app
        .get(&format!("/api/v1/procedures/{}", p["id"].as_str().unwrap()))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(stored["name"], "Nombre que pone Ana");
    // Saved again knowingly, it applies.
    click(&beto, "Guardar cambios").await;
    assert!(text_of(&beto).await.contains("Cambios guardados"));
    for b in [ana, beto] {
        b.close().await.unwrap();
    }
}
