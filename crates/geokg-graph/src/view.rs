//! The graph view of merged facts: one node per actor (person, state, organisation), one edge per
//! meeting per pair (`met`), per transfer (`supplied`, supplier → recipient) and per office
//! holding (`leads`, person → state).
//!
//! The view is compact on purpose: nodes and facts are `u32` indices, every string lives once in
//! an interned table, and an edge is a relation plus the index of its fact. Places are entities
//! (a meeting's place) but not nodes. Phone calls are not meetings: they are kept among the
//! meeting records (so the view holds every fact it was built from) but make no edge.
//!
//! Node numbers follow the order of (label, IRI), so iterating nodes in index order is the
//! deterministic tie-break every question uses. Filtering and roll-up live in `project.rs`.

use crate::strings::{Interner, Strings};
use geokg_model::{
    Entity, EntityKind, Evidence, Facts, Leader, Meeting, MeetingKind, PartialDate, Source, Sourced, Status, Transfer,
    TransferCategory, days_in_month,
};
use petgraph::graph::{NodeIndex, UnGraph};
use std::collections::HashMap;

/// "No such index" in the `u32` fields of records.
pub(crate) const NONE: u32 = u32::MAX;
/// The day range of an undated fact.
pub(crate) const UNDATED: i32 = i32::MIN;

/// What an edge of the view stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// Two actors met (undirected; one edge per meeting and pair).
    Met,
    /// A supplier delivered to a recipient (directed supplier → recipient).
    Supplied,
    /// A person holds an office of a state (directed person → state).
    Leads,
}

impl Relation {
    /// Every relation.
    pub const ALL: [Self; 3] = [Self::Met, Self::Supplied, Self::Leads];

    /// The lower-case word (`met`, `supplied`, `leads`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Met => "met",
            Self::Supplied => "supplied",
            Self::Leads => "leads",
        }
    }

    /// Parses the lower-case word.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|relation| relation.as_str() == text.trim().to_lowercase())
    }
}

/// The weight of an edge of [`View::graph`]: its relation and the index of its fact in the
/// view's meetings, transfers or leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Edge {
    /// What the edge stands for.
    pub relation: Relation,
    /// The index of the fact among the view's facts of that relation.
    pub fact: u32,
}

/// An actor as results name it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct NodeRef {
    /// The IRI.
    pub id: String,
    /// The English canonical name.
    pub label: String,
    /// Person, state, organisation…
    pub kind: EntityKind,
    /// The Wikidata id, where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct EntityRec {
    pub(crate) iri: u32,
    pub(crate) label: u32,
    pub(crate) wikidata: u32,
    pub(crate) kind: EntityKind,
}

/// A half-open range of indices into one of the view's flat tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Span {
    pub(crate) start: u32,
    pub(crate) end: u32,
}

impl Span {
    pub(crate) fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    pub(crate) fn len(self) -> usize {
        (self.end - self.start) as usize
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MeetingRec {
    /// Facts of one event (reported with different statuses) share this number.
    pub(crate) event: u32,
    pub(crate) kind: MeetingKind,
    pub(crate) status: Status,
    pub(crate) place: u32,
    pub(crate) date: Option<PartialDate>,
    pub(crate) lo: i32,
    pub(crate) hi: i32,
    pub(crate) participants: Span,
    pub(crate) sources: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TransferRec {
    pub(crate) supplier: u32,
    pub(crate) recipient: u32,
    pub(crate) item: u32,
    pub(crate) category: TransferCategory,
    pub(crate) status: Status,
    pub(crate) date: Option<PartialDate>,
    pub(crate) lo: i32,
    pub(crate) hi: i32,
    pub(crate) sources: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LeadRec {
    pub(crate) person: u32,
    pub(crate) state: u32,
    pub(crate) role: u32,
    pub(crate) former: bool,
    /// The earliest and latest publication dates of its sources.
    pub(crate) first: Option<PartialDate>,
    pub(crate) last: Option<PartialDate>,
    pub(crate) sources: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SourceRec {
    pub(crate) document: u32,
    pub(crate) published: Option<PartialDate>,
    pub(crate) evidence: Span,
}

/// One observation of a person in office: a publication date and the holding it states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Observation {
    pub(crate) day: i32,
    pub(crate) lead: u32,
}

/// The graph view of merged facts, built once and queried through [`crate::Query`].
///
/// ```
/// # use geokg_graph::View;
/// let view = View::build(&geokg_graph::synthetic::facts(50, 200, 40, 3, 7));
/// // Actors that no fact mentions are not nodes.
/// assert!(view.n_nodes() <= 50);
/// assert!(view.n_edges()[0] > 0);
/// ```
#[derive(Debug, Clone)]
pub struct View {
    pub(crate) strings: Strings,
    /// Actors first (the graph's nodes, by label then IRI), then places.
    pub(crate) entities: Vec<EntityRec>,
    pub(crate) n_actors: u32,
    pub(crate) meetings: Vec<MeetingRec>,
    pub(crate) transfers: Vec<TransferRec>,
    pub(crate) leads: Vec<LeadRec>,
    pub(crate) participants: Vec<u32>,
    pub(crate) sources: Vec<SourceRec>,
    pub(crate) evidence: Vec<u32>,
    pub(crate) n_documents: u64,
    /// Node weights are entity indices, equal to the node index.
    pub(crate) graph: UnGraph<u32, Edge>,
    /// Adjacency by node as (neighbour, edge index), sorted: the fast, ordered index of `graph`.
    pub(crate) offsets: Vec<u32>,
    pub(crate) adjacency: Vec<(u32, u32)>,
    /// Per person, the observations of holdings by day (see [`View::roll_up`]).
    pub(crate) observation_offsets: Vec<u32>,
    pub(crate) observations: Vec<Observation>,
}

impl View {
    /// Builds the view of merged facts.
    #[must_use]
    pub fn build(facts: &Facts) -> Self {
        Builder::new(facts).build(facts)
    }

    /// The petgraph graph: node `i` is actor `i` (weight `i`), edges carry [`Edge`]. Edges of
    /// directed relations run from supplier or person (source) to recipient or state (target).
    #[must_use]
    pub fn graph(&self) -> &UnGraph<u32, Edge> {
        &self.graph
    }

    /// The number of actors (nodes).
    #[must_use]
    pub fn n_nodes(&self) -> usize {
        self.n_actors as usize
    }

    /// The number of edges of each relation: met, supplied, leads.
    #[must_use]
    pub fn n_edges(&self) -> [usize; 3] {
        let mut counts = [0; 3];
        for edge in self.graph.edge_weights() {
            counts[edge.relation as usize] += 1;
        }
        counts
    }

    /// The number of merged documents behind the facts.
    #[must_use]
    pub fn n_documents(&self) -> usize {
        self.n_documents as usize
    }

    /// About how many bytes of memory the view holds.
    #[must_use]
    pub fn memory_bytes(&self) -> usize {
        use std::mem::size_of;
        let graph = self.graph.node_count() * size_of::<petgraph::graph::Node<u32>>()
            + self.graph.edge_count() * size_of::<petgraph::graph::Edge<Edge>>();
        self.strings.buf.capacity()
            + self.strings.ends.capacity() * 8
            + self.entities.capacity() * size_of::<EntityRec>()
            + self.meetings.capacity() * size_of::<MeetingRec>()
            + self.transfers.capacity() * size_of::<TransferRec>()
            + self.leads.capacity() * size_of::<LeadRec>()
            + (self.participants.capacity() + self.evidence.capacity()) * 4
            + self.sources.capacity() * size_of::<SourceRec>()
            + graph
            + (self.offsets.capacity() + self.observation_offsets.capacity()) * 4
            + self.adjacency.capacity() * 8
            + self.observations.capacity() * size_of::<Observation>()
    }

    /// The actor of a node index, or `None` past the last node.
    #[must_use]
    pub fn node(&self, index: usize) -> Option<NodeRef> {
        (index < self.n_nodes()).then(|| self.node_ref(index as u32))
    }

    pub(crate) fn node_ref(&self, entity: u32) -> NodeRef {
        let rec = self.entities[entity as usize];
        NodeRef {
            id: self.strings.get(rec.iri).to_owned(),
            label: self.strings.get(rec.label).to_owned(),
            kind: rec.kind,
            wikidata: (rec.wikidata != NONE).then(|| self.strings.get(rec.wikidata).to_owned()),
        }
    }

    pub(crate) fn label(&self, entity: u32) -> &str {
        self.strings.get(self.entities[entity as usize].label)
    }

    pub(crate) fn str(&self, id: u32) -> &str {
        self.strings.get(id)
    }

    /// The neighbours of a node with the edge index, sorted by neighbour then edge.
    pub(crate) fn adjacent(&self, node: u32) -> &[(u32, u32)] {
        let node = node as usize;
        &self.adjacency[self.offsets[node] as usize..self.offsets[node + 1] as usize]
    }

    pub(crate) fn edge(&self, edge: u32) -> Edge {
        self.graph.raw_edges()[edge as usize].weight
    }

    /// The state a person led on a day, by the nearest observation of their holdings: the
    /// person themself when they held no office, or the nearest observation says "former".
    /// Undated facts use the latest observation.
    pub(crate) fn roll_up(&self, node: u32, day: i32) -> u32 {
        let Some(range) = self.observation_offsets.get(node as usize..node as usize + 2) else {
            return node;
        };
        let observations = &self.observations[range[0] as usize..range[1] as usize];
        let dated = observations.partition_point(|o| o.day == UNDATED);
        let chosen = if dated == observations.len() {
            observations.first()
        } else if day == UNDATED {
            observations.last()
        } else {
            let dated = &observations[dated..];
            let after = dated.partition_point(|o| o.day < day);
            // The nearer of the observations on either side; the earlier one on a tie.
            match (after.checked_sub(1).map(|i| dated[i]), dated.get(after)) {
                (Some(before), Some(next))
                    if i64::from(next.day) - i64::from(day) < i64::from(day) - i64::from(before.day) =>
                {
                    Some(next)
                }
                (Some(before), _) => Some(&dated[dated.partition_point(|o| o.day < before.day)]),
                (None, next) => next,
            }
        };
        match chosen.map(|o| self.leads[o.lead as usize]) {
            Some(lead) if !lead.former => lead.state,
            _ => node,
        }
    }
}

impl View {
    /// The merged facts the view holds, back as facts: what [`View::build`] builds the same view
    /// from. Used to bring a cached view up to date by adding and removing documents
    /// (`geokg_model::FactsMerger`) without reading the whole store again. What the view does not
    /// keep is not there: phone calls, visitor and host, and evidence beyond its sentence.
    #[must_use]
    pub fn facts(&self) -> Facts {
        let entity = |index: u32| {
            let rec = self.entities[index as usize];
            Entity {
                id: self.str(rec.iri).to_owned(),
                label: self.str(rec.label).to_owned(),
                kind: rec.kind,
                wikidata: (rec.wikidata != NONE).then(|| self.str(rec.wikidata).to_owned()),
            }
        };
        let sources = |span: Span| -> Vec<Source> {
            self.sources[span.range()]
                .iter()
                .map(|source| Source {
                    document: self.str(source.document).to_owned(),
                    published: source.published,
                    evidence: self.evidence[source.evidence.range()]
                        .iter()
                        .map(|&sentence| Evidence {
                            sentence: self.str(sentence).to_owned(),
                            start: 0,
                            end: 0,
                            rule: String::new(),
                            confidence: 0.0,
                        })
                        .collect(),
                })
                .collect()
        };
        let meetings = self
            .meetings
            .iter()
            .map(|meeting| Sourced {
                fact: Meeting {
                    kind: meeting.kind,
                    participants: self.participants[meeting.participants.range()].iter().map(|&p| entity(p)).collect(),
                    visitor: None,
                    host: None,
                    place: (meeting.place != NONE).then(|| entity(meeting.place)),
                    date: meeting.date,
                    status: meeting.status,
                    evidence: Vec::new(),
                },
                sources: sources(meeting.sources),
            })
            .collect();
        let transfers = self
            .transfers
            .iter()
            .map(|transfer| Sourced {
                fact: Transfer {
                    supplier: entity(transfer.supplier),
                    recipient: entity(transfer.recipient),
                    item: self.str(transfer.item).to_owned(),
                    category: transfer.category,
                    status: transfer.status,
                    date: transfer.date,
                    evidence: Vec::new(),
                },
                sources: sources(transfer.sources),
            })
            .collect();
        let leaders = self
            .leads
            .iter()
            .map(|lead| Sourced {
                fact: Leader {
                    person: entity(lead.person),
                    state: entity(lead.state),
                    role: self.str(lead.role).to_owned(),
                    former: lead.former,
                    evidence: Vec::new(),
                },
                sources: sources(lead.sources),
            })
            .collect();
        Facts { meetings, transfers, leaders, n_documents: self.n_documents as usize }
    }
}

/// The first and last day a date can denote, or [`UNDATED`] twice.
pub(crate) fn day_range(date: Option<PartialDate>) -> (i32, i32) {
    let Some(date) = date else {
        return (UNDATED, UNDATED);
    };
    let lo = date.to_days();
    let year = date.get_year();
    let hi = match (date.get_month(), date.get_day()) {
        (_, Some(_)) => lo,
        (Some(month), None) => lo + i64::from(days_in_month(year, month)) - 1,
        (None, None) => PartialDate::day(year, 12, 31).map_or(lo, PartialDate::to_days),
    };
    (lo as i32, hi as i32)
}

struct Builder<'f> {
    entities: Vec<&'f Entity>,
    index: HashMap<&'f str, u32>,
    n_actors: u32,
}

impl<'f> Builder<'f> {
    fn new(facts: &'f Facts) -> Self {
        let mut seen: HashMap<&str, &Entity> = HashMap::new();
        let mut add = |entity: &'f Entity| {
            seen.entry(entity.id.as_str()).or_insert(entity);
        };
        for meeting in &facts.meetings {
            let meeting = &meeting.fact;
            meeting.participants.iter().for_each(&mut add);
            meeting.place.iter().for_each(&mut add);
        }
        for transfer in &facts.transfers {
            add(&transfer.fact.supplier);
            add(&transfer.fact.recipient);
        }
        for leader in &facts.leaders {
            add(&leader.fact.person);
            add(&leader.fact.state);
        }
        let mut entities: Vec<&Entity> = seen.into_values().collect();
        entities.sort_by(|a, b| {
            (a.kind == EntityKind::Place, &a.label, &a.id).cmp(&(b.kind == EntityKind::Place, &b.label, &b.id))
        });
        let n_actors = entities.partition_point(|e| e.kind != EntityKind::Place) as u32;
        let index = entities.iter().enumerate().map(|(i, e)| (e.id.as_str(), i as u32)).collect();
        Self { entities, index, n_actors }
    }

    fn id(&self, entity: &Entity) -> u32 {
        self.index.get(entity.id.as_str()).copied().unwrap_or(NONE)
    }

    fn build(self, facts: &Facts) -> View {
        let mut tables = Tables::default();
        let entities: Vec<EntityRec> = self
            .entities
            .iter()
            .map(|entity| EntityRec {
                iri: tables.strings.intern(&entity.id),
                label: tables.strings.intern(&entity.label),
                wikidata: entity.wikidata.as_deref().map_or(NONE, |q| tables.strings.intern(q)),
                kind: entity.kind,
            })
            .collect();
        let (meetings, participants) = self.meetings(facts, &mut tables);
        let transfers = self.transfers(facts, &mut tables);
        let leads = self.leads(facts, &mut tables);
        let mut view = View {
            strings: tables.strings.finish(),
            entities,
            n_actors: self.n_actors,
            meetings,
            transfers,
            leads,
            participants,
            sources: tables.sources,
            evidence: tables.evidence,
            n_documents: facts.n_documents as u64,
            graph: UnGraph::default(),
            offsets: Vec::new(),
            adjacency: Vec::new(),
            observation_offsets: Vec::new(),
            observations: Vec::new(),
        };
        view.index(tables.edges);
        view
    }

    fn meetings(&self, facts: &Facts, tables: &mut Tables) -> (Vec<MeetingRec>, Vec<u32>) {
        let mut meetings = Vec::with_capacity(facts.meetings.len());
        let mut participants: Vec<u32> = Vec::new();
        let mut previous: Option<(usize, u32, Option<PartialDate>, bool)> = None;
        for sourced in &facts.meetings {
            let meeting = &sourced.fact;
            let start = participants.len();
            participants.extend(meeting.participants.iter().map(|p| self.id(p)));
            participants[start..].sort_unstable();
            let mut kept = start;
            for i in start..participants.len() {
                if (kept == start || participants[kept - 1] != participants[i]) && participants[i] < self.n_actors {
                    participants[kept] = participants[i];
                    kept += 1;
                }
            }
            participants.truncate(kept);
            let place = meeting.place.as_ref().map_or(NONE, |p| self.id(p));
            // Facts::merge sorts by IRI, so the reports of one event with different statuses
            // stand next to each other.
            let event = match previous {
                Some((previous_start, previous_place, previous_date, previous_meets))
                    if previous_place == place
                        && previous_date == meeting.date
                        && previous_meets == meeting.kind.is_meeting()
                        && participants[previous_start..start] == participants[start..] =>
                {
                    meetings.last().map_or(0, |m: &MeetingRec| m.event)
                }
                _ => meetings.last().map_or(0, |m: &MeetingRec| m.event + 1),
            };
            previous = Some((start, place, meeting.date, meeting.kind.is_meeting()));
            let fact = meetings.len() as u32;
            // A phone call is kept with its facts (the view gives back what it was built from)
            // but makes no `met` edge.
            let edges = if meeting.kind.is_meeting() { participants.len() } else { start };
            for (i, &a) in participants[start..edges].iter().enumerate() {
                for &b in &participants[start + i + 1..edges] {
                    let relation = Relation::Met;
                    tables.edges.push((a, b, Edge { relation, fact }));
                }
            }
            let (lo, hi) = day_range(meeting.date);
            meetings.push(MeetingRec {
                event,
                kind: meeting.kind,
                status: meeting.status,
                place,
                date: meeting.date,
                lo,
                hi,
                participants: Span { start: start as u32, end: participants.len() as u32 },
                sources: tables.add_sources(&sourced.sources),
            });
        }
        (meetings, participants)
    }

    fn transfers(&self, facts: &Facts, tables: &mut Tables) -> Vec<TransferRec> {
        let mut transfers = Vec::with_capacity(facts.transfers.len());
        for sourced in &facts.transfers {
            let transfer = &sourced.fact;
            let (supplier, recipient) = (self.id(&transfer.supplier), self.id(&transfer.recipient));
            if supplier >= self.n_actors || recipient >= self.n_actors {
                continue;
            }
            if supplier != recipient {
                let (relation, fact) = (Relation::Supplied, transfers.len() as u32);
                tables.edges.push((supplier, recipient, Edge { relation, fact }));
            }
            let (lo, hi) = day_range(transfer.date);
            transfers.push(TransferRec {
                supplier,
                recipient,
                item: tables.strings.intern(&transfer.item),
                category: transfer.category,
                status: transfer.status,
                date: transfer.date,
                lo,
                hi,
                sources: tables.add_sources(&sourced.sources),
            });
        }
        transfers
    }

    fn leads(&self, facts: &Facts, tables: &mut Tables) -> Vec<LeadRec> {
        let mut leads = Vec::with_capacity(facts.leaders.len());
        for sourced in &facts.leaders {
            let leader = &sourced.fact;
            let (person, state) = (self.id(&leader.person), self.id(&leader.state));
            if person >= self.n_actors || state >= self.n_actors || person == state {
                continue;
            }
            let (relation, fact) = (Relation::Leads, leads.len() as u32);
            tables.edges.push((person, state, Edge { relation, fact }));
            let published = sourced.sources.iter().filter_map(|s| s.published);
            leads.push(LeadRec {
                person,
                state,
                role: tables.strings.intern(&leader.role),
                former: leader.former,
                first: published.clone().min(),
                last: published.max(),
                sources: tables.add_sources(&sourced.sources),
            });
        }
        leads
    }
}

/// The flat tables filled while building.
#[derive(Default)]
struct Tables {
    strings: Interner,
    sources: Vec<SourceRec>,
    evidence: Vec<u32>,
    edges: Vec<(u32, u32, Edge)>,
}

impl Tables {
    fn add_sources(&mut self, list: &[Source]) -> Span {
        let start = self.sources.len() as u32;
        for source in list {
            let first = self.evidence.len() as u32;
            for evidence in &source.evidence {
                let sentence = self.strings.intern(&evidence.sentence);
                self.evidence.push(sentence);
            }
            self.sources.push(SourceRec {
                document: self.strings.intern(&source.document),
                published: source.published,
                evidence: Span { start: first, end: self.evidence.len() as u32 },
            });
        }
        Span { start, end: self.sources.len() as u32 }
    }
}

impl View {
    /// Builds the petgraph graph, the sorted adjacency and the observations from the edges.
    pub(crate) fn index(&mut self, edges: Vec<(u32, u32, Edge)>) {
        let n = self.n_actors as usize;
        let mut graph = UnGraph::with_capacity(n, edges.len());
        for node in 0..self.n_actors {
            graph.add_node(node);
        }
        let mut degree = vec![0u32; n + 1];
        for &(a, b, _) in &edges {
            degree[a as usize] += 1;
            degree[b as usize] += 1;
        }
        let mut offsets = Vec::with_capacity(n + 1);
        let mut total = 0u32;
        for d in &degree[..n] {
            offsets.push(total);
            total += d;
        }
        offsets.push(total);
        let mut fill = offsets.clone();
        let mut adjacency = vec![(0u32, 0u32); total as usize];
        for (index, (a, b, edge)) in edges.into_iter().enumerate() {
            graph.add_edge(NodeIndex::new(a as usize), NodeIndex::new(b as usize), edge);
            adjacency[fill[a as usize] as usize] = (b, index as u32);
            fill[a as usize] += 1;
            adjacency[fill[b as usize] as usize] = (a, index as u32);
            fill[b as usize] += 1;
        }
        for node in 0..n {
            adjacency[offsets[node] as usize..offsets[node + 1] as usize].sort_unstable();
        }
        self.graph = graph;
        self.offsets = offsets;
        self.adjacency = adjacency;

        let mut observations: Vec<(u32, Observation)> = Vec::new();
        for (index, lead) in self.leads.iter().enumerate() {
            if self.entities[lead.person as usize].kind != EntityKind::Person {
                continue;
            }
            let mut days: Vec<i32> =
                self.sources[lead.sources.range()].iter().map(|s| day_range(s.published).0).collect();
            days.sort_unstable();
            days.dedup();
            for day in days {
                let lead = index as u32;
                observations.push((self.leads[index].person, Observation { day, lead }));
            }
        }
        observations.sort_unstable();
        let mut offsets = Vec::with_capacity(n + 1);
        let mut at = 0;
        for node in 0..=self.n_actors {
            while at < observations.len() && observations[at].0 < node {
                at += 1;
            }
            offsets.push(at as u32);
        }
        self.observation_offsets = offsets;
        self.observations = observations.into_iter().map(|(_, o)| o).collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::{entity, facts_of, leads, meet, met};
    use crate::{Filter, Names, Query, StatusSet};

    #[test]
    fn places_are_not_nodes_and_phone_calls_are_not_meetings() {
        let mut call = met("Vladimir Putin", "Donald Trump", "2025-02", "occurred", 1);
        call.fact.kind = MeetingKind::PhoneCall;
        let view = View::build(&facts_of(
            &[meet("Vladimir Putin+Kim Jong Un+Xi Jinping+@Beijing", "2025-09", "occurred", 1), call],
            &[],
            &[],
        ));
        // Donald Trump only appears in the call, which is left out, but he is still an actor.
        assert_eq!(view.n_nodes(), 4);
        assert_eq!(view.n_edges(), [3, 0, 0]);
        let labels: Vec<String> = (0..4).map(|i| view.node(i).unwrap().label).collect();
        assert_eq!(labels, ["Donald Trump", "Kim Jong Un", "Vladimir Putin", "Xi Jinping"]);
        assert_eq!(view.node(4), None);
    }

    #[test]
    fn one_event_reported_with_two_statuses_counts_once() {
        let view = View::build(&facts_of(
            &[
                met("Vladimir Putin", "Kim Jong Un", "2023-09", "occurred", 1),
                met("Vladimir Putin", "Kim Jong Un", "2023-09", "planned", 2),
            ],
            &[],
            &[],
        ));
        let names = Names::new(&view, []);
        let query = Query::new(&view, &names, Filter::default().with_statuses(StatusSet::any()));
        let rows = query.who_met("Putin").unwrap();
        assert_eq!((rows[0].meetings, rows[0].sources), (1, 3));
        assert_eq!(rows[0].statuses, [Status::Occurred, Status::Planned]);
    }

    #[test]
    fn roll_up_follows_the_nearest_observation_of_office() {
        let trump: Vec<Sourced<_>> = vec![
            leads("Donald Trump", "United States", "2017-03,2020-06,2025-02", false),
            leads("Donald Trump", "United States", "2022-05", true),
        ];
        let view = View::build(&facts_of(&[], &[], &trump));
        let (person, state) = (
            view.entities.iter().position(|e| view.str(e.iri) == entity("Donald Trump").id).unwrap() as u32,
            view.entities.iter().position(|e| view.str(e.iri) == entity("United States").id).unwrap() as u32,
        );
        let on = |date: &str| view.roll_up(person, day_range(date.parse().ok()).0);
        assert_eq!(on("2018-01-01"), state);
        assert_eq!(on("2022-01-01"), person);
        assert_eq!(on("2023-03-01"), person);
        assert_eq!(on("2024-12-01"), state);
        assert_eq!(view.roll_up(person, UNDATED), state);
        assert_eq!(view.roll_up(state, 0), state);
    }

    #[test]
    fn a_view_rebuilt_from_its_own_facts_is_the_same_view() {
        let mut facts = crate::synthetic::facts(300, 2_000, 300, 5, 11);
        // An actor known only from a phone call is a node too.
        let mut call = met("Anna Caller", "Ben Callee", "2025-02", "occurred", 1);
        call.fact.kind = MeetingKind::PhoneCall;
        facts.meetings.push(call);
        facts.meetings.sort_by_key(|m| (m.fact.iri(), m.fact.status));
        let view = View::build(&facts);
        let again = View::build(&view.facts());
        let bytes = |view: &View| {
            let mut bytes = Vec::new();
            view.write_cache(&mut bytes).unwrap();
            bytes
        };
        assert!(view.n_edges()[0] > 1_000 && view.n_edges()[1] > 100 && view.n_edges()[2] > 0);
        assert!(bytes(&view) == bytes(&again), "the rebuilt view differs");
    }

    #[test]
    fn day_ranges_cover_the_precision() {
        let range = |text: &str| {
            let (lo, hi) = day_range(text.parse().ok());
            (PartialDate::from_days(lo.into()).to_string(), PartialDate::from_days(hi.into()).to_string())
        };
        assert_eq!(range("2024"), ("2024-01-01".into(), "2024-12-31".into()));
        assert_eq!(range("2024-02"), ("2024-02-01".into(), "2024-02-29".into()));
        assert_eq!(range("2024-02-10"), ("2024-02-10".into(), "2024-02-10".into()));
        assert_eq!(day_range(None), (UNDATED, UNDATED));
    }
}
