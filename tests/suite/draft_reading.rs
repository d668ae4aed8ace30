//! Reads the seeds' draft as the rapporteur would, for what issue 16 asks
//! of it: framing, UN style, one full quotation per recommendation, no verb
//! lists, shared wording and cross-references.

use rapporteur::render::{render_all, Format, RenderOptions};

fn draft() -> String {
    let files = render_all(
        crate::common::seeds_synthesis(),
        &RenderOptions {
            templates: None,
            formats: vec![Format::Markdown],
        },
    )
    .unwrap();
    String::from_utf8(files[0].contents.clone()).unwrap()
}

#[test]
fn the_seeds_draft_reads_as_a_synthesis() {
    let md = draft();
    let s = crate::common::seeds_synthesis();
    // A summary before the first agenda item.
    let summary = md.find("## Summary").expect("a summary");
    assert!(summary < md.find("## <a id=\"item-").unwrap());
    // Coverage: Africa named as absent; the caveat from the sources.
    assert!(md.contains("The report of the meeting for Africa was not available"));
    assert!(md.contains("the recommendations were not negotiated by the participants"));
    assert!(md.contains("Only the meeting for Western Asia considered agenda item 5"));
    // "All four meetings" never reads as all regions.
    let lower = md.to_lowercase();
    for (at, _) in lower.match_indices("all four meetings") {
        assert!(
            lower[at..].starts_with("all four meetings that considered the item"),
            "{}",
            &md[at..at + 60]
        );
    }
    // No dropped articles, dates in UN style, one spelling per body.
    assert!(!md.contains("representatives of United Arab Emirates"));
    assert!(md.contains("names the United Arab Emirates and Viet Nam in brackets"));
    assert!(!md.contains(" Russian Federation") || md.contains("the Russian Federation"));
    assert!(!md.contains("of Russian Federation") && !md.contains("for United Arab Emirates"));
    assert!(md.contains("the United States of America"));
    assert!(md.contains("held in Bangkok from 21 to 23 January 2025"));
    assert!(!md.contains("21–23 January"));
    assert!(!md.contains("Alliance of NGOs for") && !md.contains("Alliance of NGOs Crime"));
    assert!(md.contains("the Alliance of NGOs on Crime Prevention and Criminal Justice"));
    assert!(md.contains("the observer for Canada (an observer State)"));
    // Speakers in one list: two groups joined by "and", not a comma.
    assert!(md.contains("Statements were made by the representatives of Egypt, Morocco and the United Arab Emirates and by the observer for the Alliance of NGOs"));
    assert!(!md.contains("the United Arab Emirates, by the observer"));
    assert!(md.contains("Ukraine, by the observers for the European Union, INTERPOL and the Organization for Security and Co-operation in Europe (intergovernmental organizations) and by the observers for"));
    assert!(md.contains("also on behalf of the States Members of the United Nations that are members of the European Union"));
    // Each recommendation quoted in full exactly once.
    for r in &s.recommendations {
        let text = escaped(&r.text);
        assert_eq!(md.matches(text.as_str()).count(), 1, "{} quoted once", r.id);
    }
    // No verb lists, no entity lists.
    assert!(!md.contains("asked Member States to"));
    assert!(!md.contains("also referred to"));
    assert!(!md.contains("recommended action on"));
    // Shared wording of AP-6-15l and EU-6-17m.
    assert!(md.contains("The meetings for Asia and the Pacific and for Europe used closely similar wording, “attention to the minimization of possible threats”"));
    // The cross-reference between the themes of WA-5-18g and WA-6-8l.
    let theme_of = |id: &str| {
        s.themes
            .iter()
            .find(|t| t.theme.recommendations.iter().any(|r| r == id))
            .unwrap()
            .theme
            .id
            .clone()
    };
    let (five, six) = (theme_of("WA-5-18g"), theme_of("WA-6-8l"));
    let section = |id: &str| {
        let from = md.find(&format!("<a id=\"theme-{id}\"></a>")).unwrap();
        let rest = &md[from..];
        rest[..rest[3..].find("\n### ").map_or(rest.len(), |i| i + 3)].to_string()
    };
    assert!(
        section(&five).contains("See also [6.")
            && section(&five).contains(&format!("(#theme-{six})"))
    );
    assert!(section(&six).contains(&format!("(#theme-{five})")));
    // Proposer tags and undated reports are flagged.
    assert!(md.contains("## Notes for the rapporteur"));
    assert!(md.contains("Viet Nam in brackets"));
    assert!(md.contains("bears no date"));
}

/// The text as the Markdown templates print it.
fn escaped(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if "\\*_[]<>`|~&#".contains(c) {
            out.push('\\');
        }
        out.push(if c == '\n' { ' ' } else { c });
    }
    out
}

/// The HTML page and the Word document carry the draft's new text: they
/// are rendered from the same Markdown.
#[test]
fn html_and_docx_carry_the_same_synthesis() {
    use std::io::Read;
    let files = render_all(crate::common::seeds_synthesis(), &RenderOptions::default()).unwrap();
    let file = |name: &str| {
        files
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.contents.clone())
            .unwrap()
    };
    let html = String::from_utf8(file("synthesis.html")).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(file("synthesis.docx"))).unwrap();
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let document = roxmltree::Document::parse(&xml).unwrap();
    let docx: String = document
        .descendants()
        .filter(|n| n.has_tag_name("t"))
        .filter_map(|n| n.text())
        .collect();
    for phrase in [
        "The report of the meeting for Africa was not available",
        "were not negotiated by the participants",
        "held in Bangkok from 21 to 23 January 2025",
        "the United Arab Emirates",
        "attention to the minimization of possible threats",
        "Notes for the rapporteur",
    ] {
        assert!(html.contains(phrase), "HTML: {phrase}");
        assert!(docx.contains(phrase), "docx: {phrase}");
    }
}
