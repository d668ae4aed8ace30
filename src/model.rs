//! Plain data passed between pipeline stages.
//!
//! Each stage reads these types and produces the next ones; no stage reaches
//! into another's internals. Everything here serialises to the JSON the
//! `--json` flags and `synthesis.json` expose, so field names are part of the
//! public interface: rename with care.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

/// The five UN regions that hold a regional preparatory meeting.
/// Ordered alphabetically by canonical name, which is the order used in every
/// listing so that output does not depend on input order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Region {
    #[serde(rename = "Africa")]
    Africa,
    #[serde(rename = "Asia and the Pacific")]
    AsiaPacific,
    #[serde(rename = "Europe")]
    Europe,
    #[serde(rename = "Latin America and the Caribbean")]
    LatinAmericaCaribbean,
    #[serde(rename = "Western Asia")]
    WesternAsia,
}

impl Region {
    pub const ALL: [Region; 5] = [
        Region::Africa,
        Region::AsiaPacific,
        Region::Europe,
        Region::LatinAmericaCaribbean,
        Region::WesternAsia,
    ];

    /// Canonical name, as used in UN documents.
    pub fn name(self) -> &'static str {
        match self {
            Region::Africa => "Africa",
            Region::AsiaPacific => "Asia and the Pacific",
            Region::Europe => "Europe",
            Region::LatinAmericaCaribbean => "Latin America and the Caribbean",
            Region::WesternAsia => "Western Asia",
        }
    }

    /// Short code used in recommendation ids and compact tables.
    pub fn code(self) -> &'static str {
        match self {
            Region::Africa => "AF",
            Region::AsiaPacific => "AP",
            Region::Europe => "EU",
            Region::LatinAmericaCaribbean => "LAC",
            Region::WesternAsia => "WA",
        }
    }

    /// Looks a region up by canonical name or code (case-insensitive).
    pub fn from_name_or_code(s: &str) -> Option<Region> {
        let s = s.trim();
        Region::ALL
            .into_iter()
            .find(|r| r.name().eq_ignore_ascii_case(s) || r.code().eq_ignore_ascii_case(s))
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// A finding about the input, always pointing at a file (and a line where
/// there is one) and saying what was expected.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Diagnostic {
    pub file: String,
    pub line: Option<usize>,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn warning(
        file: impl Into<String>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            file: file.into(),
            line,
            severity: Severity::Warning,
            message: message.into(),
        }
    }

    pub fn error(file: impl Into<String>, line: Option<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line,
            severity: Severity::Error,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        match self.line {
            Some(line) => write!(f, "{}:{}: {}: {}", self.file, line, level, self.message),
            None => write!(f, "{}: {}: {}", self.file, level, self.message),
        }
    }
}

/// One lettered recommendation, e.g. Europe 17 (l), with its provenance.
///
/// Texts, and what a report's recommendations have in common (agenda item,
/// meeting, file), are shared (`Arc<str>`) rather than copied: per report
/// while parsing, and when the stages after ingest take their copy of the
/// recommendations (a hundred thousand of them are tens of megabytes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recommendation {
    /// Stable id: `{region code}-{Congress agenda item}-{paragraph}{letter}`,
    /// e.g. `EU-6-17l`; a suffix `-2`, `-3`… only when a corpus holds two
    /// reports that would give the same id (ids are assigned in a canonical
    /// order, so they do not depend on the order files were named in).
    pub id: String,
    pub region: Region,
    /// Congress agenda item, e.g. `6`.
    pub agenda_item: Arc<str>,
    /// The meeting's own agenda item, e.g. `5 (d)`, where the report gives it.
    pub meeting_item: Option<Arc<str>>,
    /// Where and when the meeting was held, e.g. `Vienna, 25–27 March 2025`.
    pub meeting: Option<Arc<str>>,
    /// Number of the paragraph that introduces the recommendations, e.g. 17.
    pub paragraph: u32,
    /// Letter as printed after repair, e.g. `l`.
    pub letter: String,
    /// Clean one-paragraph text, without the letter.
    pub text: Arc<str>,
    /// Member States named in brackets after a clause, e.g. `Viet Nam`: as
    /// written when read; in a synthesis, as the draft names them (`the
    /// United Arab Emirates`, from the gazetteer, when it knows the State).
    pub attributed_states: Vec<String>,
    /// Source file as given on the command line (or found in a folder).
    pub file: Arc<str>,
    /// 1-based line where the letter stands (in a PDF, of the extracted
    /// text; in a .docx, the paragraph's index).
    pub line: usize,
    /// 1-based page of a PDF report where the letter stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

impl Recommendation {
    /// The id its place gives it, `{region code}-{Congress agenda
    /// item}-{paragraph}{letter}` (before any suffix), written into `out`.
    pub fn write_place_id(&self, out: &mut String) {
        use std::fmt::Write;
        // Writing to a String cannot fail.
        let _ = write!(
            out,
            "{}-{}-{}{}",
            self.region.code(),
            self.agenda_item,
            self.paragraph,
            self.letter
        );
    }

    /// See [`Recommendation::write_place_id`].
    pub fn place_id(&self) -> String {
        let mut id = String::new();
        self.write_place_id(&mut id);
        id
    }

    /// Citation in the style of UN reports: `17 (l)`.
    pub fn reference(&self) -> String {
        format!("{} ({})", self.paragraph, self.letter)
    }

    /// The order every listing uses: region, agenda item, paragraph, then
    /// letter (`z` before `aa`), with the id breaking ties.
    pub fn canonical_cmp(a: &Recommendation, b: &Recommendation) -> std::cmp::Ordering {
        a.canonical_key().cmp(&b.canonical_key())
    }

    /// The key of [`Recommendation::canonical_cmp`], for sorting many
    /// recommendations with `sort_by_cached_key`.
    pub fn canonical_key(&self) -> (Region, (u64, &str), u32, usize, &str, &str) {
        (
            self.region,
            natural_key(&self.agenda_item),
            self.paragraph,
            self.letter.len(),
            &self.letter,
            &self.id,
        )
    }
}

/// A numbered paragraph of the summary of deliberations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    pub number: u32,
    pub text: String,
    pub line: usize,
}

/// Who made statements under the agenda item, as the report names them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Speakers {
    pub member_states: Vec<String>,
    pub observers: Vec<String>,
    /// Footnotes the report attaches to a speaker, e.g. the European Union
    /// speaking "also on behalf of the States Members … of the European
    /// Union".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<SpeakerNote>,
}

/// A footnote attached to one speaker's name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpeakerNote {
    /// The speaker as named in [`Speakers`].
    pub speaker: String,
    /// The footnote's text, e.g. `Also on behalf of the States Members …`.
    pub text: String,
}

/// A regional meeting as its report records it: who met, where and when,
/// on which of its own agenda items, and who spoke. One type for the report
/// (ingest) and the synthesis (the draft's introduction), flattened into
/// both in JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meeting {
    pub region: Region,
    /// The report's file, as given on the command line (or found in a folder).
    pub file: String,
    /// Full title as printed, e.g. `European Regional Preparatory Meeting for …`.
    pub meeting_title: Option<String>,
    /// e.g. `Vienna` or `Marrakech, Morocco`.
    pub venue: Option<String>,
    /// e.g. `25–27 March 2025`.
    pub meeting_dates: Option<String>,
    /// e.g. `Nicolas Karges (France)`.
    pub rapporteur: Option<String>,
    /// Date printed under "Distr.: Limited", e.g. `27 March 2025`.
    pub document_date: Option<String>,
    /// The meeting's own agenda item, e.g. `5 (d)`.
    pub meeting_item: Option<String>,
    pub workshop: Option<u32>,
    pub speakers: Speakers,
}

/// One report addendum: one region's meeting on one agenda item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    #[serde(flatten)]
    pub meeting: Meeting,
    /// Hex SHA-256 of the decoded text, used to spot the same report twice.
    pub content_hash: String,
    /// Congress agenda item, e.g. `6`.
    pub agenda_item: String,
    /// Title of the item as printed (Congress item and workshop).
    pub item_title: Option<String>,
    pub deliberations: Vec<Paragraph>,
    /// Number of the paragraph introducing the recommendations.
    pub recommendations_paragraph: Option<u32>,
    /// That paragraph's text, e.g. `The following recommendations, which
    /// were not negotiated by the participants, were identified:`.
    #[serde(default)]
    pub recommendations_intro: Option<String>,
    pub recommendations: Vec<Recommendation>,
}

/// Everything ingest read, plus what it had to say about it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Corpus {
    /// Reports in canonical order (Congress agenda item, region, file).
    pub reports: Vec<Report>,
    pub diagnostics: Vec<Diagnostic>,
    /// Number of files opened, including ones that yielded nothing.
    pub files_read: usize,
    /// How each file was read, in file order (not part of any output).
    #[serde(skip)]
    pub readers: Vec<FileReader>,
}

/// Which reader read a file (`text`, `Markdown`, `PDF`, `Word`) and, for
/// paged input, the pages: the input line each starts at and those whose
/// text could not be placed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileReader {
    pub file: String,
    pub reader: &'static str,
    pub page_starts: Vec<usize>,
    pub unplaced_pages: Vec<usize>,
}

impl Corpus {
    pub fn recommendations(&self) -> impl Iterator<Item = &Recommendation> {
        self.reports.iter().flat_map(|r| r.recommendations.iter())
    }

    /// Congress agenda items present, sorted.
    pub fn agenda_items(&self) -> Vec<String> {
        let mut items: Vec<String> = self.reports.iter().map(|r| r.agenda_item.clone()).collect();
        items.sort_by(|a, b| crate::model::natural_cmp(a, b));
        items.dedup();
        items
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Compares strings so that embedded numbers sort by value (`5` < `10`).
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    natural_key(a).cmp(&natural_key(b))
}

/// The key of [`natural_cmp`]: the leading number (none sorts last), then
/// the whole text. Borrowed: this runs in sorts of every recommendation.
pub fn natural_key(s: &str) -> (u64, &str) {
    let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    (s[..digits].parse::<u64>().unwrap_or(u64::MAX), s)
}

/// Kinds of named things the gazetteer knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Instrument,
    Body,
    MemberState,
    CrimeType,
    Topic,
}

/// One occurrence of a gazetteer entity in a recommendation's text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EntityMention {
    /// Gazetteer id of the entity, e.g. `artificial-intelligence`.
    pub entity: String,
    /// Canonical name, e.g. `artificial intelligence`.
    pub name: String,
    pub kind: EntityKind,
    /// Byte span in `Recommendation::text`.
    pub start: usize,
    pub end: usize,
    /// The text as matched, e.g. `AI`.
    pub matched: String,
    /// Broader entities this one implies (from the gazetteer), e.g.
    /// mutual legal assistance implies international cooperation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub broader: Vec<BroaderEntity>,
}

/// An entity implied by a narrower one that the text names.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct BroaderEntity {
    /// Gazetteer id, e.g. `international-cooperation`.
    pub entity: String,
    /// Canonical name, e.g. `international cooperation`.
    pub name: String,
    /// True when the broader entity is what the narrower one concerns, not
    /// a kind of thing it belongs to: entities of different kinds (the
    /// Convention against Corruption, an instrument, concerns corruption, a
    /// crime type), where training (a topic) is a form of capacity-building
    /// (a topic).
    #[serde(skip)]
    pub concerns: bool,
}

/// Output of the entity stage: the mentions found in each recommendation.
///
/// Stored once per distinct text (large corpora repeat recommendations word
/// for word); looked up by recommendation id. Never iterated, so the hash
/// map leaves no trace of its order in any output.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EntityAnnotations {
    /// Mentions of each distinct text.
    found: Vec<Vec<EntityMention>>,
    /// Recommendation id -> its text's entry in `found`.
    text_of: rustc_hash::FxHashMap<String, u32>,
    /// Entity id -> the heading the gazetteer gives a theme about it.
    headings: std::collections::BTreeMap<String, String>,
}

impl EntityAnnotations {
    /// Annotations from the mentions of each distinct text and, for each
    /// recommendation id, which text it has.
    pub fn new(
        found: Vec<Vec<EntityMention>>,
        text_of: impl IntoIterator<Item = (String, u32)>,
    ) -> Self {
        let text_of: rustc_hash::FxHashMap<String, u32> = text_of.into_iter().collect();
        assert!(
            text_of.values().all(|&t| (t as usize) < found.len()),
            "every recommendation's text has its mentions"
        );
        EntityAnnotations {
            found,
            text_of,
            headings: std::collections::BTreeMap::new(),
        }
    }

    /// The same, with the heading of each entity id that has one.
    pub fn with_headings(mut self, headings: impl IntoIterator<Item = (String, String)>) -> Self {
        self.headings = headings.into_iter().collect();
        self
    }

    /// How a synthesis heads a theme about entity `id`, if the gazetteer
    /// says.
    pub fn heading(&self, id: &str) -> Option<&str> {
        self.headings.get(id).map(String::as_str)
    }

    pub fn of(&self, recommendation_id: &str) -> &[EntityMention] {
        self.list_of(recommendation_id)
            .map(|t| self.found[t as usize].as_slice())
            .unwrap_or(&[])
    }

    /// Number of lists of mentions kept (one per distinct text).
    pub fn lists(&self) -> usize {
        self.found.len()
    }

    /// Which list of mentions a recommendation has (below [`Self::lists`]):
    /// recommendations with the same list have the same mentions.
    pub fn list_of(&self, recommendation_id: &str) -> Option<u32> {
        self.text_of.get(recommendation_id).copied()
    }
}

/// Why two recommendations are linked: the combined score and its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// Combined score in [0, 1].
    pub score: f64,
    /// Lexical part of the score in [0, 1].
    pub lexical: f64,
    /// Entity part of the score in [0, 1].
    pub entity: f64,
    pub shared_terms: Vec<String>,
    /// Canonical names of shared entities.
    pub shared_entities: Vec<String>,
}

/// A group of recommendations on one subject within one Congress agenda item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Theme {
    /// Stable id, e.g. `6-03`.
    pub id: String,
    pub agenda_item: String,
    /// Human label, e.g. `Responsible use of artificial intelligence`.
    pub label: String,
    /// Regions that contributed, in `Region` order.
    pub regions: Vec<Region>,
    /// Member recommendation ids, in corpus order.
    pub recommendations: Vec<String>,
    /// Most characteristic entities (canonical names), strongest first.
    pub key_entities: Vec<String>,
    /// Most characteristic terms, strongest first.
    pub key_terms: Vec<String>,
    /// Whether the rapporteur's plan or the clustering made the theme.
    #[serde(default)]
    pub source: ThemeSource,
    /// Recommendations of other themes that also bear on this one (each
    /// has its home in exactly one theme, listed in `recommendations`
    /// there), in corpus order.
    #[serde(default)]
    pub see_also: Vec<String>,
}

/// How the themes stage placed one recommendation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    pub id: String,
    /// Id of the theme it was placed in.
    pub theme: String,
    pub rule: PlacementRule,
}

/// The rule that placed a recommendation in its theme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum PlacementRule {
    /// The rapporteur's plan put it there (`origin`: plan file and line).
    Plan { origin: String },
    /// Its strong links to the theme's other members (strongest first).
    Linked { links: Vec<LinkedTo> },
    /// Not in the plan, but strongly linked to a planned theme's members.
    JoinedPlanned { links: Vec<LinkedTo> },
    /// No strong link, or strong links (`nearest`, strongest first) too
    /// weak on average to join any theme: a theme of its own.
    Alone { nearest: Vec<LinkedTo> },
}

/// A strong link from a placed recommendation to another member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkedTo {
    pub id: String,
    pub score: f64,
}

/// Who decided a theme.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThemeSource {
    /// A `[[theme]]` of the rapporteur's plan file.
    Plan,
    /// The clustering.
    #[default]
    Clustering,
}

/// A theme as the rapporteur fixed it in the plan file (`plan.rs` reads and
/// checks it; the themes stage applies it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedTheme {
    pub agenda_item: String,
    pub label: String,
    /// Never relabelled.
    pub pinned_label: bool,
    /// Member ids, in the plan's order, each with its line in the plan file;
    /// only ids of the corpus (the others were reported and dropped).
    pub recommendations: Vec<PlannedMember>,
    /// Ids cross-referenced from the theme without being its members.
    pub see_also: Vec<String>,
    /// The plan file and line of the `[[theme]]` table, e.g. `themes.toml:14`.
    pub origin: String,
}

/// One recommendation placed by the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedMember {
    pub id: String,
    /// Where the plan places it, e.g. `themes.toml:17`.
    pub origin: String,
}

/// The rapporteur's decisions, in plan order; empty when there is no plan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub themes: Vec<PlannedTheme>,
}

/// What the similarity stage found among the recommendations of one
/// Congress agenda item, and what the themes stage forms themes from.
/// Members are numbered by place in [`ItemSimilarity::members`] (node
/// order), in links, twins and terms alike.
#[derive(Debug, Clone)]
pub struct ItemSimilarity {
    pub agenda_item: String,
    /// The item's recommendations in node order (region, paragraph, letter,
    /// id), as places in the run's list of recommendations.
    pub members: Vec<usize>,
    /// Pairs scoring at least the linking threshold, each member keeping
    /// its strongest, sorted by `(a, b)`.
    pub links: Vec<ScoredLink>,
    /// Groups of members that read the same to the score (twins), each
    /// ascending, in order of first member; every member is in one.
    pub twins: Vec<Vec<usize>>,
    /// The item's vocabulary: its words, phrases and entities.
    pub terms: Vec<Term>,
    /// The terms of each wording (ids in `terms`, sorted, each once):
    /// members worded alike hold the same.
    pub wording_terms: Vec<Vec<u32>>,
    /// The wording of each member.
    pub wording_of: Vec<u32>,
}

impl ItemSimilarity {
    /// The terms member `m` holds (shared or not).
    pub fn terms_of(&self, m: usize) -> &[u32] {
        &self.wording_terms[self.wording_of[m] as usize]
    }
}

/// A link between two members of an agenda item (`a < b`, by place in
/// [`ItemSimilarity::members`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ScoredLink {
    pub a: u32,
    pub b: u32,
    pub score: f64,
    /// Whether the pair shares the substance a strong link needs (an
    /// entity or concept, or enough words, not ubiquitous in the item):
    /// only strong links can put two recommendations in one theme.
    pub strong: bool,
    /// The score with its strongest shared term and entity; shared by
    /// every link between the same two wordings.
    pub evidence: Arc<Link>,
}

/// One term of an agenda item's vocabulary.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// Readable form: the most frequent written form, or the entity's name.
    pub text: String,
    /// For an entity, how a synthesis heads a theme about it (gazetteer).
    pub heading: Option<String>,
    pub kind: TermKind,
    /// Recommendations of the item holding it.
    pub document_frequency: u32,
    /// Smoothed inverse document frequency within the item.
    pub idf: f64,
}

/// What a term of an item's vocabulary is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    Word,
    /// Two words that follow each other.
    Phrase,
    /// A gazetteer entity; its kind when the text names it (an entity only
    /// implied by a narrower one has none).
    Entity(Option<EntityKind>),
}

/// The graph of one Congress agenda item: recommendations as nodes (weight =
/// recommendation id), scored links as edges, and the themes cut from it.
/// Edges carry their full score but only their strongest shared term and
/// strongest shared entity as evidence, so that graphs of large corpora stay
/// small; `Similarity::link` (used by `explain`) gives the full evidence.
#[derive(Debug, Clone)]
pub struct AgendaItemGraph {
    pub agenda_item: String,
    /// Nodes are recommendation ids; an edge's evidence is shared by every
    /// edge between the same two wordings (twins show the same evidence),
    /// so a graph of millions of edges holds each evidence once.
    pub graph: petgraph::graph::UnGraph<String, std::sync::Arc<Link>>,
    pub themes: Vec<Theme>,
    /// How each recommendation of the item was placed, in node order.
    pub placements: Vec<Placement>,
    /// The average similarity two themes of the item needed to merge
    /// (derived from the item's own strong links).
    pub cut_height: f64,
}

/// Output of the theme stage.
#[derive(Debug, Clone, Default)]
pub struct ThemeGraph {
    pub items: Vec<AgendaItemGraph>,
}

impl ThemeGraph {
    pub fn themes(&self) -> impl Iterator<Item = &Theme> {
        self.items.iter().flat_map(|i| i.themes.iter())
    }

    /// How recommendation `id` was placed.
    pub fn placement(&self, id: &str) -> Option<&Placement> {
        self.items
            .iter()
            .flat_map(|i| i.placements.iter())
            .find(|p| p.id == id)
    }
}

/// How widely a theme is shared among the regions that met on its item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Convergence {
    /// Every region that met on the agenda item contributed.
    Converging,
    /// Several, but not all, regions contributed.
    Shared,
    /// Only one region contributed.
    RegionSpecific,
}

impl Convergence {
    /// The name used in JSON and by the templates: `converging`, `shared`,
    /// `region_specific`.
    pub fn name(self) -> &'static str {
        match self {
            Convergence::Converging => "converging",
            Convergence::Shared => "shared",
            Convergence::RegionSpecific => "region_specific",
        }
    }

    /// The name for people: `converging`, `shared`, `region-specific`.
    pub fn label(self) -> &'static str {
        match self {
            Convergence::RegionSpecific => "region-specific",
            other => other.name(),
        }
    }
}

/// Strength of an ask, read from a recommendation's opening words. Only a
/// hedge is a difference worth reporting: operative verbs (`Promote`,
/// `Strengthen`, `Ensure`…) are not ranked against each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AskStrength {
    /// Opens with a hedge: `Consider`, `Explore`, `Seek to`, `Continue to`,
    /// `Encourage`…
    Hedged,
    /// Every other opening.
    Operative,
}

/// What one region says inside a theme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionalPosition {
    pub region: Region,
    /// Recommendation ids of this region in the theme.
    pub recommendations: Vec<String>,
    /// Citations such as `17 (l)`, in the same order.
    pub references: Vec<String>,
    /// Opening verbs, e.g. `Promote`, `Ensure`, one per recommendation.
    pub verbs: Vec<String>,
    /// Hedged when most of its recommendations here are hedged.
    pub strength: AskStrength,
    /// Entities only this region names inside the theme.
    pub distinctive_entities: Vec<String>,
    /// Terms only this region uses inside the theme.
    pub distinctive_terms: Vec<String>,
}

/// A difference or a likeness between regions inside a theme, stated with
/// its sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Nuance {
    /// Some of the theme's recommendations open with a hedge, others are
    /// operative; every member is cited on one side or the other.
    Hedge {
        /// Regions with hedged recommendations here.
        hedged: Vec<Region>,
        /// Regions with operative recommendations here.
        operative: Vec<Region>,
        /// The hedges as written, e.g. `Consider`, `Seek to`, each once.
        hedges: Vec<String>,
        hedged_sources: Vec<String>,
        operative_sources: Vec<String>,
    },
    /// Two regions use closely similar words: a run of words that no other
    /// recommendation of the agenda item shares.
    SharedWording {
        regions: Vec<Region>,
        /// The two recommendation ids.
        sources: Vec<String>,
        /// The longest shared run, as the first source writes it.
        phrase: String,
        /// Other runs the two share, as the first source writes them.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        more: Vec<String>,
        /// Sørensen–Dice similarity of the two texts (character bigrams).
        similarity: f64,
    },
}

/// Who said a statement of a theme's synthesis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementKind {
    /// Asked by several regions: the common core.
    Common,
    /// What one region added to what was said before.
    Also,
    /// The only region of the theme, among several that met on the item.
    Only,
    /// The only region that met on the item.
    Sole,
    /// One region's asks in a theme of several regions with no common core.
    Own,
}

/// One sentence of a theme's synthesis: who asked for what, with sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    pub kind: StatementKind,
    pub regions: Vec<Region>,
    /// The asks, each the recommendations' own words cut short.
    pub asks: Vec<Ask>,
}

/// One ask, extracted from a recommendation: its opening verb in the -ing
/// form and the words after it, shortened by cutting only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ask {
    /// e.g. `strengthening international cooperation in criminal matters`.
    pub phrase: String,
    /// Recommendation ids that ask it.
    pub sources: Vec<String>,
}

/// The regional positions within one theme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemePosition {
    pub convergence: Convergence,
    /// Regions that contributed.
    pub regions: Vec<Region>,
    /// Regions that met on the agenda item but did not contribute.
    pub absent_regions: Vec<Region>,
    pub by_region: Vec<RegionalPosition>,
    /// The synthesis in sentences: the common core first, then additions.
    pub statements: Vec<Statement>,
    pub nuances: Vec<Nuance>,
}

/// A theme of another agenda item holding closely similar
/// recommendations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelatedTheme {
    pub theme: String,
    pub agenda_item: String,
    /// (recommendation of this theme, recommendation of the other).
    pub pairs: Vec<(String, String)>,
}

/// A theme with its positions, as rendered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SynthesisTheme {
    #[serde(flatten)]
    pub theme: Theme,
    pub position: ThemePosition,
    #[serde(default)]
    pub related_themes: Vec<RelatedTheme>,
}

/// A meeting that reported on an agenda item, for the introduction: the
/// meeting as its report records it, and its speakers named in the UN
/// style.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportedMeeting {
    #[serde(flatten)]
    pub meeting: Meeting,
    /// The speakers by their canonical names, grouped by kind.
    pub delegations: Delegations,
    pub recommendations: usize,
}

/// Speakers under their canonical names (with the article where the name
/// has one), observers grouped by kind, in the report's order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Delegations {
    pub member_states: Vec<String>,
    pub observer_states: Vec<String>,
    pub intergovernmental: Vec<String>,
    pub non_governmental: Vec<String>,
    /// Observers the gazetteer does not know, as the report names them.
    pub other_observers: Vec<String>,
    /// Footnotes on speakers, with the speaker's canonical name.
    pub notes: Vec<SpeakerNote>,
}

/// A numbered paragraph of a summary of deliberations whose point no
/// recommendation of the item carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeliberationPoint {
    pub region: Region,
    pub paragraph: u32,
    /// The paragraph's words that no recommendation of the item uses, as a
    /// run cut from the paragraph.
    pub excerpt: String,
}

/// One Congress agenda item in the synthesis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgendaItemSynthesis {
    pub agenda_item: String,
    pub title: Option<String>,
    /// Regions that met on the item.
    pub regions: Vec<Region>,
    pub meetings: Vec<ReportedMeeting>,
    /// Regional groups whose report on the item is not in the corpus.
    pub absent_regions: Vec<Region>,
    /// Theme ids, in the order they are drafted.
    pub themes: Vec<String>,
    /// Points of the summaries of deliberations no recommendation carries.
    pub deliberation_points: Vec<DeliberationPoint>,
}

/// The reports' own caveat on their recommendations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Caveat {
    /// The clause as the reports word it, e.g. `were not negotiated by the
    /// participants`.
    pub clause: String,
    /// Regions whose reports say so.
    pub regions: Vec<Region>,
}

/// The whole synthesis: what `render` turns into documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Synthesis {
    /// Every regional group whose report is not in the corpus at all.
    pub absent_regions: Vec<Region>,
    pub caveat: Option<Caveat>,
    pub agenda_items: Vec<AgendaItemSynthesis>,
    pub themes: Vec<SynthesisTheme>,
    pub recommendations: Vec<Recommendation>,
    pub diagnostics: Vec<Diagnostic>,
    /// How the rapporteur's plan was applied, when a run has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<PlanUse>,
}

/// What a plan decided in a run, for the draft's introduction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanUse {
    /// The plan file, as given.
    pub file: String,
    /// Themes set by the rapporteur in the plan.
    pub themes: usize,
    /// Recommendations the plan does not name (new since it was written),
    /// placed by the clustering, in corpus order.
    pub new_since_plan: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cmp::Ordering;

    #[test]
    fn natural_order_compares_leading_numbers_by_value_then_text() {
        assert_eq!(natural_cmp("5", "10"), Ordering::Less);
        assert_eq!(natural_cmp("10", "5"), Ordering::Greater);
        assert_eq!(natural_cmp("6", "6"), Ordering::Equal);
        // Same number: the whole text decides.
        assert_eq!(natural_cmp("6-02", "6-10"), Ordering::Less);
        assert_eq!(natural_cmp("06", "6"), Ordering::Less);
        // No leading number sorts after every number.
        assert_eq!(natural_cmp("99", "a"), Ordering::Less);
        assert_eq!(natural_cmp("", "1"), Ordering::Greater);
        // A number too large for u64 counts as having none.
        assert_eq!(natural_cmp("99999999999999999999", "1"), Ordering::Greater);
    }
}
