//! `rapporteur draft`: reads the reports, drafts the synthesis and writes it
//! (Markdown, HTML, .docx, JSON) without losing a draft edited by hand.

use super::DraftArgs;
use crate::render::{self, FileOutcome, RenderOptions};

pub fn run(args: &DraftArgs) -> crate::Result<i32> {
    let options = RenderOptions {
        templates: args.templates.clone(),
        formats: RenderOptions::parse_formats(&args.format)?,
    };
    // Reading, the stages after it, then rendering and writing.
    let stages = crate::pipeline::STAGES_AFTER_INGEST + 2;
    let progress = if args.input.quiet {
        crate::pipeline::StageProgress::hidden()
    } else {
        crate::pipeline::stage_progress(stages)
    };
    progress.set_message("reading reports");
    let corpus = crate::ingest::read_corpus(&args.input.paths);
    progress.inc(1);
    if !args.input.quiet {
        progress.suspend(|| {
            for diagnostic in &corpus.diagnostics {
                eprintln!("{diagnostic}");
            }
        });
    }
    let corpus = crate::ingest::strict(corpus, args.input.strict)?;
    if corpus.recommendations().next().is_none() {
        // An empty draft would replace a good one for nothing (a mistyped
        // path, say): write nothing.
        drop(progress);
        eprintln!(
            "rapporteur: no recommendations found in the input; nothing written ({})",
            crate::ingest::summary(&corpus)
        );
        return Ok(1);
    }
    let gazetteer = crate::pipeline::gazetteer(args.input.entities.as_deref())?;
    let outcome = crate::pipeline::analyse_with(corpus, &gazetteer, &progress)?;
    progress.set_message("rendering and writing the draft");
    // Everything is rendered before anything is written, so a template
    // error leaves the output folder as it was.
    let files = render::render_all(&outcome.synthesis, &options)?;
    let report = render::write_outputs(&args.output, &files, args.force)?;
    drop(progress);
    for file in &report.files {
        match file {
            FileOutcome::KeptEdited { .. } => eprintln!("rapporteur: {file}"),
            _ => println!("{file}"),
        }
    }
    if !args.input.quiet {
        eprintln!("rapporteur: {}", summary(&outcome, report.kept_edited()));
    }
    let status = if outcome.corpus.has_errors() { 1 } else { 0 };
    // The process ends here: the operating system takes the memory back at
    // once, where freeing a large corpus's millions of allocations one by
    // one takes a noticeable share of the run.
    std::mem::forget(outcome);
    std::mem::forget(files);
    Ok(status)
}

/// The input summary, the number of themes, and any draft kept.
fn summary(outcome: &crate::pipeline::Outcome, kept: usize) -> String {
    let themes = outcome.synthesis.themes.len();
    let mut line = format!(
        "{}, {} {}",
        crate::ingest::summary(&outcome.corpus),
        themes,
        if themes == 1 { "theme" } else { "themes" }
    );
    if kept > 0 {
        line.push_str(&format!(
            "; {kept} edited draft(s) kept, the new version written beside each"
        ));
    }
    line
}
