//! Election offices recognised by the domain of a confirmed address.
//!
//! Admins keep a list of mail domains and the office each belongs to. Two
//! kinds of entry:
//!
//! - a **named domain** (`lake-county.example.org`) matches an address on
//!   exactly that domain (not its subdomains, which may belong to someone
//!   else) and names that office;
//! - a **suffix entry** (`.gov`) matches any domain ending with it and names
//!   the office the admin gives it, which should be generic ("U.S.
//!   government office"): one name cannot tell counties apart.
//!
//! A named domain wins over a suffix; of several suffixes, the longest wins.
//!
//! The office is fixed on a comment when its author confirms it (or when an
//! address confirmed before comments from its remembered browser), before it
//! is published, and the publication's ledger entry records it. Removing or
//! renaming an entry later never changes a comment that already has one.
//! The badge shows the domain the address was confirmed on, never the
//! address.

use chrono::NaiveDateTime;
use diesel::QueryResult;

use crate::actor::Actor;
use crate::audit::{self, Event};
use crate::db::models::{Comment, OfficeDomain};
use crate::db::{write_tx, DbConn};

/// Audit actions of the list.
pub const ADDED: &str = "office_domain.added";
pub const REMOVED: &str = "office_domain.removed";

/// Most characters in an office's name.
pub const MAX_OFFICE_CHARS: usize = 200;

/// Why a change to the list was refused.
#[derive(Debug, thiserror::Error)]
pub enum OfficeError {
    #[error("{0}")]
    Refused(String),
    #[error(transparent)]
    Db(#[from] diesel::result::Error),
}

/// A domain entry as typed, made canonical: lowercase, no `@`, a leading
/// dot kept (it marks a suffix). Refuses anything that is not a domain.
pub fn normalise_entry(input: &str) -> Result<String, String> {
    let s = input.trim().trim_start_matches('@').to_ascii_lowercase();
    let (suffix, name) = match s.strip_prefix('.') {
        Some(rest) => (true, rest),
        None => (false, s.as_str()),
    };
    let labels: Vec<&str> = name.split('.').collect();
    let ok = !name.is_empty()
        && name.len() <= 253
        && (suffix || labels.len() >= 2)
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    if ok {
        Ok(s)
    } else {
        Err(crate::i18n::t1(
            "desk-office-err-not-a-domain",
            "input",
            input.trim(),
        ))
    }
}

/// The domain of an address, lowercase.
pub fn domain_of(email: &str) -> Option<String> {
    email
        .rsplit_once('@')
        .map(|(_, d)| d.trim().trim_end_matches('.').to_ascii_lowercase())
        .filter(|d| !d.is_empty())
}

/// The entry that recognises `domain`, if any (see the module's rules).
pub fn matching<'a>(list: &'a [OfficeDomain], domain: &str) -> Option<&'a OfficeDomain> {
    if let Some(named) = list.iter().find(|e| e.domain == domain) {
        return Some(named);
    }
    list.iter()
        .filter(|e| e.domain.starts_with('.') && domain.ends_with(e.domain.as_str()))
        .max_by_key(|e| e.domain.len())
}

/// Fix the office on `comment` if its author's address is on a listed
/// domain. Call in the transaction that confirms the comment, before its
/// publication is recorded; returns the comment as it is afterwards.
pub fn fix_on_confirmation(
    conn: &mut DbConn,
    comment: Comment,
    email: &str,
) -> QueryResult<Comment> {
    if comment.office_name.is_some() {
        return Ok(comment);
    }
    let Some((office, domain)) = recognise(conn, email)? else {
        return Ok(comment);
    };
    OfficeDomain::fix_on_comment(conn, comment.id, &office, &domain)?;
    Comment::find(conn, comment.id)
}

/// The office an address is recognised as, by the list as it is now, and
/// the address's domain: `(office, domain)`.
pub fn recognise(conn: &mut DbConn, email: &str) -> QueryResult<Option<(String, String)>> {
    let Some(domain) = domain_of(email) else {
        return Ok(None);
    };
    let list = OfficeDomain::all(conn)?;
    Ok(matching(&list, &domain).map(|e| (e.office.clone(), domain)))
}

/// The badge's wording: how the office was recognised, never the address.
pub fn badge(domain: &str) -> String {
    crate::i18n::t1("office-badge", "domain", domain)
}

/// Add an entry to the list (audited).
pub fn add(
    conn: &mut DbConn,
    actor: &Actor,
    domain: &str,
    office: &str,
    now: NaiveDateTime,
) -> Result<String, OfficeError> {
    let domain = normalise_entry(domain).map_err(OfficeError::Refused)?;
    let office = office.trim();
    if office.is_empty() {
        return Err(OfficeError::Refused(crate::i18n::t(
            "desk-office-err-no-office",
        )));
    }
    if office.chars().count() > MAX_OFFICE_CHARS {
        return Err(OfficeError::Refused(crate::i18n::t1(
            "desk-office-err-office-too-long",
            "max",
            MAX_OFFICE_CHARS,
        )));
    }
    write_tx(conn, |conn| {
        if !OfficeDomain::add(conn, &domain, office, now)? {
            return Err(OfficeError::Refused(crate::i18n::t1(
                "desk-office-err-listed",
                "domain",
                domain.as_str(),
            )));
        }
        let e = Event::by(actor, ADDED)
            .target(format!("domain {domain}"))
            .detail(format!("Recognised as “{office}”."));
        audit::record_at(conn, &e, now)?;
        Ok(domain.clone())
    })
}

/// Remove an entry (audited). Comments that show its office keep it.
pub fn remove(
    conn: &mut DbConn,
    actor: &Actor,
    id: i32,
    now: NaiveDateTime,
) -> Result<String, OfficeError> {
    write_tx(conn, |conn| {
        let Some(gone) = OfficeDomain::remove(conn, id)? else {
            return Err(OfficeError::Refused(crate::i18n::t(
                "desk-office-err-not-listed",
            )));
        };
        let e = Event::by(actor, REMOVED)
            .target(format!("domain {}", gone.domain))
            .detail(format!(
                "No longer recognised as “{}”; comments already shown from it keep their badge.",
                gone.office
            ));
        audit::record_at(conn, &e, now)?;
        Ok(gone.domain)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(domain: &str, office: &str) -> OfficeDomain {
        OfficeDomain {
            id: 0,
            domain: domain.to_string(),
            office: office.to_string(),
            created_at: NaiveDateTime::default(),
        }
    }

    #[test]
    fn named_domain_beats_suffix_and_longest_suffix_wins() {
        let list = vec![
            entry(".gov", "Government office"),
            entry(".state.gov", "State office"),
            entry("lake-county.gov", "Lake County Elections"),
        ];
        let name = |d: &str| matching(&list, d).map(|e| e.office.as_str());
        assert_eq!(name("lake-county.gov"), Some("Lake County Elections"));
        assert_eq!(name("x.state.gov"), Some("State office"));
        assert_eq!(name("clerk.example.gov"), Some("Government office"));
        assert_eq!(name("sub.lake-county.gov"), Some("Government office"));
        assert_eq!(name("notgov"), None);
        assert_eq!(name("example.org"), None);
    }

    #[test]
    fn entries_are_checked_and_made_canonical() {
        assert_eq!(
            normalise_entry(" @Lake-County.Example.ORG ").unwrap(),
            "lake-county.example.org"
        );
        assert_eq!(normalise_entry(".GOV").unwrap(), ".gov");
        assert!(normalise_entry("gov").is_err());
        assert!(normalise_entry("a..b").is_err());
        assert!(normalise_entry("bad domain.org").is_err());
        assert!(normalise_entry("").is_err());
    }
}
