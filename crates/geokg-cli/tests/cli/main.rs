//! The built `geokg` run on examples/ with a store in a temporary folder: one test binary, a
//! module per subcommand.

mod export;
mod extract;
mod graph;
mod ingest;
mod listings;
mod query;
mod remote;
mod web;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The examples folder at the workspace root.
pub(crate) fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples").canonicalize().unwrap()
}

/// `geokg` with `--store` set to `store` and no progress output.
pub(crate) fn geokg(store: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_geokg"));
    command.arg("--store").arg(store).env_remove("GEOKG_STORE");
    command
}

/// A temporary folder with a store holding every example article.
pub(crate) struct Fixture {
    pub(crate) dir: tempfile::TempDir,
}

impl Fixture {
    pub(crate) fn ingested() -> Self {
        let fixture = Self::empty();
        fixture.geokg().arg("ingest").arg(examples()).assert().success();
        fixture
    }

    pub(crate) fn empty() -> Self {
        Self { dir: tempfile::tempdir().unwrap() }
    }

    pub(crate) fn store(&self) -> PathBuf {
        self.dir.path().join("kg.db")
    }

    pub(crate) fn geokg(&self) -> Command {
        geokg(&self.store())
    }

    /// Runs geokg with `args` and parses its standard output as JSON.
    pub(crate) fn json(&self, args: &[&str]) -> serde_json::Value {
        let output = self.geokg().args(args).output().unwrap();
        assert!(output.status.code() != Some(2), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}"))
    }

    /// The number of quads in the store.
    pub(crate) fn quads(&self) -> u64 {
        self.json(&["stats", "--format", "json"])["quads"].as_u64().unwrap()
    }
}

/// The labels of a JSON array of entities.
pub(crate) fn labels(entities: &serde_json::Value) -> Vec<String> {
    entities.as_array().unwrap().iter().map(|e| e["label"].as_str().unwrap().to_owned()).collect()
}
