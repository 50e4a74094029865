"""Turn documents, event mentions and the actor knowledge base into RDF quads (no store I/O).

Every document gets its own named graph (``graph/doc/<id>``) holding the document node,
one ``kg:Mention`` per event with its evidence and provenance, the materialised direct
actor-to-actor triple (``<putin> kg:met <jiang>``) and the outlets it cites, so that
re-ingesting a document replaces exactly one graph. The knowledge base goes to
``graph/actors`` and the ontology to ``graph/ontology``.
"""

from __future__ import annotations

import calendar
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import rdflib

from .errors import InputError
from .kb import KnowledgeBase, ontology_dir
from .lexicon import Lexicon, Relation
from .model import Document, Event
from .vocab import (
    ACTOR_BASE,
    ACTORS_GRAPH,
    DOC_BASE,
    DOC_GRAPH_BASE,
    ONTOLOGY_GRAPH,
    OUTLET_BASE,
    PUBLICATION_BASE,
    ROLE_BASE,
    RUN_BASE,
    SOFTWARE_BASE,
    UNLINKED_ACTOR_BASE,
    WIKIDATA_ENTITY,
)

__all__ = [
    "Run",
    "Relation",
    "relations",
    "document_quads",
    "actor_quads",
    "ontology_quads",
    "document_iri",
    "graph_iri",
    "mention_iri",
    "actor_iri_for_name",
    "outlet_iri",
    "publication_iri",
    "role_iri",
    "slugify",
    "to_rdflib",
    "to_oxigraph",
    "to_rdflib_dataset",
    "from_rdflib_dataset",
]

_KG = "https://w3id.org/kgraph/ontology#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_OWL = "http://www.w3.org/2002/07/owl#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_DCT = "http://purl.org/dc/terms/"
_PROV = "http://www.w3.org/ns/prov#"
_OA = "http://www.w3.org/ns/oa#"

_TYPE = ox.NamedNode(_RDF + "type")
_LABEL = ox.NamedNode(_RDFS + "label")
_KIND_CLASS = {
    "person": "Person",
    "country": "Country",
    "organization": "Organization",
    "city": "City",
    "group": "Group",
}


def _kg(name: str) -> ox.NamedNode:
    return ox.NamedNode(_KG + name)


def _lit(value: object) -> ox.Literal:
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(_XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(_XSD + "integer"))
    if isinstance(value, datetime):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(_XSD + "dateTime"))
    if isinstance(value, date):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(_XSD + "date"))
    return ox.Literal(str(value))


def _nonneg(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=ox.NamedNode(_XSD + "nonNegativeInteger"))


# -- relations.yaml ---------------------------------------------------------------------------
def relations(path: str | Path | None = None) -> dict[str, Relation]:
    """Return the relations of ``relations.yaml`` by name (see :class:`kgraph.lexicon.Lexicon`).

    Examples
    --------
    >>> meet = relations()["meet"]
    >>> meet.event_class, meet.property, meet.symmetric
    ('Meeting', 'met', True)
    """
    return Lexicon.load(Path(path).parent if path else None).relations


# -- IRIs -------------------------------------------------------------------------------------
def slugify(name: str) -> str:
    """Return an IRI-safe slug of a name: ASCII letters, digits and hyphens.

    Examples
    --------
    >>> slugify("Chechen  rebels")
    'chechen-rebels'
    >>> slugify("Itar-Tass")
    'itar-tass'
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    return slug or "x" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:12]


def document_iri(doc_id: str) -> str:
    """Return the IRI of a document (its id percent-encoded under ``id/doc/``).

    Examples
    --------
    >>> document_iri("000_198158d09da140a2")
    'https://w3id.org/kgraph/id/doc/000_198158d09da140a2'
    >>> document_iri("a b/c")
    'https://w3id.org/kgraph/id/doc/a%20b%2Fc'
    """
    return DOC_BASE + quote(doc_id, safe="")


def graph_iri(doc_id: str) -> str:
    """Return the IRI of the named graph that holds a document and its mentions.

    Examples
    --------
    >>> graph_iri("000_198158d09da140a2")
    'https://w3id.org/kgraph/graph/doc/000_198158d09da140a2'
    """
    return DOC_GRAPH_BASE + quote(doc_id, safe="")


def actor_iri_for_name(name: str) -> str:
    """Return the IRI of an actor that the knowledge base does not know, made from its name.

    Examples
    --------
    >>> actor_iri_for_name("Chechen rebels")
    'https://w3id.org/kgraph/id/actor/unlinked/chechen-rebels'
    """
    return UNLINKED_ACTOR_BASE + slugify(name)


def outlet_iri(name: str) -> str:
    """Return the IRI of a news outlet.

    Examples
    --------
    >>> outlet_iri("Itar-Tass")
    'https://w3id.org/kgraph/id/outlet/itar-tass'
    """
    return OUTLET_BASE + slugify(name)


def publication_iri(name: str) -> str:
    """Return the IRI of a publication (e.g. ``'Monitor'``)."""
    return PUBLICATION_BASE + slugify(name)


def role_iri(role: str) -> str:
    """Return the IRI of a role of the knowledge base (e.g. ``'head_of_state'``)."""
    return ROLE_BASE + quote(role, safe="")


def _actor_iri(iri: str | None, name: str) -> str:
    return iri if iri else actor_iri_for_name(name)


def mention_iri(event: Event) -> str:
    """Return the IRI of an event mention: a hash of what it states and where.

    The IRI is ``<doc>/mention/<12 hex of sha1(relation|subject_iri|object_iri|char_start|
    char_end|status|start|end)>``, so the same statement extracted twice gets the same IRI,
    while one sentence that says an agreement was signed, was not reached and may be
    signed gives three.

    Examples
    --------
    >>> from kgraph.model import Event
    >>> event = Event(doc="d1", doc_date=None, relation="meet", subject="Putin",
    ...     object="Jiang Zemin", subject_iri="https://w3id.org/kgraph/id/actor/putin",
    ...     object_iri="https://w3id.org/kgraph/id/actor/jiang-zemin", start=None, end=None,
    ...     place=None, status="occurred", evidence="Putin met Jiang", char_start=0, char_end=15)
    >>> mention_iri(event)
    'https://w3id.org/kgraph/id/doc/d1/mention/3d36769d9359'
    """
    key = "|".join(
        (
            event.relation,
            _actor_iri(event.subject_iri, event.subject),
            _actor_iri(event.object_iri, event.object),
            str(event.char_start),
            str(event.char_end),
            event.status,
            event.start or "",
            event.end or "",
        )
    )
    return f"{document_iri(event.doc)}/mention/{hashlib.sha1(key.encode('utf-8')).hexdigest()[:12]}"


# -- runs -------------------------------------------------------------------------------------
def _kgraph_version() -> str:
    try:
        from importlib.metadata import version

        return version("kgraph")
    except Exception:  # noqa: BLE001 - a source checkout without metadata
        return "0.1.0"


@dataclass(frozen=True)
class Run:
    """One extraction run: the ``prov:Activity`` that generated the mentions.

    Examples
    --------
    >>> run = Run("r1", started=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
    ...           spacy_model="en_core_web_sm", spacy_model_version="3.8.0")
    >>> run.iri
    'https://w3id.org/kgraph/id/run/r1'
    """

    id: str
    started: datetime = field(default_factory=lambda: datetime.now(UTC))
    software_version: str = field(default_factory=_kgraph_version)
    spacy_model: str | None = None
    spacy_model_version: str | None = None

    @classmethod
    def new(cls, **settings) -> Run:
        """Return a run started now, with an id made of the UTC time and a random suffix."""
        import uuid

        started = datetime.now(UTC).replace(microsecond=0)
        run_id = started.strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.uuid4().hex[:8]
        return cls(run_id, started=started, **settings)

    @property
    def iri(self) -> str:
        """The run's IRI under ``id/run/``."""
        return RUN_BASE + quote(self.id, safe="")

    def quads(self, graph: ox.NamedNode) -> list[ox.Quad]:
        """Return the run and its software agents as quads in ``graph``."""
        run = ox.NamedNode(self.iri)
        out = [
            ox.Quad(run, _TYPE, _kg("ExtractionRun"), graph),
            ox.Quad(run, _TYPE, ox.NamedNode(_PROV + "Activity"), graph),
            ox.Quad(run, ox.NamedNode(_PROV + "startedAtTime"), _lit(self.started), graph),
        ]
        agents = [("kgraph", self.software_version)]
        if self.spacy_model:
            agents.append((self.spacy_model, self.spacy_model_version or "unknown"))
        for name, version in agents:
            agent = ox.NamedNode(f"{SOFTWARE_BASE}{quote(name, safe='')}/{quote(version, safe='')}")
            out += [
                ox.Quad(run, ox.NamedNode(_PROV + "wasAssociatedWith"), agent, graph),
                ox.Quad(agent, _TYPE, ox.NamedNode(_PROV + "SoftwareAgent"), graph),
                ox.Quad(agent, _LABEL, ox.Literal(name), graph),
                ox.Quad(agent, _kg("softwareVersion"), ox.Literal(version), graph),
            ]
        return out


# -- dates ------------------------------------------------------------------------------------
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _span(text: str | None) -> tuple[date, date, str] | None:
    """Return (first day, last day, precision) of an ISO date, year-month or year."""
    if not text:
        return None
    match = _PARTIAL_DATE.match(text.strip())
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if day is not None:
            exact = date(year, month, day)
            return exact, exact, "day"
        if month is not None:
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1), date(year, month, last), "month"
        return date(year, 1, 1), date(year, 12, 31), "year"
    except ValueError:
        return None


def _iso_date(text: str | None) -> date | None:
    span = _span(text)
    return span[0] if span and span[2] == "day" else None


# -- documents and mentions -------------------------------------------------------------------
def _unlinked(iri: str) -> bool:
    return iri.startswith(UNLINKED_ACTOR_BASE) or not iri.startswith(ACTOR_BASE)


def document_quads(document: Document, events: Sequence[Event], *, run: Run) -> list[ox.Quad]:
    """Return the quads of a document's named graph: the document, its mentions and run.

    Each event becomes a mention node typed ``kg:Mention`` and its relation's class
    (``kg:Meeting`` ...), with actors, dates, place, status, confidence, speaker, cited
    outlets, the verbatim evidence with its offsets (flat ``kg:`` properties and a Web
    Annotation target), and its provenance (``prov:wasDerivedFrom`` the document,
    ``prov:wasGeneratedBy`` the run). For mentions whose status is ``occurred`` the
    direct triple (``<subject> kg:met <object>``) is materialised too, in both directions
    for symmetric relations.

    Parameters
    ----------
    document : Document
        The source document; its full text is stored as ``kg:text``.
    events : sequence of Event
        The events extracted from it (their ``doc`` must be ``document.id``).
    run : Run
        The extraction run that produced the events.

    Returns
    -------
    list of pyoxigraph.Quad
        Every quad is in ``graph_iri(document.id)``.

    Raises
    ------
    InputError
        If an event belongs to another document, names an unknown relation or status,
        or has offsets outside the text.

    Examples
    --------
    >>> from kgraph.model import Document, Event
    >>> doc = Document(id="d1", text="Putin met Jiang in Beijing.")
    >>> event = Event(doc="d1", doc_date=None, relation="meet", subject="Putin",
    ...     object="Jiang", subject_iri="https://w3id.org/kgraph/id/actor/putin",
    ...     object_iri="https://w3id.org/kgraph/id/actor/jiang-zemin", start="2000-07",
    ...     end=None, place="Beijing", status="occurred", evidence="Putin met Jiang",
    ...     char_start=0, char_end=15)
    >>> quads = document_quads(doc, [event], run=Run("r1"))
    >>> {q.graph_name.value for q in quads}
    {'https://w3id.org/kgraph/graph/doc/d1'}
    >>> sorted((q.subject.value.rsplit("/", 1)[1], q.object.value.rsplit("/", 1)[1])
    ...        for q in quads if q.predicate.value.endswith("#met"))
    [('jiang-zemin', 'putin'), ('putin', 'jiang-zemin')]
    """
    graph = ox.NamedNode(graph_iri(document.id))
    doc = ox.NamedNode(document_iri(document.id))
    quads: list[ox.Quad] = []
    seen: set[ox.Quad] = set()

    def add(s, p, o) -> None:
        quad = ox.Quad(s, p, o, graph)
        if quad not in seen:
            seen.add(quad)
            quads.append(quad)

    # the document
    add(doc, _TYPE, _kg("Document"))
    add(doc, ox.NamedNode(_DCT + "title"), ox.Literal(document.id))
    add(doc, ox.NamedNode(_DCT + "identifier"), ox.Literal(document.id))
    add(doc, _kg("text"), ox.Literal(document.text))
    digest = document.sha256 or hashlib.sha256(document.text.encode("utf-8")).hexdigest()
    add(doc, _kg("sha256"), ox.Literal(digest))
    if document.publication:
        pub = ox.NamedNode(publication_iri(document.publication))
        add(doc, ox.NamedNode(_DCT + "isPartOf"), pub)
        add(pub, _TYPE, _kg("Publication"))
        add(pub, _LABEL, ox.Literal(document.publication))
    if document.volume is not None:
        add(doc, _kg("volume"), _lit(int(document.volume)))
    if document.issue is not None:
        add(doc, _kg("issue"), _lit(int(document.issue)))
    if document.date is not None:
        add(doc, ox.NamedNode(_DCT + "date"), _lit(document.date))
    add(doc, _kg("dateBasis"), ox.Literal(document.date_basis or "unknown"))

    if events:
        for quad in run.quads(graph):
            add(quad.subject, quad.predicate, quad.object)
    known = relations()
    for event in events:
        for s, p, o in _mention_triples(document, doc, event, run, known):
            add(s, p, o)
    return quads


def _mention_triples(document, doc, event: Event, run: Run, known) -> Iterator[tuple]:
    where = f"{document.id}: event {event.relation!r} at {event.char_start}-{event.char_end}"
    if event.doc != document.id:
        raise InputError(f"{where}: belongs to document {event.doc!r}, not {document.id!r}")
    relation = known.get(event.relation)
    if relation is None:
        raise InputError(f"{where}: unknown relation; expected one of {', '.join(known)}")
    if event.status not in ("occurred", "planned", "negated"):
        raise InputError(f"{where}: unknown status {event.status!r}")
    if not 0 <= event.char_start <= event.char_end <= len(document.text):
        raise InputError(f"{where}: offsets outside the text (0-{len(document.text)})")

    mention = ox.NamedNode(mention_iri(event))
    subject_iri = _actor_iri(event.subject_iri, event.subject)
    object_iri = _actor_iri(event.object_iri, event.object)
    subject, obj = ox.NamedNode(subject_iri), ox.NamedNode(object_iri)

    yield mention, _TYPE, _kg("Mention")
    yield mention, _TYPE, _kg(relation.event_class)
    yield mention, _kg("relation"), ox.Literal(relation.name)
    yield mention, _kg("subject"), subject
    yield mention, _kg("object"), obj
    yield mention, _kg("subjectText"), ox.Literal(event.subject)
    yield mention, _kg("objectText"), ox.Literal(event.object)
    yield mention, _kg("status"), _kg(event.status)
    confidence = format(Decimal(str(round(float(event.confidence), 4))), "f")
    yield (
        mention,
        _kg("confidence"),
        ox.Literal(confidence, datatype=ox.NamedNode(_XSD + "decimal")),
    )
    yield mention, _kg("evidence"), ox.Literal(event.evidence)
    yield mention, _kg("charStart"), _nonneg(event.char_start)
    yield mention, _kg("charEnd"), _nonneg(event.char_end)
    if event.trigger:
        yield mention, _kg("trigger"), ox.Literal(event.trigger)
    yield mention, ox.NamedNode(_PROV + "wasDerivedFrom"), doc
    yield mention, ox.NamedNode(_PROV + "wasGeneratedBy"), ox.NamedNode(run.iri)

    # Web Annotation target: the same evidence as position and quote selectors
    target = ox.NamedNode(mention.value + "/target")
    position = ox.NamedNode(mention.value + "/target/position")
    quote_selector = ox.NamedNode(mention.value + "/target/quote")
    yield mention, ox.NamedNode(_OA + "hasTarget"), target
    yield target, _TYPE, ox.NamedNode(_OA + "SpecificResource")
    yield target, ox.NamedNode(_OA + "hasSource"), doc
    yield target, ox.NamedNode(_OA + "hasSelector"), position
    yield target, ox.NamedNode(_OA + "hasSelector"), quote_selector
    yield position, _TYPE, ox.NamedNode(_OA + "TextPositionSelector")
    yield position, ox.NamedNode(_OA + "start"), _nonneg(event.char_start)
    yield position, ox.NamedNode(_OA + "end"), _nonneg(event.char_end)
    yield quote_selector, _TYPE, ox.NamedNode(_OA + "TextQuoteSelector")
    yield quote_selector, ox.NamedNode(_OA + "exact"), ox.Literal(event.evidence)

    # time span
    first, last = _span(event.start), _span(event.end)
    if first or last:
        lo = (first or last)[0]
        hi = (last or first)[1]
        yield mention, _kg("start"), _lit(lo)
        yield mention, _kg("end"), _lit(max(lo, hi))
        yield mention, _kg("datePrecision"), ox.Literal((first or last)[2])

    # place, speaker, citations
    if event.place_iri:
        place = ox.NamedNode(event.place_iri)
        yield mention, _kg("place"), place
        if _unlinked(event.place_iri):
            yield place, _TYPE, _kg("Place")
            yield place, _TYPE, _kg("UnlinkedActor")
            yield place, _LABEL, ox.Literal(event.place or event.place_iri)
    if event.place:
        yield mention, _kg("placeText"), ox.Literal(event.place)
    if event.speaker_iri or event.speaker:
        speaker_iri = _actor_iri(event.speaker_iri, event.speaker or "")
        yield mention, _kg("speaker"), ox.NamedNode(speaker_iri)
        if _unlinked(speaker_iri):
            yield from _unlinked_actor(speaker_iri, event.speaker or speaker_iri, None)
    for name in event.cites:
        outlet = ox.NamedNode(outlet_iri(name))
        yield mention, _kg("citedOutlet"), outlet
        yield outlet, _TYPE, _kg("Outlet")
        yield outlet, _LABEL, ox.Literal(name)
    cited = _iso_date(event.cites_date)
    if cited:
        yield mention, _kg("citationDate"), _lit(cited)

    # unlinked actors are described here; linked ones live in the actors graph
    if _unlinked(subject_iri):
        yield from _unlinked_actor(subject_iri, event.subject, event.subject_kind)
    if _unlinked(object_iri):
        yield from _unlinked_actor(object_iri, event.object, event.object_kind)

    # the direct actor-to-actor triple, only for what the text says happened
    if event.status == "occurred":
        yield subject, _kg(relation.property), obj
        if relation.symmetric:
            yield obj, _kg(relation.property), subject


def _unlinked_actor(iri: str, name: str, kind: str | None) -> Iterator[tuple]:
    node = ox.NamedNode(iri)
    yield node, _TYPE, _kg("UnlinkedActor")
    if kind in _KIND_CLASS:
        yield node, _TYPE, _kg(_KIND_CLASS[kind])
    yield node, _LABEL, ox.Literal(name)


# -- the knowledge base -----------------------------------------------------------------------
def actor_quads(kb: KnowledgeBase) -> list[ox.Quad]:
    """Return the knowledge base as quads of the actors graph (``graph/actors``).

    Persons, countries, organizations and cities with ``rdfs:label``, aliases as
    ``skos:altLabel``, ``owl:sameAs`` their Wikidata entity, ``kg:country``, posts with
    tenure (``kg:holdsPost`` → ``kg:Post`` with ``kg:role``, ``kg:startDate``,
    ``kg:endDate``), roles, outlets and publications.

    Examples
    --------
    >>> from kgraph.kb import Entity, KnowledgeBase
    >>> kb = KnowledgeBase(entities={"russia": Entity("russia", "Russia", "country",
    ...                                               wikidata="Q159")})
    >>> sorted(q.predicate.value.split("#")[-1] for q in actor_quads(kb))
    ['country', 'label', 'sameAs', 'type']
    """
    graph = ox.NamedNode(ACTORS_GRAPH)
    quads: list[ox.Quad] = []

    def add(s, p, o) -> None:
        quads.append(ox.Quad(s, p, o, graph))

    def resolve(ref, kind: str | None = None) -> ox.NamedNode | None:
        if not ref or not isinstance(ref, str):  # e.g. a city's ``capital: true`` flag
            return None
        entity = kb.get(ref)
        if entity is None:
            found = kb.lookup(ref, kind=kind)
            entity = found[0] if found else None
        return ox.NamedNode(entity.iri) if entity else None

    for entity in kb:
        node = ox.NamedNode(entity.iri)
        add(node, _TYPE, _kg(_KIND_CLASS.get(entity.kind, "Actor")))
        add(node, _LABEL, ox.Literal(entity.name))
        for alias in dict.fromkeys(entity.aliases):
            add(node, ox.NamedNode(_SKOS + "altLabel"), ox.Literal(alias))
        if entity.wikidata:
            wikidata = entity.wikidata
            if not wikidata.startswith("http"):
                wikidata = WIKIDATA_ENTITY + wikidata
            add(node, ox.NamedNode(_OWL + "sameAs"), ox.NamedNode(wikidata))
        country = node if entity.kind == "country" else resolve(entity.country, "country")
        if country is not None:
            add(node, _kg("country"), country)
        if entity.family_name:
            add(node, _kg("familyName"), ox.Literal(entity.family_name))
        for demonym in dict.fromkeys(entity.demonyms):
            add(node, _kg("demonym"), ox.Literal(demonym))
        capital = resolve(entity.capital, "city")
        if capital is not None:
            add(node, _kg("capital"), capital)
        if entity.org_kind:
            add(node, _kg("organizationKind"), ox.Literal(entity.org_kind))
        for member in entity.members:
            resolved = resolve(member)
            if resolved is not None:
                add(node, _kg("hasMember"), resolved)
        used: set[str] = set()
        for post in entity.posts:
            key = f"{slugify(post.role)}-{post.start.isoformat() if post.start else 'undated'}"
            while key in used:
                key += "-2"
            used.add(key)
            post_node = ox.NamedNode(f"{entity.iri}/post/{key}")
            add(node, _kg("holdsPost"), post_node)
            add(post_node, _TYPE, _kg("Post"))
            add(post_node, _kg("role"), ox.NamedNode(role_iri(post.role)))
            add(post_node, _LABEL, ox.Literal(post.title or post.role.replace("_", " ")))
            if post.title:
                add(post_node, _kg("title"), ox.Literal(post.title))
            if post.start:
                add(post_node, _kg("startDate"), _lit(post.start))
            if post.end:
                add(post_node, _kg("endDate"), _lit(post.end))
    roles = dict(kb.roles)
    for entity in kb:
        for post in entity.posts:
            roles.setdefault(post.role, ())
    for role, labels in roles.items():
        node = ox.NamedNode(role_iri(role))
        add(node, _TYPE, _kg("Role"))
        add(node, _LABEL, ox.Literal(labels[0] if labels else role.replace("_", " ")))
        for label in labels[1:]:
            add(node, ox.NamedNode(_SKOS + "altLabel"), ox.Literal(label))
    for outlet in kb.outlets:
        node = ox.NamedNode(outlet_iri(outlet.name))
        add(node, _TYPE, _kg("Outlet"))
        add(node, _LABEL, ox.Literal(outlet.name))
        for alias in dict.fromkeys(outlet.aliases):
            add(node, ox.NamedNode(_SKOS + "altLabel"), ox.Literal(alias))
        country = resolve(outlet.country, "country")
        if country is not None:
            add(node, _kg("country"), country)
    for publication in kb.publications:
        node = ox.NamedNode(publication_iri(publication.name))
        add(node, _TYPE, _kg("Publication"))
        add(node, _LABEL, ox.Literal(publication.name))
        for alias in dict.fromkeys(publication.aliases):
            add(node, ox.NamedNode(_SKOS + "altLabel"), ox.Literal(alias))
        if publication.publisher:
            add(node, ox.NamedNode(_DCT + "publisher"), ox.Literal(publication.publisher))
    return list(dict.fromkeys(quads))


def ontology_quads(path: str | Path | None = None) -> list[ox.Quad]:
    """Return ``kgraph.ttl`` as quads of the ontology graph (``graph/ontology``).

    Examples
    --------
    >>> quads = ontology_quads()
    >>> quads[0].graph_name.value
    'https://w3id.org/kgraph/graph/ontology'
    """
    source = Path(path) if path else ontology_dir() / "kgraph.ttl"
    graph = ox.NamedNode(ONTOLOGY_GRAPH)
    try:
        parsed = ox.parse(path=str(source), format=ox.RdfFormat.TURTLE)
        return [ox.Quad(q.subject, q.predicate, q.object, graph) for q in parsed]
    except (OSError, SyntaxError) as exc:
        raise InputError(f"{source}: cannot read the ontology ({exc})") from exc


# -- rdflib interoperability ------------------------------------------------------------------
_RDFLIB_DEFAULT = rdflib.graph.DATASET_DEFAULT_GRAPH_ID
_XSD_STRING = _XSD + "string"
_LANG_STRING = _RDF + "langString"


def to_rdflib(term):
    """Return the rdflib term of a pyoxigraph term (``DefaultGraph`` → rdflib's default id).

    Examples
    --------
    >>> to_rdflib(ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    rdflib.term.Literal('1', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return rdflib.Literal(term.value, datatype=None if datatype == _XSD_STRING else datatype)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.DefaultGraph):
        return _RDFLIB_DEFAULT
    raise TypeError(f"cannot convert {term!r} to rdflib")


def to_oxigraph(value):
    """Return the pyoxigraph term of an rdflib term, a pyoxigraph term or a Python value.

    Strings become plain literals (use ``rdflib.URIRef`` for an IRI); ``bool``, ``int``,
    ``float``, ``Decimal``, ``date`` and ``datetime`` become typed literals.

    Raises
    ------
    TypeError
        If the value has no RDF form.
    ValueError
        If an IRI is not valid.

    Examples
    --------
    >>> to_oxigraph(rdflib.URIRef("https://w3id.org/kgraph/id/actor/putin"))
    <NamedNode value=https://w3id.org/kgraph/id/actor/putin>
    >>> str(to_oxigraph('Putin" } ; DROP ALL ; #'))
    '"Putin\\\\" } ; DROP ALL ; #"'
    >>> str(to_oxigraph(date(2000, 7, 18)))
    '"2000-07-18"^^<http://www.w3.org/2001/XMLSchema#date>'
    """
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode, ox.DefaultGraph)):
        return value
    if isinstance(value, rdflib.URIRef):
        if value == _RDFLIB_DEFAULT:
            return ox.DefaultGraph()
        return ox.NamedNode(str(value))
    if isinstance(value, rdflib.BNode):
        return ox.BlankNode(str(value))
    if isinstance(value, rdflib.Literal):
        if value.language:
            return ox.Literal(str(value), language=value.language)
        if value.datatype is not None:
            return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)))
        return ox.Literal(str(value))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(_XSD + "double"))
    if isinstance(value, Decimal):
        return ox.Literal(format(value, "f"), datatype=ox.NamedNode(_XSD + "decimal"))
    if isinstance(value, (str, bool, int, date)):
        return _lit(value)
    raise TypeError(f"cannot turn {type(value).__name__} {value!r} into an RDF term")


def to_rdflib_dataset(quads: Iterable[ox.Quad]) -> rdflib.Dataset:
    """Return an rdflib ``Dataset`` holding the quads, graph by graph.

    Examples
    --------
    >>> ds = to_rdflib_dataset(ontology_quads())
    >>> len(ds.graph(rdflib.URIRef("https://w3id.org/kgraph/graph/ontology"))) > 100
    True
    """
    dataset = rdflib.Dataset()
    for quad in quads:
        dataset.add(
            (
                to_rdflib(quad.subject),
                to_rdflib(quad.predicate),
                to_rdflib(quad.object),
                to_rdflib(quad.graph_name),
            )
        )
    return dataset


def from_rdflib_dataset(dataset: rdflib.Dataset | rdflib.Graph) -> Iterator[ox.Quad]:
    """Yield the quads of an rdflib ``Dataset`` (or the triples of a ``Graph`` in its graph).

    Examples
    --------
    >>> quads = ontology_quads()
    >>> len(list(from_rdflib_dataset(to_rdflib_dataset(quads)))) == len(quads)
    True
    """
    if isinstance(dataset, (rdflib.Dataset, rdflib.ConjunctiveGraph)):
        for s, p, o, g in dataset.quads((None, None, None, None)):
            graph = getattr(g, "identifier", g)
            yield ox.Quad(
                to_oxigraph(s),
                to_oxigraph(p),
                to_oxigraph(o),
                ox.DefaultGraph() if graph is None else to_oxigraph(graph),
            )
    else:
        graph = dataset.identifier
        name = to_oxigraph(graph) if isinstance(graph, rdflib.URIRef) else ox.DefaultGraph()
        for s, p, o in dataset:
            yield ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), name)
