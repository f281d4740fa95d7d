//! The message catalogues: every message in both languages, with the same
//! variables, and every key the code asks for present.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use docket::i18n::{self, Lang, FILES};

/// Each message's variables (`{ $name }`), by key, read from the text.
fn variables(ftl: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in ftl.lines() {
        let starts_message =
            line.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && line.contains('=');
        if starts_message {
            let key = line.split('=').next().unwrap().trim().to_string();
            out.entry(key.clone()).or_default();
            current = Some(key);
        } else if line.starts_with('#') || line.trim().is_empty() {
            if line.starts_with('#') {
                current = None;
            }
            continue;
        }
        if let Some(key) = &current {
            let mut rest = line;
            while let Some(at) = rest.find('$') {
                rest = &rest[at + 1..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                    .collect();
                if !name.is_empty() {
                    out.get_mut(key).unwrap().insert(name);
                }
            }
        }
    }
    out
}

#[test]
fn every_message_is_in_both_languages_with_the_same_variables() {
    for (name, en, es) in FILES {
        let en_keys: BTreeSet<String> = i18n::keys(en).into_iter().collect();
        let es_keys: BTreeSet<String> = i18n::keys(es).into_iter().collect();
        let missing_es: Vec<_> = en_keys.difference(&es_keys).collect();
        let missing_en: Vec<_> = es_keys.difference(&en_keys).collect();
        assert!(
            missing_es.is_empty() && missing_en.is_empty(),
            "{name}: missing in Spanish {missing_es:?}; missing in English {missing_en:?}"
        );
        let (en_vars, es_vars) = (variables(en), variables(es));
        for key in &en_keys {
            assert_eq!(
                en_vars.get(key),
                es_vars.get(key),
                "{name}: message {key} uses different variables in English and Spanish"
            );
        }
    }
}

#[test]
fn the_catalogue_has_messages() {
    let total: usize = FILES.iter().map(|(_, en, _)| i18n::keys(en).len()).sum();
    assert!(total > 10, "only {total} messages");
}

#[test]
fn no_key_is_defined_twice() {
    let mut seen = BTreeMap::new();
    for (name, en, _) in FILES {
        for key in i18n::keys(en) {
            if let Some(other) = seen.insert(key.clone(), *name) {
                panic!("{key} is defined in {other} and in {name}");
            }
        }
    }
}

/// Every string literal that opens one of the catalogue's calls, on the
/// same line or the next (as rustfmt lays out a long call).
fn keys_asked_for(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for call in ["t(", "t1(", "t2(", "t3(", "t_with(", "t_with_three("] {
        let mut rest = text;
        while let Some(at) = rest.find(call) {
            let before = rest[..at].chars().last();
            rest = &rest[at + call.len()..];
            // `t(` must be a call of its own, not the end of `print(` or `get(`.
            if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                continue;
            }
            let Some(literal) = rest.trim_start().strip_prefix('"') else {
                continue;
            };
            let key: String = literal.chars().take_while(|c| *c != '"').collect();
            if key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !key.is_empty()
            {
                out.push(key);
            }
        }
    }
    out
}

fn walk(dir: &Path, found: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, found);
        } else if let Ok(text) = std::fs::read_to_string(&path) {
            for key in keys_asked_for(&text) {
                found.push((key, path.display().to_string()));
            }
        }
    }
}

#[test]
fn every_key_the_code_and_templates_ask_for_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut asked = Vec::new();
    walk(&root.join("src"), &mut asked);
    walk(&root.join("templates"), &mut asked);
    assert!(asked.len() > 5, "the scan found almost nothing");
    let defined: BTreeSet<String> = FILES.iter().flat_map(|(_, en, _)| i18n::keys(en)).collect();
    let missing: Vec<_> = asked
        .iter()
        .filter(|(key, _)| !defined.contains(key))
        .collect();
    assert!(
        missing.is_empty(),
        "keys asked for but not in the catalogue: {missing:?}"
    );
}

#[test]
fn messages_render_in_each_language() {
    assert_eq!(Lang::En.t("site-search"), "Search");
    assert_eq!(Lang::Es.t("site-search"), "Buscar");
    // An unknown key shows itself rather than nothing.
    assert_eq!(Lang::Es.t("no-such-message"), "no-such-message");
}
