//! `synthesis.html`: the Markdown draft rendered by comrak and wrapped in a
//! self-contained page (inline CSS, no network) for reviewers. Every link to
//! a recommendation carries its region's colour class.

use super::markdown::comrak_options;
use super::Renderer;
use crate::model::{Region, Synthesis};
use minijinja::context;
use minijinja::value::{Serde, Value};
use serde::Serialize;
use std::collections::BTreeMap;

/// Name of the page template.
pub const PAGE_TEMPLATE: &str = "synthesis.html";

pub struct HtmlRenderer;

#[derive(Serialize)]
struct RegionLegend {
    name: &'static str,
    code: &'static str,
}

impl Renderer for HtmlRenderer {
    fn name(&self) -> &'static str {
        "html"
    }

    fn file_name(&self) -> &'static str {
        "synthesis.html"
    }

    fn render(&self, draft: &super::Draft) -> crate::Result<Vec<u8>> {
        let (synthesis, templates) = (draft.synthesis, draft.templates);
        let markdown = draft.markdown()?;
        let body = markdown_to_html(markdown, &region_of_anchor(synthesis));
        let mut regions: Vec<Region> = synthesis.recommendations.iter().map(|r| r.region).collect();
        regions.sort();
        regions.dedup();
        let legend: Vec<RegionLegend> = regions
            .iter()
            .map(|r| RegionLegend {
                name: r.name(),
                code: r.code(),
            })
            .collect();
        let theme_maps: Vec<Value> = super::svg::matrices(synthesis)
            .into_iter()
            .map(|(agenda_item, svg)| {
                context! {
                    agenda_item => agenda_item,
                    svg => Value::from_safe_string(svg),
                }
            })
            .collect();
        let page = templates.render(
            PAGE_TEMPLATE,
            &context! {
                title => first_heading(markdown),
                regions => Value::from(Serde(&legend)),
                theme_maps => theme_maps,
                body => Value::from_safe_string(body),
            },
        )?;
        // Trimmed in place: the page is the size of the whole draft.
        let mut page = page;
        page.truncate(page.trim_end().len());
        page.push('\n');
        Ok(page.into_bytes())
    }
}

/// The Markdown as HTML with the recommendations' region classes, rendered
/// piece by piece so only one piece's tree exists at a time.
fn markdown_to_html(markdown: &str, regions: &BTreeMap<String, &'static str>) -> String {
    let options = comrak_options();
    let mut body = String::with_capacity(markdown.len() * 2);
    for piece in super::markdown::pieces(markdown) {
        let html = comrak::markdown_to_html(&piece, &options);
        match piece {
            std::borrow::Cow::Borrowed(_) => mark_regions(&mut body, &html, regions),
            std::borrow::Cow::Owned(_) => {
                mark_regions(&mut body, &super::escapes::unfold_html(&html), regions)
            }
        }
    }
    body
}

/// Text of the first level-1 heading, for the page title.
fn first_heading(markdown: &str) -> String {
    markdown
        .lines()
        .find_map(|l| l.strip_prefix("# "))
        .map(|t| t.replace('\\', ""))
        .unwrap_or_else(|| "Draft synthesis".to_string())
}

fn region_of_anchor(synthesis: &Synthesis) -> BTreeMap<String, &'static str> {
    synthesis
        .recommendations
        .iter()
        .map(|r| (super::context::anchor("rec", &r.id), r.region.code()))
        .collect()
}

/// `html` onto `out` with `class="ref region-XX"` added to every link to,
/// and anchor of, a recommendation, so CSS can show its region by colour.
fn mark_regions(out: &mut String, html: &str, regions: &BTreeMap<String, &'static str>) {
    let mut rest = html;
    while let Some(start) = rest.find("<a ") {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let tag_end = rest.find('>').map(|i| i + 1).unwrap_or(rest.len());
        let tag = &rest[..tag_end];
        match target_of(tag).and_then(|(kind, anchor)| regions.get(anchor).map(|c| (kind, c))) {
            Some((kind, code)) => {
                out.push_str(&format!("<a class=\"{kind} region-{code}\" "));
                out.push_str(&tag[3..]);
            }
            None => out.push_str(tag),
        }
        rest = &rest[tag_end..];
    }
    out.push_str(rest);
}

/// `("ref", anchor)` for `<a href="#anchor">`, `("rec", anchor)` for
/// `<a id="anchor">`.
fn target_of(tag: &str) -> Option<(&'static str, &str)> {
    let value = |attr: &str| {
        let start = tag.find(attr)? + attr.len();
        let end = tag[start..].find('"')? + start;
        Some(&tag[start..end])
    };
    if let Some(anchor) = value("href=\"#") {
        return Some(("ref", anchor));
    }
    value("id=\"").map(|anchor| ("rec", anchor))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_to_recommendations_get_their_region_class() {
        let mut regions = BTreeMap::new();
        regions.insert("rec-EU-6-17l".to_string(), "EU");
        let html = r##"<p><a href="#rec-EU-6-17l">Europe 17 (l)</a> <a href="#other">x</a> <a id="rec-EU-6-17l"></a></p>"##;
        let mut out = String::new();
        mark_regions(&mut out, html, &regions);
        assert_eq!(
            out,
            r##"<p><a class="ref region-EU" href="#rec-EU-6-17l">Europe 17 (l)</a> <a href="#other">x</a> <a class="rec region-EU" id="rec-EU-6-17l"></a></p>"##
        );
    }
}
