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
