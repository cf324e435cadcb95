//! `--store URL`: the examples ingested into a real Oxigraph server of this test's own, and
//! into the real Virtuoso of `scripts/servers.sh start`, give the same listings, graph answers
//! and query results as the embedded store; Virtuoso's Digest-protected endpoint takes the
//! right credentials and refuses wrong ones without printing them.
//! Needs `GEOKG_TEST_OXIGRAPH_BIN` and `GEOKG_TEST_VIRTUOSO_*` from `scripts/servers.sh start`
//! (target/servers.env).

use crate::{Fixture, examples};
use assert_cmd::Command;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// `oxigraph serve` on a free port and a folder of its own; killed when dropped.
struct Server {
    child: Child,
    url: String,
}

/// A variable of `target/servers.env`.
fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!("{name} is not set: run `scripts/servers.sh install && scripts/servers.sh start` and `source target/servers.env` first")
    })
}

impl Server {
    fn start(folder: &std::path::Path) -> Self {
        let binary = env("GEOKG_TEST_OXIGRAPH_BIN");
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

/// `geokg --store URL ARGS` with the environment's credentials cleared; its output.
fn geokg_at(store: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_geokg"))
        .arg("--store")
        .arg(store)
        .args(args)
        .env_remove("GEOKG_STORE")
        .env_remove("GEOKG_STORE_USER")
        .env_remove("GEOKG_STORE_PASSWORD")
        .output()
        .unwrap()
}

/// Ingests the examples into the (empty) server at `url` and asserts that every command
/// answers as it does from the embedded store.
fn every_command_answers_the_same_from(url: &str) {
    let embedded = Fixture::ingested();
    let folder = tempfile::tempdir().unwrap();
    let cache = folder.path().join("cache");
    let local = embedded.store();
    let local = local.to_str().unwrap();
    let examples = examples();
    let output = Command::new(env!("CARGO_BIN_EXE_geokg"))
        .args(["--store", url, "ingest"])
        .arg(&examples)
        .env_remove("GEOKG_STORE")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stderr).contains("11 new"), "{}", String::from_utf8_lossy(&output.stderr));
    for args in [
        &["meetings", "--format", "json"][..],
        &["meetings", "--with", "Putin", "--format", "json"],
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
        assert_eq!(run(url, &cache, args), run(local, &cache, args), "{url} {args:?}");
    }
    // The view was cached for the server, and a second question reads it back.
    assert!(std::fs::read_dir(cache.join("geokg")).unwrap().count() >= 1);
    assert_eq!(run(url, &cache, &["who-met", "Putin"]), run(local, &cache, &["who-met", "Putin"]));
    // Re-ingest changes nothing; forget removes.
    let output =
        Command::new(env!("CARGO_BIN_EXE_geokg")).args(["--store", url, "ingest"]).arg(&examples).output().unwrap();
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("11 unchanged"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let one = examples.join("de-iran-drohnen.txt");
    for store in [url, local] {
        Command::new(env!("CARGO_BIN_EXE_geokg")).args(["--store", store, "forget"]).arg(&one).assert().success();
    }
    assert_eq!(run(url, &cache, &["stats", "--format", "json"]), run(local, &cache, &["stats", "--format", "json"]));
    let dump = run(url, &cache, &["dump", "--format", "nquads"]);
    assert_eq!(dump.lines().count(), run(local, &cache, &["dump", "--format", "nquads"]).lines().count());
    let export = ["export", "--format", "graphml"];
    assert_eq!(run(url, &cache, &export), run(local, &cache, &export));
    forget_everything(url);
}

/// Forgets every document on the server at `url`.
fn forget_everything(url: &str) {
    let query = "SELECT DISTINCT ?source WHERE { GRAPH ?g { ?g gk:source ?source } }";
    let output = geokg_at(url, &["query", query, "--format", "json"]);
    // Exit code 1: no documents to forget.
    if output.status.code() == Some(1) {
        return;
    }
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let sources: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    for row in sources["results"]["bindings"].as_array().unwrap() {
        let source = row["source"]["value"].as_str().unwrap();
        assert!(geokg_at(url, &["forget", source]).status.success(), "{source}");
    }
}

#[test]
fn every_command_answers_the_same_from_an_oxigraph_server() {
    let folder = tempfile::tempdir().unwrap();
    let server = Server::start(&folder.path().join("server"));
    every_command_answers_the_same_from(&server.url);
}

#[test]
fn every_command_answers_the_same_from_virtuoso() {
    let _lock = VIRTUOSO.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let url = env("GEOKG_TEST_VIRTUOSO_URL");
    // The store tests share this server: start from no documents.
    forget_everything(&url);
    every_command_answers_the_same_from(&url);
}

/// The tests here that use the shared Virtuoso, one at a time.
static VIRTUOSO: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[test]
fn virtuosos_digest_endpoint_takes_the_right_password_and_names_the_fix_for_a_wrong_one() {
    let _lock = VIRTUOSO.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let url = env("GEOKG_TEST_VIRTUOSO_URL").trim_end_matches("/sparql").to_owned() + "/sparql-auth";
    let with = |password: &str, args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_geokg"))
            .args(["--store", &url])
            .args(args)
            .env_remove("GEOKG_STORE")
            .env("GEOKG_STORE_USER", env("GEOKG_TEST_VIRTUOSO_USER"))
            .env("GEOKG_STORE_PASSWORD", password)
            .output()
            .unwrap()
    };
    let one = examples().join("de-putin-kim-wostotschny.txt");
    let password = env("GEOKG_TEST_VIRTUOSO_PASSWORD");
    let output = with(&password, &["ingest", one.to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let output = with(&password, &["who-met", "Putin"]);
    assert!(String::from_utf8_lossy(&output.stdout).contains("Kim Jong Un"), "{output:?}");
    assert!(with(&password, &["forget", one.to_str().unwrap()]).status.success());
    let output = with("wrong-Pa55-word", &["stats"]);
    assert_eq!(output.status.code(), Some(2));
    let shown = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(shown.contains("check GEOKG_STORE_USER and GEOKG_STORE_PASSWORD"), "{shown}");
    assert!(!shown.contains("wrong-Pa55-word"), "{shown}");
    let output = geokg_at(&url, &["stats"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("set GEOKG_STORE_USER"), "{output:?}");
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
