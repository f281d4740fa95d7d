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

#[derive(QueryableByName, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Keyed {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    k: i32,
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn keyed(conn: &mut DbConn, sql: String) -> Vec<(i32, i64)> {
    let mut rows: Vec<Keyed> = diesel::sql_query(sql).load(conn).unwrap();
    rows.sort();
    rows.into_iter().map(|r| (r.k, r.n)).collect()
}

/// Campaign sizes and decided counts against counting the comments.
fn check_campaigns(conn: &mut DbConn, version_id: i32, when: &str) {
    let published = CommentFilter::version(version_id, StatusScope::Only("published"));
    let mut largest = published.campaigns(conn, 20).unwrap();
    largest.sort();
    let expected = keyed(
        conn,
        format!(
            "SELECT campaign_id AS k, COUNT(*) AS n FROM comments WHERE version_id = {version_id} \
             AND status = 'published' AND campaign_id IS NOT NULL GROUP BY campaign_id HAVING COUNT(*) > 1"
        ),
    );
    assert_eq!(largest, expected, "{when}: campaign sizes");
    let ids: Vec<i32> = expected.iter().map(|(k, _)| *k).collect();
    let decided = CommentFilter {
        decided: docket::db::models::feedback::Decided::Yes,
        ..published.clone()
    };
    let mut got: Vec<(i32, i64)> = decided
        .count_in_campaigns(conn, &ids)
        .unwrap()
        .into_iter()
        .map(|(c, n)| (c.unwrap(), n))
        .collect();
    got.sort();
    let expected = keyed(
        conn,
        format!(
            "SELECT c.campaign_id AS k, COUNT(*) AS n FROM comments c JOIN dispositions d ON d.comment_id = c.id \
             WHERE c.version_id = {version_id} AND c.status = 'published' AND c.campaign_id IS NOT NULL \
             GROUP BY c.campaign_id"
        ),
    );
    assert_eq!(got, expected, "{when}: decided members of campaigns");
    let mut outcomes = docket::db::models::feedback::outcome_counts(conn, version_id).unwrap();
    outcomes.sort();
    let mut expected: Vec<(String, i64)> = diesel::sql_query(format!(
        "SELECT d.outcome AS k, COUNT(*) AS n FROM dispositions d JOIN comments c ON c.id = d.comment_id \
         WHERE c.version_id = {version_id} GROUP BY d.outcome"
    ))
    .load::<Row>(conn)
    .unwrap()
    .into_iter()
    .map(|r| (r.k.unwrap(), r.n))
    .collect();
    expected.sort();
    assert_eq!(outcomes, expected, "{when}: decisions by outcome");
}

fn decide(conn: &mut DbConn, staff: i32, comment_id: i32, outcome: &str) {
    diesel::sql_query(format!(
        "INSERT INTO dispositions (comment_id, outcome, rationale, staff_id, decided_at) \
         VALUES ({comment_id}, '{outcome}', 'Because.', {staff}, '2026-06-01 00:00:00')"
    ))
    .execute(conn)
    .unwrap();
}

#[test]
fn campaign_and_decision_tallies_follow_grouping_moderation_and_decisions() {
    let site = Site::ballots();
    let v = site.version("ballots", "2");
    let mut conn = site.conn();
    diesel::sql_query(
        "INSERT INTO staff_users (name, password_hash, role, created_at, disabled, session_generation) \
         VALUES ('tally-editor', 'x', 'editor', '2026-06-01 00:00:00', false, 0)",
    )
    .execute(&mut conn)
    .unwrap();
    let staff: i32 = diesel::sql_query(
        "SELECT id AS k, CAST(0 AS BIGINT) AS n FROM staff_users WHERE name = 'tally-editor'",
    )
    .load::<Keyed>(&mut conn)
    .unwrap()[0]
        .k;
    let c: Vec<_> = (0..8)
        .map(|i| {
            seed_comment(
                &mut conn,
                v.id,
                Some("custody"),
                None,
                "Ana",
                &format!("Copy {i}."),
            )
        })
        .collect();
    check_campaigns(&mut conn, v.id, "before grouping");

    // Grouped as the background worker would: two campaigns and a singleton.
    for (i, x) in c.iter().enumerate() {
        let campaign = if i < 5 {
            c[0].id
        } else if i < 7 {
            c[5].id
        } else {
            x.id
        };
        set(&mut conn, x.id, &format!("campaign_id = {campaign}"));
    }
    check_campaigns(&mut conn, v.id, "after grouping");

    decide(&mut conn, staff, c[0].id, "noted");
    decide(&mut conn, staff, c[1].id, "accepted");
    decide(&mut conn, staff, c[5].id, "noted");
    check_campaigns(&mut conn, v.id, "after decisions");

    // A decision changed, a decided member hidden, a member regrouped.
    diesel::sql_query(format!(
        "UPDATE dispositions SET outcome = 'not_accepted' WHERE comment_id = {}",
        c[1].id
    ))
    .execute(&mut conn)
    .unwrap();
    set(&mut conn, c[0].id, "status = 'hidden'");
    set(&mut conn, c[5].id, &format!("campaign_id = {}", c[0].id));
    check_campaigns(&mut conn, v.id, "after changes");

    diesel::sql_query(format!(
        "DELETE FROM dispositions WHERE comment_id = {}",
        c[5].id
    ))
    .execute(&mut conn)
    .unwrap();
    check_campaigns(&mut conn, v.id, "after a decision was withdrawn");
}
