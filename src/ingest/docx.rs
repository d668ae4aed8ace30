//! Word (.docx) reports: the body's paragraphs, one line each, with their
//! automatic numbering rebuilt from `numbering.xml` (so lists whose
//! letters or numbers are not in the text get them back). Footnotes live
//! in their own part and are not read into the body. Line `n` of the
//! result is paragraph `n` of the document, which is the provenance.

use crate::model::Diagnostic;
use roxmltree::{Document, Node};
use std::collections::HashMap;
use std::io::Read;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Largest part unpacked (the document itself): a report is well below
/// this, and a zip bomb stops here.
const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;

/// The document's paragraphs as lines, or why the file cannot be read.
pub fn read(file: &str, bytes: &[u8]) -> Result<String, Diagnostic> {
    let unreadable = |what: String| {
        Diagnostic::error(
            file,
            None,
            format!("cannot read Word document: {what} (expected a .docx file as Word or LibreOffice saves it)"),
        )
    };
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| unreadable(format!("not a valid zip archive ({e})")))?;
    let document = part(&mut archive, "word/document.xml")
        .map_err(unreadable)?
        .ok_or_else(|| unreadable("no word/document.xml in the archive".into()))?;
    let numbering = part(&mut archive, "word/numbering.xml").map_err(unreadable)?;
    let styles = part(&mut archive, "word/styles.xml").map_err(unreadable)?;
    let document = Document::parse(&document)
        .map_err(|e| unreadable(format!("word/document.xml is not well-formed XML ({e})")))?;
    let numbering = match &numbering {
        Some(xml) => Numbering::parse(
            &Document::parse(xml)
                .map_err(|e| unreadable(format!("word/numbering.xml is not well-formed ({e})")))?,
        ),
        None => Numbering::default(),
    };
    let style_numbers = match &styles {
        Some(xml) => Document::parse(xml)
            .map(|d| style_numbering(&d))
            .unwrap_or_default(),
        None => HashMap::new(),
    };
    let body = document
        .root_element()
        .children()
        .find(|n| is(n, "body"))
        .ok_or_else(|| unreadable("the document has no body".into()))?;
    let mut counters = Counters::default();
    let mut lines = Vec::new();
    for paragraph in body.descendants().filter(|n| is(n, "p")) {
        // A paragraph inside another (a text box) is read with its own.
        if paragraph.ancestors().skip(1).any(|a| is(&a, "p")) {
            continue;
        }
        let text = paragraph_text(paragraph);
        let label = list_level(paragraph, &style_numbers)
            .and_then(|(num, level)| counters.next(&numbering, &num, level));
        lines.push(match label {
            Some(label) if !label.is_empty() => format!("{label} {}", text.trim_start()),
            _ => text,
        });
    }
    Ok(lines.join("\n"))
}

/// One part of the archive as text, `None` when the archive lacks it.
fn part<R: std::io::Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Option<String>, String> {
    let entry = match archive.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("{name}: {e}")),
    };
    let mut bytes = Vec::new();
    entry
        .take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{name} cannot be unpacked ({e})"))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(format!(
            "{name} unpacks to more than {MAX_PART_BYTES} bytes"
        ));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| format!("{name} is not UTF-8 XML"))
}

fn is(node: &Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(W)
}

fn attr<'a>(node: &Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute((W, name))
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| is(n, name))
}

/// The visible text of a paragraph: runs' text, tabs and breaks as spaces;
/// deleted text, field codes and footnote references left out.
fn paragraph_text(paragraph: Node) -> String {
    let mut out = String::new();
    for node in paragraph.descendants() {
        if !node.is_element() || node.tag_name().namespace() != Some(W) {
            continue;
        }
        match node.tag_name().name() {
            "t" if !node.ancestors().any(|a| is(&a, "del")) => {
                out.push_str(node.text().unwrap_or(""));
            }
            "tab" if node.ancestors().any(|a| is(&a, "r")) => out.push('\t'),
            "br" | "cr" => out.push(' '),
            "noBreakHyphen" => out.push('-'),
            _ => {}
        }
    }
    out
}

/// The list a paragraph belongs to (`numId`, level), from its own
/// properties or its paragraph style's.
fn list_level(paragraph: Node, styles: &HashMap<String, (String, u8)>) -> Option<(String, u8)> {
    let properties = child(paragraph, "pPr")?;
    if let Some(number) = child(properties, "numPr") {
        let num = child(number, "numId").and_then(|n| attr(&n, "val"))?;
        let level = child(number, "ilvl")
            .and_then(|n| attr(&n, "val"))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        return Some((num.to_string(), level));
    }
    let style = child(properties, "pStyle").and_then(|n| attr(&n, "val"))?;
    styles.get(style).cloned()
}

/// Paragraph styles that carry a numbering (`numId`, level).
fn style_numbering(styles: &Document) -> HashMap<String, (String, u8)> {
    let mut out = HashMap::new();
    for style in styles.root_element().children().filter(|n| is(n, "style")) {
        let Some(id) = attr(&style, "styleId") else {
            continue;
        };
        let number = child(style, "pPr").and_then(|p| child(p, "numPr"));
        if let Some(number) = number {
            if let Some(num) = child(number, "numId").and_then(|n| attr(&n, "val")) {
                let level = child(number, "ilvl")
                    .and_then(|n| attr(&n, "val"))
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
                out.insert(id.to_string(), (num.to_string(), level));
            }
        }
    }
    out
}

/// One level of a list definition.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

/// The list definitions: each `numId` names an abstract definition, with
/// levels possibly overridden.
#[derive(Debug, Default)]
struct Numbering {
    abstract_levels: HashMap<String, HashMap<u8, Level>>,
    nums: HashMap<String, List>,
}

/// One `numId`: its abstract definition, start overrides by level and
/// whole levels overridden.
type List = (String, HashMap<u8, u32>, HashMap<u8, Level>);

impl Numbering {
    fn parse(doc: &Document) -> Numbering {
        let mut numbering = Numbering::default();
        let root = doc.root_element();
        for definition in root.children().filter(|n| is(n, "abstractNum")) {
            let Some(id) = attr(&definition, "abstractNumId") else {
                continue;
            };
            let levels = definition
                .children()
                .filter(|n| is(n, "lvl"))
                .filter_map(|l| Some((attr(&l, "ilvl")?.parse().ok()?, level(l))))
                .collect();
            numbering.abstract_levels.insert(id.to_string(), levels);
        }
        for num in root.children().filter(|n| is(n, "num")) {
            let Some(id) = attr(&num, "numId") else {
                continue;
            };
            let Some(definition) = child(num, "abstractNumId").and_then(|n| attr(&n, "val")) else {
                continue;
            };
            let mut starts = HashMap::new();
            let mut levels = HashMap::new();
            for overriding in num.children().filter(|n| is(n, "lvlOverride")) {
                let Some(at) = attr(&overriding, "ilvl").and_then(|v| v.parse().ok()) else {
                    continue;
                };
                if let Some(start) = child(overriding, "startOverride")
                    .and_then(|n| attr(&n, "val"))
                    .and_then(|v| v.parse().ok())
                {
                    starts.insert(at, start);
                }
                if let Some(l) = child(overriding, "lvl") {
                    levels.insert(at, level(l));
                }
            }
            numbering
                .nums
                .insert(id.to_string(), (definition.to_string(), starts, levels));
        }
        numbering
    }

    fn level(&self, num: &str, at: u8) -> Option<Level> {
        let (definition, starts, levels) = self.nums.get(num)?;
        let mut level = levels
            .get(&at)
            .cloned()
            .or_else(|| self.abstract_levels.get(definition)?.get(&at).cloned())?;
        if let Some(&start) = starts.get(&at) {
            level.start = start;
        }
        Some(level)
    }
}

fn level(node: Node) -> Level {
    let value = |name| child(node, name).and_then(|n| attr(&n, "val"));
    Level {
        start: value("start").and_then(|v| v.parse().ok()).unwrap_or(1),
        format: value("numFmt").unwrap_or("decimal").to_string(),
        text: value("lvlText").unwrap_or("").to_string(),
    }
}

/// Running counts of each list's levels, in document order. As in Word,
/// lists that share a definition share its counts, and a list that
/// overrides a level's start begins that count again where it is first used.
#[derive(Default)]
struct Counters {
    counts: HashMap<String, Vec<Option<u32>>>,
    started: std::collections::HashSet<String>,
}

impl Counters {
    /// The label of the next item at `level` of list `num`, counting it;
    /// deeper levels start again.
    fn next(&mut self, numbering: &Numbering, num: &str, level: u8) -> Option<String> {
        let (definition, starts, _) = numbering.nums.get(num)?;
        let this = numbering.level(num, level)?;
        let counts = self.counts.entry(definition.clone()).or_default();
        if self.started.insert(num.to_string()) && !starts.is_empty() {
            counts.clear();
        }
        let at = level as usize;
        if counts.len() <= at {
            counts.resize(at + 1, None);
        }
        counts[at] = Some(counts[at].map_or(this.start, |n| n + 1));
        counts.truncate(at + 1);
        if this.format == "bullet" || this.format == "none" {
            return Some(String::new());
        }
        let mut label = this.text.clone();
        for (i, count) in counts.iter().enumerate() {
            let placeholder = format!("%{}", i + 1);
            if !label.contains(&placeholder) {
                continue;
            }
            let at = numbering.level(num, i as u8);
            let format = at.as_ref().map_or("decimal", |l| l.format.as_str());
            let start = at.as_ref().map_or(1, |l| l.start);
            label = label.replace(&placeholder, &formatted(count.unwrap_or(start), format));
        }
        Some(label)
    }
}

/// A count in a list format: `decimal` 3, `lowerLetter` c (then aa, bb…
/// as Word goes on), `lowerRoman` iii, and their capital forms.
fn formatted(n: u32, format: &str) -> String {
    use super::letters::{letter_at, to_roman, Scheme};
    match format {
        "lowerLetter" => letter_at(u64::from(n), Scheme::Doubled),
        "upperLetter" => letter_at(u64::from(n), Scheme::Doubled).to_uppercase(),
        "lowerRoman" => to_roman(n),
        "upperRoman" => to_roman(n).to_uppercase(),
        "decimalZero" => format!("{n:02}"),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn docx(document: &str, numbering: Option<&str>) -> Vec<u8> {
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        out.start_file("word/document.xml", options).unwrap();
        out.write_all(document.as_bytes()).unwrap();
        if let Some(numbering) = numbering {
            out.start_file("word/numbering.xml", options).unwrap();
            out.write_all(numbering.as_bytes()).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    fn paragraph(num: Option<(u32, u8)>, text: &str) -> String {
        let number = num.map_or(String::new(), |(id, level)| {
            format!(r#"<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{id}"/></w:numPr></w:pPr>"#)
        });
        format!(r#"<w:p>{number}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
    }

    const NUMBERING: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%1)"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%2)"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="17"/></w:lvlOverride></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>"#;

    #[test]
    fn automatic_numbering_is_rebuilt_with_levels_and_restarts() {
        let body: String = [
            paragraph(Some((2, 0)), "The following were identified:"),
            paragraph(Some((1, 0)), "One;"),
            paragraph(Some((1, 0)), "Two, on:"),
            paragraph(Some((1, 1)), "first;"),
            paragraph(Some((1, 1)), "second;"),
            paragraph(Some((1, 0)), "Three."),
            paragraph(None, "Plain"),
            paragraph(Some((3, 0)), "Again."),
        ]
        .concat();
        let document = format!(r#"<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#);
        let text = read("f.docx", &docx(&document, Some(NUMBERING))).unwrap();
        assert_eq!(
            text.lines().collect::<Vec<_>>(),
            [
                "17. The following were identified:",
                "(a) One;",
                "(b) Two, on:",
                "(i) first;",
                "(ii) second;",
                "(c) Three.",
                "Plain",
                "(a) Again.",
            ]
        );
    }

    #[test]
    fn a_corrupt_archive_is_named() {
        let d = read("broken.docx", b"PK\x03\x04 not really").unwrap_err();
        assert_eq!(d.file, "broken.docx");
        assert!(
            d.message.contains("not a valid zip archive"),
            "{}",
            d.message
        );
    }
}
