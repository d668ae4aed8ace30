//! `rapporteur`: drafts a cross-regional synthesis of UN regional
//! preparatory meeting reports.
//!
//! The pipeline has one module per stage, with plain data between them
//! (see [`model`]):
//!
//! 1. [`ingest`]: files → [`model::Corpus`] of reports and recommendations;
//! 2. [`entities`]: recommendations → [`model::EntityAnnotations`];
//! 3. [`similarity`]: pairwise scores with their evidence ([`model::Link`]);
//! 4. [`themes`]: scored pairs → [`model::ThemeGraph`] of themes;
//! 5. [`positions`]: themes → [`model::Synthesis`] with regional positions;
//! 6. [`render`]: synthesis → Markdown, HTML, .docx and JSON.
//!
//! [`pipeline`] chains them; [`cli`] is the command line over it.

pub mod cli;
pub mod content_hash;
pub mod entities;
pub mod error;
pub mod ingest;
pub mod model;
pub mod pipeline;
pub mod positions;
pub mod render;
pub mod similarity;
pub mod synthetic;
pub mod themes;

pub use error::{Error, Result};
