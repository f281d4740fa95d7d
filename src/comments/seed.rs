//! Published comments in bulk, for load tests (`bench/flood/`): each
//! batch is one write transaction that stores its comments, appends their
//! publication entries to the ledger (so `docket verify` still checks out)
//! and records some decisions the way editors do. The comments look like
//! real ones: replies, proposed text, decisions, a few organisations.
//! Seeded commenters have no usable email address, so no mail is queued.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::QueryResult;

use super::dispositions::{self, Decision};
use super::moderation::{self, Actor};
use super::notify::Place;
use super::{random_code, SafeHtml, Settings};
use crate::db::models::{
    ClauseRow, Comment, Commenter, NewComment, NewCommenter, NewStaffUser, Outcome, Role,
    StaffUser, Standard, Version,
};
use crate::db::{write_tx, DbConn};

/// How many commenters the seeded comments are spread over.
const AUTHORS: usize = 200;
/// One comment in this many is a reply to the comment before it.
const REPLY_EVERY: usize = 4;
/// One comment in this many proposes text.
const PROPOSAL_EVERY: usize = 7;
/// One comment in this many is given a decision.
const DECISION_EVERY: usize = 50;

/// Seeds one version.
pub struct Seeder {
    settings: Settings,
    standard: Standard,
    version: Version,
    labels: HashMap<String, String>,
    clauses: HashMap<String, ClauseRow>,
    authors: Vec<Commenter>,
    editor: Actor,
    /// Tracking numbers are `{prefix}-{n}`.
    prefix: String,
    n: usize,
    /// Bodies drawn from a vocabulary (see [`varied_body`]) instead of one
    /// text with a number in it.
    varied: bool,
}

impl Seeder {
    /// Prepare to seed version `label` of `slug` (published or not), with
    /// its seeded commenters and the editor who records the decisions.
    pub fn new(conn: &mut DbConn, slug: &str, label: &str, base_url: &str) -> QueryResult<Seeder> {
        let standard = Standard::by_slug(conn, slug)?;
        let version = Version::by_label(conn, standard.id, label)?;
        let rows = ClauseRow::for_version(conn, version.id)?;
        let labels = rows
            .iter()
            .map(|c| {
                let label = super::clause_label_of(Some(&c.clause_key), Some(c));
                (c.clause_key.clone(), label)
            })
            .collect();
        let clauses = rows
            .into_iter()
            .map(|c| (c.clause_key.clone(), c))
            .collect();
        let now = chrono::Utc::now().naive_utc();
        let (authors, editor) = write_tx(conn, |conn| {
            let mut authors = Vec::with_capacity(AUTHORS);
            for i in 0..AUTHORS {
                // Not an address: nothing is ever mailed to a seeded commenter.
                let email = format!("flood-seed-{i}");
                let c = match Commenter::by_email(conn, &email)? {
                    Some(c) => c,
                    None => Commenter::insert(
                        conn,
                        &NewCommenter {
                            email: &email,
                            display_name: &format!("Seeded Commenter {i}"),
                            organization: (i % 3 == 0).then_some("County Clerks' Association"),
                            unsubscribe_token: &super::random_hex(8),
                            created_at: now,
                        },
                    )?,
                };
                authors.push(c);
            }
            let editor = match StaffUser::find_by_name(conn, "flood-editor")? {
                Some(u) => u,
                None => StaffUser::insert(
                    conn,
                    &NewStaffUser {
                        name: "flood-editor",
                        // No password hash matches "!": it cannot sign in.
                        password_hash: "!",
                        role: Role::Editor.as_str(),
                        created_at: now,
                        disabled: true,
                    },
                )?,
            };
            Ok::<_, diesel::result::Error>((authors, editor))
        })?;
        Ok(Seeder {
            settings: Settings {
                base_url: base_url.trim_end_matches('/').to_string(),
                moderation: super::Moderation::Post,
            },
            standard,
            editor: Actor {
                id: editor.id,
                name: editor.name,
                role: Role::Editor,
            },
            version,
            labels,
            clauses,
            authors,
            prefix: format!("FLOOD{}", random_code(4)),
            n: 0,
            varied: false,
        })
    }

    /// Give each comment its own text, made of common words and a long
    /// tail of rare ones as real comments are, for measuring search.
    pub fn with_varied_text(mut self) -> Seeder {
        self.varied = true;
        self
    }

    /// Publish `count` comments in one transaction, each on the next key
    /// of `keys` in turn (`None`: the whole version). Returns their ids.
    pub fn batch(
        &mut self,
        conn: &mut DbConn,
        keys: &[Option<String>],
        count: usize,
        now: NaiveDateTime,
    ) -> QueryResult<Vec<i32>> {
        write_tx(conn, |conn| {
            let mut ids = Vec::with_capacity(count);
            let mut decide = Vec::new();
            let mut last_root: HashMap<Option<String>, Comment> = HashMap::new();
            for i in 0..count {
                let key = keys.get(i % keys.len().max(1)).cloned().flatten();
                let parent = (i % REPLY_EVERY == REPLY_EVERY - 1)
                    .then(|| last_root.get(&key).cloned())
                    .flatten();
                let c = self.one(conn, key.as_deref(), parent.as_ref(), now)?;
                if parent.is_none() {
                    if self.n % DECISION_EVERY == 0 {
                        decide.push(c.id);
                    }
                    last_root.insert(key, c.clone());
                }
                ids.push(c.id);
            }
            if !decide.is_empty() {
                let decision = Decision {
                    outcome: Outcome::Noted,
                    rationale: "Noted; the editors will consider this with the other comments on the clause.".to_string(),
                    resolved_clause_key: None,
                };
                dispositions::record(
                    conn,
                    &self.settings,
                    &self.standard,
                    &self.version,
                    &self.editor,
                    &decide,
                    &decision,
                    now,
                )
                .map_err(|e| match e {
                    dispositions::DispositionError::Db(e) => e,
                    other => diesel::result::Error::QueryBuilderError(format!("{other:?}").into()),
                })?;
            }
            Ok(ids)
        })
    }

    /// Store one published comment and append its publication.
    fn one(
        &mut self,
        conn: &mut DbConn,
        key: Option<&str>,
        parent: Option<&Comment>,
        now: NaiveDateTime,
    ) -> QueryResult<Comment> {
        self.n += 1;
        let n = self.n;
        let author = &self.authors[n % self.authors.len()];
        let body = if self.varied {
            varied_body(n as u64)
        } else {
            format!(
                "Seeded comment {n}. The procedure in this clause should say **who** checks the seals, and when.\n\n- Record the seal numbers at opening.\n- Record them again at closing."
            )
        };
        let html = SafeHtml::from_markdown(&body);
        let proposed = (n % PROPOSAL_EVERY == 0).then(|| {
            format!("Two election workers check and record the seal numbers at opening and at closing ({n}).")
        });
        let tracking = format!("{}-{n:07}", self.prefix);
        let c = Comment::insert(
            conn,
            &NewComment {
                version_id: self.version.id,
                clause_key: key,
                parent_id: parent.map(|p| p.id),
                depth: parent.map_or(0, |p| p.depth + 1),
                kind: ["general", "technical", "editorial"][n % 3],
                body_md: &body,
                body_html: html.as_str(),
                proposed_text: proposed.as_deref(),
                quoted_text: None,
                commenter_id: author.id,
                status: "published",
                tracking_number: &tracking,
                created_at: now,
                published_at: Some(now),
                author_name: &author.display_name,
                author_organization: author.organization.as_deref(),
                submission_key: None,
                proposed_html: super::threads::stored_redline(
                    key.and_then(|k| self.clauses.get(k)),
                    proposed.as_deref(),
                ),
                lang: "en",
            },
            parent.map(|p| p.path.as_str()),
        )?;
        let signature = super::campaigns::Signature::of_comment(&body, proposed.as_deref());
        super::campaigns::sign_with(conn, c.id, c.version_id, &signature)?;
        let place = Place {
            standard: &self.standard,
            version: &self.version,
            clause_label: match key {
                Some(k) => self.labels.get(k).cloned().unwrap_or_else(|| k.to_string()),
                None => crate::standard::clause::naming::whole_version(),
            },
        };
        moderation::record_publication(conn, &place, &c, now)?;
        Ok(c)
    }
}

const NOUNS: [&str; 40] = [
    "ballot",
    "seal",
    "envelope",
    "precinct",
    "county",
    "clerk",
    "judge",
    "observer",
    "signature",
    "log",
    "container",
    "tabulator",
    "voter",
    "worker",
    "deadline",
    "notice",
    "audit",
    "canvass",
    "roster",
    "courier",
    "custody",
    "record",
    "room",
    "key",
    "camera",
    "report",
    "procedure",
    "training",
    "interpreter",
    "ramp",
    "website",
    "printer",
    "scanner",
    "receipt",
    "label",
    "badge",
    "schedule",
    "budget",
    "vendor",
    "language",
];
const VERBS: [&str; 20] = [
    "check",
    "record",
    "sign",
    "count",
    "seal",
    "store",
    "publish",
    "train",
    "verify",
    "post",
    "deliver",
    "inspect",
    "certify",
    "translate",
    "test",
    "review",
    "report",
    "lock",
    "log",
    "explain",
];
const ADJECTIVES: [&str; 20] = [
    "provisional",
    "absentee",
    "rural",
    "urban",
    "accessible",
    "bilingual",
    "numbered",
    "secure",
    "public",
    "written",
    "daily",
    "late",
    "early",
    "spoiled",
    "damaged",
    "sealed",
    "official",
    "temporary",
    "mobile",
    "local",
];
const SYLLABLES: [&str; 20] = [
    "ka", "lo", "mi", "ren", "tor", "vas", "pel", "dun", "sif", "gar", "no", "bri", "qua", "zel",
    "hom", "tek", "ruv", "fan", "jis", "wol",
];

/// A comment's text from the `n`th draw of a small generator: sentences of
/// eight to fifteen words drawn one by one, common words far more often
/// than others, and now and then a rare made-up word (from 8,000), so a
/// search matches anything from a handful of comments to most of them.
/// Drawn word by word, no two texts share long runs of words, so they do
/// not group as campaigns.
pub fn varied_body(n: u64) -> String {
    let mut state = n.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut sentences = Vec::new();
    let count = 2 + next() % 3;
    for _ in 0..count {
        let len = 8 + next() % 8;
        let mut words: Vec<String> = Vec::with_capacity(len as usize);
        for _ in 0..len {
            let r = (next() % 10_000) as f64 / 10_000.0;
            // Skewed towards the front of each list: the first words are common.
            let skew = |len: usize| ((r * r * r) * len as f64) as usize % len;
            let word = match next() % 10 {
                0..=3 => NOUNS[skew(NOUNS.len())].to_string(),
                4..=5 => VERBS[skew(VERBS.len())].to_string(),
                6..=7 => ADJECTIVES[skew(ADJECTIVES.len())].to_string(),
                8 => [
                    "the", "a", "every", "each", "before", "after", "with", "without",
                ][(next() % 8) as usize]
                    .to_string(),
                _ => (0..3)
                    .map(|_| SYLLABLES[(next() % SYLLABLES.len() as u64) as usize])
                    .collect(),
            };
            words.push(word);
        }
        let mut sentence = words.join(" ");
        if let Some(first) = sentence.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        sentence.push('.');
        sentences.push(sentence);
    }
    sentences.join(" ")
}
