"""The example SPARQL of queries/, run on the seed graph and checked against the Python API."""

from __future__ import annotations

import json
from collections import Counter

import networkx as nx
import pytest
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.store import open_store

MINE = [
    "who_met_whom.rq",
    "meetings_per_month.rq",
    "visits_by_country.rq",
    "shortest_chain.rq",
    "events_by_outlet.rq",
]


@pytest.fixture(scope="module")
def queries(root):
    return root / "queries"


def run(kg, path, **bindings):
    rows = kg.sparql(path.read_text(encoding="utf-8"), **bindings)
    return [{k: (None if v is None else str(v)) for k, v in row.items()} for row in rows]


@pytest.mark.parametrize("name", MINE)
def test_each_query_explains_itself_and_runs(queries, seed_graph, name):
    text = (queries / name).read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert len(header) >= 3 and any("kgraph query queries/" + name in h for h in header)
    bindings = {
        "shortest_chain.rq": {"fromName": "Chi Haotian", "toName": "Vladimir Putin"},
        "events_by_outlet.rq": {"outlet": "Itar-Tass"},
    }.get(name, {})
    assert run(seed_graph, queries / name, **bindings)


def test_who_met_whom_agrees_with_meetings(queries, seed_graph):
    rows = run(seed_graph, queries / "who_met_whom.rq")
    meetings = seed_graph.meetings()
    assert len(rows) == len(meetings)
    assert sum(int(r["mentions"]) for r in rows) == sum(m.mentions for m in meetings)
    found = {(r["actor"], r["counterpart"], r["start"], r["place"]) for r in rows}
    assert ("Chi Haotian", "Vladimir Putin", "2000-01-16", "Moscow") in found
    assert all(r["documents"] and r["evidence"] for r in rows)


def test_meetings_per_month_agrees_with_meetings(queries, seed_graph):
    rows = run(seed_graph, queries / "meetings_per_month.rq")
    expected = Counter(m.start[:7] for m in seed_graph.meetings() if m.start)
    assert {r["month"]: int(r["meetings"]) for r in rows} == dict(expected)
    assert [r["month"] for r in rows] == sorted(expected)
    assert all(int(r["mentions"]) >= int(r["meetings"]) >= int(r["pairs"]) for r in rows)


def test_visits_by_country_agrees_with_visits(queries, seed_graph):
    rows = run(seed_graph, queries / "visits_by_country.rq")
    home = {a.iri: a.country for a in seed_graph.actors()}
    expected = Counter(
        (v.country, home.get(v.visitor_iri) or "(unknown)") for v in seed_graph.visits()
    )
    assert {(r["visited"], r["from"]): int(r["visits"]) for r in rows} == dict(expected)
    assert ("China", "Russia") in expected


@pytest.mark.parametrize(
    ("start", "goal"),
    [("Chi Haotian", "Vladimir Putin"), ("Chi Haotian", "Jiang Zemin"), ("Putin", "Zhu Rongji")],
)
def test_shortest_chain_agrees_with_networkx(queries, seed_graph, start, goal):
    rows = run(seed_graph, queries / "shortest_chain.rq", fromName=start, toName=goal)
    graph = seed_graph.to_networkx(status="occurred").to_undirected()
    names = [seed_graph.actor_name(seed_graph.resolve(n)) for n in (start, goal)]
    expected = nx.shortest_path_length(graph, *names)
    assert len(rows) == 1 and int(rows[0]["steps"]) == expected
    chain = [rows[0]["from"], rows[0]["via1"], rows[0]["via2"], rows[0]["via3"], rows[0]["to"]]
    chain = [c for c in chain if c is not None]
    assert chain[0] == names[0] and chain[-1] == names[1] and len(chain) == expected + 1
    for a, b in zip(chain, chain[1:], strict=False):
        assert graph.has_edge(a, b), (a, b)


def test_shortest_chain_is_empty_beyond_four_steps_or_for_unknown_names(queries, seed_graph):
    chain = queries / "shortest_chain.rq"
    graph = seed_graph.to_networkx(status="occurred").to_undirected()
    far = [
        n for n in graph
        if n != "Chi Haotian"
        and (not nx.has_path(graph, "Chi Haotian", n)
             or nx.shortest_path_length(graph, "Chi Haotian", n) > 4)
        and graph.nodes[n]["kind"]
    ]
    assert far, "the seed graph should have actors out of reach of Chi Haotian"
    for name in far:
        assert not run(seed_graph, chain, fromName="Chi Haotian", toName=name)
    assert not run(seed_graph, chain, fromName="Chi Haotian", toName="Nobody")


def test_events_by_outlet_agrees_with_events(queries, seed_graph):
    rows = run(seed_graph, queries / "events_by_outlet.rq", outlet="itar-tass")
    expected = {e.event for e in seed_graph.events() if "Itar-Tass" in e.cites}
    assert expected and {r["event"] for r in rows} == expected
    assert {r["cited"] for r in rows} == {"Itar-Tass"}
    assert not run(seed_graph, queries / "events_by_outlet.rq", outlet='Itar-Tass" } #')


def test_queries_run_from_the_command_line(queries, seed_graph, tmp_path):
    location = tmp_path / "store"
    with open_store(location) as store:
        store.load(seed_graph.store.dump(None, "nquads"), "nquads")
    result = CliRunner().invoke(
        cli,
        [
            "query", str(queries / "shortest_chain.rq"), "--store", str(location),
            "-p", "fromName", "Chi Haotian", "-p", "toName", "Jiang Zemin", "--format", "json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["to"] == "Jiang Zemin"
