//! GEXF 1.3 for Gephi: a dynamic graph whose facts carry their first and last day (`start`,
//! `end`), so Gephi's timeline plays the meetings and transfers in order; undated facts and all
//! actors are present throughout. Every attribute is a typed column (see `attributes.rs`);
//! actors also carry colour, size and position (`viz:`) from geokg's own layout.
//!
//! As in GraphML the graph is directed and a `met` edge runs from the participant first by label.

use crate::attributes::{EDGE_KEYS, NODE_KEYS, Value, edge_values, node_values};
use crate::layout::Layout;
use crate::style::{edge_summary, kind_colour};
use crate::xml::escape;
use geokg_graph::Subgraph;
use std::fmt::Write;

/// Attributes written as XML attributes of the element rather than as columns.
const INTRINSIC: [&str; 3] = ["label", "start", "end"];

pub(crate) fn write(subgraph: &Subgraph, layout: &Layout) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n",
    );
    let _ = writeln!(
        out,
        "  <meta>\n    <creator>geokg</creator>\n    <description>{}</description>\n  </meta>",
        escape(&crate::svg::caption(subgraph))
    );
    out.push_str("  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\">\n");
    for (class, keys) in [("node", NODE_KEYS), ("edge", EDGE_KEYS)] {
        let _ = writeln!(out, "    <attributes class=\"{class}\" mode=\"static\">");
        for (name, kind) in keys.iter().filter(|(name, _)| !INTRINSIC.contains(name)) {
            let _ = writeln!(out, "      <attribute id=\"{name}\" title=\"{name}\" type=\"{}\"/>", kind.gexf());
        }
        out.push_str("    </attributes>\n");
    }
    out.push_str("    <nodes>\n");
    for (i, node) in subgraph.nodes.iter().enumerate() {
        let _ = writeln!(out, "      <node id=\"n{i}\" label=\"{}\">", escape(&node.node.label));
        attvalues(&mut out, &node_values(node));
        let (red, green, blue) = rgb(kind_colour(node.node.kind));
        let (x, y) = layout.positions[i];
        let _ = writeln!(out, "        <viz:color r=\"{red}\" g=\"{green}\" b=\"{blue}\"/>");
        let _ = writeln!(out, "        <viz:size value=\"{:.1}\"/>", layout.radii[i]);
        let _ = writeln!(out, "        <viz:position x=\"{x:.1}\" y=\"{:.1}\" z=\"0.0\"/>", -y);
        out.push_str("      </node>\n");
    }
    out.push_str("    </nodes>\n    <edges>\n");
    for (i, edge) in subgraph.edges.iter().enumerate() {
        let _ = write!(
            out,
            "      <edge id=\"e{i}\" source=\"n{}\" target=\"n{}\" label=\"{}\"",
            edge.from,
            edge.to,
            escape(&edge_summary(edge))
        );
        if let Some(start) = edge.start {
            let _ = write!(out, " start=\"{start}\"");
        }
        if let Some(end) = edge.end {
            let _ = write!(out, " end=\"{end}\"");
        }
        out.push_str(">\n");
        attvalues(&mut out, &edge_values(edge));
        out.push_str("      </edge>\n");
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out
}

fn attvalues(out: &mut String, values: &[(&str, Value)]) {
    out.push_str("        <attvalues>\n");
    for (name, value) in values.iter().filter(|(name, _)| !INTRINSIC.contains(name)) {
        let _ = writeln!(out, "          <attvalue for=\"{name}\" value=\"{}\"/>", escape(&value.to_string()));
    }
    out.push_str("        </attvalues>\n");
}

/// `#RRGGBB` as numbers.
fn rgb(hex: &str) -> (u8, u8, u8) {
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
    (channel(1), channel(3), channel(5))
}
