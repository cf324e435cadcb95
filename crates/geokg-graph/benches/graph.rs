//! The figures of geokg-graph at news-archive scale: a synthetic view of 1 000 000 meetings and
//! 200 000 transfers among 20 000 actors over 25 years, built, cached and questioned.
//!
//! A plain bench binary rather than criterion: building the view once takes seconds, so each
//! step is timed once (questions as the median of several actors) and the peak memory read
//! from `/proc/self/status`. `GEOKG_GRAPH_BENCH_SCALE=10` divides every count by 10;
//! `GEOKG_GRAPH_BENCH_FROM_CACHE=<file>` only reads a cache the full run left behind.

// A bench reports its figures on standard output.
#![allow(clippy::print_stdout)]

use geokg_graph::{
    Betweenness, CentralOptions, Filter, Measure, Names, PathOptions, Query, StatusSet, View, Weight, synthetic,
};
use std::time::{Duration, Instant};

fn memory(field: &str) -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status.lines().find(|line| line.starts_with(field)).map(|line| line[field.len()..].trim().to_owned())
        })
        .unwrap_or_else(|| "?".to_owned())
}

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let value = f();
    println!(
        "{what:<48} {:>10.1} ms   rss {:>12}  peak {:>12}",
        start.elapsed().as_secs_f64() * 1000.0,
        memory("VmRSS:"),
        memory("VmHWM:")
    );
    value
}

fn median(what: &str, runs: impl IntoIterator<Item = Duration>) {
    let mut runs: Vec<Duration> = runs.into_iter().collect();
    runs.sort_unstable();
    let max = runs.last().copied().unwrap_or_default();
    println!(
        "{what:<48} {:>10.1} ms   (median of {}, max {:.1} ms)",
        runs.get(runs.len() / 2).copied().unwrap_or_default().as_secs_f64() * 1000.0,
        runs.len(),
        max.as_secs_f64() * 1000.0
    );
}

fn each(items: &[String], mut f: impl FnMut(&str)) -> Vec<Duration> {
    items
        .iter()
        .map(|item| {
            let start = Instant::now();
            f(item);
            start.elapsed()
        })
        .collect()
}

/// Reads a cache written by an earlier run and asks one question, so that `/usr/bin/time -v`
/// shows the peak memory of a command served from the cache.
fn from_cache(path: &std::path::Path) {
    let view = timed("read cache", || View::read_cache(std::fs::File::open(path).expect("open")).expect("read"));
    let names = timed("index names", || Names::new(&view, []));
    let query = Query::new(&view, &names, Filter::default());
    timed("who_met", || query.who_met(&synthetic::actor_id(0)).expect("who met"));
    timed("path", || {
        query.path(&synthetic::actor_id(5), &synthetic::actor_id(19_000), &PathOptions::default()).expect("path")
    });
}

fn main() {
    if let Some(path) = std::env::var_os("GEOKG_GRAPH_BENCH_FROM_CACHE") {
        from_cache(std::path::Path::new(&path));
        return;
    }
    // `cargo bench` passes --bench; `cargo test --all-targets` does not, and then one small
    // run checks that the bench still works without spending minutes in a debug build.
    let default_scale = if std::env::args().any(|arg| arg == "--bench") { 1 } else { 100 };
    let scale: usize =
        std::env::var("GEOKG_GRAPH_BENCH_SCALE").ok().and_then(|s| s.parse().ok()).unwrap_or(default_scale).max(1);
    let (n_actors, n_meetings, n_transfers) = (20_000 / scale, 1_000_000 / scale, 200_000 / scale);
    println!("{n_actors} actors, {n_meetings} meetings, {n_transfers} transfers, 25 years");
    let facts = timed("generate facts", || synthetic::facts(n_actors, n_meetings, n_transfers, 25, 42));
    let view = timed("build view", || View::build(&facts));
    let [met, supplied, leads] = view.n_edges();
    println!("  {} nodes; {met} met, {supplied} supplied, {leads} leads edges", view.n_nodes());
    let documents: std::collections::BTreeSet<String> =
        facts.meetings.iter().flat_map(|m| &m.sources).map(|s| s.document.clone()).take(100).collect();
    timed("drop facts", || drop(facts));
    // What `geokg ingest` and `forget` do to a current cache: the view's facts back out of it,
    // documents taken out, the view rebuilt.
    let updated = timed("update view (facts out of it, 100 documents less, rebuilt)", || {
        let mut merger = geokg_model::FactsMerger::from(view.facts());
        merger.remove(&documents);
        View::build(&merger.finish())
    });
    assert!(updated.n_edges()[0] < view.n_edges()[0], "the documents' meetings left");
    drop(updated);
    println!("  view holds {:.1} MB", view.memory_bytes() as f64 / 1e6);
    let in_memory = timed("write cache to memory", || {
        let mut bytes = Vec::new();
        view.write_cache(&mut bytes).expect("write the cache");
        bytes
    });
    timed("read cache from memory", || View::read_cache(in_memory.as_slice()).expect("read"));
    drop(in_memory);

    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("graph-bench.cache");
    timed("write cache", || {
        let file = std::fs::File::create(&path).expect("create the cache file");
        view.write_cache(file).expect("write the cache");
    });
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or_default();
    println!("  cache file: {:.1} MB", size as f64 / 1e6);
    let cached =
        timed("read cache", || View::read_cache(std::fs::File::open(&path).expect("open the cache")).expect("read"));
    drop(cached);
    questions(&view, n_actors);
}

/// Times each question on a built view.
fn questions(view: &View, n_actors: usize) {
    let names = timed("index names", || Names::new(view, []));
    let query = timed("query (occurred)", || Query::new(view, &names, Filter::default()));
    // Low ids meet most often; sample across the range.
    let actors: Vec<String> = (0..20).map(|i| synthetic::actor_id(i * i * n_actors / 400)).collect();
    median(
        "who_met, one actor",
        each(&actors, |a| {
            query.who_met(a).expect("who met");
        }),
    );
    let pairs: Vec<String> =
        (0..20).map(|i| format!("{}|{}", actors[i], synthetic::actor_id(n_actors - 1 - (i * 37) % n_actors))).collect();
    let path_of = |query: &Query<'_>, pair: &str, options: &PathOptions| {
        let (a, b) = pair.split_once('|').expect("pair");
        query.path(a, b, options).expect("path")
    };
    median(
        "path, shortest by hops",
        each(&pairs, |p| {
            path_of(&query, p, &PathOptions::default());
        }),
    );
    let connected = |query: &Query<'_>| {
        let hops: Vec<usize> = pairs
            .iter()
            .filter_map(|p| path_of(query, p, &PathOptions::default()).paths.first().map(|path| path.hops.len()))
            .collect();
        println!("  {} of {} pairs connected, hops {hops:?}", hops.len(), pairs.len());
    };
    connected(&query);
    let k3 = PathOptions { k: 3, ..PathOptions::default() };
    median(
        "path, 3 shortest by hops (Yen)",
        each(&pairs, |p| {
            path_of(&query, p, &k3);
        }),
    );
    let recent = PathOptions { weight: Weight::Recency, ..PathOptions::default() };
    median(
        "path, shortest by recency",
        each(&pairs, |p| {
            path_of(&query, p, &recent);
        }),
    );
    median(
        "neighbors, 1 hop",
        each(&actors, |a| {
            query.neighbors(a, 1).expect("neighbors");
        }),
    );
    median(
        "timeline, one actor",
        each(&actors, |a| {
            query.timeline(a).expect("timeline");
        }),
    );
    timed("who_met_all (top 100)", || query.who_met_all(Some(100)));
    let rank = |measure, betweenness| CentralOptions { measure, top: Some(10), betweenness };
    timed("central degree", || query.central(&rank(Measure::Degree, Betweenness::Auto)));
    timed("central pagerank", || query.central(&rank(Measure::Pagerank, Betweenness::Auto)));
    let betweenness =
        timed("central betweenness (auto)", || query.central(&rank(Measure::Betweenness, Betweenness::Auto)));
    println!("  {}", betweenness.method);
    let communities = timed("communities (louvain)", || query.communities());
    println!("  {} groups, modularity {:.3}", communities.groups.len(), communities.modularity);

    let any = Filter::default().with_statuses(StatusSet::any()).with_as_states(true);
    let states = timed("query (any status, as states: roll-up)", || Query::new(view, &names, any));
    median(
        "path as states",
        each(&pairs, |p| {
            path_of(&states, p, &PathOptions::default());
        }),
    );
    connected(&states);
    median(
        "who_met as states",
        each(&actors, |a| {
            states.who_met(a).expect("who met");
        }),
    );
}
