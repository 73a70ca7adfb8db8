//! Moderation, answers and counts; extensions of a consultation.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::consultations::*;
use crate::helpers::{problem, spawn_app};

#[tokio::test]
async fn moderation_answers_and_honest_counts() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let id = c["id"].as_str().unwrap();
    let mut ids = Vec::new();
    for (body, name) in [
        ("¡No al formulario en papel!", Some("Ana")),
        ("no al formulario en PAPEL", None),
        ("Compre en www.spam.example", None),
        ("Propongo ventanilla única", Some("Luis")),
    ] {
        let mut b =
            json!({"body": body, "email": "secreto@correo.gt", "organization": "Sindicato"});
        if let Some(n) = name {
            b["author_name"] = json!(n);
        }
        let r: Value = comment(&app, id, b, None).await.json().await.unwrap();
        ids.push(r["id"].as_str().unwrap().to_string());
    }
    // Nothing is public before moderation.
    let public: Value = app
        .get(&format!("/api/v1/consultations/{id}/comments"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(public["items"], json!([]));
    let moderate = |cid: &str, body: Value| {
        let (app, token, cid) = (&app, s.committee.clone(), cid.to_string());
        async move {
            app.post(&format!("/api/v1/comments/{cid}/moderation"), &token, &body)
                .await
        }
    };
    problem(
        moderate(&ids[2], json!({"decision": "reject"})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    problem(
        moderate(&ids[2], json!({"decision": "reject", "reason": "ugly"})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(
        moderate(
            &ids[2],
            json!({"decision": "reject", "reason": "Spam", "detail": "Publicidad"})
        )
        .await
        .status(),
        StatusCode::OK
    );
    for cid in [&ids[0], &ids[1], &ids[3]] {
        assert_eq!(
            moderate(cid, json!({"decision": "publish"})).await.status(),
            StatusCode::OK
        );
    }
    problem(
        app.post(
            &format!("/api/v1/comments/{}/moderation", ids[0]),
            &s.director,
            &json!({"decision": "publish"}),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    // One answer covers both copies of the campaign text.
    let res = app
        .post(
            &format!("/api/v1/comments/{}/response", ids[0]),
            &s.committee,
            &json!({"body": "Gracias: se elimina el papel."}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);

    let public: Value = app
        .get(&format!("/api/v1/consultations/{id}/comments"))
        .await
        .json()
        .await
        .unwrap();
    let text = public.to_string();
    assert!(
        !text.contains("secreto@correo.gt"),
        "no e-mail in public answers"
    );
    assert!(!text.contains("spam.example"), "withheld text is not shown");
    let items = public["items"].as_array().unwrap();
    assert_eq!(items.len(), 4);
    let withheld = items.iter().find(|c| c["status"] == "withheld").unwrap();
    assert_eq!(withheld["withheld_reason"], "spam");
    assert!(withheld["withheld_at"].as_str().unwrap().ends_with('Z'));
    assert!(withheld.get("body").is_none());
    let anonymous = items.iter().find(|c| c["id"] == ids[1].as_str()).unwrap();
    assert_eq!(anonymous["author_name"], "Anónimo");
    assert_eq!(
        anonymous["response"]["body"],
        "Gracias: se elimina el papel."
    );
    let luis = items.iter().find(|c| c["id"] == ids[3].as_str()).unwrap();
    assert_eq!(luis["response"], Value::Null);

    let c: Value = app
        .get(&format!("/api/v1/consultations/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        c["counts"],
        json!({"received": 4, "distinct": 3, "published": 3, "rejected": 1, "answered": 2,
               "by_article": {}, "distinct_arguments": 3, "largest_campaign": 2,
               "endorsements": 0, "by_channel": {"web": 4, "paper": 0, "phone": 0,
               "in_person": 0, "email": 0, "whatsapp": 0}})
    );
    assert_eq!(c["answered"], 2);
    // Staff filter needs a token.
    problem(
        app.get(&format!(
            "/api/v1/consultations/{id}/comments?status=received"
        ))
        .await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;
    let rejected: Value = app
        .send(
            Method::GET,
            &format!("/api/v1/consultations/{id}/comments?status=rejected"),
            Some(&s.committee),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(rejected["items"][0]["body"], "Compre en www.spam.example");
    assert!(!rejected.to_string().contains("secreto@correo.gt"));
}

#[tokio::test]
async fn extensions_move_the_close_later_only_and_only_by_a_director() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let c = open_consultation(&app, &s, json!({})).await;
    let id = c["id"].as_str().unwrap();
    let closes = chrono::DateTime::parse_from_rfc3339(c["closes_at"].as_str().unwrap()).unwrap();
    let extend = |token: &str, to: chrono::DateTime<chrono::FixedOffset>, reason: &str| {
        let body = json!({"closes_at": to.to_rfc3339(), "reason": reason});
        let (app, token, id) = (&app, token.to_string(), id.to_string());
        async move {
            app.post(&format!("/api/v1/consultations/{id}/extend"), &token, &body)
                .await
        }
    };
    let earlier = closes - chrono::Duration::days(1);
    let later = closes + chrono::Duration::days(7);
    problem(
        extend(&s.committee, later, "más tiempo").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    problem(
        extend(&s.director, earlier, "menos tiempo").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    problem(
        extend(&s.director, later, "").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let res = extend(&s.director, later, "Solicitud de las cámaras empresariales").await;
    assert_eq!(res.status(), StatusCode::OK);
    let c: Value = res.json().await.unwrap();
    assert_eq!(
        chrono::DateTime::parse_from_rfc3339(c["closes_at"].as_str().unwrap()).unwrap(),
        later
    );
}
