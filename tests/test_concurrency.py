"""Two writers, or readers beside a writer, on one embedded store.

What is true of the embedded (RocksDB) store, and tested here:

* One process at a time opens a store folder for writing. A second writer (a build, an
  update, a load, a server) fails at once with :class:`~kgraph.errors.StoreLockedError`:
  one line, exit code 2, nothing written. Two builds started together therefore
  serialise or one of them stops cleanly; the store ends whole either way.
* A read-only open (``kgraph query``, ``who-met``, ``summary``, ``export``) takes no lock
  and sees the writer's transactions committed before it opened, never a part of one: a
  document graph is complete or absent. It does not see later writes (it is a snapshot);
  reopen to see them. pyoxigraph documents a read-only open beside a live writer as
  undefined behaviour; kgraph's read-only commands are short-lived opens, which is what
  these tests exercise (thousands of opens beside a writing process).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from _corpus import KGRAPH, ROOT

from kgraph.errors import StoreLockedError
from kgraph.graph import KnowledgeGraph
from kgraph.store import EmbeddedStore, open_store

LOCKED = "the store is in use by another process"


def kgraph(*args, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "KGRAPH_STORE"}
    return subprocess.run(
        [str(KGRAPH), *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True,
        timeout=timeout,
    )  # fmt: skip


def assert_locked(result: subprocess.CompletedProcess, store: Path) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"kgraph: error: {store}: {LOCKED}"), lines
    assert "wait for it or open it read-only" in lines[0]


def test_a_second_writer_gets_one_clear_line_and_writes_nothing(tmp_path, root, extractor):
    store = tmp_path / "store"
    with KnowledgeGraph.open(store) as kg:  # a build in progress holds the store
        kg._extractor = extractor
        kg.build([root / "seeds"])
        before = len(kg.store)
        with pytest.raises(StoreLockedError, match=LOCKED):
            open_store(store)  # in this process too
        started = time.perf_counter()
        assert_locked(kgraph("build", root / "seeds", "--force", "--store", store, cwd=tmp_path),
                      store)
        assert time.perf_counter() - started < 30, "the second writer must fail at once"
        assert_locked(kgraph("update", "CLEAR ALL", "--store", store, cwd=tmp_path), store)
        # readers are not blocked, and see what the writer committed
        result = kgraph("summary", "--store", store, "--format", "json", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert '"documents": 2' in result.stdout
        assert len(kg.store) == before
    result = kgraph("update", "DROP SILENT GRAPH <urn:nothing>", "--store", store, cwd=tmp_path)
    assert result.returncode == 0, result.stderr  # the lock goes with the writer


@pytest.mark.slow
def test_two_builds_at_once_serialise_or_one_stops_cleanly(tmp_path, root, extractor):
    store = tmp_path / "store"
    env = {k: v for k, v in os.environ.items() if k != "KGRAPH_STORE"}
    command = [str(KGRAPH), "build", str(root / "seeds"), "--store", str(store)]
    builds = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
        for _ in range(2)
    ]  # fmt: skip
    results = [(b.wait(timeout=180), *b.communicate()) for b in builds]
    codes = sorted(code for code, _, _ in results)
    assert codes in ([0, 0], [0, 2]), results
    for code, out, err in results:
        assert "Traceback" not in err
        if code == 2:
            assert err.strip().startswith(f"kgraph: error: {store}: {LOCKED}"), err
        else:
            assert out.startswith("stored "), out
    with KnowledgeGraph.open(store) as kg:  # both documents are there, whole and merged
        kg._extractor = extractor
        again = kg.build([root / "seeds"])
    assert (again.documents, again.unchanged) == (0, 2)


WRITER = textwrap.dedent(
    """
    import sys
    import time
    import pyoxigraph as ox
    from kgraph.store import EmbeddedStore

    store = EmbeddedStore(sys.argv[1])
    print("open", flush=True)
    end, round = time.monotonic() + float(sys.argv[2]), 0
    while time.monotonic() < end:
        round += 1
        for doc in range(10):
            graph = f"https://w3id.org/kgraph/graph/doc/d{doc}"
            quads = [
                ox.Quad(ox.NamedNode(f"urn:d{doc}:s{i}"), ox.NamedNode("urn:p"),
                        ox.Literal(f"round {round}"), ox.NamedNode(graph))
                for i in range(100)
            ]
            store.replace_graph(graph, quads)
    store.close()
    print("done", flush=True)
    """
)


def test_readers_beside_a_writing_process_see_whole_graphs(tmp_path):
    """Another process replaces 10 graphs of 100 triples again and again for 4 s; every read-only
    open sees each graph whole (100 triples of one round), never a mix or a part."""
    store = tmp_path / "store"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(store), "4"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    assert writer.stdout.readline().strip() == "open", writer.stderr.read()
    opens, rounds_seen = 0, set()
    try:
        while writer.poll() is None:
            try:
                reader = EmbeddedStore(store, read_only=True)
            except Exception as exc:  # noqa: BLE001 - record what a reader meets
                pytest.fail(f"a read-only open beside the writer failed: {exc!r}")
            with reader:
                opens += 1
                for graph in reader.graphs():
                    rounds = {str(q.object) for q in reader._graph(graph)}
                    count = sum(1 for _ in reader._graph(graph))
                    assert count == 100 and len(rounds) == 1, (graph, count, rounds)
                    rounds_seen |= rounds
    finally:
        out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0 and out.strip() == "done", err
    # How many opens fit in 4 s depends on the machine's load; that the reader really read
    # beside the writer is what matters here (whole graphs were asserted on each open).
    assert opens >= 1 and rounds_seen, (opens, rounds_seen)


def test_a_read_only_open_is_a_snapshot(tmp_path):
    """What a reader sees is fixed when it opens: later writes need a new open."""
    path = tmp_path / "store"
    quad = ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("1"))
    with EmbeddedStore(path) as writer:
        writer.replace_graph("urn:g1", [quad])
        with EmbeddedStore(path, read_only=True) as early:
            assert early.graphs() == ["urn:g1"]
            writer.replace_graph("urn:g2", [quad])
            assert early.graphs() == ["urn:g1"]  # frozen at its open
            with EmbeddedStore(path, read_only=True) as late:
                assert late.graphs() == ["urn:g1", "urn:g2"]


def test_a_server_holds_the_store_and_a_build_says_so(tmp_path, root):
    """``kgraph serve`` over a folder holds it for writing (even read-only to clients):
    a build meanwhile stops with the lock message; stop the server, or build through it."""
    store = tmp_path / "store"
    EmbeddedStore(store).close()
    env = {k: v for k, v in os.environ.items() if k != "KGRAPH_STORE"}
    server = subprocess.Popen(
        [str(KGRAPH), "serve", "--store", str(store), "--port", "0"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        line = server.stdout.readline()
        assert "SPARQL endpoint at http://127.0.0.1:" in line, server.stderr.read()
        assert_locked(kgraph("build", root / "seeds", "--store", store, cwd=tmp_path), store)
    finally:
        server.terminate()
        server.wait(timeout=30)


REOPENING_WRITER = textwrap.dedent(
    """
    import sys
    import time
    import pyoxigraph as ox
    from kgraph.store import EmbeddedStore

    end, rounds = time.monotonic() + float(sys.argv[2]), 0
    while time.monotonic() < end:
        store = EmbeddedStore(sys.argv[1])  # each open flushes the log and drops old files
        for doc in range(5):
            store.replace_graph(f"urn:g{doc}", [
                ox.Quad(ox.NamedNode(f"urn:s{i}"), ox.NamedNode("urn:p"), ox.Literal(str(rounds)))
                for i in range(300)
            ])
        if rounds % 3 == 0:
            store.oxigraph.optimize()
        store.close()
        rounds += 1
    print(rounds, flush=True)
    """
)


def test_readers_survive_a_writer_that_reopens_and_compacts(tmp_path):
    """A writer that opens, writes, compacts and closes again and again deletes the files
    a reader's open is reading (RocksDB: "No such file ... MANIFEST may be corrupted"):
    kgraph's read-only open retries, so every one of them succeeds."""
    store = tmp_path / "store"
    EmbeddedStore(store).close()
    writer = subprocess.Popen(
        [sys.executable, "-c", REOPENING_WRITER, str(store), "3"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    opens, failures = 0, []
    while writer.poll() is None:
        try:
            with EmbeddedStore(store, read_only=True) as reader:
                assert len(reader) % 300 == 0
            opens += 1
        except Exception as exc:  # noqa: BLE001 - count what a reader meets
            failures.append(repr(exc))
    out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    assert not failures, failures[:3]
    assert opens >= 10 and int(out) >= 3, (opens, out)
