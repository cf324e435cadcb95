//! Graphviz DOT: one node per actor (coloured and shaped by kind), one edge per fact (coloured by
//! relation, styled by status, `met` without arrowheads). Lay it out with `dot`, `neato` or
//! `sfdp`: `geokg export --format dot | sfdp -Tsvg -o graph.svg`.

use crate::style::{self, edge_label, edge_summary, kind_colour, line, relation_colour};
use geokg_graph::{Relation, Subgraph};
use geokg_model::EntityKind;
use std::fmt::Write;

/// `text` as a DOT double-quoted string.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn shape(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "ellipse",
        EntityKind::State => "box",
        EntityKind::Organization => "hexagon",
        EntityKind::Place | EntityKind::Other => "diamond",
    }
}

pub(crate) fn write(subgraph: &Subgraph) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph geokg {{");
    let _ = writeln!(
        out,
        "  graph [label={}, labelloc=t, overlap=false, splines=true, fontname=\"DejaVu Sans\"];",
        quote(&crate::svg::caption(subgraph))
    );
    let _ = writeln!(out, "  node [style=filled, fontname=\"DejaVu Sans\", fontsize=11, fontcolor=\"#000000\"];");
    let _ = writeln!(out, "  edge [fontname=\"DejaVu Sans\", fontsize=8, fontcolor=\"#444444\"];");
    for (i, node) in subgraph.nodes.iter().enumerate() {
        let node = &node.node;
        let tooltip = format!("{} ({})", node.kind.as_str(), node.wikidata.as_deref().unwrap_or(&node.id));
        let _ = writeln!(
            out,
            "  n{i} [label={}, shape={}, fillcolor={}, tooltip={}];",
            quote(&node.label),
            shape(node.kind),
            quote(kind_colour(node.kind)),
            quote(&tooltip),
        );
    }
    for edge in &subgraph.edges {
        let mut attributes = vec![
            format!("label={}", quote(&edge_label(edge))),
            format!("color={}", quote(relation_colour(edge.relation))),
            format!("style={}", line(edge.status).dot_style()),
            format!("tooltip={}", quote(&edge_summary(edge))),
        ];
        if edge.relation == Relation::Met {
            attributes.push("dir=none".to_owned());
        }
        if line(edge.status) == style::Line::Negated {
            attributes.push("penwidth=0.5".to_owned());
        }
        let _ = writeln!(out, "  n{} -> n{} [{}];", edge.from, edge.to, attributes.join(", "));
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_escape_what_dot_reads_specially() {
        assert_eq!(quote(r#"say "hi" \ bye"#), r#""say \"hi\" \\ bye""#);
        assert_eq!(quote("two\nlines"), "\"two\\nlines\"");
    }
}
