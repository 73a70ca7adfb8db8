//! A PostgreSQL on this machine is reached without TLS unless the URL asks for it
//! (`src/db/pg_url.rs`): libpq's default would encrypt the loopback traffic for nothing.

use diesel::RunQueryDsl;
use tramites::db::DbConnection;

use crate::helpers::TestDb;

/// Whether this connection's traffic is encrypted, as the server sees it.
fn over_tls(conn: &mut DbConnection) -> bool {
    #[derive(diesel::QueryableByName)]
    struct Ssl {
        #[diesel(sql_type = diesel::sql_types::Bool)]
        ssl: bool,
    }
    diesel::sql_query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
        .get_result::<Ssl>(conn)
        .unwrap()
        .ssl
}

#[test]
fn a_database_on_this_machine_is_reached_without_tls_unless_the_url_asks() {
    let db = TestDb::new();
    let on_this_machine = ["@127.", "@localhost", "@[::1]"]
        .iter()
        .any(|host| db.url.contains(host));
    if !db.is_postgres() || !on_this_machine {
        return;
    }
    // The same server with TLS required: when it offers none, there is nothing to tell apart.
    let Ok(mut asked) = tramites::db::establish(&format!("{}?sslmode=require", db.url)) else {
        return;
    };
    assert!(over_tls(&mut asked), "sslmode=require in the URL is kept");
    assert!(
        !over_tls(&mut db.connect()),
        "the service's own connection to 127.0.0.1 went over TLS"
    );
}
