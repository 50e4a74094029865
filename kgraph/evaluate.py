"""Score predicted events against hand-annotated gold, by the rules of the gold README.

The scorer behind ``kgraph evaluate``: :func:`load_gold` reads a gold folder
(``documents.jsonl``, ``entities.jsonl``, ``events.jsonl``), :func:`load_predictions`
a predictions JSONL file, and :func:`score` compares them, returning a :class:`Report`.

Notes
-----
Where the gold README is silent, the scorer decides as follows.

* Names are matched after :func:`normalise_name`: case folded, curly apostrophes
  made straight, whitespace collapsed, a leading "the" dropped. A name that matches
  no entity stays as its normalised self; it can only match a gold key through
  identical unmapped names, which gold never holds, so it counts as a false positive
  (or neutral) like any unmatched key. Gold events may name entities by an alias;
  they are stored under the canonical name.
* Lenient keys replace persons and cities by their ``country`` (itself resolved
  through the entities); countries and organizations stay themselves, even an
  organization with a ``country``. Repeated keys are merged after the mapping, and a
  key whose two actors became the same (``transfer_power(Russia, Russia)``) is kept
  and scored like any other.
* Attributes are judged on each required gold event whose *strict* key was
  predicted; several gold events with one key each pick their own best prediction,
  the one with most attribute matches (the first such, on ties).
* **date** applies when gold has a start or an end. A value stands for its whole
  day, month or year; an interval with one bound uses it for both; bounds given in
  reverse order are read as the span they cover. A missing or unreadable predicted
  date is a miss.
* **place** applies to every judged gold event; gold ``null`` is matched only by a
  predicted ``null`` (or empty) place.
* **status** is compared after stripping and lower-casing.
* **evidence**: the predicted evidence must occur verbatim (nothing normalised) in
  the document text, and one of its occurrences must share at least one character
  position with an occurrence of the gold evidence. When the gold evidence is not
  in the text, or no text is given for the document, the two strings are compared
  instead: one contains the other, or they share a run of at least
  ``min(3, shorter length)`` consecutive word tokens; a note in the report says so.
* **cites** applies only to gold events with a non-empty ``cites``; outlets are
  compared case-insensitively after collapsing whitespace.
* Precision, recall and F1 are 0.0 when their denominator is 0; an attribute that
  applies to no gold event has accuracy ``None`` (printed ``n/a``).
* ``docs`` given to :func:`score` that gold does not annotate are skipped with a
  note, and predictions for documents outside the scored set are ignored (counted
  in a note): an unannotated document cannot be judged.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kgraph.errors import GoldError
from kgraph.model import STATUSES

__all__ = [
    "RELATIONS",
    "SYMMETRIC_RELATIONS",
    "ENTITY_KINDS",
    "ATTRIBUTES",
    "Entity",
    "GoldEvent",
    "Gold",
    "Counts",
    "AttributeScore",
    "Miss",
    "FalsePositive",
    "AttributeMiss",
    "Report",
    "normalise_name",
    "date_interval",
    "load_gold",
    "load_predictions",
    "score",
    "evaluate",
    "ClusterReport",
    "score_clusters",
    "evaluate_clusters",
]

#: The ten relations of the gold format.
RELATIONS = (
    "meet", "visit", "agree", "cooperate", "support",
    "transfer_arms", "criticize", "oppose", "transfer_power", "attack",
)
#: Relations whose two actors are unordered.
SYMMETRIC_RELATIONS = frozenset({"meet", "agree", "cooperate"})
#: The kinds an entity of ``entities.jsonl`` can have.
ENTITY_KINDS = ("person", "country", "organization", "city")
#: The attributes judged on matched gold events, in report order.
ATTRIBUTES = ("date", "place", "status", "evidence", "cites")

_EVENT_FIELDS = ("doc", "relation", "subject", "object", "start", "end", "place",
                 "status", "evidence")
_PREDICTION_FIELDS = ("doc", "relation", "subject", "object")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'"})
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

Key = tuple[str, str, str]


# ---------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Entity:
    """A canonical entity of ``entities.jsonl`` with its spelling variants."""

    name: str
    kind: str
    country: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoldEvent:
    """One annotated event of ``events.jsonl``, names already canonical."""

    doc: str
    relation: str
    subject: str
    object: str
    start: str | None
    end: str | None
    place: str | None
    status: str
    evidence: str
    cites: tuple[str, ...] = ()
    optional: bool = False


class Gold:
    """Gold annotations: documents, entities and events, with name resolution.

    Build it with :func:`load_gold` from a folder or :meth:`from_records` from dicts.
    """

    def __init__(self, documents: Mapping[str, Mapping[str, Any]],
                 entities: Iterable[Entity], events: Iterable[GoldEvent]) -> None:
        self.documents = dict(documents)
        self.entities = {e.name: e for e in entities}
        self.events = list(events)
        self._names: dict[str, str] = {}
        for entity in self.entities.values():
            for variant in (entity.name, *entity.aliases):
                self._names.setdefault(normalise_name(variant), entity.name)

    @classmethod
    def from_records(cls, documents: Iterable[Mapping[str, Any]],
                     entities: Iterable[Mapping[str, Any]],
                     events: Iterable[Mapping[str, Any]]) -> Gold:
        """Build and check gold from the dicts that the three JSONL files hold.

        Raises
        ------
        GoldError
            If a record is malformed; the message names it as ``<kind> record N``.

        Examples
        --------
        >>> gold = Gold.from_records(
        ...     [{"doc": "d1"}],
        ...     [{"name": "Russia", "kind": "country", "aliases": ["Russian Federation"]}],
        ...     [])
        >>> gold.resolve("the russian  federation")
        'Russia'
        """
        return _build_gold(
            [(f"document record {i}", r) for i, r in enumerate(documents, 1)],
            [(f"entity record {i}", r) for i, r in enumerate(entities, 1)],
            [(f"event record {i}", r) for i, r in enumerate(events, 1)],
        )

    def __repr__(self) -> str:
        return (f"<Gold: {len(self.documents)} documents, {len(self.entities)} entities, "
                f"{len(self.events)} events>")

    def canonical(self, name: str) -> str | None:
        """Return the canonical entity name for ``name``, or ``None`` if none matches."""
        return self._names.get(normalise_name(name))

    def resolve(self, name: str) -> str:
        """Return the canonical name for ``name``, or its normalised self if unknown."""
        return self.canonical(name) or normalise_name(name)

    def country_of(self, name: str) -> str:
        """Return the lenient actor for a resolved name: a person's or city's country."""
        entity = self.entities.get(name)
        if entity is not None and entity.kind in ("person", "city") and entity.country:
            return self.resolve(entity.country)
        return name


def normalise_name(name: str) -> str:
    """Return ``name`` as compared with entity names and aliases.

    Examples
    --------
    >>> normalise_name("  The  Kremlin\u2019s ")
    "kremlin's"
    """
    text = " ".join(name.translate(_APOSTROPHES).split()).casefold()
    return text[4:] if text.startswith("the ") else text


def _date_span(value: str) -> tuple[date, date]:
    match = _DATE.fullmatch(value.strip())
    if not match:
        raise ValueError(f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(match[1]), match[2], match[3]
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    if day is None:
        last = calendar.monthrange(year, int(month))[1] if 1 <= int(month) <= 12 else 0
        return date(year, int(month), 1), date(year, int(month), last)
    one = date(year, int(month), int(day))
    return one, one


def date_interval(start: str | None, end: str | None) -> tuple[date, date] | None:
    """Return the days a ``[start, end]`` pair covers, or ``None`` if both are empty.

    A year or month stands for its whole span; one bound alone serves for both.

    Raises
    ------
    ValueError
        If a value is not ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    Examples
    --------
    >>> date_interval("2000-02", None)
    (datetime.date(2000, 2, 1), datetime.date(2000, 2, 29))
    >>> date_interval("1999", "2000-01-05")
    (datetime.date(1999, 1, 1), datetime.date(2000, 1, 5))
    """
    spans = [_date_span(v) for v in (start, end) if v]
    if not spans:
        return None
    return min(s[0] for s in spans), max(s[1] for s in spans)


# ---------------------------------------------------------------------------- loading


def _fail(where: str, what: str, todo: str) -> GoldError:
    return GoldError(f"{where}: {what}; {todo}")


def _read_jsonl(path: Path) -> list[tuple[str, Any]]:
    if not path.is_file():
        raise _fail(str(path), "file not found",
                    "give a file of JSON objects, one per line")
    rows = []
    with path.open(encoding="utf-8", errors="surrogateescape") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            if any("\udc80" <= c <= "\udcff" for c in line):
                raise _fail(where, "not UTF-8 text", "write the file as UTF-8 JSON Lines")
            try:
                rows.append((where, json.loads(line)))
            except json.JSONDecodeError as error:
                raise _fail(where, f"not valid JSON ({error.msg})",
                            "write one JSON object per line") from None
            except RecursionError:
                raise _fail(where, "JSON nested too deeply",
                            "write one flat JSON object per line") from None
    return rows


def _require(where: str, record: Any, fields: Iterable[str]) -> None:
    if not isinstance(record, dict):
        raise _fail(where, "not a JSON object", "write one JSON object per line")
    missing = [f for f in fields if f not in record]
    if missing:
        raise _fail(where, f"missing field {', '.join(map(repr, missing))}",
                    "add it (null where the format allows)")


def _text(where: str, record: dict, name: str, *, null: bool = False) -> str | None:
    value = record.get(name)
    if value is None and null:
        return None
    if not isinstance(value, str) or not value.strip():
        allowed = "a non-empty string or null" if null else "a non-empty string"
        raise _fail(where, f"field {name!r} is {value!r}", f"make it {allowed}")
    return value


def _strings(where: str, record: dict, name: str) -> tuple[str, ...]:
    value = record.get(name) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(where, f"field {name!r} is {value!r}", "make it a list of strings")
    return tuple(value)


def _build_gold(documents: list[tuple[str, Any]], entities: list[tuple[str, Any]],
                events: list[tuple[str, Any]]) -> Gold:
    docs: dict[str, dict] = {}
    for where, record in documents:
        _require(where, record, ["doc"])
        doc = _text(where, record, "doc")
        if doc in docs:
            raise _fail(where, f"document {doc!r} listed twice", "keep one line per document")
        docs[doc] = record
    ents: list[Entity] = []
    claimed: dict[str, str] = {}
    for where, record in entities:
        _require(where, record, ["name", "kind"])
        name = _text(where, record, "name")
        kind = record["kind"]
        if kind not in ENTITY_KINDS:
            raise _fail(where, f"unknown kind {kind!r}", f"use one of {', '.join(ENTITY_KINDS)}")
        country = _text(where, record, "country", null=kind not in ("person", "city"))
        entity = Entity(name, kind, country, _strings(where, record, "aliases"))
        for variant in (name, *entity.aliases):
            owner = claimed.setdefault(normalise_name(variant), name)
            if owner != name:
                raise _fail(where, f"name {variant!r} also names {owner!r}",
                            "give each name or alias to one entity only")
        ents.append(entity)
    gold = Gold(docs, ents, [])

    def entity(where: str, record: dict, name: str, *, null: bool = False) -> str | None:
        value = _text(where, record, name, null=null)
        if value is None:
            return None
        canonical = gold.canonical(value)
        if canonical is None:
            raise _fail(where, f"{name} {value!r} is not in entities.jsonl",
                        "add the entity or fix the name")
        return canonical

    for where, record in events:
        _require(where, record, _EVENT_FIELDS)
        doc = _text(where, record, "doc")
        if doc not in docs:
            raise _fail(where, f"document {doc!r} is not in documents.jsonl",
                        "add it there or fix the id")
        relation = record["relation"]
        if relation not in RELATIONS:
            raise _fail(where, f"unknown relation {relation!r}",
                        f"use one of {', '.join(RELATIONS)}")
        if record["status"] not in STATUSES:
            raise _fail(where, f"unknown status {record['status']!r}",
                        f"use one of {', '.join(STATUSES)}")
        for bound in ("start", "end"):
            value = _text(where, record, bound, null=True)
            try:
                date_interval(value, None)
            except ValueError as error:
                raise _fail(where, f"field {bound!r}: {error}",
                            "write an ISO date or null") from None
        if not isinstance(record.get("optional", False), bool):
            raise _fail(where, f"field 'optional' is {record['optional']!r}",
                        "make it true or false")
        gold.events.append(GoldEvent(
            doc=doc, relation=relation, subject=entity(where, record, "subject"),
            object=entity(where, record, "object"), start=record["start"],
            end=record["end"], place=entity(where, record, "place", null=True),
            status=record["status"], evidence=_text(where, record, "evidence"),
            cites=_strings(where, record, "cites"),
            optional=bool(record.get("optional", False)),
        ))
    return gold


def load_gold(directory: str | Path) -> Gold:
    """Read a gold folder holding ``documents.jsonl``, ``entities.jsonl``, ``events.jsonl``.

    Parameters
    ----------
    directory
        The folder, e.g. ``../shared/gold``.

    Returns
    -------
    Gold
        Documents by id, entities by canonical name, and the events.

    Raises
    ------
    GoldError
        If the folder or a file is missing, or a line is malformed (bad JSON, a
        missing field, an unknown relation, status or entity); the message gives
        ``path:line``, what is wrong and what to do.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "documents.jsonl").write_text('{"doc": "d1"}\\n')
    >>> _ = (folder / "entities.jsonl").write_text('{"name": "Russia", "kind": "country"}\\n')
    >>> _ = (folder / "events.jsonl").write_text('{"doc": "d1", "relation": "meets"}\\n')
    >>> load_gold(folder)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kgraph.errors.GoldError: ...events.jsonl:1: missing field 'subject', ...
    """
    folder = Path(directory)
    if not folder.is_dir():
        raise _fail(str(folder), "gold folder not found", "give the folder holding "
                    "documents.jsonl, entities.jsonl and events.jsonl")
    return _build_gold(*(_read_jsonl(folder / f"{name}.jsonl")
                         for name in ("documents", "entities", "events")))


def _check_prediction(where: str, record: Any) -> None:
    _require(where, record, _PREDICTION_FIELDS)
    for name in _PREDICTION_FIELDS:
        _text(where, record, name)


def load_predictions(path: str | Path) -> list[dict]:
    """Read predicted events, one JSON object per line (the output of ``kgraph extract``).

    Raises
    ------
    GoldError
        If the file is missing, a line is not a JSON object, lacks ``doc``,
        ``relation``, ``subject`` or ``object``, or names an unknown relation.

    Examples
    --------
    >>> import tempfile
    >>> file = Path(tempfile.mkdtemp()) / "events.jsonl"
    >>> _ = file.write_text('{"doc": "d1", "relation": "meet", '
    ...                     '"subject": "Putin", "object": "Jiang"}\\n')
    >>> load_predictions(file)[0]["object"]
    'Jiang'
    """
    rows = _read_jsonl(Path(path))
    for where, record in rows:
        _check_prediction(where, record)
        if record["relation"] not in RELATIONS:
            raise _fail(where, f"unknown relation {record['relation']!r}",
                        f"use one of {', '.join(RELATIONS)}")
    return [record for _, record in rows]


# ---------------------------------------------------------------------------- report


@dataclass
class Counts:
    """True positives, false positives, false negatives and neutral keys, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    neutral: int = 0

    @property
    def precision(self) -> float:
        """Share of non-neutral predicted keys that are true positives."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Share of required gold keys that were predicted."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        """Add ``other``'s counts to these."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.neutral += other.neutral

    def to_dict(self) -> dict[str, float]:
        """Return counts and figures as a JSON-ready dict."""
        return {**asdict(self), "precision": self.precision, "recall": self.recall,
                "f1": self.f1}


@dataclass
class AttributeScore:
    """How many judged gold events an attribute applies to, and how many matched."""

    matched: int = 0
    applicable: int = 0

    @property
    def accuracy(self) -> float | None:
        """``matched / applicable``, or ``None`` when it applies to no event."""
        return self.matched / self.applicable if self.applicable else None

    def to_dict(self) -> dict[str, Any]:
        """Return counts and accuracy as a JSON-ready dict."""
        return {**asdict(self), "accuracy": self.accuracy}


@dataclass(frozen=True)
class Miss:
    """A required gold key that no prediction had (a false negative)."""

    doc: str
    relation: str
    subject: str
    object: str
    evidence: str


@dataclass(frozen=True)
class FalsePositive:
    """A predicted key that no gold event has, with the first predicted evidence."""

    doc: str
    relation: str
    subject: str
    object: str
    evidence: str | None


@dataclass(frozen=True)
class AttributeMiss:
    """An attribute of a matched gold event that its best prediction got wrong."""

    doc: str
    relation: str
    subject: str
    object: str
    attribute: str
    gold: Any
    predicted: Any


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _clip(text: str | None, width: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"


@dataclass
class Report:
    """The outcome of :func:`score`: key counts, attribute accuracies and the errors."""

    documents: list[str] = field(default_factory=list)
    strict: Counts = field(default_factory=Counts)
    lenient: Counts = field(default_factory=Counts)
    relations: dict[str, Counts] = field(default_factory=dict)
    attributes: dict[str, AttributeScore] = field(
        default_factory=lambda: {name: AttributeScore() for name in ATTRIBUTES})
    misses: list[Miss] = field(default_factory=list)
    false_positives: list[FalsePositive] = field(default_factory=list)
    attribute_misses: list[AttributeMiss] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the whole report as a JSON-ready dict."""
        return {
            "documents": list(self.documents),
            "strict": self.strict.to_dict(),
            "lenient": self.lenient.to_dict(),
            "relations": {k: v.to_dict() for k, v in self.relations.items()},
            "attributes": {k: v.to_dict() for k, v in self.attributes.items()},
            "misses": [asdict(m) for m in self.misses],
            "false_positives": [asdict(f) for f in self.false_positives],
            "attribute_misses": [asdict(a) for a in self.attribute_misses],
            "notes": list(self.notes),
        }

    def summary(self) -> str:
        """Return the one-line summary that closes :meth:`format_text`."""
        s, le = self.strict, self.lenient
        attrs = " ".join(f"{k} {_fmt(v.accuracy)}" for k, v in self.attributes.items())
        return (f"strict P={s.precision:.2f} R={s.recall:.2f} F1={s.f1:.2f} | lenient "
                f"P={le.precision:.2f} R={le.recall:.2f} F1={le.f1:.2f} | {attrs}")

    def format_text(self) -> str:
        """Return a readable report; its last line is the compact :meth:`summary`."""
        lines = [f"{len(self.documents)} document(s) scored"]
        for label, c in (("strict", self.strict), ("lenient", self.lenient)):
            lines.append(f"{label:8} P={c.precision:.2f} R={c.recall:.2f} F1={c.f1:.2f}"
                         f"  (tp {c.tp}, fp {c.fp}, fn {c.fn}, neutral {c.neutral})")
        lines += ["", "per relation (strict)",
                  f"  {'relation':15}{'tp':>4}{'fp':>4}{'fn':>4}{'neu':>5}"
                  f"{'P':>7}{'R':>6}{'F1':>6}"]
        for name, c in self.relations.items():
            lines.append(f"  {name:15}{c.tp:4}{c.fp:4}{c.fn:4}{c.neutral:5}"
                         f"{c.precision:7.2f}{c.recall:6.2f}{c.f1:6.2f}")
        lines += ["", "attributes (required gold events whose key was predicted)"]
        for name, a in self.attributes.items():
            lines.append(f"  {name:9}{_fmt(a.accuracy):>5}  ({a.matched}/{a.applicable})")
        for m in self.attribute_misses:
            lines.append(f"  - {m.doc} {m.relation}({m.subject}, {m.object}) {m.attribute}:"
                         f" gold {_clip(str(m.gold), 60)} | predicted "
                         f"{_clip(str(m.predicted), 60)}")
        lines += ["", f"misses ({len(self.misses)})"]
        lines += [f"  {m.doc} {m.relation}({m.subject}, {m.object})  \"{_clip(m.evidence)}\""
                  for m in self.misses]
        lines += ["", f"false positives ({len(self.false_positives)})"]
        lines += [f"  {f.doc} {f.relation}({f.subject}, {f.object})  \"{_clip(f.evidence)}\""
                  for f in self.false_positives]
        if self.notes:
            lines += ["", "notes"] + [f"  {n}" for n in self.notes]
        s = self.strict
        lines += ["", f"documents {len(self.documents)} | tp {s.tp} fp {s.fp} fn {s.fn} "
                  f"neutral {s.neutral} (strict)", self.summary()]
        return "\n".join(lines)


# ---------------------------------------------------------------------------- scoring


def _key(relation: str, subject: str, obj: str) -> Key:
    if relation in SYMMETRIC_RELATIONS and obj < subject:
        subject, obj = obj, subject
    return relation, subject, obj


def _count(predicted: Iterable[Key], required: set[Key], optional: set[Key]) -> Counts:
    predicted = set(predicted)
    counts = Counts(fn=len(required - predicted))
    for key in predicted:
        if key in required:
            counts.tp += 1
        elif key in optional:
            counts.neutral += 1
        else:
            counts.fp += 1
    return counts


def _spans(needle: str, text: str) -> list[tuple[int, int]]:
    found, at = [], text.find(needle)
    while needle and at >= 0:
        found.append((at, at + len(needle)))
        at = text.find(needle, at + 1)
    return found


def _strings_overlap(a: str, b: str) -> bool:
    if a in b or b in a:
        return True
    ta, tb = re.findall(r"\w+", a), re.findall(r"\w+", b)
    n = min(3, len(ta), len(tb))
    if n == 0:
        return False
    runs = {tuple(ta[i:i + n]) for i in range(len(ta) - n + 1)}
    return any(tuple(tb[i:i + n]) in runs for i in range(len(tb) - n + 1))


def _cites(value: Any) -> set[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        return set()
    return {" ".join(v.split()).casefold() for v in value if isinstance(v, str)}


def _predicted_interval(p: dict) -> tuple[date, date] | None:
    try:
        return date_interval(p.get("start"), p.get("end"))
    except (ValueError, TypeError, AttributeError):  # not a date string: a miss
        return None


def _judge(g: GoldEvent, p: dict, gold: Gold, text: str | None,
           gold_spans: list[tuple[int, int]]) -> dict[str, bool | None]:
    """Return, per attribute, whether ``p`` matches ``g`` (``None``: not applicable)."""
    judged: dict[str, bool | None] = dict.fromkeys(ATTRIBUTES)
    gold_dates = date_interval(g.start, g.end)
    if gold_dates is not None:
        pred = _predicted_interval(p)
        judged["date"] = pred is not None and pred[0] <= gold_dates[1] \
            and gold_dates[0] <= pred[1]
    place = p.get("place")
    place = gold.resolve(place) if isinstance(place, str) and place.strip() else None
    judged["place"] = place == g.place
    status = p.get("status")
    judged["status"] = isinstance(status, str) and status.strip().lower() == g.status
    evidence = p.get("evidence")
    if not isinstance(evidence, str) or not evidence:
        judged["evidence"] = False
    elif text is None or not gold_spans:
        judged["evidence"] = (text is None or evidence in text) \
            and _strings_overlap(evidence, g.evidence)
    else:
        judged["evidence"] = any(a < gb and ga < b for a, b in _spans(evidence, text)
                                 for ga, gb in gold_spans)
    if g.cites:
        judged["cites"] = bool(_cites(g.cites) & _cites(p.get("cites")))
    return judged


def _gold_value(g: GoldEvent, attribute: str) -> Any:
    return [g.start, g.end] if attribute == "date" else getattr(g, attribute)


def _predicted_value(p: dict, attribute: str) -> Any:
    return [p.get("start"), p.get("end")] if attribute == "date" else p.get(attribute)


def score(gold: Gold, predictions: Iterable[dict], *, docs: Iterable[str] | None = None,
          texts: Mapping[str, str] | None = None) -> Report:
    """Score predicted events against gold, by key and by attribute.

    Parameters
    ----------
    gold
        Gold annotations, from :func:`load_gold`.
    predictions
        Dicts with at least ``doc``, ``relation``, ``subject``, ``object``; ``start``,
        ``end``, ``place``, ``status``, ``evidence`` and ``cites`` are judged when
        given; other keys are ignored.
    docs
        Document ids to score (default: every document of the gold).
    texts
        Full text by document id, to check that evidence is verbatim and locate it;
        without a document's text, evidence is judged by comparing strings.

    Returns
    -------
    Report
        Strict and lenient counts, per-relation counts, attribute accuracies,
        misses, false positives and notes.

    Raises
    ------
    GoldError
        If a prediction lacks ``doc``, ``relation``, ``subject`` or ``object``.

    Examples
    --------
    >>> gold = Gold.from_records(
    ...     [{"doc": "d1"}],
    ...     [{"name": "Russia", "kind": "country"}, {"name": "China", "kind": "country"},
    ...      {"name": "Vladimir Putin", "kind": "person", "country": "Russia",
    ...       "aliases": ["Putin"]}],
    ...     [{"doc": "d1", "relation": "meet", "subject": "Vladimir Putin",
    ...       "object": "China", "start": "2000-07", "end": None, "place": None,
    ...       "status": "occurred", "evidence": "Putin met the Chinese"}])
    >>> report = score(gold, [{"doc": "d1", "relation": "meet", "subject": "china",
    ...                        "object": "Putin", "start": "2000", "status": "occurred",
    ...                        "evidence": "Putin met"}])
    >>> report.strict.f1, report.attributes["date"].accuracy
    (1.0, 1.0)
    >>> report.format_text().splitlines()[-1]
    'strict P=1.00 R=1.00 F1=1.00 | lenient P=1.00 R=1.00 F1=1.00 | date 1.00 place 1.00 \
status 1.00 evidence 1.00 cites n/a'
    """
    report = Report()
    wanted = list(dict.fromkeys(docs if docs is not None else gold.documents))
    for doc in wanted:
        if doc in gold.documents:
            report.documents.append(doc)
        else:
            report.notes.append(f"document {doc!r} has no gold annotations: skipped")
    scope = set(report.documents)
    by_doc: dict[str, list[dict]] = {doc: [] for doc in report.documents}
    ignored = 0
    for number, p in enumerate(predictions, 1):
        _check_prediction(f"prediction {number}", p)
        if p["doc"] in scope:
            by_doc[p["doc"]].append(p)
        else:
            ignored += 1
    if ignored:
        report.notes.append(f"{ignored} prediction(s) for documents outside the scored "
                            "set were ignored")
    relations: dict[str, Counts] = {}
    for doc in report.documents:
        _score_document(gold, doc, by_doc[doc], texts, report, relations)
    order = {r: i for i, r in enumerate(RELATIONS)}
    report.relations = dict(sorted(relations.items(),
                                   key=lambda kv: (order.get(kv[0], len(order)), kv[0])))
    return report


def _score_document(gold: Gold, doc: str, predictions: list[dict],
                    texts: Mapping[str, str] | None, report: Report,
                    relations: dict[str, Counts]) -> None:
    events = [g for g in gold.events if g.doc == doc]
    required = {_key(g.relation, g.subject, g.object) for g in events if not g.optional}
    optional = {_key(g.relation, g.subject, g.object) for g in events if g.optional}
    predicted: dict[Key, list[dict]] = {}
    shown: dict[Key, tuple[str, str]] = {}  # actors in the order first predicted
    for p in predictions:
        actors = gold.resolve(p["subject"]), gold.resolve(p["object"])
        key = _key(p["relation"].strip(), *actors)
        predicted.setdefault(key, []).append(p)
        shown.setdefault(key, actors)

    report.strict.add(_count(predicted, required, optional))
    for relation in {k[0] for k in (*required, *optional, *predicted)}:
        relations.setdefault(relation, Counts()).add(_count(
            (k for k in predicted if k[0] == relation),
            {k for k in required if k[0] == relation},
            {k for k in optional if k[0] == relation}))

    def lenient(keys: Iterable[Key]) -> set[Key]:
        return {_key(r, gold.country_of(s), gold.country_of(o)) for r, s, o in keys}

    report.lenient.add(_count(lenient(predicted), lenient(required), lenient(optional)))

    for key in sorted(required - set(predicted)):
        first = next(g for g in events
                     if not g.optional and _key(g.relation, g.subject, g.object) == key)
        report.misses.append(Miss(doc, first.relation, first.subject, first.object,
                                  first.evidence))
    for key in sorted(set(predicted) - required - optional):
        evidence = next((p.get("evidence") for p in predicted[key] if p.get("evidence")), None)
        report.false_positives.append(FalsePositive(doc, key[0], *shown[key], evidence))

    text = texts.get(doc) if texts is not None else None
    if text is None and any(not g.optional for g in events):
        report.notes.append(f"no text for {doc!r}: evidence judged by comparing strings")
    for g in events:
        key = _key(g.relation, g.subject, g.object)
        if g.optional or key not in predicted:
            continue
        spans = _spans(g.evidence, text) if text is not None else []
        if text is not None and not spans:
            report.notes.append(f"gold evidence not found verbatim in {doc!r}: "
                                f"\"{_clip(g.evidence, 60)}\"; judged by comparing strings")
        candidates = [(p, _judge(g, p, gold, text, spans)) for p in predicted[key]]
        best, judged = max(candidates, key=lambda c: sum(bool(v) for v in c[1].values()))
        for attribute, ok in judged.items():
            if ok is None:
                continue
            tally = report.attributes[attribute]
            tally.applicable += 1
            tally.matched += ok
            if not ok:
                report.attribute_misses.append(AttributeMiss(
                    doc, g.relation, g.subject, g.object, attribute, _gold_value(g, attribute),
                    _predicted_value(best, attribute)))


def evaluate(
    gold: str | Path,
    paths: Iterable[str | Path] = (),
    *,
    predictions: str | Path | None = None,
    extractor=None,
    on_problem=None,
) -> Report:
    """Score extraction against a gold folder: extract ``paths`` (or read ``predictions``).

    Parameters
    ----------
    gold : str or Path
        A folder with documents.jsonl, entities.jsonl and events.jsonl.
    paths : iterable of str or Path
        Documents to extract (files or folders of ``.txt``); their texts are used to
        check evidence offsets.
    predictions : str or Path, optional
        A JSONL file of events (the ``kgraph extract`` format) to score instead.

    Raises
    ------
    GoldError
        When the gold folder or the predictions are malformed.
    """
    from .extract import Extractor

    gold_data = load_gold(gold)
    texts: dict[str, str] = {}
    predicted: list[dict] = []
    paths = list(paths)
    if paths:
        extractor = extractor or Extractor()
        for document in extractor.read(paths, on_problem=on_problem):
            texts[document.id] = document.text
            if predictions is None:
                predicted.extend(e.to_dict() for e in extractor.events(document))
    if predictions is not None:
        predicted = load_predictions(predictions)
    docs = list(texts) if texts else None
    return score(gold_data, predicted, docs=docs, texts=texts or None)


# ---------------------------------------------------------------------------- clusters


@dataclass
class ClusterReport:
    """How well mentions were merged into events, judged on the gold ``cluster`` field.

    Only gold mentions that a predicted mention matches (same document, relation and
    actors; one to one, the closest dates and place first) are judged. B-cubed and
    pairwise precision say how often merged mentions belong together; recall how often
    mentions that belong together were merged. A gold cluster with two or more matched
    mentions is *split* (a duplicate) when they ended up in more than one event.
    """

    source: str = "extracted"
    mentions: int = 0
    matched: int = 0
    events: int = 0
    clusters: int = 0
    multi: int = 0
    split: list[tuple[str, int]] = field(default_factory=list)
    merged: list[tuple[str, list[str]]] = field(default_factory=list)
    bcubed: tuple[float, float] = (0.0, 0.0)
    pairwise: tuple[float | None, float | None] = (None, None)

    @property
    def duplicate_rate(self) -> float | None:
        """Share of multi-mention gold clusters split over more than one event node."""
        return len(self.split) / self.multi if self.multi else None

    def to_dict(self) -> dict[str, Any]:
        """Return the report as a JSON-ready dict."""
        return {**asdict(self), "duplicate_rate": self.duplicate_rate}

    def summary(self) -> str:
        """One line: B-cubed and pairwise precision/recall, duplicate rate."""
        (bp, br), (pp, pr) = self.bcubed, self.pairwise
        return (f"clusters ({self.source}) B-cubed P={bp:.2f} R={br:.2f} | pairwise "
                f"P={_fmt(pp)} R={_fmt(pr)} | duplicates {len(self.split)}/{self.multi} "
                f"({_fmt(self.duplicate_rate)})")

    def format_text(self) -> str:
        """A readable report; its last line is :meth:`summary`."""
        lines = [
            f"mentions from {self.source}: {self.matched} of {self.mentions} gold mentions "
            f"matched, in {self.clusters} gold clusters and {self.events} event nodes",
            f"gold clusters with 2+ matched mentions: {self.multi}, split: {len(self.split)}",
        ]
        lines += [f"  split  {c} -> {n} events" for c, n in self.split]
        lines += [f"  merged {e} <- {', '.join(cs)}" for e, cs in self.merged]
        lines.append(self.summary())
        return "\n".join(lines)


def _closeness(g: dict, p: dict) -> int:
    """How alike a gold and a predicted mention of one key are: dates, place, status."""
    gold_dates = _predicted_interval(g)
    pred = _predicted_interval(p)
    overlap = int(gold_dates is not None and pred is not None
                  and pred[0] <= gold_dates[1] and gold_dates[0] <= pred[1])
    same = int(gold_dates is not None and gold_dates == pred)
    place = int(normalise_name(g.get("place") or "") == normalise_name(p.get("place") or ""))
    status = int(str(g.get("status") or "") == str(p.get("status") or "").rsplit("#", 1)[-1])
    return 2 * overlap + 2 * same + place + status


def score_clusters(gold: Gold, clusters: list[dict], predicted: Iterable[dict], *,
                   source: str = "extracted") -> ClusterReport:
    """Score predicted events (clusters of mentions) against gold clusters.

    Parameters
    ----------
    gold
        Gold annotations (for name resolution).
    clusters
        Gold mentions: dicts with ``doc``, ``relation``, ``subject``, ``object``,
        ``start``, ``end``, ``place`` and ``cluster``.
    predicted
        Predicted mentions: the same keys with ``event`` (the event node) for ``cluster``.

    Examples
    --------
    >>> gold = Gold.from_records([{"doc": "d1"}, {"doc": "d2"}], [], [])
    >>> g = [{"doc": d, "relation": "meet", "subject": "a", "object": "b", "cluster": c}
    ...      for d, c in (("d1", "x"), ("d2", "x"))]
    >>> p = [{"doc": d, "relation": "meet", "subject": "b", "object": "a", "event": e}
    ...      for d, e in (("d1", "e1"), ("d2", "e2"))]
    >>> report = score_clusters(gold, g, p)
    >>> report.bcubed, report.duplicate_rate
    ((1.0, 0.5), 1.0)
    """
    report = ClusterReport(source=source, mentions=len(clusters))
    pool: dict[tuple, list[dict]] = {}
    for p in predicted:
        key = (p["doc"], *_key(p["relation"], gold.resolve(p["subject"]),
                               gold.resolve(p["object"])))
        pool.setdefault(key, []).append(p)
    by_key: dict[tuple, list[dict]] = {}
    for g in clusters:
        key = (g["doc"], *_key(g["relation"], gold.resolve(g["subject"]),
                               gold.resolve(g["object"])))
        by_key.setdefault(key, []).append(g)
    pairs: list[tuple[str, str]] = []  # (gold cluster, predicted event)
    for key, golds in by_key.items():
        options = pool.get(key, [])
        ranked = sorted(
            ((i, j) for i in range(len(golds)) for j in range(len(options))),
            key=lambda ij: (-_closeness(golds[ij[0]], options[ij[1]]), ij),
        )
        used_g, used_p = set(), set()
        for i, j in ranked:
            if i not in used_g and j not in used_p:
                used_g.add(i)
                used_p.add(j)
                pairs.append((golds[i]["cluster"], options[j]["event"]))
    report.matched = len(pairs)
    if not pairs:
        return report
    gold_size: dict[str, int] = {}
    pred_size: dict[str, int] = {}
    both: dict[tuple[str, str], int] = {}
    for c, e in pairs:
        gold_size[c] = gold_size.get(c, 0) + 1
        pred_size[e] = pred_size.get(e, 0) + 1
        both[(c, e)] = both.get((c, e), 0) + 1
    report.events, report.clusters = len(pred_size), len(gold_size)
    precision = sum(both[(c, e)] / pred_size[e] for c, e in pairs) / len(pairs)
    recall = sum(both[(c, e)] / gold_size[c] for c, e in pairs) / len(pairs)
    report.bcubed = (precision, recall)
    same_both = sum(n * (n - 1) // 2 for n in both.values())
    same_pred = sum(n * (n - 1) // 2 for n in pred_size.values())
    same_gold = sum(n * (n - 1) // 2 for n in gold_size.values())
    report.pairwise = (same_both / same_pred if same_pred else None,
                       same_both / same_gold if same_gold else None)
    events_of: dict[str, set[str]] = {}
    clusters_of: dict[str, set[str]] = {}
    for c, e in pairs:
        events_of.setdefault(c, set()).add(e)
        clusters_of.setdefault(e, set()).add(c)
    report.multi = sum(1 for n in gold_size.values() if n > 1)
    report.split = sorted((c, len(es)) for c, es in events_of.items()
                          if gold_size[c] > 1 and len(es) > 1)
    report.merged = sorted((e.rsplit("/", 1)[-1], sorted(cs))
                           for e, cs in clusters_of.items() if len(cs) > 1)
    return report


def _gold_clusters(folder: Path) -> list[dict]:
    rows = _read_jsonl(folder / "events.jsonl")
    out = []
    for where, record in rows:
        if not isinstance(record.get("cluster"), str) or not record["cluster"]:
            raise _fail(where, "no cluster field", "give every event line a \"cluster\" string "
                        "(tests/data/identity/README.md)")
        out.append(record)
    return out


def evaluate_clusters(
    gold: str | Path,
    paths: Iterable[str | Path],
    *,
    gold_mentions: bool = False,
    extractor=None,
    on_problem=None,
) -> ClusterReport:
    """Build an in-memory store from ``paths`` and score its events against gold clusters.

    Parameters
    ----------
    gold : str or Path
        A gold folder whose events.jsonl lines carry a ``cluster`` field.
    paths : iterable of str or Path
        The documents.
    gold_mentions : bool
        Merge the gold events themselves instead of extracted ones, so that the merging
        is judged apart from extraction (document dates come from documents.jsonl).

    Raises
    ------
    GoldError
        When the gold folder is malformed or an event line has no ``cluster``.
    """
    from .graph import KnowledgeGraph

    folder = Path(gold)
    gold_data = load_gold(folder)
    clusters = _gold_clusters(folder)
    kg = KnowledgeGraph.open(":memory:")
    try:
        if gold_mentions:
            _store_gold(kg, gold_data, clusters, paths, on_problem)
        else:
            if extractor is not None:
                kg._extractor = extractor
            kg.build(paths, on_problem=on_problem)
        rows = kg.store.query(_PREDICTED_EVENTS)
        docs = {str(r["id"]) for r in kg.store.query(
            "SELECT ?id WHERE { ?d a kg:Document ; dcterms:identifier ?id }")}
    finally:
        kg.close()
    predicted = [{k: (None if v is None else str(v)) for k, v in row.items()} for row in rows]
    scored = [c for c in clusters if c["doc"] in docs]
    return score_clusters(gold_data, scored, predicted,
                          source="gold mentions" if gold_mentions else "extracted")


_PREDICTED_EVENTS = """PREFIX kg: <https://w3id.org/kgraph/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?event ?doc ?relation ?subject ?object ?start ?end ?place ?status WHERE {
  GRAPH <https://w3id.org/kgraph/graph/events> { ?event a kg:Event ; kg:mention ?m }
  GRAPH ?g { ?m a kg:Mention ; kg:relation ?relation ; kg:subjectText ?subject ;
                kg:objectText ?object ; kg:status ?status ; prov:wasDerivedFrom ?d .
             ?d dcterms:identifier ?doc .
             OPTIONAL { ?m kg:start ?start ; kg:end ?end } OPTIONAL { ?m kg:placeText ?place } }
}"""


def _store_gold(kg, gold: Gold, clusters: list[dict], paths, on_problem) -> None:
    """Store the gold events of the documents at ``paths`` as mentions and merge them."""
    from dataclasses import replace

    from .errors import KGraphError
    from .extract import Problem
    from .identity import IdentityRules, merge_document
    from .model import Event
    from .rdf import Run, actor_iri_for_name, actor_quads, document_quads, graph_iri
    from .reader import iter_paths, read_document
    from .vocab import ACTORS_GRAPH

    kb = kg.kb
    kg.store.replace_graph(ACTORS_GRAPH, actor_quads(kb))
    rules = IdentityRules.load()
    run = Run("gold")

    def actor(name: str) -> str:
        found = [e for e in kb.lookup(name) if e.kind != "city"] or kb.lookup(name)
        return found[0].iri if found else actor_iri_for_name(name)

    for path in iter_paths(paths):
        try:
            document = read_document(path, kb=kb)
        except KGraphError as exc:
            if on_problem is not None:
                on_problem(Problem(str(path), str(exc)))
            continue
        stated = gold.documents.get(document.id, {}).get("date")
        if stated:
            document = replace(document, date=date.fromisoformat(stated))
        events = []
        for c in clusters:
            if c["doc"] != document.id:
                continue
            at = max(document.text.find(c["evidence"]), 0)
            place = c.get("place")
            cities = kb.lookup(place, kind="city") if place else []
            events.append(Event(
                doc=document.id, doc_date=stated, relation=c["relation"],
                subject=c["subject"], object=c["object"], subject_iri=actor(c["subject"]),
                object_iri=actor(c["object"]), start=c.get("start"), end=c.get("end"),
                place=place, place_iri=cities[0].iri if cities else None,
                status=c["status"], evidence=c["evidence"], char_start=at,
                char_end=at + len(c["evidence"]) if c["evidence"] in document.text else at,
                cites=list(c.get("cites") or ())))
        kg.store.replace_graph(graph_iri(document.id), document_quads(document, events, run=run))
        merge_document(kg.store, document.id, rules=rules)
