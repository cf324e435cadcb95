//! The gazetteers of `data/gazetteer/` (format in `data/README.md`): states, organisations,
//! places and office holders, parsed into entities, name patterns and terms of office.
//!
//! Parsing is lenient (a bad row is skipped and reported in `problems`) so that extraction never
//! fails on data; the tests at the bottom make every problem a failure, naming file and line.

use crate::matcher::MatcherBuilder;
use geokg_model::{Entity, EntityKind, PartialDate};
use std::collections::BTreeMap;

/// How a pattern names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// A name ("Russland", "Vladimir Putin").
    Name,
    /// An adjective or demonym ("russischen", "Russian").
    Adjective,
    /// A seat of power standing for the government ("Kreml").
    Metonym,
    /// A person's surname used alone ("Putin").
    Surname,
}

/// A gazetteer pattern's meaning.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Term {
    pub(crate) entity: usize,
    pub(crate) form: Form,
}

/// A person's term in an office of a state.
#[derive(Debug, Clone)]
pub(crate) struct Office {
    pub(crate) person: usize,
    pub(crate) state: usize,
    pub(crate) role: String,
    pub(crate) start: Option<PartialDate>,
    pub(crate) end: Option<PartialDate>,
}

impl Office {
    /// Whether the term covers `date` (a partial date counts if any of its days is covered).
    pub(crate) fn covers(&self, date: PartialDate) -> bool {
        let first = date.to_days();
        let last = last_day(date);
        self.start.is_none_or(|start| start.to_days() <= last) && self.end.is_none_or(|end| last_day(end) >= first)
    }

    /// Whether the term ended before `date`.
    pub(crate) fn ended_before(&self, date: PartialDate) -> bool {
        self.end.is_some_and(|end| last_day(end) < date.to_days())
    }
}

fn last_day(date: PartialDate) -> i64 {
    match (date.get_month(), date.get_day()) {
        (None, _) => PartialDate::year(date.get_year() + 1).to_days() - 1,
        (Some(_), None) => date.add_months(1).to_days() - 1,
        _ => date.to_days(),
    }
}

/// Every entity, pattern and office of the gazetteer files.
#[derive(Default)]
pub(crate) struct Gazetteer {
    pub(crate) entities: Vec<Entity>,
    /// For places: the state they lie in; for states: themselves.
    pub(crate) state_of: Vec<Option<usize>>,
    /// For states: their capital (a place).
    pub(crate) capital_of: BTreeMap<usize, usize>,
    /// ISO 3166 alpha-2 code to state, for lexicon defaults (`US`).
    pub(crate) by_iso2: BTreeMap<String, usize>,
    pub(crate) offices: Vec<Office>,
    pub(crate) terms: Vec<Term>,
    patterns: Vec<String>,
    derived: Vec<bool>,
    by_qid: BTreeMap<String, usize>,
    by_person_label: BTreeMap<String, usize>,
    /// Offices per person, indexes into `offices`.
    pub(crate) offices_of: BTreeMap<usize, Vec<usize>>,
    /// Problems met while parsing: `file:line: message`.
    pub(crate) problems: Vec<String>,
}

const STATES: &str = "wikidata\tiso2\tiso3\tlabel_en\tnames_en\tnames_de\tnames_fr\tnames_es\tnames_it\tadj_en\tadj_de\tadj_fr\tadj_es\tadj_it\tcapital\tmetonyms";
const ORGANIZATIONS: &str = "wikidata\tlabel_en\tnames_en\tnames_de\tnames_fr\tnames_es\tnames_it";
const PLACES: &str = "wikidata\tlabel_en\tstate\tcapital\tnames_en\tnames_de\tnames_fr\tnames_es\tnames_it";
const LEADERS: &str = "person\tlabel_en\taliases\tsurname\tstate\trole\tstart\tend";

/// Role names `data/README.md` allows in leader files.
pub(crate) const ROLES: &[&str] = &[
    "President",
    "Vice President",
    "Prime Minister",
    "Chancellor",
    "Vice Chancellor",
    "Deputy Prime Minister",
    "King",
    "Queen",
    "Emir",
    "Sultan",
    "Crown Prince",
    "Supreme Leader",
    "Chairman of the State Affairs Commission",
    "Head of State",
    "Head of Government",
    "Foreign Minister",
    "Defence Minister",
    "National Security Advisor",
    "Secretary-General",
    "President of the European Commission",
    "President of the European Council",
    "High Representative",
    "Pope",
    "Governor-General",
    "Co-Prince",
];

/// One data row: its cells by column name, and where it stands.
struct Row<'a, 'h> {
    file: &'h str,
    line: usize,
    cells: Vec<&'a str>,
    header: &'h [&'a str],
}

impl<'a> Row<'a, '_> {
    fn get(&self, column: &str) -> &'a str {
        self.header.iter().position(|h| *h == column).and_then(|i| self.cells.get(i)).map_or("", |c| c.trim())
    }

    fn list(&self, column: &str) -> impl Iterator<Item = &'a str> {
        self.get(column).split('|').map(str::trim).filter(|s| !s.is_empty())
    }

    fn problem(&self, message: &str) -> String {
        format!("{}:{}: {message}", self.file, self.line)
    }
}

fn is_qid(text: &str) -> bool {
    text.strip_prefix('Q')
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && !n.starts_with('0'))
}

/// Splits a file into its header and rows `(line number, cells)`, checking header and cell counts.
#[allow(clippy::type_complexity)] // a header and numbered rows of cells is as plain as it gets
fn split<'a>(
    file: &str,
    text: &'a str,
    expected: &str,
    problems: &mut Vec<String>,
) -> (Vec<&'a str>, Vec<(usize, Vec<&'a str>)>) {
    let mut lines = text.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty());
    let Some((_, first)) = lines.next() else {
        problems.push(format!("{file}:1: empty file"));
        return (Vec::new(), Vec::new());
    };
    let first = first.trim_end_matches('\r');
    if first != expected {
        problems.push(format!("{file}:1: header is {first:?}, expected {expected:?}"));
    }
    let header: Vec<&str> = first.split('\t').collect();
    let mut rows = Vec::new();
    for (index, line) in lines {
        let cells: Vec<&str> = line.trim_end_matches('\r').split('\t').collect();
        if cells.len() == header.len() {
            rows.push((index + 1, cells));
        } else {
            problems.push(format!("{file}:{}: {} cells, expected {}", index + 1, cells.len(), header.len()));
        }
    }
    (header, rows)
}

impl Gazetteer {
    /// Parses the files (path under `data/gazetteer`, content); unknown paths are ignored.
    pub(crate) fn parse(files: &[(&str, &str)]) -> Self {
        let mut gazetteer = Self::default();
        let order = |name: &str| match name {
            "states.tsv" => 0,
            "places.tsv" => 1,
            "organizations.tsv" => 2,
            _ => 3,
        };
        let mut files = files.to_vec();
        files.sort_by_key(|(name, _)| order(name));
        let mut capitals: Vec<(usize, String)> = Vec::new();
        for (name, text) in files {
            let mut problems = Vec::new();
            let expected = match order(name) {
                0 => STATES,
                1 => PLACES,
                2 => ORGANIZATIONS,
                _ if name.starts_with("leaders/") => LEADERS,
                _ => continue,
            };
            let (header, raw) = split(name, text, expected, &mut problems);
            for (line, cells) in raw {
                let row = Row { file: name, line, cells, header: &header };
                match order(name) {
                    0 => gazetteer.add_state(&row, &mut capitals),
                    1 => gazetteer.add_place(&row),
                    2 => gazetteer.add_organization(&row),
                    _ => gazetteer.add_office(&row),
                }
            }
            gazetteer.problems.extend(problems);
        }
        for (state, capital) in capitals {
            match gazetteer.by_qid.get(&capital) {
                Some(&place) => {
                    gazetteer.capital_of.insert(state, place);
                }
                None => gazetteer.problems.push(format!("states.tsv: capital {capital} is not in places.tsv")),
            }
        }
        gazetteer
    }

    fn entity(&mut self, row: &Row<'_, '_>, qid: &str, label: &str, kind: EntityKind) -> Option<usize> {
        if label.is_empty() {
            self.problems.push(row.problem("empty label_en"));
            return None;
        }
        if !qid.is_empty() && !is_qid(qid) {
            self.problems.push(row.problem(&format!("{qid:?} is not a Wikidata id")));
            return None;
        }
        let key = if qid.is_empty() { format!("{}:{label}", kind.as_str()) } else { qid.to_owned() };
        if let Some(&index) = self.by_qid.get(&key) {
            if self.entities[index].kind != kind || kind != EntityKind::Person {
                self.problems.push(row.problem(&format!("{key} is listed twice")));
            }
            return Some(index);
        }
        let index = self.entities.len();
        self.entities.push(Entity::new(label, kind, (!qid.is_empty()).then_some(qid)));
        self.state_of.push(None);
        self.by_qid.insert(key, index);
        Some(index)
    }

    fn pattern(&mut self, pattern: &str, entity: usize, form: Form) {
        self.patterns.push(pattern.to_owned());
        self.terms.push(Term { entity, form });
        self.derived.push(false);
    }

    /// A form the loader makes from a listed name (a genitive), not a name of the file.
    fn derived_pattern(&mut self, pattern: &str, entity: usize, form: Form) {
        self.pattern(pattern, entity, form);
        if let Some(last) = self.derived.last_mut() {
            *last = true;
        }
    }

    fn add_names(&mut self, row: &Row<'_, '_>, columns: &[&str], entity: usize, genitive: bool) {
        let label = self.entities[entity].label.clone();
        self.pattern(&label, entity, Form::Name);
        for column in columns {
            for name in row.list(column) {
                self.pattern(name, entity, Form::Name);
                // "Russlands", "Nordkoreas": the German genitive of names not ending in a sibilant.
                if genitive && *column == "names_de" && !name.ends_with(['s', 'x', 'z', 'ß']) {
                    self.derived_pattern(&format!("{name}s"), entity, Form::Name);
                }
            }
        }
    }

    fn add_state(&mut self, row: &Row<'_, '_>, capitals: &mut Vec<(usize, String)>) {
        let qid = row.get("wikidata");
        if qid.is_empty() {
            self.problems.push(row.problem("a state needs its Wikidata id"));
            return;
        }
        let Some(state) = self.entity(row, qid, row.get("label_en"), EntityKind::State) else { return };
        self.state_of[state] = Some(state);
        let iso2 = row.get("iso2");
        if !iso2.is_empty() {
            self.by_iso2.insert(iso2.to_owned(), state);
        }
        self.add_names(row, &["names_en", "names_de", "names_fr", "names_es", "names_it"], state, true);
        for column in ["adj_en", "adj_fr", "adj_es", "adj_it"] {
            for adjective in row.list(column) {
                self.pattern(adjective, state, Form::Adjective);
            }
        }
        for stem in row.list("adj_de") {
            // Nouns for the people ("Russe") are listed as they are; stems take the endings.
            let stem_like = stem.ends_with("isch") || stem.chars().next().is_some_and(char::is_lowercase);
            if stem_like {
                for ending in ["", "e", "en", "er", "es", "em"] {
                    self.pattern(&format!("{stem}{ending}"), state, Form::Adjective);
                }
            } else {
                self.pattern(stem, state, Form::Adjective);
            }
        }
        for metonym in row.list("metonyms") {
            self.pattern(metonym, state, Form::Metonym);
        }
        let capital = row.get("capital");
        if !capital.is_empty() {
            if is_qid(capital) {
                capitals.push((state, capital.to_owned()));
            } else {
                self.problems.push(row.problem(&format!("capital {capital:?} is not a Wikidata id")));
            }
        }
    }

    fn add_place(&mut self, row: &Row<'_, '_>) {
        let Some(place) = self.entity(row, row.get("wikidata"), row.get("label_en"), EntityKind::Place) else { return };
        let state = row.get("state");
        match self.by_qid.get(state) {
            Some(&index) if self.entities[index].kind == EntityKind::State => self.state_of[place] = Some(index),
            _ => self.problems.push(row.problem(&format!("state {state:?} is not in states.tsv"))),
        }
        self.add_names(row, &["names_en", "names_de", "names_fr", "names_es", "names_it"], place, false);
    }

    fn add_organization(&mut self, row: &Row<'_, '_>) {
        let Some(organization) = self.entity(row, row.get("wikidata"), row.get("label_en"), EntityKind::Organization)
        else {
            return;
        };
        self.add_names(row, &["names_en", "names_de", "names_fr", "names_es", "names_it"], organization, false);
    }

    fn add_office(&mut self, row: &Row<'_, '_>) {
        let label = row.get("label_en");
        let qid = row.get("person");
        // A person without Q-id is one entity per label, over all rows and files.
        let person = match self.by_person_label.get(label) {
            Some(&index) if qid.is_empty() || self.entities[index].wikidata.as_deref() == Some(qid) => index,
            _ => {
                let Some(index) = self.entity(row, qid, label, EntityKind::Person) else { return };
                self.by_person_label.insert(label.to_owned(), index);
                self.pattern(label, index, Form::Name);
                index
            }
        };
        for alias in row.list("aliases") {
            self.pattern(alias, person, Form::Name);
        }
        // "Putins", "Kims", "Xis": German genitives of names.
        for surname in row.list("surname") {
            self.pattern(surname, person, Form::Surname);
            if !surname.ends_with(['s', 'x', 'z', 'ß']) {
                self.derived_pattern(&format!("{surname}s"), person, Form::Surname);
            }
        }
        let state_qid = row.get("state");
        let Some(&state) = self.by_qid.get(state_qid) else {
            self.problems
                .push(row.problem(&format!("state {state_qid:?} is in neither states.tsv nor organizations.tsv")));
            return;
        };
        let role = row.get("role");
        if !ROLES.contains(&role) {
            self.problems.push(row.problem(&format!("unknown role {role:?}")));
        }
        let date = |column: &str| -> Result<Option<PartialDate>, String> {
            let text = row.get(column);
            if text.is_empty() {
                return Ok(None);
            }
            text.parse().map(Some).map_err(|_| row.problem(&format!("{column} {text:?} is not YYYY[-MM[-DD]]")))
        };
        let (start, end) = match (date("start"), date("end")) {
            (Ok(start), Ok(end)) => (start, end),
            (Err(problem), _) | (_, Err(problem)) => {
                self.problems.push(problem);
                return;
            }
        };
        if let (Some(start), Some(end)) = (start, end)
            && start.to_days() > last_day(end)
        {
            self.problems.push(row.problem(&format!("start {start} is after end {end}")));
        }
        if start.is_none() {
            self.problems.push(row.problem("empty start"));
        }
        self.offices_of.entry(person).or_default().push(self.offices.len());
        self.offices.push(Office { person, state, role: role.to_owned(), start, end });
    }

    /// Adds every pattern to `builder`, valued by its index in `terms`.
    pub(crate) fn add_patterns(&self, builder: &mut MatcherBuilder) {
        for (index, pattern) in self.patterns.iter().enumerate() {
            builder.add(pattern, index as u32);
        }
    }

    /// The entity with this Wikidata id.
    pub(crate) fn by_qid(&self, qid: &str) -> Option<usize> {
        self.by_qid.get(qid).copied()
    }

    /// The unique holder of `role` in `state` on `date`.
    pub(crate) fn holder(&self, state: usize, role: &str, date: PartialDate) -> Option<usize> {
        let mut holders = self.offices.iter().filter(|o| o.state == state && o.role == role && o.covers(date));
        let first = holders.next()?;
        holders.all(|o| o.person == first.person).then_some(first.person)
    }

    /// The offices `person` held on `date` (state offices only), or all of them without a date.
    pub(crate) fn offices_at(&self, person: usize, date: Option<PartialDate>) -> impl Iterator<Item = &Office> {
        self.offices_of
            .get(&person)
            .into_iter()
            .flatten()
            .map(|&index| &self.offices[index])
            .filter(move |o| date.is_none_or(|d| o.covers(d)))
    }

    #[cfg(test)]
    /// Every name that two entities of one kind share, as `kind: name (label, label)`.
    pub(crate) fn ambiguous_names(&self) -> Vec<String> {
        let mut seen: BTreeMap<(EntityKind, String), usize> = BTreeMap::new();
        let mut clashes = Vec::new();
        for ((pattern, term), derived) in self.patterns.iter().zip(&self.terms).zip(&self.derived) {
            let kind = self.entities[term.entity].kind;
            if *derived || !matches!(kind, EntityKind::State | EntityKind::Organization) || term.form == Form::Adjective
            {
                continue;
            }
            let key = (kind, fold(pattern));
            match seen.get(&key) {
                Some(&other) if other != term.entity => clashes.push(format!(
                    "{}: {pattern:?} names {} and {}",
                    kind.as_str(),
                    self.entities[other].label,
                    self.entities[term.entity].label
                )),
                _ => {
                    seen.insert(key, term.entity);
                }
            }
        }
        clashes
    }
}

/// Lower case without accents, hyphens as spaces, for comparing names ("OPEC+" stays apart
/// from "OPEC").
#[cfg(test)]
fn fold(text: &str) -> String {
    crate::matcher::strip_accents(&text.to_lowercase()).replace('-', " ")
}

impl Gazetteer {
    /// Every name (not adjective, metonym or inflected form) of every entity, as (IRI, name)
    /// pairs sorted, for resolving names people type in other languages.
    pub(crate) fn names(&self) -> Vec<(String, String)> {
        let mut names: Vec<(String, String)> = self
            .terms
            .iter()
            .zip(&self.patterns)
            .zip(&self.derived)
            .filter(|((term, _), derived)| matches!(term.form, Form::Name | Form::Surname) && !**derived)
            .map(|((term, pattern), _)| (self.entities[term.entity].id.clone(), pattern.clone()))
            .collect();
        names.sort();
        names.dedup();
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STATE_ROWS: &str = "wikidata\tiso2\tiso3\tlabel_en\tnames_en\tnames_de\tnames_fr\tnames_es\tnames_it\tadj_en\tadj_de\tadj_fr\tadj_es\tadj_it\tcapital\tmetonyms\nQ159\tRU\tRUS\tRussia\t\tRussland\t\t\t\tRussian\trussisch\t\t\t\t\tKreml\n";

    fn problems(files: &[(&str, &str)]) -> Vec<String> {
        Gazetteer::parse(files).problems
    }

    #[test]
    fn the_embedded_files_parse_without_problems() {
        let gazetteer = Gazetteer::parse(crate::embedded::GAZETTEER);
        assert_eq!(gazetteer.problems, Vec::<String>::new());
        for name in ["states.tsv", "organizations.tsv", "places.tsv"] {
            assert!(crate::embedded::GAZETTEER.iter().any(|(file, _)| *file == name), "{name} is missing");
        }
        assert!(crate::embedded::GAZETTEER.iter().any(|(file, _)| file.starts_with("leaders/")), "no leaders file");
    }

    #[test]
    fn no_name_names_two_states_or_two_organisations() {
        assert_eq!(Gazetteer::parse(crate::embedded::GAZETTEER).ambiguous_names(), Vec::<String>::new());
    }

    #[test]
    fn a_bad_header_is_reported_with_file_and_line() {
        assert_eq!(
            problems(&[("organizations.tsv", "qid\tlabel\n")])[0],
            "organizations.tsv:1: header is \"qid\\tlabel\", expected \"wikidata\\tlabel_en\\tnames_en\\tnames_de\\tnames_fr\\tnames_es\\tnames_it\""
        );
    }

    #[test]
    fn a_short_row_is_reported() {
        assert_eq!(
            problems(&[("states.tsv", &format!("{STATE_ROWS}Q183\tDE\n"))]),
            ["states.tsv:3: 2 cells, expected 16"]
        );
    }

    #[test]
    fn a_bad_qid_is_reported() {
        let row = format!("{ORGANIZATIONS}\nX7\tNATO\t\t\t\t\t\n");
        assert_eq!(problems(&[("organizations.tsv", &row)]), ["organizations.tsv:2: \"X7\" is not a Wikidata id"]);
    }

    #[test]
    fn a_bad_term_is_reported() {
        let leaders = format!("{LEADERS}\nQ7747\tVladimir Putin\t\tPutin\tQ159\tPresident\t2012-05-07\t2000-01-01\n");
        assert_eq!(
            problems(&[("states.tsv", STATE_ROWS), ("leaders/europe.tsv", &leaders)]),
            ["leaders/europe.tsv:2: start 2012-05-07 is after end 2000-01-01"]
        );
        let leaders = format!("{LEADERS}\nQ7747\tVladimir Putin\t\tPutin\tQ159\tPresident\t7.5.2012\t\n");
        assert_eq!(
            problems(&[("states.tsv", STATE_ROWS), ("leaders/europe.tsv", &leaders)]),
            ["leaders/europe.tsv:2: start \"7.5.2012\" is not YYYY[-MM[-DD]]"]
        );
    }

    #[test]
    fn a_shared_name_is_ambiguous() {
        let rows = format!("{STATE_ROWS}Q183\tDE\tDEU\tGermany\t\tRussland\t\t\t\t\t\t\t\t\t\t\n");
        assert_eq!(
            Gazetteer::parse(&[("states.tsv", &rows)]).ambiguous_names(),
            ["state: \"Russland\" names Russia and Germany"]
        );
    }

    #[test]
    fn office_terms_cover_partial_dates() {
        let leaders = format!("{LEADERS}\nQ7747\tVladimir Putin\t\tPutin\tQ159\tPresident\t2012-05-07\t\n");
        let gazetteer = Gazetteer::parse(&[("states.tsv", STATE_ROWS), ("leaders/europe.tsv", &leaders)]);
        let russia = gazetteer.by_iso2["RU"];
        assert_eq!(gazetteer.holder(russia, "President", "2012".parse().unwrap()), Some(1));
        assert_eq!(gazetteer.holder(russia, "President", "2011".parse().unwrap()), None);
    }
}
