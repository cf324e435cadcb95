//! WARC crawl dumps (`.warc`, `.warc.gz` as CC-NEWS ships them): each HTML response record is an
//! article, read as a fetched page would be.
//!
//! The file is read one record at a time (gzip members are decompressed as they come), so a dump
//! of many gigabytes needs the memory of its largest record. Request, metadata and warcinfo
//! records, and responses that are not successful HTML, are skipped without a word: a crawl holds
//! many of them. Each document comes with its fetch record: the target URI, the HTTP status,
//! the capture time (`WARC-Date`) and the validators the server sent.

use crate::error::{RecordAt, SourceError};
use crate::fetch::decode_page;
use geokg_model::{Document, FetchRecord};
use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

/// A record body larger than this is reported, not read as an article.
const MAX_RECORD: usize = 10 * 1000 * 1000;

type Records = ::warc::RawRecordIter<Box<dyn BufRead + Send>>;

/// The documents of a WARC file, read record by record.
pub(crate) struct WarcRecords {
    path: PathBuf,
    records: Records,
    /// The index of the next record, from 0.
    n_record: usize,
    n_documents: usize,
    done: bool,
}

impl fmt::Debug for WarcRecords {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WarcRecords")
            .field("path", &self.path)
            .field("n_record", &self.n_record)
            .finish_non_exhaustive()
    }
}

impl WarcRecords {
    /// Opens a WARC file, plain or gzipped (told by its first bytes, not its name).
    pub(crate) fn open(path: &Path) -> Result<Self, SourceError> {
        let unreadable = |source| SourceError::Unreadable { path: path.to_path_buf(), source };
        let mut file = BufReader::with_capacity(256 * 1024, File::open(path).map_err(unreadable)?);
        let head = file.fill_buf().map_err(unreadable)?;
        if head.is_empty() {
            return Err(SourceError::Empty { path: path.to_path_buf() });
        }
        let reader: Box<dyn BufRead + Send> = if head.starts_with(&[0x1f, 0x8b]) {
            // CC-NEWS gzips each record as its own member.
            Box::new(BufReader::with_capacity(256 * 1024, flate2::read::MultiGzDecoder::new(file)))
        } else {
            Box::new(file)
        };
        // `WarcReader::from_path` opens the file for creation, which fails read-only; hence `new`.
        let records = ::warc::WarcReader::new(reader).iter_raw_records();
        Ok(Self { path: path.to_path_buf(), records, n_record: 0, n_documents: 0, done: false })
    }

    fn bad(&self, index: usize, message: String) -> SourceError {
        SourceError::BadRecord { path: self.path.clone(), at: RecordAt::Index(index), message }
    }
}

impl Iterator for WarcRecords {
    /// A document, with its fetch record when the record tells when it was captured.
    type Item = Result<(Document, Option<FetchRecord>), SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let index = self.n_record;
            let Some(record) = self.records.next() else {
                self.done = true;
                if self.n_documents == 0 {
                    let message = "holds no HTML response records; is it a crawl of web pages?".to_owned();
                    return Some(Err(self.bad(index, message)));
                }
                return None;
            };
            self.n_record += 1;
            let (header, body) = match record {
                Ok(record) => record,
                Err(error) => {
                    // A broken record leaves the reader in an unknown place: stop here.
                    self.done = true;
                    let message = match error {
                        ::warc::Error::ReadData(source) => format!("cannot read the file ({source})"),
                        other => format!("not a valid WARC record ({other}); the file may be cut off or not WARC"),
                    };
                    return Some(Err(self.bad(index, message)));
                }
            };
            let warc_header = |name: ::warc::WarcHeader| {
                header.headers.get(&name).map(|value| String::from_utf8_lossy(value).trim().to_owned())
            };
            if !warc_header(::warc::WarcHeader::WarcType).is_some_and(|kind| kind.eq_ignore_ascii_case("response")) {
                continue;
            }
            let url = warc_header(::warc::WarcHeader::TargetURI).unwrap_or_default();
            let url = url.trim_start_matches('<').trim_end_matches('>').to_owned();
            let Some(response) = HttpResponse::parse(&body) else { continue };
            if response.status != 200 || !response.is_html() {
                continue;
            }
            self.n_documents += 1;
            if response.body.len() > MAX_RECORD {
                let message = format!("the page of {url} is larger than {MAX_RECORD} bytes; it was left out");
                return Some(Err(self.bad(index, message)));
            }
            let html = decode_page(response.body, response.content_type.as_deref());
            let page = crate::html::read_page(&html, (!url.is_empty()).then_some(url.as_str()));
            let fetch = warc_header(::warc::WarcHeader::Date).filter(|_| !url.is_empty()).map(|date| FetchRecord {
                requested_url: url.clone(),
                final_url: url.clone(),
                http_status: response.status,
                fetched_at: date,
                etag: response.header("etag"),
                last_modified: response.header("last-modified"),
                canonical_url: page.canonical,
            });
            let url = (!url.is_empty()).then_some(url);
            let mut document = page.document;
            if document.text.trim().is_empty() {
                let page = url.as_deref().unwrap_or("the page");
                let message = format!("found no article text in {page}; it was left out");
                return Some(Err(self.bad(index, message)));
            }
            if document.source.is_none() {
                document.source = Some(format!("{}#{index}", self.path.display()));
            }
            return Some(Ok((document, fetch)));
        }
        None
    }
}

/// The HTTP response a WARC response record holds.
struct HttpResponse<'a> {
    status: u16,
    content_type: Option<String>,
    /// The header lines after the status line.
    head: String,
    body: &'a [u8],
}

impl<'a> HttpResponse<'a> {
    fn parse(block: &'a [u8]) -> Option<Self> {
        let (head_end, body_start) =
            find(block, b"\r\n\r\n").map(|at| (at, at + 4)).or_else(|| find(block, b"\n\n").map(|at| (at, at + 2)))?;
        let head = String::from_utf8_lossy(&block[..head_end]);
        let (status_line, head) = head.split_once('\n').unwrap_or((&head, ""));
        let status = status_line.split_whitespace().nth(1)?.parse().ok()?;
        let mut response = Self { status, content_type: None, head: head.to_owned(), body: &block[body_start..] };
        response.content_type = response.header("content-type");
        Some(response)
    }

    /// The value of the first header called `name` (case-insensitive).
    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim().eq_ignore_ascii_case(name).then(|| value.trim().to_owned())
        })
    }

    fn is_html(&self) -> bool {
        match &self.content_type {
            Some(content_type) => {
                let media_type = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
                media_type == "text/html" || media_type == "application/xhtml+xml"
            }
            None => self.body.iter().find(|byte| !byte.is_ascii_whitespace()) == Some(&b'<'),
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

/// Reads a whole (small) WARC file's documents; for tests and the doc example.
#[cfg(test)]
fn read_all(path: &Path) -> Vec<Result<(Document, Option<FetchRecord>), SourceError>> {
    match WarcRecords::open(path) {
        Ok(records) => records.collect(),
        Err(error) => vec![Err(error)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A WARC record of `kind` for `url` holding `block`.
    fn record(kind: &str, url: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2023-09-13T10:00:00Z\r\n\
             WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-00000000000{}>\r\n\
             Content-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
            kind.len(),
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn response(content_type: &str, body: &[u8]) -> Vec<u8> {
        let mut out = format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nETag: \"v1\"\r\n\r\n").into_bytes();
        out.extend_from_slice(body);
        out
    }

    const PAGE: &str = "<html lang=\"de\"><head><title>Gipfel</title></head><body><article>\
        <p>Putin empfing Kim Jong Un am Mittwoch im Kosmodrom Wostotschny im Osten Russlands.</p>\
        <p>Die beiden sprachen nach Angaben des Kremls mehr als vier Stunden miteinander.</p></article></body></html>";

    fn dump() -> Vec<Vec<u8>> {
        vec![
            record("warcinfo", "", b"software: test\r\n"),
            record("request", "https://example.org/gipfel", b"GET /gipfel HTTP/1.1\r\n\r\n"),
            record("response", "https://example.org/gipfel", &response("text/html; charset=utf-8", PAGE.as_bytes())),
            record("response", "https://example.org/logo.png", &response("image/png", b"\x89PNG")),
            record("response", "https://example.org/latin1", &response("text/html; charset=iso-8859-1", b"<html><body><article><p>Gespr\xe4che \xfcber Gas in M\xfcnchen dauerten bis in die Nacht, hie\xdf es aus Regierungskreisen am Abend.</p></article></body></html>")),
        ]
    }

    #[test]
    fn html_responses_become_documents_and_the_rest_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("crawl.warc");
        std::fs::write(&plain, dump().concat()).unwrap();
        // CC-NEWS style: one gzip member per record.
        let gzipped = dir.path().join("crawl.warc.gz");
        let mut bytes = Vec::new();
        for record in dump() {
            let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            encoder.write_all(&record).unwrap();
            bytes.extend(encoder.finish().unwrap());
        }
        std::fs::write(&gzipped, bytes).unwrap();
        for path in [plain, gzipped] {
            let (documents, fetches): (Vec<Document>, Vec<Option<FetchRecord>>) =
                read_all(&path).into_iter().map(Result::unwrap).unzip();
            let fetches: Vec<FetchRecord> = fetches.into_iter().map(Option::unwrap).collect();
            assert_eq!(documents.len(), 2, "{path:?}: {documents:?}");
            assert_eq!(fetches[0].requested_url, "https://example.org/gipfel");
            assert_eq!(fetches[0].http_status, 200);
            assert_eq!(fetches[0].fetched_at, "2023-09-13T10:00:00Z");
            assert_eq!(fetches[0].etag.as_deref(), Some("\"v1\""));
            assert_eq!(documents[0].source.as_deref(), Some("https://example.org/gipfel"));
            assert_eq!(documents[0].title.as_deref(), Some("Gipfel"));
            assert!(documents[0].text.contains("Kosmodrom Wostotschny"));
            assert!(documents[1].text.starts_with("Gespräche über Gas in München"), "{}", documents[1].text);
        }
    }

    #[test]
    fn a_cut_off_dump_reports_the_record_after_the_good_ones() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cut.warc");
        let mut bytes = dump()[..3].concat();
        let last = record("response", "https://example.org/x", &response("text/html", PAGE.as_bytes()));
        // Cut inside the body: the header promised more bytes than there are.
        bytes.extend_from_slice(&last[..last.len() - 100]);
        std::fs::write(&path, bytes).unwrap();
        let results = read_all(&path);
        assert_eq!(results.len(), 2, "{results:?}");
        assert!(results[0].is_ok());
        let error = results[1].as_ref().unwrap_err();
        assert_eq!(error.location(), format!("{}[3]", path.display()));
    }

    #[test]
    fn a_dump_without_pages_is_one_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("empty.warc");
        std::fs::write(&path, record("warcinfo", "", b"software: test\r\n")).unwrap();
        let results = read_all(&path);
        assert_eq!(results.len(), 1);
        assert!(results[0].as_ref().unwrap_err().to_string().contains("holds no HTML response records"));
    }
}
