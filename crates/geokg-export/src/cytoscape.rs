//! Cytoscape.js elements: `{"elements": {"nodes": [...], "edges": [...]}}`, as `cy.json()` reads
//! and Cytoscape desktop imports. Each element's `data` holds every attribute (see
//! `attributes.rs`) plus a `color`, a `line` style (solid, dashed, dotted) and the sources with
//! their evidence sentences; nodes carry geokg's layout as `position` (use the `preset` layout to
//! keep it). The graph's own `data` says what was left out.

use crate::ExportError;
use crate::attributes::{Value, edge_values, node_values};
use crate::layout::Layout;
use crate::style::{kind_colour, line, relation_colour};
use geokg_graph::Subgraph;
use serde_json::{Map, json};

fn data(id: &str, values: Vec<(&str, Value)>) -> Map<String, serde_json::Value> {
    let mut data = Map::new();
    data.insert("id".to_owned(), json!(id));
    for (name, value) in values {
        data.insert(name.to_owned(), serde_json::to_value(value).unwrap_or_default());
    }
    data
}

pub(crate) fn write(subgraph: &Subgraph, layout: &Layout) -> Result<String, ExportError> {
    let nodes: Vec<serde_json::Value> = subgraph
        .nodes
        .iter()
        .enumerate()
        .map(|(i, node)| {
            let mut data = data(&format!("n{i}"), node_values(node));
            data.insert("color".to_owned(), json!(kind_colour(node.node.kind)));
            if let Some(distance) = node.distance {
                data.insert("distance".to_owned(), json!(distance));
            }
            let (x, y) = layout.positions[i];
            json!({"data": data, "position": {"x": (x * 10.0).round() / 10.0, "y": (y * 10.0).round() / 10.0}})
        })
        .collect();
    let edges: Vec<serde_json::Value> = subgraph
        .edges
        .iter()
        .enumerate()
        .map(|(i, edge)| {
            let mut data = data(&format!("e{i}"), edge_values(edge));
            data.insert("source".to_owned(), json!(format!("n{}", edge.from)));
            data.insert("target".to_owned(), json!(format!("n{}", edge.to)));
            data.insert("color".to_owned(), json!(relation_colour(edge.relation)));
            let style = match line(edge.status) {
                crate::style::Line::Solid => "solid",
                crate::style::Line::Dashed => "dashed",
                crate::style::Line::Dotted | crate::style::Line::Negated => "dotted",
            };
            data.insert("line".to_owned(), json!(style));
            data.insert("directed".to_owned(), json!(edge.relation != geokg_graph::Relation::Met));
            // The sources themselves, with their sentences, instead of their number.
            data.insert("sources".to_owned(), serde_json::to_value(&edge.sources)?);
            Ok(json!({"data": data}))
        })
        .collect::<Result<_, ExportError>>()?;
    let graph = json!({
        "data": {
            "caption": crate::svg::caption(subgraph),
            "as_states": subgraph.as_states,
            "left_out": subgraph.left_out,
        },
        "elements": {"nodes": nodes, "edges": edges},
    });
    let mut text = serde_json::to_string_pretty(&graph)?;
    text.push('\n');
    Ok(text)
}
