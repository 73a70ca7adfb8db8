//! The tables of near-duplicate campaigns and "Me sumo" signatures (issue 36), apart from
//! `schema.rs` to keep each file short; re-exported from there.

diesel::table! {
    comment_signatures (seq) {
        seq -> BigInt,
        consultation_id -> Text,
        comment_id -> Text,
        campaign_id -> Text,
        group_key -> Text,
        scope_salt -> BigInt,
        signature -> Binary,
    }
}

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

diesel::allow_tables_to_appear_in_same_query!(comment_signatures, endorsements);
