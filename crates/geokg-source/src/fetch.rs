//! HTTP: one `Fetcher` (a reqwest blocking client with rustls) that every page and feed goes
//! through, with timeouts, a body limit, bounded redirects, retries on 429 and 5xx, a limit of
//! requests per host across threads, conditional requests, and charset decoding.
//!
//! What a response means (an article, a feed) is decided in `web` and `feed`; this module only
//! moves bytes and says why it could not.

use crate::error::SourceError;
use encoding_rs::Encoding;
use geokg_model::FetchRecord;
use regex::bytes::Regex;
use reqwest::StatusCode;
use reqwest::blocking::{Client, Response};
use reqwest::header::{CONTENT_TYPE, ETAG, HeaderMap, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, RETRY_AFTER};
use std::collections::HashMap;
use std::io::Read;
use std::sync::{Condvar, LazyLock, Mutex, PoisonError};
use std::time::Duration;

/// The User-Agent geokg sends: who is asking, and where to read about it.
pub const USER_AGENT: &str = concat!("geokg/", env!("CARGO_PKG_VERSION"), " (+https://w3id.org/geokg)");

/// How pages are fetched; [`FetchOptions::default`] suits the web, tests shorten the waits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchOptions {
    /// How long to wait for a connection (default 10 s).
    pub connect_timeout: Duration,
    /// How long one request may take, body included (default 30 s).
    pub timeout: Duration,
    /// The largest body read, in bytes (default 10 MB); a larger one is an error.
    pub max_body: u64,
    /// Redirects followed before giving up (default 5).
    pub max_redirects: usize,
    /// Retries after a 429 or 5xx answer (default 3).
    pub retries: u32,
    /// The wait before the first retry, doubled for each next one, when the server sends no
    /// `Retry-After` (default 1 s).
    pub backoff: Duration,
    /// The longest wait between retries, whatever `Retry-After` asks (default 60 s).
    pub max_wait: Duration,
    /// Requests to one host at a time, across threads (default 2).
    pub per_host: usize,
    /// The User-Agent header.
    pub user_agent: String,
}

impl Default for FetchOptions {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_body: 10 * 1000 * 1000,
            max_redirects: 5,
            retries: 3,
            backoff: Duration::from_secs(1),
            max_wait: Duration::from_mins(1),
            per_host: 2,
            user_agent: USER_AGENT.to_owned(),
        }
    }
}

impl FetchOptions {
    /// Sets the time one request may take, body included.
    #[must_use]
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets the time to wait for a connection.
    #[must_use]
    pub fn with_connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Sets the largest body read, in bytes.
    #[must_use]
    pub fn with_max_body(mut self, max_body: u64) -> Self {
        self.max_body = max_body;
        self
    }

    /// Sets the number of retries and the first wait between them.
    #[must_use]
    pub fn with_retries(mut self, retries: u32, backoff: Duration) -> Self {
        self.retries = retries;
        self.backoff = backoff;
        self
    }

    /// Sets how many requests go to one host at a time (at least one).
    #[must_use]
    pub fn with_per_host(mut self, per_host: usize) -> Self {
        self.per_host = per_host.max(1);
        self
    }
}

/// A response with its body, read within the limits.
#[derive(Debug, Clone, PartialEq)]
pub struct Fetched {
    /// The provenance: URL asked for, final URL, status, time, validators.
    pub record: FetchRecord,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// The body, decompressed.
    pub body: Vec<u8>,
}

/// What a GET brought back.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// A successful answer with a body.
    Body(Fetched),
    /// 304: the page has not changed since the validators given were issued.
    NotModified(FetchRecord),
}

/// Fetches URLs over HTTP(S); share one between threads (`&Fetcher` is `Sync`).
/// ```
/// # use geokg_source::{FetchOptions, Fetcher};
/// let fetcher = Fetcher::new(FetchOptions::default()).unwrap();
/// assert!(fetcher.get("not a url", None).is_err());
/// ```
#[derive(Debug)]
pub struct Fetcher {
    client: Client,
    options: FetchOptions,
    hosts: HostLimit,
}

impl Fetcher {
    /// A fetcher with these options.
    pub fn new(options: FetchOptions) -> Result<Self, SourceError> {
        let client = Client::builder()
            .user_agent(options.user_agent.clone())
            .connect_timeout(options.connect_timeout)
            .timeout(options.timeout)
            .redirect(reqwest::redirect::Policy::limited(options.max_redirects))
            .build()
            .map_err(|error| SourceError::Fetch { url: String::new(), reason: reason(&error) })?;
        let hosts = HostLimit::new(options.per_host.max(1));
        Ok(Self { client, options, hosts })
    }

    /// The options this fetcher was made with.
    #[must_use]
    pub fn options(&self) -> &FetchOptions {
        &self.options
    }

    /// GETs `url`, retrying 429 and 5xx answers. With `known` (the record of an earlier fetch),
    /// the request is conditional on its `ETag` and `Last-Modified`, and an unchanged page comes
    /// back as [`Answer::NotModified`] without a body.
    ///
    /// Statuses other than 2xx and 304, bodies over the limit, timeouts, too many redirects and
    /// connection failures are errors naming the URL.
    pub fn get(&self, url: &str, known: Option<&FetchRecord>) -> Result<Answer, SourceError> {
        let parsed = reqwest::Url::parse(url)
            .ok()
            .filter(|parsed| matches!(parsed.scheme(), "http" | "https") && parsed.host_str().is_some())
            .ok_or_else(|| SourceError::Fetch {
                url: url.to_owned(),
                reason: "not an http(s) URL; write it as https://host/path".to_owned(),
            })?;
        let host = format!("{}:{}", parsed.host_str().unwrap_or_default(), parsed.port_or_known_default().unwrap_or(0));
        let _slot = self.hosts.acquire(&host);
        let fetch_error = |error: &reqwest::Error| SourceError::Fetch { url: url.to_owned(), reason: reason(error) };
        let mut attempt = 0;
        loop {
            let mut request = self.client.get(parsed.clone());
            if let Some(known) = known {
                if let Some(etag) = &known.etag {
                    request = request.header(IF_NONE_MATCH, etag);
                }
                if let Some(last_modified) = &known.last_modified {
                    request = request.header(IF_MODIFIED_SINCE, last_modified);
                }
            }
            let response = request.send().map_err(|error| fetch_error(&error))?;
            let status = response.status();
            if (status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error()) && attempt < self.options.retries {
                let wait = retry_after(response.headers())
                    .unwrap_or_else(|| self.options.backoff.saturating_mul(1 << attempt.min(16)))
                    .min(self.options.max_wait);
                drop(response);
                std::thread::sleep(wait);
                attempt += 1;
                continue;
            }
            let record = FetchRecord {
                requested_url: url.to_owned(),
                final_url: response.url().to_string(),
                http_status: status.as_u16(),
                fetched_at: now(),
                etag: header(response.headers(), &ETAG),
                last_modified: header(response.headers(), &LAST_MODIFIED),
                canonical_url: None,
            };
            if status == StatusCode::NOT_MODIFIED
                && let Some(known) = known
            {
                // A 304 need not repeat the validators; the known ones still hold.
                let etag = record.etag.clone().or_else(|| known.etag.clone());
                let last_modified = record.last_modified.clone().or_else(|| known.last_modified.clone());
                return Ok(Answer::NotModified(FetchRecord { etag, last_modified, ..record }));
            }
            if !status.is_success() {
                return Err(SourceError::Status {
                    url: url.to_owned(),
                    status: status.as_u16(),
                    reason: status_text(status),
                });
            }
            let content_type = header(response.headers(), &CONTENT_TYPE);
            let body = self.body(url, response)?;
            return Ok(Answer::Body(Fetched { record, content_type, body }));
        }
    }

    /// The body of `response`, refused past the size limit.
    fn body(&self, url: &str, response: Response) -> Result<Vec<u8>, SourceError> {
        let limit = self.options.max_body;
        let too_large = || SourceError::TooLarge { url: url.to_owned(), limit };
        if response.content_length().is_some_and(|length| length > limit) {
            return Err(too_large());
        }
        let mut body = Vec::new();
        response.take(limit + 1).read_to_end(&mut body).map_err(|error| SourceError::Fetch {
            url: url.to_owned(),
            reason: if error.kind() == std::io::ErrorKind::TimedOut || error.to_string().contains("timed out") {
                format!("timed out after {} reading the body", seconds(self.options.timeout))
            } else {
                format!("the body broke off ({error})")
            },
        })?;
        if body.len() as u64 > limit {
            return Err(too_large());
        }
        Ok(body)
    }
}

/// The current time as an `xsd:dateTime`, to the second.
pub(crate) fn now() -> String {
    format!("{:.0}", jiff::Timestamp::now())
}

fn header(headers: &HeaderMap, name: &reqwest::header::HeaderName) -> Option<String> {
    headers.get(name).and_then(|value| value.to_str().ok()).map(|value| value.trim().to_owned())
}

/// `404 Not Found`.
fn status_text(status: StatusCode) -> String {
    status.canonical_reason().unwrap_or("unknown status").to_owned()
}

/// A duration for messages: `2 s`, `0.5 s`.
fn seconds(duration: Duration) -> String {
    format!("{} s", duration.as_secs_f64())
}

/// Why a request failed, in words the user can act on.
fn reason(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        return "timed out; the server is too slow, try a larger --timeout".to_owned();
    }
    if error.is_redirect() {
        return "too many redirects (a redirect loop?); open the URL in a browser to see where it goes".to_owned();
    }
    if error.is_connect() {
        return "cannot connect; check the host name and the network".to_owned();
    }
    // The innermost cause says most ("connection reset by peer").
    let mut cause: &dyn std::error::Error = error;
    while let Some(source) = cause.source() {
        cause = source;
    }
    format!("{cause}")
}

/// The wait a `Retry-After` header asks for: seconds, or an HTTP date.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = jiff::fmt::rfc2822::parse(value).ok()?.timestamp();
    let wait = date.duration_since(jiff::Timestamp::now());
    Some(Duration::try_from(wait).unwrap_or(Duration::ZERO))
}

/// A counting semaphore per host, so one site gets at most `per_host` requests at a time.
#[derive(Debug)]
struct HostLimit {
    per_host: usize,
    busy: Mutex<HashMap<String, usize>>,
    freed: Condvar,
}

/// A taken slot, given back on drop.
struct Slot<'a> {
    limit: &'a HostLimit,
    host: String,
}

impl HostLimit {
    fn new(per_host: usize) -> Self {
        Self { per_host, busy: Mutex::new(HashMap::new()), freed: Condvar::new() }
    }

    fn acquire(&self, host: &str) -> Slot<'_> {
        let mut busy = self.busy.lock().unwrap_or_else(PoisonError::into_inner);
        while busy.get(host).copied().unwrap_or(0) >= self.per_host {
            busy = self.freed.wait(busy).unwrap_or_else(PoisonError::into_inner);
        }
        *busy.entry(host.to_owned()).or_insert(0) += 1;
        Slot { limit: self, host: host.to_owned() }
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        let mut busy = self.limit.busy.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(count) = busy.get_mut(&self.host) {
            *count -= 1;
            if *count == 0 {
                busy.remove(&self.host);
            }
        }
        self.limit.freed.notify_all();
    }
}

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#).expect("the charset pattern is valid")
});

/// Decodes a page: a byte order mark wins, then the `charset` of the `Content-Type` header, then
/// a `<meta charset>` (or `http-equiv`) in the first 1024 bytes, then UTF-8 when the bytes are
/// valid UTF-8, else windows-1252 (what browsers assume for an unlabelled Western page).
///
/// As in browsers, `ISO-8859-1` and `latin1` labels decode as windows-1252, its superset.
/// ```
/// # use geokg_source::decode_page;
/// assert_eq!(decode_page(b"Caf\xe9 in M\xfcnchen", Some("text/html; charset=ISO-8859-1")), "Café in München");
/// assert_eq!(decode_page(b"<meta charset=\"windows-1252\">\x93Hallo\x94", None), "<meta charset=\"windows-1252\">“Hallo”");
/// assert_eq!(decode_page("Grüße".as_bytes(), None), "Grüße");
/// ```
#[must_use]
pub fn decode_page(bytes: &[u8], content_type: Option<&str>) -> String {
    let declared = content_type
        .and_then(|content_type| {
            content_type.split(';').skip(1).find_map(|parameter| {
                let (name, value) = parameter.split_once('=')?;
                name.trim().eq_ignore_ascii_case("charset").then(|| value.trim().trim_matches(['"', '\'']).to_owned())
            })
        })
        .and_then(|label| Encoding::for_label(label.as_bytes()))
        .or_else(|| {
            let head = &bytes[..bytes.len().min(1024)];
            let label = META_CHARSET.captures(head)?.get(1)?.as_bytes();
            Encoding::for_label(label)
        });
    // A page cannot declare itself UTF-16 in ASCII; such a label is a mistake for UTF-8.
    let declared =
        declared.map(|encoding| if encoding.output_encoding() == encoding { encoding } else { encoding_rs::UTF_8 });
    let encoding = declared.unwrap_or_else(|| {
        if std::str::from_utf8(bytes).is_ok() { encoding_rs::UTF_8 } else { encoding_rs::WINDOWS_1252 }
    });
    // `decode` lets a byte order mark override the label.
    encoding.decode(bytes).0.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let mut headers = HeaderMap::new();
        assert_eq!(retry_after(&headers), None);
        headers.insert(RETRY_AFTER, HeaderValue::from_static("3"));
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(3)));
        headers.insert(RETRY_AFTER, HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"));
        assert_eq!(retry_after(&headers), Some(Duration::ZERO), "a date in the past means now");
        headers.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&headers), None);
    }

    #[test]
    fn charsets_come_from_the_header_the_meta_tag_or_the_bytes() {
        let latin1 = b"<p>Stra\xdfe</p>";
        assert_eq!(decode_page(latin1, Some("text/html;charset=\"iso-8859-1\"")), "<p>Straße</p>");
        assert_eq!(decode_page(latin1, None), "<p>Straße</p>", "not UTF-8: windows-1252");
        let meta = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-15\"><p>\xa4</p>";
        assert!(decode_page(meta, Some("text/html")).ends_with("<p>€</p>"));
        assert_eq!(decode_page("\u{feff}Grüße".as_bytes(), Some("text/html; charset=latin1")), "Grüße");
        assert_eq!(decode_page("Grüße".as_bytes(), Some("text/html; charset=utf-16")), "Grüße");
    }

    #[test]
    fn a_host_gets_at_most_its_slots() {
        let limit = HostLimit::new(1);
        let first = limit.acquire("a:80");
        let other = limit.acquire("b:80");
        std::thread::scope(|scope| {
            let waiter = scope.spawn(|| {
                let _slot = limit.acquire("a:80");
            });
            std::thread::sleep(Duration::from_millis(50));
            assert!(!waiter.is_finished(), "the second request to a:80 must wait");
            drop(first);
            waiter.join().unwrap();
        });
        drop(other);
        assert!(limit.busy.lock().unwrap().is_empty());
    }
}
