//! RSS 2.0 and Atom feeds (parsed by feed-rs): the article links they list, with their dates.
//!
//! Fetching the articles themselves, and skipping those already stored or older than `--since`,
//! is the caller's (see `web`).

use crate::error::SourceError;
use crate::fetch::{Answer, Fetcher};
use geokg_model::PartialDate;

/// One article a feed lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedItem {
    /// The article's URL, made absolute against the feed's.
    pub url: String,
    /// The item's title.
    pub title: Option<String>,
    /// The day the feed says the item was published (else updated), in UTC.
    pub published: Option<PartialDate>,
}

impl FeedItem {
    /// Whether the item is dated before `since`; an undated item is never too old.
    #[must_use]
    pub fn is_before(&self, since: PartialDate) -> bool {
        self.published.is_some_and(|published| published.to_days() < since.to_days())
    }
}

/// Reads the items of an RSS 2.0 or Atom feed, in feed order; `url` is the feed's own URL, which
/// relative links are resolved against. Items without a link are left out.
/// ```
/// # use geokg_source::read_feed;
/// let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>
///   <item><title>Gipfel</title><link>/gipfel</link><pubDate>Wed, 13 Sep 2023 08:00:00 GMT</pubDate></item>
/// </channel></rss>"#;
/// let items = read_feed(rss.as_bytes(), "https://example.org/feed.xml").unwrap();
/// assert_eq!(items[0].url, "https://example.org/gipfel");
/// assert_eq!(items[0].published.unwrap().to_string(), "2023-09-13");
/// ```
pub fn read_feed(bytes: &[u8], url: &str) -> Result<Vec<FeedItem>, SourceError> {
    let parser = feed_rs::parser::Builder::new().base_uri(Some(url)).build();
    let feed = parser
        .parse(bytes)
        .map_err(|error| SourceError::NotAFeed { url: url.to_owned(), reason: error.to_string() })?;
    let base = reqwest::Url::parse(url).ok();
    let absolute = |href: &str| match &base {
        Some(base) => base.join(href.trim()).ok().map(|url| url.to_string()),
        None => reqwest::Url::parse(href.trim()).ok().map(|url| url.to_string()),
    };
    Ok(feed
        .entries
        .into_iter()
        .filter_map(|entry| {
            let link = entry
                .links
                .iter()
                .find(|link| link.rel.as_deref().is_none_or(|rel| rel == "alternate"))
                .or_else(|| entry.links.first())
                .map(|link| link.href.clone())
                .or_else(|| entry.id.starts_with("http").then(|| entry.id.clone()))?;
            let date = entry.published.or(entry.updated).map(|date| date.to_rfc3339());
            Some(FeedItem {
                url: absolute(&link)?,
                title: entry.title.map(|title| title.content.trim().to_owned()).filter(|title| !title.is_empty()),
                published: date.and_then(|date| date.parse().ok()),
            })
        })
        .collect())
}

impl Fetcher {
    /// Fetches a feed and reads its items; see [`read_feed`].
    pub fn feed(&self, url: &str) -> Result<Vec<FeedItem>, SourceError> {
        match self.get(url, None)? {
            Answer::Body(fetched) => read_feed(&fetched.body, &fetched.record.final_url).map_err(|error| match error {
                // Name the URL the user gave, not where it redirected.
                SourceError::NotAFeed { reason, .. } => SourceError::NotAFeed { url: url.to_owned(), reason },
                other => other,
            }),
            Answer::NotModified(_) => Ok(Vec::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Nachrichten</title><id>urn:feed</id><updated>2023-09-14T00:00:00Z</updated>
  <entry><title>Gipfel in Wladiwostok</title><id>urn:1</id>
    <link rel="alternate" href="https://example.org/de/gipfel"/><link rel="enclosure" href="https://example.org/a.mp3"/>
    <published>2023-09-13T22:30:00-04:00</published><updated>2023-09-14T08:00:00Z</updated></entry>
  <entry><title>Ohne Datum</title><id>https://example.org/de/ohne-datum</id></entry>
  <entry><title>Ohne Link</title><id>urn:3</id></entry>
</feed>"#;

    #[test]
    fn atom_entries_give_their_alternate_link_and_utc_day() {
        let items = read_feed(ATOM.as_bytes(), "https://example.org/atom.xml").unwrap();
        assert_eq!(items.len(), 2, "{items:?}");
        assert_eq!(items[0].url, "https://example.org/de/gipfel");
        assert_eq!(items[0].title.as_deref(), Some("Gipfel in Wladiwostok"));
        assert_eq!(items[0].published.unwrap().to_string(), "2023-09-14", "22:30 at -04:00 is the next day in UTC");
        assert_eq!(items[1].url, "https://example.org/de/ohne-datum");
        assert_eq!(items[1].published, None);
    }

    #[test]
    fn since_keeps_undated_and_later_items() {
        let items = read_feed(ATOM.as_bytes(), "https://example.org/atom.xml").unwrap();
        let since = |date: &str| date.parse::<PartialDate>().unwrap();
        assert!(!items[0].is_before(since("2023-09-14")));
        assert!(items[0].is_before(since("2023-10")));
        assert!(!items[1].is_before(since("2030")));
    }

    #[test]
    fn html_is_not_a_feed() {
        let error = read_feed(b"<html><body>Hallo</body></html>", "https://example.org/").unwrap_err();
        assert!(matches!(error, SourceError::NotAFeed { .. }), "{error:?}");
        assert!(error.to_string().starts_with("https://example.org/ is not an RSS or Atom feed ("), "{error}");
    }
}
