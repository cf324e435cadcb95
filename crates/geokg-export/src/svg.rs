//! The SVG picture, drawn from geokg's own layout: a caption, facts as lines (curved apart when
//! two actors share several), actors as dots coloured by kind with their names as `<text>`, and
//! a legend. Hovering a dot or line in a browser shows its `<title>`. Only presentation
//! attributes are used, no CSS, so every SVG renderer (resvg for the PNG included) draws it the
//! same way.

use crate::layout::Layout;
use crate::style::{edge_summary, kind_colour, line, relation_colour};
use crate::xml::escape;
use geokg_graph::{Relation, SubEdge, Subgraph};
use geokg_model::EntityKind;
use std::fmt::Write;

/// The band above the drawing, for the caption.
const TOP: f64 = 32.0;
/// The band below it, for the legend.
const BOTTOM: f64 = 76.0;
/// The narrowest picture, so the legend fits.
const MIN_WIDTH: f64 = 560.0;
/// The fonts labels ask for, the first one found wins.
pub(crate) const FONTS: &str = "DejaVu Sans, Liberation Sans, Arial, sans-serif";

/// One line saying what the picture shows and what it leaves out.
pub(crate) fn caption(subgraph: &Subgraph) -> String {
    let (actors, facts) = (subgraph.nodes.len(), subgraph.edges.len());
    let mut text = format!(
        "geokg: {actors} {}, {facts} {}",
        if actors == 1 { "actor" } else { "actors" },
        if facts == 1 { "fact" } else { "facts" }
    );
    if let Some(center) = subgraph.center {
        let _ = write!(text, " around {}", subgraph.nodes[center].node.label);
    }
    if subgraph.as_states {
        text.push_str(", persons as the states they led");
    }
    let left_out = subgraph.left_out;
    if left_out.nodes > 0 {
        let kept = if subgraph.center.is_some() { "nearest" } else { "best-connected" };
        let _ = write!(
            text,
            "; {} actors and {} facts left out (only the {} {kept} actors are drawn)",
            left_out.nodes, left_out.edges, left_out.limit
        );
    }
    text
}

pub(crate) fn write(subgraph: &Subgraph, layout: &Layout) -> String {
    // Long names stick out of the layout's margin: widen the picture to hold them (about 6.8 px
    // a character at 11 px), then centre the drawing.
    let half = |i: usize| subgraph.nodes[i].node.label.chars().count() as f64 * 3.4 + 8.0;
    let (mut left, mut right) = (0.0f64, layout.width);
    for (i, &(x, _)) in layout.positions.iter().enumerate() {
        left = left.min(x - half(i));
        right = right.max(x + half(i));
    }
    let width = (right - left).max(MIN_WIDTH);
    let height = layout.height + TOP + BOTTOM;
    let dx = -left + (width - (right - left)) / 2.0;
    let at = |i: usize| (layout.positions[i].0 + dx, layout.positions[i].1 + TOP);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" \
         viewBox=\"0 0 {width:.0} {height:.0}\" font-family=\"{FONTS}\">"
    );
    let _ = writeln!(out, "<title>{}</title>", escape(&caption(subgraph)));
    out.push_str("<defs>\n");
    for relation in [Relation::Supplied, Relation::Leads] {
        let _ = writeln!(
            out,
            "<marker id=\"arrow-{}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" \
             markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{}\"/></marker>",
            relation.as_str(),
            relation_colour(relation)
        );
    }
    out.push_str("</defs>\n");
    let _ = writeln!(out, "<rect id=\"background\" width=\"{width:.0}\" height=\"{height:.0}\" fill=\"#ffffff\"/>");
    let _ = writeln!(
        out,
        "<text id=\"caption\" x=\"12\" y=\"20\" font-size=\"13\" fill=\"#222222\">{}</text>",
        escape(&caption(subgraph))
    );

    out.push_str("<g id=\"edges\" fill=\"none\" stroke-width=\"1.4\">\n");
    for (edge, (bend, total)) in subgraph.edges.iter().zip(bends(subgraph)) {
        let (from, to) = (at(edge.from), at(edge.to));
        draw_edge(&mut out, edge, from, to, layout.radii[edge.to], bend, total);
    }
    out.push_str("</g>\n<g id=\"nodes\">\n");
    for (i, node) in subgraph.nodes.iter().enumerate() {
        let (x, y) = at(i);
        let r = layout.radii[i];
        let n = &node.node;
        let centre = subgraph.center == Some(i);
        let _ = writeln!(
            out,
            "<g class=\"node {}\"><title>{} ({}, {}, {})</title>\
             <circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>\
             <text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#111111\" \
             stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">{}</text></g>",
            n.kind.as_str(),
            escape(&n.label),
            n.kind.as_str(),
            escape(n.wikidata.as_deref().unwrap_or(&n.id)),
            if node.degree == 1 { "1 fact".to_owned() } else { format!("{} facts", node.degree) },
            kind_colour(n.kind),
            if centre { "#000000" } else { "#ffffff" },
            if centre { 2.5 } else { 1.5 },
            y + r + 12.0,
            escape(&n.label),
        );
    }
    out.push_str("</g>\n");
    legend(&mut out, height - BOTTOM + 8.0);
    out.push_str("</svg>\n");
    out
}

/// For each edge, its place among the edges of the same pair of actors and their number.
pub(crate) fn bends(subgraph: &Subgraph) -> Vec<(usize, usize)> {
    let mut keys: Vec<((usize, usize), usize)> =
        subgraph.edges.iter().enumerate().map(|(i, e)| ((e.from.min(e.to), e.from.max(e.to)), i)).collect();
    keys.sort_unstable();
    let mut bends = vec![(0, 1); subgraph.edges.len()];
    for group in keys.chunk_by(|a, b| a.0 == b.0) {
        for (place, &(_, i)) in group.iter().enumerate() {
            bends[i] = (place, group.len());
        }
    }
    bends
}

/// How far the middle of the `place`-th of `total` parallel edges is pulled aside (the curve's
/// control point twice as far): fanned out, at most 60 px wide in all.
pub(crate) fn bend_offset(place: usize, total: usize) -> f64 {
    let spacing = (60.0 / total as f64).min(12.0);
    (place as f64 - (total as f64 - 1.0) / 2.0) * spacing * 2.0
}

fn draw_edge(
    out: &mut String,
    edge: &SubEdge,
    from: (f64, f64),
    to: (f64, f64),
    to_radius: f64,
    bend: usize,
    total: usize,
) {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let length = (dx * dx + dy * dy).sqrt().max(0.01);
    // Parallel facts fan out, at most 60 px wide in all; the normal is taken in a fixed
    // direction (lower index to higher) so both directions of a pair share one fan.
    let offset = bend_offset(bend, total);
    let sign = if edge.from <= edge.to { 1.0 } else { -1.0 };
    let (nx, ny) = (-dy / length * sign, dx / length * sign);
    let control = (f64::midpoint(from.0, to.0) + nx * offset, f64::midpoint(from.1, to.1) + ny * offset);
    let directed = edge.relation != Relation::Met;
    // Arrows stop at the rim of the target dot.
    let end = if directed {
        let (ex, ey) = (to.0 - control.0, to.1 - control.1);
        let l = (ex * ex + ey * ey).sqrt().max(0.01);
        (to.0 - ex / l * (to_radius + 1.0), to.1 - ey / l * (to_radius + 1.0))
    } else {
        to
    };
    let style = line(edge.status);
    let status = edge.status.map_or("holding", |s| s.as_str());
    let _ = write!(
        out,
        "<path class=\"edge {} {status}\" d=\"M{:.1},{:.1} Q{:.1},{:.1} {:.1},{:.1}\" stroke=\"{}\"",
        edge.relation.as_str(),
        from.0,
        from.1,
        control.0,
        control.1,
        end.0,
        end.1,
        relation_colour(edge.relation)
    );
    if let Some(dashes) = style.dasharray() {
        let _ = write!(out, " stroke-dasharray=\"{dashes}\"");
    }
    if style == crate::style::Line::Negated {
        out.push_str(" stroke-opacity=\"0.4\"");
    }
    if directed {
        let _ = write!(out, " marker-end=\"url(#arrow-{})\"", edge.relation.as_str());
    }
    let _ = writeln!(out, "><title>{}</title></path>", escape(&edge_summary(edge)));
}

fn legend(out: &mut String, top: f64) {
    out.push_str("<g id=\"legend\" font-size=\"11\" fill=\"#222222\">\n");
    let kinds = [EntityKind::Person, EntityKind::State, EntityKind::Organization, EntityKind::Other];
    for (i, kind) in kinds.into_iter().enumerate() {
        let x = 16.0 + i as f64 * 120.0;
        let _ = writeln!(
            out,
            "<circle cx=\"{x:.0}\" cy=\"{:.0}\" r=\"5\" fill=\"{}\"/><text x=\"{:.0}\" y=\"{:.0}\">{}</text>",
            top + 6.0,
            kind_colour(kind),
            x + 10.0,
            top + 10.0,
            kind.as_str()
        );
    }
    let rows: [&[(&str, Relation, Option<&str>)]; 2] = [
        &[("met", Relation::Met, None), ("supplied", Relation::Supplied, None), ("leads", Relation::Leads, None)],
        &[
            ("occurred", Relation::Met, None),
            ("planned, speculative", Relation::Met, Some("6 4")),
            ("alleged", Relation::Met, Some("1.5 3")),
            ("negated", Relation::Met, Some("2 6")),
        ],
    ];
    for (row, items) in rows.iter().enumerate() {
        let y = top + 26.0 + row as f64 * 20.0;
        let mut x = 10.0;
        for &(label, relation, dashes) in *items {
            let dash = dashes.map(|d| format!(" stroke-dasharray=\"{d}\"")).unwrap_or_default();
            let _ = writeln!(
                out,
                "<line x1=\"{x:.0}\" y1=\"{y:.0}\" x2=\"{:.0}\" y2=\"{y:.0}\" stroke=\"{}\" stroke-width=\"2\"{dash}/>\
                 <text x=\"{:.0}\" y=\"{:.0}\">{label}</text>",
                x + 24.0,
                relation_colour(relation),
                x + 30.0,
                y + 4.0
            );
            x += 40.0 + label.len() as f64 * 6.5;
        }
    }
    out.push_str("</g>\n");
}
