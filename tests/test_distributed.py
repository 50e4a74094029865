"""Distributed extraction on a local Dask cluster writing to a real Oxigraph server."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from _servers import canonical, oxigraph_binary, oxigraph_server
from click.testing import CliRunner

from kgraph.errors import InputError
from kgraph.graph import KnowledgeGraph
from kgraph.store import open_store

distributed = pytest.importorskip("distributed", reason="needs the dask extra")

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from synth import generate  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, root) -> Path:
    folder = tmp_path_factory.mktemp("dist-corpus")
    generate(16, folder, seed=11, gold=tmp_path_factory.mktemp("dist-gold"))
    for seed in (root / "seeds").glob("*.txt"):
        (folder / seed.name).write_bytes(seed.read_bytes())
    return folder


@pytest.fixture(scope="module")
def reference(corpus, extractor) -> set[str]:
    """The single-process build of the corpus, canonicalised."""
    kg = KnowledgeGraph.open(":memory:")
    kg._extractor = extractor
    report = kg.build([corpus])
    assert report.documents == 18 and report.events > 40
    quads = canonical(kg.store)
    kg.close()
    return quads


@pytest.fixture(scope="module")
def cluster():
    """A Dask cluster of two worker processes on 127.0.0.1, stopped after the module."""
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
    ) as local:
        yield local


@pytest.fixture()
def server(tmp_path):
    if oxigraph_binary() is None:
        pytest.skip("no oxigraph server binary (pip install oxigraph)")
    with oxigraph_server(tmp_path / "oxigraph") as url:
        yield url


@pytest.mark.slow
def test_cli_build_on_scheduler_equals_single_process_build(corpus, reference, cluster, server):
    from kgraph.cli import cli

    runner = CliRunner()
    result = runner.invoke(
        cli, ["build", str(corpus), "--store", server, "--scheduler", cluster.scheduler_address]
    )
    assert result.exit_code == 0, result.output
    assert "stored 18 documents" in result.output
    with open_store(server) as store:
        remote = canonical(store)
    assert remote == reference
    # every worker loaded the pipeline once, through the plugin
    with distributed.Client(cluster, set_as_default=False) as client:
        loaded = client.run(lambda: sys.modules["kgraph.extract"]._WORKER is not None)
    assert list(loaded.values()) == [True, True]
    # a second run finds every document stored and extracts nothing
    again = runner.invoke(
        cli, ["build", str(corpus), "--store", server, "--scheduler", cluster.scheduler_address]
    )
    assert again.exit_code == 0, again.output
    assert "stored 0 documents" in again.output and "18 unchanged" in again.output


@pytest.mark.slow
def test_local_cluster_from_workers_option(corpus, reference, server):
    with KnowledgeGraph.open(server) as kg:
        report = kg.build([corpus], workers=2)
        assert (report.documents, report.unchanged) == (18, 0)
        assert canonical(kg.store) == reference


def test_n_process_build_equals_single_process_build(corpus, reference, extractor):
    kg = KnowledgeGraph.open(":memory:")
    kg._extractor = extractor
    report = kg.build([corpus], n_process=2)
    assert report.documents == 18
    assert canonical(kg.store) == reference
    kg.close()


@pytest.mark.parametrize(
    ("address", "message"),
    [("localhost:8786", "give an address such as tcp://"), ("tcp://127.0.0.1:1", "cannot reach")],
)
def test_bad_scheduler_is_one_line_error(corpus, address, message, tmp_path):
    from kgraph.cli import cli
    from kgraph.distributed import connect

    if "cannot" in message:
        with pytest.raises(InputError, match=message):
            with connect(address, timeout=1):
                pass
        return
    result = CliRunner().invoke(
        cli, ["build", str(corpus), "--store", str(tmp_path / "s"), "--scheduler", address]
    )
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and message in result.output
    assert "Traceback" not in result.output
