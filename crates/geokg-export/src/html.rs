//! One self-contained HTML page: the graph data inlined as JSON, our own small canvas viewer
//! (`assets/page.js`, `page.css`) and no URL anywhere — a Content-Security-Policy forbids every
//! request, so the page works offline and cannot leak what is being looked at.

use crate::ExportError;
use crate::layout::Layout;
use crate::style::{Line, edge_label, edge_summary, kind_colour, line, relation_colour};
use crate::xml::escape;
use geokg_graph::{Relation, SourceRef, Subgraph};
use geokg_model::{EntityKind, PartialDate};

const PAGE: &str = include_str!("../assets/page.html");
const SCRIPT: &str = include_str!("../assets/page.js");
const STYLE: &str = include_str!("../assets/page.css");

/// How many labels the page shows before zooming in: those of the best-connected actors.
const LABELS: usize = 60;

#[derive(serde::Serialize)]
struct Page<'a> {
    caption: String,
    center: Option<usize>,
    #[serde(rename = "labelDegree")]
    label_degree: usize,
    kinds: Vec<(&'static str, &'static str)>,
    relations: Vec<(&'static str, &'static str)>,
    nodes: Vec<Node<'a>>,
    edges: Vec<Edge<'a>>,
    /// The neighbours of each node, for highlighting.
    adjacent: Vec<Vec<usize>>,
}

#[derive(serde::Serialize)]
struct Node<'a> {
    label: &'a str,
    kind: &'static str,
    wikidata: Option<&'a str>,
    iri: &'a str,
    degree: usize,
    x: f64,
    y: f64,
    r: f64,
    color: &'static str,
}

#[derive(serde::Serialize)]
struct Edge<'a> {
    from: usize,
    to: usize,
    relation: &'static str,
    status: Option<&'static str>,
    date: Option<PartialDate>,
    start: Option<PartialDate>,
    end: Option<PartialDate>,
    label: String,
    summary: String,
    color: &'static str,
    line: &'static str,
    directed: bool,
    bend: f64,
    sources: &'a [SourceRef],
}

pub(crate) fn write(subgraph: &Subgraph, layout: &Layout) -> Result<String, ExportError> {
    let round = |v: f64| (v * 10.0).round() / 10.0;
    let nodes = subgraph
        .nodes
        .iter()
        .enumerate()
        .map(|(i, node)| Node {
            label: &node.node.label,
            kind: node.node.kind.as_str(),
            wikidata: node.node.wikidata.as_deref(),
            iri: &node.node.id,
            degree: node.degree,
            x: round(layout.positions[i].0),
            y: round(layout.positions[i].1),
            r: round(layout.radii[i]),
            color: kind_colour(node.node.kind),
        })
        .collect();
    let bends = crate::svg::bends(subgraph);
    let edges = subgraph
        .edges
        .iter()
        .zip(bends)
        .map(|(edge, (place, total))| Edge {
            from: edge.from,
            to: edge.to,
            relation: edge.relation.as_str(),
            status: edge.status.map(geokg_model::Status::as_str),
            date: edge.date,
            start: edge.start,
            end: edge.end,
            label: edge_label(edge),
            summary: edge_summary(edge),
            color: relation_colour(edge.relation),
            line: match line(edge.status) {
                Line::Solid => "solid",
                Line::Dashed => "dashed",
                Line::Dotted => "dotted",
                Line::Negated => "negated",
            },
            directed: edge.relation != Relation::Met,
            bend: round(crate::svg::bend_offset(place, total)),
            sources: &edge.sources,
        })
        .collect();
    let mut adjacent = vec![Vec::new(); subgraph.nodes.len()];
    for edge in &subgraph.edges {
        adjacent[edge.from].push(edge.to);
        adjacent[edge.to].push(edge.from);
    }
    for list in &mut adjacent {
        list.sort_unstable();
        list.dedup();
    }
    let mut degrees: Vec<usize> = subgraph.nodes.iter().map(|n| n.degree).collect();
    degrees.sort_unstable_by(|a, b| b.cmp(a));
    let label_degree = degrees.get(LABELS).map_or(0, |d| d + 1);
    let kinds = [EntityKind::Person, EntityKind::State, EntityKind::Organization, EntityKind::Other];
    let page = Page {
        caption: crate::svg::caption(subgraph),
        center: subgraph.center,
        label_degree,
        kinds: kinds.iter().map(|&k| (k.as_str(), kind_colour(k))).collect(),
        relations: Relation::ALL.iter().map(|&r| (r.as_str(), relation_colour(r))).collect(),
        nodes,
        edges,
        adjacent,
    };
    let data = script_safe(&serde_json::to_string(&page)?);
    let title = escape(&crate::svg::caption(subgraph));
    // The data goes in last, so that nothing in it is taken for a placeholder.
    Ok(PAGE.replace("{{TITLE}}", &title).replace("{{CSS}}", STYLE).replace("{{JS}}", SCRIPT).replace("{{DATA}}", &data))
}

/// JSON that cannot end or confuse the `<script>` element it sits in: `<`, `>` and `&` only
/// occur inside JSON strings, where `\u003c` and friends mean the same.
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_cannot_close_the_script_element() {
        let text = script_safe(r#"{"a":"</script><!-- & -->"}"#);
        assert!(!text.contains("</") && !text.contains("<!--"), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["a"], "</script><!-- & -->");
    }
}
