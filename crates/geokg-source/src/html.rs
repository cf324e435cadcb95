//! Web pages: the article text, title, language, publication date and canonical URL of an HTML
//! page, found by `dom_smoothie` (a port of Mozilla's Readability), and the bytes of a page
//! decoded by its charset.
//!
//! Fetching pages is not done here (see `fetch`); this takes HTML already read.

use dom_smoothie::{Config, Readability, TextMode};
use geokg_model::{Document, PartialDate};
use regex::Regex;
use std::sync::LazyLock;

/// Reads the article of an HTML page: its main text with a blank line between paragraphs, its
/// title, its language and its publication date.
///
/// The date is the first that reads of: the `article:published_time` meta tag, JSON-LD
/// (`NewsArticle` and kin) `datePublished` and the other meta tags readability knows, the first
/// `<time datetime>`, and finally a dateline opening the text (`BERLIN, 13. September 2023 -`).
/// The language is `<html lang>` cut to its ISO 639-1 code, else detected from the text when the
/// detection is reliable.
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
    read_page(html, url).document
}

/// A page read: its document, and the canonical URL the page names for itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct HtmlPage {
    pub(crate) document: Document,
    /// `<link rel="canonical">`, made absolute against the page's URL.
    pub(crate) canonical: Option<String>,
}

/// What the page's markup says before readability rewrites it.
#[derive(Debug, Default)]
struct Markup {
    published_meta: Option<String>,
    time_datetime: Option<String>,
    canonical: Option<String>,
}

/// [`read_html`], keeping the canonical URL too.
pub(crate) fn read_page(html: &str, url: Option<&str>) -> HtmlPage {
    let config = || Config { text_mode: TextMode::Formatted, ..Config::default() };
    let readability = |url| Readability::new(html, url, Some(config()));
    // Readability refuses a relative URL; the page is still worth reading without one.
    let new = || readability(url).or_else(|_| readability(None)).ok();
    let Some(mut page) = new() else {
        return HtmlPage {
            document: Document { source: url.map(str::to_owned), ..Document::default() },
            canonical: None,
        };
    };
    let attribute = |selector: &str, name: &str| {
        page.doc.select(selector).attr(name).map(|value| value.trim().to_owned()).filter(|value| !value.is_empty())
    };
    let markup = Markup {
        published_meta: attribute(
            r#"meta[property="article:published_time"], meta[name="article:published_time"]"#,
            "content",
        ),
        time_datetime: attribute("time[datetime]", "datetime"),
        canonical: attribute(r#"link[rel="canonical"]"#, "href"),
    };
    let mut document = match page.parse() {
        Ok(article) => document(
            tidy(&article.text_content),
            &article.title,
            article.lang.as_deref(),
            &markup,
            article.published_time.as_deref(),
        ),
        // No article found: keep what the page's metadata says.
        Err(_) => new().map_or_else(Document::default, |page| {
            let metadata = page.get_article_metadata(page.parse_json_ld());
            document(
                String::new(),
                &metadata.title,
                metadata.lang.as_deref(),
                &markup,
                metadata.published_time.as_deref(),
            )
        }),
    };
    document.source = url.map(str::to_owned);
    let canonical = markup.canonical.as_deref().and_then(|href| absolute(href, url));
    HtmlPage { document, canonical }
}

/// `href` made absolute against `base`; only http(s) URLs are kept.
fn absolute(href: &str, base: Option<&str>) -> Option<String> {
    let url = match base.and_then(|base| reqwest::Url::parse(base).ok()) {
        Some(base) => base.join(href).ok()?,
        None => reqwest::Url::parse(href).ok()?,
    };
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

/// A document of the text and metadata readability found; unreadable dates are dropped.
fn document(text: String, title: &str, language: Option<&str>, markup: &Markup, published: Option<&str>) -> Document {
    let title = title.trim();
    let date = |time: Option<&str>| time.and_then(|time| time.parse::<PartialDate>().ok());
    let published = date(markup.published_meta.as_deref())
        .or_else(|| date(published))
        .or_else(|| date(markup.time_datetime.as_deref()))
        .or_else(|| dateline(&text));
    let language = language.and_then(language_code).or_else(|| detect_language(&text));
    Document { text, source: None, title: (!title.is_empty()).then(|| title.to_owned()), language, published }
}

/// The language of a text when whatlang is sure of it, as an ISO 639-1 code.
pub(crate) fn detect_language(text: &str) -> Option<String> {
    let info = whatlang::detect(text).filter(whatlang::Info::is_reliable)?;
    let code = match info.lang() {
        whatlang::Lang::Deu => "de",
        whatlang::Lang::Eng => "en",
        whatlang::Lang::Fra => "fr",
        whatlang::Lang::Spa => "es",
        whatlang::Lang::Ita => "it",
        whatlang::Lang::Por => "pt",
        whatlang::Lang::Nld => "nl",
        whatlang::Lang::Pol => "pl",
        whatlang::Lang::Rus => "ru",
        whatlang::Lang::Ukr => "uk",
        whatlang::Lang::Tur => "tr",
        whatlang::Lang::Ara => "ar",
        whatlang::Lang::Cmn => "zh",
        whatlang::Lang::Jpn => "ja",
        whatlang::Lang::Kor => "ko",
        // Languages geokg has no words for are left unknown rather than guessed at.
        _ => return None,
    };
    Some(code.to_owned())
}

/// Month names and abbreviations, English and German.
const MONTHS: &str = r"jan(?:uary|uar|\.)?|jänner|feb(?:ruary|ruar|\.)?|m(?:arch|ärz|aerz|ar\.)|apr(?:il|\.)?|ma[iy]|june?|juni|july?|juli|aug(?:ust|\.)?|sep(?:t(?:ember)?)?\.?|o[ck]t(?:ober)?\.?|nov(?:ember)?\.?|de[cz](?:ember)?\.?";

/// "13. September 2023", "13 Sept. 2023", "September 13, 2023", "13.09.2023" and "2023-09-13".
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})|(?P<nd>\d{{1,2}})\.\s?(?P<nm>\d{{1,2}})\.\s?(?P<ny>\d{{4}})|(?P<d1>\d{{1,2}})\.?\s+(?P<m1>{MONTHS})\s+(?P<y1>\d{{4}})|(?P<m2>{MONTHS})\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>\d{{4}}))\b"
    ))
    .expect("the dateline pattern is valid")
});

/// The date of a dateline in the first 200 characters of an article's text.
pub(crate) fn dateline(text: &str) -> Option<PartialDate> {
    let head: String = text.chars().take(200).collect();
    let head = head.lines().next().unwrap_or_default();
    let found = DATELINE.captures(head)?;
    if let Some(iso) = found.name("iso") {
        return iso.as_str().parse().ok();
    }
    let number = |name: &str| found.name(name).and_then(|m| m.as_str().parse::<u8>().ok());
    let year = |name: &str| found.name(name).and_then(|m| m.as_str().parse::<i32>().ok());
    let (year, month, day) = if found.name("nd").is_some() {
        (year("ny")?, number("nm")?, number("nd")?)
    } else if found.name("d1").is_some() {
        (year("y1")?, month_number(found.name("m1")?.as_str())?, number("d1")?)
    } else {
        (year("y2")?, month_number(found.name("m2")?.as_str())?, number("d2")?)
    };
    PartialDate::day(year, month, day)
}

/// The number of a month name or abbreviation, English or German.
fn month_number(name: &str) -> Option<u8> {
    let name = name.to_lowercase();
    let name = name.trim_end_matches('.');
    let prefixes = ["ja", "f", "mar", "ap", "mai", "jun", "jul", "au", "s", "o", "n", "d"];
    if name.starts_with("jä") || name == "may" {
        return Some(if name == "may" { 5 } else { 1 });
    }
    if name.starts_with("mä") || name.starts_with("mae") {
        return Some(3);
    }
    prefixes.iter().position(|prefix| name.starts_with(prefix)).map(|index| index as u8 + 1)
}

/// Photo credits and newsletter prompts that readability keeps inside an article body
/// ("Photo: agency pool", "Sign up for our morning briefing newsletter ...").
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:photo|foto|bild|image|picture|grafik)\s*:|(?:sign up|subscribe|abonnieren|jetzt anmelden|melden sie sich)\b.*\bnewsletter\b|.*\bnewsletter\b.*\b(?:sign up|subscribe|abonnieren|anmelden)\b)",
    )
    .expect("the furniture pattern is valid")
});

/// Trims each line, drops photo credits and newsletter prompts (short lines only), and keeps
/// at most one blank line between paragraphs.
fn tidy(text: &str) -> String {
    let mut tidy = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines().map(str::trim) {
        if line.chars().count() < 160 && FURNITURE.is_match(line) {
            continue;
        }
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
        assert_eq!(tidy("a\n\nPhoto: agency pool\n\nSign up for our morning newsletter.\n\nb"), "a\n\nb");
        assert_eq!(
            tidy("Den Newsletter jetzt abonnieren!\nDer Fotograf sagte: Bild: nein."),
            "Der Fotograf sagte: Bild: nein."
        );
    }
}
