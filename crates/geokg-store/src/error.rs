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
    /// The SPARQL server does not answer.
    #[error("cannot reach the SPARQL server at {url}; is the server running? (check the URL, or start it)")]
    Unreachable {
        /// The endpoint asked.
        url: String,
    },
    /// The SPARQL server refused to write.
    #[error("the SPARQL server at {url} refused to write: {hint} (it said: {message})")]
    WriteRefused {
        /// The endpoint asked.
        url: String,
        /// What the server said.
        message: String,
        /// How to let geokg write.
        hint: String,
    },
    /// The SPARQL server wants credentials, or did not take the ones given. The message never
    /// holds them.
    #[error("the SPARQL server at {url} refused access: {hint}")]
    Unauthorized {
        /// The endpoint asked.
        url: String,
        /// Why, and what to set.
        hint: String,
    },
    /// The server's answer was cut short: a row cap, a stopped query, a body that does not
    /// parse. Never taken as a smaller answer.
    #[error("incomplete answer from {url}: {reason}")]
    Truncated {
        /// The endpoint asked.
        url: String,
        /// What showed it.
        reason: String,
    },
    /// A request took longer than the timeout (geokg's or the server's).
    #[error(
        "the SPARQL server at {url} did not answer in time; narrow the query, or raise GEOKG_STORE_TIMEOUT or the server's own limit"
    )]
    Timeout {
        /// The endpoint asked.
        url: String,
    },
    /// The SPARQL server failed otherwise.
    #[error("the SPARQL server at {url} failed: {message}")]
    Remote {
        /// The endpoint asked.
        url: String,
        /// What went wrong.
        message: String,
    },
    /// The remote store's settings are wrong.
    #[error("{message}")]
    Config {
        /// What is wrong, and the fix.
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
