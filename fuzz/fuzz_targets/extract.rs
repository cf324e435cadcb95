//! Arbitrary bytes into extraction: as UTF-8 where they are, lossily decoded where not, with a
//! publication date and a language hint taken from the first bytes. Extraction must never panic.
#![no_main]

use geokg_extract::Extractor;
use geokg_model::{Document, PartialDate};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::default);

fuzz_target!(|data: &[u8]| {
    let (head, body) = data.split_at(data.len().min(2));
    let text = match std::str::from_utf8(body) {
        Ok(text) => text.to_owned(),
        Err(_) => String::from_utf8_lossy(body).into_owned(),
    };
    let mut document = Document::new(text);
    if let [year, month] = *head {
        if let Some(date) = PartialDate::day(1990 + i32::from(year % 50), 1 + month % 12, 1 + year % 28) {
            document = document.with_published(date);
        }
        document = document.with_language(["de", "en", "fr", "es", "ru"][usize::from(month % 5)]);
    }
    let _ = EXTRACTOR.extract(&document);
});
