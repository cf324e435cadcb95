//! The Cytoscape.js JSON holds every actor and fact as elements whose edges point at nodes.

use crate::support::subgraph;
use geokg_export::{Format, export};
use std::collections::BTreeSet;

#[test]
fn cytoscape_elements_hold_every_actor_and_fact_with_their_sources() {
    let subgraph = subgraph();
    let json: serde_json::Value = serde_json::from_slice(&export(&subgraph, Format::Cytoscape).unwrap()).unwrap();
    let nodes = json["elements"]["nodes"].as_array().unwrap();
    let edges = json["elements"]["edges"].as_array().unwrap();
    assert_eq!((nodes.len(), edges.len()), (subgraph.nodes.len(), subgraph.edges.len()));
    let ids: BTreeSet<&str> = nodes.iter().map(|n| n["data"]["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), nodes.len(), "node ids repeat");
    for (node, element) in subgraph.nodes.iter().zip(nodes) {
        assert_eq!(element["data"]["label"], node.node.label);
        assert_eq!(element["data"]["kind"], node.node.kind.as_str());
        assert!(element["position"]["x"].is_number() && element["position"]["y"].is_number());
    }
    for (edge, element) in subgraph.edges.iter().zip(edges) {
        let data = &element["data"];
        assert!(ids.contains(data["source"].as_str().unwrap()) && ids.contains(data["target"].as_str().unwrap()));
        assert_eq!(data["source"], format!("n{}", edge.from));
        assert_eq!(data["relation"], edge.relation.as_str());
        assert_eq!(data["sources"].as_array().unwrap().len(), edge.sources.len());
        assert_eq!(data["sources"][0]["evidence"][0], edge.sources[0].evidence[0]);
        assert_eq!(data["directed"], edge.relation != geokg_graph::Relation::Met);
    }
    assert_eq!(json["data"]["left_out"]["nodes"], 0);
}
