//! RDF back to facts: one document's named graph read into its `DocumentRecord` and
//! `Extraction`, and the facts of many documents merged into one listing.
//!
//! This is the inverse of [`crate::rdf`]; a round-trip test keeps the two in step. RDF has no
//! order, so participants come back sorted by label and evidence by offset.

use crate::rdf::{category_of_concept, kind_of_class, status_of_concept};
use crate::vocab::{RDF_TYPE, dcterms, gk, oa, org, owl, rdfs, schema, sem};
use crate::{
    DocumentInfo, DocumentRecord, Entity, EntityKind, Evidence, Extraction, FetchRecord, Leader, Meeting, MeetingKind,
    PartialDate, Transfer, TransferCategory, iri,
};
use oxrdf::{NamedNodeRef, Quad, Term};
use std::collections::BTreeMap;

/// The triples of one graph, by subject.
struct Graph<'a> {
    subjects: BTreeMap<&'a str, Vec<(&'a str, &'a Term)>>,
}

impl<'a> Graph<'a> {
    fn new(quads: &'a [Quad]) -> Self {
        let mut subjects: BTreeMap<&str, Vec<(&str, &Term)>> = BTreeMap::new();
        for quad in quads {
            if let oxrdf::NamedOrBlankNode::NamedNode(subject) = &quad.subject {
                subjects.entry(subject.as_str()).or_default().push((quad.predicate.as_str(), &quad.object));
            }
        }
        // A subject may hold two values of one property (one text calling a transfer planned in
        // one sentence and done in another): which is read must not depend on the order a
        // store returns quads in, or two stores would disagree about the same graph.
        for statements in subjects.values_mut() {
            statements.sort_by_cached_key(|(predicate, object)| (*predicate, object.to_string()));
        }
        Self { subjects }
    }

    fn objects(&self, subject: &str, predicate: NamedNodeRef<'static>) -> impl Iterator<Item = &'a Term> + '_ {
        let predicate = predicate.as_str();
        self.subjects.get(subject).into_iter().flatten().filter(move |(p, _)| *p == predicate).map(|(_, o)| *o)
    }

    fn iri(&self, subject: &str, predicate: NamedNodeRef<'static>) -> Option<&'a str> {
        self.iris(subject, predicate).next()
    }

    fn iris(&self, subject: &str, predicate: NamedNodeRef<'static>) -> impl Iterator<Item = &'a str> + '_ {
        self.objects(subject, predicate).filter_map(|term| match term {
            Term::NamedNode(node) => Some(node.as_str()),
            _ => None,
        })
    }

    fn text(&self, subject: &str, predicate: NamedNodeRef<'static>) -> Option<&'a str> {
        self.objects(subject, predicate).find_map(|term| match term {
            Term::Literal(literal) => Some(literal.value()),
            _ => None,
        })
    }

    fn has_type(&self, subject: &str, class: NamedNodeRef<'_>) -> bool {
        self.iris(subject, RDF_TYPE).any(|t| t == class.as_str())
    }

    fn subjects_of_type(&self, class: NamedNodeRef<'_>) -> Vec<&'a str> {
        self.subjects.keys().copied().filter(|s| self.has_type(s, class)).collect()
    }

    fn entity(&self, id: &str) -> Entity {
        let kind = self.iris(id, RDF_TYPE).find_map(kind_of_class).unwrap_or(EntityKind::Other);
        let label = self.text(id, rdfs::LABEL).map_or_else(|| local_name(id).to_owned(), str::to_owned);
        let wikidata =
            self.iri(id, owl::SAME_AS).and_then(|same| same.strip_prefix(iri::WIKIDATA_BASE)).map(str::to_owned);
        Entity { id: id.to_owned(), label, kind, wikidata }
    }

    fn date(&self, subject: &str) -> Option<PartialDate> {
        self.text(subject, sem::HAS_BEGIN_TIME_STAMP).and_then(|d| d.parse().ok())
    }

    fn status(&self, subject: &str) -> Option<crate::Status> {
        self.iri(subject, schema::EVENT_STATUS).and_then(status_of_concept)
    }

    fn evidence(&self, fact: &str) -> Vec<Evidence> {
        let mut evidence: Vec<Evidence> = self
            .iris(fact, gk::EVIDENCE_PROPERTY)
            .map(|node| Evidence {
                sentence: self.text(node, oa::EXACT).unwrap_or_default().to_owned(),
                start: self.text(node, oa::START).and_then(|n| n.parse().ok()).unwrap_or_default(),
                end: self.text(node, oa::END).and_then(|n| n.parse().ok()).unwrap_or_default(),
                rule: self.text(node, gk::RULE).unwrap_or_default().to_owned(),
                confidence: self.text(node, gk::CONFIDENCE).and_then(|n| n.parse().ok()).unwrap_or_default(),
            })
            .collect();
        evidence.sort_by(|a, b| (a.start, a.end, &a.rule).cmp(&(b.start, b.end, &b.rule)));
        evidence
    }
}

fn local_name(iri: &str) -> &str {
    iri.rsplit(['/', '#']).next().unwrap_or(iri)
}

/// Reads the quads of one document's graph back into its record and facts.
/// Returns `None` when the quads hold no document record for `graph`.
#[must_use]
pub fn from_quads(graph: &str, quads: &[Quad]) -> Option<(DocumentRecord, Extraction)> {
    let triples = Graph::new(quads);
    let source = triples.text(graph, gk::SOURCE)?.to_owned();
    let fetch = triples.text(graph, gk::REQUESTED_URL).map(|requested| FetchRecord {
        requested_url: requested.to_owned(),
        // schema:url holds the source (when a URL) and the final URL: the final one is the other.
        final_url: triples
            .iris(graph, schema::URL)
            .find(|url| *url != source)
            .or_else(|| triples.iris(graph, schema::URL).next())
            .unwrap_or_default()
            .to_owned(),
        http_status: triples.text(graph, gk::HTTP_STATUS).and_then(|s| s.parse().ok()).unwrap_or_default(),
        fetched_at: triples.text(graph, gk::FETCHED_AT).unwrap_or_default().to_owned(),
        etag: triples.text(graph, gk::ETAG).map(str::to_owned),
        last_modified: triples.text(graph, gk::LAST_MODIFIED).map(str::to_owned),
        canonical_url: triples.text(graph, gk::CANONICAL_URL).map(str::to_owned),
    });
    let record = DocumentRecord {
        source: source.clone(),
        title: triples.text(graph, dcterms::TITLE).map(str::to_owned),
        language: triples.text(graph, dcterms::LANGUAGE).unwrap_or_default().to_owned(),
        published: triples.text(graph, schema::DATE_PUBLISHED).and_then(|d| d.parse().ok()),
        content_hash: triples.text(graph, gk::CONTENT_HASH).unwrap_or_default().to_owned(),
        ingested_at: triples.text(graph, gk::INGESTED_AT).unwrap_or_default().to_owned(),
        extractor_version: triples.text(graph, gk::EXTRACTOR_VERSION).unwrap_or_default().to_owned(),
        fetch,
    };
    let mut extraction = Extraction {
        document: DocumentInfo {
            source,
            language: record.language.clone(),
            published: record.published,
            title: record.title.clone(),
        },
        ..Extraction::default()
    };
    extraction.meetings = read_meetings(&triples);
    extraction.transfers = read_transfers(&triples);
    extraction.leaders = read_leaders(&triples);
    let first = |evidence: &[Evidence]| evidence.first().map_or(usize::MAX, |e| e.start);
    extraction.meetings.sort_by_key(|m| (first(&m.evidence), m.iri()));
    extraction.transfers.sort_by_key(|t| (first(&t.evidence), t.iri()));
    extraction.leaders.sort_by_key(|l| (first(&l.evidence), l.iri()));
    extraction.collect_entities();
    Some((record, extraction))
}

fn read_meetings(triples: &Graph<'_>) -> Vec<Meeting> {
    let mut meetings = Vec::new();
    let mut events = triples.subjects_of_type(gk::MEETING);
    events.extend(triples.subjects_of_type(gk::PHONE_CALL));
    for event in events {
        let Some(status) = triples.status(event) else {
            continue;
        };
        let kind = [
            (gk::VISIT, MeetingKind::Visit),
            (gk::SUMMIT, MeetingKind::Summit),
            (gk::TALKS, MeetingKind::Talks),
            (gk::PHONE_CALL, MeetingKind::PhoneCall),
        ]
        .into_iter()
        .find(|(class, _)| triples.has_type(event, *class))
        .map_or(MeetingKind::Meeting, |(_, kind)| kind);
        let mut participants: Vec<Entity> = triples.iris(event, gk::PARTICIPANT).map(|p| triples.entity(p)).collect();
        participants.sort_by(|a, b| (&a.label, &a.id).cmp(&(&b.label, &b.id)));
        meetings.push(Meeting {
            kind,
            participants,
            visitor: triples.iri(event, gk::VISITOR).map(|v| triples.entity(v)),
            host: triples.iri(event, gk::HOST).map(|h| triples.entity(h)),
            place: triples.iri(event, sem::HAS_PLACE).map(|p| triples.entity(p)),
            date: triples.date(event),
            status,
            evidence: triples.evidence(event),
        });
    }
    meetings
}

fn read_transfers(triples: &Graph<'_>) -> Vec<Transfer> {
    let mut transfers = Vec::new();
    for event in triples.subjects_of_type(gk::TRANSFER) {
        let (Some(supplier), Some(recipient), Some(status)) =
            (triples.iri(event, gk::SUPPLIER), triples.iri(event, gk::RECIPIENT), triples.status(event))
        else {
            continue;
        };
        let item = triples
            .iri(event, gk::ITEM_PROPERTY)
            .and_then(|item| triples.text(item, rdfs::LABEL))
            .unwrap_or_default()
            .to_owned();
        transfers.push(Transfer {
            supplier: triples.entity(supplier),
            recipient: triples.entity(recipient),
            item,
            category: triples.iri(event, gk::CATEGORY).and_then(category_of_concept).unwrap_or(TransferCategory::Other),
            status,
            date: triples.date(event),
            evidence: triples.evidence(event),
        });
    }
    transfers
}

fn read_leaders(triples: &Graph<'_>) -> Vec<Leader> {
    let mut leaders = Vec::new();
    for holding in triples.subjects_of_type(gk::OFFICE_HOLDING) {
        let (Some(person), Some(state)) = (triples.iri(holding, org::MEMBER), triples.iri(holding, org::ORGANIZATION))
        else {
            continue;
        };
        leaders.push(Leader {
            person: triples.entity(person),
            state: triples.entity(state),
            role: triples.text(holding, gk::ROLE_LABEL).unwrap_or_default().to_owned(),
            former: triples.text(holding, gk::FORMER) == Some("true"),
            evidence: triples.evidence(holding),
        });
    }
    leaders
}

/// Where a merged fact was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The document's source (URL or path).
    pub document: String,
    /// The document's publication date.
    pub published: Option<PartialDate>,
    /// The evidence in that document, by offset.
    pub evidence: Vec<Evidence>,
}

/// A fact with every document that supports it.
#[derive(Debug, Clone, PartialEq)]
pub struct Sourced<T> {
    /// The fact as the first document (by source) states it.
    pub fact: T,
    /// The supporting documents, sorted by source.
    pub sources: Vec<Source>,
}

/// The merged facts of many documents: one entry per distinct fact, with its sources.
///
/// A fact is distinct by its IRI and status: a meeting reported as planned by one article
/// and as having happened by another is two entries of one event.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    /// Meetings and phone calls.
    pub meetings: Vec<Sourced<Meeting>>,
    /// Transfers.
    pub transfers: Vec<Sourced<Transfer>>,
    /// Office holdings.
    pub leaders: Vec<Sourced<Leader>>,
    /// The number of documents merged.
    pub n_documents: usize,
}

impl Facts {
    /// Merges the extractions of documents (any order; the result is sorted).
    #[must_use]
    pub fn merge(documents: impl IntoIterator<Item = (DocumentRecord, Extraction)>) -> Self {
        let mut merger = FactsMerger::default();
        for (record, extraction) in documents {
            merger.add(&record, extraction);
        }
        merger.finish()
    }
}

/// Adds a source to the fact at `entry`, taking `fact`'s wording when its document comes first.
fn merge<K: Ord, T>(entry: std::collections::btree_map::Entry<'_, K, Sourced<T>>, fact: T, source: Source) {
    use std::collections::btree_map::Entry;
    match entry {
        Entry::Vacant(vacant) => {
            vacant.insert(Sourced { fact, sources: vec![source] });
        }
        Entry::Occupied(mut occupied) => {
            let sourced = occupied.get_mut();
            if sourced.sources.iter().all(|known| source.document < known.document) {
                sourced.fact = fact;
            }
            sourced.sources.push(source);
        }
    }
}

impl From<Facts> for FactsMerger {
    /// Merged facts made mergeable again, to add or remove documents.
    fn from(facts: Facts) -> Self {
        Self {
            meetings: facts.meetings.into_iter().map(|s| ((s.fact.iri(), s.fact.status), s)).collect(),
            transfers: facts.transfers.into_iter().map(|s| ((s.fact.iri(), s.fact.status), s)).collect(),
            leaders: facts.leaders.into_iter().map(|s| (s.fact.iri(), s)).collect(),
            n_documents: facts.n_documents,
        }
    }
}

/// Merges documents' extractions one at a time, so that a store of any size is read with the
/// memory of the merged facts and one document: what [`Facts::merge`] does, streamed.
#[derive(Debug, Default)]
pub struct FactsMerger {
    meetings: BTreeMap<(String, crate::Status), Sourced<Meeting>>,
    transfers: BTreeMap<(String, crate::Status), Sourced<Transfer>>,
    leaders: BTreeMap<String, Sourced<Leader>>,
    n_documents: usize,
}

impl FactsMerger {
    /// Adds one document's facts. Where documents word one fact differently (a transfer's item),
    /// the fact reads as the document first by source states it, whatever the order of adding.
    pub fn add(&mut self, record: &DocumentRecord, extraction: Extraction) {
        self.n_documents += 1;
        let source =
            |evidence: Vec<Evidence>| Source { document: record.source.clone(), published: record.published, evidence };
        for mut meeting in extraction.meetings {
            let evidence = std::mem::take(&mut meeting.evidence);
            let key = (meeting.iri(), meeting.status);
            merge(self.meetings.entry(key), meeting, source(evidence));
        }
        for mut transfer in extraction.transfers {
            let evidence = std::mem::take(&mut transfer.evidence);
            let key = (transfer.iri(), transfer.status);
            merge(self.transfers.entry(key), transfer, source(evidence));
        }
        for mut leader in extraction.leaders {
            let evidence = std::mem::take(&mut leader.evidence);
            merge(self.leaders.entry(leader.iri()), leader, source(evidence));
        }
    }

    /// Takes documents out again: their sources leave every fact, and a fact no other document
    /// supports goes. Each source must name a document added before (directly or through
    /// [`FactsMerger::from`]). A fact keeps the wording it has even when the document that gave
    /// it leaves; a full merge would take the next document's.
    pub fn remove(&mut self, sources: &std::collections::BTreeSet<String>) {
        fn prune<K: Ord, T>(facts: &mut BTreeMap<K, Sourced<T>>, sources: &std::collections::BTreeSet<String>) {
            facts.retain(|_, sourced| {
                sourced.sources.retain(|source| !sources.contains(&source.document));
                !sourced.sources.is_empty()
            });
        }
        if sources.is_empty() {
            return;
        }
        prune(&mut self.meetings, sources);
        prune(&mut self.transfers, sources);
        prune(&mut self.leaders, sources);
        self.n_documents = self.n_documents.saturating_sub(sources.len());
    }

    /// The merged facts, each fact's sources in the order of their documents' sources.
    #[must_use]
    pub fn finish(self) -> Facts {
        fn sorted<T>(facts: impl Iterator<Item = Sourced<T>>) -> Vec<Sourced<T>> {
            facts
                .map(|mut sourced| {
                    sourced.sources.sort_by(|a, b| a.document.cmp(&b.document));
                    sourced
                })
                .collect()
        }
        Facts {
            meetings: sorted(self.meetings.into_values()),
            transfers: sorted(self.transfers.into_values()),
            leaders: sorted(self.leaders.into_values()),
            n_documents: self.n_documents,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Status, iri};

    fn evidence(sentence: &str, start: usize) -> Evidence {
        Evidence {
            sentence: sentence.into(),
            start,
            end: start + sentence.chars().count(),
            rule: "r".into(),
            confidence: 0.75,
        }
    }

    fn sample() -> (DocumentRecord, Extraction) {
        let putin = Entity::new("Vladimir Putin", EntityKind::Person, Some("Q7747"));
        let kim = Entity::new("Kim Jong Un", EntityKind::Person, Some("Q56226"));
        let russia = Entity::new("Russia", EntityKind::State, Some("Q159"));
        let iran = Entity::new("Iran", EntityKind::State, Some("Q794"));
        let vladivostok = Entity::new("Vladivostok", EntityKind::Place, None);
        let record = DocumentRecord {
            source: "examples/a.txt".into(),
            title: Some("A".into()),
            language: "de".into(),
            published: "2023-09-11".parse().ok(),
            content_hash: iri::content_hash("text"),
            ingested_at: "2026-12-01T00:00:00Z".into(),
            extractor_version: "test".into(),
            fetch: None,
        };
        let mut extraction = Extraction {
            document: DocumentInfo {
                source: record.source.clone(),
                language: "de".into(),
                published: record.published,
                title: record.title.clone(),
            },
            meetings: vec![Meeting {
                kind: MeetingKind::Visit,
                participants: vec![kim.clone(), putin.clone()],
                visitor: Some(kim),
                host: Some(putin.clone()),
                place: Some(vladivostok),
                date: "2019-04".parse().ok(),
                status: Status::Occurred,
                evidence: vec![evidence("Kim besuchte Putin.", 0), evidence("Das Treffen war kurz.", 20)],
            }],
            transfers: vec![Transfer {
                supplier: iran,
                recipient: russia.clone(),
                item: "Drohnen".into(),
                category: TransferCategory::Weapons,
                status: Status::Alleged,
                date: None,
                evidence: vec![evidence("Iran soll Drohnen geliefert haben.", 42)],
            }],
            leaders: vec![Leader {
                person: putin,
                state: russia,
                role: "President".into(),
                former: false,
                evidence: vec![evidence("Präsident Putin", 60)],
            }],
            entities: Vec::new(),
            notes: Vec::new(),
        };
        extraction.collect_entities();
        (record, extraction)
    }

    #[test]
    fn a_document_graph_reads_back_as_written() {
        let (record, extraction) = sample();
        let graph = record.iri();
        let mut quads = record.to_quads();
        quads.extend(extraction.to_quads(&graph));
        let (read_record, read_extraction) = from_quads(&graph, &quads).unwrap();
        assert_eq!(read_record, record);
        assert_eq!(read_extraction, extraction);
    }

    #[test]
    fn a_fetch_record_reads_back_as_written() {
        let (record, _) = sample();
        let record = DocumentRecord {
            source: "https://example.org/a?ref=feed".into(),
            fetch: Some(FetchRecord {
                requested_url: "https://example.org/a?ref=feed".into(),
                final_url: "https://example.org/a".into(),
                http_status: 200,
                fetched_at: "2026-12-01T00:00:00Z".into(),
                etag: Some("\"v1\"".into()),
                last_modified: Some("Tue, 01 Dec 2026 00:00:00 GMT".into()),
                canonical_url: Some("https://example.org/a".into()),
            }),
            ..record
        };
        let (read, _) = from_quads(&record.iri(), &record.to_quads()).unwrap();
        assert_eq!(read, record);
    }

    #[test]
    fn documents_leave_merged_facts_as_if_never_added() {
        let (record, extraction) = sample();
        let other = DocumentRecord { source: "examples/b.txt".into(), ..record.clone() };
        let mut only_transfer = extraction.clone();
        only_transfer.meetings.clear();
        only_transfer.leaders.clear();
        let both = Facts::merge([(record.clone(), extraction.clone()), (other.clone(), only_transfer.clone())]);
        let mut merger = FactsMerger::from(both);
        merger.remove(&std::collections::BTreeSet::from(["examples/a.txt".to_owned()]));
        assert_eq!(merger.finish(), Facts::merge([(other, only_transfer)]));
    }

    #[test]
    fn a_fact_reads_as_its_first_source_words_it_whatever_the_order() {
        let (record, extraction) = sample();
        let mut worded = extraction.clone();
        worded.transfers[0].item = "Kampfdrohnen".into();
        let other = DocumentRecord { source: "examples/0.txt".into(), ..record.clone() };
        let forward = Facts::merge([(record.clone(), extraction.clone()), (other.clone(), worded.clone())]);
        let backward = Facts::merge([(other, worded), (record, extraction)]);
        assert_eq!(forward, backward);
        assert_eq!(forward.transfers[0].fact.item, "Kampfdrohnen");
    }

    #[test]
    fn merging_counts_one_event_with_two_sources() {
        let (record, extraction) = sample();
        let other = DocumentRecord { source: "examples/b.txt".into(), ..record.clone() };
        let facts = Facts::merge([(record, extraction.clone()), (other, extraction)]);
        assert_eq!(facts.n_documents, 2);
        assert_eq!(facts.meetings.len(), 1);
        assert_eq!(facts.meetings[0].sources.len(), 2);
        assert_eq!(facts.meetings[0].sources[1].document, "examples/b.txt");
        assert_eq!(facts.transfers.len(), 1);
        assert_eq!(facts.leaders.len(), 1);
    }
}
