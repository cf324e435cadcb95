//! networkx reads our GraphML and GEXF back with every actor, every fact and their attributes.

use crate::support::{python, subgraph};
use geokg_export::{Format, export};
use geokg_graph::Subgraph;
use serde_json::{Value, json};

/// Reads a file with networkx and prints its graph as JSON: directedness, the graph's own
/// attributes, nodes by id and edges by id, each with its attributes.
const READ: &str = r#"
import json, sys
import networkx as nx
path, format = sys.argv[1], sys.argv[2]
g = nx.read_graphml(path) if format == "graphml" else nx.read_gexf(path, version="1.3")
if g.is_multigraph():
    edges = {k: dict(d, source=u, target=v) for u, v, k, d in g.edges(keys=True, data=True)}
else:
    edges = {d["id"]: dict(d, source=u, target=v) for u, v, d in g.edges(data=True)}
nodes = {n: d for n, d in g.nodes(data=True)}
print(json.dumps({"directed": g.is_directed(), "graph": g.graph, "nodes": nodes, "edges": edges,
                  "n_nodes": g.number_of_nodes(), "n_edges": g.number_of_edges()}, default=str))
"#;

fn read_back(format: Format) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("graph.{}", format.as_str()));
    std::fs::write(&path, export(&subgraph(), format).unwrap()).unwrap();
    let output = python().arg("-c").arg(READ).arg(&path).arg(format.as_str()).output().unwrap();
    assert!(output.status.success(), "networkx failed on {format:?}: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

/// What networkx must have read: counts, and every attribute of every actor and fact.
fn assert_same(graph: &Value, subgraph: &Subgraph) {
    assert_eq!(graph["directed"], true);
    assert_eq!(graph["n_nodes"], subgraph.nodes.len());
    assert_eq!(graph["n_edges"], subgraph.edges.len());
    for (i, node) in subgraph.nodes.iter().enumerate() {
        let read = &graph["nodes"][format!("n{i}")];
        assert_eq!(read["label"], node.node.label, "{read}");
        assert_eq!(read["kind"], node.node.kind.as_str(), "{read}");
        assert_eq!(read["iri"], node.node.id, "{read}");
        assert_eq!(read["degree"], node.degree, "{read}");
        match &node.node.wikidata {
            Some(q) => assert_eq!(read["wikidata"], q.as_str(), "{read}"),
            None => assert!(read.get("wikidata").is_none(), "{read}"),
        }
    }
    for (i, edge) in subgraph.edges.iter().enumerate() {
        let read = &graph["edges"][format!("e{i}")];
        assert_eq!(read["source"], format!("n{}", edge.from), "{read}");
        assert_eq!(read["target"], format!("n{}", edge.to), "{read}");
        assert_eq!(read["relation"], edge.relation.as_str(), "{read}");
        assert_eq!(read["kind"], edge.kind, "{read}");
        assert_eq!(read["sources"], edge.sources.len(), "{read}");
        let text = |value: Option<String>| value.map_or(Value::Null, Value::String);
        assert_eq!(read.get("date").cloned().unwrap_or(Value::Null), text(edge.date.map(|d| d.to_string())), "{read}");
        assert_eq!(
            read.get("start").cloned().unwrap_or(Value::Null),
            text(edge.start.map(|d| d.to_string())),
            "{read}"
        );
        assert_eq!(read.get("end").cloned().unwrap_or(Value::Null), text(edge.end.map(|d| d.to_string())), "{read}");
        assert_eq!(
            read.get("status").cloned().unwrap_or(Value::Null),
            text(edge.status.map(|s| s.as_str().to_owned()))
        );
        assert_eq!(read.get("place").cloned().unwrap_or(Value::Null), text(edge.place.clone()), "{read}");
        assert_eq!(read.get("item").cloned().unwrap_or(Value::Null), text(edge.item.clone()), "{read}");
        assert_eq!(read.get("role").cloned().unwrap_or(Value::Null), text(edge.role.clone()), "{read}");
        assert_eq!(
            read.get("category").cloned().unwrap_or(Value::Null),
            text(edge.category.map(|c| c.as_str().to_owned())),
            "{read}"
        );
        if edge.role.is_some() {
            assert_eq!(read["former"], edge.former, "{read}");
        }
        let documents: Vec<&str> = edge.sources.iter().map(|s| s.document.as_str()).collect();
        assert_eq!(read["documents"], documents.join(" | "), "{read}");
        let first = &edge.sources[0].evidence[0];
        assert!(read["evidence"].as_str().unwrap().contains(first.as_str()), "{read}");
    }
}

#[test]
fn networkx_reads_the_graphml_back_with_every_attribute() {
    let subgraph = subgraph();
    assert!(subgraph.edges.len() >= 10 && subgraph.nodes.len() >= 10, "the sample is too small");
    assert_same(&read_back(Format::Graphml), &subgraph);
}

#[test]
fn networkx_reads_the_gexf_back_as_a_dynamic_graph() {
    let subgraph = subgraph();
    let graph = read_back(Format::Gexf);
    assert_same(&graph, &subgraph);
    assert_eq!(graph["graph"]["mode"], "dynamic");
    // Gephi's timeline reads the edges' start and end; the undated transfer has none.
    let undated = subgraph.edges.iter().position(|e| e.item.as_deref() == Some("Shahed drones")).unwrap();
    assert_eq!(graph["edges"][format!("e{undated}")].get("start"), None);
    let dated = subgraph.edges.iter().position(|e| e.date.is_some_and(|d| d.to_string() == "2025")).unwrap();
    assert_eq!(
        json!([graph["edges"][format!("e{dated}")]["start"], graph["edges"][format!("e{dated}")]["end"]]),
        json!(["2025-01-01", "2025-12-31"])
    );
}
