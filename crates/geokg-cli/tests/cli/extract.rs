//! `geokg extract`: the contract's JSON, and RDF, for one text; no store.

use crate::{Fixture, examples};

#[test]
fn json_has_every_key_of_the_contract() {
    let fixture = Fixture::empty();
    let file = examples().join("de-putin-kim-wostotschny.txt");
    let json = fixture.json(&["extract", file.to_str().unwrap(), "--format", "json", "--published", "2023-09-13"]);
    for key in ["document", "entities", "meetings", "transfers", "leaders"] {
        assert!(json.get(key).is_some(), "{key}");
    }
    for key in ["source", "language", "published", "title"] {
        assert!(json["document"].get(key).is_some(), "document.{key}");
    }
    assert_eq!(json["document"]["published"], "2023-09-13");
    assert_eq!(json["document"]["language"], "de");
    for entity in json["entities"].as_array().unwrap() {
        for key in ["id", "label", "kind", "wikidata"] {
            assert!(entity.get(key).is_some(), "entity.{key}");
        }
    }
    for meeting in json["meetings"].as_array().unwrap() {
        for key in ["participants", "place", "date", "status", "evidence"] {
            assert!(meeting.get(key).is_some(), "meeting.{key}");
        }
    }
    assert!(!fixture.store().exists(), "extract must not create a store");
}

#[test]
fn turtle_and_trig_parse_as_rdf() {
    let fixture = Fixture::empty();
    let file = examples().join("en-biden-xi-woodside.txt");
    for (format, rdf) in [("turtle", oxigraph::io::RdfFormat::Turtle), ("trig", oxigraph::io::RdfFormat::TriG)] {
        let output = fixture.geokg().args(["extract", file.to_str().unwrap(), "--format", format]).output().unwrap();
        assert!(output.status.success());
        let quads =
            oxigraph::io::RdfParser::from_format(rdf).for_slice(&output.stdout).collect::<Result<Vec<_>, _>>().unwrap();
        assert!(!quads.is_empty(), "{format}");
    }
}
