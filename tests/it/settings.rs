//! The database runs with the settings the operator's guide promises: on
//! SQLite every pooled connection is in WAL mode, commits durably
//! (`synchronous = FULL`) and enforces foreign keys; on both backends a row
//! that points at a missing parent is refused.

use diesel::prelude::*;

use crate::support::TestDb;

#[derive(QueryableByName)]
struct Text {
    #[diesel(sql_type = diesel::sql_types::Text)]
    v: String,
}

#[derive(QueryableByName)]
struct Int {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    v: i32,
}

#[test]
fn every_pooled_sqlite_connection_has_wal_full_sync_and_foreign_keys() {
    let db = TestDb::new();
    if db.is_postgres() {
        return;
    }
    // Check several connections at once, so more than the first one made.
    let mut conns: Vec<_> = (0..3).map(|_| db.conn()).collect();
    for conn in conns.iter_mut() {
        let mode = diesel::sql_query("SELECT journal_mode AS v FROM pragma_journal_mode")
            .get_result::<Text>(&mut **conn)
            .unwrap();
        assert_eq!(mode.v.to_lowercase(), "wal");
        let sync = diesel::sql_query("SELECT synchronous AS v FROM pragma_synchronous")
            .get_result::<Int>(&mut **conn)
            .unwrap();
        assert_eq!(sync.v, 2, "synchronous should be FULL (2)");
        let fk = diesel::sql_query("SELECT foreign_keys AS v FROM pragma_foreign_keys")
            .get_result::<Int>(&mut **conn)
            .unwrap();
        assert_eq!(fk.v, 1, "foreign keys should be enforced");
    }
}

/// Built with the query planner stability guarantee, a statement with a
/// bound `LIMIT ?` is prepared once and reused; without it SQLite prepares
/// it again every time the limit is bound (see `.cargo/config.toml`).
#[test]
fn the_bundled_sqlite_keeps_plans_stable_across_bound_values() {
    let db = TestDb::new();
    if db.is_postgres() {
        return;
    }
    let mut conn = db.conn();
    let options: Vec<Text> =
        diesel::sql_query("SELECT compile_options AS v FROM pragma_compile_options")
            .load(&mut *conn)
            .unwrap();
    assert!(
        options.iter().any(|o| o.v == "ENABLE_QPSG"),
        "SQLite was built without ENABLE_QPSG: {:?}",
        options.iter().map(|o| o.v.as_str()).collect::<Vec<_>>()
    );
}

#[test]
fn a_row_pointing_at_a_missing_parent_is_refused() {
    let db = TestDb::new();
    let mut conn = db.conn();
    let err = diesel::sql_query(
        "INSERT INTO versions (standard_id, label, position, title, status, source, sha256, \
         source_path, imported_at) \
         VALUES (987654, '1', 1, 'Orphan', 'draft', '', '', 'x.md', CURRENT_TIMESTAMP)",
    )
    .execute(&mut *conn)
    .expect_err("a version of a standard that does not exist must be refused");
    assert!(
        err.to_string().to_lowercase().contains("foreign key"),
        "unexpected error: {err}"
    );
    assert_eq!(crate::support::count(&mut conn, "versions"), 0);
}
