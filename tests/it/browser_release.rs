//! Review and release in a real browser (headless Chromium through
//! chromedriver, as in `browser.rs`): one editor chooses review and
//! release, records a decision and marks it ready; it is not public and
//! nobody is mailed; a second editor approves it and presses "Release 1
//! approved decision"; then it is on the public report and the commenter
//! is mailed.

use docket::db::models::{Role, Standard, Version};

use crate::browser::{browser_tools, http, wait_for, Browser, Server, ENTER};
use crate::comments::seed_comment;
use crate::staff::create_staff;
use crate::support::{front, Content, TestDb};

const RATIONALE: &str = "Seal numbers are now read aloud by two people.";
const COMMENTER: &str = "ana.seed@seed.example.org";

fn standard() -> Content {
    let c = Content::new();
    c.standard("ballots", "Ballot Handling");
    c.version(
        "ballots",
        "1",
        &format!(
            "{}## 1 Integrity {{#integrity}}\n\n### 1.1 Chain of custody {{#custody}}\n\nBallots shall be logged at every hand-off.\n",
            front("1", "open")
        ),
    );
    c
}

/// Sign in from the login page: the fields typed, the button pressed
/// from the keyboard.
fn sign_in(browser: &Browser, server: &Server, name: &str, password: &str) {
    if browser.current_url().starts_with("http") {
        browser.cmd("DELETE", "/cookie", None);
    }
    browser.goto(&server.url("/staff/login"));
    browser.tab_to("the name field", |f| f.starts_with("INPUT|name|"));
    browser.keys(name);
    browser.tab_to("the password field", |f| f.starts_with("INPUT|password|"));
    browser.keys(password);
    browser.tab_to("the sign-in button", |f| {
        f.starts_with("BUTTON|") && f.contains("Sign in")
    });
    browser.keys(ENTER);
    wait_for("the signed-in page", || {
        !browser.current_url().contains("/staff/login")
    });
}

/// Tab to the button whose text contains `words` and press it; wait for
/// the page after it to say `then`.
fn press(browser: &Browser, words: &str, then: &str) {
    browser.tab_to(words, |f| f.starts_with("BUTTON|") && f.contains(words));
    browser.keys(ENTER);
    wait_for(then, || browser.page_text().contains(then));
}

#[test]
fn a_second_editor_approves_and_releases_a_decision_in_the_browser() {
    let Some((chromium, driver)) = browser_tools() else {
        return;
    };
    let content = standard();
    let db = TestDb::new();
    let server = Server::start(content.path(), &db);
    let edith = create_staff(&db, "edith", Role::Editor);
    let erin = create_staff(&db, "erin", Role::Editor);
    let v1 = {
        let mut conn = db.conn();
        let s = Standard::by_slug(&mut conn, "ballots").unwrap();
        Version::by_label(&mut conn, s.id, "1").unwrap()
    };
    let comment = seed_comment(
        &mut db.conn(),
        v1.id,
        Some("custody"),
        None,
        "Ana Seed",
        "Read the seal numbers aloud at every hand-off.",
    );
    let browser = Browser::start(&chromium, &driver);
    let release = server.url("/editor/standards/ballots/1/release");

    // Edith chooses review and release for the standard.
    sign_in(&browser, &server, "edith", &edith);
    browser.goto(&release);
    browser.script("document.getElementById('mode-review').click(); return null;");
    press(
        &browser,
        "Save how decisions are released",
        "now reviewed before release",
    );

    // She records a decision from the workspace: a draft.
    browser.goto(&server.url("/editor/standards/ballots/1/feedback"));
    browser.script(&format!(
        "document.getElementById('outcome-{id}').value = 'accepted';\
         const r = document.getElementById('rationale-{id}'); r.value = {why:?}; r.focus(); return null;",
        id = comment.id,
        why = RATIONALE,
    ));
    press(
        &browser,
        "Save the decision as a draft",
        "Draft decision saved",
    );
    assert!(
        browser
            .page_text()
            .contains("Not yet released: Accepted (draft)"),
        "{}",
        browser.page_text()
    );

    // On the release page she marks it ready; she cannot approve it.
    browser.goto(&release);
    press(&browser, "Mark ready for approval", "1 decision updated");
    let text = browser.page_text();
    assert!(text.contains("You marked it ready"), "{text}");
    assert!(!text.contains("Release 1 approved decision"), "{text}");

    // Nothing public yet, nobody mailed.
    let report = "/standards/ballots/1/dispositions";
    let (status, page) = http(server.port, "GET", report, None).unwrap();
    assert_eq!(status, 200);
    assert!(!page.contains(RATIONALE), "{page}");
    assert!(
        !server
            .mails()
            .iter()
            .any(|m| m.contains(COMMENTER) && m.contains("Decision on your comment")),
        "no decision mail before the release"
    );

    // Erin approves it and releases it.
    sign_in(&browser, &server, "erin", &erin);
    browser.goto(&release);
    press(&browser, "Approve", "1 decision updated");
    press(
        &browser,
        "Release 1 approved decision",
        "1 decision released",
    );
    assert!(
        browser
            .page_text()
            .contains("No decision on version 1 is waiting"),
        "{}",
        browser.page_text()
    );

    // Public, and mailed.
    wait_for("the decision on the public report", || {
        browser.goto(&server.url(report));
        browser.page_text().contains(RATIONALE)
    });
    wait_for("the decision mail", || {
        server
            .mails()
            .iter()
            .any(|m| m.contains(COMMENTER) && m.contains("Decision on your comment"))
    });
}
