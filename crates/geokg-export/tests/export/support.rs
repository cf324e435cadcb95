//! Facts written by hand, the subgraphs the tests draw, and the real tools that read our files
//! back: Graphviz `dot`, Python with networkx, headless Chromium. A missing tool fails the test
//! with a hint; scripts/setup.sh installs them all.

use geokg_graph::{Filter, Names, Query, StatusSet, Subgraph, View};
use geokg_model::{
    Entity, EntityKind, Evidence, Facts, Leader, Meeting, MeetingKind, Source, Sourced, Status, Transfer,
    TransferCategory,
};
use std::path::{Path, PathBuf};
use std::process::Command;

const STATES: [&str; 5] = ["Russia", "North Korea", "Iran", "Türkiye", "Ukraine"];

/// A state when its name is in `STATES`, a place when it starts with `@`, else a person.
fn entity(label: &str) -> Entity {
    let (label, kind) = match label.strip_prefix('@') {
        Some(place) => (place, EntityKind::Place),
        None if STATES.contains(&label) => (label, EntityKind::State),
        None if label.starts_with("The ") => (label, EntityKind::Organization),
        None => (label, EntityKind::Person),
    };
    let wikidata = match label {
        "Vladimir Putin" => Some("Q7747"),
        "Kim Jong Un" => Some("Q56226"),
        "Russia" => Some("Q159"),
        _ => None,
    };
    Entity::new(label, kind, wikidata)
}

fn sources(key: &str, sentence: &str, published: &str, n: usize) -> Vec<Source> {
    (0..n)
        .map(|i| Source {
            document: format!("https://news.example/{key}/{i}"),
            published: published.parse().ok(),
            evidence: vec![Evidence {
                sentence: sentence.to_owned(),
                start: 0,
                end: sentence.chars().count(),
                rule: "test".into(),
                confidence: 1.0,
            }],
        })
        .collect()
}

fn met(a: &str, b: &str, place: Option<&str>, date: &str, status: Status, n: usize) -> Sourced<Meeting> {
    let sentence = format!("{a} met {b} ({date}).");
    Sourced {
        fact: Meeting {
            kind: MeetingKind::Meeting,
            participants: vec![entity(a), entity(b)],
            visitor: None,
            host: None,
            place: place.map(|p| entity(&format!("@{p}"))),
            date: date.parse().ok(),
            status,
            evidence: Vec::new(),
        },
        sources: sources(&format!("met-{}-{date}", a.len() + b.len()), &sentence, date, n),
    }
}

fn supplied(supplier: &str, recipient: &str, item: &str, date: &str, status: Status) -> Sourced<Transfer> {
    let sentence = format!("{supplier} supplied {item} to {recipient}.");
    Sourced {
        fact: Transfer {
            supplier: entity(supplier),
            recipient: entity(recipient),
            item: item.to_owned(),
            category: TransferCategory::Weapons,
            status,
            date: date.parse().ok(),
            evidence: Vec::new(),
        },
        sources: sources(
            &format!("supplied-{}", item.len()),
            &sentence,
            if date.is_empty() { "2024-02-01" } else { date },
            1,
        ),
    }
}

fn leads(person: &str, state: &str, published: &str) -> Sourced<Leader> {
    let sentence = format!("President {person} of {state}.");
    Sourced {
        fact: Leader {
            person: entity(person),
            state: entity(state),
            role: "President".into(),
            former: false,
            evidence: Vec::new(),
        },
        sources: sources(&format!("leads-{}", person.len()), &sentence, published, 1),
    }
}

/// A small world with every status, parallel meetings, an undated transfer, an office holding,
/// and names that need escaping in every format.
pub(crate) fn facts() -> Facts {
    Facts {
        meetings: vec![
            met("Vladimir Putin", "Kim Jong Un", Some("Vladivostok"), "2023-09-13", Status::Occurred, 2),
            met("Vladimir Putin", "Kim Jong Un", Some("Pyongyang"), "2024-06-19", Status::Occurred, 1),
            met("Vladimir Putin", "Kim Jong Un", None, "2025", Status::Planned, 1),
            met("Vladimir Putin", "Recep Tayyip Erdoğan", Some("Sochi"), "2023-09-04", Status::Occurred, 1),
            met("Kim Jong Un", "Ebrahim Raisi", None, "2024-03", Status::Speculative, 1),
            met("Recep Tayyip Erdoğan", "Volodymyr Zelenskyy", Some("Lviv"), "2022-08-18", Status::Negated, 1),
            met(
                "Ebrahim Raisi",
                "The \"Shanghai\" <Cooperation> & Organisation",
                None,
                "2023-07-04",
                Status::Occurred,
                1,
            ),
        ],
        transfers: vec![
            supplied("North Korea", "Russia", "artillery shells", "2023-10", Status::Alleged),
            supplied("Iran", "Russia", "Shahed drones", "", Status::Occurred),
            supplied("Türkiye", "Ukraine", "Bayraktar TB2 <drones>", "2022-03", Status::Occurred),
        ],
        leaders: vec![
            leads("Vladimir Putin", "Russia", "2023-09-13"),
            leads("Kim Jong Un", "North Korea", "2023-09-13"),
        ],
        n_documents: 12,
    }
}

/// The whole small world, every status counted.
pub(crate) fn subgraph() -> Subgraph {
    subgraph_of(&facts(), None, 500)
}

/// The subgraph of `facts` with every status, around a centre when given.
pub(crate) fn subgraph_of(facts: &Facts, around: Option<(&str, usize)>, limit: usize) -> Subgraph {
    let view = View::build(facts);
    let names = Names::new(&view, []);
    let query = Query::new(&view, &names, Filter::default().with_statuses(StatusSet::any()));
    query.subgraph(around, limit).unwrap()
}

/// Three actors, two facts: small enough for a snapshot.
pub(crate) fn tiny() -> Subgraph {
    let facts = Facts {
        meetings: vec![met("Vladimir Putin", "Kim Jong Un", Some("Vladivostok"), "2023-09-13", Status::Occurred, 1)],
        transfers: vec![supplied("North Korea", "Russia", "artillery shells", "2023-10", Status::Alleged)],
        leaders: Vec::new(),
        n_documents: 2,
    };
    subgraph_of(&facts, None, 500)
}

/// The workspace root.
pub(crate) fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// A folder under target/ for files a person may want to look at.
pub(crate) fn output_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("export");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A program on the PATH, or a failure that says how to install it.
pub(crate) fn tool(names: &[&str]) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for name in names {
        for dir in std::env::split_paths(&path) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return candidate;
            }
        }
    }
    panic!("{} not found on PATH: run scripts/setup.sh (it installs graphviz and chromium)", names.join(" or "));
}

/// The Python with networkx: `GEOKG_TEST_PYTHON`, else target/venv-export/bin/python.
pub(crate) fn python() -> Command {
    let python = std::env::var_os("GEOKG_TEST_PYTHON")
        .map_or_else(|| workspace().join("target/venv-export/bin/python"), PathBuf::from);
    assert!(
        python.exists(),
        "{} not found: run scripts/setup.sh (it makes a venv with networkx), or set GEOKG_TEST_PYTHON",
        python.display()
    );
    Command::new(python)
}
