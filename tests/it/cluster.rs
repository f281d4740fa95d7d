//! Two app servers on one database, as a site that outgrew one machine
//! runs them behind a load balancer. Each keeps its own cache of rendered
//! pages; a change made through one (a comment hidden, a comment period
//! closed, a version published) shows on the other within a second,
//! without either asking the database on every request. Mail queued once
//! is sent once, not once per server.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::Utc;
use docket::db::models::{Role, Version};

use crate::browser::{free_port, wait_for, Proc};
use crate::comments::seed_comment;
use crate::durability::encode;
use crate::support::{csrf_token_in, front, Content, TestDb};

const PASSWORD: &str = "a long and careful passphrase";

fn serve(content: &Path, db: &TestDb, data: &Path) -> (Proc, u16) {
    let port = free_port();
    (crate::durability::serve(content, db, data, port), port)
}

/// A browser enough for staff forms: one cookie jar, `Origin` on posts.
struct Client {
    port: u16,
    cookies: BTreeMap<String, String>,
}

impl Client {
    fn new(port: u16) -> Client {
        Client {
            port,
            cookies: BTreeMap::new(),
        }
    }

    fn exchange(&mut self, method: &str, path: &str, form: &[(&str, &str)]) -> (u16, String) {
        let body: String = form
            .iter()
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let cookie = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let mut request = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n",
            port = self.port
        );
        if !cookie.is_empty() {
            request.push_str(&format!("Cookie: {cookie}\r\n"));
        }
        if method == "POST" {
            request.push_str(&format!(
                "Origin: http://127.0.0.1:{}\r\nContent-Type: application/x-www-form-urlencoded\r\n",
                self.port
            ));
        }
        request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
        let Ok(mut stream) = TcpStream::connect(("127.0.0.1", self.port)) else {
            return (0, String::new());
        };
        stream.set_read_timeout(Some(Duration::from_secs(60))).ok();
        if stream.write_all(request.as_bytes()).is_err() {
            return (0, String::new());
        }
        let mut raw = Vec::new();
        if stream.read_to_end(&mut raw).is_err() {
            return (0, String::new());
        }
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        for line in lines {
            if let Some((name, value)) = line.split_once(':') {
                if name.trim().eq_ignore_ascii_case("set-cookie") {
                    let pair = value.trim().split(';').next().unwrap_or("");
                    if let Some((k, v)) = pair.split_once('=') {
                        self.cookies.insert(k.to_string(), v.to_string());
                    }
                }
            }
        }
        (status, body.to_string())
    }

    fn get(&mut self, path: &str) -> (u16, String) {
        self.exchange("GET", path, &[])
    }

    fn post(&mut self, path: &str, form: &[(&str, &str)]) -> (u16, String) {
        self.exchange("POST", path, form)
    }

    /// This browser's CSRF token, from a page with a form.
    fn token(&mut self, path: &str) -> String {
        let (status, body) = self.get(path);
        assert_eq!(status, 200, "{path}: {body}");
        csrf_token_in(&body)
    }

    fn sign_in(&mut self, name: &str) {
        let token = self.token("/staff/login");
        let (status, body) = self.post(
            "/staff/login",
            &[
                ("csrf_token", &token),
                ("name", name),
                ("password", PASSWORD),
            ],
        );
        assert_eq!(status, 303, "sign-in: {body}");
    }
}

/// Poll `path` on `port` until `shows` holds of its body; the time it
/// took. Panics after a second.
fn seen_within_a_second(port: u16, path: &str, what: &str, shows: impl Fn(&str) -> bool) {
    let start = Instant::now();
    let mut client = Client::new(port);
    loop {
        let (status, body) = client.get(path);
        if status == 200 && shows(&body) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(1),
            "the other server still did not show {what} at {path} after a second (status {status})"
        );
        std::thread::sleep(Duration::from_millis(25));
    }
}

fn open_standard() -> Content {
    let c = Content::new();
    c.standard("ballots", "Ballot Handling");
    c.version(
        "ballots",
        "1",
        &format!(
            "{}## 1 Seals {{#seals}}\n\nEvery container shall be sealed with a numbered seal.\n\n\
             ## 2 Logs {{#logs}}\n\nEvery seal number shall be written in the log.\n",
            front("1", "open")
        ),
    );
    c
}

#[test]
fn two_app_servers_see_each_others_changes_within_a_second_and_send_mail_once() {
    let content = open_standard();
    let db = TestDb::new();
    let data_a = tempfile::tempdir().expect("data dir");
    let data_b = tempfile::tempdir().expect("data dir");
    let (_a, port_a) = serve(content.path(), &db, data_a.path());
    let (_b, port_b) = serve(content.path(), &db, data_b.path());

    let comment = {
        let mut conn = db.conn();
        let hash = docket::db::models::staff::hash_password(PASSWORD).expect("hash");
        docket::accounts::create(&mut conn, None, "editor", Role::Admin, &hash).expect("account");
        let (_, v) = Version::published_in(&mut conn, "ballots", "1").expect("version 1");
        seed_comment(
            &mut conn,
            v.id,
            Some("seals"),
            None,
            "Ada Example",
            "Numbered seals need a tamper log kept beside them.",
        )
    };
    let text = "tamper log kept beside them";
    let version_page = "/standards/ballots/1";
    let clause_page = "/standards/ballots/1/clauses/seals";

    // Both servers render and keep the pages while nothing changes.
    for port in [port_a, port_b] {
        seen_within_a_second(port, clause_page, "the comment", |b| b.contains(text));
        seen_within_a_second(port, version_page, "an open period", |b| {
            b.contains("class=\"comment-link\"")
        });
    }
    let mut b = Client::new(port_b);
    let (_, first) = b.get(clause_page);
    let (_, again) = b.get(clause_page);
    assert_eq!(first, again, "an unchanged page is served the same");

    let mut staff = Client::new(port_a);
    staff.sign_in("editor");
    let token = staff.token("/editor/standards/ballots/1/period");

    // A comment hidden on A disappears from B's pages.
    let (status, body) = staff.post(
        &format!("/moderation/comments/{}", comment.id),
        &[
            ("csrf_token", &token),
            ("action", "hide"),
            ("reason", "Off topic."),
        ],
    );
    assert!(status == 303 || status == 200, "hide: {status} {body}");
    seen_within_a_second(port_b, clause_page, "the comment hidden", |b| {
        !b.contains(text)
    });

    // A period closed on A closes on B: no more comment links.
    let (status, body) = staff.post(
        "/editor/standards/ballots/1/period",
        &[("csrf_token", &token), ("action", "close")],
    );
    assert!(status == 303 || status == 200, "close: {status} {body}");
    seen_within_a_second(port_b, version_page, "the period closed", |b| {
        !b.contains("class=\"comment-link\"")
    });

    // A version published on A is listed on B.
    seen_within_a_second(port_b, "/standards/ballots", "version 1", |b| {
        b.contains("/standards/ballots/1")
    });
    let (status, body) = staff.post(
        "/editor/standards/ballots/drafts",
        &[("csrf_token", &token)],
    );
    assert_eq!(status, 303, "draft: {body}");
    let (status, body) = staff.post(
        "/editor/standards/ballots/drafts/2/publish",
        &[
            ("csrf_token", &token),
            ("status", "final"),
            ("confirm", "yes"),
            // Whatever the checklist holds is acknowledged.
            ("ack_undecided", "yes"),
            ("ack_numbering", "yes"),
            ("ack_title", "yes"),
            ("ack_notes", "yes"),
            ("ack_removed", "yes"),
        ],
    );
    assert_eq!(status, 303, "publish: {body}");
    seen_within_a_second(port_b, "/standards/ballots", "version 2", |b| {
        b.contains("/standards/ballots/2")
    });

    // Mail queued once is sent once, by one of the two servers.
    let queued = 12;
    {
        let mut conn = db.conn();
        for n in 0..queued {
            docket::mail::enqueue_at(
                &mut conn,
                &docket::mail::Message {
                    to: format!("reader{n}@example.org"),
                    subject: format!("Notice {n}"),
                    text: format!("Notice number {n}."),
                    list_unsubscribe: None,
                },
                Utc::now().naive_utc(),
            )
            .expect("queue mail");
        }
    }
    let mails = |data: &Path| -> Vec<String> {
        std::fs::read_dir(data.join("mail"))
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
                    .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                    .filter(|m| m.contains("Subject: Notice "))
                    .collect()
            })
            .unwrap_or_default()
    };
    wait_for("the queued mail to be sent", || {
        mails(data_a.path()).len() + mails(data_b.path()).len() >= queued
    });
    // Another round of both workers finds nothing left to send.
    std::thread::sleep(Duration::from_secs(6));
    let mut sent: Vec<String> = mails(data_a.path());
    sent.extend(mails(data_b.path()));
    let mut to: Vec<String> = sent
        .iter()
        .filter_map(|m| {
            m.lines()
                .find(|l| l.starts_with("To: "))
                .map(str::to_string)
        })
        .collect();
    to.sort();
    let before = to.len();
    to.dedup();
    assert_eq!(before, queued, "each mail sent exactly once: {to:?}");
    assert_eq!(to.len(), queued, "no mail sent twice");
}
