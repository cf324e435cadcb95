//! Development runner with the CLI shape the scorers call:
//! `extract FILE --format json [--published DATE] [--source URL]`.

use geokg_extract::{Document, Extractor, PartialDate};
use std::process::ExitCode;

#[allow(clippy::print_stdout)] // a runner prints its result
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut file = None;
    let mut published = None;
    let mut source = None;
    let mut rest = args.iter();
    if rest.next().map(String::as_str) != Some("extract") {
        eprintln!("usage: extract extract FILE --format json [--published DATE] [--source URL]");
        return ExitCode::from(2);
    }
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--format" => {
                if rest.next().map(String::as_str) != Some("json") {
                    eprintln!("only --format json is supported");
                    return ExitCode::from(2);
                }
            }
            "--published" => published = rest.next().cloned(),
            "--source" => source = rest.next().cloned(),
            other => file = Some(other.to_owned()),
        }
    }
    let Some(file) = file else {
        eprintln!("no FILE given");
        return ExitCode::from(2);
    };
    let text = match std::fs::read(&file) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(error) => {
            eprintln!("cannot read {file}: {error}");
            return ExitCode::from(2);
        }
    };
    let mut document = Document::new(text).with_source(source.unwrap_or_else(|| file.clone()));
    if let Some(date) = published {
        match date.parse::<PartialDate>() {
            Ok(date) => document = document.with_published(date),
            Err(error) => {
                eprintln!("{error}");
                return ExitCode::from(2);
            }
        }
    }
    let extraction = Extractor::default().extract(&document);
    match serde_json::to_string_pretty(&extraction.to_json()) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("cannot print JSON: {error}");
            ExitCode::from(2)
        }
    }
}
