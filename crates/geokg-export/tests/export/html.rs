//! The HTML page in real headless Chromium: it draws every actor, finds one by name, reports no
//! error, requests nothing from the network, and leaves a screenshot under target/ for people.

use crate::support::{output_dir, subgraph, tool};
use geokg_export::{Format, export};
use std::path::Path;
use std::process::Command;

/// Chromium on `page` with `hash`, as a fresh profile with everything that phones home off;
/// `extra` adds --dump-dom or --screenshot. Returns standard output, and the URLs of the
/// requests the page made, from Chromium's network log (the browser's own requests, which have
/// no initiator, are not the page's).
fn chromium(page: &Path, hash: &str, extra: &[&str]) -> (String, Vec<String>) {
    let profile = tempfile::tempdir().unwrap();
    let net_log = profile.path().join("net-log.json");
    let output = Command::new(tool(&["chromium", "chromium-browser"]))
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=5000",
            "--window-size=1200,800",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--log-net-log={}", net_log.display()))
        .args(extra)
        .arg(format!("file://{}#{hash}", page.display()))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "chromium failed: {stderr}");
    for line in stderr.lines() {
        assert!(!line.contains("CONSOLE") || !line.contains("rror"), "console error: {line}");
        assert!(!line.contains("Refused to"), "blocked by the page's policy: {line}");
    }
    let log: serde_json::Value = serde_json::from_slice(&std::fs::read(&net_log).unwrap()).unwrap();
    let start = &log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"];
    assert!(start.is_u64(), "unexpected network log format");
    let urls = log["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|event| &event["type"] == start && event["params"]["initiator"] != "not an origin")
        .filter_map(|event| event["params"]["url"].as_str().map(str::to_owned))
        .collect();
    (String::from_utf8(output.stdout).unwrap(), urls)
}

/// The value of `data-NAME` on the dumped page's `<body>`.
fn body_data<'a>(dom: &'a str, name: &str) -> &'a str {
    let body = &dom[dom.find("<body").expect("no <body> in the dumped page")..];
    let body = &body[..body.find('>').unwrap()];
    let key = format!("data-{name}=\"");
    let start = body.find(&key).unwrap_or_else(|| panic!("no data-{name} on <body>: {body}")) + key.len();
    &body[start..start + body[start..].find('"').unwrap()]
}

fn page() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("graph.html");
    std::fs::write(&path, export(&subgraph(), Format::Html).unwrap()).unwrap();
    (dir, path)
}

#[test]
fn the_page_names_no_url_and_forbids_every_request() {
    let html = String::from_utf8(export(&subgraph(), Format::Html).unwrap()).unwrap();
    for pattern in
        ["src=", "href=", "url(", "fetch(", "XMLHttpRequest", "import(", "WebSocket", "EventSource", "sendBeacon"]
    {
        assert!(!html.contains(pattern), "the page contains {pattern}");
    }
    assert!(html.contains("default-src 'none'"));
    // The sources' URLs are data (JSON strings), shown as text; none is an attribute.
    assert!(html.contains("https://news.example/"));
    assert_eq!(html.matches("</script>").count(), 2, "the data closed its <script> early");
}

#[test]
fn chromium_draws_every_actor_without_errors_or_requests() {
    let (_dir, path) = page();
    let (dom, urls) = chromium(&path, "", &["--dump-dom"]);
    assert_eq!(body_data(&dom, "errors"), "0", "{}", body_data(&dom, "error-messages"));
    assert_eq!(body_data(&dom, "drawn-nodes"), subgraph().nodes.len().to_string());
    assert_eq!(body_data(&dom, "drawn-edges"), subgraph().edges.len().to_string());
    assert!(urls.is_empty(), "the page made network requests: {urls:?}");
}

#[test]
fn the_network_log_would_show_a_request_of_the_page() {
    // The check above can fail: a page that loads an image and fetches is caught.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("leaky.html");
    let leaky = "<html><body><img src=\"https://leak.example/a.png\">\
                 <script>fetch('https://leak.example/b').catch(() => {})</script></body></html>";
    std::fs::write(&path, leaky).unwrap();
    let (_, urls) = chromium(&path, "", &["--dump-dom"]);
    assert_eq!(urls, ["https://leak.example/a.png", "https://leak.example/b"]);
}

#[test]
fn typing_a_name_in_the_search_box_highlights_it() {
    let (_dir, path) = page();
    let (dom, _) = chromium(&path, "search=Kim%20Jong%20Un", &["--dump-dom"]);
    assert_eq!(body_data(&dom, "highlighted"), "Kim Jong Un");
    assert_eq!(body_data(&dom, "errors"), "0", "{}", body_data(&dom, "error-messages"));
    // Case and accents do not matter; the details panel shows the actor's facts and sentences.
    let (dom, _) = chromium(&path, "search=erdogan", &["--dump-dom"]);
    assert_eq!(body_data(&dom, "highlighted"), "Recep Tayyip Erdoğan");
    assert!(dom.contains("Vladimir Putin met Recep Tayyip Erdoğan (2023-09-04)."), "no evidence in the details");
    let (dom, _) = chromium(&path, "search=nobody", &["--dump-dom"]);
    assert_eq!(body_data(&dom, "highlighted"), "");
}

#[test]
fn the_date_range_filters_facts() {
    let (_dir, path) = page();
    let (dom, _) = chromium(&path, "from=2024-01-01&to=2024-12-31&undated=0", &["--dump-dom"]);
    let in_2024 = subgraph()
        .edges
        .iter()
        .filter_map(|edge| edge.start.zip(edge.end))
        .filter(|(start, end)| start.to_string().as_str() <= "2024-12-31" && end.to_string().as_str() >= "2024-01-01")
        .count();
    assert!(in_2024 > 0 && in_2024 < subgraph().edges.len());
    assert_eq!(body_data(&dom, "drawn-edges"), in_2024.to_string());
    assert_eq!(body_data(&dom, "drawn-nodes"), subgraph().nodes.len().to_string());
    assert_eq!(body_data(&dom, "errors"), "0", "{}", body_data(&dom, "error-messages"));
}

#[test]
fn chromium_takes_a_screenshot_for_people_to_look_at() {
    let (_dir, path) = page();
    let screenshot = output_dir().join("export-html.png");
    let _ = std::fs::remove_file(&screenshot);
    chromium(&path, "search=Putin", &[&format!("--screenshot={}", screenshot.display())]);
    let bytes = std::fs::read(&screenshot).expect("no screenshot written");
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let info = decoder.read_info().unwrap();
    assert_eq!((info.info().width, info.info().height), (1200, 800));
}

#[test]
fn a_large_graph_is_cut_to_500_actors_drawn_and_says_so() {
    let facts = geokg_graph::synthetic::facts(900, 4000, 400, 5, 11);
    let subgraph = crate::support::subgraph_of(&facts, None, geokg_graph::DEFAULT_LIMIT);
    assert_eq!(subgraph.nodes.len(), 500);
    assert!(subgraph.left_out.nodes > 0, "the sample should be larger than the limit");
    let path = output_dir().join("large.html");
    std::fs::write(&path, export(&subgraph, Format::Html).unwrap()).unwrap();
    let (dom, urls) = chromium(&path, "", &["--dump-dom"]);
    assert_eq!(body_data(&dom, "drawn-nodes"), "500");
    assert_eq!(body_data(&dom, "drawn-edges"), subgraph.edges.len().to_string());
    assert_eq!(body_data(&dom, "errors"), "0", "{}", body_data(&dom, "error-messages"));
    assert!(urls.is_empty(), "{urls:?}");
    assert!(
        dom.contains(&format!("{} actors and {} facts left out", subgraph.left_out.nodes, subgraph.left_out.edges))
    );
    chromium(&path, "", &[&format!("--screenshot={}", output_dir().join("export-html-large.png").display())]);
}
