//! Campaigns on the pages (issue 36): a published campaign once with its sentence and its
//! variants, "Me sumo" from the consultation's page to a signature's receipt, and moderation
//! by campaign with variants, split and regrouping.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{form_token, no_redirects, spawn_app, TestApp};
use crate::walks::{comment, open_consultation, setup};
use crate::workspace::sign_in;

const LETTER: &str = "Pedimos al Ministerio que la constancia de inscripción patronal se \
    entregue en línea y sin visitar la ventanilla, porque las empresas pequeñas del interior \
    pierden un día completo de trabajo en cada viaje a la capital. Pedimos además un plazo \
    máximo de cinco días hábiles, el pago en cualquier agencia bancaria o en línea, y un código \
    que cualquier institución pueda verificar sin pedir copias certificadas del documento";

async fn html(app: &TestApp, path: &str) -> String {
    let res = app.get(path).await;
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    res.text().await.unwrap()
}

async fn three_copies(app: &TestApp, cid: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for text in [
        LETTER.to_string(),
        format!("{LETTER}. Atentamente, Marta Ixcot"),
        LETTER.replace("pequeñas", "medianas"),
    ] {
        let res = comment(app, cid, json!({"body": text}), None).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let r: Value = res.json().await.unwrap();
        ids.push(r["id"].as_str().unwrap().to_string());
    }
    ids
}

#[tokio::test]
async fn a_published_campaign_shows_once_with_its_variants_and_takes_signatures() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let cid = c["id"].as_str().unwrap();
    let ids = three_copies(&app, cid).await;
    let res = app
        .post(
            &format!("/api/v1/campaigns/{}/moderation", ids[0]),
            &s.committee,
            &json!({"decision": "publish"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let page = html(&app, &format!("/consultas/{cid}")).await;
    assert!(
        page.contains("Este texto, con variaciones menores, fue enviado por 3 personas"),
        "{page}"
    );
    assert_eq!(
        page.matches("constancia de inscripción patronal").count(),
        1
    );
    let variants = format!("/consultas/{cid}/comentarios/{}/variantes", ids[0]);
    assert!(page.contains(&variants));
    let v = html(&app, &variants).await;
    assert!(v.contains("<ins>") && v.contains("medianas"), "{v}");
    assert!(v.contains("<del>") && v.contains("pequeñas"), "{v}");
    assert!(v.contains("Marta Ixcot"), "{v}");

    // "Me sumo": the form under the comment, then the receipt.
    let action = format!("/consultas/{cid}/comentarios/{}/apoyos", ids[0]);
    assert!(page.contains(&format!("action=\"{action}\"")), "{page}");
    assert!(page.contains(">Me sumo</button>"));
    let token = form_token(&page[page.find(&action).unwrap()..]);
    let send = |email: &'static str| {
        no_redirects()
            .post(app.url(&action))
            .form(&[
                ("author_name", "Rosa Tzul"),
                ("email", email),
                ("form_token", token.as_str()),
                ("sitio_web", ""),
            ])
            .send()
    };
    let res = send("rosa@correo.gt").await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let receipt = res.headers()["location"].to_str().unwrap().to_string();
    assert!(receipt.starts_with("/seguimiento/A-"), "{receipt}");
    // A double click leads to the same receipt and signs once.
    let again = send("rosa@correo.gt").await.unwrap();
    assert_eq!(again.headers()["location"].to_str().unwrap(), receipt);
    let r = html(&app, &receipt).await;
    assert!(r.contains("Se sumó a este comentario"), "{r}");
    let page = html(&app, &format!("/consultas/{cid}")).await;
    assert!(page.contains("1 persona se sumó"), "{page}");
    // A bad e-mail brings the small form back, in Spanish, with what was typed.
    let page_token = form_token(&page[page.find(&action).unwrap()..]);
    let res = no_redirects()
        .post(app.url(&action))
        .form(&[
            ("email", "no es correo"),
            ("form_token", page_token.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = res.text().await.unwrap();
    assert!(
        body.contains("no es correo") && body.contains("correo"),
        "{body}"
    );
}

#[tokio::test]
async fn moderators_see_variants_split_one_out_and_regroup() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let cid = c["id"].as_str().unwrap();
    let ids = three_copies(&app, cid).await;
    let desk = sign_in(&app, "comite").await;
    let back = format!("/gestion/moderacion?consulta={cid}");
    let (status, page) = desk.get(&back).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Ver 2 variantes"), "{page}");
    assert!(page.contains("<ins>"), "{page}");
    assert!(page.contains("Separar de la campaña"));
    assert!(page.contains("Recalcular las campañas"));
    let csrf = desk.csrf(&back).await;
    let (status, to) = desk
        .post(
            "/gestion/moderacion/separar",
            &[("csrf", &csrf), ("back", &back), ("comment", &ids[2])],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{to}");
    let (_, page) = desk.get(&to).await;
    assert!(page.contains("salió de su campaña"), "{page}");
    assert!(page.contains("Ver 1 variante"), "{page}");
    // Withhold the two-copy campaign with one reason; the split copy waits alone.
    let (status, _) = desk
        .post(
            "/gestion/moderacion/grupo",
            &[
                ("csrf", &csrf),
                ("back", &back),
                ("consultation", cid),
                ("group", &group_of(&app, &ids[0])),
                ("comment", &ids[0]),
                ("decision", "reject"),
                ("reason", "duplicate"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let counts = counts(&app, cid).await;
    assert_eq!(counts["rejected"], 2, "{counts}");
    assert_eq!(counts["distinct_arguments"], 2);
    // Regrouping puts the split copy back (from scratch, by its text).
    let (status, _) = desk
        .post(
            "/gestion/moderacion/reagrupar",
            &[("csrf", &csrf), ("back", &back), ("consultation", cid)],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(counts_of(&app, cid, "distinct_arguments").await, 1);
    assert_eq!(app.audit_entries("campaigns.rebuilt").await.len(), 1);
    assert_eq!(app.audit_entries("comment.split").await.len(), 1);
}

/// The group key behind a comment's campaign, as the moderation form names it.
fn group_of(app: &TestApp, comment_id: &str) -> String {
    let mut conn = app.db.connect();
    tramites::db::consultations::find_comment(&mut conn, comment_id)
        .unwrap()
        .unwrap()
        .group_key
}

async fn counts(app: &TestApp, cid: &str) -> Value {
    let v: Value = app
        .get(&format!("/api/v1/consultations/{cid}"))
        .await
        .json()
        .await
        .unwrap();
    v["counts"].clone()
}

async fn counts_of(app: &TestApp, cid: &str, key: &str) -> i64 {
    counts(app, cid).await[key].as_i64().unwrap()
}

#[tokio::test]
async fn the_report_and_open_data_say_how_copies_were_counted() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let cid = c["id"].as_str().unwrap();
    let ids = three_copies(&app, cid).await;
    let other = comment(
        &app,
        cid,
        json!({"body": "Otra idea distinta sobre el registro."}),
        None,
    )
    .await;
    assert_eq!(other.status(), StatusCode::CREATED);
    let res = app
        .post(
            &format!("/api/v1/campaigns/{}/moderation", ids[0]),
            &s.committee,
            &json!({"decision": "publish"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let signed = app
        .client
        .post(app.url(&format!("/api/v1/comments/{}/endorsements", ids[0])))
        .json(&json!({"author_name": "Rosa"}))
        .send()
        .await
        .unwrap();
    assert_eq!(signed.status(), StatusCode::CREATED);
    app.clock.advance(chrono::Duration::days(32));
    let page = html(&app, &format!("/consultas/{cid}/informe")).await;
    assert!(page.contains("Las diez campañas más grandes"), "{page}");
    assert!(page.contains("al menos 0.8"), "{page}");
    assert!(
        page.contains("<strong>2</strong> argumentos distintos"),
        "{page}"
    );
    assert!(
        page.contains("<strong>1</strong> firma «Me sumo»"),
        "{page}"
    );
    assert!(page.contains("75 %"), "three of the four comments: {page}");
    let csv = html(&app, &format!("/consultas/{cid}/informe.csv")).await;
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[7], "firmas me sumo", "{csv}");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1, "one published campaign: {csv}");
    assert_eq!(
        (
            &rows[0][1],
            &rows[0][6],
            &rows[0][7],
            &rows[0][8],
            &rows[0][9]
        ),
        ("3", "75.0", "1", "2", "0.8")
    );
    let pdf = app.get(&format!("/consultas/{cid}/informe.pdf")).await;
    assert_eq!(pdf.status(), StatusCode::OK);
    let data = html(&app, "/datos/consultas.csv").await;
    let header = data.lines().next().unwrap();
    assert!(header.contains("argumentos distintos"), "{header}");
    let row = data.lines().find(|l| l.starts_with(cid)).unwrap();
    assert!(row.contains(",2,3,3 (75.0 %); 1 (25.0 %),1,0.8"), "{row}");
}
