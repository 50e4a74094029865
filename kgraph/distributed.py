"""Distributed extraction on Dask: workers run the spaCy pipeline, the client writes the store.

``kgraph build --workers N`` starts a local Dask cluster of N worker processes;
``kgraph build --scheduler tcp://HOST:PORT`` uses a running cluster. The client reads the
files, skips documents already stored with the same text, and sends batches of documents
to the workers; each worker loads the pipeline once (:class:`PipelineLoader`, a worker
plugin, and the cached extractor of :func:`kgraph.extract.worker_extractor`) and returns
the events. The client writes each document's graph to the store as results arrive, in
one transaction per document, exactly as a single-process build does: the store is never
written by two processes at once, workers need no access to it, and a build interrupted
half-way is resumed by running it again.

Extraction costs far more than writing (a document takes about 50 ms of CPU to extract
and about 2 ms to store), so one writer keeps up with dozens of workers. On a real cluster
the store is a SPARQL 1.1 server (Oxigraph, Virtuoso, Fuseki, GraphDB) that the client can
reach; see ``docs/scale.md``.

Examples
--------
>>> from kgraph.reader import read_text
>>> docs = [read_text("Publication: Monitor Volume: 6 Issue: 1\\n\\n"
...                   "Vladimir Putin met Jiang Zemin in Beijing on July 18.", "d1")]
>>> with connect(workers=1) as client:  # doctest: +SKIP
...     [(d.id, len(events)) for d, events in extract_on_dask(docs, client=client)]
[('d1', 1)]
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from .errors import InputError
from .extract import _batches, extract_batch, worker_extractor
from .model import Document, Event

try:  # an optional extra: pip install 'kgraph[dask]'
    from distributed import Client, LocalCluster, WorkerPlugin
except ImportError:  # pragma: no cover - exercised only without the extra
    Client = LocalCluster = None  # type: ignore[assignment,misc]
    WorkerPlugin = object  # type: ignore[assignment,misc]

if TYPE_CHECKING:
    from .extract import Extractor

__all__ = ["PipelineLoader", "connect", "extract_on_dask"]

#: Name under which the pipeline plugin is registered on the workers.
PLUGIN_NAME = "kgraph-pipeline"
_SCHEMES = ("tcp://", "tls://", "inproc://", "ucx://", "ws://", "wss://")


def _require_dask() -> None:
    if Client is None:
        raise InputError(
            "distributed extraction needs Dask: pip install 'kgraph[dask]' "
            "(or build without --workers/--scheduler)"
        )


class PipelineLoader(WorkerPlugin):
    """A Dask worker plugin that loads kgraph's pipeline once, when a worker starts.

    Workers that join the cluster later load it too. Tasks then find the pipeline in
    :func:`kgraph.extract.worker_extractor`'s per-process cache.
    """

    def __init__(self, model: str | None = None, ontology: str | None = None):
        self.model = model
        self.ontology = ontology

    def setup(self, worker: Any) -> None:
        """Load the pipeline in the worker process."""
        worker_extractor(self.model, ontology=self.ontology)


@contextmanager
def connect(
    scheduler: str | None = None, *, workers: int | None = None, timeout: float = 30.0
) -> Iterator[Any]:
    """Yield a Dask client: of the scheduler at ``scheduler``, or of a new local cluster.

    Parameters
    ----------
    scheduler : str, optional
        Address of a running scheduler, e.g. ``tcp://10.0.0.5:8786``.
    workers : int, optional
        Without ``scheduler``: start a local cluster of this many worker processes (one
        thread each) on 127.0.0.1, closed on exit.
    timeout : float
        Seconds to wait for the scheduler.

    Raises
    ------
    InputError
        When Dask is not installed, the address is malformed or nothing answers there,
        or ``workers`` is not a positive number.
    """
    _require_dask()
    if scheduler:
        if not scheduler.startswith(_SCHEMES):
            raise InputError(
                f"scheduler {scheduler!r}: give an address such as tcp://HOST:8786"
            )
        try:
            client = Client(scheduler, timeout=f"{timeout}s", set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise InputError(
                f"cannot reach the Dask scheduler at {scheduler} ({exc}); start one with "
                "`dask scheduler`, or use --workers N for a local cluster"
            ) from exc
        try:
            yield client
        finally:
            client.close()
        return
    if workers is None or workers < 1:
        raise InputError(f"workers={workers!r}: give a number of worker processes, 1 or more")
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
        silence_logs=logging.ERROR,
    )
    try:
        client = Client(cluster, set_as_default=False)
        try:
            yield client
        finally:
            client.close()
    finally:
        cluster.close()


def extract_on_dask(
    documents: Iterable[Document],
    *,
    client: Any = None,
    scheduler: str | None = None,
    workers: int | None = None,
    extractor: Extractor | None = None,
    model: str | None = None,
    ontology: str | None = None,
    batch_size: int = 32,
    in_flight: int | None = None,
) -> Iterator[tuple[Document, list[Event]]]:
    """Yield ``(document, events)`` for a stream of documents, extracted on Dask workers.

    Results come in the input order (so that a build is the same whichever worker is
    faster; event identities are merged document by document). At most ``in_flight``
    batches (default: twice the number of worker threads) are out at
    once, so the client's memory stays flat however long the stream.

    Parameters
    ----------
    documents : iterable of Document
        Documents read by the client (:meth:`kgraph.extract.Extractor.read`).
    client : distributed.Client, optional
        A connected client; otherwise one is made by :func:`connect` from ``scheduler``
        or ``workers`` and closed at the end.
    extractor : Extractor, optional
        The client's extractor: the workers load the same model and ontology
        (or give ``model`` and ``ontology``).
    batch_size : int
        Documents per task.

    Raises
    ------
    InputError
        See :func:`connect`.
    """
    if extractor is not None:
        model, ontology = extractor.model, extractor.ontology
    if client is None:
        with connect(scheduler, workers=workers) as own:
            yield from _extract(own, documents, model, ontology, batch_size, in_flight)
        return
    yield from _extract(client, documents, model, ontology, batch_size, in_flight)


def _threads(client: Any) -> int:
    info = client.scheduler_info()
    return sum(w.get("nthreads", 1) for w in info.get("workers", {}).values())


def _extract(
    client: Any,
    documents: Iterable[Document],
    model: str | None,
    ontology: str | None,
    batch_size: int,
    in_flight: int | None,
) -> Iterator[tuple[Document, list[Event]]]:
    client.register_plugin(PipelineLoader(model, ontology), name=PLUGIN_NAME)
    limit = in_flight or 2 * max(1, _threads(client))
    pending: deque = deque()
    for batch in _batches(documents, batch_size):
        pending.append(
            client.submit(
                extract_batch, batch, model=model, ontology=ontology, pure=False, retries=1
            )
        )
        if len(pending) >= limit:
            future = pending.popleft()
            yield from future.result()
            future.release()
    while pending:
        future = pending.popleft()
        yield from future.result()
        future.release()
