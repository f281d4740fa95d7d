//! Import: idempotence, refusal of changed published versions, atomicity.

use docket::db::models::{ClauseRow, Standard, Version};
use docket::standard::import::import_dir;

use crate::support::{count, front, sample_content, two_versions, Content, TestDb};

fn snapshot(db: &TestDb) -> (i64, i64, i64, Vec<String>) {
    let mut conn = db.conn();
    let shas = Version::all(&mut conn)
        .unwrap()
        .into_iter()
        .map(|v| v.sha256)
        .collect();
    (
        count(&mut conn, "standards"),
        count(&mut conn, "versions"),
        count(&mut conn, "clauses"),
        shas,
    )
}

#[test]
fn import_is_idempotent_and_says_so() {
    let db = TestDb::new();
    let content = two_versions();
    let first = import_dir(&mut db.conn(), content.path()).unwrap();
    assert!(first.changed());
    assert_eq!(first.versions_added, 2);
    let text = first.to_string();
    assert!(text.contains("ballots: version 1 imported"), "{text}");
    let before = snapshot(&db);

    let second = import_dir(&mut db.conn(), content.path()).unwrap();
    assert!(!second.changed());
    assert_eq!(second.versions_unchanged, 2);
    assert!(
        second.to_string().starts_with("Nothing changed"),
        "{second}"
    );
    assert_eq!(snapshot(&db), before);
}

#[test]
fn keys_are_inherited_across_imported_versions() {
    let db = TestDb::new();
    let content = two_versions();
    import_dir(&mut db.conn(), content.path()).unwrap();
    let mut conn = db.conn();
    let s = Standard::by_slug(&mut conn, "ballots").unwrap();
    let v2 = Version::by_label(&mut conn, s.id, "2").unwrap();
    let keys: Vec<String> = ClauseRow::for_version(&mut conn, v2.id)
        .unwrap()
        .into_iter()
        .map(|c| c.clause_key)
        .collect();
    // "Seals" keeps its key by heading; "Secure storage" by its body.
    assert_eq!(
        keys,
        ["integrity", "training", "custody", "seals", "storage-rooms"]
    );
}

#[test]
fn a_changed_published_version_is_refused_and_nothing_changes() {
    let db = TestDb::new();
    let content = two_versions();
    import_dir(&mut db.conn(), content.path()).unwrap();
    let before = snapshot(&db);

    let path = content.path().join("ballots/1.md");
    let edited = std::fs::read_to_string(&path)
        .unwrap()
        .replace("every hand-off", "each hand-off");
    std::fs::write(&path, edited).unwrap();
    // A new version beside the edit must not be imported either.
    content.version(
        "ballots",
        "3",
        &format!("{}## 1 New {{#new}}\n\nText.\n", front("3", "draft")),
    );

    let err = import_dir(&mut db.conn(), content.path()).unwrap_err();
    let msg = format!("{err:#}");
    assert!(msg.contains(&path.display().to_string()), "{msg}");
    assert!(
        msg.contains("refused: version 1 of ballots is published"),
        "{msg}"
    );
    assert_eq!(snapshot(&db), before);
}

#[test]
fn a_draft_may_be_replaced() {
    let db = TestDb::new();
    let content = Content::new();
    content.standard("drafts", "Drafts");
    content.version(
        "drafts",
        "1",
        &format!("{}## 1 A {{#a}}\n\nFirst.\n", front("1", "draft")),
    );
    import_dir(&mut db.conn(), content.path()).unwrap();
    content.version(
        "drafts",
        "1",
        &format!(
            "{}## 1 A {{#a}}\n\nSecond.\n\n## 2 B {{#b}}\n\nMore.\n",
            front("1", "draft")
        ),
    );
    let report = import_dir(&mut db.conn(), content.path()).unwrap();
    assert_eq!(report.versions_replaced, 1);
    let mut conn = db.conn();
    assert_eq!(count(&mut conn, "clauses"), 2);
    assert_eq!(count(&mut conn, "versions"), 1);
}

#[test]
fn a_bad_file_stops_the_import_before_anything_is_written() {
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "missing front matter",
            b"## 1 A\n\nx\n".to_vec(),
            "missing front matter",
        ),
        ("empty", Vec::new(), "the file is empty"),
        (
            "not utf-8",
            {
                let mut b = format!("{}## 1 A\n\n", front("2", "draft")).into_bytes();
                b.extend_from_slice(&[0xff, 0xfe, b'\n']);
                b
            },
            "not valid UTF-8",
        ),
        (
            "duplicate keys",
            format!(
                "{}## 1 A {{#k}}\n\nx\n\n## 2 B {{#k}}\n\ny\n",
                front("2", "draft")
            )
            .into_bytes(),
            "duplicate key `k`",
        ),
        (
            "invalid toml",
            b"+++\nlabel = \"2\nstatus = \"draft\"\n+++\n## 1 A\n".to_vec(),
            "invalid front matter",
        ),
    ];
    for (what, bytes, expected) in cases {
        let db = TestDb::new();
        let content = two_versions();
        // A good standard sorted first, then the bad file in a second one.
        content.standard("zz-bad", "Bad");
        content.version(
            "zz-bad",
            "1",
            &format!("{}## 1 Fine {{#fine}}\n\nOK.\n", front("1", "final")),
        );
        let path = content.version_bytes("zz-bad", "2", &bytes);
        let err = import_dir(&mut db.conn(), content.path()).unwrap_err();
        let msg = format!("{err:#}");
        assert!(msg.contains(&path.display().to_string()), "{what}: {msg}");
        assert!(msg.contains(expected), "{what}: {msg}");
        let mut conn = db.conn();
        assert_eq!(count(&mut conn, "standards"), 0, "{what}");
        assert_eq!(count(&mut conn, "clauses"), 0, "{what}");
    }
}

#[test]
fn a_label_that_does_not_match_the_file_name_is_refused() {
    let db = TestDb::new();
    let content = Content::new();
    content.standard("s", "S");
    content.version("s", "2", &format!("{}## 1 A\n\nx\n", front("1", "draft")));
    let err = format!(
        "{:#}",
        import_dir(&mut db.conn(), content.path()).unwrap_err()
    );
    assert!(
        err.contains("label \"1\" but the file is named 2.md"),
        "{err}"
    );
}

#[test]
fn a_bad_standard_toml_is_refused() {
    let db = TestDb::new();
    let content = Content::new();
    content.standard("s", "S");
    std::fs::write(
        content.path().join("s/standard.toml"),
        "title = \"S\"\ntime_zone = \"Mars/Olympus\"\n",
    )
    .unwrap();
    content.version("s", "1", &format!("{}## 1 A\n\nx\n", front("1", "draft")));
    let err = format!(
        "{:#}",
        import_dir(&mut db.conn(), content.path()).unwrap_err()
    );
    assert!(
        err.contains("standard.toml") && err.contains("unknown time zone"),
        "{err}"
    );
}

#[test]
fn the_sample_standards_import_with_enough_clauses() {
    let db = TestDb::new();
    let report = import_dir(&mut db.conn(), &sample_content()).unwrap();
    assert_eq!(report.standards, 2, "{report}");
    let mut conn = db.conn();
    for s in Standard::all(&mut conn).unwrap() {
        let versions = Version::for_standard(&mut conn, s.id).unwrap();
        assert!(
            versions.len() >= 2,
            "{} has {} versions",
            s.slug,
            versions.len()
        );
        let latest = versions.last().unwrap();
        let clauses = ClauseRow::for_version(&mut conn, latest.id).unwrap();
        assert!(
            clauses.len() >= 40,
            "{} v{} has {} clauses",
            s.slug,
            latest.label,
            clauses.len()
        );
    }
    let again = import_dir(&mut db.conn(), &sample_content()).unwrap();
    assert!(!again.changed());
}
