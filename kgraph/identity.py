"""Event identity: merge the mentions that report one real-world event into one event node.

Each extracted mention stays in its document's named graph; this module keeps the
events graph (``vocab.EVENTS_GRAPH``) in step with them. An event node
``<https://w3id.org/kgraph/id/event/<16 hex>>`` is typed ``kg:Event`` and its relation
class, carries the merged relation, actors, dates, place and status, links each of its
mentions (``kg:mention``) and supporting documents (``prov:wasDerivedFrom``), a status
history (``kg:statusChange``: steps naming their mention, whose document and date they do
not repeat) and ``kg:conflict``. When its merged status is occurred the
direct triple (``<putin> kg:met <jiang>``) is written in the events graph too.

The rules (``ontology/identity.yaml``, read by :class:`IdentityRules`) decide which
mentions are the same event; this code knows no actor names. Merging is incremental:
:class:`BatchIngest` keeps the events of the (relation, subject, object) keys it meets in
memory (one query reads every stored event of the keys a batch meets first), assigns each
document's mentions in order and writes the batch's documents and changed events in one
update. :func:`ingest_document`, :func:`merge_document` and :func:`remove_document` are
the same with one document (a rebuilt or removed document's mentions leave their events
first; an event is deleted only when no other document supports it). Only the ``Store``
protocol is used (``query``, ``update``), so it works on the embedded and remote stores.

Notes
-----
* Event IRIs are minted from the mention that created the event (``sha1`` of its IRI),
  so building the same documents in the same order gives the same IRIs, and rebuilding a
  document gives its events back their IRIs.
* The assignment is greedy in document order (within a document: dated mentions,
  narrowest first, then undated ones); it never re-splits an event that later documents
  would have placed differently.
"""

from __future__ import annotations

import hashlib
from collections.abc import Container, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import rdflib
import yaml

from .errors import InputError, StoreError
from .kb import ontology_dir
from .rdf import document_iri, graph_iri, relations
from .store import replace_graph_update
from .vocab import EVENTS_GRAPH, ID_BASE

__all__ = [
    "EVENT_BASE",
    "BatchIngest",
    "IdentityRules",
    "MentionRecord",
    "EventState",
    "MergeReport",
    "event_iri",
    "compatible",
    "cluster",
    "summarise",
    "merge_document",
    "ingest_document",
    "remove_document",
    "rebuild_events",
]

#: Merged events: ``EVENT_BASE + 16 hex digits``.
EVENT_BASE = ID_BASE + "event/"

_KG = "https://w3id.org/kgraph/ontology#"
_PROV = "http://www.w3.org/ns/prov#"
_DCT = "http://purl.org/dc/terms/"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_STATUSES = ("occurred", "planned", "negated")

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

_PREFIXES = f"""PREFIX kg: <{_KG}>
PREFIX prov: <{_PROV}>
PREFIX dcterms: <{_DCT}>
PREFIX xsd: <{_XSD}>
"""
_EVENTS = f"<{EVENTS_GRAPH}>"


# -- rules ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class IdentityRules:
    """The merging rules of ``ontology/identity.yaml`` (see that file for their meaning).

    Examples
    --------
    >>> rules = IdentityRules.load()
    >>> rules.tolerance_days, rules.undated["planned"]
    (1, (0, 92))
    >>> rules.tolerance("meet"), rules.tolerance("visit")
    (1, 7)
    >>> rules.symmetric("meet"), rules.symmetric("visit")
    (True, False)
    """

    tolerance_days: int = 1
    relation_tolerance: dict[str, int] = field(default_factory=dict)
    planned_past_undated: bool = True
    undated: dict[str, tuple[int, int]] = field(
        default_factory=lambda: {"occurred": (31, 2), "planned": (0, 92), "negated": (31, 92)}
    )
    distinct_dates: bool = True
    status_apart: bool = True
    day_days: int = 14
    month_days: int = 62
    decisive: tuple[str, ...] = ("occurred", "negated")
    link_levels: bool = True
    relation_path: str | None = None

    @classmethod
    def load(cls, path: str | Path | None = None) -> IdentityRules:
        """Read the rules from a YAML file (default ``ontology/identity.yaml``).

        Raises
        ------
        InputError
            When the file is missing or a rule has the wrong form.
        """
        source = Path(path) if path else ontology_dir() / "identity.yaml"
        return _load_rules(str(source))

    def tolerance(self, relation: str) -> int:
        """Days two spans of ``relation`` may lie apart and still be one event."""
        return self.relation_tolerance.get(relation, self.tolerance_days)

    @property
    def reach(self) -> int:
        """The largest tolerance of any relation."""
        return max([self.tolerance_days, *self.relation_tolerance.values()])

    def symmetric(self, relation: str) -> bool:
        """Whether the relation's actors are unordered (from ``relations.yaml``)."""
        return relation in _symmetric(self.relation_path)


@lru_cache(maxsize=1)
def _relations() -> dict:
    """The relations of ``relations.yaml`` (read once: event triples need them often)."""
    return relations()


@lru_cache(maxsize=8)
def _symmetric(path: str | None) -> frozenset[str]:
    return frozenset(name for name, r in relations(path).items() if r.symmetric)


@lru_cache(maxsize=8)
def _load_rules(source: str) -> IdentityRules:
    try:
        data = yaml.safe_load(Path(source).read_text(encoding="utf-8")) or {}
        undated = {
            status: (int(window["before"]), int(window["after"]))
            for status, window in (data.get("undated") or {}).items()
        }
        unknown = set(undated) - set(_STATUSES)
        if unknown:
            raise ValueError(f"undated: unknown status {sorted(unknown)}")
        same = data.get("same_document") or {}
        precision = data.get("precision_days") or {}
        decisive = tuple(data.get("decisive_statuses") or ("occurred", "negated"))
        if set(decisive) - set(_STATUSES):
            raise ValueError(f"decisive_statuses: {list(decisive)}")
        rules = IdentityRules(
            tolerance_days=int(data.get("tolerance_days", 1)),
            relation_tolerance={
                str(k): int(v) for k, v in (data.get("tolerance_by_relation") or {}).items()
            },
            planned_past_undated=bool(data.get("planned_in_the_past_is_undated", True)),
            undated={**IdentityRules().undated, **undated},
            distinct_dates=bool(same.get("distinct_dates", True)),
            status_apart=bool(same.get("status_apart", True)),
            day_days=int(precision.get("day", 14)),
            month_days=int(precision.get("month", 62)),
            decisive=decisive,
            link_levels=bool(data.get("link_levels", True)),
        )
        if (
            rules.tolerance_days < 0
            or any(v < 0 for v in rules.relation_tolerance.values())
            or any(v < 0 for w in rules.undated.values() for v in w)
        ):
            raise ValueError("day counts must not be negative")
        return rules
    except OSError as exc:
        raise InputError(f"{source}: cannot read the identity rules ({exc.strerror})") from exc
    except (yaml.YAMLError, ValueError, TypeError, KeyError, AttributeError) as exc:
        raise InputError(
            f"{source}: malformed identity rules ({exc}); see the comments in the file"
        ) from exc


# -- records ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class MentionRecord:
    """What identity needs of one stored mention; ``subject``/``object`` in key order.

    For a symmetric relation the two actors are sorted (smaller IRI first).
    """

    iri: str
    doc: str
    doc_date: date | None
    relation: str
    subject: str
    object: str
    start: date | None = None
    end: date | None = None
    place: str | None = None
    place_text: str | None = None
    status: str = "occurred"

    @property
    def key(self) -> tuple[str, str, str]:
        """(relation, subject, object): mentions of one event share it."""
        return self.relation, self.subject, self.object

    @property
    def dated(self) -> bool:
        """Whether the text dates the mention."""
        return self.start is not None

    def span(self, rules: IdentityRules) -> tuple[date, date] | None:
        """The mention's dates, or the window around its document date when undated."""
        if self.start is not None:
            return self.start, self.end or self.start
        if self.doc_date is None:
            return None
        before, after = rules.undated.get(self.status, (31, 31))
        return self.doc_date - timedelta(days=before), self.doc_date + timedelta(days=after)


@dataclass(slots=True)
class EventState:
    """An event node as identity handles it: its IRI, key and member mentions."""

    iri: str
    relation: str
    subject: str
    object: str
    members: list[MentionRecord] = field(default_factory=list)
    stored_status: str | None = None
    stored: dict[str, list[str]] | None = None
    loaded: tuple[MentionRecord, ...] | None = None
    _reach: tuple | None = field(default=None, repr=False, compare=False)

    @property
    def key(self) -> tuple[str, str, str]:
        """(relation, subject, object)."""
        return self.relation, self.subject, self.object

    def reach(self, rules: IdentityRules) -> tuple[date, date] | None:
        """The hull of its members' spans (undated ones: their windows), cached while the
        member list is the same list of the same length."""
        stamp = (id(self.members), len(self.members), id(rules))
        if self._reach is None or self._reach[0] != stamp:
            hull = _hull(w for w in (x.span(rules) for x in self.members) if w)
            self._reach = (stamp, hull)
        return self._reach[1]


@dataclass
class MergeReport:
    """What one merge or removal changed in the events graph."""

    mentions: int = 0
    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)


def event_iri(anchor: str, salt: int = 0) -> str:
    """Return the IRI of an event created by the mention ``anchor``.

    Examples
    --------
    >>> event_iri("https://w3id.org/kgraph/id/doc/d1/mention/5a5b19121293")
    'https://w3id.org/kgraph/id/event/87bc5b3f15c560d6'
    """
    text = anchor if not salt else f"{anchor}#{salt}"
    return EVENT_BASE + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


# -- the rules in code ------------------------------------------------------------------------
def _gap(a: tuple[date, date], b: tuple[date, date]) -> int:
    """Days between two spans (0 or less when they overlap)."""
    return (max(a[0], b[0]) - min(a[1], b[1])).days


def _months(span: tuple[date, date]) -> range:
    """The months a span touches, as ``year * 12 + month - 1`` numbers."""
    return range(span[0].year * 12 + span[0].month - 1, span[1].year * 12 + span[1].month)


def _hull(spans: Iterable[tuple[date, date]]) -> tuple[date, date] | None:
    spans = list(spans)
    if not spans:
        return None
    return min(s[0] for s in spans), max(s[1] for s in spans)


def compatible(m: MentionRecord, members: Sequence[MentionRecord], rules: IdentityRules) -> bool:
    """Whether mention ``m`` may join an event made of ``members`` (same key assumed).

    Examples
    --------
    >>> rules = IdentityRules.load()
    >>> def m(iri, doc, start, end, place=None, status="occurred"):
    ...     return MentionRecord(iri, doc, None, "meet", "a", "b", date.fromisoformat(start),
    ...                          date.fromisoformat(end), place, None, status)
    >>> july = m("m1", "d1", "2000-07-01", "2000-07-31", "beijing", "planned")
    >>> compatible(m("m2", "d2", "2000-07-18", "2000-07-18"), [july], rules)
    True
    >>> compatible(m("m3", "d2", "2000-07-18", "2000-07-18", "dushanbe"), [july], rules)
    False
    """
    places = {x.place for x in members if x.place} | ({m.place} if m.place else set())
    if len(places) > 1:
        return False
    tol = rules.tolerance(m.relation)
    for x in members:
        if x.doc != m.doc:
            continue
        if rules.status_apart and x.status != m.status:
            return False
        if (
            rules.distinct_dates
            and x.dated
            and m.dated
            and (abs((x.start - m.start).days) > tol or abs((x.end - m.end).days) > tol)
        ):
            return False
    dated = [x for x in members if x.dated]
    if m.dated:
        mine = m.span(rules)
        if dated:
            return all(_gap(mine, x.span(rules)) <= tol for x in dated)
        windows = [w for w in (x.span(rules) for x in members) if w]
        return any(_gap(mine, w) <= tol for w in windows)
    window = m.span(rules)
    if window is None:
        return False
    if dated:
        return _gap(window, _hull(x.span(rules) for x in dated)) <= tol
    windows = [w for w in (x.span(rules) for x in members) if w]
    return any(_gap(window, w) <= tol for w in windows)


def _precision(span: tuple[date, date], rules: IdentityRules) -> int:
    days = (span[1] - span[0]).days + 1
    return 0 if days <= rules.day_days else 1 if days <= rules.month_days else 2


def _sort_key(m: MentionRecord) -> tuple:
    return (m.doc_date or date.min, m.doc, m.iri)


def merged_status(members: Sequence[MentionRecord], rules: IdentityRules) -> str:
    """The status of an event made of ``members`` (see ``decisive_statuses``)."""
    decisive = [x for x in members if x.status in rules.decisive]
    if not decisive:
        return "planned" if any(x.status == "planned" for x in members) else members[0].status
    latest = max(x.doc_date or date.min for x in decisive)
    last = {x.status for x in decisive if (x.doc_date or date.min) == latest}
    if len(last) == 1:
        return last.pop()
    counts = {s: sum(x.status == s for x in decisive) for s in last}
    return max(sorted(last), key=lambda s: (counts[s], s == "occurred"))


def summarise(members: Sequence[MentionRecord], rules: IdentityRules) -> dict[str, Any]:
    """Return the merged attributes of an event: status, conflict, dates, place, history.

    Examples
    --------
    >>> rules = IdentityRules.load()
    >>> planned = MentionRecord("m1", "d1", date(2000, 6, 20), "meet", "a", "b",
    ...     date(2000, 7, 1), date(2000, 7, 31), "beijing", "Beijing", "planned")
    >>> held = MentionRecord("m2", "d2", date(2000, 7, 18), "meet", "a", "b",
    ...     date(2000, 7, 18), date(2000, 7, 18), None, None, "occurred")
    >>> s = summarise([planned, held], rules)
    >>> s["status"], s["start"], s["end"], s["place"], s["conflict"]
    ('occurred', datetime.date(2000, 7, 18), datetime.date(2000, 7, 18), 'beijing', False)
    >>> [(c["from"], c["to"]) for c in s["changes"]]
    [(None, 'planned'), ('planned', 'occurred')]
    """
    status = merged_status(members, rules)
    dated = [x for x in members if x.start is not None]
    pool = [x for x in dated if x.status == status] or dated
    start = end = None
    if pool:
        spans = [(x.start, x.end or x.start) for x in pool]  # their span(rules)
        ranks = [_precision(span, rules) for span in spans]
        finest = min(ranks)
        chosen = [span for span, rank in zip(spans, ranks, strict=True) if rank == finest]
        start, end = min(s[0] for s in chosen), max(s[1] for s in chosen)
    ordered = sorted(members, key=_sort_key)
    placed = [x for x in ordered if x.place]
    changes, previous = [], None
    for x in ordered:
        if x.status != previous:
            changes.append(
                {
                    "from": previous,
                    "to": x.status,
                    "date": x.doc_date,
                    "mention": x.iri,
                    "doc": x.doc,
                }
            )
            previous = x.status
    statuses = {x.status for x in members}
    return {
        "status": status,
        "conflict": "occurred" in statuses and "negated" in statuses,
        "start": start,
        "end": end,
        "place": placed[0].place if placed else None,
        "place_text": next((x.place_text for x in placed if x.place_text), None),
        "docs": sorted({x.doc for x in members}),
        "changes": changes,
    }


def _order(mentions: Iterable[MentionRecord], rules: IdentityRules) -> list[MentionRecord]:
    """Dated mentions first, narrowest span first; then undated ones."""

    def key(m: MentionRecord):
        if m.dated:
            span = m.span(rules)
            return (0, (span[1] - span[0]).days, span[0], m.iri)
        return (1, 0, date.min, m.iri)

    return sorted(mentions, key=key)


def _score(m: MentionRecord, event: EventState, rules: IdentityRules) -> tuple:
    """How well ``m`` fits ``event`` (higher is better); assumes ``compatible``."""
    places = {x.place for x in event.members if x.place}
    same_place = bool(m.place) and m.place in places
    dated = _hull(x.span(rules) for x in event.members if x.dated)
    mine = m.span(rules)
    if dated is None or mine is None:
        return (same_place, 0, 0.0)
    if m.dated:
        distance = max(0, _gap(mine, dated))
        inter = max(0, -_gap(mine, dated) + 1)
        union = (max(mine[1], dated[1]) - min(mine[0], dated[0])).days + 1
        return (same_place, -distance, inter / union)
    anchor = m.doc_date
    distance = (
        0
        if dated[0] <= anchor <= dated[1]
        else min(abs((anchor - dated[0]).days), abs((anchor - dated[1]).days))
    )
    return (same_place, -distance, 0.0)


def assign(
    mentions: Iterable[MentionRecord],
    events: list[EventState],
    rules: IdentityRules,
    *,
    taken: Container[str] | None = None,
) -> tuple[set[str], set[str]]:
    """Put each mention into its best compatible event of the same key, or a new event.

    ``events`` is extended in place. Returns the IRIs of the events created and of those
    that gained a mention. ``taken`` holds event IRIs that already exist (a new IRI avoids
    them).
    """
    stored = taken if taken is not None else ()
    taken = {e.iri for e in events}  # and those created here; `stored` is not copied
    by_key: dict[tuple[str, str, str], list[EventState]] = {}
    for e in events:
        by_key.setdefault(e.key, []).append(e)
    created: set[str] = set()
    grown: set[str] = set()

    def near(e: EventState, mine: tuple[date, date] | None, tol: int) -> bool:
        # a cheap necessary condition of `compatible`: every rule needs a member within reach
        hull = e.reach(rules)
        return mine is not None and hull is not None and _gap(mine, hull) <= tol

    for m in _order(mentions, rules):
        mine, tol = m.span(rules), rules.tolerance(m.relation)
        options = [
            e
            for e in by_key.get(m.key, ())
            if near(e, mine, tol) and compatible(m, e.members, rules)
        ]
        if options:
            best = max(
                sorted(options, key=lambda e: e.iri, reverse=True),
                key=lambda e: _score(m, e, rules),
            )
            best.members.append(m)
            grown.add(best.iri)
            continue
        salt, iri = 0, event_iri(m.iri)
        while iri in taken or iri in stored:
            salt += 1
            iri = event_iri(m.iri, salt)
        taken.add(iri)
        event = EventState(iri, m.relation, m.subject, m.object, [m])
        events.append(event)
        by_key.setdefault(m.key, []).append(event)
        created.add(iri)
    return created, grown - created


def cluster(
    mentions: Iterable[MentionRecord], rules: IdentityRules | None = None
) -> list[EventState]:
    """Cluster mentions into events in memory, in the order given (documents in order).

    Mentions are taken document by document in their given order, as a build would.

    Examples
    --------
    >>> rules = IdentityRules.load()
    >>> def m(iri, doc, day, place=None, status="occurred"):
    ...     d = date.fromisoformat(day)
    ...     return MentionRecord(iri, doc, d, "meet", "a", "b", d, d, place, None, status)
    >>> events = cluster([m("m1", "d1", "2000-07-05", "dushanbe"),
    ...                   m("m2", "d2", "2000-07-18", "beijing"),
    ...                   m("m3", "d3", "2000-07-18")], rules)
    >>> sorted(sorted(x.iri for x in e.members) for e in events)
    [['m1'], ['m2', 'm3']]
    """
    rules = rules or IdentityRules.load()
    events: list[EventState] = []
    docs: dict[str, list[MentionRecord]] = {}
    for m in mentions:
        docs.setdefault(m.doc, []).append(m)
    for doc_mentions in docs.values():
        assign(doc_mentions, events, rules)
    return events


# -- reading the store ------------------------------------------------------------------------
@lru_cache(maxsize=1 << 16)
def _iri(value: str) -> str:
    return str(ox.NamedNode(value))


@lru_cache(maxsize=1 << 12)
def _literal(value: str) -> str:
    return str(ox.Literal(value))


def _day(value) -> date | None:
    if value is None:
        return None
    python = value.toPython() if isinstance(value, rdflib.Literal) else value
    if isinstance(python, date):
        return python
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


#: Properties of a mention that identity reads (fetched as ?m ?p ?v rows: OPTIONAL
#: patterns would make Oxigraph scan every mention of the store).
_PROPERTIES = (
    "kg:relation kg:subject kg:object kg:status kg:start kg:end kg:place kg:placeText "
    "prov:wasDerivedFrom"
)
_PV = (
    f"{{ ?m ?p ?v VALUES ?p {{ {_PROPERTIES} }} }} UNION "
    "{ ?m prov:wasDerivedFrom ?d . ?d dcterms:date ?v BIND(dcterms:date AS ?p) }"
)
#: Stored properties of an event node read back (to write only what changed).
_HEAD = (
    "kg:relation kg:subject kg:object kg:status kg:start kg:end kg:place kg:placeText "
    "kg:conflict kg:partOf"
)
_NAMES = {
    _KG + "relation": "rel",
    _KG + "subject": "s",
    _KG + "object": "o",
    _KG + "status": "status",
    _KG + "start": "start",
    _KG + "end": "end",
    _KG + "place": "place",
    _KG + "placeText": "placeText",
    _PROV + "wasDerivedFrom": "doc",
    _DCT + "date": "date",
}


def _records(rows, rules: IdentityRules) -> dict[str, MentionRecord]:
    """Mention records from ``?m ?p ?v`` rows (mentions lacking a required field skipped)."""
    fields: dict[str, dict[str, Any]] = {}
    for row in rows:
        name = _NAMES.get(str(row["p"]))
        if name is not None:
            fields.setdefault(str(row["m"]), {"m": row["m"]})[name] = row["v"]
    return {
        m: _record(f, rules)
        for m, f in fields.items()
        if all(k in f for k in ("rel", "s", "o", "status", "doc"))
    }


def _record(row, rules: IdentityRules) -> MentionRecord:
    relation = str(row["rel"])
    subject, obj = str(row["s"]), str(row["o"])
    if rules.symmetric(relation) and obj < subject:
        subject, obj = obj, subject
    place = row.get("place")
    text = row.get("placeText")
    start, end = _day(row.get("start")), _day(row.get("end"))
    status = str(row["status"]).rsplit("#", 1)[-1]
    doc_date = _day(row.get("date"))
    if (
        rules.planned_past_undated
        and status == "planned"
        and doc_date is not None
        and start is not None
        and (end or start) < doc_date
    ):
        start = end = None  # dated by its announcement: the document's window stands for it
    return MentionRecord(
        iri=str(row["m"]),
        doc=str(row["doc"]),
        doc_date=doc_date,
        relation=relation,
        subject=subject,
        object=obj,
        start=start,
        end=end or start,
        place=str(place) if place is not None else (str(text).casefold() if text else None),
        place_text=str(text) if text is not None else None,
        status=status,
    )


def _document_mentions(store, doc_id: str, rules: IdentityRules) -> list[MentionRecord]:
    rows = store.query(
        _PREFIXES + "SELECT ?m ?p ?v WHERE {\n"
        f"  GRAPH {_iri(graph_iri(doc_id))} {{ ?m a kg:Mention }}\n  {_PV}\n}}"
    )
    return list(_records(rows, rules).values())


def _load_events(store, iris: Iterable[str], rules: IdentityRules) -> dict[str, EventState]:
    """Read events and their members in one query, one row per member (members whose
    mention is gone are left out)."""
    iris = sorted(set(iris))
    if not iris:
        return {}
    return _read_events(store, iris, rules)


def _read_events(store, iris: Sequence[str], rules: IdentityRules) -> dict[str, EventState]:
    """Read the events ``iris`` with their members (the IRIs are given in each branch:
    Oxigraph would otherwise read every event of the graph before joining)."""
    values = f"VALUES ?e {{ {' '.join(_iri(i) for i in iris)} }}"
    rows = store.query(
        _PREFIXES + 'SELECT ?e ?m (GROUP_CONCAT(CONCAT(STR(?p), "\\u001f", STR(?v)); '
        'separator="\\u001e") AS ?f) WHERE {\n'
        f"  {{ {values} GRAPH {_EVENTS} {{ ?e ?p ?v VALUES ?p {{ {_HEAD} }} }} BIND(?e AS ?m) }}\n"
        f"  UNION {{ {values} GRAPH {_EVENTS} {{ ?e kg:mention ?m }} {_PV} }}\n}} GROUP BY ?e ?m"
    )
    heads: dict[str, dict[str, list[str]]] = {}
    members: list[tuple[str, str, dict[str, str]]] = []
    for row in rows:
        e, m = str(row["e"]), str(row["m"])
        fields: dict[str, list[str]] = {}
        for part in str(row["f"]).split("\u001e"):
            key, _, value = part.partition("\u001f")
            fields.setdefault(key, []).append(value)
        if e == m:
            heads[e] = fields
        else:
            members.append((e, m, {k: v[0] for k, v in fields.items()}))
    events: dict[str, EventState] = {}
    for e, head in heads.items():
        try:
            events[e] = EventState(
                e,
                head[_KG + "relation"][0],
                head[_KG + "subject"][0],
                head[_KG + "object"][0],
                stored_status=head.get(_KG + "status", [""])[0].rsplit("#")[-1],
                stored=head,
            )
        except KeyError:
            continue
    seen: set[tuple[str, str]] = set()  # an event found for two reasons comes twice
    for e, m, fields in sorted(members, key=lambda x: (x[0], x[1])):
        event = events.get(e)
        if (e, m) in seen:
            continue
        seen.add((e, m))
        named = {_NAMES[k]: v for k, v in fields.items() if k in _NAMES}
        if event is None or not all(k in named for k in ("rel", "s", "o", "status", "doc")):
            continue
        record = _record({"m": m, **named}, rules)
        if record.key == event.key:
            event.members.append(record)
    for event in events.values():
        event.loaded = tuple(event.members)
    return events


def _state_level(key: tuple[str, str, str], countries: dict[str, str | None]) -> bool:
    """Whether both actors of ``key`` are states."""
    return all(countries.get(a) == a for a in key[1:])


def _coarser_keys(
    key: tuple[str, str, str], countries: dict[str, str | None], rules: IdentityRules
) -> set[tuple[str, str, str]]:
    """The state-level key above ``key`` (its actors replaced by their states), if any."""
    relation, subject, obj = key
    s, o = countries.get(subject), countries.get(obj)
    if s is None or o is None or (s, o) == (subject, obj) or s == o:
        return set()
    if rules.symmetric(relation) and o < s:
        s, o = o, s
    return {(relation, s, o)}


# -- levels: states and their people ----------------------------------------------------------
def _fill_countries(store, actors: Iterable[str], cache: dict[str, str | None]) -> None:
    """Put the ``kg:country`` of each actor not yet in ``cache`` into it (None: none)."""
    wanted = sorted(set(actors) - set(cache))
    if not wanted:
        return
    rows = store.query(
        _PREFIXES + f"SELECT ?a ?c WHERE {{ VALUES ?a {{ {' '.join(_iri(a) for a in wanted)} }} "
        "?a kg:country ?c }"
    )
    cache.update(dict.fromkeys(wanted))
    cache.update({str(r["a"]): str(r["c"]) for r in rows})


def _level_candidates(
    store, events: Sequence[EventState], rules: IdentityRules, countries: dict[str, str | None]
) -> set[str]:
    """Stored events one actor level above or below ``events`` (same relation)."""
    _fill_countries(store, (a for e in events for a in (e.subject, e.object)), countries)
    coarser: set[tuple[str, str, str]] = set()
    finer: set[tuple[str, str, str]] = set()
    for e in events:
        coarser |= _coarser_keys(e.key, countries, rules)
        if _state_level(e.key, countries):
            finer.add(e.key)
    found: set[str] = set()
    if coarser:
        values = " ".join(f"({_literal(r)} {_iri(s)} {_iri(o)})" for r, s, o in sorted(coarser))
        rows = store.query(
            _PREFIXES + f"SELECT DISTINCT ?e WHERE {{ VALUES (?rel ?s ?o) {{ {values} }} "
            f"GRAPH {_EVENTS} {{ ?e kg:subject ?s ; kg:object ?o ; kg:relation ?rel }} }}"
        )
        found |= {str(r["e"]) for r in rows}
    for relation, a, b in sorted(finer):
        # events of the relation whose actors belong to the two states (or are them);
        # the subject comes first in the pattern: Oxigraph joins in the order written
        rows = store.query(
            _PREFIXES + "SELECT DISTINCT ?x WHERE { "
            f"VALUES ?c {{ {_iri(a)} {_iri(b)} }} ?x kg:country ?c }}"
        )
        people = " ".join(_iri(str(r["x"])) for r in rows)
        if not people:
            continue
        rows = store.query(
            _PREFIXES + f"SELECT DISTINCT ?e WHERE {{ VALUES ?x {{ {people} }} "
            f"GRAPH {_EVENTS} {{ ?e kg:subject ?x ; kg:relation {_literal(relation)} ; "
            f"kg:object ?y }} ?y kg:country ?cy VALUES ?cy {{ {_iri(a)} {_iri(b)} }} }}"
        )
        found |= {str(r["e"]) for r in rows}
    return found


def _level_of(
    coarse: EventState, fine: EventState, countries: dict[str, str | None], rules: IdentityRules
) -> bool:
    """Whether ``coarse`` is state-level and names the states of ``fine``'s actors."""
    if (
        coarse.relation != fine.relation
        or coarse.key == fine.key
        or not _state_level(coarse.key, countries)
    ):
        return False
    pairs = [(fine.subject, fine.object)]
    if rules.symmetric(fine.relation):
        pairs.append((fine.object, fine.subject))
    return any(
        countries.get(s) == coarse.subject and countries.get(o) == coarse.object for s, o in pairs
    )


def _same_occasion(a: dict, b: dict, rules: IdentityRules) -> bool:
    """Whether two event summaries (with a ``span``) may be the same occasion."""
    if (a["status"] == "negated") != (b["status"] == "negated"):
        return False
    if a["place"] and b["place"] and a["place"] != b["place"]:
        return False
    first, second = a["span"], b["span"]
    return (
        first is not None
        and second is not None
        and _gap(first, second) <= rules.tolerance(a["relation"])
    )


def _links(
    events: dict[str, EventState],
    focus: Iterable[str],
    countries: dict[str, str | None],
    rules: IdentityRules,
) -> set[tuple[str, str]]:
    """(coarse, fine) pairs among ``events`` that involve an event of ``focus``."""
    summaries: dict[str, dict] = {}

    def summary(event: EventState) -> dict:
        if event.iri not in summaries:
            found = summarise(event.members, rules)
            span = (
                (found["start"], found["end"])
                if found["start"] is not None
                else _hull(w for w in (x.span(rules) for x in event.members) if w)
            )
            summaries[event.iri] = {**found, "span": span, "relation": event.relation}
        return summaries[event.iri]

    by_relation: dict[str, list[EventState]] = {}
    for event in events.values():
        if event.members:
            by_relation.setdefault(event.relation, []).append(event)
    links = set()
    for iri in focus:
        e = events.get(iri)
        if e is None or not e.members:
            continue
        for other in by_relation.get(e.relation, ()):
            for coarse, fine in ((e, other), (other, e)):
                if _level_of(coarse, fine, countries, rules) and _same_occasion(
                    summary(coarse), summary(fine), rules
                ):
                    links.add((coarse.iri, fine.iri))
    return links


# -- writing ----------------------------------------------------------------------------------
def _date_literal(day: date) -> str:
    return f'"{day.isoformat()}"^^<{_XSD}date>'


def _change_iri(event: str, change: dict[str, Any], seen: dict[tuple, int]) -> str:
    """The IRI of a step of ``event``'s status history: named after what changed, the
    n-th change from one status to another (``.../status/planned-occurred``, the first report
    ``.../status/first-planned``), not after its position or its mention: when a report
    comes in between others, or an earlier document reports the same change, the steps
    keep their names and only what differs is rewritten. ``seen`` counts the changes
    named so far."""
    step = (change["from"] or "first", change["to"])
    n = seen[step] = seen.get(step, 0) + 1
    return f"{event}/status/{step[0]}-{step[1]}" + (f"-{n}" if n > 1 else "")


def _event_triples(event: EventState, summary: dict[str, Any]) -> list[str]:
    """The triples of an event node and its status history (N-Triples terms, no dot).

    What a mention already says is not repeated: a status change names its mention, whose
    document (``prov:wasDerivedFrom``) and the document's date (``dcterms:date``) are in the
    mention's graph; the number of mentions is that of the ``kg:mention`` links.
    """
    relation = _relations()[event.relation]
    e = _iri(event.iri)
    kg = _KG
    out = [
        f"{e} a <{kg}Event>",
        f"{e} a <{kg}{relation.event_class}>",
        f"{e} <{kg}relation> {_literal(event.relation)}",
        f"{e} <{kg}subject> {_iri(event.subject)}",
        f"{e} <{kg}object> {_iri(event.object)}",
        f"{e} <{kg}status> <{kg}{summary['status']}>",
        f'{e} <{kg}conflict> "{"true" if summary["conflict"] else "false"}"^^<{_XSD}boolean>',
    ]
    if summary["start"] is not None:
        out.append(f"{e} <{kg}start> {_date_literal(summary['start'])}")
        out.append(f"{e} <{kg}end> {_date_literal(summary['end'])}")
    place = summary["place"]
    if place and place.startswith(("http://", "https://")):
        out.append(f"{e} <{kg}place> {_iri(place)}")
    if summary["place_text"]:
        out.append(f"{e} <{kg}placeText> {_literal(summary['place_text'])}")
    for m in event.members:
        out.append(f"{e} <{kg}mention> {_iri(m.iri)}")
    for doc in summary["docs"]:
        out.append(f"{e} <{_PROV}wasDerivedFrom> {_iri(doc)}")
    seen: dict[tuple, int] = {}
    for change in summary["changes"]:
        c = _iri(_change_iri(event.iri, change, seen))
        out += [
            f"{e} <{kg}statusChange> {c}",
            f"{c} <{kg}toStatus> <{kg}{change['to']}>",
            f"{c} <{kg}mention> {_iri(change['mention'])}",
        ]
        if change["from"]:
            out.append(f"{c} <{kg}fromStatus> <{kg}{change['from']}>")
    return out


def _direct_triples(relation: str, subject: str, obj: str, rules: IdentityRules) -> str:
    prop = f"<{_KG}{_relations()[relation].property}>"
    s, o = _iri(subject), _iri(obj)
    triples = f"{s} {prop} {o} ."
    if rules.symmetric(relation):
        triples += f" {o} {prop} {s} ."
    return triples


def merge_document(
    store,
    doc_id: str,
    *,
    rules: IdentityRules | None = None,
    cache: dict[str, str | None] | None = None,
) -> MergeReport:
    """Merge the mentions of a stored document into the events graph.

    Call it after the document's graph was (re)placed: the mentions of its previous
    version leave their events first (an event left without mentions is deleted), then
    each mention joins its best compatible event or creates one. It reads the document's
    mentions, then every stored event of their (relation, subject, object) keys, and
    writes the changed events in one update (:class:`BatchIngest` with one document).

    Parameters
    ----------
    store : Store
        The store holding the document graph (embedded or remote).
    doc_id : str
        The document id (its graph is ``graph_iri(doc_id)``).
    rules : IdentityRules, optional
        Merging rules (default ``ontology/identity.yaml``).
    cache : dict, optional
        Countries of actors (``kg:country``) already read from the store; give the same
        dict to every call to save a query per document.

    Returns
    -------
    MergeReport
        Events created, changed and deleted.
    """
    rules = rules or IdentityRules.load()
    batch = BatchIngest(store, rules, size=1, countries=cache)
    batch.merge(doc_id, _document_mentions(store, doc_id, rules))
    return batch.report


#: What :func:`_records_from_quads` reads of a quad, by predicate (``date``: a document's).
_QUAD_FIELDS = {**_NAMES, _RDF_TYPE: "type"}


def _records_from_quads(quads: Sequence[ox.Quad], rules: IdentityRules) -> list[MentionRecord]:
    """The mentions of a document graph's quads (as :func:`kgraph.rdf.document_quads`)."""
    nodes: dict[str, dict[str, Any]] = {}
    mentions: set[str] = set()
    doc_dates: dict[str, Any] = {}
    mention, fields_of = _KG + "Mention", _QUAD_FIELDS
    for q in quads:  # most quads are of no interest: their subject is not read
        name = fields_of.get(q.predicate.value)
        if name is None:
            continue
        if name == "type":
            if q.object.value == mention:
                mentions.add(q.subject.value)
        elif name == "date":
            doc_dates[q.subject.value] = q.object.value
        else:
            subject = q.subject.value
            nodes.setdefault(subject, {"m": subject})[name] = q.object.value
    out = []
    for m in sorted(mentions):
        fields = nodes.get(m, {})
        if all(k in fields for k in ("rel", "s", "o", "status", "doc")):
            fields["date"] = doc_dates.get(fields["doc"])
            out.append(_record(fields, rules))
    return out


def ingest_document(
    store,
    doc_id: str,
    quads: Sequence[ox.Quad],
    *,
    rules: IdentityRules | None = None,
    cache: dict[str, str | None] | None = None,
) -> MergeReport:
    """Replace a document's graph with ``quads`` and merge its mentions, in one update.

    The same as ``store.replace_graph(graph_iri(doc_id), quads)`` followed by
    :func:`merge_document`, but one transaction: the document and the events never
    disagree. A build uses :class:`BatchIngest`, which does this for many documents per
    update.
    """
    rules = rules or IdentityRules.load()
    batch = BatchIngest(store, rules, size=1, countries=cache)
    batch.add(doc_id, quads)
    return batch.report


def remove_document(store, doc_id: str, *, rules: IdentityRules | None = None) -> MergeReport:
    """Take a document's mentions out of the events graph (its own graph is left alone).

    An event keeps its IRI while another document supports it and is deleted otherwise.
    """
    rules = rules or IdentityRules.load()
    batch = BatchIngest(store, rules, size=1)
    batch.merge(doc_id, [])
    return batch.report


def rebuild_events(store, doc_ids: Sequence[str], *, rules: IdentityRules | None = None) -> int:
    """Drop the events graph and merge the documents again, in the given order.

    Returns the number of event nodes written.
    """
    rules = rules or IdentityRules.load()
    store.update(f"DROP SILENT GRAPH {_EVENTS}")
    for doc_id in doc_ids:
        merge_document(store, doc_id, rules=rules)
    rows = store.query(
        _PREFIXES + f"SELECT (COUNT(?e) AS ?n) WHERE {{ GRAPH {_EVENTS} {{ ?e a kg:Event }} }}"
    )
    return int(rows[0]["n"])


# -- a build: documents and their events written per batch ------------------------------------
class BatchIngest:
    """Write documents during a build, several per update, merging their mentions in memory.

    The per-document functions above ask the store for the candidate events of each
    document (a query and an update per document). A build instead keeps the events it
    needs in memory, keyed by (relation, subject, object): the first time a batch meets a
    key, one query reads every stored event of that key (and of the keys of the documents
    being rebuilt, and of the state-level keys above them); later documents of that key
    use the copy in memory. Each mention is merged exactly as :func:`ingest_document`
    would merge it, document after document in build order, so the events do not depend on
    where batches end. :meth:`flush` writes the batch's document graphs and every changed
    event in **one** update: a killed build leaves whole batches or nothing, and the
    events graph always matches the documents stored.

    With ``rules=None`` only the documents are written (a build without merging), batched
    the same way, so the two compare fairly.

    With ``background=True`` the updates are written by a thread of their own while the
    caller goes on (extracting and merging the next batch): the store's write releases the
    GIL, so on two cores writing costs the build little. Batches are still written one
    update each and in order; at most two are in flight. If one fails, no later batch is
    written and the next :meth:`add` that fills a batch, or :meth:`flush`, raises.
    :meth:`flush` returns when everything is written.

    The build must be the only writer of the store while it runs (the embedded store
    enforces that): the copy in memory stands for the stored events. Memory grows with the
    number of event nodes the build touches (their mentions and triples).

    Examples
    --------
    >>> from kgraph.store import open_store
    >>> with open_store(":memory:") as store:
    ...     batch = BatchIngest(store, IdentityRules.load(), size=2)
    ...     batch.add("d1", [])
    ...     batch.flush()
    ...     store.has_graph(graph_iri("d1"))
    False
    """

    def __init__(
        self,
        store,
        rules: IdentityRules | None,
        *,
        size: int = 8,
        countries: dict[str, str | None] | None = None,
        background: bool = False,
    ):
        self.store, self.rules, self.size = store, rules, max(1, size)
        self.background = background
        self._writer: ThreadPoolExecutor | None = None  # the writer thread, with `background`
        self._inflight: Future | None = None  # the last update handed to it
        self._broken = False  # set in the writer thread when an update failed
        self._pending: list[tuple[str, list[ox.Quad] | None, list[MentionRecord]]] = []
        self._events: dict[str, EventState] = {}
        self._by_key: dict[tuple[str, str, str], dict[str, EventState]] = {}
        self._by_doc: dict[str, set[str]] = {}
        self._complete: set[tuple[str, str, str]] = set()  # keys wholly in memory
        self._finer_done: set[tuple[str, str, str]] = set()
        self._written: dict[str, set[str]] = {}  # triples of an event as stored, when known
        self._links: set[tuple[str, str]] = set()  # kg:partOf pairs stored, of keys in memory
        self._direct: set[tuple[str, str, str]] = set()  # keys whose direct triple is stored
        self._unknown: set[str] = set()  # events read from the store, triples not known
        self._countries = countries if countries else None
        self._shared = countries  # a caller's cache, filled on first use
        self._changed: set[str] = set()
        self._whole: set[str] = set()
        self._dropped_keys: set[tuple[str, str, str]] = set()
        self._status: dict[str, str] = {}  # merged status of the events summarised so far
        self._failed = False
        self._alone: bool | None = None  # whether every stored event is in memory
        self._buckets: dict[tuple[str, str, str], dict[int, set[str]]] = {}
        self._indexed: dict[str, tuple[tuple[str, str, str], range]] = {}
        self.report = MergeReport()

    # public
    def add(self, doc_id: str, quads: Iterable[ox.Quad]) -> None:
        """Queue a document graph (it replaces the stored one) and its mentions; write the
        batch when it is full."""
        quads = list(quads)
        mentions = _records_from_quads(quads, self.rules) if self.rules is not None else []
        self._queue((doc_id, quads, mentions))

    def merge(self, doc_id: str, mentions: Sequence[MentionRecord]) -> None:
        """Queue a document's mentions only (its graph is not written): they replace the
        document's mentions in the events; no mentions takes the document out of them."""
        self._queue((doc_id, None, list(mentions)))

    def _queue(self, item: tuple[str, list[ox.Quad] | None, list[MentionRecord]]) -> None:
        self._pending.append(item)
        if len(self._pending) >= self.size:
            self._write()

    def flush(self) -> None:
        """Write the queued documents and the events they change, in one update, and wait
        until every batch handed to the writer thread is written.

        Raises
        ------
        StoreError
            When an earlier write failed: the events in memory may then differ from the
            store's, so this object writes nothing more (start a new build).
        """
        try:
            self._write()
            if self._inflight is not None:
                self._settle(self._inflight)
                self._inflight = None
        finally:  # whatever happened, the writer thread finishes what it was given and ends
            if self._writer is not None:
                self._writer.shutdown()
                self._writer = None

    def close(self) -> None:
        """Write what is queued (the same as :meth:`flush`)."""
        self.flush()

    def _write(self) -> None:
        """Merge the queued documents and write them with their changed events in one
        update; with ``background``, hand the update to the writer thread and return."""
        if not self._pending:
            return
        if self._failed:
            raise StoreError("an earlier batch could not be written; build again to resume")
        pending, self._pending = self._pending, []
        self._failed = True  # until the update below is written (or handed over)
        operations = [
            replace_graph_update(graph_iri(d), quads)
            for d, quads, _ in pending
            if quads is not None
        ]
        if self.rules is not None:
            operations += self._merge([(d, mentions) for d, _, mentions in pending])
        update = " ;\n".join(operations)
        if not self.background:
            if update:
                self.store.update(update)
            self._commit()
            self._failed = False
            return
        # the next batch is merged against this one as if it were written: were the update
        # to fail, the writer thread writes nothing more and the next flush raises
        self._commit()
        if self._writer is None:
            self._writer = ThreadPoolExecutor(1, thread_name_prefix="kgraph-write")
        earlier, self._inflight = self._inflight, self._writer.submit(self._run, update)
        self._failed = False
        if earlier is not None:  # two batches in flight at most: memory stays flat
            self._settle(earlier)

    def _run(self, update: str) -> None:
        """Write one batch's update (in the writer thread), unless an earlier one failed."""
        if self._broken:
            raise StoreError("an earlier batch could not be written; build again to resume")
        if not update:
            return
        try:
            self.store.update(update)
        except BaseException:
            self._broken = True
            raise

    def _settle(self, future: Future) -> None:
        """Wait for a batch handed to the writer thread; its failure stops this object."""
        try:
            future.result()
        except Exception:
            self._failed = True
            raise

    # merging in memory
    def _merge(self, pending: list[tuple[str, list[MentionRecord]]]) -> list[str]:
        rules = self.rules
        docs = [(document_iri(d), mentions) for d, mentions in pending]
        countries = self._actor_countries()
        keys = {m.key for _, ms in docs for m in ms}
        keys |= {k for key in keys for k in _coarser_keys(key, countries, rules)}
        if self._everything_in_memory():
            self._complete |= keys
        else:
            minted = {event_iri(m.iri, k) for _, ms in docs for m in ms for k in range(3)}
            self._load(keys, [d for d, _ in docs], {i for i in minted if i not in self._events})
        self._changed, self._whole, self._dropped_keys = set(), set(), set()
        for doc_iri, mentions in docs:
            self._merge_document(doc_iri, mentions)
        live = [self._events[i] for i in sorted(self._changed) if i in self._events]
        self._ensure_levels(live)
        return self._operations(live)

    def _merge_document(self, doc_iri: str, mentions: list[MentionRecord]) -> None:
        rules = self.rules
        prefix = doc_iri + "/mention/"
        touched = self._by_doc.pop(doc_iri, set())
        emptied = set()
        for iri in sorted(touched):
            event = self._events.get(iri)
            if event is None:
                continue
            event.members = [x for x in event.members if not x.iri.startswith(prefix)]
            self._changed.add(iri)
            self._whole.add(iri)  # as ingest_document: an event a rebuilt document left
            if not event.members:
                emptied.add(iri)
                self._drop(event)
        self.report.deleted += sorted(emptied)
        for iri in touched - emptied:
            if iri in self._events:
                self._index(self._events[iri])
        candidates = self._candidates(mentions)
        before = {e.iri for e in candidates}
        created, grown = assign(mentions, candidates, rules, taken=self._events)
        for event in candidates:
            if event.iri not in before:
                self._keep(event)
            elif event.iri in grown:
                self._index(event)
        if created | grown:
            self._by_doc.setdefault(doc_iri, set()).update(created | grown)
        self._changed |= created | grown
        self.report.mentions += len(mentions)
        self.report.created += sorted(created)
        self.report.changed += sorted(((touched - emptied) | grown) - created)

    def _keep(self, event: EventState) -> None:
        self._events[event.iri] = event
        self._by_key.setdefault(event.key, {})[event.iri] = event
        self._index(event)

    def _drop(self, event: EventState) -> None:
        self._dropped_keys.add(event.key)
        self._status.pop(event.iri, None)
        self._events.pop(event.iri, None)
        self._by_key.get(event.key, {}).pop(event.iri, None)
        self._unindex(event.iri)

    # events by key and month, so that a mention meets only the events within reach
    def _index(self, event: EventState) -> None:
        self._unindex(event.iri)
        hull = event.reach(self.rules)
        if hull is None:  # no member has a date or a document date: nothing can join it
            return
        months = _months(hull)
        buckets = self._buckets.setdefault(event.key, {})
        for month in months:
            buckets.setdefault(month, set()).add(event.iri)
        self._indexed[event.iri] = (event.key, months)

    def _unindex(self, iri: str) -> None:
        found = self._indexed.pop(iri, None)
        if found is not None:
            key, months = found
            for month in months:
                self._buckets[key][month].discard(iri)

    def _candidates(self, mentions: Sequence[MentionRecord]) -> list[EventState]:
        """The events of the mentions' keys whose dates come within reach of them."""
        slack = timedelta(days=self.rules.reach)
        spans: dict[tuple[str, str, str], tuple[date, date]] = {}
        for m in mentions:
            span = m.span(self.rules)
            if span is None:
                continue
            lo, hi = span[0] - slack, span[1] + slack
            if m.key in spans:
                lo, hi = min(lo, spans[m.key][0]), max(hi, spans[m.key][1])
            spans[m.key] = (lo, hi)
        found: set[str] = set()
        for key, span in spans.items():
            buckets = self._buckets.get(key, {})
            for month in _months(span):
                found |= buckets.get(month, set())
        return [self._events[i] for i in sorted(found)]

    # reading the store
    def _actor_countries(self) -> dict[str, str | None]:
        if self._countries is None:
            rows = self.store.query(_PREFIXES + "SELECT ?a ?c WHERE { ?a kg:country ?c }")
            self._countries = {str(r["a"]): str(r["c"]) for r in rows}
            if self._shared is not None:
                self._shared.update(self._countries)
        return self._countries

    def _everything_in_memory(self) -> bool:
        """Whether every stored event is in memory: the events graph was empty when this
        object first looked, and the store has no other writer. Then nothing is read back."""
        if self._alone is None:
            self._alone = not self.store.query(f"ASK {{ GRAPH {_EVENTS} {{ ?s ?p ?o }} }}")
        return self._alone

    def _load(self, keys: set[tuple[str, str, str]], docs: Sequence[str], minted: set[str]) -> None:
        """Read every stored event of ``keys``, of the keys of events that ``docs``
        support and of the events named ``minted``, unless their key is in memory."""
        keys = keys - self._complete
        same_key = "?e kg:subject ?s ; kg:object ?o ; kg:relation ?rel"
        branches = []
        if keys:
            values = " ".join(f"({_literal(r)} {_iri(s)} {_iri(o)})" for r, s, o in sorted(keys))
            branches.append(
                f"{{ VALUES (?rel ?s ?o) {{ {values} }} GRAPH {_EVENTS} {{ {same_key} }} }}"
            )
        if docs:
            values = " ".join(_iri(d) for d in docs)
            branches.append(
                f"{{ VALUES ?d {{ {values} }} GRAPH {_EVENTS} {{ ?x prov:wasDerivedFrom ?d ; "
                f"kg:subject ?s ; kg:object ?o ; kg:relation ?rel . {same_key} }} }}"
            )
        if minted:
            values = " ".join(_iri(i) for i in sorted(minted))
            branches.append(
                f"{{ VALUES ?x {{ {values} }} GRAPH {_EVENTS} {{ ?x kg:subject ?s ; "
                f"kg:object ?o ; kg:relation ?rel . {same_key} }} }}"
            )
        if branches:
            rows = self.store.query(
                _PREFIXES + "SELECT DISTINCT ?e WHERE { " + " UNION ".join(branches) + " }"
            )
            found = {str(r["e"]) for r in rows} - set(self._events)
            if found:
                self._absorb(_read_events(self.store, sorted(found), self.rules))
        self._complete |= keys

    def _absorb(self, events: dict[str, EventState]) -> None:
        """Take stored events into memory (those of keys already in memory are skipped)."""
        for key in {e.key for e in events.values()} - self._complete:
            for event in (e for e in events.values() if e.key == key):
                self._keep(event)
                self._unknown.add(event.iri)
                for doc in {x.doc for x in event.members}:
                    self._by_doc.setdefault(doc, set()).add(event.iri)
                self._links |= {
                    (event.iri, fine) for fine in (event.stored or {}).get(_KG + "partOf", ())
                }
                if event.stored_status == "occurred":
                    self._direct.add(key)
            self._complete.add(key)

    def _ensure_levels(self, live: Sequence[EventState]) -> None:
        """Load the events one actor level above or below ``live`` that are not in memory."""
        if not self.rules.link_levels or not live:
            return
        countries = self._actor_countries()
        coarser = {k for e in live for k in _coarser_keys(e.key, countries, self.rules)}
        if self._everything_in_memory():
            self._complete |= coarser
            return
        if coarser - self._complete:
            self._load(coarser, (), set())
        finer = {e.key for e in live if _state_level(e.key, countries)} - self._finer_done
        if finer:
            found = _level_candidates(
                self.store, [EventState("", *k) for k in sorted(finer)], self.rules, countries
            )
            self._absorb(_load_events(self.store, found - set(self._events), self.rules))
            self._finer_done |= finer

    # writing
    def _neighbours(self, live: Sequence[EventState]) -> dict[str, EventState]:
        """``live`` and the events in memory one actor level above or below them."""
        countries, rules = self._actor_countries(), self.rules
        out = {e.iri: e for e in live}
        for e in live:
            for key in _coarser_keys(e.key, countries, rules):
                out.update(self._by_key.get(key, {}))
            if _state_level(e.key, countries):
                for key, events in self._by_key.items():
                    if key[0] == e.relation and _coarser_keys(key, countries, rules) == {e.key}:
                        out.update(events)
        return out

    def _operations(self, live: Sequence[EventState]) -> list[str]:
        """The updates of the events graph for the events changed in this batch."""
        rules, countries = self.rules, self._actor_countries()
        changed = self._changed
        operations = []
        whole = sorted(i for i in changed if i in self._whole or i in self._unknown)
        if whole:
            values = " ".join(_iri(i) for i in whole)
            operations.append(
                f"DELETE {{ GRAPH {_EVENTS} {{ ?x ?p ?y }} }} WHERE {{ VALUES ?e {{ {values} }} "
                f"GRAPH {_EVENTS} {{ {{ ?e ?p ?y BIND(?e AS ?x) }} UNION "
                f"{{ ?e <{_KG}statusChange> ?x . ?x ?p ?y }} UNION "
                f"{{ ?x <{_KG}partOf> ?e BIND(<{_KG}partOf> AS ?p) BIND(?e AS ?y) }} }} }}"
            )
        gone = set(whole)
        stored_links = {(a, b) for a, b in self._links if a not in gone and b not in gone}
        inserts: set[str] = set()
        deletes: set[str] = set()
        self._next_written: dict[str, set[str] | None] = {}
        keys = set(self._dropped_keys)
        status: dict[str, str] = {}
        for iri in sorted(changed):
            event = self._events.get(iri)
            new: set[str] = set()
            if event is not None:
                summary = summarise(event.members, rules)
                status[iri] = summary["status"]
                new = set(_event_triples(event, summary))
                keys.add(event.key)
            old = set() if iri in gone else self._written.get(iri, set())
            deletes |= old - new
            inserts |= new - old
            self._next_written[iri] = new if event is not None else None
        # state-level links (kg:partOf) that involve a changed event
        links: set[tuple[str, str]] = set()
        if rules.link_levels and live:
            near = self._neighbours(live)  # a link needs a state-level event
            if any(_state_level(e.key, countries) for e in near.values()):
                links = _links(near, [e.iri for e in live], countries, rules)
        old_links = {p for p in stored_links if p[0] in changed or p[1] in changed}
        deletes |= {f"{_iri(a)} <{_KG}partOf> {_iri(b)}" for a, b in old_links - links}
        inserts |= {f"{_iri(a)} <{_KG}partOf> {_iri(b)}" for a, b in links - old_links}
        self._next_links = (stored_links - old_links) | links
        # direct triples: a key holds one while any of its events occurred (the status of
        # an event left unchanged is the one it was summarised with)
        self._status.update(status)
        self._next_direct = set(self._direct)
        known = self._status
        for key in sorted(keys):
            now = any(
                (known.get(e.iri) or merged_status(e.members, rules)) == "occurred"
                for e in self._by_key.get(key, {}).values()
            )
            triples = _direct_triples(*key, rules)[:-2]
            if now and key not in self._direct:
                inserts.add(triples)
                self._next_direct.add(key)
            elif not now and key in self._direct:
                deletes.add(triples)
                self._next_direct.discard(key)
        if deletes:
            body = " .\n".join(sorted(deletes))
            operations.append(f"DELETE DATA {{ GRAPH {_EVENTS} {{\n{body} .\n}} }}")
        if inserts:
            body = " .\n".join(sorted(inserts))
            operations.append(f"INSERT DATA {{ GRAPH {_EVENTS} {{\n{body} .\n}} }}")
        return operations

    def _commit(self) -> None:
        """After a successful update: what is stored is now what was written."""
        if self.rules is None:
            return
        for iri, triples in self._next_written.items():
            self._unknown.discard(iri)
            if triples is None:
                self._written.pop(iri, None)
            else:
                self._written[iri] = triples
        self._links = self._next_links
        self._direct = self._next_direct
