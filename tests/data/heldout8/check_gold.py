"""Mechanical checks of the heldout8 gold annotations (format, names, offsets, dates).

Run from the repository root:  python tests/data/heldout8/check_gold.py
It reads only this set, ontology/sources.yaml (outlet and publication names) and
ontology/actors.yaml (canonical spellings); it never runs the extractor.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
RELATIONS = {
    "meet",
    "visit",
    "agree",
    "cooperate",
    "support",
    "transfer_arms",
    "criticize",
    "oppose",
    "transfer_power",
    "attack",
}
SYMMETRIC = {"meet", "agree", "cooperate"}
STATUSES = {"occurred", "planned", "negated"}
KINDS = {"person", "country", "organization", "city"}
EVENT_KEYS = {
    "doc",
    "relation",
    "subject",
    "object",
    "start",
    "end",
    "place",
    "status",
    "evidence",
    "cites",
    "optional",
    "note",
}
HEADER = re.compile(r"^Publication: (.+) Volume: (\d+) Issue: (\d+)$")


def load_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def span(value: str | None, end: bool) -> dt.date | None:
    """A date, a month or a year as the first (or last) day it stands for."""
    if value is None:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        year, month = map(int, value.split("-"))
        first = dt.date(year, month, 1)
        if not end:
            return first
        nxt = dt.date(year + month // 12, month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    if re.fullmatch(r"\d{4}", value):
        return dt.date(int(value), 12, 31) if end else dt.date(int(value), 1, 1)
    raise ValueError(f"bad date {value!r}")


def outlet_names() -> tuple[dict[str, str], dict[str, int]]:
    data = yaml.safe_load((ROOT / "ontology" / "sources.yaml").read_text(encoding="utf-8"))
    spellings: dict[str, str] = {}
    for outlet in data["outlets"]:
        for name in [outlet["name"], *outlet.get("aliases", [])]:
            spellings[str(name).lower()] = outlet["name"]
    first_year = {p["name"]: p["first_volume_year"] for p in data["publications"]}
    return spellings, first_year


def main() -> int:
    errors: list[str] = []
    spellings, first_year = outlet_names()
    canonical_outlets = set(spellings.values())
    gold = HERE / "gold"
    documents = load_jsonl(gold / "documents.jsonl")
    entities = load_jsonl(gold / "entities.jsonl")
    events = load_jsonl(gold / "events.jsonl")

    texts: dict[str, str] = {}
    doc_dates: dict[str, dt.date] = {}
    for doc in documents:
        path = HERE / "docs" / f"{doc['doc']}.txt"
        text = path.read_text(encoding="utf-8")
        first, _, body = text.partition("\n")
        match = HEADER.match(first)
        if not match:
            errors.append(f"{doc['doc']}: bad header line {first!r}")
            continue
        pub, vol, iss = match.group(1), int(match.group(2)), int(match.group(3))
        if (pub, vol, iss) != (doc["publication"], doc["volume"], doc["issue"]):
            errors.append(f"{doc['doc']}: header and documents.jsonl differ")
        date = dt.date.fromisoformat(doc["date"])
        if pub not in first_year or first_year[pub] + vol - 1 != date.year:
            errors.append(f"{doc['doc']}: volume {vol} of {pub} does not fit {date}")
        paragraphs = [p for p in body.split("\n\n") if p.strip()]
        words = len(body.split())
        if not 1 <= len(paragraphs) <= 2 or not 120 <= words <= 250:
            errors.append(f"{doc['doc']}: {len(paragraphs)} paragraphs, {words} words")
        texts[doc["doc"]] = body
        doc_dates[doc["doc"]] = date
    missing_docs = {p.stem for p in (HERE / "docs").glob("*.txt")} - set(texts)
    if missing_docs:
        errors.append(f"documents without metadata: {sorted(missing_docs)}")

    kind_of: dict[str, str] = {}
    seen_names: dict[str, str] = {}
    for ent in entities:
        if set(ent) != {"name", "kind", "country", "aliases"} or ent["kind"] not in KINDS:
            errors.append(f"entity {ent.get('name')}: bad fields or kind")
        kind_of[ent["name"]] = ent["kind"]
        for spelling in [ent["name"], *ent["aliases"]]:
            key = spelling.lower().removeprefix("the ")
            if key in seen_names and seen_names[key] != ent["name"]:
                other = seen_names[key]
                errors.append(f"spelling {spelling!r} names both {other} and {ent['name']}")
            seen_names[key] = ent["name"]

    keys: dict[tuple, list[bool]] = {}
    for n, ev in enumerate(events, 1):
        where = f"event {n} ({ev.get('doc')} {ev.get('relation')})"
        if not set(ev) <= EVENT_KEYS or not EVENT_KEYS - {"cites", "optional", "note"} <= set(ev):
            errors.append(f"{where}: bad field set {sorted(ev)}")
            continue
        body = texts.get(ev["doc"])
        if body is None:
            errors.append(f"{where}: unknown document")
            continue
        if ev["relation"] not in RELATIONS or ev["status"] not in STATUSES:
            errors.append(f"{where}: bad relation or status")
        for role in ("subject", "object"):
            if ev[role] not in kind_of or kind_of[ev[role]] == "city":
                errors.append(f"{where}: {role} {ev[role]!r} is not an actor entity")
        if ev["subject"] == ev["object"]:
            errors.append(f"{where}: subject equals object")
        if ev["relation"] == "visit" and kind_of.get(ev["object"]) != "country":
            errors.append(f"{where}: a visit's object must be a country")
        if ev["place"] is not None and kind_of.get(ev["place"]) != "city":
            errors.append(f"{where}: place {ev['place']!r} is not a city entity")
        if ev["evidence"] not in body:
            errors.append(f"{where}: evidence not verbatim: {ev['evidence']!r}")
        try:
            start, end = span(ev["start"], False), span(ev["end"], True)
        except ValueError as exc:
            errors.append(f"{where}: {exc}")
            continue
        if (start is None) != (end is None) or (start and end and start > end):
            errors.append(f"{where}: bad interval {ev['start']}..{ev['end']}")
        today = doc_dates[ev["doc"]]
        if ev["status"] == "occurred" and start and start > today:
            errors.append(f"{where}: occurred after the document date")
        if ev["status"] == "planned" and end and end < today:
            errors.append(f"{where}: planned but over before the document date")
        for cite in ev.get("cites", []):
            if cite not in canonical_outlets:
                errors.append(f"{where}: cite {cite!r} is not a canonical outlet")
            elif not any(s in body.lower() for s, c in spellings.items() if c == cite):
                errors.append(f"{where}: cite {cite!r} is not named in the document")
        if "optional" in ev and ev["optional"] is not True:
            errors.append(f"{where}: optional must be true when present")
        pair = (ev["subject"], ev["object"])
        if ev["relation"] in SYMMETRIC:
            pair = tuple(sorted(pair))
        keys.setdefault((ev["doc"], ev["relation"], *pair), []).append(bool(ev.get("optional")))

    for line in errors:
        print(line)
    required = sum(1 for ev in events if not ev.get("optional"))
    required_keys = sum(1 for flags in keys.values() if not all(flags))
    print(
        f"{len(texts)} documents, {len(events)} events "
        f"({required} required, {len(events) - required} optional), "
        f"{required_keys} required keys; {len(errors)} problems"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
