//! Commenting on several clauses: "Add to my list" on each form keeps the
//! comment, checked but not sent; the list page sends them all under one
//! name and address; one mail with one link confirms them all, and opening
//! that link changes nothing until its button is pressed.

use actix_web::http::{header, StatusCode};
use docket::config::SiteConfig;
use docket::db::models::CommentStatus;

use crate::comments::{
    app, confirm, fields, follow, get, last_comment_id, link_in, open_form, post, with, Browser,
    Site, COMMENT_ENTRIES, CUSTODY_FORM, CUSTODY_PAGE, CUSTODY_POST, EMAIL,
};
use crate::support::{count, csrf_token_in};

const TRAINING_FORM: &str = "/standards/ballots/2/clauses/training/comments/new";
const TRAINING_POST: &str = "/standards/ballots/2/clauses/training/comments";
const TRAINING_PAGE: &str = "/standards/ballots/2/clauses/training";
const LIST: &str = "/comments/gathered";
const ON_CUSTODY: &str = "Two signatures slow small offices on election night.";
const ON_TRAINING: &str = "Yearly training should include the seal log.";
const PROPOSED: &str = "Ballots shall be logged at every hand-off, with one signature.";

fn rows(site: &Site, table: &str) -> i64 {
    count(&mut site.conn(), table)
}

/// Add one comment to `b`'s list from a clause's form; answers 303 to the list.
async fn gather<S, B>(
    svc: &S,
    b: &mut Browser,
    form: &str,
    action: &str,
    body: &str,
    proposed: &str,
) where
    S: actix_web::dev::Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<B>,
        Error = actix_web::Error,
    >,
    B: actix_web::body::MessageBody,
{
    let token = open_form(svc, b, form).await;
    let fields = with(fields(&token, EMAIL, body), "proposed_text", proposed);
    let a = post(svc, b, action, &with(fields, "gather", "1")).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    assert_eq!(a.headers.get(header::LOCATION).unwrap(), LIST);
}

#[actix_web::test]
async fn comments_on_two_clauses_are_sent_together_and_confirmed_by_one_link() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.80");
    let form = get(&svc, &mut b, CUSTODY_FORM).await;
    assert!(
        form.body
            .contains("<button type=\"submit\" name=\"gather\" value=\"1\""),
        "{}",
        form.body
    );

    gather(
        &svc,
        &mut b,
        CUSTODY_FORM,
        CUSTODY_POST,
        ON_CUSTODY,
        PROPOSED,
    )
    .await;
    gather(&svc, &mut b, TRAINING_FORM, TRAINING_POST, ON_TRAINING, "").await;
    // Gathered, not sent: nothing stored, counted or mailed.
    assert_eq!(rows(&site, "comments"), 0);
    assert_eq!(rows(&site, "rate_events"), 0);
    assert!(site.deliver().is_empty());

    let list = get(&svc, &mut b, LIST).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains(ON_CUSTODY), "{}", list.body);
    assert!(list.body.contains(ON_TRAINING), "{}", list.body);
    assert!(list.body.contains("Send 2 comments"), "{}", list.body);
    assert!(list.body.contains("proposes new text"), "{}", list.body);
    assert!(
        list.body.contains(&format!("value=\"{EMAIL}\"")),
        "the address typed is given back: {}",
        list.body
    );
    // Another browser sees an empty list.
    let mut other = Browser::new("192.0.2.81");
    let empty = get(&svc, &mut other, LIST).await;
    assert!(empty.body.contains("Your list is empty."), "{}", empty.body);

    let token = csrf_token_in(&list.body);
    let send = [
        ("name", "Lake County Elections Office"),
        ("email", EMAIL),
        ("organization", "Lake County"),
        ("csrf_token", token.as_str()),
        ("website", ""),
    ];
    let sent = post(&svc, &mut b, LIST, &send).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let sent = follow(&svc, &mut b, sent).await;
    assert_eq!(sent.status, StatusCode::OK);
    assert!(sent.body.contains("Check your email"), "{}", sent.body);
    assert_eq!(rows(&site, "comments"), 2);
    assert_eq!(rows(&site, "rate_events"), 2, "each comment is counted");
    let last = last_comment_id(&site);
    let (first, second) = (site.comment(last - 1), site.comment(last));
    for c in [&first, &second] {
        assert_eq!(c.status(), CommentStatus::Unverified);
        assert!(sent.body.contains(&c.tracking_number), "{}", sent.body);
    }
    assert_eq!(first.proposed_text.as_deref(), Some(PROPOSED));
    assert_eq!(second.proposed_text, None);

    // One mail, one link, both comments named.
    let mails = site.deliver();
    assert_eq!(mails.len(), 1, "{mails:#?}");
    let mail = &mails[0];
    assert_eq!(mail.to, EMAIL);
    assert_eq!(mail.subject, "Confirm your comments (2 waiting)");
    let base = SiteConfig::default().base_url;
    assert_eq!(
        mail.text.matches(&format!("{base}/verify/")).count(),
        1,
        "{}",
        mail.text
    );
    assert!(mail.text.contains(&first.tracking_number), "{}", mail.text);
    assert!(mail.text.contains(&second.tracking_number), "{}", mail.text);
    let link = link_in(&mail.text, "/verify/list/");

    // Opening the link (a mail scanner does) changes nothing.
    let mut scanner = Browser::new("198.51.100.9");
    let page = get(&svc, &mut scanner, &link).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Confirm all 2 comments"),
        "{}",
        page.body
    );
    assert!(page.body.contains(ON_TRAINING), "{}", page.body);
    assert_eq!(site.comment(last).status(), CommentStatus::Unverified);
    assert_eq!(rows(&site, COMMENT_ENTRIES), 0);

    let done = confirm(&svc, &mut b, &link).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(
        done.body.contains("Your comments are confirmed"),
        "{}",
        done.body
    );
    for id in [last - 1, last] {
        let c = site.comment(id);
        assert_eq!(c.status(), CommentStatus::Published);
        assert_eq!(c.author_name, "Lake County Elections Office");
    }
    assert_eq!(
        rows(&site, COMMENT_ENTRIES),
        2,
        "both publications are in the ledger"
    );
    let custody = get(&svc, &mut other, CUSTODY_PAGE).await;
    assert!(custody.body.contains(ON_CUSTODY), "{}", custody.body);
    let training = get(&svc, &mut other, TRAINING_PAGE).await;
    assert!(training.body.contains(ON_TRAINING), "{}", training.body);

    // The link works once; the list is empty now.
    let again = get(&svc, &mut b, &link).await;
    assert_eq!(again.status, StatusCode::GONE);
    let list = get(&svc, &mut b, LIST).await;
    assert!(list.body.contains("Your list is empty."), "{}", list.body);
}

#[actix_web::test]
async fn a_list_is_sent_whole_or_not_at_all_and_a_comment_can_be_taken_out() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.82");
    // The proposal box left as the clause's text (a browser sends CRLF).
    let unchanged = "Ballots shall be logged at every hand-off, with two signatures.\r\n";
    gather(
        &svc,
        &mut b,
        CUSTODY_FORM,
        CUSTODY_POST,
        ON_CUSTODY,
        unchanged,
    )
    .await;
    gather(&svc, &mut b, TRAINING_FORM, TRAINING_POST, ON_TRAINING, "").await;
    // Gathering a clause again replaces what was gathered for it.
    gather(
        &svc,
        &mut b,
        TRAINING_FORM,
        TRAINING_POST,
        "Changed my mind.",
        "",
    )
    .await;
    let list = get(&svc, &mut b, LIST).await;
    assert!(list.body.contains("Send 2 comments"), "{}", list.body);
    assert!(!list.body.contains(ON_TRAINING), "{}", list.body);
    assert!(!list.body.contains("proposes new text"), "{}", list.body);
    let token = csrf_token_in(&list.body);

    // A bad address sends nothing, and the list is given back.
    let bad = [
        ("name", "Ana Example"),
        ("email", "not an address"),
        ("organization", ""),
        ("csrf_token", token.as_str()),
        ("website", ""),
    ];
    let refused = post(&svc, &mut b, LIST, &bad).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(
        refused.body.contains("aria-invalid=\"true\""),
        "{}",
        refused.body
    );
    assert!(refused.body.contains(ON_CUSTODY), "{}", refused.body);
    assert_eq!(rows(&site, "comments"), 0);
    assert_eq!(rows(&site, "rate_events"), 0);

    // A forged form changes nothing either.
    let forged = post(
        &svc,
        &mut b,
        LIST,
        &with(bad.to_vec(), "csrf_token", "forged"),
    )
    .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);

    // Take the custody comment out, then send the rest.
    let id = {
        let at = list.body.find("/remove\"").expect("a remove button");
        let start = list.body[..at].rfind("/comments/gathered/").unwrap();
        list.body[start + "/comments/gathered/".len()..at].to_string()
    };
    let removed = post(
        &svc,
        &mut b,
        &format!("{LIST}/{id}/remove"),
        &[("csrf_token", token.as_str())],
    )
    .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    let list = get(&svc, &mut b, LIST).await;
    assert!(list.body.contains("Send the comment"), "{}", list.body);
    assert!(!list.body.contains(ON_CUSTODY), "{}", list.body);

    let good = with(bad.to_vec(), "email", EMAIL);
    let sent = post(&svc, &mut b, LIST, &good).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert_eq!(rows(&site, "comments"), 1);
    assert_eq!(
        site.comment(last_comment_id(&site)).body_md,
        "Changed my mind."
    );
    // Sending the same form again finds an empty list and stores nothing more.
    let twice = post(&svc, &mut b, LIST, &good).await;
    assert_eq!(twice.status, StatusCode::SEE_OTHER);
    assert_eq!(rows(&site, "comments"), 1);
}
