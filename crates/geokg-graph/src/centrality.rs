//! Who is central: degree, betweenness (Brandes; sampled pivots à la Brandes–Pich on large
//! graphs) and `PageRank`, on the projection with parallel edges collapsed and directions ignored.
//!
//! Only actors with at least one counting edge are ranked. The collapsed graph built here is
//! also what `communities.rs` partitions.

use crate::project::Projection;
use crate::questions::Query;
use crate::view::NodeRef;

/// Exact betweenness is used while nodes × directed adjacency entries stay within this budget
/// (about a second or two); above it, pivots are sampled so the work stays about the same.
const EXACT_BUDGET: u64 = 1_000_000_000;
/// The fewest pivots a sampled betweenness uses.
const MIN_PIVOTS: usize = 64;

/// A centrality measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    /// Distinct actors related to.
    #[default]
    Degree,
    /// Shortest paths (counted in hops) passing through the actor.
    Betweenness,
    /// `PageRank` with damping 0.85 on the undirected graph.
    Pagerank,
}

impl Measure {
    /// Parses `degree`, `betweenness` or `pagerank`.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_lowercase().as_str() {
            "degree" => Some(Self::Degree),
            "betweenness" => Some(Self::Betweenness),
            "pagerank" => Some(Self::Pagerank),
            _ => None,
        }
    }
}

/// How betweenness is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Betweenness {
    /// Exact on small graphs, sampled above a size threshold.
    #[default]
    Auto,
    /// Exact Brandes from every node, whatever the size.
    Exact,
    /// Brandes from this many pivot sources, chosen deterministically, scaled by n / pivots.
    Sampled(usize),
}

/// What to rank and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CentralOptions {
    /// The measure.
    pub measure: Measure,
    /// How many actors to return (all when `None`).
    pub top: Option<usize>,
    /// Exact or sampled betweenness.
    pub betweenness: Betweenness,
}

/// A ranking of actors.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Centrality {
    /// The measure.
    pub measure: Measure,
    /// How it was computed ("exact", or "sampled from 500 of 20000 pivot sources").
    pub method: String,
    /// Whether the scores are exact.
    pub exact: bool,
    /// The actors ranked (those with at least one counting edge).
    pub nodes: usize,
    /// Distinct related pairs among them.
    pub edges: usize,
    /// The best first (ties by label), at most `top`.
    pub rows: Vec<CentralNode>,
}

/// An actor and its score.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CentralNode {
    /// The actor.
    pub node: NodeRef,
    /// The score: distinct neighbours, shortest paths through it (each unordered pair once),
    /// or `PageRank` (summing to 1).
    pub score: f64,
    /// Distinct neighbours.
    pub degree: usize,
}

/// The projection with parallel edges collapsed: per node, sorted distinct neighbours with
/// the number of facts joining them.
#[derive(Debug, Clone)]
pub(crate) struct Simple {
    pub(crate) offsets: Vec<u32>,
    pub(crate) targets: Vec<u32>,
    pub(crate) weights: Vec<u32>,
}

impl Simple {
    pub(crate) fn new(projection: &Projection<'_>) -> Self {
        let n = projection.n_nodes();
        let mut offsets = Vec::with_capacity(n + 1);
        let mut targets: Vec<u32> = Vec::new();
        let mut weights: Vec<u32> = Vec::new();
        offsets.push(0);
        for node in 0..n as u32 {
            let start = targets.len();
            projection.for_each(node, |next, _| {
                if targets.len() > start && targets[targets.len() - 1] == next {
                    *weights.last_mut().unwrap_or(&mut 0) += 1;
                } else {
                    targets.push(next);
                    weights.push(1);
                }
            });
            offsets.push(targets.len() as u32);
        }
        Self { offsets, targets, weights }
    }

    pub(crate) fn n(&self) -> usize {
        self.offsets.len() - 1
    }

    pub(crate) fn range(&self, node: usize) -> std::ops::Range<usize> {
        self.offsets[node] as usize..self.offsets[node + 1] as usize
    }

    pub(crate) fn degree(&self, node: usize) -> usize {
        self.range(node).len()
    }

    pub(crate) fn active(&self) -> Vec<u32> {
        (0..self.n() as u32).filter(|&node| self.degree(node as usize) > 0).collect()
    }
}

impl Query<'_> {
    /// Ranks the actors by a centrality measure.
    #[must_use]
    pub fn central(&self, options: &CentralOptions) -> Centrality {
        let graph = Simple::new(&self.projection);
        let active = graph.active();
        let (scores, method, exact) = match options.measure {
            Measure::Degree => {
                ((0..graph.n()).map(|node| graph.degree(node) as f64).collect(), "exact".to_owned(), true)
            }
            Measure::Pagerank => (pagerank(&graph, &active), "power iteration".to_owned(), true),
            Measure::Betweenness => {
                let pivots = match options.betweenness {
                    Betweenness::Exact => active.len(),
                    Betweenness::Sampled(k) => k.clamp(1, active.len().max(1)),
                    Betweenness::Auto => {
                        let work = active.len() as u64 * graph.targets.len() as u64;
                        if work <= EXACT_BUDGET {
                            active.len()
                        } else {
                            let k = (EXACT_BUDGET / graph.targets.len().max(1) as u64) as usize;
                            k.max(MIN_PIVOTS).min(active.len())
                        }
                    }
                };
                let exact = pivots >= active.len();
                let method = if exact {
                    "exact (Brandes)".to_owned()
                } else {
                    format!("sampled (Brandes–Pich) from {pivots} of {} pivot sources", active.len())
                };
                (betweenness(&graph, &active, pivots), method, exact)
            }
        };
        let mut ranked: Vec<u32> = active.clone();
        ranked.sort_by(|&a, &b| scores[b as usize].total_cmp(&scores[a as usize]).then(a.cmp(&b)));
        ranked.truncate(options.top.unwrap_or(usize::MAX));
        Centrality {
            measure: options.measure,
            method,
            exact,
            nodes: active.len(),
            edges: graph.targets.len() / 2,
            rows: ranked
                .into_iter()
                .map(|node| CentralNode {
                    node: self.view.node_ref(node),
                    score: scores[node as usize],
                    degree: graph.degree(node as usize),
                })
                .collect(),
        }
    }
}

/// Brandes' betweenness from `pivots` sources (all active nodes when `pivots` covers them),
/// each unordered pair counted once, scaled by `active / pivots` when sampling.
fn betweenness(graph: &Simple, active: &[u32], pivots: usize) -> Vec<f64> {
    let n = graph.n();
    let mut score = vec![0.0f64; n];
    let sources: Vec<u32> = if pivots >= active.len() { active.to_vec() } else { sample(active, pivots) };
    let mut distance = vec![u32::MAX; n];
    let mut sigma = vec![0.0f64; n];
    let mut delta = vec![0.0f64; n];
    let mut order: Vec<u32> = Vec::with_capacity(n);
    for &source in &sources {
        for &node in &order {
            distance[node as usize] = u32::MAX;
            sigma[node as usize] = 0.0;
            delta[node as usize] = 0.0;
        }
        order.clear();
        distance[source as usize] = 0;
        sigma[source as usize] = 1.0;
        order.push(source);
        let mut at = 0;
        while at < order.len() {
            let node = order[at] as usize;
            at += 1;
            for &next in &graph.targets[graph.range(node)] {
                let next = next as usize;
                if distance[next] == u32::MAX {
                    distance[next] = distance[node] + 1;
                    order.push(next as u32);
                }
                if distance[next] == distance[node] + 1 {
                    sigma[next] += sigma[node];
                }
            }
        }
        // Dependencies flow back from the farthest nodes; predecessors are the neighbours one
        // step nearer, found again instead of stored.
        for &node in order.iter().rev() {
            let node = node as usize;
            for &previous in &graph.targets[graph.range(node)] {
                let previous = previous as usize;
                if distance[previous] + 1 == distance[node] {
                    delta[previous] += sigma[previous] / sigma[node] * (1.0 + delta[node]);
                }
            }
            if node != source as usize {
                score[node] += delta[node];
            }
        }
    }
    let scale = active.len() as f64 / sources.len().max(1) as f64 / 2.0;
    for value in &mut score {
        *value *= scale;
    }
    score
}

/// `k` distinct nodes of `active`, the same on every run (xorshift with a fixed seed).
fn sample(active: &[u32], k: usize) -> Vec<u32> {
    let mut pool = active.to_vec();
    let mut random = crate::synthetic::XorShift::new(0x5eed_cafe_f00d_d00d);
    for i in 0..k.min(pool.len()) {
        let j = i + random.below((pool.len() - i) as u64) as usize;
        pool.swap(i, j);
    }
    pool.truncate(k);
    pool.sort_unstable();
    pool
}

/// `PageRank` with damping 0.85 over the active nodes, iterated to a change below 1e-10.
fn pagerank(graph: &Simple, active: &[u32]) -> Vec<f64> {
    const DAMPING: f64 = 0.85;
    let n = graph.n();
    let mut rank = vec![0.0f64; n];
    if active.is_empty() {
        return rank;
    }
    let count = active.len() as f64;
    for &node in active {
        rank[node as usize] = 1.0 / count;
    }
    let mut next = vec![0.0f64; n];
    for _ in 0..200 {
        for &node in active {
            next[node as usize] = (1.0 - DAMPING) / count;
        }
        for &node in active {
            let node = node as usize;
            let share = DAMPING * rank[node] / graph.degree(node) as f64;
            for &target in &graph.targets[graph.range(node)] {
                next[target as usize] += share;
            }
        }
        let change: f64 = active.iter().map(|&node| (next[node as usize] - rank[node as usize]).abs()).sum();
        std::mem::swap(&mut rank, &mut next);
        if change < 1e-10 {
            break;
        }
    }
    rank
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::names::Names;
    use crate::project::Filter;
    use crate::tests::{facts_of, met};
    use crate::view::View;
    use geokg_model::{Meeting, Sourced};

    /// Two cliques of five (`A1`…`A5`, `B1`…`B5`) joined through a bridge `X` (`A1–X–B1`).
    pub(crate) fn barbell() -> View {
        let mut meetings: Vec<Sourced<Meeting>> = Vec::new();
        for side in ["A", "B"] {
            for i in 1..=5 {
                for j in i + 1..=5 {
                    meetings.push(met(&format!("{side}{i}"), &format!("{side}{j}"), "2020", "occurred", 1));
                }
            }
            meetings.push(met(&format!("{side}1"), "X", "2020", "occurred", 1));
        }
        // A parallel edge must not count twice.
        meetings.push(met("A1", "X", "2021", "occurred", 1));
        View::build(&facts_of(&meetings, &[], &[]))
    }

    fn rank(measure: Measure, betweenness: Betweenness) -> Centrality {
        let view = barbell();
        let names = Names::new(&view, []);
        Query::new(&view, &names, Filter::default()).central(&CentralOptions { measure, top: Some(3), betweenness })
    }

    fn rows(centrality: &Centrality) -> Vec<String> {
        centrality.rows.iter().map(|row| format!("{} {:.2}", row.node.label, row.score)).collect()
    }

    #[test]
    fn the_bridge_of_a_barbell_is_most_between_exactly_and_sampled() {
        let exact = rank(Measure::Betweenness, Betweenness::Auto);
        assert!(exact.exact);
        assert_eq!(exact.method, "exact (Brandes)");
        assert_eq!((exact.nodes, exact.edges), (11, 22));
        // X lies on all 5 × 5 paths between the cliques; A1 on those from A2…A5 to X and B.
        assert_eq!(rows(&exact), ["X 25.00", "A1 24.00", "B1 24.00"]);
        let sampled = rank(Measure::Betweenness, Betweenness::Sampled(6));
        assert!(!sampled.exact);
        assert_eq!(sampled.method, "sampled (Brandes–Pich) from 6 of 11 pivot sources");
        // Sampling keeps the three bridge nodes on top, though A1 (24) and X (25) may swap.
        let mut top: Vec<&str> = sampled.rows.iter().map(|r| r.node.label.as_str()).collect();
        top.sort_unstable();
        assert_eq!(top, ["A1", "B1", "X"], "{:?}", rows(&sampled));
        let x = sampled.rows.iter().find(|r| r.node.label == "X").unwrap().score;
        assert!((15.0..=35.0).contains(&x), "{x}");
        assert_eq!(rows(&sampled), rows(&rank(Measure::Betweenness, Betweenness::Sampled(6))));
        assert_eq!(rows(&rank(Measure::Betweenness, Betweenness::Exact)), rows(&exact));
    }

    #[test]
    fn degree_and_pagerank_rank_the_clique_ends_first() {
        assert_eq!(rows(&rank(Measure::Degree, Betweenness::Auto)), ["A1 5.00", "B1 5.00", "A2 4.00"]);
        let pagerank = rank(Measure::Pagerank, Betweenness::Auto);
        assert_eq!(pagerank.rows[0].node.label, "A1");
        assert_eq!(pagerank.rows[1].node.label, "B1");
        let view = barbell();
        let names = Names::new(&view, []);
        let all = Query::new(&view, &names, Filter::default())
            .central(&CentralOptions { measure: Measure::Pagerank, ..CentralOptions::default() });
        let total: f64 = all.rows.iter().map(|row| row.score).sum();
        assert!((total - 1.0).abs() < 1e-9, "{total}");
    }
}
