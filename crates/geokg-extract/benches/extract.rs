//! Throughput of `Extractor::extract` on a few megabytes of the corpus articles (our own
//! texts), German and English, repeated into one long document each.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use geokg_extract::{Document, Extractor};
use std::hint::black_box;
use std::path::Path;

fn corpus(language: &str) -> String {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus").join(language);
    let mut entries: Vec<_> = std::fs::read_dir(folder).expect("corpus folder").filter_map(Result::ok).collect();
    entries.sort_by_key(std::fs::DirEntry::path);
    let mut text = String::new();
    for entry in entries {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "txt") {
            let raw = std::fs::read_to_string(&path).expect("readable article");
            let body = raw.split_once("\n\n").map_or(raw.as_str(), |(_, body)| body);
            // A comment section ends a page, so repeated it would end the whole document here.
            let body = body.split("\nKommentare\n").next().unwrap_or(body);
            text.push_str(body);
            text.push('\n');
        }
    }
    text
}

fn bench(c: &mut Criterion) {
    let extractor = Extractor::default();
    let mut group = c.benchmark_group("extract");
    group.sample_size(10);
    for language in ["de", "en"] {
        let article = corpus(language);
        let text = article.repeat((2_000_000 / article.len().max(1)).max(1));
        let document =
            Document::new(text.clone()).with_language(language).with_published("2023-09-11".parse().expect("a date"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("{language} {} MB", text.len() / 1_000_000), |b| {
            b.iter(|| black_box(extractor.extract(black_box(&document))));
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
