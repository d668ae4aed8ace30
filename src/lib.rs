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
//! [`pipeline`] is the one way through them; [`cli`] is the command line
//! over it; [`text`] is the word handling every stage shares and
//! [`wordings`] groups recommendations worded alike (read once by the
//! stages that read texts); [`dev`] holds the bench and the corpus
//! generator, outside the stages.

pub mod cli;
pub mod content_hash;
pub mod dev;
pub mod entities;
pub mod error;
pub mod ingest;
pub mod model;
pub mod pipeline;
pub mod plan;
pub mod positions;
pub mod reading;
pub mod render;
pub mod similarity;
pub mod text;
pub mod themes;
pub mod wordings;

pub use error::{Error, Result};
