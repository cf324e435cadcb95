//! The one error type of the store: each variant says what failed and, where it can, the fix.

use oxigraph::store::StorageError;
#[cfg(feature = "rocksdb")]
use std::path::Path;
use std::path::PathBuf;

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// No store at the path.
    #[error("no store at {}; run `geokg ingest` first (or pass --store PATH)", path.display())]
    NotFound {
        /// Where it was looked for.
        path: PathBuf,
    },
    /// Another process holds the store for writing.
    #[error("the store at {} is in use by another geokg process; wait for it to finish, or use another --store", path.display())]
    InUse {
        /// The store.
        path: PathBuf,
    },
    /// The store could not be opened.
    #[error("cannot open the store at {}", path.display())]
    Open {
        /// The store.
        path: PathBuf,
        /// The cause.
        source: StorageError,
    },
    /// Writing a document's facts failed; the store is as it was before that document.
    #[error("cannot add the facts of {document}")]
    Write {
        /// The document's source.
        document: String,
        /// The cause.
        source: StorageError,
    },
    /// Reading failed.
    #[error("cannot read the store")]
    Storage(#[source] StorageError),
    /// A SPARQL query or update is not valid.
    #[error("invalid SPARQL: {message}")]
    Query {
        /// The parser's message, with the position.
        message: String,
    },
    /// A query failed while running.
    #[error("the query failed: {message}")]
    Evaluation {
        /// What went wrong.
        message: String,
    },
    /// Writing results failed.
    #[error("cannot write the results")]
    Serialize(#[source] std::io::Error),
}

impl StoreError {
    #[cfg(feature = "rocksdb")]
    pub(crate) fn open(path: &Path, source: StorageError) -> Self {
        // RocksDB reports a second writer as "While lock file: …/LOCK: Resource temporarily unavailable".
        if source.to_string().contains("lock") {
            Self::InUse { path: path.to_owned() }
        } else {
            Self::Open { path: path.to_owned(), source }
        }
    }
}
