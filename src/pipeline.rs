//! The one way through the stages. Every command builds an [`Input`] and
//! calls [`run`] (or [`read`] when it needs only the reports); the bench
//! times the same path through [`run_observed`].

use crate::entities::Gazetteer;
use crate::model::{
    Corpus, Diagnostic, EntityAnnotations, ItemSimilarity, Plan, PlanUse, Recommendation,
    Synthesis, ThemeGraph,
};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What a run reads and how strictly.
#[derive(Debug, Clone, Default)]
pub struct Input {
    /// Report files or folders; empty means `seeds/` or the embedded seeds.
    pub paths: Vec<PathBuf>,
    /// A gazetteer replacing the embedded one.
    pub gazetteer: Option<PathBuf>,
    /// Stop at the first error in the input instead of going on.
    pub strict: bool,
    /// The rapporteur's theme plan, applied to the themes.
    pub plan: Option<PathBuf>,
    /// Draw a progress bar on stderr (only when stderr is a terminal).
    pub progress: bool,
}

impl Input {
    /// An input of `paths` with the embedded gazetteer, not strict, silent.
    pub fn paths(paths: Vec<PathBuf>) -> Self {
        Input {
            paths,
            ..Input::default()
        }
    }
}

/// The stages, as the bench and the progress bar name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Ingest,
    Entities,
    Similarity,
    Themes,
    Positions,
}

impl Stage {
    pub const ALL: [Stage; 5] = [
        Stage::Ingest,
        Stage::Entities,
        Stage::Similarity,
        Stage::Themes,
        Stage::Positions,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Stage::Ingest => "ingest",
            Stage::Entities => "entities",
            Stage::Similarity => "similarity",
            Stage::Themes => "themes",
            Stage::Positions => "positions",
        }
    }

    fn doing(self) -> &'static str {
        match self {
            Stage::Ingest => "reading reports",
            Stage::Entities => "recognising entities",
            Stage::Similarity => "scoring pairs",
            Stage::Themes => "forming themes",
            Stage::Positions => "classifying regional positions",
        }
    }
}

/// Every stage's output for one corpus.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub corpus: Corpus,
    /// The plan applied (empty without one).
    pub plan: Plan,
    pub annotations: EntityAnnotations,
    pub theme_graph: ThemeGraph,
    pub synthesis: Synthesis,
}

/// Reads the reports of `input` (ingest only), applying `--strict`.
pub fn read(input: &Input) -> crate::Result<Corpus> {
    crate::ingest::strict(crate::ingest::read_corpus(&input.paths), input.strict)
}

/// Runs every stage on `input`.
pub fn run(input: &Input) -> crate::Result<Outcome> {
    run_observed(input, &mut |_, _| {})
}

/// As [`run`], telling `observe` how long each stage took.
///
/// The gazetteer is loaded before any report is read, so that a bad
/// `--entities` file stops the run at once.
pub fn run_observed(
    input: &Input,
    observe: &mut dyn FnMut(Stage, Duration),
) -> crate::Result<Outcome> {
    let gazetteer = match &input.gazetteer {
        Some(path) => Gazetteer::from_path(path)?,
        None => Gazetteer::embedded(),
    };
    let progress = if input.progress {
        stage_progress(Stage::ALL.len() as u64)
    } else {
        StageProgress::hidden()
    };
    let stage = |stage: Stage| {
        progress.set_message(stage.doing());
        let started = Instant::now();
        move |progress: &StageProgress, observe: &mut dyn FnMut(Stage, Duration)| {
            observe(stage, started.elapsed());
            progress.inc(1);
        }
    };

    let done = stage(Stage::Ingest);
    let mut corpus = read(input)?;
    // The plan is checked against the corpus before any theme is formed,
    // so that a refused plan stops the run before anything is written.
    let plan = match &input.plan {
        Some(path) => {
            let (plan, findings) = crate::plan::read(path, &corpus)?;
            corpus.diagnostics.extend(findings);
            plan
        }
        None => Plan::default(),
    };
    done(&progress, observe);

    let done = stage(Stage::Entities);
    let (recommendations, annotations) = recommendations_and_entities(&corpus, &gazetteer);
    done(&progress, observe);

    let done = stage(Stage::Similarity);
    let similarity = item_similarity(&recommendations, &annotations);
    done(&progress, observe);

    let done = stage(Stage::Themes);
    let theme_graph = crate::themes::build_theme_graph(&recommendations, similarity, &plan);
    done(&progress, observe);

    let done = stage(Stage::Positions);
    if let Some(path) = &input.plan {
        corpus
            .diagnostics
            .extend(new_since_plan(&plan, &corpus, &theme_graph, path));
    }
    let mut synthesis = crate::positions::synthesize(
        &corpus,
        recommendations,
        &annotations,
        &theme_graph,
        &gazetteer,
    );
    synthesis.plan = input.plan.as_ref().map(|path| PlanUse {
        file: path.display().to_string(),
        themes: plan.themes.len(),
        new_since_plan: crate::plan::unplanned(&plan, &corpus)
            .into_iter()
            .map(|r| r.id.clone())
            .collect(),
    });
    done(&progress, observe);

    Ok(Outcome {
        corpus,
        plan,
        annotations,
        theme_graph,
        synthesis,
    })
}

/// A warning per recommendation the plan does not name, at its place in
/// its report, saying where the clustering put it.
fn new_since_plan(
    plan: &Plan,
    corpus: &Corpus,
    graph: &ThemeGraph,
    path: &std::path::Path,
) -> Vec<Diagnostic> {
    let theme_of: std::collections::HashMap<&str, &crate::model::Theme> = graph
        .themes()
        .flat_map(|t| t.recommendations.iter().map(move |id| (id.as_str(), t)))
        .collect();
    crate::plan::unplanned(plan, corpus)
        .into_iter()
        .map(|r| {
            let placed = match theme_of.get(r.id.as_str()) {
                Some(t) => format!("theme {} \"{}\"", t.id, t.label),
                None => "no theme".to_string(),
            };
            Diagnostic::warning(
                r.file.to_string(),
                Some(r.line),
                format!(
                    "{} is new since the plan {}: placed by the clustering in {placed} \
                     (`rapporteur plan --plan {} --update` writes it into the plan)",
                    r.id,
                    path.display(),
                    path.display()
                ),
            )
        })
        .collect()
}

/// The entity stage: the corpus's recommendations annotated, and a copy of
/// them for the stages after (the synthesis keeps it), made on one thread
/// while the gazetteer searches the texts on the others.
fn recommendations_and_entities(
    corpus: &Corpus,
    gazetteer: &Gazetteer,
) -> (Vec<Recommendation>, EntityAnnotations) {
    rayon::join(
        || corpus.recommendations().cloned().collect(),
        || gazetteer.annotate(corpus.recommendations()),
    )
}

/// The similarity stage, one Congress agenda item at a time (items side by
/// side): each item's links, twins and vocabulary, in natural item order.
pub fn item_similarity(
    recommendations: &[Recommendation],
    annotations: &EntityAnnotations,
) -> Vec<ItemSimilarity> {
    use rayon::prelude::*;
    crate::similarity::agenda_items(recommendations)
        .into_par_iter()
        .map(|(item, members)| {
            crate::similarity::score_item(item, recommendations, members, annotations)
        })
        .collect()
}

/// A bar of `stages` steps on stderr, drawn only when stderr is a terminal
/// so that logs, pipes and tests stay clean.
pub fn stage_progress(stages: u64) -> StageProgress {
    if !std::io::stderr().is_terminal() {
        return StageProgress::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(stages), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{spinner} [{pos}/{len}] {msg} ({elapsed})") {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(200));
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
