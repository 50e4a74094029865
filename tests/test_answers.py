"""Query helpers of KnowledgeGraph and their CLI commands, over events and over mentions."""

from __future__ import annotations

import csv
import dataclasses
import io
import json

import pytest
from click.testing import CliRunner

from kgraph import answers
from kgraph.answers import Actor, EventRecord, Meeting, RelationSummary, Visit
from kgraph.cli import cli
from kgraph.errors import InputError, UnknownActorError
from kgraph.graph import KnowledgeGraph
from kgraph.rdf import relations
from kgraph.store import open_store
from kgraph.vocab import EVENTS_GRAPH

KG = "https://w3id.org/kgraph/ontology#"
PUTIN = "https://w3id.org/kgraph/id/actor/vladimir-putin"

MENTIONS = """SELECT ?m ?rel ?s ?o ?status ?start ?end ?doc ?outlet WHERE {
  GRAPH ?g { ?m a kg:Mention ; kg:relation ?rel ; kg:subject ?s ; kg:object ?o ;
                kg:status ?status ; prov:wasDerivedFrom ?d .
             OPTIONAL { ?m kg:start ?start ; kg:end ?end } }
  ?d dcterms:identifier ?doc .
  OPTIONAL { ?m kg:citedOutlet ?c . ?c rdfs:label ?outlet }
}"""


def _copy(seed_graph, location=":memory:") -> KnowledgeGraph:
    """A copy of the seed graph's store without its events graph."""
    store = open_store(location)
    store.load(seed_graph.store.dump(None, "nquads"), "nquads")
    store.drop_graph(EVENTS_GRAPH)
    return KnowledgeGraph(store, location=str(location), kb=seed_graph.kb)


def _mentions(kg) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for row in kg.sparql(MENTIONS):
        item = found.setdefault(
            str(row["m"]),
            {
                "key": (str(row["rel"]), str(row["s"]), str(row["o"]), str(row["status"])),
                "start": row["start"],
                "end": row["end"],
                "doc": str(row["doc"]),
                "cites": set(),
            },
        )
        if row["outlet"] is not None:
            item["cites"].add(str(row["outlet"]))
    return found


def _merge(kg) -> dict[str, list[str]]:
    """Write a synthetic events graph: one event per relation, actors and status."""
    clusters: dict[tuple, list[str]] = {}
    mentions = _mentions(kg)
    for iri, item in sorted(mentions.items()):
        clusters.setdefault(item["key"], []).append(iri)
    lines, events = [], {}
    for n, (key, members) in enumerate(sorted(clusters.items())):
        relation, subject, obj, status = key
        event = f"https://w3id.org/kgraph/id/event/test{n:04d}"
        events[event] = members
        lines += [
            f"<{event}> a kg:Event ; kg:relation {json.dumps(relation)} ;",
            f"  kg:subject <{subject}> ; kg:object <{obj}> ; kg:status <{status}> .",
        ]
        starts = [mentions[m]["start"] for m in members if mentions[m]["start"] is not None]
        ends = [mentions[m]["end"] for m in members if mentions[m]["end"] is not None]
        if starts and ends:
            first, last = min(starts), max(ends)
            lines.append(f'<{event}> kg:start "{first}"^^xsd:date ; kg:end "{last}"^^xsd:date .')
        for m in members:
            lines.append(f"<{event}> kg:mention <{m}> .")
    body = "\n".join(lines)
    kg.update(f"INSERT DATA {{ GRAPH <{EVENTS_GRAPH}> {{\n{body}\n}} }}")
    return events


@pytest.fixture(scope="module")
def mention_graph(seed_graph):
    kg = _copy(seed_graph)
    yield kg
    kg.close()


@pytest.fixture(scope="module")
def merged_graph(seed_graph):
    kg = _copy(seed_graph)
    kg.clusters = _merge(kg)
    yield kg
    kg.close()


# -- events or mentions ---------------------------------------------------------------------
def test_without_events_graph_each_mention_is_an_event(mention_graph):
    assert not answers.has_events(mention_graph.store)
    mentions = _mentions(mention_graph)
    events = mention_graph.events()
    assert len(events) == len(mentions)
    for event in events:
        assert event.mentions == 1 and event.event in mentions
        assert event.documents == (mentions[event.event]["doc"],)
        assert set(event.cites) == mentions[event.event]["cites"]
    assert len(mention_graph.events(mentions=True)) == len(mentions)


def test_with_events_graph_answers_are_events_with_their_mentions(merged_graph):
    assert answers.has_events(merged_graph.store)
    mentions = _mentions(merged_graph)
    clusters = merged_graph.clusters
    events = merged_graph.events()
    assert {e.event for e in events} == set(clusters)
    assert sum(e.mentions for e in events) == len(mentions)
    assert any(e.mentions > 1 for e in events)
    for event in events:
        members = clusters[event.event]
        assert event.mentions == len(members) == len(event.sources)
        assert set(event.documents) == {mentions[m]["doc"] for m in members}
        assert set(event.cites) == set().union(*(mentions[m]["cites"] for m in members))
        assert {s.mention for s in event.sources} == set(members)
    listed = merged_graph.events(mentions=True)
    assert len(listed) == len(mentions)
    assert all(r.mention in clusters[r.event] and r.mentions == 1 for r in listed)


def test_who_met_counts_mentions_of_merged_meetings(merged_graph, mention_graph):
    merged = merged_graph.meetings(status=None)
    single = mention_graph.meetings(status=None)
    assert len(merged) < len(single)
    assert sum(m.mentions for m in merged) == len(single)


# -- the helpers ----------------------------------------------------------------------------
def test_who_met_returns_meetings_with_sources(seed_graph, root):
    meetings = seed_graph.who_met("Chi Haotian")
    assert all(isinstance(m, Meeting) for m in meetings)
    by_name = {m.counterpart: m for m in meetings}
    assert set(by_name) >= {"Igor Sergeev", "Vladimir Putin"}
    putin = by_name["Vladimir Putin"]
    assert (putin.actor, putin.counterpart_iri, putin.status) == ("Chi Haotian", PUTIN, "occurred")
    assert (putin.start, putin.place) == ("2000-01-16", "Moscow")
    assert putin.document in putin.documents and putin.mentions == len(putin.sources) >= 1
    for source in putin.sources:
        text = (root / "seeds" / f"{source.document}.txt").read_text()
        assert text[source.char_start : source.char_end] == source.evidence
    data = json.loads(json.dumps(putin.to_dict()))
    assert list(data)[:4] == ["actor", "counterpart", "start", "end"]
    assert data["sources"][0]["evidence"] == putin.sources[0].evidence
    with pytest.raises(dataclasses.FrozenInstanceError):
        putin.place = "Beijing"  # type: ignore[misc]
    # the same actor by surname, Wikidata id or IRI; the other side sees it too
    assert seed_graph.who_met("Q7747") == seed_graph.who_met("Putin")
    assert "Chi Haotian" in {m.counterpart for m in seed_graph.who_met(PUTIN)}


def test_who_met_mentions_status_and_dates(seed_graph):
    events = seed_graph.who_met("Putin", status=None)
    listed = seed_graph.who_met("Putin", status=None, mentions=True)
    assert len(listed) == sum(m.mentions for m in events)
    assert all(m.mention for m in listed)
    planned = seed_graph.who_met("Putin", status="planned")
    assert planned and all(m.status == "planned" for m in planned)
    assert {m.status for m in events} >= {"occurred", "planned"}
    window = seed_graph.who_met("Putin", between=("2000-01-17", "2000-01-17"))
    assert window and all(m.start <= "2000-01-17" <= m.end for m in window)
    with pytest.raises(InputError, match="status"):
        seed_graph.who_met("Putin", status="happened")


def test_meetings_and_visits(seed_graph):
    meetings = seed_graph.meetings()
    assert ("Chi Haotian", "Vladimir Putin") in {(m.actor, m.counterpart) for m in meetings}
    assert all(m.status == "occurred" for m in meetings)
    dated = [m.start for m in meetings if m.start]
    assert dated == sorted(dated)
    spring = seed_graph.meetings(between=("2000-02-01", "2000-02-29"))
    assert spring and all(m.end >= "2000-02-01" and m.start <= "2000-02-29" for m in spring)
    visits = seed_graph.visits("China")
    assert visits and all(isinstance(v, Visit) for v in visits)
    assert all("China" in (v.visitor, v.country) for v in visits)
    assert "Ilya Klebanov" in {v.visitor for v in visits}
    assert len(seed_graph.visits()) >= len(visits)
    assert {v.visitor for v in seed_graph.visits("Chi Haotian")} == {"Chi Haotian"}


def test_timeline_of_an_actor_and_of_a_pair(seed_graph):
    timeline = seed_graph.timeline("Chi Haotian")
    assert {e.relation for e in timeline} >= {"meet", "visit"}
    assert all("Chi Haotian" in (e.subject, e.object) for e in timeline)
    dated = [e.start for e in timeline if e.start]
    assert dated == sorted(dated)
    pair = seed_graph.timeline(("Chi Haotian", "Putin"))
    assert pair and all({e.subject, e.object} == {"Chi Haotian", "Vladimir Putin"} for e in pair)
    assert seed_graph.timeline(["Chi Haotian"]) == timeline
    with pytest.raises(InputError, match="pair"):
        seed_graph.timeline(("Putin", "Chi Haotian", "Jiang Zemin"))


def test_relations_between_summarises_the_pair(seed_graph):
    summaries = seed_graph.relations_between("Russia", "China")
    assert summaries and all(isinstance(s, RelationSummary) for s in summaries)
    assert sum(s.events for s in summaries) == len(seed_graph.timeline(("Russia", "China")))
    assert {s.relation for s in summaries} <= set(relations())
    assert [s.events for s in summaries] == sorted((s.events for s in summaries), reverse=True)
    for s in summaries:
        assert {s.subject, s.object} == {"Russia", "China"} and s.documents and s.evidence
        assert s.first is None or s.first <= s.last


def test_actors_by_kind_and_country(seed_graph):
    everyone = seed_graph.actors()
    assert all(isinstance(a, Actor) for a in everyone)
    putin = next(a for a in everyone if a.name == "Vladimir Putin")
    assert (putin.kind, putin.country, putin.wikidata, putin.iri) == (
        "person", "Russia", "Q7747", PUTIN
    )
    assert putin.events >= 1 and putin.mentions >= 1
    russians = seed_graph.actors(kind="person", country="Russia")
    assert russians and all((a.kind, a.country) == ("person", "Russia") for a in russians)
    assert {a.name for a in russians} < {a.name for a in everyone}
    assert {a.kind for a in seed_graph.actors(kind="country")} == {"country"}
    with pytest.raises(InputError, match="kind"):
        seed_graph.actors(kind="planet")
    with pytest.raises(UnknownActorError):
        seed_graph.actors(country="Atlantis")


def test_events_filters(seed_graph):
    visits = seed_graph.events("visit", actor="China")
    assert visits and all(e.relation == "visit" for e in visits)
    assert all("China" in (e.subject, e.object) for e in visits)
    planned = seed_graph.events(status="planned")
    assert planned and all(e.status == "planned" for e in planned)
    both = seed_graph.events(status=("planned", "negated"))
    assert {e.status for e in both} <= {"planned", "negated"} and len(both) >= len(planned)
    year = seed_graph.events(between=("2000-01-01", "2000-12-31"))
    assert year and all(e.start and e.end >= "2000-01-01" and e.start <= "2000-12-31" for e in year)
    with pytest.raises(InputError, match="relation"):
        seed_graph.events("dance")
    with pytest.raises(InputError, match="ISO"):
        seed_graph.events(between=("last year", "now"))


def test_a_document_naming_another_unlinked_actor_keeps_its_mention(tmp_path):
    """A mention is listed though its document also names an actor the base does not know
    (the label of an unlinked actor is looked up for the mention's own actors only)."""
    from datetime import UTC, date, datetime

    from kgraph import rdf
    from kgraph.identity import BatchIngest, IdentityRules
    from kgraph.model import Document, Event

    run = rdf.Run("answers-test", started=datetime(2026, 11, 23, tzinfo=UTC), software_version="0")
    jiang, rebels = "https://w3id.org/kgraph/id/actor/jiang-zemin", "Chechen rebels"

    def event(doc_id, relation, subject, obj, s_iri, o_iri, at):
        day = "2000-07-18"
        return Event(doc_id, day, relation, subject, obj, s_iri, o_iri, day, day, None,
                     "occurred", "Putin met Jiang.", at, at + 16)  # fmt: skip

    kg = KnowledgeGraph.open(tmp_path / "s")
    kg.store.replace_graph(rdf.ACTORS_GRAPH, rdf.actor_quads(kg.kb))
    writer = BatchIngest(kg.store, IdentityRules.load())
    for doc_id in ("u1", "u2"):
        text = "Publication: Monitor Volume: 6 Issue: 1\n\nPutin met Jiang. Putin met Jiang."
        events = [event(doc_id, "meet", "Vladimir Putin", "Jiang Zemin", PUTIN, jiang, 41)]
        if doc_id == "u2":  # an actor the base does not know, in the same document
            iri = rdf.actor_iri_for_name(rebels)
            events.append(event(doc_id, "criticize", rebels, "Vladimir Putin", iri, PUTIN, 58))
        document = Document(doc_id, text, publication="Monitor", date=date(2000, 7, 18))
        writer.add(doc_id, rdf.document_quads(document, events, run=run))
    writer.flush()
    (meeting,) = kg.who_met("Putin")
    assert meeting.mentions == 2 and meeting.documents == ("u1", "u2")
    assert {r.document for r in kg.who_met("Putin", mentions=True)} == {"u1", "u2"}
    (criticism,) = kg.events("criticize")
    assert criticism.subject == rebels  # the unlinked actor's label
    kg.close()


def test_user_text_is_bound_never_spliced(seed_graph):
    before = len(seed_graph.store)
    hostile = 'meet" } ; DROP ALL ; #'
    assert answers.select_events(seed_graph.store, seed_graph.actor_name, relation=hostile) == []
    with pytest.raises(InputError):
        seed_graph.events(hostile)
    with pytest.raises(UnknownActorError):
        seed_graph.actors(country='China" } ; DROP ALL ; #')
    assert len(seed_graph.store) == before


def test_event_query_text_does_not_depend_on_values():
    query = answers.event_query(events=True, actor=True, window=True, statuses=2)
    assert "?status0, ?status1" in query and "?from" in query and "occurred" not in query


def test_to_networkx(seed_graph):
    graph = seed_graph.to_networkx()
    events = seed_graph.events()
    assert graph.number_of_edges() == len(events)
    assert graph.nodes["Vladimir Putin"]["kind"] == "person"
    assert graph.nodes["Vladimir Putin"]["wikidata"] == "Q7747"
    assert graph.nodes["Vladimir Putin"]["country"] == "Russia"
    _, _, data = next(iter(graph.edges(data=True)))
    assert set(data) == {
        "relation",
        "start",
        "end",
        "place",
        "status",
        "documents",
        "evidence",
        "cites",
        "mentions",
    }
    meetings = seed_graph.to_networkx("meet", ("2000-01-01", "2000-12-31"), status="occurred")
    assert meetings.has_edge("Chi Haotian", "Vladimir Putin")
    assert {d["relation"] for _, _, d in meetings.edges(data=True)} == {"meet"}


def test_to_dataframe(seed_graph):
    pd = pytest.importorskip("pandas")
    frame = seed_graph.to_dataframe("meet")
    assert isinstance(frame, pd.DataFrame)
    assert len(frame) == len(seed_graph.events("meet"))
    assert {"relation", "subject", "object", "start", "cites", "documents"} <= set(frame.columns)
    assert "sources" not in frame.columns
    empty = seed_graph.to_dataframe("attack", actor="Chi Haotian")
    assert len(empty) == 0 and "subject" in empty.columns


def test_records_are_typed_and_documented():
    for record in (EventRecord, Meeting, Visit, RelationSummary, Actor, answers.Source):
        assert dataclasses.is_dataclass(record) and record.__doc__
        assert record.__dataclass_params__.frozen


# -- the CLI ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def store_dir(seed_graph, tmp_path_factory):
    location = tmp_path_factory.mktemp("answers") / "store"
    with open_store(location) as store:  # the seed graph as built, with its events if any
        store.load(seed_graph.store.dump(None, "nquads"), "nquads")
    return str(location)


def _run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.mark.parametrize(
    ("args", "expect"),
    [
        (("who-met", "Chi Haotian", "--mentions"), {"counterpart": "Vladimir Putin"}),
        (("meetings",), {"actor": "Chi Haotian"}),
        (("visits", "China"), {"visitor": "Ilya Klebanov"}),
        (("timeline", "Chi Haotian"), {"relation": "visit"}),
        (("timeline", "Chi Haotian", "Putin"), {"object": "Vladimir Putin"}),
        (("between", "Russia", "China"), {"subject": "Russia"}),
        (("actors", "--kind", "person", "--country", "Russia"), {"name": "Vladimir Putin"}),
        (("events", "--relation", "visit", "--actor", "China"), {"relation": "visit"}),
        (("events", "--between", "2000-01-01", "2000-01-31"), {"start": "2000-01-16"}),
    ],
)
def test_cli_commands_print_json_csv_and_tables(store_dir, args, expect):
    result = _run(*args, "--store", store_dir, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert any(all(row.get(k) == v for k, v in expect.items()) for row in rows), rows
    table = _run(*args, "--store", store_dir)
    assert table.exit_code == 0 and next(iter(expect.values())) in table.output
    out = _run(*args, "--store", store_dir, "--format", "csv").output
    parsed = list(csv.DictReader(io.StringIO(out)))
    assert len(parsed) == len(rows) and "sources" not in parsed[0]


def test_cli_errors_are_one_line(store_dir):
    for args in (
        ("timeline", "Vladimir Putn"),
        ("timeline", "Putin", "Jiang Zemin", "Chi Haotian"),
        ("events", "--relation", "dance"),
        ("actors", "--country", "Atlantis"),
        ("between", "Putin", "Ivanov"),
    ):
        result = _run(*args, "--store", store_dir)
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output
        assert len([ln for ln in result.output.splitlines() if "rror" in ln]) == 1


def test_cli_commands_are_in_the_readme(root):
    readme = (root / "README.md").read_text()
    for name in ("who-met", "meetings", "visits", "timeline", "between", "actors", "events"):
        assert f"kgraph {name}" in readme


def test_library_functions_open_the_store(store_dir):
    from kgraph import graph

    assert graph.who_met("Chi Haotian", store=store_dir)
    assert graph.timeline(["Chi Haotian", "Putin"], store=store_dir)
    assert graph.relations_between("Russia", "China", store=store_dir)
    assert graph.actors("person", store=store_dir)
    assert graph.events("visit", store=store_dir, actor="China")
    assert graph.meetings(store=store_dir) and graph.visits(store=store_dir)


@pytest.mark.slow
def test_build_shows_a_progress_bar_on_a_terminal_only(root, tmp_path):
    import os
    import pty
    import subprocess
    import sys

    command = [sys.executable, "-c", "from kgraph.cli import main; main()", "build"]
    primary, secondary = pty.openpty()
    process = subprocess.Popen(
        [*command, str(root / "seeds"), "--store", str(tmp_path / "tty")],
        stdout=subprocess.PIPE,
        stderr=secondary,
        text=True,
    )
    os.close(secondary)  # the child holds it: reading ends (EIO) when the child exits
    shown = b""
    try:
        while chunk := os.read(primary, 65536):
            shown += chunk
    except OSError:
        pass
    finally:
        os.close(primary)
    stdout, _ = process.communicate(timeout=300)
    assert process.returncode == 0 and "stored 2 documents" in stdout
    assert b"building" in shown and b"100%" in shown
    piped = subprocess.run(
        [*command, str(root / "seeds"), "--store", str(tmp_path / "pipe")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert piped.returncode == 0 and "building" not in piped.stderr
