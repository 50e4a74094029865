"""kgraph: a provenance-rich knowledge graph of Sino-Russian relations.

Text → events (spaCy) → RDF (one named graph per document, PROV-O) → answers.

>>> from kgraph import KnowledgeGraph
>>> kg = KnowledgeGraph.open(":memory:")
"""

from .errors import (
    AmbiguousActorError,
    InputError,
    KGraphError,
    QueryError,
    StoreError,
    UnknownActorError,
)
from .evaluate import evaluate
from .extract import Extractor, extract
from .graph import (
    BuildReport,
    KnowledgeGraph,
    Meeting,
    build,
    export,
    load,
    query,
    summary,
    update,
    who_met,
)
from .model import Document, Event

__version__ = "0.1.0"

__all__ = [
    "KnowledgeGraph",
    "Meeting",
    "BuildReport",
    "Event",
    "Document",
    "Extractor",
    "extract",
    "build",
    "query",
    "who_met",
    "summary",
    "update",
    "export",
    "load",
    "evaluate",
    "KGraphError",
    "InputError",
    "QueryError",
    "StoreError",
    "UnknownActorError",
    "AmbiguousActorError",
]
