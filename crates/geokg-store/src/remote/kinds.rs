//! Where a server kind keeps its endpoints, and how the kind is recognised: Oxigraph server
//! (`/query`, `/update`, `/store`), Virtuoso (`/sparql` for both, `/sparql-graph-crud`; or
//! `/sparql-auth` and `/sparql-graph-crud-auth`, which ask for credentials), or any
//! other SPARQL 1.1 server (one URL for queries and updates, no Graph Store Protocol unless
//! configured).

use std::fmt;
use std::str::FromStr;

/// Which SPARQL server stands behind a URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreKind {
    /// Oxigraph server (`oxigraph serve`).
    Oxigraph,
    /// Virtuoso 7 (open source edition).
    Virtuoso,
    /// Any SPARQL 1.1 server: the URL answers queries and updates.
    Generic,
}

impl FromStr for StoreKind {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.to_ascii_lowercase().as_str() {
            "oxigraph" => Ok(Self::Oxigraph),
            "virtuoso" => Ok(Self::Virtuoso),
            "generic" => Ok(Self::Generic),
            other => Err(format!("unknown store kind {other:?}; use oxigraph, virtuoso or generic")),
        }
    }
}

impl fmt::Display for StoreKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Oxigraph => "oxigraph",
            Self::Virtuoso => "virtuoso",
            Self::Generic => "generic",
        })
    }
}

/// The URLs of one server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Endpoints {
    pub(crate) query: String,
    pub(crate) update: String,
    /// The Graph Store Protocol endpoint, when the server has one.
    pub(crate) gsp: Option<String>,
}

/// The server's root: the URL without a trailing slash or a known endpoint name.
fn root(url: &str) -> &str {
    let url = url.trim_end_matches('/');
    for suffix in ["/sparql", "/sparql-auth", "/query", "/update", "/store"] {
        if let Some(root) = url.strip_suffix(suffix) {
            return root;
        }
    }
    url
}

impl StoreKind {
    /// The kind a `Server` response header names, if any.
    pub(crate) fn from_server_header(server: &str) -> Option<Self> {
        let server = server.to_ascii_lowercase();
        if server.contains("virtuoso") {
            Some(Self::Virtuoso)
        } else if server.contains("oxigraph") {
            Some(Self::Oxigraph)
        } else {
            None
        }
    }

    /// A guess from the URL alone, used to find an endpoint to ask: `…/sparql` is Virtuoso's
    /// (and many servers') query URL, anything else may be an Oxigraph server's root.
    pub(crate) fn probe_url(url: &str) -> String {
        let trimmed = url.trim_end_matches('/');
        if trimmed.ends_with("/sparql") || trimmed.ends_with("/sparql-auth") || trimmed.ends_with("/query") {
            trimmed.to_owned()
        } else {
            format!("{trimmed}/query")
        }
    }

    /// The endpoints of this kind of server at `url`.
    pub(crate) fn endpoints(self, url: &str) -> Endpoints {
        let root = root(url);
        match self {
            Self::Oxigraph => Endpoints {
                query: format!("{root}/query"),
                update: format!("{root}/update"),
                gsp: Some(format!("{root}/store")),
            },
            // Virtuoso's endpoints for a user who logs in (with Digest) carry an `-auth` suffix;
            // the plain ones never ask for credentials, so they would never be sent.
            Self::Virtuoso => {
                let auth = if url.trim_end_matches('/').ends_with("/sparql-auth") { "-auth" } else { "" };
                Endpoints {
                    query: format!("{root}/sparql{auth}"),
                    update: format!("{root}/sparql{auth}"),
                    gsp: Some(format!("{root}/sparql-graph-crud{auth}")),
                }
            }
            Self::Generic => {
                let url = url.trim_end_matches('/').to_owned();
                Endpoints { query: url.clone(), update: url, gsp: None }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_lays_out_its_endpoints() {
        let oxigraph = StoreKind::Oxigraph.endpoints("http://127.0.0.1:7878/");
        assert_eq!(oxigraph.query, "http://127.0.0.1:7878/query");
        assert_eq!(oxigraph.gsp.as_deref(), Some("http://127.0.0.1:7878/store"));
        let virtuoso = StoreKind::Virtuoso.endpoints("http://localhost:8890/sparql");
        assert_eq!(virtuoso.update, "http://localhost:8890/sparql");
        assert_eq!(virtuoso.gsp.as_deref(), Some("http://localhost:8890/sparql-graph-crud"));
        let auth = StoreKind::Virtuoso.endpoints("http://localhost:8890/sparql-auth");
        assert_eq!(auth.query, "http://localhost:8890/sparql-auth");
        assert_eq!(auth.gsp.as_deref(), Some("http://localhost:8890/sparql-graph-crud-auth"));
        assert_eq!(StoreKind::probe_url("http://localhost:8890/sparql-auth/"), "http://localhost:8890/sparql-auth");
        assert_eq!(StoreKind::Generic.endpoints("http://h/ds/sparql").gsp, None);
        assert_eq!(StoreKind::probe_url("http://h:1"), "http://h:1/query");
        assert_eq!(StoreKind::from_server_header("Virtuoso/07.20.3235 (Linux)"), Some(StoreKind::Virtuoso));
        assert_eq!("Oxigraph".parse::<StoreKind>(), Ok(StoreKind::Oxigraph));
    }
}
