//! `rapporteur templates`: export the default templates for editing, and
//! list where each template would be loaded from.

use super::TemplatesCommand;
use crate::render::templates::{TemplateSet, EMBEDDED};
use crate::render::write::write_atomic;
use crate::render::TemplateOrigin;
use std::path::Path;

pub fn run(args: &TemplatesCommand) -> crate::Result<i32> {
    match args {
        TemplatesCommand::Export { dir, force, quiet } => export(dir, *force, *quiet),
        TemplatesCommand::List { templates } => list(templates.as_deref()),
    }
}

/// Writes the embedded templates into `dir`. Without `force`, refuses (and
/// writes nothing) when any of them is already there, so an editor's work is
/// never overwritten.
fn export(dir: &Path, force: bool, quiet: bool) -> crate::Result<i32> {
    std::fs::create_dir_all(dir).map_err(|e| crate::Error::io(dir, e))?;
    if !force {
        let existing: Vec<&str> = EMBEDDED
            .iter()
            .map(|(name, _)| *name)
            .filter(|name| dir.join(name).exists())
            .collect();
        if !existing.is_empty() {
            return Err(crate::Error::Other(format!(
                "{} already holds {} ({}); nothing exported (use --force to overwrite them)",
                dir.display(),
                crate::text::plural(existing.len(), "template", "templates"),
                existing.join(", ")
            )));
        }
    }
    for (name, source) in EMBEDDED {
        let path = dir.join(name);
        write_atomic(&path, source.as_bytes())?;
        if !quiet {
            println!("wrote {}", path.display());
        }
    }
    if !quiet {
        eprintln!(
            "{} templates exported; use them with `rapporteur draft --templates {}`",
            EMBEDDED.len(),
            dir.display()
        );
    }
    Ok(0)
}

fn list(folder: Option<&Path>) -> crate::Result<i32> {
    let set = TemplateSet::load(folder)?;
    for name in set.names() {
        match set.origin(&name) {
            TemplateOrigin::Embedded => println!("{name}\tembedded"),
            TemplateOrigin::Override(path) => println!("{name}\t{}", path.display()),
        }
    }
    Ok(0)
}
