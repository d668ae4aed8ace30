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
use std::collections::BTreeSet;
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

/// Steps a render may take before it is stopped as runaway. The budget is
/// sized by what the output needs: a share for every value the context
/// holds (each may be looped over and printed) and for every byte of its
/// text (a template may walk a text), so a corpus of long texts renders as
/// surely as one of many short ones, while a loop without end is stopped
/// within seconds on an ordinary corpus.
const BASE_FUEL: u64 = 5_000_000;
const FUEL_PER_VALUE: u64 = 500;
const FUEL_PER_TEXT_BYTE: u64 = 8;

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
        // An error names the expression and the nearest known name from
        // the template's source, which the engine attaches only in debug
        // mode (by default, only in debug builds); it costs nothing until
        // an error is made.
        env.set_debug(true);
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

    /// Renders template `name` with `context`, within a fuel budget sized
    /// by the context (see [`fuel_for`]).
    pub fn render(&self, name: &str, context: &impl serde::Serialize) -> crate::Result<String> {
        let mut env = self.env.clone();
        env.set_fuel(Some(fuel_for(context)));
        let context = Value::from(minijinja::value::Serde(context));
        let template = env
            .get_template(name)
            .map_err(|e| template_error(name, e))?;
        template.render(&context).map_err(|e| {
            let hint = (innermost_error(&e).kind() == ErrorKind::UndefinedError)
                .then(|| self.undefined_hint(&e, &context))
                .flatten();
            let mut error = template_error(name, e);
            if let (crate::Error::Template { message, .. }, Some(hint)) = (&mut error, hint) {
                *message = format!("undefined value {hint}");
            }
            error
        })
    }

    /// For an undefined value, the expression that gave it, the name in it
    /// that nothing defines, and the nearest name that is defined (the
    /// context's keys and the names templates bind), e.g. "`theme.labell`:
    /// `labell` is not defined; did you mean `label`?".
    fn undefined_hint(&self, e: &minijinja::Error, context: &Value) -> Option<String> {
        let innermost = innermost_error(e);
        let source = innermost.template_source()?;
        let expression = source.get(innermost.range()?)?.trim();
        let mut known = BTreeSet::new();
        context_names(context, &mut known);
        for name in self.names() {
            if let Ok(template) = self.env.get_template(&name) {
                bound_names(template.source(), &mut known);
            }
        }
        let unknown = expression_names(expression)
            .into_iter()
            .find(|n| !known.contains(*n))?;
        let nearest = known
            .iter()
            .map(|k| (strsim::normalized_damerau_levenshtein(unknown, k), k))
            .filter(|(score, _)| *score >= 0.6)
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(a.1)));
        Some(match nearest {
            Some((_, name)) => {
                format!("`{expression}`: `{unknown}` is not defined; did you mean `{name}`?")
            }
            None => format!("`{expression}`: `{unknown}` is not defined"),
        })
    }
}

/// The fuel a render of `context` may use: see [`BASE_FUEL`].
pub fn fuel_for(context: &impl serde::Serialize) -> u64 {
    let (values, bytes) = super::fuel::context_size(context);
    BASE_FUEL
        .saturating_add(FUEL_PER_VALUE.saturating_mul(values))
        .saturating_add(FUEL_PER_TEXT_BYTE.saturating_mul(bytes))
}

/// Pushes the items of a sequence or the values of a map onto `stack`,
/// telling `key` each key of a map.
fn push_children(value: &Value, stack: &mut Vec<Value>, mut key: impl FnMut(&str)) {
    use minijinja::value::ValueKind;
    match value.kind() {
        ValueKind::Seq | ValueKind::Iterable => {
            if let Ok(items) = value.try_iter() {
                stack.extend(items);
            }
        }
        ValueKind::Map => {
            // Key and value at once: looking each key up again is a hash
            // per entry of a context of millions.
            if let Some(pairs) = value.as_object().and_then(|o| o.try_iter_pairs()) {
                for (k, v) in pairs {
                    if let Some(name) = k.as_str() {
                        key(name);
                    }
                    stack.push(v);
                }
            }
        }
        _ => {}
    }
}

/// Every key of every map in `context`.
fn context_names(context: &Value, names: &mut BTreeSet<String>) {
    let mut stack = vec![context.clone()];
    while let Some(value) = stack.pop() {
        push_children(&value, &mut stack, |k| {
            if !names.contains(k) {
                names.insert(k.to_string());
            }
        });
    }
}

/// Names a template binds: loop variables, `set` targets, macros and their
/// arguments, plus `loop`.
fn bound_names(source: &str, names: &mut BTreeSet<String>) {
    names.insert("loop".to_string());
    for block in source.split("{%").skip(1) {
        let block = block.split("%}").next().unwrap_or("");
        let block = block.trim_start_matches(['-', '+']).trim();
        let mut words = block.split_whitespace();
        let head = match words.next() {
            Some("for") => block["for".len()..].split(" in ").next().unwrap_or(""),
            Some("set") => block["set".len()..].split('=').next().unwrap_or(""),
            Some("macro") => &block["macro".len()..],
            _ => continue,
        };
        names.extend(identifiers(head).map(str::to_string));
    }
}

/// The names an expression reads: `theme.labell` gives `theme`, `labell`;
/// filters (after `|`) are left out, their errors are not undefined values.
fn expression_names(expression: &str) -> Vec<&str> {
    let value = expression.split('|').next().unwrap_or("");
    identifiers(value).collect()
}

/// The identifiers in `text`, outside string literals.
fn identifiers(text: &str) -> impl Iterator<Item = &str> {
    let mut in_string: Option<char> = None;
    let mut start = None;
    let mut found = Vec::new();
    for (i, c) in text.char_indices() {
        if let Some(quote) = in_string {
            if c == quote {
                in_string = None;
            }
            continue;
        }
        let is_word = c.is_ascii_alphanumeric() || c == '_';
        match (start, is_word) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                found.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
        if c == '"' || c == '\'' {
            in_string = Some(c);
        }
    }
    if let Some(s) = start {
        found.push(&text[s..]);
    }
    found
        .into_iter()
        .filter(|w| !w.starts_with(|c: char| c.is_ascii_digit()))
        .filter(|w| {
            !matches!(
                *w,
                "and"
                    | "or"
                    | "not"
                    | "in"
                    | "is"
                    | "if"
                    | "else"
                    | "true"
                    | "false"
                    | "none"
                    | "True"
                    | "False"
                    | "None"
            )
        })
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
    let dir = dir.canonicalize().map_err(|e| crate::Error::io(dir, e))?;
    refuse_special_files(&dir)?;
    Ok(dir)
}

/// A template name in the folder that is not a regular file (a named pipe,
/// a device, a socket) would hang the run or be passed over without a word:
/// it is reported instead.
fn refuse_special_files(dir: &Path) -> crate::Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| crate::Error::io(dir, e))?;
    let mut special = Vec::new();
    for entry in entries.filter_map(|e| e.ok()) {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_template = EMBEDDED.iter().any(|(n, _)| *n == name)
            || matches!(name.rsplit('.').next(), Some("md" | "html" | "css"));
        // Followed through symbolic links: a link to a pipe is a pipe.
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if is_template && !meta.is_file() && !meta.is_dir() {
            special.push((name, kind_of(&meta.file_type())));
        }
    }
    special.sort();
    match special.first() {
        None => Ok(()),
        Some((name, kind)) => Err(crate::Error::Input {
            file: dir.join(name).display().to_string(),
            line: None,
            message: format!(
                "is {kind}, not a file: a template must be a regular file{}",
                if special.len() > 1 {
                    format!(
                        " (also {})",
                        special[1..]
                            .iter()
                            .map(|(n, _)| n.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                } else {
                    String::new()
                }
            ),
        }),
    }
}

/// What a file that is neither a regular file nor a folder is, in words.
fn kind_of(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    let _ = file_type;
    "not a regular file"
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
    let innermost = innermost_error(&e);
    crate::Error::Template {
        name: innermost.name().unwrap_or(fallback).to_string(),
        line: innermost.line(),
        message: problem(innermost),
    }
}

/// Errors raised inside an included template may carry the including
/// template's position; the innermost error with a name holds the included
/// one's.
fn innermost_error(e: &minijinja::Error) -> &minijinja::Error {
    let mut innermost = e;
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        if let Some(inner) = cause.downcast_ref::<minijinja::Error>() {
            if inner.name().is_some() {
                innermost = inner;
            }
        }
        source = cause.source();
    }
    innermost
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
