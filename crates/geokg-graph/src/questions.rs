//! The questions about one or two actors and about all pairs: who met whom, the meetings of a
//! pair, the ego network, the timeline. Paths, centrality and communities have their own files.
//!
//! Every answer is plain data (`serde::Serialize`) in a deterministic order; rendering it as a
//! table, JSON or CSV is the caller's business.

use crate::error::GraphError;
use crate::names::Names;
use crate::paths::Direction;
use crate::project::{Filter, Projection};
use crate::view::{Edge, NONE, NodeRef, Relation, Span, UNDATED, View};
use geokg_model::{PartialDate, Status, TransferCategory};

/// The questions of one filter over a view.
///
/// ```
/// # use geokg_graph::{Filter, Names, Query, View, synthetic};
/// let view = View::build(&synthetic::facts(40, 400, 50, 5, 3));
/// let names = Names::new(&view, []);
/// let query = Query::new(&view, &names, Filter::default());
/// let counterparts = query.who_met("Q1000010").unwrap();
/// assert!(counterparts.windows(2).all(|w| w[0].meetings >= w[1].meetings));
/// ```
#[derive(Debug, Clone)]
pub struct Query<'v> {
    pub(crate) view: &'v View,
    names: &'v Names,
    pub(crate) filter: Filter,
    pub(crate) projection: Projection<'v>,
}

/// An actor someone met, with what is known of their meetings.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Counterpart {
    /// The actor met.
    pub node: NodeRef,
    /// Distinct meetings (one event reported with two statuses counts once).
    pub meetings: usize,
    /// The earliest date.
    pub first: Option<PartialDate>,
    /// The latest date.
    pub last: Option<PartialDate>,
    /// Where they met, by label.
    pub places: Vec<String>,
    /// The statuses reported.
    pub statuses: Vec<Status>,
    /// Distinct documents reporting any of the meetings.
    pub sources: usize,
}

/// A pair of actors who met, for the listing of all pairs.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Pair {
    /// One actor (the first by label).
    pub a: NodeRef,
    /// The other.
    pub b: NodeRef,
    /// Distinct meetings.
    pub meetings: usize,
    /// The earliest date.
    pub first: Option<PartialDate>,
    /// The latest date.
    pub last: Option<PartialDate>,
    /// Distinct documents.
    pub sources: usize,
}

/// A document that reports a fact, with the sentences it was read from.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SourceRef {
    /// The document's source (URL or path).
    pub document: String,
    /// Its publication date.
    pub published: Option<PartialDate>,
    /// The sentences, by offset.
    pub evidence: Vec<String>,
}

/// One meeting of a pair, with its evidence.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MeetingEntry {
    /// When.
    pub date: Option<PartialDate>,
    /// `meeting`, `visit`, `summit` or `talks`.
    pub kind: String,
    /// What the sources claim.
    pub status: Status,
    /// Where, by label.
    pub place: Option<String>,
    /// Everyone taking part.
    pub participants: Vec<NodeRef>,
    /// The documents that report it.
    pub sources: Vec<SourceRef>,
}

/// An event of an actor's timeline: a meeting or a transfer.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TimelineEntry {
    /// When.
    pub date: Option<PartialDate>,
    /// `met` or `supplied`.
    pub relation: Relation,
    /// `meeting`, `visit`, `summit`, `talks` or `transfer`.
    pub kind: String,
    /// What the sources claim.
    pub status: Status,
    /// For transfers: forward when the actor supplied, backward when it received.
    pub direction: Direction,
    /// The other participants, or the other party of a transfer.
    pub with: Vec<NodeRef>,
    /// Where, for meetings.
    pub place: Option<String>,
    /// What was transferred.
    pub item: Option<String>,
    /// The kind of goods transferred.
    pub category: Option<TransferCategory>,
    /// Distinct documents.
    pub sources: usize,
    /// The first sentence of each document, without repeats.
    pub evidence: Vec<String>,
}

/// The ego network of an actor.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Ego {
    /// The actor at the centre.
    pub center: NodeRef,
    /// Every actor within the hops, by distance then label.
    pub nodes: Vec<EgoNode>,
    /// The relations among them, one entry per pair, relation and direction.
    pub edges: Vec<EgoEdge>,
}

/// An actor of an ego network.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct EgoNode {
    /// The actor.
    pub node: NodeRef,
    /// Hops from the centre.
    pub distance: usize,
}

/// The facts of one relation between two actors of an ego network.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct EgoEdge {
    /// The supplier or person for directed relations, the first by label for `met`.
    pub from: NodeRef,
    /// The recipient or state, or the other actor.
    pub to: NodeRef,
    /// What relates them.
    pub relation: Relation,
    /// How many facts.
    pub count: usize,
    /// The earliest date.
    pub first: Option<PartialDate>,
    /// The latest date.
    pub last: Option<PartialDate>,
}

impl<'v> Query<'v> {
    /// The questions of `filter` over `view`, naming actors through `names`.
    #[must_use]
    pub fn new(view: &'v View, names: &'v Names, filter: Filter) -> Self {
        Self { view, names, filter, projection: Projection::new(view, &filter) }
    }

    /// The filter in force.
    #[must_use]
    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// The actor a name stands for.
    pub fn resolve(&self, name: &str) -> Result<NodeRef, GraphError> {
        Ok(self.view.node_ref(self.node(name)?))
    }

    pub(crate) fn node(&self, name: &str) -> Result<u32, GraphError> {
        self.names.resolve(self.view, name)
    }

    /// Everyone `name` met, most meetings first (then by label).
    pub fn who_met(&self, name: &str) -> Result<Vec<Counterpart>, GraphError> {
        let node = self.node(name)?;
        let mut facts: Vec<(u32, u32)> = Vec::new();
        self.projection.for_each(node, |next, edge| {
            let edge = self.view.edge(edge);
            if edge.relation == Relation::Met {
                facts.push((next, edge.fact));
            }
        });
        let mut rows = Vec::new();
        for group in facts.chunk_by(|a, b| a.0 == b.0) {
            let meetings: Vec<u32> = group.iter().map(|&(_, fact)| fact).collect();
            let summary = self.summarise(&meetings);
            let mut places: Vec<String> = meetings
                .iter()
                .map(|&m| self.view.meetings[m as usize].place)
                .filter(|&place| place != NONE)
                .map(|place| self.view.label(place).to_owned())
                .collect();
            places.sort_unstable();
            places.dedup();
            let mut statuses: Vec<Status> = meetings.iter().map(|&m| self.view.meetings[m as usize].status).collect();
            statuses.sort_unstable();
            statuses.dedup();
            rows.push(Counterpart {
                node: self.view.node_ref(group[0].0),
                meetings: summary.events,
                first: summary.first,
                last: summary.last,
                places,
                statuses,
                sources: summary.documents,
            });
        }
        // Stable: equal counts stay in node order, which is label then IRI.
        rows.sort_by_key(|row| std::cmp::Reverse(row.meetings));
        Ok(rows)
    }

    /// The meetings of `a` and `b` in date order (undated last), each with its sources.
    pub fn meetings_between(&self, a: &str, b: &str) -> Result<Vec<MeetingEntry>, GraphError> {
        let (a, b) = (self.node(a)?, self.node(b)?);
        let mut meetings: Vec<u32> = Vec::new();
        self.projection.for_each(a, |next, edge| {
            let edge = self.view.edge(edge);
            if next == b && edge.relation == Relation::Met {
                meetings.push(edge.fact);
            }
        });
        meetings.sort_unstable();
        meetings.dedup();
        meetings.sort_by_key(|&m| self.date_key(Relation::Met, m));
        Ok(meetings
            .into_iter()
            .map(|m| {
                let meeting = self.view.meetings[m as usize];
                MeetingEntry {
                    date: meeting.date,
                    kind: meeting.kind.as_str().to_owned(),
                    status: meeting.status,
                    place: self.place(meeting.place),
                    participants: self.participants(m, NONE).into_iter().map(|p| self.view.node_ref(p)).collect(),
                    sources: self.sources(meeting.sources),
                }
            })
            .collect())
    }

    /// Every pair that met, most meetings first (then by labels); at most `limit` pairs.
    #[must_use]
    pub fn who_met_all(&self, limit: Option<usize>) -> Vec<Pair> {
        let mut facts: Vec<(u32, u32, u32)> = self
            .projection
            .edges()
            .filter(|&(_, _, edge)| self.view.edge(edge).relation == Relation::Met)
            .map(|(a, b, edge)| (a.min(b), a.max(b), self.view.edge(edge).fact))
            .collect();
        facts.sort_unstable();
        facts.dedup();
        let mut groups: Vec<(usize, u32, u32, Vec<u32>)> = facts
            .chunk_by(|x, y| (x.0, x.1) == (y.0, y.1))
            .map(|group| {
                let meetings: Vec<u32> = group.iter().map(|f| f.2).collect();
                (group.len(), group[0].0, group[0].1, meetings)
            })
            .collect();
        groups.sort_by_key(|g| (std::cmp::Reverse(g.0), g.1, g.2));
        groups.truncate(limit.unwrap_or(usize::MAX));
        groups
            .into_iter()
            .map(|(_, a, b, meetings)| {
                let summary = self.summarise(&meetings);
                Pair {
                    a: self.view.node_ref(a),
                    b: self.view.node_ref(b),
                    meetings: summary.events,
                    first: summary.first,
                    last: summary.last,
                    sources: summary.documents,
                }
            })
            .collect()
    }

    /// The actors within `hops` of `name` and the relations among them.
    pub fn neighbors(&self, name: &str, hops: usize) -> Result<Ego, GraphError> {
        let center = self.node(name)?;
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
        let mut links: Vec<(u32, u32, Relation, u32)> = Vec::new();
        for &node in &order {
            self.projection.for_each(node, |next, edge| {
                if distance[next as usize] == usize::MAX {
                    return;
                }
                let (from, to) = self.projection.ends(edge);
                // Each edge is seen from both ends; keep it once, from its first end.
                if from == node {
                    let Edge { relation, fact } = self.view.edge(edge);
                    let (from, to) = if relation == Relation::Met { (from.min(to), from.max(to)) } else { (from, to) };
                    links.push((from, to, relation, fact));
                }
            });
        }
        links.sort_unstable();
        links.dedup();
        let edges = links
            .chunk_by(|x, y| (x.0, x.1, x.2) == (y.0, y.1, y.2))
            .map(|group| {
                let (from, to, relation, _) = group[0];
                let dates = group.iter().filter_map(|g| self.date(relation, g.3));
                EgoEdge {
                    from: self.view.node_ref(from),
                    to: self.view.node_ref(to),
                    relation,
                    count: group.len(),
                    first: dates.clone().min(),
                    last: dates.max(),
                }
            })
            .collect();
        order.sort_by_key(|&node| (distance[node as usize], node));
        Ok(Ego {
            center: self.view.node_ref(center),
            nodes: order
                .into_iter()
                .map(|node| EgoNode { node: self.view.node_ref(node), distance: distance[node as usize] })
                .collect(),
            edges,
        })
    }

    /// Every meeting and transfer of `name` in date order (undated last).
    pub fn timeline(&self, name: &str) -> Result<Vec<TimelineEntry>, GraphError> {
        let node = self.node(name)?;
        let mut facts: Vec<(Relation, u32)> = Vec::new();
        self.projection.for_each(node, |_, edge| {
            let edge = self.view.edge(edge);
            if edge.relation != Relation::Leads {
                facts.push((edge.relation, edge.fact));
            }
        });
        facts.sort_unstable();
        facts.dedup();
        facts.sort_by_key(|&(relation, fact)| (self.date_key(relation, fact), relation));
        Ok(facts.into_iter().map(|(relation, fact)| self.timeline_entry(node, relation, fact)).collect())
    }

    fn timeline_entry(&self, node: u32, relation: Relation, fact: u32) -> TimelineEntry {
        if relation == Relation::Met {
            let meeting = self.view.meetings[fact as usize];
            return TimelineEntry {
                date: meeting.date,
                relation,
                kind: meeting.kind.as_str().to_owned(),
                status: meeting.status,
                direction: Direction::Undirected,
                with: self.participants(fact, node).into_iter().map(|p| self.view.node_ref(p)).collect(),
                place: self.place(meeting.place),
                item: None,
                category: None,
                sources: meeting.sources.len(),
                evidence: self.first_sentences(meeting.sources),
            };
        }
        let transfer = self.view.transfers[fact as usize];
        let day = transfer.hi;
        let supplier = self.rolled(transfer.supplier, day);
        let (direction, other) = if supplier == node {
            (Direction::Forward, self.rolled(transfer.recipient, day))
        } else {
            (Direction::Backward, supplier)
        };
        TimelineEntry {
            date: transfer.date,
            relation,
            kind: "transfer".to_owned(),
            status: transfer.status,
            direction,
            with: vec![self.view.node_ref(other)],
            place: None,
            item: Some(self.view.str(transfer.item).to_owned()),
            category: Some(transfer.category),
            sources: transfer.sources.len(),
            evidence: self.first_sentences(transfer.sources),
        }
    }

    pub(crate) fn rolled(&self, node: u32, day: i32) -> u32 {
        if self.projection.is_rolled() { self.view.roll_up(node, day) } else { node }
    }

    /// The participants of a meeting as this query sees them, without `except`.
    fn participants(&self, meeting: u32, except: u32) -> Vec<u32> {
        let rec = self.view.meetings[meeting as usize];
        let mut nodes: Vec<u32> = self.view.participants[rec.participants.range()]
            .iter()
            .map(|&p| self.rolled(p, rec.hi))
            .filter(|&p| p != except)
            .collect();
        nodes.sort_unstable();
        nodes.dedup();
        nodes
    }

    pub(crate) fn place(&self, place: u32) -> Option<String> {
        (place != NONE).then(|| self.view.label(place).to_owned())
    }

    pub(crate) fn sources(&self, span: Span) -> Vec<SourceRef> {
        self.view.sources[span.range()]
            .iter()
            .map(|source| SourceRef {
                document: self.view.str(source.document).to_owned(),
                published: source.published,
                evidence: self.view.evidence[source.evidence.range()]
                    .iter()
                    .map(|&s| self.view.str(s).to_owned())
                    .collect(),
            })
            .collect()
    }

    pub(crate) fn first_sentences(&self, span: Span) -> Vec<String> {
        let mut sentences: Vec<String> = Vec::new();
        for source in &self.view.sources[span.range()] {
            if let Some(&first) = self.view.evidence[source.evidence.range()].first() {
                let sentence = self.view.str(first);
                if !sentences.iter().any(|s| s == sentence) {
                    sentences.push(sentence.to_owned());
                }
            }
        }
        sentences
    }

    pub(crate) fn date(&self, relation: Relation, fact: u32) -> Option<PartialDate> {
        match relation {
            Relation::Met => self.view.meetings[fact as usize].date,
            Relation::Supplied => self.view.transfers[fact as usize].date,
            Relation::Leads => self.view.leads[fact as usize].last,
        }
    }

    /// Sorts by first day with undated facts last, then by date and fact.
    fn date_key(&self, relation: Relation, fact: u32) -> (bool, i32, Option<PartialDate>, u32) {
        let date = self.date(relation, fact);
        let lo = crate::view::day_range(date).0;
        (lo == UNDATED, lo, date, fact)
    }

    fn summarise(&self, meetings: &[u32]) -> Summary {
        let mut events: Vec<u32> = meetings.iter().map(|&m| self.view.meetings[m as usize].event).collect();
        events.sort_unstable();
        events.dedup();
        let mut documents: Vec<u32> = meetings
            .iter()
            .flat_map(|&m| &self.view.sources[self.view.meetings[m as usize].sources.range()])
            .map(|source| source.document)
            .collect();
        documents.sort_unstable();
        documents.dedup();
        let dates = meetings.iter().filter_map(|&m| self.view.meetings[m as usize].date);
        Summary { events: events.len(), first: dates.clone().min(), last: dates.max(), documents: documents.len() }
    }
}

struct Summary {
    events: usize,
    first: Option<PartialDate>,
    last: Option<PartialDate>,
    documents: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::{Relations, StatusSet};
    use crate::tests::{facts_of, leads, meet, met, supplied};

    fn view() -> View {
        View::build(&facts_of(
            &[
                meet("Vladimir Putin+Kim Jong Un+@Vladivostok", "2023-09-13", "occurred", 2),
                meet("Vladimir Putin+Kim Jong Un+@Pyongyang", "2024-06", "occurred", 1),
                met("Vladimir Putin", "Kim Jong Un", "2025", "planned", 1),
                met("Vladimir Putin", "Xi Jinping", "2023-03", "occurred", 3),
                met("Kim Jong Un", "Xi Jinping", "2019-06", "occurred", 1),
                met("Kim Jong Un", "Moon Jae-in", "2018-04", "occurred", 1),
            ],
            &[
                supplied("Iran", "Russia", "drones", "", "alleged", 1),
                supplied("North Korea", "Russia", "artillery shells", "2023-10", "occurred", 2),
            ],
            &[
                leads("Vladimir Putin", "Russia", "2023-09,2024-06", false),
                leads("Kim Jong Un", "North Korea", "2023-09", false),
                leads("Xi Jinping", "China", "2023-03", false),
            ],
        ))
    }

    fn ask<T>(filter: Filter, question: impl FnOnce(&Query<'_>) -> T) -> T {
        let view = view();
        let names = Names::new(&view, []);
        question(&Query::new(&view, &names, filter))
    }

    fn counterparts(rows: &[Counterpart]) -> String {
        rows.iter().map(|r| format!("{} {}", r.node.label, r.meetings)).collect::<Vec<_>>().join(", ")
    }

    #[test]
    fn who_met_counts_meetings_dates_places_and_distinct_sources() {
        let rows = ask(Filter::default(), |q| q.who_met("Putin").unwrap());
        assert_eq!(counterparts(&rows), "Kim Jong Un 2, Xi Jinping 1");
        let kim = &rows[0];
        assert_eq!(kim.first.unwrap().to_string(), "2023-09-13");
        assert_eq!(kim.last.unwrap().to_string(), "2024-06");
        assert_eq!(kim.places, ["Pyongyang", "Vladivostok"]);
        assert_eq!(kim.statuses, [Status::Occurred]);
        assert_eq!(kim.sources, 3);
    }

    #[test]
    fn filters_select_statuses_dates_and_sources() {
        let any = Filter::default().with_statuses(StatusSet::any());
        assert_eq!(counterparts(&ask(any, |q| q.who_met("Putin").unwrap())), "Kim Jong Un 3, Xi Jinping 1");
        let since = Filter::default().with_since("2024".parse().ok());
        assert_eq!(counterparts(&ask(since, |q| q.who_met("Putin").unwrap())), "Kim Jong Un 1");
        let until = Filter::default().with_until("2023-03".parse().ok());
        assert_eq!(counterparts(&ask(until, |q| q.who_met("Putin").unwrap())), "Xi Jinping 1");
        let sourced = Filter::default().with_min_sources(2);
        assert_eq!(counterparts(&ask(sourced, |q| q.who_met("Putin").unwrap())), "Kim Jong Un 1, Xi Jinping 1");
        let no_meetings = Filter::default().with_via(Relations::of([Relation::Supplied]));
        assert_eq!(counterparts(&ask(no_meetings, |q| q.who_met("Putin").unwrap())), "");
    }

    #[test]
    fn the_meetings_of_a_pair_come_in_date_order_with_their_evidence() {
        let any = Filter::default().with_statuses(StatusSet::any());
        let entries = ask(any, |q| q.meetings_between("Kim Jong Un", "Putin").unwrap());
        let dates: Vec<String> = entries.iter().map(|e| e.date.unwrap().to_string()).collect();
        assert_eq!(dates, ["2023-09-13", "2024-06", "2025"]);
        assert_eq!(entries[0].place.as_deref(), Some("Vladivostok"));
        assert_eq!(entries[0].sources.len(), 2);
        assert_eq!(entries[0].sources[0].evidence, ["Vladimir Putin+Kim Jong Un+@Vladivostok met (2023-09-13)."]);
        assert_eq!(entries[2].status, Status::Planned);
    }

    #[test]
    fn all_pairs_come_most_frequent_first() {
        let pairs = ask(Filter::default(), |q| q.who_met_all(None));
        let pairs: Vec<String> = pairs.iter().map(|p| format!("{}-{} {}", p.a.label, p.b.label, p.meetings)).collect();
        assert_eq!(
            pairs,
            [
                "Kim Jong Un-Vladimir Putin 2",
                "Kim Jong Un-Moon Jae-in 1",
                "Kim Jong Un-Xi Jinping 1",
                "Vladimir Putin-Xi Jinping 1"
            ]
        );
        assert_eq!(ask(Filter::default(), |q| q.who_met_all(Some(1))).len(), 1);
    }

    #[test]
    fn neighbors_stay_within_the_hops() {
        let ego = ask(Filter::default(), |q| q.neighbors("Moon Jae-in", 1).unwrap());
        let nodes: Vec<String> = ego.nodes.iter().map(|n| format!("{} {}", n.node.label, n.distance)).collect();
        assert_eq!(nodes, ["Moon Jae-in 0", "Kim Jong Un 1"]);
        assert_eq!(ego.edges.len(), 1);
        let ego = ask(Filter::default(), |q| q.neighbors("Moon Jae-in", 2).unwrap());
        assert_eq!(ego.nodes.len(), 5, "{:?}", ego.nodes);
        let edges: Vec<String> = ego
            .edges
            .iter()
            .map(|e| format!("{} {} {} {}", e.from.label, e.relation.as_str(), e.to.label, e.count))
            .collect();
        assert!(edges.contains(&"Kim Jong Un leads North Korea 1".to_owned()), "{edges:?}");
        assert!(edges.contains(&"Kim Jong Un met Vladimir Putin 2".to_owned()), "{edges:?}");
    }

    #[test]
    fn a_timeline_lists_meetings_and_transfers_in_date_order() {
        let any = Filter::default().with_statuses(StatusSet::any());
        let entries = ask(any, |q| q.timeline("Russia").unwrap());
        let lines: Vec<String> = entries
            .iter()
            .map(|e| {
                format!(
                    "{} {} {:?} {}",
                    e.date.map(|d| d.to_string()).unwrap_or_default(),
                    e.kind,
                    e.direction,
                    e.with[0].label
                )
            })
            .collect();
        assert_eq!(lines, ["2023-10 transfer Backward North Korea", " transfer Backward Iran"]);
    }

    #[test]
    fn an_empty_view_answers_every_question_with_nothing() {
        let view = View::build(&geokg_model::Facts::default());
        let names = Names::new(&view, []);
        for filter in [Filter::default(), Filter::default().with_as_states(true)] {
            let query = Query::new(&view, &names, filter);
            assert!(matches!(query.who_met("Putin"), Err(GraphError::Unknown { .. })));
            assert!(query.who_met_all(None).is_empty());
            assert!(query.central(&crate::CentralOptions::default()).rows.is_empty());
            let betweenness =
                crate::CentralOptions { measure: crate::Measure::Betweenness, ..crate::CentralOptions::default() };
            assert!(query.central(&betweenness).rows.is_empty());
            assert!(query.communities().groups.is_empty());
        }
        let mut bytes = Vec::new();
        view.write_cache(&mut bytes).unwrap();
        assert_eq!(View::read_cache(bytes.as_slice()).unwrap().n_nodes(), 0);
    }

    #[test]
    fn persons_roll_up_to_the_states_they_led() {
        let states = Filter::default().with_as_states(true);
        assert_eq!(counterparts(&ask(states, |q| q.who_met("Russia").unwrap())), "North Korea 2, China 1");
        // Moon Jae-in led nothing here, so he stays a person.
        assert_eq!(
            counterparts(&ask(states, |q| q.who_met("North Korea").unwrap())),
            "Russia 2, China 1, Moon Jae-in 1"
        );
        let timeline = ask(states, |q| q.timeline("Russia").unwrap());
        assert_eq!(timeline.len(), 4);
        assert_eq!(timeline[0].with[0].label, "China");
    }
}
