//! Positions: for each theme, which regions converge, which stand alone,
//! and the nuances between them.
//!
//! - Convergence compares the regions that contributed to a theme with the
//!   regions whose meetings reported on its agenda item: *converging* when
//!   all of them did (and more than one met), *shared* when two or more but
//!   not all did, *region-specific* when one did.
//! - Each region's position lists its recommendations with their
//!   references (`17 (l)`), the opening verbs, the strength it typically
//!   asks at (the most frequent among its recommendations, ties to the
//!   weaker), and what it names that the other regions in the theme do not
//!   (distinctive entities and terms).
//! - Nuances are stated with their sources: a *strength* nuance when regions
//!   ask at different strengths, an *addition* when a region adds entities
//!   or terms the others do not mention.
//!
//! The strength of an ask is read from its opening verb ([`opening`]):
//! hedged openings (`Consider`, `Explore`, `Encourage`, `Seek to…`,
//! `Study`) are exploratory; `Promote`, `Support`, `Facilitate`, `Foster`,
//! `Recognize`, `Continue`, `Show`, `Harness`… are supportive; `Ensure`,
//! `Adopt`, `Establish`, `Strengthen`, `Develop`, `Implement`, `Invest`,
//! `Update`, `Integrate`, `Enhance`, `Provide`, `Create`, `Modernize`… are
//! directive. Two joined verbs take the stronger (`Encourage and support`
//! is supportive), except after a hedge (`Seek to promote` stays
//! exploratory).
//!
//! Within an agenda item, themes are drafted converging first, then shared
//! (by more regions first), then region-specific; then larger first, then by
//! id, which is the order theme ids are numbered in.

use crate::model::{
    natural_cmp, AgendaItemSynthesis, AskStrength, Convergence, Corpus, EntityAnnotations,
    EntityKind, MeetingSummary, Nuance, Recommendation, Region, RegionalPosition, Report,
    Synthesis, SynthesisTheme, Theme, ThemeGraph, ThemePosition,
};
use crate::similarity::tokenise::tokenise;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Opening words that hedge the ask: the whole ask is exploratory.
const EXPLORATORY: &[&str] = &[
    "consider",
    "explore",
    "encourage",
    "seek",
    "study",
    "examine",
];
/// Verbs that back or advance something without committing to it.
const SUPPORTIVE: &[&str] = &[
    "promote",
    "support",
    "facilitate",
    "foster",
    "recognize",
    "recognise",
    "continue",
    "show",
    "harness",
    "leverage",
    "share",
    "reaffirm",
    "underscore",
    "acknowledge",
    "welcome",
];
/// Verbs that commit to act.
const DIRECTIVE: &[&str] = &[
    "ensure",
    "adopt",
    "establish",
    "strengthen",
    "develop",
    "implement",
    "invest",
    "update",
    "integrate",
    "enhance",
    "provide",
    "create",
    "modernize",
    "modernise",
    "expand",
    "improve",
    "increase",
    "build",
    "conduct",
    "mainstream",
    "take",
    "make",
    "apply",
    "prevent",
    "combat",
    "counter",
    "address",
    "organize",
    "organise",
    "reform",
    "ratify",
    "sign",
    "prioritize",
];

/// Distinctive entities kept per region and theme.
const MAX_DISTINCTIVE_ENTITIES: usize = 5;
/// Distinctive terms kept per region and theme.
const MAX_DISTINCTIVE_TERMS: usize = 5;

pub fn synthesize(
    corpus: &Corpus,
    annotations: &EntityAnnotations,
    graph: &ThemeGraph,
) -> Synthesis {
    let recommendations: Vec<Recommendation> = corpus.recommendations().cloned().collect();
    let by_id: HashMap<&str, &Recommendation> =
        recommendations.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut agenda_items = Vec::new();
    let mut themes = Vec::new();
    for item in corpus.agenda_items() {
        let reports: Vec<&Report> = corpus
            .reports
            .iter()
            .filter(|r| r.agenda_item == item)
            .collect();
        let met: Vec<Region> = reports
            .iter()
            .map(|r| r.region)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let item_themes: Vec<&Theme> = graph.themes().filter(|t| t.agenda_item == item).collect();
        let rarity = TermRarity::of(
            item_themes.iter().flat_map(|t| &t.recommendations),
            &by_id,
            annotations,
        );
        let mut drafted: Vec<SynthesisTheme> = item_themes
            .into_iter()
            .map(|t| SynthesisTheme {
                theme: t.clone(),
                position: position(t, &met, &by_id, annotations, &rarity),
            })
            .collect();
        drafted.sort_by(|a, b| {
            a.position
                .convergence
                .cmp(&b.position.convergence)
                .then(b.theme.regions.len().cmp(&a.theme.regions.len()))
                .then(
                    b.theme
                        .recommendations
                        .len()
                        .cmp(&a.theme.recommendations.len()),
                )
                .then_with(|| natural_cmp(&a.theme.id, &b.theme.id))
        });
        agenda_items.push(AgendaItemSynthesis {
            title: reports.iter().find_map(|r| r.item_title.clone()),
            regions: met,
            meetings: reports.iter().map(|r| meeting_summary(r)).collect(),
            themes: drafted.iter().map(|t| t.theme.id.clone()).collect(),
            agenda_item: item,
        });
        themes.extend(drafted);
    }
    Synthesis {
        agenda_items,
        themes,
        recommendations,
        diagnostics: corpus.diagnostics.clone(),
    }
}

fn meeting_summary(r: &Report) -> MeetingSummary {
    MeetingSummary {
        region: r.region,
        file: r.file.clone(),
        meeting_title: r.meeting_title.clone(),
        venue: r.venue.clone(),
        meeting_dates: r.meeting_dates.clone(),
        rapporteur: r.rapporteur.clone(),
        document_date: r.document_date.clone(),
        meeting_item: r.meeting_item.clone(),
        workshop: r.workshop,
        speakers: r.speakers.clone(),
        recommendations: r.recommendations.len(),
    }
}

/// Convergence of a theme contributed to by `contributing` of the `met`
/// regions.
pub fn convergence(contributing: &[Region], met: &[Region]) -> Convergence {
    if contributing.len() <= 1 {
        Convergence::RegionSpecific
    } else if met.iter().all(|r| contributing.contains(r)) {
        Convergence::Converging
    } else {
        Convergence::Shared
    }
}

/// The opening verb phrase of a recommendation and the strength of its ask.
/// Looks for the first known verb among the first words, so that
/// `Under the auspices of UNODC, establish…` reads as `establish`.
pub fn opening(text: &str) -> (String, AskStrength) {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .take(12)
        .collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let Some(first) = lower.iter().position(|w| verb_strength(w).is_some()) else {
        let verb = words.first().map(|w| w.to_string()).unwrap_or_default();
        return (verb, AskStrength::Supportive);
    };
    let mut end = first + 1;
    let mut strength = verb_strength(&lower[first]).unwrap_or(AskStrength::Supportive);
    // "Seek to promote", "Continue to mainstream": the verb after "to".
    if lower.get(end).is_some_and(|w| w == "to")
        && lower
            .get(end + 1)
            .is_some_and(|w| verb_strength(w).is_some())
    {
        let next = verb_strength(&lower[end + 1]).unwrap_or(strength);
        if strength != AskStrength::Exploratory {
            strength = strength.max(next);
        }
        end += 2;
    }
    // "Encourage and support", "Establish and strengthen".
    if lower.get(end).is_some_and(|w| w == "and")
        && lower
            .get(end + 1)
            .is_some_and(|w| verb_strength(w).is_some())
    {
        strength = strength.max(verb_strength(&lower[end + 1]).unwrap_or(strength));
        end += 2;
    }
    let phrase = words[first..end].join(" ");
    (capitalise(&phrase), strength)
}

fn verb_strength(word: &str) -> Option<AskStrength> {
    if EXPLORATORY.contains(&word) {
        Some(AskStrength::Exploratory)
    } else if SUPPORTIVE.contains(&word) {
        Some(AskStrength::Supportive)
    } else if DIRECTIVE.contains(&word) {
        Some(AskStrength::Directive)
    } else {
        None
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Content words of one recommendation (readable form) and its entities.
struct Vocabulary {
    terms: BTreeSet<String>,
    entities: BTreeSet<String>,
}

fn vocabulary(r: &Recommendation, annotations: &EntityAnnotations) -> Vocabulary {
    let mentions = annotations.of(&r.id);
    Vocabulary {
        terms: tokenise(&r.text, mentions)
            .into_iter()
            .map(|t| t.word)
            .collect(),
        entities: mentions
            .iter()
            .filter(|m| m.kind != EntityKind::MemberState)
            .map(|m| m.name.clone())
            .collect(),
    }
}

/// How many of an agenda item's recommendations use each word, to keep
/// distinctive terms that recur in the item and rank them rarest first.
struct TermRarity {
    document_frequency: HashMap<String, usize>,
}

impl TermRarity {
    fn of<'a>(
        ids: impl Iterator<Item = &'a String>,
        by_id: &HashMap<&str, &Recommendation>,
        annotations: &EntityAnnotations,
    ) -> Self {
        let mut document_frequency = HashMap::new();
        for id in ids {
            if let Some(r) = by_id.get(id.as_str()) {
                for t in vocabulary(r, annotations).terms {
                    *document_frequency.entry(t).or_insert(0) += 1;
                }
            }
        }
        TermRarity { document_frequency }
    }

    fn frequency(&self, term: &str) -> usize {
        self.document_frequency.get(term).copied().unwrap_or(0)
    }
}

fn position(
    theme: &Theme,
    met: &[Region],
    by_id: &HashMap<&str, &Recommendation>,
    annotations: &EntityAnnotations,
    rarity: &TermRarity,
) -> ThemePosition {
    let members: Vec<&Recommendation> = theme
        .recommendations
        .iter()
        .filter_map(|id| by_id.get(id.as_str()).copied())
        .collect();
    let mut by_region: BTreeMap<Region, Vec<&Recommendation>> = BTreeMap::new();
    for r in &members {
        by_region.entry(r.region).or_default().push(r);
    }
    let vocabularies: HashMap<&str, Vocabulary> = members
        .iter()
        .map(|r| (r.id.as_str(), vocabulary(r, annotations)))
        .collect();
    let regions: Vec<Region> = by_region.keys().copied().collect();
    let positions: Vec<RegionalPosition> = by_region
        .iter()
        .map(|(&region, recs)| regional_position(region, recs, &by_region, &vocabularies, rarity))
        .collect();
    let nuances = nuances(&positions, &by_region, &vocabularies);
    ThemePosition {
        convergence: convergence(&regions, met),
        absent_regions: met
            .iter()
            .copied()
            .filter(|r| !regions.contains(r))
            .collect(),
        regions,
        by_region: positions,
        nuances,
    }
}

fn regional_position(
    region: Region,
    recs: &[&Recommendation],
    by_region: &BTreeMap<Region, Vec<&Recommendation>>,
    vocabularies: &HashMap<&str, Vocabulary>,
    rarity: &TermRarity,
) -> RegionalPosition {
    let openings: Vec<(String, AskStrength)> = recs.iter().map(|r| opening(&r.text)).collect();
    let mut verbs: Vec<String> = Vec::new();
    for (verb, _) in &openings {
        if !verbs.contains(verb) {
            verbs.push(verb.clone());
        }
    }
    let strength = typical_strength(openings.iter().map(|(_, s)| *s));
    let (distinctive_entities, distinctive_terms) = if by_region.len() > 1 {
        distinctive(region, by_region, vocabularies, rarity)
    } else {
        (Vec::new(), Vec::new())
    };
    RegionalPosition {
        region,
        recommendations: recs.iter().map(|r| r.id.clone()).collect(),
        references: recs.iter().map(|r| r.reference()).collect(),
        verbs,
        strength,
        distinctive_entities,
        distinctive_terms,
    }
}

/// The strength a region asks at in a theme: the most frequent among its
/// recommendations, ties going to the weaker (a region asks firmly only
/// when it mostly does).
pub fn typical_strength(strengths: impl Iterator<Item = AskStrength>) -> AskStrength {
    let mut counts: BTreeMap<AskStrength, usize> = BTreeMap::new();
    for s in strengths {
        *counts.entry(s).or_insert(0) += 1;
    }
    // Iterating from weakest to strongest, a later strength must be
    // strictly more frequent to win.
    counts
        .into_iter()
        .fold(
            None,
            |best: Option<(AskStrength, usize)>, (s, n)| match best {
                Some((_, m)) if m >= n => best,
                _ => Some((s, n)),
            },
        )
        .map_or(AskStrength::Supportive, |(s, _)| s)
}

/// Entities and terms `region` uses in the theme and no other region does;
/// terms rarest in the agenda item first.
fn distinctive(
    region: Region,
    by_region: &BTreeMap<Region, Vec<&Recommendation>>,
    vocabularies: &HashMap<&str, Vocabulary>,
    rarity: &TermRarity,
) -> (Vec<String>, Vec<String>) {
    let gather = |regions: &mut dyn Iterator<Item = &Recommendation>| {
        let mut entities = BTreeSet::new();
        let mut terms = BTreeSet::new();
        for r in regions {
            let v = &vocabularies[r.id.as_str()];
            entities.extend(v.entities.iter().cloned());
            terms.extend(v.terms.iter().cloned());
        }
        (entities, terms)
    };
    let (own_entities, own_terms) = gather(&mut by_region[&region].iter().copied());
    let (other_entities, other_terms) = gather(
        &mut by_region
            .iter()
            .filter(|(r, _)| **r != region)
            .flat_map(|(_, recs)| recs.iter().copied()),
    );
    let entities = own_entities
        .difference(&other_entities)
        .take(MAX_DISTINCTIVE_ENTITIES)
        .cloned()
        .collect();
    // Words no other recommendation of the item uses are one-offs, not
    // something a region adds to the theme.
    let mut terms: Vec<String> = own_terms
        .difference(&other_terms)
        .filter(|t| rarity.frequency(t) >= 2)
        .cloned()
        .collect();
    terms.sort_by(|a, b| {
        rarity
            .frequency(a)
            .cmp(&rarity.frequency(b))
            .then_with(|| a.cmp(b))
    });
    terms.truncate(MAX_DISTINCTIVE_TERMS);
    (entities, terms)
}

fn nuances(
    positions: &[RegionalPosition],
    by_region: &BTreeMap<Region, Vec<&Recommendation>>,
    vocabularies: &HashMap<&str, Vocabulary>,
) -> Vec<Nuance> {
    let mut nuances = Vec::new();
    if let Some(strength) = strength_nuance(positions, by_region) {
        nuances.push(strength);
    }
    for p in positions {
        if p.distinctive_entities.is_empty() && p.distinctive_terms.is_empty() {
            continue;
        }
        let sources = by_region[&p.region]
            .iter()
            .filter(|r| {
                let v = &vocabularies[r.id.as_str()];
                p.distinctive_entities
                    .iter()
                    .any(|e| v.entities.contains(e))
                    || p.distinctive_terms.iter().any(|t| v.terms.contains(t))
            })
            .map(|r| r.id.clone())
            .collect();
        nuances.push(Nuance::Addition {
            region: p.region,
            entities: p.distinctive_entities.clone(),
            terms: p.distinctive_terms.clone(),
            sources,
        });
    }
    nuances
}

/// Regions asking at the strongest and at the weakest strength, when they
/// differ, with the recommendations that set those strengths.
fn strength_nuance(
    positions: &[RegionalPosition],
    by_region: &BTreeMap<Region, Vec<&Recommendation>>,
) -> Option<Nuance> {
    let strongest = positions.iter().map(|p| p.strength).max()?;
    let weakest = positions.iter().map(|p| p.strength).min()?;
    if strongest == weakest {
        return None;
    }
    let at = |s: AskStrength| -> Vec<Region> {
        positions
            .iter()
            .filter(|p| p.strength == s)
            .map(|p| p.region)
            .collect()
    };
    let (stronger, weaker) = (at(strongest), at(weakest));
    let sources = stronger
        .iter()
        .map(|r| (r, strongest))
        .chain(weaker.iter().map(|r| (r, weakest)))
        .flat_map(|(region, s)| {
            by_region[region]
                .iter()
                .filter(move |r| opening(&r.text).1 == s)
                .map(|r| r.id.clone())
        })
        .collect();
    Some(Nuance::Strength {
        stronger,
        weaker,
        sources,
    })
}
