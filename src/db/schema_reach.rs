//! The tables of reach (issue 37): comments' origins and drafts' translations, apart from
//! `schema.rs` to keep each file short.

diesel::table! {
    comment_origins (comment_id) {
        comment_id -> Text,
        consultation_id -> Text,
        channel -> Text,
        language -> Text,
        received_on -> Nullable<Date>,
        recorded_by -> Nullable<Text>,
    }
}

diesel::table! {
    consultation_translations (consultation_id, language) {
        consultation_id -> Text,
        language -> Text,
        title -> Text,
        summary -> Text,
        proposal_text -> Text,
        translator -> Text,
        sha256 -> Text,
        published_by -> Text,
        published_at -> Timestamp,
    }
}

diesel::table! {
    data_demand (id) {
        id -> Text,
        dataset -> Text,
        useful -> Bool,
        feedback_id -> Nullable<Text>,
        idempotency_key -> Text,
        received_at -> Timestamp,
    }
}

diesel::table! {
    comment_originals (comment_id) {
        comment_id -> Text,
        filename -> Text,
        content_type -> Text,
        size -> BigInt,
        sha256 -> Text,
        content -> Binary,
        uploaded_by -> Text,
        uploaded_at -> Timestamp,
    }
}
