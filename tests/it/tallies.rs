//! The comment tallies (kept by triggers) agree with counting the comments
//! themselves, after inserts, status changes, publication and deletion, on
//! every count a page reads from them.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};
use docket::db::models::feedback::{CommentFilter, StatusScope};
use docket::db::models::{Comment, Tallies};
use docket::db::DbConn;

use crate::comments::{seed_comment, Site};

#[derive(QueryableByName, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Row {
    #[diesel(sql_type = Nullable<Text>)]
    k: Option<String>,
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Counted the slow way: every comment of the version read.
fn counted(conn: &mut DbConn, version_id: i32, condition: &str) -> Vec<(Option<String>, i64)> {
    let sql = format!(
        "SELECT clause_key AS k, COUNT(*) AS n FROM comments \
         WHERE version_id = {version_id} AND ({condition}) GROUP BY clause_key"
    );
    let mut rows: Vec<Row> = diesel::sql_query(sql).load(conn).unwrap();
    rows.sort();
    rows.into_iter().map(|r| (r.k, r.n)).collect()
}

const SCOPES: [(StatusScope<'static>, &str); 5] = [
    (StatusScope::Any, "1 = 1"),
    (StatusScope::Counted, "status <> 'unverified'"),
    (StatusScope::Only("published"), "status = 'published'"),
    (StatusScope::Only("pending"), "status = 'pending'"),
    (
        StatusScope::Public,
        "status IN ('published', 'hidden') OR (status = 'spam' AND published_at IS NOT NULL)",
    ),
];

fn check(conn: &mut DbConn, version_id: i32, when: &str) {
    for (scope, condition) in SCOPES {
        let mut from_tallies = CommentFilter::version(version_id, scope)
            .count_by_clause(conn)
            .unwrap();
        from_tallies.sort();
        assert_eq!(
            from_tallies,
            counted(conn, version_id, condition),
            "{when}: counts by clause for {scope:?}"
        );
        let total: i64 = from_tallies.iter().map(|(_, n)| n).sum();
        assert_eq!(
            CommentFilter::version(version_id, scope)
                .count(conn)
                .unwrap(),
            total,
            "{when}: total for {scope:?}"
        );
    }
    let public = counted(conn, version_id, SCOPES[4].1);
    for key in [Some("custody"), Some("training"), None] {
        let expected = public
            .iter()
            .find(|(k, _)| k.as_deref() == key)
            .map_or(0, |(_, n)| *n);
        assert_eq!(
            Comment::count_public(conn, version_id, key).unwrap(),
            expected,
            "{when}: public comments on {key:?}"
        );
    }
    let tallies = Tallies::of_version(conn, version_id).unwrap();
    let mut by_status = tallies.by_status(version_id, StatusScope::Any);
    by_status.sort();
    let mut rows: Vec<(String, i64)> = diesel::sql_query(format!(
        "SELECT status AS k, COUNT(*) AS n FROM comments WHERE version_id = {version_id} GROUP BY status"
    ))
    .load::<Row>(conn)
    .unwrap()
    .into_iter()
    .map(|r| (r.k.unwrap(), r.n))
    .collect();
    rows.sort();
    assert_eq!(by_status, rows, "{when}: counts by status");
}

fn set(conn: &mut DbConn, id: i32, assignments: &str) {
    diesel::sql_query(format!("UPDATE comments SET {assignments} WHERE id = {id}"))
        .execute(conn)
        .unwrap();
}

#[test]
fn tallies_follow_every_insert_status_change_and_delete() {
    let site = Site::ballots();
    let v = site.version("ballots", "2");
    let mut conn = site.conn();
    check(&mut conn, v.id, "before any comment");

    let mut seeded = Vec::new();
    for i in 0..6 {
        seeded.push(seed_comment(
            &mut conn,
            v.id,
            Some("custody"),
            None,
            "Ana",
            &format!("On custody {i}."),
        ));
    }
    for i in 0..3 {
        seeded.push(seed_comment(
            &mut conn,
            v.id,
            Some("training"),
            None,
            "Ben",
            &format!("On training {i}."),
        ));
    }
    let general = seed_comment(&mut conn, v.id, None, None, "Cy", "On the whole version.");
    let reply = seed_comment(
        &mut conn,
        v.id,
        Some("custody"),
        Some(&seeded[0]),
        "Ben",
        "A reply.",
    );
    check(&mut conn, v.id, "after seeding");

    set(&mut conn, seeded[1].id, "status = 'hidden'");
    set(&mut conn, seeded[2].id, "status = 'spam'");
    // Spam that was never published is no tombstone.
    set(
        &mut conn,
        seeded[3].id,
        "status = 'spam', published_at = NULL",
    );
    set(
        &mut conn,
        seeded[6].id,
        "status = 'pending', published_at = NULL",
    );
    set(
        &mut conn,
        general.id,
        "status = 'unverified', published_at = NULL",
    );
    check(&mut conn, v.id, "after moderation");

    // Published again; moved to another clause; an unrelated column changed.
    set(
        &mut conn,
        general.id,
        "status = 'published', published_at = created_at",
    );
    set(&mut conn, seeded[7].id, "clause_key = 'custody'");
    set(&mut conn, seeded[4].id, "body_md = 'Edited by hand.'");
    check(&mut conn, v.id, "after publication and a move");

    diesel::sql_query(format!("DELETE FROM comments WHERE id = {}", reply.id))
        .execute(&mut conn)
        .unwrap();
    check(&mut conn, v.id, "after a delete");
}
