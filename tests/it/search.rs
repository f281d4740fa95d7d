//! Public search, on both engines: an exact clause match ranks first,
//! snippets are escaped, a hidden comment's words find nothing from the
//! moment it is hidden, paging walks every hit once, filters narrow, any
//! input answers 200 or 400 with a message (never a 500), and the API
//! gives the same search as JSON, readable from any origin.

use std::collections::BTreeSet;

use actix_web::http::{header, StatusCode};
use actix_web::test as web_test;
use chrono::Utc;
use docket::comments::moderation::{self, Action, Actor};
use docket::db::models::{Disposition, NewDisposition, Role, StaffUser};
use docket::db::write_tx;
use serde_json::Value;

use crate::comments::{app, get, seed_comment, Browser, Site};
use crate::staff::create_staff;

const BASE: &str = "http://127.0.0.1:8080";

fn q(s: &str) -> String {
    docket::urls::query_value(s)
}

async fn api<S, B>(svc: &S, uri: &str) -> (StatusCode, Value)
where
    S: actix_web::dev::Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<B>,
        Error = actix_web::Error,
    >,
    B: actix_web::body::MessageBody,
{
    let mut b = Browser::new("192.0.2.70");
    let a = get(svc, &mut b, uri).await;
    let json = serde_json::from_str(&a.body).unwrap_or(Value::Null);
    (a.status, json)
}

#[actix_web::test]
async fn exact_clause_match_ranks_first_and_later_versions_lead() {
    let site = Site::ballots();
    let v2 = site.version("ballots", "2");
    // Comments that talk about custody a lot must not outrank the clause.
    for i in 0..5 {
        seed_comment(
            &mut site.conn(),
            v2.id,
            Some("seals"),
            None,
            &format!("Custody Writer {i}"),
            "Custody, custody: the chain of custody matters, chain of custody everywhere.",
        );
    }
    let svc = app!(site);
    let (status, json) = api(
        &svc,
        &format!("/api/v1/search?q={}", q("\"chain of custody\"")),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{json}");
    let hits = json["hits"].as_array().unwrap();
    assert_eq!(hits[0]["type"], "clause", "{json:#}");
    assert_eq!(hits[0]["clause_key"], "custody");
    assert_eq!(
        hits[0]["version"], "2",
        "the latest version first: {json:#}"
    );
    assert_eq!(hits[1]["type"], "clause");
    assert_eq!(hits[1]["version"], "1");
    assert_eq!(json["total"], 7);
    assert!(
        hits[0]["snippet_html"]
            .as_str()
            .unwrap()
            .contains("with two signatures"),
        "a clause's snippet is its text"
    );
    assert!(
        hits[2]["snippet_html"]
            .as_str()
            .unwrap()
            .contains("<mark>chain</mark> of <mark>custody</mark>"),
        "{json:#}"
    );
    assert_eq!(
        hits[0]["url"],
        format!("{BASE}/standards/ballots/2/clauses/custody")
    );
}

#[actix_web::test]
async fn snippets_and_titles_are_escaped() {
    let site = Site::ballots();
    let v2 = site.version("ballots", "2");
    seed_comment(
        &mut site.conn(),
        v2.id,
        Some("custody"),
        None,
        "<b>Mallory</b>",
        "Zanzibarian text <script>alert('owned')</script> <img src=x onerror=alert(1)>",
    );
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.71");
    let a = get(&svc, &mut b, "/search?q=zanzibarian").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.body.contains("<mark>Zanzibarian</mark>"), "{}", a.body);
    assert!(!a.body.contains("<script>alert"), "{}", a.body);
    assert!(!a.body.contains("<img src=x"), "{}", a.body);
    assert!(!a.body.contains("<b>Mallory"), "{}", a.body);
    assert!(a.body.contains("&lt;script&gt;"), "{}", a.body);
}

#[actix_web::test]
async fn a_hidden_or_spam_comment_is_not_found_once_moderated() {
    let site = Site::ballots();
    let v2 = site.version("ballots", "2");
    let c = seed_comment(
        &mut site.conn(),
        v2.id,
        Some("custody"),
        None,
        "Ana",
        "The word quixotically appears only here.",
    );
    let junk = seed_comment(
        &mut site.conn(),
        v2.id,
        None,
        None,
        "Spammer",
        "Buy zorblaxian pills now.",
    );
    let svc = app!(site);
    let (_, json) = api(&svc, "/api/v1/search?q=quixotically").await;
    assert_eq!(json["total"], 1, "{json}");
    let (_, json) = api(&svc, "/api/v1/search?q=zorblaxian").await;
    assert_eq!(json["total"], 1, "{json}");
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
        c.id,
        &Action::Hide("Personal attack".into()),
        &moderator,
        Utc::now().naive_utc(),
    )
    .unwrap();
    moderation::act(
        &mut site.conn(),
        &settings,
        junk.id,
        &Action::Spam("advertising".to_string()),
        &moderator,
        Utc::now().naive_utc(),
    )
    .unwrap();
    let (_, json) = api(&svc, "/api/v1/search?q=zorblaxian").await;
    assert_eq!(json["total"], 0, "marked as spam: {json}");
    let (status, json) = api(&svc, "/api/v1/search?q=quixotically").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["total"], 0, "{json}");
    assert_eq!(json["hits"], Value::Array(vec![]));
    let mut b = Browser::new("192.0.2.72");
    let page = get(&svc, &mut b, "/search?q=quixotically").await;
    assert!(!page.body.contains("appears only here"), "{}", page.body);
    assert!(page.body.contains("Nothing matches"), "{}", page.body);
}

#[actix_web::test]
async fn paging_walks_every_hit_once() {
    let site = Site::ballots();
    let v2 = site.version("ballots", "2");
    let keys = [Some("custody"), None, Some("seals")];
    let ids: Vec<i32> = (0..130)
        .map(|i| {
            let body = format!("Gargantuan paging comment number {i}.");
            seed_comment(&mut site.conn(), v2.id, keys[i % 3], None, "Pager", &body).id
        })
        .collect();
    let svc = app!(site);
    let word = "gargantuan";
    let mut seen = BTreeSet::new();
    let mut uri = format!("/api/v1/search?what=comments&q={}", q(word));
    let mut pages = 0;
    let mut total = None;
    loop {
        let (status, json) = api(&svc, &uri).await;
        assert_eq!(status, StatusCode::OK, "{json}");
        total.get_or_insert(json["total"].as_i64().unwrap());
        for h in json["hits"].as_array().unwrap() {
            assert_eq!(h["type"], "comment");
            let id = h["comment_id"].as_i64().unwrap();
            assert!(seen.insert(id), "comment {id} came twice");
        }
        pages += 1;
        match json["next"].as_str() {
            Some(next) => uri = next.strip_prefix(BASE).unwrap().to_string(),
            None => break,
        }
    }
    let expected: BTreeSet<i64> = ids.iter().map(|&i| i64::from(i)).collect();
    assert_eq!(seen, expected);
    assert_eq!(total, Some(130));
    assert_eq!(pages, 7, "130 hits, 20 a page");
    // The HTML pages link the same way.
    let mut b = Browser::new("192.0.2.73");
    let p2 = get(&svc, &mut b, &format!("/search?q={}&page=2", q(word))).await;
    assert!(p2.body.contains("page 2 of"), "{}", p2.body);
    assert!(p2.body.contains("rel=\"prev\""));
    assert!(p2.body.contains("rel=\"next\""));
}

#[actix_web::test]
async fn filters_narrow_to_type_standard_version_kind_and_decision() {
    let site = Site::ballots();
    let v1 = site.version("ballots", "1");
    let v2 = site.version("ballots", "2");
    let old = seed_comment(
        &mut site.conn(),
        v1.id,
        None,
        None,
        "Old",
        "Logbook concerns.",
    );
    let new = seed_comment(
        &mut site.conn(),
        v2.id,
        None,
        None,
        "New",
        "Logbook praise.",
    );
    create_staff(&site.db, "editor", Role::Editor);
    let editor = StaffUser::find_by_name(&mut site.conn(), "editor")
        .unwrap()
        .unwrap();
    write_tx(&mut site.conn(), |conn| {
        Disposition::upsert(
            conn,
            &NewDisposition {
                comment_id: new.id,
                outcome: "noted",
                rationale: "The logbook already covers this.",
                staff_id: editor.id,
                decided_at: Utc::now().naive_utc(),
                resolved_version: None,
                resolved_clause_key: None,
                group_id: None,
            },
        )
    })
    .unwrap();
    let svc = app!(site);
    let ids = |json: &Value| -> Vec<(String, Option<i64>)> {
        json["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                (
                    h["type"].as_str().unwrap().to_string(),
                    h["comment_id"].as_i64(),
                )
            })
            .collect()
    };
    let (_, all) = api(&svc, "/api/v1/search?q=logbook").await;
    assert_eq!(all["total"], 3, "{all}");
    let (_, j) = api(&svc, "/api/v1/search?q=logbook&what=decisions").await;
    assert_eq!(ids(&j), vec![("decision".into(), Some(i64::from(new.id)))]);
    let (_, j) = api(&svc, "/api/v1/search?q=logbook&standard=ballots&version=1").await;
    assert_eq!(ids(&j), vec![("comment".into(), Some(i64::from(old.id)))]);
    let (_, j) = api(&svc, "/api/v1/search?q=logbook&decided=no").await;
    assert_eq!(ids(&j), vec![("comment".into(), Some(i64::from(old.id)))]);
    let (_, j) = api(&svc, "/api/v1/search?q=logbook&decided=yes").await;
    assert_eq!(ids(&j), vec![("comment".into(), Some(i64::from(new.id)))]);
    let (_, j) = api(&svc, "/api/v1/search?q=logbook&kind=technical").await;
    assert_eq!(j["total"], 0);
    let (_, j) = api(&svc, "/api/v1/search?q=logbook&kind=general&what=comments").await;
    assert_eq!(j["total"], 2);
    // A filter that names nothing is a message, not an empty page.
    let (status, j) = api(&svc, "/api/v1/search?q=logbook&standard=nope").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        j["error"]["message"].as_str().unwrap().contains("nope"),
        "{j}"
    );
}

#[actix_web::test]
async fn phrases_prefixes_or_and_minus() {
    let site = Site::ballots();
    let svc = app!(site);
    let total = |json: &Value| json["total"].as_i64().unwrap();
    // "sealed" is in clause 1.2/1.3 "Seals" of both versions.
    let (_, j) = api(
        &svc,
        &format!("/api/v1/search?what=clauses&q={}", q("seal*")),
    )
    .await;
    assert_eq!(total(&j), 2, "{j}");
    let (_, j) = api(
        &svc,
        &format!("/api/v1/search?what=clauses&q={}", q("\"two signatures\"")),
    )
    .await;
    assert_eq!(total(&j), 1, "{j}");
    let (_, j) = api(
        &svc,
        &format!("/api/v1/search?what=clauses&q={}", q("\"signatures two\"")),
    )
    .await;
    assert_eq!(total(&j), 0, "{j}");
    let (_, j) = api(
        &svc,
        &format!("/api/v1/search?what=clauses&q={}", q("trained OR sealed")),
    )
    .await;
    assert_eq!(total(&j), 3, "{j}");
    let (_, j) = api(
        &svc,
        &format!("/api/v1/search?what=clauses&q={}", q("ballots -signatures")),
    )
    .await;
    let with = api(&svc, "/api/v1/search?what=clauses&q=ballots").await.1;
    assert_eq!(total(&j), total(&with) - 1, "{j}");
}

#[actix_web::test]
async fn any_input_answers_with_results_or_a_message() {
    let site = Site::ballots();
    let svc = app!(site);
    let long = "ballot ".repeat(1500);
    let odd = [
        "\"unbalanced quote",
        "a\" OR \"",
        "NEAR(a b) title:x ^y {z} col:* AND OR NOT",
        "'; DROP TABLE comments; --",
        "!! & | <-> :* ( ) \\ %",
        "-only -minus",
        "*",
        "\u{202e}\u{0000}\u{fffd} émigré ballots",
        long.as_str(),
    ];
    let mut b = Browser::new("192.0.2.74");
    for input in odd {
        let a = get(&svc, &mut b, &format!("/search?q={}", q(input))).await;
        assert_eq!(a.status, StatusCode::OK, "{input:?}: {}", a.body);
        let (status, json) = api(&svc, &format!("/api/v1/search?q={}", q(input))).await;
        assert!(
            status == StatusCode::OK || status == StatusCode::BAD_REQUEST,
            "{input:?}: {status}"
        );
        if status == StatusCode::BAD_REQUEST {
            assert!(!json["error"]["message"].as_str().unwrap().is_empty());
        }
    }
    // A long query is cut, and says so.
    let a = get(&svc, &mut b, &format!("/search?q={}", q(&long))).await;
    assert!(a.body.contains("Only the first 16"), "{}", a.body);
    // Nothing to search for: the page asks, the API refuses with a message.
    let a = get(&svc, &mut b, "/search?q=%20%20").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.body.contains("Type one or more words"), "{}", a.body);
    let (status, json) = api(&svc, "/api/v1/search?q=").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        json["error"]["message"].as_str().unwrap().contains("`q`"),
        "{json}"
    );
    // Bad filters and pages: 400 with a message, the form kept.
    for uri in [
        "/search?q=ballots&page=zero",
        "/search?q=ballots&page=0",
        "/search?q=ballots&page=99999",
        "/search?q=ballots&what=everything",
        "/search?q=ballots&kind=angry",
        "/search?q=ballots&decided=maybe",
        "/search?q=ballots&version=2",
        "/search?q=ballots&standard=ballots&version=9",
        "/search?q=ballots&q=twice&q=thrice",
    ] {
        let a = get(&svc, &mut b, uri).await;
        if uri.contains("twice") {
            assert_eq!(a.status, StatusCode::OK, "{uri}");
            continue;
        }
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{uri}: {}", a.body);
        assert!(a.body.contains("role=\"alert\""), "{uri}: {}", a.body);
        assert!(
            a.body.contains("value=\"ballots\""),
            "{uri}: the words typed are kept"
        );
    }
}

#[actix_web::test]
async fn the_header_has_a_search_box_and_the_api_is_open() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.75");
    let home = get(&svc, &mut b, "/").await;
    assert!(home.body.contains("action=\"/search\""), "{}", home.body);
    assert!(home.body.contains("role=\"search\""));
    let req = web_test::TestRequest::get()
        .uri("/api/v1/search?q=ballots")
        .insert_header((header::ORIGIN, "https://elsewhere.example"))
        .to_request();
    let resp = web_test::call_service(&svc, req).await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(
        resp.headers()
            .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
            .unwrap(),
        "*"
    );
    let req = web_test::TestRequest::default()
        .method(actix_web::http::Method::HEAD)
        .uri("/search?q=ballots")
        .to_request();
    let resp = web_test::call_service(&svc, req).await;
    assert_eq!(resp.status(), StatusCode::OK);
    let req = web_test::TestRequest::default()
        .method(actix_web::http::Method::HEAD)
        .uri("/api/v1/search?q=ballots")
        .to_request();
    let resp = web_test::call_service(&svc, req).await;
    assert_eq!(resp.status(), StatusCode::OK);
}

#[actix_web::test]
async fn the_search_answer_fits_its_openapi_schema() {
    let site = Site::ballots();
    let v2 = site.version("ballots", "2");
    seed_comment(
        &mut site.conn(),
        v2.id,
        None,
        None,
        "Ana",
        "Seals on every container.",
    );
    let svc = app!(site);
    let (_, doc) = api(&svc, "/api/v1/openapi.json").await;
    let op = &doc["paths"]["/api/v1/search"]["get"];
    for (uri, status) in [
        ("/api/v1/search?q=seal*", StatusCode::OK),
        (
            "/api/v1/search?q=seal*&what=comments&decided=no",
            StatusCode::OK,
        ),
        ("/api/v1/search?q=nothingmatchesthis", StatusCode::OK),
        ("/api/v1/search?q=", StatusCode::BAD_REQUEST),
        (
            "/api/v1/search?q=seal&what=everything",
            StatusCode::BAD_REQUEST,
        ),
    ] {
        let (got, body) = api(&svc, uri).await;
        assert_eq!(got, status, "{uri}: {body}");
        let schema = &op["responses"][got.as_str()]["content"]["application/json"]["schema"];
        assert!(schema.is_object(), "{uri}: {} is described", got.as_str());
        let mut errors = Vec::new();
        crate::openapi::check(&doc, schema, &body, uri, &mut errors);
        assert!(errors.is_empty(), "{uri}: {errors:#?}");
    }
    let (_, body) = api(&svc, "/api/v1/search?q=seal*").await;
    assert!(body["total"].as_i64().unwrap() >= 3, "{body}");
}

/// Whatever is typed, the engines get a query they accept: a few hundred
/// generated inputs of quotes, operators, engine syntax, punctuation and
/// letters from several scripts, run against the real index (the same
/// inputs every run).
#[test]
fn no_input_makes_an_engine_fail() {
    use docket::search::{self, Filters, Query};
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};

    let site = Site::ballots();
    let v2 = site.version("ballots", "2");
    seed_comment(
        &mut site.conn(),
        v2.id,
        None,
        None,
        "Ana",
        "Seals, ballots and émigré voters.",
    );
    let piece = prop_oneof![
        Just("\"".to_string()),
        Just("*".to_string()),
        Just("-".to_string()),
        Just(" OR ".to_string()),
        Just(" AND ".to_string()),
        Just(" NOT ".to_string()),
        Just("NEAR(".to_string()),
        Just(")".to_string()),
        Just(":".to_string()),
        Just("'".to_string()),
        Just("&|!<->".to_string()),
        Just("{title}".to_string()),
        Just("^".to_string()),
        Just(" ".to_string()),
        "[a-zA-Z0-9éß日本]{1,12}",
        "\\PC{1,4}",
    ];
    let input = proptest::collection::vec(piece, 0..24).prop_map(|p| p.concat());
    let mut runner = TestRunner::new_with_rng(
        Config {
            cases: 300,
            ..Config::default()
        },
        proptest::test_runner::TestRng::deterministic_rng(
            proptest::test_runner::RngAlgorithm::ChaCha,
        ),
    );
    let conn = std::cell::RefCell::new(site.conn());
    runner
        .run(&input, |typed| {
            let query = Query::parse(&typed);
            let result = search::search(&mut conn.borrow_mut(), &query, &Filters::default(), 1);
            prop_assert!(result.is_ok(), "{typed:?}: {:?}", result.err());
            Ok(())
        })
        .unwrap();
}

/// A search whose words are in more comments than are ranked ranks every
/// clause it finds and the newest comments, says that there are more, and
/// a filter reaches the older ones.
#[test]
fn a_broad_search_ranks_every_clause_and_the_newest_comments() {
    use docket::search::{self, Filters, Query};

    let site = Site::ballots();
    let v1 = site.version("ballots", "1");
    let v2 = site.version("ballots", "2");
    let old: Vec<i32> = (0..10)
        .map(|i| {
            seed_comment(
                &mut site.conn(),
                v1.id,
                None,
                None,
                "Early",
                &format!("Ballots remark {i}."),
            )
            .id
        })
        .collect();
    let new: Vec<i32> = (0..60)
        .map(|i| {
            seed_comment(
                &mut site.conn(),
                v2.id,
                None,
                None,
                "Late",
                &format!("Ballots remark {i}."),
            )
            .id
        })
        .collect();
    let mut conn = site.conn();
    let query = Query::parse("ballots");
    let clauses = search::search_ranking(
        &mut conn,
        &query,
        &Filters::parse(None, None, Some("clauses"), None, None).unwrap(),
        1,
        50,
    )
    .unwrap()
    .total;
    assert!(clauses >= 4, "the fixture's clauses mention ballots");
    let mut ranked = Vec::new();
    let mut first = None;
    for page in 1.. {
        let r = search::search_ranking(&mut conn, &query, &Filters::default(), page, 50).unwrap();
        first.get_or_insert_with(|| (r.total, r.more, r.notes.clone()));
        ranked.extend(r.hits);
        if page >= r.pages {
            break;
        }
    }
    let (total, more, notes) = first.unwrap();
    assert!(more, "more comments match than were ranked");
    assert!(notes.iter().any(|n| n.contains("newest 50")), "{notes:?}");
    assert_eq!(total, clauses + 50);
    assert_eq!(ranked.len() as i64, total);
    let comments: Vec<i32> = ranked.iter().filter_map(|h| h.comment_id).collect();
    let newest: Vec<i32> = new[10..].to_vec();
    assert_eq!(comments.len(), 50);
    assert!(
        comments.iter().all(|id| newest.contains(id)),
        "{comments:?}"
    );
    assert_eq!(
        ranked.iter().filter(|h| h.comment_id.is_none()).count() as i64,
        clauses,
        "every clause is ranked"
    );
    // Narrowed to version 1, the older comments are found.
    let filters = Filters::parse(Some("ballots"), Some("1"), Some("comments"), None, None).unwrap();
    let r = search::search_ranking(&mut conn, &query, &filters, 1, 50).unwrap();
    assert!(!r.more);
    let mut found: Vec<i32> = r.hits.iter().filter_map(|h| h.comment_id).collect();
    found.sort();
    assert_eq!(found, old);
}
