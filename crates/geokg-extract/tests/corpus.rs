//! The article corpus: short articles we wrote ourselves, one per phenomenon, under
//! `corpus/<lang>/NAME.txt`. Each article's facts are snapshotted, and every line of its
//! `NAME.must` (facts a person insists on, in `geokg_extract::render` form) must be among them.
//!
//! An article starts with front matter lines (`published: YYYY-MM-DD`, `language: de`, and
//! `fixme: …` for known-wrong output kept in the snapshot), then a blank line, then the text.

use geokg_extract::{Document, Extractor, PartialDate, render};
use std::path::Path;

fn document(path: &Path) -> Document {
    let raw = std::fs::read_to_string(path).expect("corpus article is readable");
    let (front, text) = raw.split_once("\n\n").expect("front matter, a blank line, then the text");
    let mut document = Document::new(text).with_source(path.file_name().unwrap().to_string_lossy());
    for line in front.lines() {
        let (key, value) = line.split_once(':').expect("front matter lines are `key: value`");
        match key.trim() {
            "published" => document = document.with_published(value.trim().parse::<PartialDate>().expect("a date")),
            "language" => document = document.with_language(value.trim()),
            "fixme" => {}
            other => panic!("unknown front matter key {other:?} in {}", path.display()),
        }
    }
    document
}

#[test]
fn corpus_articles() {
    let extractor = Extractor::default();
    insta::glob!("corpus/**/*.txt", |path| {
        let facts = render(&extractor.extract(&document(path)));
        insta::assert_snapshot!(facts);
        let must = path.with_extension("must");
        if let Ok(expected) = std::fs::read_to_string(&must) {
            let got: Vec<&str> = facts.lines().collect();
            for line in expected.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
                assert!(got.contains(&line), "{}: missing {line:?}\ngot:\n{facts}", must.display());
            }
        }
    });
}

#[test]
fn every_article_has_a_must_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut n_articles = 0;
    for language in std::fs::read_dir(&root).expect("corpus folder exists") {
        for entry in std::fs::read_dir(language.expect("readable").path()).expect("readable") {
            let path = entry.expect("readable").path();
            if path.extension().is_some_and(|e| e == "txt") {
                n_articles += 1;
                assert!(path.with_extension("must").exists(), "{} has no .must file", path.display());
            }
        }
    }
    assert!(n_articles >= 10, "only {n_articles} corpus articles");
}
