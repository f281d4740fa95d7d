//! Signed letters: a commenter attaches a PDF to a comment through the
//! comment form (now `multipart/form-data`; the old web-form encoding still
//! works). The file is checked by its content, stored with the comment
//! while it waits for its confirmation, recorded by digest in the ledger
//! entry that publishes the comment, and served as a download only while
//! the comment is public.

use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::{header, StatusCode};
use actix_web::test as web_test;
use diesel::prelude::*;
use docket::comments::ledger;
use docket::comments::moderation::{self, Action, Actor};
use docket::comments::{Moderation, Settings};
use docket::db::models::{Attachment, LedgerRow, Role};
use docket::db::schema::attachments;
use docket::standard::sha256_hex;

use crate::comments::{
    app, call, confirm, fields, follow, get, last_comment_id, open_form, post, verification_link,
    with, Answer, Browser, Site, CUSTODY_FORM, CUSTODY_PAGE, CUSTODY_POST, EMAIL,
};
use crate::dispositions::staff_browser;
use crate::support::count;

const BOUNDARY: &str = "----docket-letter-test-7f3a9c";
const BODY: &str = "Our office's position is in the signed letter attached.";

/// A small but complete PDF: one page saying who signed, with a correct
/// cross-reference table.
fn pdf() -> Vec<u8> {
    let text = "BT /F1 18 Tf 72 720 Td (Signed: Pat Clerk, Lake County Elections) Tj ET";
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_string(),
        format!(
            "<< /Length {} >>\nstream\n{text}\nendstream",
            text.len() + 1
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for o in offsets {
        table.push_str(&format!("{o:010} 00000 n \n"));
    }
    out.extend_from_slice(table.as_bytes());
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A `multipart/form-data` body as a browser sends the comment form: the
/// text fields, then the file input (`None` sends it empty, as a browser
/// does when no file was chosen).
fn multipart(form: &[(&str, &str)], file: Option<(&str, &[u8])>) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, value) in form {
        out.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    let (file_name, bytes) = file.unwrap_or(("", b""));
    out.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"letter\"; \
             filename=\"{file_name}\"\r\nContent-Type: application/pdf\r\n\r\n"
        )
        .as_bytes(),
    );
    out.extend_from_slice(bytes);
    out.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    out
}

async fn post_multipart<S, B>(
    svc: &S,
    b: &mut Browser,
    uri: &str,
    form: &[(&str, &str)],
    file: Option<(&str, &[u8])>,
) -> Answer
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let req = web_test::TestRequest::post()
        .uri(uri)
        .insert_header((
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        ))
        .set_payload(multipart(form, file));
    call(svc, b, req).await
}

fn header_text(a: &Answer, name: header::HeaderName) -> String {
    a.headers
        .get(name)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

fn letters_stored(site: &Site) -> i64 {
    count(&mut site.conn(), "attachments")
}

fn letter_of(site: &Site, comment_id: i32) -> Attachment {
    Attachment::of_comment(&mut site.conn(), comment_id)
        .unwrap()
        .expect("the comment has a letter")
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

fn moderator() -> Actor {
    Actor {
        id: 7,
        name: "morgan.moderator".to_string(),
        role: Role::Moderator,
    }
}

fn act(site: &Site, id: i32, action: Action) {
    let settings = Settings {
        base_url: site.config.base_url.clone(),
        moderation: site.config.moderation,
    };
    let now = chrono::Utc::now().naive_utc();
    moderation::act(&mut site.conn(), &settings, id, &action, &moderator(), now).unwrap();
}

/// Send the custody form with a letter from a fresh browser, and confirm
/// it by the mailed link; returns the comment's id.
async fn comment_with_letter<S, B>(svc: &S, site: &Site, addr: &str, letter: &[u8]) -> i32
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let mut b = Browser::new(addr);
    let token = open_form(svc, &mut b, CUSTODY_FORM).await;
    let form = fields(&token, EMAIL, BODY);
    let a = post_multipart(
        svc,
        &mut b,
        CUSTODY_POST,
        &form,
        Some(("letter.pdf", letter)),
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let id = last_comment_id(site);
    assert_eq!(letters_stored(site), 1, "stored with the waiting comment");
    let link = verification_link(&site.deliver(), EMAIL);
    let a = confirm(svc, &mut b, &link).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    id
}

#[actix_web::test]
async fn a_signed_letter_is_confirmed_served_as_a_download_and_in_the_ledger() {
    let site = Site::ballots();
    let svc = app!(site);
    let letter = pdf();
    let mut b = Browser::new("192.0.2.80");
    let page = get(&svc, &mut b, CUSTODY_FORM).await;
    assert!(
        page.body.contains("enctype=\"multipart/form-data\"")
            && page.body.contains("Signed letter (PDF, at most 10 MB)")
            && page
                .body
                .contains("type=\"file\" id=\"f-letter\" name=\"letter\""),
        "{}",
        page.body
    );
    let token = open_form(&svc, &mut b, CUSTODY_FORM).await;
    let form = fields(&token, EMAIL, BODY);
    let file = Some(("Letter to the board.PDF", letter.as_slice()));
    let a = post_multipart(&svc, &mut b, CUSTODY_POST, &form, file).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let receipt = follow(&svc, &mut b, a).await;
    assert_eq!(receipt.status, StatusCode::OK, "{}", receipt.body);
    let id = last_comment_id(&site);
    let stored = letter_of(&site, id);
    assert_eq!(stored.file_name, "Letter to the board.pdf");
    assert_eq!(stored.size_bytes as usize, letter.len());
    assert_eq!(stored.sha256, sha256_hex(&letter));
    let href = format!("/letters/{}", stored.id);

    // Waiting for its author: not public, and neither is the letter.
    let mut reader = Browser::new("192.0.2.99");
    assert_eq!(
        get(&svc, &mut reader, &href).await.status,
        StatusCode::NOT_FOUND
    );

    let link = verification_link(&site.deliver(), EMAIL);
    let a = confirm(&svc, &mut b, &link).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);

    let a = get(&svc, &mut reader, &href).await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.body.as_bytes(), letter.as_slice(), "the bytes as sent");
    assert_eq!(header_text(&a, header::CONTENT_TYPE), "application/pdf");
    assert_eq!(
        header_text(&a, header::CONTENT_DISPOSITION),
        "attachment; filename=\"Letter to the board.pdf\""
    );
    assert_eq!(header_text(&a, header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    assert!(a.headers.get(header::CONTENT_ENCODING).is_none());
    let etag = header_text(&a, header::ETAG);
    let again = call(
        &svc,
        &mut reader,
        web_test::TestRequest::get()
            .uri(&href)
            .insert_header((header::IF_NONE_MATCH, etag)),
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);

    // The link under the comment, on the clause page and its own page.
    let size = format!("Signed letter (PDF, {} bytes)", letter.len());
    for page in [CUSTODY_PAGE.to_string(), format!("/comments/{id}")] {
        let a = get(&svc, &mut reader, &page).await;
        assert!(
            a.body
                .contains(&format!("<a href=\"{href}\" download>{size}")),
            "{page}: {}",
            a.body
        );
    }
    let api = get(
        &svc,
        &mut reader,
        "/api/v1/standards/ballots/versions/2/comments",
    )
    .await;
    assert!(api.body.contains(&href), "{}", api.body);
    let csv = get(&svc, &mut reader, "/standards/ballots/2/comments.csv").await;
    assert!(csv.body.contains(&href), "{}", csv.body);

    let entry = published_entry(&site, id);
    assert_eq!(entry["letter_sha256"], sha256_hex(&letter));
    assert_eq!(entry["letter_bytes"], letter.len());
    assert_eq!(entry["letter_name"], "Letter to the board.pdf");
    let report = ledger::verify_db(&mut site.conn()).unwrap();
    assert!(report.ok(), "{report:?}");
}

#[actix_web::test]
async fn verify_finds_a_letter_altered_or_removed() {
    let site = Site::ballots();
    let svc = app!(site);
    let id = comment_with_letter(&svc, &site, "192.0.2.81", &pdf()).await;
    let tracking = site.comment(id).tracking_number;
    let mut conn = site.conn();
    assert!(ledger::verify_db(&mut conn).unwrap().ok());

    let forged = b"%PDF-1.4\n(I never signed this) Tj\n%%EOF\n".to_vec();
    diesel::update(attachments::table)
        .set(attachments::content.eq(&forged))
        .execute(&mut conn)
        .unwrap();
    let b = ledger::verify_db(&mut conn).unwrap().broken.expect("found");
    assert!(
        b.record
            .as_deref()
            .unwrap_or("")
            .contains(&format!("the signed letter of comment {id} ({tracking})")),
        "{b:?}"
    );
    assert!(b.reason.contains("no longer hash"), "{b:?}");

    // The digest and size changed to match: the ledger still disagrees.
    diesel::update(attachments::table)
        .set((
            attachments::sha256.eq(sha256_hex(&forged)),
            attachments::size_bytes.eq(forged.len() as i32),
        ))
        .execute(&mut conn)
        .unwrap();
    let b = ledger::verify_db(&mut conn).unwrap().broken.expect("found");
    assert!(b.reason.contains("signed letter differs"), "{b:?}");

    diesel::delete(attachments::table)
        .execute(&mut conn)
        .unwrap();
    let b = ledger::verify_db(&mut conn).unwrap().broken.expect("found");
    assert!(b.reason.contains("no longer exists"), "{b:?}");
}

#[actix_web::test]
async fn an_html_file_named_letter_pdf_is_refused_and_nothing_is_stored() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.82");
    let token = open_form(&svc, &mut b, CUSTODY_FORM).await;
    let form = fields(&token, EMAIL, BODY);
    let html =
        b"<!doctype html><title>Letter</title><script>alert(document.cookie)</script>\n%%EOF";
    let a = post_multipart(
        &svc,
        &mut b,
        CUSTODY_POST,
        &form,
        Some(("letter.pdf", html)),
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.body);
    assert!(a.body.contains("is not a PDF"), "{}", a.body);
    assert!(a.body.contains("id=\"f-letter-error\""), "{}", a.body);
    assert!(
        a.body.contains("in the signed letter attached."),
        "{}",
        a.body
    );
    assert!(
        a.body.contains("value=\"Ana Example\""),
        "the fields are kept"
    );
    let mut conn = site.conn();
    assert_eq!(count(&mut conn, "comments"), 0);
    assert_eq!(count(&mut conn, "attachments"), 0);
    assert_eq!(count(&mut conn, "outbox"), 0);
}

#[actix_web::test]
async fn a_letter_over_10_mb_is_refused_with_the_form_kept() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.83");
    let token = open_form(&svc, &mut b, CUSTODY_FORM).await;
    let form = fields(&token, EMAIL, BODY);
    // A real PDF, padded with a comment to 11 MB.
    let mut big = b"%PDF-1.4\n%".to_vec();
    big.resize(11 * 1024 * 1024, b'x');
    big.extend_from_slice(b"\n%%EOF\n");
    let a = post_multipart(&svc, &mut b, CUSTODY_POST, &form, Some(("big.pdf", &big))).await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", a.body);
    assert!(a.body.contains("larger than 10 MB"), "{}", a.body);
    assert!(
        a.body.contains("value=\"Ana Example\""),
        "the fields are kept"
    );
    let mut conn = site.conn();
    assert_eq!(count(&mut conn, "comments"), 0);
    assert_eq!(count(&mut conn, "attachments"), 0);

    // Other forms keep their small limit.
    let huge = "y".repeat(300 * 1024);
    let a = post(
        &svc,
        &mut b,
        "/comments/1/flag",
        &[("reason", huge.as_str())],
    )
    .await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[actix_web::test]
async fn a_letter_is_served_only_while_its_comment_is_public() {
    let site = Site::ballots().with_moderation(Moderation::Pre);
    let svc = app!(site);
    let letter = pdf();
    let id = comment_with_letter(&svc, &site, "192.0.2.84", &letter).await;
    let href = format!("/letters/{}", letter_of(&site, id).id);
    let mut reader = Browser::new("192.0.2.99");
    // Confirmed, waiting for a moderator.
    assert_eq!(site.comment(id).status, "pending");
    assert_eq!(
        get(&svc, &mut reader, &href).await.status,
        StatusCode::NOT_FOUND
    );
    // The moderators review it, letter included, before it is public.
    let staff_href = href.replace("/letters/", "/moderation/letters/");
    let mut m = staff_browser(&svc, &site, "morgan.moderator", Role::Moderator).await;
    let queue = get(&svc, &mut m, "/moderation").await;
    assert!(
        queue
            .body
            .contains(&format!("<a href=\"{staff_href}\" download>")),
        "{}",
        queue.body
    );
    let a = get(&svc, &mut m, &staff_href).await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.body.as_bytes(), letter.as_slice());
    assert_eq!(header_text(&a, header::CACHE_CONTROL), "private, no-store");
    let a = get(&svc, &mut reader, &staff_href).await;
    assert_eq!(
        a.status,
        StatusCode::SEE_OTHER,
        "the public is sent to sign in"
    );

    act(&site, id, Action::Publish);
    assert_eq!(get(&svc, &mut reader, &href).await.status, StatusCode::OK);
    // Published by a moderator: the entry records the letter too.
    assert_eq!(
        published_entry(&site, id)["letter_sha256"],
        sha256_hex(&letter)
    );

    act(&site, id, Action::Hide("Not about this standard.".into()));
    assert_eq!(
        get(&svc, &mut reader, &href).await.status,
        StatusCode::NOT_FOUND
    );
    let page = get(&svc, &mut reader, CUSTODY_PAGE).await;
    assert!(!page.body.contains(&href), "no link under a tombstone");
    assert_eq!(
        get(&svc, &mut reader, "/letters/999999").await.status,
        StatusCode::NOT_FOUND
    );
    assert!(ledger::verify_db(&mut site.conn()).unwrap().ok());
}

#[actix_web::test]
async fn preview_and_save_for_later_do_not_keep_the_file_and_say_so() {
    let site = Site::ballots();
    let svc = app!(site);
    let letter = pdf();
    let mut b = Browser::new("192.0.2.85");
    let token = open_form(&svc, &mut b, CUSTODY_FORM).await;
    let file = Some(("letter.pdf", letter.as_slice()));

    let form = with(fields(&token, EMAIL, BODY), "preview", "1");
    let a = post_multipart(&svc, &mut b, CUSTODY_POST, &form, file).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(a.body.contains("Preview of your comment"), "{}", a.body);
    assert!(a.body.contains("Signed letter (PDF, "), "{}", a.body);
    assert!(a.body.contains("Choose the file again"), "{}", a.body);

    let form = with(fields(&token, EMAIL, BODY), "keep", "1");
    let a = post_multipart(&svc, &mut b, CUSTODY_POST, &form, file).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(
        a.body.contains("Choose the file again when you send"),
        "{}",
        a.body
    );

    // A problem elsewhere in the form: the file is not kept either.
    let form = with(fields(&token, EMAIL, BODY), "body", "");
    let a = post_multipart(&svc, &mut b, CUSTODY_POST, &form, file).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.body);
    assert!(a
        .body
        .contains("Choose the file again: the comment was not sent"));

    let mut conn = site.conn();
    assert_eq!(count(&mut conn, "comments"), 0);
    assert_eq!(count(&mut conn, "attachments"), 0);
}

#[actix_web::test]
async fn both_encodings_of_the_form_still_send_a_comment_without_a_letter() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.86");
    let token = open_form(&svc, &mut b, CUSTODY_FORM).await;
    let a = post(
        &svc,
        &mut b,
        CUSTODY_POST,
        &fields(&token, EMAIL, "As a web form."),
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let form = fields(&token, EMAIL, "As multipart, no file chosen.");
    let a = post_multipart(&svc, &mut b, CUSTODY_POST, &form, None).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    assert_eq!(count(&mut site.conn(), "comments"), 2);
    assert_eq!(letters_stored(&site), 0);

    // A multipart field that is not UTF-8 is refused, as in a web form.
    let mut body = multipart(&fields(&token, EMAIL, "bad UTF8MARK"), None);
    let at = body.windows(8).position(|w| w == b"UTF8MARK").unwrap();
    body[at] = 0xff;
    let req = web_test::TestRequest::post()
        .uri(CUSTODY_POST)
        .insert_header((
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        ))
        .set_payload(body);
    let a = call(&svc, &mut b, req).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.body);
    assert_eq!(count(&mut site.conn(), "comments"), 2);
}

#[actix_web::test]
async fn a_letter_cannot_be_added_to_a_list_and_the_form_says_so() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut b = Browser::new("192.0.2.84");
    let token = open_form(&svc, &mut b, CUSTODY_FORM).await;
    let form = with(fields(&token, EMAIL, BODY), "gather", "1");
    let a = post_multipart(
        &svc,
        &mut b,
        CUSTODY_POST,
        &form,
        Some(("letter.pdf", &pdf())),
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.body);
    assert!(
        a.body
            .contains("A signed letter cannot be added to a list."),
        "{}",
        a.body
    );
    assert!(
        a.body.contains("value=\"Ana Example\""),
        "the fields are kept"
    );
    let mut conn = site.conn();
    assert_eq!(count(&mut conn, "kept_drafts"), 0);
    assert_eq!(count(&mut conn, "comments"), 0);
    assert_eq!(count(&mut conn, "attachments"), 0);
}
