"""Hostile input never becomes SPARQL, reads never write, and the server stays up.

User text reaches the store only as bound values (``who-met``, ``query -p``,
``KnowledgeGraph.sparql(**bindings)``, the HTTP server); every hostile string below is
tried through each door against a store built from the seeds, and the store's content is
compared, quad for quad, before and after. Updates are refused on every read path
(however they are written: lower case, after comments and prefixes), and accepted only by
``kgraph update`` / ``--writable``. The SPARQL server binds 127.0.0.1, is read-only by
default, limits time and result size, and answers a burst of concurrent clients.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from _corpus import KGRAPH
from _servers import running
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.errors import KGraphError, QueryError
from kgraph.graph import KnowledgeGraph
from kgraph.store import EmbeddedStore, open_store

HOSTILE = [
    'Putin" } ; DROP ALL ; #',
    "Putin' } ; DROP ALL ; #",
    "<http://x> } ; DROP ALL",
    "http://x> } ; DROP ALL",
    "https://w3id.org/kgraph/id/actor/putin> } ; DROP ALL ; #",
    '""" } ; CLEAR ALL ; #',
    '\\" } ; INSERT DATA { <urn:a> <urn:b> <urn:c> } #',
    "} ; DELETE WHERE { ?s ?p ?o } #",
    "?actor",
    "$actor } UNION { ?s ?p ?o",
    "\n} ; DROP ALL\n#",
    "Путин 普京 بوتين \u202ePutin\u202c",
    "Putin\u2028\u2029\u0085",
    "P" * 100_000,
    "",
]
UPDATES = [
    "DROP ALL",
    "drop all",
    "Clear Default",
    "# SELECT * WHERE { ?s ?p ?o }\nDROP ALL",
    "PREFIX x: <urn:x> insert data { <urn:a> <urn:b> <urn:c> }",
    "BASE <http://x/> PREFIX y: <urn:y>\n# comment\n  delete where { ?s ?p ?o }",
    "with <urn:g> delete { ?s ?p ?o } where { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "create graph <urn:new>",
    "SELECT * WHERE { ?s ?p ?o } ; DROP ALL",
    "SELECT * { BIND(1 AS ?x) } INSERT DATA { <urn:a> <urn:b> <urn:c> }",
]
ECHO = "SELECT ?x WHERE { BIND(?v AS ?x) }"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, root, extractor) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "store"
    with KnowledgeGraph.open(path) as kg:
        kg._extractor = extractor
        kg.build([root / "seeds"])
    return path


def fingerprint(path: Path) -> str:
    """A digest of every quad of the store (sorted N-Quads), through a read-only open."""
    with EmbeddedStore(path, read_only=True) as store:
        lines = sorted(store.dump(None, "nquads").decode("utf-8").splitlines())
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


@pytest.fixture(scope="module")
def before(store_path) -> str:
    return fingerprint(store_path)


@pytest.fixture(scope="module")
def server(store_path, before):
    with running(str(store_path), max_results=50, timeout=30.0) as started:
        yield started


def request(
    url: str, data: bytes | None = None, content_type: str | None = None, timeout: float = 30
) -> tuple[int, dict, bytes]:
    headers = {"Accept": "application/sparql-results+json"}
    if content_type:
        headers["Content-Type"] = content_type
    try:
        with urllib.request.urlopen(
            urllib.request.Request(url, data=data, headers=headers), timeout=timeout
        ) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def get_query(server, query: str, **timeout) -> tuple[int, dict, bytes]:
    return request(server.endpoint + "?" + urllib.parse.urlencode({"query": query}), **timeout)


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def one_error_line(result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("kgraph: error: "), result.output
    return lines[0]


# -- the Python API ------------------------------------------------------------------------------
@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_sparql_bindings_are_values_never_text(store_path, before, value):
    with KnowledgeGraph.open(store_path, read_only=True) as kg:
        rows = kg.sparql(ECHO, v=value)  # projected: pyoxigraph substitution
        assert str(rows[0]["x"]) == value
        rows = kg.sparql("SELECT ?m WHERE { ?m kg:subjectText ?name }", name=value)  # VALUES
        assert len(rows) == 0
        assert kg.sparql(
            "ASK { ?m kg:evidence ?e FILTER(CONTAINS(?e, ?needle)) }", needle=value
        ) is (value == "")
        if value.strip() == "Putin":  # "Putin" between unicode spaces is Putin
            assert kg.who_met(value)
        else:
            with pytest.raises(KGraphError):
                kg.who_met(value)
    assert fingerprint(store_path) == before


def test_bound_values_are_applied_not_ignored(store_path):
    """A positive control: a real value bound the same way finds its rows."""
    with KnowledgeGraph.open(store_path, read_only=True) as kg:
        name = str(kg.sparql("SELECT ?n WHERE { ?m kg:subjectText ?n } LIMIT 1")[0]["n"])
        rows = kg.sparql("SELECT ?m WHERE { ?m kg:subjectText ?name }", name=name)
        assert len(rows) >= 1
        assert kg.who_met("Chi Haotian")


@pytest.mark.parametrize("name", ["x } ; DROP ALL #", "a b", "?", "1x", "x-y", "é"])
def test_binding_names_must_be_variable_names(store_path, name):
    with KnowledgeGraph.open(store_path, read_only=True) as kg:
        with pytest.raises(QueryError, match="not a SPARQL variable name"):
            kg.sparql(ECHO, **{name: "v"})


@pytest.mark.parametrize("update", UPDATES, ids=range(len(UPDATES)))
def test_queries_refuse_updates_however_written(store_path, before, update):
    with KnowledgeGraph.open(store_path, read_only=True) as kg:
        with pytest.raises(QueryError):
            kg.sparql(update)
    with open_store(":memory:") as memory:  # also on a writable store
        memory.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }")
        with pytest.raises(QueryError):
            memory.query(update)
        assert len(memory) == 1
    result = run("query", update, "--store", store_path)
    line = one_error_line(result)
    assert "update" in line or "malformed" in line, line
    assert fingerprint(store_path) == before


# -- the command line ----------------------------------------------------------------------------
@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_cli_who_met_and_query_p_take_hostile_text(store_path, before, value):
    result = run("who-met", value, "--store", store_path)
    if value.strip() == "Putin":
        assert result.exit_code == 0 and "Vladimir Putin" in result.output
    else:
        assert len(one_error_line(result)) < 400, "an error message stays one readable line"
    result = run("query", ECHO, "-p", "v", value, "--store", store_path, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"x": value}]
    assert fingerprint(store_path) == before


def test_the_console_script_with_hostile_arguments(store_path, before, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "KGRAPH_STORE"}
    for args in (
        ["who-met", HOSTILE[3]],
        ["query", ECHO, "-p", "v", HOSTILE[0], "--format", "csv"],
    ):
        result = subprocess.run(
            [str(KGRAPH), *args, "--store", str(store_path)], env=env, cwd=tmp_path,
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert "Traceback" not in result.stderr
        if args[0] == "query" and "-p" in args:
            assert result.returncode == 0 and HOSTILE[0].replace('"', '""') in result.stdout
        else:
            assert result.returncode == 2
            assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert fingerprint(store_path) == before


def test_updates_go_through_kgraph_update(tmp_path):
    store = tmp_path / "store"
    data = tmp_path / "d.nq"
    data.write_text('<urn:a> <urn:b> "1" <urn:g1> .\n<urn:a> <urn:b> "2" <urn:g2> .\n')
    assert run("load", data, "--store", store).exit_code == 0
    assert one_error_line(run("query", "drop graph <urn:g1>", "--store", store))
    result = run("update", "# hidden\nprefix x: <urn:x> drop graph <urn:g1>", "--store", store)
    assert result.exit_code == 0, result.output
    with EmbeddedStore(store, read_only=True) as opened:
        assert opened.graphs() == ["urn:g2"]
    assert "malformed SPARQL update" in one_error_line(
        run("update", "DROP ALL ;;", "--store", store)
    )


# -- the HTTP server -----------------------------------------------------------------------------
def test_the_server_binds_loopback_and_is_read_only_by_default(server, store_path, before):
    assert server.server_address[0] == "127.0.0.1"
    assert server.writable is False
    for update in UPDATES:
        status, _, body = get_query(server, update)
        assert status in (400, 403), (update, status, body)
        status, _, _ = request(
            server.endpoint,
            urllib.parse.urlencode({"update": update}).encode(),
            "application/x-www-form-urlencoded",
        )
        assert status == 403
        status, _, _ = request(server.url + "/update", update.encode(), "application/sparql-update")
        assert status == 403
        status, _, _ = request(server.endpoint, update.encode(), "application/sparql-update")
        assert status in (403, 415)
    assert fingerprint(store_path) == before


@pytest.mark.parametrize("value", HOSTILE[:-2], ids=range(len(HOSTILE) - 2))
def test_the_server_takes_hostile_text_inside_queries(server, store_path, before, value):
    literal = json.dumps(value)  # a correctly escaped SPARQL string
    status, _, body = get_query(server, f"SELECT ?x WHERE {{ BIND({literal} AS ?x) }}")
    assert status == 200, body
    assert json.loads(body)["results"]["bindings"][0]["x"]["value"] == value
    status, _, body = get_query(server, f"SELECT ?x WHERE {{ ?x kg:subjectText {value} }}")
    assert status in (200, 400, 403), body  # spliced by the *client*: parsed, never run as update
    assert fingerprint(store_path) == before


def test_the_server_limits_result_size(server):
    status, headers, body = get_query(server, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 200 and headers.get("X-KGraph-Truncated") == "true"
    assert len(json.loads(body)["results"]["bindings"]) == 50
    construct = {"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "turtle"}
    status, _, body = request(server.endpoint + "?" + urllib.parse.urlencode(construct))
    assert status == 413, body
    assert get_query(server, "ASK { ?s ?p ?o }")[0] == 200  # still answering


def test_the_server_limits_query_time(store_path):
    # A query of some 5 million rows (about 1.5 s here): it must not outlive the test by
    # much, since pyoxigraph cannot stop it and it ends in a background thread.
    values = " ".join(str(i) for i in range(400))
    slow = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?d ?e ?f . VALUES ?k {{ {values} }} }}"
    with EmbeddedStore(store_path, read_only=True) as store, running(store, timeout=0.2) as srv:
        started = time.perf_counter()
        status, headers, body = get_query(srv, slow)
        elapsed = time.perf_counter() - started
        assert status == 503 and b"longer than 0.2 s" in body, (status, body)
        assert headers.get("Retry-After") and elapsed < 5, elapsed
        assert get_query(srv, "ASK { ?s ?p ?o }", timeout=30)[0] == 200  # still answering


def test_a_burst_of_concurrent_clients(server, store_path, before):
    """200 requests from 16 threads, each bounded by a 30 s timeout: queries answered,
    updates and malformed text refused, nothing lost, the server up afterwards."""
    queries = [
        ("SELECT ?a ?b WHERE { ?a kg:met ?b } LIMIT 20", 200),
        ("ASK { ?m a kg:Mention }", 200),
        ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", 200),
        (f"SELECT ?x WHERE {{ BIND({json.dumps(HOSTILE[0])} AS ?x) }}", 200),
        ("DROP ALL", 403),
        ("select * where { ?s ?p", 400),
    ]
    jobs = [queries[i % len(queries)] for i in range(200)]
    latencies: list[float] = []

    def one(job):
        query, expected = job
        started = time.perf_counter()
        try:
            status, _, _ = get_query(server, query, timeout=30)
        except OSError as exc:
            return f"{type(exc).__name__}: {exc}"
        latencies.append(time.perf_counter() - started)
        return status == expected or f"{query!r}: HTTP {status}, expected {expected}"

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=16) as pool:
        outcomes = list(pool.map(one, jobs))
    elapsed = time.perf_counter() - started
    errors = [o for o in outcomes if o is not True]
    latencies.sort()
    print(
        f"burst: {len(jobs)} requests, 16 threads, {len(jobs) - len(errors)} answered as "
        f"expected, {len(errors)} errors, {elapsed:.2f} s, "
        f"p95 {latencies[int(len(latencies) * 0.95) - 1]:.3f} s"
    )
    assert not errors, errors[:5]
    assert get_query(server, "ASK { ?s ?p ?o }")[0] == 200
    assert fingerprint(store_path) == before


def test_kgraph_serve_console_script(tmp_path, store_path, before):
    copy = tmp_path / "copy.nq"
    with EmbeddedStore(store_path, read_only=True) as opened:
        opened.dump(copy, "nquads")
    store = tmp_path / "served"
    assert run("load", copy, "--store", store).exit_code == 0
    served_before = fingerprint(store)
    env = {k: v for k, v in os.environ.items() if k != "KGRAPH_STORE"}
    process = subprocess.Popen(
        [str(KGRAPH), "serve", "--store", str(store), "--port", "0"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        line = process.stdout.readline()
        assert "SPARQL endpoint at http://127.0.0.1:" in line and "read-only" in line, line
        endpoint = line.split(" at ", 1)[1].split()[0]
        base = endpoint.rsplit("/", 1)[0]
        status, _, body = request(endpoint + "?" + urllib.parse.urlencode({"query": "ASK {}"}))
        assert status == 200 and json.loads(body)["boolean"] is True
        assert request(base + "/update", b"DROP ALL", "application/sparql-update")[0] == 403
        assert request(endpoint + "?query=drop%20all")[0] == 403
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert "Traceback" not in process.stderr.read()
    assert fingerprint(store) == served_before
