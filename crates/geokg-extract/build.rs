//! Embeds the gazetteer and lexicon files found under `data/` at build time.
//!
//! The leader files are one per region and the lexicons one folder per language, so their
//! names are listed here rather than in code: adding `leaders/oceania.tsv` or `lexicon/it/`
//! needs no code change. A missing file embeds nothing; the gazetteer tests then fail loudly.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn tsv_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|path| path.extension().is_some_and(|ext| ext == "tsv"));
    files.sort();
    files
}

fn entry(out: &mut String, name: &str, path: &Path) {
    let path = path.display().to_string().replace('\\', "/");
    let _ = writeln!(out, "    ({name:?}, include_str!({path:?})),");
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let data = manifest.join("../../data");
    let gazetteer = data.join("gazetteer");
    let lexicon = data.join("lexicon");
    for dir in [&gazetteer, &gazetteer.join("leaders"), &lexicon] {
        println!("cargo:rerun-if-changed={}", dir.display());
    }
    let mut out = String::from(
        "/// Gazetteer files: (path under data/gazetteer, content).\npub(crate) const GAZETTEER: &[(&str, &str)] = &[\n",
    );
    for name in ["states.tsv", "organizations.tsv", "places.tsv"] {
        let path = gazetteer.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        if path.exists() {
            entry(&mut out, name, &path);
        }
    }
    for path in tsv_files(&gazetteer.join("leaders")) {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = format!("leaders/{}", path.file_name().unwrap_or_default().to_string_lossy());
        entry(&mut out, &name, &path);
    }
    out.push_str(
        "];\n\n/// Lexicon files: (language/file, content).\npub(crate) const LEXICON: &[(&str, &str)] = &[\n",
    );
    let mut languages: Vec<PathBuf> = std::fs::read_dir(&lexicon)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    languages.sort();
    for language in languages {
        println!("cargo:rerun-if-changed={}", language.display());
        for path in tsv_files(&language) {
            println!("cargo:rerun-if-changed={}", path.display());
            let name = format!(
                "{}/{}",
                language.file_name().unwrap_or_default().to_string_lossy(),
                path.file_name().unwrap_or_default().to_string_lossy()
            );
            entry(&mut out, &name, &path);
        }
    }
    out.push_str("];\n");
    let target = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    std::fs::write(target, out).expect("OUT_DIR is writable");
}
