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
    Synthesis, SynthesisTheme, Theme, ThemeGraph, ThemePosition, Wordings,
};
use crate::text::{capitalise, Lexicon};
use rayon::prelude::*;
// Fast hashing for short words and ids; no output depends on the order of a
// hash map.
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

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

/// The positions stage: the synthesis of `graph`'s themes. It keeps
/// `recommendations`, the corpus's recommendations in corpus order.
pub fn synthesize(
    corpus: &Corpus,
    recommendations: Vec<Recommendation>,
    annotations: &EntityAnnotations,
    graph: &ThemeGraph,
) -> Synthesis {
    let by_id: HashMap<&str, &Recommendation> =
        recommendations.iter().map(|r| (r.id.as_str(), r)).collect();
    // Agenda items are independent: drafted side by side, kept in order.
    let drafted: Vec<(AgendaItemSynthesis, Vec<SynthesisTheme>)> = corpus
        .agenda_items()
        .into_par_iter()
        .map(|item| {
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
            let item_themes: Vec<&Theme> =
                graph.themes().filter(|t| t.agenda_item == item).collect();
            let profiles = Profiles::of(&item_themes, &by_id, annotations);
            let rarity = TermRarity::of(&profiles);
            let mut drafted: Vec<SynthesisTheme> = item_themes
                .par_iter()
                .enumerate()
                .map(|(i, t)| SynthesisTheme {
                    theme: (*t).clone(),
                    position: position(&profiles.members(i), &met, &profiles, &rarity),
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
            let synthesis = AgendaItemSynthesis {
                title: reports.iter().find_map(|r| r.item_title.clone()),
                regions: met,
                meetings: reports.iter().map(|r| meeting_summary(r)).collect(),
                themes: drafted.iter().map(|t| t.theme.id.clone()).collect(),
                agenda_item: item,
            };
            (synthesis, drafted)
        })
        .collect();
    let (agenda_items, themes): (Vec<_>, Vec<Vec<_>>) = drafted.into_iter().unzip();
    let themes = themes.concat();
    Synthesis {
        agenda_items,
        themes,
        recommendations,
        diagnostics: corpus.diagnostics.clone(),
        plan: None,
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
    // Words are lower-cased only as far as they are looked at.
    let lower = |i: usize| words.get(i).map(|w| lower_case(w));
    let strength_at = |i: usize| lower(i).and_then(|w| verb_strength(&w));
    let is = |i: usize, word: &str| lower(i).is_some_and(|w| w == word);
    let Some(first) = (0..words.len()).find(|&i| strength_at(i).is_some()) else {
        let verb = words.first().map(|w| w.to_string()).unwrap_or_default();
        return (verb, AskStrength::Supportive);
    };
    let mut end = first + 1;
    let mut strength = strength_at(first).unwrap_or(AskStrength::Supportive);
    // "Seek to promote", "Continue to mainstream": the verb after "to".
    if is(end, "to") && strength_at(end + 1).is_some() {
        let next = strength_at(end + 1).unwrap_or(strength);
        if strength != AskStrength::Exploratory {
            strength = strength.max(next);
        }
        end += 2;
    }
    // "Encourage and support", "Establish and strengthen".
    if is(end, "and") && strength_at(end + 1).is_some() {
        strength = strength.max(strength_at(end + 1).unwrap_or(strength));
        end += 2;
    }
    let phrase = words[first..end].join(" ");
    (capitalise(&phrase), strength)
}

/// `word` in lower case, copied only when it has to change.
fn lower_case(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// The strength of a known verb (lower case); a verb in two lists takes
/// the weaker.
fn verb_strength(word: &str) -> Option<AskStrength> {
    static VERBS: OnceLock<HashMap<&'static str, AskStrength>> = OnceLock::new();
    let verbs = VERBS.get_or_init(|| {
        let mut verbs = HashMap::default();
        for (list, strength) in [
            (EXPLORATORY, AskStrength::Exploratory),
            (SUPPORTIVE, AskStrength::Supportive),
            (DIRECTIVE, AskStrength::Directive),
        ] {
            for &verb in list {
                verbs.entry(verb).or_insert(strength);
            }
        }
        verbs
    });
    verbs.get(word).copied()
}

/// What positions reads from one wording: its opening and its vocabulary,
/// worked out once however many recommendations share it.
struct Reading<'a> {
    verb: String,
    strength: AskStrength,
    /// Content words, by their number in the item's [`Lexicon`], sorted,
    /// without repeats.
    terms: Vec<u32>,
    /// Canonical names of the entities other than Member States, sorted,
    /// without repeats.
    entities: Vec<&'a str>,
}

impl<'a> Reading<'a> {
    /// Reads `r`, numbering its words in `lexicon`.
    fn of(
        r: &'a Recommendation,
        annotations: &'a EntityAnnotations,
        lexicon: &mut Lexicon<'a>,
    ) -> Self {
        let mentions = annotations.of(&r.id);
        let mut entities: Vec<&str> = mentions
            .iter()
            .filter(|m| m.kind != EntityKind::MemberState)
            .map(|m| m.name.as_str())
            .collect();
        entities.sort_unstable();
        entities.dedup();
        let (verb, strength) = opening(&r.text);
        Reading {
            verb,
            strength,
            terms: lexicon.content_words(&r.text, mentions),
            entities,
        }
    }
}

/// One recommendation with the reading of its wording (shared by every
/// recommendation worded alike).
struct Profile<'a> {
    recommendation: &'a Recommendation,
    read: Arc<Reading<'a>>,
}

impl<'a> Profile<'a> {
    fn uses_term(&self, term: u32) -> bool {
        self.read.terms.binary_search(&term).is_ok()
    }

    fn names_entity(&self, entity: &str) -> bool {
        self.read.entities.binary_search(&entity).is_ok()
    }
}

/// The profiles of an agenda item's theme members, with the item's
/// content words.
struct Profiles<'a> {
    /// One per distinct member, in the order first met.
    profiles: Vec<Profile<'a>>,
    /// For each theme, its members' places in `profiles`, in theme order.
    theme_members: Vec<Vec<usize>>,
    /// Content words in alphabetical order: a term's number is its place
    /// here, so ordering numbers orders words.
    words: Vec<String>,
}

impl<'a> Profiles<'a> {
    /// Profiles every member of `themes` once. The members are read in as
    /// many shares as there are threads, each with a lexicon of its own;
    /// the words are then numbered alphabetically across all shares.
    fn of(
        themes: &[&'a Theme],
        recommendations: &HashMap<&str, &'a Recommendation>,
        annotations: &'a EntityAnnotations,
    ) -> Self {
        let (members, theme_members) = members_of(themes, recommendations);
        let share = members.len().div_ceil(rayon::current_num_threads()).max(1);
        // Per share: its words, the reading of each wording, and the
        // wording of each member.
        let shares: Vec<(Vec<String>, Vec<Reading>, Vec<u32>)> = members
            .par_chunks(share)
            .map(|chunk| {
                let mut lexicon = Lexicon::default();
                // Recommendations repeated word for word read alike: each
                // wording is read once per share.
                let wordings = Wordings::of(chunk, annotations);
                let readings: Vec<Reading> = wordings
                    .first
                    .iter()
                    .map(|r| Reading::of(r, annotations, &mut lexicon))
                    .collect();
                (lexicon.into_words(), readings, wordings.of)
            })
            .collect();
        let mut words: Vec<String> = shares
            .iter()
            .flat_map(|(words, _, _)| words.iter().cloned())
            .collect();
        words.sort_unstable();
        words.dedup();
        let readings: Vec<(Vec<Arc<Reading>>, Vec<u32>)> = shares
            .into_par_iter()
            .map(|(local, readings, wording_of)| {
                let place: Vec<u32> = local
                    .iter()
                    .map(|w| words.partition_point(|x| x < w) as u32)
                    .collect();
                let readings = readings
                    .into_iter()
                    .map(|mut read| {
                        for t in &mut read.terms {
                            *t = place[*t as usize];
                        }
                        read.terms.sort_unstable();
                        read.terms.dedup();
                        Arc::new(read)
                    })
                    .collect();
                (readings, wording_of)
            })
            .collect();
        let profiles = readings
            .iter()
            .flat_map(|(readings, wording_of)| {
                wording_of
                    .iter()
                    .map(|&w| Arc::clone(&readings[w as usize]))
            })
            .zip(&members)
            .map(|(read, &recommendation)| Profile {
                recommendation,
                read,
            })
            .collect();
        Profiles {
            profiles,
            theme_members,
            words,
        }
    }

    /// Profiles of the recommendations of the `theme`-th theme, in theme
    /// order.
    fn members(&self, theme: usize) -> Vec<&Profile<'a>> {
        self.theme_members[theme]
            .iter()
            .map(|&i| &self.profiles[i])
            .collect()
    }

    fn word(&self, term: u32) -> String {
        self.words[term as usize].clone()
    }
}

/// The distinct recommendations of `themes` in the order first met, and
/// each theme's members as places in that list.
fn members_of<'a>(
    themes: &[&Theme],
    recommendations: &HashMap<&str, &'a Recommendation>,
) -> (Vec<&'a Recommendation>, Vec<Vec<usize>>) {
    let mut members: Vec<&'a Recommendation> = Vec::new();
    // Keyed by address: one recommendation, one place (cheaper than
    // hashing and comparing ids).
    let mut places: HashMap<*const Recommendation, usize> = HashMap::default();
    let theme_members = themes
        .iter()
        .map(|t| {
            t.recommendations
                .iter()
                .filter_map(|id| recommendations.get(id.as_str()).copied())
                .map(|r| {
                    *places.entry(r as *const Recommendation).or_insert_with(|| {
                        members.push(r);
                        members.len() - 1
                    })
                })
                .collect()
        })
        .collect();
    (members, theme_members)
}

/// How many of an agenda item's recommendations use each word, to keep
/// distinctive terms that recur in the item and rank them rarest first.
struct TermRarity {
    /// By term number.
    document_frequency: Vec<usize>,
}

impl TermRarity {
    fn of(profiles: &Profiles) -> Self {
        let mut document_frequency = vec![0; profiles.words.len()];
        for theme in 0..profiles.theme_members.len() {
            for profile in profiles.members(theme) {
                for &t in &profile.read.terms {
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
    members: &[&Profile],
    met: &[Region],
    profiles: &Profiles,
    rarity: &TermRarity,
) -> ThemePosition {
    let mut by_region: ByRegion = BTreeMap::new();
    for &p in members {
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
        if !verbs.contains(&p.read.verb) {
            verbs.push(p.read.verb.clone());
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
        strength: typical_strength(members.iter().map(|p| p.read.strength)),
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
        // Each reading once per region: members worded alike use the same.
        let mut readings: Vec<&Reading> = members.iter().map(|p| &*p.read).collect();
        readings.sort_unstable_by_key(|r| *r as *const Reading);
        readings.dedup_by_key(|r| *r as *const Reading);
        for read in readings {
            entity_uses.extend(read.entities.iter().map(|&e| (e, region)));
            term_uses.extend(read.terms.iter().map(|&t| (t, region)));
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
                .filter(move |m| m.read.strength == s)
                .map(|m| m.recommendation.id.clone())
        })
        .collect();
    Some(Nuance::Strength {
        stronger,
        weaker,
        sources,
    })
}
