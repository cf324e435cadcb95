//! `geokg ingest` and `geokg forget`: idempotent, replacing, forgetting, and robust to bad files.

use crate::{Fixture, examples};
use predicates::str::contains;
use std::fs;

fn copy_examples(to: &std::path::Path) -> usize {
    fs::create_dir_all(to).unwrap();
    let mut n = 0;
    for entry in fs::read_dir(examples()).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        n += 1;
    }
    n
}

#[test]
fn ingesting_the_examples_stores_every_document() {
    let fixture = Fixture::empty();
    let n = fs::read_dir(examples()).unwrap().count();
    fixture.geokg().arg("ingest").arg(examples()).assert().success().stderr(contains(format!("{n} new, 0 unchanged")));
    assert_eq!(fixture.json(&["stats", "--format", "json"])["documents"], n);
}

#[test]
fn ingesting_again_is_a_no_op() {
    let fixture = Fixture::ingested();
    let quads = fixture.quads();
    fixture.geokg().arg("ingest").arg(examples()).assert().success().stderr(contains(" 0 new,"));
    assert_eq!(fixture.quads(), quads);
}

#[test]
fn a_changed_file_replaces_its_facts() {
    let fixture = Fixture::empty();
    let articles = fixture.dir.path().join("articles");
    copy_examples(&articles);
    fixture.geokg().arg("ingest").arg(&articles).assert().success();
    let file = articles.join("de-putin-kim-wostotschny.txt");
    fs::write(&file, "Der Iran soll Russland Drohnen geliefert haben.\n").unwrap();
    fixture.geokg().arg("ingest").arg(&articles).assert().success().stderr(contains("1 replaced"));
    let meetings = fixture.json(&["meetings", "--format", "json"]);
    let from_file = meetings
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| {
            m["sources"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["document"].as_str().unwrap().ends_with("wostotschny.txt"))
        })
        .count();
    assert_eq!(from_file, 0, "the old meetings of the replaced file must be gone");
}

#[test]
fn forget_removes_a_document_and_only_its_facts() {
    let fixture = Fixture::ingested();
    let before = fixture.json(&["stats", "--format", "json"]);
    let file = examples().join("de-katar-gas.txt");
    fixture.geokg().arg("forget").arg(&file).assert().success();
    let after = fixture.json(&["stats", "--format", "json"]);
    assert_eq!(after["documents"].as_u64().unwrap() + 1, before["documents"].as_u64().unwrap());
    let sources = fixture.json(&["query", "documents", "--format", "json"]);
    assert!(!sources.to_string().contains("de-katar-gas.txt"));
    fixture.geokg().arg("forget").arg(&file).assert().code(1).stderr(contains("not in the store"));
}

#[test]
fn a_bad_file_is_skipped_with_exit_1_and_the_rest_is_stored() {
    let fixture = Fixture::empty();
    let articles = fixture.dir.path().join("articles");
    let n = copy_examples(&articles);
    fs::write(articles.join("empty.txt"), "   \n").unwrap();
    fs::write(articles.join("binary.txt"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    fs::write(articles.join("latin1.txt"), b"Caf\xe9 in M\xfcnchen").unwrap();
    fixture
        .geokg()
        .arg("ingest")
        .arg(&articles)
        .assert()
        .code(1)
        .stderr(contains("empty.txt"))
        .stderr(contains("binary.txt"))
        .stderr(contains("latin1.txt"))
        .stderr(contains(format!("{n} new")))
        .stderr(contains("3 failed"));
    assert_eq!(fixture.json(&["stats", "--format", "json"])["documents"], n);
}

#[test]
fn a_missing_path_is_reported_and_the_others_go_on() {
    let fixture = Fixture::empty();
    fixture
        .geokg()
        .arg("ingest")
        .arg("no/such/file.txt")
        .arg(examples().join("de-katar-gas.txt"))
        .assert()
        .code(1)
        .stderr(contains("no/such/file.txt"));
    assert_eq!(fixture.json(&["stats", "--format", "json"])["documents"], 1);
}

#[test]
fn standard_input_with_a_source_and_date() {
    let fixture = Fixture::empty();
    fixture
        .geokg()
        .args(["ingest", "-", "--source", "https://example.org/a", "--published", "2023-09-13"])
        .write_stdin("Putin empfing Kim in Wladiwostok.")
        .assert()
        .success();
    let documents = fixture.json(&["query", "documents", "--format", "json"]);
    let text = documents.to_string();
    assert!(text.contains("https://example.org/a") && text.contains("2023-09-13"), "{text}");
}

#[test]
fn an_interrupted_ingest_leaves_only_whole_documents() {
    let fixture = Fixture::empty();
    let articles = fixture.dir.path().join("articles");
    for copy in 0..40 {
        let folder = articles.join(format!("copy{copy:02}"));
        copy_examples(&folder);
        // Distinct content per copy, so each is a new document with its own facts.
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let text = fs::read_to_string(&path).unwrap();
            fs::write(&path, format!("{text}\nKopie {copy}.\n")).unwrap();
        }
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_geokg"))
        .arg("--store")
        .arg(fixture.store())
        .args(["--quiet", "ingest"])
        .arg(&articles)
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(400));
    child.kill().unwrap();
    child.wait().unwrap();
    // Every document the store holds is whole: it has its record and its content hash.
    if fixture.store().join("CURRENT").exists() {
        let partial = fixture.json(&[
            "query",
            "SELECT ?d WHERE { GRAPH ?d { ?d gk:source ?s } FILTER NOT EXISTS { GRAPH ?d { ?d gk:contentHash ?h ; gk:ingestedAt ?t } } }",
            "--format",
            "json",
        ]);
        assert_eq!(partial["results"]["bindings"].as_array().unwrap().len(), 0);
    }
    // Running again finishes the rest.
    fixture.geokg().arg("ingest").arg(&articles).assert().success().stderr(contains(" 0 failed"));
    let n = fs::read_dir(examples()).unwrap().count() * 40;
    assert_eq!(fixture.json(&["stats", "--format", "json"])["documents"], n);
}
