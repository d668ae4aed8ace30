//! `synthesis.md`: the main template rendered with the drafting context.
//! The HTML and .docx renderers start from this same Markdown.

use super::{context, Renderer, TemplateSet};
use crate::model::Synthesis;
use minijinja::value::{Serde, Value};

/// Name of the main template.
pub const MAIN_TEMPLATE: &str = "synthesis.md";

pub struct MarkdownRenderer;

impl Renderer for MarkdownRenderer {
    fn name(&self) -> &'static str {
        "md"
    }

    fn file_name(&self) -> &'static str {
        "synthesis.md"
    }

    fn render(&self, draft: &super::Draft) -> crate::Result<Vec<u8>> {
        draft.markdown().map(|m| m.as_bytes().to_vec())
    }
}

/// The draft in Markdown, ending with exactly one newline.
pub fn render_markdown(synthesis: &Synthesis, templates: &TemplateSet) -> crate::Result<String> {
    let context = context::build(synthesis);
    let text = templates.render(MAIN_TEMPLATE, Value::from(Serde(&context)))?;
    Ok(tidy(&text))
}

/// Collapses runs of blank lines left by template logic and trims trailing
/// spaces, so the Markdown reads cleanly whatever the template's layout.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank_run += 1;
            if blank_run > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// The comrak options the draft is parsed with: CommonMark plus the GFM
/// extensions the templates use, raw HTML kept (for the annex anchors; all
/// text from the reports is escaped by the templates).
pub fn comrak_options() -> comrak::Options<'static> {
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.footnotes = true;
    options.extension.strikethrough = true;
    options.extension.autolink = false;
    options.render.r#unsafe = true;
    options
}

#[cfg(test)]
mod tests {
    use super::tidy;

    #[test]
    fn blank_lines_are_collapsed() {
        assert_eq!(tidy("\n\n# A\n\n\n\nb  \n\n"), "# A\n\nb\n");
    }
}
