//! The outbox and its transports: nothing queued is ever lost.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};

use chrono::{NaiveDateTime, Timelike, Utc};
use docket::db::models::OutboxRow;
use docket::db::write_tx;
use docket::mail::{self, MemoryTransport, Message, SmtpTransport, Transport};

use crate::browser::free_port;
use crate::support::{count, TestDb};

fn message(to: &str, subject: &str) -> Message {
    Message {
        to: to.to_string(),
        subject: subject.to_string(),
        text: format!("Hello,\n\nThis is about: {subject}.\n"),
        list_unsubscribe: None,
    }
}

/// The time now, to the microsecond that PostgreSQL keeps.
fn now() -> NaiveDateTime {
    let t = Utc::now().naive_utc();
    t.with_nanosecond(t.nanosecond() / 1000 * 1000).unwrap()
}

fn enqueue(db: &TestDb, msg: &Message) -> i32 {
    write_tx(&mut db.conn(), |conn| mail::enqueue(conn, msg)).unwrap()
}

fn row(db: &TestDb, id: i32) -> OutboxRow {
    OutboxRow::by_id(&mut db.conn(), id).unwrap()
}

/// The decoded body of a raw RFC 5322 message (quoted-printable).
fn body_of(raw: &str) -> String {
    let (_, body) = raw.split_once("\r\n\r\n").expect("a header/body separator");
    let decoded = quoted_printable::decode(body.as_bytes(), quoted_printable::ParseMode::Robust)
        .expect("quoted-printable body");
    String::from_utf8(decoded).unwrap().replace("\r\n", "\n")
}

/// Header lines with continuation lines unfolded.
fn headers_of(raw: &str) -> String {
    let (head, _) = raw.split_once("\r\n\r\n").expect("a header/body separator");
    head.replace("\r\n ", " ").replace("\r\n\t", " ")
}

#[test]
fn enqueued_mail_is_sent_once_with_its_headers() {
    let db = TestDb::new();
    let mut unsub = message("reader@example.org", "A reply to your comment");
    unsub.list_unsubscribe = Some("https://standards.example.org/unsubscribe/abc123".to_string());
    let a = enqueue(&db, &message("first@example.org", "Confirm your address"));
    let b = enqueue(&db, &unsub);
    assert_ne!(a, b);

    let transport = MemoryTransport::new();
    assert_eq!(mail::drain_once(&db.pool, &transport).unwrap(), 2);
    let sent = transport.sent();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].outbox_id, a);
    assert_eq!(sent[0].to, "first@example.org");
    assert_eq!(sent[0].subject, "Confirm your address");
    assert!(sent[0]
        .text
        .contains("This is about: Confirm your address."));
    let first = headers_of(&sent[0].raw);
    assert!(first.contains("To: first@example.org"), "{first}");
    assert!(first.contains("Subject: Confirm your address"), "{first}");
    assert!(first.contains("From: Docket <docket@localhost>"), "{first}");
    assert!(
        first.contains(&format!("Message-ID: <outbox.{a}.")),
        "{first}"
    );
    assert!(first.contains("@localhost>"), "{first}");
    assert!(first.contains("Date: "), "{first}");
    assert!(!first.contains("List-Unsubscribe"), "{first}");

    let second = headers_of(&sent[1].raw);
    assert!(
        second.contains("List-Unsubscribe: <https://standards.example.org/unsubscribe/abc123>"),
        "{second}"
    );
    assert!(
        second.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
        "{second}"
    );

    for id in [a, b] {
        let r = row(&db, id);
        assert!(r.sent_at.is_some());
        assert_eq!(r.attempts, 1);
        assert!(r.claimed_until.is_none());
    }
    // Sent mail is kept, and never sent twice.
    assert_eq!(mail::drain_once(&db.pool, &transport).unwrap(), 0);
    assert_eq!(transport.sent().len(), 2);
    assert_eq!(count(&mut db.conn(), "outbox"), 2);
    assert_eq!(OutboxRow::pending_count(&mut db.conn()).unwrap(), 0);
}

#[test]
fn mail_rolls_back_with_the_transaction_that_queued_it() {
    let db = TestDb::new();
    let result: Result<(), diesel::result::Error> = write_tx(&mut db.conn(), |conn| {
        mail::enqueue(conn, &message("someone@example.org", "Never sent"))?;
        Err(diesel::result::Error::RollbackTransaction)
    });
    assert!(result.is_err());
    assert_eq!(count(&mut db.conn(), "outbox"), 0);
}

#[test]
fn mail_that_could_never_be_sent_is_refused_when_queued() {
    let db = TestDb::new();
    let mut conn = db.conn();
    for bad in [
        "",
        "not an address",
        "a@b.org\r\nBcc: x@y.org",
        " padded@example.org",
    ] {
        assert!(!mail::is_valid_address(bad), "{bad:?}");
        let err = mail::enqueue(&mut conn, &message(bad, "x")).unwrap_err();
        assert!(
            err.to_string().contains("not a valid email address"),
            "{err}"
        );
    }
    let mut msg = message("ok@example.org", "x");
    msg.list_unsubscribe = Some("https://example.org/u>\r\nBcc: x@y.org".to_string());
    assert!(mail::enqueue(&mut conn, &msg).is_err());
    msg.list_unsubscribe = Some("javascript:alert(1)".to_string());
    assert!(mail::enqueue(&mut conn, &msg).is_err());
    assert_eq!(count(&mut conn, "outbox"), 0);
    assert!(mail::is_valid_address("ok@example.org"));
}

#[test]
fn a_failed_send_stays_queued_and_is_retried_later() {
    let db = TestDb::new();
    let id = enqueue(&db, &message("voter@example.org", "Your receipt"));
    let transport = MemoryTransport::new();
    transport.set_failing(true);
    let t0 = now();

    assert_eq!(mail::drain_at(&db.pool, &transport, t0).unwrap(), 0);
    let failed = row(&db, id);
    assert!(failed.sent_at.is_none());
    assert_eq!(failed.attempts, 1);
    assert!(failed.claimed_until.is_none());
    assert!(failed
        .last_error
        .as_deref()
        .unwrap()
        .contains("unavailable"));
    let wait = failed.next_attempt_at - t0;
    assert_eq!(wait, chrono::Duration::seconds(30));

    // Not due yet: nothing is attempted, even with a working transport.
    transport.set_failing(false);
    assert_eq!(mail::drain_at(&db.pool, &transport, t0).unwrap(), 0);
    assert_eq!(row(&db, id).attempts, 1);

    // A second failure waits longer.
    transport.set_failing(true);
    let t1 = failed.next_attempt_at;
    assert_eq!(mail::drain_at(&db.pool, &transport, t1).unwrap(), 0);
    let again = row(&db, id);
    assert_eq!(again.attempts, 2);
    assert_eq!(again.next_attempt_at - t1, chrono::Duration::seconds(60));

    transport.set_failing(false);
    assert_eq!(
        mail::drain_at(&db.pool, &transport, again.next_attempt_at).unwrap(),
        1
    );
    let sent = row(&db, id);
    assert!(sent.sent_at.is_some());
    assert_eq!(sent.attempts, 3);
    assert!(sent.last_error.is_none());
    assert_eq!(transport.sent().len(), 1);
    assert_eq!(transport.sent()[0].subject, "Your receipt");
}

#[test]
fn backoff_doubles_up_to_an_hour() {
    let secs: Vec<u64> = (1..=9).map(|n| mail::backoff(n).as_secs()).collect();
    assert_eq!(secs, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
    assert_eq!(mail::backoff(1000).as_secs(), 3600);
    assert_eq!(mail::backoff(0).as_secs(), 30);
}

#[test]
fn an_outage_defers_the_rest_of_the_batch_untouched() {
    let db = TestDb::new();
    let ids: Vec<i32> = (0..3)
        .map(|i| enqueue(&db, &message(&format!("p{i}@example.org"), "Batch")))
        .collect();
    let transport = MemoryTransport::new();
    transport.set_failing(true);
    assert_eq!(mail::drain_once(&db.pool, &transport).unwrap(), 0);
    assert_eq!(row(&db, ids[0]).attempts, 1);
    for id in &ids[1..] {
        let r = row(&db, *id);
        assert_eq!(r.attempts, 0, "not attempted, not penalised");
        assert!(r.claimed_until.is_none(), "released for the next round");
    }
    transport.set_failing(false);
    assert_eq!(mail::drain_once(&db.pool, &transport).unwrap(), 2);
    let later = now() + chrono::Duration::hours(2);
    assert_eq!(mail::drain_at(&db.pool, &transport, later).unwrap(), 1);
    assert_eq!(OutboxRow::pending_count(&mut db.conn()).unwrap(), 0);
    assert_eq!(transport.sent().len(), 3);
}

#[test]
fn claimed_mail_is_not_claimed_twice_until_the_lease_ends() {
    let db = TestDb::new();
    let id = enqueue(&db, &message("a@example.org", "Claim"));
    let mut conn = db.conn();
    let t = now();
    let lease = t + chrono::Duration::minutes(5);
    let first = OutboxRow::claim_due(&mut conn, t, lease, 10).unwrap();
    assert_eq!(first.iter().map(|r| r.id).collect::<Vec<_>>(), [id]);
    assert!(OutboxRow::claim_due(&mut conn, t, lease, 10)
        .unwrap()
        .is_empty());
    // A worker that died leaves its claim to expire; then another sends it.
    let after = lease + chrono::Duration::seconds(1);
    let again = OutboxRow::claim_due(&mut conn, after, after, 10).unwrap();
    assert_eq!(again.len(), 1);
}

#[test]
fn the_file_transport_writes_a_readable_eml() {
    let db = TestDb::new();
    let data = tempfile::tempdir().unwrap();
    let link = format!(
        "http://127.0.0.1:8080/verify/{}",
        "0123456789abcdef".repeat(6)
    );
    let mut msg = message("new.commenter@example.org", "Confirm your comment");
    msg.text = format!("Thank you for your comment.\n\nConfirm it by opening this link:\n{link}\n\n— Ünïcode survives too.\n");
    enqueue(&db, &msg);

    let transport =
        mail::transport_from_settings(None, data.path(), "Standards Desk <desk@example.org>")
            .unwrap();
    assert!(
        transport.describe().contains("mail"),
        "{}",
        transport.describe()
    );
    assert_eq!(mail::drain_once(&db.pool, transport.as_ref()).unwrap(), 1);

    let files = eml_files(&data.path().join("mail"));
    assert_eq!(files.len(), 1, "{files:?}");
    let raw = std::fs::read_to_string(&files[0]).unwrap();
    let head = headers_of(&raw);
    assert!(head.contains("To: new.commenter@example.org"), "{head}");
    assert!(
        head.contains("From: \"Standards Desk\" <desk@example.org>")
            || head.contains("From: Standards Desk <desk@example.org>"),
        "{head}"
    );
    assert!(head.contains("Subject: Confirm your comment"), "{head}");
    assert!(
        head.contains("Content-Type: text/plain; charset=utf-8"),
        "{head}"
    );
    let body = body_of(&raw);
    assert!(body.contains(&link), "the link survives whole:\n{body}");
    assert!(body.contains("Ünïcode survives too."), "{body}");
}

#[test]
fn an_unusable_smtp_url_or_sender_is_refused_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let err = mail::transport_from_settings(
        Some("ftp://mail.example.org"),
        dir.path(),
        mail::DEFAULT_FROM,
    )
    .err()
    .unwrap();
    assert!(format!("{err:#}").contains("DOCKET_SMTP_URL"), "{err:#}");
    let err = mail::transport_from_settings(None, dir.path(), "no address here")
        .err()
        .unwrap();
    assert!(format!("{err:#}").contains("mail sender"), "{err:#}");
}

fn eml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "eml"));
    files.sort();
    files
}

/// A real SMTP server on loopback (`tests/smtp/server.py`, aiosmtpd),
/// writing what it receives into a directory.
struct SmtpServer {
    child: Child,
    stdin: Option<ChildStdin>,
}

fn python() -> String {
    std::env::var("DOCKET_TEST_PYTHON").unwrap_or_else(|_| {
        // Debian's interpreter sees Debian's python3-aiosmtpd even when
        // another python3 comes first on PATH.
        if Path::new("/usr/bin/python3").exists() {
            "/usr/bin/python3".to_string()
        } else {
            "python3".to_string()
        }
    })
}

impl SmtpServer {
    fn start(port: u16, dir: &Path) -> Result<SmtpServer, String> {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/smtp/server.py");
        let mut child = Command::new(python())
            .arg(&script)
            .arg(port.to_string())
            .arg(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("cannot run {} ({e}); install python3", python()))?;
        let stdout = child.stdout.take().unwrap();
        let mut line = String::new();
        // Blocks until the server accepts connections or exits.
        let _ = BufReader::new(stdout).read_line(&mut line);
        if line.trim() == "READY" {
            let stdin = child.stdin.take();
            return Ok(SmtpServer { child, stdin });
        }
        let _ = child.kill();
        let _ = child.wait();
        Err(if line.trim().is_empty() {
            "the test SMTP server did not start".to_string()
        } else {
            line.trim().to_string()
        })
    }

    /// Close its standard input, which stops it, and wait until it has.
    fn stop(mut self) {
        self.stdin.take();
        let _ = self.child.wait();
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.stdin.take();
        let _ = self.child.wait();
    }
}

/// Start the loopback server, or say what is missing and skip; with
/// `DOCKET_REQUIRE_SMTP=1` (set by CI) a missing server is a failure.
fn smtp_or_skip(port: u16, dir: &Path) -> Option<SmtpServer> {
    match SmtpServer::start(port, dir) {
        Ok(server) => Some(server),
        Err(why) => {
            if std::env::var("DOCKET_REQUIRE_SMTP").is_ok_and(|v| v == "1") {
                panic!("the SMTP test server is required (DOCKET_REQUIRE_SMTP=1): {why}");
            }
            eprintln!("skipping the SMTP test: {why}");
            None
        }
    }
}

fn smtp_transport(port: u16) -> SmtpTransport {
    SmtpTransport::new(
        &format!("smtp://127.0.0.1:{port}"),
        mail::parse_from("Docket Test <docket@example.org>").unwrap(),
    )
    .unwrap()
}

#[test]
fn mail_goes_through_a_real_smtp_server() {
    let inbox = tempfile::tempdir().unwrap();
    let port = free_port();
    let Some(server) = smtp_or_skip(port, inbox.path()) else {
        return;
    };
    let db = TestDb::new();
    let mut msg = message("commenter@example.org", "Please confirm your comment");
    msg.text = format!(
        "Open this link to confirm:\nhttp://127.0.0.1:8080/comments/verify/{}\n",
        "f".repeat(90)
    );
    msg.list_unsubscribe = Some("http://127.0.0.1:8080/unsubscribe/xyz".to_string());
    let id = enqueue(&db, &msg);

    let transport = smtp_transport(port);
    assert_eq!(mail::drain_once(&db.pool, &transport).unwrap(), 1);
    server.stop();

    let files = eml_files(inbox.path());
    assert_eq!(files.len(), 1, "{files:?}");
    let raw = std::fs::read_to_string(&files[0]).unwrap();
    let head = headers_of(&raw);
    assert!(head.contains("To: commenter@example.org"), "{head}");
    assert!(
        head.contains("Subject: Please confirm your comment"),
        "{head}"
    );
    assert!(
        head.contains("List-Unsubscribe: <http://127.0.0.1:8080/unsubscribe/xyz>"),
        "{head}"
    );
    let body = body_of(&raw);
    let link = format!("http://127.0.0.1:8080/comments/verify/{}", "f".repeat(90));
    assert!(body.contains(&link), "{body}");
    assert!(row(&db, id).sent_at.is_some());
}

#[test]
fn mail_queued_during_an_smtp_outage_arrives_after_it() {
    let inbox = tempfile::tempdir().unwrap();
    let port = free_port();
    let Some(server) = smtp_or_skip(port, inbox.path()) else {
        return;
    };
    server.stop();

    let db = TestDb::new();
    let id = enqueue(
        &db,
        &message("patient@example.org", "Your comment was published"),
    );
    let transport = smtp_transport(port);
    assert_eq!(mail::drain_once(&db.pool, &transport).unwrap(), 0);
    let failed = row(&db, id);
    assert_eq!(failed.attempts, 1);
    assert!(failed.sent_at.is_none());
    assert!(failed.last_error.is_some());
    assert!(eml_files(inbox.path()).is_empty());

    let Some(server) = smtp_or_skip(port, inbox.path()) else {
        return;
    };
    let later = failed.next_attempt_at + chrono::Duration::seconds(1);
    assert_eq!(mail::drain_at(&db.pool, &transport, later).unwrap(), 1);
    server.stop();
    let files = eml_files(inbox.path());
    assert_eq!(files.len(), 1);
    let raw = std::fs::read_to_string(&files[0]).unwrap();
    assert!(headers_of(&raw).contains("Subject: Your comment was published"));
    let sent = row(&db, id);
    assert!(sent.sent_at.is_some());
    assert_eq!(sent.attempts, 2);
}

#[test]
fn the_smtp_transport_reports_a_dead_server() {
    // Nothing listens on this port.
    let port = free_port();
    let transport = smtp_transport(port);
    let err = transport
        .send(&mail::Outgoing {
            id: 1,
            to: "x@example.org".to_string(),
            subject: "x".to_string(),
            text: "x".to_string(),
            headers: Default::default(),
            created_at: now(),
        })
        .unwrap_err();
    assert!(format!("{err:#}").contains("SMTP server"), "{err:#}");
}

/// A comment's verification mail goes out through a real SMTP server; the
/// link read from the message as received opens and publishes the comment.
#[actix_web::test]
async fn a_verification_link_received_over_smtp_publishes_the_comment() {
    use crate::comments::{self as c, Site};
    let inbox = tempfile::tempdir().unwrap();
    let port = free_port();
    let Some(server) = smtp_or_skip(port, inbox.path()) else {
        return;
    };
    let site = Site::ballots();
    let svc = c::app!(site);
    let mut browser = c::Browser::new("192.0.2.80");
    let body = "Two signatures at every hand-off, please.";
    let answer = c::submit(&svc, &mut browser, c::EMAIL, body).await;
    assert_eq!(
        answer.status,
        actix_web::http::StatusCode::OK,
        "{}",
        answer.body
    );
    let id = c::last_comment_id(&site);
    assert_eq!(site.comment(id).status, "unverified");

    let transport = smtp_transport(port);
    assert!(mail::drain_once(&site.db.pool, &transport).unwrap() >= 1);
    server.stop();

    let received: Vec<String> = eml_files(inbox.path())
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .filter(|raw| headers_of(raw).contains(&format!("To: {}", c::EMAIL)))
        .collect();
    assert_eq!(received.len(), 1, "one mail to the commenter");
    let link = c::link_in(&body_of(&received[0]), "/verify/");
    let opened = c::confirm(&svc, &mut browser, &link).await;
    assert_eq!(
        opened.status,
        actix_web::http::StatusCode::OK,
        "{}",
        opened.body
    );
    assert_eq!(site.comment(id).status, "published");
    let thread = c::get(&svc, &mut browser, c::CUSTODY_PAGE).await;
    assert!(thread.body.contains(body), "published in its thread");
}

/// A comment submitted while the SMTP server is down is kept, with its
/// verification mail; when the server is back the mail arrives and its
/// link publishes the comment.
#[actix_web::test]
async fn a_comment_submitted_during_an_smtp_outage_is_verified_after_it() {
    use crate::comments::{self as c, Site};
    use docket::db::models::OutboxRow;
    let inbox = tempfile::tempdir().unwrap();
    let port = free_port();
    let Some(server) = smtp_or_skip(port, inbox.path()) else {
        return;
    };
    server.stop();

    let site = Site::ballots();
    let svc = c::app!(site);
    let mut browser = c::Browser::new("192.0.2.81");
    let body = "Seal logs should be kept with the ballots.";
    let answer = c::submit(&svc, &mut browser, c::EMAIL, body).await;
    assert_eq!(
        answer.status,
        actix_web::http::StatusCode::OK,
        "{}",
        answer.body
    );
    let id = c::last_comment_id(&site);

    let transport = smtp_transport(port);
    assert_eq!(mail::drain_once(&site.db.pool, &transport).unwrap(), 0);
    assert!(eml_files(inbox.path()).is_empty(), "nothing can arrive yet");
    let queued: Vec<OutboxRow> = {
        use diesel::prelude::*;
        docket::db::schema::outbox::table
            .select(OutboxRow::as_select())
            .load(&mut site.conn())
            .unwrap()
    };
    assert_eq!(queued.len(), 1, "the verification mail is kept");
    assert_eq!(queued[0].attempts, 1);
    assert!(queued[0].sent_at.is_none());
    assert_eq!(
        site.comment(id).status,
        "unverified",
        "and so is the comment"
    );

    let Some(server) = smtp_or_skip(port, inbox.path()) else {
        return;
    };
    let later = queued[0].next_attempt_at + chrono::Duration::seconds(1);
    assert_eq!(mail::drain_at(&site.db.pool, &transport, later).unwrap(), 1);
    server.stop();
    let files = eml_files(inbox.path());
    assert_eq!(files.len(), 1, "the mail arrived after the outage");
    let link = c::link_in(
        &body_of(&std::fs::read_to_string(&files[0]).unwrap()),
        "/verify/",
    );
    let opened = c::confirm(&svc, &mut browser, &link).await;
    assert_eq!(
        opened.status,
        actix_web::http::StatusCode::OK,
        "{}",
        opened.body
    );
    assert_eq!(site.comment(id).status, "published");
}
