//! Tracing a recommendation back to its source and across its theme: what
//! `rapporteur trace` prints for reviewers.

use crate::model::{Convergence, Recommendation, Region, Synthesis};
use serde::Serialize;

/// One recommendation found, with its theme and the other recommendations
/// in that theme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trace {
    pub recommendation: Recommendation,
    /// `Europe 17 (l)`.
    pub citation: String,
    pub theme: Option<TraceTheme>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TraceTheme {
    pub id: String,
    pub label: String,
    pub convergence: Convergence,
    pub regions: Vec<Region>,
    /// The other regions' recommendations in the theme.
    pub other_regions: Vec<Recommendation>,
    /// The same region's other recommendations in the theme.
    pub same_region: Vec<Recommendation>,
}

/// Finds recommendations by id (case-insensitive, exact), or else by a
/// phrase of their text (case-insensitive, spacing ignored). Results come in
/// canonical order (region, agenda item, paragraph, letter).
pub fn find(synthesis: &Synthesis, query: &str) -> Vec<Trace> {
    let query = query.trim();
    let by_id: Vec<&Recommendation> = synthesis
        .recommendations
        .iter()
        .filter(|r| r.id.eq_ignore_ascii_case(query))
        .collect();
    let found = if by_id.is_empty() {
        let phrase = normalise(query);
        if phrase.is_empty() {
            Vec::new()
        } else {
            synthesis
                .recommendations
                .iter()
                .filter(|r| normalise(&r.text).contains(&phrase))
                .collect()
        }
    } else {
        by_id
    };
    let mut traces: Vec<Trace> = found.into_iter().map(|r| trace(synthesis, r)).collect();
    traces.sort_by(|a, b| Recommendation::canonical_cmp(&a.recommendation, &b.recommendation));
    traces
}

fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn trace(synthesis: &Synthesis, rec: &Recommendation) -> Trace {
    let theme = synthesis
        .themes
        .iter()
        .filter(|t| t.theme.recommendations.contains(&rec.id))
        .min_by(|a, b| a.theme.id.cmp(&b.theme.id))
        .map(|t| {
            let mut members: Vec<Recommendation> = synthesis
                .recommendations
                .iter()
                .filter(|r| r.id != rec.id && t.theme.recommendations.contains(&r.id))
                .cloned()
                .collect();
            members.sort_by(Recommendation::canonical_cmp);
            let (same_region, other_regions) =
                members.into_iter().partition(|r| r.region == rec.region);
            let mut regions = t.theme.regions.clone();
            regions.sort();
            TraceTheme {
                id: t.theme.id.clone(),
                label: t.theme.label.clone(),
                convergence: t.position.convergence,
                regions,
                other_regions,
                same_region,
            }
        });
    Trace {
        citation: format!("{} {}", rec.region.name(), rec.reference()),
        recommendation: rec.clone(),
        theme,
    }
}
