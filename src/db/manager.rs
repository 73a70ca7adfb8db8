//! Opens connections to the backend the URL names.
//!
//! diesel's `MultiConnection` (behind `DbConnection::establish` and its `ConnectionManager`) tries
//! each backend in turn and reports only that the last one failed: a PostgreSQL URL naming a
//! database that does not exist, a wrong password or a server that is down all came out as
//! "Invalid connection url for multiconnection", with PostgreSQL's own words lost, and the failed
//! attempt initialised SQLite with the PostgreSQL URL as a file name. Here the URL's scheme picks
//! the backend once, and its error is the one reported.

use diesel::r2d2::{Error, ManageConnection, R2D2Connection};
use diesel::{Connection, ConnectionResult, PgConnection, SqliteConnection};

use super::{Backend, DbConnection};

/// The pool's connection manager: as diesel's `ConnectionManager`, with the backend fixed.
#[derive(Debug, Clone)]
pub struct Manager {
    backend: Backend,
    diesel_url: String,
}

impl Manager {
    pub(super) fn new(backend: Backend, diesel_url: String) -> Self {
        Self {
            backend,
            diesel_url,
        }
    }

    /// Opens one connection of the backend chosen when the manager was made.
    pub(super) fn open(&self) -> ConnectionResult<DbConnection> {
        match self.backend {
            Backend::Postgres => {
                PgConnection::establish(&self.diesel_url).map(DbConnection::Postgresql)
            }
            Backend::Sqlite => {
                SqliteConnection::establish(&self.diesel_url).map(DbConnection::Sqlite)
            }
        }
    }
}

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = Error;

    fn connect(&self) -> Result<DbConnection, Error> {
        self.open().map_err(Error::ConnectionError)
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), Error> {
        conn.ping().map_err(Error::QueryError)
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        std::thread::panicking() || conn.is_broken()
    }
}
