//! The filtered graph as plain data, for drawing: actors with their degree, and one edge per fact
//! (a meeting per pair, a transfer, an office holding) with its date, status, place or item and
//! its sources with their evidence sentences.
//!
//! A picture of thousands of actors helps no one, so [`Query::subgraph`] keeps at most `limit`
//! actors — the best connected, or around a centre the nearest — and says how many it left out.

use crate::error::GraphError;
use crate::questions::{Query, SourceRef};
use crate::view::{Edge, NodeRef, Relation, UNDATED, day_range};
use geokg_model::{PartialDate, Status, TransferCategory};

/// The most actors a picture shows unless told otherwise.
pub const DEFAULT_LIMIT: usize = 500;

/// A drawable part of the graph: what [`Query::subgraph`] returns.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Subgraph {
    /// The actors, by label then IRI (around a centre: by distance, then label).
    pub nodes: Vec<SubNode>,
    /// One entry per fact and pair, ordered by relation, ends and date.
    pub edges: Vec<SubEdge>,
    /// The index in `nodes` of the actor at the centre, for an ego network.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub center: Option<usize>,
    /// Whether persons stand for the states they led.
    pub as_states: bool,
    /// What the limit cut.
    pub left_out: LeftOut,
}

/// An actor of a [`Subgraph`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SubNode {
    /// IRI, label, kind and Wikidata id.
    #[serde(flatten)]
    pub node: NodeRef,
    /// The number of edges of the subgraph at this actor.
    pub degree: usize,
    /// Hops from the centre, for an ego network.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distance: Option<usize>,
}

/// One fact between two actors of a [`Subgraph`].
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SubEdge {
    /// `met`, `supplied` or `leads`.
    pub relation: Relation,
    /// The index in `nodes` of the supplier, the person holding office, or the first participant.
    pub from: usize,
    /// The index in `nodes` of the recipient, the state, or the other participant.
    pub to: usize,
    /// `meeting`, `visit`, `summit`, `talks`, `transfer` or `office`.
    pub kind: String,
    /// When it happened; for an office holding, the latest publication stating it.
    pub date: Option<PartialDate>,
    /// The first day `date` can denote (for a holding: the earliest publication stating it).
    pub start: Option<PartialDate>,
    /// The last day `date` can denote.
    pub end: Option<PartialDate>,
    /// What the sources claim; office holdings have no status.
    pub status: Option<Status>,
    /// Where a meeting took place, by label.
    pub place: Option<String>,
    /// What was transferred.
    pub item: Option<String>,
    /// The kind of goods transferred.
    pub category: Option<TransferCategory>,
    /// The office held (`President`), with `former` when the sources say it was held before.
    pub role: Option<String>,
    /// Whether the holding is reported as past.
    pub former: bool,
    /// The documents that report it, with their sentences.
    pub sources: Vec<SourceRef>,
}

/// How much of the filtered graph a [`Subgraph`] leaves out because of its limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct LeftOut {
    /// Actors left out.
    pub nodes: usize,
    /// Facts left out with them.
    pub edges: usize,
    /// The limit that cut them.
    pub limit: usize,
}

impl Query<'_> {
    /// The filtered graph as plain data: every actor with a counting fact (around a centre:
    /// every actor within the hops, the centre always) and every counting fact among them.
    ///
    /// Beyond `limit` actors, the ones with the most facts are kept (around a centre: the
    /// nearest, then the ones with the most facts), ties going to the first by label and IRI;
    /// [`Subgraph::left_out`] counts the rest.
    ///
    /// ```
    /// # use geokg_graph::{Filter, Names, Query, View, synthetic};
    /// let view = View::build(&synthetic::facts(40, 400, 50, 5, 3));
    /// let names = Names::new(&view, []);
    /// let query = Query::new(&view, &names, Filter::default());
    /// let subgraph = query.subgraph(None, 10).unwrap();
    /// assert_eq!(subgraph.nodes.len(), 10);
    /// assert!(subgraph.left_out.nodes > 0);
    /// ```
    pub fn subgraph(&self, around: Option<(&str, usize)>, limit: usize) -> Result<Subgraph, GraphError> {
        let n = self.projection.n_nodes();
        // Every counting fact once, `met` with its ends in node order.
        let mut links: Vec<(u32, u32, Relation, u32)> = self
            .projection
            .edges()
            .map(|(a, b, edge)| {
                let Edge { relation, fact } = self.view.edge(edge);
                if relation == Relation::Met { (a.min(b), a.max(b), relation, fact) } else { (a, b, relation, fact) }
            })
            .collect();
        links.sort_unstable();
        links.dedup();

        let distance = match around {
            Some((name, hops)) => Some(self.distances(self.node(name)?, hops)),
            None => None,
        };
        let within = |node: u32| distance.as_ref().is_none_or(|d| d[node as usize] != usize::MAX);
        links.retain(|&(a, b, _, _)| within(a) && within(b));

        let mut degree = vec![0usize; n];
        for &(a, b, _, _) in &links {
            degree[a as usize] += 1;
            degree[b as usize] += 1;
        }
        let mut candidates: Vec<u32> = (0..n as u32)
            .filter(|&node| match &distance {
                Some(d) => d[node as usize] != usize::MAX,
                None => degree[node as usize] > 0,
            })
            .collect();
        let reach = |node: u32| distance.as_ref().map_or(0, |d| d[node as usize]);
        candidates.sort_by_key(|&node| (reach(node), std::cmp::Reverse(degree[node as usize]), node));
        let n_candidates = candidates.len();
        candidates.truncate(limit);
        let mut kept = vec![false; n];
        for &node in &candidates {
            kept[node as usize] = true;
        }
        let n_links = links.len();
        links.retain(|&(a, b, _, _)| kept[a as usize] && kept[b as usize]);

        // Output order: by distance (around a centre), then label and IRI.
        candidates.sort_by_key(|&node| (reach(node), node));
        let mut position = vec![usize::MAX; n];
        for (i, &node) in candidates.iter().enumerate() {
            position[node as usize] = i;
        }
        let mut sub_degree = vec![0usize; candidates.len()];
        for &(a, b, _, _) in &links {
            sub_degree[position[a as usize]] += 1;
            sub_degree[position[b as usize]] += 1;
        }
        links.sort_by_key(|&(a, b, relation, fact)| {
            (relation, position[a as usize], position[b as usize], self.start_key(relation, fact), fact)
        });
        let center = around.and(candidates.first().map(|_| 0));
        let left_out = LeftOut { nodes: n_candidates - candidates.len(), edges: n_links - links.len(), limit };
        Ok(Subgraph {
            nodes: candidates
                .iter()
                .enumerate()
                .map(|(i, &node)| SubNode {
                    node: self.view.node_ref(node),
                    degree: sub_degree[i],
                    distance: distance.as_ref().map(|d| d[node as usize]),
                })
                .collect(),
            edges: links
                .into_iter()
                .map(|(a, b, relation, fact)| self.sub_edge(position[a as usize], position[b as usize], relation, fact))
                .collect(),
            center,
            as_states: self.filter.as_states,
            left_out,
        })
    }

    /// Hops from `center` over counting edges, `usize::MAX` beyond `hops`.
    fn distances(&self, center: u32, hops: usize) -> Vec<usize> {
        let mut distance = vec![usize::MAX; self.projection.n_nodes()];
        distance[center as usize] = 0;
        let mut order = vec![center];
        let mut at = 0;
        while at < order.len() {
            let node = order[at];
            at += 1;
            let d = distance[node as usize];
            if d == hops {
                continue;
            }
            self.projection.for_each(node, |next, _| {
                if distance[next as usize] == usize::MAX {
                    distance[next as usize] = d + 1;
                    order.push(next);
                }
            });
        }
        distance
    }

    /// Sorts undated facts last.
    fn start_key(&self, relation: Relation, fact: u32) -> (bool, i32) {
        let lo = day_range(self.date(relation, fact)).0;
        (lo == UNDATED, lo)
    }

    fn sub_edge(&self, from: usize, to: usize, relation: Relation, fact: u32) -> SubEdge {
        let view = self.view;
        let span = |date: Option<PartialDate>| {
            let (lo, hi) = day_range(date);
            (lo != UNDATED).then(|| (PartialDate::from_days(lo.into()), PartialDate::from_days(hi.into())))
        };
        let kind = match relation {
            Relation::Met => view.meetings[fact as usize].kind.as_str(),
            Relation::Supplied => "transfer",
            Relation::Leads => "office",
        };
        let mut edge = SubEdge {
            relation,
            from,
            to,
            kind: kind.to_owned(),
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
        match relation {
            Relation::Met => {
                let meeting = view.meetings[fact as usize];
                edge.date = meeting.date;
                (edge.start, edge.end) = span(meeting.date).unzip();
                edge.status = Some(meeting.status);
                edge.place = self.place(meeting.place);
                edge.sources = self.sources(meeting.sources);
            }
            Relation::Supplied => {
                let transfer = view.transfers[fact as usize];
                edge.date = transfer.date;
                (edge.start, edge.end) = span(transfer.date).unzip();
                edge.status = Some(transfer.status);
                edge.item = Some(view.str(transfer.item).to_owned());
                edge.category = Some(transfer.category);
                edge.sources = self.sources(transfer.sources);
            }
            Relation::Leads => {
                let lead = view.leads[fact as usize];
                edge.date = lead.last;
                edge.start = span(lead.first).map(|(lo, _)| lo);
                edge.end = span(lead.last).map(|(_, hi)| hi);
                edge.role = Some(view.str(lead.role).to_owned());
                edge.former = lead.former;
                edge.sources = self.sources(lead.sources);
            }
        }
        edge
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::{Filter, StatusSet};
    use crate::tests::{facts_of, leads, meet, met, supplied};
    use crate::{Names, View};

    fn view() -> View {
        View::build(&facts_of(
            &[
                meet("Vladimir Putin+Kim Jong Un+@Vladivostok", "2023-09-13", "occurred", 2),
                met("Vladimir Putin", "Kim Jong Un", "2025", "planned", 1),
                met("Vladimir Putin", "Xi Jinping", "2023-03", "occurred", 3),
                met("Kim Jong Un", "Moon Jae-in", "2018-04", "occurred", 1),
                met("Moon Jae-in", "Donald Trump", "2019-06", "occurred", 1),
            ],
            &[supplied("North Korea", "Russia", "artillery shells", "2023-10", "alleged", 2)],
            &[
                leads("Vladimir Putin", "Russia", "2023-09,2024-06", false),
                leads("Kim Jong Un", "North Korea", "2023-09", false),
            ],
        ))
    }

    fn ask(filter: Filter, around: Option<(&str, usize)>, limit: usize) -> Subgraph {
        let view = view();
        let names = Names::new(&view, []);
        Query::new(&view, &names, filter).subgraph(around, limit).unwrap()
    }

    fn edges(subgraph: &Subgraph) -> Vec<String> {
        subgraph
            .edges
            .iter()
            .map(|e| {
                let date = e.date.map(|d| d.to_string()).unwrap_or_default();
                let (from, to) = (&subgraph.nodes[e.from].node.label, &subgraph.nodes[e.to].node.label);
                format!("{from} {} {to} {date}", e.relation.as_str())
            })
            .collect()
    }

    fn labels(subgraph: &Subgraph) -> Vec<String> {
        subgraph.nodes.iter().map(|n| format!("{} {}", n.node.label, n.degree)).collect()
    }

    #[test]
    fn every_counting_fact_is_an_edge_with_its_sources() {
        let any = Filter::default().with_statuses(StatusSet::any());
        let subgraph = ask(any, None, DEFAULT_LIMIT);
        assert_eq!(
            labels(&subgraph),
            [
                "Donald Trump 1",
                "Kim Jong Un 4",
                "Moon Jae-in 2",
                "North Korea 2",
                "Russia 2",
                "Vladimir Putin 4",
                "Xi Jinping 1"
            ]
        );
        assert_eq!(
            edges(&subgraph),
            [
                "Donald Trump met Moon Jae-in 2019-06",
                "Kim Jong Un met Moon Jae-in 2018-04",
                "Kim Jong Un met Vladimir Putin 2023-09-13",
                "Kim Jong Un met Vladimir Putin 2025",
                "Vladimir Putin met Xi Jinping 2023-03",
                "North Korea supplied Russia 2023-10",
                "Kim Jong Un leads North Korea 2023-09",
                "Vladimir Putin leads Russia 2024-06",
            ]
        );
        let vladivostok = &subgraph.edges[2];
        assert_eq!(vladivostok.place.as_deref(), Some("Vladivostok"));
        assert_eq!(vladivostok.status, Some(Status::Occurred));
        assert_eq!(vladivostok.sources.len(), 2);
        assert_eq!(vladivostok.sources[0].evidence, ["Vladimir Putin+Kim Jong Un+@Vladivostok met (2023-09-13)."]);
        let year = &subgraph.edges[3];
        assert_eq!(
            (year.start.unwrap().to_string(), year.end.unwrap().to_string()),
            ("2025-01-01".into(), "2025-12-31".into())
        );
        let shells = &subgraph.edges[5];
        assert_eq!(
            (shells.item.as_deref(), shells.category),
            (Some("artillery shells"), Some(TransferCategory::Weapons))
        );
        let putin = &subgraph.edges[7];
        assert_eq!((putin.role.as_deref(), putin.status, putin.former), (Some("President"), None, false));
        assert_eq!(
            (putin.start.unwrap().to_string(), putin.end.unwrap().to_string()),
            ("2023-09-01".into(), "2024-06-30".into())
        );
        assert_eq!(subgraph.left_out, LeftOut { nodes: 0, edges: 0, limit: DEFAULT_LIMIT });
    }

    #[test]
    fn filters_apply_and_actors_without_facts_drop_out() {
        let subgraph = ask(Filter::default(), None, DEFAULT_LIMIT);
        // The transfer is alleged and the 2025 meeting planned: neither counts by default.
        assert_eq!(edges(&subgraph).len(), 6);
        let since = ask(Filter::default().with_since("2023".parse().ok()), None, DEFAULT_LIMIT);
        // Office holdings have no date of their own: the date window leaves them in.
        assert_eq!(labels(&since), ["Kim Jong Un 2", "North Korea 1", "Russia 1", "Vladimir Putin 3", "Xi Jinping 1"]);
    }

    #[test]
    fn as_states_rolls_persons_up() {
        let states = Filter::default().with_statuses(StatusSet::any()).with_as_states(true);
        let subgraph = ask(states, None, DEFAULT_LIMIT);
        assert!(subgraph.as_states);
        assert_eq!(
            edges(&subgraph),
            [
                "Donald Trump met Moon Jae-in 2019-06",
                "Moon Jae-in met North Korea 2018-04",
                "North Korea met Russia 2023-09-13",
                "North Korea met Russia 2025",
                "Russia met Xi Jinping 2023-03",
                "North Korea supplied Russia 2023-10",
            ]
        );
    }

    #[test]
    fn a_limit_keeps_the_best_connected_and_counts_the_rest() {
        let any = Filter::default().with_statuses(StatusSet::any());
        let subgraph = ask(any, None, 2);
        assert_eq!(labels(&subgraph), ["Kim Jong Un 2", "Vladimir Putin 2"]);
        assert_eq!(subgraph.left_out, LeftOut { nodes: 5, edges: 6, limit: 2 });
    }

    #[test]
    fn around_a_centre_keeps_the_hops_nearest_first() {
        let subgraph = ask(Filter::default(), Some(("Moon Jae-in", 1)), DEFAULT_LIMIT);
        assert_eq!(labels(&subgraph), ["Moon Jae-in 2", "Donald Trump 1", "Kim Jong Un 1"]);
        assert_eq!(subgraph.center, Some(0));
        assert_eq!(subgraph.nodes[1].distance, Some(1));
        let two = ask(Filter::default(), Some(("Moon Jae-in", 2)), 4);
        assert_eq!(two.nodes[0].node.label, "Moon Jae-in");
        // Within two hops: Moon, Trump, Kim (1), Putin, North Korea (2); the limit drops one of
        // the farther two, which tie on facts, so the later by label goes.
        assert_eq!(labels(&two), ["Moon Jae-in 2", "Donald Trump 1", "Kim Jong Un 2", "North Korea 1"]);
        assert_eq!(two.left_out.nodes, 1);
        let view = view();
        let names = Names::new(&view, []);
        let query = Query::new(&view, &names, Filter::default());
        assert!(matches!(query.subgraph(Some(("Nobody", 1)), 10), Err(GraphError::Unknown { .. })));
    }
}
