//! Election offices: admins list mail domains and the office each belongs
//! to; a comment confirmed from an address on a listed domain is shown as
//! from that office, with a badge naming the domain (never the address),
//! fixed on the comment and recorded in the ledger. The workspace, the
//! disposition report and the API filter and count by it.

use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::StatusCode;
use diesel::prelude::*;
use docket::comments::ledger;
use docket::comments::offices;
use docket::db::models::{LedgerRow, OfficeDomain, Role};
use docket::db::schema::comments;

use crate::comments::{
    app, comment_and_verify, confirm, get, last_comment_id, open_form, post, submit,
    verification_link, Answer, Browser, Site,
};
use crate::staff::create_staff;
use crate::support::count;

const CLERK: &str = "pat.clerk@lake-county.example.org";
const CLERK_2: &str = "sam.deputy@lake-county.example.org";
const FEDERAL: &str = "lee.official@elections.example.gov";
const VOTER: &str = "ana.commenter@example.org";
const BADGE: &str = "address confirmed on lake-county.example.org";

async fn signed_in<S, B>(svc: &S, name: &str, password: &str) -> Browser
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let mut b = Browser::new("198.51.100.40");
    let token = open_form(svc, &mut b, "/staff/login").await;
    let form = [
        ("csrf_token", token.as_str()),
        ("name", name),
        ("password", password),
    ];
    let a = post(svc, &mut b, "/staff/login", &form).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{name} signs in");
    b
}

/// Post a staff form with this browser's own token.
async fn send<S, B>(svc: &S, b: &mut Browser, path: &str, fields: &[(&str, &str)]) -> Answer
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let token = open_form(svc, b, "/staff").await;
    let mut form = vec![("csrf_token", token.as_str())];
    form.extend_from_slice(fields);
    post(svc, b, path, &form).await
}

async fn add<S, B>(svc: &S, admin: &mut Browser, domain: &str, office: &str) -> Answer
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let form = [("domain", domain), ("office", office)];
    send(svc, admin, "/staff/offices", &form).await
}

fn entries(site: &Site) -> Vec<(String, String)> {
    OfficeDomain::all(&mut site.conn())
        .unwrap()
        .into_iter()
        .map(|e| (e.domain, e.office))
        .collect()
}

/// The publication entry of a comment, as JSON.
fn published_entry(site: &Site, id: i32) -> serde_json::Value {
    let rows = LedgerRow::page(&mut site.conn(), 0, 1000).unwrap();
    let row = rows
        .iter()
        .find(|r| r.comment_id == Some(id) && r.kind == "comment.published")
        .unwrap_or_else(|| panic!("no publication of {id} in the ledger"));
    serde_json::from_str(&row.payload).unwrap()
}

#[actix_web::test]
async fn an_office_comment_shows_its_badge_never_the_address_and_keeps_it() {
    let site = Site::ballots();
    let svc = app!(site);
    let pw = create_staff(&site.db, "ada", Role::Admin);
    let mut admin = signed_in(&svc, "ada", &pw).await;
    let a = add(
        &svc,
        &mut admin,
        " Lake-County.Example.ORG ",
        "Lake County Elections",
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(
        a.body.contains("lake-county.example.org added to the list"),
        "{}",
        a.body
    );
    assert_eq!(
        entries(&site),
        vec![(
            "lake-county.example.org".to_string(),
            "Lake County Elections".to_string()
        )]
    );

    let office = comment_and_verify(
        &svc,
        &site,
        "192.0.2.10",
        CLERK,
        "Seal logs need two signatures.",
    )
    .await;
    // On example.org itself, which holds the listed domain: not an office.
    let voter = comment_and_verify(
        &svc,
        &site,
        "192.0.2.11",
        VOTER,
        "Seal logs are fine as they are.",
    )
    .await;

    let mut reader = Browser::new("192.0.2.99");
    let pages = [
        "/standards/ballots/2/clauses/custody".to_string(),
        format!("/comments/{office}"),
        "/standards/ballots/2/dispositions".to_string(),
        "/api/v1/standards/ballots/versions/2/comments".to_string(),
        "/standards/ballots/2/comments.csv".to_string(),
        "/standards/ballots/2/dispositions.csv".to_string(),
        "/standards/ballots/2/comments.atom".to_string(),
    ];
    for page in &pages {
        let a = get(&svc, &mut reader, page).await;
        assert_eq!(a.status, StatusCode::OK, "{page}: {}", a.body);
        assert!(
            a.body.contains("Lake County Elections"),
            "{page}: {}",
            a.body
        );
        assert!(a.body.contains(BADGE), "{page}: {}", a.body);
        assert!(
            !a.body.contains("pat.clerk"),
            "{page} shows the address: {}",
            a.body
        );
    }
    let clause = get(&svc, &mut reader, &pages[0]).await.body;
    assert!(
        clause.contains("Election office: <bdi>Lake County Elections</bdi>"),
        "{clause}"
    );
    assert_eq!(
        clause.matches("Election office:").count(),
        1,
        "only the office's comment: {clause}"
    );
    let voter_page = get(&svc, &mut reader, &format!("/comments/{voter}"))
        .await
        .body;
    assert!(!voter_page.contains("Election office"), "{voter_page}");

    let api: serde_json::Value =
        serde_json::from_str(&get(&svc, &mut reader, &pages[3]).await.body).unwrap();
    let by_id = |id: i32| {
        api["comments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(by_id(office)["election_office"], "Lake County Elections");
    assert_eq!(by_id(office)["office_badge"], BADGE);
    assert!(by_id(voter)["election_office"].is_null());

    // The ledger records the office with the publication; old-shaped
    // entries (the voter's) lack the keys; the whole ledger checks out.
    let entry = published_entry(&site, office);
    assert_eq!(entry["office"], "Lake County Elections");
    assert_eq!(entry["office_domain"], "lake-county.example.org");
    assert!(!entry.to_string().contains("pat.clerk"));
    assert!(published_entry(&site, voter).get("office").is_none());
    assert!(ledger::verify_db(&mut site.conn()).unwrap().ok());

    // The domain is removed: the comment keeps its badge, and a comment
    // confirmed from that domain afterwards gets none.
    let id = OfficeDomain::all(&mut site.conn()).unwrap()[0].id;
    let a = send(
        &svc,
        &mut admin,
        &format!("/staff/offices/{id}/remove"),
        &[],
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(entries(&site).is_empty());
    let later =
        comment_and_verify(&svc, &site, "192.0.2.12", CLERK_2, "Also log the courier.").await;
    let page = get(&svc, &mut reader, &format!("/comments/{office}"))
        .await
        .body;
    assert!(
        page.contains("Election office: <bdi>Lake County Elections</bdi>"),
        "{page}"
    );
    assert!(page.contains(BADGE), "{page}");
    let later_page = get(&svc, &mut reader, &format!("/comments/{later}"))
        .await
        .body;
    assert!(!later_page.contains("Election office"), "{later_page}");
    assert!(ledger::verify_db(&mut site.conn()).unwrap().ok());
    let audited = count(
        &mut site.conn(),
        "audit_events WHERE action LIKE 'office_domain.%'",
    );
    assert_eq!(audited, 2, "the addition and the removal are audited");
}

#[actix_web::test]
async fn changing_the_office_on_a_comment_row_is_caught_by_verify() {
    let site = Site::ballots();
    let svc = app!(site);
    let pw = create_staff(&site.db, "ada", Role::Admin);
    let mut admin = signed_in(&svc, "ada", &pw).await;
    add(
        &svc,
        &mut admin,
        "lake-county.example.org",
        "Lake County Elections",
    )
    .await;
    let office = comment_and_verify(
        &svc,
        &site,
        "192.0.2.10",
        CLERK,
        "Seal logs need two signatures.",
    )
    .await;
    let voter = comment_and_verify(&svc, &site, "192.0.2.11", VOTER, "Seal logs are fine.").await;
    assert!(ledger::verify_db(&mut site.conn()).unwrap().ok());

    // A badge taken away, and one given, behind the ledger's back.
    for (id, office_name) in [(office, None), (voter, Some("Forged Office"))] {
        let mut conn = site.conn();
        let before = comments::table
            .find(id)
            .select(comments::office_name)
            .first::<Option<String>>(&mut conn)
            .unwrap();
        diesel::update(comments::table.find(id))
            .set(comments::office_name.eq(office_name))
            .execute(&mut conn)
            .unwrap();
        let report = ledger::verify_db(&mut conn).unwrap();
        let broken = report.broken.expect("the change is caught");
        assert!(broken.reason.contains("office"), "{broken:?}");
        diesel::update(comments::table.find(id))
            .set(comments::office_name.eq(before))
            .execute(&mut conn)
            .unwrap();
    }
    assert!(ledger::verify_db(&mut site.conn()).unwrap().ok());
}

#[actix_web::test]
async fn the_workspace_the_report_and_the_api_filter_and_count_offices() {
    let site = Site::ballots();
    let svc = app!(site);
    let pw = create_staff(&site.db, "ada", Role::Admin);
    let mut admin = signed_in(&svc, "ada", &pw).await;
    add(
        &svc,
        &mut admin,
        "lake-county.example.org",
        "Lake County Elections",
    )
    .await;
    add(&svc, &mut admin, ".gov", "U.S. government office").await;
    comment_and_verify(&svc, &site, "192.0.2.10", CLERK, "Office comment one.").await;
    comment_and_verify(&svc, &site, "192.0.2.11", FEDERAL, "Office comment two.").await;
    comment_and_verify(&svc, &site, "192.0.2.12", VOTER, "A voter's comment.").await;

    // The workspace (an admin may use it).
    let ws = "/editor/standards/ballots/2/feedback";
    let all = get(&svc, &mut admin, ws).await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.body);
    assert!(
        all.body.contains(">2 from election offices</a>"),
        "{}",
        all.body
    );
    assert!(all.body.contains("A voter"), "{}", all.body);
    let only = get(&svc, &mut admin, &format!("{ws}?office=yes"))
        .await
        .body;
    assert!(
        only.contains("Office comment one") && only.contains("Office comment two"),
        "{only}"
    );
    assert!(!only.contains("A voter"), "{only}");
    assert!(only.contains("U.S. government office"), "{only}");
    assert!(
        only.contains("address confirmed on elections.example.gov"),
        "{only}"
    );
    let none = get(&svc, &mut admin, &format!("{ws}?office=no")).await.body;
    assert!(
        none.contains("A voter") && !none.contains("Office comment one"),
        "{none}"
    );
    let bad = get(&svc, &mut admin, &format!("{ws}?office=maybe")).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.body);
    assert!(
        bad.body.contains("is not an election-office filter"),
        "{}",
        bad.body
    );

    // The disposition report, its JSON download, and the API.
    let mut reader = Browser::new("192.0.2.99");
    let report = "/standards/ballots/2/dispositions";
    let body = get(&svc, &mut reader, report).await.body;
    assert!(body.contains("2 from election offices"), "{body}");
    assert!(body.contains("A voter"), "{body}");
    let only = get(&svc, &mut reader, &format!("{report}?office=yes"))
        .await
        .body;
    assert!(
        only.contains("Office comment one") && only.contains("Office comment two"),
        "{only}"
    );
    assert!(!only.contains("A voter"), "{only}");
    let json = get(&svc, &mut reader, &format!("{report}.json")).await.body;
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["from_election_offices"], 2);
    assert_eq!(json["comments"], 3);

    let api = "/api/v1/standards/ballots/versions/2/comments";
    let page: serde_json::Value =
        serde_json::from_str(&get(&svc, &mut reader, api).await.body).unwrap();
    assert_eq!(page["from_election_offices"], 2);
    assert_eq!(page["comments"].as_array().unwrap().len(), 3);
    let a = get(&svc, &mut reader, &format!("{api}?office=yes&limit=1")).await;
    let page: serde_json::Value = serde_json::from_str(&a.body).unwrap();
    let first = &page["comments"].as_array().unwrap()[0];
    assert_eq!(first["election_office"], "Lake County Elections");
    let next = page["next"].as_str().expect("a next page");
    assert!(next.ends_with("&office=yes"), "{next}");
    let next = &next[next.find("/api/").unwrap()..];
    let page: serde_json::Value =
        serde_json::from_str(&get(&svc, &mut reader, next).await.body).unwrap();
    let comments = page["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 1);
    assert_eq!(comments[0]["election_office"], "U.S. government office");
    assert!(
        page["next"].is_null(),
        "the voter's comment is not a page of its own"
    );
    let a = get(&svc, &mut reader, &format!("{api}?office=maybe")).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.body);
}

#[actix_web::test]
async fn only_admins_manage_the_list_and_bad_or_forged_requests_change_nothing() {
    let site = Site::ballots();
    let svc = app!(site);
    let admin_pw = create_staff(&site.db, "ada", Role::Admin);
    let mut admin = signed_in(&svc, "ada", &admin_pw).await;
    add(
        &svc,
        &mut admin,
        "lake-county.example.org",
        "Lake County Elections",
    )
    .await;
    let id = OfficeDomain::all(&mut site.conn()).unwrap()[0].id;
    let listed = entries(&site);
    let audit = || {
        count(
            &mut site.conn(),
            "audit_events WHERE action LIKE 'office_domain.%'",
        )
    };
    assert_eq!(audit(), 1);

    for (name, role) in [("eddie", Role::Editor), ("mona", Role::Moderator)] {
        let pw = create_staff(&site.db, name, role);
        let mut b = signed_in(&svc, name, &pw).await;
        assert_eq!(
            get(&svc, &mut b, "/staff/offices").await.status,
            StatusCode::FORBIDDEN
        );
        let a = add(&svc, &mut b, "river.example.org", "River Elections").await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{name}");
        let a = send(&svc, &mut b, &format!("/staff/offices/{id}/remove"), &[]).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{name}");
    }
    let mut anon = Browser::new("192.0.2.77");
    let a = get(&svc, &mut anon, "/staff/offices").await;
    assert_ne!(a.status, StatusCode::OK);
    assert_eq!(entries(&site), listed);

    // An admin's browser, but a forged token: refused, nothing changes.
    let forged = [
        ("csrf_token", "forged"),
        ("domain", "river.example.org"),
        ("office", "River"),
    ];
    let a = post(&svc, &mut admin, "/staff/offices", &forged).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.body);
    let a = post(
        &svc,
        &mut admin,
        &format!("/staff/offices/{id}/remove"),
        &[("csrf_token", "forged")],
    )
    .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.body);
    assert_eq!(entries(&site), listed);

    // Bad input: a clear error, what was typed kept, nothing changed.
    let a = add(&svc, &mut admin, "not a domain", "River Elections").await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(a.body.contains("is not a domain"), "{}", a.body);
    assert!(a.body.contains("value=\"River Elections\""), "{}", a.body);
    assert!(a.body.contains("value=\"not a domain\""), "{}", a.body);
    let a = add(&svc, &mut admin, "river.example.org", "  ").await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(
        a.body.contains("Enter the name of the office"),
        "{}",
        a.body
    );
    let a = add(&svc, &mut admin, "LAKE-COUNTY.example.org", "Another name").await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(a.body.contains("listed already"), "{}", a.body);
    assert_eq!(entries(&site), listed);
    assert_eq!(audit(), 1);

    // The page lists the entry with a button to remove it.
    let page = get(&svc, &mut admin, "/staff/offices").await.body;
    assert!(
        page.contains("<code>lake-county.example.org</code>"),
        "{page}"
    );
    assert!(
        page.contains(&format!("action=\"/staff/offices/{id}/remove\"")),
        "{page}"
    );
    assert!(page.contains("<label for=\"domain\">"), "{page}");
    assert_eq!(
        offices::badge("x.example.org"),
        "address confirmed on x.example.org"
    );
}

#[actix_web::test]
async fn a_comment_from_the_browser_that_confirmed_before_gets_the_badge_too() {
    let site = Site::ballots();
    let svc = app!(site);
    let pw = create_staff(&site.db, "ada", Role::Admin);
    let mut admin = signed_in(&svc, "ada", &pw).await;
    add(
        &svc,
        &mut admin,
        "lake-county.example.org",
        "Lake County Elections",
    )
    .await;
    let mut clerk = Browser::new("192.0.2.10");
    let a = submit(
        &svc,
        &mut clerk,
        CLERK,
        "First: seal logs need two signatures.",
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let link = verification_link(&site.deliver(), CLERK);
    // The link's page says how the comment will be shown, before the button.
    let page = get(&svc, &mut clerk, &link).await.body;
    let shown =
        "Election office: Lake County Elections (address confirmed on lake-county.example.org)";
    assert!(page.contains(shown), "{page}");
    assert_eq!(
        confirm(&svc, &mut clerk, &link).await.status,
        StatusCode::OK
    );
    let first = last_comment_id(&site);

    // No link this time: the browser holds the address's remembered token.
    let a = submit(&svc, &mut clerk, CLERK, "Second: also log the courier.").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let second = last_comment_id(&site);
    assert_ne!(first, second);
    assert!(
        site.comment(second).published_at.is_some(),
        "published at once"
    );
    for id in [first, second] {
        assert_eq!(
            site.comment(id).office_name.as_deref(),
            Some("Lake County Elections")
        );
        assert_eq!(
            published_entry(&site, id)["office_domain"],
            "lake-county.example.org"
        );
    }
    assert!(ledger::verify_db(&mut site.conn()).unwrap().ok());
}
