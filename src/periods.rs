//! Comment periods: editors open, close and extend a published version's
//! comment window.
//!
//! Rules, checked against the row as it is inside the write transaction:
//! - only a published version whose status is `open` or `closed` has a
//!   window to change (not a draft, a final or a superseded version);
//! - **open** sets status `open` with a closing time in the future (and an
//!   opening time before it, now unless given);
//! - **close** sets status `closed` and the closing time to now (never
//!   later than it was);
//! - **extend** moves the closing time of an open version later, never
//!   earlier.
//!
//! Times are entered in the standard's time zone and stored in UTC. Each
//! change is recorded in the audit log as a public event and announced to
//! the standard's subscribers, in the same transaction. The version's
//! source and clauses never change, so its SHA-256 stays the same and the
//! next `docket import` of the unchanged file keeps the window set here.

use chrono::{LocalResult, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

use crate::audit::{self, actions, Actor};
use crate::clock::local_time;
use crate::db::models::{Standard, Version, VersionStatus};
use crate::db::{write_tx, DbConn};
use crate::i18n::{current, t1, t2, Lang};

/// What an editor asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Open (or reopen) until `closes`; from `opens`, or now if `None`.
    Open {
        opens: Option<NaiveDateTime>,
        closes: NaiveDateTime,
    },
    /// Close now.
    Close,
    /// Move the closing time later, to `closes`.
    Extend { closes: NaiveDateTime },
}

/// Why a change was refused, in words for the editor.
#[derive(Debug, thiserror::Error)]
pub enum PeriodError {
    #[error("{0}")]
    Refused(String),
    #[error(transparent)]
    Db(#[from] diesel::result::Error),
}

fn refuse<T>(msg: impl Into<String>) -> Result<T, PeriodError> {
    Err(PeriodError::Refused(msg.into()))
}

/// Parse a date and time as typed in a form (`2026-12-01T17:00`, seconds
/// optional, a space instead of `T` accepted) in time zone `tz`, and give
/// it in UTC. `field` names the field in the error message, in the current
/// language ("opening time"; in Spanish with its article, "la hora de
/// apertura").
pub fn parse_local(input: &str, tz: Tz, field: &str) -> Result<NaiveDateTime, String> {
    let input = input.trim();
    if input.is_empty() {
        return Err(t1("desk-period-err-enter", "field", field));
    }
    let said = |key: &str| {
        current().t_with(
            key,
            &[("field", &field), ("input", &input), ("zone", &tz.name())],
        )
    };
    let naive = [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(input, f).ok())
    .ok_or_else(|| said("desk-period-err-not-a-time"))?;
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => Ok(t.naive_utc()),
        // The hour repeated when clocks go back: the first of the two.
        LocalResult::Ambiguous(first, _) => Ok(first.naive_utc()),
        LocalResult::None => Err(said("desk-period-err-skipped-hour")),
    }
}

/// A UTC time as a form's `datetime-local` value in `tz`.
pub fn form_value(utc: NaiveDateTime, tz: Tz) -> String {
    tz.from_utc_datetime(&utc)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// Whether a version's window can be changed at all, or why not.
pub fn editable(v: &Version) -> Result<(), String> {
    match v.status() {
        VersionStatus::Open | VersionStatus::Closed => Ok(()),
        VersionStatus::Draft => Err(t1("desk-period-err-draft", "version", v.label.as_str())),
        other => Err(t2(
            "desk-period-err-locked",
            "version",
            v.label.as_str(),
            "status",
            other.as_str(),
        )),
    }
}

/// What followers of the standard are told about a change.
enum Notice {
    Opened {
        opens: NaiveDateTime,
        closes: NaiveDateTime,
    },
    ClosedEarly {
        closed: NaiveDateTime,
        was_due: NaiveDateTime,
    },
    Extended {
        closes: NaiveDateTime,
        instead_of: Option<NaiveDateTime>,
    },
}

impl Notice {
    /// The subject and text of the mail, in the current language.
    fn compose(&self, standard: &Standard, v: &Version, link: &str) -> (String, String) {
        use crate::i18n::{current, t1};
        let tz = standard.tz();
        let when = |at: NaiveDateTime| local_time(at, tz);
        let (what, body) = match self {
            Notice::Opened { opens, closes } => (
                "period-subject-opened",
                current().t_with(
                    "period-notice-opened",
                    &[
                        ("title", &standard.title),
                        ("version", &v.label),
                        ("opens", &when(*opens)),
                        ("closes", &when(*closes)),
                        ("zone", &standard.time_zone),
                    ],
                ),
            ),
            Notice::ClosedEarly { closed, was_due } => (
                "period-subject-closed-early",
                current().t_with(
                    "period-notice-closed-early",
                    &[
                        ("title", &standard.title),
                        ("version", &v.label),
                        ("closed", &when(*closed)),
                        ("due", &when(*was_due)),
                        ("zone", &standard.time_zone),
                    ],
                ),
            ),
            Notice::Extended { closes, instead_of } => {
                let instead = instead_of
                    .map(|c| t1("period-notice-instead-of", "before", when(c)))
                    .unwrap_or_default();
                (
                    "period-subject-extended",
                    current().t_with(
                        "period-notice-extended",
                        &[
                            ("title", &standard.title),
                            ("version", &v.label),
                            ("closes", &when(*closes)),
                            ("zone", &standard.time_zone),
                            ("instead", &instead),
                        ],
                    ),
                )
            }
        };
        let subject = current().t_with(what, &[("title", &standard.title), ("version", &v.label)]);
        let text = format!("{body}\n\n{}\n", t1("period-notice-read", "link", link));
        (subject, text)
    }
}

/// What the editor is told a change did; in English, it also begins the
/// change's audit detail.
enum Summary {
    OpenUntil(NaiveDateTime),
    OpensLater(NaiveDateTime, NaiveDateTime),
    ClosedAt(NaiveDateTime),
    NowOpenUntil(NaiveDateTime),
}

impl Summary {
    /// The sentence, in the current language, with times in `tz` (named `zone`).
    fn text(&self, tz: Tz, zone: &str) -> String {
        let when = |at: NaiveDateTime| local_time(at, tz);
        match *self {
            Summary::OpenUntil(closes) => t2(
                "desk-period-open-until",
                "closes",
                when(closes),
                "zone",
                zone,
            ),
            Summary::OpensLater(opens, closes) => current().t_with(
                "desk-period-opens-later",
                &[
                    ("opens", &when(opens)),
                    ("closes", &when(closes)),
                    ("zone", &zone),
                ],
            ),
            Summary::ClosedAt(closed) => t2(
                "desk-period-closed-at",
                "closed",
                when(closed),
                "zone",
                zone,
            ),
            Summary::NowOpenUntil(closes) => t2(
                "desk-period-now-open-until",
                "closes",
                when(closes),
                "zone",
                zone,
            ),
        }
    }
}

/// What a change did.
#[derive(Debug, Clone)]
pub struct Changed {
    pub version: Version,
    /// "Comments are open until …", for the editor's confirmation.
    pub summary: String,
    /// How many subscribers were told.
    pub notified: usize,
}

/// Apply `change` to version `version_id` as `actor`, at `now` (UTC), in
/// one write transaction with its audit event and subscriber notices.
pub fn apply(
    conn: &mut DbConn,
    actor: &Actor,
    version_id: i32,
    change: &Change,
    now: NaiveDateTime,
    base_url: &str,
) -> Result<Changed, PeriodError> {
    write_tx(conn, |conn| {
        let v = Version::by_id(conn, version_id)?;
        let standard = Standard::by_id(conn, v.standard_id)?;
        editable(&v).or_else(refuse)?;
        let tz = standard.tz();
        let zone = &standard.time_zone;
        let when = |t: NaiveDateTime| local_time(t, tz);
        let is_open = v.is_open_at(now);
        let (status, opens, closes, action, summary, notice) = match change {
            Change::Open { opens, closes } => {
                if is_open {
                    return refuse(t2(
                        "desk-period-err-already-open",
                        "version",
                        v.label.as_str(),
                        "closes",
                        v.comment_closes.map(when).unwrap_or_default(),
                    ));
                }
                let opens = opens.unwrap_or(now);
                if *closes <= now {
                    return refuse(t1("desk-period-err-closing-past", "closes", when(*closes)));
                }
                if opens >= *closes {
                    return refuse(t2(
                        "desk-period-err-opens-after-closing",
                        "opens",
                        when(opens),
                        "closes",
                        when(*closes),
                    ));
                }
                let summary = if opens <= now {
                    Summary::OpenUntil(*closes)
                } else {
                    Summary::OpensLater(opens, *closes)
                };
                let notice = Notice::Opened {
                    opens,
                    closes: *closes,
                };
                (
                    VersionStatus::Open,
                    Some(opens),
                    Some(*closes),
                    actions::PERIOD_OPENED,
                    summary,
                    Some(notice),
                )
            }
            Change::Close => {
                if v.status() == VersionStatus::Closed {
                    return refuse(t1(
                        "desk-period-err-already-closed",
                        "version",
                        v.label.as_str(),
                    ));
                }
                let closes = v.comment_closes.map_or(now, |c| c.min(now));
                let opens = v.comment_opens.map(|o| o.min(closes));
                let early = v.comment_closes.is_some_and(|c| c > now);
                let notice = early.then(|| Notice::ClosedEarly {
                    closed: closes,
                    was_due: v.comment_closes.unwrap_or(closes),
                });
                (
                    VersionStatus::Closed,
                    opens,
                    Some(closes),
                    actions::PERIOD_CLOSED,
                    Summary::ClosedAt(closes),
                    notice,
                )
            }
            Change::Extend { closes } => {
                if v.status() != VersionStatus::Open {
                    return refuse(t1(
                        "desk-period-err-extend-closed",
                        "version",
                        v.label.as_str(),
                    ));
                }
                let current = v.comment_closes;
                if let Some(c) = current {
                    if *closes <= c {
                        return refuse(t2(
                            "desk-period-err-extend-earlier",
                            "current",
                            when(c),
                            "closes",
                            when(*closes),
                        ));
                    }
                }
                if *closes <= now {
                    return refuse(t1(
                        "desk-period-err-new-closing-past",
                        "closes",
                        when(*closes),
                    ));
                }
                let opens = v.comment_opens.or(Some(now));
                let notice = Notice::Extended {
                    closes: *closes,
                    instead_of: current,
                };
                (
                    VersionStatus::Open,
                    opens,
                    Some(*closes),
                    actions::PERIOD_EXTENDED,
                    Summary::NowOpenUntil(*closes),
                    Some(notice),
                )
            }
        };
        Version::set_window(conn, v.id, status, opens, closes)?;
        // The audit detail is stored, so it is written in English.
        let detail = crate::i18n::with(Lang::En, || {
            let before = match (v.comment_opens, v.comment_closes) {
                (Some(o), Some(c)) => format!(" Before: {} to {}, {}.", when(o), when(c), v.status),
                _ => format!(" Before: no window, {}.", v.status),
            };
            format!("{}{before}", summary.text(tz, zone))
        });
        audit::record_at(
            conn,
            &audit::Event::by(actor, action)
                .on_version(standard.id, v.id)
                .target(format!("{} version {}", standard.slug, v.label))
                .detail(detail)
                .public(),
            now,
        )?;
        let notified = match notice {
            Some(notice) => {
                let link = crate::urls::absolute(
                    base_url,
                    &crate::urls::version(&standard.slug, &v.label),
                );
                // Written for each follower in the language they follow in.
                crate::subscriptions::notify_subscribers_in(
                    conn,
                    standard.id,
                    || notice.compose(&standard, &v, &link),
                    base_url,
                )?
            }
            None => 0,
        };
        Ok(Changed {
            version: Version::by_id(conn, v.id)?,
            summary: summary.text(tz, zone),
            notified,
        })
    })
}
