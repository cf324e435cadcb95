//! A loopback HTTP proxy in front of a real server, for the tests of what geokg does on the
//! wire: a script sees each request first and may answer it itself (a 503, a 429, a 401) or
//! change it (drop its credentials) before it goes on; every exchange is recorded.
//!
//! One request per connection (`Connection: close` both ways) keeps the parsing to what the
//! tests need: a request head and a `Content-Length` body; the upstream answer is passed back
//! byte for byte apart from its `Connection` header.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex, PoisonError};

/// A request as the proxy received it.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    pub(crate) method: String,
    /// The path and query.
    pub(crate) target: String,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Request {
    /// A header's value.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }

    /// The request without the header.
    pub(crate) fn remove_header(&mut self, name: &str) {
        self.headers.retain(|(key, _)| !key.eq_ignore_ascii_case(name));
    }
}

/// What the script decides for a request.
pub(crate) enum Action {
    /// Pass it on to the server.
    Forward,
    /// Pass it on, then change the server's answer's head (as text).
    ForwardEdited(fn(&str) -> String),
    /// Answer with this status and headers, and no body.
    Answer(u16, Vec<(&'static str, String)>),
}

/// One request and the status it got.
#[derive(Debug, Clone)]
pub(crate) struct Exchange {
    pub(crate) request: Request,
    pub(crate) status: u16,
}

type Script = Box<dyn FnMut(usize, &mut Request) -> Action + Send>;

/// The proxy; its thread lives as long as the test process.
pub(crate) struct Proxy {
    /// The proxy's root URL (`http://127.0.0.1:PORT`).
    pub(crate) url: String,
    log: Arc<Mutex<Vec<Exchange>>>,
}

impl Proxy {
    /// Listens on a free loopback port and forwards to `upstream` (`http://host:port`), asking
    /// `script` first with the request's number (from 0).
    pub(crate) fn start(upstream: &str, script: impl FnMut(usize, &mut Request) -> Action + Send + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let upstream = upstream.trim_start_matches("http://").split('/').next().unwrap().to_owned();
        let log = Arc::new(Mutex::new(Vec::new()));
        let shared = Arc::clone(&log);
        let mut script: Script = Box::new(script);
        std::thread::spawn(move || {
            for (number, stream) in listener.incoming().enumerate() {
                let Ok(mut stream) = stream else { continue };
                if let Some((exchange, answer)) = serve(&mut stream, &upstream, number, &mut script) {
                    // Logged before the client has its answer, so that a test reading the log
                    // after a call sees every request of that call.
                    shared.lock().unwrap_or_else(PoisonError::into_inner).push(exchange);
                    let _ = stream.write_all(&answer);
                }
            }
        });
        Self { url, log }
    }

    /// What went through so far.
    pub(crate) fn log(&self) -> Vec<Exchange> {
        self.log.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

fn serve(client: &mut TcpStream, upstream: &str, number: usize, script: &mut Script) -> Option<(Exchange, Vec<u8>)> {
    let mut request = read_request(client)?;
    let (status, answer) = match script(number, &mut request) {
        Action::Answer(status, headers) => {
            let mut head = format!("HTTP/1.1 {status} Scripted\r\nContent-Length: 0\r\nConnection: close\r\n");
            for (name, value) in headers {
                let _ = write!(head, "{name}: {value}\r\n");
            }
            head.push_str("\r\n");
            (status, head.into_bytes())
        }
        Action::Forward => forward(&request, upstream, None),
        Action::ForwardEdited(edit) => forward(&request, upstream, Some(edit)),
    };
    Some((Exchange { request, status }, answer))
}

fn read_request(client: &mut TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(client);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next()?.to_owned(), parts.next()?.to_owned());
    let mut headers = Vec::new();
    loop {
        line.clear();
        reader.read_line(&mut line).ok()?;
        let trimmed = line.trim_end();
        if trimmed.is_empty() {
            break;
        }
        let (name, value) = trimmed.split_once(':')?;
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    let mut request = Request { method, target, headers, body: Vec::new() };
    let length: usize = request.header("Content-Length").and_then(|n| n.parse().ok()).unwrap_or(0);
    request.body = vec![0; length];
    reader.read_exact(&mut request.body).ok()?;
    Some(request)
}

fn forward(request: &Request, upstream: &str, edit: Option<fn(&str) -> String>) -> (u16, Vec<u8>) {
    let mut server = TcpStream::connect(upstream).unwrap();
    let mut head =
        format!("{} {} HTTP/1.1\r\nHost: {upstream}\r\nConnection: close\r\n", request.method, request.target);
    for (name, value) in &request.headers {
        if !name.eq_ignore_ascii_case("host") && !name.eq_ignore_ascii_case("connection") {
            let _ = write!(head, "{name}: {value}\r\n");
        }
    }
    head.push_str("\r\n");
    server.write_all(head.as_bytes()).unwrap();
    server.write_all(&request.body).unwrap();
    let mut answer = Vec::new();
    server.read_to_end(&mut answer).unwrap();
    let split = answer.windows(4).position(|w| w == b"\r\n\r\n").expect("an HTTP answer") + 4;
    let head = String::from_utf8_lossy(&answer[..split]).into_owned();
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut lines: Vec<&str> =
        head.trim_end().split("\r\n").filter(|line| !line.to_ascii_lowercase().starts_with("connection:")).collect();
    lines.push("Connection: close");
    let mut head = lines.join("\r\n") + "\r\n\r\n";
    if let Some(edit) = edit {
        head = edit(&head);
    }
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(&answer[split..]);
    (status, bytes)
}
