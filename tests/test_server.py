"""Tests of kgraph.server with real HTTP clients: urllib, rdflib's SPARQLStore, kgraph's own."""

from __future__ import annotations

import io
import json
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
import rdflib
from _servers import HOSTILE, A, fill, running
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import Result

from kgraph.errors import StoreError
from kgraph.server import serve
from kgraph.store import RemoteStore, open_store
from kgraph.vocab import KG

WHO_MET = """PREFIX kg: <https://w3id.org/kgraph/ontology#>
SELECT ?a ?b WHERE { ?a kg:met ?b } ORDER BY ?a"""
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j kg:relation ?k }"


@pytest.fixture(scope="module")
def store():
    with open_store(":memory:") as opened:
        fill(opened)
        yield opened


@pytest.fixture(scope="module")
def server(store):
    with running(store, max_results=100) as started:
        yield started


def get(url: str, accept: str | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    return _open(request)


def post(url: str, data: bytes, content_type: str, accept: str | None = None):
    headers = {"Content-Type": content_type}
    if accept:
        headers["Accept"] = accept
    return _open(urllib.request.Request(url, data=data, headers=headers, method="POST"))


def _open(request) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def q(server, query: str, **params) -> str:
    return server.endpoint + "?" + urllib.parse.urlencode({"query": query, **params})


# -- formats ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("application/sparql-results+json", "json"),
        ("application/sparql-results+xml", "xml"),
        ("text/csv", "csv"),
        ("text/tab-separated-values", "tsv"),
    ],
)
def test_select_in_each_format(server, accept, fmt):
    status, headers, body = get(q(server, WHO_MET), accept)
    assert status == 200 and headers["Content-Type"] == accept
    result = Result.parse(io.BytesIO(body), format=fmt)
    pairs = sorted((str(row[0]), str(row[1])) for row in result)
    assert pairs == [(A + "jiang-zemin", A + "putin"), (A + "putin", A + "jiang-zemin")]


def test_format_parameter_and_default(server):
    status, headers, body = get(q(server, WHO_MET, format="csv"))
    assert status == 200 and headers["Content-Type"] == "text/csv"
    assert body.startswith(b"a,b\r\n")
    status, headers, body = get(q(server, WHO_MET), "text/html,*/*;q=0.8")
    assert headers["Content-Type"] == "application/sparql-results+json"
    assert json.loads(body)["head"]["vars"] == ["a", "b"]


def test_ask_and_construct(server):
    status, _, body = get(q(server, "ASK { ?a kg:met ?b }"), "application/sparql-results+json")
    assert status == 200 and json.loads(body)["boolean"] is True
    construct = "CONSTRUCT { ?a kg:met ?b } WHERE { ?a kg:met ?b }"
    for accept, fmt in (("text/turtle", "turtle"), ("application/n-triples", "nt")):
        status, headers, body = get(q(server, construct), accept)
        assert status == 200 and headers["Content-Type"] == accept
        graph = rdflib.Graph().parse(data=body, format=fmt)
        assert (rdflib.URIRef(A + "putin"), KG.met, rdflib.URIRef(A + "jiang-zemin")) in graph


def test_post_query_body_and_form(server):
    status, _, body = post(
        server.endpoint,
        WHO_MET.encode(),
        "application/sparql-query",
        "application/sparql-results+json",
    )
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 2
    form = urllib.parse.urlencode({"query": WHO_MET}).encode()
    status, _, body = post(
        server.endpoint,
        form,
        "application/x-www-form-urlencoded",
        "application/sparql-results+json",
    )
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 2
    status, _, _ = post(server.endpoint, b"{}", "application/json")
    assert status == 415


def test_not_acceptable_and_not_found(server):
    assert get(q(server, WHO_MET), "image/png")[0] == 406
    assert get(q(server, WHO_MET, format="yaml"))[0] == 400
    assert get(server.url + "/nowhere")[0] == 404
    assert get(server.endpoint)[0] == 400


def test_html_page(server):
    status, headers, body = get(server.url + "/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b'<form action="/sparql"' in body and b"read-only" in body


# -- real clients -----------------------------------------------------------------------------
def test_rdflib_sparqlstore(server):
    graph = rdflib.Graph(store=SPARQLStore(query_endpoint=server.endpoint))
    rows = list(graph.query(WHO_MET))
    assert sorted(str(r.a) for r in rows) == [A + "jiang-zemin", A + "putin"]
    assert graph.query("ASK { ?a <https://w3id.org/kgraph/ontology#met> ?b }").askAnswer


def test_kgraph_remote_store_against_the_server(server):
    remote = RemoteStore.from_url(server.endpoint)
    rows = remote.query("SELECT ?a WHERE { ?a rdfs:label ?name }", {"name": HOSTILE})
    assert [r["a"] for r in rows] == [rdflib.URIRef(A + "hostile")]
    assert remote.query("ASK { ?a kg:met ?b }") is True
    with pytest.raises(StoreError, match="403"):
        remote.update("DROP ALL")


# -- safety -----------------------------------------------------------------------------------
def test_updates_are_refused(server, store):
    size = len(store)
    form = urllib.parse.urlencode({"update": "DROP ALL"}).encode()
    assert post(server.url + "/update", form, "application/x-www-form-urlencoded")[0] == 403
    assert post(server.url + "/update", b"DROP ALL", "application/sparql-update")[0] == 403
    assert post(server.endpoint, form, "application/x-www-form-urlencoded")[0] == 403
    status, _, body = get(q(server, "DROP ALL"))
    assert status == 403 and b"read-only" in body
    assert get(server.url + "/update")[0] == 405
    assert len(store) == size


def test_hostile_and_malformed_queries(server, store):
    size = len(store)
    for text in (
        HOSTILE,
        "SELECT * WHERE { ?s ?p ?o",
        "SELECT * WHERE { ?s ?p ?o } ; DROP ALL",
        "\x00\x01",
    ):
        status, headers, body = get(q(server, text))
        assert status == 400, text
        assert headers["Content-Type"] == "text/plain" and body.count(b"\n") == 1
    hostile_literal = 'SELECT ?a WHERE { ?a rdfs:label "Putin\\" } ; DROP ALL ; #" }'
    status, _, body = get(q(server, hostile_literal), "application/sparql-results+json")
    bindings = json.loads(body)["results"]["bindings"]
    assert status == 200 and [b["a"]["value"] for b in bindings] == [A + "hostile"]
    assert get(q(server, WHO_MET, **{"default-graph-uri": "urn:x"}))[0] == 400
    assert len(store) == size


def test_writable_server_accepts_updates():
    with open_store(":memory:") as store, running(store, writable=True) as server:
        update = 'INSERT DATA { GRAPH <urn:g> { <urn:a> rdfs:label "A" } }'
        status, _, _ = post(server.url + "/update", update.encode(), "application/sparql-update")
        assert status == 204
        assert store.graphs() == ["urn:g"]
        status, _, body = get(q(server, "DROP ALL"))
        assert status == 403 and b"/update" in body
        form = urllib.parse.urlencode({"update": "DROP ALL"}).encode()
        assert post(server.url + "/update", form, "application/x-www-form-urlencoded")[0] == 204
        assert len(store) == 0
        bad = post(server.url + "/update", b"INSERT NONSENSE", "application/sparql-update")
        assert bad[0] == 400


# -- limits -----------------------------------------------------------------------------------
def test_result_limit(store):
    with running(store, max_results=3) as server:
        status, headers, body = get(
            q(server, "SELECT ?s WHERE { ?s ?p ?o }"), "application/sparql-results+json"
        )
        assert status == 200
        assert headers["X-KGraph-Truncated"] == "true" and headers["X-KGraph-Max-Results"] == "3"
        assert len(json.loads(body)["results"]["bindings"]) == 3
        status, headers, _ = get(q(server, "SELECT ?a WHERE { ?a kg:visited ?b }"))
        assert status == 200 and "X-KGraph-Truncated" not in headers
        status, _, body = get(q(server, "CONSTRUCT WHERE { ?s ?p ?o }"), "text/turtle")
        assert status == 413 and b"LIMIT" in body


def test_time_limit(store):
    with running(store, timeout=0.05) as server:
        status, headers, body = get(q(server, SLOW))
        assert status == 503 and headers["Retry-After"] == "10"
        assert b"longer than" in body
        assert get(q(server, "ASK {}"))[0] == 200


def test_burst_of_concurrent_queries(server):
    def one(i: int) -> tuple[int, int]:
        status, _, body = get(
            q(server, WHO_MET + f" LIMIT {10 + i}"), "application/sparql-results+json"
        )
        return status, len(json.loads(body)["results"]["bindings"])

    with ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(one, range(50)))
    assert results == [(200, 2)] * 50


def test_serve_a_store_folder(tmp_path):
    location = tmp_path / "store"
    with open_store(location) as store:
        fill(store)
    with running(location) as server:
        status, _, body = get(q(server, "ASK { ?a kg:met ?b }"), "application/sparql-results+json")
        assert status == 200 and json.loads(body)["boolean"] is True
    with open_store(location) as again:  # the server released the store
        assert len(again) > 0


def test_port_in_use(server):
    port = int(server.url.rsplit(":", 1)[1])
    with pytest.raises(StoreError, match="cannot listen"):
        serve(":memory:", port=port)
