//! The campaigns shown at the top of the workspace: groups of published
//! exact and near copies, found by `GROUP BY campaign_id` over the group
//! each comment was given when it arrived (see `comments::campaigns`).
//!
//! Bounded: at most [`LISTED`] campaigns, each with its size and decided
//! count, its first [`MEMBERS`] members, and a form that decides up to
//! [`AT_ONCE`] of its undecided members; a link lists all its members.

use std::collections::HashMap;

use diesel::QueryResult;

use crate::db::models::feedback::{CommentFilter, Decided, StatusScope};
use crate::db::models::{Disposition, Version};
use crate::db::DbConn;

/// Campaigns listed on one page, largest first.
pub const LISTED: i64 = 20;
/// Members named with each campaign.
pub const MEMBERS: i64 = 10;
/// Members one campaign form decides (the rest after these).
pub const AT_ONCE: i64 = 100;

/// One member of a campaign, as listed with it.
pub struct Member {
    pub id: i32,
    pub tracking_number: String,
    pub author: String,
    pub on: String,
    /// The outcome decided, as shown, or "".
    pub outcome: String,
}

/// A group of exact or near copies.
pub struct Campaign {
    /// Its number on the page.
    pub number: usize,
    /// The id of its first comment: what `?campaign=` filters by.
    pub id: i32,
    /// Published members.
    pub size: i64,
    pub decided: i64,
    /// The first members, by id.
    pub members: Vec<Member>,
    /// The ids the form decides, comma-separated: undecided members first
    /// (up to [`AT_ONCE`]); when all are decided, the first members again.
    pub ids: String,
    /// How many ids the form carries.
    pub at_once: usize,
    pub excerpt: String,
    /// The first member's clause, when the next version has it.
    pub clause_key: String,
}

fn excerpt(text: &str, words: usize) -> String {
    let all: Vec<&str> = text.split_whitespace().collect();
    if all.len() <= words {
        all.join(" ")
    } else {
        format!("{} …", all[..words].join(" "))
    }
}

/// The campaigns of a version among published comments, whatever the
/// filters (so a campaign is always shown whole), or only `only` when the
/// page is filtered to one campaign. `name` names a clause key;
/// `in_next` keeps a key the next version has.
pub fn load(
    conn: &mut DbConn,
    version: &Version,
    only: Option<i32>,
    name: &dyn Fn(Option<&str>) -> String,
    in_next: &dyn Fn(Option<&str>) -> String,
) -> QueryResult<Vec<Campaign>> {
    let published = CommentFilter {
        campaign: only,
        ..CommentFilter::version(version.id, StatusScope::Only("published"))
    };
    let groups = published.campaigns(conn, LISTED)?;
    let ids: Vec<i32> = groups.iter().map(|(c, _)| *c).collect();
    let decided: HashMap<i32, i64> = CommentFilter {
        decided: Decided::Yes,
        ..published.clone()
    }
    .count_in_campaigns(conn, &ids)?
    .into_iter()
    .filter_map(|(c, n)| Some((c?, n)))
    .collect();
    let mut out = Vec::with_capacity(groups.len());
    for (i, (id, size)) in groups.into_iter().enumerate() {
        let of_campaign = CommentFilter {
            campaign: Some(id),
            ..published.clone()
        };
        let rows = of_campaign.first_by_id(conn, MEMBERS)?;
        let undecided = CommentFilter {
            decided: Decided::No,
            ..of_campaign.clone()
        }
        .first_ids(conn, AT_ONCE)?;
        let form_ids = if undecided.is_empty() {
            of_campaign.first_ids(conn, AT_ONCE)?
        } else {
            undecided
        };
        let member_ids: Vec<i32> = rows.iter().map(|(c, _)| c.id).collect();
        let outcomes: HashMap<i32, String> = Disposition::for_comments(conn, &member_ids)?
            .into_iter()
            .map(|d| (d.comment_id, d.outcome().display().to_string()))
            .collect();
        let first = rows.first().map(|(c, _)| c);
        out.push(Campaign {
            number: i + 1,
            id,
            size,
            decided: decided.get(&id).copied().unwrap_or(0),
            excerpt: first.map(|c| excerpt(&c.body_md, 40)).unwrap_or_default(),
            clause_key: in_next(first.and_then(|c| c.clause_key.as_deref())),
            at_once: form_ids.len(),
            ids: form_ids
                .iter()
                .map(i32::to_string)
                .collect::<Vec<_>>()
                .join(","),
            members: rows
                .iter()
                .map(|(c, a)| Member {
                    id: c.id,
                    tracking_number: c.tracking_number.clone(),
                    author: a.display_name.clone(),
                    on: name(c.clause_key.as_deref()),
                    outcome: outcomes.get(&c.id).cloned().unwrap_or_default(),
                })
                .collect(),
        });
    }
    Ok(out)
}
