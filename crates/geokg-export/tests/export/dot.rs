//! Graphviz renders our DOT without complaint.

use crate::support::{output_dir, subgraph, tool};
use geokg_export::{Format, export};
use std::io::Write;
use std::process::{Command, Stdio};

#[test]
fn graphviz_renders_the_dot_without_errors() {
    let dot = export(&subgraph(), Format::Dot).unwrap();
    let mut child = Command::new(tool(&["dot"]))
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&dot).unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success() && stderr.trim().is_empty(), "dot failed: {stderr}");
    let svg = String::from_utf8(output.stdout).unwrap();
    std::fs::write(output_dir().join("graphviz.svg"), &svg).unwrap();
    // Graphviz escapes for XML on its own: names come through intact.
    for label in
        ["Vladimir Putin", "Recep Tayyip Erdoğan", "The &quot;Shanghai&quot; &lt;Cooperation&gt; &amp; Organisation"]
    {
        assert!(svg.contains(label), "{label} missing from Graphviz's SVG");
    }
    assert_eq!(svg.matches("class=\"node\"").count(), subgraph().nodes.len());
    assert_eq!(svg.matches("class=\"edge\"").count(), subgraph().edges.len());
}
