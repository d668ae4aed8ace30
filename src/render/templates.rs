//! The templates that hold all the wording of the draft: the embedded
//! defaults, the editor's override folder, and the filters they may use.
//!
//! Templates are looked up by name. A name is first looked for in the
//! override folder (when one is given), then among the embedded defaults, so
//! an editor only needs to keep the files they changed. Names that would leave
//! the folder (`..`, absolute paths, symbolic links pointing elsewhere) are
//! refused, and every render runs on a fuel budget so that a template that
//! loops or recurses without end is stopped with a clear error.

use minijinja::syntax::SyntaxConfig;
use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, ErrorKind, UndefinedBehavior};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// The default templates, embedded in the binary: (name, source).
pub const EMBEDDED: &[(&str, &str)] = &[
    ("synthesis.md", include_str!("../../templates/synthesis.md")),
    ("intro.md", include_str!("../../templates/intro.md")),
    ("theme.md", include_str!("../../templates/theme.md")),
    ("matrix.md", include_str!("../../templates/matrix.md")),
    ("annex.md", include_str!("../../templates/annex.md")),
    (
        "synthesis.html",
        include_str!("../../templates/synthesis.html"),
    ),
    ("style.css", include_str!("../../templates/style.css")),
    ("README.md", include_str!("../../templates/README.md")),
];

/// Templates that are documentation, not rendered.
const NOT_RENDERED: &[&str] = &["README.md"];

/// Steps a render may take before it is stopped as runaway. The budget grows
/// with the size of the synthesis so large corpora still render, while a loop
/// without end is stopped within seconds.
const BASE_FUEL: u64 = 5_000_000;
const FUEL_PER_RECOMMENDATION: u64 = 10_000;

/// Where a template is loaded from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateOrigin {
    Embedded,
    Override(PathBuf),
}

/// The loaded templates with their filters, ready to render.
pub struct TemplateSet {
    env: Environment<'static>,
    folder: Option<PathBuf>,
}

impl std::fmt::Debug for TemplateSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TemplateSet")
            .field("folder", &self.folder)
            .finish()
    }
}

impl TemplateSet {
    /// Embedded templates, overridden file by file from `folder` when given.
    pub fn load(folder: Option<&Path>) -> crate::Result<TemplateSet> {
        let folder = match folder {
            Some(dir) => Some(checked_folder(dir)?),
            None => None,
        };
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_syntax(
            SyntaxConfig::builder()
                .trim_blocks(true)
                .lstrip_blocks(true)
                .keep_trailing_newline(true)
                .build()
                .map_err(|e| crate::Error::Other(format!("template syntax settings: {e}")))?,
        );
        env.set_auto_escape_callback(auto_escape_for);
        env.set_formatter(super::filters::markdown_aware_formatter);
        super::filters::register(&mut env);
        let loader_folder = folder.clone().map(Arc::new);
        env.set_loader(move |name| load_source(loader_folder.as_deref(), name));
        let set = TemplateSet { env, folder };
        set.check_syntax()?;
        Ok(set)
    }

    /// Compiles every known template so that a syntax error stops the run
    /// before anything is rendered.
    fn check_syntax(&self) -> crate::Result<()> {
        for name in self.names() {
            if NOT_RENDERED.contains(&name.as_str()) {
                continue;
            }
            self.env
                .get_template(&name)
                .map_err(|e| template_error(&name, e))?;
        }
        Ok(())
    }

    /// Names of the embedded templates plus any extra template in the
    /// override folder, sorted.
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = EMBEDDED.iter().map(|(n, _)| n.to_string()).collect();
        if let Some(dir) = &self.folder {
            names.extend(extra_templates(dir));
        }
        names.sort();
        names.dedup();
        names
    }

    /// Where `name` would be loaded from.
    pub fn origin(&self, name: &str) -> TemplateOrigin {
        match &self.folder {
            Some(dir) if dir.join(name).is_file() => TemplateOrigin::Override(dir.join(name)),
            _ => TemplateOrigin::Embedded,
        }
    }

    /// Renders template `name` with `context`, within a fuel budget that
    /// grows with `size` (the number of recommendations).
    pub fn render(&self, name: &str, context: Value, size: usize) -> crate::Result<String> {
        let mut env = self.env.clone();
        env.set_fuel(Some(
            BASE_FUEL + FUEL_PER_RECOMMENDATION.saturating_mul(size as u64),
        ));
        let template = env
            .get_template(name)
            .map_err(|e| template_error(name, e))?;
        template
            .render(context)
            .map_err(|e| template_error(name, e))
    }
}

/// Markdown templates escape what they print for Markdown, HTML templates for
/// HTML; anything else (CSS) is printed as is.
fn auto_escape_for(name: &str) -> AutoEscape {
    match name.rsplit('.').next().unwrap_or("") {
        "md" => AutoEscape::Custom("markdown".into()),
        "html" => AutoEscape::Html,
        _ => AutoEscape::None,
    }
}

fn checked_folder(dir: &Path) -> crate::Result<PathBuf> {
    if !dir.is_dir() {
        return Err(crate::Error::Usage(format!(
            "templates folder {} does not exist or is not a folder",
            dir.display()
        )));
    }
    dir.canonicalize().map_err(|e| crate::Error::io(dir, e))
}

/// Files directly in the override folder that are not embedded defaults:
/// partials an editor added.
fn extra_templates(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| !n.starts_with('.') && NOT_RENDERED.iter().all(|d| d != n))
        .filter(|n| matches!(n.rsplit('.').next(), Some("md" | "html" | "css")))
        .collect()
}

/// True when `name` stays inside the templates folder: relative, and made of
/// plain file and folder names only.
pub fn is_safe_name(name: &str) -> bool {
    let path = Path::new(name);
    !name.is_empty()
        && !name.contains('\\')
        && path.components().all(|c| matches!(c, Component::Normal(_)))
}

fn load_source(folder: Option<&PathBuf>, name: &str) -> Result<Option<String>, minijinja::Error> {
    if !is_safe_name(name) {
        return Err(minijinja::Error::new(
            ErrorKind::InvalidOperation,
            format!("template name {name:?} is refused: templates may only load files inside the templates folder"),
        ));
    }
    if let Some(dir) = folder {
        let path = dir.join(name);
        if path.is_file() {
            return read_inside(dir, &path).map(Some);
        }
    }
    Ok(EMBEDDED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, source)| source.to_string()))
}

/// Reads `path`, refusing it when a symbolic link takes it outside `dir`.
fn read_inside(dir: &Path, path: &Path) -> Result<String, minijinja::Error> {
    let io_error = |e: std::io::Error| {
        minijinja::Error::new(
            ErrorKind::InvalidOperation,
            format!("cannot read {}: {e}", path.display()),
        )
    };
    let real = path.canonicalize().map_err(io_error)?;
    if !real.starts_with(dir) {
        return Err(minijinja::Error::new(
            ErrorKind::InvalidOperation,
            format!(
                "{} is refused: it leads outside the templates folder",
                path.display()
            ),
        ));
    }
    std::fs::read_to_string(&real).map_err(io_error)
}

/// Turns a minijinja error into ours, naming the template where the problem
/// is (which may be a partial included by `fallback`) and its line.
pub fn template_error(fallback: &str, e: minijinja::Error) -> crate::Error {
    // Errors raised inside an included template may carry the including
    // template's position; the innermost error with a name holds the
    // included one's.
    let mut innermost = &e;
    let mut source = std::error::Error::source(&e);
    while let Some(cause) = source {
        if let Some(inner) = cause.downcast_ref::<minijinja::Error>() {
            if inner.name().is_some() {
                innermost = inner;
            }
        }
        source = cause.source();
    }
    crate::Error::Template {
        name: innermost.name().unwrap_or(fallback).to_string(),
        line: innermost.line(),
        message: problem(innermost),
    }
}

/// What went wrong, in words: the kind of error and its detail.
fn problem(e: &minijinja::Error) -> String {
    let mut message = match e.kind() {
        ErrorKind::OutOfFuel => "the template ran too long and was stopped \
             (a loop or recursion that does not end?)"
            .to_string(),
        kind => kind.to_string(),
    };
    if let Some(detail) = e.detail() {
        message.push_str(": ");
        message.push_str(detail);
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_leave_the_folder_are_refused() {
        assert!(is_safe_name("theme.md"));
        assert!(is_safe_name("partials/theme.md"));
        assert!(!is_safe_name("../x"));
        assert!(!is_safe_name("a/../../x"));
        assert!(!is_safe_name("/etc/passwd"));
        assert!(!is_safe_name("..\\x"));
        assert!(!is_safe_name(""));
    }

    #[test]
    fn embedded_templates_compile() {
        let set = TemplateSet::load(None).expect("embedded templates compile");
        assert!(set.names().contains(&"synthesis.md".to_string()));
        assert_eq!(set.origin("synthesis.md"), TemplateOrigin::Embedded);
    }
}
