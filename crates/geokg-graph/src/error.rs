//! The one error type of the crate: names that do not resolve, and caches that cannot be read.

use crate::NodeRef;

/// Why a question could not be answered.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GraphError {
    /// The name fits several actors; the caller lists them and asks for a precise one.
    #[error("{query:?} may name {}; use one of the names or a Wikidata id", list(candidates))]
    Ambiguous {
        /// The name as typed.
        query: String,
        /// The actors it fits, by label then IRI.
        candidates: Vec<NodeRef>,
    },
    /// No actor has this name; `suggestions` holds the closest known names.
    #[error("no actor named {query:?}{}", suggest(suggestions))]
    Unknown {
        /// The name as typed.
        query: String,
        /// The actors with the closest names, closest first.
        suggestions: Vec<NodeRef>,
    },
    /// The cache file could not be read or written.
    #[error("cannot read or write the graph cache")]
    CacheIo(#[from] std::io::Error),
    /// The cache file is not a cache of this version; rebuilding it fixes this.
    #[error("the graph cache is unusable ({0}); delete it to rebuild it")]
    BadCache(String),
}

fn list(nodes: &[NodeRef]) -> String {
    nodes
        .iter()
        .map(|node| format!("{} ({})", node.label, node.wikidata.as_deref().unwrap_or(&node.id)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn suggest(nodes: &[NodeRef]) -> String {
    if nodes.is_empty() { String::new() } else { format!("; did you mean {}?", list(nodes)) }
}
