//! Relationship paths: the shortest chains of meetings, transfers and holdings between two
//! actors, each hop explained by the fact behind it, and the k shortest distinct chains (Yen's
//! algorithm).
//!
//! All costs are integers (a hop is 1000), so equal costs compare exactly. Among paths of equal
//! cost the one whose nodes come first in node order (label, then IRI) wins: the search finds
//! every node on some cheapest path (a bidirectional breadth-first search for hops, Dijkstra
//! from the start for weights), and the path is then walked from the start taking the first
//! such neighbour each time.

use crate::error::GraphError;
use crate::project::Projection;
use crate::questions::{Query, SourceRef};
use crate::view::{NodeRef, Relation, UNDATED};
use geokg_model::{PartialDate, Status, TransferCategory};
use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap};
use std::fmt;

/// The cost of one hop.
const HOP: u64 = 1000;
/// Under [`Weight::Recency`], a fact this many days older than the newest costs one hop more.
const RECENCY_DAYS: u64 = 5 * 365;
/// The age given to undated facts under [`Weight::Recency`].
const UNDATED_AGE_DAYS: u64 = 25 * 365;

/// What a path minimises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Weight {
    /// The number of hops.
    #[default]
    Hops,
    /// Hops, each made dearer by the age of its fact: five years older costs one hop more.
    /// Holdings cost one hop.
    Recency,
    /// Hops, each made dearer when few documents report it: `1 + 1/sources` hops.
    Sources,
}

impl Weight {
    /// Parses `hops`, `recency` or `sources`.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_lowercase().as_str() {
            "hops" => Some(Self::Hops),
            "recency" => Some(Self::Recency),
            "sources" => Some(Self::Sources),
            _ => None,
        }
    }
}

/// How to search for paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathOptions {
    /// The longest path, in hops.
    pub max_hops: usize,
    /// How many distinct paths, shortest first (0 counts as 1).
    pub k: usize,
    /// What a path minimises.
    pub weight: Weight,
}

impl Default for PathOptions {
    fn default() -> Self {
        Self { max_hops: 6, k: 1, weight: Weight::Hops }
    }
}

/// Which way a hop runs along its relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// From supplier to recipient, or from person to state.
    Forward,
    /// From recipient to supplier, or from state to person.
    Backward,
    /// Meetings have no direction.
    Undirected,
}

/// One step of a path and the fact behind it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Hop {
    /// Where the step starts.
    pub from: NodeRef,
    /// Where it ends.
    pub to: NodeRef,
    /// What relates them.
    pub relation: Relation,
    /// Which way the step runs along the relation.
    pub direction: Direction,
    /// The date of the fact (for a holding, the latest publication stating it).
    pub date: Option<PartialDate>,
    /// Where a meeting took place.
    pub place: Option<String>,
    /// What the sources claim (none for holdings).
    pub status: Option<Status>,
    /// What was transferred.
    pub item: Option<String>,
    /// The kind of goods transferred.
    pub category: Option<TransferCategory>,
    /// The office held ("President", "President (former)").
    pub role: Option<String>,
    /// The first sentence of each source.
    pub evidence: Vec<String>,
    /// The documents reporting the fact.
    pub sources: Vec<SourceRef>,
    /// How many other facts of the projection join the same two actors.
    pub parallel: usize,
}

/// A path from one actor to another.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Path {
    /// The cost in hops (fractional under recency or sources weights).
    pub cost: f64,
    /// Each step.
    pub hops: Vec<Hop>,
}

/// The answer to a path question.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Paths {
    /// The start.
    pub from: NodeRef,
    /// The end.
    pub to: NodeRef,
    /// What the paths minimise.
    pub weight: Weight,
    /// Up to k distinct paths, cheapest first; empty when none is within the hop limit.
    pub paths: Vec<Path>,
}

impl fmt::Display for Path {
    /// `Kim Jong Un —met (2023-09, Vladivostok)→ Vladimir Putin —leads→ Russia ←supplied drones
    /// (alleged)— Iran`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(first) = self.hops.first() else {
            return Ok(());
        };
        f.write_str(&first.from.label)?;
        for hop in &self.hops {
            let mut text = hop.relation.as_str().to_owned();
            if let Some(item) = &hop.item {
                text = format!("{text} {item}");
            }
            let mut details: Vec<String> = Vec::new();
            if hop.relation != Relation::Leads {
                details.extend(hop.date.map(|d| d.to_string()));
            }
            details.extend(hop.place.clone());
            details.extend(hop.status.filter(|s| *s != Status::Occurred).map(|s| s.to_string()));
            if !details.is_empty() {
                text = format!("{text} ({})", details.join(", "));
            }
            match hop.direction {
                Direction::Backward => write!(f, " ←{text}— {}", hop.to.label)?,
                _ => write!(f, " —{text}→ {}", hop.to.label)?,
            }
        }
        Ok(())
    }
}

/// Nodes and node pairs a search may not use (Yen's spur searches).
#[derive(Debug, Default)]
struct Banned {
    nodes: Vec<u32>,
    pairs: Vec<(u32, u32)>,
}

impl Banned {
    fn node(&self, node: u32) -> bool {
        self.nodes.contains(&node)
    }

    fn pair(&self, a: u32, b: u32) -> bool {
        self.pairs.iter().any(|&p| p == (a, b) || p == (b, a))
    }
}

/// Integer edge costs for one weight.
struct Costs<'p, 'v> {
    projection: &'p Projection<'v>,
    weight: Weight,
    newest: i32,
    /// The cost of every counting edge, computed once for weights other than hops, so that
    /// searches read one small table instead of the fact tables.
    table: Vec<u32>,
}

impl<'p, 'v> Costs<'p, 'v> {
    fn new(projection: &'p Projection<'v>, weight: Weight, newest: i32) -> Self {
        let mut costs = Self { projection, weight, newest, table: Vec::new() };
        if weight != Weight::Hops {
            costs.table = (0..projection.view.graph.raw_edges().len() as u32)
                .map(|edge| if projection.accepts(edge) { costs.compute(edge) as u32 } else { u32::MAX })
                .collect();
        }
        costs
    }
}

impl Costs<'_, '_> {
    fn edge(&self, edge: u32) -> u64 {
        match self.table.get(edge as usize) {
            Some(&cost) => u64::from(cost),
            None => HOP,
        }
    }

    fn compute(&self, edge: u32) -> u64 {
        let view = self.projection.view;
        let edge = view.edge(edge);
        match self.weight {
            Weight::Hops => HOP,
            Weight::Recency if edge.relation == Relation::Leads => HOP,
            Weight::Recency => {
                let day = self.projection.day(edge);
                let age = if day == UNDATED {
                    UNDATED_AGE_DAYS
                } else {
                    (i64::from(self.newest) - i64::from(day)).max(0) as u64
                };
                HOP + age * HOP / RECENCY_DAYS
            }
            Weight::Sources => {
                let n = match edge.relation {
                    Relation::Met => view.meetings[edge.fact as usize].sources.len(),
                    Relation::Supplied => view.transfers[edge.fact as usize].sources.len(),
                    Relation::Leads => view.leads[edge.fact as usize].sources.len(),
                };
                HOP + HOP / n.max(1) as u64
            }
        }
    }

    /// The cheapest edge cost between two adjacent nodes.
    fn pair(&self, a: u32, b: u32) -> u64 {
        let mut best = u64::MAX;
        self.projection.for_each(a, |next, edge| {
            if next == b {
                best = best.min(self.edge(edge));
            }
        });
        best
    }

    /// Distances from `source`, exact below the distance of `target` (or `bound`), where the
    /// search stops; further nodes may hold upper bounds.
    fn distances(&self, source: u32, target: u32, bound: u64, banned: &Banned) -> Vec<u64> {
        let mut distance = vec![u64::MAX; self.projection.n_nodes()];
        let mut heap = BinaryHeap::new();
        distance[source as usize] = 0;
        heap.push(Reverse((0u64, source)));
        while let Some(Reverse((d, node))) = heap.pop() {
            if d > distance[node as usize] {
                continue;
            }
            if d > bound || node == target {
                break;
            }
            self.projection.for_each(node, |next, edge| {
                if banned.node(next) || banned.pair(node, next) {
                    return;
                }
                let candidate = d + self.edge(edge);
                if candidate < distance[next as usize] {
                    distance[next as usize] = candidate;
                    heap.push(Reverse((candidate, next)));
                }
            });
        }
        distance
    }

    /// The cheapest path from `source` to `target` within `bound`, first in node order among
    /// equals.
    fn shortest(&self, source: u32, target: u32, bound: u64, banned: &Banned) -> Option<(u64, Vec<u32>)> {
        if banned.node(source) || banned.node(target) {
            return None;
        }
        if self.weight == Weight::Hops {
            let path = self.fewest_hops(source, target, (bound / HOP) as u32, banned)?;
            return Some(((path.len() as u64 - 1) * HOP, path));
        }
        self.cheapest(source, target, bound, banned)
    }

    /// The cheapest path by Dijkstra, first in node order among equals.
    fn cheapest(&self, source: u32, target: u32, bound: u64, banned: &Banned) -> Option<(u64, Vec<u32>)> {
        let from = self.distances(source, target, bound, banned);
        let total = from[target as usize];
        if total > bound {
            return None;
        }
        // An edge is tight when it lies on some cheapest path from the start. Marking back from
        // the end along tight edges finds every node on a cheapest path to the end, reading
        // only their edges. Distances below `total` are settled, so the test is exact.
        let tight = |node: u32, next: u32, edge: u32| {
            let (f, t) = (from[node as usize], from[next as usize]);
            f != u64::MAX && t != u64::MAX && f + self.edge(edge) == t
        };
        let mut marked = vec![false; self.projection.n_nodes()];
        marked[target as usize] = true;
        let mut stack = vec![target];
        while let Some(node) = stack.pop() {
            self.projection.for_each(node, |previous, edge| {
                if !marked[previous as usize]
                    && !banned.node(previous)
                    && !banned.pair(previous, node)
                    && tight(previous, node, edge)
                {
                    marked[previous as usize] = true;
                    stack.push(previous);
                }
            });
        }
        let mut path = vec![source];
        let mut node = source;
        while node != target {
            let mut chosen = None;
            self.projection.for_each(node, |next, edge| {
                if chosen.is_none()
                    && marked[next as usize]
                    && !banned.node(next)
                    && !banned.pair(node, next)
                    && tight(node, next, edge)
                {
                    chosen = Some(next);
                }
            });
            node = chosen?;
            path.push(node);
        }
        Some((total, path))
    }
}

impl Costs<'_, '_> {
    /// The path of fewest hops (at most `max_hops`), first in node order among equals.
    ///
    /// A bidirectional breadth-first search grows the smaller side a level at a time until the
    /// two touch, which on a dense graph reads a few thousand edges instead of all of them.
    /// The nodes of the start's side that lie on some shortest path are then marked back from
    /// where the sides touched, and the path is walked from the start through the first
    /// marked (then, on the end's side, the first nearer) neighbour.
    fn fewest_hops(&self, source: u32, target: u32, max_hops: u32, banned: &Banned) -> Option<Vec<u32>> {
        let projection = self.projection;
        let n = projection.n_nodes();
        let mut from = vec![u32::MAX; n];
        let mut to = vec![u32::MAX; n];
        from[source as usize] = 0;
        to[target as usize] = 0;
        let mut forward_levels: Vec<Vec<u32>> = vec![vec![source]];
        let mut backward = vec![target];
        let (mut forward_depth, mut backward_depth) = (0u32, 0u32);
        let total = loop {
            if source == target {
                break 0;
            }
            if forward_depth + backward_depth >= max_hops {
                return None;
            }
            let forward = forward_levels.last().map_or(&[][..], Vec::as_slice);
            let grow_forward = forward.len() <= backward.len();
            let (frontier, mine, other, depth) = if grow_forward {
                (forward, &mut from, &to, forward_depth)
            } else {
                (backward.as_slice(), &mut to, &from, backward_depth)
            };
            let mut next = Vec::new();
            let mut touched = false;
            for &node in frontier {
                projection.for_each(node, |neighbour, _| {
                    if mine[neighbour as usize] == u32::MAX && !banned.node(neighbour) && !banned.pair(node, neighbour)
                    {
                        mine[neighbour as usize] = depth + 1;
                        touched |= other[neighbour as usize] != u32::MAX;
                        next.push(neighbour);
                    }
                });
            }
            if next.is_empty() {
                return None;
            }
            if grow_forward {
                forward_depth += 1;
                forward_levels.push(next);
            } else {
                backward_depth += 1;
                backward = next;
            }
            if touched {
                break forward_depth + backward_depth;
            }
        };
        // Mark the start's side: the deepest forward level where the sides touch, then each
        // level's nodes adjacent to a marked node one level deeper.
        let mut marked = vec![false; n];
        let mut level: Vec<u32> = forward_levels[forward_depth as usize]
            .iter()
            .copied()
            .filter(|&node| to[node as usize] == total - forward_depth)
            .collect();
        for &node in &level {
            marked[node as usize] = true;
        }
        for depth in (0..forward_depth).rev() {
            let mut previous = Vec::new();
            for &node in &level {
                projection.for_each(node, |neighbour, _| {
                    if from[neighbour as usize] == depth && !marked[neighbour as usize] && !banned.pair(node, neighbour)
                    {
                        marked[neighbour as usize] = true;
                        previous.push(neighbour);
                    }
                });
            }
            level = previous;
        }
        let mut path = vec![source];
        let mut node = source;
        for step in 1..=total {
            let mut chosen = None;
            projection.for_each(node, |neighbour, _| {
                let on_path = if step <= forward_depth {
                    marked[neighbour as usize] && from[neighbour as usize] == step
                } else {
                    to[neighbour as usize] == total - step
                };
                if chosen.is_none() && on_path && !banned.node(neighbour) && !banned.pair(node, neighbour) {
                    chosen = Some(neighbour);
                }
            });
            node = chosen?;
            path.push(node);
        }
        Some(path)
    }
}

impl Query<'_> {
    /// The cheapest paths from `a` to `b`: up to `options.k` distinct ones of at most
    /// `options.max_hops` hops, cheapest first, ties in node order (label, then IRI).
    pub fn path(&self, a: &str, b: &str, options: &PathOptions) -> Result<Paths, GraphError> {
        let (source, target) = (self.node(a)?, self.node(b)?);
        let newest = if options.weight == Weight::Recency { self.newest_day() } else { 0 };
        let costs = Costs::new(&self.projection, options.weight, newest);
        let found = if source == target { Vec::new() } else { k_shortest(&costs, source, target, options) };
        Ok(Paths {
            from: self.view.node_ref(source),
            to: self.view.node_ref(target),
            weight: options.weight,
            paths: found
                .into_iter()
                .map(|(cost, nodes)| Path {
                    cost: cost as f64 / HOP as f64,
                    hops: nodes.windows(2).map(|pair| self.hop(&costs, pair[0], pair[1])).collect(),
                })
                .collect(),
        })
    }

    fn newest_day(&self) -> i32 {
        let view = self.view;
        let meetings = view.meetings.iter().filter(|m| m.kind.is_meeting()).map(|m| m.hi);
        let transfers = view.transfers.iter().map(|t| t.hi);
        meetings.chain(transfers).max().unwrap_or(0)
    }

    /// Explains the step from `a` to `b` by its cheapest fact; among equals the newest, then
    /// the best sourced.
    fn hop(&self, costs: &Costs<'_, '_>, a: u32, b: u32) -> Hop {
        let view = self.view;
        let mut edges: Vec<u32> = Vec::new();
        self.projection.for_each(a, |next, edge| {
            if next == b {
                edges.push(edge);
            }
        });
        let best = edges
            .iter()
            .copied()
            .min_by_key(|&edge| {
                let e = view.edge(edge);
                let n_sources = match e.relation {
                    Relation::Met => view.meetings[e.fact as usize].sources.len(),
                    Relation::Supplied => view.transfers[e.fact as usize].sources.len(),
                    Relation::Leads => view.leads[e.fact as usize].sources.len(),
                };
                (costs.edge(edge), Reverse(self.projection.day(e)), Reverse(n_sources), e.relation, edge)
            })
            .unwrap_or_default();
        let edge = view.edge(best);
        let direction = match edge.relation {
            Relation::Met => Direction::Undirected,
            _ if self.projection.ends(best).0 == a => Direction::Forward,
            _ => Direction::Backward,
        };
        let mut hop = Hop {
            from: view.node_ref(a),
            to: view.node_ref(b),
            relation: edge.relation,
            direction,
            date: self.date(edge.relation, edge.fact),
            place: None,
            status: None,
            item: None,
            category: None,
            role: None,
            evidence: Vec::new(),
            sources: Vec::new(),
            parallel: edges.len().saturating_sub(1),
        };
        let sources = match edge.relation {
            Relation::Met => {
                let meeting = view.meetings[edge.fact as usize];
                hop.place = self.place(meeting.place);
                hop.status = Some(meeting.status);
                meeting.sources
            }
            Relation::Supplied => {
                let transfer = view.transfers[edge.fact as usize];
                hop.status = Some(transfer.status);
                hop.item = Some(view.str(transfer.item).to_owned());
                hop.category = Some(transfer.category);
                transfer.sources
            }
            Relation::Leads => {
                let lead = view.leads[edge.fact as usize];
                let role = view.str(lead.role);
                hop.role = Some(if lead.former { format!("{role} (former)") } else { role.to_owned() });
                lead.sources
            }
        };
        hop.evidence = self.first_sentences(sources);
        hop.sources = self.sources(sources);
        hop
    }
}

/// Yen's k shortest loopless paths, within the hop limit.
fn k_shortest(costs: &Costs<'_, '_>, source: u32, target: u32, options: &PathOptions) -> Vec<(u64, Vec<u32>)> {
    let bound = match costs.weight {
        Weight::Hops => options.max_hops as u64 * HOP,
        _ => u64::MAX - 1,
    };
    let within = |path: &[u32]| path.len() <= options.max_hops + 1;
    let mut found: Vec<(u64, Vec<u32>)> = Vec::new();
    match costs.shortest(source, target, bound, &Banned::default()) {
        Some(first) if within(&first.1) => found.push(first),
        _ => return found,
    }
    let mut candidates: BTreeSet<(u64, Vec<u32>)> = BTreeSet::new();
    while found.len() < options.k.max(1) {
        let previous = found[found.len() - 1].1.clone();
        let mut root_cost = 0;
        for i in 0..previous.len() - 1 {
            let spur = previous[i];
            let root = &previous[..=i];
            let mut banned = Banned { nodes: root[..i].to_vec(), pairs: Vec::new() };
            for (_, path) in &found {
                if path.len() > i + 1 && &path[..=i] == root {
                    banned.pairs.push((path[i], path[i + 1]));
                }
            }
            if let Some((cost, spur_path)) = costs.shortest(spur, target, bound.saturating_sub(root_cost), &banned) {
                let mut path = root[..i].to_vec();
                path.extend(spur_path);
                if within(&path) && !found.iter().any(|(_, p)| *p == path) {
                    candidates.insert((root_cost + cost, path));
                }
            }
            root_cost += costs.pair(previous[i], previous[i + 1]);
        }
        let Some(next) = candidates.pop_first() else {
            break;
        };
        found.push(next);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::Names;
    use crate::project::{Filter, Relations, StatusSet};
    use crate::tests::{facts_of, leads, meet, met, supplied};
    use crate::view::View;

    fn paths(view: &View, filter: Filter, a: &str, b: &str, options: PathOptions) -> Vec<String> {
        let names = Names::new(view, []);
        let query = Query::new(view, &names, filter);
        query.path(a, b, &options).unwrap().paths.iter().map(|path| format!("{} = {}", path.cost, path)).collect()
    }

    fn diamond() -> View {
        View::build(&facts_of(
            &[
                met("Anna", "Bert", "2024-01", "occurred", 1),
                met("Bert", "Dora", "2024-01", "occurred", 1),
                met("Anna", "Carl", "2024-01", "occurred", 5),
                met("Carl", "Dora", "2024-01", "occurred", 5),
                met("Anna", "Dora", "2001-01", "occurred", 1),
                met("Anna", "Emil", "2024-01", "occurred", 1),
                met("Emil", "Finn", "2024-01", "occurred", 1),
                met("Finn", "Dora", "2024-01", "occurred", 1),
            ],
            &[],
            &[],
        ))
    }

    fn options(k: usize, weight: Weight) -> PathOptions {
        PathOptions { k, weight, ..PathOptions::default() }
    }

    #[test]
    fn each_hop_is_explained_by_its_fact() {
        let view = View::build(&facts_of(
            &[meet("Kim Jong Un+Vladimir Putin+@Vladivostok", "2023-09", "occurred", 1)],
            &[supplied("Iran", "Russia", "drones", "", "alleged", 1)],
            &[leads("Vladimir Putin", "Russia", "2023-09", false)],
        ));
        let any = Filter::default().with_statuses(StatusSet::any());
        assert_eq!(
            paths(&view, any, "Kim", "Iran", PathOptions::default()),
            [
                "3 = Kim Jong Un —met (2023-09, Vladivostok)→ Vladimir Putin —leads→ Russia ←supplied drones (alleged)— Iran"
            ]
        );
        // Occurred only: the alleged transfer does not count.
        assert!(paths(&view, Filter::default(), "Kim", "Iran", PathOptions::default()).is_empty());
        let names = Names::new(&view, []);
        let query = Query::new(&view, &names, any);
        let hops = &query.path("Kim", "Iran", &PathOptions::default()).unwrap().paths[0].hops;
        assert_eq!(hops[1].role.as_deref(), Some("President"));
        assert_eq!(hops[2].direction, Direction::Backward);
        assert_eq!(hops[2].evidence, ["Iran supplied drones to Russia."]);
        assert_eq!(hops[2].sources[0].document, "doc-Iran-Russia--0");
    }

    #[test]
    fn k_shortest_paths_come_cheapest_first_with_ties_by_label() {
        let view = diamond();
        assert_eq!(
            paths(&view, Filter::default(), "Anna", "Dora", options(4, Weight::Hops)),
            [
                "1 = Anna —met (2001-01)→ Dora",
                "2 = Anna —met (2024-01)→ Bert —met (2024-01)→ Dora",
                "2 = Anna —met (2024-01)→ Carl —met (2024-01)→ Dora",
                "3 = Anna —met (2024-01)→ Emil —met (2024-01)→ Finn —met (2024-01)→ Dora",
            ]
        );
        assert_eq!(paths(&view, Filter::default(), "Anna", "Dora", options(9, Weight::Hops)).len(), 4);
        assert_eq!(paths(&view, Filter::default(), "Dora", "Dora", options(1, Weight::Hops)).len(), 0);
    }

    #[test]
    fn filters_and_hop_limits_bound_paths() {
        let view = diamond();
        let since = Filter::default().with_since("2020".parse().ok());
        assert_eq!(
            paths(&view, since, "Anna", "Dora", options(1, Weight::Hops)),
            ["2 = Anna —met (2024-01)→ Bert —met (2024-01)→ Dora"]
        );
        let limited = PathOptions { max_hops: 2, k: 5, weight: Weight::Hops };
        assert_eq!(paths(&view, since, "Anna", "Dora", limited).len(), 2);
        let supplied_only = Filter::default().with_via(Relations::of([Relation::Supplied]));
        assert!(paths(&view, supplied_only, "Anna", "Dora", options(1, Weight::Hops)).is_empty());
        let sourced = Filter::default().with_min_sources(2);
        assert_eq!(
            paths(&view, sourced, "Anna", "Dora", options(3, Weight::Hops)),
            ["2 = Anna —met (2024-01)→ Carl —met (2024-01)→ Dora"]
        );
    }

    #[test]
    fn weights_prefer_recent_or_well_sourced_hops() {
        let view = diamond();
        assert_eq!(
            paths(&view, Filter::default(), "Anna", "Dora", options(1, Weight::Recency)),
            ["2 = Anna —met (2024-01)→ Bert —met (2024-01)→ Dora"]
        );
        assert_eq!(
            paths(&view, Filter::default(), "Anna", "Dora", options(2, Weight::Sources)),
            ["2 = Anna —met (2001-01)→ Dora", "2.4 = Anna —met (2024-01)→ Carl —met (2024-01)→ Dora"]
        );
    }

    #[test]
    fn the_bidirectional_search_finds_what_dijkstra_finds() {
        let view = View::build(&crate::synthetic::facts(300, 1500, 200, 5, 3));
        let names = Names::new(&view, []);
        let query = Query::new(&view, &names, Filter::default().with_statuses(StatusSet::any()));
        let costs = Costs::new(&query.projection, Weight::Hops, 0);
        let mut random = crate::synthetic::XorShift::new(5);
        let n = view.n_nodes() as u64;
        for _ in 0..300 {
            let (a, b) = (random.below(n) as u32, random.below(n) as u32);
            let banned = Banned {
                nodes: vec![random.below(n) as u32],
                pairs: vec![(random.below(n) as u32, random.below(n) as u32)],
            };
            let bound = 4 * HOP;
            assert_eq!(costs.shortest(a, b, bound, &banned), costs.cheapest(a, b, bound, &banned), "{a} {b}");
        }
    }

    #[test]
    fn paths_serialise_with_every_hop_explained() {
        let view = View::build(&facts_of(&[meet("Anna+Bert+@Oslo", "2024-01", "occurred", 1)], &[], &[]));
        let names = Names::new(&view, []);
        let query = Query::new(&view, &names, Filter::default());
        let paths = query.path("Anna", "Bert", &PathOptions::default()).unwrap();
        let json = serde_json::to_value(&paths).unwrap();
        let hop = &json["paths"][0]["hops"][0];
        assert_eq!(json["weight"], "hops");
        assert_eq!(json["paths"][0]["cost"], 1.0);
        assert_eq!(hop["from"]["label"], "Anna");
        assert_eq!(hop["from"]["kind"], "person");
        assert_eq!(hop["relation"], "met");
        assert_eq!(hop["direction"], "undirected");
        assert_eq!(hop["date"], "2024-01");
        assert_eq!(hop["place"], "Oslo");
        assert_eq!(hop["status"], "occurred");
        assert_eq!(hop["evidence"][0], "Anna+Bert+@Oslo met (2024-01).");
        assert_eq!(hop["sources"][0]["published"], "2024-01");
        assert_eq!(hop["parallel"], 0);
    }

    #[test]
    fn names_that_do_not_resolve_are_errors() {
        let view = diamond();
        let names = Names::new(&view, []);
        let query = Query::new(&view, &names, Filter::default());
        let error = query.path("Anna", "Dorra", &PathOptions::default()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "no actor named \"Dorra\"; did you mean Dora (https://w3id.org/geokg/id/person/dora)?"
        );
    }
}
