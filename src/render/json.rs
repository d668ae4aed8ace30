//! `synthesis.json`: the synthesis for machines, with a schema version key.

use super::Renderer;
use crate::model::{
    natural_cmp, AgendaItemSynthesis, Diagnostic, Meeting, PlanUse, Recommendation, Region,
    Synthesis, SynthesisTheme,
};
use serde::Serialize;
use std::borrow::Cow;

/// Version of the JSON layout; bumped when a field changes meaning or goes.
pub const JSON_SCHEMA: &str = "rapporteur/synthesis/2";

pub struct JsonRenderer;

#[derive(Serialize)]
struct SynthesisDocument<'a> {
    schema: &'static str,
    agenda_items: Vec<Cow<'a, AgendaItemSynthesis>>,
    themes: Vec<Cow<'a, SynthesisTheme>>,
    recommendations: Vec<&'a Recommendation>,
    diagnostics: Vec<&'a Diagnostic>,
    #[serde(skip_serializing_if = "Option::is_none")]
    plan: Option<&'a PlanUse>,
}

impl Renderer for JsonRenderer {
    fn name(&self) -> &'static str {
        "json"
    }

    fn file_name(&self) -> &'static str {
        "synthesis.json"
    }

    fn render(&self, draft: &super::Draft) -> crate::Result<Vec<u8>> {
        let document = canonical(draft.synthesis);
        write_pretty(&document)
            .map_err(|e| crate::Error::Other(format!("cannot write synthesis.json: {e}")))
    }
}

/// `document` pretty-printed, with the file's closing newline.
fn write_pretty(document: &SynthesisDocument) -> serde_json::Result<Vec<u8>> {
    let mut out = serde_json::to_vec_pretty(document)?;
    out.push(b'\n');
    Ok(out)
}

fn sorted_item(item: &AgendaItemSynthesis) -> Cow<'_, AgendaItemSynthesis> {
    let in_order = item.regions.windows(2).all(|w| w[0] < w[1])
        && item
            .meetings
            .is_sorted_by(|a, b| meeting_key(&a.meeting) <= meeting_key(&b.meeting));
    if in_order {
        return Cow::Borrowed(item);
    }
    let mut item = item.clone();
    item.regions.sort();
    item.regions.dedup();
    item.meetings
        .sort_by(|a, b| meeting_key(&a.meeting).cmp(&meeting_key(&b.meeting)));
    Cow::Owned(item)
}

/// Meetings are listed by region, then file.
fn meeting_key(m: &Meeting) -> (Region, &str) {
    (m.region, &m.file)
}

/// The theme with its lists that carry no order of their own (regions,
/// positions) sorted; a copy only when they were not in order.
fn sorted_theme(theme: &SynthesisTheme) -> Cow<'_, SynthesisTheme> {
    let position = &theme.position;
    let in_order = theme.theme.regions.is_sorted()
        && position.regions.is_sorted()
        && position.absent_regions.is_sorted()
        && position.by_region.is_sorted_by_key(|p| p.region);
    if in_order {
        return Cow::Borrowed(theme);
    }
    let mut t = theme.clone();
    t.theme.regions.sort();
    t.position.regions.sort();
    t.position.absent_regions.sort();
    t.position.by_region.sort_by_key(|p| p.region);
    Cow::Owned(t)
}

/// The synthesis with every list in a canonical order, so the JSON does not
/// depend on the order of the input.
fn canonical(synthesis: &Synthesis) -> SynthesisDocument<'_> {
    let mut agenda_items: Vec<_> = synthesis.agenda_items.iter().map(sorted_item).collect();
    agenda_items.sort_by(|a, b| natural_cmp(&a.agenda_item, &b.agenda_item));
    let mut themes: Vec<_> = synthesis.themes.iter().map(sorted_theme).collect();
    themes.sort_by(|a, b| {
        natural_cmp(&a.theme.agenda_item, &b.theme.agenda_item)
            .then_with(|| a.theme.id.cmp(&b.theme.id))
    });
    let mut recommendations: Vec<_> = synthesis.recommendations.iter().collect();
    {
        use rayon::slice::ParallelSliceMut;
        recommendations.par_sort_by_cached_key(|r| r.canonical_key());
    }
    let mut diagnostics: Vec<_> = synthesis.diagnostics.iter().collect();
    diagnostics.sort();
    SynthesisDocument {
        schema: JSON_SCHEMA,
        agenda_items,
        themes,
        recommendations,
        diagnostics,
        plan: synthesis.plan.as_ref(),
    }
}
