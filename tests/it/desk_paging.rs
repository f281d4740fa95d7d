//! The editors' workspace at volume: pages bounded in rows and bytes
//! whatever the number of comments, counts and filters from SQL, every
//! comment visited once when the pages are walked; and campaigns grouped
//! at arrival, checked for precision and recall on a planted set.

use std::collections::{HashMap, HashSet};

use actix_web::http::StatusCode;
use chrono::Utc;
use diesel::prelude::*;
use docket::comments::campaigns;
use docket::db::models::{Comment, Commenter, NewComment, NewCommenter};
use docket::db::schema::comments;
use docket::db::{write_tx, DbConn};

use crate::comments::{app, get, Site};
use crate::dispositions::{editor, version_of};

const FEEDBACK: &str = "/editor/standards/ballots/2/feedback";

/// One comment to store: clause, type, text, status.
type Planted = (Option<&'static str>, &'static str, String, &'static str);

/// Store many comments in one transaction through the model and the
/// campaign signer, as arrival does.
fn seed_many(conn: &mut DbConn, version_id: i32, rows: &[Planted]) -> Vec<Comment> {
    let now = Utc::now().naive_utc();
    write_tx(conn, |conn| {
        let commenter = match Commenter::by_email(conn, "bulk@seed.example.org")? {
            Some(c) => c,
            None => Commenter::insert(
                conn,
                &NewCommenter {
                    email: "bulk@seed.example.org",
                    display_name: "Bulk Seeder",
                    organization: Some("Seed Society"),
                    unsubscribe_token: &docket::comments::random_hex(8),
                    created_at: now,
                },
            )?,
        };
        let mut out = Vec::with_capacity(rows.len());
        for (clause, kind, body, status) in rows {
            let tracking = format!("BULK-{}", docket::comments::random_code(10));
            let c = Comment::insert(
                conn,
                &NewComment {
                    version_id,
                    clause_key: *clause,
                    parent_id: None,
                    depth: 0,
                    kind,
                    body_md: body,
                    body_html: &format!("<p>{body}</p>"),
                    proposed_text: None,
                    quoted_text: None,
                    commenter_id: commenter.id,
                    status,
                    tracking_number: &tracking,
                    created_at: now,
                    published_at: (*status == "published").then_some(now),
                    author_name: "Bulk Seeder",
                    author_organization: Some("Seed Society"),
                    submission_key: None,
                    proposed_html: None,
                    lang: "en",
                },
                None,
            )?;
            campaigns::sign(conn, &c)?;
            out.push(c);
        }
        Ok::<_, diesel::result::Error>(out)
    })
    .unwrap()
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A made-up word from a vocabulary of about 3,000.
    fn word(&mut self) -> String {
        const SYL: [&str; 14] = [
            "ba", "ko", "ri", "tu", "me", "sa", "lo", "ne", "vi", "da", "pe", "gu", "ha", "zo",
        ];
        (0..3).map(|_| SYL[self.below(SYL.len())]).collect()
    }

    fn text(&mut self, words: usize) -> Vec<String> {
        (0..words).map(|_| self.word()).collect()
    }
}

/// Distinct comments: unrelated texts on a clause, numbered.
fn distinct(n: usize, seed: u64) -> Vec<Planted> {
    let mut rng = Rng(seed);
    let clauses = [None, Some("custody"), Some("seals")];
    let kinds = ["general", "technical", "editorial"];
    (0..n)
        .map(|i| {
            let len = 12 + rng.below(20);
            (
                clauses[i % 3],
                kinds[i % 3],
                format!("Comment {i}: {}.", rng.text(len).join(" ")),
                "published",
            )
        })
        .collect()
}

fn first_page_bytes(body: &str) -> usize {
    body.len()
}

fn items(body: &str) -> Vec<i32> {
    body.match_indices("<li class=\"feedback-item\" id=\"item-")
        .map(|(i, m)| {
            let rest = &body[i + m.len()..];
            rest[..rest.find('"').unwrap()].parse().unwrap()
        })
        .collect()
}

fn next_link(body: &str) -> Option<String> {
    let at = body.find("\" rel=\"next\"")?;
    let start = body[..at].rfind("href=\"")? + 6;
    Some(body[start..at].replace("&amp;", "&").replace("&#38;", "&"))
}

#[actix_web::test]
async fn the_workspace_pages_stay_bounded_count_in_sql_and_walk_every_comment_once() {
    let site = Site::ballots();
    let v2 = version_of(&site, "ballots", "2");
    let mut planted = distinct(500, 7);
    let first = seed_many(&mut site.conn(), v2.id, &planted);
    let svc = app!(site);
    let mut ed = editor(&svc, &site).await;
    let small = get(&svc, &mut ed, FEEDBACK).await;
    assert_eq!(small.status, StatusCode::OK, "{}", small.body);
    assert!(small.body.contains("0 of 500</strong>"), "{}", small.body);

    let t0 = std::time::Instant::now();
    let more = distinct(2500, 99);
    let rest = seed_many(&mut site.conn(), v2.id, &more);
    planted.extend(more);
    eprintln!("seeding 2500: {:?}", t0.elapsed());
    let t0 = std::time::Instant::now();
    let big = get(&svc, &mut ed, FEEDBACK).await;
    eprintln!("first page: {:?}", t0.elapsed());
    assert!(big.body.contains("0 of 3000</strong>"));
    assert_eq!(items(&big.body).len(), docket::comments::workspace::PAGE);
    let (a, b) = (first_page_bytes(&small.body), first_page_bytes(&big.body));
    assert!(
        b < a + a / 10 && b < 1_000_000,
        "the first page grew from {a} to {b} bytes"
    );
    // Counts per clause from SQL.
    assert!(
        big.body.contains("Clause 1.2 Chain of custody</a> (1000)"),
        "{}",
        &big.body[..4000]
    );

    // Walking the pages visits each comment once, in clause order.
    let mut seen = Vec::new();
    let mut page = big;
    let mut pages = 0;
    loop {
        seen.extend(items(&page.body));
        pages += 1;
        assert!(pages <= 61, "too many pages");
        let Some(next) = next_link(&page.body) else {
            break;
        };
        assert!(next.starts_with(FEEDBACK), "{next}");
        page = get(&svc, &mut ed, &next).await;
        assert_eq!(page.status, StatusCode::OK, "{next}");
    }
    let all: HashSet<i32> = first.iter().chain(&rest).map(|c| c.id).collect();
    assert_eq!(seen.len(), 3000, "each comment once");
    assert_eq!(seen.iter().copied().collect::<HashSet<_>>(), all);

    // Filters in SQL, kept in the page links.
    let technical = get(&svc, &mut ed, &format!("{FEEDBACK}?kind=technical")).await;
    assert!(technical
        .body
        .contains("The filters below show 1000 of them"));
    let next = next_link(&technical.body).expect("a second page");
    assert!(
        next.contains("kind=technical") && next.contains("after="),
        "{next}"
    );
    let page2 = get(&svc, &mut ed, &next).await;
    let kinds: HashMap<i32, &str> = first
        .iter()
        .chain(&rest)
        .zip(&planted)
        .map(|(c, p)| (c.id, p.1))
        .collect();
    for id in items(&technical.body).into_iter().chain(items(&page2.body)) {
        assert_eq!(kinds[&id], "technical");
    }
    assert!(
        page2.body.contains("rel=\"prev\""),
        "{next}: {}",
        &page2.body[page2.body.len().saturating_sub(3000)..]
    );
    let word = get(&svc, &mut ed, &format!("{FEEDBACK}?q=comment+1234%3A")).await;
    assert_eq!(items(&word.body).len(), 1, "{}", word.body);
    // A cursor from another version is not a page of this one.
    let bad = get(&svc, &mut ed, &format!("{FEEDBACK}?after=999999")).await;
    assert_eq!(bad.status, StatusCode::NOT_FOUND);
}

/// 20 templates × 10 variants, each changing at most a tenth of the words
/// (substituted, inserted or deleted), mixed with 300 unrelated comments.
fn planted_campaigns() -> (Vec<Planted>, Vec<Option<usize>>) {
    let mut rng = Rng(0x5eed);
    let mut rows: Vec<(Planted, Option<usize>)> = Vec::new();
    for t in 0..20 {
        let len = 40 + rng.below(30);
        let template = rng.text(len);
        for _ in 0..10 {
            let mut w = template.clone();
            for _ in 0..len / 10 {
                let at = rng.below(w.len());
                match rng.below(3) {
                    0 => w[at] = rng.word(),
                    1 => w.insert(at, rng.word()),
                    _ => {
                        w.remove(at);
                    }
                }
            }
            rows.push((
                (Some("custody"), "general", w.join(" "), "published"),
                Some(t),
            ));
        }
    }
    for d in distinct(300, 4242) {
        rows.push((d, None));
    }
    // Shuffle (Fisher–Yates), so variants arrive interleaved.
    for i in (1..rows.len()).rev() {
        rows.swap(i, rng.below(i + 1));
    }
    rows.into_iter().unzip()
}

fn campaign_ids(conn: &mut DbConn, ids: &[i32]) -> HashMap<i32, i32> {
    comments::table
        .filter(comments::id.eq_any(ids))
        .select((comments::id, comments::campaign_id))
        .load::<(i32, Option<i32>)>(conn)
        .unwrap()
        .into_iter()
        .map(|(id, c)| (id, c.expect("signed at arrival")))
        .collect()
}

#[actix_web::test]
async fn campaigns_found_at_arrival_have_high_precision_and_recall() {
    let site = Site::ballots();
    let v2 = version_of(&site, "ballots", "2");
    let (rows, truth) = planted_campaigns();
    let stored = seed_many(&mut site.conn(), v2.id, &rows);
    let ids: Vec<i32> = stored.iter().map(|c| c.id).collect();
    let predicted = campaign_ids(&mut site.conn(), &ids);
    let (mut tp, mut fp, mut fneg) = (0u32, 0u32, 0u32);
    for i in 0..ids.len() {
        for j in i + 1..ids.len() {
            let same_truth = truth[i].is_some() && truth[i] == truth[j];
            let same_pred = predicted[&ids[i]] == predicted[&ids[j]];
            match (same_truth, same_pred) {
                (true, true) => tp += 1,
                (false, true) => fp += 1,
                (true, false) => fneg += 1,
                (false, false) => {}
            }
        }
    }
    let precision = f64::from(tp) / f64::from(tp + fp);
    let recall = f64::from(tp) / f64::from(tp + fneg);
    assert!(
        precision >= 0.95 && recall >= 0.9,
        "precision {precision:.3}, recall {recall:.3} (tp {tp}, fp {fp}, fn {fneg})"
    );
}

/// A form letter sent hundreds of times with one word changed in each (a
/// number, as an organised campaign's do) is one campaign.
#[actix_web::test]
async fn a_form_letter_with_a_number_changed_is_one_campaign() {
    let site = Site::ballots();
    let v2 = version_of(&site, "ballots", "2");
    let rows: Vec<Planted> = (0..300)
        .map(|n| {
            let text = format!(
                "Comment {n} from a member. Seals should be numbered and logged at each \
                 hand-off, and the log kept with the ballots it describes."
            );
            (Some("seals"), "general", text, "published")
        })
        .collect();
    let stored = seed_many(&mut site.conn(), v2.id, &rows);
    let ids: Vec<i32> = stored.iter().map(|c| c.id).collect();
    let predicted = campaign_ids(&mut site.conn(), &ids);
    let campaigns: HashSet<i32> = predicted.values().copied().collect();
    assert_eq!(campaigns.len(), 1, "every copy joins one campaign");
    assert!(campaigns.contains(&ids[0]), "the campaign of the first");
}

#[actix_web::test]
async fn exact_copies_group_and_the_workspace_counts_them_without_hiding_any() {
    let site = Site::ballots();
    let v2 = version_of(&site, "ballots", "2");
    let letter = "Keep the seal log for twenty-two months, as federal law asks.";
    let mut rows: Vec<Planted> = (0..120)
        .map(|i| {
            let text = if i % 2 == 0 {
                letter.to_string()
            } else {
                letter.to_uppercase().replace(' ', "  ")
            };
            (Some("seals"), "general", text, "published")
        })
        .collect();
    rows.extend(distinct(30, 11));
    let stored = seed_many(&mut site.conn(), v2.id, &rows);
    let ids: Vec<i32> = stored.iter().map(|c| c.id).collect();
    let predicted = campaign_ids(&mut site.conn(), &ids);
    let first = ids[0];
    for id in &ids[..120] {
        assert_eq!(predicted[id], first, "every copy joins the first");
    }
    for id in &ids[120..] {
        assert_eq!(predicted[id], *id, "unrelated comments stand alone");
    }
    let svc = app!(site);
    let mut ed = editor(&svc, &site).await;
    let page = get(&svc, &mut ed, FEEDBACK).await;
    assert!(page.body.contains("Campaign 1: 120 comments (0 decided)"));
    assert!(!page.body.contains("Campaign 2"));
    assert!(
        page.body.contains("0 of 150</strong>"),
        "copies are counted, not suppressed"
    );
    // The campaign's own listing pages through all 120 members.
    let members = get(&svc, &mut ed, &format!("{FEEDBACK}?campaign={first}")).await;
    assert!(members.body.contains("The filters below show 120 of them"));
    assert_eq!(
        items(&members.body).len(),
        docket::comments::workspace::PAGE
    );
}

fn report_rows(body: &str) -> Vec<String> {
    body.match_indices("<li class=\"report-item\" id=\"r-")
        .map(|(i, m)| {
            let rest = &body[i + m.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

#[actix_web::test]
async fn the_report_pages_and_the_downloads_stream_every_public_comment_once() {
    let site = Site::ballots();
    let v2 = version_of(&site, "ballots", "2");
    let mut rows = distinct(1100, 5);
    // Not public: never in the report.
    rows.push((
        Some("seals"),
        "general",
        "Waiting for a moderator.".into(),
        "pending",
    ));
    rows.push((None, "general", "Never confirmed.".into(), "unverified"));
    let stored = seed_many(&mut site.conn(), v2.id, &rows);
    let public: HashSet<String> = stored[..1100]
        .iter()
        .map(|c| c.tracking_number.clone())
        .collect();
    let svc = app!(site);
    let mut visitor = crate::comments::Browser::new("198.51.100.20");
    let report = "/standards/ballots/2/dispositions";

    let first = get(&svc, &mut visitor, report).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert!(first.body.contains("0 of 1100 comments have a decision"));
    assert_eq!(
        report_rows(&first.body).len(),
        docket::comments::dispositions::report::PAGE
    );
    assert!(first.body.len() < 1_000_000);
    let mut seen = Vec::new();
    let mut page = first;
    let mut pages = 0;
    loop {
        seen.extend(report_rows(&page.body));
        pages += 1;
        assert!(pages <= 10);
        let Some(next) = next_link(&page.body) else {
            break;
        };
        page = get(&svc, &mut visitor, &next).await;
        assert_eq!(page.status, StatusCode::OK, "{next}");
        assert!(page.body.contains("rel=\"prev\""));
    }
    assert_eq!(seen.len(), 1100, "each public comment once");
    assert_eq!(seen.iter().cloned().collect::<HashSet<_>>(), public);

    let csv = get(&svc, &mut visitor, &format!("{report}.csv")).await;
    assert_eq!(csv.status, StatusCode::OK);
    let lines: Vec<&str> = csv.body.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(lines[0].starts_with("tracking_number,"));
    assert_eq!(lines.len(), 1101, "a header and one line per comment");
    let tracked: HashSet<String> = lines[1..]
        .iter()
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect();
    assert_eq!(tracked, public);

    let json = get(&svc, &mut visitor, &format!("{report}.json")).await;
    assert_eq!(json.status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&json.body).expect("valid JSON");
    assert_eq!(v["comments"], 1100);
    assert_eq!(v["decided"], 0);
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1100);
    let tracked: HashSet<String> = rows
        .iter()
        .map(|r| r["tracking_number"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(tracked, public);
    // The order is the report's: the same as the pages.
    let order: Vec<String> = rows
        .iter()
        .map(|r| r["tracking_number"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(order, seen);

    let missing = get(&svc, &mut visitor, &format!("{report}?after=999999")).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let both = get(&svc, &mut visitor, &format!("{report}?after=1&before=2")).await;
    assert_eq!(both.status, StatusCode::BAD_REQUEST);
}
