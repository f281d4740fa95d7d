//! The one diesel schema for every backend. Keep in step with `migrations/`.

diesel::table! {
    standards (id) {
        id -> Integer,
        slug -> Text,
        title -> Text,
        summary -> Text,
        time_zone -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    versions (id) {
        id -> Integer,
        standard_id -> Integer,
        label -> Text,
        position -> Integer,
        title -> Text,
        status -> Text,
        published -> Nullable<Date>,
        comment_opens -> Nullable<Timestamp>,
        comment_closes -> Nullable<Timestamp>,
        notes -> Text,
        preamble_html -> Text,
        source -> Text,
        sha256 -> Text,
        source_path -> Text,
        imported_at -> Timestamp,
    }
}

diesel::table! {
    clauses (id) {
        id -> Integer,
        version_id -> Integer,
        position -> Integer,
        clause_key -> Text,
        number -> Text,
        heading -> Text,
        level -> Integer,
        body_md -> Text,
        html -> Text,
        parent_key -> Nullable<Text>,
        line -> Integer,
    }
}

diesel::table! {
    staff_users (id) {
        id -> Integer,
        name -> Text,
        password_hash -> Text,
        role -> Text,
        created_at -> Timestamp,
        disabled -> Bool,
        session_generation -> Integer,
    }
}

diesel::table! {
    outbox (id) {
        id -> Integer,
        to_addr -> Text,
        subject -> Text,
        body_text -> Text,
        headers -> Text,
        created_at -> Timestamp,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        claimed_until -> Nullable<Timestamp>,
    }
}

diesel::table! {
    login_failures (id) {
        id -> Integer,
        name -> Text,
        address -> Text,
        at -> Timestamp,
    }
}

diesel::table! {
    health_heartbeat (id) {
        id -> Integer,
        beat_at -> Timestamp,
    }
}

diesel::table! {
    rate_events (id) {
        id -> Integer,
        bucket -> Text,
        address -> Text,
        at -> Timestamp,
    }
}

diesel::joinable!(versions -> standards (standard_id));
diesel::joinable!(clauses -> versions (version_id));
diesel::allow_tables_to_appear_in_same_query!(
    standards,
    versions,
    clauses,
    comments,
    commenters,
    verification_tokens,
    verification_mails,
    outbox,
    comment_flags,
    dispositions,
    drafts,
    draft_acceptances,
    comment_bands,
);

diesel::table! {
    commenters (id) {
        id -> Integer,
        email -> Text,
        display_name -> Text,
        organization -> Nullable<Text>,
        verified_at -> Nullable<Timestamp>,
        notify_replies -> Bool,
        unsubscribe_token -> Text,
        remember_hash -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    comments (id) {
        id -> Integer,
        version_id -> Integer,
        clause_key -> Nullable<Text>,
        parent_id -> Nullable<Integer>,
        path -> Text,
        depth -> Integer,
        kind -> Text,
        body_md -> Text,
        body_html -> Text,
        proposed_text -> Nullable<Text>,
        quoted_text -> Nullable<Text>,
        commenter_id -> Integer,
        status -> Text,
        hidden_reason -> Nullable<Text>,
        tracking_number -> Text,
        created_at -> Timestamp,
        published_at -> Nullable<Timestamp>,
        flags -> Integer,
        author_name -> Text,
        author_organization -> Nullable<Text>,
        submission_key -> Nullable<Text>,
        proposed_html -> Nullable<Text>,
        published_seq -> Nullable<Integer>,
        text_hash -> Nullable<Text>,
        signature -> Nullable<Binary>,
        campaign_id -> Nullable<Integer>,
        office_name -> Nullable<Text>,
        office_domain -> Nullable<Text>,
        lang -> Text,
    }
}

diesel::table! {
    comment_bands (version_id, band_hash, band_no) {
        version_id -> Integer,
        band_no -> Integer,
        band_hash -> BigInt,
        comment_id -> Integer,
    }
}

diesel::joinable!(comment_bands -> comments (comment_id));

diesel::table! {
    verification_tokens (id) {
        id -> Integer,
        token_hash -> Text,
        comment_id -> Integer,
        display_name -> Text,
        organization -> Nullable<Text>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        mail_id -> Nullable<Integer>,
    }
}

diesel::table! {
    verification_mails (id) {
        id -> Integer,
        commenter_id -> Integer,
        outbox_id -> Integer,
        send_at -> Timestamp,
        links -> Integer,
        created_at -> Timestamp,
        group_hash -> Nullable<Text>,
        group_used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    comment_flags (id) {
        id -> Integer,
        comment_id -> Integer,
        reason -> Text,
        created_at -> Timestamp,
        resolved_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    ledger (seq) {
        seq -> Integer,
        kind -> Text,
        comment_id -> Nullable<Integer>,
        payload -> Text,
        prev_hash -> Text,
        hash -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    ledger_checkpoints (id) {
        id -> Integer,
        day -> Text,
        seq -> Integer,
        hash -> Text,
        signed_at -> Timestamp,
        public_key -> Text,
        signature -> Text,
    }
}

diesel::table! {
    ledger_backfill (version_id) {
        version_id -> Integer,
    }
}

diesel::table! {
    dispositions (id) {
        id -> Integer,
        comment_id -> Integer,
        outcome -> Text,
        rationale -> Text,
        staff_id -> Integer,
        decided_at -> Timestamp,
        resolved_version -> Nullable<Text>,
        resolved_clause_key -> Nullable<Text>,
        group_id -> Nullable<Integer>,
    }
}

diesel::table! {
    drafts (id) {
        id -> Integer,
        standard_id -> Integer,
        base_version_id -> Integer,
        label -> Text,
        source -> Text,
        revision -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        updated_by -> Text,
        published_version_id -> Nullable<Integer>,
    }
}

diesel::table! {
    draft_acceptances (id) {
        id -> Integer,
        draft_id -> Integer,
        comment_id -> Integer,
        clause_key -> Text,
        applied_text -> Text,
        staff_id -> Integer,
        accepted_at -> Timestamp,
    }
}

diesel::joinable!(dispositions -> comments (comment_id));
diesel::joinable!(draft_acceptances -> drafts (draft_id));
diesel::joinable!(draft_acceptances -> comments (comment_id));

diesel::joinable!(comments -> commenters (commenter_id));
diesel::joinable!(comments -> versions (version_id));
diesel::joinable!(verification_tokens -> comments (comment_id));
diesel::joinable!(verification_tokens -> verification_mails (mail_id));
diesel::joinable!(verification_mails -> outbox (outbox_id));
diesel::joinable!(comment_flags -> comments (comment_id));

diesel::table! {
    audit_events (id) {
        id -> Integer,
        at -> Timestamp,
        staff_id -> Nullable<Integer>,
        actor_name -> Text,
        action -> Text,
        standard_id -> Nullable<Integer>,
        version_id -> Nullable<Integer>,
        target -> Text,
        detail -> Text,
        public -> Bool,
    }
}

diesel::table! {
    subscriptions (id) {
        id -> Integer,
        standard_id -> Integer,
        email -> Text,
        status -> Text,
        confirm_hash -> Nullable<Text>,
        confirm_expires -> Nullable<Timestamp>,
        unsubscribe_token -> Text,
        created_at -> Timestamp,
        confirmed_at -> Nullable<Timestamp>,
        unsubscribed_at -> Nullable<Timestamp>,
        lang -> Text,
    }
}

diesel::joinable!(subscriptions -> standards (standard_id));

diesel::table! {
    comment_tallies (version_id, clause_key, status, was_published, shard) {
        version_id -> Integer,
        clause_key -> Text,
        status -> Text,
        was_published -> Bool,
        shard -> Integer,
        n -> BigInt,
    }
}

diesel::table! {
    campaign_tallies (version_id, campaign_id, status) {
        version_id -> Integer,
        campaign_id -> Integer,
        status -> Text,
        n -> BigInt,
    }
}

diesel::table! {
    decision_tallies (version_id, campaign_id, status, outcome) {
        version_id -> Integer,
        campaign_id -> Integer,
        status -> Text,
        outcome -> Text,
        n -> BigInt,
    }
}

diesel::table! {
    comment_numbers (version_id) {
        version_id -> Integer,
        issued -> Integer,
    }
}

diesel::table! {
    page_generation (id) {
        id -> Integer,
        n -> BigInt,
    }
}

diesel::table! {
    release_modes (standard_id) {
        standard_id -> Integer,
        mode -> Text,
        changed_by -> Integer,
        changed_at -> Timestamp,
    }
}

diesel::table! {
    decision_drafts (comment_id) {
        comment_id -> Integer,
        version_id -> Integer,
        outcome -> Text,
        rationale -> Text,
        resolved_version -> Nullable<Text>,
        resolved_clause_key -> Nullable<Text>,
        group_id -> Nullable<Integer>,
        state -> Text,
        drafted_by -> Integer,
        drafted_at -> Timestamp,
        ready_by -> Nullable<Integer>,
        approved_by -> Nullable<Integer>,
    }
}

diesel::table! {
    decision_waivers (comment_id) {
        comment_id -> Integer,
        staff_id -> Integer,
        waived_at -> Timestamp,
    }
}

diesel::joinable!(decision_drafts -> comments (comment_id));
diesel::allow_tables_to_appear_in_same_query!(decision_drafts, decision_waivers, comments);

diesel::table! {
    comment_redactions (id) {
        id -> Integer,
        comment_id -> Integer,
        passage -> Text,
        reason -> Text,
        original_body_md -> Text,
        original_sha256 -> Text,
        staff_id -> Integer,
        ledger_seq -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    office_domains (id) {
        id -> Integer,
        domain -> Text,
        office -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    kept_drafts (id) {
        id -> Integer,
        token_hash -> Text,
        place -> Text,
        name -> Text,
        email -> Text,
        organization -> Text,
        kind -> Text,
        body -> Text,
        proposed_text -> Text,
        saved_at -> Timestamp,
        gathered -> Bool,
    }
}

diesel::table! {
    attachments (id) {
        id -> Integer,
        comment_id -> Integer,
        file_name -> Text,
        size_bytes -> Integer,
        sha256 -> Text,
        content -> Binary,
        created_at -> Timestamp,
    }
}

diesel::joinable!(attachments -> comments (comment_id));
diesel::allow_tables_to_appear_in_same_query!(attachments, comments);

diesel::table! {
    version_translations (id) {
        id -> Integer,
        version_id -> Integer,
        lang -> Text,
        title -> Text,
        notes -> Text,
        preamble_html -> Text,
        source -> Text,
        sha256 -> Text,
        source_path -> Text,
        imported_at -> Timestamp,
    }
}

diesel::table! {
    clause_translations (id) {
        id -> Integer,
        version_id -> Integer,
        lang -> Text,
        position -> Integer,
        clause_key -> Text,
        number -> Text,
        heading -> Text,
        level -> Integer,
        body_md -> Text,
        html -> Text,
        parent_key -> Nullable<Text>,
    }
}
