//! The backends every conformance test runs on: the embedded store in memory, and the real
//! Oxigraph server and Virtuoso that `scripts/servers.sh start` runs on 127.0.0.1 (their URLs
//! come from `target/servers.env`). A missing server fails the test: none is skipped.
//!
//! The servers are shared by the tests of this binary, so a test holds [`lock`] while it uses
//! them and starts by forgetting every document a previous test left.

use geokg_store::{RemoteOptions, Store};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

static SERVERS: Mutex<()> = Mutex::new(());

/// Serialises the tests that use the shared servers (a failed test does not block the rest).
pub(crate) fn lock() -> MutexGuard<'static, ()> {
    SERVERS.lock().unwrap_or_else(PoisonError::into_inner)
}

/// An environment variable `scripts/servers.sh start` sets.
pub(crate) fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!(
            "{name} is not set: start the test servers with `scripts/servers.sh install && scripts/servers.sh start` \
             and `source target/servers.env` before `cargo test`"
        )
    })
}

/// Short retries: a test of a stopped server should not wait long.
pub(crate) fn options() -> RemoteOptions {
    RemoteOptions::default().with_retries(2, Duration::from_millis(100))
}

/// [`options`] with the credentials of Virtuoso's administrator (`dba`), for its endpoints
/// that ask for them (`/sparql-auth`, `/sparql-graph-crud-auth`, Digest).
pub(crate) fn dba() -> RemoteOptions {
    let mut options = options();
    options.user = Some(env("GEOKG_TEST_VIRTUOSO_USER"));
    options.password = Some(env("GEOKG_TEST_VIRTUOSO_PASSWORD"));
    options
}

/// Virtuoso's root URL (without `/sparql`).
pub(crate) fn virtuoso_root() -> String {
    env("GEOKG_TEST_VIRTUOSO_URL").trim_end_matches("/sparql").to_owned()
}

/// The three backends, each emptied of documents: (name, store).
pub(crate) fn backends() -> Vec<(&'static str, Store)> {
    let oxigraph = Store::open_remote(&env("GEOKG_TEST_OXIGRAPH_URL"), &options()).expect("the oxigraph server");
    let virtuoso = Store::open_remote(&env("GEOKG_TEST_VIRTUOSO_URL"), &options()).expect("virtuoso");
    let stores = vec![("embedded", Store::in_memory().unwrap()), ("oxigraph", oxigraph), ("virtuoso", virtuoso)];
    for (_, store) in &stores {
        empty(store);
    }
    stores
}

/// Forgets every document.
pub(crate) fn empty(store: &Store) {
    for source in store.sources().unwrap() {
        store.forget(&source).unwrap();
    }
}

/// A port nothing listens on right now.
pub(crate) fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// An Oxigraph server of one test's own, on its own port and folder; killed when dropped.
pub(crate) struct OwnServer {
    child: Option<Child>,
    pub(crate) url: String,
    port: u16,
    location: PathBuf,
    read_only: bool,
}

impl OwnServer {
    /// Starts `oxigraph serve` (or `serve-read-only`) on `location` and waits until it answers.
    pub(crate) fn start(location: &Path, read_only: bool) -> Self {
        let mut server =
            Self { child: None, url: String::new(), port: free_port(), location: location.to_owned(), read_only };
        server.url = format!("http://127.0.0.1:{}", server.port);
        server.restart();
        server
    }

    /// Starts the server again on the same port and folder.
    pub(crate) fn restart(&mut self) {
        let binary = env("GEOKG_TEST_OXIGRAPH_BIN");
        let command = if self.read_only { "serve-read-only" } else { "serve" };
        let child = Command::new(binary)
            .args([command, "--location"])
            .arg(&self.location)
            .args(["--bind", &format!("127.0.0.1:{}", self.port)])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("oxigraph server binary");
        self.child = Some(child);
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(30), "the oxigraph server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Kills the server (as a crash would) and waits for it to be gone.
    pub(crate) fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for OwnServer {
    fn drop(&mut self) {
        self.kill();
    }
}
