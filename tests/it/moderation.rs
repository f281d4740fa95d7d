//! Moderation: the queue, flags from the public, publishing held comments,
//! hiding with a public reason (a tombstone stays, and so do replies),
//! spam, and keeping a flagged comment. Every action reaches the ledger.

use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::{header, StatusCode};
use docket::comments::Moderation;
use docket::db::models::{CommentStatus, Role};

use crate::comments::{
    app, comment_and_verify, confirm, fields, get, last_comment_id, open_form, post, submit,
    verification_link, with, Browser, Site, COMMENT_ENTRIES, CUSTODY_PAGE, EMAIL, OTHER_EMAIL,
};
use crate::staff::create_staff;
use crate::support::{count, csrf_token_in};

/// Sign `name` in from `b`.
async fn sign_in<S, B>(svc: &S, b: &mut Browser, name: &str, password: &str)
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let token = open_form(svc, b, "/staff/login").await;
    let a = post(
        svc,
        b,
        "/staff/login",
        &[
            ("csrf_token", token.as_str()),
            ("name", name),
            ("password", password),
            ("next", "/moderation"),
        ],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
}

/// A signed-in moderator's browser.
async fn moderator<S, B>(svc: &S, site: &Site) -> Browser
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let password = create_staff(&site.db, "morgan", Role::Moderator);
    let mut b = Browser::new("203.0.113.50");
    sign_in(svc, &mut b, "morgan", &password).await;
    b
}

/// Take an action from the queue page; returns the page after the redirect.
async fn act<S, B>(
    svc: &S,
    b: &mut Browser,
    id: i32,
    action: &str,
    reason: &str,
) -> (StatusCode, String)
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    // The staff home always has a form, so its token is at hand.
    let token = open_form(svc, b, "/staff").await;
    let a = post(
        svc,
        b,
        &format!("/moderation/comments/{id}"),
        &[
            ("csrf_token", token.as_str()),
            ("action", action),
            ("reason", reason),
        ],
    )
    .await;
    if a.status != StatusCode::SEE_OTHER {
        return (a.status, a.body);
    }
    let location = a
        .headers
        .get(header::LOCATION)
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let page = get(svc, b, &location).await;
    (page.status, page.body)
}

/// Flag comment `id` from a reader's browser.
async fn flag<S, B>(svc: &S, b: &mut Browser, id: i32, reason: &str) -> (StatusCode, String)
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let page = get(svc, b, &format!("/comments/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let token = csrf_token_in(&page.body);
    let a = post(
        svc,
        b,
        &format!("/comments/{id}/flag"),
        &[("csrf_token", token.as_str()), ("reason", reason)],
    )
    .await;
    (a.status, a.body)
}

#[actix_web::test]
async fn the_queue_is_for_moderators_and_admins_only() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut anon = Browser::new("192.0.2.1");
    let a = get(&svc, &mut anon, "/moderation").await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    assert_eq!(
        a.headers.get(header::LOCATION).unwrap(),
        "/staff/login?next=/moderation"
    );

    let password = create_staff(&site.db, "eddie", Role::Editor);
    let mut editor = Browser::new("192.0.2.2");
    sign_in(&svc, &mut editor, "eddie", &password).await;
    assert_eq!(
        get(&svc, &mut editor, "/moderation").await.status,
        StatusCode::FORBIDDEN
    );

    let mut m = moderator(&svc, &site).await;
    let a = get(&svc, &mut m, "/moderation").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.body.contains("<h1>Moderation queue</h1>"));
    assert!(a.body.contains("The queue is empty."));
    assert_eq!(a.headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
    let home = get(&svc, &mut m, "/staff").await.body;
    assert!(
        home.contains("href=\"/moderation\""),
        "the staff home links the queue"
    );

    // A moderator's action needs the form's token too.
    let id = comment_and_verify(&svc, &site, "192.0.2.3", EMAIL, "Fine.").await;
    let a = post(
        &svc,
        &mut m,
        &format!("/moderation/comments/{id}"),
        &[("action", "spam")],
    )
    .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    // And anonymous visitors cannot act at all.
    let a = post(
        &svc,
        &mut anon,
        &format!("/moderation/comments/{id}"),
        &[("action", "spam")],
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    assert_eq!(site.comment(id).status(), CommentStatus::Published);
}

#[actix_web::test]
async fn a_flag_queues_a_comment_and_hiding_it_leaves_a_tombstone_and_its_replies() {
    let site = Site::ballots();
    let svc = app!(site);
    let root = comment_and_verify(
        &svc,
        &site,
        "192.0.2.1",
        EMAIL,
        "Something rude and personal.",
    )
    .await;
    let mut b = Browser::new("192.0.2.2");
    let token = open_form(&svc, &mut b, &format!("/comments/{root}/replies/new")).await;
    let form = with(
        fields(&token, OTHER_EMAIL, "A calm reply that stays."),
        "name",
        "Ben",
    );
    post(&svc, &mut b, &format!("/comments/{root}/replies"), &form).await;
    let link = verification_link(&site.deliver(), OTHER_EMAIL);
    confirm(&svc, &mut b, &link).await;
    let reply = last_comment_id(&site);
    let tracking = site.comment(root).tracking_number;

    // A reader reports it.
    let mut reader = Browser::new("192.0.2.3");
    let (status, body) = flag(&svc, &mut reader, root, "A personal attack").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("moderators&#39; queue"), "{body}");
    assert_eq!(site.comment(root).flags, 1);
    assert_eq!(count(&mut site.conn(), "comment_flags"), 1);
    // Still public until a moderator acts.
    assert!(get(&svc, &mut reader, CUSTODY_PAGE)
        .await
        .body
        .contains("Something rude"));

    let mut m = moderator(&svc, &site).await;
    let queue = get(&svc, &mut m, "/moderation").await.body;
    assert!(queue.contains(&tracking), "{queue}");
    assert!(queue.contains("Reported 1 time"), "{queue}");
    assert!(queue.contains("A personal attack"));
    assert!(!queue.contains(EMAIL), "moderators see no addresses");

    // Hiding needs a public reason.
    let (status, body) = act(&svc, &mut m, root, "hide", "  ").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("Give the reason"), "{body}");
    assert_eq!(site.comment(root).status(), CommentStatus::Published);

    let ledger_before = count(&mut site.conn(), "ledger");
    let (status, body) = act(
        &svc,
        &mut m,
        root,
        "hide",
        "Personal attack on another commenter",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        body.contains(&format!("Comment {tracking} hidden.")),
        "{body}"
    );
    assert!(body.contains("The queue is empty."), "{body}");
    let c = site.comment(root);
    assert_eq!(c.status(), CommentStatus::Hidden);
    assert_eq!(c.flags, 0);
    assert_eq!(count(&mut site.conn(), "ledger"), ledger_before + 1);

    // The thread keeps a tombstone with the reason, and the reply.
    for uri in [CUSTODY_PAGE.to_string(), format!("/comments/{root}")] {
        let page = get(&svc, &mut reader, &uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        assert!(!page.body.contains("Something rude"), "{uri}");
        assert!(page.body.contains("This comment was hidden by a moderator. Reason: Personal attack on another commenter"), "{uri}: {}", page.body);
        assert!(
            page.body.contains(&format!("id=\"comment-{root}\"")),
            "{uri}"
        );
        assert!(page.body.contains("A calm reply that stays."), "{uri}");
    }
    let api = get(
        &svc,
        &mut reader,
        "/api/v1/standards/ballots/versions/2/comments",
    )
    .await
    .body;
    let json: serde_json::Value = serde_json::from_str(&api).unwrap();
    let t = &json["comments"][0];
    assert_eq!(t["status"], "hidden");
    assert_eq!(t["hidden_reason"], "Personal attack on another commenter");
    assert!(t["body_markdown"].is_null() && t["author"].is_null(), "{t}");
    assert_eq!(json["comments"][1]["id"], reply);
    assert_eq!(json["comments"][1]["parent_id"], t["id"]);
    let feed = get(&svc, &mut reader, "/standards/ballots/2/comments.atom")
        .await
        .body;
    assert!(!feed.contains("Something rude"));
    assert!(feed.contains("A calm reply"));

    // A hidden comment cannot be flagged or answered.
    let page = get(&svc, &mut reader, &format!("/comments/{root}"))
        .await
        .body;
    assert!(!page.contains("/flag\""), "{page}");
    assert_eq!(
        get(&svc, &mut reader, &format!("/comments/{root}/replies/new"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let token = csrf_token_in(
        &get(&svc, &mut reader, &format!("/comments/{reply}"))
            .await
            .body,
    );
    let a = post(
        &svc,
        &mut reader,
        &format!("/comments/{root}/flag"),
        &[("csrf_token", token.as_str())],
    )
    .await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn keep_clears_the_flags_and_spam_leaves_a_plain_tombstone() {
    let site = Site::ballots();
    let svc = app!(site);
    let a = comment_and_verify(&svc, &site, "192.0.2.1", EMAIL, "A fair comment.").await;
    let s = comment_and_verify(
        &svc,
        &site,
        "192.0.2.2",
        OTHER_EMAIL,
        "Cheap watches at example dot com.",
    )
    .await;
    let mut reader = Browser::new("192.0.2.3");
    flag(&svc, &mut reader, a, "").await;
    flag(&svc, &mut reader, a, "I disagree").await;
    assert_eq!(site.comment(a).flags, 2);

    let mut m = moderator(&svc, &site).await;
    let (status, body) = act(&svc, &mut m, a, "dismiss", "").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("kept, and its reports cleared"), "{body}");
    let c = site.comment(a);
    assert_eq!((c.status(), c.flags), (CommentStatus::Published, 0));
    // Nothing left to keep.
    let (status, _) = act(&svc, &mut m, a, "dismiss", "").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    let (status, body) = act(&svc, &mut m, s, "spam", "advertising").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(site.comment(s).status(), CommentStatus::Spam);
    let page = get(&svc, &mut reader, CUSTODY_PAGE).await.body;
    assert!(!page.contains("Cheap watches"));
    assert!(page.contains("This comment was removed as spam."), "{page}");
    assert!(page.contains("A fair comment."));
    // Taking down twice is refused.
    let (status, _) = act(&svc, &mut m, s, "hide", "again").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = act(&svc, &mut m, s, "bogus", "").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    let ledger = get(&svc, &mut reader, "/ledger.json").await.body;
    let json: serde_json::Value = serde_json::from_str(&ledger).unwrap();
    let comment_entries: Vec<&serde_json::Value> = json["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"].as_str().unwrap().starts_with("comment."))
        .collect();
    let kinds: Vec<&str> = comment_entries
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "comment.published",
            "comment.published",
            "comment.flags_dismissed",
            "comment.spam"
        ]
    );
    let dismissed: serde_json::Value =
        serde_json::from_str(comment_entries[2]["payload"].as_str().unwrap()).unwrap();
    // The moderator is named by an opaque id, never by the sign-in name.
    assert!(dismissed["moderator_id"].is_i64(), "{dismissed}");
    assert!(dismissed.get("moderator").is_none(), "{dismissed}");
    assert!(!ledger.contains("morgan"), "{ledger}");
    assert_eq!(dismissed["flags"], 2);
}

#[actix_web::test]
async fn under_pre_moderation_a_verified_comment_waits_for_a_moderator() {
    let site = Site::ballots().with_moderation(Moderation::Pre);
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.1");
    submit(&svc, &mut b, EMAIL, "Held for review.").await;
    let id = last_comment_id(&site);
    let link = verification_link(&site.deliver(), EMAIL);
    let a = confirm(&svc, &mut b, &link).await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(
        a.body.contains("<h1>Your comment is confirmed</h1>"),
        "{}",
        a.body
    );
    assert!(a.body.contains("waits for a moderator"));
    let c = site.comment(id);
    assert_eq!(c.status(), CommentStatus::Pending);
    assert!(a.body.contains(&c.tracking_number));
    let mails = site.deliver();
    assert_eq!(mails.len(), 1);
    assert!(
        mails[0].subject.contains("awaits review"),
        "{}",
        mails[0].subject
    );
    assert!(mails[0].text.contains(&c.tracking_number));

    // Not public yet.
    let mut reader = Browser::new("192.0.2.200");
    assert!(!get(&svc, &mut reader, CUSTODY_PAGE)
        .await
        .body
        .contains("Held for review."));
    assert_eq!(
        get(&svc, &mut reader, &format!("/comments/{id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(count(&mut site.conn(), COMMENT_ENTRIES), 0);

    let mut m = moderator(&svc, &site).await;
    let queue = get(&svc, &mut m, "/moderation").await.body;
    assert!(queue.contains("Waiting for review"), "{queue}");
    assert!(
        queue.contains("Held for review."),
        "moderators read the text before publishing"
    );
    let (status, body) = act(&svc, &mut m, id, "publish", "").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("published."), "{body}");
    assert_eq!(site.comment(id).status(), CommentStatus::Published);
    assert!(get(&svc, &mut reader, CUSTODY_PAGE)
        .await
        .body
        .contains("Held for review."));
    let mails = site.deliver();
    assert!(
        mails
            .iter()
            .any(|m| m.to == EMAIL && m.subject.contains("is published")),
        "{mails:#?}"
    );
    let kinds: Vec<String> = {
        use diesel::prelude::*;
        use docket::db::schema::ledger;
        ledger::table
            .filter(ledger::comment_id.is_not_null())
            .order(ledger::seq)
            .select(ledger::kind)
            .load(&mut site.conn())
            .unwrap()
    };
    assert_eq!(kinds, ["comment.published", "comment.approved"]);
    // Publishing twice is refused.
    let (status, _) = act(&svc, &mut m, id, "publish", "").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}
