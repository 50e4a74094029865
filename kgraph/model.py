"""Plain records that flow from the reader through extraction to the store: no I/O here."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

__all__ = ["Citation", "Paragraph", "Document", "Actor", "Event", "STATUSES"]

#: The statuses an event mention can have.
STATUSES = ("occurred", "planned", "negated")


@dataclass(frozen=True)
class Citation:
    """Outlets a paragraph cites, e.g. ``(Bridge News, Itar-Tass, March 2)``.

    ``start``/``end`` are character offsets of the whole citation in the document text.
    """

    outlets: tuple[str, ...]
    date: date | None
    start: int
    end: int


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a document body with its character offsets and citations."""

    start: int
    end: int
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class Document:
    """A source document: its text, header fields and the inferred publication date.

    ``date_basis`` says how ``date`` was found (``"dateline"``, ``"citations"``,
    ``"text"``, ``"volume"`` or ``"unknown"``) so that users can judge it; ``year`` is known more
    often than the day (from the publication's volume). ``dateline`` is the wire
    dateline's place, when the text opens with one.
    """

    id: str
    text: str
    path: str | None = None
    publication: str | None = None
    volume: int | None = None
    issue: int | None = None
    date: date | None = None
    year: int | None = None
    date_basis: str = "unknown"
    body_start: int = 0
    paragraphs: tuple[Paragraph, ...] = ()
    sha256: str = ""
    dateline: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Actor:
    """A resolved actor: a canonical entity of the knowledge base, or an unlinked name."""

    iri: str
    name: str
    kind: str  # person | country | organization | city | group
    country: str | None = None
    linked: bool = True
    #: the post the text designated the person by ("the Chinese foreign minister"): the
    #: holder may change with the event's date; not part of the actor's identity
    post: str | None = field(default=None, compare=False, repr=False)


@dataclass
class Event:
    """One extracted event mention: actor–relation–actor with time, place, status and source.

    ``to_dict`` gives the public JSONL contract of ``kgraph extract``.
    """

    doc: str
    doc_date: str | None
    relation: str
    subject: str
    object: str
    subject_iri: str
    object_iri: str
    start: str | None
    end: str | None
    place: str | None
    status: str
    evidence: str
    char_start: int
    char_end: int
    cites: list[str] = field(default_factory=list)
    confidence: float = 0.5
    place_iri: str | None = None
    speaker: str | None = None
    speaker_iri: str | None = None
    cites_date: str | None = None
    subject_kind: str | None = None
    object_kind: str | None = None
    trigger: str | None = None
    time_basis: str | None = None  # text | context | document: where start/end come from

    def to_dict(self) -> dict:
        """Return the event as the JSON object written by ``kgraph extract``."""
        return asdict(self)
