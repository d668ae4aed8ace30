//! Themes: a graph per Congress agenda item, cut into themes.
//!
//! How themes are formed (the README's "How themes are formed" says the
//! same for users):
//!
//! 1. Within each agenda item, every recommendation is a node; two nodes are
//!    linked when their similarity (see [`crate::similarity`]) reaches
//!    [`LINK_THRESHOLD`]. A link is *strong* when the pair shares real
//!    substance: an entity or concept, or [`crate::similarity::MIN_SHARED_WORDS`]
//!    content words, that are not ubiquitous in the item (a word held by
//!    more than a quarter of it, an entity or concept by more than half:
//!    the headings an item's title announces are common in it and still
//!    tell their theme apart). An entity one text only implies as what an entity
//!    it names concerns (corruption, from the Convention against
//!    Corruption) counts as a word. Only strong links can put two
//!    recommendations in one theme: one common word never does.
//! 2. The rapporteur's plan comes first: each planned theme is kept as
//!    written (label, members, order) and no two planned themes merge.
//! 3. Average linkage over the strong links (a missing link counts as 0, so
//!    one link cannot chain unrelated recommendations), starting from the
//!    planned themes and the groups of twins (recommendations that read the
//!    same to the score, never split), never beyond a quarter of the item
//!    ([`MAX_THEME_SHARE`]).
//! 4. The cut comes from the data: merging stops when the best average
//!    falls below the lower quartile of the item's own link scores
//!    ([`cut_height`]). No theme count, no fixed threshold. A
//!    recommendation with no strong link, or none strong enough on
//!    average, stays a theme of its own: it never joins the nearest big
//!    theme by default.
//! 5. A recommendation with strong links into another theme, on average at
//!    least half as strong as those to its own theme's members, is
//!    cross-referenced from that theme (`see_also`); its home stays one.
//! 6. Labels come from the entities, concepts and phrases most members
//!    share, weighted by the square of that share (coverage first) and by
//!    rarity in the item; a theme of one (or one only single words
//!    characterise) is named by what it asks for; never a Member State and never
//!    a bare institution unless every member names it; labels are distinct
//!    within an item.
//! 7. Theme ids are `{agenda item}-{NN}`: planned themes first, in plan
//!    order, then the others in drafting order (more regions first, then
//!    larger, then by first member).
//!
//! Everything is deterministic and independent of input order: nodes are
//! sorted by region, paragraph and letter, ties are broken by node order,
//! and no hash map is iterated.

use crate::model::{
    AgendaItemGraph, EntityKind, ItemSimilarity, LinkedTo, Placement, PlacementRule, Plan,
    PlannedTheme, Recommendation, Region, ScoredLink, TermKind, Theme, ThemeGraph, ThemeSource,
};
use crate::text::capitalise;
use petgraph::graph::{NodeIndex, UnGraph};
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

mod linkage;
use linkage::Clustering;

pub use crate::similarity::LINK_THRESHOLD;

/// Largest share of an agenda item's recommendations one theme may hold
/// (themes of three or fewer are always allowed).
pub const MAX_THEME_SHARE: f64 = crate::similarity::UBIQUITOUS_SHARE;

/// Strong links shown for a placement.
const PLACEMENT_LINKS_SHOWN: usize = 3;

/// The theme graph of every agenda item, from what the similarity stage
/// found in each (`items`, in the order given); `plan` (empty: none) fixes
/// themes. `recommendations` is the list the items' members are places in.
pub fn build_theme_graph(
    recommendations: &[Recommendation],
    items: Vec<ItemSimilarity>,
    plan: &Plan,
) -> ThemeGraph {
    use rayon::prelude::*;
    let items = items
        .into_par_iter()
        .map(|item| {
            let members: Vec<&Recommendation> =
                item.members.iter().map(|&i| &recommendations[i]).collect();
            let planned: Vec<&PlannedTheme> = plan
                .themes
                .iter()
                .filter(|t| t.agenda_item == item.agenda_item)
                .collect();
            item_graph(&item, &members, &planned)
        })
        .collect();
    ThemeGraph { items }
}

/// Largest theme allowed in an item of `n` recommendations.
pub fn max_theme_size(n: usize) -> usize {
    crate::similarity::ubiquity_bound(n) as usize
}

/// A theme before naming: its members (node indices) and, for a planned
/// theme, the plan's entry.
struct Formed<'p> {
    members: Vec<usize>,
    planned: Option<&'p PlannedTheme>,
}

/// The graph and themes of one agenda item; `members` its recommendations
/// in node order.
fn item_graph(
    item: &ItemSimilarity,
    members: &[&Recommendation],
    planned: &[&PlannedTheme],
) -> AgendaItemGraph {
    let strong: Vec<&ScoredLink> = item.links.iter().filter(|l| l.strong).collect();
    let height = cut_height(&item.links);
    let (graph, (themes, placements)) = rayon::join(
        || {
            let mut graph = UnGraph::<String, std::sync::Arc<crate::model::Link>>::with_capacity(
                members.len(),
                item.links.len(),
            );
            let nodes: Vec<NodeIndex> = members
                .iter()
                .map(|r| graph.add_node(r.id.clone()))
                .collect();
            for l in &item.links {
                graph.add_edge(
                    nodes[l.a as usize],
                    nodes[l.b as usize],
                    std::sync::Arc::clone(&l.evidence),
                );
            }
            graph
        },
        || {
            let formed = form(members, &item.twins, &strong, planned, height);
            name_themes(members, &formed, item, &strong, height)
        },
    );
    AgendaItemGraph {
        agenda_item: item.agenda_item.clone(),
        graph,
        themes,
        placements,
        cut_height: height,
    }
}

/// Planned themes first (in plan order), then the themes the clustering
/// forms among the rest.
fn form<'p>(
    members: &[&Recommendation],
    twins: &[Vec<usize>],
    strong: &[&ScoredLink],
    planned: &[&'p PlannedTheme],
    height: f64,
) -> Vec<Formed<'p>> {
    let n = members.len();
    let index: BTreeMap<&str, usize> = members
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let mut placed = vec![false; n];
    // Each planned theme's members in plan order (an id planned twice
    // stays where the plan first put it).
    let mut plan_groups: Vec<(Vec<usize>, &'p PlannedTheme)> = Vec::new();
    for &t in planned {
        let group: Vec<usize> = t
            .recommendations
            .iter()
            .filter_map(|m| index.get(m.id.as_str()).copied())
            .filter(|&i| !std::mem::replace(&mut placed[i], true))
            .collect();
        if !group.is_empty() {
            plan_groups.push((group, t));
        }
    }
    // The rest start as their groups of twins.
    let mut groups: Vec<Vec<usize>> = plan_groups.iter().map(|(g, _)| g.clone()).collect();
    for group in twins {
        let rest: Vec<usize> = group.iter().copied().filter(|&i| !placed[i]).collect();
        if !rest.is_empty() {
            groups.push(rest);
        }
    }
    let fixed = plan_groups.len();
    let cap = max_theme_size(n).max(groups.iter().map(Vec::len).max().unwrap_or(0));
    let mut clustering = Clustering::new(groups, strong.iter().copied());
    clustering.fix_first(fixed);
    clustering.merge_while(height, cap);
    let mut formed: Vec<Formed> = plan_groups
        .iter()
        .map(|(g, t)| Formed {
            members: g.clone(),
            planned: Some(*t),
        })
        .collect();
    for (slot, mut cluster) in clustering.slotted() {
        if slot < fixed {
            // Joined a planned theme: after the plan's members, in node order.
            cluster.retain(|m| !placed[*m]);
            cluster.sort_unstable();
            formed[slot].members.extend(cluster);
        } else {
            cluster.sort_unstable();
            formed.push(Formed {
                members: cluster,
                planned: None,
            });
        }
    }
    formed
}

/// The height at which the item's dendrogram is cut: the lower quartile of
/// the scores of its links (every link kept, strong or not). Two themes
/// merge only while the pairs across them are, on average, as similar as
/// all but the weakest quarter of the item's links; what counts as similar
/// is read from the item's own scores, so no theme count and no fixed
/// threshold is set. The evidence rule decides which links may join two
/// themes, not how similar is similar enough: the height does not move
/// when a link is judged weak. (With no link nothing can merge; the height
/// is then the linking threshold.)
fn cut_height(links: &[ScoredLink]) -> f64 {
    let mut scores: Vec<f64> = links.iter().map(|p| p.score).collect();
    if scores.is_empty() {
        return LINK_THRESHOLD;
    }
    scores.sort_by(|a, b| a.total_cmp(b));
    scores[(scores.len() - 1) / 4]
}

/// Turns formed themes into numbered, labelled themes, with cross-references
/// and the placement of each recommendation.
fn name_themes(
    members: &[&Recommendation],
    formed: &[Formed],
    similarity: &ItemSimilarity,
    strong: &[&ScoredLink],
    height: f64,
) -> (Vec<Theme>, Vec<Placement>) {
    let item = similarity.agenda_item.as_str();
    let regions_of = |cluster: &[usize]| -> Vec<Region> {
        let mut regions: Vec<Region> = cluster.iter().map(|&m| members[m].region).collect();
        regions.sort();
        regions.dedup();
        regions
    };
    let mut ordered: Vec<(Vec<Region>, &Formed)> =
        formed.iter().map(|f| (regions_of(&f.members), f)).collect();
    // Drafting order: planned first as planned; then most regions first,
    // then largest, then first member.
    ordered.sort_by(|(ra, a), (rb, b)| match (a.planned, b.planned) {
        (Some(_), Some(_)) => Ordering::Equal,
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => rb
            .len()
            .cmp(&ra.len())
            .then(b.members.len().cmp(&a.members.len()))
            .then(a.members[0].cmp(&b.members[0])),
    });
    let n = members.len();
    let mut theme_of = vec![0usize; n];
    for (t, (_, f)) in ordered.iter().enumerate() {
        for &m in &f.members {
            theme_of[m] = t;
        }
    }
    // Each recommendation's strong links, strongest first.
    let mut linked: Vec<Vec<(f64, usize)>> = vec![Vec::new(); n];
    for p in strong {
        linked[p.a as usize].push((p.score, p.b as usize));
        linked[p.b as usize].push((p.score, p.a as usize));
    }
    for l in &mut linked {
        l.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    }
    let see_also = cross_references(&ordered, &theme_of, &linked, height);
    let ids: Vec<String> = (0..ordered.len())
        .map(|i| format!("{item}-{:02}", i + 1))
        .collect();
    use rayon::prelude::*;
    let profiles: Vec<ThemeProfile> = ordered
        .par_iter()
        .map(|(_, f)| characterise(&f.members, similarity))
        .collect();
    let mut used_labels: BTreeSet<String> = BTreeSet::new();
    let mut themes = Vec::with_capacity(ordered.len());
    for ((i, (regions, f)), profile) in ordered.iter().enumerate().zip(profiles) {
        let label = match f.planned {
            Some(t) => t.label.clone(),
            None => {
                let first = members[f.members[0]];
                let ask = match f.members.len() {
                    1 => ask_object(&first.text),
                    // Only single words characterise the theme: what one of
                    // its members asks for, if it holds the strongest word,
                    // reads better ("Exchange of best practices").
                    _ if profile.words_only() => profile.parts().first().and_then(|part| {
                        f.members
                            .iter()
                            .filter_map(|&m| ask_object(&members[m].text))
                            .find(|ask| ask.to_lowercase().split(' ').any(|w| w == part.text))
                    }),
                    _ => None,
                };
                match ask.filter(|a| !used_labels.contains(a)) {
                    Some(ask) => ask,
                    None => distinct_label(&profile, &used_labels, first),
                }
            }
        };
        used_labels.insert(label.clone());
        let see_also = match f.planned {
            Some(t) => {
                let in_item: Vec<String> = t
                    .see_also
                    .iter()
                    .filter(|id| members.iter().any(|r| &r.id == *id))
                    .cloned()
                    .collect();
                in_item
            }
            None => see_also[i].iter().map(|&m| members[m].id.clone()).collect(),
        };
        themes.push(Theme {
            id: ids[i].clone(),
            agenda_item: item.to_string(),
            label,
            regions: regions.clone(),
            recommendations: f.members.iter().map(|&m| members[m].id.clone()).collect(),
            key_entities: profile
                .entities
                .iter()
                .take(5)
                .map(|c| c.text.clone())
                .collect(),
            key_terms: profile
                .terms
                .iter()
                .take(5)
                .map(|c| c.text.clone())
                .collect(),
            source: if f.planned.is_some() {
                ThemeSource::Plan
            } else {
                ThemeSource::Clustering
            },
            see_also,
        });
    }
    let placements = (0..n)
        .map(|m| {
            let t = theme_of[m];
            let f = ordered[t].1;
            let planned_member = f.planned.and_then(|p| {
                p.recommendations
                    .iter()
                    .find(|pm| pm.id == members[m].id)
                    .map(|pm| pm.origin.clone())
            });
            let to = |&(score, o): &(f64, usize)| LinkedTo {
                id: members[o].id.clone(),
                score,
            };
            let links: Vec<LinkedTo> = linked[m]
                .iter()
                .filter(|&&(_, o)| theme_of[o] == t)
                .take(PLACEMENT_LINKS_SHOWN)
                .map(to)
                .collect();
            let rule = match (planned_member, f.planned) {
                (Some(origin), _) => PlacementRule::Plan { origin },
                (None, Some(_)) => PlacementRule::JoinedPlanned { links },
                (None, None) if f.members.len() == 1 => PlacementRule::Alone {
                    nearest: linked[m]
                        .iter()
                        .take(PLACEMENT_LINKS_SHOWN)
                        .map(to)
                        .collect(),
                },
                (None, None) => PlacementRule::Linked { links },
            };
            Placement {
                id: members[m].id.clone(),
                theme: ids[t].clone(),
                rule,
            }
        })
        .collect();
    (themes, placements)
}

/// For each theme, the recommendations of other themes that straddle it:
/// their strong links into it (at least two) average at least the cut
/// height over its members, so that they would have been close enough to
/// join it, had their own theme not been closer. Each recommendation is
/// cross-referenced from one theme at most, the one it is closest to; a
/// theme keeps its [`SEE_ALSO_SHOWN`] closest, listed in node order.
fn cross_references(
    ordered: &[(Vec<Region>, &Formed)],
    theme_of: &[usize],
    linked: &[Vec<(f64, usize)>],
    height: f64,
) -> Vec<Vec<usize>> {
    let mut see_also: Vec<Vec<(f64, usize)>> = vec![Vec::new(); ordered.len()];
    for (m, links) in linked.iter().enumerate() {
        let home = theme_of[m];
        let mut sums: BTreeMap<usize, (f64, usize)> = BTreeMap::new();
        for &(score, o) in links {
            let entry = sums.entry(theme_of[o]).or_insert((0.0, 0));
            entry.0 += score;
            entry.1 += 1;
        }
        let best = sums
            .iter()
            .filter(|&(&t, &(_, count))| t != home && count >= 2)
            .map(|(&t, &(sum, _))| (sum / ordered[t].1.members.len() as f64, t))
            .filter(|&(average, _)| average >= height)
            .max_by(|x, y| x.0.total_cmp(&y.0).then(y.1.cmp(&x.1)));
        if let Some((average, t)) = best {
            see_also[t].push((average, m));
        }
    }
    see_also
        .into_iter()
        .map(|mut candidates| {
            candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
            let mut kept: Vec<usize> = candidates
                .into_iter()
                .take(SEE_ALSO_SHOWN)
                .map(|(_, m)| m)
                .collect();
            kept.sort_unstable();
            kept
        })
        .collect()
}

/// Cross-references a theme lists at most (its closest straddlers): a
/// theme is read for its members, not for a list of its neighbours.
const SEE_ALSO_SHOWN: usize = 3;

/// A feature that characterises a theme.
#[derive(Debug, Clone)]
struct Characteristic {
    text: String,
    /// The gazetteer's heading for a theme about this entity.
    heading: Option<String>,
    weight: f64,
    /// Whether it is an entity or concept (named or implied).
    entity: bool,
}

/// The characteristic entities and terms of a theme, strongest first.
#[derive(Debug, Clone, Default)]
struct ThemeProfile {
    entities: Vec<Characteristic>,
    terms: Vec<Characteristic>,
}

/// Weight of an entity or concept relative to a term of the same coverage
/// and rarity: curated names read as the subject of a theme.
const ENTITY_LABEL_WEIGHT: f64 = 1.6;

/// Features ranked by the square of the share of members holding them (a
/// label must describe the whole theme: a concept every member implies
/// beats a rarer one half of them name), times their rarity in the item. In themes of several members, a feature must be held by two.
/// Member States say who proposed, not what about; a body (UNODC, the
/// Commission on Narcotic Drugs) names a theme only when every member of a
/// theme of several names it.
fn characterise(cluster: &[usize], similarity: &ItemSimilarity) -> ThemeProfile {
    // Every member's terms in one sorted list: a term's run is the number
    // of members holding it (each member lists a term once).
    let mut held: Vec<u32> = cluster
        .iter()
        .flat_map(|&m| similarity.terms_of(m).iter().copied())
        .collect();
    held.sort_unstable();
    let needed = if cluster.len() > 1 { 2 } else { 1 };
    let mut profile = ThemeProfile::default();
    for run in held.chunk_by(|a, b| a == b) {
        let (id, count) = (run[0], run.len());
        let term = &similarity.terms[id as usize];
        if count < needed {
            continue;
        }
        match term.kind {
            TermKind::Entity(Some(EntityKind::MemberState)) => continue,
            TermKind::Entity(Some(EntityKind::Body))
                if cluster.len() == 1 || count < cluster.len() =>
            {
                continue
            }
            _ => {}
        }
        let share = count as f64 / cluster.len() as f64;
        let c = Characteristic {
            text: term.text.clone(),
            heading: term.heading.clone(),
            weight: share * share * term.idf,
            entity: matches!(term.kind, TermKind::Entity(_)),
        };
        match term.kind {
            TermKind::Entity(_) => profile.entities.push(Characteristic {
                weight: c.weight * ENTITY_LABEL_WEIGHT,
                ..c
            }),
            TermKind::Phrase | TermKind::Word => profile.terms.push(c),
        }
    }
    let by_weight = |a: &Characteristic, b: &Characteristic| {
        b.weight
            .total_cmp(&a.weight)
            .then_with(|| a.text.cmp(&b.text))
    };
    profile.entities.sort_by(by_weight);
    profile.terms.sort_by(by_weight);
    profile
}

/// Label parts considered: pairs of the strongest few give enough distinct
/// labels.
const LABEL_PARTS: usize = 5;
/// Single words read worse in a label than names and phrases.
const WORD_LABEL_WEIGHT: f64 = 0.6;
/// A label's second part must weigh at least this share of the first's.
const SECOND_PART_SHARE: f64 = 0.35;

impl ThemeProfile {
    /// Whether no entity, concept or phrase characterises the theme.
    fn words_only(&self) -> bool {
        self.entities.is_empty() && self.terms.iter().all(|c| !c.text.contains(' '))
    }

    /// The label parts in order of preference: entity names and two-word
    /// phrases first, single words only when nothing else characterises the
    /// theme; with their weights.
    fn parts(&self) -> Vec<LabelPart> {
        let mut all: Vec<(f64, &Characteristic)> = self
            .entities
            .iter()
            .chain(&self.terms)
            .map(|c| {
                let single_word = !c.entity && !c.text.contains(' ');
                let factor = if single_word { WORD_LABEL_WEIGHT } else { 1.0 };
                (c.weight * factor, c)
            })
            .collect();
        all.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.text.cmp(&b.1.text)));
        if all.iter().any(|(_, c)| c.entity || c.text.contains(' ')) {
            all.retain(|(_, c)| c.entity || c.text.contains(' '));
        }
        let mut parts: Vec<LabelPart> = Vec::new();
        for (weight, c) in all {
            if parts.len() == LABEL_PARTS {
                break;
            }
            let text = display_name(&c.text);
            if parts.iter().any(|p| overlaps(&p.text, &text)) {
                continue;
            }
            parts.push(LabelPart {
                weight,
                text,
                heading: c.heading.clone(),
            });
        }
        parts
    }
}

/// One candidate part of a label.
#[derive(Debug, Clone)]
struct LabelPart {
    weight: f64,
    /// The entity's name or the phrase, as running text writes it.
    text: String,
    /// How a synthesis heads a theme about it, when the gazetteer says.
    heading: Option<String>,
}

impl LabelPart {
    /// The part as a heading: the gazetteer's, else its text.
    fn heading(&self) -> &str {
        self.heading.as_deref().unwrap_or(&self.text)
    }
}

/// Words that open a heading's complement: "Partnerships *with* the
/// private sector", "Responsible use *of* artificial intelligence".
const COMPLEMENT_OPENS: &[&str] = &["with", "of", "in", "against", "for", "on"];

/// A heading split before the object of its complement: `("Partnerships
/// with", "the private sector")`; none when it has no complement.
fn complement(heading: &str) -> Option<(&str, &str)> {
    let mut at = 0;
    for word in heading.split(' ') {
        if at > 0 && COMPLEMENT_OPENS.contains(&word) {
            let head_end = at + word.len();
            return Some((&heading[..head_end], heading[head_end..].trim_start()));
        }
        at += word.len() + 1;
    }
    None
}

/// The objects of two to three headings of one head in one heading
/// ("Partnerships with civil society, academia and the private sector"):
/// the first part and the parts after it that share its head and weigh at
/// least [`SECOND_PART_SHARE`] of it.
fn shared_head(parts: &[LabelPart]) -> Option<String> {
    let (head, first) = complement(parts.first()?.heading.as_deref()?)?;
    let mut objects = vec![first];
    for p in &parts[1..] {
        if objects.len() == 3 || p.weight < SECOND_PART_SHARE * parts[0].weight {
            break;
        }
        match p.heading.as_deref().and_then(complement) {
            Some((h, object)) if h == head => objects.push(object),
            _ => {}
        }
    }
    match objects.as_slice() {
        [init @ .., last] if !init.is_empty() => {
            Some(format!("{head} {} and {last}", init.join(", ")))
        }
        _ => None,
    }
}

/// A label for `profile` that no earlier theme of the item has. First the
/// gazetteer's heading of its strongest part, with the second part when
/// that is at least [`SECOND_PART_SHARE`] as strong ("A and B"), or with
/// the parts that share its head ("Partnerships with civil society and the
/// private sector"); a heading with a complement of its own ("Responsible
/// use of artificial intelligence") takes no second part, which would read
/// as part of that complement. Then other pairs of its parts, else the
/// first part with the first member's reference, or its id.
fn distinct_label(
    profile: &ThemeProfile,
    used: &BTreeSet<String>,
    first: &Recommendation,
) -> String {
    let parts = profile.parts();
    let mut options: Vec<String> = Vec::new();
    match parts.as_slice() {
        [] => {}
        [only] => options.push(capitalise(only.heading())),
        [p0, p1, ..] => {
            if let Some(merged) = shared_head(&parts) {
                options.push(capitalise(&merged));
            }
            // A part that is already a pair ("continuous learning and
            // education") takes no second one.
            let (h0, h1) = (p0.heading(), &p1.text);
            if p1.weight >= SECOND_PART_SHARE * p0.weight
                && complement(h0).is_none()
                && !h0.contains(" and ")
                && !h1.contains(" and ")
            {
                options.push(capitalise(&format!("{h0} and {h1}")));
            }
            options.push(capitalise(h0));
            for i in 0..parts.len() {
                for j in i + 1..parts.len() {
                    options.push(capitalise(&format!(
                        "{} and {}",
                        parts[i].text, parts[j].text
                    )));
                }
            }
        }
    }
    let base = options
        .first()
        .cloned()
        .unwrap_or_else(|| "Other recommendations".to_string());
    // Last, the first member's reference, then its id (no two themes have
    // the same first member, but large corpora repeat references).
    options.push(format!("{base} ({} {})", first.region, first.reference()));
    options
        .into_iter()
        .find(|o| !used.contains(o))
        .unwrap_or_else(|| format!("{base} ({})", first.id))
}

/// Words after which the object of an ask ends: a new clause, a purpose,
/// a place or a manner begins.
const OBJECT_ENDS_AT: &[&str] = &[
    "to",
    "that",
    "which",
    "in",
    "at",
    "for",
    "with",
    "through",
    "by",
    "including",
    "while",
    "so",
    "on",
    "into",
    "as",
    "among",
    "between",
    "under",
    "from",
    "within",
    "when",
    "where",
];
/// Objects that say nothing without their purpose ("measures to …").
const ACTION_HEADS: &[&str] = &["measures", "efforts", "steps", "action", "actions", "ways"];
/// Longest object of an ask that still reads as a heading.
const OBJECT_WORDS: usize = 8;

/// What a lone recommendation asks for, as a heading: the words after its
/// opening verb ("Seek to promote", "Encourage and support" and an article
/// skipped) up to the first clause break, purpose or place ("Invest in
/// digital justice platforms that streamline…" gives "Digital justice
/// platforms"). None when that leaves fewer than two content words: then
/// the theme's entities name it better.
fn ask_object(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let lower = |i: usize| words.get(i).map(|w| w.to_lowercase());
    let mut at = 1;
    while lower(at).is_some_and(|w| w == "to" || w == "and") && at + 1 < words.len() {
        at += 2;
    }
    // "Invest in", "Engage with": a preposition right after the verb.
    while lower(at)
        .is_some_and(|w| ["in", "on", "with", "the", "a", "an", "for"].contains(&w.as_str()))
    {
        at += 1;
    }
    let mut object: Vec<&str> = Vec::new();
    for &w in &words[at.min(words.len())..] {
        let bare = w.trim_end_matches([',', ';', '.', ':']);
        let lower = bare.to_lowercase();
        // "Measures to prevent and counter corruption": after a head that
        // says nothing alone, the purpose is the object.
        let purpose = lower == "to"
            && matches!(object.as_slice(), [head] if ACTION_HEADS.contains(&head.to_lowercase().as_str()));
        if object.len() == OBJECT_WORDS
            || bare.starts_with('(')
            || (OBJECT_ENDS_AT.contains(&lower.as_str()) && !purpose)
        {
            break;
        }
        object.push(bare);
        if bare.len() < w.len() {
            break;
        }
    }
    while object
        .last()
        .is_some_and(|w| crate::text::is_stop_word(&w.to_lowercase()))
    {
        object.pop();
    }
    let content = object
        .iter()
        .filter(|w| crate::text::is_content_word(&w.to_lowercase()))
        .count();
    // A purpose read after its head is a whole ask even with one content
    // word left ("Measures to prevent and counter corruption").
    let with_purpose = object.len() > 1 && object[1].eq_ignore_ascii_case("to");
    (content >= 2 || (with_purpose && content >= 1)).then(|| capitalise(&object.join(" ")))
}

/// Instruments with a short title in brackets ("… (the Nelson Mandela
/// Rules)") go by it; other names read as they are.
fn display_name(text: &str) -> String {
    if let Some(short) = text
        .rsplit_once('(')
        .and_then(|(_, rest)| rest.strip_suffix(')'))
        .filter(|s| s.starts_with("the "))
    {
        return short.to_string();
    }
    text.to_string()
}

/// Whether two label parts share a word (so one would repeat the other).
fn overlaps(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 2)
            .map(crate::text::stem)
            .collect()
    };
    let wa = words(&a.to_lowercase());
    words(&b.to_lowercase()).iter().any(|w| wa.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Large corpora repeat references ("Western Asia 18 (a)" in several
    /// reports): the last resort is the first member's id, which no other
    /// theme's first member has.
    #[test]
    fn a_label_taken_falls_back_to_the_reference_then_the_id() {
        let corpus = crate::ingest::read_corpus(&[]);
        let first = corpus.recommendations().next().unwrap();
        let profile = profile(&[("terrorism", None, 1.0)]);
        let mut used = BTreeSet::new();
        let label = distinct_label(&profile, &used, first);
        assert_eq!(label, "Terrorism");
        used.insert(label);
        let label = distinct_label(&profile, &used, first);
        assert_eq!(
            label,
            format!("Terrorism ({} {})", first.region, first.reference())
        );
        used.insert(label);
        assert_eq!(
            distinct_label(&profile, &used, first),
            format!("Terrorism ({})", first.id)
        );
    }

    fn profile(parts: &[(&str, Option<&str>, f64)]) -> ThemeProfile {
        ThemeProfile {
            entities: parts
                .iter()
                .map(|&(text, heading, weight)| Characteristic {
                    text: text.to_string(),
                    heading: heading.map(str::to_string),
                    weight,
                    entity: true,
                })
                .collect(),
            terms: Vec::new(),
        }
    }

    #[test]
    fn labels_read_as_headings_and_share_a_common_head() {
        let corpus = crate::ingest::read_corpus(&[]);
        let first = corpus.recommendations().next().unwrap();
        let none = BTreeSet::new();
        let label =
            |parts: &[(&str, Option<&str>, f64)]| distinct_label(&profile(parts), &none, first);
        // Headings of one head share it, strongest first, at most three.
        assert_eq!(
            label(&[
                (
                    "civil society",
                    Some("Partnerships with civil society"),
                    1.0
                ),
                (
                    "private sector",
                    Some("Partnerships with the private sector"),
                    0.8
                ),
                ("academia", Some("Partnerships with academia"), 0.5),
            ]),
            "Partnerships with civil society, the private sector and academia"
        );
        // A weak part is left out even with the same head.
        assert_eq!(
            label(&[
                (
                    "civil society",
                    Some("Partnerships with civil society"),
                    1.0
                ),
                ("academia", Some("Partnerships with academia"), 0.2),
            ]),
            "Partnerships with civil society"
        );
        // A heading with its own complement takes no second part: "…of
        // artificial intelligence and human rights" would misread.
        assert_eq!(
            label(&[
                (
                    "artificial intelligence",
                    Some("Responsible use of artificial intelligence"),
                    1.0
                ),
                ("human rights", None, 0.9),
            ]),
            "Responsible use of artificial intelligence"
        );
        // Without headings, the two strongest names, as before.
        assert_eq!(
            label(&[("online safety", None, 1.0), ("children", None, 0.9)]),
            "Online safety and children"
        );
        // A taken heading falls back to pairs of names.
        let taken = BTreeSet::from(["Responsible use of artificial intelligence".to_string()]);
        let ai = profile(&[
            (
                "artificial intelligence",
                Some("Responsible use of artificial intelligence"),
                1.0,
            ),
            ("human rights", None, 0.9),
        ]);
        assert_eq!(
            distinct_label(&ai, &taken, first),
            "Artificial intelligence and human rights"
        );
    }

    #[test]
    fn a_lone_ask_is_named_by_the_object_of_its_opening_verb() {
        let cases = [
            ("Invest in digital justice platforms that streamline court processes", Some("Digital justice platforms")),
            ("Continue to mainstream a gender perspective into crime prevention", Some("Gender perspective")),
            ("Promote the work of international and regional bodies in the field of crime prevention", Some("Work of international and regional bodies")),
            // A head that says nothing alone is read with its purpose.
            ("Promote measures to prevent and counter corruption not only as a crime", Some("Measures to prevent and counter corruption")),
            // One content word: the entities name it better.
            ("Promote cooperation", None),
        ];
        for (text, expected) in cases {
            assert_eq!(ask_object(text).as_deref(), expected, "{text}");
        }
    }
}
