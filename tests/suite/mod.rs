//! Suites of the integration tests, one module per subject.

mod bad_input;
mod candidates;
mod draft_cli;
mod draft_snapshot;
mod entities;
mod generate;
mod ingest_formats;
mod ingest_hostile;
mod ingest_proptest;
mod ingest_seeds;
mod positions;
mod render_fixture;
mod render_formats;
mod render_templates;
mod themes_cli;
mod themes_seeds;
mod themes_similarity;
