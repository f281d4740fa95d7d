//! Docket: draft standards for election administration, written in Markdown,
//! released as versions, redlined between any two of them, and published for
//! public comment.
//!
//! Data flows one way through the layers: `standard` turns Markdown into
//! clauses, `db` stores them, `redline` compares them, and `web` serves them.
//! `cli` and `config` sit on top and wire the layers together.

pub mod accounts;
pub mod actor;
pub mod audit;
pub mod cli;
pub mod clock;
pub mod comments;
pub mod comparison;
pub mod config;
pub mod db;
pub mod drafts;
pub mod error;
pub mod i18n;
pub mod mail;
pub mod periods;
pub mod redline;
pub mod releases;
pub mod search;
pub mod secrets;
pub mod standard;
pub mod subscriptions;
pub mod urls;
pub mod web;
