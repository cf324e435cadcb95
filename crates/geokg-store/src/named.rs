//! The built-in queries of `queries/`, embedded: one question per file, its header comment
//! saying what it answers. `geokg query NAME` runs one; `geokg query --list` shows them.

/// A built-in SPARQL query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NamedQuery {
    /// The file name without `.rq`.
    pub name: &'static str,
    /// The query text, header comment included.
    pub sparql: &'static str,
}

macro_rules! named {
    ($($name:literal),* $(,)?) => {
        &[$(NamedQuery { name: $name, sparql: include_str!(concat!("../../../queries/", $name, ".rq")) }),*]
    };
}

impl NamedQuery {
    /// Every file of `queries/` (a test checks none is missing).
    pub const ALL: &'static [NamedQuery] = named![
        "arms-suppliers",
        "documents",
        "leader-on-date",
        "meetings-of-person",
        "sources-of-fact",
        "transfers-by-category-year",
        "who-met-whom",
    ];

    /// The built-in query of this name.
    #[must_use]
    pub fn find(name: &str) -> Option<Self> {
        let name = name.strip_suffix(".rq").unwrap_or(name);
        Self::ALL.iter().copied().find(|query| query.name == name)
    }

    /// The first paragraph of the header comment: what the query answers.
    #[must_use]
    pub fn description(&self) -> String {
        self.sparql
            .lines()
            .map_while(|line| line.strip_prefix('#'))
            .map(str::trim)
            .take_while(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The example invocation in the header comment.
    #[must_use]
    pub fn usage(&self) -> Option<&'static str> {
        self.sparql
            .lines()
            .map_while(|line| line.strip_prefix('#'))
            .map(str::trim)
            .find(|line| line.starts_with("geokg "))
    }

    /// The variables the query expects to be bound with `--param`, from its usage line.
    #[must_use]
    pub fn params(&self) -> Vec<&'static str> {
        self.usage()
            .map(|usage| usage.split("--param ").skip(1).filter_map(|rest| rest.split('=').next()).collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn every_file_in_queries_is_built_in_and_parses() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../../queries");
        let mut files: Vec<String> = std::fs::read_dir(folder)
            .unwrap()
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .filter_map(|name| name.strip_suffix(".rq").map(str::to_owned))
            .collect();
        files.sort();
        let built_in: Vec<&str> = NamedQuery::ALL.iter().map(|q| q.name).collect();
        assert_eq!(files, built_in);
        for query in NamedQuery::ALL {
            Store::check_query(query.sparql).unwrap_or_else(|e| panic!("{}: {e}", query.name));
            assert!(!query.description().is_empty(), "{} has no header comment", query.name);
            assert!(query.usage().is_some(), "{} has no usage line", query.name);
        }
    }

    #[test]
    fn params_come_from_the_usage_line() {
        assert_eq!(NamedQuery::find("leader-on-date").unwrap().params(), ["name", "date"]);
        assert!(NamedQuery::find("who-met-whom.rq").unwrap().params().is_empty());
    }
}
