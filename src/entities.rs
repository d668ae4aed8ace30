//! Entities: recognises conventions, bodies, Member States, crime types and
//! topics named in recommendations, from an editable gazetteer.
//!
//! The gazetteer is a TOML file (`data/entities.toml`, embedded in the
//! binary; `--entities FILE` replaces it) with one `[[entity]]` table per
//! entity: `id`, `name` (canonical), `kind` (`instrument`, `body`,
//! `member_state`, `crime_type` or `topic`), `aliases` and, optionally,
//! `broader`: ids of entities a mention implies (mutual legal assistance is
//! a form of international cooperation), which similarity counts as if the
//! text named them.
//!
//! Matching works on words: case-insensitive, hyphens and punctuation inside
//! an alias count as word breaks (`capacity-building` = `capacity building`),
//! a final plural `s` is ignored, and an alias word written in capitals (`AI`,
//! `MLA`, `UNTOC`) matches only that exact word, so lower-case `ai` or the
//! letters inside another word never match. Where aliases overlap, the longest
//! match wins (`United Nations Convention against Cybercrime` is the
//! Convention, not the crime type); a match never crosses a sentence or
//! clause break (`;`, `.`, `:`, brackets).

use crate::model::{BroaderEntity, EntityAnnotations, EntityKind, EntityMention, Recommendation};
use crate::text::{for_each_word_span, word_spans};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;
use toml::Spanned;

/// The embedded gazetteer's source.
const EMBEDDED: &str = include_str!("../data/entities.toml");

/// One entity the gazetteer knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    /// Ids of broader entities a mention of this one implies.
    pub broader: Vec<String>,
    /// The article the name takes in running text, e.g. `the` for United
    /// Arab Emirates; none for Canada.
    pub article: Option<String>,
    /// For bodies: `intergovernmental` or `non_governmental`, which groups
    /// their observers in a draft.
    pub organization: Option<String>,
    /// How a synthesis heads a theme about this entity ("International
    /// cooperation in criminal matters"); none: its name.
    pub heading: Option<String>,
}

impl Entity {
    /// The name as running text writes it: `the United Arab Emirates`.
    pub fn display_name(&self) -> String {
        match &self.article {
            Some(article) => format!("{article} {}", self.name),
            None => self.name.clone(),
        }
    }
}

/// The gazetteer: entities with their aliases, compiled into a word trie.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    entities: Vec<Entity>,
    /// The broader entities of each entity (same index), resolved once so
    /// that every mention copies them instead of looking them up.
    broader: Vec<Vec<BroaderEntity>>,
    trie: AliasTrie,
}

impl Gazetteer {
    /// The gazetteer embedded in the binary (`data/entities.toml`).
    pub fn embedded() -> Gazetteer {
        // The embedded file is checked by the tests, so failing here is a
        // build defect, not an input problem.
        Gazetteer::parse(EMBEDDED, "data/entities.toml")
            .unwrap_or_else(|e| panic!("embedded gazetteer is invalid: {e}"))
    }

    /// Loads a user's gazetteer file; errors name the file and line.
    /// The file must be a regular file of at most 64 MiB (a FIFO or a
    /// device is refused at once), in UTF-8; an empty gazetteer is warned
    /// about, since then no entity is recognised.
    pub fn from_path(path: &Path) -> crate::Result<Gazetteer> {
        let file = path.display().to_string();
        let bytes = crate::reading::read_regular_file(path, MAX_GAZETTEER_BYTES)
            .map_err(|e| crate::Error::io(path, e))?;
        let source = String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            crate::Error::Input {
                file: file.clone(),
                line: Some(e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1),
                message: format!(
                    "not valid UTF-8 at byte {at} (a Windows-1252 or Latin-1 file?); expected a UTF-8 gazetteer"
                ),
            }
        })?;
        let gazetteer = Gazetteer::parse(&source, &file)?;
        if gazetteer.entities.is_empty() {
            eprintln!(
                "rapporteur: warning: {file}: the gazetteer holds no entity, so none will be recognised (expected [[entity]] tables)"
            );
        }
        Ok(gazetteer)
    }

    /// Parses gazetteer TOML; `file` names the source in errors.
    pub fn parse(source: &str, file: &str) -> crate::Result<Gazetteer> {
        let index = LineIndex::new(source);
        let line_of = |_: &str, offset: usize| index.line_of(offset);
        let raw: RawGazetteer = toml::from_str(source).map_err(|e| crate::Error::Input {
            file: file.to_string(),
            line: e.span().map(|s| line_of(source, s.start)),
            message: format!("invalid gazetteer: {}", e.message().trim()),
        })?;
        let mut entities: Vec<Entity> = Vec::with_capacity(raw.entity.len());
        let mut trie = AliasTrie::default();
        let mut seen_ids: HashMap<String, usize> = HashMap::new();
        for spanned in &raw.entity {
            let raw_entity = spanned.get_ref();
            let at = |span: std::ops::Range<usize>| line_of(source, span.start);
            let error = |line: usize, message: String| crate::Error::Input {
                file: file.to_string(),
                line: Some(line),
                message,
            };
            let id = raw_entity.id.get_ref().trim().to_string();
            if id.is_empty() {
                return Err(error(at(raw_entity.id.span()), "entity id is empty".into()));
            }
            if let Some(first) = seen_ids.insert(id.clone(), at(raw_entity.id.span())) {
                return Err(error(
                    at(raw_entity.id.span()),
                    format!("entity id `{id}` is already used at line {first}"),
                ));
            }
            let kind = parse_kind(raw_entity.kind.get_ref()).ok_or_else(|| {
                error(
                    at(raw_entity.kind.span()),
                    format!(
                        "unknown kind `{}` for entity `{id}`; expected one of instrument, body, member_state, crime_type, topic",
                        raw_entity.kind.get_ref()
                    ),
                )
            })?;
            let index = entities.len() as u32;
            let names = std::iter::once(&raw_entity.name).chain(raw_entity.aliases.iter());
            for alias in names {
                let words = alias_words(alias.get_ref());
                if words.is_empty() {
                    return Err(error(
                        at(alias.span()),
                        format!("alias `{}` of entity `{id}` has no words", alias.get_ref()),
                    ));
                }
                if let Some(other) = trie.insert(&words, index) {
                    if other != index {
                        return Err(error(
                            at(alias.span()),
                            format!(
                                "alias `{}` of entity `{id}` already names entity `{}`",
                                alias.get_ref(),
                                entities[other as usize].id
                            ),
                        ));
                    }
                }
            }
            entities.push(Entity {
                id,
                name: raw_entity.name.get_ref().trim().to_string(),
                kind,
                aliases: raw_entity
                    .aliases
                    .iter()
                    .map(|a| a.get_ref().clone())
                    .collect(),
                broader: raw_entity
                    .broader
                    .iter()
                    .map(|b| b.get_ref().trim().to_string())
                    .collect(),
                article: raw_entity.article.clone(),
                organization: raw_entity.organization.clone(),
                heading: raw_entity
                    .heading
                    .as_deref()
                    .map(str::trim)
                    .filter(|h| !h.is_empty())
                    .map(str::to_string),
            });
        }
        check_broader(&raw, &seen_ids, source, file)?;
        let broader = resolve_broader(&entities);
        Ok(Gazetteer {
            entities,
            broader,
            trie,
        })
    }

    /// Every entity, in file order.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// Mentions in one text, in order of position.
    pub fn find(&self, text: &str) -> Vec<EntityMention> {
        self.find_with(text, &mut Vec::new())
    }

    /// [`Gazetteer::find`] with a buffer for the text's words that the
    /// caller reuses from text to text.
    fn find_with(&self, text: &str, words: &mut Vec<TextWord>) -> Vec<EntityMention> {
        self.trie.text_words(text, words);
        let words = words.as_slice();
        let mut mentions = Vec::new();
        let mut i = 0;
        while i < words.len() {
            match self.trie.longest_match(words, i) {
                Some((last, entity)) => {
                    let (start, end) = (words[i].start, words[last].end);
                    mentions.push(self.mention(entity as usize, text, start, end));
                    i = last + 1;
                }
                None => i += 1,
            }
        }
        mentions
    }

    /// A mention of entity number `entity` at `text[start..end]`.
    fn mention(&self, entity: usize, text: &str, start: usize, end: usize) -> EntityMention {
        let e = &self.entities[entity];
        EntityMention {
            entity: e.id.clone(),
            name: e.name.clone(),
            kind: e.kind,
            start,
            end,
            matched: text[start..end].to_string(),
            broader: self.broader[entity].clone(),
        }
    }

    pub fn annotate<'a>(
        &self,
        recommendations: impl IntoIterator<Item = &'a Recommendation>,
    ) -> EntityAnnotations {
        let recommendations: Vec<&Recommendation> = recommendations.into_iter().collect();
        // Each distinct text is searched once: large corpora repeat
        // recommendations word for word.
        let mut texts: Vec<&str> = Vec::new();
        let mut numbers: FxHashMap<&str, u32> = FxHashMap::default();
        let text_of: Vec<u32> = recommendations
            .iter()
            .map(|r| {
                *numbers.entry(&*r.text).or_insert_with(|| {
                    texts.push(&r.text);
                    texts.len() as u32 - 1
                })
            })
            .collect();
        let found: Vec<Vec<EntityMention>> = texts
            .par_iter()
            .map_init(Vec::new, |words, text| self.find_with(text, words))
            .collect();
        EntityAnnotations::new(
            found,
            recommendations.iter().map(|r| r.id.clone()).zip(text_of),
        )
        .with_headings(
            self.entities
                .iter()
                .filter_map(|e| Some((e.id.clone(), e.heading.clone()?))),
        )
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGazetteer {
    #[serde(default)]
    entity: Vec<Spanned<RawEntity>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntity {
    id: Spanned<String>,
    name: Spanned<String>,
    kind: Spanned<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    broader: Vec<Spanned<String>>,
    #[serde(default)]
    article: Option<String>,
    #[serde(default)]
    organization: Option<String>,
    #[serde(default)]
    heading: Option<String>,
}

/// Every `broader` id must name an entity of the file, other than itself.
fn check_broader(
    raw: &RawGazetteer,
    ids: &HashMap<String, usize>,
    source: &str,
    file: &str,
) -> crate::Result<()> {
    for e in &raw.entity {
        let e = e.get_ref();
        for b in &e.broader {
            let target = b.get_ref().trim();
            if !ids.contains_key(target) || target == e.id.get_ref().trim() {
                return Err(crate::Error::Input {
                    file: file.to_string(),
                    line: Some(LineIndex::new(source).line_of(b.span().start)),
                    message: format!(
                        "broader entity `{target}` of `{}` is not another entity id of this gazetteer",
                        e.id.get_ref()
                    ),
                });
            }
        }
    }
    Ok(())
}

fn parse_kind(s: &str) -> Option<EntityKind> {
    match s.trim() {
        "instrument" => Some(EntityKind::Instrument),
        "body" => Some(EntityKind::Body),
        "member_state" => Some(EntityKind::MemberState),
        "crime_type" => Some(EntityKind::CrimeType),
        "topic" => Some(EntityKind::Topic),
        _ => None,
    }
}

/// The broader entities of each entity, in the order its `broader` lists
/// them (every id is known: [`check_broader`] ran first).
fn resolve_broader(entities: &[Entity]) -> Vec<Vec<BroaderEntity>> {
    let by_id: HashMap<&str, &Entity> = entities.iter().map(|e| (e.id.as_str(), e)).collect();
    entities
        .iter()
        .map(|e| {
            e.broader
                .iter()
                .filter_map(|id| by_id.get(id.as_str()))
                .map(|b| BroaderEntity {
                    entity: b.id.clone(),
                    name: b.name.clone(),
                    concerns: b.kind != e.kind,
                })
                .collect()
        })
        .collect()
}

/// Largest gazetteer read: a full list of States, bodies and place names
/// is a few megabytes.
const MAX_GAZETTEER_BYTES: u64 = 64 * 1024 * 1024;

/// Where each line of a source starts, so that the line of any byte offset
/// is found by binary search rather than by rescanning the source.
struct LineIndex {
    /// Offset of each `\n`.
    breaks: Vec<usize>,
}

impl LineIndex {
    fn new(source: &str) -> LineIndex {
        LineIndex {
            breaks: source
                .bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i)
                .collect(),
        }
    }

    /// 1-based line of a byte offset.
    fn line_of(&self, offset: usize) -> usize {
        self.breaks.partition_point(|&b| b < offset) + 1
    }
}

/// How one word of an alias is compared with the text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum AliasWord {
    /// Compared after folding (lower case, plural stripped).
    Folded(String),
    /// An acronym: compared exactly.
    Exact(String),
}

/// A word of the text, as the trie compares it: the numbers of the alias
/// words it can stand for (`None` where no alias uses the word, as for most
/// words of a text).
#[derive(Debug, Clone, Copy)]
struct TextWord {
    start: usize,
    end: usize,
    folded: Option<u32>,
    exact: Option<u32>,
    /// A clause break (`;`, `.`, brackets…) stands between this word and the
    /// previous one, so no alias may span it.
    after_break: bool,
}

impl TextWord {
    fn may_match(&self) -> bool {
        self.folded.is_some() || self.exact.is_some()
    }
}

/// An acronym is written in capitals (digits allowed), at least two long.
fn is_acronym(word: &str) -> bool {
    word.chars().count() >= 2
        && word.chars().any(|c| c.is_uppercase())
        && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Lower case with a final plural ending removed: `crimes` -> `crime`,
/// `bodies` -> `body`; `process`, `analysis`, `status` keep their `s`.
pub(crate) fn fold_word(word: &str) -> String {
    let mut folded = String::new();
    fold_word_into(word, &mut folded);
    folded
}

/// [`fold_word`] into a buffer the caller reuses, so that folding every
/// word of a large corpus allocates nothing.
fn fold_word_into(word: &str, folded: &mut String) {
    folded.clear();
    if word.is_ascii() {
        folded.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        folded.push_str(&word.to_lowercase());
    }
    let n = folded.len();
    if n > 4 && folded.ends_with("ies") {
        folded.truncate(n - 3);
        folded.push('y');
    } else if n > 3
        && folded.ends_with('s')
        && !(folded.ends_with("ss") || folded.ends_with("us") || folded.ends_with("is"))
    {
        folded.truncate(n - 1);
    }
}

fn is_clause_break(c: char) -> bool {
    matches!(c, ';' | '.' | ':' | '(' | ')' | '[' | ']' | '!' | '?')
}

fn alias_words(alias: &str) -> Vec<AliasWord> {
    word_spans(alias)
        .into_iter()
        .map(|(s, e)| {
            let word = &alias[s..e];
            if is_acronym(word) {
                AliasWord::Exact(word.to_string())
            } else {
                AliasWord::Folded(fold_word(word))
            }
        })
        .collect()
}

/// A trie over alias words: each path from the root spells an alias. Alias
/// words are numbered once, so that reading a text looks each of its words
/// up once and the walk compares numbers.
#[derive(Debug, Clone, Default)]
struct AliasTrie {
    /// Entity named by the path to each node; node 0 is the root.
    entities: Vec<Option<u32>>,
    /// Child of a node through a folded word, by (node, word number).
    folded_children: FxHashMap<(u32, u32), u32>,
    /// Child of a node through an acronym, by (node, word number).
    exact_children: FxHashMap<(u32, u32), u32>,
    /// Numbers of the folded alias words.
    folded_words: FxHashMap<String, u32>,
    /// Numbers of the acronyms.
    exact_words: FxHashMap<String, u32>,
}

impl AliasTrie {
    fn root(&mut self) -> u32 {
        if self.entities.is_empty() {
            self.entities.push(None);
        }
        0
    }

    /// Adds an alias; returns the entity the path already named, if any.
    fn insert(&mut self, words: &[AliasWord], entity: u32) -> Option<u32> {
        let mut node = self.root();
        for word in words {
            let (children, numbers, key) = match word {
                AliasWord::Folded(w) => (&mut self.folded_children, &mut self.folded_words, w),
                AliasWord::Exact(w) => (&mut self.exact_children, &mut self.exact_words, w),
            };
            let fresh_number = numbers.len() as u32;
            let number = *numbers.entry(key.clone()).or_insert(fresh_number);
            let next = self.entities.len() as u32;
            let child = *children.entry((node, number)).or_insert(next);
            if child == next {
                self.entities.push(None);
            }
            node = child;
        }
        let slot = &mut self.entities[node as usize];
        match *slot {
            Some(existing) => Some(existing),
            None => {
                *slot = Some(entity);
                None
            }
        }
    }

    /// The words of `text` with the alias words each can stand for, into
    /// `words` (cleared first).
    fn text_words(&self, text: &str, words: &mut Vec<TextWord>) {
        words.clear();
        // A word takes at least two bytes with its separator: reserving
        // for them all at once spares regrowing the buffer mid-text.
        words.reserve(text.len().div_ceil(2));
        let mut folded = String::with_capacity(32);
        let mut previous_end = 0;
        for_each_word_span(text, |start, end| {
            let word = &text[start..end];
            let after_break = text[previous_end..start].chars().any(is_clause_break);
            previous_end = end;
            fold_word_into(word, &mut folded);
            words.push(TextWord {
                start,
                end,
                folded: self.folded_words.get(folded.as_str()).copied(),
                exact: self.exact_number(word),
                after_break,
            });
        });
    }

    /// Number of the acronym `word` is, if any. A word with a lower-case
    /// letter is no acronym, which spares most words the look-up.
    fn exact_number(&self, word: &str) -> Option<u32> {
        if word.bytes().any(|b| b.is_ascii_lowercase()) {
            return None;
        }
        self.exact_words.get(word).copied()
    }

    /// The longest alias starting at word `first`: (index of its last word,
    /// entity).
    fn longest_match(&self, words: &[TextWord], first: usize) -> Option<(usize, u32)> {
        if self.entities.is_empty() || !words[first].may_match() {
            return None;
        }
        let mut best = None;
        self.walk(0, words, first, first, &mut best);
        best
    }

    fn walk(
        &self,
        node: u32,
        words: &[TextWord],
        first: usize,
        at: usize,
        best: &mut Option<(usize, u32)>,
    ) {
        let Some(word) = words.get(at) else { return };
        if at > first && word.after_break {
            return;
        }
        let children = [
            word.folded
                .and_then(|w| self.folded_children.get(&(node, w))),
            word.exact.and_then(|w| self.exact_children.get(&(node, w))),
        ];
        for &child in children.into_iter().flatten() {
            if let Some(entity) = self.entities[child as usize] {
                if best.is_none_or(|(last, _)| at > last) {
                    *best = Some((at, entity));
                }
            }
            self.walk(child, words, first, at + 1, best);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_lowers_and_drops_plurals_in_ascii_and_beyond() {
        assert_eq!(fold_word("Crimes"), "crime");
        assert_eq!(fold_word("BODIES"), "body");
        assert_eq!(fold_word("process"), "process");
        assert_eq!(fold_word("Status"), "status");
        assert_eq!(fold_word("Évaluations"), "évaluation");
        assert_eq!(fold_word("ΣΟΦΊΑΣ"), "ΣΟΦΊΑΣ".to_lowercase());
    }

    #[test]
    fn ascii_and_unicode_texts_split_into_the_same_words() {
        let ascii = "capacity-building (UNTOC); AI 2030";
        assert_eq!(
            word_spans(ascii),
            [(0, 8), (9, 17), (19, 24), (27, 29), (30, 34)]
        );
        // The same words after a two-byte letter shift by one byte.
        let shifted: Vec<(usize, usize)> = word_spans(&format!("é {ascii}"))
            .into_iter()
            .skip(1)
            .map(|(s, e)| (s - 3, e - 3))
            .collect();
        assert_eq!(shifted, word_spans(ascii));
    }

    #[test]
    fn text_words_know_only_alias_words() {
        let g = Gazetteer::embedded();
        let mut words = Vec::new();
        g.trie
            .text_words("Strengthen AI quickly, ai; UNTOC", &mut words);
        let matchable: Vec<bool> = words.iter().map(TextWord::may_match).collect();
        assert_eq!(matchable, [false, true, false, false, true]);
        assert!(words[4].after_break && !words[3].after_break);
    }
}
