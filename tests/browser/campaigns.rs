//! Campaigns in a real browser (issue 36), JavaScript off for the people and on for axe-core:
//! the Committee opens a campaign's variants, splits one out and publishes the campaign with
//! one decision; a citizen reads "con variaciones menores" and signs with "Me sumo". axe-core
//! at 360 and 1280 px on the changed pages.

use fantoccini::Locator;
use serde_json::{json, Value};

use crate::drafts::checked;
use crate::driver;
use crate::helpers::spawn_app;
use crate::public::{path_of, text_of};
use crate::staff::*;

const LETTER: &str = "Pedimos al Ministerio que la constancia de inscripción patronal se \
    entregue en línea y sin visitar la ventanilla, porque las empresas pequeñas del interior \
    pierden un día completo de trabajo en cada viaje a la capital. Pedimos además un plazo \
    máximo de cinco días hábiles, el pago en cualquier agencia bancaria o en línea, y un código \
    que cualquier institución pueda verificar sin pedir copias certificadas del documento";

#[tokio::test]
async fn a_campaign_is_moderated_once_and_citizens_sign_instead_of_copying() {
    let Some(driver) = driver::start() else {
        return;
    };
    let axe = driver::axe_source();
    let keys = driver::catalog_keys();
    let app = spawn_app().await;
    let s = crate::walks::setup(&app).await;
    let c = crate::walks::open_consultation(&app, &s, json!({})).await;
    let cid = c["id"].as_str().unwrap().to_string();
    for text in [
        LETTER.to_string(),
        format!("{LETTER}. Atentamente, Marta Ixcot"),
        LETTER.replace("pequeñas", "medianas"),
    ] {
        let res = crate::walks::comment(&app, &cid, json!({"body": text}), None).await;
        assert_eq!(res.status(), reqwest::StatusCode::CREATED);
        let _: Value = res.json().await.unwrap();
    }
    let moderation = format!("/gestion/moderacion?consulta={cid}");

    // The Committee, JavaScript off: the variants, a split, one decision for the campaign.
    let comite = driver.browser(1280, false).await;
    sign_in(&comite, &app, "comite").await;
    comite.goto(&app.url(&moderation)).await.unwrap();
    assert!(text_of(&comite).await.contains("enviado por 3 personas"));
    for width in [360, 1280] {
        let a = driver.browser(width, true).await;
        sign_in(&a, &app, "comite").await;
        a.goto(&app.url(&moderation)).await.unwrap();
        a.find(Locator::Css(".variantes summary"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        checked(&a, &axe, &keys, "moderacion-campana", width).await;
        a.close().await.unwrap();
    }
    comite
        .find(Locator::Css(".variantes summary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let marked = comite
        .find_all(Locator::Css(".variante ins"))
        .await
        .unwrap();
    assert!(!marked.is_empty(), "the differing words are marked");
    submit_with(
        &comite,
        Locator::XPath("(//button[normalize-space()='Separar de la campaña'])[1]"),
        "split",
    )
    .await;
    assert!(text_of(&comite).await.contains("salió de su campaña"));
    click(&comite, "Publicar").await;
    assert!(path_of(&comite).await.starts_with("/gestion/moderacion"));

    // A citizen, JavaScript off on a phone: the campaign once, then "Me sumo".
    let citizen = driver.browser(360, false).await;
    let page = format!("/consultas/{cid}");
    citizen.goto(&app.url(&page)).await.unwrap();
    let text = text_of(&citizen).await;
    assert!(
        text.contains("Este texto, con variaciones menores, fue enviado por 2 personas"),
        "{text}"
    );
    for width in [360, 1280] {
        let a = driver.browser(width, true).await;
        a.goto(&app.url(&page)).await.unwrap();
        checked(&a, &axe, &keys, "consulta-campana", width).await;
        submit_with(
            &a,
            Locator::XPath("//a[normalize-space()='Leer las variantes']"),
            "the variants",
        )
        .await;
        checked(&a, &axe, &keys, "variantes", width).await;
        a.close().await.unwrap();
    }
    let name_field = citizen
        .find(Locator::Css(".me-sumo input[name='author_name']"))
        .await
        .unwrap();
    name_field.send_keys("Rosa Tzul").await.unwrap();
    click(&citizen, "Me sumo").await;
    assert!(path_of(&citizen).await.starts_with("/seguimiento/A-"));
    assert!(text_of(&citizen)
        .await
        .contains("Se sumó a este comentario"));
    let receipt = path_of(&citizen).await;
    for width in [360, 1280] {
        let a = driver.browser(width, true).await;
        a.goto(&app.url(&receipt)).await.unwrap();
        checked(&a, &axe, &keys, "apoyo", width).await;
        a.close().await.unwrap();
    }
    citizen.goto(&app.url(&page)).await.unwrap();
    assert!(text_of(&citizen).await.contains("1 persona se sumó"));
}
