//! Suites of the integration tests, one module per subject.

mod bad_input;
mod candidates;
mod ci_script;
mod cli_conventions;
mod draft_cli;
mod draft_reading;
mod draft_snapshot;
mod entities;
mod generate;
mod ingest_formats;
mod ingest_hostile;
mod ingest_proptest;
mod ingest_seeds;
mod link_recall;
mod output_folder;
mod plan;
mod positions;
mod render_fixture;
mod render_formats;
mod render_long_text;
mod render_templates;
mod template_limits;
mod themes_cli;
mod themes_rules;
mod themes_seeds;
mod themes_similarity;
