//! HTTP to a SPARQL server: one reqwest blocking client with connection and request timeouts,
//! credentials answered to the server's challenge (Basic or Digest, see `auth.rs`), and retries
//! with a doubling backoff for requests that are safe to repeat. Nearly every request geokg
//! sends is: a query, a PUT or DELETE of a whole graph, a DROP, or an INSERT DATA of ground
//! triples (inserting the same triples twice leaves one copy). The one exception, an INSERT of
//! blank nodes, goes through [`Http::post_form_once`].
//!
//! What a body means (results, a refusal) is decided by the callers; this module only moves
//! bytes and turns transport failures, and credentials the server does not take, into the
//! store's errors.

use super::RemoteOptions;
use super::auth::{Credentials, Scheme};
use crate::StoreError;
use reqwest::StatusCode;
use reqwest::blocking::{Client, RequestBuilder, Response};
use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderValue, WWW_AUTHENTICATE};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Read;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

/// What to change when the server does not take the credentials.
const CHECK_CREDENTIALS: &str = "check GEOKG_STORE_USER and GEOKG_STORE_PASSWORD (or the credentials file)";

/// The body of a response, with the headers that tell whether it was cut short.
pub(crate) struct Reply {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
}

impl Reply {
    /// The body as text, for error messages: the first lines only.
    pub(crate) fn excerpt(&self) -> String {
        let text = String::from_utf8_lossy(&self.body);
        let text: String = text.chars().take(400).collect();
        text.trim().to_owned()
    }

    /// A header as text.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }
}

/// Credentials, and how each endpoint (by its URL without the query string) asked for them.
struct Auth {
    credentials: Credentials,
    schemes: Mutex<BTreeMap<String, Scheme>>,
}

/// The HTTP side of a remote store.
pub(crate) struct Http {
    client: Client,
    /// Present when credentials were given (boxed: most stores have none).
    auth: Option<Box<Auth>>,
    retries: u32,
    backoff: Duration,
}

impl Http {
    pub(crate) fn new(options: &RemoteOptions) -> Result<Self, StoreError> {
        let client = Client::builder()
            .connect_timeout(options.connect_timeout)
            .timeout(options.timeout)
            .user_agent(concat!("geokg/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| StoreError::Remote {
                url: String::new(),
                message: format!("cannot make an HTTP client: {e}"),
            })?;
        Ok(Self {
            client,
            auth: options.user.clone().map(|user| {
                Box::new(Auth {
                    credentials: Credentials { user, password: options.password.clone().unwrap_or_default() },
                    schemes: Mutex::new(BTreeMap::new()),
                })
            }),
            retries: options.retries,
            backoff: options.backoff,
        })
    }

    /// A form POST (`application/x-www-form-urlencoded`) with an explicit Accept header: the
    /// protocol's most portable way to send a query (Virtuoso hangs on a direct
    /// `application/sparql-query` body).
    pub(crate) fn post_form(&self, url: &str, fields: &[(&str, &str)], accept: &str) -> Result<Reply, StoreError> {
        self.post_form_retrying(url, fields, accept, self.retries)
    }

    /// [`Http::post_form`] for a request that must not be repeated: sent once, not retried.
    pub(crate) fn post_form_once(&self, url: &str, fields: &[(&str, &str)], accept: &str) -> Result<Reply, StoreError> {
        self.post_form_retrying(url, fields, accept, 0)
    }

    fn post_form_retrying(
        &self,
        url: &str,
        fields: &[(&str, &str)],
        accept: &str,
        retries: u32,
    ) -> Result<Reply, StoreError> {
        let body = form_encode(fields);
        self.send(url, retries, || {
            self.client
                .post(url)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", accept)
                .body(body.clone())
        })
    }

    /// A Graph Store Protocol request on one graph: PUT (replace) or POST (add) a Turtle body,
    /// or DELETE.
    pub(crate) fn graph(
        &self,
        method: &reqwest::Method,
        gsp_url: &str,
        graph: &str,
        body: Option<&str>,
    ) -> Result<Reply, StoreError> {
        let url = format!("{gsp_url}?{}", form_encode(&[("graph", graph)]));
        self.send(gsp_url, self.retries, || {
            let request = self.client.request(method.clone(), &url);
            match body {
                Some(body) => request.header("Content-Type", "text/turtle").body(body.to_owned()),
                None => request,
            }
        })
    }

    /// Sends the request, answering the server's authentication challenge and retrying after
    /// connection failures and 429/502/503/504 answers. `shown_url` is what errors name (never
    /// credentials, never a query string).
    fn send(&self, shown_url: &str, retries: u32, request: impl Fn() -> RequestBuilder) -> Result<Reply, StoreError> {
        let mut attempt = 0;
        // Challenges answered for this request: a second 401 after answering a fresh one means
        // the credentials are wrong, unless the server says only the nonce went stale.
        let mut challenges = 0;
        loop {
            let mut request = request().build().map_err(|error| transport(shown_url, &error))?;
            self.authorize(shown_url, &mut request)?;
            let outcome = self.client.execute(request);
            if let Ok(response) = &outcome
                && response.status() == StatusCode::UNAUTHORIZED
                && let Some(auth) = &self.auth
            {
                let offered = response.headers().get_all(WWW_AUTHENTICATE).iter().filter_map(|v| v.to_str().ok());
                let scheme = Scheme::choose(offered).map_err(|offered| StoreError::Unauthorized {
                    url: shown_url.to_owned(),
                    hint: format!(
                        "it asks for an authentication geokg does not speak ({offered}); geokg answers Basic and Digest"
                    ),
                })?;
                if challenges >= 3 || (challenges > 0 && !scheme.is_stale()) {
                    return Err(StoreError::Unauthorized {
                        url: shown_url.to_owned(),
                        hint: format!("it did not accept the credentials; {CHECK_CREDENTIALS}"),
                    });
                }
                challenges += 1;
                auth.schemes.lock().unwrap_or_else(PoisonError::into_inner).insert(shown_url.to_owned(), scheme);
                continue;
            }
            let retry = match &outcome {
                Ok(response) => matches!(response.status().as_u16(), 429 | 502 | 503 | 504),
                Err(error) => error.is_connect(),
            };
            if retry && attempt < retries {
                let wait = outcome
                    .as_ref()
                    .ok()
                    .and_then(|response| retry_after(response.headers().get("Retry-After")))
                    .unwrap_or(self.backoff * 2u32.pow(attempt));
                std::thread::sleep(wait.min(Duration::from_secs(30)));
                attempt += 1;
                continue;
            }
            return match outcome {
                Ok(response) if retry => Err(StoreError::Remote {
                    url: shown_url.to_owned(),
                    message: format!(
                        "{} after {} retries; the server is overloaded or down, try again later",
                        response.status(),
                        retries
                    ),
                }),
                Ok(response) => read(shown_url, response),
                Err(error) => Err(transport(shown_url, &error)),
            };
        }
    }

    /// Adds the `Authorization` header the endpoint asked for before, if it asked.
    fn authorize(&self, shown_url: &str, request: &mut reqwest::blocking::Request) -> Result<(), StoreError> {
        let Some(auth) = &self.auth else { return Ok(()) };
        let mut schemes = auth.schemes.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(scheme) = schemes.get_mut(shown_url) else { return Ok(()) };
        let url = request.url();
        let uri = match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        };
        let header = scheme.authorization(&auth.credentials, request.method().as_str(), &uri);
        let mut value = HeaderValue::from_str(&header).map_err(|_| StoreError::Config {
            message: format!("the user name cannot be sent in an HTTP header; {CHECK_CREDENTIALS}"),
        })?;
        value.set_sensitive(true);
        request.headers_mut().insert(AUTHORIZATION, value);
        Ok(())
    }
}

fn read(url: &str, mut response: Response) -> Result<Reply, StoreError> {
    let status = response.status();
    let headers = response.headers().clone();
    let mut body = Vec::new();
    response.read_to_end(&mut body).map_err(|error| {
        // reqwest wraps its own timeout inside the io::Error of the body reader.
        if error.to_string().contains("timed out") {
            StoreError::Timeout { url: url.to_owned() }
        } else {
            StoreError::Truncated { url: url.to_owned(), reason: format!("the body was cut off: {error}") }
        }
    })?;
    Ok(Reply { status, headers, body })
}

fn transport(url: &str, error: &reqwest::Error) -> StoreError {
    if error.is_timeout() {
        StoreError::Timeout { url: url.to_owned() }
    } else if error.is_connect() {
        StoreError::Unreachable { url: url.to_owned() }
    } else {
        StoreError::Remote { url: url.to_owned(), message: error.to_string() }
    }
}

fn retry_after(value: Option<&HeaderValue>) -> Option<Duration> {
    value?.to_str().ok()?.trim().parse().ok().map(Duration::from_secs)
}

/// `application/x-www-form-urlencoded`: unreserved bytes as they are, space as `+`, the rest
/// percent-encoded.
pub(crate) fn form_encode(fields: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (i, (name, value)) in fields.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        encode_into(name, &mut out);
        out.push('=');
        encode_into(value, &mut out);
    }
    out
}

fn encode_into(text: &str, out: &mut String) {
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(char::from(byte)),
            b' ' => out.push('+'),
            _ => {
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_encoding_escapes_everything_but_unreserved_bytes() {
        assert_eq!(
            form_encode(&[("query", "ASK { ?s <a#b> \"é\" }")]),
            "query=ASK+%7B+%3Fs+%3Ca%23b%3E+%22%C3%A9%22+%7D"
        );
        assert_eq!(form_encode(&[("a", "1"), ("b", "x&y=z")]), "a=1&b=x%26y%3Dz");
    }
}
