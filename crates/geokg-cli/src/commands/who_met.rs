//! `geokg who-met`: an actor's counterparts, a pair's meetings with evidence, or every pair.

use super::graph::{self, date, labels};
use crate::cli::{ListFormat, WhoMetArgs};
use crate::output;
use geokg_graph::Query;
use std::io::Write;
use std::process::ExitCode;

pub(crate) fn run(store: &std::path::Path, args: &WhoMetArgs) -> anyhow::Result<ExitCode> {
    let loaded = graph::load(store)?;
    let query = Query::new(&loaded.view, &loaded.names, graph::filter(&args.graph.filter)?);
    let mut out = output::stdout();
    let format = args.graph.format;
    let n = match (&args.name, &args.other) {
        (Some(a), Some(b)) => {
            let meetings = query.meetings_between(a, b)?;
            match format {
                ListFormat::Json => output::line(&mut out, &serde_json::to_string_pretty(&meetings)?)?,
                ListFormat::Csv => {
                    output::line(&mut out, "date,kind,status,place,participants,sources,evidence")?;
                    for m in &meetings {
                        let evidence = m.sources.iter().filter_map(|s| s.evidence.first()).cloned().collect::<Vec<_>>();
                        let cells = [
                            date(m.date),
                            m.kind.clone(),
                            m.status.to_string(),
                            m.place.clone().unwrap_or_default(),
                            labels(&m.participants),
                            m.sources.len().to_string(),
                            evidence.join(" | "),
                        ];
                        output::line(&mut out, &output::csv_record(&cells))?;
                    }
                }
                ListFormat::Table => {
                    for m in &meetings {
                        let place = m.place.as_deref().map(|p| format!(", {p}")).unwrap_or_default();
                        let when = if m.date.is_some() { date(m.date) } else { "undated".into() };
                        output::line(
                            &mut out,
                            &format!("{when} {} ({}{place}): {}", m.kind, m.status, labels(&m.participants)),
                        )?;
                        for source in &m.sources {
                            output::line(&mut out, &format!("  {}", source.document))?;
                            for sentence in &source.evidence {
                                output::line(&mut out, &format!("    «{sentence}»"))?;
                            }
                        }
                    }
                }
            }
            meetings.len()
        }
        (Some(name), None) => {
            let counterparts = query.who_met(name)?;
            let counterparts = &counterparts[..args.limit.unwrap_or(usize::MAX).min(counterparts.len())];
            match format {
                ListFormat::Json => output::line(&mut out, &serde_json::to_string_pretty(&counterparts)?)?,
                ListFormat::Csv | ListFormat::Table => {
                    let rows: Vec<Vec<String>> = counterparts
                        .iter()
                        .map(|c| {
                            vec![
                                c.node.label.clone(),
                                c.meetings.to_string(),
                                date(c.first),
                                date(c.last),
                                c.places.join("; "),
                                c.statuses.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "),
                                c.sources.to_string(),
                            ]
                        })
                        .collect();
                    let header = ["counterpart", "meetings", "first", "last", "places", "statuses", "sources"];
                    render(&mut out, format, &header, &rows)?;
                }
            }
            counterparts.len()
        }
        (None, _) => {
            let pairs = query.who_met_all(args.limit);
            match format {
                ListFormat::Json => output::line(&mut out, &serde_json::to_string_pretty(&pairs)?)?,
                ListFormat::Csv | ListFormat::Table => {
                    let rows: Vec<Vec<String>> = pairs
                        .iter()
                        .map(|p| {
                            vec![
                                p.a.label.clone(),
                                p.b.label.clone(),
                                p.meetings.to_string(),
                                date(p.first),
                                date(p.last),
                                p.sources.to_string(),
                            ]
                        })
                        .collect();
                    render(&mut out, format, &["actor", "actor", "meetings", "first", "last", "sources"], &rows)?;
                }
            }
            pairs.len()
        }
    };
    out.flush()?;
    Ok(if n == 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Rows as a table or as CSV.
pub(crate) fn render(
    out: &mut impl Write,
    format: ListFormat,
    header: &[&str],
    rows: &[Vec<String>],
) -> anyhow::Result<()> {
    if format == ListFormat::Csv {
        output::line(out, &output::csv_record(&header.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>()))?;
        for row in rows {
            output::line(out, &output::csv_record(row))?;
        }
    } else {
        output::line(out, &output::table(header, rows))?;
    }
    Ok(())
}
