//! Fetching against a real HTTP server on 127.0.0.1 (see `support/server.rs`): article
//! extraction, dates, charsets, feeds, conditional requests, and every failure a fetch can meet.

mod support {
    pub(crate) mod server;
}

use geokg_source::{FetchOptions, Fetcher, Page, PageRequest, SourceError, WebDocument, fetch_pages};
use std::time::{Duration, Instant};
use support::server::{Server, news_site};

fn fetcher() -> Fetcher {
    let options = FetchOptions::default()
        .with_timeout(Duration::from_secs(1))
        .with_connect_timeout(Duration::from_secs(1))
        .with_max_body(100_000)
        .with_retries(2, Duration::from_millis(50));
    Fetcher::new(options).unwrap()
}

fn article(server: &Server, path: &str) -> WebDocument {
    match fetcher().page(&PageRequest::new(server.url(path))) {
        Ok(Page::Article(web)) => *web,
        other => panic!("{path}: {other:?}"),
    }
}

fn error(server: &Server, path: &str) -> SourceError {
    match fetcher().page(&PageRequest::new(server.url(path))) {
        Err(error) => {
            assert!(error.to_string().contains(&server.url(path)), "the message names the URL: {error}");
            error
        }
        other => panic!("{path}: expected an error, got {other:?}"),
    }
}

fn published(web: &WebDocument) -> String {
    web.document.published.map(|date| date.to_string()).unwrap_or_default()
}

#[test]
fn a_news_page_yields_its_article_without_the_boilerplate() {
    let server = Server::start(news_site);
    let web = article(&server, "/news/kim-putin");
    let text = &web.document.text;
    assert!(text.starts_with("North Korean leader Kim Jong Un met Russian President Vladimir Putin"), "{text}");
    assert!(text.contains("a claim both governments deny."), "{text}");
    assert!(text.contains("returning to Pyongyang later this week."), "{text}");
    for boilerplate in [
        "cookies",
        "Accept all",
        "Politics",
        "Breaking",
        "Advertisement",
        "Share on",
        "Photo: agency",
        "Sign up",
        "Ten things",
        "Related articles",
        "Five reasons",
        "Most read",
        "Ten tips",
        "First!",
        "propaganda",
        "Post comment",
        "Copyright",
        "Privacy",
    ] {
        assert!(!text.contains(boilerplate), "{boilerplate:?} left in: {text}");
    }
    assert_eq!(web.document.title.as_deref(), Some("Kim meets Putin at the Vostochny cosmodrome"));
    assert_eq!(web.document.language.as_deref(), Some("en"));
    assert_eq!(published(&web), "2023-09-13", "article:published_time wins over JSON-LD");
    assert_eq!(web.document.source.as_deref(), Some(server.url("/news/kim-putin").as_str()));
    let fetch = &web.fetch;
    assert_eq!(fetch.requested_url, server.url("/news/kim-putin"));
    assert_eq!(fetch.final_url, fetch.requested_url);
    assert_eq!(fetch.http_status, 200);
    assert!(fetch.fetched_at.ends_with('Z') && fetch.fetched_at.len() == 20, "{}", fetch.fetched_at);
    assert_eq!(fetch.canonical_url.as_deref(), Some(server.url("/world/2023/09/13/kim-meets-putin").as_str()));
    let request = &server.requests("/news/kim-putin")[0];
    assert_eq!(request.headers["user-agent"], geokg_source::USER_AGENT);
    assert!(
        geokg_source::USER_AGENT.starts_with("geokg/")
            && geokg_source::USER_AGENT.ends_with("(+https://w3id.org/geokg)")
    );
}

#[test]
fn dates_come_from_json_ld_time_elements_and_datelines() {
    let server = Server::start(news_site);
    let json_ld = article(&server, "/news/json-ld");
    assert_eq!(published(&json_ld), "2024-02-20");
    assert_eq!(json_ld.document.language.as_deref(), Some("de"), "no lang attribute: detected");
    assert!(!json_ld.document.text.contains("Cookies") && !json_ld.document.text.contains("Endlich!"));
    assert_eq!(published(&article(&server, "/news/time")), "2022-06-15");
    let dateline = article(&server, "/news/dateline");
    assert_eq!(published(&dateline), "2021-03-03");
    assert_eq!(dateline.document.language.as_deref(), Some("en"));
}

#[test]
fn latin1_and_windows_1252_pages_decode() {
    let server = Server::start(news_site);
    let latin1 = article(&server, "/news/latin1");
    assert!(
        latin1.document.text.starts_with("MÜNCHEN, 5. Januar 2024 - Die Gespräche über künftige"),
        "{}",
        latin1.document.text
    );
    assert_eq!(latin1.document.title.as_deref(), Some("Gespräche über Gas in München"));
    assert_eq!(published(&latin1), "2024-01-05", "a German dateline");
    let quotes = article(&server, "/news/cp1252");
    assert!(quotes.document.text.contains("„Wir liefern keine Marschflugkörper.“"), "{}", quotes.document.text);
}

#[test]
fn rss_and_atom_feeds_list_their_items() {
    let server = Server::start(news_site);
    let rss = fetcher().feed(&server.url("/rss.xml")).unwrap();
    let urls: Vec<&str> = rss.iter().map(|item| item.url.as_str()).collect();
    assert_eq!(urls, [server.url("/news/kim-putin"), server.url("/news/cp1252"), server.url("/news/time")]);
    assert_eq!(rss[0].published.unwrap().to_string(), "2023-09-13");
    let atom = fetcher().feed(&server.url("/atom.xml")).unwrap();
    assert_eq!(atom.len(), 3);
    assert_eq!(atom[1].url, server.url("/news/latin1"));
    assert_eq!(atom[1].published.unwrap().to_string(), "2024-01-05", "updated stands in for published");
    let not_a_feed = fetcher().feed(&server.url("/news/time")).unwrap_err();
    assert!(matches!(not_a_feed, SourceError::NotAFeed { .. }), "{not_a_feed:?}");
}

#[test]
fn a_known_page_is_asked_for_conditionally_and_304_means_unchanged() {
    let server = Server::start(news_site);
    let first = article(&server, "/news/cached");
    assert_eq!(first.fetch.etag.as_deref(), Some("\"v1\""));
    assert_eq!(first.fetch.last_modified.as_deref(), Some("Tue, 20 Feb 2024 08:00:00 GMT"));
    let again = PageRequest { known: Some(first.fetch.clone()), ..PageRequest::new(server.url("/news/cached")) };
    match fetcher().page(&again).unwrap() {
        Page::NotModified(record) => {
            assert_eq!(record.http_status, 304);
            assert_eq!(record.etag.as_deref(), Some("\"v1\""));
        }
        other @ Page::Article(_) => panic!("expected 304, got {other:?}"),
    }
    let requests = server.requests("/news/cached");
    assert_eq!(requests.len(), 2);
    assert!(!requests[0].headers.contains_key("if-none-match"));
    assert_eq!(requests[1].headers["if-none-match"], "\"v1\"");
    assert_eq!(requests[1].headers["if-modified-since"], "Tue, 20 Feb 2024 08:00:00 GMT");
}

#[test]
fn a_404_is_an_error_with_its_status() {
    let server = Server::start(news_site);
    let error = error(&server, "/fail/404");
    assert!(matches!(error, SourceError::Status { status: 404, .. }), "{error:?}");
    assert_eq!(error.to_string(), format!("{} answered 404 Not Found; check the URL", server.url("/fail/404")));
    assert_eq!(server.requests("/fail/404").len(), 1, "a 404 is not retried");
}

#[test]
fn a_500_then_200_is_retried_and_read() {
    let server = Server::start(news_site);
    let web = article(&server, "/fail/500-then-200");
    assert_eq!(published(&web), "2021-03-03");
    assert_eq!(server.requests("/fail/500-then-200").len(), 2);
}

#[test]
fn a_429_waits_as_retry_after_asks() {
    let server = Server::start(news_site);
    let started = Instant::now();
    article(&server, "/fail/429-then-200");
    assert!(started.elapsed() >= Duration::from_millis(950), "Retry-After: 1 was honoured");
    assert_eq!(server.requests("/fail/429-then-200").len(), 2);
}

#[test]
fn a_server_that_stays_down_is_tried_a_bounded_number_of_times() {
    let server = Server::start(news_site);
    let error = error(&server, "/fail/always-503");
    assert!(matches!(error, SourceError::Status { status: 503, .. }), "{error:?}");
    assert_eq!(server.requests("/fail/always-503").len(), 3, "the first try and two retries");
}

#[test]
fn a_slow_server_hits_the_timeout() {
    let server = Server::start(news_site);
    let started = Instant::now();
    let error = error(&server, "/fail/slow");
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
    assert!(matches!(error, SourceError::Fetch { .. }) && error.to_string().contains("timed out"), "{error}");
}

#[test]
fn an_oversized_body_is_refused_with_or_without_a_length() {
    let server = Server::start(news_site);
    for path in ["/fail/huge", "/fail/huge-unsized"] {
        let error = error(&server, path);
        assert!(matches!(error, SourceError::TooLarge { limit: 100_000, .. }), "{path}: {error:?}");
        assert!(error.to_string().ends_with("is larger than 100000 bytes; raise --max-body to read it"), "{error}");
    }
}

#[test]
fn a_redirect_loop_stops_after_five_redirects() {
    let server = Server::start(news_site);
    let error = error(&server, "/fail/loop-a");
    assert!(error.to_string().contains("too many redirects"), "{error}");
    let hops = server.requests("/fail/loop-a").len() + server.requests("/fail/loop-b").len();
    assert_eq!(hops, 6, "the request and five redirects");
}

#[test]
fn a_redirect_records_the_final_url() {
    let server = Server::start(news_site);
    let web = article(&server, "/fail/redirect");
    assert_eq!(web.fetch.requested_url, server.url("/fail/redirect"));
    assert_eq!(web.fetch.final_url, server.url("/news/time"));
    assert_eq!(web.document.source.as_deref(), Some(server.url("/fail/redirect").as_str()));
}

#[test]
fn an_image_or_an_empty_page_is_no_article() {
    let server = Server::start(news_site);
    let image = error(&server, "/fail/image.png");
    assert!(matches!(image, SourceError::NotHtml { .. }), "{image:?}");
    assert!(image.to_string().contains("is image/png, not an HTML page"), "{image}");
    assert!(matches!(error(&server, "/fail/empty"), SourceError::NoArticleAt { .. }));
}

#[test]
fn fetching_many_pages_reports_each_and_stops_for_none() {
    let server = Server::start(news_site);
    let paths = ["/news/kim-putin", "/fail/404", "/news/time", "/fail/slow", "/news/latin1", "/fail/image.png"];
    let requests = paths.iter().map(|path| PageRequest::new(server.url(path))).collect();
    let mut outcomes = Vec::new();
    fetch_pages(&fetcher(), requests, 3, |request, page| {
        outcomes.push((request.url.replace(&server.url(""), ""), page.is_ok()));
    });
    outcomes.sort();
    assert_eq!(
        outcomes,
        [
            ("/fail/404".to_owned(), false),
            ("/fail/image.png".to_owned(), false),
            ("/fail/slow".to_owned(), false),
            ("/news/kim-putin".to_owned(), true),
            ("/news/latin1".to_owned(), true),
            ("/news/time".to_owned(), true),
        ]
    );
}

#[test]
fn an_unreachable_port_is_a_connection_error() {
    // Bind then drop a listener: nothing answers on that loopback port.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}/a");
    let error = fetcher().get(&url, None).unwrap_err();
    assert!(matches!(error, SourceError::Fetch { .. }), "{error:?}");
    assert!(error.to_string().starts_with(&format!("cannot fetch {url}: ")), "{error}");
    assert!(matches!(fetcher().get("file:///etc/passwd", None), Err(SourceError::Fetch { .. })));
}
