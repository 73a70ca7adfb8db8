//! The table of "Me sumo" signatures (issue 36), apart from
//! `schema.rs` to keep each file short; re-exported from there.

diesel::table! {
    endorsements (id) {
        id -> Text,
        comment_id -> Text,
        consultation_id -> Text,
        tracking_code -> Text,
        author_name -> Nullable<Text>,
        email -> Nullable<Text>,
        address_sha256 -> Text,
        received_at -> Timestamp,
        idempotency_key -> Nullable<Text>,
    }
}
