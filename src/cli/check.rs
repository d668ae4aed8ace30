//! `rapporteur check`: lints a corpus and prints one finding per line as
//! `file:line: warning|error: message (expected …)`, and on standard error
//! which reader read each file (text, Markdown, PDF with its pages, Word).
//! Exit status 0 when clean, 1 with findings.

use super::InputArgs;
use crate::ingest;

pub fn run(args: &InputArgs) -> crate::Result<i32> {
    let corpus = crate::pipeline::read(&args.pipeline_input())?;
    let findings = ingest::check(&corpus);
    for finding in &findings {
        println!("{finding}");
    }
    if !args.quiet {
        for read in &corpus.readers {
            eprintln!("rapporteur: {}", ingest::reader_line(read));
        }
        eprintln!("rapporteur: {}", ingest::summary(&corpus));
    }
    Ok(if findings.is_empty() { 0 } else { 1 })
}
