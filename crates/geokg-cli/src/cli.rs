//! The command line as clap sees it: every flag, its help, and the checked values it parses to.

use clap::{Parser, Subcommand, ValueEnum};
use geokg_model::{PartialDate, Status};
use std::path::PathBuf;
use std::time::Duration;

const ABOUT: &str = "Turns news articles into a knowledge graph of states, leaders, meetings and transfers, \
and answers who met whom";

const LONG_ABOUT: &str = "\
geokg reads news articles (German and English first), finds who met whom, who supplies whom with \
what, and who holds which office, and keeps what each text claims — occurred, planned, alleged, \
speculative or negated — with the sentence it comes from, in an RDF knowledge graph (Oxigraph).

A typical session:
  geokg ingest ./articles              # files and folders -> ./geokg.db
  geokg meetings --with Putin          # what the graph holds
  geokg who-met \"Kim Jong Un\"          # counterparts, dates, places, sources
  geokg path \"Kim Jong Un\" Iran        # how two actors are connected
  geokg query queries/who-met-whom.rq  # any SPARQL
  geokg extract article.txt            # facts of one text as JSON, no store

The graph questions (who-met, path, neighbors, central, communities, timeline, export) work on a \
view of the whole store, built once and cached beside it (geokg.db.view). Ingest and forget \
keep that cache current; only a question after the store changed in other ways reads the whole \
store again, which takes minutes on a store of millions of documents.";

/// The `geokg` command line.
#[derive(Debug, Parser)]
#[command(name = "geokg", version, about = ABOUT, long_about = LONG_ABOUT)]
pub(crate) struct Args {
    /// The store: a folder holding an embedded Oxigraph database, or the http(s) URL of a
    /// SPARQL 1.1 server (Oxigraph server, Virtuoso, others). Credentials for a server come
    /// from the environment (user and password variables, see the README), never from the
    /// command line.
    #[arg(long, global = true, env = "GEOKG_STORE", default_value = "geokg.db", value_name = "PATH|URL")]
    pub(crate) store: PathBuf,

    /// The kind of SPARQL server at a --store URL, when not detected from its answers.
    #[arg(long, global = true, env = "GEOKG_STORE_KIND", value_name = "oxigraph|virtuoso|generic")]
    pub(crate) store_kind: Option<geokg_store::StoreKind>,

    /// No progress bar and no summary on standard error.
    #[arg(long, short, global = true)]
    pub(crate) quiet: bool,

    #[command(subcommand)]
    pub(crate) command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Read articles into the store: files, folders (recursively), or - for standard input.
    ///
    /// Plain text (.txt, .md), HTML (.html, .htm; the article is extracted from the page),
    /// crawler records (.json, .jsonl with title, text or maintext, url, `date_publish`, language),
    /// WARC crawl dumps (.warc, .warc.gz), article URLs, and RSS or Atom feeds (--feed, --feeds).
    /// A URL fetched before is asked for again conditionally (If-None-Match, If-Modified-Since).
    /// Each document is one transaction: the same content again changes nothing, new content
    /// from the same source replaces the old, and a bad file is reported and skipped.
    /// Exit code 1 when any document failed.
    Ingest(IngestArgs),
    /// Print the facts of one text without touching the store.
    ///
    /// JSON as in the extraction contract (document, entities, meetings, transfers, leaders),
    /// or the RDF the store would hold, as Turtle or TriG.
    Extract(ExtractArgs),
    /// List meetings in the store, merged across documents, with their sources.
    Meetings(ListArgs),
    /// List transfers (arms, technology, aid, energy) in the store, with their sources.
    Transfers(ListArgs),
    /// List office holders (person, state, role) the texts name, with their sources.
    Leaders(ListArgs),
    /// Who met whom: an actor's counterparts, a pair's meetings, or every pair.
    ///
    /// `geokg who-met NAME` lists the counterparts with the number of meetings, first and last
    /// date, places, statuses and independent sources; `geokg who-met NAME OTHER` the timeline
    /// of their meetings with evidence; `geokg who-met --all` every pair, most frequent first.
    /// Names: any language's name or alias, a unique surname, a Wikidata id (Q7747) or an IRI.
    #[command(name = "who-met")]
    WhoMet(WhoMetArgs),
    /// The shortest relationship paths between two actors, each hop explained.
    ///
    /// Paths run over meetings (met), transfers (supplied) and office holdings (leads); `--via`
    /// picks which. `--k N` gives the N shortest distinct paths (Yen's algorithm); `--weight
    /// recency` prefers recent hops, `--weight sources` well-sourced ones (Dijkstra).
    Path(PathArgs),
    /// The ego network of an actor: everyone within N hops, and how they relate.
    Neighbors(NeighborsArgs),
    /// Who is central: degree, betweenness (brokers; Brandes, sampled on large graphs) or PageRank.
    Central(CentralArgs),
    /// Groups of actors that meet or trade mostly among themselves (Louvain modularity).
    Communities(CommunitiesArgs),
    /// Every meeting and transfer involving an actor, in date order.
    Timeline(TimelineArgs),
    /// Draw the graph: DOT, SVG, PNG, GraphML, GEXF, Cytoscape.js JSON or an interactive HTML page.
    ///
    /// The same graph, filters and names as the graph questions; `--around NAME --hops N` draws an
    /// ego network, `--as-states` the states. SVG, PNG and HTML are laid out and drawn by geokg
    /// itself (no Graphviz or browser needed); the HTML page is one file that works offline.
    /// At most --limit actors are drawn (the best connected, or the nearest to --around); how
    /// many were left out is printed and written in the picture's caption. Without -o, text
    /// formats go to standard output; the format is guessed from -o's extension when not given.
    Export(ExportArgs),
    /// Run a SPARQL query over the whole graph (the default graph is the union of all documents).
    ///
    /// QUERY is SPARQL text, a .rq file, or the name of a built-in query (see --list). Prefixes
    /// gk:, sem:, schema:, org:, prov:, oa:, dcterms:, rdfs:, owl:, skos:, xsd:, wd: and id: are
    /// predeclared. CONSTRUCT and DESCRIBE print Turtle.
    Query(QueryArgs),
    /// Count documents, events and entities in the store.
    Stats(StatsArgs),
    /// Write the whole store as TriG or N-Quads, for loading into another SPARQL store.
    Dump(DumpArgs),
    /// Remove documents, and every fact only they supported, from the store.
    ///
    /// SOURCE is what `geokg ingest` recorded: the file path (relative paths are resolved as
    /// ingest resolved them), the URL, or the document's graph IRI.
    Forget(ForgetArgs),
}

/// `geokg ingest`.
#[derive(Debug, clap::Args)]
pub(crate) struct IngestArgs {
    /// Files, folders, - (standard input), or http(s) URLs of article pages.
    #[arg(required_unless_present_any = ["feeds", "feeds_file"], value_name = "PATH|URL")]
    pub(crate) paths: Vec<String>,
    /// Publication date for texts that carry none (YYYY, YYYY-MM or YYYY-MM-DD); wins over the text's.
    #[arg(long, value_name = "DATE")]
    pub(crate) published: Option<PartialDate>,
    /// Where a single text came from (a URL), recorded as its source.
    #[arg(long, value_name = "URL")]
    pub(crate) source: Option<String>,
    /// RSS or Atom feeds: every item not yet in the store is fetched as an article page.
    #[arg(long = "feed", value_name = "URL", num_args = 1..)]
    pub(crate) feeds: Vec<String>,
    /// A file of feed URLs, one a line (blank lines and lines starting with # are skipped).
    #[arg(long = "feeds", value_name = "FILE")]
    pub(crate) feeds_file: Option<PathBuf>,
    /// Only feed items published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD); undated items are kept.
    #[arg(long, value_name = "DATE")]
    pub(crate) since: Option<PartialDate>,
    /// How long one HTTP request may take, body included (30s, 500ms, 2m).
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = parse_duration)]
    pub(crate) timeout: Duration,
    /// How long to wait for an HTTP connection.
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = parse_duration)]
    pub(crate) connect_timeout: Duration,
    /// The largest page or feed read (10MB, 500kB, or bytes); larger ones fail.
    #[arg(long, value_name = "SIZE", default_value = "10MB", value_parser = parse_size)]
    pub(crate) max_body: u64,
    /// Retries of a request answered 429 or 5xx (waiting as Retry-After asks, else backing off).
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub(crate) retries: u32,
    /// The wait before the first retry when the server names none; doubled for each next one.
    #[arg(long, value_name = "DURATION", default_value = "1s", value_parser = parse_duration)]
    pub(crate) retry_wait: Duration,
    /// Pages fetched at once.
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..))]
    pub(crate) jobs: u16,
    /// Requests to one host at once.
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u16).range(1..))]
    pub(crate) per_host: u16,
}

/// A duration: `30s`, `500ms`, `2m`, `1.5s`, or plain seconds.
fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse().map_err(|_| format!("{text:?} is not a duration; write e.g. 30s, 500ms or 2m"))?;
    let seconds = match unit.trim() {
        "" | "s" => number,
        "ms" => number / 1000.0,
        "m" | "min" => number * 60.0,
        _ => return Err(format!("unknown unit in {text:?}; use ms, s or m")),
    };
    Duration::try_from_secs_f64(seconds).map_err(|_| format!("{text:?} is out of range"))
}

/// A size in bytes: `10MB`, `500kB`, `2M`, `1GB`, or plain bytes (decimal units).
fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: u64 = number.parse().map_err(|_| format!("{text:?} is not a size; write e.g. 10MB or 500kB"))?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" => 1000,
        "m" | "mb" => 1000 * 1000,
        "g" | "gb" => 1000 * 1000 * 1000,
        _ => return Err(format!("unknown unit in {text:?}; use kB, MB or GB")),
    };
    number.checked_mul(factor).ok_or_else(|| format!("{text:?} is too large"))
}

/// `geokg extract`.
#[derive(Debug, clap::Args)]
pub(crate) struct ExtractArgs {
    /// The text file (or - for standard input).
    #[arg(value_name = "FILE")]
    pub(crate) file: String,
    /// Publication date (YYYY, YYYY-MM or YYYY-MM-DD); anchors relative dates and wins over the text's.
    #[arg(long, value_name = "DATE")]
    pub(crate) published: Option<PartialDate>,
    /// Where the text came from, printed as the document's source.
    #[arg(long, value_name = "URL")]
    pub(crate) source: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
    pub(crate) format: ExtractFormat,
}

/// Formats of `geokg extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExtractFormat {
    /// The extraction contract's JSON.
    Json,
    /// The facts as RDF triples.
    Turtle,
    /// The document's named graph, metadata included.
    Trig,
}

/// Filters and format shared by the listings.
#[derive(Debug, clap::Args)]
pub(crate) struct ListArgs {
    /// Only facts involving this actor: a name in any language, a surname, a Wikidata id or an IRI.
    #[arg(long, value_name = "NAME")]
    pub(crate) with: Option<String>,
    /// Only events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub(crate) since: Option<PartialDate>,
    /// Only events on or before this date.
    #[arg(long, value_name = "DATE")]
    pub(crate) until: Option<PartialDate>,
    /// Only events with this status (occurred, planned, alleged, speculative, negated); repeatable.
    #[arg(long, value_name = "STATUS", value_parser = parse_status)]
    pub(crate) status: Vec<Status>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub(crate) format: ListFormat,
}

/// Formats of listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ListFormat {
    /// A table for people.
    Table,
    /// A JSON array of the contract's objects, each with `sources`.
    Json,
    /// CSV with a header row.
    Csv,
}

/// Filters of the graph questions (who-met, path, neighbors, central, communities, timeline)
/// and of the pictures (export).
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct FilterArgs {
    /// Only events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD); undated events drop out.
    #[arg(long, value_name = "DATE")]
    pub(crate) since: Option<PartialDate>,
    /// Only events on or before this date.
    #[arg(long, value_name = "DATE")]
    pub(crate) until: Option<PartialDate>,
    /// Statuses that count, comma-separated (occurred, planned, alleged, speculative, negated), or any.
    #[arg(long, value_name = "STATUS", default_value = "occurred")]
    pub(crate) status: String,
    /// Only facts reported by at least N documents.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub(crate) min_sources: usize,
    /// Relations that count, comma-separated: met, supplied, leads.
    #[arg(long, value_name = "RELATIONS", default_value = "met,supplied,leads")]
    pub(crate) via: String,
    /// Roll persons up to the state they led at the date of each fact.
    #[arg(long)]
    pub(crate) as_states: bool,
}

/// Filters and format of the graph questions.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct GraphArgs {
    #[command(flatten)]
    pub(crate) filter: FilterArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub(crate) format: ListFormat,
}

/// `geokg who-met`.
#[derive(Debug, clap::Args)]
pub(crate) struct WhoMetArgs {
    /// The actor.
    #[arg(value_name = "NAME", required_unless_present = "all")]
    pub(crate) name: Option<String>,
    /// A second actor: list the meetings of the pair, with evidence.
    #[arg(value_name = "OTHER")]
    pub(crate) other: Option<String>,
    /// Every pair that met, most frequent first.
    #[arg(long, conflicts_with = "name")]
    pub(crate) all: bool,
    /// At most this many rows.
    #[arg(long, value_name = "N")]
    pub(crate) limit: Option<usize>,
    #[command(flatten)]
    pub(crate) graph: GraphArgs,
}

/// `geokg path`.
#[derive(Debug, clap::Args)]
pub(crate) struct PathArgs {
    /// Where the path starts.
    #[arg(value_name = "FROM")]
    pub(crate) from: String,
    /// Where it ends.
    #[arg(value_name = "TO")]
    pub(crate) to: String,
    /// The longest path, in hops.
    #[arg(long, value_name = "N", default_value_t = 6)]
    pub(crate) max_hops: usize,
    /// How many distinct paths, shortest first.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub(crate) k: usize,
    /// What a path minimises: hops, recency (prefer recent hops) or sources (prefer well-sourced hops).
    #[arg(long, value_name = "WEIGHT", default_value = "hops")]
    pub(crate) weight: String,
    #[command(flatten)]
    pub(crate) graph: GraphArgs,
}

/// `geokg neighbors`.
#[derive(Debug, clap::Args)]
pub(crate) struct NeighborsArgs {
    /// The actor at the centre.
    #[arg(value_name = "NAME")]
    pub(crate) name: String,
    /// How far to go, in hops.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub(crate) hops: usize,
    /// At most this many actors (nearest first).
    #[arg(long, value_name = "N", default_value_t = 200)]
    pub(crate) limit: usize,
    #[command(flatten)]
    pub(crate) graph: GraphArgs,
}

/// `geokg central`.
#[derive(Debug, clap::Args)]
pub(crate) struct CentralArgs {
    /// The measure: degree, betweenness or pagerank.
    #[arg(long, value_name = "MEASURE", default_value = "degree")]
    pub(crate) measure: String,
    /// How many actors to show.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub(crate) top: usize,
    /// Betweenness from this many sampled pivot sources instead of exact (automatic on large graphs).
    #[arg(long, value_name = "K")]
    pub(crate) samples: Option<usize>,
    /// Exact betweenness, however large the graph.
    #[arg(long, conflicts_with = "samples")]
    pub(crate) exact: bool,
    #[command(flatten)]
    pub(crate) graph: GraphArgs,
}

/// `geokg communities`.
#[derive(Debug, clap::Args)]
pub(crate) struct CommunitiesArgs {
    /// Show at most this many groups, largest first.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub(crate) top: usize,
    #[command(flatten)]
    pub(crate) graph: GraphArgs,
}

/// `geokg timeline`.
#[derive(Debug, clap::Args)]
pub(crate) struct TimelineArgs {
    /// The actor.
    #[arg(value_name = "NAME")]
    pub(crate) name: String,
    #[command(flatten)]
    pub(crate) graph: GraphArgs,
}

/// `geokg export`.
#[derive(Debug, clap::Args)]
pub(crate) struct ExportArgs {
    /// The format [default: from -o's extension, else html].
    #[arg(long, value_enum)]
    pub(crate) format: Option<ExportFormat>,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// Only the actors within --hops of this one: a name in any language, a surname, a Wikidata id or an IRI.
    #[arg(long, value_name = "NAME")]
    pub(crate) around: Option<String>,
    /// With --around: how far to go, in hops.
    #[arg(long, value_name = "N", default_value_t = 1, requires = "around")]
    pub(crate) hops: usize,
    /// At most this many actors: the best connected, or the nearest to --around.
    #[arg(long, value_name = "N", default_value_t = geokg_graph::DEFAULT_LIMIT)]
    pub(crate) limit: usize,
    #[command(flatten)]
    pub(crate) filter: FilterArgs,
}

/// Formats of `geokg export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExportFormat {
    /// Graphviz DOT (render with dot, neato or sfdp).
    Dot,
    /// An SVG picture.
    Svg,
    /// A PNG picture.
    Png,
    /// GraphML, for yEd, Gephi and Cytoscape desktop.
    Graphml,
    /// GEXF 1.3 with dated facts, for Gephi's timeline.
    Gexf,
    /// Cytoscape.js elements as JSON.
    Cytoscape,
    /// A self-contained interactive HTML page.
    Html,
}

/// `geokg query`.
#[derive(Debug, clap::Args)]
pub(crate) struct QueryArgs {
    /// SPARQL text, a .rq file, or a built-in query's name.
    #[arg(value_name = "QUERY", required_unless_present = "list")]
    pub(crate) query: Option<String>,
    /// Bind a variable before running: `--param name="Vladimir Putin"` (a literal) or `--param x=<IRI>`.
    #[arg(long = "param", value_name = "VAR=VALUE")]
    pub(crate) params: Vec<String>,
    /// Output format (CONSTRUCT and DESCRIBE always print Turtle).
    #[arg(long, value_enum, default_value_t = QueryFormatArg::Table)]
    pub(crate) format: QueryFormatArg,
    /// List the built-in queries and what each answers.
    #[arg(long)]
    pub(crate) list: bool,
}

/// Formats of `geokg query`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum QueryFormatArg {
    /// A table for people.
    Table,
    /// SPARQL 1.1 Query Results JSON.
    Json,
    /// SPARQL 1.1 Query Results CSV.
    Csv,
    /// SPARQL 1.1 Query Results TSV.
    Tsv,
}

/// `geokg stats`.
#[derive(Debug, clap::Args)]
pub(crate) struct StatsArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatsFormat::Table)]
    pub(crate) format: StatsFormat,
}

/// Formats of `geokg stats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum StatsFormat {
    /// A table for people.
    Table,
    /// One JSON object.
    Json,
}

/// `geokg dump`.
#[derive(Debug, clap::Args)]
pub(crate) struct DumpArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = DumpFormatArg::Trig)]
    pub(crate) format: DumpFormatArg,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}

/// Formats of `geokg dump`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum DumpFormatArg {
    /// TriG, readable, with prefixes.
    Trig,
    /// N-Quads, one quad a line, for bulk loaders.
    Nquads,
}

/// `geokg forget`.
#[derive(Debug, clap::Args)]
pub(crate) struct ForgetArgs {
    /// Sources as ingest recorded them (path, URL or graph IRI).
    #[arg(required = true, value_name = "SOURCE")]
    pub(crate) sources: Vec<String>,
}

fn parse_status(text: &str) -> Result<Status, String> {
    Status::parse(&text.to_lowercase())
        .ok_or_else(|| format!("unknown status {text:?}; use occurred, planned, alleged, speculative or negated"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        use clap::CommandFactory;
        Args::command().debug_assert();
    }

    #[test]
    fn durations_and_sizes_read_their_units() {
        assert_eq!(parse_duration("2s"), Ok(Duration::from_secs(2)));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("1.5"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_mins(2)));
        assert!(parse_duration("soon").is_err() && parse_duration("3h").is_err());
        assert_eq!(parse_size("10MB"), Ok(10_000_000));
        assert_eq!(parse_size("500kB"), Ok(500_000));
        assert_eq!(parse_size("1234"), Ok(1234));
        assert!(parse_size("10 parsecs").is_err());
    }
}
