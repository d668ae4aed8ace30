//! Positions: for each theme, which regions converge, which stand alone,
//! what they asked for in their own words, and the nuances between them.
//!
//! - Convergence compares the regions that contributed to a theme with the
//!   regions whose meetings reported on its agenda item: *converging* when
//!   all of them did (and more than one met), *shared* when two or more but
//!   not all did, *region-specific* when one did.
//! - The statements of a theme are extractive: each ask is a
//!   recommendation's opening verb in its -ing form and the words after it,
//!   cut at the first clause boundary ([`ask`]). The common core is the ask
//!   whose content words other regions' recommendations carry (at least half
//!   of them); then what each region added.
//! - Nuances: a *hedge* when some members open with a hedge (`Consider`,
//!   `Explore`, `Seek to`, `Continue to`, `Encourage`) and others ask
//!   outright, citing every member on its side; *shared wording* when two
//!   regions share runs of words no other recommendation of the item has.
//! - Related themes: themes of other agenda items holding a recommendation
//!   whose content words are well above the usual likeness between the two
//!   items (two standard deviations over the mean of all their pairs) and
//!   that is the nearest counterpart of one of the two.
//!
//! Within an agenda item, themes are drafted converging first, then shared
//! (by more regions first), then region-specific; then larger first, then by
//! id, which is the order theme ids are numbered in.

use crate::entities::Gazetteer;
use crate::model::{
    natural_cmp, AgendaItemSynthesis, Ask, AskStrength, Caveat, Convergence, Corpus, Delegations,
    DeliberationPoint, EntityAnnotations, EntityKind, Nuance, Recommendation, Region,
    RegionalPosition, RelatedTheme, Report, ReportedMeeting, SpeakerNote, Statement, StatementKind,
    Synthesis, SynthesisTheme, Theme, ThemeGraph, ThemePosition,
};
use crate::text::{capitalise, ing_form, tokenise, wording_words, Lexicon};
use crate::wordings::Wordings;
use rayon::prelude::*;
// Fast hashing for short words and ids; no output depends on the order of a
// hash map.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

/// Opening words that hedge the ask. `continue` hedges only as `Continue
/// to…` (see [`opening`]).
const HEDGES: &[&str] = &[
    "consider",
    "explore",
    "encourage",
    "seek",
    "study",
    "examine",
];
/// Verbs recommendations open with, to find where an opening ends
/// (`Establish and strengthen`, `Seek to promote`) and where a second ask
/// begins (`…; and develop uniform standards`).
const VERBS: &[&str] = &[
    "consider",
    "explore",
    "encourage",
    "seek",
    "study",
    "examine",
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
    "prioritise",
    "invite",
    "urge",
    "call",
    "engage",
    "raise",
    "mainstream",
    "collect",
    "use",
    "utilize",
    "utilise",
    "protect",
    "respect",
    "deprive",
    "track",
    "identify",
    "assist",
    "involve",
    "mobilize",
    "mobilise",
    "allocate",
    "review",
    "monitor",
    "design",
    "incorporate",
    "encourage",
    "advance",
    "pursue",
    "maintain",
    "deepen",
    "broaden",
    "harmonize",
    "harmonise",
    "align",
    "empower",
    "equip",
    "train",
    "adapt",
    "offer",
    "launch",
];
/// Words an extracted ask may not end on.
const DANGLING: &[&str] = &[
    "a", "an", "the", "of", "on", "for", "and", "or", "to", "in", "by", "with", "at", "from", "as",
    "such", "that", "which", "its", "their", "into", "among", "between", "both", "also",
];
/// Words after which the rest of a recommendation is a further clause, not
/// the object of its opening verb.
const CLAUSE_OPENERS: &[&str] = &[
    "including",
    "while",
    "particularly",
    "especially",
    "through",
    "whereby",
    "noting",
    "recognizing",
    "recognising",
    "bearing",
    "taking",
];
/// What ends a clause inside a word list.
const PUNCTUATION: [char; 4] = [',', ';', '.', ':'];
/// Words an extracted ask keeps at most.
const MAX_ASK_WORDS: usize = 20;
/// Fewest words an ask is cut down to at a comma.
const MIN_ASK_WORDS: usize = 5;
/// Asks stated per region and sentence.
const MAX_ASKS: usize = 3;
/// Shared-wording statements kept per theme, strongest first.
const MAX_SHARED_WORDING: usize = 3;
/// Length of the word runs compared for shared wording.
const RUN: usize = 3;

/// Distinctive entities kept per region and theme.
const MAX_DISTINCTIVE_ENTITIES: usize = 5;
/// Distinctive terms kept per region and theme.
const MAX_DISTINCTIVE_TERMS: usize = 5;

/// The positions stage: the synthesis of `graph`'s themes. It keeps
/// `recommendations`, the corpus's recommendations in corpus order; the
/// gazetteer gives speakers their canonical names.
pub fn synthesize(
    corpus: &Corpus,
    recommendations: Vec<Recommendation>,
    annotations: &EntityAnnotations,
    graph: &ThemeGraph,
    gazetteer: &Gazetteer,
) -> Synthesis {
    let names = Names::of(gazetteer);
    // A proposer's tag names the State as the draft names delegations:
    // "(UAE)" and "(United Arab Emirates)" both read "the United Arab
    // Emirates".
    let recommendations: Vec<Recommendation> = recommendations
        .into_iter()
        .map(|mut r| {
            for state in &mut r.attributed_states {
                *state = names.display(state);
            }
            r
        })
        .collect();
    let by_id: HashMap<&str, &Recommendation> =
        recommendations.iter().map(|r| (r.id.as_str(), r)).collect();
    // Agenda items are independent: drafted side by side, kept in order.
    #[allow(clippy::type_complexity)]
    let drafted: Vec<(
        AgendaItemSynthesis,
        (Vec<SynthesisTheme>, Vec<(String, Arc<Reading>)>),
    )> = corpus
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
                .map(|r| r.meeting.region)
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            let item_themes: Vec<&Theme> =
                graph.themes().filter(|t| t.agenda_item == item).collect();
            let profiles = Profiles::of(&item_themes, &by_id, annotations);
            let rarity = TermRarity::of(&profiles);
            let wording = SharedWording::of(&profiles);
            let mut drafted: Vec<SynthesisTheme> = item_themes
                .par_iter()
                .enumerate()
                .map(|(i, t)| SynthesisTheme {
                    theme: (*t).clone(),
                    position: position(&profiles.members(i), &met, &profiles, &rarity, &wording),
                    related_themes: Vec::new(),
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
            // Each member's content stems, names included as words (hashed,
            // so that items compare), for related themes.
            let member_stems: Vec<(String, Arc<Reading>)> = profiles
                .members_in_order()
                .iter()
                .map(|m| (m.recommendation.id.clone(), Arc::clone(&m.read)))
                .collect();
            let synthesis = AgendaItemSynthesis {
                title: reports.iter().find_map(|r| r.item_title.clone()),
                absent_regions: Region::ALL
                    .into_iter()
                    .filter(|r| !met.contains(r))
                    .collect(),
                regions: met,
                meetings: reports.iter().map(|r| meeting(r, &names)).collect(),
                themes: drafted.iter().map(|t| t.theme.id.clone()).collect(),
                deliberation_points: deliberation_points(&reports, &profiles),
                agenda_item: item,
            };
            (synthesis, (drafted, member_stems))
        })
        .collect();
    let (agenda_items, drafted): (Vec<_>, Vec<(Vec<_>, Vec<_>)>) = drafted.into_iter().unzip();
    let (themes, stems): (Vec<Vec<_>>, Vec<Vec<_>>) = drafted.into_iter().unzip();
    let mut themes = themes.concat();
    let stems: HashMap<String, Arc<Reading>> = stems.into_iter().flatten().collect();
    relate_themes(&mut themes, &by_id, &stems);
    let present: BTreeSet<Region> = corpus.reports.iter().map(|r| r.meeting.region).collect();
    Synthesis {
        absent_regions: Region::ALL
            .into_iter()
            .filter(|r| !present.contains(r))
            .collect(),
        caveat: caveat(&corpus.reports),
        agenda_items,
        themes,
        recommendations,
        diagnostics: corpus.diagnostics.clone(),
        plan: None,
    }
}

/// Canonical names of Member States and bodies, by every name and alias,
/// in lower case and without a leading article.
struct Names<'g> {
    by_name: HashMap<String, &'g crate::entities::Entity>,
}

impl<'g> Names<'g> {
    fn of(gazetteer: &'g Gazetteer) -> Self {
        let mut by_name = HashMap::default();
        for e in gazetteer.entities() {
            if !matches!(e.kind, EntityKind::MemberState | EntityKind::Body) {
                continue;
            }
            for name in std::iter::once(&e.name).chain(&e.aliases) {
                by_name.entry(name_key(name)).or_insert(e);
            }
        }
        Names { by_name }
    }

    fn get(&self, name: &str) -> Option<&'g crate::entities::Entity> {
        self.by_name.get(&name_key(name)).copied()
    }

    /// `name` as the draft writes it: the canonical name with its article
    /// when the gazetteer knows it, else as written.
    fn display(&self, name: &str) -> String {
        self.get(name)
            .map_or_else(|| name.to_string(), |e| e.display_name())
    }
}

/// A name as looked up: lower case, spaces folded, no leading `the`.
fn name_key(name: &str) -> String {
    let lower = name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    lower
        .strip_prefix("the ")
        .map(str::to_string)
        .unwrap_or(lower)
}

fn meeting(r: &Report, names: &Names) -> ReportedMeeting {
    ReportedMeeting {
        meeting: r.meeting.clone(),
        delegations: delegations(&r.meeting.speakers, names),
        recommendations: r.recommendations.len(),
    }
}

/// The speakers under their canonical names, observers by kind; a name
/// the gazetteer does not know is kept as the report writes it.
fn delegations(speakers: &crate::model::Speakers, names: &Names) -> Delegations {
    let mut d = Delegations::default();
    let push = |list: &mut Vec<String>, name: String| {
        if !list.contains(&name) {
            list.push(name);
        }
    };
    for s in &speakers.member_states {
        let name = names.display(s);
        push(&mut d.member_states, name);
    }
    for o in &speakers.observers {
        match names.get(o) {
            Some(e) if e.kind == EntityKind::MemberState => {
                push(&mut d.observer_states, e.display_name())
            }
            Some(e) if e.organization.as_deref() == Some("intergovernmental") => {
                push(&mut d.intergovernmental, e.display_name())
            }
            Some(e) if e.organization.as_deref() == Some("non_governmental") => {
                push(&mut d.non_governmental, e.display_name())
            }
            _ => push(&mut d.other_observers, o.clone()),
        }
    }
    d.notes = speakers
        .notes
        .iter()
        .map(|n| SpeakerNote {
            speaker: names
                .get(&n.speaker)
                .map_or_else(|| n.speaker.clone(), |e| e.display_name()),
            text: n.text.clone(),
        })
        .collect();
    d
}

/// The clause of the reports' introduction to their recommendations that
/// says they were not negotiated, as most reports word it.
fn caveat(reports: &[Report]) -> Option<Caveat> {
    let mut clauses: BTreeMap<String, BTreeSet<Region>> = BTreeMap::new();
    for r in reports {
        let Some(intro) = &r.recommendations_intro else {
            continue;
        };
        let clause = intro
            .split([',', ';', ':'])
            .map(str::trim)
            .find(|c| c.to_lowercase().contains("not negotiated"));
        if let Some(clause) = clause {
            let clause = ["which ", "that "]
                .iter()
                .find_map(|w| clause.strip_prefix(w))
                .unwrap_or(clause);
            clauses
                .entry(clause.to_string())
                .or_default()
                .insert(r.meeting.region);
        }
    }
    // The wording most regions use; ties to the first alphabetically.
    let (clause, regions) =
        clauses
            .into_iter()
            .fold(
                None,
                |best: Option<(String, BTreeSet<Region>)>, (c, r)| match best {
                    Some(b) if b.1.len() >= r.len() => Some(b),
                    _ => Some((c, r)),
                },
            )?;
    Some(Caveat {
        clause,
        regions: regions.into_iter().collect(),
    })
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

/// The opening verb phrase of a recommendation and whether it is hedged.
/// Looks for the first known verb among the first words, so that
/// `Under the auspices of UNODC, establish…` reads as `establish`.
pub fn opening(text: &str) -> (String, AskStrength) {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .take(12)
        .collect();
    let lower = |i: usize| words.get(i).map(|w| lower_case(w));
    let is = |i: usize, word: &str| lower(i).is_some_and(|w| w == word);
    let verb_at = |i: usize| lower(i).is_some_and(|w| is_verb(&w));
    let Some(first) = (0..words.len()).find(|&i| verb_at(i)) else {
        let verb = words.first().map(|w| w.to_string()).unwrap_or_default();
        return (verb, AskStrength::Operative);
    };
    let head = lower(first).unwrap_or_default();
    let mut hedged = HEDGES.contains(&head.as_ref());
    let mut end = first + 1;
    // "Seek to promote", "Continue to mainstream": the verb after "to".
    if is(end, "to") && verb_at(end + 1) {
        hedged |= head == "continue";
        end += 2;
    }
    // "Encourage and support", "Establish and strengthen".
    if is(end, "and") && verb_at(end + 1) {
        end += 2;
    }
    let phrase = words[first..end].join(" ");
    let strength = if hedged {
        AskStrength::Hedged
    } else {
        AskStrength::Operative
    };
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

/// Whether a lower-case word is a verb recommendations open with.
fn is_verb(word: &str) -> bool {
    static KNOWN: OnceLock<HashSet<&'static str>> = OnceLock::new();
    KNOWN
        .get_or_init(|| VERBS.iter().copied().collect())
        .contains(word)
}

/// An ask cut from a recommendation: the opening in the -ing form, and
/// the words after it, a slice of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AskParts<'a> {
    /// The opening verbs as written, e.g. `Recognize and harness`.
    pub opening: &'a str,
    /// The same in the -ing form, lower case: `recognizing and harnessing`.
    pub ing: String,
    /// What follows the opening, cut at a clause boundary: always a slice
    /// of the recommendation's text.
    pub object: &'a str,
}

impl AskParts<'_> {
    /// `recognizing and harnessing the use of digital technologies`.
    pub fn phrase(&self) -> String {
        if self.object.is_empty() {
            self.ing.clone()
        } else {
            format!("{} {}", self.ing, self.object)
        }
    }
}

/// The words of `text` with their byte offsets, split on white space so
/// that cutting keeps punctuation as written.
fn spaced_words(text: &str) -> Vec<(usize, &str)> {
    text.split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
        .collect()
}

/// A word without the punctuation around it, in lower case.
fn bare_word(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
        .to_lowercase()
}

/// The ask of a recommendation in its own words: the opening verb (or
/// verbs: `Promote and support`, `Seek to promote`) in the -ing form, and
/// the words after it up to the first clause boundary (`;`, a full stop, a
/// bracket, `, including`, `while`, a second verb), at most
/// [`MAX_ASK_WORDS`] words, cut back to a comma where one is near. A
/// leading phrase before the verb (`Under the auspices of UNODC,`) is cut.
/// Nothing is reworded: the object is a slice of `text`.
pub fn ask(text: &str) -> AskParts<'_> {
    let words = spaced_words(text);
    let bare = bare_word;
    let verb_at = |i: usize| words.get(i).is_some_and(|(_, w)| is_verb(&bare(w)));
    // A leading phrase ending in a comma before the verb.
    let mut first = 0;
    if !verb_at(0) {
        if let Some(i) =
            (0..words.len().min(10)).find(|&i| words[i].1.ends_with(',') && verb_at(i + 1))
        {
            first = i + 1;
        }
    }
    let Some(&(start, _)) = words.get(first) else {
        // Empty slices at the end of the text, not static ones: callers
        // place the object within the text by its address.
        let end = &text[text.len()..];
        return AskParts {
            opening: end,
            ing: String::new(),
            object: end,
        };
    };
    // The opening: verb, `to` verb, `and` verb.
    let mut verbs = vec![first];
    let mut end = first + 1;
    let plain_at = |i: usize| words.get(i).is_some_and(|(_, w)| !w.ends_with(PUNCTUATION));
    if plain_at(first) && words.get(end).is_some_and(|(_, w)| *w == "to") && verb_at(end + 1) {
        verbs.push(end + 1);
        end += 2;
    }
    if plain_at(end - 1) && words.get(end).is_some_and(|(_, w)| *w == "and") && verb_at(end + 1) {
        verbs.push(end + 1);
        end += 2;
    }
    let opening_end = words[end - 1].0 + words[end - 1].1.len();
    let opening = &text[start..opening_end];
    let clean = |i: usize| words[i].1.trim_end_matches(PUNCTUATION).to_lowercase();
    // `Seek to promote and support`: only the first verb takes -ing.
    let to_form = words.get(first + 1).is_some_and(|(_, w)| *w == "to");
    let mut ing_words = vec![ing_form(&clean(first))];
    for i in first + 1..end {
        let w = clean(i);
        ing_words.push(if verbs.contains(&i) && !to_form {
            ing_form(&w)
        } else {
            w
        });
    }
    let mut ing = ing_words.join(" ").trim_end().to_string();
    if words[end - 1].1.ends_with(',') {
        ing.push(',');
    }
    // The object: words after the opening, to the first boundary.
    let mut kept = 0;
    let mut last_comma: Option<usize> = None;
    // The last word of a short aside kept inside the ask.
    let mut aside_end = 0;
    for (n, i) in (end..words.len()).enumerate() {
        let (_, w) = words[i];
        let lower = bare(w);
        if n > 0 && i > aside_end {
            let previous = words[i - 1].1;
            let after_comma = previous.ends_with(',');
            if w.starts_with('(') {
                break;
            }
            // `the necessary measures, including legislative ones, to
            // create …`: an ask too short to stand keeps a short aside and
            // goes on.
            let aside = (after_comma && lower == "including" && n < MIN_ASK_WORDS)
                .then(|| (i + 1..words.len().min(i + 4)).find(|&j| words[j].1.ends_with(',')))
                .flatten()
                .filter(|&j| !verb_at(j + 1));
            if let Some(j) = aside {
                aside_end = j;
                kept = n + 1;
                continue;
            }
            if after_comma && CLAUSE_OPENERS.contains(&lower.as_str()) {
                break;
            }
            if matches!(lower.as_str(), "including" | "while" | "whereby") {
                break;
            }
            // A second ask: `…, and develop`, `… as well as create`
            // (without the comma, `collect and use` is one ask).
            let as_well_as = lower == "as" && words.get(i + 1).is_some_and(|(_, w)| *w == "well");
            // `… technologies and organize …`: a noun, then `and` and a verb.
            // `… cooperation and effectively address …`: an adverb between.
            let adverb = words
                .get(i + 1)
                .is_some_and(|(_, w)| bare(w).ends_with("ly") && verb_at(i + 2));
            let noun_and_verb = lower == "and"
                && (verb_at(i + 1) || adverb)
                // `the collection and use of …`: a noun after all.
                && words.get(i + 2).is_none_or(|(_, w)| bare(w) != "of")
                && !is_verb(&bare(previous))
                && !previous.ends_with(PUNCTUATION);
            if (after_comma && (verb_at(i) || (lower == "and" && verb_at(i + 1))))
                || noun_and_verb
                || (as_well_as && verb_at(i + 3))
            {
                break;
            }
            // A comma inside a list (`crime, tracing, seizure, …`, `…,
            // and the rule of law`) is no place to cut, nor one that
            // closes an aside before the head's complement (`the
            // development, in cooperation with …, | of tools`).
            if after_comma && lower != "of" && !list_comma(&words, i, &bare) {
                last_comma = Some(n);
            }
        }
        if n >= MAX_ASK_WORDS {
            if let Some(c) = last_comma.filter(|&c| c >= MIN_ASK_WORDS) {
                kept = c;
            } else if let Some(b) = phrase_boundary(&words[end..], n, &bare) {
                kept = b;
            } else {
                // Not inside a name: `the United Nations Convention …`.
                let capital = |i: usize| words[i].1.starts_with(char::is_uppercase);
                while kept > MIN_ASK_WORDS
                    && capital(end + kept)
                    && (capital(end + kept - 1)
                        || DANGLING.contains(&bare(words[end + kept - 1].1).as_str()))
                {
                    kept -= 1;
                }
            }
            break;
        }
        kept = n + 1;
        if w.ends_with([';', '.', ':']) {
            break;
        }
    }
    // Never end on a linking word or, after a cut, on a bare verb (`to
    // prevent and counter`).
    let cut_short = end + kept < words.len() && !words[end + kept - 1].1.ends_with(PUNCTUATION);
    while kept > 0 {
        let last = bare(words[end + kept - 1].1);
        let dangling = DANGLING.contains(&last.as_str()) || (cut_short && is_verb(&last));
        if !dangling {
            break;
        }
        kept -= 1;
    }
    let object = if kept == 0 {
        &text[text.len()..]
    } else {
        let (from, _) = words[end];
        let (at, last) = words[end + kept - 1];
        text[from..at + last.len()].trim_end_matches(PUNCTUATION)
    };
    AskParts {
        opening,
        ing,
        object,
    }
}

/// Words that open a phrase: an ask cut before one ends where a phrase
/// ends.
const PHRASE_OPENERS: &[&str] = &[
    "in", "on", "for", "to", "through", "by", "with", "within", "among", "between", "at", "from",
    "into", "under", "that", "which", "who", "where", "so", "across", "against", "towards",
    "without", "beyond",
];

/// Whether the comma before `words[i]` is inside a list: the next item is
/// short and ends with a comma, or the comma is followed by `and`/`or`.
fn list_comma(words: &[(usize, &str)], i: usize, bare: &dyn Fn(&str) -> String) -> bool {
    let word = |j: usize| words.get(j).map(|(_, w)| bare(w)).unwrap_or_default();
    // `…, such as X, Y and Z`: examples follow, the comma ends a phrase.
    if word(i) == "such" {
        return false;
    }
    // `…, and the rule of law`; `UNTOC, UNCAC and …`.
    if (i..i + 3).any(|j| matches!(word(j).as_str(), "and" | "or")) {
        return true;
    }
    (i..words.len().min(i + 4)).any(|j| words[j].1.ends_with(','))
}

/// Complex prepositions: their last word cannot end a phrase (`with a
/// view | to`, `in order | to`, `in accordance | with`).
const COMPLEX_PREPOSITIONS: &[&[&str]] = &[
    &["in", "order"],
    &["with", "a", "view"],
    &["in", "view"],
    &["in", "accordance"],
    &["in", "line"],
    &["with", "regard"],
    &["in", "relation"],
    &["in", "respect"],
    &["so", "as"],
    &["as", "well"],
    &["by", "means"],
    &["on", "the", "basis"],
    &["in", "the", "context"],
    &["in", "support"],
    &["in", "light"],
    &["in", "the", "light"],
    &["with", "respect"],
    &["be", "able"],
];

/// The most words, fewer than `limit` and at least [`MIN_ASK_WORDS`], an
/// object keeps when cut before a phrase opener (`… in the cyber domain` |
/// `in order to …`), never inside a list, never after a linking word or a
/// bare verb, never splitting `in order to`.
fn phrase_boundary(
    object: &[(usize, &str)],
    limit: usize,
    bare: &dyn Fn(&str) -> String,
) -> Option<usize> {
    (MIN_ASK_WORDS..limit.min(object.len())).rev().find(|&k| {
        let next = bare(object[k].1);
        let last = bare(object[k - 1].1);
        let ends_preposition = COMPLEX_PREPOSITIONS.iter().any(|p| {
            k >= p.len()
                && object[k - p.len()..k]
                    .iter()
                    .zip(p.iter())
                    .all(|((_, w), q)| bare(w) == *q)
        });
        let capital = |j: usize| {
            object
                .get(j)
                .is_some_and(|(_, w)| w.starts_with(char::is_uppercase))
        };
        // Not inside a name: `Commission | on Narcotic Drugs`.
        let inside_name = capital(k - 1) && capital(k + 1);
        PHRASE_OPENERS.contains(&next.as_str())
            && !ends_preposition
            && !inside_name
            && !object[k - 1].1.ends_with(PUNCTUATION)
            && !DANGLING.contains(&last.as_str())
            && !is_verb(&last)
            // `to addressing |`, `by strengthening |`: a gerund after a
            // preposition wants its object; `information sharing` does not.
            && !(last.ends_with("ing")
                && k >= 2
                && DANGLING.contains(&bare(object[k - 2].1).as_str()))
            && !last.ends_with("ed")
            // Inside a list that runs on: `seizure, confiscation and | …`.
            && !object[k.saturating_sub(3)..k]
                .iter()
                .any(|(_, w)| w.ends_with(','))
    })
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
    /// Of those, the instruments and bodies: names that show drafting in
    /// common when two texts share them and a phrase.
    instruments_and_bodies: Vec<&'a str>,
    /// The ask ([`ask`]) first, then the ways of citing the text that
    /// reach an entity the ask leaves out ([`AskReading`]); a theme cites
    /// the first that reaches what the theme is about.
    asks: Vec<AskReading<'a>>,
    /// Hashes of the stems of `terms` and of the entities, sorted, without
    /// repeats: what statements and related themes compare.
    term_stems: Vec<u64>,
    /// Hashes of the stems of every content word of the text, names
    /// included as words: what related themes compare.
    text_stems: Vec<u64>,
}

impl<'a> Reading<'a> {
    /// Reads `r`, numbering its words in `lexicon`; `anchor` is what its
    /// theme is about ([`Reading::ask_about`]).
    fn of(
        r: &'a Recommendation,
        annotations: &'a EntityAnnotations,
        lexicon: &mut Lexicon<'a>,
        anchor: Option<&str>,
    ) -> Self {
        let mentions = annotations.of(&r.id);
        let entities = sorted_names(mentions, |m| m.kind != EntityKind::MemberState);
        let instruments_and_bodies = sorted_names(mentions, |m| {
            matches!(m.kind, EntityKind::Instrument | EntityKind::Body)
        });
        let (verb, strength) = opening(&r.text);
        let parts = ask(&r.text);
        let text: &str = &r.text;
        let place = |slice: &str| slice.as_ptr() as usize - text.as_ptr() as usize;
        let from = place(parts.object);
        let to = from + parts.object.len();
        let mut asks = vec![AskReading::of(
            parts.phrase(),
            text,
            from..to,
            mentions,
            lexicon,
        )];
        // When the ask leaves out what the theme is about: carried on to
        // the first mention of it before the next ask, else the first later
        // ask that names or implies it.
        if let Some(anchor) = anchor.filter(|a| !asks[0].reaches.contains(a)) {
            let reaches =
                |m: &crate::model::EntityMention| named_or_implied(m).any(|n| n == anchor);
            let later = later_asks(text, to);
            let next_ask = later.first().map_or(text.len(), |p| place(p.opening));
            let carried = mentions
                .iter()
                .find(|m| m.start >= to && m.end <= next_ask && reaches(m))
                .and_then(|m| carried_on(text, from..to, m.end));
            let other = || {
                later.iter().find(|p| {
                    let from = place(p.object);
                    let to = from + p.object.len();
                    !p.object.is_empty()
                        && mentions
                            .iter()
                            .any(|m| m.start >= from && m.end <= to && reaches(m))
                })
            };
            if let Some(object) = carried {
                asks.push(AskReading::of(
                    format!("{} {object}", parts.ing),
                    text,
                    from..from + object.len(),
                    mentions,
                    lexicon,
                ));
            } else if let Some(p) = other() {
                let from = place(p.object);
                asks.push(AskReading::of(
                    p.phrase(),
                    text,
                    from..from + p.object.len(),
                    mentions,
                    lexicon,
                ));
            }
        }
        let mut text_stems: Vec<u64> = tokenise(&r.text, &[])
            .iter()
            .map(|t| hash_str(&t.stem))
            .collect();
        text_stems.sort_unstable();
        text_stems.dedup();
        Reading {
            text_stems,
            verb,
            strength,
            terms: lexicon.content_words(&r.text, mentions),
            asks,
            entities,
            instruments_and_bodies,
            term_stems: Vec::new(),
        }
    }

    /// The ask to cite in a theme about `anchor` (an entity's canonical
    /// name): the first that names or implies it, else the ask itself.
    fn ask_about(&self, anchor: Option<&str>) -> usize {
        anchor
            .and_then(|a| self.asks.iter().position(|ask| ask.reaches.contains(&a)))
            .unwrap_or(0)
    }
}

/// One way of citing a recommendation: an ask in its own words, with what
/// its object says.
struct AskReading<'a> {
    phrase: String,
    /// Content words of the object (numbered as [`Reading::terms`]).
    terms: Vec<u32>,
    /// Entities named in the object (as [`Reading::entities`]).
    entities: Vec<&'a str>,
    /// Canonical names of the entities the object names or implies.
    reaches: Vec<&'a str>,
    /// Hashes of the stems of `terms` and of `entities` (as
    /// [`Reading::term_stems`]).
    stems: Vec<u64>,
}

impl<'a> AskReading<'a> {
    /// The ask `phrase`, whose object is `text[span]`.
    fn of(
        phrase: String,
        text: &'a str,
        span: std::ops::Range<usize>,
        mentions: &'a [crate::model::EntityMention],
        lexicon: &mut Lexicon<'a>,
    ) -> Self {
        let within: Vec<&crate::model::EntityMention> = mentions
            .iter()
            .filter(|m| m.start >= span.start && m.end <= span.end)
            .collect();
        // The object is a slice of the text: its mentions are the text's,
        // shifted to where the object starts.
        let inside: Vec<crate::model::EntityMention> = within
            .iter()
            .map(|m| crate::model::EntityMention {
                start: m.start - span.start,
                end: m.end - span.start,
                ..(*m).clone()
            })
            .collect();
        let entities = sorted_names(within.iter().copied(), |m| {
            m.kind != EntityKind::MemberState
        });
        let mut reaches: Vec<&str> = within.iter().flat_map(|m| named_or_implied(m)).collect();
        reaches.sort_unstable();
        reaches.dedup();
        AskReading {
            phrase,
            terms: lexicon.content_words(&text[span], &inside),
            entities,
            reaches,
            stems: Vec::new(),
        }
    }
}

/// The canonical names of what a mention names and implies (none for a
/// Member State: it marks who proposed, not what is asked).
fn named_or_implied(m: &crate::model::EntityMention) -> impl Iterator<Item = &str> {
    let what = (m.kind != EntityKind::MemberState).then_some(m);
    what.into_iter().flat_map(|m| {
        std::iter::once(m.name.as_str()).chain(m.broader.iter().map(|b| b.name.as_str()))
    })
}

/// Canonical names of the mentions `keep` accepts, sorted, each once.
fn sorted_names<'m>(
    mentions: impl IntoIterator<Item = &'m crate::model::EntityMention>,
    keep: impl Fn(&crate::model::EntityMention) -> bool,
) -> Vec<&'m str> {
    let mut names: Vec<&str> = mentions
        .into_iter()
        .filter(|m| keep(m))
        .map(|m| m.name.as_str())
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// Words an ask is carried on by, past its cut, to reach what its theme is
/// about.
const MAX_CARRIED_WORDS: usize = 12;

/// The object `text[object]` carried on to byte `to` (the end of a
/// mention after it) through the aside the ask was cut before (`…, including
/// children`, `…, in particular crimes against children`): a few words, no
/// clause end, no bracket (a proposer's tag).
fn carried_on(text: &str, object: std::ops::Range<usize>, to: usize) -> Option<&str> {
    let between = text.get(object.end..to)?;
    let aside = between.trim_start_matches([',', ' ']).to_lowercase();
    let opens_aside = ASIDES.iter().any(|a| {
        aside
            .strip_prefix(a)
            .is_some_and(|rest| rest.starts_with(' '))
    });
    let words = between.split_whitespace().count();
    let closed = between.contains([';', ':', '(', ')']) || between.contains(". ");
    (opens_aside && !closed && words <= MAX_CARRIED_WORDS).then(|| &text[object.start..to])
}

/// What opens an aside after an ask: examples, or what to respect while
/// doing it.
const ASIDES: &[&str] = &[
    "including",
    "while",
    "in particular",
    "particularly",
    "especially",
    "notably",
    "such as",
];

/// The asks after the one ending at byte `after`: each clause that opens
/// with a verb of its own (`…; ensure that …`, `…, implement …`, `…
/// measure and leverage …`, `… as well as encourage …`), cut as [`ask`]
/// cuts it.
fn later_asks(text: &str, after: usize) -> Vec<AskParts<'_>> {
    let words = spaced_words(text);
    let bare = bare_word;
    let mut asks = Vec::new();
    let mut next = after;
    for i in 1..words.len() {
        let (at, word) = words[i];
        if at < next {
            continue;
        }
        // `use of …` is a noun.
        let noun = words.get(i + 1).is_some_and(|(_, w)| bare(w) == "of");
        if noun || !is_verb(&bare(word)) {
            continue;
        }
        let previous = words[i - 1].1;
        let after_and = bare(previous) == "and"
            && i >= 2
            && !is_verb(&bare(words[i - 2].1))
            && !words[i - 2].1.ends_with([';', '.', ':']);
        let after_as_well_as = i >= 3
            && words[i - 3..i]
                .iter()
                .map(|(_, w)| bare(w))
                .eq(["as", "well", "as"]);
        if !(previous.ends_with([';', ',']) || after_and || after_as_well_as) {
            continue;
        }
        let parts = ask(&text[at..]);
        next = parts.object.as_ptr() as usize - text.as_ptr() as usize + parts.object.len();
        asks.push(parts);
    }
    asks
}

/// One theme member with the reading of its wording (shared by every
/// recommendation worded alike).
struct Member<'a> {
    recommendation: &'a Recommendation,
    read: Arc<Reading<'a>>,
    /// The number of that reading within the agenda item: members with the
    /// same number share the reading.
    reading: u32,
    /// Which of the reading's asks its theme cites ([`Reading::ask_about`]).
    ask: usize,
}

impl<'a> Member<'a> {
    fn ask(&self) -> &AskReading<'a> {
        &self.read.asks[self.ask]
    }
}

/// The profiles of an agenda item's theme members, with the item's
/// content words.
struct Profiles<'a> {
    /// One per distinct member, in the order first met.
    profiles: Vec<Member<'a>>,
    /// For each theme, its members' places in `profiles`, in theme order.
    theme_members: Vec<Vec<usize>>,
    /// Content words in alphabetical order: a term's number is its place
    /// here, so ordering numbers orders words.
    words: Vec<String>,
    /// Stems of those words, sorted, each once (numbers of `term_stems`).
    stems: Vec<String>,
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
        // What each member's theme is about: its leading entity, when the
        // label names it (a theme of one is named by its ask, which then
        // stays).
        let mut anchors: Vec<Option<&str>> = vec![None; members.len()];
        for (theme, places) in themes.iter().zip(&theme_members) {
            let label = theme.label.to_lowercase();
            let anchor = theme
                .key_entities
                .first()
                .filter(|e| label.contains(&e.to_lowercase()))
                .map(String::as_str);
            for &m in places {
                anchors[m] = anchor;
            }
        }
        let share = members.len().div_ceil(rayon::current_num_threads()).max(1);
        // Per share: its words, the reading of each wording, and the
        // wording of each member.
        let shares: Vec<(Vec<String>, Vec<Reading>, Vec<u32>)> = members
            .par_chunks(share)
            .zip(anchors.par_chunks(share))
            .map(|(chunk, anchors)| {
                let mut lexicon = Lexicon::default();
                // Recommendations repeated word for word read alike: each
                // wording is read once per share, for the theme of the first.
                let wordings = Wordings::of(chunk, annotations);
                let mut anchor_of: Vec<Option<Option<&str>>> = vec![None; wordings.first.len()];
                for (&w, &anchor) in wordings.of.iter().zip(anchors) {
                    anchor_of[w as usize].get_or_insert(anchor);
                }
                let readings: Vec<Reading> = wordings
                    .first
                    .iter()
                    .zip(anchor_of)
                    .map(|(r, anchor)| Reading::of(r, annotations, &mut lexicon, anchor.flatten()))
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
        // Stems of the item's words, numbered in their sorted order.
        let word_stems: Vec<String> = words.par_iter().map(|w| crate::text::stem(w)).collect();
        let mut stems: Vec<String> = word_stems.clone();
        stems.sort_unstable();
        stems.dedup();
        let stem_of: Vec<u64> = word_stems.iter().map(|s| hash_str(s)).collect();
        let to_stems = |terms: &[u32], entities: &[&str]| {
            let mut out: Vec<u64> = terms.iter().map(|&t| stem_of[t as usize]).collect();
            out.extend(entities.iter().map(|e| hash_str(&format!("entity:{e}"))));
            out.sort_unstable();
            out.dedup();
            out
        };
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
                        read.term_stems = to_stems(&read.terms, &read.entities);
                        for ask in &mut read.asks {
                            for t in &mut ask.terms {
                                *t = place[*t as usize];
                            }
                            ask.terms.sort_unstable();
                            ask.terms.dedup();
                            ask.stems = to_stems(&ask.terms, &ask.entities);
                        }
                        Arc::new(read)
                    })
                    .collect();
                (readings, wording_of)
            })
            .collect();
        // Readings numbered across the shares, each share's after the last.
        let mut first_of_share = 0u32;
        let mut profiles = readings
            .iter()
            .flat_map(|(readings, wording_of)| {
                let first = first_of_share;
                first_of_share += readings.len() as u32;
                wording_of
                    .iter()
                    .map(move |&w| (Arc::clone(&readings[w as usize]), first + w))
            })
            .zip(&members)
            .map(|((read, reading), &recommendation)| Member {
                recommendation,
                read,
                reading,
                ask: 0,
            })
            .collect::<Vec<_>>();
        // Each member is cited by the ask that reaches what its theme is
        // about (a member worded as one of another theme by its first ask).
        for (member, anchor) in profiles.iter_mut().zip(&anchors) {
            member.ask = member.read.ask_about(*anchor);
        }
        Profiles {
            profiles,
            theme_members,
            words,
            stems,
        }
    }

    /// Profiles of the recommendations of the `theme`-th theme, in theme
    /// order.
    fn members(&self, theme: usize) -> Vec<&Member<'a>> {
        self.theme_members[theme]
            .iter()
            .map(|&i| &self.profiles[i])
            .collect()
    }

    /// Every distinct member of the item's themes, in the order first met.
    fn members_in_order(&self) -> Vec<&Member<'a>> {
        self.profiles.iter().collect()
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
    // Keyed by id: one recommendation, one place.
    let mut places: HashMap<&'a str, usize> = HashMap::default();
    let theme_members = themes
        .iter()
        .map(|t| {
            t.recommendations
                .iter()
                .filter_map(|id| recommendations.get(id.as_str()).copied())
                .map(|r| {
                    *places.entry(r.id.as_str()).or_insert_with(|| {
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
type ByRegion<'p, 'a> = BTreeMap<Region, Vec<&'p Member<'a>>>;

/// What one region names in a theme that no other region does.
#[derive(Default)]
struct Distinctive<'a> {
    entities: Vec<&'a str>,
    /// Term numbers.
    terms: Vec<u32>,
}

fn position(
    members: &[&Member],
    met: &[Region],
    profiles: &Profiles,
    rarity: &TermRarity,
    wording: &SharedWording,
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
    let mut nuances: Vec<Nuance> = hedge(members).into_iter().collect();
    nuances.extend(wording.within(members));
    ThemePosition {
        convergence: convergence(&regions, met),
        absent_regions: met
            .iter()
            .copied()
            .filter(|r| !regions.contains(r))
            .collect(),
        statements: statements(members, &by_region, met.len()),
        regions,
        by_region: positions,
        nuances,
    }
}

fn regional_position(
    region: Region,
    members: &[&Member],
    distinctive: Option<&Distinctive>,
    profiles: &Profiles,
) -> RegionalPosition {
    let (distinctive_entities, distinctive_terms) = match distinctive {
        Some(d) => (
            d.entities.iter().map(|e| e.to_string()).collect(),
            d.terms.iter().map(|&t| profiles.word(t)).collect(),
        ),
        None => (Vec::new(), Vec::new()),
    };
    let hedged = members
        .iter()
        .filter(|p| p.read.strength == AskStrength::Hedged)
        .count();
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
        verbs: members.iter().map(|p| p.read.verb.clone()).collect(),
        strength: if 2 * hedged > members.len() {
            AskStrength::Hedged
        } else {
            AskStrength::Operative
        },
        distinctive_entities,
        distinctive_terms,
    }
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
        let mut readings: Vec<&Member> = members.to_vec();
        readings.sort_unstable_by_key(|p| p.reading);
        readings.dedup_by_key(|p| p.reading);
        for read in readings.into_iter().map(|p| &*p.read) {
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

/// Hedged against operative asks, when a theme has both, with every
/// member cited on its side.
fn hedge(members: &[&Member]) -> Option<Nuance> {
    let (hedged, operative): (Vec<&&Member>, Vec<&&Member>) = members
        .iter()
        .partition(|m| m.read.strength == AskStrength::Hedged);
    if hedged.is_empty() || operative.is_empty() {
        return None;
    }
    let regions = |side: &[&&Member]| -> Vec<Region> {
        side.iter()
            .map(|m| m.recommendation.region)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    let ids = |side: &[&&Member]| side.iter().map(|m| m.recommendation.id.clone()).collect();
    let mut hedges: Vec<String> = Vec::new();
    for m in &hedged {
        // `Seek to promote` hedges with `Seek to`; `Consider signing` with
        // `Consider`.
        let verb = &m.read.verb;
        let hedge = match verb.split_once(" to ") {
            Some((head, _)) => format!("{head} to"),
            None => verb.split(' ').next().unwrap_or(verb).to_string(),
        };
        if !hedges.contains(&hedge) {
            hedges.push(hedge);
        }
    }
    Some(Nuance::Hedge {
        hedged: regions(&hedged),
        operative: regions(&operative),
        hedges,
        hedged_sources: ids(&hedged),
        operative_sources: ids(&operative),
    })
}

/// How many numbers two sorted lists share.
fn shared_count(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Asks considered for the common core of a theme: those whose words the
/// theme's members use most (the core can only be among them; this bounds
/// the work on large themes).
const CORE_CANDIDATES: usize = 12;

/// The sentences of a theme: the common core first (the ask whose content
/// words most regions' recommendations carry), then what each region
/// added; a theme of one region states its asks.
fn statements(members: &[&Member], by_region: &ByRegion, met: usize) -> Vec<Statement> {
    let ask_of = |m: usize| &members[m].ask().stems;
    let text_of = |m: usize| &members[m].read.term_stems;
    let mut said: Vec<bool> = vec![false; members.len()];
    let mut statements = Vec::new();
    if by_region.len() > 1 {
        // A member carries an ask when it opens with the same verb (the
        // sentence gives one verb to every meeting it names, so it must be
        // each one's own) and its text holds at least half of the ask's
        // content words (and two at the least).
        let first_verb = |m: usize| {
            members[m]
                .ask()
                .phrase
                .split_whitespace()
                .next()
                .map(|w| w.trim_end_matches(','))
        };
        let carriers = |a: usize| -> Vec<usize> {
            let stems = ask_of(a);
            let needed = stems.len().div_ceil(2).max(2);
            (0..members.len())
                .filter(|&m| {
                    m == a
                        || (stems.len() >= 2
                            && first_verb(m) == first_verb(a)
                            && shared_count(stems, text_of(m)) >= needed)
                })
                .collect()
        };
        let region_count = |c: &[usize]| {
            c.iter()
                .map(|&m| members[m].recommendation.region)
                .collect::<BTreeSet<_>>()
                .len()
        };
        // How many members use each stem, to pick the candidates.
        let mut uses: HashMap<u64, usize> = HashMap::default();
        for m in members {
            for &t in &m.read.term_stems {
                *uses.entry(t).or_insert(0) += 1;
            }
        }
        let mut candidates: Vec<(usize, usize)> = (0..members.len())
            .map(|a| {
                let weight: usize = ask_of(a)
                    .iter()
                    .map(|t| uses.get(t).copied().unwrap_or(0))
                    .sum();
                (a, weight / ask_of(a).len().max(1))
            })
            .collect();
        candidates.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        candidates.truncate(CORE_CANDIDATES);
        let operative = |m: usize| members[m].read.strength == AskStrength::Operative;
        let best = candidates
            .into_iter()
            .map(|(a, _)| (a, carriers(a)))
            .max_by(|x, y| {
                let ((a, ca), (b, cb)) = ((x.0, &x.1), (y.0, &y.1));
                region_count(ca)
                    .cmp(&region_count(cb))
                    .then(operative(a).cmp(&operative(b)))
                    .then(ca.len().cmp(&cb.len()))
                    .then(
                        members[b]
                            .ask()
                            .phrase
                            .len()
                            .cmp(&members[a].ask().phrase.len()),
                    )
                    .then(b.cmp(&a))
            });
        if let Some((core, carried)) = best.filter(|(_, c)| region_count(c) > 1) {
            for &m in &carried {
                said[m] = true;
            }
            statements.push(Statement {
                kind: StatementKind::Common,
                regions: carried
                    .iter()
                    .map(|&m| members[m].recommendation.region)
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect(),
                asks: vec![Ask {
                    phrase: members[core].ask().phrase.clone(),
                    sources: sorted_ids(carried.iter().map(|&m| members[m])),
                }],
            });
        }
    }
    let kind = if by_region.len() > 1 {
        if statements.is_empty() {
            StatementKind::Own
        } else {
            StatementKind::Also
        }
    } else if met > 1 {
        StatementKind::Only
    } else {
        StatementKind::Sole
    };
    for &region in by_region.keys() {
        // The region's members (as `by_region` lists them: in theme
        // order), by place in `members`.
        let mut left: Vec<usize> = (0..members.len())
            .filter(|&i| members[i].recommendation.region == region && !said[i])
            .collect();
        let mut chosen: Vec<usize> = Vec::new();
        let mut covered: BTreeSet<u64> = BTreeSet::new();
        // The asks that add most words not yet said, in theme order
        // among equals; members worded alike are one ask.
        while chosen.len() < MAX_ASKS && !left.is_empty() {
            let new = |i: usize| ask_of(i).iter().filter(|t| !covered.contains(t)).count();
            let (at, _) = left
                .iter()
                .enumerate()
                .max_by(|(x, &a), (y, &b)| new(a).cmp(&new(b)).then(y.cmp(x)))
                .expect("left is not empty");
            let i = left.remove(at);
            covered.extend(ask_of(i).iter().copied());
            let phrase = &members[i].ask().phrase;
            if !chosen.iter().any(|&c| members[c].ask().phrase == *phrase) {
                chosen.push(i);
            }
        }
        if chosen.is_empty() {
            continue;
        }
        chosen.sort_unstable();
        statements.push(Statement {
            kind,
            regions: vec![region],
            asks: chosen
                .iter()
                .map(|&i| Ask {
                    phrase: members[i].ask().phrase.clone(),
                    sources: vec![members[i].recommendation.id.clone()],
                })
                .collect(),
        });
    }
    statements
}

/// Ids in canonical order.
fn sorted_ids<'a>(members: impl Iterator<Item = &'a Member<'a>>) -> Vec<String> {
    let mut recs: Vec<&Recommendation> = members.map(|m| m.recommendation).collect();
    recs.sort_by(|a, b| Recommendation::canonical_cmp(a, b));
    recs.dedup_by(|a, b| a.id == b.id);
    recs.into_iter().map(|r| r.id.clone()).collect()
}

/// Pairs of an agenda item's recommendations, from different regions, that
/// share wording: two or more runs of [`RUN`] words (function words aside)
/// that no other wording of the item has. A run no third text shares is
/// drafting that travelled, not the vocabulary of the field.
struct SharedWording {
    /// By the pair's ids (in canonical order).
    pairs: BTreeMap<(String, String), Nuance>,
}

impl SharedWording {
    fn of(profiles: &Profiles) -> Self {
        let members = profiles.members_in_order();
        // Only pairs within a theme are stated: the theme each member is
        // first in.
        let mut theme_of: HashMap<&str, usize> = HashMap::default();
        for (theme, places) in profiles.theme_members.iter().enumerate() {
            for &p in places {
                theme_of
                    .entry(profiles.profiles[p].recommendation.id.as_str())
                    .or_insert(theme);
            }
        }
        // Distinct texts: recommendations repeated word for word share
        // every run with each other and say nothing new.
        let mut texts: Vec<&str> = Vec::new();
        let mut holders: Vec<Vec<&Recommendation>> = Vec::new();
        let mut text_of: HashMap<&str, usize> = HashMap::default();
        let mut entities: Vec<&[&str]> = Vec::new();
        for m in members {
            let r = m.recommendation;
            let t = *text_of.entry(&r.text).or_insert_with(|| {
                texts.push(&r.text);
                holders.push(Vec::new());
                entities.push(&m.read.instruments_and_bodies);
                texts.len() - 1
            });
            holders[t].push(r);
        }
        let words: Vec<Vec<crate::text::WordingWord>> =
            texts.par_iter().map(|t| wording_words(t)).collect();
        // Which texts hold each run; a run held by more than two is common.
        // Runs are keyed by a hash of their stems; up to three holders are
        // kept (a third makes the run common).
        let mut holders_of: HashMap<u64, ([u32; 3], u8)> = HashMap::default();
        for (t, w) in words.iter().enumerate() {
            for run in w.windows(RUN).filter(|run| one_clause(run)) {
                let (list, n) = holders_of.entry(run_key(run)).or_insert(([0; 3], 0));
                let t = t as u32;
                if (*n as usize) < 3 && (*n == 0 || list[*n as usize - 1] != t) {
                    list[*n as usize] = t;
                    *n += 1;
                }
            }
        }
        let mut shared: BTreeMap<(u32, u32), usize> = BTreeMap::new();
        let mut rare: HashSet<(u32, u32, u64)> = HashSet::default();
        for (&key, &(list, n)) in &holders_of {
            if n == 2 {
                let (a, b) = (list[0], list[1]);
                *shared.entry((a.min(b), a.max(b))).or_insert(0) += 1;
                rare.insert((a.min(b), a.max(b), key));
            }
        }
        let mut pairs = BTreeMap::new();
        for ((a, b), runs) in shared {
            // Two runs no other text has; or one, with two or more named
            // instruments or bodies both texts name (`… UNTOC and UNCAC …
            // a basis for international cooperation`).
            let named_alike = || {
                let (x, y) = (entities[a as usize], entities[b as usize]);
                x.iter().filter(|e| y.contains(e)).count() >= 2
            };
            if runs < 2 && !(runs == 1 && named_alike()) {
                continue;
            }
            let (ta, tb) = (a as usize, b as usize);
            for ra in &holders[ta] {
                for rb in &holders[tb] {
                    if ra.region == rb.region
                        || theme_of.get(ra.id.as_str()) != theme_of.get(rb.id.as_str())
                    {
                        continue;
                    }
                    let (first, second) = if Recommendation::canonical_cmp(ra, rb).is_lt() {
                        ((ra, ta), (rb, tb))
                    } else {
                        ((rb, tb), (ra, ta))
                    };
                    let pair = (a.min(b), a.max(b));
                    let is_rare = |run: &[crate::text::WordingWord]| {
                        rare.contains(&(pair.0, pair.1, run_key(run)))
                    };
                    let mut phrases = shared_runs(
                        first.0.text.as_ref(),
                        &words[first.1],
                        &words[second.1],
                        &is_rare,
                    );
                    if phrases.is_empty() {
                        continue;
                    }
                    let phrase = phrases.remove(0);
                    let mut regions = vec![first.0.region, second.0.region];
                    regions.sort();
                    pairs.insert(
                        (first.0.id.clone(), second.0.id.clone()),
                        Nuance::SharedWording {
                            regions,
                            sources: vec![first.0.id.clone(), second.0.id.clone()],
                            phrase,
                            more: phrases,
                            similarity: (strsim::sorensen_dice(&first.0.text, &second.0.text)
                                * 1000.0)
                                .round()
                                / 1000.0,
                        },
                    );
                }
            }
        }
        SharedWording { pairs }
    }

    /// The shared wording of pairs within `members`, longest phrase first,
    /// at most [`MAX_SHARED_WORDING`].
    fn within(&self, members: &[&Member]) -> Vec<Nuance> {
        let ids: BTreeSet<&str> = members
            .iter()
            .map(|m| m.recommendation.id.as_str())
            .collect();
        let mut found: Vec<&Nuance> = self
            .pairs
            .iter()
            .filter(|((a, b), _)| ids.contains(a.as_str()) && ids.contains(b.as_str()))
            .map(|(_, n)| n)
            .collect();
        let words = |n: &Nuance| match n {
            Nuance::SharedWording { phrase, more, .. } => {
                phrase.split_whitespace().count()
                    + more
                        .iter()
                        .map(|m| m.split_whitespace().count())
                        .sum::<usize>()
            }
            _ => 0,
        };
        found.sort_by_key(|n| std::cmp::Reverse(words(n)));
        found
            .into_iter()
            .take(MAX_SHARED_WORDING)
            .cloned()
            .collect()
    }
}

/// The maximal runs (of at least [`RUN`] words) that `a` and `b` share and
/// that hold a run no other text has (`is_rare`), as `text` (the text of
/// `a`) writes them, longest first, each once.
fn shared_runs(
    text: &str,
    a: &[crate::text::WordingWord],
    b: &[crate::text::WordingWord],
    is_rare: &dyn Fn(&[crate::text::WordingWord]) -> bool,
) -> Vec<String> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    // Longest common run ending at each pair of positions.
    let mut previous = vec![0usize; b.len() + 1];
    let mut best_at: Vec<(usize, usize)> = Vec::new();
    for i in 0..a.len() {
        let mut current = vec![0usize; b.len() + 1];
        for j in 0..b.len() {
            if a[i].stem == b[j].stem {
                // A run goes on only within a clause of both texts.
                let goes_on = i > 0
                    && j > 0
                    && a[i - 1].clause == a[i].clause
                    && b[j - 1].clause == b[j].clause;
                current[j + 1] = if goes_on { previous[j] + 1 } else { 1 };
            }
        }
        for j in 0..b.len() {
            let n = current[j + 1];
            // A run ends here when it does not go on at (i+1, j+1).
            let goes_on = i + 1 < a.len()
                && j + 1 < b.len()
                && a[i + 1].stem == b[j + 1].stem
                && a[i + 1].clause == a[i].clause
                && b[j + 1].clause == b[j].clause;
            if n >= RUN && !goes_on {
                best_at.push((i + 1 - n, i));
            }
        }
        previous = current;
    }
    best_at.sort_unstable();
    best_at.dedup();
    for (from, to) in best_at {
        // Keep runs not inside one already kept.
        if runs.iter().any(|&(f, t)| f <= from && to <= t) {
            continue;
        }
        runs.retain(|&(f, t)| !(from <= f && t <= to));
        runs.push((from, to));
    }
    runs.retain(|&(f, t)| a[f..=t].windows(RUN).any(is_rare));
    runs.sort_by_key(|&(f, t)| (std::cmp::Reverse(t - f), f));
    let mut phrases: Vec<String> = Vec::new();
    for (f, t) in runs {
        let phrase = text[a[f].start..a[t].end].to_string();
        if !phrases.iter().any(|p| p.contains(&phrase)) {
            phrases.push(phrase);
        }
    }
    phrases
}

/// Standard deviations above the mean likeness of two agenda items'
/// recommendation pairs from which a pair is closely similar.
const RELATED_Z: f64 = 2.0;
/// Related themes kept per theme, those with most pairs first.
const MAX_RELATED: usize = 2;
/// Content stems held by more texts of the other item than this do not
/// single out a counterpart: they are left out of the index (which bounds
/// the work on large corpora), and likeness counts the stems that remain.
const MAX_POSTINGS: usize = 50;

/// Fills each theme's `related_themes`: themes of other agenda items with
/// a closely similar recommendation.
fn relate_themes(
    themes: &mut [SynthesisTheme],
    by_id: &HashMap<&str, &Recommendation>,
    stems: &HashMap<String, Arc<Reading>>,
) {
    let mut theme_of: HashMap<&str, usize> = HashMap::default();
    for (i, t) in themes.iter().enumerate() {
        for id in &t.theme.recommendations {
            theme_of.entry(id.as_str()).or_insert(i);
        }
    }
    let mut items: BTreeMap<&str, Vec<&Recommendation>> = BTreeMap::new();
    for (id, _) in theme_of.iter() {
        if let Some(r) = by_id.get(id) {
            items.entry(&r.agenda_item).or_default().push(r);
        }
    }
    for list in items.values_mut() {
        list.sort_by_cached_key(|r| r.canonical_key());
    }
    let items: Vec<(&str, Vec<&Recommendation>)> = items.into_iter().collect();
    let mut pairs: Vec<(String, String)> = Vec::new();
    for x in 0..items.len() {
        for y in x + 1..items.len() {
            pairs.extend(related_pairs(&items[x].1, &items[y].1, stems));
        }
    }
    let mut related: BTreeMap<(usize, usize), Vec<(String, String)>> = BTreeMap::new();
    for (a, b) in pairs {
        let (Some(&ta), Some(&tb)) = (theme_of.get(a.as_str()), theme_of.get(b.as_str())) else {
            continue;
        };
        related
            .entry((ta, tb))
            .or_default()
            .push((a.clone(), b.clone()));
        related.entry((tb, ta)).or_default().push((b, a));
    }
    for ((from, to), mut list) in related {
        list.sort();
        list.dedup();
        let other = &themes[to].theme;
        let entry = RelatedTheme {
            theme: other.id.clone(),
            agenda_item: other.agenda_item.clone(),
            pairs: list,
        };
        themes[from].related_themes.push(entry);
    }
    for t in themes.iter_mut() {
        t.related_themes.sort_by(|a, b| {
            b.pairs
                .len()
                .cmp(&a.pairs.len())
                .then_with(|| natural_cmp(&a.theme, &b.theme))
        });
        t.related_themes.truncate(MAX_RELATED);
    }
}

/// Closely similar pairs between two agenda items: Jaccard likeness of
/// content stems at least [`RELATED_Z`] standard deviations above the mean
/// over all pairs, and the nearest counterpart of one of the two.
fn related_pairs(
    xs: &[&Recommendation],
    ys: &[&Recommendation],
    stems: &HashMap<String, Arc<Reading>>,
) -> Vec<(String, String)> {
    let none = Vec::new();
    let of = |list: &[&Recommendation]| -> Vec<&Vec<u64>> {
        list.iter()
            .map(|r| stems.get(&r.id).map_or(&none, |read| &read.text_stems))
            .collect()
    };
    let (sx, sy) = (of(xs), of(ys));
    let mut index: HashMap<u64, Vec<u32>> = HashMap::default();
    for (j, s) in sy.iter().enumerate() {
        for &w in s.iter() {
            index.entry(w).or_default().push(j as u32);
        }
    }
    // Each x's likeness to every y it shares a stem with, ys ascending:
    // counted in a dense array per thread, read back in order, so that the
    // sums below are taken in one order whatever the threads.
    let per_x: Vec<Vec<(u32, f64)>> = sx
        .par_iter()
        .map_init(
            || (vec![0u32; sy.len()], Vec::new()),
            |(common, touched), s| {
                for w in s.iter() {
                    if let Some(list) = index.get(w).filter(|l| l.len() <= MAX_POSTINGS) {
                        for &j in list {
                            if common[j as usize] == 0 {
                                touched.push(j);
                            }
                            common[j as usize] += 1;
                        }
                    }
                }
                touched.sort_unstable();
                touched
                    .drain(..)
                    .map(|j| {
                        let c = std::mem::take(&mut common[j as usize]) as usize;
                        let union = s.len() + sy[j as usize].len() - c;
                        (j, c as f64 / union.max(1) as f64)
                    })
                    .collect()
            },
        )
        .collect();
    let (mut sum, mut sum_sq, mut count) = (0.0f64, 0.0f64, 0usize);
    for likeness in &per_x {
        for &(_, score) in likeness {
            sum += score;
            sum_sq += score * score;
        }
        count += likeness.len();
    }
    let n = (xs.len() * ys.len()) as f64;
    if n == 0.0 || count == 0 {
        return Vec::new();
    }
    let mean = sum / n;
    let sd = (sum_sq / n - mean * mean).max(0.0).sqrt();
    let floor = mean + RELATED_Z * sd;
    let mut best_y = vec![0.0f64; ys.len()];
    for likeness in &per_x {
        for &(j, s) in likeness {
            best_y[j as usize] = best_y[j as usize].max(s);
        }
    }
    let mut out: Vec<(String, String)> = Vec::new();
    for (i, likeness) in per_x.iter().enumerate() {
        let best_x = likeness.iter().fold(0.0f64, |best, &(_, s)| best.max(s));
        for &(j, s) in likeness {
            if s > floor && (s >= best_x || s >= best_y[j as usize]) {
                out.push((xs[i].id.clone(), ys[j as usize].id.clone()));
            }
        }
    }
    out.sort();
    out
}

/// Fewest consecutive content words of a paragraph of deliberations that
/// no recommendation of the item uses, for the paragraph to count as a
/// point the recommendations do not carry.
const MIN_NOVEL_RUN: usize = 4;
/// Longest sentence of a summary of deliberations quoted as a point.
const MAX_QUOTED_WORDS: usize = 40;
/// The words summaries of deliberations report speech with; they are how
/// a point is made, not the point.
const REPORTING: &[&str] = &[
    "speaker",
    "speakers",
    "delegation",
    "delegations",
    "participant",
    "participants",
    "identified",
    "emphasized",
    "emphasised",
    "highlighted",
    "noted",
    "stressed",
    "underlined",
    "mentioned",
    "described",
    "referred",
    "expressed",
    "pointed",
    "shared",
    "called",
    "recalled",
    "observed",
    "indicated",
    "reported",
    "welcomed",
    "acknowledged",
    "debate",
    "discussion",
    "discussions",
    "deliberations",
    "importance",
    "need",
    "needs",
    "several",
    "many",
    "number",
    "agenda",
    "item",
    "workshop",
    "congress",
    "during",
    "underscored",
    "presented",
    "outlined",
    "explained",
    "informed",
    "raised",
    "mention",
    "importance",
];

/// The paragraphs of the summaries of deliberations with a run of content
/// words no recommendation of the item uses, each with that run as the
/// paragraph writes it.
fn deliberation_points(reports: &[&Report], profiles: &Profiles) -> Vec<DeliberationPoint> {
    // The stems the item's recommendations use, with the words of the
    // entities they name (which their terms leave out).
    let mut used: HashSet<String> = profiles.stems.iter().cloned().collect();
    let names: BTreeSet<&str> = profiles
        .profiles
        .iter()
        .flat_map(|m| m.read.entities.iter().copied())
        .collect();
    for name in names {
        used.extend(tokenise(name, &[]).into_iter().map(|t| t.stem));
    }
    let mut points = Vec::new();
    for report in reports {
        for p in &report.deliberations {
            let tokens: Vec<_> = tokenise(&p.text, &[])
                .into_iter()
                .filter(|t| !REPORTING.contains(&t.word.as_str()))
                .collect();
            // The longest run of new words within one clause.
            let mut best: Option<(usize, usize)> = None;
            let mut from = 0;
            for i in 0..=tokens.len() {
                let breaks = i == tokens.len()
                    || used.contains(&tokens[i].stem)
                    || (i > from && tokens[i].clause != tokens[i - 1].clause);
                if breaks {
                    if i - from >= MIN_NOVEL_RUN && best.is_none_or(|(f, t)| t - f < i - from) {
                        best = Some((from, i));
                    }
                    from = if i < tokens.len() && !used.contains(&tokens[i].stem) {
                        i
                    } else {
                        i + 1
                    };
                }
            }
            // The point is quoted as the whole sentence holding the run,
            // never a fragment; a sentence too long to quote is left out.
            if let Some(excerpt) = best.and_then(|(f, _)| sentence_at(&p.text, tokens[f].start)) {
                points.push(DeliberationPoint {
                    region: report.meeting.region,
                    paragraph: p.number,
                    excerpt,
                });
            }
        }
    }
    points.sort_by_key(|p| (p.region, p.paragraph));
    points
}

/// The sentence of `text` holding byte `at`, without its full stop, when
/// it reads as one (opens with a capital) and has at most
/// [`MAX_QUOTED_WORDS`] words.
fn sentence_at(text: &str, at: usize) -> Option<String> {
    let start = text[..at].rfind(". ").map_or(0, |i| i + 2);
    let end = text[at..].find(". ").map_or(text.len(), |i| at + i + 1);
    let sentence = text[start..end].trim().trim_end_matches('.');
    let words = sentence.split_whitespace().count();
    (sentence.starts_with(char::is_uppercase) && words <= MAX_QUOTED_WORDS)
        .then(|| sentence.to_string())
}

fn hash_str(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    s.hash(&mut h);
    h.finish()
}

/// A hash of a run's stems.
fn run_key(run: &[crate::text::WordingWord]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    for w in run {
        w.stem.hash(&mut h);
    }
    h.finish()
}

/// Whether a run of words lies within one clause.
fn one_clause(run: &[crate::text::WordingWord]) -> bool {
    run.windows(2).all(|w| w[0].clause == w[1].clause)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases(text: &str) -> Vec<String> {
        later_asks(text, ask(text).object.len())
            .iter()
            .map(AskParts::phrase)
            .collect()
    }

    #[test]
    fn later_asks_open_with_a_verb_of_their_own() {
        let text = "Develop innovative approaches with the use of digital technologies, \
                    implement media literacy curricula for children and youth as a primary \
                    prevention measure and leverage artificial intelligence to make children safer";
        assert_eq!(
            phrases(text),
            [
                "implementing media literacy curricula for children and youth as a primary prevention measure",
                "leveraging artificial intelligence to make children safer",
            ]
        );
        // `as well as` opens one; `use of` is a noun, `to prevent and
        // counter` one ask.
        let text = "Encourage national coordination in criminal justice responses, as well as \
                    encourage partnerships with civil society";
        assert_eq!(
            phrases(text),
            ["encouraging partnerships with civil society"]
        );
        let text = "Integrate intelligence capabilities within judicial processes, including \
                    through frameworks and use of special techniques to prevent and counter crime";
        assert!(phrases(text).is_empty(), "{:?}", phrases(text));
    }

    #[test]
    fn an_ask_is_carried_on_only_through_a_short_aside() {
        let text = "Promote awareness among members of the community, including children, the \
                    elderly, and persons in situations of vulnerability";
        let object = ask(text).object;
        let from = object.as_ptr() as usize - text.as_ptr() as usize;
        let span = from..from + object.len();
        let children = text.find("children").unwrap() + "children".len();
        assert_eq!(
            carried_on(text, span.clone(), children),
            Some("awareness among members of the community, including children")
        );
        // Too far: the end of a long aside.
        let text =
            format!("{text} about the methods and scams used for the purposes of cybercrime");
        assert_eq!(carried_on(&text, span, text.len()), None);
        // Not an aside: a clause of its own, or across a bracket.
        let text = "Enhance understanding of international law in the cyber domain in order to \
                    ensure that the Convention applies";
        let object = ask(text).object;
        let span = 0..object.as_ptr() as usize - text.as_ptr() as usize + object.len();
        assert_eq!(
            carried_on(text, span, text.find("Convention").unwrap() + 10),
            None
        );
        let text = "Strengthen partnerships with technology companies (Viet Nam), including \
                    online safety";
        assert_eq!(carried_on(text, 0..20, text.len()), None);
    }
}
