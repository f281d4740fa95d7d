//! The editors' desk in a real browser (headless Chromium over WebDriver,
//! with the helpers of `browser.rs`): an editor edits two clauses, takes
//! a commenter's proposal into a clause they edited too (both changes
//! kept), meets a conflict between two tabs and settles it, renumbers,
//! and publishes through the checklist.

use docket::db::models::{Role, Standard, Version};
use serde_json::json;

use crate::browser::{browser_tools, http, wait_for, Browser, Server};
use crate::dispositions::{seed, Seed};
use crate::support::{front, Content, TestDb};

fn desk_standard() -> Content {
    let c = Content::new();
    c.standard("ballots", "Ballot Handling");
    c.version(
        "ballots",
        "1",
        &format!(
            "{}## 1 Integrity {{#integrity}}\n\n### 1.1 Chain of custody {{#custody}}\n\nBallots shall be logged at every hand-off.\n\n### 1.2 Seals {{#seals}}\n\nEvery container shall be sealed with a numbered seal.\n\n### 1.3 Storage {{#storage}}\n\nBallots are stored in a locked room.\n",
            front("1", "open")
        ),
    );
    c
}

/// Set a form field's value (found by CSS selector).
fn set(b: &Browser, selector: &str, value: &str) {
    let script = format!(
        "const e = document.querySelector({}); e.value = {}; return e.name;",
        json!(selector),
        json!(value)
    );
    let name = b.script(&script);
    assert!(name.is_string(), "no field {selector}");
}

/// Press the button whose words contain `words` (the first on the page).
fn press(b: &Browser, words: &str) {
    let script = format!(
        "const b = Array.from(document.querySelectorAll('button')).find(b => b.textContent.includes({}));\
         if (!b) return false; b.click(); return true;",
        json!(words)
    );
    assert_eq!(
        b.script(&script),
        json!(true),
        "no button “{words}” on {}: {}",
        b.current_url(),
        b.page_text()
    );
}

/// Wait until the page shows `text`.
fn wait_text(b: &Browser, text: &str) {
    wait_for(&format!("a page showing “{text}”"), || {
        b.page_text().contains(text)
    });
}

fn value(b: &Browser, selector: &str) -> String {
    b.script(&format!(
        "return document.querySelector({}).value;",
        json!(selector)
    ))
    .as_str()
    .unwrap_or("")
    .to_string()
}

#[test]
fn an_editor_drafts_clause_by_clause_settles_a_conflict_and_publishes() {
    let Some((chromium, driver)) = browser_tools() else {
        return;
    };
    let content = desk_standard();
    let db = TestDb::new();
    let server = Server::start(content.path(), &db);
    let password = crate::staff::create_staff(&db, "edith", Role::Editor);
    let v1 = {
        let mut conn = db.conn();
        let s = Standard::by_slug(&mut conn, "ballots").unwrap();
        Version::by_label(&mut conn, s.id, "1").unwrap()
    };
    let proposal = seed(
        &mut db.conn(),
        &Seed {
            version_id: v1.id,
            clause_key: Some("custody"),
            author: "Pat Clerk",
            organization: None,
            kind: "technical",
            body: "Say who signs.",
            proposed: Some("Ballots shall be logged and signed for at every hand-off."),
            status: "published",
        },
    );
    let b = Browser::start(&chromium, &driver);

    b.goto(&server.url("/staff/login"));
    set(&b, "#login-name", "edith");
    set(&b, "#login-password", &password);
    press(&b, "Sign in");
    wait_for("the staff page", || {
        !b.current_url().contains("/staff/login")
    });
    b.goto(&server.url("/editor/feedback"));
    press(&b, "Start the draft of version 2");
    wait_text(&b, "Draft of version 2 of Ballot Handling");
    let draft = server.url("/editor/standards/ballots/drafts/2");

    // The title, as a field.
    set(&b, "#title", "Ballot Handling, version 2");
    press(&b, "Save title and notes");
    wait_text(&b, "Saved as revision 2.");

    // Edit two clauses, each on its own page.
    b.goto(&format!("{draft}/clauses/custody"));
    wait_text(&b, "As published in version 1");
    assert!(
        b.page_text().contains("Say who signs."),
        "the clause's comment is beside it"
    );
    set(
        &b,
        "#body",
        "Ballots shall be logged at every hand-off, with the time.",
    );
    press(&b, "Save this clause");
    wait_text(&b, "Saved as revision 3.");
    b.goto(&format!("{draft}/clauses/seals"));
    wait_text(&b, "As published in version 1");
    set(&b, "#number", "1.4");
    set(
        &b,
        "#body",
        "Every container shall be sealed with a numbered, tamper-evident seal.",
    );
    press(&b, "Save this clause");
    wait_text(&b, "Saved as revision 4.");
    assert!(
        b.page_text().contains("1.1 is followed by 1.4"),
        "{}",
        b.page_text()
    );

    // Accept the proposal on the clause edited above: both changes kept.
    b.goto(&format!("{draft}/clauses/custody"));
    press(&b, &format!("Accept comment {}", proposal.tracking_number));
    wait_text(&b, "was merged into this clause");
    assert!(b.page_text().contains("Its proposed text is in the draft."));
    assert_eq!(
        value(&b, "#body"),
        "Ballots shall be logged and signed for at every hand-off, with the time."
    );

    // Two tabs on one clause: the second save meets the first.
    b.goto(&format!("{draft}/clauses/seals"));
    wait_text(&b, "As published in version 1");
    let first = b.cmd("GET", "/window", None);
    let second = b.cmd("POST", "/window/new", Some(json!({"type": "tab"})))["handle"].clone();
    b.cmd("POST", "/window", Some(json!({ "handle": second })));
    b.goto(&format!("{draft}/clauses/seals"));
    wait_text(&b, "As published in version 1");
    set(
        &b,
        "#body",
        "Every container shall be sealed with two numbered, tamper-evident seals.",
    );
    press(&b, "Save this clause");
    wait_text(&b, "Saved as revision 6.");
    b.cmd("DELETE", "/window", None);
    b.cmd("POST", "/window", Some(json!({ "handle": first })));
    set(
        &b,
        "#body",
        "Every container shall be sealed with a numbered, tamper-evident seal and logged.",
    );
    press(&b, "Save this clause");
    wait_text(&b, "while you were editing it");
    let page = b.page_text();
    assert!(
        page.contains("two numbered, tamper-evident seals"),
        "{page}"
    );
    assert!(
        page.contains("seal and logged"),
        "what was typed is kept: {page}"
    );
    set(
        &b,
        "#body",
        "Every container shall be sealed with two numbered, tamper-evident seals and logged.",
    );
    press(&b, "Save this text");
    wait_text(&b, "Saved as revision 7.");

    // Renumber, then publish through the checklist.
    b.goto(&draft);
    wait_text(&b, "Clause numbers to check");
    press(&b, "Renumber the clauses in order");
    wait_text(&b, "The clause numbers run in sequence.");
    b.goto(&format!("{draft}/publish"));
    wait_text(&b, "Before publishing");
    b.script(
        "document.querySelectorAll('input[name^=ack_]').forEach(e => e.checked = true);\
         document.querySelector('#status-closed').checked = true;\
         document.querySelector('#confirm').checked = true; return true;",
    );
    press(&b, "Publish version 2");
    wait_text(&b, "Published.");

    let (status, public) = http(server.port, "GET", "/standards/ballots/2", None).unwrap();
    assert_eq!(status, 200);
    for words in [
        "Ballot Handling, version 2",
        "Ballots shall be logged and signed for at every hand-off, with the time.",
        "Every container shall be sealed with two numbered, tamper-evident seals and logged.",
    ] {
        assert!(
            public.contains(words),
            "version 2 reads “{words}”: {public}"
        );
    }
    assert!(
        public.contains("1.2</span> Seals") || public.contains("1.2 Seals"),
        "{public}"
    );
}
