//! Web pages: the article text, title, language and publication date of an HTML page, found by
//! `dom_smoothie` (a port of Mozilla's Readability).
//!
//! Fetching pages is not done here; this takes HTML already read.

use dom_smoothie::{Config, Readability, TextMode};
use geokg_model::{Document, PartialDate};

/// Reads the article of an HTML page: its main text with a blank line between paragraphs, its
/// title, its language (`<html lang>`, cut to the ISO 639-1 code) and its publication date
/// (`article:published_time` and similar meta tags, or JSON-LD `datePublished`).
///
/// Navigation, cookie banners, comments and other page furniture are left out as far as
/// readability can tell them apart. `url`, where given, becomes the source and resolves the page's
/// relative links. A page without an article yields a document with empty text; the title and
/// date are still read.
/// ```
/// # use geokg_source::read_html;
/// let html = r#"<html lang="de-AT"><head><title>Gipfel - Zeitung</title>
///     <meta property="article:published_time" content="2023-09-13T10:00:00+02:00"></head>
///     <body><article><p>Putin empfing Kim in Wladiwostok.</p></article></body></html>"#;
/// let document = read_html(html, Some("https://example.org/gipfel"));
/// assert_eq!(document.text, "Putin empfing Kim in Wladiwostok.");
/// assert_eq!(document.language.as_deref(), Some("de"));
/// assert_eq!(document.published.unwrap().to_string(), "2023-09-13");
/// assert_eq!(document.source.as_deref(), Some("https://example.org/gipfel"));
/// ```
#[must_use]
pub fn read_html(html: &str, url: Option<&str>) -> Document {
    let config = || Config { text_mode: TextMode::Formatted, ..Config::default() };
    let readability = |url| Readability::new(html, url, Some(config()));
    // Readability refuses a relative URL; the page is still worth reading without one.
    let new = || readability(url).or_else(|_| readability(None)).ok();
    let mut document = match new().map(|mut page| page.parse()) {
        Some(Ok(article)) => document(
            tidy(&article.text_content),
            &article.title,
            article.lang.as_deref(),
            article.published_time.as_deref(),
        ),
        // No article found: keep what the page's metadata says.
        _ => new().map_or_else(Document::default, |page| {
            let metadata = page.get_article_metadata(page.parse_json_ld());
            document(String::new(), &metadata.title, metadata.lang.as_deref(), metadata.published_time.as_deref())
        }),
    };
    document.source = url.map(str::to_owned);
    document
}

/// A document of the text and metadata readability found; unreadable dates are dropped.
fn document(text: String, title: &str, language: Option<&str>, published: Option<&str>) -> Document {
    let title = title.trim();
    Document {
        text,
        source: None,
        title: (!title.is_empty()).then(|| title.to_owned()),
        language: language.and_then(language_code),
        published: published.and_then(|time| time.parse::<PartialDate>().ok()),
    }
}

/// Trims each line and keeps at most one blank line between paragraphs.
fn tidy(text: &str) -> String {
    let mut tidy = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            blank = !tidy.is_empty();
            continue;
        }
        if blank {
            tidy.push('\n');
        }
        if !tidy.is_empty() {
            tidy.push('\n');
        }
        tidy.push_str(line);
        blank = false;
    }
    tidy
}

/// The ISO 639-1 code of a language tag: `de-AT` and `DE_at` are `de`.
pub(crate) fn language_code(tag: &str) -> Option<String> {
    let code = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (!code.is_empty() && code.chars().all(|c| c.is_ascii_alphabetic())).then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Input, ReadOptions, read};
    use std::fs;

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Kim meets Putin in Vladivostok | The Daily Example</title>
  <meta property="og:title" content="Kim meets Putin in Vladivostok">
  <meta property="article:published_time" content="2023-09-13T09:30:00+10:00">
</head>
<body>
  <div id="cookie-banner" class="cookie-consent">
    <p>We use cookies to improve your experience. Accept all cookies or manage your preferences.</p>
    <button>Accept</button>
  </div>
  <header><nav class="menu"><ul>
    <li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li>
  </ul></nav></header>
  <main>
    <article class="article-body">
      <h1>Kim meets Putin in Vladivostok</h1>
      <p>North Korean leader Kim Jong Un met Russian President Vladimir Putin at the Vostochny
      cosmodrome on Wednesday, in the first summit between the two men since 2019.</p>
      <p>The talks lasted more than four hours, according to Russian state media, and covered
      military cooperation as well as the situation on the Korean peninsula and in Ukraine.</p>
      <p>Western officials have warned that Pyongyang could supply artillery ammunition to Moscow
      in exchange for satellite and submarine technology, a claim both governments deny.</p>
    </article>
  </main>
  <aside class="sidebar"><h2>Most read</h2><ul><li><a href="/a">Ten tips for your garden</a></li></ul></aside>
  <section id="comments" class="comments">
    <h2>Comments</h2>
    <div class="comment"><p>First! Great article, shared it with everyone.</p></div>
  </section>
  <footer><p>Copyright The Daily Example. All rights reserved.</p></footer>
</body>
</html>"#;

    #[test]
    fn an_article_keeps_its_sentences_and_drops_the_page_around_it() {
        let document = read_html(PAGE, Some("https://example.org/kim-putin"));
        let text = &document.text;
        assert!(text.contains("North Korean leader Kim Jong Un met Russian President Vladimir Putin"), "{text}");
        assert!(text.contains("a claim both governments deny."), "{text}");
        assert!(text.contains("since 2019.\n\nThe talks lasted"), "paragraphs stay apart: {text}");
        for furniture in ["cookies", "Accept", "Politics", "Ten tips", "First!", "Copyright"] {
            assert!(!text.contains(furniture), "{furniture:?} left in: {text}");
        }
        assert_eq!(document.title.as_deref(), Some("Kim meets Putin in Vladivostok"));
        assert_eq!(document.published.map(|date| date.to_string()).as_deref(), Some("2023-09-13"));
        assert_eq!(document.language.as_deref(), Some("en"));
        assert_eq!(document.source.as_deref(), Some("https://example.org/kim-putin"));
    }

    #[test]
    fn an_html_file_is_read_as_a_page() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kim.HTML");
        fs::write(&path, PAGE).unwrap();
        let documents: Vec<_> = read(&Input::File(path.clone()), &ReadOptions::default()).collect();
        let document = documents[0].as_ref().unwrap();
        assert!(document.text.contains("Vostochny"), "{}", document.text);
        let source = fs::canonicalize(&path).unwrap().display().to_string();
        assert_eq!(document.source.as_deref(), Some(source.as_str()));
    }

    #[test]
    fn a_page_without_an_article_is_an_error_for_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("empty.html");
        fs::write(&path, "<html><head><title>Nothing</title></head><body></body></html>").unwrap();
        let documents: Vec<_> = read(&Input::File(path.clone()), &ReadOptions::default()).collect();
        let error = documents[0].as_ref().unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("found no article text in {}; save the article as text instead", path.display())
        );
    }

    #[test]
    fn a_relative_url_is_kept_as_the_source() {
        let document = read_html(PAGE, Some("kim.html"));
        assert!(document.text.contains("Vostochny"));
        assert_eq!(document.source.as_deref(), Some("kim.html"));
    }

    #[test]
    fn language_tags_are_cut_to_their_code() {
        assert_eq!(language_code("de-AT").as_deref(), Some("de"));
        assert_eq!(language_code(" EN_us ").as_deref(), Some("en"));
        assert_eq!(language_code("").as_deref(), None);
        assert_eq!(tidy("  a \n\n\n  b\n c  \n"), "a\n\nb\nc");
    }
}
