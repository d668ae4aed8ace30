//! Synthetic corpora for benchmarks and tests: N recommendations spread
//! over reports written in the seeds' formats, in one of two wordings.
//!
//! [`generate_distinct`], the default, writes an archive as real ones are:
//! every recommendation a new wording, built from opening verbs (operative
//! and hedged), clauses and terms recombined, with a Zipf-like vocabulary
//! that grows with the corpus (Heaps' law: the seeds' words first, then
//! coined terms) and entities from the gazetteer. Recommendations fall into
//! latent topics (a few core terms and entities each, more topics as the
//! corpus grows), so that there are themes to find.
//!
//! [`generate`] (`--repeat`) recombines and perturbs the seed
//! recommendations, so that wordings repeat as copied text does.
//!
//! In the repeated mode every generated recommendation starts from a seed recommendation of the
//! same Congress agenda item, so the corpus keeps the seeds' cluster
//! structure (near variants of one recommendation across regions), and is
//! then perturbed: synonym swaps, entity swaps (UNTOC ↔ UNCAC, trafficking
//! in persons ↔ smuggling of migrants…), clause reordering and, now and
//! then, a clause borrowed from another recommendation. Reports vary in
//! layout as the seeds do: Markdown headings, plain text, ` - (a)` items,
//! page-break debris and wrapped lines. The same seed gives the same files.

use crate::model::{Corpus, Region};
use std::path::Path;

/// Fewest and most recommendations per generated report (the seeds hold
/// 12 to 16).
const RECOMMENDATIONS_PER_REPORT: (usize, usize) = (10, 20);

/// Word or phrase swaps that keep the meaning (both directions apply).
const SYNONYMS: &[(&str, &str)] = &[
    ("Strengthen", "Enhance"),
    ("Promote", "Foster"),
    ("Develop", "Establish"),
    ("Support", "Assist"),
    ("Consider", "Explore"),
    ("Ensure", "Guarantee"),
    ("capacity-building", "training"),
    ("cooperation", "collaboration"),
    ("mechanisms", "arrangements"),
    ("countries", "States"),
    (
        "criminal justice officials",
        "criminal justice practitioners",
    ),
    ("good practices", "best practices"),
    ("in particular", "particularly"),
    ("including", "such as"),
    ("relevant", "appropriate"),
];

/// Entities that can stand for one another in a recommendation.
const ENTITY_SWAPS: &[(&str, &str)] = &[
    ("UNTOC", "UNCAC"),
    ("trafficking in persons", "smuggling of migrants"),
    ("artificial intelligence", "digital technologies"),
    ("INTERPOL", "EUROPOL"),
    ("corruption", "money-laundering"),
    ("terrorism", "organized crime"),
    ("children", "women"),
];

/// Words a page break leaves in text extracted from PDF.
const PAGE_DEBRIS: &str = "Please recycle";

/// A small, fast, deterministic pseudo-random generator (SplitMix64).
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// How a generated report is laid out, after the seeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// Markdown headings, as a converted Word document.
    Markdown,
    /// Plain text extracted from PDF, with page-break debris and lines
    /// wrapped at a fixed width.
    Plain,
    /// Plain text whose items are printed ` - (a) …`.
    Dashed,
}

const LAYOUTS: [Layout; 3] = [Layout::Markdown, Layout::Plain, Layout::Dashed];

/// One agenda item's material taken from the seeds: how its heading reads
/// and the recommendations to recombine.
#[derive(Debug, Clone)]
struct ItemSource {
    agenda_item: String,
    meeting_item: String,
    item_title: String,
    recommendations: Vec<String>,
}

/// A generated report: file name and full text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedReport {
    pub file_name: String,
    pub text: String,
}

/// Meeting details per region, invented but in the seeds' style.
struct Meeting {
    region: Region,
    title_adjective: &'static str,
    venue: &'static str,
    dates: &'static str,
    document_date: &'static str,
    rapporteur: &'static str,
}

const MEETINGS: [Meeting; 5] = [
    Meeting {
        region: Region::Africa,
        title_adjective: "African",
        venue: "Addis Ababa",
        dates: "11–13 March 2025",
        document_date: "13 March 2025",
        rapporteur: "Amina Diallo (Senegal)",
    },
    Meeting {
        region: Region::AsiaPacific,
        title_adjective: "Asia and Pacific",
        venue: "Bangkok",
        dates: "21–23 January 2025",
        document_date: "23 January 2025",
        rapporteur: "Sheraz Ali (Pakistan)",
    },
    Meeting {
        region: Region::Europe,
        title_adjective: "European",
        venue: "Vienna",
        dates: "25–27 March 2025",
        document_date: "27 March 2025",
        rapporteur: "Nicolas Karges (France)",
    },
    Meeting {
        region: Region::LatinAmericaCaribbean,
        title_adjective: "Latin American and Caribbean",
        venue: "San José",
        dates: "4–6 February 2025",
        document_date: "6 February 2025",
        rapporteur: "Rodrigo Bertoglio Cardoso (Brazil)",
    },
    Meeting {
        region: Region::WesternAsia,
        title_adjective: "Western Asia",
        venue: "Marrakech, Morocco",
        dates: "23–25 April 2025",
        document_date: "25 April 2025",
        rapporteur: "Abdulla Dhaen Al-Kuwari (Qatar)",
    },
];

/// Generates `count` recommendations over as many reports as needed, from
/// the seed corpus `seeds`. Fails when the seeds hold no recommendation.
pub fn generate(seeds: &Corpus, count: usize, seed: u64) -> crate::Result<Vec<GeneratedReport>> {
    let sources = item_sources(seeds);
    if sources.is_empty() {
        return Err(crate::Error::Other(
            "the seed corpus holds no recommendation to recombine (expected report files with lettered recommendations)".into(),
        ));
    }
    let mut rng = SplitMix64::new(seed);
    let mut reports = Vec::new();
    let mut left = count;
    while left > 0 {
        let (fewest, most) = RECOMMENDATIONS_PER_REPORT;
        let size = (fewest + rng.below(most - fewest + 1)).min(left);
        let index = reports.len();
        let meeting = &MEETINGS[index % MEETINGS.len()];
        let source = &sources[(index / MEETINGS.len()) % sources.len()];
        let layout = *rng.pick(&LAYOUTS);
        let recommendations: Vec<String> = (0..size)
            .map(|_| perturbed_recommendation(source, &sources, &mut rng))
            .collect();
        let text = report_text(meeting, source, layout, &recommendations, index, &mut rng);
        reports.push(GeneratedReport {
            file_name: format!("{:06}_{}.txt", index, meeting.region.code().to_lowercase()),
            text,
        });
        left -= size;
    }
    Ok(reports)
}

/// Generates `count` recommendations, every one a new wording (see the
/// module's documentation), over reports laid out as the seeds are.
pub fn generate_distinct(
    seeds: &Corpus,
    count: usize,
    seed: u64,
) -> crate::Result<Vec<GeneratedReport>> {
    let sources = item_sources(seeds);
    if sources.is_empty() {
        return Err(crate::Error::Other(
            "the seed corpus holds no recommendation to take words from (expected report files with lettered recommendations)".into(),
        ));
    }
    let mut rng = SplitMix64::new(seed);
    let mut archive = Archive::new(&sources, count);
    let mut reports = Vec::new();
    let mut left = count;
    let mut made = 0usize;
    while left > 0 {
        let (fewest, most) = RECOMMENDATIONS_PER_REPORT;
        let size = (fewest + rng.below(most - fewest + 1)).min(left);
        let index = reports.len();
        let meeting = &MEETINGS[index % MEETINGS.len()];
        let item = (index / MEETINGS.len()) % sources.len();
        let layout = *rng.pick(&LAYOUTS);
        let recommendations: Vec<String> = (0..size)
            .map(|_| {
                made += 1;
                archive.recommendation(item, made, &mut rng)
            })
            .collect();
        let text = report_text(
            meeting,
            &sources[item],
            layout,
            &recommendations,
            index,
            &mut rng,
        );
        reports.push(GeneratedReport {
            file_name: format!("{:06}_{}.txt", index, meeting.region.code().to_lowercase()),
            text,
        });
        left -= size;
    }
    Ok(reports)
}

/// Opening verbs, operative and hedged, as the reports use them.
const OPENINGS: &[&str] = &[
    "Strengthen",
    "Promote",
    "Develop",
    "Ensure",
    "Establish",
    "Enhance",
    "Adopt",
    "Support",
    "Foster",
    "Facilitate",
    "Invest in",
    "Integrate",
    "Provide",
    "Improve",
    "Expand",
    "Consider",
    "Explore",
    "Encourage Member States to promote",
    "Seek to promote",
    "Continue to support",
    "Recognize and harness",
    "Promote and support",
];

/// Clause frames after the first; `{}` stands for a noun phrase or entity.
const CLAUSES: &[&str] = &[
    "including through {}",
    "in accordance with {}",
    "with particular attention to {}",
    "taking into account {}",
    "in cooperation with {}",
    "while respecting {}",
    "through {} and {}",
    "and {} the {} of {}",
    "with a view to {}",
];

/// Connectives inside a noun phrase.
const LINKS: &[&str] = &["of", "for", "on", "in", "against", "and"];

/// Syllables of coined terms: a real archive keeps meeting words the
/// seeds never used.
const SYLLABLES: &[&str] = &[
    "ra", "to", "mi", "ven", "sul", "dor", "ka", "lis", "pe", "qua", "tri", "nor", "bel", "cas",
    "fen", "gi", "mo", "tel", "vor", "zan",
];
const SUFFIXES: &[&str] = &["tion", "ment", "ity", "ance", "ism", "ure", "ing", "al"];

/// The material of a distinct-wording archive: its vocabulary in Zipf
/// rank order, the entities, the latent topics of each agenda item, and the
/// wordings already made (so that none repeats).
struct Archive {
    words: Vec<String>,
    entities: Vec<String>,
    /// Per agenda item, per topic: core term ranks and entity indices.
    topics: Vec<Vec<(Vec<usize>, Vec<usize>)>>,
    made: std::collections::HashSet<String>,
}

impl Archive {
    fn new(sources: &[ItemSource], count: usize) -> Archive {
        // The seeds' content words, most frequent first, then coined terms
        // for the vocabulary a large archive needs.
        let mut frequency: std::collections::BTreeMap<String, usize> = Default::default();
        for text in sources.iter().flat_map(|s| &s.recommendations) {
            for (start, end) in crate::text::word_spans(text) {
                let word = text[start..end].to_lowercase();
                if crate::text::is_content_word(&word) && word.chars().all(char::is_alphabetic) {
                    *frequency.entry(word).or_default() += 1;
                }
            }
        }
        let mut words: Vec<(String, usize)> = frequency.into_iter().collect();
        words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let mut words: Vec<String> = words.into_iter().map(|(w, _)| w).collect();
        let needed = vocabulary_size(count);
        let mut n = 0usize;
        while words.len() < needed {
            words.push(coined(n));
            n += 1;
        }
        let entities: Vec<String> = crate::entities::Gazetteer::embedded()
            .entities()
            .iter()
            .filter(|e| e.kind != crate::model::EntityKind::MemberState)
            .flat_map(|e| std::iter::once(e.name.clone()).chain(e.aliases.iter().cloned()))
            .collect();
        // About one topic per 25 recommendations of an item.
        let per_item = (count / sources.len().max(1) / 25).max(4);
        let mut rng = SplitMix64::new(0x70_71C5);
        let topics = sources
            .iter()
            .map(|_| {
                (0..per_item)
                    .map(|_| {
                        let terms = (0..8).map(|_| zipf(&mut rng, words.len())).collect();
                        let names = (0..2).map(|_| rng.below(entities.len())).collect();
                        (terms, names)
                    })
                    .collect()
            })
            .collect();
        Archive {
            words,
            entities,
            topics,
            made: Default::default(),
        }
    }

    /// A new wording under agenda item `item`; `made` counts the
    /// recommendations so far, which sets how much vocabulary is in use.
    fn recommendation(&mut self, item: usize, made: usize, rng: &mut SplitMix64) -> String {
        let vocabulary = vocabulary_size(made).min(self.words.len());
        loop {
            let topic = rng.below(self.topics[item].len());
            let text = self.compose(item, topic, vocabulary, rng);
            if self.made.insert(text.clone()) {
                return text;
            }
        }
    }

    fn compose(
        &self,
        item: usize,
        topic: usize,
        vocabulary: usize,
        rng: &mut SplitMix64,
    ) -> String {
        let (core, names) = &self.topics[item][topic];
        let term = |rng: &mut SplitMix64| -> &str {
            if rng.chance(60) {
                &self.words[*rng.pick(core)]
            } else {
                &self.words[zipf(rng, vocabulary)]
            }
        };
        let phrase = |rng: &mut SplitMix64| -> String {
            let mut p = format!("{} {}", term(rng), term(rng));
            if rng.chance(60) {
                let link = *rng.pick(LINKS);
                p = format!("{p} {link} {} {}", term(rng), term(rng));
            }
            p
        };
        let mut text = format!("{} {}", rng.pick(OPENINGS), phrase(rng));
        for _ in 0..1 + rng.below(3) {
            let frame = *rng.pick(CLAUSES);
            let mut clause = String::new();
            for (i, part) in frame.split("{}").enumerate() {
                if i > 0 {
                    if rng.chance(25) {
                        clause.push_str(&self.entities[*rng.pick(names)]);
                    } else {
                        clause.push_str(&phrase(rng));
                    }
                }
                clause.push_str(part);
            }
            text.push_str(if rng.chance(50) { ", " } else { "; " });
            text.push_str(clause.trim());
        }
        text
    }
}

/// Distinct words in use after `n` recommendations (Heaps' law).
fn vocabulary_size(n: usize) -> usize {
    400 + (30.0 * (n as f64).powf(0.6)) as usize
}

/// A Zipf-distributed rank in `0..n` (exponent 1: rank r about 1/r likely).
fn zipf(rng: &mut SplitMix64, n: usize) -> usize {
    let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
}

/// The `n`-th coined term: syllables then a suffix.
fn coined(n: usize) -> String {
    let mut word = String::new();
    let mut rest = n;
    for _ in 0..3 {
        word.push_str(SYLLABLES[rest % SYLLABLES.len()]);
        rest /= SYLLABLES.len();
    }
    word.push_str(SUFFIXES[rest % SUFFIXES.len()]);
    if rest >= SUFFIXES.len() {
        word.push_str(&format!("{}", rest / SUFFIXES.len()));
    }
    word
}

/// Writes the reports into `dir` (created when missing).
pub fn write_reports(dir: &Path, reports: &[GeneratedReport]) -> crate::Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| crate::Error::io(dir, e))?;
    for report in reports {
        let path = dir.join(&report.file_name);
        std::fs::write(&path, &report.text).map_err(|e| crate::Error::io(&path, e))?;
    }
    Ok(())
}

/// The seeds' agenda items with their headings and recommendations, in a
/// stable order (by agenda item, then the seeds' own report order).
fn item_sources(seeds: &Corpus) -> Vec<ItemSource> {
    let mut sources: Vec<ItemSource> = Vec::new();
    for report in &seeds.reports {
        let Some(title) = report.item_title.clone() else {
            continue;
        };
        let texts = report.recommendations.iter().map(|r| r.text.to_string());
        match sources
            .iter_mut()
            .find(|s| s.agenda_item == report.agenda_item)
        {
            Some(source) => source.recommendations.extend(texts),
            None => sources.push(ItemSource {
                agenda_item: report.agenda_item.clone(),
                meeting_item: report
                    .meeting
                    .meeting_item
                    .clone()
                    .unwrap_or_else(|| "5".into()),
                item_title: title,
                recommendations: texts.collect(),
            }),
        }
    }
    sources.retain(|s| !s.recommendations.is_empty());
    sources.sort_by(|a, b| crate::model::natural_cmp(&a.agenda_item, &b.agenda_item));
    sources
}

/// A seed recommendation of the item, perturbed.
fn perturbed_recommendation(
    source: &ItemSource,
    all: &[ItemSource],
    rng: &mut SplitMix64,
) -> String {
    let base = rng.pick(&source.recommendations);
    let mut clauses = split_clauses(base);
    if clauses.len() > 1 && rng.chance(30) {
        // Reorder the clauses after the first, which carries the verb.
        let last = clauses.len() - 1;
        clauses.swap(1 + rng.below(last), last);
    }
    if rng.chance(15) {
        // Borrow a clause from another recommendation of the same item,
        // rarely of another item, as drafting committees do.
        let donor_item = if rng.chance(90) {
            source
        } else {
            rng.pick(all)
        };
        let donor = split_clauses(rng.pick::<String>(&donor_item.recommendations));
        if donor.len() > 1 {
            clauses.push(donor[1 + rng.below(donor.len() - 1)].clone());
        }
    }
    let mut text = clauses.join("; ");
    text = apply_swaps(&text, SYNONYMS, 35, rng);
    text = apply_swaps(&text, ENTITY_SWAPS, 25, rng);
    text
}

/// Clauses of a recommendation: its semicolon-separated parts, without the
/// closing punctuation or a trailing "and".
fn split_clauses(text: &str) -> Vec<String> {
    let trimmed = text
        .trim()
        .trim_end_matches([';', '.', ','])
        .trim_end()
        .trim_end_matches("; and")
        .trim_end_matches(" and");
    trimmed
        .split("; ")
        .map(|c| c.trim().trim_start_matches("and ").to_string())
        .filter(|c| !c.is_empty())
        .collect()
}

/// Swaps each pair present in `text`, in one direction or the other, with
/// the given chance per pair.
fn apply_swaps(text: &str, table: &[(&str, &str)], percent: u64, rng: &mut SplitMix64) -> String {
    let mut text = text.to_string();
    for &(a, b) in table {
        if !rng.chance(percent) {
            continue;
        }
        let (from, to) = if text.contains(a) { (a, b) } else { (b, a) };
        if text.contains(from) {
            // One placeholder step, so a text holding both sides of a pair
            // swaps them rather than merging them.
            text = text
                .replace(to, "\u{1}")
                .replace(from, to)
                .replace('\u{1}', from);
        }
    }
    text
}

/// Letter of the `i`-th item: a, b, … z, then aa, ab… (never reached with
/// at most 20 per report).
fn letter(i: usize) -> String {
    let alphabet = b"abcdefghijklmnopqrstuvwxyz";
    if i < 26 {
        (alphabet[i] as char).to_string()
    } else {
        format!("{}{}", letter(i / 26 - 1), alphabet[i % 26] as char)
    }
}

/// The full text of one report.
fn report_text(
    meeting: &Meeting,
    source: &ItemSource,
    layout: Layout,
    recommendations: &[String],
    index: usize,
    rng: &mut SplitMix64,
) -> String {
    let title = format!(
        "{} Regional Preparatory Meeting for the Fifteenth United Nations Congress on Crime Prevention and Criminal Justice",
        meeting.title_adjective
    );
    let (h1, h2, h3) = match layout {
        Layout::Markdown => ("# ", "## ", "### "),
        _ => ("", "", ""),
    };
    let rapporteur_label = match layout {
        Layout::Markdown => "*Rapporteur:*",
        _ => "Rapporteur:",
    };
    let paragraph = 6 + rng.below(14);
    let mut out = String::new();
    out.push_str(&format!(
        "\n\n{h1}General Assembly\n\nDistr.: Limited\n{}\n\nEnglish only\n\n",
        meeting.document_date
    ));
    out.push_str(&format!(
        "{h2}{title}\n\n{}, {}\n\n{h3}Draft report\n\n{rapporteur_label} {}\n\n{h3}Addendum\n\n",
        meeting.venue, meeting.dates, meeting.rapporteur
    ));
    out.push_str(&format!(
        "{h2}II. Recommendations (continued)\n\n{h3}B. Substantive items and workshops – Agenda item {}\n\n",
        source.meeting_item
    ));
    out.push_str(&format!("4. {}\n\n", source.item_title));
    out.push_str(&format!(
        "1. An introductory presentation was delivered by a representative of the Secretariat (synthetic report {index}).\n\n"
    ));
    out.push_str(&format!("{h3}Summary of deliberations\n\n"));
    out.push_str(&format!(
        "2. Several speakers addressed the agenda item, and the discussion covered {} questions.\n\n",
        recommendations.len()
    ));
    let outcome = match layout {
        Layout::Markdown => "#### **Outcome of deliberations**",
        _ => "Outcome of deliberations",
    };
    out.push_str(&format!(
        "{outcome}\n\n{paragraph}. The following recommendations, which were not negotiated by the participants, were identified:\n\n"
    ));
    let last = recommendations.len().saturating_sub(1);
    for (i, text) in recommendations.iter().enumerate() {
        let end = if i == last { "." } else { ";" };
        let item = format!("({}) {}{end}", letter(i), text);
        match layout {
            Layout::Markdown => out.push_str(&format!("{item}\n\n")),
            Layout::Dashed => out.push_str(&format!(" - {item}\n")),
            Layout::Plain => {
                out.push_str(&wrap(&item, 90));
                out.push_str("\n\n");
                if i != last && rng.chance(10) {
                    out.push_str(&format!("\n\n{PAGE_DEBRIS}\n\n\n"));
                }
            }
        }
    }
    out
}

/// Wraps `text` at `width` columns on spaces, as PDF extraction does.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut column = 0;
    for word in text.split(' ') {
        if column > 0 && column + 1 + word.chars().count() > width {
            out.push('\n');
            column = 0;
        } else if column > 0 {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += word.chars().count();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_is_deterministic_and_spread() {
        let mut a = SplitMix64::new(7);
        let mut b = SplitMix64::new(7);
        let xs: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..5).map(|_| b.next_u64()).collect();
        assert_eq!(xs, ys);
        assert!(xs.windows(2).all(|w| w[0] != w[1]));
    }

    #[test]
    fn swaps_exchange_both_sides() {
        let mut rng = SplitMix64::new(1);
        let text = "use UNTOC and UNCAC";
        let swapped = apply_swaps(text, &[("UNTOC", "UNCAC")], 100, &mut rng);
        assert_eq!(swapped, "use UNCAC and UNTOC");
    }

    #[test]
    fn clauses_split_on_semicolons() {
        assert_eq!(
            split_clauses("Do a; do b; and do c;"),
            vec!["Do a", "do b", "do c"]
        );
    }

    #[test]
    fn wrapping_keeps_every_word() {
        let text = "one two three four five six seven";
        let wrapped = wrap(text, 10);
        assert!(wrapped.lines().all(|l| l.chars().count() <= 10));
        assert_eq!(wrapped.replace('\n', " "), text);
    }
}
