//! Chains the stages: what `draft`, `themes`, `explain` and `trace` share.

use crate::entities::Gazetteer;
use crate::model::{Corpus, EntityAnnotations, Synthesis, ThemeGraph};
use std::path::{Path, PathBuf};

/// Every stage's output for one corpus.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub corpus: Corpus,
    pub annotations: EntityAnnotations,
    pub theme_graph: ThemeGraph,
    pub synthesis: Synthesis,
}

/// Loads the gazetteer: the user's file when given, else the embedded one.
pub fn gazetteer(path: Option<&Path>) -> crate::Result<Gazetteer> {
    match path {
        Some(p) => Gazetteer::from_path(p),
        None => Ok(Gazetteer::embedded()),
    }
}

/// Reads the corpus at `paths` and runs every stage after ingest on it.
pub fn run(paths: &[PathBuf], gazetteer_path: Option<&Path>) -> crate::Result<Outcome> {
    let corpus = crate::ingest::read_corpus(paths);
    analyse(corpus, &gazetteer(gazetteer_path)?)
}

/// Runs every stage after ingest on an already read corpus.
pub fn analyse(corpus: Corpus, gazetteer: &Gazetteer) -> crate::Result<Outcome> {
    let recommendations: Vec<_> = corpus.recommendations().cloned().collect();
    let annotations = gazetteer.annotate(&recommendations);
    let theme_graph = crate::themes::build_theme_graph(&recommendations, &annotations);
    let synthesis = crate::positions::synthesize(&corpus, &annotations, &theme_graph);
    Ok(Outcome {
        corpus,
        annotations,
        theme_graph,
        synthesis,
    })
}
