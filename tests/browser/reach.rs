//! Reach through the pages (issue 37): the Committee publishes a K'iche' translation and types
//! in a comment received on paper, whose receipt it prints; a citizen on a phone reads the
//! translation (JavaScript off), sees which text is official and comments from it; the
//! calendar of consultations. axe-core, the catalog's stray words and screenshots at 360 and
//! 1280 px on each new page.

use fantoccini::{Client, Locator};
use serde_json::json;
use tramites::clock::Clock;

use crate::drafts::checked;
use crate::driver;
use crate::helpers::spawn_app;
use crate::public::{path_of, text_of};
use crate::staff::*;

const DRAFT: &str = "ACUERDO MINISTERIAL\nConsiderando que el registro exige copias.\n\n\
Artículo 1. Objeto\nEste acuerdo regula el registro de contratos.\n\n\
Artículo 2. Requisitos\nSe presentará el contrato firmado y una copia del DPI.\n";

const KICHE: &str = "Ucholajil Ajtzij\nRuk'u'x ri tz'ib'.\n\n\
Artículo 1. Ri uwach\nWaral kb'ixik ri tz'ib' rech ri chak.\n\n\
Artículo 2. Ri kraj\nXaq xew ri tz'ib' k'amom.\n";

async fn choose(browser: &Client, select: &str, value: &str) {
    browser
        .find(Locator::Css(&format!(
            "#{select} option[value=\"{value}\"]"
        )))
        .await
        .unwrap_or_else(|_| panic!("{select} offers {value}"))
        .click()
        .await
        .unwrap();
}

#[tokio::test]
async fn a_translation_and_a_paper_comment_reach_the_pages() {
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
    let reach = format!("/gestion/consultas/{cid}/alcance");

    // The Committee (JavaScript on only to type the date into the date field).
    let comite = driver.browser(1280, true).await;
    sign_in(&comite, &app, "comite").await;
    comite.goto(&app.url(&reach)).await.unwrap();
    checked(&comite, &axe, &keys, "alcance", 1280).await;
    choose(&comite, "campo-language", "quc").await;
    fill(&comite, "campo-translator", "Ana Tzoc").await;
    fill(&comite, "campo-title", "Ruk'ojik ri tz'ib'").await;
    fill(&comite, "campo-proposal_text", KICHE).await;
    click(&comite, "Publicar una traducción").await;
    assert!(
        text_of(&comite).await.contains("quedó publicada"),
        "{}",
        text_of(&comite).await
    );
    let today = app
        .clock
        .now()
        .with_timezone(&chrono_tz::America::Guatemala)
        .date_naive()
        .to_string();
    choose(&comite, "campo-channel", "paper").await;
    comite
        .execute(
            "document.getElementById('campo-received_on').value = arguments[0];",
            vec![json!(today)],
        )
        .await
        .unwrap();
    fill(
        &comite,
        "campo-body",
        "Escrito a mano en la ventanilla de Huehuetenango.",
    )
    .await;
    click(&comite, "Registrar el comentario").await;
    let receipt = path_of(&comite).await;
    assert!(receipt.starts_with("/gestion/comprobantes/C-"), "{receipt}");
    let code = receipt.rsplit('/').next().unwrap().to_string();
    assert!(text_of(&comite).await.contains(&code));
    checked(&comite, &axe, &keys, "comprobante", 1280).await;
    // The scanned letter, attached from the receipt.
    let scan = std::env::temp_dir().join(format!("carta-{}.png", uuid::Uuid::new_v4()));
    std::fs::write(
        &scan,
        [b"\x89PNG\r\n\x1a\n".as_slice(), &[0u8; 64]].concat(),
    )
    .unwrap();
    comite
        .find(Locator::Id("campo-file"))
        .await
        .unwrap()
        .send_keys(scan.to_str().unwrap())
        .await
        .unwrap();
    click(&comite, "Adjuntar original").await;
    let after = text_of(&comite).await;
    assert!(after.contains("quedó guardado"), "{after}");
    assert!(after.contains("Original escaneado:"), "{after}");
    comite.set_window_size(360, 900).await.unwrap();
    comite.goto(&app.url(&reach)).await.unwrap();
    checked(&comite, &axe, &keys, "alcance", 360).await;
    comite.goto(&app.url(&receipt)).await.unwrap();
    checked(&comite, &axe, &keys, "comprobante", 360).await;

    // A citizen on a phone, JavaScript off, reads it in K'iche' and comments from there.
    let citizen = driver.browser(360, false).await;
    citizen
        .goto(&app.url(&format!("/consultas/{cid}")))
        .await
        .unwrap();
    assert!(text_of(&citizen).await.contains("Papel 1"));
    submit_with(
        &citizen,
        Locator::XPath("//a[normalize-space()=\"Leer en K'iche'\"]"),
        "the translation's link",
    )
    .await;
    let page = text_of(&citizen).await;
    assert!(
        page.contains("Ana Tzoc") && page.contains("texto oficial"),
        "{page}"
    );
    assert!(page.contains("Xaq xew ri tz'ib'"), "{page}");
    fill(&citizen, "campo-body", "Utz ri tz'ib', man kraj ta ri DPI.").await;
    click(&citizen, "Enviar comentario").await;
    assert!(path_of(&citizen).await.starts_with("/seguimiento/C-"));
    let languages: Vec<serde_json::Value> = app
        .audit_entries("comment.received")
        .await
        .iter()
        .map(|e| e["data"]["language"].clone())
        .collect();
    assert!(languages.contains(&json!("quc")), "{languages:?}");

    for width in [360, 1280] {
        let a = driver.browser(width, true).await;
        a.goto(&app.url(&format!("/consultas/{cid}?texto=quc")))
            .await
            .unwrap();
        checked(&a, &axe, &keys, "traduccion", width).await;
        a.goto(&app.url("/consultas/calendario")).await.unwrap();
        checked(&a, &axe, &keys, "calendario", width).await;
    }
}

#[tokio::test]
async fn the_pages_switch_to_english_and_back_with_a_link() {
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
    let lang = |b: &Client| {
        let b = b.clone();
        async move {
            b.find(Locator::Css("html"))
                .await
                .unwrap()
                .attr("lang")
                .await
                .unwrap()
                .unwrap_or_default()
        }
    };
    // JavaScript off: the switch is a plain link, and the choice is kept in a cookie.
    let citizen = driver.browser(360, false).await;
    citizen.goto(&app.url("/consultas")).await.unwrap();
    assert_eq!(lang(&citizen).await, "es");
    submit_with(&citizen, Locator::LinkText("English"), "the English link").await;
    assert_eq!(lang(&citizen).await, "en");
    assert!(text_of(&citizen).await.contains("Public consultations"));
    citizen
        .goto(&app.url(&format!("/consultas/{cid}")))
        .await
        .unwrap();
    assert_eq!(lang(&citizen).await, "en", "the cookie keeps it");
    let page = text_of(&citizen).await;
    assert!(page.contains("Leave your comment"), "{page}");
    assert!(page.contains("Article 2. Requisitos"), "{page}");
    submit_with(&citizen, Locator::LinkText("Español"), "the Spanish link").await;
    assert_eq!(lang(&citizen).await, "es");
    assert!(path_of(&citizen)
        .await
        .starts_with(&format!("/consultas/{cid}")));

    let code = crate::walks::json_of(&app, &format!("/api/v1/procedures/{}", s.procedure)).await
        ["code"]
        .as_str()
        .unwrap()
        .to_string();
    for width in [360, 1280] {
        let a = driver.browser(width, true).await;
        for (name, path) in [
            ("en-inicio", "/?lang=en".to_string()),
            ("en-consulta", format!("/consultas/{cid}?lang=en")),
            ("en-tramite", format!("/tramites/{code}?lang=en")),
            ("en-consultas", "/consultas?lang=en".to_string()),
            ("en-calendario", "/consultas/calendario?lang=en".to_string()),
            ("en-datos", "/datos?lang=en".to_string()),
            ("en-seguimiento", "/seguimiento?lang=en".to_string()),
            ("en-opinion", "/opinion?lang=en".to_string()),
            ("en-indicadores", "/indicadores?lang=en".to_string()),
            ("datos", "/datos?lang=es".to_string()),
        ] {
            a.goto(&app.url(&path)).await.unwrap();
            let want = if name.starts_with("en-") { "en" } else { "es" };
            assert_eq!(lang(&a).await, want, "{path}");
            checked(&a, &axe, &keys, name, width).await;
        }
    }
}
