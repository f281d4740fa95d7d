//! End-to-end tests in a real browser: headless Chromium driven through
//! chromedriver's W3C WebDriver protocol, against `docket serve` running as
//! its own process.
//!
//! The WebDriver client is a few plain HTTP/1.1 requests over a TCP socket,
//! so the suite needs no browser-automation crate. Without Chromium and
//! chromedriver these tests say what is missing and return; with
//! `DOCKET_REQUIRE_BROWSER=1` (set by CI) a missing browser is a failure.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{json, Value};

use crate::support::{front, Content, TestDb};

const CHROMIUM_CANDIDATES: &[&str] = &["/usr/bin/chromium", "/usr/bin/chromium-browser"];
const CHROMEDRIVER_CANDIDATES: &[&str] = &["/usr/bin/chromedriver"];

fn find(candidates: &[&str], env: &str) -> Option<PathBuf> {
    if let Ok(p) = std::env::var(env) {
        let p = PathBuf::from(p);
        return p.is_file().then_some(p);
    }
    candidates.iter().map(PathBuf::from).find(|p| p.is_file())
}

/// Chromium and chromedriver, or `None` after saying what is missing.
pub(crate) fn browser_tools() -> Option<(PathBuf, PathBuf)> {
    let chromium = find(CHROMIUM_CANDIDATES, "DOCKET_CHROMIUM");
    let driver = find(CHROMEDRIVER_CANDIDATES, "DOCKET_CHROMEDRIVER");
    match (chromium, driver) {
        (Some(c), Some(d)) => Some((c, d)),
        (c, d) => {
            let mut missing = Vec::new();
            if c.is_none() {
                missing.push("chromium");
            }
            if d.is_none() {
                missing.push("chromedriver");
            }
            let message = format!(
                "browser test skipped: {} not found (Debian: apt-get install chromium chromium-driver)",
                missing.join(" and ")
            );
            if std::env::var("DOCKET_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
                panic!("{message}, and DOCKET_REQUIRE_BROWSER=1 requires it");
            }
            eprintln!("{message}");
            None
        }
    }
}

pub(crate) fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A minimal HTTP/1.1 exchange: returns (status, body).
pub(crate) fn http(
    port: u16,
    method: &str,
    path: &str,
    body: Option<&Value>,
) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(120)))?;
    let payload = body.map(|b| b.to_string()).unwrap_or_default();
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nAccept: */*\r\n"
    );
    if body.is_some() {
        request.push_str("Content-Type: application/json; charset=utf-8\r\n");
    }
    request.push_str(&format!("Content-Length: {}\r\n\r\n", payload.len()));
    stream.write_all(request.as_bytes())?;
    stream.write_all(payload.as_bytes())?;
    // Read the head, then exactly the body it announces: some servers keep
    // the connection open whatever the request said.
    let mut raw = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    let head_end = loop {
        if let Some(i) = find_bytes(&raw, b"\r\n\r\n") {
            break i + 4;
        }
        let n = stream.read(&mut buf)?;
        if n == 0 {
            break raw.len();
        }
        raw.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..head_end]).to_ascii_lowercase();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok());
    let chunked = head.contains("transfer-encoding: chunked");
    loop {
        let have = raw.len() - head_end;
        let done = match length {
            Some(n) => have >= n,
            None if chunked => find_bytes(&raw[head_end..], b"0\r\n\r\n").is_some(),
            None => false,
        };
        if done {
            break;
        }
        let n = stream.read(&mut buf)?;
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&buf[..n]);
    }
    let rest = String::from_utf8_lossy(&raw[head_end..]).into_owned();
    let body = if chunked { dechunk(&rest) } else { rest };
    Ok((status, body))
}

fn find_bytes(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let Ok(n) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}

/// A child process killed when the test ends, pass or fail.
pub(crate) struct Proc(pub(crate) Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Poll until `ok` holds, up to a generous bound; panics with `what` otherwise.
pub(crate) fn wait_for(what: &str, mut ok: impl FnMut() -> bool) {
    for _ in 0..600 {
        if ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("gave up waiting for {what}");
}

/// `docket serve` on a free port with its own data directory.
pub(crate) struct Server {
    pub(crate) port: u16,
    data: tempfile::TempDir,
    _proc: Proc,
}

impl Server {
    /// Serve `content` from the test database `db` (SQLite or PostgreSQL,
    /// as the suite runs).
    pub(crate) fn start(content: &Path, db: &TestDb) -> Server {
        let port = free_port();
        let data = tempfile::tempdir().expect("temp dir");
        let log = std::fs::File::create(data.path().join("serve.log")).expect("log file");
        let child = Command::new(env!("CARGO_BIN_EXE_docket"))
            .arg("--data")
            .arg(data.path())
            .arg("serve")
            .arg("--content")
            .arg(content)
            .arg("--bind")
            .arg(format!("127.0.0.1:{port}"))
            .arg("--base-url")
            .arg(format!("http://127.0.0.1:{port}"))
            .arg("--workers")
            .arg("2")
            .env("DOCKET_DATABASE_URL", &db.url)
            .env_remove("DOCKET_SMTP_URL")
            .env("DOCKET_MODERATION", "post")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start docket serve");
        let proc = Proc(child);
        let log_path = data.path().join("serve.log");
        wait_for("docket serve to answer /healthz", || {
            matches!(http(port, "GET", "/healthz", None), Ok((200, _)))
                || std::fs::read_to_string(&log_path).is_ok_and(|l| l.contains("error:"))
        });
        let (status, _) = http(port, "GET", "/healthz", None).unwrap_or((0, String::new()));
        assert_eq!(
            status,
            200,
            "docket serve did not start: {}",
            std::fs::read_to_string(&log_path).unwrap_or_default()
        );
        Server {
            port,
            data,
            _proc: proc,
        }
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Every `.eml` file the site has written, oldest first by name.
    pub(crate) fn mails(&self) -> Vec<String> {
        let dir = self.data.path().join("mail");
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.retain(|p| p.extension().is_some_and(|e| e == "eml"));
        files.sort();
        files
            .iter()
            .map(|p| std::fs::read_to_string(p).expect("read mail"))
            .collect()
    }
}

/// Undo quoted-printable soft line breaks and `=3D`, enough to find a link.
pub(crate) fn unfold_mail(raw: &str) -> String {
    let qp = raw
        .to_ascii_lowercase()
        .contains("content-transfer-encoding: quoted-printable");
    if !qp {
        return raw.replace("\r\n", "\n");
    }
    raw.replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=")
        .replace("\r\n", "\n")
}

/// The first link in a mail whose path contains `needle`.
pub(crate) fn link_in(mail: &str, needle: &str) -> Option<String> {
    let text = unfold_mail(mail);
    text.split(|c: char| c.is_whitespace() || c == '<' || c == '>' || c == '"')
        .find(|w| w.starts_with("http") && w.contains(needle))
        .map(|w| w.trim_end_matches(['.', ',', ')']).to_string())
}

/// A WebDriver session on headless Chromium.
pub(crate) struct Browser {
    port: u16,
    session: String,
    _driver: Proc,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub(crate) fn start(chromium: &Path, driver: &Path) -> Browser {
        let port = free_port();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let driver_proc = Proc(child);
        wait_for("chromedriver to answer /status", || {
            matches!(http(port, "GET", "/status", None), Ok((200, _)))
        });
        let profile = tempfile::tempdir().expect("profile dir");
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium.to_string_lossy(),
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,900",
                    format!("--user-data-dir={}", profile.path().display()),
                ]
            }
        }}});
        let (status, body) = http(port, "POST", "/session", Some(&caps)).expect("new session");
        let v: Value = serde_json::from_str(&body).expect("session JSON");
        let session = v["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("chromedriver refused a session ({status}): {body}"))
            .to_string();
        Browser {
            port,
            session,
            _driver: driver_proc,
            _profile: profile,
        }
    }

    pub(crate) fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let full = format!("/session/{}{path}", self.session);
        let (status, text) = http(self.port, method, &full, body.as_ref())
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        assert!(
            (200..300).contains(&status),
            "{method} {path} failed ({status}): {text}"
        );
        v["value"].clone()
    }

    pub(crate) fn goto(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({ "url": url })));
    }

    pub(crate) fn current_url(&self) -> String {
        self.cmd("GET", "/url", None)
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    pub(crate) fn script(&self, script: &str) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": [] })),
        )
    }

    pub(crate) fn page_text(&self) -> String {
        self.script("return document.body.innerText;")
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    /// Press keys, one after another, on whatever has the focus.
    pub(crate) fn keys(&self, keys: &str) {
        let mut actions = Vec::new();
        for c in keys.chars() {
            actions.push(json!({"type": "keyDown", "value": c.to_string()}));
            actions.push(json!({"type": "keyUp", "value": c.to_string()}));
        }
        self.cmd(
            "POST",
            "/actions",
            Some(json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})),
        );
        self.cmd("DELETE", "/actions", None);
    }

    /// A short description of the focused element: tag, name, label, text.
    pub(crate) fn focused(&self) -> String {
        self.script(
            "const e = document.activeElement; if (!e) return '';\
             return [e.tagName, e.getAttribute('name') || '', e.getAttribute('aria-label') || '',\
             (e.innerText || e.value || '').trim().slice(0, 80)].join('|');",
        )
        .as_str()
        .unwrap_or("")
        .to_string()
    }

    /// Press Tab until the focused element's description satisfies `want`.
    pub(crate) fn tab_to(&self, what: &str, want: impl Fn(&str) -> bool) {
        for _ in 0..400 {
            self.keys(TAB);
            if want(&self.focused()) {
                return;
            }
        }
        panic!(
            "Tab never reached {what}; focus ended on {}",
            self.focused()
        );
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let path = format!("/session/{}", self.session);
        let _ = http(self.port, "DELETE", &path, None);
    }
}

pub(crate) const TAB: &str = "\u{E004}";
pub(crate) const ENTER: &str = "\u{E007}";

/// A standard open for comment, for the browser to comment on.
pub(crate) fn open_standard() -> Content {
    let c = Content::new();
    c.standard("ballots", "Ballot Handling");
    c.version(
        "ballots",
        "1",
        &format!(
            "{}## 1 Integrity {{#integrity}}\n\n### 1.1 Chain of custody {{#custody}}\n\nBallots shall be logged at every hand-off.\n\n### 1.2 Seals {{#seals}}\n\nEvery container shall be sealed with a numbered seal.\n",
            front("1", "open")
        ),
    );
    c
}

/// A member of the public comments on a clause using only the keyboard,
/// verifies the comment from the emailed link, and finds it published in
/// the clause's thread.
#[test]
fn a_comment_submitted_by_keyboard_is_verified_from_the_mail_and_published() {
    let Some((chromium, driver)) = browser_tools() else {
        return;
    };
    let content = open_standard();
    let db = TestDb::new();
    let server = Server::start(content.path(), &db);
    let browser = Browser::start(&chromium, &driver);

    browser.goto(&server.url("/standards/ballots/1"));
    browser.tab_to("the “Comment on 1.2” link", |f| {
        f.starts_with("A|") && f.contains("Comment on 1.2")
    });
    browser.keys(ENTER);
    wait_for("the comment form", || {
        browser
            .current_url()
            .contains("/clauses/seals/comments/new")
    });

    browser.tab_to("the name field", |f| f.starts_with("INPUT|name|"));
    browser.keys("Ada Keyboard");
    browser.tab_to("the email field", |f| f.starts_with("INPUT|email|"));
    browser.keys("ada@example.org");
    browser.tab_to("the comment body", |f| f.starts_with("TEXTAREA|body|"));
    let body = "Seal numbers should be read aloud by two people.";
    browser.keys(body);
    browser.tab_to("the submit button", |f| {
        f.starts_with("BUTTON|") || f.starts_with("INPUT||") && f.contains("Submit")
    });
    browser.keys(ENTER);
    wait_for("the confirmation page", || {
        browser.page_text().to_lowercase().contains("email")
            && !browser.current_url().ends_with("/comments/new")
    });
    assert!(
        browser
            .page_text()
            .to_lowercase()
            .contains("check your email"),
        "the page after submitting says to check the email: {}",
        browser.page_text()
    );

    // Not yet visible to anyone.
    let (_, thread) = http(
        server.port,
        "GET",
        "/standards/ballots/1/clauses/seals",
        None,
    )
    .unwrap();
    assert!(!thread.contains(body), "an unverified comment is invisible");

    let mut link = None;
    wait_for("the verification mail", || {
        link = server
            .mails()
            .iter()
            .find(|m| m.contains("ada@example.org"))
            .and_then(|m| link_in(m, "/verify/"));
        link.is_some()
    });
    let link = link.unwrap();
    browser.goto(&link);
    // Opening the link only shows the comment and a button.
    let (_, thread) = http(
        server.port,
        "GET",
        "/standards/ballots/1/clauses/seals",
        None,
    )
    .unwrap();
    assert!(!thread.contains(body), "opening the link publishes nothing");
    browser.tab_to("the confirm button", |f| {
        f.starts_with("BUTTON|") && f.contains("Confirm")
    });
    browser.keys(ENTER);
    // The page before says the comment will be published too: wait for
    // what only the page after the button shows.
    wait_for("the confirmation page", || {
        let text = browser.page_text().to_lowercase();
        text.contains("published") && text.contains("tracking number")
    });
    let confirmation = browser.page_text();
    assert!(
        confirmation.to_lowercase().contains("tracking number"),
        "verification shows the tracking number: {confirmation}"
    );

    // Discussions may lag a new comment by up to a second (the page cache).
    let mut page = String::new();
    wait_for("the comment in its thread", || {
        browser.goto(&server.url("/standards/ballots/1/clauses/seals"));
        page = browser.page_text();
        page.contains(body)
    });
    assert!(page.contains("Ada Keyboard"));
    assert!(
        !page.contains("ada@example.org"),
        "no email address on the page"
    );
}

/// A reader searches from the header with the keyboard, finds the clause
/// with the words highlighted, and opens it.
#[test]
fn a_search_from_the_header_finds_and_opens_a_clause() {
    let Some((chromium, driver)) = browser_tools() else {
        return;
    };
    let content = open_standard();
    let db = TestDb::new();
    let server = Server::start(content.path(), &db);
    let browser = Browser::start(&chromium, &driver);

    browser.goto(&server.url("/standards/ballots/1"));
    browser.tab_to("the header's search box", |f| f.starts_with("INPUT|q|"));
    browser.keys("\"numbered seal\"");
    browser.keys(ENTER);
    wait_for("the search results", || {
        browser.current_url().contains("/search?q=") && browser.page_text().contains("1 result")
    });
    let marked = browser.script(
        "return Array.from(document.querySelectorAll('.search-hit mark')).map(m => m.textContent).join(' ');",
    );
    assert!(
        marked.as_str().unwrap_or("").contains("numbered seal"),
        "the words are marked: {marked}"
    );
    browser.tab_to("the result's link", |f| {
        f.starts_with("A|") && f.contains("1.2 Seals")
    });
    browser.keys(ENTER);
    wait_for("the clause page", || {
        browser
            .current_url()
            .ends_with("/standards/ballots/1/clauses/seals")
    });
    assert!(
        browser
            .page_text()
            .contains("Every container shall be sealed with a numbered seal."),
        "{}",
        browser.page_text()
    );
}
