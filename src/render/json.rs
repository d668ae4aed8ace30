//! `synthesis.json`: the synthesis for machines, with a schema version key.

use super::{Renderer, TemplateSet};
use crate::model::{
    natural_cmp, AgendaItemSynthesis, Diagnostic, Recommendation, Synthesis, SynthesisTheme,
};
use serde::Serialize;

/// Version of the JSON layout; bumped when a field changes meaning or goes.
pub const JSON_SCHEMA: &str = "rapporteur/synthesis/1";

pub struct JsonRenderer;

#[derive(Serialize)]
struct SynthesisDocument<'a> {
    schema: &'static str,
    agenda_items: Vec<&'a AgendaItemSynthesis>,
    themes: Vec<&'a SynthesisTheme>,
    recommendations: Vec<&'a Recommendation>,
    diagnostics: Vec<&'a Diagnostic>,
}

impl Renderer for JsonRenderer {
    fn name(&self) -> &'static str {
        "json"
    }

    fn file_name(&self) -> &'static str {
        "synthesis.json"
    }

    fn render(&self, synthesis: &Synthesis, _templates: &TemplateSet) -> crate::Result<Vec<u8>> {
        let synthesis = sorted_within(synthesis);
        let document = canonical(&synthesis);
        let mut bytes = serde_json::to_vec_pretty(&document)
            .map_err(|e| crate::Error::Other(format!("cannot write synthesis.json: {e}")))?;
        bytes.push(b'\n');
        Ok(bytes)
    }
}

/// A copy whose inner lists that carry no order of their own (regions,
/// meetings, positions) are sorted.
fn sorted_within(synthesis: &Synthesis) -> Synthesis {
    let mut s = synthesis.clone();
    for item in &mut s.agenda_items {
        item.regions.sort();
        item.regions.dedup();
        item.meetings
            .sort_by(|a, b| (a.region, &a.file).cmp(&(b.region, &b.file)));
    }
    for t in &mut s.themes {
        t.theme.regions.sort();
        t.position.regions.sort();
        t.position.absent_regions.sort();
        t.position.by_region.sort_by_key(|p| p.region);
    }
    s
}

/// The synthesis with every list in a canonical order, so the JSON does not
/// depend on the order of the input.
fn canonical(synthesis: &Synthesis) -> SynthesisDocument<'_> {
    let mut agenda_items: Vec<_> = synthesis.agenda_items.iter().collect();
    agenda_items.sort_by(|a, b| natural_cmp(&a.agenda_item, &b.agenda_item));
    let mut themes: Vec<_> = synthesis.themes.iter().collect();
    themes.sort_by(|a, b| {
        natural_cmp(&a.theme.agenda_item, &b.theme.agenda_item)
            .then_with(|| a.theme.id.cmp(&b.theme.id))
    });
    let mut recommendations: Vec<_> = synthesis.recommendations.iter().collect();
    recommendations.sort_by(|a, b| Recommendation::canonical_cmp(a, b));
    let mut diagnostics: Vec<_> = synthesis.diagnostics.iter().collect();
    diagnostics.sort();
    SynthesisDocument {
        schema: JSON_SCHEMA,
        agenda_items,
        themes,
        recommendations,
        diagnostics,
    }
}
