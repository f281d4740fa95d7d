//! The comment form's checks, fed whatever a client could send.
//!
//! The input is a form body as a browser would post it. The body is first
//! checked for fields that are not UTF-8 (the site refuses those before
//! reading the form), then read into the form's fields and validated, as
//! a clause comment and as a reply. Whatever the input, validation either
//! names the fields it refuses with a message, or returns text the site
//! can store and show: within every limit, with no control or
//! text-direction character where none may be, and rendering to HTML that
//! carries no script.

#![no_main]

use docket::comments::submit::{bidi_control, stray_control, validate, Draft};
use docket::comments::{
    SafeHtml, MAX_BODY_CHARS, MAX_NAME_CHARS, MAX_ORGANIZATION_CHARS, MAX_PROPOSED_CHARS,
};
use libfuzzer_sys::fuzz_target;

const FIELDS: [&str; 6] = [
    "name",
    "email",
    "organization",
    "kind",
    "body",
    "proposed_text",
];

fuzz_target!(|data: &[u8]| {
    if docket::web::security::first_invalid_utf8_field(data).is_some() {
        return;
    }
    let Ok(draft) = serde_urlencoded::from_bytes::<Draft>(data) else {
        return;
    };
    for proposals in [true, false] {
        match validate(&draft, proposals) {
            Err(errors) => {
                assert!(!errors.is_empty());
                for e in &errors {
                    assert!(FIELDS.contains(&e.field), "unknown field {}", e.field);
                    assert!(!e.message.trim().is_empty());
                }
            }
            Ok(v) => {
                assert!(!v.name.is_empty() && v.name.chars().count() <= MAX_NAME_CHARS);
                assert!(!v.name.chars().any(char::is_control));
                assert!(bidi_control(&v.name).is_none());
                if let Some(o) = &v.organization {
                    assert!(o.chars().count() <= MAX_ORGANIZATION_CHARS);
                    assert!(!o.chars().any(char::is_control));
                    assert!(bidi_control(o).is_none());
                }
                assert_eq!(v.email, v.email.trim().to_lowercase());
                assert!(!v.body.trim().is_empty());
                assert!(v.body.chars().count() <= MAX_BODY_CHARS);
                assert!(stray_control(&v.body).is_none() && !v.body.contains('\r'));
                if let Some(p) = &v.proposed_text {
                    assert!(proposals, "replacement text accepted where none may be");
                    assert!(p.chars().count() <= MAX_PROPOSED_CHARS);
                    assert!(stray_control(p).is_none() && !p.contains('\r'));
                }
                let html = SafeHtml::from_markdown(&v.body);
                check_html(html.as_str());
            }
        }
    }
});

/// Every tag in sanitised HTML is one the site allows: no script or style
/// element, no event handler attribute, and no link to a script.
fn check_html(html: &str) {
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        let tag = &rest[at + 1..];
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
            .collect::<String>()
            .to_ascii_lowercase();
        let name = name.trim_start_matches('/');
        assert!(
            !matches!(name, "script" | "style" | "iframe" | "object" | "embed" | "svg" | "math"),
            "<{name}> in {html}"
        );
        // Attributes: name="value", values double-quoted by the sanitiser.
        let mut attrs = &tag[name.len()..];
        let end;
        loop {
            attrs = attrs.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
            if attrs.is_empty() {
                end = tag.len();
                break;
            }
            if attrs.starts_with('>') {
                end = tag.len() - attrs.len() + 1;
                break;
            }
            let n = attrs
                .find(|c: char| c == '=' || c == '>' || c.is_whitespace())
                .unwrap_or(attrs.len());
            let attr = attrs[..n].to_ascii_lowercase();
            assert!(!attr.starts_with("on"), "handler {attr} in {html}");
            attrs = &attrs[n..];
            if let Some(v) = attrs.strip_prefix("=\"") {
                let close = v.find('"').expect("a closed attribute value");
                let value = v[..close].to_ascii_lowercase();
                if attr == "href" || attr == "src" {
                    let value: String = value.chars().filter(|c| !c.is_whitespace()).collect();
                    assert!(
                        !value.starts_with("javascript:") && !value.starts_with("data:"),
                        "{attr}={value} in {html}"
                    );
                }
                attrs = &v[close + 1..];
            }
        }
        rest = &tag[end.min(tag.len())..];
    }
}
