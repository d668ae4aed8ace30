//! Rendering a small hand-built synthesis: structure of the Markdown, the
//! HTML page, the .docx, the JSON, template errors and their safety.

use rapporteur::model::*;
use rapporteur::render::{render_all, Format, RenderOptions, RenderedFile};
use std::io::Read;

fn rec(region: Region, item: &str, paragraph: u32, letter: &str, text: &str) -> Recommendation {
    Recommendation {
        id: format!("{}-{item}-{paragraph}{letter}", region.code()),
        region,
        agenda_item: item.to_string(),
        meeting_item: Some(if item == "5" { "5 (c)" } else { "5 (d)" }.to_string()),
        meeting: None,
        paragraph,
        letter: letter.to_string(),
        text: text.to_string(),
        attributed_states: Vec::new(),
        file: format!("reports/{}-{item}.txt", region.code()),
        line: 40 + letter.as_bytes()[0] as usize - b'a' as usize,
    }
}

fn position(
    region: Region,
    ids: &[&str],
    refs: &[&str],
    verbs: &[&str],
    strength: AskStrength,
) -> RegionalPosition {
    RegionalPosition {
        region,
        recommendations: ids.iter().map(|s| s.to_string()).collect(),
        references: refs.iter().map(|s| s.to_string()).collect(),
        verbs: verbs.iter().map(|s| s.to_string()).collect(),
        strength,
        distinctive_entities: Vec::new(),
        distinctive_terms: Vec::new(),
    }
}

fn theme(
    id: &str,
    item: &str,
    label: &str,
    members: &[&Recommendation],
    position: ThemePosition,
    entities: &[&str],
) -> SynthesisTheme {
    SynthesisTheme {
        theme: Theme {
            id: id.to_string(),
            agenda_item: item.to_string(),
            label: label.to_string(),
            regions: position.regions.clone(),
            recommendations: members.iter().map(|r| r.id.clone()).collect(),
            key_entities: entities.iter().map(|s| s.to_string()).collect(),
            key_terms: Vec::new(),
        },
        position,
    }
}

fn meeting(
    region: Region,
    venue: &str,
    dates: &str,
    rapporteur: &str,
    item: &str,
    n: usize,
) -> MeetingSummary {
    MeetingSummary {
        region,
        file: format!("reports/{}-{item}.txt", region.code()),
        meeting_title: Some(format!("{} Regional Preparatory Meeting", region.name())),
        venue: Some(venue.to_string()),
        meeting_dates: Some(dates.to_string()),
        rapporteur: Some(rapporteur.to_string()),
        document_date: Some(dates.rsplit('–').next().unwrap_or(dates).to_string()),
        meeting_item: Some(if item == "5" { "5 (c)" } else { "5 (d)" }.to_string()),
        workshop: Some(if item == "5" { 3 } else { 4 }),
        speakers: Speakers {
            member_states: vec!["Egypt".into(), "Morocco".into(), "Qatar".into()],
            observers: vec!["the Alliance of NGOs on Crime Prevention and Criminal Justice".into()],
        },
        recommendations: n,
    }
}

/// Two agenda items; item 6 met by four regions with a converging theme
/// (with a strength nuance and an addition), a shared one and one specific
/// to one region; item 5 met by Western Asia alone.
pub fn fixture() -> Synthesis {
    use Region::*;
    let ap_a = rec(
        AsiaPacific,
        "6",
        15,
        "a",
        "Consider the use of artificial intelligence in criminal justice, with safeguards;",
    );
    let ap_b = rec(
        AsiaPacific,
        "6",
        15,
        "b",
        "Explore regional platforms for the exchange of electronic evidence;",
    );
    let eu_a = rec(
        Europe,
        "6",
        17,
        "a",
        "Ensure that the use of artificial intelligence respects human rights;",
    );
    let eu_b = rec(Europe, "6", 17, "b", "Strengthen mutual legal assistance, including through EUROPOL_NET [sic] and *joint* teams;");
    let lac_a = rec(
        LatinAmericaCaribbean,
        "6",
        8,
        "a",
        "Promote the responsible use of artificial intelligence;",
    );
    let wa_a = rec(WesternAsia, "6", 8, "l", "Ensure that the use of artificial intelligence in criminal justice is supervised by human beings;");
    let wa_b = rec(WesternAsia, "6", 8, "g", "Establish an online platform to support international cooperation | mutual legal assistance;");
    let wa5_a = rec(
        WesternAsia,
        "5",
        18,
        "a",
        "Strengthen data collection on organized crime and terrorism.",
    );
    let ai = theme(
        "6-01",
        "6",
        "Responsible use of artificial intelligence",
        &[&wa_a, &eu_a, &lac_a, &ap_a],
        ThemePosition {
            convergence: Convergence::Converging,
            regions: vec![AsiaPacific, Europe, LatinAmericaCaribbean, WesternAsia],
            absent_regions: vec![],
            by_region: vec![
                position(
                    WesternAsia,
                    &["WA-6-8l"],
                    &["8 (l)"],
                    &["Ensure"],
                    AskStrength::Directive,
                ),
                position(
                    AsiaPacific,
                    &["AP-6-15a"],
                    &["15 (a)"],
                    &["Consider"],
                    AskStrength::Exploratory,
                ),
                position(
                    Europe,
                    &["EU-6-17a"],
                    &["17 (a)"],
                    &["Ensure"],
                    AskStrength::Directive,
                ),
                position(
                    LatinAmericaCaribbean,
                    &["LAC-6-8a"],
                    &["8 (a)"],
                    &["Promote"],
                    AskStrength::Supportive,
                ),
            ],
            nuances: vec![
                Nuance::Strength {
                    stronger: vec![Europe, WesternAsia],
                    weaker: vec![AsiaPacific],
                    sources: vec!["WA-6-8l".into(), "EU-6-17a".into(), "AP-6-15a".into()],
                },
                Nuance::Addition {
                    region: WesternAsia,
                    entities: vec!["human oversight".into()],
                    terms: vec![],
                    sources: vec!["WA-6-8l".into()],
                },
            ],
        },
        &["artificial intelligence", "human rights"],
    );
    let mla = theme(
        "6-02",
        "6",
        "Mutual legal assistance and cooperation platforms",
        &[&eu_b, &wa_b],
        ThemePosition {
            convergence: Convergence::Shared,
            regions: vec![Europe, WesternAsia],
            absent_regions: vec![AsiaPacific, LatinAmericaCaribbean],
            by_region: vec![
                position(
                    Europe,
                    &["EU-6-17b"],
                    &["17 (b)"],
                    &["Strengthen"],
                    AskStrength::Directive,
                ),
                position(
                    WesternAsia,
                    &["WA-6-8g"],
                    &["8 (g)"],
                    &["Establish"],
                    AskStrength::Directive,
                ),
            ],
            nuances: vec![],
        },
        &["mutual legal assistance"],
    );
    let evidence = theme(
        "6-03",
        "6",
        "Exchange of electronic evidence",
        &[&ap_b],
        ThemePosition {
            convergence: Convergence::RegionSpecific,
            regions: vec![AsiaPacific],
            absent_regions: vec![Europe, LatinAmericaCaribbean, WesternAsia],
            by_region: vec![position(
                AsiaPacific,
                &["AP-6-15b"],
                &["15 (b)"],
                &["Explore"],
                AskStrength::Exploratory,
            )],
            nuances: vec![],
        },
        &["digital evidence"],
    );
    let data = theme(
        "5-01",
        "5",
        "Data collection",
        &[&wa5_a],
        ThemePosition {
            convergence: Convergence::Converging,
            regions: vec![WesternAsia],
            absent_regions: vec![],
            by_region: vec![position(
                WesternAsia,
                &["WA-5-18a"],
                &["18 (a)"],
                &["Strengthen"],
                AskStrength::Directive,
            )],
            nuances: vec![],
        },
        &[],
    );
    Synthesis {
        agenda_items: vec![
            AgendaItemSynthesis {
                agenda_item: "6".into(),
                title: Some("Working better together".into()),
                regions: vec![WesternAsia, AsiaPacific, Europe, LatinAmericaCaribbean],
                meetings: vec![
                    meeting(
                        WesternAsia,
                        "Marrakech, Morocco",
                        "23–25 April 2025",
                        "Abdulla Dhaen Al-Kuwari (Qatar)",
                        "6",
                        2,
                    ),
                    meeting(
                        Europe,
                        "Vienna",
                        "25–27 March 2025",
                        "Nicolas Karges (France)",
                        "6",
                        2,
                    ),
                    meeting(
                        AsiaPacific,
                        "Bangkok",
                        "21–23 January 2025",
                        "Sheraz Ali (Pakistan)",
                        "6",
                        2,
                    ),
                    meeting(
                        LatinAmericaCaribbean,
                        "San José",
                        "4–6 February 2025",
                        "Rodrigo Bertoglio Cardoso (Brazil)",
                        "6",
                        1,
                    ),
                ],
                themes: vec!["6-01".into(), "6-02".into(), "6-03".into()],
            },
            AgendaItemSynthesis {
                agenda_item: "5".into(),
                title: Some("Addressing and countering crime".into()),
                regions: vec![WesternAsia],
                meetings: vec![meeting(
                    WesternAsia,
                    "Marrakech, Morocco",
                    "23–25 April 2025",
                    "Abdulla Dhaen Al-Kuwari (Qatar)",
                    "5",
                    1,
                )],
                themes: vec!["5-01".into()],
            },
        ],
        themes: vec![mla, ai, evidence, data],
        recommendations: vec![wa_a, wa_b, eu_a, eu_b, lac_a, ap_a, ap_b, wa5_a],
        diagnostics: vec![Diagnostic::warning(
            "reports/AP-6.txt",
            Some(12),
            "letter (c) repaired from (e)",
        )],
    }
}

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
    assert!(md.contains("All four regional preparatory meetings made recommendations on responsible use of artificial intelligence ([Asia and the Pacific 15 (a)](#rec-AP-6-15a); [Europe 17 (a)](#rec-EU-6-17a); [Latin America and the Caribbean 8 (a)](#rec-LAC-6-8a); [Western Asia 8 (l)](#rec-WA-6-8l))."));
    assert!(md.contains("The meetings for Europe and for Western Asia made recommendations on mutual legal assistance"));
    assert!(md.contains("Only the meeting for Asia and the Pacific made recommendations on exchange of electronic evidence"));
    assert!(md.contains("the meetings for Europe and for Western Asia asked Member States to ensure ([Europe 17 (a)](#rec-EU-6-17a); [Western Asia 8 (l)](#rec-WA-6-8l)), while the meeting for Asia and the Pacific called on them to consider ([Asia and the Pacific 15 (a)](#rec-AP-6-15a))"));
    assert!(md.contains("The meeting for Western Asia also referred to human oversight ([Western Asia 8 (l)](#rec-WA-6-8l))."));
    assert!(md.contains("The meeting for Western Asia recommended action on data collection ([Western Asia 18 (a)](#rec-WA-5-18a))."));
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
    // Title; per item: heading, themes, matrix; annex heading and its regions.
    assert_eq!(headings.iter().filter(|l| **l == 1).count(), 1);
    assert_eq!(headings.iter().filter(|l| **l == 2).count(), 3);
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
        let cite = format!("[{} {}](#rec-{})", r.region.name(), r.reference(), r.id);
        let listed = format!("- {cite}: ");
        assert_eq!(
            body.matches(&listed).count(),
            1,
            "{} listed once under a theme",
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
    assert!(html.contains(r##"<a class="ref region-EU" href="#rec-EU-6-17a">Europe 17 (a)</a>"##));
    assert!(html.contains(r#"<a class="rec region-EU" id="rec-EU-6-17a"></a>"#));
    assert!(
        html.contains(r#"<span class="chip region-LAC">Latin America and the Caribbean</span>"#)
    );
    assert!(html.contains("<table>"));
}

fn docx_parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        parts.push((file.name().unwrap().to_string(), text));
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

#[test]
fn json_has_schema_and_documented_fields() {
    let files = render_all(&fixture(), &RenderOptions::default()).unwrap();
    let bytes = rendered(&files, "synthesis.json");
    assert!(bytes.ends_with(b"}\n"));
    let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(json["schema"], "rapporteur/synthesis/1");
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
