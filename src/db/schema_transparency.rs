//! The tables of the transparency log (issue 38), apart from `schema.rs`.

diesel::table! {
    merkle_nodes (level, idx) {
        level -> Integer,
        idx -> BigInt,
        hash -> Binary,
    }
}

diesel::table! {
    tree_heads (tree_size) {
        tree_size -> BigInt,
        root_hash -> Text,
        signed_at -> Text,
        signature -> Text,
        published_at -> Timestamp,
        stamp -> Nullable<Binary>,
        stamp_attempts -> Integer,
        stamp_error -> Nullable<Text>,
        stamp_next_at -> Nullable<Timestamp>,
    }
}
