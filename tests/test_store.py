"""Tests of kgraph.store: one suite over the embedded store and a real Oxigraph server."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from _servers import (
    DOC1,
    DOC2,
    HOSTILE,
    doc_quads,
    document,
    fill,
    kb,
    oxigraph_binary,
    oxigraph_server,
)
from rdflib.compare import isomorphic

from kgraph import rdf
from kgraph.errors import QueryError, StoreError, StoreLockedError
from kgraph.store import (
    EmbeddedStore,
    RemoteStore,
    Rows,
    Store,
    bind_values,
    open_store,
    query_form,
)
from kgraph.vocab import ACTORS_GRAPH, KG

A = "https://w3id.org/kgraph/id/actor/"


# -- the two backends -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def oxigraph_url(tmp_path_factory):
    if oxigraph_binary() is None:
        pytest.skip("oxigraph server binary not installed")
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as url:
        yield url


@pytest.fixture(params=["embedded", "remote"])
def store(request, tmp_path):
    if request.param == "embedded":
        opened = open_store(tmp_path / "store")
    else:
        opened = open_store(request.getfixturevalue("oxigraph_url"))
        opened.update("DROP ALL")
    with opened:
        yield opened


# -- graphs -----------------------------------------------------------------------------------
def test_implements_protocol(store):
    assert isinstance(store, Store)


def test_replace_graph_is_idempotent(store):
    fill(store)
    size = len(store)
    assert size == len(rdf.actor_quads(kb())) + len(doc_quads(DOC1)) + len(doc_quads(DOC2))
    fill(store)
    assert len(store) == size
    assert store.graphs() == sorted([ACTORS_GRAPH, rdf.graph_iri("doc1"), rdf.graph_iri("doc2")])
    assert store.has_graph(rdf.graph_iri("doc1"))
    assert not store.has_graph(rdf.graph_iri("nope"))


def test_replace_graph_touches_only_its_graph(store):
    fill(store)
    before = store.dump(None, "nquads", graph=rdf.graph_iri("doc2"))
    smaller = document(
        "doc1", [("putin", "meet", "jiang-zemin", "2000-07-18", "Putin met Jiang in Beijing.")]
    )
    store.replace_graph(rdf.graph_iri("doc1"), doc_quads(smaller))
    assert store.dump(None, "nquads", graph=rdf.graph_iri("doc2")) == before
    visits = store.query("SELECT ?m WHERE { ?m a kg:Visit }")
    assert len(visits) == 0
    assert len(store.query("SELECT ?m WHERE { ?m a kg:Meeting }")) == 1


def test_replace_graph_is_atomic_when_input_fails(store):
    fill(store)
    size = len(store)

    def broken():
        yield from doc_quads(DOC2)[:3]
        raise RuntimeError("extractor crashed")

    with pytest.raises(RuntimeError):
        store.replace_graph(rdf.graph_iri("doc1"), broken())
    assert len(store) == size
    assert store.has_graph(rdf.graph_iri("doc1"))


def test_replace_graph_puts_quads_in_the_named_graph(store):
    quads = [ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal("x"))]
    store.replace_graph("urn:g", quads)
    assert store.graphs() == ["urn:g"]
    with pytest.raises(StoreError, match="not a valid graph IRI"):
        store.replace_graph("not an iri", quads)


def test_drop_graph(store):
    fill(store)
    store.drop_graph(rdf.graph_iri("doc1"))
    store.drop_graph(rdf.graph_iri("never-there"))
    assert rdf.graph_iri("doc1") not in store.graphs()
    assert len(store.query("SELECT ?m WHERE { ?m a kg:Mention }")) == 1


def test_bulk_load(store):
    quads = rdf.actor_quads(kb()) + doc_quads(DOC1) + doc_quads(DOC2)
    assert store.bulk_load(iter(quads)) == len(quads)
    assert len(store) == len(quads)


# -- queries ----------------------------------------------------------------------------------
def test_select_ask_construct(store):
    fill(store)
    rows = store.query(
        "SELECT ?who ?day WHERE { ?m kg:subject ?who ; kg:relation 'meet' ; kg:start ?day }"
    )
    assert isinstance(rows, Rows)
    assert rows.variables == ["who", "day"]
    assert [(r["who"], r["day"].toPython()) for r in rows] == [
        (rdflib.URIRef(A + "putin"), date(2000, 7, 18))
    ]
    assert store.query("ASK { ?a kg:met ?b }") is True
    assert store.query("ASK { ?a kg:attacked ?b }") is False
    graph = store.query("CONSTRUCT { ?a kg:met ?b } WHERE { ?a kg:met ?b }")
    assert isinstance(graph, rdflib.Graph)
    assert (rdflib.URIRef(A + "putin"), KG.met, rdflib.URIRef(A + "jiang-zemin")) in graph
    assert len(graph) == 2  # symmetric: both directions are materialised


def test_unbound_optional_is_none(store):
    fill(store)
    rows = store.query("SELECT ?m ?place WHERE { ?m a kg:Meeting OPTIONAL { ?m kg:place ?place } }")
    assert [r["place"] for r in rows] == [None]


def test_default_graph_is_the_union(store):
    fill(store)
    rows = store.query(
        "SELECT ?name WHERE { ?m kg:relation 'criticize' ; kg:subject ?a . ?a rdfs:label ?name }"
    )
    assert [str(r["name"]) for r in rows] == ["Jiang Zemin"]  # mention and actor graphs


def test_bindings(store):
    fill(store)
    who_met = "SELECT ?other WHERE { ?actor kg:met ?other }"
    rows = store.query(who_met, {"actor": rdflib.URIRef(A + "putin")})
    assert [r["other"] for r in rows] == [rdflib.URIRef(A + "jiang-zemin")]
    projected = store.query(
        "SELECT ?m ?relation WHERE { ?m kg:relation ?relation }", {"relation": "visit"}
    )
    assert len(projected) == 1 and str(projected[0]["relation"]) == "visit"
    dated = store.query(
        "SELECT ?m WHERE { ?m kg:start ?d FILTER(?d >= ?since) }", {"since": date(2000, 1, 1)}
    )
    assert len(dated) == 2
    grouped = store.query(
        "SELECT (COUNT(?m) AS ?n) WHERE { ?m kg:subject ?who } GROUP BY ?who",
        {"who": rdflib.URIRef(A + "putin")},
    )
    assert [int(r["n"]) for r in grouped] == [2]


def test_bindings_cannot_inject(store):
    fill(store)
    size = len(store)
    query = "SELECT ?a WHERE { ?a rdfs:label ?name }"
    rows = store.query(query, {"name": HOSTILE})
    assert [r["a"] for r in rows] == [rdflib.URIRef(A + "hostile")]
    assert store.query(query, {"name": HOSTILE + "\n}"}).rows == []
    assert len(store) == size
    with pytest.raises(QueryError):
        store.query(query, {"name": rdflib.URIRef("http://x/> } DROP ALL")})
    with pytest.raises(QueryError, match="variable name"):
        store.query(query, {"name } DROP ALL #": "x"})
    assert len(store) == size


def test_query_refuses_updates(store):
    fill(store)
    for update in (
        "DROP ALL",
        "PREFIX x: <urn:x> INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "# hello\nDELETE WHERE { ?s ?p ?o }",
    ):
        with pytest.raises(QueryError, match="use kgraph update"):
            store.query(update)
    assert len(store) > 0


def test_malformed_query_is_one_line(store):
    with pytest.raises(QueryError) as info:
        store.query("SELECT ?x WHERE { ?x ")
    assert "\n" not in str(info.value)


def test_max_rows(store):
    fill(store)
    rows = store.query("SELECT ?s WHERE { ?s ?p ?o }", max_rows=3)
    assert len(rows) == 3 and rows.truncated
    assert not store.query("SELECT ?s WHERE { ?s a kg:Visit }", max_rows=3).truncated


def test_update(store):
    store.update('INSERT DATA { GRAPH <urn:g> { <urn:a> rdfs:label "A" } }')
    assert store.graphs() == ["urn:g"]
    with pytest.raises(QueryError):
        store.update("INSERT NONSENSE")


# -- files and rdflib -------------------------------------------------------------------------
def _per_graph(dataset: rdflib.Dataset) -> dict[str, rdflib.Graph]:
    graphs = {}
    for context in dataset.graphs():
        if len(context):
            graph = rdflib.Graph()
            for triple in context:
                graph.add(triple)
            graphs[str(context.identifier)] = graph
    return graphs


def _assert_same(left: rdflib.Dataset, right: rdflib.Dataset) -> None:
    a, b = _per_graph(left), _per_graph(right)
    assert sorted(a) == sorted(b)
    for name in a:
        assert isomorphic(a[name], b[name]), name


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's JSON-LD plugin internals
@pytest.mark.parametrize("format", ["trig", "nquads", "jsonld"])
def test_dump_load_round_trip(store, tmp_path, format):
    fill(store)
    path = tmp_path / f"dump.{format}"
    store.dump(path, format)
    with open_store(":memory:") as copy:
        copy.load(path, format)
        _assert_same(store.to_dataset(), copy.to_dataset())
        assert len(copy) == len(store)


def test_dump_load_turtle_per_graph(store, tmp_path):
    fill(store)
    with open_store(":memory:") as copy:
        for graph in store.graphs():
            data = store.dump(None, "turtle", graph=graph)
            assert b"@prefix kg:" in data or graph == ACTORS_GRAPH
            copy.load(data, "turtle", graph=graph)
        _assert_same(store.to_dataset(), copy.to_dataset())
    union = store.dump(tmp_path / "all.ttl", "turtle")
    assert union is None and (tmp_path / "all.ttl").stat().st_size > 0


def test_load_into_the_store_under_test(store, tmp_path):
    with open_store(":memory:") as source:
        fill(source)
        source.dump(tmp_path / "d.trig", "trig")
        expected = source.to_dataset()
    store.load(tmp_path / "d.trig", "trig")
    _assert_same(expected, store.to_dataset())


def test_rdflib_dataset_round_trip(store):
    fill(store)
    dataset = store.to_dataset()
    with open_store(":memory:") as copy:
        copy.from_dataset(dataset)
        assert len(copy) == len(store)
        _assert_same(dataset, copy.to_dataset())


def test_bad_format_and_bad_file(store, tmp_path):
    with pytest.raises(StoreError, match="unknown format"):
        store.dump(None, "rdfxml-ish")
    bad = tmp_path / "bad.trig"
    bad.write_text("<urn:a> <urn:b> .", encoding="utf-8")
    with pytest.raises(StoreError, match="bad.trig"):
        store.load(bad, "trig")


# -- embedded only ----------------------------------------------------------------------------
def test_second_writer_process_gets_a_clear_lock_error(tmp_path):
    location = tmp_path / "locked"
    with open_store(location) as store:
        fill(store)
        script = textwrap.dedent(
            f"""
            from kgraph.errors import StoreLockedError
            from kgraph.store import open_store
            try:
                open_store({str(location)!r})
            except StoreLockedError as exc:
                print(exc)
            """
        )
        result = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
        )
        message = result.stdout.strip()
        assert "in use by another process" in message and str(location) in message
        assert "\n" not in message
    with open_store(location, read_only=True) as reader:
        assert len(reader) > 0
        with pytest.raises(StoreError, match="read-only"):
            reader.replace_graph("urn:g", [])


def test_same_process_second_open_is_locked(tmp_path):
    with open_store(tmp_path / "s"):
        with pytest.raises(StoreLockedError):
            open_store(tmp_path / "s")


def test_store_persists_and_closes(tmp_path):
    with open_store(tmp_path / "s") as store:
        fill(store)
        size = len(store)
    with pytest.raises(StoreError, match="closed"):
        len(store)
    with open_store(tmp_path / "s") as store:
        assert len(store) == size


def test_writes_survive_a_process_that_never_closes_its_store(tmp_path):
    # close() flushes nothing by hand (a manual RocksDB flush can hang): what a write
    # returned from must already be durable, even if the process dies right after it.
    script = textwrap.dedent(
        f"""
        import os
        import pyoxigraph as ox
        from kgraph.store import open_store
        store = open_store({str(tmp_path / "s")!r})
        store.update("INSERT DATA {{ GRAPH <https://example.org/d1> {{ <urn:a> <urn:p> 1 }} }}")
        g = ox.NamedNode("https://example.org/d2")
        store.bulk_load([ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal("x"), g)])
        os._exit(0)
        """
    )
    subprocess.run([sys.executable, "-c", script], check=True)
    with open_store(tmp_path / "s", read_only=True) as store:
        assert len(store) == 2


def test_read_only_missing_store(tmp_path):
    with pytest.raises(StoreError, match="no kgraph store"):
        open_store(tmp_path / "missing", read_only=True)


def test_default_location(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KGRAPH_STORE", raising=False)
    with open_store() as store:
        assert isinstance(store, EmbeddedStore) and store.path == Path(".kgraph")
    assert (tmp_path / ".kgraph").is_dir()
    monkeypatch.setenv("KGRAPH_STORE", str(tmp_path / "elsewhere"))
    with open_store() as store:
        assert store.path == tmp_path / "elsewhere"
    monkeypatch.setenv("KGRAPH_STORE", "http://127.0.0.1:9")
    assert isinstance(open_store(), RemoteStore)


def test_memory_store():
    with open_store(":memory:") as store:
        assert store.path is None and len(store) == 0
        fill(store)
        assert len(store) > 0


# -- remote only ------------------------------------------------------------------------------
def test_remote_url_conventions():
    oxigraph = RemoteStore.from_url("http://localhost:7878")
    assert (oxigraph.query_endpoint, oxigraph.update_endpoint, oxigraph.store_endpoint) == (
        "http://localhost:7878/query",
        "http://localhost:7878/update",
        "http://localhost:7878/store",
    )
    assert oxigraph.union_default_graph
    fuseki = RemoteStore.from_url("fuseki+https://h:3030/kg/")
    assert fuseki.query_endpoint == "https://h:3030/kg/query"
    assert fuseki.store_endpoint == "https://h:3030/kg"
    graphdb = RemoteStore.from_url("graphdb+http://h:7200/repositories/kg")
    assert graphdb.query_endpoint == "http://h:7200/repositories/kg"
    assert graphdb.update_endpoint == "http://h:7200/repositories/kg/statements"
    virtuoso = RemoteStore.from_url("virtuoso+http://u:p%40ss@h:8890")
    assert virtuoso.query_endpoint == virtuoso.update_endpoint == "http://h:8890/sparql"
    assert virtuoso._headers["Authorization"] == "Basic dTpwQHNz"
    generic = RemoteStore.from_url("https://example.org/sparql")
    assert generic.query_endpoint == generic.update_endpoint == "https://example.org/sparql"
    sibling = RemoteStore.from_url("http://h/ds/query")
    assert sibling.update_endpoint == "http://h/ds/update"
    explicit = open_store("http://h/q", update_endpoint=None, read_only=False)
    assert explicit.read_only
    with pytest.raises(StoreError, match="unknown server kind"):
        RemoteStore.from_url("blazegraph+http://h")


def test_remote_unreachable():
    with pytest.raises(StoreError, match="cannot reach"):
        open_store("http://127.0.0.1:9", timeout=2).query("ASK {}")


def test_remote_union_default_graph_parameter(tmp_path):
    if oxigraph_binary() is None:
        pytest.skip("oxigraph server binary not installed")
    with oxigraph_server(tmp_path / "plain", union_default_graph=False) as url:
        plain = RemoteStore.from_url(url, union_default_graph=False)
        fill(plain)
        assert plain.query("ASK { ?a kg:met ?b }") is False
        assert plain.query("ASK { GRAPH ?g { ?a kg:met ?b } }") is True
        assert RemoteStore.from_url(url).query("ASK { ?a kg:met ?b }") is True


# -- SPARQL text helpers ----------------------------------------------------------------------
def test_query_form():
    assert query_form("PREFIX a: <urn:a#> PREFIX : <urn:b#>\nASK {}") == "ASK"
    assert query_form("BASE <urn:x> CONSTRUCT WHERE { ?s ?p ?o }") == "CONSTRUCT"
    assert query_form("with <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }") == "WITH"
    assert query_form("  ") is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT ?x WHERE { ?x ?p ?v }", "SELECT ?x WHERE { VALUES"),
        ("SELECT ?x { ?x ?p ?v }", "SELECT ?x { VALUES"),
        ('SELECT ?x WHERE { ?x ?p "{" }', "SELECT ?x WHERE { VALUES"),
        ("# { brace\nSELECT * WHERE { ?x ?p ?v }", "SELECT * WHERE { VALUES"),
        ("CONSTRUCT { ?x ?p ?v } WHERE { ?x ?p ?v }", "} WHERE { VALUES"),
        ("CONSTRUCT { ?x ?p ?v } { ?x ?p ?v }", "} { VALUES"),
        ("CONSTRUCT WHERE { ?x ?p ?v }", "}\nVALUES"),
        ("DESCRIBE ?v", "DESCRIBE ?v\nVALUES"),
        ("SELECT ?x WHERE { { SELECT ?x WHERE { ?x ?p ?v } } }", "SELECT ?x WHERE { VALUES"),
    ],
)
def test_bind_values_placement(query, expected):
    bound = bind_values(query, {"v": 1})
    assert expected in bound
    assert bound.count("VALUES (?v)") == 1
    store = ox.Store()
    store.add(
        ox.Quad(
            ox.NamedNode("urn:a"),
            ox.NamedNode("urn:p"),
            ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
        )
    )
    store.query(bound)  # parses


def test_bind_values_escapes_hostile_text():
    bound = bind_values("SELECT ?a WHERE { ?a ?p ?name }", {"name": HOSTILE})
    assert '("Putin\\" } ; DROP ALL ; #")' in bound
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal(HOSTILE)))
    assert [s["a"] for s in store.query(bound)] == [ox.NamedNode("urn:a")]
