"""Helpers for the store and server tests: a small sample corpus, free ports, an Oxigraph server."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

import pyoxigraph as ox

from kgraph import rdf
from kgraph.kb import Entity, KnowledgeBase
from kgraph.model import Document, Event
from kgraph.server import serve
from kgraph.vocab import ACTORS_GRAPH, ONTOLOGY_GRAPH, RUN_BASE

A = "https://w3id.org/kgraph/id/actor/"
#: A string that would end a literal and drop the store if spliced into SPARQL.
HOSTILE = 'Putin" } ; DROP ALL ; #'
RUN = rdf.Run("store-test", started=datetime(2026, 11, 23, tzinfo=UTC), software_version="0.1.0")


# -- sample corpus ---------------------------------------------------------------------------
def kb() -> KnowledgeBase:
    return KnowledgeBase(
        entities={
            "russia": Entity("russia", "Russia", "country", wikidata="Q159"),
            "china": Entity("china", "China", "country", wikidata="Q148"),
            "putin": Entity("putin", "Vladimir Putin", "person", country="russia"),
            "jiang-zemin": Entity("jiang-zemin", "Jiang Zemin", "person", country="china"),
            "hostile": Entity("hostile", HOSTILE, "person", country="russia"),
        }
    )


def document(doc_id: str, sentences: list[tuple[str, str, str, str, str]]) -> tuple:
    """Build a document and its events from (subject, relation, object, day, sentence)."""
    text = " ".join(s[4] for s in sentences)
    events, offset = [], 0
    for subject, relation, obj, day, sentence in sentences:
        events.append(
            Event(
                doc=doc_id,
                doc_date=None,
                relation=relation,
                subject=subject,
                object=obj,
                subject_iri=A + subject,
                object_iri=A + obj,
                start=day,
                end=None,
                place=None,
                status="occurred",
                evidence=sentence,
                char_start=offset,
                char_end=offset + len(sentence),
                confidence=0.9,
            )
        )
        offset += len(sentence) + 1
    return Document(id=doc_id, text=text, date=date(2000, 7, 20)), events


DOC1 = document(
    "doc1",
    [
        ("putin", "meet", "jiang-zemin", "2000-07-18", "Putin met Jiang in Beijing."),
        ("putin", "visit", "china", "2000-07-18", "Putin visited China."),
    ],
)
DOC2 = document(
    "doc2",
    [
        ("jiang-zemin", "criticize", "russia", "1999-11-02", "Jiang criticized Moscow."),
    ],
)


def doc_quads(doc=DOC1) -> list[ox.Quad]:
    return rdf.document_quads(doc[0], doc[1], run=RUN)


def fill(store) -> None:
    store.replace_graph(ACTORS_GRAPH, rdf.actor_quads(kb()))
    for doc in (DOC1, DOC2):
        store.replace_graph(rdf.graph_iri(doc[0].id), doc_quads(doc))


# -- servers ---------------------------------------------------------------------------------
def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def oxigraph_binary() -> str | None:
    """Return the ``oxigraph`` server binary beside the interpreter or on PATH, if any."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.exists():
        return str(beside)
    return shutil.which("oxigraph")


def wait_for(url: str, timeout: float = 20.0) -> None:
    """Wait until ``url`` answers an HTTP request (any status)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=1.0):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} did not answer within {timeout} s") from None
            time.sleep(0.05)


@contextmanager
def oxigraph_server(location: Path, *, union_default_graph: bool = True) -> Iterator[str]:
    """Run ``oxigraph serve`` on a free loopback port; yield its base URL; stop it after."""
    binary = oxigraph_binary()
    if binary is None:
        raise FileNotFoundError("no oxigraph server binary (pip install oxigraph)")
    port = free_port()
    command = [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    if union_default_graph:
        command.append("--union-default-graph")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_for(f"{url}/query?query=ASK%7B%7D")
        except TimeoutError:
            process.kill()
            _, err = process.communicate(timeout=5)
            raise RuntimeError(f"oxigraph serve did not start: {err.decode()[-500:]}") from None
        yield url
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        if process.stderr:
            process.stderr.close()


@contextmanager
def running(store, **settings) -> Iterator:
    """A ``kgraph serve`` endpoint on a free loopback port, shut down on exit."""
    server = serve(store, port=0, **settings)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        thread.join(timeout=10)


_STARTED = "http://www.w3.org/ns/prov#startedAtTime"


def canonical(store) -> set[str]:
    """The store's quads as N-Quads lines, with the run IRI and its start time masked.

    The ontology graph is left out: its OWL lists are blank nodes, labelled per store.
    """

    def term(t) -> str:
        return "<run>" if isinstance(t, ox.NamedNode) and t.value.startswith(RUN_BASE) else str(t)

    quads = ox.parse(input=store.dump(None, "nquads"), format=ox.RdfFormat.N_QUADS)
    return {
        " ".join(term(t) for t in (q.subject, q.predicate, q.object, q.graph_name))
        for q in quads
        if q.predicate.value != _STARTED and q.graph_name.value != ONTOLOGY_GRAPH
    }
