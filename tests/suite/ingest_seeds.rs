//! Ingest on the five seed reports: counts, lettering, repairs, splits,
//! attributions, metadata and line numbers that point at the real line.

use rapporteur::ingest::{self, parse_report};
use rapporteur::model::{Corpus, Region, Report, Severity};
use std::path::{Path, PathBuf};

const WA_6: &str = "seeds/000_8ac773325e8acdc6.txt";
const EU_6: &str = "seeds/001_bba04487c98bd190.txt";
const AP_6: &str = "seeds/002_fb9608fcd46e22f9.txt";
const WA_5: &str = "seeds/003_cc5942ef62d09ba8.txt";
const LAC_6: &str = "seeds/004_f29162a344c7f65f.txt";

use crate::common::seeds_dir as seed_dir;

fn corpus() -> Corpus {
    ingest::read_corpus(&[seed_dir()])
}

fn read_seed(file: &str) -> String {
    std::fs::read_to_string(crate::common::root().join(file)).unwrap()
}

fn report(file: &str) -> Report {
    let (report, _) = parse_report(file, &read_seed(file));
    report.unwrap_or_else(|| panic!("{file} gave no report"))
}

fn letters(report: &Report) -> String {
    report
        .recommendations
        .iter()
        .map(|r| r.letter.as_str())
        .collect()
}

#[test]
fn the_seeds_hold_63_recommendations_in_contiguous_letters() {
    let expected = [
        (WA_6, Region::WesternAsia, "abcdefghijklmnopq"),
        (WA_5, Region::WesternAsia, "abcdefghijkl"),
        (EU_6, Region::Europe, "abcdefghijklmn"),
        (AP_6, Region::AsiaPacific, "abcdefghijkl"),
        (LAC_6, Region::LatinAmericaCaribbean, "abcdefgh"),
    ];
    let mut total = 0;
    for (file, region, expected_letters) in expected {
        let report = report(file);
        assert_eq!(report.meeting.region, region, "{file}");
        assert_eq!(letters(&report), expected_letters, "{file}");
        total += report.recommendations.len();
    }
    assert_eq!(total, 63);
    let corpus = corpus();
    assert_eq!(corpus.recommendations().count(), 63);
    assert_eq!(corpus.reports.len(), 5);
    assert_eq!(corpus.files_read, 5);
}

#[test]
fn every_recommendation_is_one_clean_paragraph() {
    for rec in corpus().recommendations() {
        let t = &rec.text;
        assert!(!t.is_empty(), "{}", rec.id);
        assert!(t.starts_with(char::is_uppercase), "{}: {t}", rec.id);
        assert!(!t.ends_with([';', '.']), "{}: {t}", rec.id);
        assert!(!t.ends_with(" and"), "{}: {t}", rec.id);
        for debris in ["**", "<sup>", "Please recycle", "---", "  ", "\n"] {
            assert!(!t.contains(debris), "{}: {debris:?} in {t}", rec.id);
        }
    }
}

#[test]
fn lines_point_at_the_letter() {
    for rec in corpus().recommendations() {
        let text = read_seed(&rec.file);
        let line = text.lines().nth(rec.line - 1).unwrap();
        let printed_as_l = rec.letter == "l" && line.contains("(1)");
        assert!(
            line.contains(&format!("({})", rec.letter)) || printed_as_l,
            "{} at {}:{} is not on {line:?}",
            rec.id,
            rec.file,
            rec.line
        );
    }
}

#[test]
fn ocr_one_is_repaired_to_l_with_a_warning() {
    let (report, diagnostics) = parse_report(WA_5, &read_seed(WA_5));
    let report = report.unwrap();
    let l = report.recommendations.last().unwrap();
    assert_eq!(l.letter, "l");
    assert!(l.text.starts_with("Integrate intelligence capabilities"));
    let repair: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.message.contains("(1) repaired to (l)"))
        .collect();
    assert_eq!(repair.len(), 1);
    assert_eq!(repair[0].severity, Severity::Warning);
    assert_eq!(repair[0].line, Some(l.line));
    // The other seeds need no repair and raise no warning at all.
    for file in [WA_6, EU_6, AP_6, LAC_6] {
        let (_, d) = parse_report(file, &read_seed(file));
        assert!(d.is_empty(), "{file}: {d:?}");
    }
}

#[test]
fn two_recommendations_on_one_line_are_split() {
    let report = report(WA_5);
    let d = &report.recommendations[3];
    let e = &report.recommendations[4];
    assert_eq!((d.letter.as_str(), e.letter.as_str()), ("d", "e"));
    assert_eq!(d.line, e.line);
    assert!(
        d.text
            .ends_with("crimes that affect the environment held in 2022"),
        "{}",
        d.text
    );
    assert!(e.text.starts_with(
        "Consider signing and ratifying the United Nations Convention against Cybercrime"
    ));
    assert!(!d.text.contains("(e)"));
}

#[test]
fn a_recommendation_split_by_a_page_break_is_joined() {
    let report = report(AP_6);
    let j = &report.recommendations[9];
    assert_eq!(j.letter, "j");
    assert!(j.text.contains("exchange of best practices and recent research in order to increase the level of cooperation"), "{}", j.text);
    assert!(j.text.ends_with("to promote mutual learning"));
}

#[test]
fn attributions_are_kept_and_text_stays_readable() {
    let report = report(AP_6);
    let g = &report.recommendations[6];
    assert_eq!(g.letter, "g");
    assert_eq!(g.attributed_states, ["United Arab Emirates", "Viet Nam"]);
    assert!(g
        .text
        .contains("online safety (United Arab Emirates) for the identification"));
    let with_attributions = corpus()
        .recommendations()
        .filter(|r| !r.attributed_states.is_empty())
        .count();
    assert_eq!(with_attributions, 1);
}

#[test]
fn real_hyphens_and_list_endings() {
    let lac = report(LAC_6);
    // `(g) …; and` loses its list ending; `non-discrimination` keeps its hyphen.
    assert!(lac.recommendations[6].text.ends_with("into their design"));
    assert!(lac.recommendations[6].text.contains("non-discrimination"));
    let wa = report(WA_6);
    assert!(wa.recommendations[4].text.contains("cyber-enabled crimes"));
}

#[test]
fn ids_follow_region_item_paragraph_letter() {
    let corpus = corpus();
    let ids: Vec<&str> = corpus.recommendations().map(|r| r.id.as_str()).collect();
    for id in ["WA-5-18l", "AP-6-15g", "EU-6-17l", "LAC-6-8h", "WA-6-8q"] {
        assert!(ids.contains(&id), "{id} missing");
    }
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len());
    // Canonical order: agenda item 5 before 6, then regions in order.
    assert_eq!(ids[0], "WA-5-18a");
    assert!(ids[12].starts_with("AP-6-"));
}

struct Expected {
    file: &'static str,
    region: Region,
    venue: &'static str,
    dates: &'static str,
    rapporteur: &'static str,
    document_date: Option<&'static str>,
    meeting_item: &'static str,
    agenda_item: &'static str,
    workshop: u32,
    paragraph: u32,
    member_states: &'static [&'static str],
    observers: &'static [&'static str],
}

#[test]
fn metadata_of_each_document() {
    let cases = [
        Expected {
            file: WA_6,
            region: Region::WesternAsia,
            venue: "Marrakech, Morocco",
            dates: "23–25 April 2025",
            rapporteur: "Abdulla Dhaen Al-Kuwari (Qatar)",
            document_date: Some("24 April 2025"),
            meeting_item: "5 (d)",
            agenda_item: "6",
            workshop: 4,
            paragraph: 8,
            member_states: &["Egypt", "Morocco", "United Arab Emirates"],
            observers: &["Alliance of NGOs on Crime Prevention and Criminal Justice"],
        },
        Expected {
            file: WA_5,
            region: Region::WesternAsia,
            venue: "Marrakech, Morocco",
            dates: "23–25 April 2025",
            rapporteur: "Abdulla Dhaen Al-Kuwari (Qatar)",
            document_date: Some("24 April 2025"),
            meeting_item: "5 (c)",
            agenda_item: "5",
            workshop: 3,
            paragraph: 18,
            member_states: &["United Arab Emirates", "Morocco", "Egypt", "Qatar"],
            observers: &[
                "Canada",
                "Global Initiative against Transnational Organized Crime",
                "Alliance of NGOs Crime Prevention and Criminal Justice",
            ],
        },
        Expected {
            file: EU_6,
            region: Region::Europe,
            venue: "Vienna",
            dates: "25–27 March 2025",
            rapporteur: "Nicolas Karges (France)",
            document_date: Some("27 March 2025"),
            meeting_item: "5 (d)",
            agenda_item: "6",
            workshop: 4,
            paragraph: 17,
            member_states: &[
                "Russian Federation",
                "France",
                "Canada",
                "United States",
                "United Kingdom",
                "Malta",
                "Germany",
                "Mexico",
                "Ukraine",
            ],
            observers: &[
                "European Union",
                "INTERPOL",
                "OSCE",
                "Women Federation for World Peace",
                "Penal Reform International",
                "Caritas International",
            ],
        },
        Expected {
            file: AP_6,
            region: Region::AsiaPacific,
            venue: "Bangkok",
            dates: "21–23 January 2025",
            rapporteur: "Sheraz Ali (Pakistan)",
            // The Asia and the Pacific addendum prints no distribution date.
            document_date: None,
            meeting_item: "5 (d)",
            agenda_item: "6",
            workshop: 4,
            paragraph: 15,
            member_states: &[
                "Thailand",
                "Indonesia",
                "Australia",
                "Viet Nam",
                "Russian Federation",
                "United States of America",
                "Japan",
                "United Arab Emirates",
            ],
            observers: &[],
        },
        Expected {
            file: LAC_6,
            region: Region::LatinAmericaCaribbean,
            venue: "San José",
            dates: "4–6 February 2025",
            rapporteur: "Rodrigo Bertoglio Cardoso (Brazil)",
            document_date: Some("6 February 2025"),
            meeting_item: "5 (d)",
            agenda_item: "6",
            workshop: 4,
            paragraph: 8,
            member_states: &[
                "Argentina",
                "Costa Rica",
                "Chile",
                "Brazil",
                "Ecuador",
                "Guatemala",
                "Guyana",
                "Colombia",
                "Canada",
                "Saint Kitts and Nevis",
                "Peru",
                "Panama",
                "Honduras",
            ],
            observers: &[
                "United Arab Emirates",
                "IPANDETEC",
                "Alliance of NGOs for Crime Prevention and Criminal Justice",
            ],
        },
    ];
    for e in cases {
        let r = report(e.file);
        assert_eq!(r.meeting.region, e.region, "{}", e.file);
        let title = r.meeting.meeting_title.as_deref().unwrap();
        assert!(
            title
                .contains("Regional Preparatory Meeting for the Fifteenth United Nations Congress"),
            "{title}"
        );
        assert!(title.ends_with("Criminal Justice"), "{title}");
        assert_eq!(r.meeting.venue.as_deref(), Some(e.venue), "{}", e.file);
        assert_eq!(
            r.meeting.meeting_dates.as_deref(),
            Some(e.dates),
            "{}",
            e.file
        );
        assert_eq!(
            r.meeting.rapporteur.as_deref(),
            Some(e.rapporteur),
            "{}",
            e.file
        );
        assert_eq!(
            r.meeting.document_date.as_deref(),
            e.document_date,
            "{}",
            e.file
        );
        assert_eq!(
            r.meeting.meeting_item.as_deref(),
            Some(e.meeting_item),
            "{}",
            e.file
        );
        assert_eq!(r.agenda_item, e.agenda_item, "{}", e.file);
        assert_eq!(r.meeting.workshop, Some(e.workshop), "{}", e.file);
        assert_eq!(r.recommendations_paragraph, Some(e.paragraph), "{}", e.file);
        let item_title = r.item_title.as_deref().unwrap();
        assert!(
            item_title.contains(&format!("(agenda item {})", e.agenda_item)),
            "{item_title}"
        );
        assert!(
            item_title.ends_with(&format!("(workshop {})", e.workshop)),
            "{item_title}"
        );
        assert_eq!(
            r.meeting.speakers.member_states, e.member_states,
            "{}",
            e.file
        );
        assert_eq!(r.meeting.speakers.observers, e.observers, "{}", e.file);
        let rec = &r.recommendations[0];
        assert_eq!(rec.paragraph, e.paragraph);
        assert_eq!(
            rec.meeting.as_deref(),
            Some(format!("{}, {}", e.venue, e.dates).as_str())
        );
        assert_eq!(rec.meeting_item.as_deref(), Some(e.meeting_item));
    }
}

#[test]
fn deliberations_are_numbered_paragraphs_joined_across_page_breaks() {
    let eu = report(EU_6);
    let numbers: Vec<u32> = eu.deliberations.iter().map(|p| p.number).collect();
    assert_eq!(numbers, (6..=16).collect::<Vec<_>>());
    let six = &eu.deliberations[0];
    assert!(
        six.text
            .contains("were identified, including for joint investigation"),
        "{}",
        six.text
    );
    assert!(
        !six.text.contains("Also on behalf"),
        "footnote body kept: {}",
        six.text
    );
    let wa5 = report(WA_5);
    let five = wa5.deliberations.iter().find(|p| p.number == 5).unwrap();
    assert!(
        five.text.contains("proceeds from such crimes amount"),
        "{}",
        five.text
    );
    assert!(!five.text.contains("recycle"));
}

#[test]
fn default_corpus_is_the_seeds_and_order_of_paths_does_not_matter() {
    let forward: Vec<PathBuf> = [WA_6, EU_6, AP_6, WA_5, LAC_6]
        .iter()
        .map(|f| Path::new(env!("CARGO_MANIFEST_DIR")).join(f))
        .collect();
    let mut backward = forward.clone();
    backward.reverse();
    let a = ingest::read_corpus(&forward);
    let b = ingest::read_corpus(&backward);
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
    assert_eq!(a.recommendations().count(), 63);
    // With no paths, `seeds/` of the current folder (tests run in the crate root).
    let default = ingest::read_corpus(&[]);
    assert_eq!(default.recommendations().count(), 63);
    assert!(default
        .reports
        .iter()
        .all(|r| r.meeting.file.starts_with("seeds/0")));
}

#[test]
fn embedded_seeds_are_the_seed_files() {
    for (name, text) in ingest::EMBEDDED_SEEDS {
        assert_eq!(read_seed(&format!("seeds/{name}")), text, "{name}");
    }
}

#[test]
fn an_unnumbered_item_title_is_still_read() {
    let text = read_seed(EU_6).replace("4. Working better together", "Working better together");
    let (report, diagnostics) = parse_report(EU_6, &text);
    let report = report.unwrap();
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(report.agenda_item, "6");
    assert_eq!(report.meeting.workshop, Some(4));
    assert!(report
        .item_title
        .unwrap()
        .starts_with("Working better together"));
}

#[test]
fn other_layouts_of_the_same_header_read_the_same() {
    let eu = read_seed(EU_6);
    let title = "European Regional Preparatory Meeting for the Fifteenth United Nations Congress on Crime Prevention and Criminal Justice";
    let variants = [
        // Title and venue on one line.
        eu.replace(&format!("{title}\n\nVienna"), &format!("{title} Vienna")),
        // Title wrapped in bold over two lines, the region on the second.
        eu.replace(&format!("## {title}"), "**The\nEuropean Regional Preparatory Meeting for the Fifteenth United Nations\nCongress on Crime Prevention and Criminal Justice**"),
        // No blank line between title and venue, CRLF-free plain text.
        eu.replace(&format!("## {title}\n\n"), &format!("{title}\n")),
    ];
    for (i, text) in variants.iter().enumerate() {
        assert_ne!(text, &eu, "variant {i} did not apply");
        let (report, diagnostics) = parse_report("variant.txt", text);
        let report = report.unwrap_or_else(|| panic!("variant {i}: {diagnostics:?}"));
        assert_eq!(report.meeting.region, Region::Europe, "variant {i}");
        assert_eq!(
            report.meeting.venue.as_deref(),
            Some("Vienna"),
            "variant {i}"
        );
        assert_eq!(
            report.meeting.meeting_dates.as_deref(),
            Some("25–27 March 2025"),
            "variant {i}"
        );
        assert!(
            report
                .meeting
                .meeting_title
                .unwrap()
                .ends_with("Criminal Justice"),
            "variant {i}"
        );
        assert_eq!(report.recommendations.len(), 14, "variant {i}");
    }
}

#[test]
fn a_list_run_into_its_introduction_is_read_whole() {
    let text = read_seed(LAC_6).replace("were identified:\n - (a)", "were identified: (a)");
    let (report, diagnostics) = parse_report(LAC_6, &text);
    let report = report.unwrap();
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(letters(&report), "abcdefgh");
    assert_eq!(report.recommendations[0].line, 44);
    assert_eq!(report.recommendations_paragraph, Some(8));
}

/// Each seed with its lettered lines restyled as an author or extractor may
/// write them (`a)`, `a.`, every other line only, so that one list changes
/// style midway) and with the UN job number standing between
/// recommendations, twice only, as on a two-page document: the same
/// recommendations, the same texts.
#[test]
fn restyled_markers_and_job_numbers_give_the_same_recommendations() {
    let restyle = |text: &str, close: &str, every: usize| -> String {
        let mut n = 0;
        text.lines()
            .map(
                |line| match line.strip_prefix('(').and_then(|l| l.split_once(") ")) {
                    Some((letter, rest))
                        if letter.len() <= 2 && letter.bytes().all(|b| b.is_ascii_lowercase()) =>
                    {
                        n += 1;
                        if n % every == 0 {
                            format!("{letter}{close} {rest}")
                        } else {
                            line.to_string()
                        }
                    }
                    _ => line.to_string(),
                },
            )
            .collect::<Vec<_>>()
            .join("\n")
    };
    let with_job_numbers = |text: &str| -> String {
        let mut placed = 0;
        let mut out = String::new();
        for line in text.lines() {
            out.push_str(line);
            out.push('\n');
            if placed < 2 && line.starts_with('(') && line.ends_with(';') {
                placed += 1;
                out.push_str(&format!("\nV.25-01234\t{}/2\n\n", placed));
            }
        }
        out
    };
    for file in [WA_6, EU_6, AP_6, WA_5, LAC_6] {
        let seed = read_seed(file);
        let expected = report(file);
        let texts = |r: &Report| -> Vec<(String, String)> {
            r.recommendations
                .iter()
                .map(|x| (x.letter.clone(), x.text.to_string()))
                .collect()
        };
        let variants = [
            ("a)", restyle(&seed, ")", 1)),
            ("a.", restyle(&seed, ".", 1)),
            ("(a) then a)", restyle(&seed, ")", 2)),
            ("job numbers", with_job_numbers(&seed)),
        ];
        for (name, text) in variants {
            assert_ne!(text, seed, "{file}: {name} did not apply");
            let (report, diagnostics) = parse_report(file, &text);
            let report = report.unwrap_or_else(|| panic!("{file}, {name}: {diagnostics:?}"));
            assert_eq!(texts(&report), texts(&expected), "{file}, {name}");
        }
    }
}

/// A title line wrapped inside a word, as an extractor hyphenates it
/// (`Mar-` / `rakech`): the venue reads whole.
#[test]
fn a_venue_hyphenated_at_a_line_end_reads_whole() {
    let text = read_seed(WA_5).replace(
        "Justice Marrakech, Morocco",
        "Justice Mar-\nrakech, Morocco",
    );
    assert!(text.contains("Mar-\nrakech"));
    let (report, diagnostics) = parse_report(WA_5, &text);
    let report = report.unwrap_or_else(|| panic!("{diagnostics:?}"));
    assert_eq!(report.meeting.venue.as_deref(), Some("Marrakech, Morocco"));
}

/// A meeting's full report gives each agenda item its own section: the
/// Western Asia report on item 5 with the item-6 section of its other
/// addendum appended is read as two reports, each with the seeds'
/// recommendations and lines pointing into the one file.
#[test]
fn a_report_with_two_agenda_items_gives_both() {
    let item_5 = read_seed(WA_5);
    let item_6 = read_seed(WA_6);
    let section = &item_6[item_6.find("### B. Substantive items").unwrap()..];
    let combined = format!("{item_5}\n{section}");
    let line_of = |text: &str| {
        text[..text.find("### B. Substantive items").unwrap()]
            .matches('\n')
            .count()
    };
    let offset = line_of(&combined) - line_of(&item_6);
    let (reports, diagnostics) = ingest::parse_reports("combined.txt", &combined);
    assert_eq!(reports.len(), 2, "{diagnostics:?}");
    for (got, file, shift) in [(&reports[0], WA_5, 0), (&reports[1], WA_6, offset)] {
        let expected = report(file);
        assert_eq!(got.agenda_item, expected.agenda_item);
        assert_eq!(got.meeting.meeting_item, expected.meeting.meeting_item);
        assert_eq!(
            got.recommendations_paragraph,
            expected.recommendations_paragraph
        );
        let read: Vec<(String, String, usize)> = got
            .recommendations
            .iter()
            .map(|r| (r.letter.clone(), r.text.to_string(), r.line))
            .collect();
        let seed: Vec<(String, String, usize)> = expected
            .recommendations
            .iter()
            .map(|r| (r.letter.clone(), r.text.to_string(), r.line + shift))
            .collect();
        assert_eq!(read, seed, "{file}");
    }
    let warnings: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.message.contains("not read"))
        .collect();
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn an_african_meeting_gets_its_region_and_code() {
    let text = read_seed(LAC_6).replace(
        "Latin American and Caribbean Regional Preparatory Meeting",
        "African Regional Preparatory Meeting",
    );
    let (report, _) = parse_report("africa.txt", &text);
    let report = report.unwrap();
    assert_eq!(report.meeting.region, Region::Africa);
    assert_eq!(report.recommendations[0].id, "AF-6-8a");
    let text = read_seed(LAC_6).replace("Latin American and Caribbean", "Central");
    let (report, diagnostics) = parse_report("nowhere.txt", &text);
    assert!(report.is_none());
    assert_eq!(diagnostics[0].line, Some(12));
    assert!(diagnostics[0]
        .message
        .starts_with("unknown region in meeting title 'Central Regional Preparatory Meeting"));
}

#[test]
fn summary_and_check_on_the_seeds() {
    let corpus = corpus();
    assert_eq!(
        ingest::summary(&corpus),
        "5 files read, 5 reports, 63 recommendations, 1 warning, 0 errors"
    );
    let findings = ingest::check(&corpus);
    // The repaired letter, and for the rapporteur the undated Asia and the
    // Pacific report and its proposer tags (tests/suite/check_notes.rs).
    assert_eq!(findings.len(), 3, "{findings:?}");
    assert!(findings.iter().any(|f| f
        .to_string()
        .contains("003_cc5942ef62d09ba8.txt:88: warning: OCR letter (1) repaired to (l)")));
    assert!(ingest::strict(corpus, true).is_ok());
}
