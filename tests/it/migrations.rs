//! The two migration folders must stay in step, and every migration must
//! run down and up again.

use std::collections::BTreeSet;
use std::path::Path;

use crate::support::{count, TestDb};

fn names(dir: &str) -> BTreeSet<String> {
    std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn sqlite_and_postgres_have_the_same_migrations() {
    let sqlite = names("migrations/sqlite");
    let postgres = names("migrations/postgres");
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, postgres);
    for name in &sqlite {
        for backend in ["sqlite", "postgres"] {
            for file in ["up.sql", "down.sql"] {
                let p = Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join(format!("migrations/{backend}/{name}/{file}"));
                assert!(p.is_file(), "{} is missing", p.display());
            }
        }
    }
}

#[test]
fn migrations_run_down_and_up_again() {
    let db = TestDb::new();
    let mut conn = db.conn();
    assert_eq!(count(&mut conn, "standards"), 0);
    docket::db::revert_all(&mut conn).unwrap();
    let applied = docket::db::migrate(&mut conn).unwrap();
    assert_eq!(applied.len(), names("migrations/sqlite").len());
    assert_eq!(count(&mut conn, "clauses"), 0);
    assert!(docket::db::migrate(&mut conn).unwrap().is_empty());
}

#[test]
fn unknown_database_schemes_are_refused() {
    let err = docket::db::DbUrl::parse("mysql://root@localhost/x").unwrap_err();
    assert!(err.to_string().contains("unknown scheme"), "{err}");
    let err = docket::db::DbUrl::parse("data/docket.db").unwrap_err();
    assert!(err.to_string().contains("unknown scheme"), "{err}");
    assert_eq!(
        docket::db::redact("postgres://user:secret@host/db"),
        "postgres://user@host/db"
    );
}
