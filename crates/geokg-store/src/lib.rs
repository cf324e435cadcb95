#![doc = include_str!("../README.md")]

mod error;
mod named;
mod query;

pub use error::StoreError;
pub use named::NamedQuery;
pub use query::{QueryFormat, QueryOutput};

use geokg_model::vocab::{RDF_TYPE, gk};
use geokg_model::{DocumentRecord, Extraction, Facts, FactsMerger, FetchRecord, read};
use oxigraph::model::{GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, Quad, Term};
use oxigraph::store::Store as Oxigraph;
#[cfg(feature = "rocksdb")]
use std::path::Path;
use std::path::PathBuf;

/// The graph holding geokg's ontology, so queries can read labels and class hierarchies.
pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/geokg/ns";

/// Where a store lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// In memory, gone when the process ends (tests, `extract`).
    Memory,
    /// An embedded Oxigraph (RocksDB) folder.
    Path(PathBuf),
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Memory => f.write_str("(memory)"),
            Self::Path(path) => write!(f, "{}", path.display()),
        }
    }
}

/// What ingesting a document did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IngestOutcome {
    /// The source was not in the store before.
    New,
    /// The same content was already stored by the same extractor: nothing changed.
    Unchanged,
    /// The source was stored with other content (or an older extractor) and was replaced.
    Replaced,
}

/// The knowledge graph: one named graph per document, plus the ontology.
///
/// Nothing outside this crate knows the backend is Oxigraph on RocksDB; every method speaks
/// in geokg's facts, SPARQL text and serialised results, so that a remote SPARQL server can
/// stand behind the same interface.
/// ```
/// # use geokg_store::Store;
/// let store = Store::in_memory().unwrap();
/// assert_eq!(store.stats().unwrap().documents, 0);
/// ```
pub struct Store {
    inner: Oxigraph,
    location: Location,
}

/// Counts of what the store holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    /// Documents ingested.
    pub documents: u64,
    /// Distinct meeting events (not phone calls).
    pub meetings: u64,
    /// Distinct phone calls.
    pub phone_calls: u64,
    /// Distinct transfer events.
    pub transfers: u64,
    /// Distinct office holdings.
    pub leaders: u64,
    /// Distinct persons.
    pub persons: u64,
    /// Distinct states.
    pub states: u64,
    /// Distinct organisations.
    pub organizations: u64,
    /// Distinct places.
    pub places: u64,
    /// Quads in the store, ontology included.
    pub quads: u64,
}

impl Store {
    /// Opens the store at `path` for reading and writing, creating it when `create` is set.
    #[cfg(feature = "rocksdb")]
    pub fn open(path: &Path, create: bool) -> Result<Self, StoreError> {
        if !create && !path.exists() {
            return Err(StoreError::NotFound { path: path.to_owned() });
        }
        let inner = Oxigraph::open(path).map_err(|source| StoreError::open(path, source))?;
        let store = Self { inner, location: Location::Path(path.to_owned()) };
        store.ensure_ontology()?;
        Ok(store)
    }

    /// Opens the store at `path` for reading only; another process may be writing it.
    #[cfg(feature = "rocksdb")]
    pub fn open_read_only(path: &Path) -> Result<Self, StoreError> {
        if !path.join("CURRENT").exists() {
            return Err(StoreError::NotFound { path: path.to_owned() });
        }
        let inner = Oxigraph::open_read_only(path).map_err(|source| StoreError::open(path, source))?;
        Ok(Self { inner, location: Location::Path(path.to_owned()) })
    }

    /// A new, empty store in memory.
    pub fn in_memory() -> Result<Self, StoreError> {
        let inner = Oxigraph::new().map_err(StoreError::Storage)?;
        let store = Self { inner, location: Location::Memory };
        store.ensure_ontology()?;
        Ok(store)
    }

    /// Where the store lives.
    #[must_use]
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// Whether `source` is stored with this content hash by this extractor version, so that
    /// ingesting it again would change nothing (callers skip extraction then).
    pub fn is_unchanged(&self, source: &str, content_hash: &str, extractor_version: &str) -> Result<bool, StoreError> {
        let graph = NamedNode::new_unchecked(geokg_model::iri::document(source));
        let value = |predicate: NamedNodeRef<'_>| -> Result<Option<String>, StoreError> {
            let quad = self
                .inner
                .quads_for_pattern(Some(graph.as_ref().into()), Some(predicate), None, Some(graph.as_ref().into()))
                .next()
                .transpose()
                .map_err(StoreError::Storage)?;
            Ok(quad.and_then(|quad| match quad.object {
                Term::Literal(literal) => Some(literal.value().to_owned()),
                _ => None,
            }))
        };
        Ok(value(gk::CONTENT_HASH)?.as_deref() == Some(content_hash)
            && value(gk::EXTRACTOR_VERSION)?.as_deref() == Some(extractor_version))
    }

    /// Whether a document with this source is stored.
    pub fn has_source(&self, source: &str) -> Result<bool, StoreError> {
        let graph = NamedNode::new_unchecked(geokg_model::iri::document(source));
        self.inner.contains_named_graph(NamedOrBlankNodeRef::from(graph.as_ref())).map_err(StoreError::Storage)
    }

    /// How the document with this source was fetched over HTTP, when it was: the validators of
    /// the record make the next fetch conditional.
    pub fn fetch_record(&self, source: &str) -> Result<Option<FetchRecord>, StoreError> {
        let graph_iri = geokg_model::iri::document(source);
        let graph = NamedNode::new_unchecked(graph_iri.clone());
        // The document node's own statements are enough; its facts are not read.
        let quads: Vec<Quad> = self
            .inner
            .quads_for_pattern(Some(graph.as_ref().into()), None, None, Some(graph.as_ref().into()))
            .collect::<Result<_, _>>()
            .map_err(StoreError::Storage)?;
        Ok(read::from_quads(&graph_iri, &quads).and_then(|(record, _)| record.fetch))
    }

    /// Stores what a document asserts, in one transaction: its graph is replaced whole, or,
    /// when the same content was stored by the same extractor, left alone.
    /// Returns the outcome and the number of quads written.
    pub fn ingest(
        &self,
        record: &DocumentRecord,
        extraction: &Extraction,
    ) -> Result<(IngestOutcome, usize), StoreError> {
        if self.is_unchanged(&record.source, &record.content_hash, &record.extractor_version)? {
            return Ok((IngestOutcome::Unchanged, 0));
        }
        let graph_iri = record.iri();
        let graph = NamedNode::new_unchecked(graph_iri.clone());
        let mut quads = record.to_quads();
        quads.extend(extraction.to_quads(&graph_iri));
        let write = |source| StoreError::Write { document: record.source.clone(), source };
        let mut transaction = self.inner.start_transaction().map_err(write)?;
        let existed = transaction.contains_named_graph(NamedOrBlankNodeRef::from(graph.as_ref())).map_err(write)?;
        if existed {
            transaction.remove_named_graph(graph.as_ref()).map_err(write)?;
        }
        transaction.insert_named_graph(graph.as_ref());
        transaction.extend(quads.iter());
        transaction.commit().map_err(write)?;
        let outcome = if existed { IngestOutcome::Replaced } else { IngestOutcome::New };
        Ok((outcome, quads.len()))
    }

    /// Removes a document (by its source, or its graph IRI) and every fact only it supported.
    /// Returns whether the document was in the store.
    pub fn forget(&self, source: &str) -> Result<bool, StoreError> {
        let graph_iri = if source.starts_with(geokg_model::iri::ID_BASE) {
            source.to_owned()
        } else {
            geokg_model::iri::document(source)
        };
        let graph = NamedNode::new(graph_iri).map_err(|e| StoreError::Query { message: e.to_string() })?;
        let write = |source| StoreError::Write { document: graph.to_string(), source };
        let mut transaction = self.inner.start_transaction().map_err(write)?;
        if !transaction.contains_named_graph(NamedOrBlankNodeRef::from(graph.as_ref())).map_err(write)? {
            return Ok(false);
        }
        transaction.remove_named_graph(graph.as_ref()).map_err(write)?;
        transaction.commit().map_err(write)?;
        Ok(true)
    }

    /// A key that changes whenever the set of documents or their content changes: the hash of
    /// every document graph's name, content hash and extractor version. Derived data (the graph
    /// view's cache) is keyed by it.
    pub fn state_key(&self) -> Result<String, StoreError> {
        let mut entries = Vec::new();
        for predicate in [gk::CONTENT_HASH, gk::EXTRACTOR_VERSION] {
            for quad in self.inner.quads_for_pattern(None, Some(predicate), None, None) {
                let quad = quad.map_err(StoreError::Storage)?;
                entries.push(format!("{} {} {}", quad.graph_name, quad.predicate, quad.object));
            }
        }
        entries.sort();
        Ok(geokg_model::iri::content_hash(&entries.join("\n")))
    }

    /// The sources of every stored document, sorted.
    pub fn sources(&self) -> Result<Vec<String>, StoreError> {
        let mut sources = Vec::new();
        for quad in self.inner.quads_for_pattern(None, Some(gk::SOURCE), None, None) {
            let quad = quad.map_err(StoreError::Storage)?;
            if let Term::Literal(literal) = quad.object {
                sources.push(literal.value().to_owned());
            }
        }
        sources.sort();
        sources.dedup();
        Ok(sources)
    }

    /// Every stored document read back into its record and facts, sorted by source.
    pub fn documents(&self) -> Result<Vec<(DocumentRecord, Extraction)>, StoreError> {
        let mut documents = Vec::new();
        self.for_each_document(|record, extraction| documents.push((record, extraction)))?;
        documents.sort_by(|a, b| a.0.source.cmp(&b.0.source));
        Ok(documents)
    }

    /// Reads every stored document back, one at a time, in no particular order: a store of any
    /// size is read with the memory of one document.
    pub fn for_each_document(&self, mut f: impl FnMut(DocumentRecord, Extraction)) -> Result<(), StoreError> {
        let mut quads = Vec::new();
        for graph in self.inner.named_graphs() {
            let graph = graph.map_err(StoreError::Storage)?;
            let oxigraph::model::NamedOrBlankNode::NamedNode(graph) = graph else { continue };
            if graph.as_str() == ONTOLOGY_GRAPH {
                continue;
            }
            quads.clear();
            for quad in self.inner.quads_for_pattern(None, None, None, Some(graph.as_ref().into())) {
                quads.push(quad.map_err(StoreError::Storage)?);
            }
            if let Some((record, extraction)) = read::from_quads(graph.as_str(), &quads) {
                f(record, extraction);
            }
        }
        Ok(())
    }

    /// Every fact, merged across documents, with its sources.
    pub fn facts(&self) -> Result<Facts, StoreError> {
        let mut merger = FactsMerger::default();
        self.for_each_document(|record, extraction| merger.add(&record, extraction))?;
        Ok(merger.finish())
    }

    /// Counts of documents, events and entities.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let count = |class: &str| -> Result<u64, StoreError> {
            let sparql = format!(
                "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH ?g {{ ?x a <{class}> }} FILTER(?g != <{ONTOLOGY_GRAPH}>) }}"
            );
            match self.query(&sparql, &[])? {
                QueryOutput::Solutions { rows, .. } => Ok(rows
                    .first()
                    .and_then(|row| row.first().cloned().flatten())
                    .and_then(|term| match term {
                        Term::Literal(literal) => literal.value().parse().ok(),
                        _ => None,
                    })
                    .unwrap_or_default()),
                _ => Ok(0),
            }
        };
        Ok(Stats {
            documents: count(gk::ARTICLE.as_str())?,
            meetings: count(gk::MEETING.as_str())?,
            phone_calls: count(gk::PHONE_CALL.as_str())?,
            transfers: count(gk::TRANSFER.as_str())?,
            leaders: count(gk::OFFICE_HOLDING.as_str())?,
            persons: count(gk::PERSON.as_str())?,
            states: count(gk::STATE.as_str())?,
            organizations: count(gk::ORGANIZATION.as_str())?,
            places: count(gk::PLACE.as_str())?,
            quads: self.len()?,
        })
    }

    /// The number of quads, ontology included.
    pub fn len(&self) -> Result<u64, StoreError> {
        Ok(self.inner.len().map_err(StoreError::Storage)? as u64)
    }

    /// Whether the store holds no documents.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.sources()?.is_empty())
    }

    /// Writes every quad (documents and ontology) as TriG or N-Quads, for loading elsewhere.
    pub fn dump(&self, format: DumpFormat, writer: impl std::io::Write) -> Result<(), StoreError> {
        let serializer = match format {
            DumpFormat::Trig => {
                let mut serializer = oxigraph::io::RdfSerializer::from_format(oxigraph::io::RdfFormat::TriG);
                for (prefix, iri) in geokg_model::vocab::PREFIXES {
                    serializer = serializer
                        .with_prefix(*prefix, *iri)
                        .map_err(|e| StoreError::Query { message: e.to_string() })?;
                }
                serializer
            }
            DumpFormat::NQuads => oxigraph::io::RdfSerializer::from_format(oxigraph::io::RdfFormat::NQuads),
        };
        self.inner.dump_to_writer(serializer, writer).map_err(|e| StoreError::Serialize(e.into()))?;
        Ok(())
    }

    /// Loads quads with Oxigraph's bulk loader: fast, not one transaction per document.
    /// Used by the ingest benchmark to compare against transactional ingest.
    pub fn bulk_load(&self, quads: Vec<Quad>) -> Result<(), StoreError> {
        let mut loader = self.inner.bulk_loader();
        loader.load_quads(quads).map_err(|e| StoreError::Write { document: "(bulk)".into(), source: e })?;
        loader.commit().map_err(|e| StoreError::Write { document: "(bulk)".into(), source: e })
    }

    /// Writes the ontology into its graph when it is missing or differs from the built-in one.
    fn ensure_ontology(&self) -> Result<(), StoreError> {
        let graph = NamedNode::new_unchecked(ONTOLOGY_GRAPH);
        let hash = geokg_model::iri::content_hash(geokg_model::ONTOLOGY);
        let marker = Quad::new(
            graph.clone(),
            gk::CONTENT_HASH,
            Literal::new_simple_literal(&hash),
            GraphName::NamedNode(graph.clone()),
        );
        if self.inner.contains(&marker).map_err(StoreError::Storage)? {
            return Ok(());
        }
        let parser = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
            .with_default_graph(GraphNameRef::NamedNode(graph.as_ref()));
        let quads: Vec<Quad> = parser
            .for_slice(geokg_model::ONTOLOGY.as_bytes())
            .collect::<Result<_, _>>()
            .map_err(|e| StoreError::Query { message: format!("the built-in ontology does not parse: {e}") })?;
        let write = |source| StoreError::Write { document: ONTOLOGY_GRAPH.into(), source };
        let mut transaction = self.inner.start_transaction().map_err(write)?;
        transaction.remove_named_graph(graph.as_ref()).map_err(write)?;
        transaction.insert_named_graph(graph.as_ref());
        transaction.extend(quads.iter());
        transaction.insert(&marker);
        transaction.commit().map_err(write)?;
        // Keep the type of the graph itself out of document counts.
        debug_assert!(!quads.iter().any(|q| q.predicate == RDF_TYPE && q.object == Term::from(gk::ARTICLE)));
        Ok(())
    }
}

/// How `dump` writes the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DumpFormat {
    /// TriG, with prefixes: readable.
    Trig,
    /// N-Quads: one quad a line, for bulk loaders.
    NQuads,
}
