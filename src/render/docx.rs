//! `synthesis.docx`: the Markdown draft parsed by comrak and rebuilt as a
//! Word document with docx-rs: headings as Word heading styles, lists with
//! their own numbering, the matrix as a table, links to the annex as
//! internal hyperlinks to bookmarks.
//!
//! Laid out as a UN draft: A4 with 2.5 cm margins, space after paragraphs,
//! headings kept with the paragraph that follows, the matrix fitted to the
//! text width with its header row repeated and no row split across pages,
//! the page number in the footer. The archive is re-packed deflated (docx-rs
//! stores its parts uncompressed).
//!
//! The document is byte-stable: paragraph ids, bookmark ids and numbering
//! ids are assigned here in document order (docx-rs would otherwise draw
//! paragraph ids from a per-thread counter), no footnotes are used (their
//! ids come from a process-wide counter), and the document dates are fixed.

use super::escapes::unfold;
use super::markdown::comrak_options;
use super::Renderer;
use comrak::nodes::{AstNode, ListType, NodeValue};
use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, Footer, Hyperlink, HyperlinkType,
    IndentLevel, Level, LevelJc, LevelOverride, LevelText, LineSpacing, LineSpacingType,
    NumberFormat, Numbering, NumberingId, PageMargin, PageNum, Paragraph, Run, RunFonts,
    SpecialIndentType, Start, Style, StyleType, Table, TableCell, TableLayoutType, TableRow,
    WidthType,
};
use std::collections::BTreeMap;
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
    let arena = comrak::Arena::new();
    // The escapes of very long lines folded, so comrak's memory stays
    // proportional to the text; text and addresses are unfolded below.
    let folded = super::escapes::fold(markdown);
    let root = comrak::parse_document(&arena, &folded, &comrak_options());
    let mut builder = DocxBuilder::new();
    for block in root.children() {
        builder.block(block, None);
    }
    let docx = builder.finish();
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.pack(&mut bytes).map_err(docx_error)?;
    repack(&bytes.into_inner())
}

fn docx_error(e: impl std::fmt::Display) -> crate::Error {
    crate::Error::Other(format!("cannot build synthesis.docx: {e}"))
}

/// The archive docx-rs wrote (every part stored), re-written deflated, with
/// the header rows of tables marked to repeat on each page (docx-rs has no
/// setting for `w:tblHeader`). Entries keep their order and fixed dates.
fn repack(stored: &[u8]) -> crate::Result<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(stored)).map_err(docx_error)?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(stored.len() / 4)));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
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
        if name == "word/document.xml" {
            part = repeat_table_headers(&part);
        }
        out.start_file(name, options).map_err(docx_error)?;
        out.write_all(&part).map_err(docx_error)?;
    }
    Ok(out.finish().map_err(docx_error)?.into_inner())
}

/// Marks the first row of every table as a header row repeated at the top
/// of each page: `<w:tblHeader />` in its row properties. Every table here
/// comes from a GFM table, whose first row is its header, and every row
/// has properties (`w:cantSplit`).
fn repeat_table_headers(xml: &[u8]) -> Vec<u8> {
    const TABLE: &[u8] = b"<w:tbl>";
    const ROW_PROPERTIES: &[u8] = b"<w:trPr>";
    let find = |from: usize, what: &[u8]| {
        xml[from..]
            .windows(what.len())
            .position(|w| w == what)
            .map(|i| i + from)
    };
    let mut out = Vec::with_capacity(xml.len() + 64);
    let mut at = 0;
    while let Some(table) = find(at, TABLE) {
        let Some(row) = find(table, ROW_PROPERTIES) else {
            break;
        };
        let end = row + ROW_PROPERTIES.len();
        out.extend_from_slice(&xml[at..end]);
        out.extend_from_slice(b"<w:tblHeader />");
        at = end;
    }
    out.extend_from_slice(&xml[at..]);
    out
}

/// Where a paragraph sits in a list: numbering instance and depth.
#[derive(Clone, Copy)]
struct ListPlace {
    numbering: usize,
    depth: usize,
}

/// Character formatting in effect while walking inline nodes.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct Format {
    bold: bool,
    italic: bool,
    code: bool,
    strike: bool,
}

enum Inline {
    /// Text in one format: adjacent pieces (words between escapes, soft
    /// breaks) are joined into one run, so the cost of a run is paid per
    /// change of format, not per character.
    Text(String, Format),
    Run(Box<Run>),
    Link(Hyperlink),
    /// Bookmark id and name.
    Bookmark(usize, String),
}

enum Block {
    Paragraph(Box<Paragraph>),
    Table(Box<Table>),
}

struct DocxBuilder {
    blocks: Vec<Block>,
    numberings: Vec<Numbering>,
    next_paragraph: usize,
    next_numbering: usize,
    bookmark_ids: BTreeMap<String, usize>,
    bullet_numbering: Option<usize>,
}

impl DocxBuilder {
    fn new() -> Self {
        DocxBuilder {
            blocks: Vec::new(),
            numberings: Vec::new(),
            next_paragraph: 1,
            next_numbering: 2,
            bookmark_ids: BTreeMap::new(),
            bullet_numbering: None,
        }
    }

    fn finish(self) -> Docx {
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
                Footer::new().add_paragraph(
                    Paragraph::new()
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
        for numbering in self.numberings {
            docx = docx.add_numbering(numbering);
        }
        for block in self.blocks {
            docx = match block {
                Block::Paragraph(p) => docx.add_paragraph(*p),
                Block::Table(t) => docx.add_table(*t),
            };
        }
        docx
    }

    /// A new paragraph with an id derived from its position.
    fn paragraph(&mut self) -> Paragraph {
        let id = format!("{:08X}", self.next_paragraph);
        self.next_paragraph += 1;
        Paragraph::new().id(id)
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

    fn push_paragraph(&mut self, p: Paragraph) {
        self.blocks.push(Block::Paragraph(Box::new(p)));
    }

    fn push_table(&mut self, t: Table) {
        self.blocks.push(Block::Table(Box::new(t)));
    }

    fn block<'a>(&mut self, node: &'a AstNode<'a>, list: Option<ListPlace>) {
        let value = node.data().value.clone();
        match value {
            NodeValue::Heading(h) => {
                // Kept with what follows, so no heading is stranded at the
                // foot of a page (docx-rs styles cannot say so).
                let p = self
                    .paragraph()
                    .style(&format!("Heading{}", h.level.clamp(1, 6)))
                    .keep_next(true)
                    .keep_lines(true);
                let p = self.inlines_into(p, node);
                self.push_paragraph(p);
            }
            NodeValue::Paragraph => {
                let mut p = self.paragraph();
                // A sentence introducing a list stays on the list's page.
                let introduces_list = node
                    .next_sibling()
                    .is_some_and(|n| matches!(n.data().value, NodeValue::List(_)));
                if introduces_list {
                    p = p.keep_next(true);
                }
                if let Some(place) = list {
                    p = p.numbering(
                        NumberingId::new(place.numbering),
                        IndentLevel::new(place.depth),
                    );
                }
                let p = self.inlines_into(p, node);
                self.push_paragraph(p);
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
                for line in code.literal.lines() {
                    let p = self.paragraph().add_run(
                        Run::new()
                            .add_text(line)
                            .fonts(RunFonts::new().ascii("Courier New").hi_ansi("Courier New")),
                    );
                    self.push_paragraph(p);
                }
            }
            NodeValue::ThematicBreak => {
                let p = self.paragraph();
                self.push_paragraph(p);
            }
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
            if is_paragraph && first {
                self.block(child, Some(place));
            } else if is_paragraph {
                let p =
                    self.paragraph()
                        .indent(Some(720 * (place.depth as i32 + 1)), None, None, None);
                let p = self.inlines_into(p, child);
                self.push_paragraph(p);
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
        let mut rows = Vec::new();
        for row in node.children() {
            let header = matches!(row.data().value, NodeValue::TableRow(true));
            let mut cells = Vec::new();
            for (cell, width) in row.children().zip(&grid) {
                let mut p = self
                    .paragraph()
                    .line_spacing(LineSpacing::new().before(0).after(0));
                if header {
                    p = p.keep_next(true);
                }
                let format = Format {
                    bold: header,
                    ..Format::default()
                };
                for inline in self.inlines(cell, format) {
                    p = add_inline(p, inline);
                }
                cells.push(
                    TableCell::new()
                        .width(*width, WidthType::Dxa)
                        .add_paragraph(p),
                );
            }
            rows.push(TableRow::new(cells).cant_split());
        }
        let table = Table::new(rows)
            .width(TEXT_WIDTH, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .set_grid(grid);
        self.push_table(table);
    }

    fn inlines_into<'a>(&mut self, mut p: Paragraph, node: &'a AstNode<'a>) -> Paragraph {
        for inline in self.inlines(node, Format::default()) {
            p = add_inline(p, inline);
        }
        p
    }

    fn inlines<'a>(&mut self, node: &'a AstNode<'a>, format: Format) -> Vec<Inline> {
        let mut out = Vec::new();
        for child in node.children() {
            self.inline(child, format, &mut out);
        }
        out
    }

    fn inline<'a>(&mut self, node: &'a AstNode<'a>, format: Format, out: &mut Vec<Inline>) {
        let value = node.data().value.clone();
        match value {
            NodeValue::Text(text) => push_text(out, &unfold(&text), format),
            NodeValue::Code(code) => out.push(Inline::Run(run(
                &unfold(&code.literal),
                Format {
                    code: true,
                    ..format
                },
            ))),
            NodeValue::SoftBreak => push_text(out, " ", format),
            NodeValue::LineBreak => out.push(Inline::Run(Box::new(
                Run::new().add_break(BreakType::TextWrapping),
            ))),
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
                if let Some(anchor) = anchor_id(&html) {
                    let id = self.bookmark_id(anchor);
                    out.push(Inline::Bookmark(id, bookmark_name(anchor)));
                }
            }
            NodeValue::FootnoteReference(f) => {
                out.push(Inline::Run(run(&format!("[{}]", f.name), format)))
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
        let mut runs = Vec::new();
        self.children_inline(node, format, &mut runs);
        match url.strip_prefix('#') {
            Some(anchor) => {
                let name = bookmark_name(anchor);
                let mut link = Hyperlink::new(name, HyperlinkType::Anchor);
                for inline in runs {
                    let r = match inline {
                        Inline::Text(text, format) => styled_run(&text, format),
                        Inline::Run(r) => *r,
                        _ => continue,
                    };
                    link = link.add_run(r.color("1F4E79").underline("single"));
                }
                out.push(Inline::Link(link));
            }
            None => {
                out.extend(runs);
                out.push(Inline::Run(run(&format!(" [{url}]"), format)));
            }
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

fn add_inline(p: Paragraph, inline: Inline) -> Paragraph {
    match inline {
        Inline::Text(text, format) => p.add_run(styled_run(&text, format)),
        Inline::Run(r) => p.add_run(*r),
        Inline::Link(l) => p.add_hyperlink(l),
        Inline::Bookmark(id, name) => p.add_bookmark_start(id, name).add_bookmark_end(id),
    }
}

fn run(text: &str, format: Format) -> Box<Run> {
    Box::new(styled_run(text, format))
}

fn styled_run(text: &str, format: Format) -> Run {
    let mut r = Run::new().add_text(text);
    if format.bold {
        r = r.bold();
    }
    if format.italic {
        r = r.italic();
    }
    if format.strike {
        r = r.strike();
    }
    if format.code {
        r = r.fonts(RunFonts::new().ascii("Courier New").hi_ansi("Courier New"));
    }
    r
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
