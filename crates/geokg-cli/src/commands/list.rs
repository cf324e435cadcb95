//! `geokg meetings`, `geokg transfers`, `geokg leaders`: the merged graph as listings, filtered
//! by actor, date and status, as a table, the contract's JSON (with `sources`) or CSV.

use crate::cli::{ListArgs, ListFormat};
use crate::{names, output};
use geokg_model::json::{LeaderJson, MeetingJson, SourceJson, TransferJson};
use geokg_model::{Entity, PartialDate, Source, Sourced, Status, days_in_month};
use geokg_store::Store;
use std::io::Write;
use std::process::ExitCode;

pub(crate) fn meetings(store: &Store, args: &ListArgs) -> anyhow::Result<ExitCode> {
    let facts = store.facts()?;
    let meetings: Vec<_> = facts
        .meetings
        .iter()
        .filter(|m| m.fact.kind.is_meeting())
        .filter(|m| keep(args, m.fact.participants.iter(), m.fact.date, m.fact.status))
        .collect();
    let mut meetings = meetings;
    meetings.sort_by_cached_key(|m| (m.fact.date.is_none(), m.fact.date, labels(&m.fact.participants)));
    let mut out = output::stdout();
    match args.format {
        ListFormat::Json => {
            let json: Vec<MeetingJson> = meetings
                .iter()
                .map(|m| MeetingJson {
                    evidence: None,
                    sources: Some(sources(&m.sources)),
                    ..MeetingJson::from(&m.fact)
                })
                .collect();
            output::line(&mut out, &serde_json::to_string_pretty(&json)?)?;
        }
        ListFormat::Table => {
            let rows: Vec<Vec<String>> = meetings
                .iter()
                .map(|m| {
                    vec![
                        date(m.fact.date),
                        labels(&m.fact.participants),
                        m.fact.place.as_ref().map(|p| p.label.clone()).unwrap_or_default(),
                        m.fact.status.to_string(),
                        m.sources.len().to_string(),
                    ]
                })
                .collect();
            output::line(&mut out, &output::table(&["date", "participants", "place", "status", "sources"], &rows))?;
        }
        ListFormat::Csv => {
            output::line(&mut out, "id,kind,date,participants,place,status,sources,first_source")?;
            for m in &meetings {
                let cells = [
                    m.fact.iri(),
                    m.fact.kind.as_str().to_owned(),
                    date(m.fact.date),
                    labels(&m.fact.participants),
                    m.fact.place.as_ref().map(|p| p.label.clone()).unwrap_or_default(),
                    m.fact.status.to_string(),
                    m.sources.len().to_string(),
                    m.sources.first().map(|s| s.document.clone()).unwrap_or_default(),
                ];
                output::line(&mut out, &output::csv_record(&cells))?;
            }
        }
    }
    out.flush()?;
    Ok(found(meetings.len()))
}

pub(crate) fn transfers(store: &Store, args: &ListArgs) -> anyhow::Result<ExitCode> {
    let facts = store.facts()?;
    let transfers: Vec<_> = facts
        .transfers
        .iter()
        .filter(|t| keep(args, [&t.fact.supplier, &t.fact.recipient].into_iter(), t.fact.date, t.fact.status))
        .collect();
    let mut transfers = transfers;
    transfers.sort_by_cached_key(|t| {
        (t.fact.date.is_none(), t.fact.date, t.fact.supplier.label.clone(), t.fact.recipient.label.clone())
    });
    let mut out = output::stdout();
    match args.format {
        ListFormat::Json => {
            let json: Vec<TransferJson> = transfers
                .iter()
                .map(|t| TransferJson {
                    evidence: None,
                    sources: Some(sources(&t.sources)),
                    ..TransferJson::from(&t.fact)
                })
                .collect();
            output::line(&mut out, &serde_json::to_string_pretty(&json)?)?;
        }
        ListFormat::Table => {
            let rows: Vec<Vec<String>> = transfers
                .iter()
                .map(|t| {
                    vec![
                        date(t.fact.date),
                        t.fact.supplier.label.clone(),
                        t.fact.recipient.label.clone(),
                        format!("{} ({})", t.fact.item, t.fact.category),
                        t.fact.status.to_string(),
                        t.sources.len().to_string(),
                    ]
                })
                .collect();
            output::line(
                &mut out,
                &output::table(&["date", "supplier", "recipient", "item", "status", "sources"], &rows),
            )?;
        }
        ListFormat::Csv => {
            output::line(&mut out, "id,date,supplier,recipient,item,category,status,sources,first_source")?;
            for t in &transfers {
                let cells = [
                    t.fact.iri(),
                    date(t.fact.date),
                    t.fact.supplier.label.clone(),
                    t.fact.recipient.label.clone(),
                    t.fact.item.clone(),
                    t.fact.category.to_string(),
                    t.fact.status.to_string(),
                    t.sources.len().to_string(),
                    t.sources.first().map(|s| s.document.clone()).unwrap_or_default(),
                ];
                output::line(&mut out, &output::csv_record(&cells))?;
            }
        }
    }
    out.flush()?;
    Ok(found(transfers.len()))
}

pub(crate) fn leaders(store: &Store, args: &ListArgs) -> anyhow::Result<ExitCode> {
    let facts = store.facts()?;
    // Office holdings carry no event date or status: the date filters apply to the documents
    // that state them, and --status to nothing.
    let leaders: Vec<&Sourced<geokg_model::Leader>> = facts
        .leaders
        .iter()
        .filter(|l| {
            args.with
                .as_deref()
                .is_none_or(|name| names::matches(&l.fact.person, name) || names::matches(&l.fact.state, name))
        })
        .filter(|l| l.sources.iter().any(|s| within(args, s.published)))
        .collect();
    let mut leaders = leaders;
    leaders.sort_by_cached_key(|l| (l.fact.state.label.clone(), l.fact.person.label.clone(), l.fact.role_label()));
    let mut out = output::stdout();
    match args.format {
        ListFormat::Json => {
            let json: Vec<LeaderJson> = leaders
                .iter()
                .map(|l| LeaderJson { evidence: None, sources: Some(sources(&l.sources)), ..LeaderJson::from(&l.fact) })
                .collect();
            output::line(&mut out, &serde_json::to_string_pretty(&json)?)?;
        }
        ListFormat::Table => {
            let rows: Vec<Vec<String>> = leaders
                .iter()
                .map(|l| {
                    vec![
                        l.fact.person.label.clone(),
                        l.fact.state.label.clone(),
                        l.fact.role_label(),
                        l.sources.len().to_string(),
                    ]
                })
                .collect();
            output::line(&mut out, &output::table(&["person", "state", "role", "sources"], &rows))?;
        }
        ListFormat::Csv => {
            output::line(&mut out, "person,person_wikidata,state,state_wikidata,role,sources,first_source")?;
            for l in &leaders {
                let cells = [
                    l.fact.person.label.clone(),
                    l.fact.person.wikidata.clone().unwrap_or_default(),
                    l.fact.state.label.clone(),
                    l.fact.state.wikidata.clone().unwrap_or_default(),
                    l.fact.role_label(),
                    l.sources.len().to_string(),
                    l.sources.first().map(|s| s.document.clone()).unwrap_or_default(),
                ];
                output::line(&mut out, &output::csv_record(&cells))?;
            }
        }
    }
    out.flush()?;
    Ok(found(leaders.len()))
}

/// Whether a fact passes the actor, date and status filters.
fn keep<'a>(
    args: &ListArgs,
    mut actors: impl Iterator<Item = &'a Entity>,
    date: Option<PartialDate>,
    status: Status,
) -> bool {
    (args.status.is_empty() || args.status.contains(&status))
        && within(args, date)
        && args.with.as_deref().is_none_or(|name| actors.any(|actor| names::matches(actor, name)))
}

/// Whether a date may fall between `--since` and `--until` (an undated fact passes only without them).
fn within(args: &ListArgs, date: Option<PartialDate>) -> bool {
    if args.since.is_none() && args.until.is_none() {
        return true;
    }
    let Some(date) = date else { return false };
    args.since.is_none_or(|since| last_day(date) >= since.to_days())
        && args.until.is_none_or(|until| date.to_days() <= last_day(until))
}

/// The last day a date can denote, in days since 1970.
fn last_day(date: PartialDate) -> i64 {
    let year = date.get_year();
    match (date.get_month(), date.get_day()) {
        (_, Some(_)) => date.to_days(),
        (Some(month), None) => date.to_days() + i64::from(days_in_month(year, month)) - 1,
        (None, _) => PartialDate::day(year, 12, 31).map_or(date.to_days(), PartialDate::to_days),
    }
}

fn sources(sources: &[Source]) -> Vec<SourceJson> {
    sources
        .iter()
        .map(|s| SourceJson {
            document: s.document.clone(),
            evidence: s.evidence.first().map(|e| e.sentence.clone()).unwrap_or_default(),
        })
        .collect()
}

fn labels(entities: &[Entity]) -> String {
    entities.iter().map(|e| e.label.as_str()).collect::<Vec<_>>().join("; ")
}

fn date(date: Option<PartialDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

fn found(n: usize) -> ExitCode {
    if n == 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}
