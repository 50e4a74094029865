"""A build killed with SIGKILL loses nothing: each document graph is complete or absent,
and a rerun completes the build with exactly the events of an uninterrupted one.

The real ``kgraph build`` runs in a subprocess over a generated corpus; the test watches the
store through read-only opens and kills the build twice, mid-way, with no chance to clean
up (as a crash, a power cut of the process or the OOM killer would).
"""

from __future__ import annotations

import signal

import pytest
from _corpus import doc_graphs, graphs_of, kill, make_corpus, start_build, watch

from kgraph.graph import KnowledgeGraph
from kgraph.store import EmbeddedStore

DOCUMENTS = 64
NEW_PER_ROUND = 8


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("crash") / "corpus", DOCUMENTS)


def assert_complete_or_absent(seen: dict[str, frozenset[str]], expected) -> None:
    for graph, quads in seen.items():
        assert graph in expected, f"{graph}: a graph no uninterrupted build writes"
        missing, extra = expected[graph] - quads, quads - expected[graph]
        assert not missing and not extra, (
            f"{graph} is partial: {len(missing)} triples missing, {len(extra)} extra"
        )


@pytest.mark.slow
def test_a_killed_build_leaves_complete_graphs_and_a_rerun_completes_it(corpus, tmp_path):
    # The reference is an uninterrupted build by the same code, run beside the first round.
    reference_store = tmp_path / "reference"
    uninterrupted = start_build(corpus, reference_store)
    store = tmp_path / "store"
    snapshots: list[dict[str, frozenset[str]]] = []
    after_kill: list[dict[str, frozenset[str]]] = []

    for round_ in range(2):
        before = len(after_kill[-1]) if after_kill else 0
        if before + NEW_PER_ROUND > DOCUMENTS:
            break  # the first build was killed after its last document: nothing left to cut
        process = start_build(corpus, store)
        watch(
            store,
            process,
            until=lambda seen, before=before: len(seen) >= before + NEW_PER_ROUND,
            check=snapshots.append,
        )
        killed = kill(process)
        if round_ == 0:  # 56 documents were still to come: the first kill must land
            assert killed, f"the build ended before it could be killed: {process.returncode}"
        elif not killed:  # the build stored its last documents between a look and the kill
            assert process.returncode == 0, process.returncode
        else:
            assert process.returncode == -signal.SIGKILL
        with EmbeddedStore(store) as reopened:  # a writable open recovers the store
            after_kill.append(doc_graphs(graphs_of(reopened)))
        # the kill may land after the last document graph, while events are still written
        assert before + NEW_PER_ROUND <= len(after_kill[-1]) <= DOCUMENTS, len(after_kill[-1])

    rerun = start_build(corpus, store)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    stored = len(after_kill[-1])
    assert out.startswith(f"stored {DOCUMENTS - stored} documents"), out
    assert out.rstrip().endswith(f"; {stored} unchanged"), out

    out, err = uninterrupted.communicate(timeout=300)
    assert uninterrupted.returncode == 0, err
    with EmbeddedStore(reference_store, read_only=True) as opened:
        expected_all = graphs_of(opened)
    expected = doc_graphs(expected_all)
    assert len(expected) == DOCUMENTS
    for seen in snapshots + after_kill:  # what readers saw during the build, and after each kill
        assert_complete_or_absent(seen, expected)
    assert len(snapshots) >= 2, "the readers should have seen the build going on"
    with EmbeddedStore(store, read_only=True) as opened:
        final = graphs_of(opened)
    assert final == expected_all, "the rerun must give exactly the uninterrupted build's graphs"
    mentions = sum(1 for quads in expected.values() for t in quads if t.endswith("#Mention>"))
    assert mentions > DOCUMENTS, "the corpus should give events to compare"


def test_a_build_killed_between_a_document_and_its_events_is_completed_by_a_rerun(
    corpus, extractor
):
    """The narrowest window: a document graph is stored, its mentions not yet merged into
    the events graph (a separate transaction). A rerun must not skip that document."""
    files = sorted(corpus.glob("*.txt"))[:20]
    with KnowledgeGraph.open(":memory:") as kg:
        kg._extractor = extractor
        kg.build(files)
        expected = graphs_of(kg.store)
    with KnowledgeGraph.open(":memory:") as kg:
        kg._extractor = extractor
        kg.build(files[:8])
        kg.build(files[8:9], identity=False)  # stored, killed before the merge
        report = kg.build(files)
        assert report.unchanged == 8 and report.documents == 12
        assert graphs_of(kg.store) == expected
