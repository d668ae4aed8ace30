//! Findings about a corpus that `check` reports and ingest also records.

mod check;

pub use check::{cap_note, check, lettering, no_lettered_items, no_recommendations};
