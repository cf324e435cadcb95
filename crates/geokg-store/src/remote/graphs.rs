//! geokg's graphs on a SPARQL server: the same answers `lib.rs` gets from the embedded store,
//! asked with explicit `GRAPH` patterns limited to geokg's own graphs (a server's default graph
//! may hold more: Virtuoso's includes its system graphs), paged where they can grow.

use super::Remote;
use crate::{ONTOLOGY_GRAPH, StoreError};
use geokg_model::vocab::gk;
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Quad, Term, Triple};

fn document_prefix() -> &'static str {
    crate::DOCUMENT_GRAPHS
}

/// A filter keeping `?g` to geokg's graphs: the documents' and the ontology's.
pub(crate) fn geokg_graphs() -> String {
    format!("FILTER(STRSTARTS(STR(?g), \"{}\") || ?g = <{ONTOLOGY_GRAPH}>)", document_prefix())
}

fn literal(term: Option<&Term>) -> Option<String> {
    match term? {
        Term::Literal(literal) => Some(literal.value().to_owned()),
        _ => None,
    }
}

fn iri(term: Option<&Term>) -> Option<String> {
    match term? {
        Term::NamedNode(node) => Some(node.as_str().to_owned()),
        _ => None,
    }
}

impl Remote {
    /// The content hash and extractor version stored for a document graph.
    pub(crate) fn document_version(&self, graph: &str) -> Result<(Option<String>, Option<String>), StoreError> {
        let rows = self.select(&format!(
            "SELECT ?hash ?version WHERE {{ GRAPH <{graph}> {{ <{graph}> <{}> ?hash . OPTIONAL {{ <{graph}> <{}> ?version }} }} }}",
            gk::CONTENT_HASH.as_str(),
            gk::EXTRACTOR_VERSION.as_str(),
        ))?;
        Ok(rows.first().map(|row| (literal(row[0].as_ref()), literal(row[1].as_ref()))).unwrap_or_default())
    }

    /// Whether the graph holds anything.
    pub(crate) fn has_graph(&self, graph: &str) -> Result<bool, StoreError> {
        self.ask(&format!("ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"))
    }

    /// The document graphs, sorted by IRI.
    pub(crate) fn document_graphs(&self) -> Result<Vec<String>, StoreError> {
        let rows = self.select_keyed(
            |filter| {
                format!(
                    "SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g a <{}> }} FILTER(STRSTARTS(STR(?g), \"{}\")) {filter} }}",
                    gk::ARTICLE.as_str(),
                    document_prefix()
                )
            },
            "g",
        )?;
        Ok(rows.iter().filter_map(|row| iri(row[0].as_ref())).collect())
    }

    /// The quads of some graphs, read a few graphs per request; a request whose answer would
    /// reach a page's size is split, and a single graph that large is paged.
    pub(crate) fn graph_quads(&self, graphs: &[String]) -> Result<Vec<Quad>, StoreError> {
        let mut quads = Vec::new();
        let mut pending: Vec<&[String]> = graphs.chunks(32).rev().collect();
        while let Some(batch) = pending.pop() {
            let values = batch.iter().map(|g| format!("<{g}>")).collect::<Vec<_>>().join(" ");
            let body = format!("SELECT ?g ?s ?p ?o WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}");
            let rows = if batch.len() == 1 {
                self.graph_rows(&batch[0])?
            } else {
                let rows = self.select(&format!("{body} LIMIT {}", self.page_rows))?;
                if rows.len() >= self.page_rows {
                    let (left, right) = batch.split_at(batch.len() / 2);
                    pending.push(right);
                    pending.push(left);
                    continue;
                }
                rows
            };
            for row in rows {
                if let [Some(Term::NamedNode(graph)), Some(subject), Some(Term::NamedNode(predicate)), Some(object)] =
                    &row[..]
                {
                    let subject = match subject {
                        Term::NamedNode(node) => NamedOrBlankNode::from(node.clone()),
                        Term::BlankNode(node) => NamedOrBlankNode::from(node.clone()),
                        Term::Literal(_) => continue,
                    };
                    quads.push(Quad::new(subject, predicate.clone(), object.clone(), GraphName::from(graph.clone())));
                }
            }
        }
        Ok(quads)
    }

    /// Every triple of one large graph as `?g ?s ?p ?o` rows, paged by a key unique per
    /// triple: subject, predicate, the object's kind, datatype and language, then its value
    /// (only the value may hold a space, and it comes last). OFFSET paging would need the
    /// server to sort past Virtuoso's 10,000-row limit (SR353) on a graph that large.
    fn graph_rows(&self, graph: &str) -> Result<Vec<Vec<Option<Term>>>, StoreError> {
        let rows = self.select_keyed(
            |filter| {
                format!(
                    "SELECT ?key ?g ?s ?p ?o WHERE {{ VALUES ?g {{ <{graph}> }} GRAPH ?g {{ ?s ?p ?o }} \
                     BIND(CONCAT(STR(?s), \" \", STR(?p), IF(ISLITERAL(?o), CONCAT(\" L\", STR(DATATYPE(?o)), \"@\", \
                     LANG(?o)), \" I\"), \" \", STR(?o)) AS ?key) {filter} }}"
                )
            },
            "key",
        )?;
        Ok(rows.into_iter().map(|row| row.into_iter().skip(1).collect()).collect())
    }

    /// Entries of the state key: graph, predicate and value of every content hash and
    /// extractor version, as the embedded store writes them.
    pub(crate) fn version_entries(&self) -> Result<Vec<String>, StoreError> {
        let rows = self.select_keyed(
            |filter| {
                format!(
                    "SELECT ?g ?hash ?version WHERE {{ GRAPH ?g {{ ?g <{}> ?hash OPTIONAL {{ ?g <{}> ?version }} }} {} {filter} }}",
                    gk::CONTENT_HASH.as_str(),
                    gk::EXTRACTOR_VERSION.as_str(),
                    geokg_graphs()
                )
            },
            "g",
        )?;
        let mut entries = Vec::new();
        for row in rows {
            let Some(graph) = &row[0] else { continue };
            for (predicate, value) in [(gk::CONTENT_HASH, &row[1]), (gk::EXTRACTOR_VERSION, &row[2])] {
                if let Some(value) = value {
                    entries.push(format!("{graph} {predicate} {value}"));
                }
            }
        }
        Ok(entries)
    }

    /// Every document's source.
    pub(crate) fn sources(&self) -> Result<Vec<String>, StoreError> {
        let rows = self.select_keyed(
            |filter| {
                format!(
                    "SELECT DISTINCT ?source WHERE {{ GRAPH ?g {{ ?g <{}> ?source }} {} {filter} }}",
                    gk::SOURCE.as_str(),
                    geokg_graphs()
                )
            },
            "source",
        )?;
        Ok(rows.iter().filter_map(|row| literal(row[0].as_ref())).collect())
    }

    /// The number of quads in geokg's graphs.
    pub(crate) fn count_quads(&self) -> Result<u64, StoreError> {
        let rows =
            self.select(&format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {} }}", geokg_graphs()))?;
        Ok(rows.first().and_then(|row| literal(row[0].as_ref())).and_then(|n| n.parse().ok()).unwrap_or_default())
    }

    /// Whether the ontology graph holds this version (its content hash) of the ontology.
    pub(crate) fn has_ontology(&self, hash: &str) -> Result<bool, StoreError> {
        self.ask(&format!(
            "ASK {{ GRAPH <{ONTOLOGY_GRAPH}> {{ <{ONTOLOGY_GRAPH}> <{}> \"{hash}\" }} }}",
            gk::CONTENT_HASH.as_str()
        ))
    }

    /// Replaces a document's graph; its document node (with the content hash) goes last.
    pub(crate) fn write_document(&self, graph: &NamedNode, quads: &[Quad]) -> Result<(), StoreError> {
        let triples: Vec<Triple> = quads.iter().map(|quad| Triple::from(quad.clone())).collect();
        self.put_graph(graph.as_str(), &triples, graph.as_str())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn document_graphs_start_with_the_prefix_the_queries_filter_on() {
        assert!(geokg_model::iri::document("a.txt").starts_with(super::document_prefix()));
    }
}
