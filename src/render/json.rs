//! `synthesis.json`: the synthesis for machines, with a schema version key.

use super::{Renderer, TemplateSet};
use crate::model::{
    natural_cmp, AgendaItemSynthesis, Diagnostic, MeetingSummary, Recommendation, Region,
    Synthesis, SynthesisTheme,
};
use serde::Serialize;
use std::borrow::Cow;

/// Version of the JSON layout; bumped when a field changes meaning or goes.
pub const JSON_SCHEMA: &str = "rapporteur/synthesis/1";

pub struct JsonRenderer;

#[derive(Serialize)]
struct SynthesisDocument<'a> {
    schema: &'static str,
    agenda_items: Vec<Cow<'a, AgendaItemSynthesis>>,
    themes: Vec<Cow<'a, SynthesisTheme>>,
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
        let document = canonical(synthesis);
        write_pretty(&document)
            .map_err(|e| crate::Error::Other(format!("cannot write synthesis.json: {e}")))
    }
}

/// Recommendations written per chunk, in parallel.
const RECOMMENDATIONS_PER_CHUNK: usize = 2048;

/// Writes `document` exactly as `serde_json::to_writer_pretty` would (a
/// test holds the two equal), then the file's closing newline, in parts written on several threads: the
/// recommendations, most of a large corpus's bytes, in chunks, the rest
/// meanwhile. Each part is written by a pretty formatter already at the
/// depth where it stands in the document, so that its indentation is the
/// document's. The parts are then copied into place in parallel too: on a
/// fresh buffer of tens of megabytes, first touching the memory costs as
/// much as writing it.
fn write_pretty(document: &SynthesisDocument) -> serde_json::Result<Vec<u8>> {
    use rayon::prelude::*;
    let (recommendations, head_and_tail) = rayon::join(
        || {
            document
                .recommendations
                .par_chunks(RECOMMENDATIONS_PER_CHUNK)
                .enumerate()
                .map(|(i, chunk)| {
                    let mut bytes = Vec::with_capacity(chunk.len() * 1024);
                    for (j, r) in chunk.iter().enumerate() {
                        if i > 0 || j > 0 {
                            bytes.extend_from_slice(b",\n    ");
                        }
                        write_at_depth(&mut bytes, r, 2)?;
                    }
                    Ok(bytes)
                })
                .collect::<serde_json::Result<Vec<Vec<u8>>>>()
        },
        || -> serde_json::Result<(Vec<u8>, Vec<u8>)> {
            let mut head = Vec::new();
            head.extend_from_slice(b"{\n  \"schema\": ");
            write_at_depth(&mut head, &document.schema, 1)?;
            head.extend_from_slice(b",\n  \"agenda_items\": ");
            write_at_depth(&mut head, &document.agenda_items, 1)?;
            head.extend_from_slice(b",\n  \"themes\": ");
            write_at_depth(&mut head, &document.themes, 1)?;
            head.extend_from_slice(b",\n  \"recommendations\": ");
            let mut tail = Vec::new();
            tail.extend_from_slice(b",\n  \"diagnostics\": ");
            write_at_depth(&mut tail, &document.diagnostics, 1)?;
            tail.extend_from_slice(b"\n}\n");
            Ok((head, tail))
        },
    );
    let (recommendations, (head, tail)) = (recommendations?, head_and_tail?);
    let (open, close): (&[u8], &[u8]) = match recommendations.is_empty() {
        true => (b"[", b"]"),
        false => (b"[\n    ", b"\n  ]"),
    };
    let mut parts: Vec<&[u8]> = vec![&head, open];
    parts.extend(recommendations.iter().map(Vec::as_slice));
    parts.extend([close, tail.as_slice()]);
    // Zeroed memory is mapped lazily: each thread touches the pages it
    // copies into.
    let mut out = vec![0u8; parts.iter().map(|p| p.len()).sum::<usize>()];
    let mut places: Vec<&mut [u8]> = Vec::with_capacity(parts.len());
    let mut rest = out.as_mut_slice();
    for part in &parts {
        let (place, after) = rest.split_at_mut(part.len());
        places.push(place);
        rest = after;
    }
    places
        .into_par_iter()
        .zip(parts)
        .for_each(|(place, part)| place.copy_from_slice(part));
    Ok(out)
}

/// Writes `value` pretty-printed as it stands `depth` levels deep in a
/// document (its inner lines indented by two spaces per level).
fn write_at_depth<T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    value: &T,
    depth: usize,
) -> serde_json::Result<()> {
    use serde_json::ser::{Formatter, PrettyFormatter};
    let mut formatter = PrettyFormatter::new();
    for _ in 0..depth {
        // Opening an array only deepens the formatter's indentation; what
        // it writes goes nowhere.
        formatter
            .begin_array(&mut std::io::sink())
            .map_err(serde_json::Error::io)?;
    }
    value.serialize(&mut serde_json::Serializer::with_formatter(out, formatter))
}

/// The agenda item with its lists that carry no order of their own
/// (regions, meetings) sorted; a copy only when they were not in order.
fn sorted_item(item: &AgendaItemSynthesis) -> Cow<'_, AgendaItemSynthesis> {
    let in_order = item.regions.windows(2).all(|w| w[0] < w[1])
        && item
            .meetings
            .is_sorted_by(|a, b| meeting_key(a) <= meeting_key(b));
    if in_order {
        return Cow::Borrowed(item);
    }
    let mut item = item.clone();
    item.regions.sort();
    item.regions.dedup();
    item.meetings
        .sort_by(|a, b| meeting_key(a).cmp(&meeting_key(b)));
    Cow::Owned(item)
}

/// Meetings are listed by region, then file.
fn meeting_key(m: &MeetingSummary) -> (Region, &str) {
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The chunked writer gives serde_json's own pretty output byte for
    /// byte: on the seeds, on a generated corpus of several chunks, and on
    /// an empty synthesis.
    #[test]
    fn chunked_writing_equals_serde_pretty_printing() {
        let seeds = crate::ingest::read_corpus(&[]);
        let dir = tempfile::tempdir().unwrap();
        let reports =
            crate::synthetic::generate(&seeds, 2 * RECOMMENDATIONS_PER_CHUNK + 7, 3).unwrap();
        crate::synthetic::write_reports(dir.path(), &reports).unwrap();
        let generated = crate::ingest::read_corpus(&[dir.path().to_path_buf()]);
        let gazetteer = crate::entities::Gazetteer::embedded();
        let mut syntheses: Vec<Synthesis> = [seeds, generated]
            .into_iter()
            .map(|corpus| {
                crate::pipeline::analyse(corpus, &gazetteer)
                    .unwrap()
                    .synthesis
            })
            .collect();
        syntheses.push(Synthesis {
            agenda_items: Vec::new(),
            themes: Vec::new(),
            recommendations: Vec::new(),
            diagnostics: Vec::new(),
        });
        for synthesis in &syntheses {
            let document = canonical(synthesis);
            let mut expected = serde_json::to_vec_pretty(&document).unwrap();
            expected.push(b'\n');
            let actual = write_pretty(&document).unwrap();
            assert!(
                expected == actual,
                "outputs differ ({} recommendations)",
                synthesis.recommendations.len()
            );
        }
    }
}
