//! Commenting the way an office does: the higher limit of a remembered
//! verified commenter, a refused submission that keeps every word typed,
//! proposed text that starts as the clause's text, and a preview that
//! sends nothing.

use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::{header, StatusCode};
use docket::comments::limits::{COMMENTS_PER_HOUR, VERIFIED_COMMENTS_PER_HOUR};
use docket::db::models::CommentStatus;

use crate::comments::{
    app, confirm, fields, get, last_comment_id, open_form, post, submit, verification_link, with,
    Browser, Site, CUSTODY_FORM, CUSTODY_POST, EMAIL, OTHER_EMAIL,
};
use crate::support::count;

const CLAUSE_TEXT: &str = "Ballots shall be logged at every hand-off, with two signatures.";

/// Undo the escaping of a template: named and numeric character references.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').expect("a reference ends with ;");
        let name = &rest[1..end];
        let c = match name {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let n = match name.strip_prefix("#x") {
                    Some(hex) => u32::from_str_radix(hex, 16).unwrap(),
                    None => name.strip_prefix('#').unwrap().parse().unwrap(),
                };
                char::from_u32(n).unwrap()
            }
        };
        out.push(c);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// What the text area with this id holds.
pub(crate) fn textarea(html: &str, id: &str) -> String {
    let open = format!("<textarea id=\"{id}\"");
    let at = html
        .find(&open)
        .unwrap_or_else(|| panic!("no {id} in:\n{html}"));
    let rest = &html[at..];
    let start = rest.find('>').unwrap() + 1;
    let end = rest.find("</textarea>").unwrap();
    unescape(&rest[start..end])
}

/// The value of the input with this id.
pub(crate) fn input_value(html: &str, id: &str) -> String {
    let at = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no {id} in:\n{html}"));
    let rest = &html[at..];
    let start = rest.find("value=\"").unwrap() + "value=\"".len();
    let end = start + rest[start..].find('"').unwrap();
    unescape(&rest[start..end])
}

/// Rows that a preview or a refusal must leave alone.
fn counts(site: &Site) -> [i64; 4] {
    let mut conn = site.conn();
    ["comments", "outbox", "rate_events", "ledger"].map(|t| count(&mut conn, t))
}

/// A comment from `b`, confirmed by its emailed link: `b` is then a
/// remembered browser for `email`.
async fn remembered<S, B>(svc: &S, site: &Site, b: &mut Browser, email: &str)
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    submit(svc, b, email, "First, to confirm the address.").await;
    let link = verification_link(&site.deliver(), email);
    let a = confirm(svc, b, &link).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(b.has_cookie(docket::web::comments::REMEMBER_COOKIE));
}

#[actix_web::test]
async fn the_comment_over_the_address_limit_comes_back_with_every_field_and_the_wait() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("198.51.100.20");
    let token = open_form(&svc, &mut b, CUSTODY_FORM).await;
    for i in 0..COMMENTS_PER_HOUR {
        let body = format!("Clause note {i}.");
        let a = post(&svc, &mut b, CUSTODY_POST, &fields(&token, EMAIL, &body)).await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{i}: {}", a.body);
    }
    let before = counts(&site);
    let body = "Logs <b>must</b> show who & when.\nSecond line.";
    let proposed = "Ballots shall be logged at every hand-off, with one signature.";
    let form = with(
        with(fields(&token, EMAIL, body), "proposed_text", proposed),
        "kind",
        "editorial",
    );
    let a = post(&svc, &mut b, CUSTODY_POST, &form).await;
    assert_eq!(a.status, StatusCode::TOO_MANY_REQUESTS, "{}", a.body);
    let retry: u64 = a
        .headers
        .get(header::RETRY_AFTER)
        .unwrap()
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 0 && retry <= 3600, "{retry}");
    let minutes = retry.div_ceil(60);
    assert!(
        a.body
            .contains(&format!("You can send it again in {minutes} minutes.")),
        "{}",
        a.body
    );
    assert!(a.body.contains("Too many requests"), "{}", a.body);
    // The form, with everything typed still in it.
    assert!(a.body.contains(&format!("action=\"{CUSTODY_POST}\"")));
    assert_eq!(input_value(&a.body, "f-name"), "Ana Example");
    assert_eq!(input_value(&a.body, "f-email"), EMAIL);
    assert_eq!(
        input_value(&a.body, "f-organization"),
        "County Clerks' Association"
    );
    assert!(a
        .body
        .contains("id=\"f-kind-editorial\" name=\"kind\" value=\"editorial\" checked"));
    assert!(!a
        .body
        .contains("id=\"f-kind-technical\" name=\"kind\" value=\"technical\" checked"));
    assert_eq!(textarea(&a.body, "f-body"), body);
    assert_eq!(textarea(&a.body, "f-proposed_text"), proposed);
    assert_eq!(counts(&site), before, "nothing stored, mailed or counted");
}

#[actix_web::test]
async fn a_remembered_verified_commenter_has_the_higher_limit_counted_per_commenter() {
    let site = Site::ballots();
    let svc = app!(site);
    let office = "198.51.100.30";
    let mut b = Browser::new(office);
    remembered(&svc, &site, &mut b, EMAIL).await;
    let token = open_form(&svc, &mut b, CUSTODY_FORM).await;
    for i in 0..VERIFIED_COMMENTS_PER_HOUR {
        let body = format!("Office comment {i}.");
        let a = post(&svc, &mut b, CUSTODY_POST, &fields(&token, EMAIL, &body)).await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{i}: {}", a.body);
    }
    assert_eq!(
        site.comment(last_comment_id(&site)).status(),
        CommentStatus::Published
    );
    let stored = count(&mut site.conn(), "comments");
    assert_eq!(stored, 1 + i64::from(VERIFIED_COMMENTS_PER_HOUR));
    let a = post(
        &svc,
        &mut b,
        CUSTODY_POST,
        &fields(&token, EMAIL, "One more than an office may send."),
    )
    .await;
    assert_eq!(a.status, StatusCode::TOO_MANY_REQUESTS, "{}", a.body);
    assert!(a.headers.contains_key(header::RETRY_AFTER));
    assert_eq!(
        textarea(&a.body, "f-body"),
        "One more than an office may send."
    );
    assert_eq!(count(&mut site.conn(), "comments"), stored);

    // The office's comments were counted against the commenter, not the
    // address: a colleague at the same address still has theirs.
    let mut colleague = Browser::new(office);
    let a = submit(&svc, &mut colleague, OTHER_EMAIL, "From the same office.").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(count(&mut site.conn(), "comments"), stored + 1);

    // The cookie with another address typed earns nothing: that comment
    // waits for a link and counts against the address, whose first
    // comment was the confirmation above.
    let mut spent = 2;
    while spent < COMMENTS_PER_HOUR {
        let body = format!("Typed as someone else {spent}.");
        let form = fields(&token, "someone.else@example.com", &body);
        let a = post(&svc, &mut b, CUSTODY_POST, &form).await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{spent}: {}", a.body);
        spent += 1;
    }
    let form = fields(
        &token,
        "someone.else@example.com",
        "Over the address limit.",
    );
    let a = post(&svc, &mut b, CUSTODY_POST, &form).await;
    assert_eq!(a.status, StatusCode::TOO_MANY_REQUESTS, "{}", a.body);
}

#[actix_web::test]
async fn proposed_text_starts_as_the_clause_and_left_unchanged_proposes_nothing() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.40");
    let page = get(&svc, &mut b, CUSTODY_FORM).await;
    assert_eq!(page.status, StatusCode::OK);
    let prefilled = textarea(&page.body, "f-proposed_text");
    assert_eq!(prefilled.trim(), CLAUSE_TEXT);

    // Sent back as a browser sends a text area: CR LF line ends.
    let token = crate::support::csrf_token_in(&page.body);
    let sent = format!("{}\r\n", prefilled.trim());
    let form = with(
        fields(&token, EMAIL, "No change to the wording."),
        "proposed_text",
        &sent,
    );
    let a = post(&svc, &mut b, CUSTODY_POST, &form).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let c = site.comment(last_comment_id(&site));
    assert_eq!(c.proposed_text, None);
    assert_eq!(c.proposed_html, None);

    // An edited box is a proposal.
    let edited = CLAUSE_TEXT.replace("two signatures", "one signature");
    let form = with(
        fields(&token, EMAIL, "One is enough."),
        "proposed_text",
        &edited,
    );
    let a = post(&svc, &mut b, CUSTODY_POST, &form).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let c = site.comment(last_comment_id(&site));
    assert_eq!(c.proposed_text.as_deref(), Some(edited.as_str()));

    // A whole-version comment and a reply have no proposed-text box.
    let page = get(&svc, &mut b, "/standards/ballots/2/comments/new").await;
    assert!(!page.body.contains("f-proposed_text"), "{}", page.body);
}

#[actix_web::test]
async fn a_preview_shows_the_comment_and_its_redline_and_stores_nothing() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.50");
    let page = get(&svc, &mut b, CUSTODY_FORM).await;
    assert!(
        page.body
            .contains("<button type=\"submit\" name=\"preview\" value=\"1\""),
        "{}",
        page.body
    );
    let token = crate::support::csrf_token_in(&page.body);
    let before = counts(&site);
    let proposed = CLAUSE_TEXT.replace("two signatures", "one signature");
    let form = with(
        with(
            fields(&token, EMAIL, "Small sites have **one** clerk."),
            "proposed_text",
            &proposed,
        ),
        "preview",
        "1",
    );
    let a = post(&svc, &mut b, CUSTODY_POST, &form).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(a.body.contains("Preview of your comment"), "{}", a.body);
    assert!(
        a.body
            .contains("Small sites have <strong>one</strong> clerk."),
        "{}",
        a.body
    );
    assert!(a.body.contains("<bdi>Ana Example</bdi>"), "{}", a.body);
    assert!(a.body.contains("<del><span class=\"sr-only\">[deleted: </span>two signatures<span class=\"sr-only\">]</span></del>"), "{}", a.body);
    assert!(a.body.contains("<ins><span class=\"sr-only\">[inserted: </span>one signature<span class=\"sr-only\">]</span></ins>"), "{}", a.body);
    // Everything typed is still in the form, ready to send.
    assert_eq!(
        textarea(&a.body, "f-body"),
        "Small sites have **one** clerk."
    );
    assert_eq!(textarea(&a.body, "f-proposed_text"), proposed);
    assert_eq!(input_value(&a.body, "f-email"), EMAIL);
    assert_eq!(counts(&site), before, "a preview stores nothing");
    assert!(site.deliver().is_empty(), "a preview mails nothing");

    // Previews do not count against the limit: after more previews than
    // the limit allows, every comment can still be sent.
    for _ in 0..=COMMENTS_PER_HOUR {
        let a = post(&svc, &mut b, CUSTODY_POST, &form).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    }
    assert_eq!(counts(&site), before);
    for i in 0..COMMENTS_PER_HOUR {
        let body = format!("Sent {i}.");
        let a = post(&svc, &mut b, CUSTODY_POST, &fields(&token, EMAIL, &body)).await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{i}: {}", a.body);
    }

    // A preview of a bad form names the problem, and also stores nothing.
    let before = counts(&site);
    let bad = with(form.clone(), "email", "not an address");
    let a = post(&svc, &mut b, CUSTODY_POST, &bad).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.body);
    assert!(!a.body.contains("Preview of your comment"));
    assert_eq!(counts(&site), before);
}

#[actix_web::test]
async fn a_preview_with_a_forged_csrf_token_is_refused_and_changes_nothing() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.60");
    open_form(&svc, &mut b, CUSTODY_FORM).await;
    let before = counts(&site);
    let form = with(fields("forged-token", EMAIL, "Preview me."), "preview", "1");
    let a = post(&svc, &mut b, CUSTODY_POST, &form).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.body);
    assert!(!a.body.contains("Preview of your comment"));
    assert!(!a.body.contains("Preview me."));
    assert_eq!(counts(&site), before);
    assert!(site.deliver().is_empty());
}
