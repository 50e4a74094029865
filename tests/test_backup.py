"""Backups: ``kgraph export`` of the whole store and ``kgraph load`` into a fresh store give
the same dataset, graph for graph (rdflib ``isomorphic``, so blank nodes may be renamed);
a broken or truncated dump is refused whole and the store keeps what it had."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

from kgraph.cli import cli
from kgraph.graph import KnowledgeGraph
from kgraph.rdf import to_rdflib
from kgraph.store import EmbeddedStore

FORMATS = {"trig": ".trig", "nquads": ".nq", "jsonld": ".jsonld"}


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def source(tmp_path_factory, root, extractor):
    """A store built from the seeds: documents, events, actors, the ontology (with bnodes)."""
    path = tmp_path_factory.mktemp("backup") / "store"
    with KnowledgeGraph.open(path) as kg:
        kg._extractor = extractor
        kg.build([root / "seeds"])
    return path


def dataset(path) -> dict[str, frozenset[str] | rdflib.Graph]:
    """The graphs of a store by name ("" for the default graph): a set of N-Triples lines,
    or an rdflib graph when it has blank nodes (compared with ``isomorphic``)."""
    triples: dict[str, list] = {}
    with EmbeddedStore(path, read_only=True) as store:
        for quad in store.oxigraph:
            name = "" if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
            triples.setdefault(name, []).append((quad.subject, quad.predicate, quad.object))
    graphs: dict[str, frozenset[str] | rdflib.Graph] = {}
    for name, found in triples.items():
        if any(isinstance(t, ox.BlankNode) for triple in found for t in triple):
            graph = rdflib.Graph()
            for triple in found:
                graph.add(tuple(to_rdflib(t) for t in triple))
            graphs[name] = graph
        else:
            graphs[name] = frozenset(f"{s} {p} {o} ." for s, p, o in found)
    return graphs


def same(a, b) -> bool:
    if isinstance(a, rdflib.Graph) and isinstance(b, rdflib.Graph):
        return len(a) == len(b) and isomorphic(a, b)
    return a == b


def assert_same_dataset(a: dict, b: dict) -> None:
    assert sorted(a) == sorted(b)
    for name in a:
        assert same(a[name], b[name]), f"graph {name} differs"


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's JSON-LD plugin internals
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_export_then_load_gives_the_same_dataset(source, tmp_path, fmt):
    dump = tmp_path / f"backup{FORMATS[fmt]}"
    result = run("export", "--format", fmt, "-o", dump, "--store", source)
    assert result.exit_code == 0, result.output
    fresh = tmp_path / "fresh"
    result = run("load", dump, "--store", fresh)  # the format from the file name
    assert result.exit_code == 0, result.output
    original = dataset(source)
    assert "" not in original and len(original) >= 4  # documents, events, actors, ontology
    assert_same_dataset(original, dataset(fresh))
    # Loading twice adds nothing, but blank nodes: a file's blank nodes are new ones each
    # time it is read (RDF semantics). Only the ontology has some; restore into a fresh store.
    assert run("load", dump, "--store", fresh).exit_code == 0
    twice = dataset(fresh)
    for name, graph in original.items():
        if isinstance(graph, rdflib.Graph):
            assert len(twice[name]) > len(graph)
        else:
            assert twice[name] == graph, name


def test_export_to_stdout_round_trips(source, tmp_path):
    result = CliRunner().invoke(cli, ["export", "--format", "nquads", "--store", str(source)])
    assert result.exit_code == 0
    dump = tmp_path / "out.nq"
    dump.write_bytes(result.stdout_bytes)
    assert run("load", dump, "--store", tmp_path / "fresh").exit_code == 0
    assert_same_dataset(dataset(source), dataset(tmp_path / "fresh"))


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_a_truncated_or_broken_dump_is_refused_whole(source, tmp_path, fmt):
    dump = tmp_path / f"backup{FORMATS[fmt]}"
    assert run("export", "--format", fmt, "-o", dump, "--store", source).exit_code == 0
    data = dump.read_bytes()
    target = tmp_path / "target"
    seed = tmp_path / "seed.nq"
    seed.write_text('<urn:a> <urn:b> "kept" <urn:g> .\n')
    assert run("load", seed, "--store", target).exit_code == 0
    before = dataset(target)
    for name, broken in {
        "truncated": data[: len(data) * 2 // 3],
        "garbage at the end": data + b"\n<urn:x> <urn:y> \"unterminated .\n",
        "binary": b"\x00\xff" * 100,
    }.items():
        path = tmp_path / f"{name.replace(' ', '-')}{FORMATS[fmt]}"
        path.write_bytes(broken)
        result = run("load", path, "--store", target)
        assert result.exit_code == 2, (name, result.output)
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"kgraph: error: {path}: "), lines
        assert "Traceback" not in result.output
        assert_same_dataset(before, dataset(target))
