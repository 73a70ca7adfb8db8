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
        token_version -> Integer,
    }
}

diesel::table! {
    consultation_counts (consultation_id) {
        consultation_id -> Text,
        received -> BigInt,
        distinct_texts -> BigInt,
        published -> BigInt,
        rejected -> BigInt,
        answered -> BigInt,
        endorsements -> BigInt,
        campaign_generation -> BigInt,
    }
}

diesel::table! {
    comment_groups (consultation_id, group_key) {
        consultation_id -> Text,
        group_key -> Text,
        published -> BigInt,
        size -> BigInt,
    }
}

diesel::table! {
    login_attempts (id) {
        id -> Text,
        key -> Text,
        at -> Timestamp,
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
        baseline -> Nullable<Text>,
        access -> Text,
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

diesel::table! {
    workflow_definitions (key, version) {
        key -> Text,
        version -> Integer,
        body -> Text,
        loaded_at -> Timestamp,
    }
}

diesel::table! {
    transition_requests (id) {
        id -> Text,
        procedure_id -> Text,
        transition -> Text,
        from_state -> Text,
        to_state -> Text,
        rule -> Text,
        status -> Text,
        requested_by -> Text,
        requested_at -> Timestamp,
        note -> Text,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        decision_note -> Nullable<Text>,
    }
}

diesel::table! {
    procedure_history (id) {
        id -> Text,
        procedure_id -> Text,
        request_id -> Nullable<Text>,
        transition -> Text,
        from_state -> Text,
        to_state -> Text,
        requested_by -> Text,
        approved_by -> Nullable<Text>,
        at -> Timestamp,
        note -> Text,
    }
}

diesel::table! {
    checklist_items (procedure_id, state, item) {
        procedure_id -> Text,
        state -> Text,
        item -> Text,
        done -> Bool,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    documents (id) {
        id -> Text,
        procedure_id -> Text,
        kind -> Text,
        filename -> Text,
        content_type -> Text,
        size -> BigInt,
        sha256 -> Text,
        content -> Binary,
        uploaded_by -> Text,
        uploaded_at -> Timestamp,
    }
}

diesel::table! {
    consultations (id) {
        id -> Text,
        procedure_id -> Text,
        title -> Text,
        summary -> Text,
        proposal_text -> Text,
        opens_at -> Timestamp,
        closes_at -> Timestamp,
        created_by -> Text,
        created_at -> Timestamp,
        supersedes -> Nullable<Text>,
    }
}

diesel::table! {
    comments (id) {
        id -> Text,
        consultation_id -> Text,
        tracking_code -> Text,
        body -> Text,
        group_key -> Text,
        author_name -> Nullable<Text>,
        email -> Nullable<Text>,
        organization -> Nullable<Text>,
        status -> Text,
        received_at -> Timestamp,
        moderated_by -> Nullable<Text>,
        moderated_at -> Nullable<Timestamp>,
        reject_reason -> Nullable<Text>,
        reject_detail -> Nullable<Text>,
        idempotency_key -> Nullable<Text>,
        article -> Nullable<Text>,
        proposed_text -> Nullable<Text>,
        signature -> Nullable<Binary>,
        campaign_id -> Nullable<Text>,
    }
}

diesel::table! {
    comment_responses (consultation_id, group_key) {
        consultation_id -> Text,
        group_key -> Text,
        body -> Text,
        responded_by -> Text,
        responded_at -> Timestamp,
        outcome -> Nullable<Text>,
        changed_articles -> Nullable<Text>,
    }
}

diesel::table! {
    article_counts (consultation_id, article) {
        consultation_id -> Text,
        article -> Text,
        received -> BigInt,
        published -> BigInt,
    }
}

diesel::table! {
    final_texts (consultation_id) {
        consultation_id -> Text,
        text -> Text,
        notes -> Text,
        sha256 -> Text,
        published_by -> Text,
        published_at -> Timestamp,
    }
}

diesel::table! {
    outbox (id) {
        id -> Text,
        kind -> Text,
        dedupe_key -> Nullable<Text>,
        to_address -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        message_id -> Text,
        unsubscribe_url -> Nullable<Text>,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    subscriptions (id) {
        id -> Text,
        procedure_id -> Text,
        email -> Text,
        token -> Text,
        confirmed_at -> Nullable<Timestamp>,
        unsubscribed_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    feedback (id) {
        id -> Text,
        tracking_code -> Text,
        topic -> Text,
        body -> Text,
        author_name -> Nullable<Text>,
        email -> Nullable<Text>,
        status -> Text,
        received_at -> Timestamp,
        moderated_by -> Nullable<Text>,
        moderated_at -> Nullable<Timestamp>,
        reject_reason -> Nullable<Text>,
        reject_detail -> Nullable<Text>,
        response -> Nullable<Text>,
        responded_by -> Nullable<Text>,
        responded_at -> Nullable<Timestamp>,
        idempotency_key -> Nullable<Text>,
    }
}

diesel::table! {
    sessions (id) {
        id -> Text,
        user_id -> Text,
        csrf -> Text,
        token_version -> Integer,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        ended_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    indicator_snapshots (day) {
        day -> Date,
        priority_total -> BigInt,
        priority_digital -> BigInt,
        general_total -> BigInt,
        general_digital -> BigInt,
        overdue -> BigInt,
        by_state -> Text,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    address_counts (key, hour) {
        key -> Text,
        hour -> Timestamp,
        count -> BigInt,
    }
}

diesel::table! {
    consultation_reports (consultation_id) {
        consultation_id -> Text,
        version -> Text,
        body -> Text,
        sha256 -> Text,
        pdf -> Nullable<Binary>,
        pdf_sha256 -> Nullable<Text>,
        frozen_at -> Timestamp,
    }
}

diesel::table! {
    frozen_reports (period) {
        period -> Text,
        body -> Text,
        sha256 -> Text,
        frozen_at -> Timestamp,
    }
}

diesel::table! {
    survey_answers (id) {
        id -> Text,
        procedure_id -> Text,
        satisfaction -> Integer,
        ease -> Integer,
        completed_online -> Bool,
        channel -> Text,
        comment -> Nullable<Text>,
        comment_status -> Text,
        reject_reason -> Nullable<Text>,
        moderated_by -> Nullable<Text>,
        moderated_at -> Nullable<Timestamp>,
        idempotency_key -> Nullable<Text>,
        received_at -> Timestamp,
    }
}

diesel::table! {
    usage_months (procedure_id, month) {
        procedure_id -> Text,
        month -> Text,
        online -> BigInt,
        in_person -> BigInt,
        other -> BigInt,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(comments -> consultations (consultation_id));
diesel::joinable!(procedure_history -> procedures (procedure_id));

diesel::allow_tables_to_appear_in_same_query!(
    article_counts,
    comment_groups,
    final_texts,
    survey_answers,
    usage_months,
    indicator_snapshots,
    frozen_reports,
    sessions,
    feedback,
    consultation_counts,
    login_attempts,
    outbox,
    address_counts,
    consultation_reports,
    subscriptions,
    consultations,
    comments,
    comment_responses,
    audit_log,
    service_secrets,
    procedures,
    transition_requests,
    procedure_history,
    checklist_items,
    documents,
    workflow_definitions,
    users
);

pub use super::schema_campaigns::*;
