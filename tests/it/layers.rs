//! The architecture's one rule, read from the code's own imports: data
//! flows one way. Only `web` knows HTTP and only `cli` knows the terminal,
//! so no other module refers to either; and no two modules depend on each
//! other, directly or through others.
//!
//! Every `crate::…` and `super::…` path in `src/` (outside comments) is
//! resolved to the module it names. A module and its own submodules count
//! as one unit: a parent that declares and re-exports its children, and
//! children that use their parent's items, are not a cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// `src/comments/submit.rs` → `comments::submit`; `src/comments.rs` → `comments`.
fn module_of(rel: &Path) -> Option<String> {
    let s = rel.to_string_lossy().replace('\\', "/");
    let s = s.strip_suffix(".rs")?;
    if s == "lib" || s == "main" {
        return None;
    }
    let s = s.strip_suffix("/mod").unwrap_or(s);
    Some(s.replace('/', "::"))
}

/// The source without comments and string literals, so a path named in
/// documentation or a message is not taken for an import.
fn code_only(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
            i += 2;
            while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                i += 1;
            }
            i += 2;
        } else if b[i] == b'r'
            && (b.get(i + 1) == Some(&b'#') || b.get(i + 1) == Some(&b'"'))
            && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_'))
        {
            // A raw string: r"…", r#"…"#, …
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&b'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&b'"') {
                out.push(b[i] as char);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= b.len() {
                    break;
                }
                if b[j] == b'"'
                    && b[j + 1..]
                        .iter()
                        .take(hashes)
                        .filter(|&&c| c == b'#')
                        .count()
                        == hashes
                {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            i = j;
            out.push_str("\"\"");
        } else if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if b[i] == b'\'' {
            // A char literal ('x', '\n', '"') or a lifetime ('a).
            let rest = &src[i..];
            // After a backslash the next character is escaped, quote or not.
            let from = if rest[1..].starts_with('\\') { 3 } else { 1 };
            let lit = rest
                .char_indices()
                .skip(from)
                .take(12)
                .find(|&(_, c)| c == '\'')
                .map(|(k, _)| k);
            match lit {
                Some(k) if rest[1..k].chars().count() == 1 || rest[1..].starts_with('\\') => {
                    i += k + 1;
                    out.push_str("' '");
                }
                _ => {
                    out.push('\'');
                    i += 1;
                }
            }
        } else {
            let c = src[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// Every path a source names from `crate::` or `super::`, expanded through
/// `{…}` groups, as segments relative to the crate root.
fn paths_in(code: &str, module: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let bytes = code.as_bytes();
    let is_ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut i = 0;
    while i < bytes.len() {
        let starts_word = i == 0 || !(is_ident(bytes[i - 1]) || bytes[i - 1] == b':');
        if starts_word && (code[i..].starts_with("crate::") || code[i..].starts_with("super::")) {
            let mut base: Vec<String> = Vec::new();
            let mut j = i;
            if code[i..].starts_with("crate::") {
                j += "crate::".len();
            } else {
                let file_mod: Vec<String> = module.split("::").map(str::to_string).collect();
                base = file_mod;
                while code[j..].starts_with("super::") {
                    base.pop();
                    j += "super::".len();
                }
            }
            let (mut paths, end) = parse_tree(code, j);
            for p in paths.iter_mut() {
                let mut full = base.clone();
                full.append(p);
                found.push(full);
            }
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    found
}

/// Parse `a::b::{c, d::e}` from `at`; returns the paths and where it ended.
fn parse_tree(code: &str, mut at: usize) -> (Vec<Vec<String>>, usize) {
    let b = code.as_bytes();
    let mut prefix: Vec<String> = Vec::new();
    loop {
        while at < b.len() && b[at].is_ascii_whitespace() {
            at += 1;
        }
        if at < b.len() && b[at] == b'{' {
            at += 1;
            let mut all = Vec::new();
            loop {
                while at < b.len() && (b[at].is_ascii_whitespace() || b[at] == b',') {
                    at += 1;
                }
                if at >= b.len() || b[at] == b'}' {
                    at += 1;
                    break;
                }
                let (sub, end) = parse_tree(code, at);
                for mut s in sub {
                    let mut p = prefix.clone();
                    p.append(&mut s);
                    all.push(p);
                }
                if end <= at {
                    at += 1;
                } else {
                    at = end;
                }
            }
            return (all, at);
        }
        let start = at;
        while at < b.len() && (b[at].is_ascii_alphanumeric() || b[at] == b'_') {
            at += 1;
        }
        if at == start {
            return (vec![prefix], at);
        }
        let seg = &code[start..at];
        if seg != "self" {
            prefix.push(seg.to_string());
        }
        if code[at..].starts_with("::") {
            at += 2;
        } else {
            return (vec![prefix], at);
        }
    }
}

fn within(module: &str, root: &str) -> bool {
    module == root || module.starts_with(&format!("{root}::"))
}

fn src_modules() -> BTreeMap<String, String> {
    src_files()
        .into_iter()
        .filter_map(|(path, text)| Some((module_of(Path::new(&path))?, text)))
        .collect()
}

/// Module → the modules it refers to (not counting its own ancestors and
/// descendants).
fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let sources = src_modules();
    let known: BTreeSet<String> = sources.keys().cloned().collect();
    let mut graph = BTreeMap::new();
    for (module, text) in &sources {
        let mut deps = BTreeSet::new();
        for path in paths_in(&code_only(text), module) {
            // The longest prefix that names a module.
            let target = (1..=path.len())
                .rev()
                .map(|n| path[..n].join("::"))
                .find(|m| known.contains(m));
            if let Some(t) = target {
                if !within(&t, module) && !within(module, &t) {
                    deps.insert(t);
                }
            }
        }
        graph.insert(module.clone(), deps);
    }
    graph
}

/// Strongly connected components with more than one module.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Reachability by depth-first search from each module (the graph is small).
    let reach = |from: &String| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(m) = stack.pop() {
            for d in graph.get(&m).into_iter().flatten() {
                if seen.insert(d.clone()) {
                    stack.push(d.clone());
                }
            }
        }
        seen
    };
    let reachable: BTreeMap<&String, BTreeSet<String>> =
        graph.keys().map(|m| (m, reach(m))).collect();
    let mut done = BTreeSet::new();
    let mut out = Vec::new();
    for m in graph.keys() {
        if done.contains(m) || !reachable[m].contains(m) {
            continue;
        }
        let scc: Vec<String> = graph
            .keys()
            .filter(|o| *o == m || (reachable[m].contains(*o) && reachable[*o].contains(m)))
            .cloned()
            .collect();
        done.extend(scc.iter().cloned());
        if scc.len() > 1 {
            out.push(scc);
        }
    }
    out
}

#[test]
fn only_web_and_cli_know_http_and_the_terminal() {
    let graph = dependencies();
    let mut wrong = Vec::new();
    for (module, deps) in &graph {
        // `cli` sits on top and may start the web server; nothing else
        // reaches up into either, and `web` never into `cli`.
        for top in ["web", "cli"] {
            if within(module, "cli") || within(module, top) {
                continue;
            }
            for d in deps.iter().filter(|d| within(d, top)) {
                wrong.push(format!("{module} imports {d}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports that point up:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_module_depends_on_itself_through_others() {
    let found = cycles(&dependencies());
    assert!(
        found.is_empty(),
        "import cycles:\n{}",
        found
            .iter()
            .map(|c| c.join(" ↔ "))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_checker_sees_imports_groups_and_cycles() {
    let code = code_only(
        "use crate::{db::{self, models::Comment}, web::auth::Staff};\n\
         // use crate::cli::Hidden;\n\
         let s = \"crate::cli::NotCode\";\n\
         fn f() { super::sibling::g(); crate::standard::parse::x() }",
    );
    let paths = paths_in(&code, "comments::submit");
    let joined: Vec<String> = paths.iter().map(|p| p.join("::")).collect();
    assert_eq!(
        joined,
        [
            "db",
            "db::models::Comment",
            "web::auth::Staff",
            "comments::sibling::g",
            "standard::parse::x"
        ]
    );
    let mut g = BTreeMap::new();
    g.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    g.insert("b".to_string(), BTreeSet::from(["c".to_string()]));
    g.insert("c".to_string(), BTreeSet::from(["a".to_string()]));
    g.insert("d".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(cycles(&g), vec![vec!["a", "b", "c"]]);
}

/// Every `.rs` file under `src/`, as (path relative to `src/`, text).
fn src_files() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    let mut dirs = vec![src.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path
                    .strip_prefix(&src)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn each_file_is_small_and_says_what_it_owns() {
    let mut wrong = Vec::new();
    for (path, text) in src_files() {
        let lines = text.lines().count();
        if lines > 700 {
            wrong.push(format!("{path}: {lines} lines (at most 700)"));
        }
        if path != "main.rs" && !text.trim_start().starts_with("//!") {
            wrong.push(format!("{path}: no //! line saying what the file owns"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn web_handlers_are_thin_and_never_build_sql() {
    let mut wrong = Vec::new();
    for (path, text) in src_files()
        .into_iter()
        .filter(|(p, _)| p.starts_with("web/"))
    {
        let code = code_only(&text);
        for line in code.lines() {
            let t = line.trim_start();
            if t.starts_with("use diesel") || t.contains("db::schema") || t.contains("diesel::") {
                wrong.push(format!("{path}: {}", t.trim()));
            }
        }
        // A handler: an `async fn` at the top level of the file, up to the
        // `}` that closes it at the start of a line.
        let lines: Vec<&str> = code.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            let l = lines[i];
            if l.starts_with("pub async fn ") || l.starts_with("async fn ") {
                let name = l
                    .split("fn ")
                    .nth(1)
                    .unwrap_or("")
                    .split(['(', '<'])
                    .next()
                    .unwrap_or("");
                let start = i;
                while i < lines.len() && lines[i] != "}" {
                    i += 1;
                }
                let len = i - start + 1;
                if len > 60 {
                    wrong.push(format!(
                        "{path}: handler {name} is {len} lines (at most 60)"
                    ));
                }
            }
            i += 1;
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
