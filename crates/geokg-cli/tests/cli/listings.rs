//! `geokg meetings|transfers|leaders` and `stats`, in each format, with filters.

use crate::{Fixture, labels};
use predicates::str::contains;

const CONTRACT_MEETING_KEYS: [&str; 5] = ["participants", "place", "date", "status", "sources"];

#[test]
fn meetings_json_has_the_contract_keys_and_the_expected_counterpart() {
    let fixture = Fixture::ingested();
    let meetings = fixture.json(&["meetings", "--with", "Putin", "--format", "json"]);
    let meetings = meetings.as_array().unwrap();
    assert!(!meetings.is_empty());
    for meeting in meetings {
        for key in CONTRACT_MEETING_KEYS {
            assert!(meeting.get(key).is_some(), "{key} missing in {meeting}");
        }
        assert!(labels(&meeting["participants"]).contains(&"Vladimir Putin".to_owned()));
        let source = &meeting["sources"][0];
        assert!(std::path::Path::new(source["document"].as_str().unwrap()).extension().is_some_and(|e| e == "txt"));
        assert!(!source["evidence"].as_str().unwrap().is_empty());
    }
    let counterparts: Vec<String> = meetings.iter().flat_map(|m| labels(&m["participants"])).collect();
    assert!(counterparts.contains(&"Kim Jong Un".to_owned()), "{counterparts:?}");
}

#[test]
fn filters_by_date_and_status() {
    let fixture = Fixture::ingested();
    let all = fixture.json(&["meetings", "--format", "json"]);
    let planned = fixture.json(&["meetings", "--status", "planned", "--format", "json"]);
    for meeting in planned.as_array().unwrap() {
        assert_eq!(meeting["status"], "planned");
    }
    assert!(planned.as_array().unwrap().len() < all.as_array().unwrap().len());
    let recent = fixture.json(&["meetings", "--since", "2023-06", "--format", "json"]);
    for meeting in recent.as_array().unwrap() {
        assert!(meeting["date"].as_str().unwrap() >= "2023-06", "{meeting}");
    }
}

#[test]
fn transfers_and_leaders_list_in_every_format() {
    let fixture = Fixture::ingested();
    for command in ["meetings", "transfers", "leaders"] {
        fixture.geokg().args([command, "--format", "table"]).assert().success();
        let csv = fixture.geokg().args([command, "--format", "csv"]).output().unwrap();
        assert!(csv.status.success());
        let csv = String::from_utf8(csv.stdout).unwrap();
        assert!(csv.lines().count() > 1, "{command}: {csv}");
        let json = fixture.json(&[command, "--format", "json"]);
        assert!(!json.as_array().unwrap().is_empty(), "{command}");
    }
    let leaders = fixture.json(&["leaders", "--format", "json"]);
    let roles: Vec<String> = leaders
        .as_array()
        .unwrap()
        .iter()
        .map(|l| format!("{} {} {}", l["person"]["label"], l["state"]["label"], l["role"]))
        .collect();
    assert!(roles.iter().any(|r| r.contains("Olaf Scholz") && r.contains("Germany")), "{roles:?}");
}

#[test]
fn nothing_found_exits_1_and_a_missing_store_says_what_to_do() {
    let fixture = Fixture::ingested();
    fixture.geokg().args(["meetings", "--with", "Nobody Atall"]).assert().code(1);
    let empty = Fixture::empty();
    empty.geokg().arg("meetings").assert().code(2).stderr(contains("run `geokg ingest` first"));
}

#[test]
fn dump_writes_every_quad() {
    let fixture = Fixture::ingested();
    let quads = fixture.quads();
    let output = fixture.geokg().args(["dump", "--format", "nquads"]).output().unwrap();
    assert!(output.status.success());
    let lines = String::from_utf8(output.stdout).unwrap().lines().filter(|l| !l.is_empty()).count() as u64;
    assert_eq!(lines, quads);
    let trig = fixture.dir.path().join("all.trig");
    fixture.geokg().args(["dump", "--format", "trig", "-o"]).arg(&trig).assert().success();
    assert!(std::fs::read_to_string(trig).unwrap().contains("@prefix gk:"));
}
