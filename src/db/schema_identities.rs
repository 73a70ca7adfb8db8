//! The tables of institutional sign-in (issue 40), apart from `schema.rs`.

diesel::table! {
    user_identities (issuer, subject) {
        issuer -> Text,
        subject -> Text,
        user_id -> Text,
        linked_at -> Timestamp,
    }
}

diesel::table! {
    oidc_requests (state) {
        state -> Text,
        nonce -> Text,
        verifier -> Text,
        volver -> Text,
        created_at -> Timestamp,
    }
}

use super::schema::users;
diesel::joinable!(user_identities -> users (user_id));
diesel::allow_tables_to_appear_in_same_query!(user_identities, users);
