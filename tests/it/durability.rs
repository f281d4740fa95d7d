//! A receipt is a promise: every comment the server acknowledged survives
//! `kill -9` in the middle of a burst of submissions, with its mail.
//!
//! The server runs as its own process on the suite's backend; eight
//! threads post comments from distinct addresses; once some have been
//! acknowledged the server is killed with SIGKILL. After a restart every
//! acknowledged comment is in the database with the text that was sent,
//! its confirmation mail is delivered, and it is put in its campaign.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use diesel::prelude::*;
use docket::db::schema::{comments, outbox};

use crate::browser::{free_port, http, wait_for, Proc};
use crate::support::{front, Content, TestDb};

fn open_standard() -> Content {
    let c = Content::new();
    c.standard("ballots", "Ballot Handling");
    c.version(
        "ballots",
        "1",
        &format!(
            "{}## 1 Seals {{#seals}}\n\nEvery container shall be sealed with a numbered seal.\n",
            front("1", "open")
        ),
    );
    c
}

/// `docket serve` on `port` with its own data directory `data`, on the
/// suite's database; its log goes to `data/serve.log`.
pub(crate) fn serve(content: &Path, db: &TestDb, data: &Path, port: u16) -> Proc {
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(data.join("serve.log"))
        .expect("log file");
    let child = Command::new(env!("CARGO_BIN_EXE_docket"))
        .arg("--data")
        .arg(data)
        .arg("serve")
        .arg("--content")
        .arg(content)
        .arg("--bind")
        .arg(format!("127.0.0.1:{port}"))
        .arg("--base-url")
        .arg(format!("http://127.0.0.1:{port}"))
        .arg("--workers")
        .arg("2")
        .arg("--trust-forwarded-for")
        .env("DOCKET_DATABASE_URL", &db.url)
        .env_remove("DOCKET_SMTP_URL")
        // Each server keeps its own key and the default page freshness.
        .env_remove("DOCKET_SECRET_KEY")
        .env_remove("DOCKET_PAGE_FRESHNESS")
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("start docket serve");
    let proc = Proc(child);
    wait_for("docket serve to answer /healthz", || {
        matches!(http(port, "GET", "/healthz", None), Ok((200, _)))
    });
    proc
}

/// Header names (in lower case) and values.
type Headers = Vec<(String, String)>;

/// One HTTP/1.1 exchange on a new connection: (status, headers, body).
fn exchange(port: u16, request: &str) -> std::io::Result<(u16, Headers, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    stream.write_all(request.as_bytes())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Ok((status, headers, body.to_string()))
}

/// The session cookie and CSRF token of a fresh visitor to the form.
fn visitor(port: u16, form: &str) -> (String, String) {
    let (status, headers, body) = exchange(
        port,
        &format!("GET {form} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
    )
    .expect("form page");
    assert_eq!(status, 200, "{body}");
    let cookie = headers
        .iter()
        .filter(|(k, _)| k == "set-cookie")
        .map(|(_, v)| v.split(';').next().unwrap_or("").to_string())
        .collect::<Vec<_>>()
        .join("; ");
    let token = body
        .split("name=\"csrf_token\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("csrf token in the form")
        .to_string();
    (cookie, token)
}

/// Form-encode a value.
pub(crate) fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[test]
fn every_acknowledged_comment_survives_sigkill_with_its_mail() {
    let content = open_standard();
    let db = TestDb::new();
    let data = tempfile::tempdir().expect("data dir");
    let port = free_port();
    let mut server = serve(content.path(), &db, data.path(), port);
    let form = "/standards/ballots/1/clauses/seals/comments/new";
    let action = "/standards/ballots/1/clauses/seals/comments";
    let (cookie, token) = visitor(port, form);

    // (email → body) of every comment the server answered with a receipt.
    let acknowledged: Arc<Mutex<HashMap<String, (i32, String)>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let count = Arc::new(AtomicUsize::new(0));
    let senders: Vec<_> = (0..8)
        .map(|t| {
            let (acknowledged, stop, count) = (acknowledged.clone(), stop.clone(), count.clone());
            let (cookie, token) = (cookie.clone(), token.clone());
            std::thread::spawn(move || {
                for i in 0.. {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let email = format!("burst-{t}-{i}@example.org");
                    let body = format!("Comment {i} from sender {t}: seals need a log.");
                    let form = format!(
                        "csrf_token={}&name=Sender+{t}&email={}&organization=&kind=general&body={}&proposed_text=&website=",
                        encode(&token),
                        encode(&email),
                        encode(&body)
                    );
                    let request = format!(
                        "POST {action} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n\
                         Cookie: {cookie}\r\nX-Forwarded-For: 10.{t}.{}.{}\r\nConnection: close\r\n\
                         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}",
                        i / 250,
                        i % 250 + 1,
                        form.len()
                    );
                    let Ok((status, headers, _)) = exchange(port, &request) else {
                        break;
                    };
                    if status == 0 {
                        break;
                    }
                    assert_eq!(status, 303, "a submission is answered with its receipt");
                    let location = headers
                        .iter()
                        .find(|(k, _)| k == "location")
                        .map(|(_, v)| v.clone())
                        .expect("a receipt address");
                    let id: i32 = location
                        .trim_start_matches("/receipts/")
                        .parse()
                        .expect("a receipt number");
                    acknowledged.lock().unwrap().insert(email, (id, body));
                    count.fetch_add(1, Ordering::SeqCst);
                }
            })
        })
        .collect();

    // Kill the server while the senders are still sending.
    wait_for("40 acknowledged comments", || {
        count.load(Ordering::SeqCst) >= 40
    });
    server.0.kill().expect("SIGKILL the server");
    server.0.wait().expect("reap the server");
    stop.store(true, Ordering::SeqCst);
    for s in senders {
        s.join().expect("a sender thread");
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(acknowledged.len() >= 40);

    let _server = serve(content.path(), &db, data.path(), port);
    let mut conn = db.conn();
    for (email, (id, body)) in &acknowledged {
        let stored: Option<String> = comments::table
            .find(*id)
            .select(comments::body_md)
            .first(&mut conn)
            .optional()
            .expect("read the comment");
        assert_eq!(
            stored.as_deref(),
            Some(body.as_str()),
            "acknowledged comment {id} from {email} was lost"
        );
        let mails: i64 = outbox::table
            .filter(outbox::to_addr.eq(email))
            .count()
            .get_result(&mut conn)
            .expect("count mail");
        assert_eq!(mails, 1, "the confirmation mail to {email} was lost");
    }
    // Several writers stored them at once (on PostgreSQL): every tracking
    // number was given once, and the kept counts match the comments.
    let stored: Vec<(i32, String)> = comments::table
        .select((comments::version_id, comments::tracking_number))
        .load(&mut conn)
        .expect("read tracking numbers");
    let numbers: std::collections::HashSet<String> = stored
        .iter()
        .map(|(_, t)| t.rsplit_once('-').expect("a tracking number").0.to_string())
        .collect();
    assert_eq!(
        numbers.len(),
        stored.len(),
        "a tracking number was given twice"
    );
    let version = stored[0].0;
    let tallies =
        docket::db::models::tally::Tallies::of_version(&mut conn, version).expect("tallies");
    assert_eq!(
        tallies.total(version, docket::db::models::tally::StatusScope::Any),
        stored.len() as i64,
        "the kept count of comments disagrees with the comments"
    );
    // The server's grouping worker puts every comment in its campaign.
    wait_for("every comment to be grouped", || {
        comments::table
            .filter(comments::campaign_id.is_null())
            .count()
            .get_result::<i64>(&mut conn)
            .is_ok_and(|n| n == 0)
    });
    // After the restart the outbox drains: every queued mail is delivered.
    wait_for("the outbox to drain after restart", || {
        outbox::table
            .filter(outbox::sent_at.is_null())
            .count()
            .get_result::<i64>(&mut conn)
            .is_ok_and(|n| n == 0)
    });
}
