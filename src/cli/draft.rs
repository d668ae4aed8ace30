//! `rapporteur draft`: reads the reports, drafts the synthesis and writes it
//! (Markdown, HTML, .docx, JSON) without losing a draft edited by hand.

use super::DraftArgs;
use crate::model::{Corpus, Severity};
use crate::render::{self, FileOutcome, RenderOptions};

pub fn run(args: &DraftArgs) -> crate::Result<i32> {
    let options = RenderOptions {
        templates: args.templates.clone(),
        formats: RenderOptions::parse_formats(&args.format)?,
    };
    let paths = super::trace::input_paths(&args.input);
    let outcome = crate::pipeline::run(&paths, args.input.entities.as_deref())?;
    let corpus = &outcome.corpus;
    if !args.input.quiet {
        for diagnostic in &corpus.diagnostics {
            eprintln!("{diagnostic}");
        }
    }
    if args.input.strict && !corpus.diagnostics.is_empty() {
        eprintln!(
            "rapporteur: --strict: {} problem(s) in the input; nothing written",
            corpus.diagnostics.len()
        );
        return Ok(1);
    }
    // Everything is rendered before anything is written, so a template
    // error leaves the output folder as it was.
    let files = render::render_all(&outcome.synthesis, &options)?;
    let report = render::write_outputs(&args.output, &files, args.force)?;
    for file in &report.files {
        match file {
            FileOutcome::KeptEdited { .. } => eprintln!("rapporteur: {file}"),
            _ => println!("{file}"),
        }
    }
    if !args.input.quiet {
        eprintln!(
            "{}",
            summary(corpus, outcome.synthesis.themes.len(), report.kept_edited())
        );
    }
    Ok(if corpus.has_errors() { 1 } else { 0 })
}

/// One line: files read, recommendations, themes, warnings, errors.
fn summary(corpus: &Corpus, themes: usize, kept: usize) -> String {
    let count = |s: Severity| {
        corpus
            .diagnostics
            .iter()
            .filter(|d| d.severity == s)
            .count()
    };
    let mut line = format!(
        "{} files read, {} recommendations, {} themes, {} warnings, {} errors",
        corpus.files_read,
        corpus.recommendations().count(),
        themes,
        count(Severity::Warning),
        count(Severity::Error),
    );
    if kept > 0 {
        line.push_str(&format!(
            "; {kept} edited draft(s) kept, new version(s) written beside them"
        ));
    }
    line
}
