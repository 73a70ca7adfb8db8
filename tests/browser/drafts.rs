//! Participatory drafts through the pages alone, JavaScript off: a citizen comments on article
//! 2 with a proposed wording, the Committee answers it as accepted naming article 2 and
//! publishes the final text after a preview, and the public pages show article 2 as changed,
//! with the redline and the citizen's comment linked to it. axe-core at 360 and 1280 px.

use fantoccini::{Client, Locator};
use serde_json::json;

use crate::driver::{self, axe_violations, screenshot};
use crate::helpers::spawn_app;
use crate::public::{path_of, text_of};
use crate::staff::*;

const DRAFT: &str = "ACUERDO MINISTERIAL\nConsiderando que el registro exige copias.\n\n\
Artículo 1. Objeto\nEste acuerdo regula el registro de contratos.\n\n\
Artículo 2. Requisitos\nSe presentará el contrato firmado y una copia del DPI.\n\n\
Artículo 3. Vigencia\nRige a los ocho días de su publicación.\n";

const FINAL: &str = "ACUERDO MINISTERIAL\nConsiderando que el registro exige copias.\n\n\
Artículo 1. Objeto\nEste acuerdo regula el registro de contratos.\n\n\
Artículo 2. Requisitos\nSe presentará el contrato firmado en línea.\n\n\
Artículo 3. Vigencia\nRige a los ocho días de su publicación.\n";

/// Looks at the page `browser` (JavaScript on, for axe-core) is on: a screenshot, axe-core and
/// the catalog's stray words.
pub(crate) async fn checked(
    browser: &Client,
    axe: &Option<String>,
    keys: &[String],
    name: &str,
    width: u32,
) {
    screenshot(browser, name, width).await;
    let violations = axe_violations(browser, axe).await;
    assert!(violations.is_empty(), "{name} at {width}: {violations:?}");
    let stray = driver::stray_words(browser, keys).await;
    assert!(stray.is_empty(), "{name} at {width}: {stray:?}");
    if let Some(wide) = driver::sideways(browser).await {
        panic!("{name} at {width}px scrolls sideways: {wide}");
    }
}

async fn count(browser: &Client, css: &str) -> usize {
    browser.find_all(Locator::Css(css)).await.unwrap().len()
}

#[tokio::test]
async fn a_comment_on_article_two_is_followed_to_the_sentence_that_changed() {
    let Some(driver) = driver::start() else {
        return;
    };
    let axe = driver::axe_source();
    let keys = driver::catalog_keys();
    let app = spawn_app().await;
    let s = crate::walks::setup(&app).await;
    let c = app
        .open_consultation(
            &s.committee,
            &s.procedure,
            &crate::walks::proposal(json!({"proposal_text": DRAFT})),
        )
        .await;
    let cid = c["id"].as_str().unwrap().to_string();
    let page = format!("/consultas/{cid}");

    // The citizen reads the draft article by article and comments on article 2.
    let citizen = driver.browser(360, false).await;
    citizen.goto(&app.url(&page)).await.unwrap();
    assert_eq!(count(&citizen, "section#articulo-2").await, 1);
    // Pages are checked by a second browser with JavaScript on (axe-core runs in the page).
    let mut auditors = Vec::new();
    for width in [360, 1280] {
        let a = driver.browser(width, true).await;
        a.goto(&app.url(&page)).await.unwrap();
        checked(&a, &axe, &keys, "borrador", width).await;
        auditors.push((a, width));
    }
    submit_with(
        &citizen,
        Locator::XPath(
            "//section[@id='articulo-2']//a[starts-with(normalize-space(), 'Comentar este artículo')]",
        ),
        "comment on article 2",
    )
    .await;
    let chosen = citizen
        .find(Locator::Css("#campo-article option[selected]"))
        .await
        .unwrap();
    assert_eq!(chosen.attr("value").await.unwrap().as_deref(), Some("2"));
    fill(
        &citizen,
        "campo-body",
        "La copia del DPI sobra: el registro ya lo tiene.",
    )
    .await;
    fill(
        &citizen,
        "campo-proposed_text",
        "Se presentará el contrato firmado en línea.",
    )
    .await;
    click(&citizen, "Enviar comentario").await;
    assert!(path_of(&citizen).await.starts_with("/seguimiento/C-"));

    // The Committee publishes it and answers it as accepted, naming article 2.
    let comite = driver.browser(1280, false).await;
    sign_in(&comite, &app, "comite").await;
    comite
        .goto(&app.url(&format!("/gestion/consultas/{cid}")))
        .await
        .unwrap();
    assert!(text_of(&comite)
        .await
        .contains("Artículo comentado: Artículo 2"));
    assert!(count(&comite, ".propuesta-redaccion ins").await >= 1);
    let staff_auditor = driver.browser(1280, true).await;
    sign_in(&staff_auditor, &app, "comite").await;
    staff_auditor
        .goto(&app.url(&format!("/gestion/consultas/{cid}")))
        .await
        .unwrap();
    checked(&staff_auditor, &axe, &keys, "gestion-borrador", 1280).await;
    click(&comite, "Publicar").await;
    let comment = comite
        .find(Locator::Css("input[name='comment']"))
        .await
        .unwrap()
        .attr("value")
        .await
        .unwrap()
        .unwrap();
    fill(
        &comite,
        &format!("respuesta-{comment}"),
        "Aceptado: se quita la copia del DPI.",
    )
    .await;
    comite
        .find(Locator::Css(&format!(
            "#resultado-{comment} option[value='accepted']"
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    fill(&comite, &format!("cambiados-{comment}"), "2").await;
    click(&comite, "Responder").await;
    assert!(text_of(&comite).await.contains("Respuesta publicada"));

    // The public page shows the wording as a word-level difference against article 2.
    citizen
        .goto(&app.url(&format!("{page}?articulo=2")))
        .await
        .unwrap();
    assert!(
        count(&citizen, ".propuesta-redaccion ins").await >= 1,
        "insertions"
    );
    assert!(
        count(&citizen, ".propuesta-redaccion del").await >= 1,
        "deletions"
    );
    assert_eq!(count(&citizen, &format!("#comentario-{comment}")).await, 1);
    for (a, width) in &auditors {
        a.goto(&app.url(&format!("{page}?articulo=2")))
            .await
            .unwrap();
        checked(a, &axe, &keys, "borrador-comentado", *width).await;
    }

    // After the window, the final text: previewed, then published once.
    app.clock.advance(chrono::Duration::days(32));
    sign_in(&comite, &app, "comite").await;
    comite
        .goto(&app.url(&format!("/gestion/consultas/{cid}")))
        .await
        .unwrap();
    submit_with(
        &comite,
        Locator::XPath("//a[normalize-space()='Publicar el texto final']"),
        "the final text's form",
    )
    .await;
    fill(&comite, "campo-text", FINAL).await;
    fill(
        &comite,
        "campo-nota_2",
        "Se quitó la copia del DPI, como pidió la ciudadanía.",
    )
    .await;
    click(&comite, "Ver vista previa").await;
    assert!(
        count(&comite, ".aviso .cambio-changed del").await >= 1,
        "the preview's redline"
    );
    sign_in(&staff_auditor, &app, "comite").await;
    staff_auditor
        .goto(&app.url(&format!("/gestion/consultas/{cid}/texto-final")))
        .await
        .unwrap();
    fill(&staff_auditor, "campo-text", FINAL).await;
    click(&staff_auditor, "Ver vista previa").await;
    checked(&staff_auditor, &axe, &keys, "gestion-texto-final", 1280).await;
    click(&comite, "Publicar el texto final").await;
    assert_eq!(path_of(&comite).await, format!("{page}/texto-final"));

    for (a, width) in &auditors {
        a.goto(&app.url(&format!("{page}/texto-final")))
            .await
            .unwrap();
        checked(a, &axe, &keys, "texto-final", *width).await;
    }
    for width in [360, 1280] {
        let b = driver.browser(width, false).await;
        b.goto(&app.url(&format!("{page}/texto-final")))
            .await
            .unwrap();
        let two = b.find(Locator::Css("section#articulo-2")).await.unwrap();
        assert!(two
            .attr("class")
            .await
            .unwrap()
            .unwrap()
            .contains("cambio-changed"));
        assert!(count(&b, "#articulo-2 ins").await >= 1 && count(&b, "#articulo-2 del").await >= 1);
        assert!(
            count(&b, "#articulo-1 ins").await == 0,
            "article 1 did not change"
        );
        let text = b
            .find(Locator::Css("#articulo-2"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(text.contains("como pidió la ciudadanía"), "{text}");
        // The citizen's comment, linked from the change.
        submit_with(
            &b,
            Locator::Css("#articulo-2 a[href*='#comentario-']"),
            "the comment behind article 2",
        )
        .await;
        assert_eq!(count(&b, &format!("#comentario-{comment}")).await, 1);
        b.close().await.unwrap();
    }
    let page_text = {
        citizen.goto(&app.url(&page)).await.unwrap();
        text_of(&citizen).await
    };
    assert!(page_text.contains("Ver el texto final"), "{page_text}");
}

#[tokio::test]
async fn a_draft_in_a_word_processor_file_fills_the_form_for_confirmation() {
    let Some(driver) = driver::start() else {
        return;
    };
    let app = spawn_app().await;
    let s = crate::walks::setup(&app).await;
    let comite = driver.browser(1280, false).await;
    sign_in(&comite, &app, "comite").await;
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for file in ["borrador.docx", "borrador.odt"] {
        comite
            .goto(&app.url(&format!("/gestion/tramites/{}", s.procedure)))
            .await
            .unwrap();
        comite
            .find(Locator::Id("campo-borrador"))
            .await
            .unwrap()
            .send_keys(fixtures.join(file).to_str().unwrap())
            .await
            .unwrap();
        click(&comite, "Cargar el borrador").await;
        let text = text_of(&comite).await;
        assert!(
            text.contains("Se leyeron 4 artículos: 1, 2, 2 bis, 3."),
            "{file}: {text}"
        );
        let proposal = comite
            .find(Locator::Id("campo-proposal_text"))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default();
        assert!(
            proposal.contains("Artículo 2 bis. Excepciones"),
            "{file}: {proposal}"
        );
    }
    screenshot(&comite, "gestion-borrador-cargado", 1280).await;
    fill(&comite, "campo-title", "Registro de contratos sin copias").await;
    click(&comite, "Publicar consulta").await;
    let c: serde_json::Value = app
        .get(&format!(
            "/api/v1/consultations?procedure_id={}",
            s.procedure
        ))
        .await
        .json()
        .await
        .unwrap();
    let numbers: Vec<&str> = c["items"][0]["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, ["1", "2", "2 bis", "3"]);
}
