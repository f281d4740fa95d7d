//! The open data beside the comments: the API's index, a standard with its
//! versions, the editors' decisions a page at a time, a clause's history;
//! and the ways out of a page that is no longer current: the notice on
//! every page of an older version, the answer to a comment sent too late,
//! and the page of a confirmation link already used.

use std::collections::BTreeSet;

use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::{header, Method, StatusCode};
use actix_web::test;
use chrono::{Duration, NaiveDateTime, Utc};
use docket::actor::Actor;
use docket::comments::dispositions::{self, Decision};
use docket::comments::moderation::{self, Action};
use docket::comments::{Moderation, Settings};
use docket::db::models::{Outcome, Role, StaffUser, Standard, Version};
use serde_json::Value;

use crate::comments::{
    app, confirm, get, seed_comment, submit, verification_link, Answer, Browser, Site, EMAIL,
};
use crate::staff::create_staff;
use crate::support::{exec, front, Content};

const BASE: &str = "http://127.0.0.1:8080";

/// Two versions of a standard whose second drops a clause: "Voting
/// Places" 1 (superseded, its window over) and 2 (open for comment).
pub fn voting() -> Content {
    let c = Content::new();
    c.standard("voting", "Voting Places");
    c.version(
        "voting",
        "1",
        &format!(
            "{}## 1 Access {{#access}}\n\nEvery voting place has a step-free entrance.\n\n## 2 Signs {{#signs}}\n\nSigns point to the entrance.\n\n## 3 Parking {{#parking}}\n\nTwo parking spaces are kept for voters with disabilities.\n",
            front("1", "superseded")
        ),
    );
    c.version(
        "voting",
        "2",
        &format!(
            "{}## 1 Access {{#access}}\n\nEvery voting place has a step-free entrance and a door that opens without help.\n\n## 2 Signs {{#signs}}\n\nSigns point to the entrance.\n",
            front("2", "open")
        ),
    );
    c
}

/// A JSON answer.
fn json(a: &Answer) -> Value {
    serde_json::from_str(&a.body).unwrap_or_else(|e| panic!("{e}: {}", a.body))
}

/// An editor, as the domain records decisions by.
pub fn editor(site: &Site) -> Actor {
    create_staff(&site.db, "edna", Role::Editor);
    let u = StaffUser::find_by_name(&mut site.conn(), "edna")
        .unwrap()
        .unwrap();
    Actor {
        id: u.id,
        name: u.name,
        role: Role::Editor,
    }
}

/// A decision, resolved in clause `resolved` of the next version if given.
pub fn decision(outcome: Outcome, rationale: &str, resolved: Option<&str>) -> Decision {
    Decision {
        outcome,
        rationale: rationale.to_string(),
        resolved_clause_key: resolved.map(str::to_string),
    }
}

/// Record `decision` on comment `id` of `slug`/`label` at `at`.
pub fn decide(
    site: &Site,
    by: &Actor,
    (slug, label): (&str, &str),
    id: i32,
    decision: Decision,
    at: NaiveDateTime,
) {
    let mut conn = site.conn();
    let standard = Standard::by_slug(&mut conn, slug).unwrap();
    let version = Version::by_label(&mut conn, standard.id, label).unwrap();
    dispositions::record(
        &mut conn,
        &settings(),
        &standard,
        &version,
        by,
        &[id],
        &decision,
        at,
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
}

fn settings() -> Settings {
    Settings {
        base_url: BASE.into(),
        moderation: Moderation::Post,
    }
}

/// Every string literal of the route table that is a path.
fn routes() -> Vec<&'static str> {
    include_str!("../../src/web/routes.rs")
        .split('"')
        .filter(|s| s.starts_with('/') && !s.contains(' '))
        .collect()
}

#[actix_web::test]
async fn the_index_lists_every_endpoint_feed_and_file_and_nothing_else() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.10");
    let with_slash = get(&svc, &mut b, "/api/v1/").await;
    let without = get(&svc, &mut b, "/api/v1").await;
    assert_eq!(with_slash.status, StatusCode::OK, "{}", with_slash.body);
    assert_eq!(without.status, StatusCode::OK);
    assert_eq!(with_slash.body, without.body, "the same answer either way");
    let index = json(&with_slash);
    assert_eq!(
        index["openapi"],
        format!("{BASE}/api/v1/openapi.json"),
        "{index:#}"
    );
    let listed = |part: &str| -> BTreeSet<String> {
        index[part]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                assert_eq!(e["method"], "GET");
                assert!(!e["description"].as_str().unwrap().is_empty(), "{e}");
                e["path"].as_str().unwrap().to_string()
            })
            .collect()
    };
    let endpoints = listed("endpoints");
    let feeds = listed("feeds");
    let downloads = listed("downloads");

    // Every API route is listed (the index itself under its address with
    // the slash), and nothing that is not a route.
    let routes = routes();
    let api: BTreeSet<String> = routes
        .iter()
        .filter(|r| r.starts_with("/api/v1"))
        .map(|r| match *r {
            "/api/v1" => "/api/v1/".to_string(),
            other => other.to_string(),
        })
        .collect();
    assert_eq!(endpoints, api);
    for part in [
        "/api/v1/standards/{slug}",
        "/api/v1/standards/{slug}/versions/{label}/dispositions",
        "/api/v1/standards/{slug}/clauses/{key}/history",
    ] {
        assert!(endpoints.contains(part), "{part}");
    }
    // Every feed and file of open data outside the API is listed too.
    let atom: BTreeSet<String> = routes
        .iter()
        .filter(|r| r.ends_with(".atom"))
        .map(|r| r.to_string())
        .collect();
    assert_eq!(feeds, atom);
    let files: BTreeSet<String> = routes
        .iter()
        .filter(|r| !r.starts_with("/api/") && !r.starts_with("/static/"))
        .filter(|r| {
            [".csv", ".ndjson", ".json", ".md"]
                .iter()
                .any(|e| r.ends_with(e))
                || r.starts_with("/ledger")
        })
        .map(|r| r.to_string())
        .collect();
    assert_eq!(downloads, files);

    // Each listed endpoint without parameters in its path answers (search
    // with the words it requires).
    for path in endpoints.iter().filter(|p| !p.contains('{')) {
        let path = match path.as_str() {
            "/api/v1/search" => "/api/v1/search?q=ballots".to_string(),
            other => other.to_string(),
        };
        let path = &path;
        let a = get(&svc, &mut b, path).await;
        assert_eq!(a.status, StatusCode::OK, "{path}");
    }
}

#[actix_web::test]
async fn a_standard_lists_its_published_versions_with_their_addresses() {
    let content = crate::support::two_versions();
    content.standard("unpublished", "Unpublished Standard");
    content.version(
        "unpublished",
        "1",
        &format!(
            "{}## 1 Secret {{#secret}}\n\nNot yet.\n",
            front("1", "draft")
        ),
    );
    content.version(
        "ballots",
        "3",
        &format!(
            "{}## 1 Integrity {{#integrity}}\n\nDraft.\n",
            front("3", "draft")
        ),
    );
    let site = Site::new(content);
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.11");
    let a = get(&svc, &mut b, "/api/v1/standards/ballots").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let s = json(&a);
    assert_eq!(s["slug"], "ballots");
    assert_eq!(s["title"], "Ballot Handling");
    assert_eq!(s["time_zone"], "America/Chicago");
    assert_eq!(s["latest_version"], "2");
    assert_eq!(
        s["links"]["versions_feed"],
        format!("{BASE}/standards/ballots/versions.atom")
    );
    assert_eq!(
        s["links"]["subscribe"],
        format!("{BASE}/standards/ballots/subscribe")
    );
    let versions = s["versions"].as_array().unwrap();
    let labels: Vec<&str> = versions
        .iter()
        .map(|v| v["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        ["1", "2"],
        "published versions oldest first, no draft"
    );
    let (v1, v2) = (&versions[0], &versions[1]);
    assert_eq!(v1["status"], "superseded");
    assert_eq!(v1["published"], "2025-01-01");
    assert_eq!(v1["comment_opens"], "2025-01-01T00:00:00Z");
    assert_eq!(v1["comment_closes"], "2025-02-01T00:00:00Z");
    assert_eq!(v1["open_now"], false);
    assert_eq!(v2["status"], "open");
    assert_eq!(v2["comment_closes"], "2099-01-01T00:00:00Z");
    assert_eq!(v2["open_now"], true);
    let links = &v2["links"];
    for (name, path) in [
        ("html", "/standards/ballots/2"),
        ("api", "/api/v1/standards/ballots/versions/2"),
        ("comments_html", "/standards/ballots/2#comments"),
        (
            "comments_api",
            "/api/v1/standards/ballots/versions/2/comments",
        ),
        ("comments_feed", "/standards/ballots/2/comments.atom"),
        ("dispositions_html", "/standards/ballots/2/dispositions"),
        (
            "dispositions_api",
            "/api/v1/standards/ballots/versions/2/dispositions",
        ),
        ("decisions_feed", "/standards/ballots/2/decisions.atom"),
    ] {
        assert_eq!(links[name], format!("{BASE}{path}"), "{name}");
        // Each address answers.
        let path = path.split('#').next().unwrap();
        assert_eq!(
            get(&svc, &mut b, path).await.status,
            StatusCode::OK,
            "{path}"
        );
    }
    assert!(!a.body.contains("Draft."), "nothing of a draft");

    // Unknown, or nothing published yet: a JSON 404.
    for missing in ["/api/v1/standards/nothing", "/api/v1/standards/unpublished"] {
        let a = get(&svc, &mut b, missing).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND, "{missing}");
        assert_eq!(json(&a)["error"]["status"], 404, "{missing}");
    }
}

/// Walk the decisions of ballots 2 from cursor `after`, `limit` at a time,
/// following `next`: the decisions in order and the cursor to come back with.
async fn walk<S, B>(svc: &S, after: i64, limit: usize) -> (Vec<Value>, i64)
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let mut b = Browser::new("192.0.2.12");
    let mut uri =
        format!("/api/v1/standards/ballots/versions/2/dispositions?limit={limit}&after={after}");
    let mut all = Vec::new();
    loop {
        let a = get(svc, &mut b, &uri).await;
        assert_eq!(a.status, StatusCode::OK, "{uri}: {}", a.body);
        let page = json(&a);
        let list = page["decisions"].as_array().unwrap();
        assert!(list.len() <= limit);
        all.extend(list.iter().cloned());
        match page["next"].as_str() {
            Some(next) => {
                assert_eq!(list.len(), limit, "only a full page has a next one");
                let link = a.headers.get(header::LINK).expect("a Link header");
                assert_eq!(link.to_str().unwrap(), format!("<{next}>; rel=\"next\""));
                uri = next.strip_prefix(BASE).expect("absolute").to_string();
            }
            None => {
                assert!(a.headers.get(header::LINK).is_none());
                return (all, page["cursor"].as_i64().unwrap());
            }
        }
    }
}

fn comment_ids(decisions: &[Value]) -> Vec<i64> {
    decisions
        .iter()
        .map(|d| d["comment_id"].as_i64().unwrap())
        .collect()
}

#[actix_web::test]
async fn decisions_come_a_page_at_a_time_each_once_with_only_public_fields() {
    let site = Site::ballots();
    let svc = app!(site);
    let edna = editor(&site);
    let v2 = site.version("ballots", "2");
    let start = Utc::now().naive_utc() - Duration::hours(1);
    let mut ids = Vec::new();
    for i in 0..23 {
        let key = if i % 5 == 0 { None } else { Some("custody") };
        let c = seed_comment(
            &mut site.conn(),
            v2.id,
            key,
            None,
            &format!("Voter {i}"),
            &format!("Comment {i}."),
        );
        ids.push(c.id);
    }
    // Decided out of order; one comment stays undecided.
    for (n, &id) in ids.iter().enumerate().rev().skip(1) {
        let resolved = (n == 3).then_some("custody");
        decide(
            &site,
            &edna,
            ("ballots", "2"),
            id,
            decision(Outcome::Accepted, &format!("Decision {n}."), resolved),
            start + Duration::seconds(n as i64),
        );
    }
    let undecided = ids[22] as i64;

    let (first, cursor) = walk(&svc, 0, 5).await;
    assert_eq!(first.len(), 22);
    let got = comment_ids(&first);
    assert_eq!(
        got.iter().copied().collect::<BTreeSet<_>>().len(),
        22,
        "each decision once"
    );
    assert!(!got.contains(&undecided));
    let cursors: Vec<i64> = first.iter().map(|d| d["id"].as_i64().unwrap()).collect();
    assert!(cursors.windows(2).all(|w| w[0] < w[1]), "by the cursor");

    // What each decision carries: the clause by key and number, the
    // outcome, the reason, when; nothing about who decided or wrote.
    let on = |id: i32| first.iter().find(|d| d["comment_id"] == id).unwrap();
    let d = on(ids[3]);
    assert_eq!(d["tracking_number"], site.comment(ids[3]).tracking_number);
    assert_eq!(d["clause_key"], "custody");
    assert_eq!(d["clause_number"], "1.2");
    assert_eq!(d["outcome"], "accepted");
    assert_eq!(d["rationale"], "Decision 3.");
    assert_eq!(d["comment_status"], "published");
    assert_eq!(d["comment_html"], format!("{BASE}/comments/{}", ids[3]));
    let at = start + Duration::seconds(3);
    assert_eq!(
        d["decided_at"],
        at.and_utc()
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    );
    // Resolved in the version being written (none yet): the key is known,
    // its number not yet.
    assert_eq!(d["resolved_clause_key"], "custody");
    assert!(d["resolved_clause_number"].is_null());
    assert!(d["resolved_in"].as_str().unwrap().contains("custody"));
    let whole = on(ids[0]);
    assert!(whole["clause_key"].is_null() && whole["clause_number"].is_null());
    let all_text = serde_json::to_string(&first).unwrap();
    for private in ["edna", "@", "Voter ", "Comment 1."] {
        assert!(!all_text.contains(private), "{private} in {all_text}");
    }

    // New decisions after the walk come after the cursor, once; a decision
    // recorded again keeps its place, with its new outcome.
    decide(
        &site,
        &edna,
        ("ballots", "2"),
        ids[22],
        decision(Outcome::Noted, "Late decision.", None),
        start + Duration::seconds(100),
    );
    decide(
        &site,
        &edna,
        ("ballots", "2"),
        ids[5],
        decision(Outcome::NotAccepted, "Reconsidered.", None),
        start + Duration::seconds(101),
    );
    let (since, _) = walk(&svc, cursor, 5).await;
    assert_eq!(comment_ids(&since), [undecided]);
    let (again, _) = walk(&svc, 0, 7).await;
    assert_eq!(again.len(), 23);
    let mut again_ids = comment_ids(&again);
    assert_eq!(&again_ids[..22], &got[..], "the same order as before");
    again_ids.sort();
    again_ids.dedup();
    assert_eq!(again_ids.len(), 23);
    let redone = again.iter().find(|d| d["comment_id"] == ids[5]).unwrap();
    assert_eq!(redone["outcome"], "not_accepted");

    // A hidden comment keeps its decision in the open data, without its text.
    let moderator = Actor {
        role: Role::Moderator,
        ..edna.clone()
    };
    moderation::act(
        &mut site.conn(),
        &settings(),
        ids[7],
        &Action::Hide("Off topic".into()),
        &moderator,
        Utc::now().naive_utc(),
    )
    .unwrap();
    let (hidden, _) = walk(&svc, 0, 500).await;
    let h = hidden.iter().find(|d| d["comment_id"] == ids[7]).unwrap();
    assert_eq!(h["comment_status"], "hidden");

    // Bad pages are described 400s; a draft or unknown version a 404.
    let mut b = Browser::new("192.0.2.13");
    for bad in ["limit=0", "limit=501", "after=-1", "after=x"] {
        let a = get(
            &svc,
            &mut b,
            &format!("/api/v1/standards/ballots/versions/2/dispositions?{bad}"),
        )
        .await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{bad}");
        let field = bad.split('=').next().unwrap();
        assert!(json(&a)["error"]["message"]
            .as_str()
            .unwrap()
            .contains(field));
    }
    let a = get(
        &svc,
        &mut b,
        "/api/v1/standards/ballots/versions/9/dispositions",
    )
    .await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn a_decision_names_the_clause_that_resolves_it_once_that_version_is_published() {
    let content = crate::support::two_versions();
    let site = Site::new(content);
    let svc = app!(site);
    let edna = editor(&site);
    let v1 = site.version("ballots", "1");
    let c = seed_comment(
        &mut site.conn(),
        v1.id,
        Some("custody"),
        None,
        "Ana",
        "Two signatures.",
    );
    decide(
        &site,
        &edna,
        ("ballots", "1"),
        c.id,
        decision(
            Outcome::AcceptedModified,
            "Done in version 2.",
            Some("custody"),
        ),
        Utc::now().naive_utc(),
    );
    let mut b = Browser::new("192.0.2.14");
    let a = get(
        &svc,
        &mut b,
        "/api/v1/standards/ballots/versions/1/dispositions",
    )
    .await;
    let page = json(&a);
    let d = &page["decisions"][0];
    assert_eq!(d["clause_number"], "1.1", "its number in version 1");
    assert_eq!(d["resolved_version"], "2");
    assert_eq!(d["resolved_clause_key"], "custody");
    assert_eq!(
        d["resolved_clause_number"], "1.2",
        "its number in version 2"
    );
    assert!(page["next"].is_null());
}

#[actix_web::test]
async fn a_clause_history_gives_each_version_its_text_and_what_changed() {
    let content = crate::support::two_versions();
    let site = Site::new(content);
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.15");
    let a = get(
        &svc,
        &mut b,
        "/api/v1/standards/ballots/clauses/custody/history",
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let h = json(&a);
    assert_eq!(h["key"], "custody");
    assert_eq!(h["heading"], "Chain of custody");
    assert_eq!(
        h["links"]["html"],
        format!("{BASE}/standards/ballots/clauses/custody/history")
    );
    let versions = h["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2);
    let (v1, v2) = (&versions[0], &versions[1]);
    assert_eq!(v1["label"], "1");
    assert_eq!(v1["number"], "1.1");
    assert!(v1["changed"].is_null(), "nothing before the first version");
    assert_eq!(
        v1["body_markdown"].as_str().unwrap().trim(),
        "Ballots shall be logged at every hand-off."
    );
    assert_eq!(
        v1["links"]["html"],
        format!("{BASE}/standards/ballots/1/clauses/custody")
    );
    assert!(v1["links"]["compare_html"].is_null());
    assert_eq!(v2["number"], "1.2");
    assert_eq!(v2["heading"], "Chain of custody");
    assert_eq!(v2["changed"], true);
    assert_eq!(v2["change"], "modified");
    assert_eq!(v2["renumbered"], true);
    assert!(v2["body_markdown"]
        .as_str()
        .unwrap()
        .contains("two signatures"));
    assert_eq!(
        v2["links"]["compare_html"],
        format!("{BASE}/standards/ballots/compare/1...2#c-custody")
    );
    assert_eq!(
        v2["links"]["version_api"],
        format!("{BASE}/api/v1/standards/ballots/versions/2")
    );

    // A clause added in version 2; one unchanged but renumbered.
    let a = get(
        &svc,
        &mut b,
        "/api/v1/standards/ballots/clauses/training/history",
    )
    .await;
    let h = json(&a);
    let (v1, v2) = (&h["versions"][0], &h["versions"][1]);
    assert_eq!(v1["present"], false);
    assert!(
        v1["number"].is_null() && v1["body_markdown"].is_null() && v1["links"]["html"].is_null()
    );
    assert_eq!(v2["present"], true);
    assert_eq!(
        (v2["changed"].clone(), v2["change"].clone()),
        (true.into(), "added".into())
    );
    let a = get(
        &svc,
        &mut b,
        "/api/v1/standards/ballots/clauses/seals/history",
    )
    .await;
    let v2 = &json(&a)["versions"][1];
    assert_eq!(v2["changed"], false);
    assert_eq!(v2["change"], "unchanged");
    assert_eq!(v2["renumbered"], true);

    for missing in [
        "/api/v1/standards/ballots/clauses/nothing/history",
        "/api/v1/standards/nothing/clauses/custody/history",
    ] {
        let a = get(&svc, &mut b, missing).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND, "{missing}");
        assert_eq!(json(&a)["error"]["status"], 404);
    }
}

#[actix_web::test]
async fn a_removed_clause_shows_as_removed_in_its_history() {
    let site = Site::new(voting());
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.16");
    let a = get(
        &svc,
        &mut b,
        "/api/v1/standards/voting/clauses/parking/history",
    )
    .await;
    let h = json(&a);
    assert_eq!(h["heading"], "Parking", "its last heading");
    let v2 = &h["versions"][1];
    assert_eq!(v2["present"], false);
    assert_eq!(v2["changed"], true);
    assert_eq!(v2["change"], "removed");
}

#[actix_web::test]
async fn the_new_endpoints_answer_head_and_any_origin() {
    let site = Site::ballots();
    let svc = app!(site);
    for path in [
        "/api/v1/",
        "/api/v1",
        "/api/v1/standards/ballots",
        "/api/v1/standards/ballots/versions/2/dispositions",
        "/api/v1/standards/ballots/clauses/custody/history",
    ] {
        let mut etags = Vec::new();
        for method in [Method::GET, Method::HEAD] {
            let resp = test::call_service(
                &svc,
                test::TestRequest::default()
                    .method(method.clone())
                    .uri(path)
                    .insert_header((header::ORIGIN, "https://data.example.net"))
                    .to_request(),
            )
            .await;
            assert_eq!(resp.status(), StatusCode::OK, "{method} {path}");
            let headers = resp.headers().clone();
            assert_eq!(
                headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).unwrap(),
                "*",
                "{method} {path}"
            );
            assert!(headers
                .get(header::CONTENT_TYPE)
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("application/json"));
            etags.push(headers.get(header::ETAG).unwrap().clone());
        }
        assert_eq!(etags[0], etags[1], "{path}: HEAD describes the GET answer");
    }
}

#[actix_web::test]
async fn every_page_of_an_older_version_points_to_the_current_one() {
    let site = Site::new(voting());
    let svc = app!(site);
    let v1 = site.version("voting", "1");
    let on_access = seed_comment(
        &mut site.conn(),
        v1.id,
        Some("access"),
        None,
        "Ana",
        "Ramps.",
    );
    let on_parking = seed_comment(
        &mut site.conn(),
        v1.id,
        Some("parking"),
        None,
        "Ben",
        "More.",
    );
    let mut b = Browser::new("192.0.2.17");
    let notice = "Version 1 is not the current version of Voting Places.";
    let to_version = "<a href=\"/standards/voting/2\">Read version 2</a>, the current version (Open for comment)";
    let to_access = "<a href=\"/standards/voting/2/clauses/access\">Read clause 1 (Access) in version 2</a>, the current version";
    let gone = "; this clause is not in it.";
    let access_comment = format!("/comments/{}", on_access.id);
    let parking_comment = format!("/comments/{}", on_parking.id);
    for (path, link, clause_gone) in [
        ("/standards/voting/1", to_version, false),
        ("/standards/voting/1/dispositions", to_version, false),
        ("/standards/voting/1/changelog", to_version, false),
        ("/standards/voting/1/clauses/access", to_access, false),
        ("/standards/voting/1/clauses/parking", to_version, true),
        (access_comment.as_str(), to_access, false),
        (parking_comment.as_str(), to_version, true),
    ] {
        let a = get(&svc, &mut b, path).await;
        assert_eq!(a.status, StatusCode::OK, "{path}");
        assert!(a.body.contains(notice), "{path}: {}", a.body);
        assert!(a.body.contains(link), "{path}: {}", a.body);
        assert_eq!(a.body.contains(gone), clause_gone, "{path}");
    }
    // The current version's pages have no such notice.
    for path in [
        "/standards/voting/2",
        "/standards/voting/2/clauses/access",
        "/standards/voting/2/dispositions",
        "/standards/voting/2/changelog",
    ] {
        let a = get(&svc, &mut b, path).await;
        assert_eq!(a.status, StatusCode::OK, "{path}");
        assert!(!a.body.contains("is not the current version"), "{path}");
    }
}

#[actix_web::test]
async fn a_comment_too_late_is_pointed_to_the_open_version_and_to_following_by_email() {
    let site = Site::new(voting());
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.18");
    let a = get(
        &svc,
        &mut b,
        "/standards/voting/1/clauses/access/comments/new",
    )
    .await;
    assert_eq!(a.status, StatusCode::CONFLICT);
    assert!(
        a.body.contains("<h1>Comments are closed</h1>"),
        "{}",
        a.body
    );
    assert!(
        a.body
            .contains("<a href=\"/standards/voting/2\">comment on version 2</a>"),
        "{}",
        a.body
    );
    assert!(a
        .body
        .contains("<a href=\"/standards/voting/subscribe\">Follow Voting Places by email</a>"));
    assert!(a
        .body
        .contains("<a href=\"/standards/voting/1/clauses/access\">Read the comments made</a>"));

    // With no version open, it says so and still offers to follow.
    exec(
        &mut site.conn(),
        "UPDATE versions SET comment_closes = '2020-01-01 00:00:00'",
    );
    let a = get(&svc, &mut b, "/standards/voting/2/comments/new").await;
    assert_eq!(a.status, StatusCode::CONFLICT);
    assert!(
        a.body
            .contains("No version of Voting Places is open for comment now."),
        "{}",
        a.body
    );
    assert!(!a.body.contains("comment on version"));
    assert!(a.body.contains("href=\"/standards/voting/subscribe\""));
}

#[actix_web::test]
async fn a_used_confirmation_link_leads_to_its_comment() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.19");
    let a = submit(&svc, &mut b, EMAIL, "Seal numbers on the log.").await;
    assert_eq!(a.status, StatusCode::OK);
    let link = verification_link(&site.deliver(), EMAIL);
    assert_eq!(confirm(&svc, &mut b, &link).await.status, StatusCode::OK);
    let id = crate::comments::last_comment_id(&site);
    let a = get(&svc, &mut b, &link).await;
    assert_eq!(a.status, StatusCode::GONE);
    assert!(a.body.contains("<h1>This link was already used</h1>"));
    assert!(
        a.body.contains(&format!(
            "<a href=\"/comments/{id}\">See the comment this link confirmed</a>"
        )),
        "{}",
        a.body
    );
    // And the page it leads to is there.
    assert_eq!(
        get(&svc, &mut b, &format!("/comments/{id}")).await.status,
        StatusCode::OK
    );
}

#[actix_web::test]
async fn a_used_link_of_a_comment_awaiting_a_moderator_leads_to_where_it_will_be_shown() {
    let site = Site::ballots().with_moderation(Moderation::Pre);
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.20");
    submit(&svc, &mut b, EMAIL, "Waiting for a moderator.").await;
    let link = verification_link(&site.deliver(), EMAIL);
    assert_eq!(confirm(&svc, &mut b, &link).await.status, StatusCode::OK);
    let id = crate::comments::last_comment_id(&site);
    let a = get(&svc, &mut b, &link).await;
    assert_eq!(a.status, StatusCode::GONE);
    assert!(
        !a.body.contains(&format!("/comments/{id}\"")),
        "not a page that is not there yet"
    );
    assert!(
        a.body.contains("<a href=\"/standards/ballots/2/clauses/custody\">See the discussion where the comment will be shown once a moderator publishes it</a>"),
        "{}",
        a.body
    );
}
