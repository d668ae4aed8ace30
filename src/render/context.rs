//! What the templates receive: the synthesis reshaped for drafting, with
//! every number, list and cross-reference computed here so that templates
//! only hold wording. Everything is sorted, so the draft does not depend on
//! the order of the input.

use crate::model::{
    natural_cmp, AgendaItemSynthesis, Delegations, Diagnostic, Nuance, Recommendation, Region,
    ReportedMeeting, Severity, StatementKind, Synthesis, SynthesisTheme,
};
use rayon::prelude::*;
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct DraftContext {
    /// Regions whose meetings are in the corpus, in `Region` order.
    pub regions: Vec<&'static str>,
    pub region_count: usize,
    /// The regional groups (five) and those whose report is not in the
    /// corpus.
    pub regional_group_count: usize,
    pub absent_regions: Vec<&'static str>,
    /// The reports' caveat, when they give one.
    pub caveat: Option<CaveatView>,
    pub recommendation_count: usize,
    pub theme_count: usize,
    pub agenda_items: Vec<AgendaItemView>,
    /// For the rapporteur: recommendations carrying a proposer's tag, and
    /// reports that bear no date.
    pub tagged: Vec<RecommendationRef>,
    pub undated: Vec<MeetingView>,
    /// Every recommendation, by region then agenda item.
    pub annex: Vec<AnnexRegionView>,
    /// Recommendations that no theme holds (should be none); listed so that
    /// nothing is silently dropped.
    pub unthemed: Vec<RecommendationRef>,
    /// The rapporteur's plan, when one was applied (`--plan`).
    pub plan: Option<PlanView>,
    pub warnings: usize,
    pub errors: usize,
    pub diagnostics: Vec<String>,
}

/// What the rapporteur's plan decided, for the introduction and the notes.
#[derive(Debug, Clone, Serialize)]
pub struct PlanView {
    /// The plan file's name, without its folder.
    pub file_name: String,
    /// Themes of the draft that the plan set.
    pub theme_count: usize,
    /// Themes the clustering formed for recommendations the plan does not
    /// name.
    pub new_theme_count: usize,
    /// Recommendations the plan does not name, placed automatically.
    pub new_since_plan: Vec<RecommendationRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AgendaItemView {
    pub agenda_item: String,
    pub title: Option<String>,
    pub anchor: String,
    /// Regions that met on the item.
    pub regions: Vec<&'static str>,
    pub region_count: usize,
    pub meetings: Vec<MeetingView>,
    /// Regional groups whose report on the item is not in the corpus.
    pub absent_regions: Vec<&'static str>,
    pub themes: Vec<ThemeView>,
    /// Points of the summaries of deliberations no recommendation carries.
    pub deliberation_points: Vec<DeliberationView>,
    pub recommendation_count: usize,
    pub converging_count: usize,
    pub shared_count: usize,
    pub region_specific_count: usize,
    pub matrix: MatrixView,
}

/// A meeting as the templates see it: the meeting itself (region by name,
/// title, venue, dates, rapporteur, …), its speakers' canonical names at
/// the top level (`member_states`, `observer_states`, …), and what drafting
/// adds.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingView {
    #[serde(flatten)]
    pub meeting: ReportedMeeting,
    #[serde(flatten)]
    pub delegations: Delegations,
    pub region_code: &'static str,
    /// Congress agenda item of the report.
    pub agenda_item: String,
    pub recommendation_count: usize,
    /// File name without its folder, so the draft does not depend on how
    /// the corpus was named on the command line.
    pub file_name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ThemeView {
    pub id: String,
    /// Position of the theme within its agenda item, from 1.
    pub number: usize,
    pub anchor: String,
    pub label: String,
    /// `converging`, `shared` or `region_specific`.
    pub convergence: &'static str,
    pub regions: Vec<&'static str>,
    pub region_count: usize,
    /// Regions that met on the item but made no recommendation here.
    pub absent_regions: Vec<&'static str>,
    /// Number of regions that met on the item.
    pub item_region_count: usize,
    pub key_entities: Vec<String>,
    pub key_terms: Vec<String>,
    pub positions: Vec<PositionView>,
    /// The synthesis in sentences (see `StatementView`).
    pub statements: Vec<StatementView>,
    pub nuances: Vec<NuanceView>,
    pub recommendations: Vec<RecommendationRef>,
    /// Members no statement cites (beyond the asks stated per region).
    pub unstated: Vec<RecommendationRef>,
    /// Themes of other agenda items with closely similar recommendations.
    pub related: Vec<RelatedView>,
    /// `plan` (set by the rapporteur's plan) or `clustering`.
    pub source: &'static str,
    /// Members the plan does not name (empty without a plan).
    pub new_since_plan: Vec<RecommendationRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CaveatView {
    pub clause: String,
    pub regions: Vec<&'static str>,
    /// Whether every report read says so.
    pub all: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeliberationView {
    pub region: &'static str,
    pub paragraph: u32,
    pub excerpt: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatementView {
    /// `common`, `also`, `only`, `sole` or `own`.
    pub kind: &'static str,
    pub regions: Vec<&'static str>,
    pub asks: Vec<AskView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AskView {
    pub phrase: String,
    pub recommendations: Vec<RecommendationRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RelatedView {
    pub id: String,
    pub anchor: String,
    /// Heading number, e.g. `6.2`.
    pub number: String,
    pub label: String,
    /// This theme's recommendations in the pairs, and the other theme's.
    pub these: Vec<RecommendationRef>,
    pub those: Vec<RecommendationRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PositionView {
    pub region: &'static str,
    pub region_code: &'static str,
    /// `exploratory`, `supportive` or `directive`.
    pub strength: String,
    /// Opening verbs, lower-cased, each once, in order of first use.
    pub verbs: Vec<String>,
    pub recommendations: Vec<RecommendationRef>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NuanceView {
    Hedge {
        hedged: Vec<&'static str>,
        operative: Vec<&'static str>,
        /// As written: `Consider`, `Seek to`.
        hedges: Vec<String>,
        hedged_recommendations: Vec<RecommendationRef>,
        operative_recommendations: Vec<RecommendationRef>,
    },
    SharedWording {
        regions: Vec<&'static str>,
        phrase: String,
        more: Vec<String>,
        recommendations: Vec<RecommendationRef>,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct MatrixView {
    /// Column headings: the regions that met on the item.
    pub regions: Vec<&'static str>,
    pub rows: Vec<MatrixRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MatrixRow {
    pub theme_id: String,
    pub theme_anchor: String,
    pub number: usize,
    pub label: String,
    /// One cell per column: that region's recommendations in the theme.
    pub cells: Vec<Vec<RecommendationRef>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnnexRegionView {
    pub region: &'static str,
    pub region_code: &'static str,
    pub items: Vec<AnnexItemView>,
    pub recommendation_count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnnexItemView {
    pub agenda_item: String,
    pub meeting_item: Option<String>,
    pub recommendations: Vec<RecommendationRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecommendationView {
    pub id: String,
    /// HTML anchor of the recommendation in the annex.
    pub anchor: String,
    pub region: &'static str,
    pub region_code: &'static str,
    pub agenda_item: String,
    pub meeting_item: Option<String>,
    pub paragraph: u32,
    pub letter: String,
    /// `17 (l)`.
    pub reference: String,
    pub text: String,
    pub attributed_states: Vec<String>,
    pub file_name: String,
    pub line: usize,
    /// The theme holding it, when one does.
    pub theme_id: Option<String>,
    pub theme_label: Option<String>,
    pub theme_anchor: Option<String>,
    /// Heading number of the theme in the draft, e.g. `6.3`.
    pub theme_number: Option<String>,
    /// Opening verb, lower-cased, when the positions stage read one.
    pub verb: Option<String>,
    /// Not named by the rapporteur's plan: placed automatically.
    pub new_since_plan: bool,
}

/// A recommendation as every list of the context holds it: one view,
/// converted once into the templates' value and shared by every list that
/// cites it (the themes, their statements, the matrix, the annex…), so
/// that a large draft does not copy each recommendation a dozen times.
#[derive(Debug, Clone)]
pub struct RecommendationRef {
    view: std::sync::Arc<RecommendationView>,
    value: minijinja::Value,
}

impl RecommendationRef {
    fn new(view: RecommendationView) -> Self {
        RecommendationRef {
            value: minijinja::Value::from(minijinja::value::Serde(&view)),
            view: std::sync::Arc::new(view),
        }
    }
}

impl std::ops::Deref for RecommendationRef {
    type Target = RecommendationView;
    fn deref(&self) -> &RecommendationView {
        &self.view
    }
}

impl Serialize for RecommendationRef {
    /// Into a template value, the shared value itself; into anything else
    /// (the count of the template fuel), the view's fields, which serialize
    /// alike and far faster than a walk of the engine's map.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if minijinja::value::serializing_for_value() {
            self.value.serialize(serializer)
        } else {
            self.view.serialize(serializer)
        }
    }
}

/// Reshapes `synthesis` for the templates.
pub fn build(synthesis: &Synthesis) -> DraftContext {
    let themes_of = theme_of_recommendation(synthesis);
    let mut items: Vec<&AgendaItemSynthesis> = synthesis.agenda_items.iter().collect();
    items.sort_by(|a, b| natural_cmp(&a.agenda_item, &b.agenda_item));
    let item_themes = themes_by_item(&items, synthesis);
    let numbers = theme_numbers(&items, &item_themes);
    let verbs = verbs_of_recommendations(synthesis);
    let new_since_plan: std::collections::BTreeSet<&str> = synthesis
        .plan
        .iter()
        .flat_map(|p| p.new_since_plan.iter().map(String::as_str))
        .collect();
    // Each recommendation's view (and its template value) is made on its
    // own: side by side, then ordered.
    let views: Vec<(&str, RecommendationRef)> = synthesis
        .recommendations
        .par_iter()
        .map(|r| {
            let mut view = recommendation_view(r, themes_of.get(r.id.as_str()));
            view.theme_number = view
                .theme_id
                .as_ref()
                .and_then(|id| numbers.get(id).cloned());
            view.verb = verbs.get(r.id.as_str()).cloned();
            view.new_since_plan = new_since_plan.contains(r.id.as_str());
            (r.id.as_str(), RecommendationRef::new(view))
        })
        .collect();
    let views: BTreeMap<&str, RecommendationRef> = views.into_iter().collect();
    // Labels of the themes that hold a recommendation, for cross-references.
    let labels: BTreeMap<&str, &str> = views
        .values()
        .filter_map(|v| Some((v.theme_id.as_deref()?, v.theme_label.as_deref()?)))
        .collect();
    let agenda_items: Vec<AgendaItemView> = items
        .par_iter()
        .zip(&item_themes)
        .map(|(item, themes)| agenda_item_view(item, themes, &views, &numbers, &labels))
        .collect();
    let mut regions: Vec<Region> = synthesis
        .recommendations
        .iter()
        .map(|r| r.region)
        .chain(
            synthesis
                .agenda_items
                .iter()
                .flat_map(|i| i.regions.clone()),
        )
        .collect();
    regions.sort();
    regions.dedup();
    let mut unthemed: Vec<RecommendationRef> = views
        .values()
        .filter(|v| v.theme_id.is_none())
        .cloned()
        .collect();
    unthemed.sort_by(compare_views);
    let mut diagnostics: Vec<&Diagnostic> = synthesis.diagnostics.iter().collect();
    diagnostics.sort();
    let mut tagged: Vec<RecommendationRef> = views
        .values()
        .filter(|v| !v.attributed_states.is_empty())
        .cloned()
        .collect();
    tagged.sort_by(compare_views);
    let undated: Vec<MeetingView> = agenda_items
        .iter()
        .flat_map(|i| i.meetings.iter())
        .filter(|m| m.meeting.meeting.document_date.is_none())
        .cloned()
        .collect();
    let read: Vec<Region> = synthesis
        .agenda_items
        .iter()
        .flat_map(|i| i.meetings.iter().map(|m| m.meeting.region))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let plan = synthesis.plan.as_ref().map(|p| {
        let all: Vec<&ThemeView> = agenda_items.iter().flat_map(|i| &i.themes).collect();
        PlanView {
            file_name: file_name(&p.file),
            theme_count: all.iter().filter(|t| t.source == "plan").count(),
            new_theme_count: all.iter().filter(|t| t.source != "plan").count(),
            new_since_plan: views_of(&p.new_since_plan, &views),
        }
    });
    DraftContext {
        plan,
        region_count: regions.len(),
        regions: regions.iter().map(|r| r.name()).collect(),
        regional_group_count: Region::ALL.len(),
        absent_regions: names(&synthesis.absent_regions),
        caveat: synthesis.caveat.as_ref().map(|c| CaveatView {
            clause: c.clause.clone(),
            regions: names(&c.regions),
            all: read.iter().all(|r| c.regions.contains(r)),
        }),
        tagged,
        undated,
        recommendation_count: synthesis.recommendations.len(),
        theme_count: agenda_items.iter().map(|i| i.themes.len()).sum(),
        annex: annex(&views),
        agenda_items,
        unthemed,
        warnings: count(&synthesis.diagnostics, Severity::Warning),
        errors: count(&synthesis.diagnostics, Severity::Error),
        diagnostics: diagnostics.iter().map(|d| d.to_string()).collect(),
    }
}

/// Theme id → heading number (`6.3`), in drafting order.
fn theme_numbers(
    items: &[&AgendaItemSynthesis],
    item_themes: &[Vec<&SynthesisTheme>],
) -> BTreeMap<String, String> {
    let mut numbers = BTreeMap::new();
    for (item, themes) in items.iter().zip(item_themes) {
        for (i, theme) in themes.iter().enumerate() {
            numbers.insert(
                theme.theme.id.clone(),
                format!("{}.{}", item.agenda_item, i + 1),
            );
        }
    }
    numbers
}

/// Recommendation id → opening verb, where the positions stage gives one
/// verb per recommendation.
fn verbs_of_recommendations(synthesis: &Synthesis) -> BTreeMap<&str, String> {
    let mut verbs = BTreeMap::new();
    for theme in &synthesis.themes {
        for p in &theme.position.by_region {
            if p.verbs.len() == p.recommendations.len() {
                for (id, verb) in p.recommendations.iter().zip(&p.verbs) {
                    verbs.insert(id.as_str(), verb.to_lowercase());
                }
            }
        }
    }
    verbs
}

fn count(diagnostics: &[Diagnostic], severity: Severity) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .count()
}

/// Recommendation id → the theme that holds it. When (wrongly) two themes
/// hold it, the smallest theme id wins so the result is still stable.
fn theme_of_recommendation(synthesis: &Synthesis) -> BTreeMap<&str, &SynthesisTheme> {
    let mut map: BTreeMap<&str, &SynthesisTheme> = BTreeMap::new();
    for theme in &synthesis.themes {
        for id in &theme.theme.recommendations {
            let entry = map.entry(id.as_str()).or_insert(theme);
            if theme.theme.id < entry.theme.id {
                *entry = theme;
            }
        }
    }
    map
}

/// Keeps letters, digits, `-` and `_` so the anchor is valid in HTML and
/// needs no escaping in Markdown.
pub fn anchor(prefix: &str, id: &str) -> String {
    let clean: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("{prefix}-{clean}")
}

fn file_name(path: &str) -> String {
    std::path::Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string())
}

fn recommendation_view(r: &Recommendation, theme: Option<&&SynthesisTheme>) -> RecommendationView {
    RecommendationView {
        id: r.id.clone(),
        anchor: anchor("rec", &r.id),
        region: r.region.name(),
        region_code: r.region.code(),
        agenda_item: r.agenda_item.to_string(),
        meeting_item: r.meeting_item.as_deref().map(String::from),
        paragraph: r.paragraph,
        letter: r.letter.clone(),
        reference: r.reference(),
        text: r.text.to_string(),
        attributed_states: r.attributed_states.clone(),
        file_name: file_name(&r.file),
        line: r.line,
        theme_id: theme.map(|t| t.theme.id.clone()),
        theme_label: theme.map(|t| t.theme.label.clone()),
        theme_anchor: theme.map(|t| anchor("theme", &t.theme.id)),
        theme_number: None,
        verb: None,
        new_since_plan: false,
    }
}

/// Letters sort `a` … `z`, then `aa`…, as the reports letter them.
fn compare_letters(a: &str, b: &str) -> Ordering {
    (a.len(), a).cmp(&(b.len(), b))
}

/// Canonical order of recommendations: region, agenda item, paragraph,
/// letter, id.
fn compare_views(a: &RecommendationRef, b: &RecommendationRef) -> Ordering {
    let region = |v: &RecommendationView| Region::from_name_or_code(v.region_code);
    region(a)
        .cmp(&region(b))
        .then_with(|| natural_cmp(&a.agenda_item, &b.agenda_item))
        .then_with(|| a.paragraph.cmp(&b.paragraph))
        .then_with(|| compare_letters(&a.letter, &b.letter))
        .then_with(|| a.id.cmp(&b.id))
}

fn views_of<'a, I>(ids: I, views: &BTreeMap<&str, RecommendationRef>) -> Vec<RecommendationRef>
where
    I: IntoIterator<Item = &'a String>,
{
    let mut list: Vec<RecommendationRef> = ids
        .into_iter()
        .filter_map(|id| views.get(id.as_str()).cloned())
        .collect();
    list.sort_by(compare_views);
    list.dedup_by(|a, b| a.id == b.id);
    list
}

/// The themes of each of `items` in drafting order: those the item lists,
/// then any other theme of the item (by id) so none is left out. One index
/// of the themes serves every item.
fn themes_by_item<'a>(
    items: &[&AgendaItemSynthesis],
    synthesis: &'a Synthesis,
) -> Vec<Vec<&'a SynthesisTheme>> {
    let by_id: std::collections::HashMap<&str, &SynthesisTheme> = synthesis
        .themes
        .iter()
        .rev() // the first of two with one id wins, as a search would find it
        .map(|t| (t.theme.id.as_str(), t))
        .collect();
    let mut of_item: std::collections::HashMap<&str, Vec<&SynthesisTheme>> =
        std::collections::HashMap::new();
    for t in &synthesis.themes {
        of_item
            .entry(t.theme.agenda_item.as_str())
            .or_default()
            .push(t);
    }
    items
        .iter()
        .map(|item| {
            let listed: std::collections::HashSet<&str> =
                item.themes.iter().map(String::as_str).collect();
            let mut ordered: Vec<&SynthesisTheme> = item
                .themes
                .iter()
                .filter_map(|id| by_id.get(id.as_str()).copied())
                .collect();
            let mut rest: Vec<&SynthesisTheme> = of_item
                .get(item.agenda_item.as_str())
                .into_iter()
                .flatten()
                .copied()
                .filter(|t| !listed.contains(t.theme.id.as_str()))
                .collect();
            rest.sort_by(|a, b| a.theme.id.cmp(&b.theme.id));
            ordered.extend(rest);
            ordered.dedup_by(|a, b| a.theme.id == b.theme.id);
            ordered
        })
        .collect()
}

fn agenda_item_view(
    item: &AgendaItemSynthesis,
    item_themes: &[&SynthesisTheme],
    views: &BTreeMap<&str, RecommendationRef>,
    numbers: &BTreeMap<String, String>,
    labels: &BTreeMap<&str, &str>,
) -> AgendaItemView {
    let mut regions = item.regions.clone();
    regions.sort();
    regions.dedup();
    let themes: Vec<ThemeView> = item_themes
        .par_iter()
        .enumerate()
        .map(|(i, t)| theme_view(t, i + 1, regions.len(), views, numbers, labels))
        .collect();
    let mut meetings: Vec<&ReportedMeeting> = item.meetings.iter().collect();
    meetings.sort_by(|a, b| {
        (a.meeting.region, &a.meeting.file).cmp(&(b.meeting.region, &b.meeting.file))
    });
    let with = |c: &str| themes.iter().filter(|t| t.convergence == c).count();
    let _ = numbers;
    AgendaItemView {
        agenda_item: item.agenda_item.clone(),
        title: item.title.clone(),
        anchor: anchor("item", &item.agenda_item),
        regions: regions.iter().map(|r| r.name()).collect(),
        region_count: regions.len(),
        meetings: meetings
            .into_iter()
            .map(|m| meeting_view(m, &item.agenda_item))
            .collect(),
        absent_regions: names(&item.absent_regions),
        deliberation_points: item
            .deliberation_points
            .iter()
            .map(|p| DeliberationView {
                region: p.region.name(),
                paragraph: p.paragraph,
                excerpt: p.excerpt.clone(),
            })
            .collect(),
        recommendation_count: views
            .values()
            .filter(|v| v.agenda_item == item.agenda_item)
            .count(),
        converging_count: with("converging"),
        shared_count: with("shared"),
        region_specific_count: with("region_specific"),
        matrix: matrix(&regions, &themes),
        themes,
    }
}

fn meeting_view(m: &ReportedMeeting, agenda_item: &str) -> MeetingView {
    MeetingView {
        meeting: m.clone(),
        delegations: m.delegations.clone(),
        region_code: m.meeting.region.code(),
        agenda_item: agenda_item.to_string(),
        recommendation_count: m.recommendations,
        file_name: file_name(&m.meeting.file),
    }
}

fn strength_name(s: crate::model::AskStrength) -> String {
    serde_json::to_value(s)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn distinct_lowercase(verbs: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in verbs {
        let v = v.to_lowercase();
        if !v.is_empty() && !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

fn names(regions: &[Region]) -> Vec<&'static str> {
    let mut sorted = regions.to_vec();
    sorted.sort();
    sorted.dedup();
    sorted.iter().map(|r| r.name()).collect()
}

fn theme_view(
    t: &SynthesisTheme,
    number: usize,
    item_region_count: usize,
    views: &BTreeMap<&str, RecommendationRef>,
    numbers: &BTreeMap<String, String>,
    labels: &BTreeMap<&str, &str>,
) -> ThemeView {
    let mut positions: Vec<_> = t.position.by_region.iter().collect();
    positions.sort_by_key(|p| p.region);
    let positions: Vec<PositionView> = positions
        .into_iter()
        .map(|p| PositionView {
            region: p.region.name(),
            region_code: p.region.code(),
            strength: strength_name(p.strength),
            verbs: distinct_lowercase(&p.verbs),
            recommendations: views_of(&p.recommendations, views),
        })
        .collect();
    let statements: Vec<StatementView> = t
        .position
        .statements
        .iter()
        .map(|st| StatementView {
            kind: statement_kind(st.kind),
            regions: names(&st.regions),
            asks: st
                .asks
                .iter()
                .map(|a| AskView {
                    phrase: a.phrase.clone(),
                    recommendations: views_of(&a.sources, views),
                })
                .collect(),
        })
        .collect();
    let stated: std::collections::BTreeSet<&str> = t
        .position
        .statements
        .iter()
        .flat_map(|st| {
            st.asks
                .iter()
                .flat_map(|a| a.sources.iter().map(String::as_str))
        })
        .collect();
    let regions = if t.position.regions.is_empty() {
        t.theme.regions.clone()
    } else {
        t.position.regions.clone()
    };
    ThemeView {
        id: t.theme.id.clone(),
        number,
        anchor: anchor("theme", &t.theme.id),
        label: t.theme.label.clone(),
        convergence: t.position.convergence.name(),
        regions: names(&regions),
        region_count: names(&regions).len(),
        absent_regions: names(&t.position.absent_regions),
        item_region_count,
        key_entities: t.theme.key_entities.clone(),
        key_terms: t.theme.key_terms.clone(),
        nuances: t
            .position
            .nuances
            .iter()
            .map(|n| nuance_view(n, views))
            .collect(),
        positions,
        source: match t.theme.source {
            crate::model::ThemeSource::Plan => "plan",
            crate::model::ThemeSource::Clustering => "clustering",
        },
        new_since_plan: views_of(
            t.theme
                .recommendations
                .iter()
                .filter(|id| views.get(id.as_str()).is_some_and(|v| v.new_since_plan)),
            views,
        ),
        unstated: views_of(
            t.theme
                .recommendations
                .iter()
                .filter(|id| !stated.contains(id.as_str())),
            views,
        ),
        statements,
        related: t
            .related_themes
            .iter()
            .filter_map(|r| {
                let number = numbers.get(&r.theme)?.clone();
                let label = *labels.get(r.theme.as_str())?;
                Some(RelatedView {
                    id: r.theme.clone(),
                    anchor: anchor("theme", &r.theme),
                    number,
                    label: label.to_string(),
                    these: views_of(r.pairs.iter().map(|(a, _)| a), views),
                    those: views_of(r.pairs.iter().map(|(_, b)| b), views),
                })
            })
            .collect(),
        recommendations: views_of(&t.theme.recommendations, views),
    }
}

fn statement_kind(k: StatementKind) -> &'static str {
    match k {
        StatementKind::Common => "common",
        StatementKind::Also => "also",
        StatementKind::Only => "only",
        StatementKind::Sole => "sole",
        StatementKind::Own => "own",
    }
}

fn nuance_view(n: &Nuance, views: &BTreeMap<&str, RecommendationRef>) -> NuanceView {
    match n {
        Nuance::Hedge {
            hedged,
            operative,
            hedges,
            hedged_sources,
            operative_sources,
        } => NuanceView::Hedge {
            hedged: names(hedged),
            operative: names(operative),
            hedges: hedges.clone(),
            hedged_recommendations: views_of(hedged_sources, views),
            operative_recommendations: views_of(operative_sources, views),
        },
        Nuance::SharedWording {
            regions,
            sources,
            phrase,
            more,
            ..
        } => NuanceView::SharedWording {
            regions: names(regions),
            phrase: phrase.clone(),
            more: more.clone(),
            recommendations: views_of(sources, views),
        },
    }
}

fn matrix(regions: &[Region], themes: &[ThemeView]) -> MatrixView {
    let rows = themes
        .iter()
        .map(|t| MatrixRow {
            theme_id: t.id.clone(),
            theme_anchor: t.anchor.clone(),
            number: t.number,
            label: t.label.clone(),
            cells: regions
                .iter()
                .map(|r| {
                    t.recommendations
                        .iter()
                        .filter(|v| v.region_code == r.code())
                        .cloned()
                        .collect()
                })
                .collect(),
        })
        .collect();
    MatrixView {
        regions: regions.iter().map(|r| r.name()).collect(),
        rows,
    }
}

fn annex(views: &BTreeMap<&str, RecommendationRef>) -> Vec<AnnexRegionView> {
    let mut all: Vec<&RecommendationRef> = views.values().collect();
    all.sort_by(|a, b| compare_views(a, b));
    let mut regions: Vec<AnnexRegionView> = Vec::new();
    for v in all {
        if regions.last().map(|r| r.region_code) != Some(v.region_code) {
            regions.push(AnnexRegionView {
                region: v.region,
                region_code: v.region_code,
                items: Vec::new(),
                recommendation_count: 0,
            });
        }
        let region = regions.last_mut().expect("pushed above");
        region.recommendation_count += 1;
        if region.items.last().map(|i| &i.agenda_item) != Some(&v.agenda_item) {
            region.items.push(AnnexItemView {
                agenda_item: v.agenda_item.clone(),
                meeting_item: v.meeting_item.clone(),
                recommendations: Vec::new(),
            });
        }
        region
            .items
            .last_mut()
            .expect("pushed above")
            .recommendations
            .push(v.clone());
    }
    regions
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fuel is counted on the typed context, where each recommendation
    /// serializes its view's fields: the count must be the one a walk of the
    /// engine's value of that context gives.
    #[test]
    fn a_recommendation_counts_as_its_template_value_does() {
        let r = Recommendation {
            id: "EU-6-17f".into(),
            region: crate::model::Region::Europe,
            agenda_item: "6".into(),
            meeting_item: Some("5 (d)".into()),
            meeting: None,
            paragraph: 17,
            letter: "f".into(),
            text: "Strengthen the training of border security units (Viet Nam)".into(),
            attributed_states: vec!["Viet Nam".into()],
            file: "europe.txt".into(),
            line: 84,
            page: None,
        };
        let view = RecommendationRef::new(recommendation_view(&r, None));
        let (values, bytes) = super::super::fuel::context_size(&view);
        assert!(
            values > 10 && bytes > r.text.len() as u64,
            "{values} {bytes}"
        );
        assert_eq!(
            (values, bytes),
            super::super::fuel::context_size(&view.value)
        );
    }
}
