//! Diesel table definitions, shared by both backends (UUIDs and hashes as text, times as UTC).

diesel::table! {
    users (id) {
        id -> Text,
        username -> Text,
        display_name -> Text,
        email -> Text,
        password_hash -> Text,
        roles -> Text,
        active -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    procedures (id) {
        id -> Text,
        code -> Text,
        name -> Text,
        description -> Text,
        responsible_unit -> Text,
        legal_basis -> Text,
        category -> Text,
        audience -> Text,
        channel -> Text,
        requirements -> Text,
        steps -> Integer,
        in_person_visits -> Integer,
        resolution_days -> Integer,
        fee_gtq -> Double,
        annual_volume -> BigInt,
        citizen_hours -> Double,
        workflow -> Text,
        workflow_version -> Integer,
        regulation_reference -> Nullable<Text>,
        state -> Text,
        version -> Integer,
        state_entered_at -> Timestamp,
        due_at -> Nullable<Timestamp>,
        search_text -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    audit_log (seq) {
        seq -> BigInt,
        at -> Timestamp,
        actor -> Text,
        action -> Text,
        subject_type -> Text,
        subject_id -> Text,
        data -> Text,
        prev_hash -> Text,
        hash -> Text,
        seal -> Text,
    }
}

diesel::table! {
    service_secrets (name) {
        name -> Text,
        value -> Text,
    }
}

diesel::allow_tables_to_appear_in_same_query!(users, procedures, audit_log, service_secrets);
