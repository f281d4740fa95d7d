//! Discussions a page at a time: a clause page holds at most 50 threads and
//! 10 replies under each whatever the number of comments, its links visit
//! every comment exactly once, its size does not grow with the comments,
//! and it costs the same number of queries for 100 comments as for 500.

use std::collections::HashSet;

use actix_web::http::StatusCode;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use docket::comments::discussion;
use docket::db::models::comment_paging::Slice;
use docket::db::models::{ClauseRow, Comment, Commenter, NewComment, NewCommenter, Standard};
use docket::db::{write_tx, DbConn};

use crate::comments::{app, get, seed_comment, Browser, Site};
use crate::discussion::queries;
use crate::dispositions::{decide, editor};

const CLAUSE: &str = "/standards/ballots/2/clauses/custody";

fn t0() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 6, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
}

/// `n` published comments in one transaction: top-level on the clause, or
/// replies to `parent`, or (with `chain`) each a reply to the one before.
/// Every `tied`-th pair shares its publication time, to test ties.
fn seed_many(
    conn: &mut DbConn,
    version_id: i32,
    parent: Option<&Comment>,
    n: usize,
    chain: bool,
) -> Vec<Comment> {
    write_tx(conn, |conn| {
        let commenter = match Commenter::by_email(conn, "many@seed.example.org")? {
            Some(c) => c,
            None => Commenter::insert(
                conn,
                &NewCommenter {
                    email: "many@seed.example.org",
                    display_name: "Many",
                    organization: None,
                    unsubscribe_token: &docket::comments::random_hex(8),
                    created_at: t0(),
                },
            )?,
        };
        let mut out: Vec<Comment> = Vec::with_capacity(n);
        let mut above: Option<Comment> = parent.cloned();
        for i in 0..n {
            // Pairs share a time: the keyset must order ties by id.
            let at = t0() + Duration::seconds((i / 2) as i64);
            let body = format!("Seeded comment number {i}.");
            let html = docket::comments::SafeHtml::from_markdown(&body);
            let tracking = format!("MANY-{}", docket::comments::random_code(10));
            let c = Comment::insert(
                conn,
                &NewComment {
                    version_id,
                    clause_key: Some("custody"),
                    parent_id: above.as_ref().map(|p| p.id),
                    depth: above.as_ref().map_or(0, |p| p.depth + 1),
                    kind: "general",
                    body_md: &body,
                    body_html: html.as_str(),
                    proposed_text: None,
                    quoted_text: None,
                    commenter_id: commenter.id,
                    status: "published",
                    tracking_number: &tracking,
                    created_at: at,
                    published_at: Some(at),
                    author_name: "Many",
                    author_organization: None,
                    submission_key: None,
                    proposed_html: None,
                    lang: "en",
                },
                above.as_ref().map(|p| p.path.as_str()),
            )?;
            if chain {
                above = Some(c.clone());
            }
            out.push(c);
        }
        Ok::<_, diesel::result::Error>(out)
    })
    .unwrap()
}

/// The ids of the comments a page shows, in order.
fn shown_ids(body: &str) -> Vec<i32> {
    body.split("<article class=\"comment")
        .skip(1)
        .filter_map(|s| {
            let s = &s[s.find("id=\"comment-")? + 12..];
            s[..s.find('"')?].parse().ok()
        })
        .collect()
}

/// The address of the pager's link with `rel`, fragment dropped.
fn rel(body: &str, rel: &str) -> Option<String> {
    let pager = &body[body.find("<nav class=\"pager\"")?..];
    let pager = &pager[..pager.find("</nav>")?];
    let marker = format!("rel=\"{rel}\" href=\"");
    let s = &pager[pager.find(&marker)? + marker.len()..];
    let href = s[..s.find('"')?]
        .replace("&#x2f;", "/")
        .replace("&#47;", "/");
    Some(href.split('#').next().unwrap().to_string())
}

fn threads_on(body: &str) -> usize {
    body.matches("<li class=\"level-0\">").count()
}

#[actix_web::test]
async fn two_thousand_threads_page_by_keyset_and_every_comment_is_seen_once() {
    let site = Site::ballots();
    let svc = app!(site);
    let v2 = site.version("ballots", "2");
    let mut reader = Browser::new("192.0.2.210");
    seed_many(&mut site.conn(), v2.id, None, 500, false);
    let small = get(&svc, &mut reader, CLAUSE).await;
    assert_eq!(small.status, StatusCode::OK);
    let mut seeded = seed_many(&mut site.conn(), v2.id, None, 1500, false);
    let first = get(&svc, &mut reader, CLAUSE).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(threads_on(&first.body), 50, "{}", first.body);
    assert!(first.body.contains("Comments on this clause (2,000)"));
    // Newest first: the last seeded leads.
    let newest = seeded.pop().unwrap();
    assert_eq!(shown_ids(&first.body)[0], newest.id);
    assert!(
        first.body.len() < small.body.len() * 101 / 100,
        "the first page does not grow with the comments: {} then {}",
        small.body.len(),
        first.body.len()
    );
    assert!(first.body.len() < 200_000, "{}", first.body.len());
    assert!(rel(&first.body, "prev").is_none());

    let mut seen: HashSet<i32> = HashSet::new();
    let mut pages = 0;
    let mut body = first.body;
    loop {
        pages += 1;
        for id in shown_ids(&body) {
            assert!(seen.insert(id), "comment {id} shown twice");
        }
        let Some(next) = rel(&body, "next") else {
            break;
        };
        let page = get(&svc, &mut reader, &next).await;
        assert_eq!(page.status, StatusCode::OK, "{next}");
        assert!(threads_on(&page.body) <= 50);
        assert!(rel(&page.body, "prev").is_some(), "a way back from {next}");
        body = page.body;
    }
    assert_eq!(pages, 40);
    assert_eq!(seen.len(), 2000);

    // Back from the second page is the first page again.
    let second = rel(&get(&svc, &mut reader, CLAUSE).await.body, "next").unwrap();
    let second = get(&svc, &mut reader, &second).await;
    let back = rel(&second.body, "prev").unwrap();
    let back = get(&svc, &mut reader, &back).await;
    assert_eq!(shown_ids(&back.body)[0], newest.id);
    assert_eq!(threads_on(&back.body), 50);

    // A cursor this site did not make is refused; one past the end is an
    // empty page with a way back.
    let bad = get(&svc, &mut reader, &format!("{CLAUSE}?before=yesterday")).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("not a page position"), "{}", bad.body);
    let end = get(&svc, &mut reader, &format!("{CLAUSE}?before=1_1")).await;
    assert_eq!(end.status, StatusCode::OK);
    assert_eq!(threads_on(&end.body), 0);
    assert!(end.body.contains("No comments on this page."));
    assert!(end.body.contains("Newest comments"));
}

#[actix_web::test]
async fn a_comment_with_two_thousand_replies_shows_ten_and_pages_the_rest() {
    let site = Site::ballots();
    let svc = app!(site);
    let v2 = site.version("ballots", "2");
    let mut reader = Browser::new("192.0.2.211");
    let root = seed_comment(
        &mut site.conn(),
        v2.id,
        Some("custody"),
        None,
        "Rita",
        "Root.",
    );
    seed_many(&mut site.conn(), v2.id, Some(&root), 2000, false);
    let page = get(&svc, &mut reader, CLAUSE).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(shown_ids(&page.body).len(), 11, "the root and 10 replies");
    assert!(page.body.contains("1,990 more replies"), "{}", page.body);
    assert!(page.body.len() < 60_000, "{}", page.body.len());

    let mut seen: HashSet<i32> = HashSet::new();
    let mut next = Some(format!("/comments/{}", root.id));
    let mut pages = 0;
    while let Some(href) = next {
        let p = get(&svc, &mut reader, &href).await;
        assert_eq!(p.status, StatusCode::OK, "{href}");
        let ids = shown_ids(&p.body);
        assert_eq!(ids[0], root.id, "the comment heads its page");
        assert!(ids.len() <= 51);
        assert!(p.body.len() < 150_000, "{}", p.body.len());
        for id in &ids[1..] {
            assert!(seen.insert(*id), "reply {id} shown twice");
        }
        next = rel(&p.body, "next");
        pages += 1;
    }
    assert_eq!(pages, 40);
    assert_eq!(seen.len(), 2000);
}

#[actix_web::test]
async fn a_reply_chain_three_hundred_deep_is_shown_a_few_levels_at_a_time() {
    let site = Site::ballots();
    let svc = app!(site);
    let v2 = site.version("ballots", "2");
    let mut reader = Browser::new("192.0.2.212");
    let root = seed_comment(
        &mut site.conn(),
        v2.id,
        Some("custody"),
        None,
        "Rita",
        "Root.",
    );
    let chain = seed_many(&mut site.conn(), v2.id, Some(&root), 300, true);
    let page = get(&svc, &mut reader, CLAUSE).await;
    assert_eq!(shown_ids(&page.body).len(), 5, "the root and four levels");
    assert!(page.body.contains("Continue this thread"));
    assert!(page.body.contains("296 more replies"));

    // Following "Continue this thread" walks the chain to its end, every
    // page bounded.
    let mut href = format!("/comments/{}", chain[3].id);
    let mut pages = 0;
    loop {
        let p = get(&svc, &mut reader, &href).await;
        assert_eq!(p.status, StatusCode::OK);
        let ids = shown_ids(&p.body);
        assert!(ids.len() <= 6, "{ids:?}");
        assert!(p.body.len() < 40_000);
        pages += 1;
        let marker = "<p class=\"more-replies\"><a href=\"";
        let Some(at) = p.body.rfind(marker) else {
            assert_eq!(*ids.last().unwrap(), chain[299].id);
            break;
        };
        let s = &p.body[at + marker.len()..];
        href = s[..s.find('"').unwrap()].to_string();
    }
    assert_eq!(pages, 60);
}

#[actix_web::test]
async fn a_clause_page_costs_the_same_queries_for_a_hundred_comments_as_for_five_hundred() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut ed = editor(&svc, &site).await;
    let v1 = site.version("ballots", "1");
    let v2 = site.version("ballots", "2");
    // Carried forward from version 1, with replies.
    let old = seed_many(&mut site.conn(), v1.id, None, 30, false);
    seed_many(&mut site.conn(), v1.id, Some(&old[0]), 20, false);
    let mut counts = Vec::new();
    for n in [100, 400] {
        let tops = seed_many(&mut site.conn(), v2.id, None, n, false);
        let last = tops.last().unwrap();
        seed_many(&mut site.conn(), v2.id, Some(last), 15, false);
        seed_many(&mut site.conn(), v2.id, Some(&tops[n - 2]), 8, true);
        for c in &tops[n - 5..] {
            let a = decide(
                &svc,
                &mut ed,
                "ballots",
                "2",
                &c.id.to_string(),
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
        let mut shown = 0;
        counts.push(queries(&mut conn, |conn| {
            let d =
                discussion::clause_discussion(conn, &standard, &v2, clause, &clauses, Slice::First)
                    .unwrap();
            shown = d.thread.nodes.len();
            assert!(d.carried.iter().any(|c| c.total == 50));
        }));
        assert!(shown <= 50 * 11, "{shown}");
    }
    assert_eq!(
        counts[0], counts[1],
        "queries for 100+ and for 500+ comments"
    );
    assert!(counts[1] <= 25, "{} queries", counts[1]);
}
