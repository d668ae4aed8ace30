//! Positions: for each theme, which regions converge, which stand alone,
//! and the nuances between them.

use crate::model::{Corpus, EntityAnnotations, Synthesis, ThemeGraph};

pub fn synthesize(
    corpus: &Corpus,
    annotations: &EntityAnnotations,
    graph: &ThemeGraph,
) -> Synthesis {
    let _ = (corpus, annotations, graph);
    unimplemented!("positions::synthesize")
}
