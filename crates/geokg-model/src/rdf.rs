//! Facts to RDF: what one document asserts, as quads in that document's named graph.
//!
//! Oxigraph has no reasoner, so every node gets its super-types written out (`a gk:Visit,
//! gk:Meeting, sem:Event, schema:Event`): `?m a gk:Meeting` finds visits without inference.
//! Nothing here is a blank node; every IRI comes from [`crate::iri`].

use crate::vocab::{RDF_TYPE, dcterms, gk, oa, org, owl, prov, rdfs, schema, sem};
use crate::{Entity, EntityKind, Evidence, Extraction, MeetingKind, PartialDate, Status, TransferCategory, iri};
use oxrdf::vocab::xsd;
use oxrdf::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, Term};

/// What is known about a document apart from its facts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocumentRecord {
    /// Where it came from: URL or path.
    pub source: String,
    /// The title.
    pub title: Option<String>,
    /// The language (ISO 639-1).
    pub language: String,
    /// The publication date.
    pub published: Option<PartialDate>,
    /// SHA-256 of the text, in hex.
    pub content_hash: String,
    /// When it was ingested, as an `xsd:dateTime` lexical form.
    pub ingested_at: String,
    /// The extractor version that read it.
    pub extractor_version: String,
    /// How it was fetched, for documents from the web.
    pub fetch: Option<FetchRecord>,
}

/// The provenance of a document fetched over HTTP.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FetchRecord {
    /// The URL asked for.
    pub requested_url: String,
    /// The URL answered after redirects.
    pub final_url: String,
    /// The HTTP status code.
    pub http_status: u16,
    /// When, as an `xsd:dateTime` lexical form.
    pub fetched_at: String,
    /// The `ETag` the server sent, for conditional requests.
    pub etag: Option<String>,
    /// The `Last-Modified` the server sent, for conditional requests.
    pub last_modified: Option<String>,
    /// The URL the page names as its own (`<link rel="canonical">`).
    pub canonical_url: Option<String>,
}

impl DocumentRecord {
    /// The IRI of the document, which also names its graph.
    #[must_use]
    pub fn iri(&self) -> String {
        iri::document(&self.source)
    }

    /// The document's metadata as quads in its own graph.
    #[must_use]
    pub fn to_quads(&self) -> Vec<Quad> {
        let doc = NamedNode::new_unchecked(self.iri());
        let mut out = Quads::new(&doc);
        out.types(&doc, &[gk::ARTICLE, schema::NEWS_ARTICLE, prov::ENTITY]);
        out.add(&doc, gk::SOURCE, Literal::new_simple_literal(&self.source));
        if (self.source.starts_with("http://") || self.source.starts_with("https://"))
            && let Ok(url) = NamedNode::new(&self.source)
        {
            out.add(&doc, schema::URL, url);
        }
        if let Some(title) = &self.title {
            out.add(&doc, dcterms::TITLE, Literal::new_simple_literal(title));
        }
        out.add(&doc, dcterms::LANGUAGE, Literal::new_simple_literal(&self.language));
        if let Some(published) = self.published {
            out.add(&doc, schema::DATE_PUBLISHED, date_literal(published));
        }
        out.add(&doc, gk::CONTENT_HASH, Literal::new_simple_literal(&self.content_hash));
        out.add(&doc, gk::INGESTED_AT, Literal::new_typed_literal(&self.ingested_at, xsd::DATE_TIME));
        out.add(&doc, gk::EXTRACTOR_VERSION, Literal::new_simple_literal(&self.extractor_version));
        if let Some(fetch) = &self.fetch {
            out.add(&doc, gk::REQUESTED_URL, Literal::new_simple_literal(&fetch.requested_url));
            if let Ok(url) = NamedNode::new(&fetch.final_url) {
                out.add(&doc, schema::URL, url);
            }
            out.add(&doc, gk::HTTP_STATUS, Literal::from(i64::from(fetch.http_status)));
            out.add(&doc, gk::FETCHED_AT, Literal::new_typed_literal(&fetch.fetched_at, xsd::DATE_TIME));
            if let Some(etag) = &fetch.etag {
                out.add(&doc, gk::ETAG, Literal::new_simple_literal(etag));
            }
            if let Some(last_modified) = &fetch.last_modified {
                out.add(&doc, gk::LAST_MODIFIED, Literal::new_simple_literal(last_modified));
            }
            if let Some(canonical) = &fetch.canonical_url {
                out.add(&doc, gk::CANONICAL_URL, Literal::new_simple_literal(canonical));
            }
        }
        out.items
    }
}

impl Extraction {
    /// Every fact as quads in the graph `graph` (the document's IRI), with evidence.
    /// ```
    /// # use geokg_model::{Extraction, iri};
    /// let graph = iri::document("example.txt");
    /// assert!(Extraction::default().to_quads(&graph).is_empty());
    /// ```
    #[must_use]
    pub fn to_quads(&self, graph: &str) -> Vec<Quad> {
        let doc = NamedNode::new_unchecked(graph);
        let mut out = Quads::new(&doc);
        let language = self.document.language.as_str();
        for entity in &self.entities {
            out.entity(entity);
        }
        for meeting in &self.meetings {
            let event = NamedNode::new_unchecked(meeting.iri());
            let class = match meeting.kind {
                MeetingKind::Meeting => gk::MEETING,
                MeetingKind::Visit => gk::VISIT,
                MeetingKind::Summit => gk::SUMMIT,
                MeetingKind::Talks => gk::TALKS,
                MeetingKind::PhoneCall => gk::PHONE_CALL,
            };
            out.types(&event, &[class, sem::EVENT, schema::EVENT]);
            if meeting.kind.is_meeting() && class != gk::MEETING {
                out.types(&event, &[gk::MEETING]);
            }
            for participant in &meeting.participants {
                let actor = NamedNode::new_unchecked(&participant.id);
                out.add(&event, gk::PARTICIPANT, actor.clone());
                out.add(&event, sem::HAS_ACTOR, actor);
            }
            if let Some(visitor) = &meeting.visitor {
                out.add(&event, gk::VISITOR, NamedNode::new_unchecked(&visitor.id));
            }
            if let Some(host) = &meeting.host {
                out.add(&event, gk::HOST, NamedNode::new_unchecked(&host.id));
            }
            if let Some(place) = &meeting.place {
                out.add(&event, sem::HAS_PLACE, NamedNode::new_unchecked(&place.id));
            }
            out.event_common(&event, meeting.date, meeting.status);
            out.evidence(&event, &meeting.evidence);
        }
        for transfer in &self.transfers {
            let event = NamedNode::new_unchecked(transfer.iri());
            out.types(&event, &[category_class(transfer.category), gk::TRANSFER, sem::EVENT, schema::EVENT]);
            let supplier = NamedNode::new_unchecked(&transfer.supplier.id);
            let recipient = NamedNode::new_unchecked(&transfer.recipient.id);
            out.add(&event, gk::SUPPLIER, supplier.clone());
            out.add(&event, gk::RECIPIENT, recipient.clone());
            out.add(&event, sem::HAS_ACTOR, supplier);
            out.add(&event, sem::HAS_ACTOR, recipient);
            out.add(&event, gk::CATEGORY, category_concept(transfer.category));
            if !transfer.item.is_empty() {
                let item = NamedNode::new_unchecked(iri::item(&transfer.item));
                out.add(&event, gk::ITEM_PROPERTY, item.clone());
                out.types(&item, &[gk::ITEM]);
                out.add(&item, rdfs::LABEL, tagged(&transfer.item, language));
            }
            out.event_common(&event, transfer.date, transfer.status);
            out.evidence(&event, &transfer.evidence);
        }
        for leader in &self.leaders {
            let holding = NamedNode::new_unchecked(leader.iri());
            out.types(&holding, &[gk::OFFICE_HOLDING, org::MEMBERSHIP]);
            out.add(&holding, org::MEMBER, NamedNode::new_unchecked(&leader.person.id));
            out.add(&holding, org::ORGANIZATION, NamedNode::new_unchecked(&leader.state.id));
            out.add(&holding, org::ROLE_PROPERTY, role_concept(&leader.role));
            out.add(&holding, gk::ROLE_LABEL, Literal::new_language_tagged_literal_unchecked(&leader.role, "en"));
            out.add(&holding, gk::FORMER, Literal::from(leader.former));
            out.evidence(&holding, &leader.evidence);
        }
        out.items
    }
}

/// The `schema:eventStatus` concept of a status.
#[must_use]
pub fn status_concept(status: Status) -> NamedNodeRef<'static> {
    match status {
        Status::Occurred => gk::OCCURRED,
        Status::Planned => gk::PLANNED,
        Status::Alleged => gk::ALLEGED,
        Status::Speculative => gk::SPECULATIVE,
        Status::Negated => gk::NEGATED,
    }
}

/// The status a concept IRI stands for.
#[must_use]
pub fn status_of_concept(iri: &str) -> Option<Status> {
    Status::ALL.into_iter().find(|status| status_concept(*status).as_str() == iri)
}

/// The `gk:category` concept of a category.
#[must_use]
pub fn category_concept(category: TransferCategory) -> NamedNodeRef<'static> {
    match category {
        TransferCategory::Weapons => gk::WEAPONS,
        TransferCategory::MilitaryTechnology => gk::MILITARY_TECHNOLOGY,
        TransferCategory::Technology => gk::TECHNOLOGY,
        TransferCategory::Economic => gk::ECONOMIC,
        TransferCategory::Humanitarian => gk::HUMANITARIAN,
        TransferCategory::Energy => gk::ENERGY,
        TransferCategory::Other => gk::OTHER_GOODS,
    }
}

/// The category a concept IRI stands for.
#[must_use]
pub fn category_of_concept(iri: &str) -> Option<TransferCategory> {
    TransferCategory::ALL.into_iter().find(|category| category_concept(*category).as_str() == iri)
}

/// The class of a transfer of this category.
#[must_use]
pub fn category_class(category: TransferCategory) -> NamedNodeRef<'static> {
    match category {
        TransferCategory::Weapons => gk::ARMS_TRANSFER,
        TransferCategory::MilitaryTechnology => gk::MILITARY_TECHNOLOGY_TRANSFER,
        TransferCategory::Technology => gk::TECHNOLOGY_TRANSFER,
        TransferCategory::Economic => gk::ECONOMIC_AID,
        TransferCategory::Humanitarian => gk::HUMANITARIAN_AID,
        TransferCategory::Energy => gk::ENERGY_SUPPLY,
        TransferCategory::Other => gk::OTHER_TRANSFER,
    }
}

/// The class of an entity kind.
#[must_use]
pub fn kind_class(kind: EntityKind) -> NamedNodeRef<'static> {
    match kind {
        EntityKind::Person => gk::PERSON,
        EntityKind::State => gk::STATE,
        EntityKind::Organization | EntityKind::Other => gk::ORGANIZATION,
        EntityKind::Place => gk::PLACE,
    }
}

/// The entity kind of a class IRI.
#[must_use]
pub fn kind_of_class(iri: &str) -> Option<EntityKind> {
    [EntityKind::Person, EntityKind::State, EntityKind::Organization, EntityKind::Place]
        .into_iter()
        .find(|kind| kind_class(*kind).as_str() == iri)
}

/// The role concept for an office named in English ("Deputy Foreign Minister" → Minister).
/// ```
/// # use geokg_model::rdf::role_concept;
/// # use geokg_model::vocab::gk;
/// assert_eq!(role_concept("Foreign Minister"), gk::FOREIGN_MINISTER);
/// assert_eq!(role_concept("President of the Bundestag"), gk::PARLIAMENT_PRESIDENT);
/// assert_eq!(role_concept("Chancellor"), gk::HEAD_OF_GOVERNMENT);
/// ```
#[must_use]
pub fn role_concept(role: &str) -> NamedNodeRef<'static> {
    let role = role.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|word| role.contains(word));
    if has(&["speaker", "parliament", "bundestag", "duma", "assembly", "congress", "senate"]) {
        gk::PARLIAMENT_PRESIDENT
    } else if has(&["ambassador", "envoy"]) {
        gk::AMBASSADOR
    } else if has(&["spokes"]) {
        gk::SPOKESPERSON
    } else if has(&["advis", "diplomat"]) {
        gk::ADVISER
    } else if has(&["deputy", "vice", "state secretary"]) && has(&["minister", "secretary"]) {
        gk::MINISTER
    } else if has(&["foreign", "secretary of state", "external affairs"]) {
        gk::FOREIGN_MINISTER
    } else if has(&["defence", "defense", "war"]) {
        gk::DEFENCE_MINISTER
    } else if has(&["vice", "deputy"]) {
        gk::DEPUTY_HEAD
    } else if has(&["prime minister", "chancellor", "premier", "head of government"]) {
        gk::HEAD_OF_GOVERNMENT
    } else if has(&["minister", "secretary"]) {
        gk::MINISTER
    } else if has(&[
        "president",
        "king",
        "queen",
        "emir",
        "leader",
        "monarch",
        "sultan",
        "head of state",
        "pope",
        "emperor",
        "crown prince",
    ]) {
        gk::HEAD_OF_STATE
    } else {
        gk::OTHER_OFFICE
    }
}

/// The literal for a date at its precision: `xsd:gYear`, `xsd:gYearMonth` or `xsd:date`.
#[must_use]
pub fn date_literal(date: PartialDate) -> Literal {
    let datatype = match date.xsd_type() {
        "gYear" => xsd::G_YEAR,
        "gYearMonth" => xsd::G_YEAR_MONTH,
        _ => xsd::DATE,
    };
    Literal::new_typed_literal(date.to_string(), datatype)
}

fn tagged(text: &str, language: &str) -> Literal {
    let language = if language.is_empty() || language == "und" { "en" } else { language };
    Literal::new_language_tagged_literal(text, language).unwrap_or_else(|_| Literal::new_simple_literal(text))
}

/// Collects quads into one graph.
struct Quads {
    graph: GraphName,
    document: NamedNode,
    items: Vec<Quad>,
}

impl Quads {
    fn new(document: &NamedNode) -> Self {
        Self { graph: GraphName::NamedNode(document.clone()), document: document.clone(), items: Vec::new() }
    }

    fn add(&mut self, subject: &NamedNode, predicate: NamedNodeRef<'_>, object: impl Into<Term>) {
        self.items.push(Quad::new(subject.clone(), predicate, object, self.graph.clone()));
    }

    fn types(&mut self, subject: &NamedNode, classes: &[NamedNodeRef<'_>]) {
        for class in classes {
            self.add(subject, RDF_TYPE, *class);
        }
    }

    fn entity(&mut self, entity: &Entity) {
        let node = NamedNode::new_unchecked(&entity.id);
        let (schema_class, sem_class) = match entity.kind {
            EntityKind::Person => (schema::PERSON, sem::ACTOR),
            EntityKind::State => (schema::COUNTRY, sem::ACTOR),
            EntityKind::Organization | EntityKind::Other => (schema::ORGANIZATION, sem::ACTOR),
            EntityKind::Place => (schema::PLACE, sem::PLACE),
        };
        self.types(&node, &[kind_class(entity.kind), schema_class, sem_class]);
        self.add(&node, rdfs::LABEL, Literal::new_language_tagged_literal_unchecked(&entity.label, "en"));
        if let Some(qid) = &entity.wikidata {
            self.add(&node, owl::SAME_AS, NamedNode::new_unchecked(iri::wikidata(qid)));
        }
    }

    fn event_common(&mut self, event: &NamedNode, date: Option<PartialDate>, status: Status) {
        if let Some(date) = date {
            self.add(event, sem::HAS_BEGIN_TIME_STAMP, date_literal(date));
        }
        self.add(event, schema::EVENT_STATUS, status_concept(status));
    }

    fn evidence(&mut self, fact: &NamedNode, evidence: &[Evidence]) {
        for item in evidence {
            let node = NamedNode::new_unchecked(iri::evidence(
                self.document.as_str(),
                fact.as_str(),
                item.start,
                item.end,
                &item.rule,
            ));
            self.add(fact, gk::EVIDENCE_PROPERTY, node.clone());
            self.types(&node, &[gk::EVIDENCE, oa::TEXT_QUOTE_SELECTOR, oa::TEXT_POSITION_SELECTOR]);
            self.add(&node, oa::EXACT, Literal::new_simple_literal(&item.sentence));
            self.add(&node, oa::START, Literal::from(item.start as i64));
            self.add(&node, oa::END, Literal::from(item.end as i64));
            self.add(&node, gk::RULE, Literal::new_simple_literal(&item.rule));
            self.add(
                &node,
                gk::CONFIDENCE,
                Literal::new_typed_literal(format!("{:.2}", item.confidence), xsd::DECIMAL),
            );
            let document = self.document.clone();
            self.add(&node, prov::WAS_QUOTED_FROM, document);
        }
    }
}

/// RDF syntaxes geokg writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// Turtle: the triples, graph names dropped.
    Turtle,
    /// `TriG`: the quads with their graphs.
    Trig,
    /// N-Quads: one quad a line.
    NQuads,
}

/// Writes quads with geokg's prefixes.
pub fn write(quads: &[Quad], syntax: Syntax, writer: impl std::io::Write) -> std::io::Result<()> {
    let format = match syntax {
        Syntax::Turtle => oxrdfio::RdfFormat::Turtle,
        Syntax::Trig => oxrdfio::RdfFormat::TriG,
        Syntax::NQuads => oxrdfio::RdfFormat::NQuads,
    };
    let mut serializer = oxrdfio::RdfSerializer::from_format(format);
    if syntax != Syntax::NQuads {
        for (prefix, iri) in crate::vocab::PREFIXES {
            serializer = serializer.with_prefix(*prefix, *iri).map_err(std::io::Error::other)?;
        }
    }
    let mut serializer = serializer.for_writer(writer);
    for quad in quads {
        if syntax == Syntax::Turtle {
            serializer.serialize_triple(oxrdf::TripleRef::new(&quad.subject, &quad.predicate, &quad.object))?;
        } else {
            serializer.serialize_quad(quad)?;
        }
    }
    serializer.finish()?;
    Ok(())
}
