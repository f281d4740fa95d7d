//! The discussions read models: decisions under comments are loaded for a
//! whole page, so a page costs the same number of queries however many of
//! its comments were decided.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use actix_web::http::StatusCode;
use docket::comments::discussion;
use docket::db::models::comment_paging::Slice;
use docket::db::models::{ClauseRow, Standard};
use docket::db::DbConn;

use crate::comments::{app, get, Browser, Site};
use crate::dispositions::{decide, editor, seed, Seed};

/// Queries run by `f` on `conn`.
pub fn queries(conn: &mut DbConn, f: impl FnOnce(&mut DbConn)) -> usize {
    let n = Arc::new(AtomicUsize::new(0));
    let counter = n.clone();
    diesel::connection::Connection::set_instrumentation(
        conn,
        move |event: diesel::connection::InstrumentationEvent<'_>| {
            if let diesel::connection::InstrumentationEvent::StartQuery { .. } = event {
                counter.fetch_add(1, Ordering::SeqCst);
            }
        },
    );
    f(conn);
    diesel::connection::Connection::set_instrumentation(
        conn,
        |_: diesel::connection::InstrumentationEvent<'_>| {},
    );
    n.load(Ordering::SeqCst)
}

#[actix_web::test]
async fn decisions_under_a_clause_cost_the_same_queries_for_two_or_eight() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut ed = editor(&svc, &site).await;
    let v2 = site.version("ballots", "2");
    let decided = |from: usize, to: usize| {
        let mut conn = site.conn();
        (from..to)
            .map(|i| {
                seed(
                    &mut conn,
                    &Seed {
                        version_id: v2.id,
                        clause_key: Some("custody"),
                        author: &format!("Person {i}"),
                        organization: None,
                        kind: "general",
                        body: &format!("Comment {i}."),
                        proposed: None,
                        status: "published",
                    },
                )
                .id
            })
            .collect::<Vec<_>>()
    };
    let mut page_queries = Vec::new();
    for (from, to) in [(0, 2), (2, 8)] {
        for id in decided(from, to) {
            let a = decide(
                &svc,
                &mut ed,
                "ballots",
                "2",
                &id.to_string(),
                &[
                    ("outcome", "accepted"),
                    ("rationale", "Agreed."),
                    ("clause_key", "custody"),
                ],
            )
            .await;
            assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
        }
        let mut conn = site.conn();
        let standard = Standard::by_slug(&mut conn, "ballots").unwrap();
        let clauses = ClauseRow::for_version(&mut conn, v2.id).unwrap();
        let clause = clauses.iter().find(|c| c.clause_key == "custody").unwrap();
        let mut notes = 0;
        page_queries.push(queries(&mut conn, |conn| {
            let d =
                discussion::clause_discussion(conn, &standard, &v2, clause, &clauses, Slice::First)
                    .unwrap();
            notes = d
                .thread
                .nodes
                .iter()
                .filter(|n| n.c.disposition.is_some())
                .count();
        }));
        assert_eq!(notes, to, "every decision is shown");
    }
    assert_eq!(
        page_queries[0], page_queries[1],
        "queries for 2 and for 8 decided comments"
    );

    let mut reader = Browser::new("192.0.2.200");
    let page = get(&svc, &mut reader, "/standards/ballots/2/clauses/custody").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.body.matches("Agreed.").count(), 8, "{}", page.body);
}
