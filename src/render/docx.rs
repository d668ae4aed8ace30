//! `synthesis.docx`: the Markdown draft parsed by comrak and rebuilt as a
//! Word document: headings as Word heading styles, lists with their own
//! numbering, the matrix as a table, links to the annex as internal
//! hyperlinks to bookmarks.
//!
//! docx-rs writes the package (styles, numbering, footer, section); the
//! body is written here as WordprocessingML straight from the Markdown
//! tree, in the markup docx-rs would give, because building docx-rs's
//! object model for every run cost most of a large draft's time and
//! memory.
//!
//! Laid out as a UN draft: A4 with 2.5 cm margins, space after paragraphs,
//! headings kept with the paragraph that follows, the matrix fitted to the
//! text width with its header row repeated and no row split across pages,
//! the page number in the footer. The archive is re-packed deflated (docx-rs
//! stores its parts uncompressed), with the body put in.
//!
//! The document is byte-stable: paragraph ids, bookmark ids and numbering
//! ids are assigned here in document order (docx-rs would otherwise draw
//! paragraph ids from a per-thread counter), no footnotes are used (their
//! ids come from a process-wide counter), and the document dates are fixed.

use super::escapes::unfold;
use super::markdown::comrak_options;
use super::xml;
use super::Renderer;
use comrak::nodes::{AstNode, ListType, NodeValue};
use docx_rs::{
    AbstractNumbering, AlignmentType, Docx, Footer, IndentLevel, Level, LevelJc, LevelOverride,
    LevelText, LineSpacing, LineSpacingType, NumberFormat, Numbering, NumberingId, PageMargin,
    PageNum, Paragraph, RunFonts, SpecialIndentType, Start, Style, StyleType,
};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{Read, Write};

pub struct DocxRenderer;

/// Fixed document dates, so two runs give the same file.
const DOCUMENT_DATE: &str = "2000-01-01T00:00:00Z";
/// Abstract numbering ids (id 1 is taken by `Docx::new()`).
const BULLET_NUMBERING: usize = 2;
const ORDERED_NUMBERING: usize = 3;
/// A4, in twentieths of a point.
const PAGE_WIDTH: usize = 11906;
const PAGE_HEIGHT: usize = 16838;
/// 2.5 cm margins left and right, 2.5 cm top and bottom.
const SIDE_MARGIN: usize = 1418;
const TOP_MARGIN: usize = 1418;
/// The width of the text between the margins: tables are fitted to it.
const TEXT_WIDTH: usize = PAGE_WIDTH - 2 * SIDE_MARGIN;
/// Space after a paragraph, and before and after a heading (6 and 12 pt).
const SPACE_AFTER: u32 = 120;
const SPACE_BEFORE_HEADING: u32 = 240;
/// Line height in 240ths of a line: a little over single spacing.
const LINE: i32 = 252;

impl Renderer for DocxRenderer {
    fn name(&self) -> &'static str {
        "docx"
    }

    fn file_name(&self) -> &'static str {
        "synthesis.docx"
    }

    fn render(&self, draft: &super::Draft) -> crate::Result<Vec<u8>> {
        markdown_to_docx(draft.markdown()?)
    }
}

/// Builds the .docx bytes from Markdown.
pub fn markdown_to_docx(markdown: &str) -> crate::Result<Vec<u8>> {
    let options = comrak_options();
    let mut body = BodyWriter::new(markdown.len());
    // Piece by piece, so only one piece's tree exists at a time; text and
    // addresses of folded long lines are unfolded below.
    for piece in super::markdown::pieces(markdown) {
        let arena = comrak::Arena::new();
        let root = comrak::parse_document(&arena, &piece, &options);
        for block in root.children() {
            body.block(block, None);
        }
    }
    let package = package(std::mem::take(&mut body.numberings));
    let mut bytes = std::io::Cursor::new(Vec::new());
    package.pack(&mut bytes).map_err(docx_error)?;
    repack(&bytes.into_inner(), &body.xml)
}

fn docx_error(e: impl std::fmt::Display) -> crate::Error {
    crate::Error::Other(format!("cannot build synthesis.docx: {e}"))
}

/// The archive docx-rs wrote (every part stored, a placeholder body),
/// re-written deflated with `body` in place of the placeholder. Entries
/// keep their order and fixed dates.
fn repack(stored: &[u8], body: &str) -> crate::Result<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(stored)).map_err(docx_error)?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(body.len() / 6)));
    // The fastest deflate level: the body is mostly repeated markup, which
    // it already shrinks several times, at a fraction of the default's time.
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .last_modified_time(zip::DateTime::default());
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(docx_error)?;
        let name = entry.name().to_string();
        if entry.is_dir() {
            out.add_directory(name, options).map_err(docx_error)?;
            continue;
        }
        let mut part = Vec::with_capacity(entry.size() as usize);
        entry.read_to_end(&mut part).map_err(docx_error)?;
        out.start_file(name.as_str(), options).map_err(docx_error)?;
        if name == "word/document.xml" {
            // The placeholder between `<w:body>` and the section properties
            // gives way to the body.
            let find = |what: &[u8]| part.windows(what.len()).position(|w| w == what);
            let (Some(start), Some(end)) = (find(b"<w:body>"), find(b"<w:sectPr>")) else {
                return Err(docx_error("the document part has no body"));
            };
            let start = start + b"<w:body>".len();
            out.write_all(&part[..start]).map_err(docx_error)?;
            out.write_all(body.as_bytes()).map_err(docx_error)?;
            out.write_all(&part[end..]).map_err(docx_error)?;
        } else {
            out.write_all(&part).map_err(docx_error)?;
        }
    }
    Ok(out.finish().map_err(docx_error)?.into_inner())
}

/// The package around the body: page, margins, fonts, spacing, heading
/// styles, list numberings and the footer with the page number.
fn package(numberings: Vec<Numbering>) -> Docx {
    let mut docx = Docx::new()
        .created_at(DOCUMENT_DATE)
        .updated_at(DOCUMENT_DATE)
        .default_fonts(
            RunFonts::new()
                .ascii("Times New Roman")
                .hi_ansi("Times New Roman"),
        )
        .default_size(22)
        .page_size(PAGE_WIDTH as u32, PAGE_HEIGHT as u32)
        .page_margin(
            PageMargin::new()
                .top(TOP_MARGIN as i32)
                .bottom(TOP_MARGIN as i32)
                .left(SIDE_MARGIN as i32)
                .right(SIDE_MARGIN as i32)
                .header(709)
                .footer(709),
        )
        .default_line_spacing(
            LineSpacing::new()
                .after(SPACE_AFTER)
                .line(LINE)
                .line_rule(LineSpacingType::Auto),
        )
        .footer(
            // Its own id, after any the body's paragraphs can take.
            Footer::new().add_paragraph(
                Paragraph::new()
                    .id("7FFFFFFF")
                    .align(AlignmentType::Center)
                    .add_page_num(PageNum::new()),
            ),
        )
        .add_abstract_numbering(list_numbering(BULLET_NUMBERING, false))
        .add_abstract_numbering(list_numbering(ORDERED_NUMBERING, true));
    for (level, size) in [(1, 32), (2, 28), (3, 24), (4, 22), (5, 22), (6, 22)] {
        docx = docx.add_style(
            Style::new(format!("Heading{level}"), StyleType::Paragraph)
                .name(format!("heading {level}"))
                .based_on("Normal")
                .next("Normal")
                .bold()
                .size(size)
                .line_spacing(
                    LineSpacing::new()
                        .before(SPACE_BEFORE_HEADING)
                        .after(SPACE_AFTER)
                        .line(LINE)
                        .line_rule(LineSpacingType::Auto),
                )
                .outline_lvl(level - 1),
        );
    }
    for numbering in numberings {
        docx = docx.add_numbering(numbering);
    }
    // A placeholder that uses a list, so that docx-rs links the numbering
    // part; `repack` replaces it with the body.
    docx.add_paragraph(
        Paragraph::new()
            .id("00000000")
            .numbering(NumberingId::new(1), IndentLevel::new(0)),
    )
}

/// Where a paragraph sits in a list: numbering instance and depth.
#[derive(Clone, Copy)]
struct ListPlace {
    numbering: usize,
    depth: usize,
}

/// A paragraph's properties, written in the order WordprocessingML wants.
#[derive(Clone, Copy, Default)]
struct ParagraphProperties {
    heading: Option<u8>,
    list: Option<ListPlace>,
    indent: Option<usize>,
    /// No space before or after (table cells).
    tight: bool,
    keep_next: bool,
    keep_lines: bool,
}

/// Character formatting in effect while walking inline nodes.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct Format {
    bold: bool,
    italic: bool,
    code: bool,
    strike: bool,
    /// Inside an internal hyperlink.
    link: bool,
}

enum Inline {
    /// Text in one format: adjacent pieces (words between escapes, soft
    /// breaks) are joined into one run, so the cost of a run is paid per
    /// change of format, not per character.
    Text(String, Format),
    /// A run of its own (code, footnote marks, addresses), not joined.
    Run(String, Format),
    Break(Format),
    /// Bookmark anchor and its runs' target.
    Link(String, Vec<Inline>),
    /// Bookmark id and name.
    Bookmark(usize, String),
}

/// The document's body as WordprocessingML, and the list numberings and
/// bookmarks it uses.
struct BodyWriter {
    xml: String,
    numberings: Vec<Numbering>,
    next_paragraph: usize,
    next_numbering: usize,
    bookmark_ids: BTreeMap<String, usize>,
    bullet_numbering: Option<usize>,
}

impl BodyWriter {
    fn new(markdown_len: usize) -> Self {
        BodyWriter {
            // The markup roughly triples the text.
            xml: String::with_capacity(markdown_len * 3),
            numberings: Vec::new(),
            next_paragraph: 1,
            next_numbering: 2,
            bookmark_ids: BTreeMap::new(),
            bullet_numbering: None,
        }
    }

    fn bookmark_id(&mut self, anchor: &str) -> usize {
        let next = self.bookmark_ids.len() + 1;
        *self.bookmark_ids.entry(anchor.to_string()).or_insert(next)
    }

    /// A numbering instance for a new list: each ordered list restarts at
    /// its start number; all bullet lists share one instance.
    fn list_numbering(&mut self, ordered: bool, start: usize) -> usize {
        if !ordered {
            if let Some(id) = self.bullet_numbering {
                return id;
            }
        }
        let id = self.next_numbering;
        self.next_numbering += 1;
        let abstract_id = if ordered {
            ORDERED_NUMBERING
        } else {
            BULLET_NUMBERING
        };
        let mut numbering = Numbering::new(id, abstract_id);
        if ordered {
            numbering = numbering.add_override(LevelOverride::new(0).start(start));
        } else {
            self.bullet_numbering = Some(id);
        }
        self.numberings.push(numbering);
        id
    }

    /// Writes one paragraph: its properties (with an id derived from its
    /// position), then its inlines.
    fn paragraph(&mut self, properties: ParagraphProperties, inlines: &[Inline]) {
        let x = &mut self.xml;
        let _ = write!(
            x,
            "<w:p w14:paraId=\"{:08X}\"><w:pPr><w:rPr />",
            self.next_paragraph
        );
        self.next_paragraph += 1;
        if let Some(level) = properties.heading {
            let _ = write!(x, "<w:pStyle w:val=\"Heading{level}\" />");
        }
        if let Some(place) = properties.list {
            let _ = write!(
                x,
                "<w:numPr><w:numId w:val=\"{}\" /><w:ilvl w:val=\"{}\" /></w:numPr>",
                place.numbering, place.depth
            );
        }
        if let Some(indent) = properties.indent {
            let _ = write!(x, "<w:ind w:left=\"{indent}\" w:right=\"0\" />");
        }
        push_flagged(
            x,
            &[
                (
                    properties.tight,
                    "<w:spacing w:before=\"0\" w:after=\"0\" />",
                ),
                (properties.keep_next, "<w:keepNext />"),
                (properties.keep_lines, "<w:keepLines />"),
            ],
        );
        x.push_str("</w:pPr>");
        for inline in inlines {
            write_inline(x, inline);
        }
        x.push_str("</w:p>");
    }

    fn block<'a>(&mut self, node: &'a AstNode<'a>, list: Option<ListPlace>) {
        match &node.data().value {
            NodeValue::Heading(h) => {
                // Kept with what follows, so no heading is stranded at the
                // foot of a page (docx-rs styles cannot say so).
                let properties = ParagraphProperties {
                    heading: Some(h.level.clamp(1, 6)),
                    keep_next: true,
                    keep_lines: true,
                    ..Default::default()
                };
                let inlines = self.inlines(node, Format::default());
                self.paragraph(properties, &inlines);
            }
            NodeValue::Paragraph => {
                // A sentence introducing a list stays on the list's page.
                let introduces_list = node
                    .next_sibling()
                    .is_some_and(|n| matches!(n.data().value, NodeValue::List(_)));
                let properties = ParagraphProperties {
                    list,
                    keep_next: introduces_list,
                    ..Default::default()
                };
                let inlines = self.inlines(node, Format::default());
                self.paragraph(properties, &inlines);
            }
            NodeValue::List(l) => {
                let ordered = l.list_type == ListType::Ordered;
                let numbering = self.list_numbering(ordered, l.start.max(1));
                let depth = list.map(|p| p.depth + 1).unwrap_or(0).min(8);
                for item in node.children() {
                    self.list_item(item, ListPlace { numbering, depth });
                }
            }
            NodeValue::Table(_) => self.table(node),
            NodeValue::CodeBlock(code) => {
                let code_format = Format {
                    code: true,
                    ..Format::default()
                };
                for line in code.literal.lines() {
                    let run = [Inline::Run(line.to_string(), code_format)];
                    self.paragraph(ParagraphProperties::default(), &run);
                }
            }
            NodeValue::ThematicBreak => self.paragraph(ParagraphProperties::default(), &[]),
            NodeValue::HtmlBlock(_) | NodeValue::FrontMatter(_) => {}
            _ => {
                // Block quotes, footnote definitions and other containers:
                // their blocks in order, so no text is lost.
                for child in node.children() {
                    self.block(child, list);
                }
            }
        }
    }

    /// A list item: its first paragraph carries the number or bullet, the
    /// rest (and nested lists) follow it.
    fn list_item<'a>(&mut self, item: &'a AstNode<'a>, place: ListPlace) {
        let mut first = true;
        for child in item.children() {
            let is_paragraph = matches!(child.data().value, NodeValue::Paragraph);
            if is_paragraph && !first {
                let properties = ParagraphProperties {
                    indent: Some(720 * (place.depth + 1)),
                    ..Default::default()
                };
                let inlines = self.inlines(child, Format::default());
                self.paragraph(properties, &inlines);
            } else {
                self.block(child, Some(place));
            }
            first = false;
        }
    }

    fn table<'a>(&mut self, node: &'a AstNode<'a>) {
        let columns = node.children().map(|r| r.children().count()).max();
        let Some(columns) = columns.filter(|&c| c > 0) else {
            return;
        };
        let grid = column_widths(columns);
        let _ = write!(
            self.xml,
            "<w:tbl><w:tblPr><w:tblW w:w=\"{TEXT_WIDTH}\" w:type=\"dxa\" /><w:jc w:val=\"left\" /><w:tblBorders>"
        );
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            let _ = write!(
                self.xml,
                "<w:{side} w:val=\"single\" w:sz=\"2\" w:space=\"0\" w:color=\"000000\" />"
            );
        }
        self.xml
            .push_str("</w:tblBorders><w:tblLayout w:type=\"fixed\" /></w:tblPr><w:tblGrid>");
        for width in &grid {
            let _ = write!(self.xml, "<w:gridCol w:w=\"{width}\" w:type=\"dxa\" />");
        }
        self.xml.push_str("</w:tblGrid>");
        for (i, row) in node.children().enumerate() {
            let header = matches!(row.data().value, NodeValue::TableRow(true));
            // The first row (a GFM table's header) repeats on every page;
            // no row is split across pages.
            self.xml.push_str(if i == 0 {
                "<w:tr><w:trPr><w:tblHeader /><w:cantSplit /></w:trPr>"
            } else {
                "<w:tr><w:trPr><w:cantSplit /></w:trPr>"
            });
            for (cell, width) in row.children().zip(&grid) {
                let _ = write!(
                    self.xml,
                    "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\" /></w:tcPr>"
                );
                let format = Format {
                    bold: header,
                    ..Format::default()
                };
                let properties = ParagraphProperties {
                    tight: true,
                    keep_next: header,
                    ..Default::default()
                };
                let inlines = self.inlines(cell, format);
                self.paragraph(properties, &inlines);
                self.xml.push_str("</w:tc>");
            }
            self.xml.push_str("</w:tr>");
        }
        self.xml.push_str("</w:tbl>");
    }

    fn inlines<'a>(&mut self, node: &'a AstNode<'a>, format: Format) -> Vec<Inline> {
        let mut out = Vec::new();
        for child in node.children() {
            self.inline(child, format, &mut out);
        }
        out
    }

    fn inline<'a>(&mut self, node: &'a AstNode<'a>, format: Format, out: &mut Vec<Inline>) {
        match &node.data().value {
            NodeValue::Text(text) => push_text(out, &unfold(text), format),
            NodeValue::Code(code) => out.push(Inline::Run(
                unfold(&code.literal).into_owned(),
                Format {
                    code: true,
                    ..format
                },
            )),
            NodeValue::SoftBreak => push_text(out, " ", format),
            NodeValue::LineBreak => out.push(Inline::Break(format)),
            NodeValue::Emph => self.children_inline(
                node,
                Format {
                    italic: true,
                    ..format
                },
                out,
            ),
            NodeValue::Strong => self.children_inline(
                node,
                Format {
                    bold: true,
                    ..format
                },
                out,
            ),
            NodeValue::Strikethrough => self.children_inline(
                node,
                Format {
                    strike: true,
                    ..format
                },
                out,
            ),
            NodeValue::Link(link) => self.link(node, &unfold(&link.url), format, out),
            NodeValue::HtmlInline(html) => {
                // Bookmarks inside a link are dropped: Word cannot nest them.
                if let Some(anchor) = anchor_id(html).filter(|_| !format.link) {
                    let id = self.bookmark_id(anchor);
                    out.push(Inline::Bookmark(id, bookmark_name(anchor)));
                }
            }
            NodeValue::FootnoteReference(f) => {
                out.push(Inline::Run(format!("[{}]", f.name), format))
            }
            _ => self.children_inline(node, format, out),
        }
    }

    fn children_inline<'a>(
        &mut self,
        node: &'a AstNode<'a>,
        format: Format,
        out: &mut Vec<Inline>,
    ) {
        for child in node.children() {
            self.inline(child, format, out);
        }
    }

    /// Links inside the document become hyperlinks to bookmarks; others keep
    /// their text with the address in brackets.
    fn link<'a>(
        &mut self,
        node: &'a AstNode<'a>,
        url: &str,
        format: Format,
        out: &mut Vec<Inline>,
    ) {
        match url.strip_prefix('#') {
            Some(anchor) => {
                let mut runs = Vec::new();
                let inside = Format {
                    link: true,
                    ..format
                };
                self.children_inline(node, inside, &mut runs);
                out.push(Inline::Link(bookmark_name(anchor), runs));
            }
            None => {
                self.children_inline(node, format, out);
                out.push(Inline::Run(format!(" [{url}]"), format));
            }
        }
    }
}

fn write_inline(x: &mut String, inline: &Inline) {
    match inline {
        Inline::Text(text, format) | Inline::Run(text, format) => {
            x.push_str("<w:r>");
            write_run_properties(x, *format);
            x.push_str("<w:t xml:space=\"preserve\">");
            xml::escape_into(x, text);
            x.push_str("</w:t></w:r>");
        }
        Inline::Break(format) => {
            x.push_str("<w:r>");
            write_run_properties(x, *format);
            x.push_str("<w:br w:type=\"textWrapping\" /></w:r>");
        }
        Inline::Link(name, runs) => {
            x.push_str("<w:hyperlink w:anchor=\"");
            xml::escape_into(x, name);
            x.push_str("\" w:history=\"1\">");
            for run in runs {
                write_inline(x, run);
            }
            x.push_str("</w:hyperlink>");
        }
        Inline::Bookmark(id, name) => {
            let _ = write!(x, "<w:bookmarkStart w:id=\"{id}\" w:name=\"");
            xml::escape_into(x, name);
            let _ = write!(x, "\" /><w:bookmarkEnd w:id=\"{id}\" />");
        }
    }
}

/// `w:rPr` in the order docx-rs writes it.
fn write_run_properties(x: &mut String, format: Format) {
    if format == Format::default() {
        x.push_str("<w:rPr />");
        return;
    }
    x.push_str("<w:rPr>");
    push_flagged(
        x,
        &[
            (format.link, "<w:color w:val=\"1F4E79\" />"),
            (format.bold, "<w:b /><w:bCs />"),
            (format.italic, "<w:i /><w:iCs />"),
            (format.strike, "<w:strike />"),
            (format.link, "<w:u w:val=\"single\" />"),
            (
                format.code,
                "<w:rFonts w:ascii=\"Courier New\" w:hAnsi=\"Courier New\" />",
            ),
        ],
    );
    x.push_str("</w:rPr>");
}

/// The markup of each property that is on, in the order given (the order
/// WordprocessingML's schema wants).
fn push_flagged(x: &mut String, properties: &[(bool, &str)]) {
    for (on, markup) in properties {
        if *on {
            x.push_str(markup);
        }
    }
}

/// Column widths that fill the text width exactly; the first column holds
/// the theme labels and gets twice the room of the others.
fn column_widths(columns: usize) -> Vec<usize> {
    let rest = TEXT_WIDTH / (columns + 1);
    let first = TEXT_WIDTH - rest * (columns - 1);
    let mut grid = vec![first];
    grid.extend(std::iter::repeat_n(rest, columns - 1));
    grid
}

fn push_text(out: &mut Vec<Inline>, text: &str, format: Format) {
    if let Some(Inline::Text(last, f)) = out.last_mut() {
        if *f == format {
            last.push_str(text);
            return;
        }
    }
    out.push(Inline::Text(text.to_string(), format));
}
/// The `id` of an anchor such as `<a id="rec-EU-6-17l"></a>`.
fn anchor_id(html: &str) -> Option<&str> {
    let start = html.find("id=\"")? + 4;
    let end = html[start..].find('"')? + start;
    Some(&html[start..end])
}

/// Word bookmark names: letters, digits and `_`, at most 40 characters,
/// starting with `_` so Word treats them as hidden.
fn bookmark_name(anchor: &str) -> String {
    let clean: String = anchor
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let mut name = format!("_{clean}");
    name.truncate(40);
    name
}

fn list_numbering(id: usize, ordered: bool) -> AbstractNumbering {
    let mut numbering = AbstractNumbering::new(id);
    for level in 0..9 {
        let (format, text) = if ordered {
            ("decimal", format!("%{}.", level + 1))
        } else {
            ("bullet", ["•", "◦", "▪"][level % 3].to_string())
        };
        numbering = numbering.add_level(
            Level::new(
                level,
                Start::new(1),
                NumberFormat::new(format),
                LevelText::new(text),
                LevelJc::new("left"),
            )
            .indent(
                Some(720 * (level as i32 + 1)),
                Some(SpecialIndentType::Hanging(360)),
                None,
                None,
            ),
        );
    }
    numbering
}

#[cfg(test)]
mod tests {
    use super::markdown_to_docx;
    use std::io::Read;

    fn part(docx: &[u8], name: &str) -> String {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
        let mut text = String::new();
        archive
            .by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    #[test]
    fn every_construct_gives_well_formed_word_markup() {
        let markdown = "# Title & <b>'q'</b>\n\nText \u{1b}[31m with **bold**, *it*, ~~x~~, `c`, \
                        [in](#rec-EU-6-17l) and [out](https://e.org/?a=1&b=2).\n\n\
                        <a id=\"rec-EU-6-17l\"></a>Anchored.\n\nA list:\n\n1. one\n2. two\n   - nested\n\n\
                        | Theme | Europe |\n|---|---|\n| [6.1](#theme-6-01) | x |\n\n\
                        | One |\n|---|\n| a |\n\n> quote\n\n```\ncode <x>\n```\n";
        let docx = markdown_to_docx(markdown).unwrap();
        let document = part(&docx, "word/document.xml");
        let xml = roxmltree::Document::parse(&document).expect("well-formed document.xml");
        let count = |name: &str| {
            xml.descendants()
                .filter(|n| n.tag_name().name() == name)
                .count()
        };
        assert_eq!(count("tbl"), 2);
        assert_eq!(count("tblHeader"), 2, "each table's first row repeats");
        assert_eq!(count("hyperlink"), 2);
        assert_eq!(count("bookmarkStart"), 1);
        assert_eq!(count("numPr"), 3);
        assert!(!document.contains('\u{1b}'), "control characters left out");
        assert!(document.contains("Title &amp; "));
        assert!(document.contains("[https://e.org/?a=1&amp;b=2]"));
        // The placeholder is gone and the numbering part is linked.
        assert!(!document.contains("w14:paraId=\"00000000\""));
        assert!(part(&docx, "word/_rels/document.xml.rels").contains("numbering.xml"));
        // Paragraph ids are unique across the body and the footer.
        let footer = part(&docx, "word/footer1.xml");
        assert!(footer.contains("7FFFFFFF") && !document.contains("7FFFFFFF"));
    }
}
