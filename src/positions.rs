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
    EntityKind, EntityMention, MeetingSummary, Nuance, Recommendation, Region, RegionalPosition,
    Report, Synthesis, SynthesisTheme, Theme, ThemeGraph, ThemePosition,
};
use crate::similarity::tokenise::is_stop_word;
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
    synthesize_owned(
        corpus,
        corpus.recommendations().cloned().collect(),
        annotations,
        graph,
    )
}

/// [`synthesize`] for a caller that already holds a copy of the corpus's
/// recommendations (in corpus order), which the synthesis then keeps
/// instead of copying them again.
pub fn synthesize_owned(
    corpus: &Corpus,
    recommendations: Vec<Recommendation>,
    annotations: &EntityAnnotations,
    graph: &ThemeGraph,
) -> Synthesis {
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
        let profiles = Profiles::of(&item_themes, &by_id, annotations);
        let rarity = TermRarity::of(&item_themes, &profiles);
        let mut drafted: Vec<SynthesisTheme> = item_themes
            .iter()
            .map(|t| SynthesisTheme {
                theme: (*t).clone(),
                position: position(t, &met, &profiles, &rarity),
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

/// What positions reads from one recommendation: its opening and its
/// vocabulary, worked out once however many times it is looked at.
struct Profile<'a> {
    recommendation: &'a Recommendation,
    verb: String,
    strength: AskStrength,
    /// Content words, by their number in the item's [`Lexicon`], sorted,
    /// without repeats.
    terms: Vec<u32>,
    /// Canonical names of the entities other than Member States, sorted,
    /// without repeats.
    entities: Vec<&'a str>,
}

impl Profile<'_> {
    fn uses_term(&self, term: u32) -> bool {
        self.terms.binary_search(&term).is_ok()
    }

    fn names_entity(&self, entity: &str) -> bool {
        self.entities.binary_search(&entity).is_ok()
    }
}

/// The content words of an agenda item's recommendations, numbered.
///
/// Gives the same words as [`tokenise`](crate::similarity::tokenise::tokenise) (checked by a test), but judges
/// each distinct spelling once: stemming every occurrence of every word
/// again was most of this stage's time.
#[derive(Default)]
struct Lexicon<'a> {
    /// Each spelling met in the texts: its word's number, or `None` for a
    /// word `tokenise` drops.
    spellings: HashMap<&'a str, Option<u32>>,
    /// Lower-case content word → number, in the order first met.
    numbers: HashMap<String, u32>,
}

impl<'a> Lexicon<'a> {
    /// Numbers of the content words of `text`, outside entity mentions.
    fn content_words(&mut self, text: &'a str, mentions: &[EntityMention]) -> Vec<u32> {
        let mut words = Vec::new();
        let mut mention = mentions.iter().peekable();
        for (start, end) in crate::entities::word_spans(text) {
            // Words inside a mention count as the entity, not as terms.
            while mention.peek().is_some_and(|m| m.end <= start) {
                mention.next();
            }
            if mention.peek().is_some_and(|m| m.start <= start) {
                continue;
            }
            if let Some(number) = self.number(&text[start..end]) {
                words.push(number);
            }
        }
        words
    }

    fn number(&mut self, spelling: &'a str) -> Option<u32> {
        if let Some(&number) = self.spellings.get(spelling) {
            return number;
        }
        let word = spelling.to_lowercase();
        let number = is_content_word(&word).then(|| {
            let next = self.numbers.len() as u32;
            *self.numbers.entry(word).or_insert(next)
        });
        self.spellings.insert(spelling, number);
        number
    }

    /// The words in alphabetical order, and for each number met so far
    /// the word's place in that order.
    fn alphabetical(self) -> (Vec<String>, Vec<u32>) {
        let mut words: Vec<(String, u32)> = self.numbers.into_iter().collect();
        words.sort_unstable();
        let mut place = vec![0; words.len()];
        for (i, (_, number)) in words.iter().enumerate() {
            place[*number as usize] = i as u32;
        }
        (words.into_iter().map(|(w, _)| w).collect(), place)
    }
}

/// Whether [`tokenise`](crate::similarity::tokenise::tokenise) keeps a lower-case word.
fn is_content_word(word: &str) -> bool {
    !(word.len() < 2 || word.chars().all(|c| c.is_ascii_digit()) || is_stop_word(word))
}

/// The profiles of an agenda item's theme members, by recommendation id,
/// with the item's content words.
struct Profiles<'a> {
    by_id: HashMap<&'a str, Profile<'a>>,
    /// Content words in alphabetical order: a term's number is its place
    /// here, so ordering numbers orders words.
    words: Vec<String>,
}

impl<'a> Profiles<'a> {
    /// Profiles every member of `themes` once.
    fn of(
        themes: &[&'a Theme],
        recommendations: &HashMap<&str, &'a Recommendation>,
        annotations: &'a EntityAnnotations,
    ) -> Self {
        let mut lexicon = Lexicon::default();
        let mut by_id = HashMap::new();
        let members = themes
            .iter()
            .flat_map(|t| &t.recommendations)
            .filter_map(|id| recommendations.get(id.as_str()).copied());
        for r in members {
            if by_id.contains_key(r.id.as_str()) {
                continue;
            }
            let mentions = annotations.of(&r.id);
            let mut entities: Vec<&str> = mentions
                .iter()
                .filter(|m| m.kind != EntityKind::MemberState)
                .map(|m| m.name.as_str())
                .collect();
            entities.sort_unstable();
            entities.dedup();
            let (verb, strength) = opening(&r.text);
            let profile = Profile {
                recommendation: r,
                verb,
                strength,
                terms: lexicon.content_words(&r.text, mentions),
                entities,
            };
            by_id.insert(r.id.as_str(), profile);
        }
        let (words, place) = lexicon.alphabetical();
        for profile in by_id.values_mut() {
            for t in &mut profile.terms {
                *t = place[*t as usize];
            }
            profile.terms.sort_unstable();
            profile.terms.dedup();
        }
        Profiles { by_id, words }
    }

    /// Profiles of the theme's recommendations, in theme order.
    fn members(&self, theme: &Theme) -> Vec<&Profile<'a>> {
        theme
            .recommendations
            .iter()
            .filter_map(|id| self.by_id.get(id.as_str()))
            .collect()
    }

    fn word(&self, term: u32) -> String {
        self.words[term as usize].clone()
    }
}

/// How many of an agenda item's recommendations use each word, to keep
/// distinctive terms that recur in the item and rank them rarest first.
struct TermRarity {
    /// By term number.
    document_frequency: Vec<usize>,
}

impl TermRarity {
    fn of(themes: &[&Theme], profiles: &Profiles) -> Self {
        let mut document_frequency = vec![0; profiles.words.len()];
        for theme in themes {
            for profile in profiles.members(theme) {
                for &t in &profile.terms {
                    document_frequency[t as usize] += 1;
                }
            }
        }
        TermRarity { document_frequency }
    }

    fn frequency(&self, term: u32) -> usize {
        self.document_frequency[term as usize]
    }
}

/// A theme's members grouped by region, in theme order within a region.
type ByRegion<'p, 'a> = BTreeMap<Region, Vec<&'p Profile<'a>>>;

/// What one region names in a theme that no other region does.
#[derive(Default)]
struct Distinctive<'a> {
    entities: Vec<&'a str>,
    /// Term numbers.
    terms: Vec<u32>,
}

fn position(
    theme: &Theme,
    met: &[Region],
    profiles: &Profiles,
    rarity: &TermRarity,
) -> ThemePosition {
    let mut by_region: ByRegion = BTreeMap::new();
    for p in profiles.members(theme) {
        by_region
            .entry(p.recommendation.region)
            .or_default()
            .push(p);
    }
    let distinctive = if by_region.len() > 1 {
        distinctive(&by_region, rarity)
    } else {
        BTreeMap::new()
    };
    let regions: Vec<Region> = by_region.keys().copied().collect();
    let positions: Vec<RegionalPosition> = by_region
        .iter()
        .map(|(&region, members)| {
            regional_position(region, members, distinctive.get(&region), profiles)
        })
        .collect();
    let nuances = nuances(&positions, &by_region, &distinctive);
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
    members: &[&Profile],
    distinctive: Option<&Distinctive>,
    profiles: &Profiles,
) -> RegionalPosition {
    let mut verbs: Vec<String> = Vec::new();
    for p in members {
        if !verbs.contains(&p.verb) {
            verbs.push(p.verb.clone());
        }
    }
    let (distinctive_entities, distinctive_terms) = match distinctive {
        Some(d) => (
            d.entities.iter().map(|e| e.to_string()).collect(),
            d.terms.iter().map(|&t| profiles.word(t)).collect(),
        ),
        None => (Vec::new(), Vec::new()),
    };
    RegionalPosition {
        region,
        recommendations: members
            .iter()
            .map(|p| p.recommendation.id.clone())
            .collect(),
        references: members
            .iter()
            .map(|p| p.recommendation.reference())
            .collect(),
        verbs,
        strength: typical_strength(members.iter().map(|p| p.strength)),
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

/// For each region, the entities and terms it uses in the theme and no
/// other region does; entities alphabetically, terms rarest in the agenda
/// item first.
fn distinctive<'a>(
    by_region: &ByRegion<'_, 'a>,
    rarity: &TermRarity,
) -> BTreeMap<Region, Distinctive<'a>> {
    let mut entity_uses = Vec::new();
    let mut term_uses = Vec::new();
    for (&region, members) in by_region {
        for p in members {
            entity_uses.extend(p.entities.iter().map(|&e| (e, region)));
            term_uses.extend(p.terms.iter().map(|&t| (t, region)));
        }
    }
    let mut entities = used_by_one(entity_uses);
    let mut terms = used_by_one(term_uses);
    by_region
        .keys()
        .map(|region| {
            let mut own_entities = entities.remove(region).unwrap_or_default();
            own_entities.truncate(MAX_DISTINCTIVE_ENTITIES);
            // Words no other recommendation of the item uses are one-offs,
            // not something a region adds to the theme.
            let mut own_terms: Vec<(usize, u32)> = terms
                .remove(region)
                .unwrap_or_default()
                .into_iter()
                .map(|t| (rarity.frequency(t), t))
                .filter(|(frequency, _)| *frequency >= 2)
                .collect();
            own_terms.sort_unstable();
            own_terms.truncate(MAX_DISTINCTIVE_TERMS);
            let distinctive = Distinctive {
                entities: own_entities,
                terms: own_terms.into_iter().map(|(_, t)| t).collect(),
            };
            (*region, distinctive)
        })
        .collect()
}

/// From (key, region using it) pairs, the keys only one region uses, by
/// region, in key order.
fn used_by_one<K: Ord + Copy>(mut uses: Vec<(K, Region)>) -> BTreeMap<Region, Vec<K>> {
    uses.sort_unstable();
    uses.dedup();
    let mut alone: BTreeMap<Region, Vec<K>> = BTreeMap::new();
    for users in uses.chunk_by(|a, b| a.0 == b.0) {
        if let [(key, region)] = users {
            alone.entry(*region).or_default().push(*key);
        }
    }
    alone
}

fn nuances(
    positions: &[RegionalPosition],
    by_region: &ByRegion,
    distinctive: &BTreeMap<Region, Distinctive>,
) -> Vec<Nuance> {
    let mut nuances = Vec::new();
    if let Some(strength) = strength_nuance(positions, by_region) {
        nuances.push(strength);
    }
    for p in positions {
        if p.distinctive_entities.is_empty() && p.distinctive_terms.is_empty() {
            continue;
        }
        let Some(own) = distinctive.get(&p.region) else {
            continue;
        };
        let sources = by_region[&p.region]
            .iter()
            .filter(|m| {
                own.entities.iter().any(|e| m.names_entity(e))
                    || own.terms.iter().any(|&t| m.uses_term(t))
            })
            .map(|m| m.recommendation.id.clone())
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
fn strength_nuance(positions: &[RegionalPosition], by_region: &ByRegion) -> Option<Nuance> {
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
                .filter(move |m| m.strength == s)
                .map(|m| m.recommendation.id.clone())
        })
        .collect();
    Some(Nuance::Strength {
        stronger,
        weaker,
        sources,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::similarity::tokenise::tokenise;

    /// The lexicon's words of each recommendation, and `tokenise`'s.
    fn both_readings(corpus: &Corpus) -> Vec<(Vec<String>, Vec<String>)> {
        let recommendations: Vec<Recommendation> = corpus.recommendations().cloned().collect();
        let annotations = crate::entities::Gazetteer::embedded().annotate(&recommendations);
        let mut lexicon = Lexicon::default();
        let numbers: Vec<Vec<u32>> = recommendations
            .iter()
            .map(|r| lexicon.content_words(&r.text, annotations.of(&r.id)))
            .collect();
        let (words, place) = lexicon.alphabetical();
        recommendations
            .iter()
            .zip(numbers)
            .map(|(r, numbers)| {
                let ours = numbers
                    .iter()
                    .map(|&n| words[place[n as usize] as usize].clone())
                    .collect();
                let theirs = tokenise(&r.text, annotations.of(&r.id))
                    .into_iter()
                    .map(|t| t.word)
                    .collect();
                (ours, theirs)
            })
            .collect()
    }

    #[test]
    fn lexicon_reads_the_words_tokenise_keeps_in_the_seeds() {
        let seeds = crate::ingest::read_corpus(&[]);
        let readings = both_readings(&seeds);
        assert!(!readings.is_empty(), "the seeds hold recommendations");
        for (ours, theirs) in readings {
            assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn lexicon_reads_the_words_tokenise_keeps_in_a_generated_corpus() {
        let seeds = crate::ingest::read_corpus(&[]);
        let dir = tempfile::tempdir().unwrap();
        let reports = crate::synthetic::generate(&seeds, 1500, 7).unwrap();
        crate::synthetic::write_reports(dir.path(), &reports).unwrap();
        let corpus = crate::ingest::read_corpus(&[dir.path().to_path_buf()]);
        let readings = both_readings(&corpus);
        assert_eq!(readings.len(), 1500);
        for (ours, theirs) in readings {
            assert_eq!(ours, theirs);
        }
    }
}
