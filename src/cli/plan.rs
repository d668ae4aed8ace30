//! `rapporteur plan`: writes the themes of a run as a plan file, which
//! `--plan` then applies on every run.

use super::PlanArgs;
use std::io::Write as _;

pub fn run(args: &PlanArgs) -> crate::Result<i32> {
    let target = match (&args.output, args.update) {
        (Some(path), _) => Some(path.clone()),
        (None, true) => args.input.plan.clone(),
        (None, false) => None,
    };
    // Refused before the pipeline runs, so that nothing is read for nothing.
    // `--update` rewrites the plan it was given: that is what it is for.
    let rewriting_own_plan = args.update && target == args.input.plan;
    if let Some(path) = &target {
        if path.is_dir() {
            return Err(crate::Error::Usage(format!(
                "{} is a folder, expected a plan file",
                path.display()
            )));
        }
        if path.exists() && !args.force && !rewriting_own_plan {
            return Err(crate::Error::Usage(format!(
                "{} already exists; pass --force to overwrite it (it may hold your edits)",
                path.display()
            )));
        }
    }
    let outcome = args.input.run_pipeline()?;
    let text = crate::plan::write(
        &outcome.theme_graph,
        &outcome.synthesis.recommendations,
        &outcome.plan,
    );
    match &target {
        None => {
            std::io::stdout()
                .write_all(text.as_bytes())
                .map_err(|e| crate::Error::io("stdout", e))?;
        }
        Some(path) => {
            write_atomically(path, text.as_bytes())?;
            if !args.input.quiet {
                let themes = outcome.theme_graph.themes().count();
                eprintln!(
                    "rapporteur: wrote {} ({})",
                    path.display(),
                    crate::text::plural(themes, "theme", "themes")
                );
            }
        }
    }
    Ok(if outcome.corpus.has_errors() { 1 } else { 0 })
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over
/// `path`: a plan is never left half written.
fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> crate::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => std::path::Path::new("."),
    };
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(|e| crate::Error::io(dir, e))?;
    file.write_all(bytes)
        .map_err(|e| crate::Error::io(file.path(), e))?;
    file.persist(path)
        .map_err(|e| crate::Error::io(path, e.error))?;
    Ok(())
}
