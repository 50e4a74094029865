"""kgraph: a provenance-rich knowledge graph of Sino-Russian relations.

Text → events (spaCy) → RDF (one named graph per document, PROV-O) → answers.

>>> from kgraph import KnowledgeGraph
>>> kg = KnowledgeGraph.open(":memory:")
"""

from .answers import Actor, EventRecord, RelationSummary, Source, Visit
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
    actors,
    build,
    events,
    export,
    load,
    meetings,
    query,
    relations_between,
    summary,
    timeline,
    update,
    visits,
    who_met,
)
from .model import Document, Event

__version__ = "0.1.0"

__all__ = [
    "KnowledgeGraph",
    "Meeting",
    "Visit",
    "EventRecord",
    "RelationSummary",
    "Actor",
    "Source",
    "BuildReport",
    "Event",
    "Document",
    "Extractor",
    "extract",
    "build",
    "query",
    "who_met",
    "meetings",
    "visits",
    "timeline",
    "relations_between",
    "actors",
    "events",
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
