//! `--store URL`: the examples ingested into a real Oxigraph server of this test's own give
//! the same listings, graph answers and query results as the embedded store.
//! Needs `GEOKG_TEST_OXIGRAPH_BIN` from `scripts/servers.sh start` (target/servers.env).

use crate::{Fixture, examples};
use assert_cmd::Command;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// `oxigraph serve` on a free port and a folder of its own; killed when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(folder: &std::path::Path) -> Self {
        let binary = std::env::var("GEOKG_TEST_OXIGRAPH_BIN").unwrap_or_else(|_| {
            panic!("GEOKG_TEST_OXIGRAPH_BIN is not set: run `scripts/servers.sh install && scripts/servers.sh start` and `source target/servers.env` first")
        });
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = std::process::Command::new(binary)
            .args(["serve", "--location"])
            .arg(folder)
            .args(["--bind", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the oxigraph server binary");
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(30), "the oxigraph server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Self { child, url: format!("http://127.0.0.1:{port}") }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn run(store: &str, cache: &std::path::Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_geokg"))
        .arg("--store")
        .arg(store)
        .args(args)
        .env_remove("GEOKG_STORE")
        .env("XDG_CACHE_HOME", cache)
        .output()
        .unwrap();
    assert!(output.status.success(), "{store} {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn every_command_answers_the_same_from_an_oxigraph_server() {
    let embedded = Fixture::ingested();
    let folder = tempfile::tempdir().unwrap();
    let server = Server::start(&folder.path().join("server"));
    let cache = folder.path().join("cache");
    let local = embedded.store();
    let local = local.to_str().unwrap();
    let examples = examples();
    let output = Command::new(env!("CARGO_BIN_EXE_geokg"))
        .args(["--store", &server.url, "ingest"])
        .arg(&examples)
        .env_remove("GEOKG_STORE")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stderr).contains("11 new"), "{}", String::from_utf8_lossy(&output.stderr));
    for args in [
        &["meetings", "--format", "json"][..],
        &["transfers", "--format", "csv"],
        &["leaders"],
        &["who-met", "Putin", "--format", "json"],
        &["who-met", "Putin", "Kim Jong Un"],
        &["path", "Kim Jong Un", "Iran", "--status", "any"],
        &["query", "who-met-whom", "--format", "csv"],
        &["query", "arms-suppliers", "--param", "name=Russia"],
        &["query", "SELECT ?m WHERE { ?m a gk:Visit } ORDER BY ?m", "--format", "json"],
        &["stats", "--format", "json"],
    ] {
        assert_eq!(run(&server.url, &cache, args), run(local, &cache, args), "{args:?}");
    }
    // The view was cached for the server, and a second question reads it back.
    assert!(std::fs::read_dir(cache.join("geokg")).unwrap().count() >= 1);
    assert_eq!(run(&server.url, &cache, &["who-met", "Putin"]), run(local, &cache, &["who-met", "Putin"]));
    // Re-ingest changes nothing; forget removes.
    let output = Command::new(env!("CARGO_BIN_EXE_geokg"))
        .args(["--store", &server.url, "ingest"])
        .arg(&examples)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("11 unchanged"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let one = examples.join("de-iran-drohnen.txt");
    for store in [server.url.as_str(), local] {
        Command::new(env!("CARGO_BIN_EXE_geokg")).args(["--store", store, "forget"]).arg(&one).assert().success();
    }
    assert_eq!(
        run(&server.url, &cache, &["stats", "--format", "json"]),
        run(local, &cache, &["stats", "--format", "json"])
    );
    let dump = run(&server.url, &cache, &["dump", "--format", "nquads"]);
    assert_eq!(dump.lines().count(), run(local, &cache, &["dump", "--format", "nquads"]).lines().count());
}

#[test]
fn a_store_url_nothing_answers_at_is_a_clear_error() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let output = Command::new(env!("CARGO_BIN_EXE_geokg"))
        .args(["--store", &format!("http://127.0.0.1:{port}/sparql"), "meetings"])
        .env("GEOKG_STORE_PASSWORD", "hunter2-secret")
        .env("GEOKG_STORE_USER", "analyst")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("is the server running?"), "{stderr}");
    assert!(!stderr.contains("hunter2-secret"), "{stderr}");
}
