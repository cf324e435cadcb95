//! Reading one input into its documents: checks that the bytes are text, then hands them to the
//! reader of their format (plain text here, HTML in `html`, crawler records in `record`, WARC
//! dumps in `crawl`).
//!
//! Each document comes as its own `Result`, so one bad record never hides the good ones.

use crate::crawl::WarcRecords;
use crate::error::SourceError;
use crate::input::{Format, Input};
use crate::record::{self, JsonLines};
use geokg_model::{Document, FetchRecord, PartialDate};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::{fs, vec};

/// How many leading bytes [`looks_binary`] looks at.
const SNIFF_LEN: usize = 8 * 1024;

/// What the caller knows better than the input: the CLI's `--published` and `--source`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadOptions {
    /// The publication date; when given, it replaces any date the input carries.
    pub published: Option<PartialDate>,
    /// Where the text came from; when given, it replaces the path or URL of every document read
    /// (so it makes sense for an input of one document only).
    pub source: Option<String>,
}

impl ReadOptions {
    /// Sets the publication date of every document read.
    #[must_use]
    pub fn with_published(mut self, published: PartialDate) -> Self {
        self.published = Some(published);
        self
    }

    /// Sets the source of every document read.
    #[must_use]
    pub fn with_source(mut self, source: impl Into<String>) -> Self {
        self.source = Some(source.into());
        self
    }

    fn apply(&self, mut document: Document) -> Document {
        if let Some(published) = self.published {
            document.published = Some(published);
        }
        if let Some(source) = &self.source {
            document.source = Some(source.clone());
        }
        document
    }
}

/// The documents of one input, in file order, each a `Result`; made by [`read`].
///
/// A JSONL file is read line by line and a WARC file record by record as the iterator advances,
/// so a crawl dump of any size needs the memory of one line or record; every other input is read
/// whole when [`read`] is called.
#[derive(Debug)]
pub struct Documents {
    inner: Inner,
    options: ReadOptions,
}

#[derive(Debug)]
enum Inner {
    Read(vec::IntoIter<Result<Document, SourceError>>),
    Lines(JsonLines),
    Warc(Box<WarcRecords>),
}

impl Iterator for Documents {
    type Item = Result<Document, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_fetched().map(|next| next.map(|(document, _)| document))
    }
}

impl Documents {
    /// The next document with how it was fetched, where the input says so (a WARC response
    /// record: its URI, HTTP status, capture time and validators).
    pub fn next_fetched(&mut self) -> Option<Result<(Document, Option<FetchRecord>), SourceError>> {
        let next = match &mut self.inner {
            Inner::Read(documents) => documents.next().map(|d| d.map(|d| (d, None))),
            Inner::Lines(lines) => lines.next().map(|d| d.map(|d| (d, None))),
            Inner::Warc(records) => records.next(),
        };
        next.map(|next| next.map(|(document, fetch)| (self.options.apply(document), fetch)))
    }

    /// The documents with their fetch records; see [`Documents::next_fetched`].
    pub fn fetched(mut self) -> impl Iterator<Item = Result<(Document, Option<FetchRecord>), SourceError>> {
        std::iter::from_fn(move || self.next_fetched())
    }

    fn one(result: Result<Document, SourceError>, options: &ReadOptions) -> Self {
        Self::all(vec![result], options)
    }

    fn all(results: Vec<Result<Document, SourceError>>, options: &ReadOptions) -> Self {
        Self { inner: Inner::Read(results.into_iter()), options: options.clone() }
    }
}

/// Reads one input into its documents; a JSON array or a JSONL file yields many.
///
/// - `.txt`, `.md` and files of unknown extension: the text as it is.
/// - `.html`, `.htm`: the article text, title, language and date, see [`read_html`](crate::read_html).
/// - `.json` (an object or an array of objects) and `.jsonl` (an object per line): crawler
///   records with `text` or `maintext`, and optionally `title`, `url`, `date_publish` and
///   `language` (the news-please field names).
/// - `.warc`, `.warc.gz`: each successful HTML response record, read as a web page whose source
///   is its `WARC-Target-URI`.
/// - standard input: text, or HTML when it starts with `<!doctype html` or `<html`.
///
/// A file's source is its canonical absolute path; a record's is its `url`, else
/// `<absolute path>#<line>` (JSONL) or `<absolute path>#<index>` (JSON array); standard input's
/// is `-`. `options` then override the date and the source. Problems come as errors in the
/// sequence, each naming its file and line or record; reading never panics or stops early.
/// ```
/// # use geokg_source::{ReadOptions, expand, read};
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::write(dir.path().join("a.txt"), "Putin empfing Kim in Wladiwostok.").unwrap();
/// let options = ReadOptions::default().with_published("2023-09-13".parse().unwrap());
/// let documents: Vec<_> = expand(&[dir.path()]).iter().flat_map(|input| read(input, &options)).collect();
/// let document = documents[0].as_ref().unwrap();
/// assert_eq!(document.text, "Putin empfing Kim in Wladiwostok.");
/// assert_eq!(document.published.unwrap().to_string(), "2023-09-13");
/// ```
#[must_use]
pub fn read(input: &Input, options: &ReadOptions) -> Documents {
    match input {
        Input::File(path) => read_file(path, options),
        Input::Stdin => {
            let mut bytes = Vec::new();
            let path = PathBuf::from("-");
            match io::stdin().lock().read_to_end(&mut bytes) {
                Ok(_) => Documents::all(read_stdin_bytes(&bytes), options),
                Err(source) => Documents::one(Err(SourceError::Unreadable { path, source }), options),
            }
        }
        Input::Missing(path) => Documents::one(Err(SourceError::NotFound { path: path.clone() }), options),
        Input::Unlisted { path, error } => {
            // `io::Error` is not `Clone`; the kind and message are what the user sees.
            let source = io::Error::new(error.kind(), error.to_string());
            Documents::one(Err(SourceError::Unreadable { path: path.clone(), source }), options)
        }
    }
}

fn read_file(path: &Path, options: &ReadOptions) -> Documents {
    let format = Format::of(path).unwrap_or(Format::Text);
    // The canonical path names the file the same way whatever folder the run started in.
    let source = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let source = source.display().to_string();
    if format == Format::JsonLines {
        return match JsonLines::open(path, source) {
            Ok(lines) => Documents { inner: Inner::Lines(lines), options: options.clone() },
            Err(error) => Documents::one(Err(error), options),
        };
    }
    if format == Format::Warc {
        return match WarcRecords::open(path) {
            Ok(records) => Documents { inner: Inner::Warc(Box::new(records)), options: options.clone() },
            Err(error) => Documents::one(Err(error), options),
        };
    }
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            let error = SourceError::Unreadable { path: path.to_path_buf(), source: error };
            return Documents::one(Err(error), options);
        }
    };
    let text = match decode(&bytes, path) {
        Ok(text) => text,
        Err(error) => return Documents::one(Err(error), options),
    };
    let results = match format {
        Format::Text => vec![Ok(Document::new(text).with_source(source))],
        Format::Html => vec![html_document(text, path, source)],
        Format::Json => record::read_json(text, path, &source),
        Format::JsonLines | Format::Warc => unreachable!("JSONL and WARC are streamed above"),
    };
    Documents::all(results, options)
}

fn read_stdin_bytes(bytes: &[u8]) -> Vec<Result<Document, SourceError>> {
    let path = Path::new("-");
    let text = match decode(bytes, path) {
        Ok(text) => text,
        Err(error) => return vec![Err(error)],
    };
    // `curl … | geokg ingest -` pipes a web page.
    let head: String = text.trim_start().chars().take(14).collect::<String>().to_ascii_lowercase();
    if head.starts_with("<!doctype html") || head.starts_with("<html") {
        vec![html_document(text, path, "-".to_owned())]
    } else {
        vec![Ok(Document::new(text).with_source("-"))]
    }
}

fn html_document(html: &str, path: &Path, source: String) -> Result<Document, SourceError> {
    let document = crate::read_html(html, None);
    if document.text.trim().is_empty() {
        return Err(SourceError::NoArticle { path: path.to_path_buf() });
    }
    Ok(document.with_source(source))
}

/// The text of a whole file: not empty, not binary, valid UTF-8 (a leading byte order mark is
/// dropped), and not whitespace only.
pub(crate) fn decode<'a>(bytes: &'a [u8], path: &Path) -> Result<&'a str, SourceError> {
    let path = || path.to_path_buf();
    if bytes.is_empty() {
        return Err(SourceError::Empty { path: path() });
    }
    // A UTF-16 file starts with a byte order mark; its NUL bytes would call it binary.
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(SourceError::NotUtf8 { path: path(), offset: 0 });
    }
    if looks_binary(bytes) {
        return Err(SourceError::Binary { path: path() });
    }
    let (bytes, skipped) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, 3),
        None => (bytes, 0),
    };
    let text = std::str::from_utf8(bytes)
        .map_err(|error| SourceError::NotUtf8 { path: path(), offset: (skipped + error.valid_up_to()) as u64 })?;
    if text.trim().is_empty() {
        return Err(SourceError::Empty { path: path() });
    }
    Ok(text)
}

/// Whether bytes look like a binary file rather than text: the first 8 KB hold a NUL byte, or
/// more than one byte in ten is a control character other than tab, line feed, form feed and
/// carriage return.
///
/// Bytes of 0x80 and above are not counted: they are UTF-8 (or another text encoding).
/// ```
/// # use geokg_source::looks_binary;
/// assert!(!looks_binary("Putin empfing Kim.\r\n\tÜbersetzung folgt.".as_bytes()));
/// assert!(looks_binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
/// ```
#[must_use]
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    if head.contains(&0) {
        return true;
    }
    let n_control = head
        .iter()
        .filter(|&&byte| (byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\x0C' | b'\r')) || byte == 0x7F)
        .count();
    n_control * 10 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_one(path: &Path) -> Result<Document, SourceError> {
        let mut documents: Vec<_> = read(&Input::File(path.to_path_buf()), &ReadOptions::default()).collect();
        assert_eq!(documents.len(), 1, "{documents:?}");
        documents.remove(0)
    }

    fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        path
    }

    /// The error of reading a file of these bytes, with the path checked.
    fn error_of(name: &str, bytes: &[u8]) -> SourceError {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, name, bytes);
        let error = read_one(&path).unwrap_err();
        assert_eq!(error.path(), path);
        assert!(error.to_string().contains(&path.display().to_string()), "{error}");
        error
    }

    #[test]
    fn a_text_file_is_its_text_with_its_absolute_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, "a.md", "# Gipfel\n\nPutin empfing Kim.\n".as_bytes());
        let document = read_one(&path).unwrap();
        assert_eq!(document.text, "# Gipfel\n\nPutin empfing Kim.\n");
        let source = fs::canonicalize(&path).unwrap().display().to_string();
        assert_eq!(document.source.as_deref(), Some(source.as_str()));
        assert!(Path::new(&source).is_absolute());
    }

    #[test]
    fn a_named_file_of_unknown_extension_is_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, "notes.log", "\u{feff}Kim reiste ab.".as_bytes());
        assert_eq!(read_one(&path).unwrap().text, "Kim reiste ab.");
    }

    #[test]
    fn options_set_the_date_and_the_source() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, "a.txt", b"Kim reiste ab.");
        let options =
            ReadOptions::default().with_published("2023-09-13".parse().unwrap()).with_source("https://example.org/a");
        let documents: Vec<_> = read(&Input::File(path), &options).collect();
        let document = documents[0].as_ref().unwrap();
        assert_eq!(document.published.unwrap().to_string(), "2023-09-13");
        assert_eq!(document.source.as_deref(), Some("https://example.org/a"));
    }

    #[test]
    fn empty_and_whitespace_files_are_errors() {
        assert!(matches!(error_of("a.txt", b""), SourceError::Empty { .. }));
        assert!(matches!(error_of("a.txt", b" \n\t\n"), SourceError::Empty { .. }));
    }

    #[test]
    fn binary_files_are_errors() {
        assert!(matches!(error_of("a.txt", b"GIF89a\0\0\x01"), SourceError::Binary { .. }));
        assert!(matches!(error_of("a.txt", b"\x01\x02\x03\x04abc"), SourceError::Binary { .. }));
    }

    #[test]
    fn non_utf8_files_report_the_offset() {
        let error = error_of("a.txt", b"Stra\xDFe");
        assert!(matches!(error, SourceError::NotUtf8 { offset: 4, .. }), "{error:?}");
        assert!(error.to_string().contains("offset 4"));
        let utf16 = error_of("b.txt", b"\xFF\xFEK\0i\0m\0");
        assert!(matches!(utf16, SourceError::NotUtf8 { offset: 0, .. }), "{utf16:?}");
    }

    #[test]
    fn missing_and_unreadable_inputs_are_errors() {
        let missing = Input::Missing(PathBuf::from("no/such.txt"));
        let errors: Vec<_> = read(&missing, &ReadOptions::default()).collect();
        let error = errors[0].as_ref().unwrap_err();
        assert!(matches!(error, SourceError::NotFound { .. }));
        assert_eq!(error.to_string(), "no file or folder at no/such.txt; check the path");
        let unlisted = Input::Unlisted {
            path: PathBuf::from("corpus/private"),
            error: io::Error::from(io::ErrorKind::PermissionDenied),
        };
        let errors: Vec<_> = read(&unlisted, &ReadOptions::default()).collect();
        let error = errors[0].as_ref().unwrap_err();
        assert!(matches!(error, SourceError::Unreadable { .. }), "{error:?}");
        assert_eq!(error.location(), "corpus/private");
        // A folder named as a file cannot be read as one.
        let dir = tempfile::tempdir().unwrap();
        let error = read_one(dir.path()).unwrap_err();
        assert!(matches!(error, SourceError::Unreadable { .. }), "{error:?}");
        assert_eq!(error.path(), dir.path());
    }

    #[test]
    fn a_missing_input_does_not_stop_the_others() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, "a.txt", b"Kim reiste ab.");
        let missing = dir.path().join("missing.txt");
        let results: Vec<_> =
            crate::expand(&[&missing, &path]).iter().flat_map(|input| read(input, &ReadOptions::default())).collect();
        assert!(matches!(&results[0], Err(SourceError::NotFound { path }) if *path == missing));
        assert_eq!(results[1].as_ref().unwrap().text, "Kim reiste ab.");
    }

    #[test]
    fn stdin_is_text_or_a_web_page() {
        let text = read_stdin_bytes(b"Kim reiste ab.");
        assert_eq!(text[0].as_ref().unwrap().source.as_deref(), Some("-"));
        let empty = read_stdin_bytes(b"\n");
        assert!(matches!(&empty[0], Err(SourceError::Empty { path }) if path == Path::new("-")));
        let page = b"<!DOCTYPE html><html><head><title>Gipfel</title></head><body><p>Kim reiste ab.</p></body></html>";
        let page = read_stdin_bytes(page);
        let page = page[0].as_ref().unwrap();
        assert_eq!((page.text.as_str(), page.title.as_deref()), ("Kim reiste ab.", Some("Gipfel")));
    }

    #[test]
    fn binary_sniffing_counts_control_characters() {
        assert!(!looks_binary(b""));
        assert!(!looks_binary("Zeile eins\r\nZeile zwei\x0C".as_bytes()));
        assert!(looks_binary(b"text\0text"));
        let escapes = format!("{}\x1b[0m", "a".repeat(100));
        assert!(!looks_binary(escapes.as_bytes()));
    }
}
