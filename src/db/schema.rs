// The one schema for every backend. Keep in step with `migrations/`.

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

diesel::joinable!(versions -> standards (standard_id));
diesel::joinable!(clauses -> versions (version_id));
diesel::allow_tables_to_appear_in_same_query!(standards, versions, clauses);
