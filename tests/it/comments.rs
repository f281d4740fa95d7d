//! Public comments through the real application: the forms, every way a
//! submission is refused, verification by the emailed link, threads,
//! comment periods, comments carried forward, feeds and the API, and that
//! no public answer ever shows an email address.

use std::collections::BTreeMap;

use actix_web::cookie::Cookie;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::header::HeaderMap;
use actix_web::http::{header, StatusCode};
use actix_web::test;
use chrono::Utc;
use docket::comments::Moderation;
use docket::config::SiteConfig;
use docket::db::models::{
    Comment, CommentStatus, Commenter, NewComment, NewCommenter, Standard, Version,
};
use docket::db::{write_tx, DbConn};
use docket::mail::{MemoryTransport, SentMail};
use docket::standard::import::import_dir;

use crate::support::{count, csrf_token_in, exec, front, two_versions, Content, TestDb};

pub const EMAIL: &str = "ana.commenter@example.org";
/// Ledger entries about comments (the chain also records versions).
pub const COMMENT_ENTRIES: &str = "ledger WHERE comment_id IS NOT NULL";
pub const OTHER_EMAIL: &str = "ben.replier@example.net";

/// A database with content, and the mail it sends.
pub struct Site {
    pub db: TestDb,
    pub _content: Content,
    pub mail: MemoryTransport,
    pub config: SiteConfig,
}

impl Site {
    pub fn new(content: Content) -> Site {
        let db = TestDb::new();
        import_dir(&mut db.conn(), content.path()).unwrap();
        Site {
            db,
            _content: content,
            mail: MemoryTransport::new(),
            config: crate::support::site_config(),
        }
    }

    /// The two-version fixture: ballots 1 (closed) and 2 (open).
    pub fn ballots() -> Site {
        Site::new(two_versions())
    }

    pub fn with_moderation(mut self, m: Moderation) -> Site {
        self.config.moderation = m;
        self
    }

    /// Send what the outbox holds and return it.
    pub fn deliver(&self) -> Vec<SentMail> {
        docket::mail::drain_once(&self.db.pool, &self.mail).unwrap();
        self.mail.take()
    }

    pub fn conn(&self) -> docket::db::PooledConn {
        self.db.conn()
    }

    pub fn comment(&self, id: i32) -> Comment {
        Comment::find(&mut self.conn(), id).unwrap()
    }

    pub fn version(&self, slug: &str, label: &str) -> Version {
        let mut conn = self.conn();
        let s = Standard::by_slug(&mut conn, slug).unwrap();
        Version::by_label(&mut conn, s.id, label).unwrap()
    }
}

macro_rules! app {
    ($site:expr) => {
        actix_web::test::init_service(docket::web::app(docket::web::AppState::new(
            $site.db.pool.clone(),
            $site.config.clone(),
        )))
        .await
    };
}
pub(crate) use app;

/// A browser: its cookies and its address.
pub struct Browser {
    pub addr: String,
    cookies: BTreeMap<String, Cookie<'static>>,
}

impl Browser {
    pub fn new(addr: &str) -> Browser {
        Browser {
            addr: format!("{addr}:40000"),
            cookies: BTreeMap::new(),
        }
    }

    fn prepare(&self, mut req: test::TestRequest) -> test::TestRequest {
        req = req.peer_addr(self.addr.parse().unwrap());
        for c in self.cookies.values() {
            req = req.cookie(c.clone());
        }
        req
    }

    fn keep<B>(&mut self, resp: &ServiceResponse<B>) {
        for c in resp.response().cookies() {
            if c.value().is_empty() {
                self.cookies.remove(c.name());
            } else {
                self.cookies.insert(
                    c.name().to_string(),
                    Cookie::new(c.name().to_string(), c.value().to_string()),
                );
            }
        }
    }

    pub fn has_cookie(&self, name: &str) -> bool {
        self.cookies.contains_key(name)
    }
}

/// What came back.
pub struct Answer {
    pub status: StatusCode,
    pub body: String,
    pub headers: HeaderMap,
}

pub async fn call<S, B>(svc: &S, b: &mut Browser, req: test::TestRequest) -> Answer
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let resp = test::call_service(svc, b.prepare(req).to_request()).await;
    b.keep(&resp);
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = test::read_body(resp).await;
    Answer {
        status,
        body: String::from_utf8(body.to_vec()).unwrap(),
        headers,
    }
}

pub async fn get<S, B>(svc: &S, b: &mut Browser, uri: &str) -> Answer
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    call(svc, b, test::TestRequest::get().uri(uri)).await
}

pub async fn post<S, B>(svc: &S, b: &mut Browser, uri: &str, form: &[(&str, &str)]) -> Answer
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    call(
        svc,
        b,
        test::TestRequest::post().uri(uri).set_form(form.to_vec()),
    )
    .await
}

/// Follow a 303 answer to where it leads, as a browser does; any other
/// answer is returned as it is.
pub async fn follow<S, B>(svc: &S, b: &mut Browser, a: Answer) -> Answer
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    if a.status != StatusCode::SEE_OTHER {
        return a;
    }
    let to = a
        .headers
        .get(header::LOCATION)
        .expect("a 303 names where to go")
        .to_str()
        .unwrap()
        .to_string();
    get(svc, b, &to).await
}

/// Send a comment form as a browser does: a stored comment answers 303 to
/// its receipt page, which is followed.
pub async fn send_form<S, B>(svc: &S, b: &mut Browser, uri: &str, form: &[(&str, &str)]) -> Answer
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let a = post(svc, b, uri, form).await;
    if a.status.is_success() {
        panic!("a stored comment answers 303, not {}: {}", a.status, a.body);
    }
    follow(svc, b, a).await
}

/// Open a confirmation link as its owner does: the link shows a page with a
/// button (and changes nothing); pressing the button confirms. Returns the
/// answer to the button, or the link's page if it has no button.
pub async fn confirm<S, B>(svc: &S, b: &mut Browser, link: &str) -> Answer
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let page = get(svc, b, link).await;
    if page.status != StatusCode::OK {
        return page;
    }
    assert!(
        page.body
            .contains(&format!("<form method=\"post\" action=\"{link}\">")),
        "the link's page has a form that posts to it: {}",
        page.body
    );
    let token = csrf_token_in(&page.body);
    post(svc, b, link, &[("csrf_token", token.as_str())]).await
}

/// A complete, valid comment form.
pub fn fields<'a>(csrf: &'a str, email: &'a str, body: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", "Ana Example"),
        ("email", email),
        ("organization", "County Clerks' Association"),
        ("kind", "technical"),
        ("body", body),
        ("proposed_text", ""),
        ("csrf_token", csrf),
        ("website", ""),
    ]
}

/// Replace (or add) one field.
pub fn with<'a>(
    mut form: Vec<(&'a str, &'a str)>,
    name: &'a str,
    value: &'a str,
) -> Vec<(&'a str, &'a str)> {
    form.retain(|(n, _)| *n != name);
    form.push((name, value));
    form
}

/// Open a form page and return its CSRF token.
pub async fn open_form<S, B>(svc: &S, b: &mut Browser, uri: &str) -> String
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let a = get(svc, b, uri).await;
    assert_eq!(a.status, StatusCode::OK, "{uri}: {}", a.body);
    csrf_token_in(&a.body)
}

pub const CUSTODY_FORM: &str = "/standards/ballots/2/clauses/custody/comments/new";
pub const CUSTODY_POST: &str = "/standards/ballots/2/clauses/custody/comments";
pub const CUSTODY_PAGE: &str = "/standards/ballots/2/clauses/custody";

/// Submit a comment on ballots 2, clause `custody`, from `b`, and follow
/// the answer to the receipt page.
pub async fn submit<S, B>(svc: &S, b: &mut Browser, email: &str, body: &str) -> Answer
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let token = open_form(svc, b, CUSTODY_FORM).await;
    send_form(svc, b, CUSTODY_POST, &fields(&token, email, body)).await
}

/// The path of the first link in `text` that starts with `base + prefix`.
pub fn link_in(text: &str, prefix: &str) -> String {
    let base = SiteConfig::default().base_url;
    let start = text
        .find(&format!("{base}{prefix}"))
        .unwrap_or_else(|| panic!("no {prefix} link in:\n{text}"));
    let rest = &text[start + base.len()..];
    let end = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
    rest[..end].to_string()
}

/// The one verification mail to `to` among `mails`, and its link.
pub fn verification_link(mails: &[SentMail], to: &str) -> String {
    let found: Vec<&SentMail> = mails
        .iter()
        .filter(|m| m.to == to && m.subject.starts_with("Confirm your comment"))
        .collect();
    assert_eq!(found.len(), 1, "one verification mail to {to}: {mails:#?}");
    link_in(&found[0].text, "/verify/")
}

/// The newest comment's id.
pub fn last_comment_id(site: &Site) -> i32 {
    use diesel::prelude::*;
    use docket::db::schema::comments;
    comments::table
        .select(diesel::dsl::max(comments::id))
        .first::<Option<i32>>(&mut site.conn())
        .unwrap()
        .expect("a comment")
}

/// Submit from a fresh browser at `addr`, open the emailed link and press
/// its button; returns the comment id.
pub async fn comment_and_verify<S, B>(
    svc: &S,
    site: &Site,
    addr: &str,
    email: &str,
    body: &str,
) -> i32
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let mut b = Browser::new(addr);
    let a = submit(svc, &mut b, email, body).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let link = verification_link(&site.deliver(), email);
    let a = confirm(svc, &mut b, &link).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    last_comment_id(site)
}

/// Store a published comment directly (for fixtures the forms cannot
/// make, such as comments on a version whose window has closed).
pub fn seed_comment(
    conn: &mut DbConn,
    version_id: i32,
    clause_key: Option<&str>,
    parent: Option<&Comment>,
    author: &str,
    body: &str,
) -> Comment {
    let now = Utc::now().naive_utc();
    write_tx(conn, |conn| {
        let email = format!(
            "{}@seed.example.org",
            author.to_lowercase().replace(' ', ".")
        );
        let commenter = match Commenter::by_email(conn, &email)? {
            Some(c) => c,
            None => Commenter::insert(
                conn,
                &NewCommenter {
                    email: &email,
                    display_name: author,
                    organization: None,
                    unsubscribe_token: &docket::comments::random_hex(8),
                    created_at: now,
                },
            )?,
        };
        let html = docket::comments::SafeHtml::from_markdown(body);
        let tracking = format!("SEED-{}", docket::comments::random_code(8));
        Comment::insert(
            conn,
            &NewComment {
                version_id,
                clause_key,
                parent_id: parent.map(|p| p.id),
                depth: parent.map_or(0, |p| p.depth + 1),
                kind: "general",
                body_md: body,
                body_html: html.as_str(),
                proposed_text: None,
                quoted_text: None,
                commenter_id: commenter.id,
                status: "published",
                tracking_number: &tracking,
                created_at: now,
                published_at: Some(now),
                author_name: &commenter.display_name,
                author_organization: commenter.organization.as_deref(),
                submission_key: None,
                proposed_html: None,
                lang: "en",
            },
            parent.map(|p| p.path.as_str()),
        )
    })
    .unwrap()
}

#[actix_web::test]
async fn the_form_has_the_documented_fields_and_a_hidden_honeypot() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.1");
    let a = get(&svc, &mut b, CUSTODY_FORM).await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(
        a.headers.get(header::CACHE_CONTROL).unwrap(),
        "no-store",
        "the form embeds a per-browser token"
    );
    let html = &a.body;
    assert_eq!(html.matches("<h1").count(), 1);
    assert!(
        html.contains("<h1>Comment on clause 1.2 (Chain of custody)</h1>"),
        "{html}"
    );
    for field in [
        "name",
        "email",
        "organization",
        "kind",
        "body",
        "proposed_text",
        "csrf_token",
        "website",
    ] {
        assert!(
            html.contains(&format!("name=\"{field}\"")),
            "field {field} missing: {html}"
        );
    }
    for kind in ["general", "technical", "editorial"] {
        assert!(html.contains(&format!("value=\"{kind}\"")), "{kind}");
    }
    // Every visible field has a label.
    for id in [
        "f-name",
        "f-email",
        "f-organization",
        "f-body",
        "f-proposed_text",
    ] {
        assert!(
            html.contains(&format!("<label for=\"{id}\"")),
            "label for {id}"
        );
    }
    // The honeypot is hidden from people and screen readers and skipped by Tab.
    let hp = &html[html.find("class=\"hp\"").expect("honeypot block")..];
    let hp = &hp[..hp.find("</div>").unwrap()];
    assert!(hp.contains("aria-hidden=\"true\""), "{hp}");
    assert!(hp.contains("name=\"website\""), "{hp}");
    assert!(hp.contains("tabindex=\"-1\""), "{hp}");
    assert!(hp.contains("autocomplete=\"off\""), "{hp}");
    let css = get(&svc, &mut b, "/static/style.css").await.body;
    assert!(
        css.contains(".hp {"),
        "the honeypot is moved off screen by the stylesheet"
    );
    // The clause's text is there to comment on.
    assert!(html.contains("with two signatures"));
}

#[actix_web::test]
async fn a_comment_stays_invisible_until_its_author_opens_the_emailed_link() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.1");
    let body = "Two signatures per hand-off doubles the work at small precincts.";
    let a = submit(&svc, &mut b, EMAIL, body).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(a.body.contains("<h1>Check your email</h1>"), "{}", a.body);
    assert!(a.body.contains("not yet public"), "{}", a.body);

    let id = last_comment_id(&site);
    let c = site.comment(id);
    assert_eq!(c.status(), CommentStatus::Unverified);
    assert_eq!(c.clause_key.as_deref(), Some("custody"));
    assert_eq!(c.kind, "technical");
    assert!(
        c.tracking_number.starts_with("B2-0001-"),
        "{}",
        c.tracking_number
    );

    // Invisible everywhere while unverified.
    let mut reader = Browser::new("192.0.2.200");
    for uri in [
        CUSTODY_PAGE,
        "/standards/ballots/2",
        "/standards/ballots/2/comments.atom",
        "/api/v1/standards/ballots/versions/2/comments",
    ] {
        let page = get(&svc, &mut reader, uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        assert!(
            !page.body.contains("doubles the work"),
            "{uri} shows an unverified comment"
        );
    }
    assert_eq!(
        get(&svc, &mut reader, &format!("/comments/{id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(count(&mut site.conn(), COMMENT_ENTRIES), 0);

    // The mail has the link; opening it publishes the comment.
    let mails = site.deliver();
    assert_eq!(mails.len(), 1, "{mails:#?}");
    assert!(
        mails[0].text.contains("doubles the work"),
        "the mail quotes the comment"
    );
    let link = verification_link(&mails, EMAIL);
    let a = confirm(&svc, &mut b, &link).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(
        a.body.contains("<h1>Your comment is published</h1>"),
        "{}",
        a.body
    );
    let c = site.comment(id);
    assert_eq!(c.status(), CommentStatus::Published);
    assert!(
        a.body.contains(&c.tracking_number),
        "the page shows the tracking number"
    );
    assert!(b.has_cookie(docket::web::comments::REMEMBER_COOKIE));

    // A receipt with the tracking number.
    let mails = site.deliver();
    assert_eq!(mails.len(), 1, "{mails:#?}");
    assert_eq!(mails[0].to, EMAIL);
    assert!(mails[0].subject.contains(&c.tracking_number));
    assert!(mails[0].text.contains(&c.tracking_number));
    assert!(mails[0].text.contains(&format!("/comments/{id}")));

    // Now public, with the author's name and organisation, in the clause's thread.
    let page = get(&svc, &mut reader, CUSTODY_PAGE).await.body;
    assert!(page.contains("doubles the work"), "{page}");
    assert!(page.contains("Ana Example"));
    assert!(
        page.contains("County Clerks&#39; Association")
            || page.contains("County Clerks' Association"),
        "{page}"
    );
    assert!(page.contains(&c.tracking_number));
    assert_eq!(page.matches("<h1").count(), 1);
    let page = get(&svc, &mut reader, &format!("/comments/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("doubles the work"));
    assert_eq!(count(&mut site.conn(), COMMENT_ENTRIES), 1);
}

#[actix_web::test]
async fn the_version_page_links_each_clause_to_its_form_and_counts_comments() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut reader = Browser::new("192.0.2.200");
    let page = get(&svc, &mut reader, "/standards/ballots/2").await.body;
    assert!(
        page.contains("href=\"/standards/ballots/2/clauses/custody/comments/new\" aria-label=\"Comment on 1.2: Chain of custody\">Comment on 1.2</a>"),
        "{page}"
    );
    assert!(
        page.contains("href=\"/standards/ballots/2/comments/new\""),
        "whole-version comments"
    );
    assert!(
        page.contains("No comments yet<span class=\"sr-only\"> on clause 1.2</span>"),
        "{page}"
    );

    comment_and_verify(&svc, &site, "192.0.2.1", EMAIL, "First.").await;
    let page = get(&svc, &mut reader, "/standards/ballots/2").await.body;
    assert!(
        page.contains("1 comment<span class=\"sr-only\"> on clause 1.2</span>"),
        "{page}"
    );

    // A closed version has no comment links.
    let page = get(&svc, &mut reader, "/standards/ballots/1").await.body;
    assert!(!page.contains("/comments/new"), "{page}");
}

#[actix_web::test]
async fn whole_version_comments_are_shown_on_the_version_page() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.1");
    let token = open_form(&svc, &mut b, "/standards/ballots/2/comments/new").await;
    let form = fields(&token, EMAIL, "The whole draft reads well.");
    let a = send_form(&svc, &mut b, "/standards/ballots/2/comments", &form).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let link = verification_link(&site.deliver(), EMAIL);
    assert_eq!(confirm(&svc, &mut b, &link).await.status, StatusCode::OK);
    let c = site.comment(last_comment_id(&site));
    assert_eq!(c.clause_key, None);
    let page = get(&svc, &mut b, "/standards/ballots/2").await.body;
    let section = &page[page.find("Comments on the whole version").unwrap()..];
    assert!(section.contains("The whole draft reads well."), "{page}");

    // Replacement text is for clauses only.
    let token = open_form(&svc, &mut b, "/standards/ballots/2/comments/new").await;
    let form = with(fields(&token, EMAIL, "Again."), "proposed_text", "New text");
    let a = post(&svc, &mut b, "/standards/ballots/2/comments", &form).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(
        a.body.contains("only in a comment on a clause"),
        "{}",
        a.body
    );
}

#[actix_web::test]
async fn a_closed_comment_period_refuses_the_form_and_stores_nothing() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.1");
    // Version 1's window closed in 2025.
    let a = get(
        &svc,
        &mut b,
        "/standards/ballots/1/clauses/custody/comments/new",
    )
    .await;
    assert_eq!(a.status, StatusCode::CONFLICT);
    assert!(
        a.body.contains("<h1>Comments are closed</h1>"),
        "{}",
        a.body
    );
    assert!(a.body.contains("nothing was saved"));
    // The window is given in the standard's time zone.
    assert!(a.body.contains("CST"), "{}", a.body);

    // A submission anyway (with a good token from an open form) is refused too.
    let token = open_form(&svc, &mut b, CUSTODY_FORM).await;
    let a = post(
        &svc,
        &mut b,
        "/standards/ballots/1/clauses/custody/comments",
        &fields(&token, EMAIL, "Late."),
    )
    .await;
    assert_eq!(a.status, StatusCode::CONFLICT);
    assert!(a.body.contains("not open for comment"), "{}", a.body);
    let mut conn = site.conn();
    assert_eq!(count(&mut conn, "comments"), 0);
    assert_eq!(count(&mut conn, "commenters"), 0);
    assert_eq!(count(&mut conn, "outbox"), 0);

    // Closing the window of version 2 closes its forms at once.
    exec(
        &mut conn,
        "UPDATE versions SET comment_closes = '2020-01-01 00:00:00'",
    );
    drop(conn);
    let a = post(&svc, &mut b, CUSTODY_POST, &fields(&token, EMAIL, "Late.")).await;
    assert_eq!(a.status, StatusCode::CONFLICT);
    assert_eq!(count(&mut site.conn(), "comments"), 0);
}

#[actix_web::test]
async fn a_missing_or_wrong_csrf_token_is_refused_and_stores_nothing() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.1");
    let token = open_form(&svc, &mut b, CUSTODY_FORM).await;

    let missing: Vec<_> = fields(&token, EMAIL, "Hello")
        .into_iter()
        .filter(|(n, _)| *n != "csrf_token")
        .collect();
    let a = post(&svc, &mut b, CUSTODY_POST, &missing).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    assert!(a.body.contains("nothing was saved"), "{}", a.body);

    let wrong = with(
        fields(&token, EMAIL, "Hello"),
        "csrf_token",
        "0123456789abcdef",
    );
    let a = post(&svc, &mut b, CUSTODY_POST, &wrong).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);

    // The right token from another browser (no cookie) is no good either.
    let mut stranger = Browser::new("192.0.2.2");
    let a = post(
        &svc,
        &mut stranger,
        CUSTODY_POST,
        &fields(&token, EMAIL, "Hello"),
    )
    .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);

    // Replies and flags check it too.
    let id = comment_and_verify(&svc, &site, "192.0.2.3", OTHER_EMAIL, "Root").await;
    site.deliver();
    let a = post(
        &svc,
        &mut b,
        &format!("/comments/{id}/replies"),
        &with(fields(&token, EMAIL, "R"), "csrf_token", ""),
    )
    .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    let a = post(
        &svc,
        &mut b,
        &format!("/comments/{id}/flag"),
        &[("reason", "x")],
    )
    .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);

    let mut conn = site.conn();
    assert_eq!(count(&mut conn, "comments"), 1);
    assert_eq!(count(&mut conn, "comment_flags"), 0);
    assert!(site.deliver().is_empty());
}

#[actix_web::test]
async fn a_filled_honeypot_is_refused_without_saying_why_and_stores_nothing() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.1");
    let token = open_form(&svc, &mut b, CUSTODY_FORM).await;
    let form = with(
        fields(&token, EMAIL, "Buy now"),
        "website",
        "http://spam.example",
    );
    let a = post(&svc, &mut b, CUSTODY_POST, &form).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(a.body.contains("could not be accepted"), "{}", a.body);
    assert!(!a.body.to_lowercase().contains("honeypot"));
    assert!(!a.body.contains("website"));
    let mut conn = site.conn();
    assert_eq!(count(&mut conn, "comments"), 0);
    assert_eq!(count(&mut conn, "commenters"), 0);
    assert_eq!(count(&mut conn, "outbox"), 0);
}

#[actix_web::test]
async fn an_oversized_comment_is_a_clear_400_that_keeps_the_text() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.1");
    let token = open_form(&svc, &mut b, CUSTODY_FORM).await;
    let long = format!("{}END", "word ".repeat(2_000));
    let a = post(&svc, &mut b, CUSTODY_POST, &fields(&token, EMAIL, &long)).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(
        a.body
            .contains("Your comment is 10003 characters long; the limit is 10000"),
        "{}",
        a.body
    );
    assert!(a.body.contains("Nothing was saved"));
    assert!(
        a.body.contains("word word word") && a.body.contains("END</textarea>"),
        "the text is kept in the form"
    );
    assert!(a.body.contains("aria-invalid=\"true\""));
    assert!(
        a.body.contains("href=\"#f-body\""),
        "the error summary links to the field"
    );
    assert_eq!(count(&mut site.conn(), "comments"), 0);

    // Beyond the request size limit: 413, nothing stored.
    let huge = "x".repeat(docket::web::security::BODY_LIMIT + 1);
    let a = post(&svc, &mut b, CUSTODY_POST, &fields(&token, EMAIL, &huge)).await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(count(&mut site.conn(), "comments"), 0);
    assert_eq!(count(&mut site.conn(), "outbox"), 0);
}

#[actix_web::test]
async fn each_invalid_field_is_named_and_nothing_is_stored() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.1");
    let token = open_form(&svc, &mut b, CUSTODY_FORM).await;
    let form = with(
        with(
            with(fields(&token, "not-an-address", ""), "kind", "rant"),
            "name",
            "",
        ),
        "organization",
        "Org",
    );
    let a = post(&svc, &mut b, CUSTODY_POST, &form).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    for msg in [
        "Enter the name to show with your comment.",
        "Enter an email address in the form name@example.org.",
        "Choose the type of comment",
        "Write your comment.",
    ] {
        assert!(a.body.contains(msg), "{msg}: {}", a.body);
    }
    assert!(a.body.contains("these 4 problems"), "{}", a.body);
    assert!(
        a.body.contains("<title>Error: "),
        "the title says there is an error"
    );
    let mut conn = site.conn();
    assert_eq!(count(&mut conn, "comments"), 0);
    assert_eq!(count(&mut conn, "commenters"), 0);
}

#[actix_web::test]
async fn script_and_html_in_a_comment_are_shown_inert() {
    let site = Site::ballots();
    let svc = app!(site);
    let body = "<script>alert('x')</script>\n\n<img src=x onerror=alert(1)> <b onclick=\"evil()\">bold?</b>\n\n\
                [click](javascript:alert(1)) and [a real link](https://example.org/page) and ![pic](https://tracker.example/p.png)\n\n# Big heading";
    let id = comment_and_verify(&svc, &site, "192.0.2.1", EMAIL, body).await;
    let mut reader = Browser::new("192.0.2.200");
    for uri in [CUSTODY_PAGE.to_string(), format!("/comments/{id}")] {
        let page = get(&svc, &mut reader, &uri).await;
        let html = &page.body;
        assert!(!html.contains("<script"), "{uri}: {html}");
        assert!(
            html.contains("&lt;script&gt;alert("),
            "{uri}: shown as text: {html}"
        );
        assert!(!html.contains("<img"), "{uri}");
        assert!(!html.contains("<b onclick"), "{uri}");
        assert!(html.contains("&lt;b onclick="), "{uri}");
        assert!(!html.contains("javascript:"), "{uri}");
        assert!(
            html.contains("<a href=\"https://example.org/page\" rel=\"nofollow ugc noopener\">a real link</a>"),
            "{uri}: {html}"
        );
        assert!(
            html.contains("<h4>Big heading</h4>"),
            "{uri}: headings stay below the page's own"
        );
        assert_eq!(html.matches("<h1").count(), 1, "{uri}");
    }
    let api = get(
        &svc,
        &mut reader,
        "/api/v1/standards/ballots/versions/2/comments",
    )
    .await
    .body;
    let json: serde_json::Value = serde_json::from_str(&api).unwrap();
    let html = json["comments"][0]["body_html"].as_str().unwrap();
    assert!(
        !html.contains("<script") && !html.contains("<img"),
        "{html}"
    );
    // The Markdown source is data, as written.
    assert!(json["comments"][0]["body_markdown"]
        .as_str()
        .unwrap()
        .starts_with("<script>"));
}

#[actix_web::test]
async fn expired_reused_and_unknown_links_change_nothing() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.1");
    submit(&svc, &mut b, EMAIL, "Kept until verified.").await;
    let id = last_comment_id(&site);
    let link = verification_link(&site.deliver(), EMAIL);

    // Expired: the link's expiry is moved into the past.
    exec(
        &mut site.conn(),
        "UPDATE verification_tokens SET expires_at = '2001-01-01 00:00:00'",
    );
    let a = confirm(&svc, &mut b, &link).await;
    assert_eq!(a.status, StatusCode::GONE);
    assert!(
        a.body.contains("<h1>This link has expired</h1>"),
        "{}",
        a.body
    );
    assert!(a.body.contains("Nothing was changed"));
    assert_eq!(site.comment(id).status(), CommentStatus::Unverified);
    assert_eq!(count(&mut site.conn(), COMMENT_ENTRIES), 0);
    assert!(site.deliver().is_empty());

    // It can be renewed once: a new link by mail.
    let token = csrf_token_in(&a.body);
    let a = post(
        &svc,
        &mut b,
        &format!("{link}/renew"),
        &[("csrf_token", token.as_str())],
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let fresh = verification_link(&site.deliver(), EMAIL);
    assert_ne!(fresh, link);
    let a = post(
        &svc,
        &mut b,
        &format!("{link}/renew"),
        &[("csrf_token", token.as_str())],
    )
    .await;
    assert_eq!(a.status, StatusCode::GONE, "an expired link renews once");
    assert!(site.deliver().is_empty());

    let a = confirm(&svc, &mut b, &fresh).await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(site.comment(id).status(), CommentStatus::Published);
    site.deliver();

    // Reused: nothing changes, nothing is sent, whether opened or posted.
    let a = get(&svc, &mut b, &fresh).await;
    assert_eq!(a.status, StatusCode::GONE);
    assert!(
        a.body.contains("<h1>This link was already used</h1>"),
        "{}",
        a.body
    );
    let a = post(&svc, &mut b, &fresh, &[("csrf_token", token.as_str())]).await;
    assert_eq!(a.status, StatusCode::GONE);
    assert!(
        a.body.contains("<h1>This link was already used</h1>"),
        "{}",
        a.body
    );
    assert_eq!(count(&mut site.conn(), COMMENT_ENTRIES), 1);
    assert!(site.deliver().is_empty());

    // Unknown or malformed.
    for bad in ["/verify/00ff", "/verify/not-hex-at-all"] {
        let a = get(&svc, &mut b, bad).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND, "{bad}");
        assert!(a.body.contains("This link is not valid"));
    }
}

#[actix_web::test]
async fn a_remembered_browser_skips_the_link_but_the_address_alone_does_not() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.1");
    submit(&svc, &mut b, EMAIL, "First.").await;
    let link = verification_link(&site.deliver(), EMAIL);
    confirm(&svc, &mut b, &link).await;
    site.deliver();

    // Same browser, same address: published at once, with a receipt.
    let a = submit(&svc, &mut b, EMAIL, "Second, from the same browser.").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(
        a.body.contains("<h1>Your comment is published</h1>"),
        "{}",
        a.body
    );
    assert_eq!(
        site.comment(last_comment_id(&site)).status(),
        CommentStatus::Published
    );
    let mails = site.deliver();
    assert_eq!(mails.len(), 1);
    assert!(mails[0].subject.contains("is published"));

    // Someone else typing the same address must verify it.
    let mut other = Browser::new("192.0.2.9");
    let a = submit(&svc, &mut other, EMAIL, "Pretending to be Ana.").await;
    assert!(a.body.contains("<h1>Check your email</h1>"), "{}", a.body);
    assert_eq!(
        site.comment(last_comment_id(&site)).status(),
        CommentStatus::Unverified
    );
    verification_link(&site.deliver(), EMAIL);
}

#[actix_web::test]
async fn replies_nest_under_their_parent_and_notify_its_author() {
    let site = Site::ballots();
    let svc = app!(site);
    let root = comment_and_verify(&svc, &site, "192.0.2.1", EMAIL, "Root comment.").await;
    site.deliver();

    let mut b = Browser::new("192.0.2.2");
    let a = get(&svc, &mut b, &format!("/comments/{root}/replies/new")).await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(
        a.body.contains("Root comment."),
        "the reply form shows what is answered"
    );
    assert!(
        !a.body.contains("name=\"proposed_text\""),
        "no replacement text in replies"
    );
    let token = csrf_token_in(&a.body);
    let form = with(
        fields(&token, OTHER_EMAIL, "I disagree with the root."),
        "name",
        "Ben Replier",
    );
    let a = send_form(&svc, &mut b, &format!("/comments/{root}/replies"), &form).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let link = verification_link(&site.deliver(), OTHER_EMAIL);
    confirm(&svc, &mut b, &link).await;
    let reply = last_comment_id(&site);
    let r = site.comment(reply);
    assert_eq!(r.parent_id, Some(root));
    assert_eq!(r.depth, 1);
    assert_eq!(
        r.clause_key.as_deref(),
        Some("custody"),
        "a reply is on its parent's clause"
    );
    assert!(r.path.starts_with(&site.comment(root).path));

    // The root's author is told, with a way to stop these notices.
    let mails = site.deliver();
    let notice = mails
        .iter()
        .find(|m| m.to == EMAIL)
        .expect("reply notice to the root's author");
    assert!(
        notice.subject.contains("Ben Replier replied"),
        "{}",
        notice.subject
    );
    assert!(notice.text.contains(&format!("/comments/{reply}")));
    let unsubscribe = link_in(&notice.text, "/unsubscribe/");
    assert!(notice
        .headers
        .get("List-Unsubscribe")
        .unwrap()
        .contains(&unsubscribe));
    assert!(mails
        .iter()
        .any(|m| m.to == OTHER_EMAIL && m.subject.contains("is published")));

    // Nested in the thread.
    let page = get(&svc, &mut b, CUSTODY_PAGE).await.body;
    let root_at = page.find(&format!("id=\"comment-{root}\"")).unwrap();
    let nested_at = page.find("<ol class=\"replies\">").expect("a nested list");
    let reply_at = page.find(&format!("id=\"comment-{reply}\"")).unwrap();
    assert!(root_at < nested_at && nested_at < reply_at, "{page}");
    assert!(
        page.contains(&format!(
            "in reply to <a href=\"/comments/{root}\"><bdi>Ana Example</bdi></a>"
        )),
        "{page}"
    );

    // Unsubscribing stops further notices.
    let a = get(&svc, &mut b, &unsubscribe).await;
    assert_eq!(a.status, StatusCode::OK);
    let token = csrf_token_in(&a.body);
    let a = post(
        &svc,
        &mut b,
        &unsubscribe,
        &[("csrf_token", token.as_str())],
    )
    .await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.body.contains("Reply notices stopped"));
    let mut c = Browser::new("192.0.2.3");
    let token = open_form(&svc, &mut c, &format!("/comments/{root}/replies/new")).await;
    let form = with(
        fields(&token, "carla@example.com", "Another reply."),
        "name",
        "Carla",
    );
    post(&svc, &mut c, &format!("/comments/{root}/replies"), &form).await;
    let link = verification_link(&site.deliver(), "carla@example.com");
    confirm(&svc, &mut c, &link).await;
    let mails = site.deliver();
    assert!(mails.iter().all(|m| m.to != EMAIL), "{mails:#?}");
}

#[actix_web::test]
async fn deep_threads_are_indented_at_most_four_levels_and_load_in_one_query() {
    let site = Site::ballots();
    let svc = app!(site);
    let v2 = site.version("ballots", "2");
    let mut conn = site.conn();
    let mut parent: Option<Comment> = None;
    let mut chain = Vec::new();
    for i in 0..7 {
        let c = seed_comment(
            &mut conn,
            v2.id,
            Some("custody"),
            parent.as_ref(),
            &format!("Person {i}"),
            &format!("Level {i} text."),
        );
        chain.push(c.id);
        parent = Some(c);
    }
    let other_root = seed_comment(
        &mut conn,
        v2.id,
        Some("custody"),
        None,
        "Person R",
        "Second root.",
    );
    seed_comment(
        &mut conn,
        v2.id,
        Some("custody"),
        Some(&other_root),
        "Person S",
        "Reply to second root.",
    );
    // A different clause's comment must not appear.
    seed_comment(
        &mut conn,
        v2.id,
        Some("seals"),
        None,
        "Person T",
        "About seals.",
    );

    // One query for the whole thread, whatever its depth.
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    let queries = Arc::new(AtomicUsize::new(0));
    let counter = queries.clone();
    diesel::connection::Connection::set_instrumentation(
        &mut *conn,
        move |event: diesel::connection::InstrumentationEvent<'_>| {
            if let diesel::connection::InstrumentationEvent::StartQuery { .. } = event {
                counter.fetch_add(1, Ordering::SeqCst);
            }
        },
    );
    let rows = Comment::thread(&mut conn, v2.id, Some("custody")).unwrap();
    assert_eq!(queries.load(Ordering::SeqCst), 1, "one query");
    let order: Vec<i32> = rows.iter().map(|(c, _)| c.id).collect();
    let mut expected = chain.clone();
    expected.push(other_root.id);
    expected.push(other_root.id + 1);
    assert_eq!(
        order, expected,
        "thread order: each comment followed by its replies"
    );
    drop(conn);

    let mut reader = Browser::new("192.0.2.200");
    let page = get(&svc, &mut reader, CUSTODY_PAGE).await.body;
    assert!(page.contains("Level 4 text."));
    assert!(
        !page.contains("Level 5 text."),
        "four levels of replies a page"
    );
    assert!(page.contains("Continue this thread"));
    assert!(!page.contains("About seals."));
    assert!(page.contains("class=\"level-4\""));
    assert!(!page.contains("class=\"level-5\""), "indentation is capped");
    assert_eq!(
        page.matches("<ol").count(),
        page.matches("</ol>").count(),
        "lists are balanced"
    );
    assert_eq!(page.matches("<li class=\"level-").count(), 7);
    assert!(page.contains("Comments on this clause (9)"));
    let deeper = get(&svc, &mut reader, &format!("/comments/{}", chain[4])).await;
    assert!(deeper.body.contains("Level 6 text."), "{}", deeper.body);
}

#[actix_web::test]
async fn the_rate_limit_answers_429_and_stores_nothing_more() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("198.51.100.4");
    let token = open_form(&svc, &mut b, CUSTODY_FORM).await;
    for i in 0..docket::web::comments::COMMENTS_PER_HOUR {
        let body = format!("Comment number {i}.");
        let a = post(&svc, &mut b, CUSTODY_POST, &fields(&token, EMAIL, &body)).await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{i}: {}", a.body);
    }
    let outbox_before = count(&mut site.conn(), "outbox");
    let a = post(
        &svc,
        &mut b,
        CUSTODY_POST,
        &fields(&token, EMAIL, "One too many."),
    )
    .await;
    assert_eq!(a.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(a.headers.get(header::RETRY_AFTER).is_some());
    assert!(a.body.contains("Too many requests"), "{}", a.body);
    let n = i64::from(docket::web::comments::COMMENTS_PER_HOUR);
    assert_eq!(count(&mut site.conn(), "comments"), n);
    // Confirmation mail to one address is limited too: beyond the first few,
    // the links wait in one gathered mail.
    let mails_per_hour = docket::comments::confirm_mail::MAILS_PER_HOUR as i64;
    assert_eq!(count(&mut site.conn(), "outbox"), mails_per_hour + 1);
    assert_eq!(
        count(&mut site.conn(), "outbox"),
        outbox_before,
        "nothing more mailed"
    );

    // Another address is not held back.
    let mut other = Browser::new("198.51.100.5");
    let a = submit(&svc, &mut other, OTHER_EMAIL, "Mine.").await;
    assert_eq!(a.status, StatusCode::OK);
}

#[actix_web::test]
async fn no_public_page_feed_or_api_answer_shows_an_email_address() {
    let site = Site::ballots();
    let svc = app!(site);
    let root = comment_and_verify(
        &svc,
        &site,
        "192.0.2.1",
        EMAIL,
        "A comment with [a link](https://example.org).",
    )
    .await;
    let mut b = Browser::new("192.0.2.2");
    let token = open_form(&svc, &mut b, &format!("/comments/{root}/replies/new")).await;
    post(
        &svc,
        &mut b,
        &format!("/comments/{root}/replies"),
        &fields(&token, OTHER_EMAIL, "A reply."),
    )
    .await;
    let link = verification_link(&site.deliver(), OTHER_EMAIL);
    confirm(&svc, &mut b, &link).await;
    let reply = last_comment_id(&site);
    // And one still unverified.
    submit(
        &svc,
        &mut b,
        "unverified.person@example.com",
        "Not yet verified.",
    )
    .await;
    let token = open_form(&svc, &mut b, "/standards/ballots/2/comments/new").await;
    post(
        &svc,
        &mut b,
        "/standards/ballots/2/comments",
        &fields(&token, EMAIL, "General."),
    )
    .await;

    let mut reader = Browser::new("192.0.2.200");
    for uri in [
        "/",
        "/standards/ballots",
        "/standards/ballots/2",
        "/standards/ballots/1",
        CUSTODY_PAGE,
        &format!("/comments/{root}"),
        &format!("/comments/{reply}"),
        &format!("/comments/{root}/replies/new"),
        CUSTODY_FORM,
        "/standards/ballots/2/comments.atom",
        "/api/v1/standards",
        "/api/v1/standards/ballots/versions/2",
        "/api/v1/standards/ballots/versions/2/comments",
        "/ledger.json",
    ] {
        let a = get(&svc, &mut reader, uri).await;
        assert_eq!(a.status, StatusCode::OK, "{uri}: {}", a.body);
        let text = a.body.to_lowercase();
        for needle in [
            EMAIL,
            OTHER_EMAIL,
            "unverified.person@",
            "ana.commenter",
            "ben.replier",
            "@example.net",
        ] {
            assert!(!text.contains(needle), "{uri} shows {needle}");
        }
    }
}

#[actix_web::test]
async fn the_feed_and_the_api_list_published_comments_in_publication_order() {
    let site = Site::ballots();
    let svc = app!(site);
    let root = comment_and_verify(&svc, &site, "192.0.2.1", EMAIL, "Root & <more>.").await;
    let mut b = Browser::new("192.0.2.2");
    let token = open_form(&svc, &mut b, &format!("/comments/{root}/replies/new")).await;
    post(
        &svc,
        &mut b,
        &format!("/comments/{root}/replies"),
        &with(fields(&token, OTHER_EMAIL, "The reply."), "name", "Ben"),
    )
    .await;
    let link = verification_link(&site.deliver(), OTHER_EMAIL);
    confirm(&svc, &mut b, &link).await;
    let reply = last_comment_id(&site);
    let root_c = site.comment(root);

    let mut reader = Browser::new("192.0.2.200");
    let feed = get(&svc, &mut reader, "/standards/ballots/2/comments.atom").await;
    assert_eq!(feed.status, StatusCode::OK);
    assert!(feed
        .headers
        .get(header::CONTENT_TYPE)
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("application/atom+xml"));
    assert!(feed.body.starts_with("<?xml"));
    assert_eq!(feed.body.matches("<entry>").count(), 2);
    assert!(
        feed.body
            .contains(&format!("<id>http://127.0.0.1:8080/comments/{root}</id>")),
        "{}",
        feed.body
    );
    assert!(
        feed.body.contains("on clause 1.2 by Ana Example"),
        "{}",
        feed.body
    );
    assert!(
        feed.body.contains("Root &amp;amp; &amp;lt;more&amp;gt;."),
        "escaped HTML in escaped XML: {}",
        feed.body
    );
    let newest = feed.body.find(&format!("/comments/{reply}</id>")).unwrap();
    let oldest = feed.body.find(&format!("/comments/{root}</id>")).unwrap();
    assert!(newest < oldest, "newest first");

    let api = get(
        &svc,
        &mut reader,
        "/api/v1/standards/ballots/versions/2/comments",
    )
    .await;
    assert_eq!(api.status, StatusCode::OK);
    let json: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    let list = json["comments"].as_array().unwrap();
    assert_eq!(
        list.len(),
        2,
        "in publication order, replies by parent_id: {json}"
    );
    assert!(json["next"].is_null());
    assert_eq!(list[0]["id"], root);
    assert_eq!(list[0]["tracking_number"], root_c.tracking_number.as_str());
    assert_eq!(list[0]["clause_key"], "custody");
    assert_eq!(list[0]["author"], "Ana Example");
    assert_eq!(list[0]["organization"], "County Clerks' Association");
    assert_eq!(list[0]["kind"], "technical");
    assert_eq!(list[0]["body_markdown"], "Root & <more>.");
    assert_eq!(list[1]["id"], reply);
    assert_eq!(list[1]["parent_id"], root);
    assert_eq!(list[1]["author"], "Ben");

    // Unknown versions are JSON 404s.
    let a = get(
        &svc,
        &mut reader,
        "/api/v1/standards/ballots/versions/9/comments",
    )
    .await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert!(a.body.starts_with('{'));
}

#[actix_web::test]
async fn proposed_text_is_shown_as_a_redline_against_the_clause() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.1");
    let token = open_form(&svc, &mut b, CUSTODY_FORM).await;
    let form = with(
        fields(&token, EMAIL, "Use one signature at small sites."),
        "proposed_text",
        "Ballots shall be logged at every hand-off, with one signature.",
    );
    post(&svc, &mut b, CUSTODY_POST, &form).await;
    let link = verification_link(&site.deliver(), EMAIL);
    confirm(&svc, &mut b, &link).await;
    let page = get(&svc, &mut b, CUSTODY_PAGE).await.body;
    assert!(page.contains("Proposed text for the clause"), "{page}");
    assert!(
        page.contains("Ballots shall be logged at every hand-off, with <del>"),
        "{page}"
    );
    assert!(page.contains("<del><span class=\"sr-only\">[deleted: </span>two signatures<span class=\"sr-only\">]</span></del>"), "{page}");
    assert!(page.contains("<ins><span class=\"sr-only\">[inserted: </span>one signature<span class=\"sr-only\">]</span></ins>"), "{page}");
}

/// A standard whose second version moves, revises, keeps and removes clauses.
fn changing_standard() -> Content {
    let c = Content::new();
    c.standard("fates", "Clause Fates");
    c.version(
        "fates",
        "1",
        &format!(
            "{}## 1 Alpha {{#alpha}}\n\nAlpha text.\n\n## 2 Beta {{#beta}}\n\nBeta text.\n\n## 3 Gamma {{#gamma}}\n\nGamma text.\n\n## 4 Delta {{#delta}}\n\nDelta text.\n\n## 5 Epsilon {{#epsilon}}\n\nEpsilon text.\n",
            front("1", "closed")
        ),
    );
    c.version(
        "fates",
        "2",
        &format!(
            "{}## 1 Beta {{#beta}}\n\nBeta text, revised.\n\n## 2 Gamma {{#gamma}}\n\nGamma text.\n\n## 3 Delta {{#delta}}\n\nDelta text.\n\n## 4 Alpha {{#alpha}}\n\nAlpha text.\n",
            front("2", "open")
        ),
    );
    c
}

#[actix_web::test]
async fn comments_on_earlier_versions_are_shown_with_their_clauses_fate() {
    let site = Site::new(changing_standard());
    let svc = app!(site);
    let v1 = site.version("fates", "1");
    let mut conn = site.conn();
    for key in ["alpha", "beta", "gamma", "epsilon"] {
        seed_comment(
            &mut conn,
            v1.id,
            Some(key),
            None,
            "Old Commenter",
            &format!("Old comment on {key}."),
        );
    }
    drop(conn);
    let mut reader = Browser::new("192.0.2.200");

    let expect = [
        ("alpha", "Moved, text unchanged, in version 2", false),
        ("beta", "Revised in version 2", true),
        ("gamma", "Unchanged in version 2", false),
    ];
    for (key, fate, linked) in expect {
        let page = get(
            &svc,
            &mut reader,
            &format!("/standards/fates/2/clauses/{key}"),
        )
        .await
        .body;
        let earlier = &page[page
            .find("Comments on earlier versions of this clause")
            .unwrap_or_else(|| panic!("{key}: {page}"))..];
        assert!(
            earlier.contains(&format!("Old comment on {key}.")),
            "{key}: {page}"
        );
        assert!(earlier.contains(fate), "{key}: {earlier}");
        assert!(
            earlier.contains("made on version 1 and stay with it"),
            "{key}"
        );
        let link = format!("href=\"/standards/fates/compare/1...2#c-{key}\"");
        assert_eq!(earlier.contains(&link), linked, "{key}: {earlier}");
        // Never part of version 2's own thread.
        let own = &page[page.find("Comments on this clause").unwrap()
            ..page.find("Comments on earlier versions").unwrap()];
        assert!(!own.contains("Old comment"), "{key}: re-attached: {own}");
        assert!(
            own.contains("No comments on this clause in version 2 yet."),
            "{key}"
        );
    }
    // Alpha is now 4: it says so.
    let page = get(&svc, &mut reader, "/standards/fates/2/clauses/alpha")
        .await
        .body;
    assert!(page.contains("Now numbered 4."), "{page}");

    // The removed clause's comments are on the version page.
    let page = get(&svc, &mut reader, "/standards/fates/2").await.body;
    let removed = &page[page
        .find("Comments on removed clauses")
        .expect("removed section")..];
    assert!(removed.contains("Old comment on epsilon."), "{removed}");
    assert!(removed.contains("Removed in version 2"), "{removed}");
    // Earlier comments are counted per clause on the version page.
    assert!(
        page.contains("1 comment on earlier versions<span class=\"sr-only\"> of clause 3</span>")
            || page.contains("1 comment on earlier versions"),
        "{page}"
    );
    // Version 1's own pages show them as its own comments.
    let page = get(&svc, &mut reader, "/standards/fates/1/clauses/beta")
        .await
        .body;
    assert!(page.contains("Old comment on beta."));
    assert!(!page.contains("Comments on earlier versions"));
}

/// Bytes that are not UTF-8 would be silently replaced by the form reader;
/// the submission is refused instead and nothing is stored. Text in any
/// script is kept exactly as written.
#[actix_web::test]
async fn a_form_that_is_not_utf8_is_refused_and_unicode_is_kept_exactly() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.90");
    let token = open_form(&svc, &mut b, CUSTODY_FORM).await;
    let before = count(&mut site.conn(), "comments");
    let body = format!(
        "name=Ana&email=ana%40example.org&kind=general&website=&csrf_token={token}&body=caf%E9+au+lait"
    );
    let a = call(
        &svc,
        &mut b,
        test::TestRequest::post()
            .uri(CUSTODY_POST)
            .insert_header((header::CONTENT_TYPE, "application/x-www-form-urlencoded"))
            .set_payload(body),
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.body);
    assert!(a.body.contains("not valid UTF-8"), "{}", a.body);
    assert!(a.body.contains("“body”"), "names the field: {}", a.body);
    assert_eq!(
        count(&mut site.conn(), "comments"),
        before,
        "nothing stored"
    );
    assert_eq!(count(&mut site.conn(), "outbox"), 0, "nothing mailed");

    let text = "Café, naïve façade — 投票所 — ✓ «guillemets» and 🗳️";
    let a = submit(&svc, &mut b, EMAIL, text).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let stored = site.comment(last_comment_id(&site));
    assert_eq!(stored.body_md, text, "stored byte for byte");
}
