//! The JSON API (`/api/v1`): its handlers, its bearer-token extractors, its OpenAPI
//! document. It shares the application state and request helpers with the pages through
//! [`crate::server`], never through the pages' module.

pub mod audit;
pub mod auth;
pub mod campaigns;
pub mod checklist;
pub mod comment_views;
pub mod comments;
pub mod consultations;
pub mod documents;
pub mod drafts;
pub mod evaluation;
pub mod feedback;
pub mod health;
pub mod indicators;
pub mod inventory_files;
pub mod openapi;
pub mod pagination;
pub mod procedures;
pub mod reach;
pub mod reports;
pub mod requests;
pub mod schemas;
pub mod subscriptions;
pub mod tokens;
pub mod transitions;
pub mod transparency;
pub mod users;
pub mod workflows;

/// Registers every route of the API (used by the server and by the OpenAPI test).
pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    health::configure(cfg);
    cfg.service(
        utoipa_actix_web::scope("/api/v1")
            // First: actix tries a scope's routes in order, running each `{id}` pattern's
            // regex, and a comment is the request that comes by the thousand (measured:
            // route matching took 3 % of the machine's CPU under the comment load).
            .configure(comments::configure)
            .configure(campaigns::configure)
            .configure(tokens::configure)
            .configure(audit::configure)
            .configure(users::configure)
            .configure(inventory_files::configure)
            .configure(procedures::configure)
            .configure(transitions::configure)
            .configure(requests::configure)
            .configure(checklist::configure)
            .configure(workflows::configure)
            .configure(documents::configure)
            .configure(consultations::configure)
            .configure(reach::configure)
            .configure(subscriptions::configure)
            .configure(feedback::configure)
            .configure(indicators::configure)
            .configure(reports::configure)
            .configure(evaluation::configure)
            .configure(transparency::configure),
    );
}
