//! The graph questions on the example store: who-met, path, neighbors, central, communities,
//! timeline; names as people type them; the view cached beside the store.

use crate::{Fixture, labels};
use predicates::str::contains;

#[test]
fn who_met_lists_the_expected_counterpart_with_its_evidence() {
    let fixture = Fixture::ingested();
    let counterparts = fixture.json(&["who-met", "Wladimir Putin", "--format", "json"]);
    let names: Vec<&str> =
        counterparts.as_array().unwrap().iter().map(|c| c["node"]["label"].as_str().unwrap()).collect();
    assert!(names.contains(&"Kim Jong Un"), "{names:?}");
    let meetings = fixture.json(&["who-met", "Putin", "Kim Jong-un", "--format", "json"]);
    let meeting = &meetings[0];
    assert!(labels(&meeting["participants"]).contains(&"Vladimir Putin".to_owned()));
    let evidence = meeting["sources"][0]["evidence"][0].as_str().unwrap();
    assert!(evidence.contains("Kim"), "{evidence}");
    fixture.geokg().args(["who-met", "Putin", "Kim Jong Un"]).assert().success().stdout(contains("«"));
}

#[test]
fn who_met_all_lists_pairs_most_frequent_first() {
    let fixture = Fixture::ingested();
    let pairs = fixture.json(&["who-met", "--all", "--format", "json"]);
    let counts: Vec<u64> = pairs.as_array().unwrap().iter().map(|p| p["meetings"].as_u64().unwrap()).collect();
    assert!(!counts.is_empty());
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
}

#[test]
fn path_explains_each_hop() {
    let fixture = Fixture::ingested();
    let paths = fixture.json(&["path", "Kim Jong Un", "Iran", "--status", "any", "--format", "json"]);
    let hops = paths["paths"][0]["hops"].as_array().unwrap();
    assert!(hops.len() >= 2, "{paths}");
    assert_eq!(hops[0]["from"]["label"], "Kim Jong Un");
    assert_eq!(hops.last().unwrap()["to"]["label"], "Iran");
    for hop in hops {
        assert!(!hop["sources"].as_array().unwrap().is_empty(), "{hop}");
    }
    fixture
        .geokg()
        .args(["path", "Kim Jong Un", "Iran", "--status", "any"])
        .assert()
        .success()
        .stdout(contains("Kim Jong Un —"))
        .stdout(contains("Iran"));
}

#[test]
fn an_ambiguous_name_exits_2_with_the_candidates() {
    let fixture = Fixture::ingested();
    fixture
        .geokg()
        .args(["who-met", "Castro"])
        .assert()
        .code(2)
        .stderr(contains("Fidel Castro"))
        .stderr(contains("Raúl Castro"));
    fixture.geokg().args(["who-met", "Vladimir Putn"]).assert().code(2).stderr(contains("did you mean"));
}

#[test]
fn the_other_questions_answer_and_the_view_is_cached() {
    let fixture = Fixture::ingested();
    for args in [
        &["neighbors", "Joe Biden", "--hops", "2", "--status", "any"][..],
        &["central", "--measure", "betweenness", "--status", "any"],
        &["central", "--measure", "pagerank"],
        &["communities", "--status", "any"],
        &["timeline", "Joe Biden", "--status", "any"],
    ] {
        let mut json_args = args.to_vec();
        json_args.extend(["--format", "json"]);
        let json = fixture.json(&json_args);
        assert!(!json.is_null(), "{args:?}");
        fixture.geokg().args(args).assert().success();
        fixture.geokg().args(args).args(["--format", "csv"]).assert().success();
    }
    let cache = fixture.dir.path().join("kg.db.view");
    assert!(cache.exists(), "the view is cached beside the store");
    // A change to the store invalidates the cache: the new document's meeting shows up.
    let before = fixture.json(&["who-met", "--all", "--status", "any", "--format", "json"]).as_array().unwrap().len();
    fixture
        .geokg()
        .args(["ingest", "-", "--source", "https://example.org/new", "--published", "2024-01-10"])
        .write_stdin(
            "Bundeskanzler Olaf Scholz traf am Dienstag in Berlin den polnischen Ministerpräsidenten Donald Tusk.",
        )
        .assert()
        .success();
    let after = fixture.json(&["who-met", "--all", "--status", "any", "--format", "json"]).as_array().unwrap().len();
    assert!(after > before, "{before} -> {after}");
}

#[test]
fn filters_restrict_the_graph() {
    let fixture = Fixture::ingested();
    let any = fixture.json(&["timeline", "Joe Biden", "--status", "any", "--format", "json"]);
    let since = fixture.json(&["timeline", "Joe Biden", "--status", "any", "--since", "2023-10", "--format", "json"]);
    assert!(since.as_array().unwrap().len() < any.as_array().unwrap().len());
    for entry in since.as_array().unwrap() {
        assert!(entry["date"].as_str().unwrap() >= "2023-10");
    }
    fixture.geokg().args(["path", "Kim Jong Un", "Iran", "--via", "met"]).assert().code(1);
}

#[test]
fn ingest_and_forget_bring_the_cached_view_along() {
    let fixture = Fixture::ingested();
    let cache = fixture.dir.path().join("kg.db.view");
    let header = || {
        let bytes = std::fs::read(&cache).unwrap();
        let line = bytes.split(|&b| b == b'\n').next().unwrap();
        String::from_utf8(line.to_vec()).unwrap()
    };
    let all = || fixture.json(&["who-met", "--all", "--status", "any", "--format", "json"]);
    let before = all();
    let built = header();
    fixture
        .geokg()
        .args(["ingest", "-", "--source", "https://example.org/later", "--published", "2024-01-10"])
        .write_stdin(
            "Bundeskanzler Olaf Scholz traf am Dienstag in Berlin den polnischen Ministerpräsidenten Donald Tusk.",
        )
        .assert()
        .success();
    // Ingest itself brought the cache to the store's new revision: no graph command ran since.
    let updated = header();
    assert!(updated.starts_with("revision ") && updated != built, "{built} -> {updated}");
    let incremental = all();
    assert!(incremental.as_array().unwrap().len() > before.as_array().unwrap().len());
    // The view brought along answers exactly as one built from the whole store.
    std::fs::remove_file(&cache).unwrap();
    assert_eq!(all(), incremental);
    assert_eq!(header(), updated);

    fixture.geokg().args(["forget", "https://example.org/later"]).assert().success();
    let forgotten = header();
    assert_ne!(forgotten, updated, "forget brings the cache along too");
    assert_eq!(all(), before);
    std::fs::remove_file(&cache).unwrap();
    assert_eq!(all(), before);
}
