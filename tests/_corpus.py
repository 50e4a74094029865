"""A generated corpus for the crash and concurrency tests, and its reference graphs.

The documents vary real paragraphs of ``tests/data/extract/docs`` and ``seeds/`` (one or two
per document, under varying headers), so the extractor does its full work on each. The
reference is an uninterrupted in-process build into a memory store; graphs are compared
without the run's identity and start time, the only triples that differ between builds.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.compare import to_canonical_graph

from kgraph.errors import StoreError
from kgraph.graph import KnowledgeGraph
from kgraph.rdf import to_oxigraph, to_rdflib
from kgraph.store import EmbeddedStore
from kgraph.vocab import RUN_BASE

ROOT = Path(__file__).resolve().parents[1]
KGRAPH = Path(sys.executable).with_name("kgraph")
_RUN = re.compile(r"<" + re.escape(RUN_BASE) + r"[^>]*>")
_STARTED = "<http://www.w3.org/ns/prov#startedAtTime>"


def paragraphs() -> list[str]:
    """Real paragraphs of the test documents and the seeds."""
    found = []
    files = sorted((ROOT / "tests/data/extract/docs").glob("*.txt"))
    for path in files + sorted((ROOT / "seeds").glob("*.txt")):
        body = re.sub(r"\A\s*Publication:[^\n]*\n", "", path.read_text(encoding="utf-8"))
        found += [p.strip() for p in re.split(r"\n\s*\n", body) if 80 < len(p.strip()) < 1200]
    return found


def make_corpus(folder: Path, count: int) -> Path:
    """Write ``count`` documents ``doc0000.txt``... into ``folder`` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    source = paragraphs()
    for i in range(count):
        parts = [source[i % len(source)]]
        if i % 3:
            parts.append(source[(i * 7 + 3) % len(source)])
        header = f"Publication: Monitor Volume: {3 + i % 5} Issue: {1 + i % 200}"
        (folder / f"doc{i:04d}.txt").write_text(header + "\n\n" + "\n\n".join(parts) + "\n")
    return folder


def normalised(quads) -> frozenset[str]:
    """The triples of a graph as N-Triples lines, the run's IRI and start time left out.

    Blank nodes (only the ontology has them) are given canonical labels first.
    """
    triples = [(q.subject, q.predicate, q.object) for q in quads]
    if any(isinstance(t, ox.BlankNode) for triple in triples for t in triple):
        graph = rdflib.Graph()
        for triple in triples:
            graph.add(tuple(to_rdflib(t) for t in triple))
        triples = [
            tuple(to_oxigraph(t) for t in triple) for triple in to_canonical_graph(graph)
        ]
    lines = set()
    for subject, predicate, obj in triples:
        line = f"{subject} {predicate} {obj}"
        if _STARTED in line and str(subject).startswith("<" + RUN_BASE):
            continue
        lines.add(_RUN.sub("<run>", line))
    return frozenset(lines)


def graphs_of(store: EmbeddedStore) -> dict[str, frozenset[str]]:
    """Every named graph of a store, normalised."""
    return {graph: normalised(store._graph(graph)) for graph in store.graphs()}


@cache
def reference(folder: Path, extractor) -> dict[str, frozenset[str]]:
    """The graphs of an uninterrupted build of ``folder`` (computed once per session)."""
    with KnowledgeGraph.open(":memory:") as kg:
        kg._extractor = extractor
        kg.build([folder])
        return graphs_of(kg.store)


def doc_graphs(graphs: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    return {g: quads for g, quads in graphs.items() if "/graph/doc/" in g}


def start_build(folder: Path, store: Path, *extra: str) -> subprocess.Popen:
    """Start the real ``kgraph build`` in a subprocess."""
    env = {k: v for k, v in os.environ.items() if k != "KGRAPH_STORE"}
    return subprocess.Popen(
        [str(KGRAPH), "build", str(folder), "--store", str(store), *extra],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def snapshot(store: Path) -> dict[str, frozenset[str]] | None:
    """The document graphs a read-only open of the store sees now (None: no store yet)."""
    if not (store / "CURRENT").exists():
        return None
    try:
        opened = EmbeddedStore(store, read_only=True)
    except StoreError as exc:  # the build is creating the store right now
        assert "try again in a moment" in str(exc), exc
        return None
    with opened:
        return doc_graphs(graphs_of(opened))


def watch(
    store: Path,
    process: subprocess.Popen,
    until: Callable[[dict[str, frozenset[str]]], bool],
    check: Callable[[dict[str, frozenset[str]]], None],
    timeout: float = 90.0,
) -> int:
    """Poll read-only snapshots while ``process`` runs, ``check`` each, stop at ``until``.

    Returns the number of snapshots taken.
    """
    deadline = time.monotonic() + timeout
    taken = 0
    while process.poll() is None and time.monotonic() < deadline:
        seen = snapshot(store)
        if seen is not None:
            taken += 1
            check(seen)
            if until(seen):
                break
        time.sleep(0.2)
    return taken


def kill(process: subprocess.Popen) -> bool:
    """SIGKILL the process (no cleanup, as a crash or an OOM killer would).

    Returns whether the signal ended it: a process may exit on its own just before.
    """
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)
    return process.returncode == -signal.SIGKILL
