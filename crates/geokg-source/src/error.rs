//! Why one input or one record could not become a document.
//!
//! Every error names the file (and the line or record) or the URL so the caller can report it and
//! go on with the other inputs; nothing here stops a run.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// Where a record stands in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordAt {
    /// A line of a JSONL file, or the line of a JSON syntax error, counted from 1.
    Line(usize),
    /// An element of a JSON array, or a record of a WARC file, counted from 0.
    Index(usize),
}

impl fmt::Display for RecordAt {
    /// `:3` for line 3, `[2]` for element 2, to follow a path.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Line(line) => write!(f, ":{line}"),
            Self::Index(index) => write!(f, "[{index}]"),
        }
    }
}

/// Why an input, or one record in it, yields no document.
///
/// Standard input is named by the path `-`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SourceError {
    /// A path given on the command line does not exist.
    #[error("no file or folder at {}; check the path", path.display())]
    NotFound {
        /// The path as given.
        path: PathBuf,
    },
    /// A file or folder exists but cannot be read.
    #[error("cannot read {}; check that it is readable", path.display())]
    Unreadable {
        /// The file or folder.
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },
    /// A file holds nothing but whitespace.
    #[error("{} is empty; add text or leave it out", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// A file holds NUL bytes or mostly control characters in its first 8 KB.
    #[error("{} looks binary; pass text, Markdown, HTML, JSON or JSONL files", path.display())]
    Binary {
        /// The file.
        path: PathBuf,
    },
    /// A file is not valid UTF-8.
    #[error(
        "{} is not UTF-8 (invalid bytes at offset {offset}); convert it, e.g. with `iconv -t UTF-8`",
        path.display()
    )]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// The byte offset of the first invalid sequence.
        offset: u64,
    },
    /// An HTML page holds no article text that readability could find.
    #[error("found no article text in {}; save the article as text instead", path.display())]
    NoArticle {
        /// The file.
        path: PathBuf,
    },
    /// A JSON or JSONL record is not valid JSON, not an object, or has no text.
    #[error("{}{at}: {message}", path.display())]
    BadRecord {
        /// The file.
        path: PathBuf,
        /// The line or array element of the record.
        at: RecordAt,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// A URL could not be fetched: no connection, a timeout, too many redirects.
    #[error("cannot fetch {url}: {reason}")]
    Fetch {
        /// The URL asked for.
        url: String,
        /// What went wrong and what to try.
        reason: String,
    },
    /// The server answered with an error status (after any retries).
    #[error("{url} answered {status} {reason}; check the URL")]
    Status {
        /// The URL asked for.
        url: String,
        /// The HTTP status code.
        status: u16,
        /// The status's reason phrase.
        reason: String,
    },
    /// A response body is larger than the limit.
    #[error("{url} is larger than {limit} bytes; raise --max-body to read it")]
    TooLarge {
        /// The URL asked for.
        url: String,
        /// The limit, in bytes.
        limit: u64,
    },
    /// A URL given as an article is not an HTML page.
    #[error("{url} is {content_type}, not an HTML page; pass article pages, or feeds with --feed")]
    NotHtml {
        /// The URL asked for.
        url: String,
        /// The `Content-Type` the server sent.
        content_type: String,
    },
    /// A URL given as a feed is not RSS or Atom.
    #[error("{url} is not an RSS or Atom feed ({reason}); check the feed's URL")]
    NotAFeed {
        /// The URL asked for.
        url: String,
        /// What the parser said.
        reason: String,
    },
    /// A fetched page holds no article text that readability could find.
    #[error("found no article text at {url}; is it an article page?")]
    NoArticleAt {
        /// The URL asked for.
        url: String,
    },
}

impl SourceError {
    /// The file the error is about (`-` for standard input), or the URL.
    #[must_use]
    pub fn path(&self) -> &Path {
        match self {
            Self::Fetch { url, .. }
            | Self::Status { url, .. }
            | Self::TooLarge { url, .. }
            | Self::NotHtml { url, .. }
            | Self::NotAFeed { url, .. }
            | Self::NoArticleAt { url } => Path::new(url.as_str()),
            Self::NotFound { path }
            | Self::Unreadable { path, .. }
            | Self::Empty { path }
            | Self::Binary { path }
            | Self::NotUtf8 { path, .. }
            | Self::NoArticle { path }
            | Self::BadRecord { path, .. } => path,
        }
    }

    /// Where to look: the path, with `:line` or `[index]` for a record (`news.jsonl:3`), or the URL.
    #[must_use]
    pub fn location(&self) -> String {
        match self {
            Self::BadRecord { path, at, .. } => format!("{}{at}", path.display()),
            _ => self.path().display().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bad_record(at: RecordAt) -> SourceError {
        SourceError::BadRecord { path: "news.jsonl".into(), at, message: "no text".into() }
    }

    #[test]
    fn location_names_the_line_or_element() {
        assert_eq!(bad_record(RecordAt::Line(3)).location(), "news.jsonl:3");
        assert_eq!(bad_record(RecordAt::Index(2)).location(), "news.jsonl[2]");
        assert_eq!(SourceError::Empty { path: "a.txt".into() }.location(), "a.txt");
    }

    #[test]
    fn messages_are_lower_case_without_a_period() {
        let error = SourceError::NotUtf8 { path: "a.txt".into(), offset: 7 };
        let message = error.to_string();
        assert!(message.starts_with("a.txt is not UTF-8 (invalid bytes at offset 7)"), "{message}");
        assert!(!message.ends_with('.'));
        assert_eq!(bad_record(RecordAt::Line(3)).to_string(), "news.jsonl:3: no text");
    }
}
