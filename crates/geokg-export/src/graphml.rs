//! GraphML for yEd, Gephi and Cytoscape desktop: every attribute of actors (label, kind,
//! Wikidata id, IRI, degree) and facts (relation, kind, date and its first and last day, status,
//! place, item, category, role, number of sources, documents, evidence sentences) as typed keys.
//!
//! The graph is directed: transfers run supplier → recipient, holdings person → state. A `met`
//! edge runs from the participant first by label; its direction means nothing (GraphML readers
//! such as networkx refuse graphs that mix directed and undirected edges).

use crate::attributes::{EDGE_KEYS, NODE_KEYS, Value, edge_values, node_values};
use crate::xml::escape;
use geokg_graph::Subgraph;
use std::fmt::Write;

pub(crate) fn write(subgraph: &Subgraph) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
         http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    for (class, keys) in [("node", NODE_KEYS), ("edge", EDGE_KEYS)] {
        for (name, kind) in keys {
            let _ = writeln!(
                out,
                "  <key id=\"{class}_{name}\" for=\"{class}\" attr.name=\"{name}\" attr.type=\"{}\"/>",
                kind.graphml()
            );
        }
    }
    out.push_str("  <graph id=\"geokg\" edgedefault=\"directed\">\n");
    for (i, node) in subgraph.nodes.iter().enumerate() {
        let _ = writeln!(out, "    <node id=\"n{i}\">");
        data(&mut out, "node", &node_values(node));
        out.push_str("    </node>\n");
    }
    for (i, edge) in subgraph.edges.iter().enumerate() {
        let _ = writeln!(out, "    <edge id=\"e{i}\" source=\"n{}\" target=\"n{}\">", edge.from, edge.to);
        data(&mut out, "edge", &edge_values(edge));
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

fn data(out: &mut String, class: &str, values: &[(&str, Value)]) {
    for (name, value) in values {
        let _ = writeln!(out, "      <data key=\"{class}_{name}\">{}</data>", escape(&value.to_string()));
    }
}
