//! Render: the synthesis into Markdown, HTML, .docx and JSON through
//! `minijinja` templates that editors can export and override.
//!
//! All the wording lives in the templates (see `templates/README.md`); the
//! numbers, lists and cross-references they print are computed in
//! [`context`]. Every output is rendered in memory first ([`render_all`]), so
//! a template error writes nothing; [`write_outputs`] then writes them
//! atomically and never silently overwrites a draft edited by hand.

pub mod context;
mod docx;
mod escapes;
mod filters;
mod fuel;
pub mod graph;
mod html;
mod json;
pub mod listing;
mod markdown;
pub mod provenance;
mod svg;
pub mod templates;
pub mod write;
mod xml;

pub use docx::DocxRenderer;
pub use html::HtmlRenderer;
pub use json::{JsonRenderer, JSON_SCHEMA};
pub use markdown::MarkdownRenderer;
pub use templates::{TemplateOrigin, TemplateSet};
pub use write::{write_outputs, FileOutcome, WriteReport, MANIFEST};

use crate::model::Synthesis;
use std::path::PathBuf;

/// One output format of the draft.
pub trait Renderer {
    /// Short name, as given to `--format` (`md`, `html`, `docx`, `json`).
    fn name(&self) -> &'static str;
    /// File written in the output folder, e.g. `synthesis.md`.
    fn file_name(&self) -> &'static str;
    /// The file's bytes.
    fn render(&self, draft: &Draft) -> crate::Result<Vec<u8>>;
}

/// What every renderer receives: the synthesis, the templates, and the
/// Markdown draft, rendered once for all the formats built on it (HTML and
/// .docx are the same text as `synthesis.md`).
pub struct Draft<'a> {
    pub synthesis: &'a Synthesis,
    pub templates: &'a TemplateSet,
    markdown: std::sync::OnceLock<String>,
}

impl<'a> Draft<'a> {
    pub fn new(synthesis: &'a Synthesis, templates: &'a TemplateSet) -> Self {
        Draft {
            synthesis,
            templates,
            markdown: std::sync::OnceLock::new(),
        }
    }

    /// The Markdown draft, rendered on first use.
    pub fn markdown(&self) -> crate::Result<&str> {
        if let Some(markdown) = self.markdown.get() {
            return Ok(markdown);
        }
        let markdown = markdown::render_markdown(self.synthesis, self.templates)?;
        Ok(self.markdown.get_or_init(|| markdown))
    }
}

/// Output formats, in the order they are rendered and listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Markdown,
    Html,
    Docx,
    Json,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Markdown, Format::Html, Format::Docx, Format::Json];

    /// Reads a `--format` value: `md` (or `markdown`), `html`, `docx`, `json`.
    pub fn parse(s: &str) -> crate::Result<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Ok(Format::Markdown),
            "html" => Ok(Format::Html),
            "docx" => Ok(Format::Docx),
            "json" => Ok(Format::Json),
            other => Err(crate::Error::Usage(format!(
                "unknown format {other:?}: expected md, html, docx or json"
            ))),
        }
    }

    pub fn renderer(self) -> Box<dyn Renderer> {
        match self {
            Format::Markdown => Box::new(MarkdownRenderer),
            Format::Html => Box::new(HtmlRenderer),
            Format::Docx => Box::new(DocxRenderer),
            Format::Json => Box::new(JsonRenderer),
        }
    }
}

/// What to render and with which templates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderOptions {
    /// Folder of templates overriding the embedded ones, file by file.
    pub templates: Option<PathBuf>,
    /// Formats to write; empty means all.
    pub formats: Vec<Format>,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            templates: None,
            formats: Format::ALL.to_vec(),
        }
    }
}

impl RenderOptions {
    /// Parses `--format` values (each may hold several, comma-separated).
    pub fn parse_formats(values: &[String]) -> crate::Result<Vec<Format>> {
        let mut formats = Vec::new();
        for value in values {
            for part in value.split(',').filter(|p| !p.trim().is_empty()) {
                formats.push(Format::parse(part)?);
            }
        }
        formats.sort();
        formats.dedup();
        Ok(formats)
    }
}

/// One rendered output, not yet written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedFile {
    pub name: String,
    pub contents: Vec<u8>,
}

/// Renders every requested format in memory. Nothing is written, so an error
/// in any template leaves the output folder untouched.
pub fn render_all(
    synthesis: &Synthesis,
    options: &RenderOptions,
) -> crate::Result<Vec<RenderedFile>> {
    let templates = TemplateSet::load(options.templates.as_deref())?;
    let mut formats = if options.formats.is_empty() {
        Format::ALL.to_vec()
    } else {
        options.formats.clone()
    };
    formats.sort();
    formats.dedup();
    let draft = Draft::new(synthesis, &templates);
    let render = |format: Format| -> crate::Result<RenderedFile> {
        let renderer = format.renderer();
        Ok(RenderedFile {
            name: renderer.file_name().to_string(),
            contents: renderer.render(&draft)?,
        })
    };
    // The Markdown draft is rendered once, before the formats built on it
    // are rendered side by side; JSON needs none of it, so it is rendered
    // meanwhile.
    let (on_markdown, json): (Vec<Format>, Vec<Format>) =
        formats.into_iter().partition(|f| *f != Format::Json);
    let (markdown, json) = rayon::join(
        || {
            if on_markdown.is_empty() {
                Ok(())
            } else {
                draft.markdown().map(|_| ())
            }
        },
        || {
            json.into_iter()
                .map(render)
                .collect::<crate::Result<Vec<_>>>()
        },
    );
    markdown?;
    use rayon::prelude::*;
    let mut files: Vec<RenderedFile> = on_markdown
        .into_par_iter()
        .map(render)
        .collect::<crate::Result<_>>()?;
    files.extend(json?);
    Ok(files)
}
