//! A built view as a compact binary file, so a command can skip reading the store and building
//! again: `View::write_cache` and `View::read_cache`.
//!
//! The format is ours and versioned: the magic `GKGRAPH\0`, a little-endian `u32` version, then
//! the tables of the view (strings, entities, facts, sources, evidence, edges) as little-endian
//! integers, and the magic again at the end. The adjacency and the petgraph graph are rebuilt
//! from the edges on reading. Everything read is bounds-checked, so a damaged file gives
//! [`GraphError::BadCache`], never a panic. Keying the file to the store's state is the
//! caller's business.

use crate::error::GraphError;
use crate::strings::Strings;
use crate::view::{Edge, EntityRec, LeadRec, MeetingRec, NONE, Relation, SourceRec, Span, TransferRec, View};
use geokg_model::{EntityKind, MeetingKind, PartialDate, Status, TransferCategory};
use std::io::{BufReader, BufWriter, Read, Write};

const MAGIC: &[u8; 8] = b"GKGRAPH\0";
/// Bumped whenever the layout changes; an older file is then refused and rebuilt.
pub const CACHE_VERSION: u32 = 1;

const KINDS: [EntityKind; 5] =
    [EntityKind::Person, EntityKind::State, EntityKind::Organization, EntityKind::Place, EntityKind::Other];
const MEETING_KINDS: [MeetingKind; 5] =
    [MeetingKind::Meeting, MeetingKind::Visit, MeetingKind::Summit, MeetingKind::Talks, MeetingKind::PhoneCall];

fn position<T: PartialEq>(all: &[T], value: &T) -> u8 {
    all.iter().position(|v| v == value).unwrap_or_default() as u8
}

struct Out<W: Write>(W);

impl<W: Write> Out<W> {
    fn bytes(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.0.write_all(bytes)
    }
    fn u8(&mut self, v: u8) -> std::io::Result<()> {
        self.bytes(&[v])
    }
    fn u32(&mut self, v: u32) -> std::io::Result<()> {
        self.bytes(&v.to_le_bytes())
    }
    fn i32(&mut self, v: i32) -> std::io::Result<()> {
        self.bytes(&v.to_le_bytes())
    }
    fn u64(&mut self, v: u64) -> std::io::Result<()> {
        self.bytes(&v.to_le_bytes())
    }
    fn len(&mut self, v: usize) -> std::io::Result<()> {
        self.u64(v as u64)
    }
    fn span(&mut self, span: Span) -> std::io::Result<()> {
        self.u32(span.start)?;
        self.u32(span.end)
    }
    fn date(&mut self, date: Option<PartialDate>) -> std::io::Result<()> {
        match date {
            None => self.u8(0),
            Some(date) => {
                self.u8(1)?;
                self.i32(date.get_year())?;
                self.u8(date.get_month().unwrap_or(0))?;
                self.u8(date.get_day().unwrap_or(0))
            }
        }
    }
    fn u32s(&mut self, values: &[u32]) -> std::io::Result<()> {
        self.len(values.len())?;
        values.iter().try_for_each(|&v| self.u32(v))
    }
}

struct In<R: Read>(R);

fn bad(reason: &str) -> GraphError {
    GraphError::BadCache(reason.to_owned())
}

impl<R: Read> In<R> {
    fn array<const N: usize>(&mut self) -> Result<[u8; N], GraphError> {
        let mut bytes = [0; N];
        self.0.read_exact(&mut bytes).map_err(|error| match error.kind() {
            std::io::ErrorKind::UnexpectedEof => bad("the file is cut short"),
            _ => GraphError::CacheIo(error),
        })?;
        Ok(bytes)
    }
    fn u8(&mut self) -> Result<u8, GraphError> {
        Ok(self.array::<1>()?[0])
    }
    fn u32(&mut self) -> Result<u32, GraphError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    fn i32(&mut self) -> Result<i32, GraphError> {
        Ok(i32::from_le_bytes(self.array()?))
    }
    fn u64(&mut self) -> Result<u64, GraphError> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    /// A length, refused when implausibly large for the file (a damaged length would
    /// otherwise ask for terabytes).
    fn len(&mut self) -> Result<usize, GraphError> {
        let len = self.u64()?;
        if len > 1 << 36 {
            return Err(bad("a table length is out of range"));
        }
        Ok(len as usize)
    }
    fn span(&mut self, limit: usize) -> Result<Span, GraphError> {
        let span = Span { start: self.u32()?, end: self.u32()? };
        if span.start > span.end || span.end as usize > limit {
            return Err(bad("a range points outside its table"));
        }
        Ok(span)
    }
    fn index(&mut self, limit: usize, optional: bool) -> Result<u32, GraphError> {
        let index = self.u32()?;
        if (index as usize) < limit || (optional && index == NONE) {
            Ok(index)
        } else {
            Err(bad("an index points outside its table"))
        }
    }
    fn pick<T: Copy>(&mut self, all: &[T]) -> Result<T, GraphError> {
        all.get(self.u8()? as usize).copied().ok_or_else(|| bad("an unknown enumeration value"))
    }
    fn date(&mut self) -> Result<Option<PartialDate>, GraphError> {
        if self.u8()? == 0 {
            return Ok(None);
        }
        let (year, month, day) = (self.i32()?, self.u8()?, self.u8()?);
        let date = match (month, day) {
            (0, _) => Some(PartialDate::year(year)),
            (month, 0) => PartialDate::month(year, month),
            (month, day) => PartialDate::day(year, month, day),
        };
        date.map(Some).ok_or_else(|| bad("an impossible date"))
    }
    fn u32s(&mut self, limit: usize) -> Result<Vec<u32>, GraphError> {
        let len = self.len()?;
        (0..len).map(|_| self.index(limit, false)).collect()
    }
}

impl View {
    /// Writes the view in geokg's binary cache format.
    pub fn write_cache(&self, writer: impl Write) -> Result<(), GraphError> {
        let mut out = Out(BufWriter::new(writer));
        out.bytes(MAGIC)?;
        out.u32(CACHE_VERSION)?;
        out.len(self.strings.buf.len())?;
        out.bytes(self.strings.buf.as_bytes())?;
        out.len(self.strings.ends.len())?;
        self.strings.ends.iter().try_for_each(|&end| out.u64(end))?;
        out.u32(self.n_actors)?;
        out.u64(self.n_documents)?;
        out.len(self.entities.len())?;
        for e in &self.entities {
            out.u32(e.iri)?;
            out.u32(e.label)?;
            out.u32(e.wikidata)?;
            out.u8(position(&KINDS, &e.kind))?;
        }
        out.u32s(&self.participants)?;
        out.u32s(&self.evidence)?;
        out.len(self.sources.len())?;
        for s in &self.sources {
            out.u32(s.document)?;
            out.date(s.published)?;
            out.span(s.evidence)?;
        }
        out.len(self.meetings.len())?;
        for m in &self.meetings {
            out.u32(m.event)?;
            out.u8(position(&MEETING_KINDS, &m.kind))?;
            out.u8(position(&Status::ALL, &m.status))?;
            out.u32(m.place)?;
            out.date(m.date)?;
            out.span(m.participants)?;
            out.span(m.sources)?;
        }
        out.len(self.transfers.len())?;
        for t in &self.transfers {
            out.u32(t.supplier)?;
            out.u32(t.recipient)?;
            out.u32(t.item)?;
            out.u8(position(&TransferCategory::ALL, &t.category))?;
            out.u8(position(&Status::ALL, &t.status))?;
            out.date(t.date)?;
            out.span(t.sources)?;
        }
        out.len(self.leads.len())?;
        for l in &self.leads {
            out.u32(l.person)?;
            out.u32(l.state)?;
            out.u32(l.role)?;
            out.u8(u8::from(l.former))?;
            out.date(l.first)?;
            out.date(l.last)?;
            out.span(l.sources)?;
        }
        let edges = self.graph.raw_edges();
        out.len(edges.len())?;
        for edge in edges {
            out.u32(edge.source().index() as u32)?;
            out.u32(edge.target().index() as u32)?;
            out.u8(position(&Relation::ALL, &edge.weight.relation))?;
            out.u32(edge.weight.fact)?;
        }
        out.bytes(MAGIC)?;
        out.0.flush()?;
        Ok(())
    }

    /// Reads a view written by [`View::write_cache`].
    pub fn read_cache(reader: impl Read) -> Result<Self, GraphError> {
        let mut input = In(BufReader::new(reader));
        if &input.array::<8>()? != MAGIC {
            return Err(bad("not a geokg graph cache"));
        }
        let version = input.u32()?;
        if version != CACHE_VERSION {
            return Err(GraphError::BadCache(format!("version {version}, expected {CACHE_VERSION}")));
        }
        let strings = read_strings(&mut input)?;
        let n = strings.len();
        let n_actors = input.u32()?;
        let n_documents = input.u64()?;
        let n_entities = input.len()?;
        if n_actors as usize > n_entities {
            return Err(bad("more actors than entities"));
        }
        let entities = (0..n_entities)
            .map(|_| {
                Ok(EntityRec {
                    iri: input.index(n, false)?,
                    label: input.index(n, false)?,
                    wikidata: input.index(n, true)?,
                    kind: input.pick(&KINDS)?,
                })
            })
            .collect::<Result<Vec<_>, GraphError>>()?;
        let participants = input.u32s(n_actors as usize)?;
        let evidence = input.u32s(n)?;
        let n_sources = input.len()?;
        let sources = (0..n_sources)
            .map(|_| {
                Ok(SourceRec {
                    document: input.index(n, false)?,
                    published: input.date()?,
                    evidence: input.span(evidence.len())?,
                })
            })
            .collect::<Result<Vec<_>, GraphError>>()?;
        let meetings = read_meetings(&mut input, n_entities, participants.len(), sources.len())?;
        let transfers = read_transfers(&mut input, n, n_actors as usize, sources.len())?;
        let leads = read_leads(&mut input, n, n_actors as usize, sources.len())?;
        let n_edges = input.len()?;
        let edges = (0..n_edges)
            .map(|_| {
                let (a, b) = (input.index(n_actors as usize, false)?, input.index(n_actors as usize, false)?);
                let relation = input.pick(&Relation::ALL)?;
                let limit = match relation {
                    Relation::Met => meetings.len(),
                    Relation::Supplied => transfers.len(),
                    Relation::Leads => leads.len(),
                };
                Ok((a, b, Edge { relation, fact: input.index(limit, false)? }))
            })
            .collect::<Result<Vec<_>, GraphError>>()?;
        if &input.array::<8>()? != MAGIC {
            return Err(bad("the file does not end where expected"));
        }
        let mut view = View {
            strings,
            entities,
            n_actors,
            meetings,
            transfers,
            leads,
            participants,
            sources,
            evidence,
            n_documents,
            graph: petgraph::graph::UnGraph::default(),
            offsets: Vec::new(),
            adjacency: Vec::new(),
            observation_offsets: Vec::new(),
            observations: Vec::new(),
        };
        view.index(edges);
        Ok(view)
    }
}

fn read_strings<R: Read>(input: &mut In<R>) -> Result<Strings, GraphError> {
    let len = input.len()?;
    let mut buf = Vec::new();
    (&mut input.0).take(len as u64).read_to_end(&mut buf)?;
    if buf.len() != len {
        return Err(bad("the file is cut short"));
    }
    let buf = String::from_utf8(buf).map_err(|_| bad("strings are not UTF-8"))?;
    let n_strings = input.len()?;
    let mut ends = Vec::with_capacity(n_strings.min(1 << 24));
    let mut previous = 0;
    for _ in 0..n_strings {
        let end = input.u64()?;
        if end < previous || end as usize > buf.len() || !buf.is_char_boundary(end as usize) {
            return Err(bad("a string offset is out of range"));
        }
        previous = end;
        ends.push(end);
    }
    Ok(Strings { buf, ends })
}

fn read_meetings<R: Read>(
    input: &mut In<R>,
    n_entities: usize,
    n_participants: usize,
    n_sources: usize,
) -> Result<Vec<MeetingRec>, GraphError> {
    let n_meetings = input.len()?;
    let meetings: Vec<_> = (0..n_meetings)
        .map(|_| {
            let (event, kind, status) = (input.u32()?, input.pick(&MEETING_KINDS)?, input.pick(&Status::ALL)?);
            let place = input.index(n_entities, true)?;
            let date = input.date()?;
            let (lo, hi) = crate::view::day_range(date);
            Ok(MeetingRec {
                event,
                kind,
                status,
                place,
                date,
                lo,
                hi,
                participants: input.span(n_participants)?,
                sources: input.span(n_sources)?,
            })
        })
        .collect::<Result<Vec<_>, GraphError>>()?;
    Ok(meetings)
}

fn read_transfers<R: Read>(
    input: &mut In<R>,
    n: usize,
    n_actors: usize,
    n_sources: usize,
) -> Result<Vec<TransferRec>, GraphError> {
    let n_transfers = input.len()?;
    let transfers: Vec<_> = (0..n_transfers)
        .map(|_| {
            let (supplier, recipient) = (input.index(n_actors, false)?, input.index(n_actors, false)?);
            let (item, category, status) =
                (input.index(n, false)?, input.pick(&TransferCategory::ALL)?, input.pick(&Status::ALL)?);
            let date = input.date()?;
            let (lo, hi) = crate::view::day_range(date);
            Ok(TransferRec {
                supplier,
                recipient,
                item,
                category,
                status,
                date,
                lo,
                hi,
                sources: input.span(n_sources)?,
            })
        })
        .collect::<Result<Vec<_>, GraphError>>()?;
    Ok(transfers)
}

fn read_leads<R: Read>(
    input: &mut In<R>,
    n: usize,
    n_actors: usize,
    n_sources: usize,
) -> Result<Vec<LeadRec>, GraphError> {
    let n_leads = input.len()?;
    let leads: Vec<_> = (0..n_leads)
        .map(|_| {
            Ok(LeadRec {
                person: input.index(n_actors, false)?,
                state: input.index(n_actors, false)?,
                role: input.index(n, false)?,
                former: input.u8()? != 0,
                first: input.date()?,
                last: input.date()?,
                sources: input.span(n_sources)?,
            })
        })
        .collect::<Result<Vec<_>, GraphError>>()?;
    Ok(leads)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Filter, Names, PathOptions, Query, StatusSet, synthetic};

    fn bytes(view: &View) -> Vec<u8> {
        let mut bytes = Vec::new();
        view.write_cache(&mut bytes).unwrap();
        bytes
    }

    #[test]
    fn a_cached_view_answers_as_the_built_one() {
        let view = View::build(&synthetic::facts(120, 1500, 200, 6, 9));
        let written = bytes(&view);
        let read = View::read_cache(written.as_slice()).unwrap();
        assert_eq!(bytes(&read), written);
        let filter = Filter::default().with_statuses(StatusSet::any()).with_as_states(true);
        let answer = |view: &View| {
            let names = Names::new(view, []);
            let query = Query::new(view, &names, filter);
            let path = query.path("Q1000003", "Q1000100", &PathOptions { k: 3, ..PathOptions::default() });
            serde_json::to_string(&(query.who_met("Q1000001").unwrap(), path.unwrap(), query.communities())).unwrap()
        };
        assert_eq!(answer(&read), answer(&view));
    }

    #[test]
    fn damaged_caches_are_refused_without_panicking() {
        let view = View::build(&synthetic::facts(30, 200, 30, 3, 5));
        let written = bytes(&view);
        for cut in (0..written.len()).step_by(97) {
            assert!(matches!(View::read_cache(&written[..cut]), Err(GraphError::BadCache(_))), "{cut}");
        }
        let mut random = synthetic::XorShift::new(11);
        for _ in 0..300 {
            let mut damaged = written.clone();
            let at = random.below(damaged.len() as u64) as usize;
            damaged[at] ^= 1 << random.below(8);
            if let Ok(view) = View::read_cache(damaged.as_slice()) {
                let names = Names::new(&view, []);
                let query = Query::new(&view, &names, Filter::default().with_as_states(true));
                let _ = query.who_met_all(None);
                let _ = query.central(&crate::CentralOptions::default());
            }
        }
        let mut old = written;
        old[8] = 0;
        assert_eq!(
            View::read_cache(old.as_slice()).unwrap_err().to_string(),
            "the graph cache is unusable (version 0, expected 1); delete it to rebuild it"
        );
        assert!(matches!(View::read_cache(&b"not a cache"[..]), Err(GraphError::BadCache(_))));
    }
}
