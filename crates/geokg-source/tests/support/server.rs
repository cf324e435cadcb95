//! A small HTTP/1.1 server on 127.0.0.1 for tests, on `std::net` only, and the news site it serves:
//! article pages with boilerplate, dates in each metadata form, Latin-1 and windows-1252 pages,
//! RSS and Atom feeds, a WARC dump, and the failures a fetcher must survive (404, 500 then 200,
//! 429 with Retry-After, a slow answer, oversized bodies, a redirect loop, an image, a 304).
//!
//! Shared by geokg-source's tests and the CLI's (`#[path]`). Each connection is answered once
//! and closed; nothing listens beyond loopback, and the server stops when dropped.

#![allow(dead_code)] // Each test binary uses a different part of the site.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    pub(crate) path: String,
    /// Header names in lower case.
    pub(crate) headers: BTreeMap<String, String>,
}

/// What to answer.
#[derive(Debug, Clone, Default)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
    /// Wait this long before answering.
    pub(crate) delay: Duration,
    /// Send no Content-Length: the body ends when the connection closes.
    pub(crate) no_length: bool,
}

impl Reply {
    pub(crate) fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
            ..Self::default()
        }
    }

    pub(crate) fn html(body: impl Into<Vec<u8>>) -> Self {
        Self::new(200, "text/html; charset=utf-8", body)
    }

    pub(crate) fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

type Handler = dyn Fn(&Request, usize) -> Reply + Send + Sync;

/// A server on an ephemeral loopback port; `handler` gets each request and how many requests
/// for that path came before it.
pub(crate) struct Server {
    address: SocketAddr,
    log: Arc<Mutex<Vec<Request>>>,
    stop: Arc<AtomicBool>,
}

impl Server {
    pub(crate) fn start(handler: impl Fn(&Request, usize) -> Reply + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let handler: Arc<Handler> = Arc::new(handler);
        let (thread_log, thread_stop) = (Arc::clone(&log), Arc::clone(&stop));
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if thread_stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let (handler, log) = (Arc::clone(&handler), Arc::clone(&thread_log));
                std::thread::spawn(move || serve(stream, &*handler, &log));
            }
        });
        Self { address, log, stop }
    }

    /// `http://127.0.0.1:PORT/path`.
    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// The requests for `path` so far.
    pub(crate) fn requests(&self, path: &str) -> Vec<Request> {
        self.log.lock().unwrap().iter().filter(|request| request.path == path).cloned().collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect_timeout(&self.address, Duration::from_millis(200));
    }
}

fn serve(stream: TcpStream, handler: &Handler, log: &Mutex<Vec<Request>>) {
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let mut headers = BTreeMap::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_owned());
        }
    }
    let request = Request { path, headers };
    let seen = {
        let mut log = log.lock().unwrap();
        let seen = log.iter().filter(|earlier| earlier.path == request.path).count();
        log.push(request.clone());
        seen
    };
    let reply = handler(&request, seen);
    std::thread::sleep(reply.delay);
    let mut head = format!("HTTP/1.1 {} X\r\nConnection: close\r\n", reply.status);
    for (name, value) in &reply.headers {
        let _ = write!(head, "{name}: {value}\r\n");
    }
    if !reply.no_length {
        let _ = write!(head, "Content-Length: {}\r\n", reply.body.len());
    }
    head.push_str("\r\n");
    let mut stream = stream;
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&reply.body);
    let _ = stream.flush();
}

/// Latin-1 bytes of a text whose characters are all below U+0100.
pub(crate) fn latin1(text: &str) -> Vec<u8> {
    text.chars().map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 character")).collect()
}

pub(crate) const BOILERPLATE: &str = include_str!("../pages/boilerplate.html");
pub(crate) const JSON_LD: &str = include_str!("../pages/json-ld.html");
pub(crate) const TIME: &str = include_str!("../pages/time.html");
pub(crate) const DATELINE: &str = include_str!("../pages/dateline.html");
pub(crate) const LATIN1: &str = include_str!("../pages/latin1.html");

/// A news site: `/news/*` pages, `/rss.xml`, `/atom.xml`, and the failure cases under `/fail/*`.
pub(crate) fn news_site(request: &Request, seen: usize) -> Reply {
    let host = request.headers.get("host").cloned().unwrap_or_default();
    match request.path.as_str() {
        "/news/kim-putin" => Reply::html(BOILERPLATE),
        "/news/json-ld" => Reply::html(JSON_LD),
        "/fail/500-then-200" if seen == 0 => Reply::new(500, "text/plain", "try again"),
        "/fail/429-then-200" if seen == 0 => Reply::new(429, "text/plain", "slow down").header("Retry-After", "1"),
        "/news/time" | "/fail/429-then-200" => Reply::html(TIME),
        "/news/dateline" | "/fail/500-then-200" => Reply::html(DATELINE),
        "/news/latin1" => Reply::new(200, "text/html; charset=ISO-8859-1", latin1(LATIN1)),
        // No charset in the header: the page's <meta> says windows-1252, whose 0x84/0x93 are quotes.
        "/news/cp1252" => Reply::new(
            200,
            "text/html",
            [
                &b"<html><head><meta charset=\"windows-1252\"><title>Zitat</title></head><body><article><p>"[..],
                b"Der Kanzler sagte am Montag in Berlin: \x84Wir liefern keine Marschflugk\xf6rper.\x93 ",
                b"Die Opposition widersprach ihm im Bundestag am selben Abend deutlich und lange.</p></article></body></html>",
            ]
            .concat(),
        ),
        "/news/cached" => {
            let etag = "\"v1\"";
            if request.headers.get("if-none-match").map(String::as_str) == Some(etag) {
                Reply { status: 304, ..Reply::default() }.header("ETag", etag)
            } else {
                Reply::html(JSON_LD).header("ETag", etag).header("Last-Modified", "Tue, 20 Feb 2024 08:00:00 GMT")
            }
        }
        "/rss.xml" => Reply::new(
            200,
            "application/rss+xml",
            format!(
                r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title><link>http://{host}/</link>
<item><title>Kim meets Putin</title><link>http://{host}/news/kim-putin</link><pubDate>Wed, 13 Sep 2023 09:00:00 GMT</pubDate></item>
<item><title>Zitat</title><link>/news/cp1252</link><pubDate>Mon, 10 Jul 2023 09:00:00 GMT</pubDate></item>
<item><title>Old news</title><link>/news/time</link><pubDate>Wed, 15 Jun 2022 10:00:00 GMT</pubDate></item>
</channel></rss>"#
            ),
        ),
        "/atom.xml" => Reply::new(
            200,
            "application/atom+xml",
            format!(
                r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Beispiel</title><id>urn:x</id><updated>2024-02-21T00:00:00Z</updated>
<entry><title>Scholz in Kiew</title><id>urn:1</id><link href="http://{host}/news/json-ld"/><published>2024-02-20T07:00:00Z</published></entry>
<entry><title>Gespräche</title><id>urn:2</id><link rel="alternate" href="http://{host}/news/latin1"/><updated>2024-01-05T07:00:00Z</updated></entry>
<entry><title>Fehlt</title><id>urn:3</id><link href="http://{host}/fail/404"/><updated>2024-01-06T07:00:00Z</updated></entry>
</feed>"#
            ),
        ),
        "/fail/404" => Reply::new(404, "text/html", "<h1>Not Found</h1>"),
        "/fail/always-503" => Reply::new(503, "text/plain", "down"),
        "/fail/slow" => Reply { delay: Duration::from_secs(4), ..Reply::html(TIME) },
        "/fail/huge" => Reply::html(vec![b' '; 300_000]),
        "/fail/huge-unsized" => Reply { no_length: true, ..Reply::html(vec![b' '; 300_000]) },
        "/fail/loop-a" => Reply { status: 302, ..Reply::default() }.header("Location", "/fail/loop-b"),
        "/fail/loop-b" => Reply { status: 302, ..Reply::default() }.header("Location", "/fail/loop-a"),
        "/fail/redirect" => Reply { status: 301, ..Reply::default() }.header("Location", "/news/time"),
        "/fail/image.png" => Reply::new(200, "image/png", b"\x89PNG\r\n\x1a\n".to_vec()),
        "/fail/empty" => Reply::html("<html><head><title>Nothing</title></head><body></body></html>"),
        _ => Reply::new(404, "text/plain", "no such page"),
    }
}
