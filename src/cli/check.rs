//! `rapporteur check`: lints a corpus and prints one finding per line as
//! `file:line: warning|error: message (expected …)`, and on standard error
//! which reader read each file (text, Markdown, PDF with its pages, Word).
//! Exit status 0 when clean, 1 with findings (warnings included, as linters
//! do), or with `--warnings-ok` 1 only when there is an error.

use super::CheckArgs;
use crate::ingest;
use crate::model::Severity;

pub fn run(args: &CheckArgs) -> crate::Result<i32> {
    let corpus = crate::pipeline::read(&args.input.pipeline_input())?;
    let findings = ingest::check(&corpus);
    for finding in &findings {
        println!("{finding}");
    }
    if !args.input.quiet {
        for read in &corpus.readers {
            eprintln!("rapporteur: {}", ingest::reader_line(read));
        }
        eprintln!("rapporteur: {}", args.input.summary(&corpus));
    }
    let failing = findings
        .iter()
        .any(|f| !args.warnings_ok || f.severity == Severity::Error);
    Ok(if failing { 1 } else { 0 })
}
