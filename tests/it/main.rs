//! The integration test suite: one binary, the real application.
//!
//! Each test gets a fresh database: a temporary SQLite file by default, or
//! a fresh schema in the PostgreSQL database named by
//! `DOCKET_TEST_DATABASE_URL` (CI runs the suite once each way).

mod accounts;
mod api_paging;
mod attachments;
mod audit;
mod browser;
mod browser_desk;
mod browser_release;
mod browser_spanish;
mod catalogue;
mod cluster;
mod comments;
mod confirmation;
mod cycle;
mod desk_paging;
mod discussion;
mod dispositions;
mod drafting;
mod drafts;
mod durability;
mod feeds;
mod gathered;
mod hardening;
mod i18n_comments;
mod i18n_pages;
mod i18n_staff;
mod import;
mod input;
mod intake;
mod kept_drafts;
mod language;
mod layers;
mod ledger;
mod ledger_coverage;
mod mail;
mod migrations;
mod moderation;
mod moderation_page;
mod office_limits;
mod offices;
mod open_data;
mod openapi;
mod page_cache;
mod paging;
mod parse;
mod periods;
mod ranges;
mod redline;
mod release;
mod roles;
mod search;
mod security;
mod serve;
mod settings;
mod staff;
mod subscriptions;
mod support;
mod tallies;
mod translations;
mod web;
mod workspace;
