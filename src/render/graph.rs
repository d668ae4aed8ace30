//! The theme map in Graphviz DOT (`rapporteur themes --dot`), drawn for a
//! reviewer and laid out by plain `dot`: one labelled cluster per theme
//! holding its recommendations coloured by region, only the links that hold
//! each theme together (its strongest links, as a maximum spanning tree),
//! and from each theme only its strongest link to another theme, dashed.
//! `newrank=true` ranks the graph as a whole: with it, edges between
//! clusters no longer make `dot` fail (`trouble in init_rank`), which
//! `constraint=false` on those edges would bring back. Edges are routed
//! orthogonally, with the score as an `xlabel`: the spline and polyline
//! routers fail on many cluster layouts (`triangulation failed`), and
//! orthogonal routing takes no plain edge labels.

use crate::model::{AgendaItemGraph, Region, Synthesis, ThemeGraph};
use petgraph::unionfind::UnionFind;
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

/// The fill colour of each region's nodes (the HTML page's palette).
pub fn region_colour(region: Region) -> &'static str {
    match region.code() {
        "AF" => "#8c510a",
        "AP" => "#01665e",
        "EU" => "#2c5aa0",
        "LAC" => "#b2182b",
        "WA" => "#6a3d9a",
        _ => "#555555",
    }
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The links drawn for one agenda item: within each theme, the edges of a
/// maximum spanning forest (strongest first, an edge only when it joins two
/// parts not yet joined); from each theme, its strongest link out.
/// Edges as (node, node, score, within a theme).
fn drawn_links(item: &AgendaItemGraph) -> Vec<(usize, usize, f64, bool)> {
    let graph = &item.graph;
    let theme_of: HashMap<&str, usize> = item
        .themes
        .iter()
        .enumerate()
        .flat_map(|(t, theme)| theme.recommendations.iter().map(move |id| (id.as_str(), t)))
        .collect();
    let node_theme: Vec<Option<usize>> = graph
        .node_indices()
        .map(|n| theme_of.get(graph[n].as_str()).copied())
        .collect();
    let mut edges: Vec<(usize, usize, f64)> = graph
        .edge_references()
        .map(|e| {
            let (a, b) = (e.source().index(), e.target().index());
            (a.min(b), a.max(b), e.weight().score)
        })
        .collect();
    // Strongest first; ties by node order, so the drawing never depends on
    // the order edges were added.
    edges.sort_by(|x, y| y.2.total_cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
    let mut joined = UnionFind::<usize>::new(graph.node_count());
    // Each theme's strongest link to another theme, as the pair of themes
    // (a link that is both themes' strongest is drawn once).
    let mut has_link_out: BTreeSet<usize> = BTreeSet::new();
    let mut between: BTreeMap<(usize, usize), (usize, usize, f64)> = BTreeMap::new();
    let mut drawn = Vec::new();
    for (a, b, score) in edges {
        match (node_theme[a], node_theme[b]) {
            (Some(ta), Some(tb)) if ta == tb && joined.union(a, b) => {
                drawn.push((a, b, score, true));
            }
            (Some(ta), Some(tb)) if ta == tb => {}
            (Some(ta), Some(tb)) => {
                let pair = (ta.min(tb), ta.max(tb));
                for t in [ta, tb] {
                    if has_link_out.insert(t) {
                        between.entry(pair).or_insert((a, b, score));
                    }
                }
            }
            _ => {}
        }
    }
    drawn.extend(between.into_values().map(|(a, b, s)| (a, b, s, false)));
    drawn
}

/// The theme map of every agenda item as one DOT graph.
pub fn dot(graph: &ThemeGraph, synthesis: &Synthesis) -> String {
    let region_of: HashMap<&str, Region> = synthesis
        .recommendations
        .iter()
        .map(|r| (r.id.as_str(), r.region))
        .collect();
    let mut out = String::from(
        "graph themes {\n  graph [newrank=true, splines=ortho, rankdir=LR, fontname=\"Helvetica\", fontsize=12, labeljust=l, \
         nodesep=0.2, ranksep=0.4];\n  node [shape=box, style=\"rounded,filled\", \
         fontname=\"Helvetica\", fontsize=9, fontcolor=white, penwidth=0];\n  \
         edge [color=\"#777777\"];\n",
    );
    let mut regions: Vec<Region> = region_of.values().copied().collect();
    regions.sort();
    regions.dedup();
    out.push_str("  subgraph cluster_regions {\n    label=\"Regions\";\n");
    for region in &regions {
        let _ = writeln!(
            out,
            "    {} [label={}, fillcolor={}];",
            quote(&format!("region {}", region.code())),
            quote(region.name()),
            quote(region_colour(*region))
        );
    }
    out.push_str("  }\n");
    for item in &graph.items {
        for theme in &item.themes {
            let _ = writeln!(
                out,
                "  subgraph {} {{\n    label={};\n    style=rounded;\n    color=\"#999999\";",
                quote(&format!("cluster_{}", theme.id)),
                quote(&format!(
                    "{} {}",
                    theme.id,
                    crate::text::shorten(&theme.label, 60)
                ))
            );
            for id in &theme.recommendations {
                let colour = region_of
                    .get(id.as_str())
                    .map_or("#555555", |r| region_colour(*r));
                let _ = writeln!(out, "    {} [fillcolor={}];", quote(id), quote(colour));
            }
            out.push_str("  }\n");
        }
        for (a, b, score, within) in drawn_links(item) {
            let (a, b) = (
                &item.graph[petgraph::graph::NodeIndex::new(a)],
                &item.graph[petgraph::graph::NodeIndex::new(b)],
            );
            let style = if within {
                format!("penwidth={:.1}", 0.5 + 2.0 * score)
            } else {
                format!("style=dashed, xlabel=\"{score:.2}\", fontsize=8")
            };
            let _ = writeln!(out, "  {} -- {} [{style}];", quote(a), quote(b));
        }
    }
    out.push_str("}\n");
    out
}

/// The theme map as SVG, laid out by Graphviz's `dot` (which must be
/// installed: it is not a crate).
pub fn svg(dot_source: &str) -> crate::Result<Vec<u8>> {
    use std::io::Write;
    let mut child = match std::process::Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(crate::Error::Other(
                "--svg needs Graphviz's `dot`, which was not found: install Graphviz \
                 (`apt install graphviz`, `brew install graphviz`, or graphviz.org), \
                 or write the DOT and lay it out elsewhere: \
                 `rapporteur themes --dot | dot -Tsvg > themes.svg`"
                    .to_string(),
            ))
        }
        Err(e) => return Err(crate::Error::Other(format!("cannot run `dot`: {e}"))),
    };
    let mut stdin = child.stdin.take().expect("piped");
    let source = dot_source.to_string();
    // Written from another thread, so a large map cannot fill both pipes.
    let writer = std::thread::spawn(move || stdin.write_all(source.as_bytes()));
    let output = child
        .wait_with_output()
        .map_err(|e| crate::Error::Other(format!("cannot run `dot`: {e}")))?;
    let _ = writer.join();
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first: Vec<&str> = stderr.lines().take(5).collect();
        return Err(crate::Error::Other(format!(
            "`dot -Tsvg` failed ({}): {}",
            output.status,
            first.join("; ")
        )));
    }
    Ok(output.stdout)
}
