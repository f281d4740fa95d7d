//! The comments API a page at a time, and the bulk downloads: a walk
//! through the pages gives every public comment exactly once even while
//! comments are published in overlapping transactions; limits and cursors
//! are checked; the CSV and NDJSON downloads hold exactly the public
//! comments, never an email address, gzip-compressed on request.

use std::collections::{BTreeSet, HashMap};
use std::io::Read;
use std::sync::mpsc;

use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::{header, StatusCode};
use actix_web::test;
use chrono::Utc;
use docket::comments::moderation::{self, Action, Actor};
use docket::comments::notify::Place;
use docket::comments::seed::Seeder;
use docket::db::models::{Comment, NewComment, Role, Standard, Version};
use docket::db::{write_tx, DbConn};

use crate::comments::{app, get, Browser, Site};

const API: &str = "/api/v1/standards/ballots/versions/2/comments";
const BASE: &str = "http://127.0.0.1:8080";

/// A stored (not yet public) comment on clause `custody` of version 2,
/// given status `published` but no publication entry yet.
fn store(conn: &mut DbConn, version: &Version, body: &str) -> Comment {
    let now = Utc::now().naive_utc();
    let commenter = docket::db::models::Commenter::insert(
        conn,
        &docket::db::models::NewCommenter {
            email: &format!("{}@example.org", docket::comments::random_hex(6)),
            display_name: "Paging Tester",
            organization: None,
            unsubscribe_token: &docket::comments::random_hex(8),
            created_at: now,
        },
    )
    .unwrap();
    Comment::insert(
        conn,
        &NewComment {
            version_id: version.id,
            clause_key: Some("custody"),
            parent_id: None,
            depth: 0,
            kind: "general",
            body_md: body,
            body_html: body,
            proposed_text: None,
            quoted_text: None,
            commenter_id: commenter.id,
            status: "published",
            tracking_number: &format!("PAGE-{}", docket::comments::random_code(8)),
            created_at: now,
            published_at: Some(now),
            author_name: "Paging Tester",
            author_organization: None,
            submission_key: None,
            proposed_html: None,
            lang: "en",
        },
        None,
    )
    .unwrap()
}

/// Append the publication of `c` (the step that makes it public).
fn publish(conn: &mut DbConn, c: &Comment) {
    let (standard, version): (Standard, Version) = Comment::place(conn, c.version_id).unwrap();
    let place = Place {
        standard: &standard,
        version: &version,
        clause_label: "clause 1.2 (Chain of custody)".to_string(),
    };
    moderation::record_publication(conn, &place, c, Utc::now().naive_utc()).unwrap();
}

/// Walk the pages from cursor `after`, `limit` at a time, following
/// `next`; the ids in order and the cursor to come back with.
async fn walk<S, B>(svc: &S, after: i64, limit: usize) -> (Vec<i64>, i64)
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let mut b = Browser::new("192.0.2.50");
    let mut uri = format!("{API}?limit={limit}&after={after}");
    let mut ids = Vec::new();
    loop {
        let a = get(svc, &mut b, &uri).await;
        assert_eq!(a.status, StatusCode::OK, "{uri}: {}", a.body);
        let json: serde_json::Value = serde_json::from_str(&a.body).unwrap();
        let page = json["comments"].as_array().unwrap();
        assert!(page.len() <= limit);
        ids.extend(page.iter().map(|c| c["id"].as_i64().unwrap()));
        match json["next"].as_str() {
            Some(next) => {
                assert_eq!(page.len(), limit, "only a full page has a next one");
                uri = next.strip_prefix(BASE).expect("absolute").to_string();
            }
            None => return (ids, json["cursor"].as_i64().unwrap()),
        }
    }
}

#[actix_web::test]
async fn pages_give_every_comment_once_while_overlapping_transactions_publish() {
    let site = Site::ballots();
    let svc = app!(site);
    let v2 = site.version("ballots", "2");
    let mut early = Vec::new();
    for i in 0..5 {
        let mut conn = site.conn();
        let c = write_tx(&mut conn, |conn| {
            let c = store(conn, &v2, &format!("Early comment {i}."));
            publish(conn, &c);
            Ok::<_, diesel::result::Error>(c)
        })
        .unwrap();
        early.push(c.id as i64);
    }
    let (first, cursor) = walk(&svc, 0, 2).await;
    assert_eq!(first, early);

    // Transaction A stores its comment (taking the lower id) and stays
    // open; transaction B stores and publishes its own and commits first.
    let (to_main, from_a) = mpsc::channel::<i64>();
    let (to_a, go) = mpsc::channel::<()>();
    let pool = site.db.pool.clone();
    let version = v2.clone();
    let a = std::thread::spawn(move || {
        let mut conn = pool.get().unwrap();
        write_tx(&mut conn, |conn| {
            let c = store(conn, &version, "Slow transaction's comment.");
            to_main.send(c.id as i64).unwrap();
            go.recv().unwrap();
            publish(conn, &c);
            Ok::<_, diesel::result::Error>(())
        })
        .unwrap();
    });
    let a_id = from_a.recv().unwrap();
    let pool = site.db.pool.clone();
    let version = v2.clone();
    let mut b = Some(std::thread::spawn(move || {
        let mut conn = pool.get().unwrap();
        write_tx(&mut conn, |conn| {
            let c = store(conn, &version, "Quick transaction's comment.");
            publish(conn, &c);
            Ok::<_, diesel::result::Error>(c.id as i64)
        })
        .unwrap()
    }));
    let mut b_id = None;
    if site.db.is_postgres() {
        // PostgreSQL lets B commit while A is open (SQLite's one writer
        // makes B wait for A).
        b_id = b.take().map(|b| b.join().unwrap());
        assert!(a_id < b_id.unwrap(), "A took the lower id");
    }
    // A walk in between: B's comment (if committed), not A's.
    let (between, cursor2) = walk(&svc, cursor, 2).await;
    assert!(!between.contains(&a_id));
    assert_eq!(between, b_id.into_iter().collect::<Vec<_>>());
    to_a.send(()).unwrap();
    a.join().unwrap();
    let b_id = match b_id {
        Some(id) => id,
        None => b.take().unwrap().join().unwrap(),
    };
    // Coming back from the cursor gives what is new, A's comment included
    // although its id is below one already read.
    let (after, _) = walk(&svc, cursor2, 2).await;
    let mut all: Vec<i64> = first
        .iter()
        .chain(&between)
        .chain(&after)
        .copied()
        .collect();
    let unique: BTreeSet<i64> = all.iter().copied().collect();
    assert_eq!(unique.len(), all.len(), "no comment twice: {all:?}");
    all.sort();
    let mut expected = early.clone();
    expected.extend([a_id, b_id]);
    expected.sort();
    assert_eq!(all, expected, "every comment, none skipped");
    // A walk from the start sees them all once too, in publication order.
    let (fresh, _) = walk(&svc, 0, 3).await;
    assert_eq!(fresh.len(), expected.len());
    assert_eq!(
        fresh.iter().copied().collect::<BTreeSet<_>>().len(),
        fresh.len()
    );
}

#[actix_web::test]
async fn limits_and_cursors_are_checked_and_the_next_page_is_linked() {
    let site = Site::ballots();
    let svc = app!(site);
    let keys = vec![Some("custody".to_string()), None];
    let mut seeder = Seeder::new(&mut site.conn(), "ballots", "2", BASE).unwrap();
    seeder
        .batch(&mut site.conn(), &keys, 130, Utc::now().naive_utc())
        .unwrap();
    let mut b = Browser::new("192.0.2.51");
    for bad in [
        "limit=0",
        "limit=501",
        "limit=abc",
        "limit=-1",
        "limit=",
        "after=abc",
        "after=-5",
        "after=1.5",
    ] {
        let a = get(&svc, &mut b, &format!("{API}?{bad}")).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{bad}: {}", a.body);
        let json: serde_json::Value = serde_json::from_str(&a.body).expect("a JSON error");
        let message = json["error"]["message"].as_str().unwrap();
        let field = bad.split('=').next().unwrap();
        assert!(message.contains(field), "{bad}: {message}");
    }
    // The default page: 100, with the next one linked both ways.
    let a = get(&svc, &mut b, API).await;
    assert_eq!(a.status, StatusCode::OK);
    let json: serde_json::Value = serde_json::from_str(&a.body).unwrap();
    assert_eq!(json["comments"].as_array().unwrap().len(), 100);
    assert_eq!(json["limit"], 100);
    let next = json["next"].as_str().expect("a next page").to_string();
    assert!(next.starts_with(&format!("{BASE}{API}?")), "{next}");
    let link = a.headers.get(header::LINK).expect("a Link header");
    assert_eq!(link.to_str().unwrap(), format!("<{next}>; rel=\"next\""));
    // The last page: the rest, no next.
    let a = get(&svc, &mut b, next.strip_prefix(BASE).unwrap()).await;
    let json: serde_json::Value = serde_json::from_str(&a.body).unwrap();
    assert_eq!(json["comments"].as_array().unwrap().len(), 30);
    assert!(json["next"].is_null());
    assert!(a.headers.get(header::LINK).is_none());
    // 500 is allowed; a page that ends exactly at the last comment has no next.
    let a = get(&svc, &mut b, &format!("{API}?limit=500")).await;
    let json: serde_json::Value = serde_json::from_str(&a.body).unwrap();
    assert_eq!(json["comments"].as_array().unwrap().len(), 130);
    assert!(json["next"].is_null());
    let a = get(&svc, &mut b, &format!("{API}?limit=130")).await;
    let json: serde_json::Value = serde_json::from_str(&a.body).unwrap();
    assert!(json["next"].is_null(), "no empty last page");
    // A cursor past the end is an empty page.
    let a = get(&svc, &mut b, &format!("{API}?after=999999")).await;
    assert_eq!(a.status, StatusCode::OK);
    let json: serde_json::Value = serde_json::from_str(&a.body).unwrap();
    assert!(json["comments"].as_array().unwrap().is_empty());
    assert_eq!(json["cursor"], 999999);
    // Replies come after what they answer; decisions are carried.
    let (ids, _) = walk(&svc, 0, 50).await;
    let pos: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let a = get(&svc, &mut b, &format!("{API}?limit=500")).await;
    let json: serde_json::Value = serde_json::from_str(&a.body).unwrap();
    let list = json["comments"].as_array().unwrap();
    assert!(list.iter().any(|c| !c["disposition"].is_null()));
    for c in list {
        if let Some(p) = c["parent_id"].as_i64() {
            assert!(pos[&p] < pos[&c["id"].as_i64().unwrap()]);
        }
    }
}

/// A minimal CSV reader (quoted cells, doubled quotes, CRLF rows).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match (quoted, ch) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    rows
}

#[actix_web::test]
async fn the_downloads_hold_exactly_the_public_comments() {
    let site = Site::ballots();
    let svc = app!(site);
    let keys = vec![
        Some("custody".to_string()),
        None,
        Some("custody".to_string()),
    ];
    let mut seeder = Seeder::new(&mut site.conn(), "ballots", "2", BASE).unwrap();
    let now = Utc::now().naive_utc();
    let mut ids = Vec::new();
    for _ in 0..3 {
        ids.extend(seeder.batch(&mut site.conn(), &keys, 700, now).unwrap());
    }
    // One taken down: a tombstone, no text.
    let moderator = Actor {
        id: 1,
        name: "mod".into(),
        role: Role::Moderator,
    };
    let settings = docket::comments::Settings {
        base_url: BASE.into(),
        moderation: docket::comments::Moderation::Post,
    };
    moderation::act(
        &mut site.conn(),
        &settings,
        ids[10],
        &Action::Hide("Off topic".into()),
        &moderator,
        now,
    )
    .unwrap();
    // One never published: not in the download.
    let hidden_body = site.comment(ids[10]).body_md;
    let unpublished = store(
        &mut site.conn(),
        &site.version("ballots", "2"),
        "Not public.",
    );

    let mut b = Browser::new("192.0.2.52");
    let csv = get(&svc, &mut b, "/standards/ballots/2/comments.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv
        .headers
        .get(header::CONTENT_TYPE)
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    assert!(csv
        .headers
        .get(header::CONTENT_DISPOSITION)
        .unwrap()
        .to_str()
        .unwrap()
        .contains("ballots-2-comments.csv"));
    let rows = parse_csv(&csv.body);
    let head = &rows[0];
    assert_eq!(head[0], "tracking_number");
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    let data = &rows[1..];
    assert_eq!(data.len(), ids.len());
    let got: BTreeSet<i64> = data
        .iter()
        .map(|r| r[col("comment_id")].parse().unwrap())
        .collect();
    let want: BTreeSet<i64> = ids.iter().map(|&i| i as i64).collect();
    assert_eq!(got, want);
    assert!(!got.contains(&(unpublished.id as i64)));
    let tomb = data
        .iter()
        .find(|r| r[col("comment_id")] == ids[10].to_string())
        .unwrap();
    assert_eq!(tomb[col("status")], "hidden");
    assert_eq!(tomb[col("hidden_reason")], "Off topic");
    assert_eq!(tomb[col("body_markdown")], "");
    assert_eq!(tomb[col("author")], "");
    assert!(!csv.body.contains(&hidden_body));
    let shown = data
        .iter()
        .find(|r| r[col("comment_id")] == ids[0].to_string())
        .unwrap();
    assert_eq!(shown[col("body_markdown")], site.comment(ids[0]).body_md);
    assert_eq!(shown[col("clause_number")], "1.2");
    assert!(data.iter().any(|r| !r[col("outcome")].is_empty()));
    assert!(data.iter().any(|r| !r[col("proposed_text")].is_empty()));
    assert!(data.iter().any(|r| !r[col("parent_id")].is_empty()));

    let nd = get(&svc, &mut b, "/standards/ballots/2/comments.ndjson").await;
    assert_eq!(nd.status, StatusCode::OK);
    let lines: Vec<serde_json::Value> = nd
        .body
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), ids.len());
    let got: BTreeSet<i64> = lines
        .iter()
        .map(|l| l["comment_id"].as_i64().unwrap())
        .collect();
    assert_eq!(got, want);
    let tomb = lines.iter().find(|l| l["comment_id"] == ids[10]).unwrap();
    assert!(tomb["body_markdown"].is_null() && tomb["author"].is_null());
    for body in [&csv.body, &nd.body] {
        assert!(!body.contains("flood-seed"), "an email field leaked");
        assert!(!body.contains('@'), "an address leaked");
    }

    // Gzip on request, decoding to the same bytes.
    let resp = test::call_service(
        &svc,
        test::TestRequest::get()
            .uri("/standards/ballots/2/comments.ndjson")
            .insert_header((header::ACCEPT_ENCODING, "gzip"))
            .to_request(),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(
        resp.headers().get(header::CONTENT_ENCODING).unwrap(),
        "gzip"
    );
    let gz = test::read_body(resp).await;
    let mut text = String::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_string(&mut text)
        .unwrap();
    assert_eq!(text, nd.body);
    assert!(gz.len() < nd.body.len() / 3);

    // The version page links both; a draft or unknown version is a 404.
    let page = get(&svc, &mut b, "/standards/ballots/2").await;
    assert!(page
        .body
        .contains("href=\"/standards/ballots/2/comments.csv\""));
    assert!(page
        .body
        .contains("href=\"/standards/ballots/2/comments.ndjson\""));
    let missing = get(&svc, &mut b, "/standards/ballots/9/comments.csv").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}
