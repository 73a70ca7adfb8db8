//! Browser tests: the public pages in a real Chromium (JavaScript off for the citizens' flow,
//! keyboard alone, axe-core at 360 and 1280 pixels, screenshots under target/screenshots/),
//! against a real server on a random port and a real database (SQLite, or PostgreSQL when
//! TEST_DATABASE_URL is set).

#[allow(dead_code)]
#[path = "../api/helpers.rs"]
mod helpers;

mod accessibility;
mod campaigns;
mod drafts;
mod driver;
mod focus;
mod institutional;
mod mail_link;
#[allow(dead_code)]
#[path = "../api/oidc_provider.rs"]
mod oidc_provider;
mod public;
mod reach;
mod staff;
mod survey;
mod transparency;
#[allow(dead_code)]
#[path = "../api/walks.rs"]
mod walks;
mod workspace;
mod workspace_checks;
