//! Crawl dumps: the committed `fixtures/cc-news-sample.warc.gz` (made by this test, one gzip
//! member per record as CC-NEWS ships them) read through `expand` and `read`.

mod support {
    pub(crate) mod server;
}

use geokg_source::{ReadOptions, expand, read};
use std::io::Write;
use std::path::{Path, PathBuf};
use support::server::{BOILERPLATE, DATELINE, LATIN1, latin1};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cc-news-sample.warc.gz")
}

/// A WARC/1.0 record.
fn record(kind: &str, id: usize, url: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Date: 2023-09-14T06:00:0{id}Z\r\n\
         WARC-Record-ID: <urn:uuid:6e3b0a7c-0000-4000-8000-00000000000{id}>\r\n{target}\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len(),
        target = if url.is_empty() { String::new() } else { format!("WARC-Target-URI: {url}\r\n") },
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out =
        format!("HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n", body.len())
            .into_bytes();
    out.extend_from_slice(body);
    out
}

/// The dump: warcinfo, a request, three article responses (UTF-8, Latin-1, no metadata), a
/// redirect, an image and a metadata record.
fn records() -> Vec<Vec<u8>> {
    vec![
        record(
            "warcinfo",
            0,
            "",
            "application/warc-fields",
            b"software: geokg tests\r\nformat: WARC File Format 1.0\r\n",
        ),
        record(
            "request",
            1,
            "https://news.example/world/kim-putin",
            "application/http; msgtype=request",
            b"GET /world/kim-putin HTTP/1.1\r\nHost: news.example\r\n\r\n",
        ),
        record(
            "response",
            2,
            "https://news.example/world/kim-putin",
            "application/http; msgtype=response",
            &http("200 OK", "text/html; charset=utf-8", BOILERPLATE.as_bytes()),
        ),
        record(
            "response",
            3,
            "https://news.example/de/gas",
            "application/http; msgtype=response",
            &http("200 OK", "text/html; charset=ISO-8859-1", &latin1(LATIN1)),
        ),
        record(
            "response",
            4,
            "https://news.example/old",
            "application/http; msgtype=response",
            &http("301 Moved Permanently", "text/html", b""),
        ),
        record(
            "response",
            5,
            "https://news.example/logo.png",
            "application/http; msgtype=response",
            &http("200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
        ),
        record(
            "response",
            6,
            "https://news.example/us/biden-macron",
            "application/http; msgtype=response",
            &http("200 OK", "text/html", DATELINE.as_bytes()),
        ),
        record(
            "metadata",
            7,
            "https://news.example/us/biden-macron",
            "application/warc-fields",
            b"fetchTimeMs: 12\r\n",
        ),
    ]
}

/// The records, each gzipped as its own member.
fn dump() -> Vec<u8> {
    let mut out = Vec::new();
    for record in records() {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(&record).unwrap();
        out.extend(encoder.finish().unwrap());
    }
    out
}

#[test]
fn the_committed_fixture_is_what_this_test_makes() {
    let path = fixture();
    if let Ok(committed) = std::fs::read(&path) {
        // Compared decompressed: another zlib may compress the same records differently.
        let mut records = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(committed.as_slice()), &mut records).unwrap();
        assert!(records == self::records().concat(), "{} is stale; delete it and run this test", path.display());
    } else {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, dump()).unwrap();
    }
}

#[test]
fn a_warc_gz_yields_its_html_articles_in_order() {
    let path = fixture();
    if !path.exists() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, dump()).unwrap();
    }
    let inputs = expand(&[path.parent().unwrap()]);
    assert_eq!(inputs.len(), 1, "folders list .warc.gz files: {inputs:?}");
    let documents: Vec<_> = read(&inputs[0], &ReadOptions::default()).map(Result::unwrap).collect();
    let sources: Vec<_> = documents.iter().map(|document| document.source.as_deref().unwrap()).collect();
    assert_eq!(
        sources,
        ["https://news.example/world/kim-putin", "https://news.example/de/gas", "https://news.example/us/biden-macron"]
    );
    assert!(documents[0].text.starts_with("North Korean leader Kim Jong Un met"));
    assert!(!documents[0].text.contains("cookies"));
    assert_eq!(documents[0].published.unwrap().to_string(), "2023-09-13");
    assert!(documents[1].text.contains("Die Gespräche über künftige Gaslieferungen"), "{}", documents[1].text);
    assert_eq!(documents[1].language.as_deref(), Some("de"));
    assert_eq!(documents[2].published.unwrap().to_string(), "2021-03-03");
}
