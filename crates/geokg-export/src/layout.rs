//! A deterministic force-directed layout (Fruchterman–Reingold): connected actors pull together,
//! all actors push apart, a weak pull to the middle keeps separate groups on the page. Starting
//! positions lie on a sunflower spiral, best connected first, nudged by a fixed-seed generator,
//! so the same graph always gets the same picture.
//!
//! Repulsion is computed for every pair, O(n²) per round: about a second for 500 actors in a
//! debug build, far less in release. Larger graphs are cut to the limit before they get here.

use geokg_graph::Subgraph;

/// Where each actor goes on the page, in pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The width of the drawing area.
    pub width: f64,
    /// The height of the drawing area.
    pub height: f64,
    /// The centre of each actor, in the order of [`Subgraph::nodes`].
    pub positions: Vec<(f64, f64)>,
    /// The radius of each actor's dot, growing with its degree.
    pub radii: Vec<f64>,
}

/// Rounds of the simulation.
const ROUNDS: usize = 300;
/// Free space around the drawing, for labels.
const MARGIN: f64 = 60.0;

/// A small fixed-seed generator (xorshift64*), enough to break symmetries reproducibly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Lays the subgraph out.
#[must_use]
pub fn layout(subgraph: &Subgraph) -> Layout {
    let n = subgraph.nodes.len();
    let radii: Vec<f64> =
        subgraph.nodes.iter().map(|node| (5.0 + 2.5 * (node.degree as f64).sqrt()).min(24.0)).collect();
    // The side of the square the actors spread over: about 90 px of room each.
    let side = (90.0 * (n as f64).sqrt()).max(300.0);
    let k = side / (n.max(1) as f64).sqrt();

    // Pairs with their number of facts: many facts pull harder, but only logarithmically.
    let mut pairs: Vec<(usize, usize)> = subgraph.edges.iter().map(|e| (e.from.min(e.to), e.from.max(e.to))).collect();
    pairs.sort_unstable();
    let mut springs: Vec<(usize, usize, f64)> = Vec::new();
    for group in pairs.chunk_by(|a, b| a == b) {
        springs.push((group[0].0, group[0].1, 1.0 + (group.len() as f64).ln()));
    }

    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(subgraph.nodes[i].degree), i));
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut position = vec![(0.0, 0.0); n];
    let golden = std::f64::consts::PI * (3.0 - 5f64.sqrt());
    for (rank, &i) in order.iter().enumerate() {
        let r = k * 0.5 * (rank as f64).sqrt();
        let angle = rank as f64 * golden;
        position[i] = (r * angle.cos() + rng.next() - 0.5, r * angle.sin() + rng.next() - 0.5);
    }

    let mut shift = vec![(0.0f64, 0.0f64); n];
    for round in 0..ROUNDS {
        let temperature = side / 10.0 * (1.0 - round as f64 / ROUNDS as f64) + 0.5;
        shift.fill((0.0, 0.0));
        for i in 0..n {
            for j in i + 1..n {
                let (dx, dy) = (position[i].0 - position[j].0, position[i].1 - position[j].1);
                let d2 = (dx * dx + dy * dy).max(0.01);
                let force = k * k / d2;
                shift[i].0 += dx * force;
                shift[i].1 += dy * force;
                shift[j].0 -= dx * force;
                shift[j].1 -= dy * force;
            }
        }
        for &(a, b, weight) in &springs {
            let (dx, dy) = (position[a].0 - position[b].0, position[a].1 - position[b].1);
            let d = (dx * dx + dy * dy).sqrt().max(0.01);
            let force = weight * d / k;
            shift[a].0 -= dx * force;
            shift[a].1 -= dy * force;
            shift[b].0 += dx * force;
            shift[b].1 += dy * force;
        }
        for i in 0..n {
            // Gravity, so that actors without ties and small groups stay near.
            let gravity = 0.05 * k / side;
            let (sx, sy) = (shift[i].0 - position[i].0 * gravity * k, shift[i].1 - position[i].1 * gravity * k);
            let length = (sx * sx + sy * sy).sqrt();
            if length > 0.0 {
                let step = length.min(temperature);
                position[i].0 += sx / length * step;
                position[i].1 += sy / length * step;
            }
        }
    }
    fit(position, radii)
}

/// Scales and moves positions into a box with a margin, keeping proportions.
fn fit(position: Vec<(f64, f64)>, radii: Vec<f64>) -> Layout {
    if position.is_empty() {
        return Layout { width: 2.0 * MARGIN, height: 2.0 * MARGIN, positions: position, radii };
    }
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in &position {
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
    }
    let n = position.len() as f64;
    // Big enough that neighbours do not overlap, small enough to fit a screen when few.
    let target = (100.0 * n.sqrt()).clamp(360.0, 4000.0);
    let scale = target / (x1 - x0).max(y1 - y0).max(1.0);
    let positions: Vec<(f64, f64)> =
        position.iter().map(|&(x, y)| (MARGIN + (x - x0) * scale, MARGIN + (y - y0) * scale)).collect();
    Layout { width: (x1 - x0) * scale + 2.0 * MARGIN, height: (y1 - y0) * scale + 2.0 * MARGIN, positions, radii }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geokg_graph::{LeftOut, NodeRef, Relation, SubEdge, SubNode};
    use geokg_model::EntityKind;

    fn chain(n: usize) -> Subgraph {
        let node = |i: usize| SubNode {
            node: NodeRef { id: format!("n{i}"), label: format!("N{i}"), kind: EntityKind::State, wikidata: None },
            degree: 2,
            distance: None,
        };
        let edge = |i: usize| SubEdge {
            relation: Relation::Met,
            from: i,
            to: i + 1,
            kind: "meeting".into(),
            date: None,
            start: None,
            end: None,
            status: None,
            place: None,
            item: None,
            category: None,
            role: None,
            former: false,
            sources: Vec::new(),
        };
        Subgraph {
            nodes: (0..n).map(node).collect(),
            edges: (0..n.saturating_sub(1)).map(edge).collect(),
            center: None,
            as_states: false,
            left_out: LeftOut::default(),
        }
    }

    #[test]
    fn the_same_graph_gets_the_same_layout_inside_the_box() {
        let subgraph = chain(12);
        let layout = layout(&subgraph);
        assert_eq!(layout, super::layout(&subgraph));
        for &(x, y) in &layout.positions {
            assert!((MARGIN..=layout.width - MARGIN + 1e-6).contains(&x), "{x}");
            assert!((MARGIN..=layout.height - MARGIN + 1e-6).contains(&y), "{y}");
        }
    }

    #[test]
    fn neighbours_end_up_closer_than_the_ends_of_a_chain() {
        let layout = layout(&chain(10));
        let distance = |a: usize, b: usize| {
            let (p, q) = (layout.positions[a], layout.positions[b]);
            ((p.0 - q.0).powi(2) + (p.1 - q.1).powi(2)).sqrt()
        };
        assert!(distance(0, 1) < distance(0, 9), "{} vs {}", distance(0, 1), distance(0, 9));
        let nearest = (0..10).flat_map(|a| (a + 1..10).map(move |b| (a, b))).map(|(a, b)| distance(a, b));
        assert!(nearest.fold(f64::MAX, f64::min) > 10.0, "actors overlap");
    }

    #[test]
    fn empty_and_single_graphs_have_a_size() {
        assert!(layout(&chain(0)).positions.is_empty());
        let one = layout(&chain(1));
        assert_eq!(one.positions.len(), 1);
        assert!(one.width > 0.0 && one.height > 0.0);
    }
}
