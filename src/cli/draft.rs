//! `rapporteur draft`: reads the reports, drafts the synthesis and writes it
//! (Markdown, HTML, .docx, JSON) without losing a draft edited by hand.

use super::DraftArgs;
use crate::render::{self, FileOutcome, RenderOptions};

/// Characters past which a recommendation is worth a warning: the longest
/// in real reports run to about 1,500.
const LONG_RECOMMENDATION: usize = 20_000;

pub fn run(args: &DraftArgs) -> crate::Result<i32> {
    let options = RenderOptions {
        templates: args.templates.clone(),
        formats: RenderOptions::parse_formats(&args.format)?,
    };
    // A path that cannot be the output folder is said before the work.
    render::write::check_output_folder(&args.output)?;
    // Only the synthesis is rendered: the rest of the pipeline's outcome
    // (the reports read, entity annotations, theme graph) is dropped before
    // the rendering, which is where a large draft's memory peaks.
    let (synthesis, input_summary, has_errors) = {
        let outcome = args.input.run_pipeline()?;
        let input_summary = args.input.summary(&outcome.corpus);
        let has_errors = outcome.corpus.has_errors();
        (outcome.synthesis, input_summary, has_errors)
    };
    if synthesis.recommendations.is_empty() {
        // An empty draft would replace a good one for nothing (a mistyped
        // path, say): write nothing.
        eprintln!("rapporteur: no recommendations found in the input; nothing written");
        return Ok(1);
    }
    if !args.input.quiet {
        for r in &synthesis.recommendations {
            let chars = r.text.chars().count();
            if chars > LONG_RECOMMENDATION {
                eprintln!(
                    "{}:{}: warning: recommendation {} is {chars} characters long \
                     (expected a paragraph; was the end of the list missed?); rendered in full",
                    r.file, r.line, r.id
                );
            }
        }
    }
    // Everything is rendered before anything is written, so a template
    // error leaves the output folder as it was.
    let files = render::render_all(&synthesis, &options)?;
    let report = render::write_outputs(&args.output, &files, args.force)?;
    if !args.input.quiet {
        for path in &report.cleaned {
            eprintln!(
                "rapporteur: removed {} (left by an interrupted run)",
                path.display()
            );
        }
        for path in &report.removed {
            eprintln!("rapporteur: removed {} (no longer needed)", path.display());
        }
    }
    for file in &report.files {
        match file {
            FileOutcome::KeptEdited { .. } => eprintln!("rapporteur: {file}"),
            _ if args.input.quiet => {}
            _ => println!("{file}"),
        }
    }
    if !args.input.quiet {
        eprintln!(
            "rapporteur: {}",
            summary(&input_summary, synthesis.themes.len(), report.kept_edited())
        );
    }
    Ok(if has_errors { 1 } else { 0 })
}

/// The input summary, the number of themes, and any draft kept.
fn summary(input_summary: &str, themes: usize, kept: usize) -> String {
    let mut line = format!(
        "{input_summary}, {} {}",
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
