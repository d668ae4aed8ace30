//! The readable listing of `rapporteur themes`: per agenda item, each theme
//! with its regions, convergence, members and nuances.

use crate::model::{Convergence, Nuance, Recommendation, Region, Synthesis};
use crate::text::{plural, shorten};
use std::collections::HashMap;
use std::fmt::Write as _;

fn convergence_name(c: Convergence) -> &'static str {
    match c {
        Convergence::Converging => "converging",
        Convergence::Shared => "shared",
        Convergence::RegionSpecific => "region-specific",
    }
}

fn region_codes(regions: &[Region]) -> String {
    regions
        .iter()
        .map(|r| r.code())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Readable listing: per agenda item, each theme with its regions,
/// convergence, members and nuances.
pub fn text(synthesis: &Synthesis) -> String {
    let by_id: HashMap<&str, &Recommendation> = synthesis
        .recommendations
        .iter()
        .map(|r| (r.id.as_str(), r))
        .collect();
    let themes: HashMap<&str, _> = synthesis
        .themes
        .iter()
        .map(|t| (t.theme.id.as_str(), t))
        .collect();
    let mut out = String::new();
    for item in &synthesis.agenda_items {
        let _ = writeln!(
            out,
            "Agenda item {}{} ({}: {})",
            item.agenda_item,
            item.title
                .as_deref()
                .map(|t| format!(": {}", shorten(t, 80)))
                .unwrap_or_default(),
            plural(item.regions.len(), "meeting", "meetings"),
            region_codes(&item.regions)
        );
        for id in &item.themes {
            let t = themes[id.as_str()];
            let _ = writeln!(
                out,
                "\n  {}  {}\n      {} ({}), {}",
                t.theme.id,
                t.theme.label,
                convergence_name(t.position.convergence),
                region_codes(&t.position.regions),
                plural(
                    t.theme.recommendations.len(),
                    "recommendation",
                    "recommendations"
                )
            );
            for rid in &t.theme.recommendations {
                if let Some(r) = by_id.get(rid.as_str()) {
                    let _ = writeln!(
                        out,
                        "      {:<4}{:<9}{:<10} {}",
                        r.region.code(),
                        r.reference(),
                        r.id,
                        shorten(&r.text, 70)
                    );
                }
            }
            for n in &t.position.nuances {
                let _ = writeln!(out, "      - {}", nuance_text(n));
            }
        }
        out.push('\n');
    }
    out
}

fn nuance_text(n: &Nuance) -> String {
    match n {
        Nuance::Strength {
            stronger,
            weaker,
            sources,
        } => format!(
            "stronger ask from {} than from {} ({})",
            region_codes(stronger),
            region_codes(weaker),
            sources.join(", ")
        ),
        Nuance::Addition {
            region,
            entities,
            terms,
            sources,
        } => {
            let mut what: Vec<String> = entities.clone();
            what.extend(terms.iter().cloned());
            format!(
                "{} adds {} ({})",
                region.code(),
                what.join(", "),
                sources.join(", ")
            )
        }
    }
}
