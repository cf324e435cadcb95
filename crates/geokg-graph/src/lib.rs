#![doc = include_str!("../README.md")]

mod cache;
mod centrality;
mod communities;
mod error;
mod names;
mod paths;
mod project;
mod questions;
mod strings;
mod subgraph;
pub mod synthetic;
mod view;

pub use cache::CACHE_VERSION;
pub use centrality::{Betweenness, CentralNode, CentralOptions, Centrality, Measure};
pub use communities::{Communities, Community};
pub use error::GraphError;
pub use names::Names;
pub use paths::{Direction, Hop, Path, PathOptions, Paths, Weight};
pub use project::{Filter, Relations, StatusSet};
pub use questions::{Counterpart, Ego, EgoEdge, EgoNode, MeetingEntry, Pair, Query, SourceRef, TimelineEntry};
pub use subgraph::{DEFAULT_LIMIT, LeftOut, SubEdge, SubNode, Subgraph};
pub use view::{Edge, NodeRef, Relation, View};

#[cfg(test)]
pub(crate) mod tests {
    //! Facts written as literals, for the tests of every module.

    use geokg_model::{
        Entity, EntityKind, Evidence, Facts, Leader, Meeting, MeetingKind, Source, Sourced, Transfer, TransferCategory,
    };

    const WIKIDATA: [(&str, &str); 6] = [
        ("Vladimir Putin", "Q7747"),
        ("Kim Jong Un", "Q56226"),
        ("Russia", "Q159"),
        ("Iran", "Q794"),
        ("North Korea", "Q423"),
        ("China", "Q148"),
    ];
    const STATES: [&str; 8] =
        ["Russia", "Iran", "North Korea", "China", "Ukraine", "United States", "South Korea", "Belarus"];

    /// A state when its name is in `STATES`, a place when it starts with `@`, else a person.
    pub(crate) fn entity(label: &str) -> Entity {
        let (label, kind) = match label.strip_prefix('@') {
            Some(place) => (place, EntityKind::Place),
            None if STATES.contains(&label) => (label, EntityKind::State),
            None => (label, EntityKind::Person),
        };
        let wikidata = WIKIDATA.iter().find(|(l, _)| *l == label).map(|(_, q)| *q);
        Entity::new(label, kind, wikidata)
    }

    /// `n` sources `doc-<key>-<i>`, published at `published` when given.
    fn sources(key: &str, sentence: &str, published: &str, n: usize) -> Vec<Source> {
        (0..n)
            .map(|i| Source {
                document: format!("doc-{key}-{i}"),
                published: published.parse().ok(),
                evidence: vec![Evidence {
                    sentence: sentence.to_owned(),
                    start: 0,
                    end: sentence.chars().count(),
                    rule: "test".into(),
                    confidence: 1.0,
                }],
            })
            .collect()
    }

    /// A meeting of `participants` ("A+B+C", an optional "@Place" among them) on `date`.
    pub(crate) fn meet(participants: &str, date: &str, status: &str, n: usize) -> Sourced<Meeting> {
        let mut place = None;
        let mut actors = Vec::new();
        for name in participants.split('+') {
            if name.starts_with('@') {
                place = Some(entity(name));
            } else {
                actors.push(entity(name));
            }
        }
        let sentence = format!("{participants} met ({date}).");
        Sourced {
            fact: Meeting {
                kind: MeetingKind::Meeting,
                participants: actors,
                visitor: None,
                host: None,
                place,
                date: date.parse().ok(),
                status: geokg_model::Status::parse(status).expect("status"),
                evidence: Vec::new(),
            },
            sources: sources(&format!("{participants}-{date}-{status}"), &sentence, date, n),
        }
    }

    /// A meeting of two actors.
    pub(crate) fn met(a: &str, b: &str, date: &str, status: &str, n: usize) -> Sourced<Meeting> {
        meet(&format!("{a}+{b}"), date, status, n)
    }

    /// A transfer of weapons named `item`.
    pub(crate) fn supplied(
        supplier: &str,
        recipient: &str,
        item: &str,
        date: &str,
        status: &str,
        n: usize,
    ) -> Sourced<Transfer> {
        let sentence = format!("{supplier} supplied {item} to {recipient}.");
        Sourced {
            fact: Transfer {
                supplier: entity(supplier),
                recipient: entity(recipient),
                item: item.to_owned(),
                category: TransferCategory::Weapons,
                status: geokg_model::Status::parse(status).expect("status"),
                date: date.parse().ok(),
                evidence: Vec::new(),
            },
            sources: sources(&format!("{supplier}-{recipient}-{date}"), &sentence, date, n),
        }
    }

    /// `person` holds the presidency of `state` (or held it, when `former`), as articles
    /// published on each of `published` ("2019,2023-05") say.
    pub(crate) fn leads(person: &str, state: &str, published: &str, former: bool) -> Sourced<Leader> {
        let sentence = format!("President {person} of {state}.");
        Sourced {
            fact: Leader {
                person: entity(person),
                state: entity(state),
                role: "President".into(),
                former,
                evidence: Vec::new(),
            },
            sources: published
                .split(',')
                .enumerate()
                .flat_map(|(i, date)| sources(&format!("{person}-{state}-{former}-{i}"), &sentence, date, 1))
                .collect(),
        }
    }

    /// Facts of literal meetings, transfers and holdings.
    pub(crate) fn facts_of(
        meetings: &[Sourced<Meeting>],
        transfers: &[Sourced<Transfer>],
        leaders: &[Sourced<Leader>],
    ) -> Facts {
        Facts { meetings: meetings.to_vec(), transfers: transfers.to_vec(), leaders: leaders.to_vec(), n_documents: 1 }
    }
}
