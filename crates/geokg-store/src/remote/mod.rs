//! The store on a SPARQL 1.1 server: queries by form POST, a document's graph written whole by
//! the Graph Store Protocol (PUT replaces, so re-ingest is idempotent) or, where the server
//! lacks it, by `DROP` and batched `INSERT DATA`; every graph named explicitly, every large
//! read paged, and a cut-short answer an error.
//!
//! What the store means (documents, facts, the ontology) stays in `lib.rs`; this module only
//! knows SPARQL over HTTP and the servers' quirks.

mod auth;
mod client;
mod graphs;
mod kinds;
mod results;

pub use kinds::StoreKind;

use crate::{QueryOutput, StoreError};
use client::{Http, Reply};
use kinds::Endpoints;
use oxigraph::model::{Term, Triple};
use std::fmt::Write as _;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// What a 401 without credentials means.
const ASK_FOR_CREDENTIALS: &str =
    "it asks for credentials; set GEOKG_STORE_USER and GEOKG_STORE_PASSWORD (or a credentials file)";

/// How to reach a SPARQL server. [`RemoteOptions::from_env`] reads the environment; credentials
/// only ever come from there (or from code), never from the command line, and are never
/// printed: `Debug` shows whether a password is set, not the password.
#[derive(Clone)]
pub struct RemoteOptions {
    /// The server kind; detected from its `Server` header when `None`.
    pub kind: Option<StoreKind>,
    /// The query endpoint, when not the kind's usual one (`GEOKG_STORE_QUERY_URL`).
    pub query_url: Option<String>,
    /// The update endpoint (`GEOKG_STORE_UPDATE_URL`).
    pub update_url: Option<String>,
    /// The Graph Store Protocol endpoint (`GEOKG_STORE_GSP_URL`); the value `none` turns the
    /// protocol off, so documents are written with SPARQL UPDATE.
    pub gsp_url: Option<String>,
    /// The user for HTTP Basic or Digest authentication (`GEOKG_STORE_USER`), answered when
    /// the server asks.
    pub user: Option<String>,
    /// Its password (`GEOKG_STORE_PASSWORD`).
    pub password: Option<String>,
    /// How long to wait for a connection (default 10 s).
    pub connect_timeout: Duration,
    /// How long one request may take, answer included (default 300 s; `GEOKG_STORE_TIMEOUT`
    /// in seconds).
    pub timeout: Duration,
    /// Retries after a refused connection or a 429/502/503/504 answer (default 3).
    pub retries: u32,
    /// The first wait before a retry, doubled each time (default 0.5 s).
    pub backoff: Duration,
    /// How long the server itself may run a query, where it can be told (Virtuoso's `timeout`
    /// parameter; `GEOKG_STORE_SERVER_TIMEOUT` in seconds). Virtuoso then answers with what it
    /// found so far and says so in a header: geokg reports a timeout, not that answer.
    pub server_timeout: Option<Duration>,
    /// Triples per `INSERT DATA` (default 1000; Virtuoso rejects more than about 1,400).
    pub batch_triples: usize,
    /// Rows per page of a large read (default 5000, below Virtuoso's usual 10,000-row cap).
    pub page_rows: usize,
}

impl std::fmt::Debug for RemoteOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RemoteOptions")
            .field("kind", &self.kind)
            .field("query_url", &self.query_url)
            .field("update_url", &self.update_url)
            .field("gsp_url", &self.gsp_url)
            .field("user", &self.user)
            .field("password", &self.password.as_ref().map(|_| "(set)"))
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("retries", &self.retries)
            .field("server_timeout", &self.server_timeout)
            .field("backoff", &self.backoff)
            .field("batch_triples", &self.batch_triples)
            .field("page_rows", &self.page_rows)
            .finish()
    }
}

impl Default for RemoteOptions {
    fn default() -> Self {
        Self {
            kind: None,
            query_url: None,
            update_url: None,
            gsp_url: None,
            user: None,
            password: None,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_mins(5),
            retries: 3,
            backoff: Duration::from_millis(500),
            server_timeout: None,
            batch_triples: 1000,
            page_rows: 5000,
        }
    }
}

impl RemoteOptions {
    /// The defaults, overridden by `GEOKG_STORE_KIND`, `GEOKG_STORE_QUERY_URL`,
    /// `GEOKG_STORE_UPDATE_URL`, `GEOKG_STORE_GSP_URL`, `GEOKG_STORE_USER`,
    /// `GEOKG_STORE_PASSWORD`, `GEOKG_STORE_TIMEOUT` and `GEOKG_STORE_SERVER_TIMEOUT`
    /// (seconds) where set. Credentials may also come from a file (see [`read_credentials`]):
    /// `GEOKG_STORE_CREDENTIALS`, else `~/.config/geokg/credentials` when it exists; the
    /// variables win over the file.
    pub fn from_env() -> Result<Self, StoreError> {
        let var = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
        let mut options = Self::default();
        let file = var("GEOKG_STORE_CREDENTIALS").map(std::path::PathBuf::from).or_else(|| {
            let config = var("XDG_CONFIG_HOME")
                .map(std::path::PathBuf::from)
                .or_else(|| var("HOME").map(|home| std::path::Path::new(&home).join(".config")))?;
            Some(config.join("geokg").join("credentials")).filter(|path| path.exists())
        });
        if let Some(file) = file {
            (options.user, options.password) = read_credentials(&file)?;
        }
        if let Some(kind) = var("GEOKG_STORE_KIND") {
            options.kind = Some(kind.parse().map_err(|message| StoreError::Config { message })?);
        }
        options.query_url = var("GEOKG_STORE_QUERY_URL");
        options.update_url = var("GEOKG_STORE_UPDATE_URL");
        options.gsp_url = var("GEOKG_STORE_GSP_URL");
        if let Some(user) = var("GEOKG_STORE_USER") {
            options.user = Some(user);
        }
        if let Some(password) = var("GEOKG_STORE_PASSWORD") {
            options.password = Some(password);
        }
        if let Some(seconds) = var("GEOKG_STORE_TIMEOUT") {
            let seconds: f64 = seconds.parse().map_err(|_| StoreError::Config {
                message: format!("GEOKG_STORE_TIMEOUT={seconds}: give the seconds as a number"),
            })?;
            options.timeout = Duration::from_secs_f64(seconds);
        }
        if let Some(seconds) = var("GEOKG_STORE_SERVER_TIMEOUT") {
            let seconds: f64 = seconds.parse().map_err(|_| StoreError::Config {
                message: format!("GEOKG_STORE_SERVER_TIMEOUT={seconds}: give the seconds as a number"),
            })?;
            options.server_timeout = Some(Duration::from_secs_f64(seconds));
        }
        Ok(options)
    }

    /// Sets the server kind instead of detecting it.
    #[must_use]
    pub fn with_kind(mut self, kind: StoreKind) -> Self {
        self.kind = Some(kind);
        self
    }

    /// Sets the time one request may take.
    #[must_use]
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets how long the server may run a query, where it can be told.
    #[must_use]
    pub fn with_server_timeout(mut self, timeout: Duration) -> Self {
        self.server_timeout = Some(timeout);
        self
    }

    /// Sets the number of retries and the first wait.
    #[must_use]
    pub fn with_retries(mut self, retries: u32, backoff: Duration) -> Self {
        self.retries = retries;
        self.backoff = backoff;
        self
    }

    /// Writes with SPARQL UPDATE only, as for a server without the Graph Store Protocol.
    #[must_use]
    pub fn without_graph_store_protocol(mut self) -> Self {
        self.gsp_url = Some("none".into());
        self
    }
}

/// Reads a credentials file: `user = NAME` and `password = SECRET` lines (`#` comments). On
/// Unix the file must be readable by its owner only, like an SSH key.
pub fn read_credentials(path: &std::path::Path) -> Result<(Option<String>, Option<String>), StoreError> {
    let shown = path.display();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map_err(|e| StoreError::Config { message: format!("cannot read the credentials file {shown}: {e}") })?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            return Err(StoreError::Config {
                message: format!("the credentials file {shown} can be read by others; run `chmod 600 {shown}`"),
            });
        }
    }
    let text = std::fs::read_to_string(path)
        .map_err(|e| StoreError::Config { message: format!("cannot read the credentials file {shown}: {e}") })?;
    let (mut user, mut password) = (None, None);
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match line.split_once('=').map(|(key, value)| (key.trim(), value.trim().to_owned())) {
            Some(("user", value)) => user = Some(value),
            Some(("password", value)) => password = Some(value),
            // The line is not shown: it may hold a secret.
            _ => {
                return Err(StoreError::Config {
                    message: format!("{shown}:{}: expected `user = …` or `password = …`", number + 1),
                });
            }
        }
    }
    Ok((user, password))
}

/// A SPARQL server, with its endpoints found.
pub(crate) struct Remote {
    http: Http,
    kind: StoreKind,
    endpoints: Endpoints,
    batch_triples: usize,
    page_rows: usize,
    /// Virtuoso's `timeout` parameter, in milliseconds.
    server_timeout_ms: Option<String>,
    /// Set when the server answered a Graph Store Protocol write as unsupported.
    gsp_unsupported: AtomicBool,
}

impl Remote {
    /// Finds the server at `url` (asking it a trivial query, which also detects its kind).
    pub(crate) fn connect(url: &str, options: &RemoteOptions) -> Result<Self, StoreError> {
        let http = Http::new(options)?;
        let mut candidates = match (&options.query_url, options.kind) {
            (Some(query), _) => vec![query.clone()],
            (None, Some(kind)) => vec![kind.endpoints(url).query],
            // A server's root: Oxigraph's `/query`, else the `/sparql` of Virtuoso and others.
            (None, None) => vec![StoreKind::probe_url(url), StoreKind::Virtuoso.endpoints(url).query],
        };
        candidates.dedup();
        let mut probe = candidates.remove(0);
        let mut reply = http.post_form(&probe, &[("query", "ASK {}")], results::ACCEPT)?;
        for candidate in candidates {
            if reply.status.as_u16() != 404 {
                break;
            }
            probe = candidate;
            reply = http.post_form(&probe, &[("query", "ASK {}")], results::ACCEPT)?;
        }
        if reply.status.as_u16() == 401 {
            return Err(StoreError::Unauthorized { url: probe, hint: ASK_FOR_CREDENTIALS.into() });
        }
        if !reply.status.is_success() {
            return Err(StoreError::Remote {
                url: probe,
                message: format!("the server answered {} to a query; is this a SPARQL endpoint?", reply.status),
            });
        }
        let kind = options.kind.unwrap_or_else(|| {
            reply.header("Server").and_then(StoreKind::from_server_header).unwrap_or(StoreKind::Generic)
        });
        let mut endpoints = kind.endpoints(url);
        if kind == StoreKind::Generic {
            endpoints = StoreKind::Generic.endpoints(&probe);
        }
        if let Some(query) = &options.query_url {
            endpoints.query.clone_from(query);
        }
        if let Some(update) = &options.update_url {
            endpoints.update.clone_from(update);
        }
        match options.gsp_url.as_deref() {
            Some("none") => endpoints.gsp = None,
            Some(gsp) => endpoints.gsp = Some(gsp.to_owned()),
            None => {}
        }
        Ok(Self {
            http,
            kind,
            endpoints,
            batch_triples: options.batch_triples.max(1),
            page_rows: options.page_rows.max(1),
            server_timeout_ms: options.server_timeout.map(|timeout| timeout.as_millis().max(1).to_string()),
            gsp_unsupported: AtomicBool::new(false),
        })
    }

    /// The server kind, given or detected.
    pub(crate) fn kind(&self) -> StoreKind {
        self.kind
    }

    /// Runs a query. With `union_default_graph`, a query without FROM asks for the union of
    /// the named graphs as its default graph where the server can be told so (Oxigraph);
    /// Virtuoso's default graph already is the union of all its graphs.
    pub(crate) fn query(&self, sparql: &str, union_default_graph: bool) -> Result<QueryOutput, StoreError> {
        let url = &self.endpoints.query;
        let mut fields = vec![("query", sparql)];
        if union_default_graph && self.kind == StoreKind::Oxigraph {
            fields.push(("union-default-graph", ""));
        }
        if let Some(milliseconds) = &self.server_timeout_ms
            && self.kind == StoreKind::Virtuoso
        {
            fields.push(("timeout", milliseconds));
        }
        let accept = if results::is_graph_query(sparql) { results::ACCEPT_GRAPH } else { results::ACCEPT };
        let reply = self.http.post_form(url, &fields, accept)?;
        if !reply.status.is_success() {
            return Err(self.failure(url, &reply, false));
        }
        results::parse(url, &reply)
    }

    /// The rows of a SELECT.
    pub(crate) fn select(&self, sparql: &str) -> Result<Vec<Vec<Option<Term>>>, StoreError> {
        match self.query(sparql, false)? {
            QueryOutput::Solutions { rows, .. } => Ok(rows),
            other => Err(StoreError::Remote {
                url: self.endpoints.query.clone(),
                message: format!("expected solutions, got {other:?}"),
            }),
        }
    }

    /// Every row of a SELECT, read page by page: `build` makes the query from a FILTER
    /// (empty for the first page) that keeps rows whose `key` — a variable unique per row —
    /// sorts after the last one read. Keyset paging, because Virtuoso refuses to sort more
    /// than 10,000 rows for an OFFSET; no answer depends on the server's row cap.
    pub(crate) fn select_keyed(
        &self,
        build: impl Fn(&str) -> String,
        key: &str,
    ) -> Result<Vec<Vec<Option<Term>>>, StoreError> {
        let mut all: Vec<Vec<Option<Term>>> = Vec::new();
        let mut filter = String::new();
        loop {
            let page = self.select(&format!("{}\nORDER BY STR(?{key})\nLIMIT {}", build(&filter), self.page_rows))?;
            let n = page.len();
            let last = page.last().and_then(|row| row.first().cloned().flatten());
            all.extend(page);
            let Some(last) = last else { return Ok(all) };
            if n < self.page_rows {
                return Ok(all);
            }
            let text = match &last {
                Term::NamedNode(node) => node.as_str().to_owned(),
                Term::Literal(literal) => literal.value().to_owned(),
                Term::BlankNode(node) => node.as_str().to_owned(),
            };
            filter = format!("FILTER(STR(?{key}) > {})", oxigraph::model::Literal::new_simple_literal(text));
        }
    }

    /// An ASK.
    pub(crate) fn ask(&self, sparql: &str) -> Result<bool, StoreError> {
        match self.query(sparql, false)? {
            QueryOutput::Boolean(value) => Ok(value),
            other => Err(StoreError::Remote {
                url: self.endpoints.query.clone(),
                message: format!("expected a boolean, got {other:?}"),
            }),
        }
    }

    /// Runs a SPARQL UPDATE.
    pub(crate) fn update(&self, sparql: &str) -> Result<(), StoreError> {
        let url = &self.endpoints.update;
        let reply = self.http.post_form(url, &[("update", sparql)], results::ACCEPT)?;
        if reply.status.is_success() { Ok(()) } else { Err(self.failure(url, &reply, true)) }
    }

    /// Replaces the graph `graph` by `triples`. The triples about `last_subject` (the document
    /// node with its content hash) are written last, so that a write cut off half way never
    /// looks like a complete document. Only the ontology has blank nodes (its OWL
    /// restrictions); documents never do.
    pub(crate) fn put_graph(&self, graph: &str, triples: &[Triple], last_subject: &str) -> Result<(), StoreError> {
        let mut ordered: Vec<&Triple> = triples.iter().collect();
        ordered.sort_by_key(|triple| triple.subject.to_string() == format!("<{last_subject}>"));
        if let Some(gsp) = &self.endpoints.gsp
            && !self.gsp_unsupported.load(Ordering::Relaxed)
        {
            let mut body = String::new();
            for triple in &ordered {
                let _ = writeln!(body, "{triple} .");
            }
            let reply = self.http.graph(&reqwest::Method::PUT, gsp, graph, Some(&body))?;
            if reply.status.is_success() {
                return Ok(());
            }
            if !matches!(reply.status.as_u16(), 404 | 405 | 501) {
                return Err(self.failure(gsp, &reply, true));
            }
            // No Graph Store Protocol here: SPARQL UPDATE from now on.
            self.gsp_unsupported.store(true, Ordering::Relaxed);
        }
        self.update(&format!("DROP SILENT GRAPH <{graph}>"))?;
        // Virtuoso refuses blank nodes in INSERT DATA ("Blank node ... is not allowed in a
        // constant clause"). An INSERT template makes fresh ones, shared within one request:
        // all of them go in one, before the last subject's triples. Repeating it would add a
        // second copy, so it is sent once.
        let (blank, ground): (Vec<&Triple>, Vec<&Triple>) =
            ordered.into_iter().partition(|triple| triple.subject.is_blank_node() || triple.object.is_blank_node());
        if !blank.is_empty() {
            let mut sparql = format!("INSERT {{ GRAPH <{graph}> {{\n");
            for triple in &blank {
                let _ = writeln!(sparql, "{triple} .");
            }
            sparql.push_str("} } WHERE {}");
            let url = &self.endpoints.update;
            let reply = self.http.post_form_once(url, &[("update", &sparql)], results::ACCEPT)?;
            if !reply.status.is_success() {
                return Err(self.failure(url, &reply, true));
            }
        }
        for batch in ground.chunks(self.batch_triples) {
            let mut sparql = format!("INSERT DATA {{ GRAPH <{graph}> {{\n");
            for triple in batch {
                let _ = writeln!(sparql, "{triple} .");
            }
            sparql.push_str("} }");
            self.update(&sparql)?;
        }
        Ok(())
    }

    /// Removes a graph.
    pub(crate) fn drop_graph(&self, graph: &str) -> Result<(), StoreError> {
        self.update(&format!("DROP SILENT GRAPH <{graph}>"))
    }

    /// The error for a failed request: a refused write names the fix, a server-side timeout
    /// is a timeout, anything else carries the server's words.
    fn failure(&self, url: &str, reply: &Reply, write: bool) -> StoreError {
        let excerpt = reply.excerpt();
        let lower = excerpt.to_ascii_lowercase();
        let refused = matches!(reply.status.as_u16(), 401 | 403)
            || lower.contains("permission")
            || lower.contains("read-only")
            || lower.contains("read only")
            || lower.contains("access denied");
        if write && refused {
            let hint = match self.kind {
                StoreKind::Virtuoso => {
                    "grant SPARQL_UPDATE to the SPARQL user (isql: GRANT SPARQL_UPDATE TO \"SPARQL\";), or give credentials of a user who may write (GEOKG_STORE_USER, GEOKG_STORE_PASSWORD)"
                }
                StoreKind::Oxigraph => {
                    "the server may be read-only (`oxigraph serve-read-only`); start it with `oxigraph serve`"
                }
                StoreKind::Generic => {
                    "give credentials of a user who may write (GEOKG_STORE_USER, GEOKG_STORE_PASSWORD), or set GEOKG_STORE_UPDATE_URL"
                }
            };
            return StoreError::WriteRefused { url: url.to_owned(), message: excerpt, hint: hint.to_owned() };
        }
        if reply.status.as_u16() == 401 && !write {
            return StoreError::Unauthorized { url: url.to_owned(), hint: ASK_FOR_CREDENTIALS.into() };
        }
        if lower.contains("s1t00") || lower.contains("timeout") || lower.contains("timed out") {
            return StoreError::Timeout { url: url.to_owned() };
        }
        if reply.status.as_u16() == 400 {
            return StoreError::Evaluation { message: format!("the server at {url} rejected the request: {excerpt}") };
        }
        StoreError::Remote { url: url.to_owned(), message: format!("{}: {excerpt}", reply.status) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_credentials_file_gives_user_and_password_and_must_be_private() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("credentials");
        std::fs::write(&path, "# geokg\nuser = analyst\npassword = s3cret = yes\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            let error = read_credentials(&path).unwrap_err().to_string();
            assert!(error.contains("chmod 600"), "{error}");
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        let (user, password) = read_credentials(&path).unwrap();
        assert_eq!((user.as_deref(), password.as_deref()), (Some("analyst"), Some("s3cret = yes")));
        std::fs::write(&path, "token: s3cret\n").unwrap();
        let error = read_credentials(&path).unwrap_err().to_string();
        assert!(error.contains(":1:") && !error.contains("s3cret"), "{error}");
    }
}
