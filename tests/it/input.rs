//! Hostile input to the comment form and to the standards themselves:
//! control characters, text-direction controls, long texts in scripts
//! that take several bytes a character, replies nested without end, and
//! links a standard's Markdown must not carry to a page.

use actix_web::http::StatusCode;
use docket::comments::{MAX_BODY_CHARS, MAX_PROPOSED_CHARS, MAX_REPLY_DEPTH};
use docket::standard::import::import_dir;

use crate::comments::{
    app, fields, get, last_comment_id, open_form, post, seed_comment, with, Browser, Site,
    CUSTODY_FORM, CUSTODY_POST, EMAIL,
};
use crate::support::{count, front, Content};

#[actix_web::test]
async fn control_characters_in_a_comment_are_refused_and_nothing_is_stored() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.10");
    for (field, bad) in [
        ("body", "Before\u{0}after"),
        ("body", "A bell \u{7} rings"),
        ("body", "Escape \u{1b}[31m red"),
        ("body", "Delete \u{7f} this"),
        ("proposed_text", "Ballots shall be \u{8} logged."),
    ] {
        let token = open_form(&svc, &mut b, CUSTODY_FORM).await;
        let form = with(fields(&token, EMAIL, "A fine comment."), field, bad);
        let a = post(&svc, &mut b, CUSTODY_POST, &form).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{field}: {}", a.body);
        assert!(
            a.body.contains("invisible control character (U+"),
            "{field}: {}",
            a.body
        );
        assert_eq!(count(&mut site.conn(), "comments"), 0, "{field} {bad:?}");
        assert_eq!(count(&mut site.conn(), "outbox"), 0);
    }

    // Tabs and line ends, as browsers send them (CR LF), are text.
    let token = open_form(&svc, &mut b, CUSTODY_FORM).await;
    let form = fields(&token, EMAIL, "Line one,\r\n\tindented line two.\r\n");
    let a = post(&svc, &mut b, CUSTODY_POST, &form).await;
    assert!(
        a.status.is_success() || a.status.is_redirection(),
        "{}",
        a.body
    );
    let c = site.comment(last_comment_id(&site));
    assert_eq!(c.body_md, "Line one,\n\tindented line two.");
}

#[actix_web::test]
async fn text_direction_controls_in_names_are_refused_and_names_are_isolated() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.11");
    for (field, bad) in [
        ("name", "Ana \u{202e}kcabllaw"),
        ("name", "\u{2067}Ana"),
        ("organization", "Clerks \u{202d}Office"),
        ("organization", "Clerks\u{2069}"),
    ] {
        let token = open_form(&svc, &mut b, CUSTODY_FORM).await;
        let form = with(fields(&token, EMAIL, "A fine comment."), field, bad);
        let a = post(&svc, &mut b, CUSTODY_POST, &form).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{field}: {}", a.body);
        assert!(
            a.body.contains("hidden text-direction control"),
            "{field}: {}",
            a.body
        );
        assert_eq!(count(&mut site.conn(), "comments"), 0);
    }

    // A right-to-left name is welcome, and shown isolated from the text
    // around it.
    let version = site.version("ballots", "2");
    seed_comment(
        &mut site.conn(),
        version.id,
        Some("custody"),
        None,
        "שרה לוי",
        "Two signatures are right.",
    );
    let page = get(&svc, &mut b, "/standards/ballots/2/clauses/custody").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<bdi>שרה לוי</bdi>"), "{}", page.body);
}

#[actix_web::test]
async fn every_text_within_the_character_limits_fits_the_request_limit() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.12");
    // Four bytes of UTF-8 a character, twelve once percent-encoded.
    let body: String = "𝄞".repeat(MAX_BODY_CHARS);
    let proposed: String = "選".repeat(MAX_PROPOSED_CHARS);
    let token = open_form(&svc, &mut b, CUSTODY_FORM).await;
    let form = with(
        fields(&token, EMAIL, &body),
        "proposed_text",
        proposed.as_str(),
    );
    let a = post(&svc, &mut b, CUSTODY_POST, &form).await;
    assert!(
        a.status.is_success() || a.status.is_redirection(),
        "{}: {}",
        a.status,
        &a.body[..a.body.len().min(2000)]
    );
    let c = site.comment(last_comment_id(&site));
    assert_eq!(c.body_md, body);
    assert_eq!(c.proposed_text.as_deref(), Some(proposed.as_str()));

    // 7,500 Chinese characters, the case first reported.
    let token = open_form(&svc, &mut b, CUSTODY_FORM).await;
    let chinese: String = "票".repeat(7_500);
    let form = fields(&token, "other@example.org", &chinese);
    let a = post(&svc, &mut b, CUSTODY_POST, &form).await;
    assert!(
        a.status.is_success() || a.status.is_redirection(),
        "{}",
        a.status
    );
    assert_eq!(count(&mut site.conn(), "comments"), 2);
}

#[actix_web::test]
async fn replies_below_the_deepest_level_join_the_level_above() {
    let site = Site::ballots();
    let svc = app!(site);
    let version = site.version("ballots", "2");
    // A chain as deep as allowed: depth 0 to MAX_REPLY_DEPTH.
    let mut chain = vec![seed_comment(
        &mut site.conn(),
        version.id,
        Some("custody"),
        None,
        "Root Author",
        "The top of a long chain.",
    )];
    for i in 1..=MAX_REPLY_DEPTH {
        let parent = chain.last().unwrap().clone();
        chain.push(seed_comment(
            &mut site.conn(),
            version.id,
            Some("custody"),
            Some(&parent),
            &format!("Replier {i}"),
            &format!("Reply number {i}."),
        ));
    }
    let deepest = chain.last().unwrap().clone();
    assert_eq!(deepest.depth, MAX_REPLY_DEPTH);

    let mut b = Browser::new("192.0.2.13");
    let form_uri = format!("/comments/{}/replies/new", deepest.id);
    let token = open_form(&svc, &mut b, &form_uri).await;
    let mut form = fields(&token, EMAIL, "One level too deep.");
    form.retain(|(n, _)| *n != "proposed_text");
    let a = post(
        &svc,
        &mut b,
        &format!("/comments/{}/replies", deepest.id),
        &form,
    )
    .await;
    assert!(
        a.status.is_success() || a.status.is_redirection(),
        "{}",
        a.body
    );
    let reply = site.comment(last_comment_id(&site));
    assert_eq!(reply.body_md, "One level too deep.");
    assert_eq!(
        reply.depth, MAX_REPLY_DEPTH,
        "the reply stays at the deepest level"
    );
    assert_eq!(
        reply.parent_id, deepest.parent_id,
        "it joins the level above"
    );
    assert!(reply
        .path
        .starts_with(&chain[MAX_REPLY_DEPTH as usize - 1].path));
}

#[actix_web::test]
async fn a_standard_cannot_link_to_scripts_or_show_remote_images() {
    let content = Content::new();
    content.standard("links", "Links");
    content.version(
        "links",
        "1",
        &format!(
            "{}## 1 Scope {{#scope}}\n\nSee [the guide](javascript:alert(document.cookie)), \
             [a page](data:text/html;base64,PHNjcmlwdD4=), [the law](https://example.org/law) \
             and [section 2](/standards/links/1/clauses/two).\n\n\
             ![tracker](https://tracker.example/pixel.gif) ![seal](/static/seal.png)\n\n\
             ## 2 Two {{#two}}\n\nText.\n",
            front("1", "open")
        ),
    );
    let site = Site::new(content);
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.14");
    for uri in [
        "/standards/links/1",
        "/standards/links/1/clauses/scope",
        "/api/v1/standards/links/versions/1",
    ] {
        let a = get(&svc, &mut b, uri).await;
        assert_eq!(a.status, StatusCode::OK, "{uri}");
        for bad in ["javascript:", "data:text", "tracker.example"] {
            assert!(!a.body.contains(bad), "{bad} reached {uri}:\n{}", a.body);
        }
        assert!(a.body.contains("https://example.org/law"), "{uri}");
        assert!(a.body.contains("/static/seal.png"), "{uri}");
        // The words of a refused link stay.
        assert!(a.body.contains("the guide"), "{uri}");
    }

    // A clause stored by an older renderer, which let such a link through,
    // is rendered again at the next import; the record (the source and its
    // digest) does not change.
    let version = site.version("links", "1");
    crate::support::exec(
        &mut site.conn(),
        &format!(
            "UPDATE clauses SET html = '<p><a href=\"javascript:alert(1)\">old</a></p>' \
             WHERE version_id = {} AND clause_key = 'scope'",
            version.id
        ),
    );
    let report = import_dir(&mut site.conn(), site._content.path()).unwrap();
    assert_eq!(report.versions_unchanged, 1);
    assert_eq!(site.version("links", "1").sha256, version.sha256);
    // Import runs before the site serves (`docket serve`), so a fresh app.
    let svc = app!(site);
    let page = get(&svc, &mut b, "/standards/links/1/clauses/scope").await;
    assert!(!page.body.contains("javascript:"), "{}", page.body);
    assert!(page.body.contains("the guide"), "{}", page.body);
}
