//! The filters every question shares, and the projection of the view they select: which edges
//! count (status, dates, sources, relations) and whether persons are rolled up to the states
//! they led.
//!
//! Without roll-up the projection reads the view's sorted adjacency and filters on the fly, so
//! a question costs only the edges it touches. With roll-up it materialises a rolled adjacency
//! once per [`crate::Query`].

use crate::view::{Edge, Relation, UNDATED, View};
use geokg_model::{PartialDate, Status};

/// A set of statuses (default: occurred only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StatusSet(u8);

impl StatusSet {
    /// Only what is asserted as having happened.
    #[must_use]
    pub fn occurred() -> Self {
        Self::of([Status::Occurred])
    }

    /// Every status, negated included.
    #[must_use]
    pub fn any() -> Self {
        Self::of(Status::ALL)
    }

    /// The statuses given.
    pub fn of(statuses: impl IntoIterator<Item = Status>) -> Self {
        Self(statuses.into_iter().fold(0, |bits, s| bits | 1 << s as u8))
    }

    /// Parses a comma-separated list (`occurred,alleged`) or `any`.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        if text.trim().eq_ignore_ascii_case("any") {
            return Some(Self::any());
        }
        let mut set = Self(0);
        for word in text.split(',') {
            set.0 |= 1 << Status::parse(word.trim().to_lowercase().as_str())? as u8;
        }
        Some(set)
    }

    /// Whether the set holds `status`.
    #[must_use]
    pub fn contains(self, status: Status) -> bool {
        self.0 & (1 << status as u8) != 0
    }
}

impl Default for StatusSet {
    fn default() -> Self {
        Self::occurred()
    }
}

/// A set of relations (default: all three).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Relations(u8);

impl Relations {
    /// Met, supplied and leads.
    #[must_use]
    pub fn all() -> Self {
        Self::of(Relation::ALL)
    }

    /// The relations given.
    pub fn of(relations: impl IntoIterator<Item = Relation>) -> Self {
        Self(relations.into_iter().fold(0, |bits, r| bits | 1 << r as u8))
    }

    /// Parses a comma-separated list (`met,supplied`).
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let mut set = Self(0);
        for word in text.split(',') {
            set.0 |= 1 << Relation::parse(word)? as u8;
        }
        Some(set)
    }

    /// Whether the set holds `relation`.
    #[must_use]
    pub fn contains(self, relation: Relation) -> bool {
        self.0 & (1 << relation as u8) != 0
    }
}

impl Default for Relations {
    fn default() -> Self {
        Self::all()
    }
}

/// The filters shared by every question.
///
/// An event counts when its status is in `statuses`, it has at least `min_sources` documents,
/// its relation is in `via`, and — when `since` or `until` is set — its date range overlaps
/// `since ..= until` (undated events are then left out). Office holdings (`leads`) have no
/// status and no event date; only `min_sources` and `via` apply to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Filter {
    /// The earliest date (its first day) an event may reach.
    pub since: Option<PartialDate>,
    /// The latest date (its last day) an event may start at.
    pub until: Option<PartialDate>,
    /// The statuses that count.
    pub statuses: StatusSet,
    /// The fewest distinct documents a fact needs.
    pub min_sources: usize,
    /// The relations that count.
    pub via: Relations,
    /// Whether persons stand for the state they led at the date of each fact.
    pub as_states: bool,
}

impl Filter {
    /// Sets the earliest date.
    #[must_use]
    pub fn with_since(mut self, since: Option<PartialDate>) -> Self {
        self.since = since;
        self
    }

    /// Sets the latest date.
    #[must_use]
    pub fn with_until(mut self, until: Option<PartialDate>) -> Self {
        self.until = until;
        self
    }

    /// Sets the statuses that count.
    #[must_use]
    pub fn with_statuses(mut self, statuses: StatusSet) -> Self {
        self.statuses = statuses;
        self
    }

    /// Sets the fewest distinct documents a fact needs.
    #[must_use]
    pub fn with_min_sources(mut self, min_sources: usize) -> Self {
        self.min_sources = min_sources;
        self
    }

    /// Sets the relations that count.
    #[must_use]
    pub fn with_via(mut self, via: Relations) -> Self {
        self.via = via;
        self
    }

    /// Rolls persons up to the states they led.
    #[must_use]
    pub fn with_as_states(mut self, as_states: bool) -> Self {
        self.as_states = as_states;
        self
    }

    fn window(&self) -> Option<(i32, i32)> {
        if self.since.is_none() && self.until.is_none() {
            return None;
        }
        let lo = self.since.map_or(i32::MIN + 1, |d| crate::view::day_range(Some(d)).0);
        let hi = self.until.map_or(i32::MAX, |d| crate::view::day_range(Some(d)).1);
        Some((lo, hi))
    }
}

/// A filter with its date window computed, checked on every edge.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Check {
    window: Option<(i32, i32)>,
    statuses: StatusSet,
    min_sources: usize,
    via: Relations,
}

impl Check {
    pub(crate) fn new(filter: &Filter) -> Self {
        let mut via = filter.via;
        if filter.as_states {
            // Rolled up, a holding joins a state to itself.
            via.0 &= !(1 << Relation::Leads as u8);
        }
        Self { window: filter.window(), statuses: filter.statuses, min_sources: filter.min_sources, via }
    }

    pub(crate) fn accepts(&self, view: &View, edge: Edge) -> bool {
        if !self.via.contains(edge.relation) {
            return false;
        }
        let (status, lo, hi, n_sources) = match edge.relation {
            Relation::Met => {
                let m = &view.meetings[edge.fact as usize];
                (m.status, m.lo, m.hi, m.sources.len())
            }
            Relation::Supplied => {
                let t = &view.transfers[edge.fact as usize];
                (t.status, t.lo, t.hi, t.sources.len())
            }
            Relation::Leads => {
                let l = &view.leads[edge.fact as usize];
                return l.sources.len() >= self.min_sources;
            }
        };
        self.statuses.contains(status)
            && n_sources >= self.min_sources
            && self.window.is_none_or(|(from, to)| lo != UNDATED && hi >= from && lo <= to)
    }
}

/// The graph a question sees: the view filtered, possibly rolled up.
#[derive(Debug, Clone)]
pub(crate) struct Projection<'v> {
    pub(crate) view: &'v View,
    /// One bit per edge of the view: whether it counts. Checking the filter once per edge
    /// here keeps the fact tables out of every later traversal.
    accepted: Vec<u64>,
    rolled: Option<Rolled>,
}

/// A materialised adjacency: by node, sorted (neighbour, edge).
#[derive(Debug, Clone)]
struct Rolled {
    offsets: Vec<u32>,
    adjacency: Vec<(u32, u32)>,
}

impl<'v> Projection<'v> {
    pub(crate) fn new(view: &'v View, filter: &Filter) -> Self {
        let check = Check::new(filter);
        let edges = view.graph.raw_edges();
        let mut accepted = vec![0u64; edges.len().div_ceil(64)];
        for (index, edge) in edges.iter().enumerate() {
            if check.accepts(view, edge.weight) {
                accepted[index / 64] |= 1 << (index % 64);
            }
        }
        let mut projection = Self { view, accepted, rolled: None };
        if filter.as_states {
            projection.rolled = Some(projection.roll());
        }
        projection
    }

    /// Whether an edge of the view counts.
    pub(crate) fn accepts(&self, edge: u32) -> bool {
        self.accepted[edge as usize / 64] & (1 << (edge % 64)) != 0
    }

    pub(crate) fn n_nodes(&self) -> usize {
        self.view.n_nodes()
    }

    pub(crate) fn is_rolled(&self) -> bool {
        self.rolled.is_some()
    }

    /// Calls `f(neighbour, edge)` for every counting edge of `node`, by neighbour then edge.
    pub(crate) fn for_each(&self, node: u32, mut f: impl FnMut(u32, u32)) {
        if let Some(rolled) = &self.rolled {
            let range = rolled.offsets[node as usize] as usize..rolled.offsets[node as usize + 1] as usize;
            for &(next, edge) in &rolled.adjacency[range] {
                f(next, edge);
            }
            return;
        }
        for &(next, edge) in self.view.adjacent(node) {
            if self.accepts(edge) {
                f(next, edge);
            }
        }
    }

    /// The two ends of an edge as this projection sees them (rolled up when rolling up), in the
    /// edge's own direction (supplier or person first).
    pub(crate) fn ends(&self, edge: u32) -> (u32, u32) {
        let raw = &self.view.graph.raw_edges()[edge as usize];
        let (a, b) = (raw.source().index() as u32, raw.target().index() as u32);
        if self.rolled.is_none() {
            return (a, b);
        }
        let day = self.day(raw.weight);
        (self.view.roll_up(a, day), self.view.roll_up(b, day))
    }

    /// The last day of an edge's fact ([`UNDATED`] when undated or a holding).
    pub(crate) fn day(&self, edge: Edge) -> i32 {
        match edge.relation {
            Relation::Met => self.view.meetings[edge.fact as usize].hi,
            Relation::Supplied => self.view.transfers[edge.fact as usize].hi,
            Relation::Leads => {
                self.view.leads[edge.fact as usize].last.map_or(UNDATED, |d| crate::view::day_range(Some(d)).1)
            }
        }
    }

    /// Every counting edge once, with its (projected) ends.
    pub(crate) fn edges(&self) -> impl Iterator<Item = (u32, u32, u32)> + '_ {
        let n_edges = self.view.graph.raw_edges().len() as u32;
        (0..n_edges).filter_map(move |edge| {
            if !self.accepts(edge) {
                return None;
            }
            let (a, b) = self.ends(edge);
            (a != b).then_some((a, b, edge))
        })
    }
}

impl Projection<'_> {
    /// The adjacency of the counting edges with persons rolled up; self-loops dropped.
    fn roll(&self) -> Rolled {
        let view = self.view;
        let n = view.n_nodes();
        let mut ends: Vec<(u32, u32, u32)> = Vec::new();
        let raw = view.graph.raw_edges();
        for edge in 0..raw.len() as u32 {
            if !self.accepts(edge) {
                continue;
            }
            let day = self.day(raw[edge as usize].weight);
            let (a, b) = (
                view.roll_up(raw[edge as usize].source().index() as u32, day),
                view.roll_up(raw[edge as usize].target().index() as u32, day),
            );
            if a != b {
                ends.push((a, b, edge));
                ends.push((b, a, edge));
            }
        }
        ends.sort_unstable();
        let mut offsets = Vec::with_capacity(n + 1);
        let mut at = 0;
        for node in 0..=n as u32 {
            while at < ends.len() && ends[at].0 < node {
                at += 1;
            }
            offsets.push(at as u32);
        }
        Rolled { offsets, adjacency: ends.into_iter().map(|(_, b, e)| (b, e)).collect() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::{facts_of, supplied};

    #[test]
    fn sets_parse_the_words_of_the_contract() {
        assert_eq!(StatusSet::parse("any"), Some(StatusSet::any()));
        assert_eq!(StatusSet::parse("occurred, Alleged"), Some(StatusSet::of([Status::Occurred, Status::Alleged])));
        assert_eq!(StatusSet::parse("rumoured"), None);
        assert_eq!(StatusSet::parse(""), None);
        assert_eq!(Relations::parse("met,supplied"), Some(Relations::of([Relation::Met, Relation::Supplied])));
        assert_eq!(Relations::parse("Leads"), Some(Relations::of([Relation::Leads])));
        assert_eq!(Relations::parse("visited"), None);
        assert!(StatusSet::default().contains(Status::Occurred));
        assert!(!StatusSet::default().contains(Status::Planned));
    }

    #[test]
    fn a_date_window_keeps_overlapping_events_and_drops_undated_ones() {
        let view = View::build(&facts_of(
            &[],
            &[
                supplied("Iran", "Russia", "drones", "", "occurred", 1),
                supplied("Iran", "Russia", "missiles", "2022", "occurred", 1),
                supplied("Iran", "Russia", "shells", "2023-12-31", "occurred", 1),
            ],
            &[],
        ));
        let items = |filter: Filter| {
            let projection = Projection::new(&view, &filter);
            let mut items: Vec<&str> = projection
                .edges()
                .map(|(_, _, edge)| view.str(view.transfers[view.edge(edge).fact as usize].item))
                .collect();
            items.sort_unstable();
            items
        };
        assert_eq!(items(Filter::default()), ["drones", "missiles", "shells"]);
        let date = |text: &str| text.parse().ok();
        assert_eq!(items(Filter::default().with_since(date("2022-12"))), ["missiles", "shells"]);
        assert_eq!(items(Filter::default().with_since(date("2023"))), ["shells"]);
        assert_eq!(items(Filter::default().with_until(date("2022-06-30"))), ["missiles"]);
        assert_eq!(items(Filter::default().with_since(date("2024"))), Vec::<&str>::new());
    }
}
