//! A Spanish-speaking commenter in a real browser: switches the site to
//! Spanish with the header's button, comments on two clauses with a
//! preview of each (the proposal's redline included), gathers them into
//! one list, sends it, and confirms both comments from the one mail.

use serde_json::Value;

use crate::browser::{
    browser_tools, http, link_in, open_standard, unfold_mail, wait_for, Browser, Server,
};
use crate::support::TestDb;

const EMAIL: &str = "oficina@condado.example.org";

/// Set a form field's value by its id, as typing would.
fn fill(browser: &Browser, id: &str, value: &str) {
    let script = format!(
        "const e = document.getElementById({}); e.value = {}; return e.value;",
        Value::from(id),
        Value::from(value)
    );
    assert_eq!(browser.script(&script), Value::from(value), "{id} filled");
}

/// Press the button whose `name` is given, or the form's first button.
fn press(browser: &Browser, selector: &str) {
    let script = format!(
        "const b = document.querySelector({}); if (!b) return false; b.click(); return true;",
        Value::from(selector)
    );
    assert_eq!(browser.script(&script), Value::Bool(true), "no {selector}");
}

fn lang(browser: &Browser) -> String {
    browser
        .script("return document.documentElement.lang;")
        .as_str()
        .unwrap_or("")
        .to_string()
}

/// Comment on one clause in Spanish: fill the form, preview it, then add
/// it to the list.
fn comment_on(browser: &Browser, server: &Server, key: &str, body: &str, proposed: Option<&str>) {
    browser.goto(&server.url(&format!("/standards/ballots/1/clauses/{key}/comments/new")));
    wait_for("the Spanish comment form", || {
        browser.page_text().contains("Añadir a mi lista")
    });
    fill(browser, "f-name", "Oficina Electoral del Condado");
    fill(browser, "f-email", EMAIL);
    fill(browser, "f-body", body);
    if let Some(p) = proposed {
        fill(browser, "f-proposed_text", p);
    }
    press(browser, "button[name=preview]");
    wait_for("the preview", || {
        browser
            .page_text()
            .contains("Vista previa de su comentario")
    });
    let preview = browser
        .script("return document.querySelector('section.preview').innerText;")
        .as_str()
        .unwrap_or("")
        .to_string();
    assert!(
        preview.contains(body),
        "the preview shows the comment: {preview}"
    );
    if proposed.is_some() {
        let inserted = browser
            .script("return Array.from(document.querySelectorAll('section.preview ins')).map(e => e.textContent).join(' ');")
            .as_str()
            .unwrap_or("")
            .to_string();
        assert!(
            inserted.contains("dos personas"),
            "the preview shows the proposal's redline: {inserted}"
        );
    }
    // The preview gives everything back in the boxes.
    assert_eq!(
        browser.script("return document.getElementById('f-body').value;"),
        Value::from(body)
    );
    press(browser, "button[name=gather]");
    wait_for("the list page", || {
        browser.current_url().ends_with("/comments/gathered")
            && browser.page_text().contains("Su lista de comentarios")
    });
}

#[test]
fn a_spanish_commenter_previews_two_clauses_and_confirms_both_from_one_mail() {
    let Some((chromium, driver)) = browser_tools() else {
        return;
    };
    let content = open_standard();
    let db = TestDb::new();
    let server = Server::start(content.path(), &db);
    let browser = Browser::start(&chromium, &driver);

    browser.goto(&server.url("/standards/ballots/1"));
    assert_eq!(lang(&browser), "en");
    press(&browser, "form.language-switch button[lang=es]");
    wait_for("the page in Spanish", || lang(&browser) == "es");
    assert!(
        browser.current_url().ends_with("/standards/ballots/1"),
        "the switch comes back to the same page: {}",
        browser.current_url()
    );

    let on_custody = "Dos firmas retrasan a las oficinas pequeñas la noche electoral.";
    let on_seals = "El número de cada sello debe leerse en voz alta.";
    comment_on(
        &browser,
        &server,
        "custody",
        on_custody,
        Some("Ballots shall be logged at every hand-off by dos personas."),
    );
    comment_on(&browser, &server, "seals", on_seals, None);
    let list = browser.page_text();
    assert!(
        list.contains(on_custody) && list.contains(on_seals),
        "{list}"
    );
    assert!(list.contains("Enviar 2 comentarios"), "{list}");

    press(
        &browser,
        "form[action='/comments/gathered'] button[type=submit]",
    );
    wait_for("the page after sending", || {
        browser.current_url().ends_with("/comments/gathered/sent")
    });
    let sent = browser.page_text();
    assert!(sent.contains("Revise su correo electrónico"), "{sent}");
    assert!(sent.contains("Números de seguimiento"), "{sent}");

    // One mail to the office, in Spanish, with one link for both.
    let mut mails = Vec::new();
    wait_for("the confirmation mail", || {
        mails = server
            .mails()
            .into_iter()
            .filter(|m| m.contains(EMAIL))
            .collect();
        !mails.is_empty()
    });
    assert_eq!(mails.len(), 1, "one mail: {mails:#?}");
    let mail = unfold_mail(&mails[0]);
    assert!(mail.contains("Confirmarlos todos"), "{mail}");
    let link = link_in(&mail, "/verify/list/").expect("the list's link");
    assert_eq!(
        mail.matches("/verify/").count(),
        1,
        "one link in the mail: {mail}"
    );

    // Opening the link publishes nothing; its button confirms both.
    browser.goto(&link);
    wait_for("the confirmation page", || {
        browser.page_text().contains("Confirmar los 2 comentarios")
    });
    let (_, thread) = http(
        server.port,
        "GET",
        "/standards/ballots/1/clauses/seals",
        None,
    )
    .unwrap();
    assert!(
        !thread.contains("voz alta"),
        "opening the link publishes nothing"
    );
    press(&browser, "main form button[type=submit]");
    wait_for("the confirmed page", || {
        browser
            .page_text()
            .contains("Sus comentarios están confirmados")
    });

    // Discussions may lag a new comment by up to a second (the page cache).
    for (key, body) in [("custody", on_custody), ("seals", on_seals)] {
        wait_for("the comment in its thread", || {
            browser.goto(&server.url(&format!("/standards/ballots/1/clauses/{key}")));
            browser.page_text().contains(body)
        });
    }
    assert!(
        !browser.page_text().contains(EMAIL),
        "no address on the page"
    );
}
