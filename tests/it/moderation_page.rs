//! Moderation where the comment is: hiding, marking as spam and restoring
//! from a comment's own page and from the editors' workspace, redacting a
//! passage, and the mail each action sends its author. Only moderators and
//! admins see or use the forms; every action needs the form's token and a
//! reason, reaches the ledger, and leaves `docket verify` satisfied.

use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::{header, StatusCode};
use docket::comments::{ledger, Moderation};
use docket::db::models::{CommentStatus, LedgerRow, Redaction, Role};
use docket::standard::sha256_hex;
use serde_json::Value;

use crate::comments::{app, comment_and_verify, get, post, Answer, Browser, Site, EMAIL};
use crate::staff::create_staff;
use crate::support::{count, csrf_token_in, exec};

const BODY: &str = "My neighbour at 12 Elm Road agrees: counting by hand is slow.";
const PASSAGE: &str = "12 Elm Road";

/// A browser signed in as a new staff member `name` with `role`.
async fn staff<S, B>(svc: &S, site: &Site, name: &str, role: Role) -> Browser
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let password = create_staff(&site.db, name, role);
    let mut b = Browser::new("203.0.113.60");
    let page = get(svc, &mut b, "/staff/login").await;
    let token = csrf_token_in(&page.body);
    let a = post(
        svc,
        &mut b,
        "/staff/login",
        &[
            ("csrf_token", token.as_str()),
            ("name", name),
            ("password", password.as_str()),
            ("next", "/staff"),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    b
}

/// Where a 303 leads, without its fragment.
fn location(a: &Answer) -> String {
    let to = a
        .headers
        .get(header::LOCATION)
        .expect("a 303 names where to go")
        .to_str()
        .unwrap();
    to.split('#').next().unwrap().to_string()
}

/// Send a form of the comment's page (its token taken from the page, as a
/// browser would).
async fn send<S, B>(svc: &S, b: &mut Browser, id: i32, what: &str, form: &[(&str, &str)]) -> Answer
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let page = get(svc, b, &format!("/comments/{id}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let token = csrf_token_in(&page.body);
    let mut fields = vec![("csrf_token", token.as_str())];
    fields.extend_from_slice(form);
    post(
        svc,
        b,
        &format!("/moderation/comments/{id}/{what}"),
        &fields,
    )
    .await
}

/// The ledger's entries about comment `id`, oldest first.
fn entries(site: &Site, id: i32) -> Vec<(String, Value)> {
    LedgerRow::page(&mut site.conn(), 0, 10_000)
        .unwrap()
        .into_iter()
        .filter(|r| r.comment_id == Some(id))
        .map(|r| (r.kind, serde_json::from_str(&r.payload).unwrap()))
        .collect()
}

fn ledger_ok(site: &Site) {
    let report = ledger::verify_db(&mut site.conn()).unwrap();
    assert!(report.ok(), "{:?}", report.broken);
}

#[actix_web::test]
async fn the_controls_are_for_moderators_and_admins_only() {
    let site = Site::ballots();
    let svc = app!(site);
    let id = comment_and_verify(&svc, &site, "192.0.2.10", EMAIL, BODY).await;
    let status_action = format!("action=\"/moderation/comments/{id}/status\"");

    let mut public = Browser::new("192.0.2.11");
    let page = get(&svc, &mut public, &format!("/comments/{id}"))
        .await
        .body;
    assert!(page.contains(BODY.split(':').next().unwrap()), "{page}");
    for staff_only in [
        status_action.as_str(),
        "/redact\"",
        "Mark as spam",
        "Hide with this reason",
        "Text as stored",
    ] {
        assert!(!page.contains(staff_only), "the public sees {staff_only}");
    }
    let mut editor = staff(&svc, &site, "edith", Role::Editor).await;
    let page = get(&svc, &mut editor, &format!("/comments/{id}"))
        .await
        .body;
    assert!(!page.contains(&status_action), "an editor is no moderator");
    let desk = "/editor/standards/ballots/2/feedback";
    let page = get(&svc, &mut editor, desk).await.body;
    assert!(page.contains("Record the decision"), "{page}");
    assert!(!page.contains(&status_action), "nor in the workspace");

    let mut m = staff(&svc, &site, "morgan", Role::Moderator).await;
    let page = get(&svc, &mut m, &format!("/comments/{id}")).await.body;
    assert!(page.contains(&status_action), "{page}");
    assert!(page.contains(&format!("action=\"/moderation/comments/{id}/redact\"")));
    // Two distinct buttons, each saying what it does, styled apart.
    assert!(
        page.contains("name=\"action\" value=\"hide\" class=\"mod-hide\">Hide with this reason")
    );
    assert!(page.contains("name=\"action\" value=\"spam\" class=\"mod-spam\">Mark as spam"));
    assert!(page.contains("class=\"mod-redact\">Redact this passage"));
    assert!(page.contains("name=\"reason\" rows=\"2\" required"));
    // No restore for a comment that is shown.
    assert!(!page.contains("value=\"restore\""));

    let mut admin = staff(&svc, &site, "ada", Role::Admin).await;
    let page = get(&svc, &mut admin, desk).await.body;
    assert!(
        page.contains(&status_action),
        "an admin moderates from the workspace"
    );
}

#[actix_web::test]
async fn hide_spam_and_restore_from_the_comment_page_reach_the_ledger_and_the_author() {
    let site = Site::ballots();
    let svc = app!(site);
    let id = comment_and_verify(&svc, &site, "192.0.2.20", EMAIL, BODY).await;
    site.deliver();
    let mut m = staff(&svc, &site, "morgan", Role::Moderator).await;

    // A reason is required: refused, nothing changes, the page says why.
    let a = send(
        &svc,
        &mut m,
        id,
        "status",
        &[("action", "hide"), ("reason", "  ")],
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(
        a.body.contains("Give the reason for this action"),
        "{}",
        a.body
    );
    assert!(a.body.contains("aria-invalid=\"true\""));
    assert_eq!(site.comment(id).status(), CommentStatus::Published);
    assert_eq!(entries(&site, id).len(), 1, "only its publication");
    assert!(site.deliver().is_empty());

    let a = send(
        &svc,
        &mut m,
        id,
        "status",
        &[("action", "hide"), ("reason", "Names a private person.")],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    assert_eq!(location(&a), format!("/comments/{id}?done=hidden"));
    let c = site.comment(id);
    assert_eq!(c.status(), CommentStatus::Hidden);
    assert_eq!(c.hidden_reason.as_deref(), Some("Names a private person."));
    let (kind, p) = entries(&site, id).pop().unwrap();
    assert_eq!(kind, "comment.hidden");
    assert_eq!(p["reason"], "Names a private person.");
    let mail = site.deliver();
    assert_eq!(mail.len(), 1, "{mail:#?}");
    assert_eq!(mail[0].to, EMAIL);
    assert!(
        mail[0].subject.contains("has been hidden"),
        "{}",
        mail[0].subject
    );
    assert!(
        mail[0].text.contains("Names a private person."),
        "{}",
        mail[0].text
    );
    // The public sees the tombstone; the moderator sees the text and a restore form.
    let mut public = Browser::new("192.0.2.21");
    let page = get(&svc, &mut public, &format!("/comments/{id}"))
        .await
        .body;
    assert!(page.contains("Names a private person."));
    assert!(!page.contains("counting by hand"), "{page}");
    let page = get(&svc, &mut m, &format!("/comments/{id}?done=hidden"))
        .await
        .body;
    assert!(
        page.contains("hidden; its author has been emailed the reason"),
        "{page}"
    );
    assert!(page.contains("counting by hand"));
    assert!(page.contains("value=\"restore\" class=\"mod-restore\""));

    let a = send(
        &svc,
        &mut m,
        id,
        "status",
        &[
            ("action", "restore"),
            ("reason", "The name was a public official's."),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let c = site.comment(id);
    assert_eq!(
        (c.status(), c.hidden_reason),
        (CommentStatus::Published, None)
    );
    let (kind, p) = entries(&site, id).pop().unwrap();
    assert_eq!(
        (kind.as_str(), &p["status"]),
        ("comment.restored", &Value::from("published"))
    );
    let mail = site.deliver();
    assert_eq!(mail.len(), 1);
    assert!(
        mail[0].subject.contains("is shown again"),
        "{}",
        mail[0].subject
    );
    assert!(mail[0].text.contains("The name was a public official's."));
    let page = get(&svc, &mut public, &format!("/comments/{id}"))
        .await
        .body;
    assert!(page.contains("counting by hand"), "shown again: {page}");

    // Spam: recorded with its reason, and its author is not mailed.
    let a = send(
        &svc,
        &mut m,
        id,
        "status",
        &[("action", "spam"), ("reason", "Advert.")],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    assert_eq!(site.comment(id).status(), CommentStatus::Spam);
    let (kind, p) = entries(&site, id).pop().unwrap();
    assert_eq!(
        (kind.as_str(), &p["reason"]),
        ("comment.spam", &Value::from("Advert."))
    );
    assert!(site.deliver().is_empty(), "no mail for spam");
    // Taking down twice is refused.
    let a = send(
        &svc,
        &mut m,
        id,
        "status",
        &[("action", "hide"), ("reason", "x")],
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    ledger_ok(&site);

    // From the workspace (an admin), back to the workspace.
    let mut admin = staff(&svc, &site, "ada", Role::Admin).await;
    let desk = "/editor/standards/ballots/2/feedback";
    let token = csrf_token_in(&get(&svc, &mut admin, desk).await.body);
    let a = post(
        &svc,
        &mut admin,
        &format!("/moderation/comments/{id}/status"),
        &[
            ("csrf_token", token.as_str()),
            ("action", "restore"),
            ("reason", "Not an advert after all."),
            ("return_to", &format!("{desk}#item-{id}")),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    assert_eq!(location(&a), desk);
    assert_eq!(site.comment(id).status(), CommentStatus::Published);
    assert_eq!(site.deliver().len(), 1, "restored: the author is told");
    ledger_ok(&site);
}

#[actix_web::test]
async fn a_redaction_hides_the_passage_everywhere_and_keeps_the_original_for_staff() {
    let site = Site::ballots();
    let svc = app!(site);
    let id = comment_and_verify(&svc, &site, "192.0.2.30", EMAIL, BODY).await;
    site.deliver();
    let mut public = Browser::new("192.0.2.31");
    let search = "/api/v1/search?q=Elm";
    let found = get(&svc, &mut public, search).await.body;
    assert!(
        found.contains(&format!("/comments/{id}")),
        "indexed before: {found}"
    );

    let mut m = staff(&svc, &site, "morgan", Role::Moderator).await;
    let a = send(
        &svc,
        &mut m,
        id,
        "redact",
        &[("passage", PASSAGE), ("reason", "a private address")],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let notice = "[redacted by a moderator: a private address]";
    let c = site.comment(id);
    assert_eq!(c.status(), CommentStatus::Published);
    assert!(!c.body_md.contains(PASSAGE));

    // The public: the comment's page, its clause, the API, feeds, downloads, search.
    for uri in [
        format!("/comments/{id}"),
        "/standards/ballots/2/clauses/custody".to_string(),
        "/api/v1/standards/ballots/versions/2/comments".to_string(),
        "/standards/ballots/2/comments.atom".to_string(),
        "/standards/ballots/2/comments.csv".to_string(),
        "/standards/ballots/2/comments.ndjson".to_string(),
    ] {
        let a = get(&svc, &mut public, &uri).await;
        assert_eq!(a.status, StatusCode::OK, "{uri}");
        assert!(!a.body.contains(PASSAGE), "{uri} still shows the passage");
        assert!(
            a.body.contains("redacted by a moderator"),
            "{uri}: {}",
            a.body
        );
    }
    let page = get(&svc, &mut public, &format!("/comments/{id}"))
        .await
        .body;
    assert!(page.contains(notice), "{page}");
    assert!(page.contains("counting by hand is slow"));
    let found = get(&svc, &mut public, search).await.body;
    assert!(!found.contains(&format!("/comments/{id}")), "{found}");
    let found = get(&svc, &mut public, "/api/v1/search?q=neighbour")
        .await
        .body;
    assert!(found.contains(&format!("/comments/{id}")), "{found}");

    // Staff keep the original; the ledger has its digest.
    let page = get(&svc, &mut m, &format!("/comments/{id}?done=redacted"))
        .await
        .body;
    assert!(
        page.contains("redacted; its author has been emailed"),
        "{page}"
    );
    assert!(page.contains(PASSAGE), "staff see the original");
    let kept = Redaction::of_comment(&mut site.conn(), id).unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].original_body_md, BODY);
    assert_eq!(kept[0].passage, PASSAGE);
    let (kind, p) = entries(&site, id).pop().unwrap();
    assert_eq!(kind, "comment.redacted");
    assert_eq!(p["original_body_sha256"], sha256_hex(BODY));
    assert_eq!(p["body_sha256"], sha256_hex(&c.body_md));
    assert_eq!(p["reason"], "a private address");
    assert!(
        !p.to_string().contains(PASSAGE),
        "the ledger does not publish it"
    );
    let mail = site.deliver();
    assert_eq!(mail.len(), 1);
    assert!(
        mail[0].subject.contains("Part of your comment"),
        "{}",
        mail[0].subject
    );
    assert!(mail[0].text.contains(notice), "{}", mail[0].text);
    ledger_ok(&site);
    // Putting the original back behind the ledger's back is found.
    exec(
        &mut site.conn(),
        &format!("UPDATE comments SET body_md = '{BODY}' WHERE id = {id}"),
    );
    let report = ledger::verify_db(&mut site.conn()).unwrap();
    let broken = report.broken.expect("the edit is found");
    assert!(broken.reason.contains("was altered"), "{}", broken.reason);
}

#[actix_web::test]
async fn a_passage_not_in_the_comment_is_refused_with_the_form_kept() {
    let site = Site::ballots();
    let svc = app!(site);
    let id = comment_and_verify(&svc, &site, "192.0.2.40", EMAIL, BODY).await;
    site.deliver();
    let before = entries(&site, id).len();
    let mut m = staff(&svc, &site, "morgan", Role::Moderator).await;
    let a = send(
        &svc,
        &mut m,
        id,
        "redact",
        &[
            ("passage", "14 Oak Street"),
            ("reason", "an address I misread"),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(
        a.body.contains("That passage is not in the comment"),
        "{}",
        a.body
    );
    assert!(a.body.contains(">14 Oak Street</textarea>"), "{}", a.body);
    assert!(a.body.contains("value=\"an address I misread\""));
    assert_eq!(site.comment(id).body_md, BODY);
    assert_eq!(entries(&site, id).len(), before);
    assert_eq!(count(&mut site.conn(), "comment_redactions"), 0);
    assert!(site.deliver().is_empty());
    // Without a reason, refused too.
    let a = send(
        &svc,
        &mut m,
        id,
        "redact",
        &[("passage", PASSAGE), ("reason", "")],
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert_eq!(site.comment(id).body_md, BODY);
}

#[actix_web::test]
async fn a_forged_token_or_a_get_changes_nothing() {
    let site = Site::ballots();
    let svc = app!(site);
    let id = comment_and_verify(&svc, &site, "192.0.2.50", EMAIL, BODY).await;
    site.deliver();
    let before = entries(&site, id).len();
    let mut m = staff(&svc, &site, "morgan", Role::Moderator).await;
    // The page is opened (so the session has a token), then a forged one is sent.
    get(&svc, &mut m, &format!("/comments/{id}")).await;
    for (what, form) in [
        ("status", vec![("action", "hide"), ("reason", "forged")]),
        ("redact", vec![("passage", PASSAGE), ("reason", "forged")]),
    ] {
        let mut fields = vec![("csrf_token", "not-the-token")];
        fields.extend(form);
        let a = post(
            &svc,
            &mut m,
            &format!("/moderation/comments/{id}/{what}"),
            &fields,
        )
        .await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{what}");
    }
    for uri in [
        format!("/moderation/comments/{id}/status?action=hide&reason=x"),
        format!("/moderation/comments/{id}/redact?passage=Elm&reason=x"),
    ] {
        let a = get(&svc, &mut m, &uri).await;
        assert!(a.status.is_client_error(), "{uri}: {}", a.status);
    }
    // Anonymous visitors are sent to sign in.
    let mut anon = Browser::new("192.0.2.51");
    let a = post(
        &svc,
        &mut anon,
        &format!("/moderation/comments/{id}/status"),
        &[("action", "spam"), ("reason", "x")],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    let c = site.comment(id);
    assert_eq!(
        (c.status(), c.body_md.as_str()),
        (CommentStatus::Published, BODY)
    );
    assert_eq!(entries(&site, id).len(), before);
    assert!(site.deliver().is_empty());
}

#[actix_web::test]
async fn spam_caught_before_publication_is_restored_to_the_queue_without_mail() {
    let site = Site::ballots().with_moderation(Moderation::Pre);
    let svc = app!(site);
    let id = comment_and_verify(&svc, &site, "192.0.2.60", EMAIL, BODY).await;
    site.deliver();
    assert_eq!(site.comment(id).status(), CommentStatus::Pending);
    let mut m = staff(&svc, &site, "morgan", Role::Moderator).await;
    let token = csrf_token_in(&get(&svc, &mut m, "/moderation").await.body);
    let url = format!("/moderation/comments/{id}/status");
    let a = post(
        &svc,
        &mut m,
        &url,
        &[
            ("csrf_token", token.as_str()),
            ("action", "spam"),
            ("reason", "Bulk advert."),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    assert_eq!(site.comment(id).status(), CommentStatus::Spam);
    // Never public, so it has no page to show: a refusal is a plain 400.
    let a = post(
        &svc,
        &mut m,
        &url,
        &[
            ("csrf_token", token.as_str()),
            ("action", "restore"),
            ("reason", ""),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(a.body.contains("Give the reason"), "{}", a.body);
    let a = post(
        &svc,
        &mut m,
        &url,
        &[
            ("csrf_token", token.as_str()),
            ("action", "restore"),
            ("reason", "A real letter."),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    assert_eq!(
        location(&a),
        format!("/moderation?done={id}&action=restore")
    );
    assert_eq!(site.comment(id).status(), CommentStatus::Pending);
    let queue = get(&svc, &mut m, &location(&a)).await.body;
    assert!(
        queue.contains("restored: it is waiting for review again"),
        "{queue}"
    );
    let (kind, p) = entries(&site, id).pop().unwrap();
    assert_eq!(
        (kind.as_str(), &p["status"]),
        ("comment.restored", &Value::from("pending"))
    );
    assert!(
        site.deliver().is_empty(),
        "told when it is published, not before"
    );
    ledger_ok(&site);
}
