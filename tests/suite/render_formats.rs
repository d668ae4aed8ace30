//! Rendering a small hand-built synthesis: structure of the Markdown, the
//! HTML page, the .docx, the JSON, and independence from input order.

use super::render_fixture::fixture;
use rapporteur::render::{render_all, Format, RenderOptions, RenderedFile};
use std::io::Read;

fn rendered(files: &[RenderedFile], name: &str) -> Vec<u8> {
    files
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("{name} rendered"))
        .contents
        .clone()
}

fn markdown() -> String {
    let files = render_all(&fixture(), &RenderOptions::default()).unwrap();
    String::from_utf8(rendered(&files, "synthesis.md")).unwrap()
}

#[test]
fn renders_all_four_formats() {
    let files = render_all(&fixture(), &RenderOptions::default()).unwrap();
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "synthesis.md",
            "synthesis.html",
            "synthesis.docx",
            "synthesis.json"
        ]
    );
    let only = render_all(
        &fixture(),
        &RenderOptions {
            templates: None,
            formats: vec![Format::Json],
        },
    )
    .unwrap();
    assert_eq!(only.len(), 1);
}

#[test]
fn markdown_states_positions_with_regions_and_references() {
    let md = markdown();
    println!("{md}");
    // The common core, then what one meeting added, each clause cited.
    assert!(md.contains("The meetings for Europe, for Latin America and the Caribbean and for Western Asia recommended ensuring that the use of artificial intelligence respects human rights ([Europe, para. 17 (a)](#rec-EU-6-17a); [Latin America and the Caribbean, para. 8 (a)](#rec-LAC-6-8a); [Western Asia, para. 8 (l)](#rec-WA-6-8l))."));
    assert!(md.contains("The meeting for Asia and the Pacific also recommended considering the use of artificial intelligence in criminal justice ([Asia and the Pacific, para. 15 (a)](#rec-AP-6-15a))."));
    assert!(md.contains("Only the meeting for Asia and the Pacific recommended exploring regional platforms for the exchange of electronic evidence"));
    assert!(md.contains("The meeting for Western Asia recommended strengthening data collection on organized crime and terrorism ([Western Asia, para. 18 (a)](#rec-WA-5-18a))."));
    // Hedges against operative asks, every member cited.
    assert!(md.contains("One ask is hedged with “Consider” ([Asia and the Pacific, para. 15 (a)](#rec-AP-6-15a)), while the others are operative ([Europe, para. 17 (a)](#rec-EU-6-17a); [Latin America and the Caribbean, para. 8 (a)](#rec-LAC-6-8a); [Western Asia, para. 8 (l)](#rec-WA-6-8l))."));
    assert!(md.contains("The meetings for Europe and for Western Asia used closely similar wording, “Ensure that the use of artificial intelligence”"));
    assert!(md
        .contains("See also [6.2 Mutual legal assistance and cooperation platforms](#theme-6-02)"));
    // Framing: coverage, caveat, points of the deliberations.
    assert!(md.contains("The report of the meeting for Africa was not available"));
    assert!(md.contains("the recommendations were not negotiated by the participants"));
    assert!(md.contains("“Several speakers drew attention to maritime crime” (Europe, para. 12)"));
    assert!(md.contains("was held in Marrakech, Morocco, from 23 to 25 April 2025"));
    // Full texts only in the annex.
    assert_eq!(md.matches("respects human rights;").count(), 1);
}

#[test]
fn markdown_is_valid_gfm_with_expected_structure() {
    use comrak::nodes::NodeValue;
    let md = markdown();
    let arena = comrak::Arena::new();
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.footnotes = true;
    let root = comrak::parse_document(&arena, &md, &options);
    let mut headings = Vec::new();
    let mut tables = 0;
    let mut table_columns = Vec::new();
    for node in root.descendants() {
        match &node.data().value {
            NodeValue::Heading(h) => headings.push(h.level),
            NodeValue::Table(t) => {
                tables += 1;
                table_columns.push(t.num_columns);
            }
            _ => {}
        }
    }
    // Title; summary; per item: heading, themes, matrix; annex heading and
    // its regions.
    assert_eq!(headings.iter().filter(|l| **l == 1).count(), 1);
    assert_eq!(headings.iter().filter(|l| **l == 2).count(), 4);
    assert_eq!(headings.iter().filter(|l| **l == 3).count(), 4 + 2 + 4);
    assert_eq!(tables, 2);
    assert_eq!(table_columns, [2, 5]);
    // Text from the reports is escaped, not read as markup.
    assert!(md.contains(r"EUROPOL\_NET \[sic\] and \*joint\* teams"));
    assert!(md.contains(r"cooperation \| mutual"));
    let html = comrak::markdown_to_html(&md, &options);
    assert!(html.contains("EUROPOL_NET [sic] and *joint* teams"));
}

#[test]
fn every_recommendation_is_in_one_theme_and_in_the_annex() {
    let md = markdown();
    let annex_at = md.find("## Annex").expect("annex heading");
    let (body, annex) = md.split_at(annex_at);
    for r in fixture().recommendations {
        assert!(
            body.contains(&format!("(#rec-{})", r.id)),
            "{} cited under a theme",
            r.id
        );
        let anchor = format!(
            "<a id=\"rec-{}\"></a>**{} {}**",
            r.id,
            r.region.name(),
            r.reference()
        );
        assert_eq!(annex.matches(&anchor).count(), 1, "{} in the annex", r.id);
    }
}

#[test]
fn html_is_self_contained_and_colours_regions() {
    let files = render_all(&fixture(), &RenderOptions::default()).unwrap();
    let html = String::from_utf8(rendered(&files, "synthesis.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no network"
    );
    assert!(html.contains("<style>"));
    assert!(html
        .contains(r##"<a class="ref region-EU" href="#rec-EU-6-17a">Europe, para. 17 (a)</a>"##));
    assert!(html.contains(r#"<a class="rec region-EU" id="rec-EU-6-17a"></a>"#));
    assert!(
        html.contains(r#"<span class="chip region-LAC">Latin America and the Caribbean</span>"#)
    );
    assert!(html.contains("<table>"));
}

#[test]
fn html_anchors_land_below_the_sticky_legend() {
    let files = render_all(&fixture(), &RenderOptions::default()).unwrap();
    let html = String::from_utf8(rendered(&files, "synthesis.html")).unwrap();
    assert!(html.contains("position: sticky"));
    assert!(html.contains("[id] { scroll-margin-top: 3.5rem; }"));
}

#[test]
fn html_shows_the_region_theme_matrix_as_inline_svg() {
    let synthesis = crate::common::seeds_synthesis();
    let files = render_all(synthesis, &RenderOptions::default()).unwrap();
    let html = String::from_utf8(rendered(&files, "synthesis.html")).unwrap();
    assert_eq!(html.matches("<svg ").count(), synthesis.agenda_items.len());
    assert!(!html.contains("<img"), "inline, no file beside the page");
    for item in &synthesis.agenda_items {
        let start = html
            .find(&format!(
                "<title>Regions and themes under agenda item {}</title>",
                item.agenda_item
            ))
            .unwrap();
        let svg = &html[start..start + html[start..].find("</svg>").unwrap()];
        // One linked row per theme, each link to a heading of the page.
        for id in &item.themes {
            let anchor = format!("theme-{id}");
            assert!(svg.contains(&format!("<a href=\"#{anchor}\">")), "{id}");
            assert!(
                html.contains(&format!("id=\"{anchor}\"")),
                "{anchor} exists"
            );
        }
        // A filled cell per region contributing to a theme.
        let filled = svg.matches("recommendation</title>").count()
            + svg.matches("recommendations</title>").count();
        let expected: usize = item
            .themes
            .iter()
            .map(|id| {
                let t = synthesis.themes.iter().find(|t| &t.theme.id == id).unwrap();
                t.theme.regions.len()
            })
            .sum();
        assert_eq!(filled, expected, "agenda item {}", item.agenda_item);
    }
    // Well-formed XML, as inline SVG must be.
    let start = html.find("<svg ").unwrap();
    let end = html[start..].find("</svg>").unwrap() + start + 6;
    roxmltree::Document::parse(&html[start..end]).unwrap();
}

fn docx_parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        parts.push((file.name().to_string(), text));
    }
    parts.sort();
    parts
}

#[test]
fn docx_is_well_formed_stable_and_holds_every_reference() {
    let first = render_all(&fixture(), &RenderOptions::default()).unwrap();
    let second = render_all(&fixture(), &RenderOptions::default()).unwrap();
    let a = docx_parts(&rendered(&first, "synthesis.docx"));
    let b = docx_parts(&rendered(&second, "synthesis.docx"));
    assert_eq!(a, b, "two renders give identical document XML");
    let mut text = String::new();
    for (name, xml) in &a {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{name}: {e}"));
            if name == "word/document.xml" {
                for node in doc.descendants().filter(|n| n.has_tag_name("t")) {
                    text.push_str(node.text().unwrap_or(""));
                }
                let styles: Vec<&str> = doc
                    .descendants()
                    .filter(|n| n.has_tag_name("pStyle"))
                    .filter_map(|n| n.attributes().next().map(|a| a.value()))
                    .collect();
                assert!(styles.contains(&"Heading1") && styles.contains(&"Heading3"));
                assert_eq!(
                    doc.descendants().filter(|n| n.has_tag_name("tbl")).count(),
                    2
                );
                assert!(doc.descendants().any(|n| n.has_tag_name("numPr")));
            }
        }
    }
    for r in fixture().recommendations {
        let cite = format!("{} {}", r.region.name(), r.reference());
        assert!(text.contains(&cite), "{cite} in the .docx text");
        assert!(
            text.contains(r.text.trim_end_matches(['.', ';'])),
            "text of {}",
            r.id
        );
    }
    assert_eq!(
        rendered(&first, "synthesis.docx"),
        rendered(&second, "synthesis.docx"),
        "the .docx is byte-identical"
    );
}

/// The value of attribute `name` (any namespace) of `node`.
fn attr<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == name)
        .map(|a| a.value())
}

fn twips(node: roxmltree::Node, name: &str) -> usize {
    attr(node, name).unwrap().parse().unwrap()
}

#[test]
fn docx_is_compressed_and_laid_out_like_a_un_draft() {
    let synthesis = crate::common::seeds_synthesis();
    let files = render_all(synthesis, &RenderOptions::default()).unwrap();
    let bytes = rendered(&files, "synthesis.docx");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut unpacked = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index(i).unwrap();
        if !entry.is_dir() {
            assert_eq!(
                entry.compression(),
                zip::CompressionMethod::Deflated,
                "{}",
                entry.name()
            );
            unpacked += entry.size() as usize;
        }
    }
    assert!(bytes.len() * 4 < unpacked, "{} of {unpacked}", bytes.len());

    let parts: std::collections::BTreeMap<String, String> =
        docx_parts(&bytes).into_iter().collect();
    let doc = roxmltree::Document::parse(&parts["word/document.xml"]).unwrap();
    let find = |tag: &str| doc.descendants().find(|n| n.has_tag_name(tag)).unwrap();
    // A4 with margins; the table fitted to the text width.
    let size = find("pgSz");
    assert_eq!((twips(size, "w"), twips(size, "h")), (11906, 16838));
    let margin = find("pgMar");
    let text_width = twips(size, "w") - twips(margin, "left") - twips(margin, "right");
    assert!((8500..=9700).contains(&text_width), "{text_width}");
    let tables: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("tbl"))
        .collect();
    assert!(!tables.is_empty());
    for table in tables {
        let grid: usize = table
            .descendants()
            .filter(|n| n.has_tag_name("gridCol"))
            .map(|n| twips(n, "w"))
            .sum();
        assert_eq!(grid, text_width, "columns fill the text width exactly");
        let width = table
            .descendants()
            .find(|n| n.has_tag_name("tblW"))
            .unwrap();
        assert_eq!(twips(width, "w"), text_width);
        let rows: Vec<_> = table.children().filter(|n| n.has_tag_name("tr")).collect();
        let has = |row: &roxmltree::Node, tag: &str| row.descendants().any(|n| n.has_tag_name(tag));
        assert!(
            has(&rows[0], "tblHeader"),
            "the header row repeats on each page"
        );
        assert!(rows[1..].iter().all(|r| !has(r, "tblHeader")));
        assert!(
            rows.iter().all(|r| has(r, "cantSplit")),
            "no row split across pages"
        );
    }
    // Every heading is kept with the next paragraph.
    let headings: Vec<_> = doc
        .descendants()
        .filter(|n| {
            n.has_tag_name("pStyle") && attr(*n, "val").is_some_and(|v| v.starts_with("Heading"))
        })
        .map(|n| n.parent().unwrap())
        .collect();
    assert!(headings.len() > 10);
    assert!(headings
        .iter()
        .all(|p| p.children().any(|n| n.has_tag_name("keepNext"))));
    // Space after paragraphs by default; space before headings.
    let styles = roxmltree::Document::parse(&parts["word/styles.xml"]).unwrap();
    let defaults = styles
        .descendants()
        .find(|n| n.has_tag_name("pPrDefault"))
        .unwrap();
    let spacing = defaults
        .descendants()
        .find(|n| n.has_tag_name("spacing"))
        .unwrap();
    assert!(twips(spacing, "after") > 0);
    // The page number in the footer.
    let footer = parts
        .iter()
        .find(|(name, _)| name.starts_with("word/footer"))
        .map(|(_, xml)| xml.as_str())
        .expect("a footer");
    assert!(footer.contains("PAGE"), "{footer}");
    assert!(parts["word/document.xml"].contains("footerReference"));
}

#[test]
fn json_has_schema_and_documented_fields() {
    let files = render_all(&fixture(), &RenderOptions::default()).unwrap();
    let bytes = rendered(&files, "synthesis.json");
    assert!(bytes.ends_with(b"}\n"));
    let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(json["schema"], "rapporteur/synthesis/2");
    let recs = json["recommendations"].as_array().unwrap();
    assert_eq!(recs.len(), 8);
    for key in [
        "id",
        "region",
        "agenda_item",
        "paragraph",
        "letter",
        "text",
        "file",
        "line",
    ] {
        assert!(recs[0].get(key).is_some(), "recommendation has {key}");
    }
    let themes = json["themes"].as_array().unwrap();
    for key in [
        "id",
        "label",
        "agenda_item",
        "regions",
        "recommendations",
        "position",
    ] {
        assert!(themes[0].get(key).is_some(), "theme has {key}");
    }
    assert!(json["agenda_items"].is_array() && json["diagnostics"].is_array());
}

#[test]
fn input_order_does_not_change_the_output() {
    let mut shuffled = fixture();
    shuffled.recommendations.reverse();
    shuffled.themes.reverse();
    shuffled.agenda_items.reverse();
    for item in &mut shuffled.agenda_items {
        item.meetings.reverse();
        item.regions.reverse();
    }
    let a = render_all(&fixture(), &RenderOptions::default()).unwrap();
    let b = render_all(&shuffled, &RenderOptions::default()).unwrap();
    for name in [
        "synthesis.md",
        "synthesis.html",
        "synthesis.json",
        "synthesis.docx",
    ] {
        assert!(
            rendered(&a, name) == rendered(&b, name),
            "{name} is the same"
        );
    }
}

#[test]
fn trace_finds_by_id_then_by_phrase_with_the_theme_around_it() {
    use rapporteur::render::provenance::find;
    let synthesis = fixture();
    let by_id = find(&synthesis, "eu-6-17a");
    assert_eq!(by_id.len(), 1);
    let trace = &by_id[0];
    assert_eq!(trace.citation, "Europe 17 (a)");
    let theme = trace.theme.as_ref().expect("in a theme");
    assert_eq!(theme.id, "6-01");
    let others: Vec<&str> = theme.other_regions.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(others, ["AP-6-15a", "LAC-6-8a", "WA-6-8l"]);
    assert!(theme.same_region.is_empty());

    let by_phrase = find(&synthesis, "USE OF   artificial intelligence");
    let ids: Vec<&str> = by_phrase
        .iter()
        .map(|t| t.recommendation.id.as_str())
        .collect();
    assert_eq!(ids, ["AP-6-15a", "EU-6-17a", "LAC-6-8a", "WA-6-8l"]);
    assert!(find(&synthesis, "not in any recommendation").is_empty());
    assert!(find(&synthesis, "   ").is_empty());
}
