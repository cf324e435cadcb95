//! `geokg query`: SPARQL text, files, built-in queries, formats and errors.

use crate::Fixture;
use predicates::str::contains;

#[test]
fn every_built_in_query_runs_on_the_examples() {
    let fixture = Fixture::ingested();
    let list = fixture.geokg().args(["query", "--list"]).output().unwrap();
    let list = String::from_utf8(list.stdout).unwrap();
    let queries = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../queries")).unwrap();
    for entry in queries {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        assert!(list.contains(&name), "{name} not listed");
        let text = std::fs::read_to_string(&path).unwrap();
        let usage = text.lines().find_map(|l| l.trim_start_matches('#').trim().strip_prefix("geokg query ")).unwrap();
        let mut args: Vec<String> = vec!["query".into(), path.display().to_string(), "--format".into(), "json".into()];
        for param in usage.split("--param ").skip(1) {
            let param = param.trim().trim_matches('"').replace('"', "");
            let param = if param.starts_with("fact=") { fact_param(&fixture) } else { param };
            args.extend(["--param".into(), param]);
        }
        let output = fixture.geokg().args(&args).output().unwrap();
        assert!(output.status.success(), "{name}: {}", String::from_utf8_lossy(&output.stderr));
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert!(!json["results"]["bindings"].as_array().unwrap().is_empty(), "{name} found nothing");
    }
}

/// The IRI of some meeting, for the query that explains a fact's sources.
fn fact_param(fixture: &Fixture) -> String {
    let meetings = fixture.json(&["meetings", "--format", "json"]);
    format!("fact=<{}>", meetings[0]["id"].as_str().unwrap())
}

#[test]
fn results_come_in_each_format() {
    let fixture = Fixture::ingested();
    let sparql = "SELECT ?m WHERE { ?m a gk:Meeting } LIMIT 2";
    for (format, needle) in [("table", "m"), ("json", "\"bindings\""), ("csv", "m\r\n"), ("tsv", "?m")] {
        fixture.geokg().args(["query", sparql, "--format", format]).assert().success().stdout(contains(needle));
    }
    fixture.geokg().args(["query", "CONSTRUCT { ?m a gk:Meeting } WHERE { ?m a gk:Visit }"]).assert().success();
    fixture.geokg().args(["query", "ASK { ?m a gk:Meeting }"]).assert().success().stdout(contains("true"));
}

#[test]
fn invalid_sparql_shows_the_parser_message_and_exits_2() {
    let fixture = Fixture::ingested();
    fixture
        .geokg()
        .args(["query", "SELECT ?x WHERE { ?x a gk:Meeting"])
        .assert()
        .code(2)
        .stderr(contains("invalid SPARQL"))
        .stderr(contains("1:"));
}

#[test]
fn a_built_in_query_without_its_param_says_which_is_needed() {
    let fixture = Fixture::ingested();
    fixture.geokg().args(["query", "arms-suppliers"]).assert().code(2).stderr(contains("--param name="));
}
