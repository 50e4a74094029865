"""Answers to questions about the graph: typed records and the SPARQL that finds them.

The :class:`~kgraph.graph.KnowledgeGraph` query methods (``who_met``, ``meetings``,
``visits``, ``timeline``, ``relations_between``, ``actors``, ``events``, ``to_networkx``)
resolve names and check options, then call the functions here, which run bound SPARQL
(user text is never spliced into a query) and turn the rows into frozen dataclasses.

Events and mentions. A *mention* is one statement in one document (document graphs); an
*event* is one real-world happening, merged from its mentions in the events graph
(``https://w3id.org/kgraph/graph/events``, ``kg:mention`` links). When the store holds
events, answers are events, each with its number of mentions and the documents and
outlets gathered over them; with ``mentions=True`` every mention is listed. A store
without an events graph is answered with each mention as its own event.

Examples
--------
>>> record = EventRecord(relation="meet", subject="Vladimir Putin", object="Jiang Zemin",
...                      start="2000-07-18", end="2000-07-18", place="Beijing",
...                      status="occurred", documents=("d1",), cites=("Itar-Tass",))
>>> record.to_dict()["cites"]
['Itar-Tass']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any

import rdflib

from .vocab import ACTOR_BASE, ACTORS_GRAPH, EVENTS_GRAPH, UNLINKED_ACTOR_BASE

__all__ = [
    "Source",
    "EventRecord",
    "Meeting",
    "Visit",
    "RelationSummary",
    "Actor",
    "KINDS",
    "PREFIXES",
    "HAS_EVENTS",
    "event_query",
    "has_events",
    "select_events",
    "select_actors",
    "summarize_relations",
    "as_meetings",
    "as_visits",
    "network",
    "to_dataframe",
]

KG = "https://w3id.org/kgraph/ontology#"

#: Actor kinds and their classes in the ontology.
KINDS = {
    "person": KG + "Person",
    "country": KG + "Country",
    "organization": KG + "Organization",
    "city": KG + "City",
    "group": KG + "Group",
}

PREFIXES = """PREFIX kg: <https://w3id.org/kgraph/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""

#: Does the store hold merged events? (ASK on the events graph.)
HAS_EVENTS = PREFIXES + f"ASK {{ GRAPH <{EVENTS_GRAPH}> {{ ?event a kg:Event }} }}"

# -- the SPARQL behind the helpers ----------------------------------------------------------
# One row per (event, mention, cited outlet). Fragments are constant text chosen by which
# options are given; the values themselves are bound: ?relation, ?actor, ?other, ?from,
# ?to, ?status0..?statusN.

_SELECT = """SELECT ?event ?relation ?subject ?object ?subjectLabel ?objectLabel ?start ?end
       ?placeIri ?place ?statusNode ?mention ?doc ?evidence ?charStart ?charEnd
       ?subjectText ?objectText ?outlet
WHERE {
"""

# Events of the events graph, each with its mentions.
_EVENTS = f"""  GRAPH <{EVENTS_GRAPH}> {{
    %(actor)s
    ?event a kg:Event ; kg:relation ?relation ; kg:subject ?subject ; kg:object ?object ;
           kg:status ?statusNode ; kg:mention ?mention .
    OPTIONAL {{ ?event kg:start ?start }}
    OPTIONAL {{ ?event kg:end ?end }}
    OPTIONAL {{ ?event kg:place ?placeIri }}
    OPTIONAL {{ ?event kg:placeText ?place }}
  }}
"""

# Mentions of the document graphs, each its own event unless the events graph merges it.
_MENTIONS = f"""  GRAPH ?g {{
    %(actor)s
    ?mention a kg:Mention ; kg:relation ?relation ; kg:subject ?subject ; kg:object ?object ;
             kg:status ?statusNode .
    OPTIONAL {{ ?mention kg:start ?start }}
    OPTIONAL {{ ?mention kg:end ?end }}
    OPTIONAL {{ ?mention kg:place ?placeIri }}
    OPTIONAL {{ ?mention kg:placeText ?place }}
  }}
  OPTIONAL {{
    GRAPH <{EVENTS_GRAPH}> {{ ?merged kg:mention ?mention . ?merged a kg:Event }}
  }}
  BIND(COALESCE(?merged, ?mention) AS ?event)
"""

# What each mention says, and who says so. Everything is read from the mention's own
# document graph: the default graph is the union of all graphs, where a triple stated in
# many documents (an outlet's label) comes back once per document. The labels of unlinked
# actors are looked up outside that group, where ?subject and ?object are already bound:
# inside it, the OPTIONAL would bind them to any unlinked actor of the document and the
# mention would be lost in the join.
_DETAILS = """  GRAPH ?dg {
    ?mention kg:evidence ?evidence ; kg:charStart ?charStart ; kg:charEnd ?charEnd ;
             prov:wasDerivedFrom ?docNode .
    ?docNode dcterms:identifier ?doc .
    OPTIONAL { ?mention kg:subjectText ?subjectText }
    OPTIONAL { ?mention kg:objectText ?objectText }
    OPTIONAL { ?mention kg:citedOutlet ?outletNode . ?outletNode rdfs:label ?outlet }
  }
  OPTIONAL { GRAPH ?dg { ?subject a kg:UnlinkedActor ; rdfs:label ?subjectLabel } }
  OPTIONAL { GRAPH ?dg { ?object a kg:UnlinkedActor ; rdfs:label ?objectLabel } }
"""

_ACTOR = "{ %(node)s kg:subject ?actor } UNION { %(node)s kg:object ?actor }"
_PAIR = (
    "{ %(node)s kg:subject ?actor ; kg:object ?other } "
    "UNION { %(node)s kg:subject ?other ; kg:object ?actor }"
)
_WINDOW = "  FILTER(BOUND(?start) && BOUND(?end) && ?end >= ?from && ?start <= ?to)\n"


def event_query(
    *, events: bool, actor: bool = False, pair: bool = False, window: bool = False,
    statuses: int = 0,
) -> str:
    """Return the SPARQL that finds events (or mentions), with the filters asked for.

    Parameters
    ----------
    events : bool
        Read merged events from the events graph (True) or mentions from the document
        graphs (False).
    actor, pair : bool
        Keep events where the bound ``?actor`` takes part (with the bound ``?other``).
    window : bool
        Keep events whose time span overlaps the bound ``?from`` .. ``?to``.
    statuses : int
        Keep events whose status is one of the bound ``?status0`` .. ``?status<n-1>``
        (0: any status).

    Returns
    -------
    str
        A SELECT query; its text depends only on the options, never on values.

    Examples
    --------
    >>> "?actor" in event_query(events=True, actor=True)
    True
    >>> "?status1" in event_query(events=False, statuses=2)
    True
    """
    node = "?event" if events else "?mention"
    who = _PAIR if pair else _ACTOR if actor else ""
    body = (_EVENTS if events else _MENTIONS) % {"actor": who % {"node": node} if who else ""}
    filters = _WINDOW if window else ""
    if statuses:
        names = ", ".join(f"?status{i}" for i in range(statuses))
        filters += f"  FILTER(?statusNode IN ({names}))\n"
    return PREFIXES + _SELECT + body + filters + _DETAILS + "}\n"


_ACTORS = (
    PREFIXES
    + """SELECT ?actor ?events ?mentions ?label ?type ?country ?wikidata ?unlinkedLabel
       ?unlinkedType WHERE {
  {
    SELECT ?actor (COUNT(DISTINCT ?mention) AS ?mentions) WHERE {
      GRAPH ?g {
        ?mention a kg:Mention .
        { ?mention kg:subject ?actor } UNION { ?mention kg:object ?actor }
      }
    }
    GROUP BY ?actor
  }
  OPTIONAL {
    SELECT ?actor (COUNT(DISTINCT ?event) AS ?events) WHERE {
      GRAPH <%(events)s> {
        ?event a kg:Event .
        { ?event kg:subject ?actor } UNION { ?event kg:object ?actor }
      }
    }
    GROUP BY ?actor
  }
  %(kind)s
  %(country)s
  # known actors are described once, in the actors graph; unlinked ones in each document
  # graph that names them (SAMPLE keeps one row per actor)
  OPTIONAL {
    GRAPH <%(actors)s> {
      ?actor rdfs:label ?label .
      OPTIONAL {
        ?actor a ?type
        FILTER(?type IN (kg:Person, kg:Country, kg:Organization, kg:City, kg:Group))
      }
      OPTIONAL { ?actor kg:country ?country }
      OPTIONAL { ?actor owl:sameAs ?wikidata }
    }
  }
  OPTIONAL {
    SELECT ?actor (SAMPLE(?name) AS ?unlinkedLabel) (SAMPLE(?kindClass) AS ?unlinkedType)
    WHERE {
      GRAPH ?u {
        ?actor a kg:UnlinkedActor ; rdfs:label ?name .
        OPTIONAL {
          ?actor a ?kindClass
          FILTER(?kindClass IN (kg:Person, kg:Country, kg:Organization, kg:City, kg:Group))
        }
      }
    }
    GROUP BY ?actor
  }
}
"""
)


# -- records ----------------------------------------------------------------------------------
class _Record:
    def to_dict(self) -> dict[str, Any]:
        """Return the record as a plain dict (tuples become lists), for JSON, CSV, pandas."""
        data = {}
        for f in fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            if isinstance(value, tuple):
                value = [v.to_dict() if isinstance(v, _Record) else v for v in value]
            data[f.name] = value
        return data


@dataclass(frozen=True, kw_only=True)
class Source(_Record):
    """One mention of an event: the document, the verbatim evidence and the outlets it cites.

    ``text[char_start:char_end] == evidence`` in the document's text.
    """

    document: str
    evidence: str
    char_start: int
    char_end: int
    cites: tuple[str, ...] = ()
    mention: str = ""


@dataclass(frozen=True, kw_only=True)
class EventRecord(_Record):
    """One event: who did what to whom, when, where, and who says so.

    Attributes
    ----------
    relation : str
        ``meet``, ``visit``, ``agree`` ... (``ontology/relations.yaml``).
    subject, object : str
        Canonical actor names (for ``visit`` the object is the country visited).
    start, end : str or None
        ISO dates bounding the event (None when the texts give no time).
    place : str or None
        Where it happened, as the text names it.
    status : str
        ``occurred``, ``planned`` or ``negated``.
    mentions : int
        How many mentions in the documents state it (1 when each mention is listed).
    documents, cites : tuple of str
        Source document ids and cited outlets, gathered over its mentions.
    evidence, document, char_start, char_end
        The first mention's verbatim sentence, its document and offsets.
    sources : tuple of Source
        Every mention read, with its own evidence and outlets.
    subject_iri, object_iri, place_iri : str
        IRIs of the actors and the place.
    event : str
        IRI of the merged event (the mention's IRI when the store has no events graph).
    mention : str
        IRI of the mention when the record lists one mention, else "".
    """

    relation: str
    subject: str
    object: str
    start: str | None = None
    end: str | None = None
    place: str | None = None
    status: str = "occurred"
    mentions: int = 1
    documents: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()
    evidence: str = ""
    document: str = ""
    char_start: int | None = None
    char_end: int | None = None
    subject_iri: str = ""
    object_iri: str = ""
    place_iri: str = ""
    event: str = ""
    mention: str = ""
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Meeting(_Record):
    """One meeting of ``actor`` with ``counterpart``, with its sources.

    The fields are those of :class:`EventRecord`, seen from one of the two actors:
    ``start``/``end`` are ISO dates (None when the texts give no time), ``documents``
    and ``cites`` are gathered over the ``mentions`` that state the meeting, ``evidence``
    is the first one's verbatim sentence in ``document`` at ``char_start``.
    """

    actor: str
    counterpart: str
    start: str | None = None
    end: str | None = None
    place: str | None = None
    status: str = "occurred"
    mentions: int = 1
    documents: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()
    evidence: str = ""
    document: str = ""
    char_start: int | None = None
    char_end: int | None = None
    actor_iri: str = ""
    counterpart_iri: str = ""
    event: str = ""
    mention: str = ""
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Visit(_Record):
    """One visit of ``visitor`` to ``country``, with its sources (fields as :class:`Meeting`)."""

    visitor: str
    country: str
    start: str | None = None
    end: str | None = None
    place: str | None = None
    status: str = "occurred"
    mentions: int = 1
    documents: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()
    evidence: str = ""
    document: str = ""
    char_start: int | None = None
    char_end: int | None = None
    visitor_iri: str = ""
    country_iri: str = ""
    event: str = ""
    mention: str = ""
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True, kw_only=True)
class RelationSummary(_Record):
    """How ``subject`` relates to ``object`` by one relation and status, over all events.

    ``first`` is the earliest start and ``last`` the latest end of the dated events;
    ``evidence`` and ``document`` are an example.
    """

    relation: str
    subject: str
    object: str
    status: str
    events: int
    mentions: int
    first: str | None = None
    last: str | None = None
    documents: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()
    evidence: str = ""
    document: str = ""
    subject_iri: str = ""
    object_iri: str = ""


@dataclass(frozen=True, kw_only=True)
class Actor(_Record):
    """An actor taking part in events: its kind, country, Wikidata id and how often it appears.

    ``kind`` is ``person``, ``country``, ``organization``, ``city``, ``group`` or None;
    ``linked`` is False for names the knowledge base does not know.
    """

    name: str
    kind: str | None = None
    country: str | None = None
    wikidata: str | None = None
    events: int = 0
    mentions: int = 0
    iri: str = ""
    linked: bool = True


# -- running the queries ----------------------------------------------------------------------
Names = Callable[[str], str]


def _text(value) -> str | None:
    return None if value is None else str(value)


def has_events(store) -> bool:
    """Return True when the store's events graph holds merged events."""
    return bool(store.query(HAS_EVENTS))


def _name(iri: str, label, text, names: Names) -> str:
    if iri.startswith(ACTOR_BASE) and not iri.startswith(UNLINKED_ACTOR_BASE):
        return names(iri)
    return str(label or text or iri.rsplit("/", 1)[-1])


def _sort_key(record: EventRecord) -> tuple:
    return (
        record.start is None,
        record.start or "",
        record.end or "",
        record.relation,
        record.subject,
        record.object,
        record.document,
        record.char_start or 0,
    )


def select_events(
    store,
    names: Names,
    *,
    relation: str | None = None,
    actor: str | None = None,
    other: str | None = None,
    window: tuple[date, date] | None = None,
    statuses: Sequence[str] = (),
    mentions: bool = False,
) -> list[EventRecord]:
    """Return events (or, with ``mentions``, mentions) of the store in date order.

    Parameters
    ----------
    store : kgraph.store.Store
        The store to ask.
    names : callable
        Maps the IRI of a known actor to its canonical name.
    relation : str, optional
        Keep this relation only.
    actor, other : str, optional
        IRIs: keep events where ``actor`` takes part (with ``other``, on either side).
    window : (date, date), optional
        Keep dated events overlapping this interval.
    statuses : sequence of str
        Keep these statuses (empty: all).
    mentions : bool
        List every mention instead of merged events.

    Returns
    -------
    list of EventRecord
        Dated events first, by start date; undated ones after.
    """
    events = not mentions and has_events(store)
    sparql = event_query(
        events=events,
        actor=actor is not None,
        pair=other is not None,
        window=window is not None,
        statuses=len(statuses),
    )
    bindings: dict[str, Any] = {}
    if relation is not None:
        bindings["relation"] = relation
    if actor is not None:
        bindings["actor"] = rdflib.URIRef(actor)
    if other is not None:
        bindings["other"] = rdflib.URIRef(other)
    if window is not None:
        bindings["from"], bindings["to"] = window
    for i, status in enumerate(statuses):
        bindings[f"status{i}"] = rdflib.URIRef(KG + status)
    rows = store.query(sparql, bindings or None)
    key = "mention" if mentions else "event"
    grouped: dict[str, dict[str, Any]] = {}
    for row in rows:
        ident = str(row[key])
        item = grouped.get(ident)
        if item is None:
            item = grouped[ident] = {"row": row, "sources": {}}
        mention = str(row["mention"])
        source = item["sources"].get(mention)
        if source is None:
            source = item["sources"][mention] = {
                "document": str(row["doc"]),
                "evidence": str(row["evidence"]),
                "char_start": int(row["charStart"]),
                "char_end": int(row["charEnd"]),
                "cites": set(),
                "mention": mention,
            }
        if row.get("outlet") is not None:
            source["cites"].add(str(row["outlet"]))
    records = [_event_record(item, names, mentions) for item in grouped.values()]
    return sorted(records, key=_sort_key)


def _event_record(item: dict[str, Any], names: Names, one_mention: bool) -> EventRecord:
    row = item["row"]
    sources = tuple(
        sorted(
            (Source(**{**s, "cites": tuple(sorted(s["cites"]))}) for s in item["sources"].values()),
            key=lambda s: (s.document, s.char_start),
        )
    )
    first = sources[0]
    subject, obj = str(row["subject"]), str(row["object"])
    place_iri = _text(row.get("placeIri")) or ""
    place = _text(row.get("place"))
    if place is None and place_iri:
        place = names(place_iri)
    return EventRecord(
        relation=str(row["relation"]),
        subject=_name(subject, row.get("subjectLabel"), row.get("subjectText"), names),
        object=_name(obj, row.get("objectLabel"), row.get("objectText"), names),
        start=_text(row.get("start")),
        end=_text(row.get("end")),
        place=place,
        status=str(row["statusNode"]).rsplit("#", 1)[-1],
        mentions=1 if one_mention else len(sources),
        documents=tuple(dict.fromkeys(s.document for s in sources)),
        cites=tuple(sorted({c for s in sources for c in s.cites})),
        evidence=first.evidence,
        document=first.document,
        char_start=first.char_start,
        char_end=first.char_end,
        subject_iri=subject,
        object_iri=obj,
        place_iri=place_iri,
        event=str(row["event"]),
        mention=first.mention if one_mention else "",
        sources=sources,
    )


def as_meetings(records: Iterable[EventRecord], actor: str | None = None) -> list[Meeting]:
    """Return meeting events as :class:`Meeting` records, seen from ``actor`` (an IRI).

    Without ``actor`` the subject of each event is the ``actor`` of its meeting.
    """
    meetings = []
    for r in records:
        flip = actor is not None and r.subject_iri != actor
        meetings.append(
            Meeting(
                actor=r.object if flip else r.subject,
                counterpart=r.subject if flip else r.object,
                actor_iri=r.object_iri if flip else r.subject_iri,
                counterpart_iri=r.subject_iri if flip else r.object_iri,
                **_shared(r),
            )
        )
    return meetings


def as_visits(records: Iterable[EventRecord]) -> list[Visit]:
    """Return visit events as :class:`Visit` records."""
    return [
        Visit(
            visitor=r.subject,
            country=r.object,
            visitor_iri=r.subject_iri,
            country_iri=r.object_iri,
            **_shared(r),
        )
        for r in records
    ]


def _shared(r: EventRecord) -> dict[str, Any]:
    names = (
        "start end place status mentions documents cites evidence document char_start "
        "char_end event mention sources"
    ).split()
    return {n: getattr(r, n) for n in names}


def summarize_relations(records: Iterable[EventRecord]) -> list[RelationSummary]:
    """Group events by relation, direction and status: how two actors relate, in numbers.

    Returns
    -------
    list of RelationSummary
        Most events first.
    """
    groups: dict[tuple, list[EventRecord]] = {}
    for r in records:
        groups.setdefault((r.relation, r.subject_iri, r.object_iri, r.status), []).append(r)
    summaries = []
    for (relation, _, _, status), items in groups.items():
        starts = [r.start for r in items if r.start]
        ends = [r.end for r in items if r.end]
        first = items[0]
        summaries.append(
            RelationSummary(
                relation=relation,
                subject=first.subject,
                object=first.object,
                status=status,
                events=len(items),
                mentions=sum(r.mentions for r in items),
                first=min(starts) if starts else None,
                last=max(ends) if ends else None,
                documents=tuple(dict.fromkeys(d for r in items for d in r.documents)),
                cites=tuple(sorted({c for r in items for c in r.cites})),
                evidence=first.evidence,
                document=first.document,
                subject_iri=first.subject_iri,
                object_iri=first.object_iri,
            )
        )
    return sorted(summaries, key=lambda s: (-s.events, s.relation, s.subject, s.status))


def select_actors(
    store,
    names: Names,
    *,
    kind: str | None = None,
    country: str | None = None,
) -> list[Actor]:
    """Return the actors taking part in events, most active first.

    Parameters
    ----------
    kind : str, optional
        One of :data:`KINDS` (checked by the caller).
    country : str, optional
        IRI of a country: keep actors of that country (and the country itself).
    """
    bindings: dict[str, Any] = {}
    kind_filter = country_filter = ""
    if kind is not None:
        kind_filter = "FILTER EXISTS { ?actor a ?kind }"
        bindings["kind"] = rdflib.URIRef(KINDS[kind])
    if country is not None:
        country_filter = "FILTER EXISTS { ?actor kg:country ?inCountry }"
        bindings["inCountry"] = rdflib.URIRef(country)
    sparql = _ACTORS % {
        "events": EVENTS_GRAPH,
        "actors": ACTORS_GRAPH,
        "kind": kind_filter,
        "country": country_filter,
    }
    rows = store.query(sparql, bindings or None)
    merged = has_events(store)
    kinds = {v: k for k, v in KINDS.items()}
    found: dict[str, dict[str, Any]] = {}
    for row in rows:
        iri = str(row["actor"])
        item = found.setdefault(
            iri,
            {"events": int(row["events"] if row.get("events") is not None else 0),
             "mentions": int(row["mentions"]), "labels": set(),
             "kind": None, "country": None, "wikidata": None},
        )
        for label in (row.get("label"), row.get("unlinkedLabel")):
            if label is not None:
                item["labels"].add(str(label))
        for kind_class in (row.get("type"), row.get("unlinkedType")):
            if kind_class is not None:
                item["kind"] = kinds.get(str(kind_class), item["kind"])
        if row.get("country") is not None:
            item["country"] = str(row["country"])
        if row.get("wikidata") is not None:
            item["wikidata"] = str(row["wikidata"]).rsplit("/", 1)[-1]
    actors = []
    for iri, item in found.items():
        linked = iri.startswith(ACTOR_BASE) and not iri.startswith(UNLINKED_ACTOR_BASE)
        label = min(item["labels"]) if item["labels"] else None
        actors.append(
            Actor(
                name=_name(iri, label, None, names),
                kind=item["kind"],
                country=names(item["country"]) if item["country"] else None,
                wikidata=item["wikidata"],
                events=item["events"] if merged else item["mentions"],
                mentions=item["mentions"],
                iri=iri,
                linked=linked,
            )
        )
    return sorted(actors, key=lambda a: (-a.events, a.name))


def network(records: Iterable[EventRecord], actors: Iterable[Actor]):
    """Return events as a ``networkx.MultiDiGraph``: actors as nodes, one edge per event.

    Nodes are keyed by actor name and carry ``name``, ``kind``, ``country``, ``wikidata``
    and ``iri``; edges go from subject to object, keyed by the event IRI, and carry
    ``relation``, ``start``, ``end``, ``place``, ``status``, ``documents``, ``evidence``,
    ``cites`` and ``mentions``.
    """
    import networkx as nx

    known = {a.iri: a for a in actors}
    graph = nx.MultiDiGraph()
    keys: dict[str, str] = {}

    def node(iri: str, name: str) -> str:
        if iri in keys:
            return keys[iri]
        key = name if name not in graph else iri
        actor = known.get(iri)
        graph.add_node(
            key,
            name=name,
            kind=actor.kind if actor else None,
            country=actor.country if actor else None,
            wikidata=actor.wikidata if actor else None,
            iri=iri,
        )
        keys[iri] = key
        return key

    for r in records:
        graph.add_edge(
            node(r.subject_iri, r.subject),
            node(r.object_iri, r.object),
            key=r.event or r.mention,
            relation=r.relation,
            start=r.start,
            end=r.end,
            place=r.place,
            status=r.status,
            documents=list(r.documents),
            evidence=r.evidence,
            cites=list(r.cites),
            mentions=r.mentions,
        )
    return graph


def to_dataframe(records: Iterable[_Record], record_type: type = EventRecord):
    """Return records as a ``pandas.DataFrame``, one row per record (``sources`` left out).

    ``record_type`` gives the columns when there are no records.

    Raises
    ------
    ImportError
        When pandas is not installed (``pip install pandas``).
    """
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("to_dataframe needs pandas: pip install pandas") from exc
    rows = []
    for record in records:
        data = asdict(record)  # type: ignore[call-overload]
        data.pop("sources", None)
        rows.append(data)
    columns = [f.name for f in fields(record_type) if f.name != "sources"]
    return pd.DataFrame(rows, columns=None if rows else columns)
