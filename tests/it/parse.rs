//! Markdown → clauses, keys, front matter, and every kind of bad input.

use docket::db::models::VersionStatus;
use docket::standard::{keys, parse_clauses, parse_version, sha256_hex};

use crate::support::front;

fn doc(body: &str) -> String {
    format!("{}{}", front("1", "superseded"), body)
}

#[test]
fn headings_become_nested_clauses_with_numbers_and_keys() {
    let text = doc("Intro.\n\n## 1 High integrity {#integrity}\n\nSection text.\n\n### 1.1 Oath of office {#pw-oath}\n\nPoll workers shall swear an oath.\n\n#### 1.1.1 Written record\n\nKeep it.\n\n### 1.2 Conflicts of interest\n\nDeclare them.\n\n## 2 Preparedness\n\nBe ready.\n");
    let v = parse_version("1.md", text.as_bytes(), None).unwrap();
    let got: Vec<(&str, &str, &str, u8, Option<&str>)> = v
        .clauses
        .iter()
        .map(|c| {
            (
                c.key.as_str(),
                c.number.as_str(),
                c.heading.as_str(),
                c.level,
                c.parent_key.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("integrity", "1", "High integrity", 2, None),
            ("pw-oath", "1.1", "Oath of office", 3, Some("integrity")),
            (
                "written-record",
                "1.1.1",
                "Written record",
                4,
                Some("pw-oath")
            ),
            (
                "conflicts-of-interest",
                "1.2",
                "Conflicts of interest",
                3,
                Some("integrity")
            ),
            ("preparedness", "2", "Preparedness", 2, None),
        ]
    );
    assert_eq!(v.clauses[1].body_md, "Poll workers shall swear an oath.\n");
    assert_eq!(
        v.clauses[1].html,
        "<p>Poll workers shall swear an oath.</p>\n"
    );
    assert!(v.preamble_html.contains("Intro."));
    assert_eq!(v.front.label, "1");
    assert_eq!(v.front.status, VersionStatus::Superseded);
    // Lines are those of the file, front matter included.
    let line_of_oath = text.lines().position(|l| l.starts_with("### 1.1")).unwrap() + 1;
    assert_eq!(v.clauses[1].line, line_of_oath);
}

#[test]
fn sha256_is_of_the_whole_source() {
    let text = doc("## 1 A\n\nBody.\n");
    let v = parse_version("1.md", text.as_bytes(), None).unwrap();
    assert_eq!(v.sha256, sha256_hex(text.as_bytes()));
    assert_eq!(v.sha256.len(), 64);
    let other = parse_version("1.md", doc("## 1 A\n\nBody!\n").as_bytes(), None).unwrap();
    assert_ne!(v.sha256, other.sha256);
}

#[test]
fn raw_html_is_escaped_not_passed_through() {
    let v = parse_version(
        "1.md",
        doc("## 1 A\n\nText <script>alert(1)</script> and <b onclick=\"x()\">bold</b>.\n\n<div>block</div>\n").as_bytes(),
        None,
    )
    .unwrap();
    let html = &v.clauses[0].html;
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<b "), "{html}");
    assert!(!html.contains("<div>"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(html.contains("&lt;div&gt;block&lt;/div&gt;"), "{html}");
}

#[test]
fn lists_and_tables_render_and_headings_inside_containers_are_body() {
    let v = parse_version(
        "1.md",
        doc("## 1 A {#a}\n\n- one\n- two\n\n> ## Not a clause\n\n| Col | Other |\n| --- | --- |\n| x | y |\n\n## 2 B {#b}\n\nBody.\n").as_bytes(),
        None,
    )
    .unwrap();
    assert_eq!(v.clauses.len(), 2);
    assert!(v.clauses[0].html.contains("<li>one</li>"));
    assert!(v.clauses[0].html.contains("<table>"));
    assert!(v.clauses[0].html.contains("Not a clause"));
}

#[test]
fn unnumbered_headings_keep_their_words() {
    let clauses = parse_clauses("## Scope\n\nText.\n\n## 3. Numbered with dot\n\nMore.\n").unwrap();
    assert_eq!(clauses[0].number, "");
    assert_eq!(clauses[0].heading, "Scope");
    assert_eq!(clauses[1].number, "3");
    assert_eq!(clauses[1].heading, "Numbered with dot");
}

#[test]
fn keys_are_inherited_by_heading_then_by_body_then_made_from_the_heading() {
    let v1 = parse_version(
        "1.md",
        doc("## 1 Values {#values}\n\n### 1.1 Recruiting poll workers\n\nThe office shall recruit poll workers from every precinct.\n\n### 1.2 Training sessions {#training}\n\nEvery poll worker attends a training session before each election.\n\n### 1.3 Paying poll workers\n\nPoll workers are paid for training time and for election day at the published hourly rate, within thirty days.\n").as_bytes(),
        None,
    )
    .unwrap();
    let keys1: Vec<&str> = v1.clauses.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(
        keys1,
        [
            "values",
            "recruiting-poll-workers",
            "training",
            "paying-poll-workers"
        ]
    );

    let v2 = parse_version(
        "2.md",
        doc("## 1 Values {#values}\n\n### 1.1 Accessibility of polling places\n\nEvery polling place is checked for access.\n\n### 1.2 Recruiting poll workers\n\nThe office shall recruit poll workers from every precinct and language group.\n\n### 1.3 Training\n\nEvery poll worker attends a training session before each election.\n\n### 1.4 Compensation\n\nPoll workers are paid for training time and for election day at the published hourly rate, within twenty days.\n").as_bytes(),
        Some(&v1.clauses),
    )
    .unwrap();
    let keys2: Vec<&str> = v2.clauses.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(
        keys2,
        [
            "values",
            "accessibility-of-polling-places", // new: made from the heading
            "recruiting-poll-workers",         // same heading words
            "training",                        // heading changed, body identical
            "paying-poll-workers",             // heading changed, body nearly the same
        ]
    );
    // Numbers are kept apart from keys.
    assert_eq!(v2.clauses[2].number, "1.2");
    assert_eq!(v1.clauses[1].number, "1.1");
}

#[test]
fn dissimilar_bodies_do_not_inherit_keys() {
    let v1 = parse_clauses("## 1 Old heading\n\nBallots are counted twice by separate teams.\n")
        .unwrap();
    let v2 = parse_version(
        "2.md",
        doc("## 1 New heading\n\nPolling places open at seven in the morning.\n").as_bytes(),
        Some(&v1),
    )
    .unwrap();
    assert_eq!(v2.clauses[0].key, "new-heading");
    assert!(keys::similarity("a b c d", "a b c d") > 0.99);
    assert!(keys::similarity("a b c d", "e f g h") < 0.01);
}

#[test]
fn explicit_keys_win_and_generated_keys_never_collide() {
    let clauses = parse_clauses("## 1 Seals {#seals}\n\nA.\n\n## 2 Seals again\n\nB.\n\n## 3 Other {#seals-again}\n\nC.\n\n## 4 Seals again!\n\nD.\n").unwrap();
    let keys: Vec<&str> = clauses.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(
        keys,
        ["seals", "seals-again-2", "seals-again", "seals-again-3"]
    );
}

#[test]
fn duplicate_keys_are_refused_with_both_lines() {
    let text = doc("## 1 A {#same}\n\nx\n\n## 2 B {#same}\n\ny\n");
    let err = parse_version("content/x/1.md", text.as_bytes(), None).unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("content/x/1.md:"), "{msg}");
    assert!(msg.contains("duplicate key `same`"), "{msg}");
    let first = text.lines().position(|l| l.starts_with("## 1")).unwrap() + 1;
    let second = text.lines().position(|l| l.starts_with("## 2")).unwrap() + 1;
    assert_eq!(err.line, Some(second));
    assert!(msg.contains(&format!("line {first}")), "{msg}");
}

#[test]
fn invalid_keys_are_refused() {
    let err = parse_version("1.md", doc("## 1 A {#Bad_Key}\n\nx\n").as_bytes(), None).unwrap_err();
    assert!(err.message.contains("invalid key"), "{err}");
}

#[test]
fn missing_front_matter_is_refused() {
    let err = parse_version("content/x/1.md", b"## 1 A\n\nBody.\n", None).unwrap_err();
    assert_eq!(err.line, Some(1));
    assert!(
        err.to_string()
            .contains("content/x/1.md:1: missing front matter"),
        "{err}"
    );
}

#[test]
fn unclosed_front_matter_is_refused() {
    let err = parse_version("1.md", b"+++\nlabel = \"1\"\n## 1 A\n", None).unwrap_err();
    assert!(err.message.contains("not closed"), "{err}");
}

#[test]
fn invalid_front_matter_names_the_line() {
    let text = "+++\nlabel = \"1\"\ntitle = \"T\"\nstatus = superseded\n+++\n\n## 1 A\n\nx\n";
    let err = parse_version("1.md", text.as_bytes(), None).unwrap_err();
    assert_eq!(err.line, Some(4), "{err}");
    assert!(err.message.starts_with("invalid front matter"), "{err}");

    let text = "+++\nlabel = \"1\"\ntitle = \"T\"\nstatus = \"pending\"\n+++\n\n## 1 A\n\nx\n";
    let err = parse_version("1.md", text.as_bytes(), None).unwrap_err();
    assert_eq!(err.line, Some(4));
    assert!(err.message.contains("unknown status `pending`"), "{err}");

    let text = "+++\ntitle = \"T\"\nstatus = \"draft\"\n+++\n\n## 1 A\n\nx\n";
    let err = parse_version("1.md", text.as_bytes(), None).unwrap_err();
    assert!(err.message.contains("missing field `label`"), "{err}");

    let text = "+++\nlabel = \"1\"\ntitle = \"T\"\nstatus = \"open\"\n+++\n\n## 1 A\n\nx\n";
    let err = parse_version("1.md", text.as_bytes(), None).unwrap_err();
    assert!(err.message.contains("needs comment_opens"), "{err}");

    let text = "+++\nlabel = \"1\"\ntitle = \"T\"\nstatus = \"closed\"\ncomment_opens = 2026-02-01T00:00:00Z\ncomment_closes = 2026-01-01T00:00:00Z\n+++\n\n## 1 A\n\nx\n";
    let err = parse_version("1.md", text.as_bytes(), None).unwrap_err();
    assert_eq!(err.line, Some(6));
    assert!(err.message.contains("after comment_opens"), "{err}");

    let text = "+++\nlabel = \"1\"\ntitle = \"T\"\nstatus = \"draft\"\ncolour = \"blue\"\n+++\n\n## 1 A\n\nx\n";
    let err = parse_version("1.md", text.as_bytes(), None).unwrap_err();
    assert!(err.message.contains("unknown field `colour`"), "{err}");
}

#[test]
fn a_file_that_is_not_utf8_is_refused_with_its_line() {
    let mut bytes = doc("## 1 A\n\nCaf").into_bytes();
    bytes.extend_from_slice(&[0xE9, b'\n']);
    let err = parse_version("content/x/1.md", &bytes, None).unwrap_err();
    assert!(err.message.contains("not valid UTF-8"), "{err}");
    let expected_line = doc("## 1 A\n\nCaf").lines().count();
    assert_eq!(err.line, Some(expected_line));
}

#[test]
fn an_empty_file_is_refused() {
    for body in ["", "   \n\n"] {
        let err = parse_version("content/x/2.md", body.as_bytes(), None).unwrap_err();
        assert_eq!(err.to_string(), "content/x/2.md: the file is empty");
    }
}

#[test]
fn a_version_without_clauses_is_refused() {
    let err = parse_version("1.md", doc("Just a paragraph.\n").as_bytes(), None).unwrap_err();
    assert!(err.message.contains("no clauses"), "{err}");
}
