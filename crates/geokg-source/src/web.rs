//! Article URLs: fetch a page, check it is HTML, decode its charset and read the article, keeping
//! the fetch's provenance; and fetch many pages on a few threads.
//!
//! Which URLs to fetch (feeds, `--since`, what the store already holds) is the caller's choice.

use crate::error::SourceError;
use crate::fetch::{Answer, Fetcher, decode_page};
use geokg_model::{Document, FetchRecord, PartialDate};
use std::sync::Mutex;
use std::sync::mpsc;

/// A page to fetch.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageRequest {
    /// The URL, which becomes the document's source.
    pub url: String,
    /// The record of an earlier fetch of this URL: its validators make the request conditional.
    pub known: Option<FetchRecord>,
    /// A publication date to use when the page states none (a feed item's date).
    pub published: Option<PartialDate>,
}

impl PageRequest {
    /// A request for `url`, unconditional, without a date.
    #[must_use]
    pub fn new(url: impl Into<String>) -> Self {
        Self { url: url.into(), ..Self::default() }
    }
}

/// An article read from the web, with how it was fetched.
#[derive(Debug, Clone, PartialEq)]
pub struct WebDocument {
    /// The article; its source is the URL asked for.
    pub document: Document,
    /// The URL asked for, the final URL, status, time, validators and canonical URL.
    pub fetch: FetchRecord,
}

/// What fetching a page gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Page {
    /// The page, read.
    Article(Box<WebDocument>),
    /// The server said the page has not changed since the known fetch (304).
    NotModified(FetchRecord),
}

/// Media types read as web pages.
const HTML_TYPES: &[&str] = &["text/html", "application/xhtml+xml"];

impl Fetcher {
    /// Fetches one article page: the text readability finds, title, language, publication date,
    /// and the fetch's provenance, with the canonical URL the page names.
    ///
    /// A page that is not HTML (by its `Content-Type`, or by its first bytes when there is none)
    /// or that holds no article text is an error naming the URL.
    pub fn page(&self, request: &PageRequest) -> Result<Page, SourceError> {
        let url = request.url.as_str();
        let fetched = match self.get(url, request.known.as_ref())? {
            Answer::NotModified(record) => return Ok(Page::NotModified(record)),
            Answer::Body(fetched) => fetched,
        };
        let media_type = fetched
            .content_type
            .as_deref()
            .map(|content_type| content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase());
        let is_html = match &media_type {
            Some(media_type) => HTML_TYPES.contains(&media_type.as_str()),
            None => fetched.body.iter().find(|byte| !byte.is_ascii_whitespace()) == Some(&b'<'),
        };
        if !is_html {
            let content_type = fetched.content_type.unwrap_or_else(|| "not HTML".to_owned());
            return Err(SourceError::NotHtml { url: url.to_owned(), content_type });
        }
        let html = decode_page(&fetched.body, fetched.content_type.as_deref());
        let page = crate::html::read_page(&html, Some(&fetched.record.final_url));
        let mut document = page.document;
        if document.text.trim().is_empty() {
            return Err(SourceError::NoArticleAt { url: url.to_owned() });
        }
        document.source = Some(url.to_owned());
        if document.published.is_none() {
            document.published = request.published;
        }
        let fetch = FetchRecord { canonical_url: page.canonical, ..fetched.record };
        Ok(Page::Article(Box::new(WebDocument { document, fetch })))
    }
}

/// Fetches pages on `jobs` threads (at least one), calling `each` on the calling thread with
/// each request and its outcome as it completes, so the caller can store documents one by one.
///
/// The fetcher's per-host limit holds across the threads; completion order is not request
/// order. A failure is one outcome among the others and never stops them.
/// ```
/// # use geokg_source::{FetchOptions, Fetcher, PageRequest, fetch_pages};
/// let fetcher = Fetcher::new(FetchOptions::default()).unwrap();
/// let mut failed = Vec::new();
/// fetch_pages(&fetcher, vec![PageRequest::new("ftp://example.org/a")], 4, |request, page| {
///     if page.is_err() {
///         failed.push(request.url);
///     }
/// });
/// assert_eq!(failed, ["ftp://example.org/a"]);
/// ```
pub fn fetch_pages(
    fetcher: &Fetcher,
    requests: Vec<PageRequest>,
    jobs: usize,
    mut each: impl FnMut(PageRequest, Result<Page, SourceError>),
) {
    let jobs = jobs.clamp(1, requests.len().max(1));
    let queue = Mutex::new(requests.into_iter());
    let (sender, receiver) = mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let sender = sender.clone();
            let queue = &queue;
            scope.spawn(move || {
                loop {
                    let next = queue.lock().unwrap_or_else(std::sync::PoisonError::into_inner).next();
                    let Some(request) = next else { break };
                    let page = fetcher.page(&request);
                    if sender.send((request, page)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        for (request, page) in receiver {
            each(request, page);
        }
    });
}
