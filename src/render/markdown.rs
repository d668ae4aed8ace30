//! `synthesis.md`: the main template rendered with the drafting context.
//! The HTML and .docx renderers start from this same Markdown.

use super::{context, Renderer, TemplateSet};
use crate::model::Synthesis;
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
    let text = templates.render(MAIN_TEMPLATE, &context)?;
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

/// The draft cut before its headings into pieces that comrak renders, one
/// after the other, exactly as the whole draft, each with the escapes of
/// its long lines folded (see [`super::escapes`]): the tree of one piece at
/// a time is far smaller than the whole draft's.
///
/// A heading at the start of a line after a blank line ends every block
/// open before it (paragraph, list, quote, table, indented code, HTML of
/// the kinds a blank line ends). What could reach across it is left whole:
/// a draft with fenced code, footnotes, link reference definitions or the
/// raw HTML blocks a blank line does not end is one piece.
pub fn pieces(markdown: &str) -> Vec<std::borrow::Cow<'_, str>> {
    let foldable = super::escapes::foldable(markdown);
    let fold = |piece| {
        if foldable {
            super::escapes::fold_long_lines(piece)
        } else {
            std::borrow::Cow::Borrowed(piece)
        }
    };
    if !cuttable(markdown) {
        return vec![fold(markdown)];
    }
    let mut pieces = Vec::new();
    let (mut start, mut at) = (0, 0);
    let mut after_blank = false;
    for line in markdown.split_inclusive('\n') {
        if after_blank && at > start && is_heading(line) {
            pieces.push(fold(&markdown[start..at]));
            start = at;
        }
        after_blank = line.trim().is_empty();
        at += line.len();
    }
    pieces.push(fold(&markdown[start..]));
    pieces
}

/// An ATX heading starting at the beginning of the line.
fn is_heading(line: &str) -> bool {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes) && matches!(line.as_bytes().get(hashes), Some(b' ' | b'\n'))
}

/// False when the draft holds anything that can reach across a heading.
fn cuttable(markdown: &str) -> bool {
    if ["```", "~~~", "[^"].iter().any(|m| markdown.contains(m)) {
        return false;
    }
    !markdown.lines().any(|line| {
        let line = line.trim_start().to_ascii_lowercase();
        (line.starts_with('[') && line.contains("]:"))
            || ["<!", "<?", "<pre", "<script", "<style", "<textarea"]
                .iter()
                .any(|m| line.starts_with(m))
    })
}

#[cfg(test)]
mod tests {
    use super::tidy;

    #[test]
    fn pieces_start_at_headings_after_a_blank_line() {
        let md = "# A\n\ntext\n## B\n\n- x\n\n### C\n#not\n";
        assert_eq!(
            super::pieces(md),
            ["# A\n\ntext\n## B\n\n- x\n\n", "### C\n#not\n"]
        );
        let fenced = "# A\n\n```\n\n# B\n```\n";
        assert_eq!(super::pieces(fenced), [fenced]);
    }

    #[test]
    fn pieces_render_as_the_whole_draft() {
        let md = "# T\n\n1. a\n2. b\n\n## S\n\nIntro:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n\
                  ### U\n\n- x\n\n  more\n- y\n\n> q\n\n# V\n\n    code\n\ntext \\> x\n";
        let options = super::comrak_options();
        let pieces = super::pieces(md);
        assert_eq!(pieces.len(), 4);
        let joined: String = pieces
            .iter()
            .map(|p| comrak::markdown_to_html(p, &options))
            .collect();
        assert_eq!(joined, comrak::markdown_to_html(md, &options));
    }

    #[test]
    fn blank_lines_are_collapsed() {
        assert_eq!(tidy("\n\n# A\n\n\n\nb  \n\n"), "# A\n\nb\n");
    }
}
