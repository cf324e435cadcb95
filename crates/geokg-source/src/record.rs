//! Crawler records in JSON and JSONL, as news-please and similar crawlers write them.
//!
//! A record is an object with the article text in `text` or `maintext`, and optionally `title`,
//! `url`, `date_publish` and `language`; other fields are ignored. A bad record is an error for
//! that record only, never for the file.

use crate::error::{RecordAt, SourceError};
use crate::read::looks_binary;
use geokg_model::{Document, PartialDate};
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

/// The document of one record, or what is wrong with it. `fallback_source` is used when the
/// record has no `url`.
fn record_document(value: serde_json::Value, fallback_source: impl FnOnce() -> String) -> Result<Document, String> {
    let serde_json::Value::Object(record) = value else {
        return Err("not a JSON object; each record must be an object with `text`".to_owned());
    };
    // A string field, trimmed; missing, `null` and blank are all `None`.
    let field = |name: &str| match record.get(name) {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(text)) => Ok(Some(text.trim()).filter(|text| !text.is_empty())),
        Some(_) => Err(format!("`{name}` is not a string; fix or drop the field")),
    };
    let text = match field("text")? {
        Some(text) => text,
        None => field("maintext")?.ok_or("no article text in `text` or `maintext`; add it or drop the record")?,
    };
    Ok(Document {
        text: text.to_owned(),
        source: Some(field("url")?.map_or_else(fallback_source, str::to_owned)),
        title: field("title")?.map(str::to_owned),
        language: field("language")?.and_then(crate::html::language_code),
        // A date the model cannot read is dropped: the text is still worth extracting, and
        // `--published` can supply the date.
        published: field("date_publish")?.and_then(|date| date.parse::<PartialDate>().ok()),
    })
}

/// Where on its line a JSON error is and why (`at column 9 (expected value)`): the line is
/// reported with the record.
fn json_reason(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    let reason = message.strip_suffix(&position).unwrap_or(&message);
    format!("at column {} ({reason})", error.column())
}

/// The documents of a `.json` file: one object, or an array of objects.
pub(crate) fn read_json(text: &str, path: &Path, source: &str) -> Vec<Result<Document, SourceError>> {
    let bad = |at, message| SourceError::BadRecord { path: path.to_path_buf(), at, message };
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(error) => {
            let message = format!("invalid JSON {}; fix the file", json_reason(&error));
            return vec![Err(bad(RecordAt::Line(error.line()), message))];
        }
    };
    match value {
        serde_json::Value::Array(values) => values
            .into_iter()
            .enumerate()
            .map(|(index, value)| {
                record_document(value, || format!("{source}#{index}"))
                    .map_err(|message| bad(RecordAt::Index(index), message))
            })
            .collect(),
        value => vec![record_document(value, || source.to_owned()).map_err(|message| bad(RecordAt::Line(1), message))],
    }
}

/// The documents of a `.jsonl` file, read a line at a time. Blank lines are skipped.
#[derive(Debug)]
pub(crate) struct JsonLines {
    path: PathBuf,
    source: String,
    reader: BufReader<File>,
    line: Vec<u8>,
    /// The number of the line last read, from 1.
    n_line: usize,
    /// The byte offset of the next line in the file.
    offset: u64,
    n_records: usize,
    done: bool,
}

impl JsonLines {
    /// Opens a JSONL file, refusing it when it is empty or looks binary.
    pub(crate) fn open(path: &Path, source: String) -> Result<Self, SourceError> {
        let unreadable = |source| SourceError::Unreadable { path: path.to_path_buf(), source };
        let mut reader = BufReader::with_capacity(64 * 1024, File::open(path).map_err(unreadable)?);
        let head = reader.fill_buf().map_err(unreadable)?;
        if head.is_empty() {
            return Err(SourceError::Empty { path: path.to_path_buf() });
        }
        if looks_binary(head) {
            return Err(SourceError::Binary { path: path.to_path_buf() });
        }
        Ok(Self {
            path: path.to_path_buf(),
            source,
            reader,
            line: Vec::new(),
            n_line: 0,
            offset: 0,
            n_records: 0,
            done: false,
        })
    }

    fn bad(&self, message: String) -> SourceError {
        SourceError::BadRecord { path: self.path.clone(), at: RecordAt::Line(self.n_line), message }
    }

    /// The document of the line just read into `self.line`, or `None` for a blank line.
    fn document(&self) -> Option<Result<Document, SourceError>> {
        let line = match std::str::from_utf8(&self.line) {
            Ok(line) => line,
            Err(error) => {
                let offset = self.offset + error.valid_up_to() as u64;
                let message = format!("invalid UTF-8 at byte {offset} of the file; convert the file to UTF-8");
                return Some(Err(self.bad(message)));
            }
        };
        let line = if self.n_line == 1 { line.trim_start_matches('\u{feff}') } else { line };
        if line.trim().is_empty() {
            return None;
        }
        let record = serde_json::from_str::<serde_json::Value>(line)
            .map_err(|error| format!("invalid JSON {}; fix or remove the line", json_reason(&error)))
            .and_then(|value| record_document(value, || format!("{}#{}", self.source, self.n_line)));
        Some(record.map_err(|message| self.bad(message)))
    }
}

impl Iterator for JsonLines {
    type Item = Result<Document, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.line.clear();
            match self.reader.read_until(b'\n', &mut self.line) {
                Ok(0) => {
                    self.done = true;
                    if self.n_records == 0 {
                        return Some(Err(SourceError::Empty { path: self.path.clone() }));
                    }
                }
                Ok(n_bytes) => {
                    self.n_line += 1;
                    let document = self.document();
                    self.offset += n_bytes as u64;
                    if document.is_some() {
                        self.n_records += 1;
                        return document;
                    }
                }
                Err(source) => {
                    self.done = true;
                    return Some(Err(SourceError::Unreadable { path: self.path.clone(), source }));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Input, ReadOptions, read};
    use std::fs;

    /// Each document of a file as `source | title | language | published | text`, or the error.
    fn read_file(name: &str, content: &str) -> (PathBuf, Vec<String>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        fs::write(&path, content).unwrap();
        let root = fs::canonicalize(dir.path()).unwrap().display().to_string();
        let lines = read(&Input::File(path.clone()), &ReadOptions::default())
            .map(|document| match document {
                Ok(document) => format!(
                    "{} | {} | {} | {} | {}",
                    document.source.unwrap().replace(&root, "DIR"),
                    document.title.unwrap_or_default(),
                    document.language.unwrap_or_default(),
                    document.published.map(|date| date.to_string()).unwrap_or_default(),
                    document.text
                ),
                Err(error) => format!("error at {}: {error}", error.location().replace(&root, "DIR")),
            })
            .map(|line| line.replace(&dir.path().display().to_string(), "DIR"))
            .collect();
        (path, lines)
    }

    #[test]
    fn news_please_records_keep_title_url_date_and_language() {
        let record = r#"{"title": "Kim in Wladiwostok", "maintext": "Putin empfing Kim.", "url": "https://example.org/kim",
            "date_publish": "2023-09-13 13:44:00", "language": "de", "description": "ignored", "authors": []}"#;
        let (_, documents) = read_file("a.json", record);
        assert_eq!(documents, ["https://example.org/kim | Kim in Wladiwostok | de | 2023-09-13 | Putin empfing Kim."]);
    }

    #[test]
    fn a_json_array_yields_each_record_and_names_the_bad_one() {
        let (_, documents) = read_file(
            "list.json",
            r#"[{"text": "Erster.", "date_publish": "2023-09-11T08:00:00Z"}, {"title": "leer"}, 7, {"text": "Dritter.", "language": "en-GB"}]"#,
        );
        assert_eq!(
            documents,
            [
                "DIR/list.json#0 |  |  | 2023-09-11 | Erster.",
                "error at DIR/list.json[1]: DIR/list.json[1]: no article text in `text` or `maintext`; add it or drop the record",
                "error at DIR/list.json[2]: DIR/list.json[2]: not a JSON object; each record must be an object with `text`",
                "DIR/list.json#3 |  | en |  | Dritter.",
            ]
        );
    }

    #[test]
    fn jsonl_with_a_bad_line_yields_the_others_and_its_line_number() {
        let content = "{\"text\": \"Eins.\", \"url\": \"https://example.org/1\"}\n\n{\"text\": \"Zwei.\"\n{\"maintext\": \"Drei.\", \"date_publish\": null}\r\n";
        let (_, documents) = read_file("feed.jsonl", content);
        assert_eq!(documents.len(), 3, "{documents:?}");
        assert_eq!(documents[0], "https://example.org/1 |  |  |  | Eins.");
        assert!(
            documents[1].starts_with("error at DIR/feed.jsonl:3: DIR/feed.jsonl:3: invalid JSON"),
            "{}",
            documents[1]
        );
        assert!(documents[1].ends_with("; fix or remove the line"), "{}", documents[1]);
        assert_eq!(documents[2], "DIR/feed.jsonl#4 |  |  |  | Drei.");
    }

    #[test]
    fn a_field_of_the_wrong_type_is_named() {
        let (_, documents) = read_file("feed.jsonl", "{\"text\": \"Eins.\", \"title\": 5}\n");
        assert_eq!(
            documents,
            ["error at DIR/feed.jsonl:1: DIR/feed.jsonl:1: `title` is not a string; fix or drop the field"]
        );
    }

    #[test]
    fn jsonl_names_a_line_that_is_not_utf8_and_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feed.jsonl");
        fs::write(&path, b"{\"text\": \"Stra\xDFe\"}\n{\"text\": \"Weg.\"}\n").unwrap();
        let documents: Vec<_> = read(&Input::File(path.clone()), &ReadOptions::default()).collect();
        let error = documents[0].as_ref().unwrap_err();
        assert_eq!(error.location(), format!("{}:1", path.display()));
        assert!(error.to_string().contains("invalid UTF-8 at byte 14"), "{error}");
        assert_eq!(documents[1].as_ref().unwrap().text, "Weg.");
    }

    #[test]
    fn an_empty_jsonl_or_bad_json_file_is_one_error() {
        let (_, documents) = read_file("feed.jsonl", "\n\n");
        assert_eq!(documents, ["error at DIR/feed.jsonl: DIR/feed.jsonl is empty; add text or leave it out"]);
        let (_, documents) = read_file("a.json", "{\n\"text\": }");
        assert_eq!(documents.len(), 1);
        assert!(documents[0].starts_with("error at DIR/a.json:2: DIR/a.json:2: invalid JSON"), "{}", documents[0]);
    }
}
