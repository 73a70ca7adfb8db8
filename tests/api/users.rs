use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{problem, spawn_app};

fn user(username: &str, roles: &[&str]) -> Value {
    json!({"username": username, "display_name": "Nombre Apellido", "email": format!("{username}@mintrabajo.gob.gt"),
           "password": "una-clave-larga", "roles": roles})
}

#[tokio::test]
async fn admin_creates_lists_and_changes_users() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let res = app
        .post(
            "/api/v1/users",
            &admin,
            &user("maria", &["committee", "director"]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    let created: Value = res.json().await.unwrap();
    assert_eq!(
        location,
        format!("/api/v1/users/{}", created["id"].as_str().unwrap())
    );
    assert_eq!(created["roles"], json!(["committee", "director"]));
    assert_eq!(created["active"], true);
    assert!(created.get("password").is_none() && created.get("password_hash").is_none());

    problem(
        app.post("/api/v1/users", &admin, &user("maria", &[])).await,
        StatusCode::CONFLICT,
        "duplicate_username",
    )
    .await;

    let id = created["id"].as_str().unwrap();
    let res = app
        .send(
            Method::PATCH,
            &format!("/api/v1/users/{id}"),
            Some(&admin),
            Some(&json!({"roles": ["auditor"]})),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let changed: Value = res.json().await.unwrap();
    assert_eq!(changed["roles"], json!(["auditor"]));

    let list: Value = app
        .send(Method::GET, "/api/v1/users", Some(&admin), None)
        .await
        .json()
        .await
        .unwrap();
    let names: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["username"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["admin", "maria"]);
    assert_eq!(list["next_cursor"], Value::Null);

    let token = app.login("maria", "una-clave-larga").await;
    let me: Value = app
        .send(Method::GET, "/api/v1/me", Some(&token), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["roles"], json!(["auditor"]));
}

#[tokio::test]
async fn user_list_pages_with_a_cursor() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    for i in 0..4 {
        let res = app
            .post(
                "/api/v1/users",
                &admin,
                &user(&format!("persona{i}"), &["auditor"]),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
    }
    let mut seen = Vec::new();
    let mut path = "/api/v1/users?limit=2".to_string();
    loop {
        let page: Value = app
            .send(Method::GET, &path, Some(&admin), None)
            .await
            .json()
            .await
            .unwrap();
        let items = page["items"].as_array().unwrap();
        assert!(items.len() <= 2);
        seen.extend(
            items
                .iter()
                .map(|u| u["username"].as_str().unwrap().to_string()),
        );
        match page["next_cursor"].as_str() {
            Some(c) => path = format!("/api/v1/users?limit=2&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(
        seen,
        vec!["admin", "persona0", "persona1", "persona2", "persona3"]
    );
}

#[tokio::test]
async fn user_fields_are_validated() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let body = json!({"username": "Con Espacios", "display_name": "", "email": "no-es-correo", "password": "corta", "roles": []});
    let p = problem(
        app.post("/api/v1/users", &admin, &body).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let fields: Vec<&str> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        vec!["username", "display_name", "email", "password"]
    );
    let mut bad_role = user("pedro", &[]);
    bad_role["roles"] = json!(["emperor"]);
    let p = problem(
        app.post("/api/v1/users", &admin, &bad_role).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "roles[0]");
}

#[tokio::test]
async fn the_last_active_admin_cannot_be_removed() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let me: Value = app
        .send(Method::GET, "/api/v1/me", Some(&admin), None)
        .await
        .json()
        .await
        .unwrap();
    let id = me["id"].as_str().unwrap();
    let res = app
        .send(
            Method::PATCH,
            &format!("/api/v1/users/{id}"),
            Some(&admin),
            Some(&json!({"active": false})),
        )
        .await;
    problem(res, StatusCode::CONFLICT, "last_admin").await;
    let res = app
        .send(
            Method::PATCH,
            &format!("/api/v1/users/{id}"),
            Some(&admin),
            Some(&json!({"roles": ["auditor"]})),
        )
        .await;
    problem(res, StatusCode::CONFLICT, "last_admin").await;
    // With a second admin, the first may step down.
    assert_eq!(
        app.post("/api/v1/users", &admin, &user("segunda", &["admin"]))
            .await
            .status(),
        StatusCode::CREATED
    );
    let res = app
        .send(
            Method::PATCH,
            &format!("/api/v1/users/{id}"),
            Some(&admin),
            Some(&json!({"roles": ["auditor"]})),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn patching_an_unknown_user_is_404() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let id = uuid::Uuid::new_v4();
    let res = app
        .send(
            Method::PATCH,
            &format!("/api/v1/users/{id}"),
            Some(&admin),
            Some(&json!({"active": true})),
        )
        .await;
    problem(res, StatusCode::NOT_FOUND, "not_found").await;
    let res = app
        .send(
            Method::PATCH,
            "/api/v1/users/not-a-uuid",
            Some(&admin),
            Some(&json!({"active": true})),
        )
        .await;
    problem(res, StatusCode::NOT_FOUND, "not_found").await;
}
