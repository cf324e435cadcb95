//! Communities: groups of actors that meet or trade mostly among themselves, found by the
//! Louvain method (Blondel et al. 2008) on the collapsed projection, edges weighted by the
//! number of facts joining two actors.
//!
//! Louvain is made deterministic here: nodes are visited in node order (label, then IRI), a node
//! moves only for a strictly better modularity gain, and among equal gains the community with
//! the smallest number wins. No randomness, so the same view gives the same groups.

use crate::centrality::Simple;
use crate::questions::Query;
use crate::view::NodeRef;

/// The communities of the projection.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Communities {
    /// The algorithm ("louvain").
    pub algorithm: String,
    /// The modularity of the partition (between -0.5 and 1).
    pub modularity: f64,
    /// The groups, largest first (ties by their first member).
    pub groups: Vec<Community>,
}

/// One group of actors.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Community {
    /// Its number, 1 for the largest.
    pub id: usize,
    /// The actors, by label.
    pub members: Vec<NodeRef>,
    /// Facts joining two members.
    pub internal: u64,
    /// Facts joining a member to an outsider.
    pub external: u64,
}

/// A weighted graph for Louvain: both directions listed, a self-loop entry holding twice the
/// weight inside an aggregated node.
struct Level {
    offsets: Vec<usize>,
    targets: Vec<u32>,
    weights: Vec<f64>,
}

impl Level {
    fn n(&self) -> usize {
        self.offsets.len() - 1
    }

    fn range(&self, node: usize) -> std::ops::Range<usize> {
        self.offsets[node]..self.offsets[node + 1]
    }
}

impl Query<'_> {
    /// Partitions the actors with at least one counting edge into communities.
    #[must_use]
    pub fn communities(&self) -> Communities {
        let graph = Simple::new(&self.projection);
        let active = graph.active();
        let mut position = vec![u32::MAX; graph.n()];
        for (i, &node) in active.iter().enumerate() {
            position[node as usize] = i as u32;
        }
        let mut offsets = vec![0usize];
        let mut targets = Vec::with_capacity(graph.targets.len());
        let mut weights = Vec::with_capacity(graph.targets.len());
        for &node in &active {
            for i in graph.range(node as usize) {
                targets.push(position[graph.targets[i] as usize]);
                weights.push(f64::from(graph.weights[i]));
            }
            offsets.push(targets.len());
        }
        let level = Level { offsets, targets, weights };
        let community = louvain(&level);
        let modularity = modularity(&level, &community);

        let n_groups = community.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
        let mut members: Vec<Vec<u32>> = vec![Vec::new(); n_groups];
        let mut internal = vec![0u64; n_groups];
        let mut external = vec![0u64; n_groups];
        for (i, &c) in community.iter().enumerate() {
            members[c as usize].push(active[i]);
            for j in level.range(i) {
                let weight = level.weights[j] as u64;
                if community[level.targets[j] as usize] == c {
                    internal[c as usize] += weight;
                } else {
                    external[c as usize] += weight;
                }
            }
        }
        let mut groups: Vec<(Vec<u32>, u64, u64)> = members
            .into_iter()
            .zip(internal)
            .zip(external)
            .map(|((members, internal), external)| (members, internal / 2, external))
            .filter(|(members, _, _)| !members.is_empty())
            .collect();
        groups.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0[0].cmp(&b.0[0])));
        Communities {
            algorithm: "louvain".to_owned(),
            modularity,
            groups: groups
                .into_iter()
                .enumerate()
                .map(|(i, (members, internal, external))| Community {
                    id: i + 1,
                    members: members.into_iter().map(|m| self.view.node_ref(m)).collect(),
                    internal,
                    external,
                })
                .collect(),
        }
    }
}

/// The community of each node, numbered by first member.
fn louvain(graph: &Level) -> Vec<u32> {
    let mut membership: Vec<u32> = (0..graph.n() as u32).collect();
    let mut level_owned: Option<Level> = None;
    loop {
        let level = level_owned.as_ref().unwrap_or(graph);
        let (community, moved) = local_moves(level);
        if !moved {
            break;
        }
        for c in &mut membership {
            *c = community[*c as usize];
        }
        let next = aggregate(level, &community);
        if next.n() == level.n() {
            break;
        }
        level_owned = Some(next);
    }
    membership
}

/// Moves nodes to the neighbouring community with the best modularity gain until none moves;
/// returns communities renumbered 0.. by first node, and whether anything moved.
fn local_moves(level: &Level) -> (Vec<u32>, bool) {
    let n = level.n();
    let degree: Vec<f64> = (0..n).map(|node| level.range(node).map(|i| level.weights[i]).sum()).collect();
    let total: f64 = degree.iter().sum();
    let mut community: Vec<u32> = (0..n as u32).collect();
    if total == 0.0 {
        return (community, false);
    }
    let mut tot = degree.clone();
    let mut link = vec![0.0f64; n];
    let mut touched: Vec<u32> = Vec::new();
    let mut moved_any = false;
    for _ in 0..100 {
        let mut moved = false;
        for node in 0..n {
            touched.clear();
            for i in level.range(node) {
                let next = level.targets[i] as usize;
                if next == node {
                    continue;
                }
                let c = community[next];
                if link[c as usize] == 0.0 {
                    touched.push(c);
                }
                link[c as usize] += level.weights[i];
            }
            let current = community[node];
            tot[current as usize] -= degree[node];
            let gain = |c: u32, link: &[f64]| link[c as usize] - tot[c as usize] * degree[node] / total;
            let mut best = current;
            let mut best_gain = gain(current, &link);
            touched.sort_unstable();
            for &c in &touched {
                let g = gain(c, &link);
                if g > best_gain + 1e-12 {
                    best = c;
                    best_gain = g;
                }
            }
            tot[best as usize] += degree[node];
            for &c in &touched {
                link[c as usize] = 0.0;
            }
            if best != current {
                community[node] = best;
                moved = true;
                moved_any = true;
            }
        }
        if !moved {
            break;
        }
    }
    let mut number = vec![u32::MAX; n];
    let mut next = 0;
    for c in &mut community {
        if number[*c as usize] == u32::MAX {
            number[*c as usize] = next;
            next += 1;
        }
        *c = number[*c as usize];
    }
    (community, moved_any)
}

/// One node per community, the weights between communities summed.
fn aggregate(level: &Level, community: &[u32]) -> Level {
    let n = community.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
    let mut links: Vec<(u32, u32, f64)> = Vec::new();
    for node in 0..level.n() {
        for i in level.range(node) {
            let target = level.targets[i] as usize;
            links.push((community[node], community[target], level.weights[i]));
        }
    }
    links.sort_unstable_by_key(|l| (l.0, l.1));
    let mut offsets = vec![0usize; n + 1];
    let mut targets = Vec::new();
    let mut weights: Vec<f64> = Vec::new();
    for group in links.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
        targets.push(group[0].1);
        weights.push(group.iter().map(|l| l.2).sum());
        offsets[group[0].0 as usize + 1] += 1;
    }
    for i in 0..n {
        offsets[i + 1] += offsets[i];
    }
    Level { offsets, targets, weights }
}

/// Newman's modularity of a partition.
fn modularity(level: &Level, community: &[u32]) -> f64 {
    let n_groups = community.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
    let mut inside = vec![0.0f64; n_groups];
    let mut tot = vec![0.0f64; n_groups];
    let mut total = 0.0;
    for node in 0..level.n() {
        for i in level.range(node) {
            let c = community[node] as usize;
            tot[c] += level.weights[i];
            total += level.weights[i];
            if community[level.targets[i] as usize] as usize == c {
                inside[c] += level.weights[i];
            }
        }
    }
    if total == 0.0 {
        return 0.0;
    }
    inside.iter().zip(&tot).map(|(inside, tot)| inside / total - (tot / total).powi(2)).sum()
}

#[cfg(test)]
mod tests {
    use crate::centrality::tests::barbell;
    use crate::names::Names;
    use crate::project::Filter;
    use crate::questions::Query;

    #[test]
    fn two_cliques_joined_by_a_bridge_are_two_communities() {
        let view = barbell();
        let names = Names::new(&view, []);
        let communities = Query::new(&view, &names, Filter::default()).communities();
        assert_eq!(communities.algorithm, "louvain");
        let groups: Vec<String> = communities
            .groups
            .iter()
            .map(|g| {
                let labels: Vec<&str> = g.members.iter().map(|m| m.label.as_str()).collect();
                format!("{}: {} ({} in, {} out)", g.id, labels.join(" "), g.internal, g.external)
            })
            .collect();
        assert_eq!(groups, ["1: A1 A2 A3 A4 A5 X (12 in, 1 out)", "2: B1 B2 B3 B4 B5 (10 in, 1 out)"]);
        assert!(communities.modularity > 0.4, "{}", communities.modularity);
    }
}
