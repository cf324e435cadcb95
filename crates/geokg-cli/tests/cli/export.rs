//! `geokg export` on the example store: every format writes a file that starts as it should,
//! `--around` draws fewer actors, `--limit` says what it left out.

use crate::Fixture;
use predicates::str::contains;

/// The number of actors in a GraphML file.
fn actors(graphml: &[u8]) -> usize {
    String::from_utf8_lossy(graphml).matches("<node id=").count()
}

#[test]
fn export_draws_the_example_store_in_every_format() {
    let fixture = Fixture::ingested();
    for (format, start) in [
        ("dot", "digraph geokg {"),
        ("graphml", "<?xml"),
        ("gexf", "<?xml"),
        ("cytoscape", "{"),
        ("svg", "<svg"),
        ("html", "<!DOCTYPE html>"),
    ] {
        let output = fixture.geokg().args(["export", "--format", format, "--status", "any"]).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{format}: {stderr}");
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(text.starts_with(start), "{format}: {}", &text[..text.len().min(200)]);
        assert!(text.contains("Kim Jong Un"), "{format} lacks Kim Jong Un");
        assert!(stderr.contains("actors and") && stderr.contains(&format!("written as {format}")), "{stderr}");
    }
    // PNG goes to a file; its format follows the file name.
    let png = fixture.dir.path().join("graph.png");
    fixture.geokg().args(["export", "--status", "any", "-o"]).arg(&png).assert().success();
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG\r\n\x1a\n"));
}

#[test]
fn around_and_limit_cut_the_picture_and_say_so() {
    let fixture = Fixture::ingested();
    let graphml = |args: &[&str]| {
        let output = fixture.geokg().args(["export", "--format", "graphml"]).args(args).output().unwrap();
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
        output.stdout
    };
    let all = actors(&graphml(&["--status", "any"]));
    let around = graphml(&["--status", "any", "--around", "Kim Jong Un", "--hops", "1"]);
    let near = actors(&around);
    assert!(near >= 2 && near < all, "{near} actors around Kim Jong Un of {all}");
    assert!(String::from_utf8_lossy(&around).contains("Kim Jong Un"));
    let farther = actors(&graphml(&["--status", "any", "--around", "Kim Jong Un", "--hops", "2"]));
    assert!(farther > near, "{farther} actors within two hops, {near} within one");
    fixture
        .geokg()
        .args(["export", "--format", "dot", "--status", "any", "--limit", "3"])
        .assert()
        .success()
        .stderr(contains(format!("{} actors and", all - 3)))
        .stderr(contains("left out"));
    assert_eq!(actors(&graphml(&["--status", "any", "--limit", "3"])), 3);
    fixture.geokg().args(["export", "--around", "Nobody Anyone"]).assert().code(2).stderr(contains("no actor named"));
}
