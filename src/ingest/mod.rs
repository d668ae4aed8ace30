//! Ingest: report files (Markdown or text extracted from PDF) into a
//! [`Corpus`] of reports and lettered recommendations with provenance.

use crate::model::{Corpus, Diagnostic};
use std::path::PathBuf;

/// Reads every report under `paths` (files or folders). Never fails: files
/// that cannot be used become diagnostics and the rest are still read.
pub fn read_corpus(paths: &[PathBuf]) -> Corpus {
    let _ = paths;
    unimplemented!("ingest::read_corpus")
}

/// Lints a corpus: lettering gaps and repeats, repaired OCR letters, unknown
/// regions, files without recommendations.
pub fn check(corpus: &Corpus) -> Vec<Diagnostic> {
    let _ = corpus;
    unimplemented!("ingest::check")
}
