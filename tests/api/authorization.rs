//! The use cases authorise: called directly (no face, no extractor), a change is refused to an
//! actor whose roles the core's table does not admit, and nothing is written.

use serde_json::json;
use tramites::audit;
use tramites::domain::Role;
use tramites::usecases::AppError;

use crate::helpers::TestDb;

fn entries(conn: &mut tramites::db::DbConnection) -> i64 {
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    diesel::sql_query("SELECT count(*) AS n FROM audit_log")
        .get_result::<N>(conn)
        .unwrap()
        .n
}

#[test]
fn a_use_case_refuses_an_actor_the_table_does_not_admit() {
    let test_db = TestDb::new();
    let mut conn = test_db.connect();
    tramites::db::migrate(&mut conn).unwrap();
    let keys = test_db.audit_keys();
    let registry = tramites::domain::workflow::Registry::builtin().unwrap();
    let body: tramites::domain::procedure::CreateProcedure =
        serde_json::from_value(crate::helpers::procedure_body("AUTH-1", json!({}))).unwrap();
    let as_roles = |roles: &'static [Role]| audit::Context {
        keys: &keys,
        now: chrono::Utc::now(),
        actor: "someone",
        roles,
    };
    for roles in [
        &[][..],
        &[Role::Director, Role::Minister, Role::Auditor, Role::Admin][..],
    ] {
        let refused =
            tramites::usecases::procedures::register(&mut conn, &as_roles(roles), &registry, &body);
        assert!(
            matches!(refused, Err(AppError::Forbidden(_))),
            "{roles:?}: {refused:?}"
        );
    }
    assert_eq!(entries(&mut conn), 0, "a refused change writes nothing");
    let account: tramites::domain::user::CreateUser = serde_json::from_value(
        json!({"username": "nuevo", "display_name": "N", "email": "n@b.gt", "password": "12345678"}),
    )
    .unwrap();
    assert!(matches!(
        tramites::usecases::accounts::create(&mut conn, &as_roles(&[Role::Committee]), &account),
        Err(AppError::Forbidden(_))
    ));
    let made = tramites::usecases::procedures::register(
        &mut conn,
        &as_roles(&[Role::Committee]),
        &registry,
        &body,
    );
    assert!(made.is_ok(), "{made:?}");
    assert_eq!(entries(&mut conn), 1);
}
