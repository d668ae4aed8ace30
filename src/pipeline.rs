//! Chains the stages: what `draft`, `themes`, `explain` and `trace` share.

use crate::entities::Gazetteer;
use crate::model::{Corpus, EntityAnnotations, Recommendation, Synthesis, ThemeGraph};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
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
    let gazetteer = gazetteer(gazetteer_path)?;
    let progress = stage_progress(STAGES_AFTER_INGEST + 1);
    progress.set_message("reading reports");
    let corpus = crate::ingest::read_corpus(paths);
    progress.inc(1);
    analyse_with(corpus, &gazetteer, &progress)
}

/// Stages [`analyse_with`] counts on its progress bar.
pub const STAGES_AFTER_INGEST: u64 = 3;

/// Runs every stage after ingest on an already read corpus.
pub fn analyse(corpus: Corpus, gazetteer: &Gazetteer) -> crate::Result<Outcome> {
    analyse_with(corpus, gazetteer, &ProgressBar::hidden())
}

/// A bar of `stages` pipeline stages on stderr, drawn only when stderr is a
/// terminal so that logs, pipes and tests stay clean. On small corpora it
/// finishes before its first redraw and is never seen.
pub fn stage_progress(stages: u64) -> StageProgress {
    if !std::io::stderr().is_terminal() {
        return StageProgress(ProgressBar::hidden());
    }
    let bar = ProgressBar::with_draw_target(Some(stages), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{spinner} [{pos}/{len}] {msg} ({elapsed})") {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    StageProgress(bar)
}

/// A stage bar that clears itself when dropped, so that an error ends the
/// run without leaving a half-drawn bar above its message.
pub struct StageProgress(ProgressBar);

impl StageProgress {
    pub fn hidden() -> Self {
        StageProgress(ProgressBar::hidden())
    }
}

impl std::ops::Deref for StageProgress {
    type Target = ProgressBar;
    fn deref(&self) -> &ProgressBar {
        &self.0
    }
}

impl Drop for StageProgress {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

/// The entity stage: the corpus's recommendations annotated, and a copy of
/// them for the stages after (the synthesis keeps it). The copy is made on
/// one thread while the gazetteer searches the texts on the others: it is
/// a pass over every recommendation that needs nothing from the search.
pub fn recommendations_and_entities(
    corpus: &Corpus,
    gazetteer: &Gazetteer,
) -> (Vec<Recommendation>, EntityAnnotations) {
    rayon::join(
        || corpus.recommendations().cloned().collect(),
        || gazetteer.annotate(corpus.recommendations()),
    )
}

/// As [`analyse`], counting [`STAGES_AFTER_INGEST`] stages on `progress`.
pub fn analyse_with(
    corpus: Corpus,
    gazetteer: &Gazetteer,
    progress: &ProgressBar,
) -> crate::Result<Outcome> {
    progress.set_message(format!(
        "recognising entities in {} recommendations",
        corpus.recommendations().count()
    ));
    let (recommendations, annotations) = recommendations_and_entities(&corpus, gazetteer);
    progress.inc(1);
    progress.set_message("scoring pairs and forming themes");
    let theme_graph = crate::themes::build_theme_graph(&recommendations, &annotations);
    progress.inc(1);
    progress.set_message("classifying regional positions");
    // The synthesis keeps the copy of the recommendations made above.
    let synthesis =
        crate::positions::synthesize_owned(&corpus, recommendations, &annotations, &theme_graph);
    progress.inc(1);
    Ok(Outcome {
        corpus,
        annotations,
        theme_graph,
        synthesis,
    })
}
