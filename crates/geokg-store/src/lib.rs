#![doc = include_str!("../README.md")]

mod error;
mod named;
mod query;
mod remote;

pub use error::StoreError;
pub use named::NamedQuery;
pub use query::{QueryFormat, QueryOutput};
pub use remote::{RemoteOptions, StoreKind, read_credentials};

use geokg_model::vocab::{RDF_TYPE, gk};
use geokg_model::{DocumentRecord, Extraction, Facts, FactsMerger, FetchRecord, read};
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Quad, Term,
};
use oxigraph::store::{StorageError, Store as Oxigraph};
#[cfg(feature = "rocksdb")]
use std::path::Path;
use std::path::PathBuf;

/// The graph holding geokg's ontology, so queries can read labels and class hierarchies.
pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/geokg/ns";

/// The graph where the store describes itself: its revision ([`Store::revision`]).
pub const STORE_GRAPH: &str = "https://w3id.org/geokg/id/store";

/// The start of every document graph's IRI (`geokg_model::iri::document`).
pub(crate) const DOCUMENT_GRAPHS: &str = "https://w3id.org/geokg/id/doc/";

/// Where a store lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// In memory, gone when the process ends (tests, `extract`).
    Memory,
    /// An embedded Oxigraph (RocksDB) folder.
    Path(PathBuf),
    /// A SPARQL 1.1 server: its URL, as given to `--store`.
    Remote(String),
}

impl Location {
    /// What a `--store` value names: an `http://` or `https://` URL is a SPARQL server,
    /// anything else a folder.
    /// ```
    /// # use geokg_store::Location;
    /// assert_eq!(Location::parse("http://localhost:7878"), Location::Remote("http://localhost:7878".into()));
    /// assert_eq!(Location::parse("geokg.db"), Location::Path("geokg.db".into()));
    /// ```
    #[must_use]
    pub fn parse(spec: &str) -> Self {
        let lower = spec.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            Self::Remote(spec.to_owned())
        } else {
            Self::Path(PathBuf::from(spec))
        }
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Memory => f.write_str("(memory)"),
            Self::Path(path) => write!(f, "{}", path.display()),
            Self::Remote(url) => f.write_str(url),
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
/// Nothing outside this crate knows the backend — Oxigraph in this process (in memory or on
/// RocksDB) or a SPARQL 1.1 server ([`Store::open_remote`]); every method speaks in geokg's
/// facts, SPARQL text and results, and answers the same on both.
/// ```
/// # use geokg_store::Store;
/// let store = Store::in_memory().unwrap();
/// assert_eq!(store.stats().unwrap().documents, 0);
/// ```
pub struct Store {
    backend: Backend,
    location: Location,
}

/// Where the quads are: an Oxigraph in this process, or a SPARQL server.
enum Backend {
    Embedded(Oxigraph),
    Remote(remote::Remote),
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
        let store = Self { backend: Backend::Embedded(inner), location: Location::Path(path.to_owned()) };
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
        Ok(Self { backend: Backend::Embedded(inner), location: Location::Path(path.to_owned()) })
    }

    /// A new, empty store in memory.
    pub fn in_memory() -> Result<Self, StoreError> {
        let inner = Oxigraph::new().map_err(StoreError::Storage)?;
        let store = Self { backend: Backend::Embedded(inner), location: Location::Memory };
        store.ensure_ontology()?;
        Ok(store)
    }

    /// Opens the store on the SPARQL server at `url` for reading and writing: finds its
    /// endpoints (detecting the server kind unless `options` gives it) and writes geokg's
    /// ontology graph when it is missing or outdated.
    pub fn open_remote(url: &str, options: &RemoteOptions) -> Result<Self, StoreError> {
        let store = Self::open_remote_read_only(url, options)?;
        store.ensure_ontology()?;
        Ok(store)
    }

    /// Opens the store on the SPARQL server at `url` without writing anything, so a
    /// read-only endpoint answers every listing and query.
    pub fn open_remote_read_only(url: &str, options: &RemoteOptions) -> Result<Self, StoreError> {
        if url.split('/').nth(2).is_some_and(|authority| authority.contains('@')) {
            return Err(StoreError::Config {
                message:
                    "the store URL holds credentials; give them in GEOKG_STORE_USER and GEOKG_STORE_PASSWORD instead"
                        .into(),
            });
        }
        let remote = remote::Remote::connect(url, options)?;
        Ok(Self { backend: Backend::Remote(remote), location: Location::Remote(url.to_owned()) })
    }

    /// The kind of SPARQL server behind a remote store, `None` for an embedded one.
    #[must_use]
    pub fn remote_kind(&self) -> Option<StoreKind> {
        match &self.backend {
            Backend::Embedded(_) => None,
            Backend::Remote(remote) => Some(remote.kind()),
        }
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
        let inner = match &self.backend {
            Backend::Embedded(inner) => inner,
            Backend::Remote(remote) => {
                let (hash, version) = remote.document_version(graph.as_str())?;
                return Ok(hash.as_deref() == Some(content_hash) && version.as_deref() == Some(extractor_version));
            }
        };
        let value = |predicate: NamedNodeRef<'_>| -> Result<Option<String>, StoreError> {
            let quad = inner
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
        match &self.backend {
            Backend::Embedded(inner) => {
                inner.contains_named_graph(NamedOrBlankNodeRef::from(graph.as_ref())).map_err(StoreError::Storage)
            }
            Backend::Remote(remote) => remote.has_graph(graph.as_str()),
        }
    }

    /// How the document with this source was fetched over HTTP, when it was: the validators of
    /// the record make the next fetch conditional.
    pub fn fetch_record(&self, source: &str) -> Result<Option<FetchRecord>, StoreError> {
        let graph_iri = geokg_model::iri::document(source);
        let graph = NamedNode::new_unchecked(graph_iri.clone());
        // The document node's own statements are enough; its facts are not read.
        let quads: Vec<Quad> = match &self.backend {
            Backend::Embedded(inner) => inner
                .quads_for_pattern(Some(graph.as_ref().into()), None, None, Some(graph.as_ref().into()))
                .collect::<Result<_, _>>()
                .map_err(StoreError::Storage)?,
            Backend::Remote(remote) => remote
                .graph_quads(std::slice::from_ref(&graph_iri))?
                .into_iter()
                .filter(|quad| quad.subject == NamedOrBlankNode::from(graph.clone()))
                .collect(),
        };
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
        let inner = match &self.backend {
            Backend::Embedded(inner) => inner,
            Backend::Remote(remote) => {
                // Our RDF names every node (IRIs minted from content); a blank node could not be
                // written in batches or matched again, so none may reach the server.
                if quads.iter().any(|quad| quad.subject.is_blank_node() || quad.object.is_blank_node()) {
                    return Err(StoreError::Config {
                        message: format!("the facts of {} hold a blank node; not written", record.source),
                    });
                }
                let existed = remote.has_graph(&graph_iri)?;
                remote.write_document(&graph, &quads)?;
                bump_remote_revision(remote, &format!("ingest {graph_iri} {}", record.content_hash))?;
                let outcome = if existed { IngestOutcome::Replaced } else { IngestOutcome::New };
                return Ok((outcome, quads.len()));
            }
        };
        let write = |source| StoreError::Write { document: record.source.clone(), source };
        let mut transaction = inner.start_transaction().map_err(write)?;
        let existed = transaction.contains_named_graph(NamedOrBlankNodeRef::from(graph.as_ref())).map_err(write)?;
        if existed {
            transaction.remove_named_graph(graph.as_ref()).map_err(write)?;
        }
        transaction.insert_named_graph(graph.as_ref());
        transaction.extend(quads.iter());
        bump_revision(&mut transaction, &format!("ingest {graph_iri} {}", record.content_hash)).map_err(write)?;
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
        let inner = match &self.backend {
            Backend::Embedded(inner) => inner,
            Backend::Remote(remote) => {
                if !remote.has_graph(graph.as_str())? {
                    return Ok(false);
                }
                remote.drop_graph(graph.as_str())?;
                bump_remote_revision(remote, &format!("forget {graph}"))?;
                return Ok(true);
            }
        };
        let write = |source| StoreError::Write { document: graph.to_string(), source };
        let mut transaction = inner.start_transaction().map_err(write)?;
        if !transaction.contains_named_graph(NamedOrBlankNodeRef::from(graph.as_ref())).map_err(write)? {
            return Ok(false);
        }
        transaction.remove_named_graph(graph.as_ref()).map_err(write)?;
        bump_revision(&mut transaction, &format!("forget {graph}")).map_err(write)?;
        transaction.commit().map_err(write)?;
        Ok(true)
    }

    /// A key that changes whenever the set of documents or their content changes: the hash of
    /// every document graph's name, content hash and extractor version. Derived data (the graph
    /// view's cache) is keyed by it.
    pub fn state_key(&self) -> Result<String, StoreError> {
        let mut entries = Vec::new();
        let inner = match &self.backend {
            Backend::Embedded(inner) => inner,
            Backend::Remote(remote) => {
                entries = remote.version_entries()?;
                entries.sort();
                return Ok(geokg_model::iri::content_hash(&entries.join("\n")));
            }
        };
        for predicate in [gk::CONTENT_HASH, gk::EXTRACTOR_VERSION] {
            for quad in inner.quads_for_pattern(None, Some(predicate), None, None) {
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
        match &self.backend {
            Backend::Embedded(inner) => {
                for quad in inner.quads_for_pattern(None, Some(gk::SOURCE), None, None) {
                    let quad = quad.map_err(StoreError::Storage)?;
                    if let Term::Literal(literal) = quad.object {
                        sources.push(literal.value().to_owned());
                    }
                }
            }
            Backend::Remote(remote) => sources = remote.sources()?,
        }
        sources.sort();
        sources.dedup();
        Ok(sources)
    }

    /// One stored document read back into its record and facts, by its source.
    pub fn document(&self, source: &str) -> Result<Option<(DocumentRecord, Extraction)>, StoreError> {
        let graph_iri = geokg_model::iri::document(source);
        let quads: Vec<Quad> = match &self.backend {
            Backend::Embedded(inner) => {
                let graph = NamedNodeRef::new_unchecked(&graph_iri);
                inner
                    .quads_for_pattern(None, None, None, Some(graph.into()))
                    .collect::<Result<_, _>>()
                    .map_err(StoreError::Storage)?
            }
            Backend::Remote(remote) => remote.graph_quads(std::slice::from_ref(&graph_iri))?,
        };
        Ok(read::from_quads(&graph_iri, &quads))
    }

    /// Every stored document read back into its record and facts, sorted by source.
    pub fn documents(&self) -> Result<Vec<(DocumentRecord, Extraction)>, StoreError> {
        let mut documents = Vec::new();
        self.for_each_document(|record, extraction| documents.push((record, extraction)))?;
        documents.sort_by(|a, b| a.0.source.cmp(&b.0.source));
        Ok(documents)
    }

    /// Reads every stored document back, one at a time, in no particular order: a store of any
    /// size is read with the memory of a few documents (on a SPARQL server, of a batch of a few
    /// hundred documents, read together to save round trips). An embedded store is read by
    /// as many threads as there are cores.
    pub fn for_each_document(&self, mut f: impl FnMut(DocumentRecord, Extraction)) -> Result<(), StoreError> {
        let inner = match &self.backend {
            Backend::Embedded(inner) => inner,
            Backend::Remote(remote) => {
                for chunk in remote.document_graphs()?.chunks(256) {
                    let mut by_graph: std::collections::BTreeMap<String, Vec<Quad>> = std::collections::BTreeMap::new();
                    for quad in remote.graph_quads(chunk)? {
                        if let GraphName::NamedNode(graph) = &quad.graph_name {
                            by_graph.entry(graph.as_str().to_owned()).or_default().push(quad);
                        }
                    }
                    for (graph, quads) in &by_graph {
                        if let Some((record, extraction)) = read::from_quads(graph, quads) {
                            f(record, extraction);
                        }
                    }
                }
                return Ok(());
            }
        };
        // Reading is bound by looking up the strings of the quads (one RocksDB read each), so the
        // graphs are shared out among threads; `f` runs on this thread only.
        let mut graphs = Vec::new();
        for graph in inner.named_graphs() {
            if let NamedOrBlankNode::NamedNode(graph) = graph.map_err(StoreError::Storage)?
                && graph.as_str().starts_with(DOCUMENT_GRAPHS)
            {
                graphs.push(graph);
            }
        }
        let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).clamp(1, 8);
        let mut failure = None;
        std::thread::scope(|scope| {
            let (sender, receiver) = std::sync::mpsc::sync_channel(1024);
            for part in graphs.chunks(graphs.len().div_ceil(threads).max(1)) {
                let sender = sender.clone();
                scope.spawn(move || {
                    for graph in part {
                        let quads: Result<Vec<Quad>, _> =
                            inner.quads_for_pattern(None, None, None, Some(graph.as_ref().into())).collect();
                        let document = quads.map(|quads| read::from_quads(graph.as_str(), &quads));
                        if sender.send(document).is_err() {
                            return;
                        }
                    }
                });
            }
            drop(sender);
            for document in receiver {
                match document {
                    Ok(Some((record, extraction))) => f(record, extraction),
                    Ok(None) => {}
                    Err(error) => {
                        // The first error is reported; the rest of the documents still drain.
                        failure.get_or_insert(StoreError::Storage(error));
                    }
                }
            }
        });
        failure.map_or(Ok(()), Err)
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
                "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH ?g {{ ?x a <{class}> }} FILTER(STRSTARTS(STR(?g), \"{DOCUMENT_GRAPHS}\")) }}"
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

    /// The number of quads of the documents and the ontology (the store's revision is not
    /// counted: it is bookkeeping, and a server's count leaves it out too).
    pub fn len(&self) -> Result<u64, StoreError> {
        match &self.backend {
            Backend::Embedded(inner) => {
                let graph = NamedNodeRef::new_unchecked(STORE_GRAPH);
                let own = inner.quads_for_pattern(None, None, None, Some(graph.into())).count();
                Ok((inner.len().map_err(StoreError::Storage)? - own) as u64)
            }
            Backend::Remote(remote) => remote.count_quads(),
        }
    }

    /// Whether the store holds no documents.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.sources()?.is_empty())
    }

    /// Writes every quad (documents and ontology; not the revision) as TriG or N-Quads, for
    /// loading elsewhere.
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
        match &self.backend {
            Backend::Embedded(inner) => {
                // Every quad but the store's revision: bookkeeping of this store, not data, and a
                // copy gets its own with its first write.
                let own = GraphName::NamedNode(NamedNode::new_unchecked(STORE_GRAPH));
                let mut writer = serializer.for_writer(writer);
                for quad in inner {
                    let quad = quad.map_err(StoreError::Storage)?;
                    if quad.graph_name != own {
                        writer.serialize_quad(&quad).map_err(StoreError::Serialize)?;
                    }
                }
                writer.finish().map_err(StoreError::Serialize)?;
            }
            Backend::Remote(remote) => {
                // Graph by graph, ontology first, then the documents in IRI order.
                let mut writer = serializer.for_writer(writer);
                let mut graphs = vec![ONTOLOGY_GRAPH.to_owned()];
                graphs.extend(remote.document_graphs()?);
                for chunk in graphs.chunks(256) {
                    let mut quads = remote.graph_quads(chunk)?;
                    quads.sort_by_cached_key(|quad| (quad.graph_name.to_string(), quad.subject.to_string()));
                    for quad in &quads {
                        writer.serialize_quad(quad).map_err(StoreError::Serialize)?;
                    }
                }
                writer.finish().map_err(StoreError::Serialize)?;
            }
        }
        Ok(())
    }

    /// Loads quads with Oxigraph's bulk loader: fast, not one transaction per document.
    /// Used by the ingest benchmark to compare against transactional ingest.
    pub fn bulk_load(&self, quads: Vec<Quad>) -> Result<(), StoreError> {
        let inner = match &self.backend {
            Backend::Embedded(inner) => inner,
            Backend::Remote(remote) => {
                // No bulk path over HTTP: one graph replaced at a time.
                let mut by_graph: std::collections::BTreeMap<String, Vec<Quad>> = std::collections::BTreeMap::new();
                for quad in quads {
                    if let GraphName::NamedNode(graph) = &quad.graph_name {
                        by_graph.entry(graph.as_str().to_owned()).or_default().push(quad);
                    }
                }
                for (graph, quads) in &by_graph {
                    remote.write_document(&NamedNode::new_unchecked(graph.clone()), quads)?;
                }
                return bump_remote_revision(remote, &format!("bulk {}", by_graph.len()));
            }
        };
        let write = |source| StoreError::Write { document: "(bulk)".into(), source };
        let n_quads = quads.len();
        let mut loader = inner.bulk_loader();
        loader.load_quads(quads).map_err(write)?;
        loader.commit().map_err(write)?;
        let mut transaction = inner.start_transaction().map_err(write)?;
        bump_revision(&mut transaction, &format!("bulk {n_quads}")).map_err(write)?;
        transaction.commit().map_err(write)
    }

    /// Writes what an embedded store holds in memory to its files. Readers open the store
    /// read-only, which replays the write-ahead log every time: after an ingest of a thousand
    /// documents that costs each later command seconds, after a flush nothing.
    pub fn flush(&self) -> Result<(), StoreError> {
        match &self.backend {
            #[cfg(feature = "rocksdb")]
            Backend::Embedded(inner) if matches!(self.location, Location::Path(_)) => {
                inner.flush().map_err(StoreError::Storage)
            }
            _ => Ok(()),
        }
    }

    /// Compacts an embedded store's files (after a bulk load, reads get about twice as fast);
    /// nothing to do on a server.
    pub fn optimize(&self) -> Result<(), StoreError> {
        match &self.backend {
            #[cfg(feature = "rocksdb")]
            Backend::Embedded(inner) => inner.optimize().map_err(StoreError::Storage),
            #[cfg(not(feature = "rocksdb"))]
            Backend::Embedded(_) => Ok(()),
            Backend::Remote(_) => Ok(()),
        }
    }

    /// The store's revision: a token geokg replaces in the same transaction as every document it
    /// writes or removes, so that data derived from the store (the graph view's cache) can tell in
    /// one read whether it is current. `None` when the store has no single revision: written
    /// before revisions existed, or loaded by other tools (dumps leave the revision out);
    /// [`Store::state_key`] tells then, at the cost of reading every document's version.
    pub fn revision(&self) -> Result<Option<String>, StoreError> {
        let values: Vec<String> = match &self.backend {
            Backend::Embedded(inner) => {
                let graph = NamedNodeRef::new_unchecked(STORE_GRAPH);
                inner
                    .quads_for_pattern(Some(graph.into()), Some(gk::REVISION), None, Some(graph.into()))
                    .map(|quad| quad.map(|quad| literal_value(&quad.object)))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(StoreError::Storage)?
                    .into_iter()
                    .flatten()
                    .collect()
            }
            Backend::Remote(remote) => remote
                .select(&format!(
                    "SELECT ?r WHERE {{ GRAPH <{STORE_GRAPH}> {{ <{STORE_GRAPH}> <{}> ?r }} }}",
                    gk::REVISION.as_str()
                ))?
                .into_iter()
                .filter_map(|row| row.into_iter().next().flatten().as_ref().and_then(literal_value))
                .collect(),
        };
        Ok(match values.as_slice() {
            [value] => Some(value.clone()),
            _ => None,
        })
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
        let inner = match &self.backend {
            Backend::Embedded(inner) => inner,
            Backend::Remote(remote) => {
                if remote.has_ontology(&hash)? {
                    return Ok(());
                }
                let quads = ontology_quads(&graph)?;
                let mut triples: Vec<oxigraph::model::Triple> = quads.into_iter().map(Into::into).collect();
                triples.push(marker.into());
                return remote.put_graph(ONTOLOGY_GRAPH, &triples, ONTOLOGY_GRAPH);
            }
        };
        if inner.contains(&marker).map_err(StoreError::Storage)? {
            return Ok(());
        }
        let quads = ontology_quads(&graph)?;
        let write = |source| StoreError::Write { document: ONTOLOGY_GRAPH.into(), source };
        let mut transaction = inner.start_transaction().map_err(write)?;
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

/// A literal's value.
fn literal_value(term: &Term) -> Option<String> {
    match term {
        Term::Literal(literal) => Some(literal.value().to_owned()),
        _ => None,
    }
}

/// The revision after `change` (a line naming what was written) on top of `previous`: a hash
/// chain, so that the same writes in the same order give the same revision.
fn next_revision(previous: Option<&str>, change: &str) -> String {
    let hash = geokg_model::iri::content_hash(&format!("{}\n{change}", previous.unwrap_or_default()));
    hash[..32].to_owned()
}

/// Replaces a server's revision after a write, in one request: the new token hashes the
/// change with the time and process rather than the previous token, which would cost another
/// round trip. Not atomic with the write, unlike the embedded store's: a crash between the two
/// leaves the old revision, so a reader may keep a stale view until the next write.
fn bump_remote_revision(remote: &remote::Remote, change: &str) -> Result<(), StoreError> {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let next = next_revision(Some(&format!("{} {}", now.as_nanos(), std::process::id())), change);
    let triple = oxigraph::model::Triple::new(
        NamedNode::new_unchecked(STORE_GRAPH),
        gk::REVISION,
        Literal::new_simple_literal(next),
    );
    remote.put_graph(STORE_GRAPH, &[triple], STORE_GRAPH)
}

/// Replaces the revision inside a transaction, so it changes exactly when the write commits.
fn bump_revision(transaction: &mut oxigraph::store::Transaction<'_>, change: &str) -> Result<(), StorageError> {
    let graph = NamedNodeRef::new_unchecked(STORE_GRAPH);
    let old: Vec<Quad> = transaction
        .quads_for_pattern(Some(graph.into()), Some(gk::REVISION), None, Some(graph.into()))
        .collect::<Result<_, _>>()?;
    let previous = match old.as_slice() {
        [quad] => literal_value(&quad.object),
        _ => None,
    };
    for quad in &old {
        transaction.remove(quad);
    }
    let next = next_revision(previous.as_deref(), change);
    transaction.insert(&Quad::new(graph, gk::REVISION, Literal::new_simple_literal(next), graph));
    Ok(())
}

/// The built-in ontology's quads, in its graph.
fn ontology_quads(graph: &NamedNode) -> Result<Vec<Quad>, StoreError> {
    oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
        .with_default_graph(GraphNameRef::NamedNode(graph.as_ref()))
        .for_slice(geokg_model::ONTOLOGY.as_bytes())
        .collect::<Result<_, _>>()
        .map_err(|e| StoreError::Query { message: format!("the built-in ontology does not parse: {e}") })
}

/// How `dump` writes the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DumpFormat {
    /// TriG, with prefixes: readable.
    Trig,
    /// N-Quads: one quad a line, for bulk loaders.
    NQuads,
}
