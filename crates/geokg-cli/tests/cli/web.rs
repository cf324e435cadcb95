//! `geokg ingest` on the web: article URLs, feeds and crawl dumps, against a real HTTP server on
//! 127.0.0.1 (geokg-source's test server and news site), with the store checked afterwards.

#[path = "../../../geokg-source/tests/support/server.rs"]
mod server;

use crate::Fixture;
use predicates::str::contains;
use server::{Server, news_site};
use std::path::Path;

/// Short waits, so failures cost the suite little.
const FAST: &[&str] = &["--timeout", "1s", "--connect-timeout", "1s", "--retry-wait", "10ms", "--max-body", "100kB"];

impl Fixture {
    /// The stored documents' sources, sorted.
    fn sources(&self) -> Vec<String> {
        let rows = self.json(&["query", "SELECT ?s WHERE { ?d gk:source ?s } ORDER BY ?s", "--format", "json"]);
        rows["results"]["bindings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|row| row["s"]["value"].as_str().unwrap().to_owned())
            .collect()
    }

    /// One value of the document with `source`, by predicate (`gk:httpStatus`).
    fn value(&self, source: &str, predicate: &str) -> Option<String> {
        let sparql = format!("SELECT ?v WHERE {{ ?d gk:source \"{source}\" ; {predicate} ?v }}");
        let rows = self.json(&["query", &sparql, "--format", "json"]);
        rows["results"]["bindings"]
            .as_array()
            .unwrap()
            .first()
            .map(|row| row["v"]["value"].as_str().unwrap().to_owned())
    }
}

#[test]
fn urls_are_fetched_and_stored_and_each_failure_is_named() {
    let server = Server::start(news_site);
    let fixture = Fixture::empty();
    let good = ["/news/kim-putin", "/news/json-ld", "/news/latin1", "/fail/500-then-200", "/fail/redirect"];
    let bad = [
        ("/fail/404", "answered 404 Not Found"),
        ("/fail/slow", "timed out"),
        ("/fail/huge", "is larger than 100000 bytes"),
        ("/fail/loop-a", "too many redirects"),
        ("/fail/image.png", "is image/png, not an HTML page"),
    ];
    let mut command = fixture.geokg();
    command.arg("ingest").args(FAST);
    for path in good.iter().chain(bad.iter().map(|(path, _)| path)) {
        command.arg(server.url(path));
    }
    let mut assert = command
        .assert()
        .code(1)
        .stderr(contains("10 documents from 10 URLs: 5 new, 0 unchanged, 0 replaced, 5 failed"));
    for (path, reason) in bad {
        assert = assert.stderr(contains(server.url(path))).stderr(contains(reason));
    }
    let mut expected: Vec<String> = good.iter().map(|path| server.url(path)).collect();
    expected.sort();
    assert_eq!(fixture.sources(), expected);
    // Provenance: asked for, answered from, status and time.
    let redirect = server.url("/fail/redirect");
    assert_eq!(fixture.value(&redirect, "gk:requestedUrl").as_deref(), Some(redirect.as_str()));
    assert_eq!(fixture.value(&redirect, "gk:httpStatus").as_deref(), Some("200"));
    assert!(fixture.value(&redirect, "gk:fetchedAt").is_some_and(|time| time.ends_with('Z')));
    let urls = fixture.json(&[
        "query",
        &format!("SELECT ?u WHERE {{ ?d gk:source \"{redirect}\" ; schema:url ?u }} ORDER BY ?u"),
        "--format",
        "json",
    ]);
    assert!(urls.to_string().contains(&server.url("/news/time")), "the final URL is recorded: {urls}");
    let page = server.url("/news/kim-putin");
    assert_eq!(fixture.value(&page, "schema:datePublished").as_deref(), Some("2023-09-13"));
    assert_eq!(fixture.value(&page, "dcterms:language").as_deref(), Some("en"));
    assert_eq!(fixture.value(&page, "gk:canonicalUrl"), Some(server.url("/world/2023/09/13/kim-meets-putin")));
    assert!(fixture.quads() > 0);
    // The article's facts were extracted: Kim and Putin met.
    let meetings = fixture.json(&["meetings", "--with", "Putin", "--format", "json"]);
    assert!(meetings.to_string().contains(&page), "{meetings}");
}

#[test]
fn a_second_run_asks_conditionally_and_counts_304_as_unchanged() {
    let server = Server::start(news_site);
    let fixture = Fixture::empty();
    let url = server.url("/news/cached");
    fixture.geokg().args(["ingest", &url]).args(FAST).assert().success().stderr(contains("1 new"));
    assert_eq!(fixture.value(&url, "gk:etag").as_deref(), Some("\"v1\""));
    let quads = fixture.quads();
    fixture.geokg().args(["ingest", &url]).args(FAST).assert().success().stderr(contains("0 new, 1 unchanged"));
    let requests = server.requests("/news/cached");
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].headers.get("if-none-match").map(String::as_str), Some("\"v1\""));
    assert_eq!(fixture.quads(), quads);
}

#[test]
fn feeds_fetch_new_items_since_a_date_and_skip_stored_ones() {
    let server = Server::start(news_site);
    let fixture = Fixture::empty();
    let (rss, atom) = (server.url("/rss.xml"), server.url("/atom.xml"));
    // RSS: two items since 2023, one from 2022; Atom: two articles and a 404.
    fixture
        .geokg()
        .args(["ingest", "--since", "2023-01-01", "--feed", &rss, &atom])
        .args(FAST)
        .assert()
        .code(1)
        .stderr(contains(server.url("/fail/404")))
        .stderr(contains("4 new"))
        .stderr(contains("1 failed"))
        .stderr(contains("0 feed items already stored, 1 older than --since"));
    let sources = fixture.sources();
    assert_eq!(sources.len(), 4, "{sources:?}");
    assert!(sources.contains(&server.url("/news/cp1252")) && !sources.contains(&server.url("/news/time")));
    assert_eq!(server.requests("/news/time").len(), 0, "an item before --since is not fetched");
    // A feeds file; the stored items are not fetched again.
    let list = fixture.dir.path().join("feeds.txt");
    std::fs::write(&list, format!("# news\n{rss}\n\n{atom}\n")).unwrap();
    fixture
        .geokg()
        .args(["ingest", "--since", "2023", "--feeds"])
        .arg(&list)
        .args(FAST)
        .assert()
        .code(1)
        .stderr(contains("4 feed items already stored, 1 older than --since"));
    for path in ["/news/kim-putin", "/news/cp1252", "/news/json-ld", "/news/latin1"] {
        assert_eq!(server.requests(path).len(), 1, "{path} was fetched again");
    }
    // A feed item's page without a date takes the feed's: the cp1252 page states none.
    assert_eq!(fixture.value(&server.url("/news/cp1252"), "schema:datePublished").as_deref(), Some("2023-07-10"));
}

#[test]
fn a_feed_that_is_not_a_feed_is_reported() {
    let server = Server::start(news_site);
    let fixture = Fixture::empty();
    fixture
        .geokg()
        .args(["ingest", "--feed", &server.url("/news/time"), &server.url("/fail/404")])
        .args(FAST)
        .assert()
        .code(1)
        .stderr(contains("is not an RSS or Atom feed"))
        .stderr(contains("answered 404 Not Found"))
        .stderr(contains("2 failed"));
}

#[test]
fn a_warc_gz_dump_is_ingested_record_by_record() {
    let fixture = Fixture::empty();
    let dump = Path::new(env!("CARGO_MANIFEST_DIR")).join("../geokg-source/tests/fixtures/cc-news-sample.warc.gz");
    fixture.geokg().arg("ingest").arg(&dump).assert().success().stderr(contains("3 documents from 1 files: 3 new"));
    assert_eq!(
        fixture.sources(),
        ["https://news.example/de/gas", "https://news.example/us/biden-macron", "https://news.example/world/kim-putin"]
    );
    // Each record's capture is the document's provenance.
    let fetches = fixture.json(&[
        "query",
        "SELECT ?url ?status ?at WHERE { ?d gk:requestedUrl ?url ; gk:httpStatus ?status ; gk:fetchedAt ?at } ORDER BY ?url",
        "--format",
        "json",
    ]);
    let rows = fetches["results"]["bindings"].as_array().expect("bindings");
    assert_eq!(rows.len(), 3, "{fetches}");
    assert_eq!(rows[2]["url"]["value"], "https://news.example/world/kim-putin");
    assert_eq!(rows[2]["status"]["value"], "200");
    assert!(rows[2]["at"]["value"].as_str().is_some_and(|at| at.starts_with("2023-09-14T06:00:0")), "{fetches}");
}

#[test]
fn files_and_urls_mix_in_one_run() {
    let server = Server::start(news_site);
    let fixture = Fixture::empty();
    fixture
        .geokg()
        .arg("ingest")
        .arg(crate::examples().join("de-katar-gas.txt"))
        .arg(server.url("/news/time"))
        .args(FAST)
        .assert()
        .success()
        .stderr(contains("2 documents from 1 files and 1 URLs: 2 new"));
}
