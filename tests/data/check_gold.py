"""Mechanical checks of a test set's gold (format only; never runs the extractor).

python tests/data/check_gold.py tests/data/dev12      # the set's folder: docs/ and gold/

Checks: every line parses as JSON with the fields of ../shared/gold; document headers, volumes,
issues and dates agree; every entity named in an event is declared; dates are ISO (a year, a
month or a day) and ordered; every evidence is a verbatim piece of its document, found by
str.find and compared with the text at its offsets; every cited outlet is printed in the
document; each document body has 120-250 words.
"""

import datetime as dt
import json
import re
import sys
from pathlib import Path

# the set's folder, given on the command line (set in main)
DOCS = GOLD = Path()

FIRST_VOLUME_YEAR = {
    "Monitor": 1995,
    "Eurasia Daily Monitor": 2004,
    "RFE/RL Newsline": 1997,
    "Xinhua Wire": 1996,
}
RELATIONS = {"meet", "visit", "agree", "cooperate", "support", "transfer_arms", "criticize",
             "oppose", "transfer_power", "attack"}
STATUSES = {"occurred", "planned", "negated"}
KINDS = {"person", "country", "organization", "city"}
EVENT_KEYS = {"doc", "relation", "subject", "object", "start", "end", "place", "status",
              "evidence"}
OPTIONAL_KEYS = {"cites", "optional", "note"}
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def load(name):
    rows = []
    with open(GOLD / name, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as e:
                    sys.exit(f"{name}:{n}: {e}")
    return rows


def span(value, end=False):
    """First (or last) day of an ISO year, month or day."""
    if not DATE_RE.match(value):
        raise ValueError(value)
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        if not end:
            return dt.date(parts[0], parts[1], 1)
        nxt = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)


def main():
    global DOCS, GOLD
    if len(sys.argv) != 2 or not (Path(sys.argv[1]) / "gold").is_dir():
        print("usage: python tests/data/check_gold.py SET_FOLDER (with docs/ and gold/)")
        return 2
    DOCS, GOLD = Path(sys.argv[1]) / "docs", Path(sys.argv[1]) / "gold"
    errors = []
    docs = {}
    for d in load("documents.jsonl"):
        if set(d) != {"doc", "publication", "volume", "issue", "date"}:
            errors.append(f"{d.get('doc')}: document fields {sorted(d)}")
            continue
        path = DOCS / f"{d['doc']}.txt"
        if not path.exists():
            errors.append(f"{d['doc']}: no {path.name}")
            continue
        text = path.read_text(encoding="utf-8")
        header = f"Publication: {d['publication']} Volume: {d['volume']} Issue: {d['issue']}"
        if text.split("\n", 1)[0] != header:
            errors.append(f"{d['doc']}: header is not '{header}'")
        date = dt.date.fromisoformat(d["date"])
        first = FIRST_VOLUME_YEAR.get(d["publication"])
        if first is None or first + d["volume"] - 1 != date.year:
            errors.append(f"{d['doc']}: volume {d['volume']} does not give {date.year}")
        if d["publication"] == "Xinhua Wire" and date.timetuple().tm_yday != d["issue"]:
            errors.append(f"{d['doc']}: Xinhua issue is not the day of the year")
        words = len(text.split("\n", 2)[2].split())
        if not 120 <= words <= 250:
            errors.append(f"{d['doc']}: {words} words")
        docs[d["doc"]] = (text, date)

    names = {}
    for e in load("entities.jsonl"):
        if set(e) != {"name", "kind", "country", "aliases"} or e["kind"] not in KINDS:
            errors.append(f"entity {e.get('name')}: bad fields or kind")
        if e["name"] in names:
            errors.append(f"entity {e['name']} declared twice")
        names[e["name"]] = e
    for e in names.values():
        if e["kind"] in {"person", "city"} and e["country"] not in names:
            errors.append(f"entity {e['name']}: country {e['country']} not declared")

    counts = {}
    for n, ev in enumerate(load("events.jsonl"), 1):
        where = f"events.jsonl:{n} ({ev.get('doc')})"
        missing = EVENT_KEYS - set(ev)
        extra = set(ev) - EVENT_KEYS - OPTIONAL_KEYS
        if missing or extra:
            errors.append(f"{where}: missing {sorted(missing)}, extra {sorted(extra)}")
            continue
        if ev["doc"] not in docs:
            errors.append(f"{where}: unknown doc")
            continue
        text, date = docs[ev["doc"]]
        if ev["relation"] not in RELATIONS:
            errors.append(f"{where}: relation {ev['relation']}")
        if ev["status"] not in STATUSES:
            errors.append(f"{where}: status {ev['status']}")
        for field in ("subject", "object", "place"):
            value = ev[field]
            if value is not None and value not in names:
                errors.append(f"{where}: {field} '{value}' not declared")
        if ev["place"] is not None and names.get(ev["place"], {}).get("kind") != "city":
            errors.append(f"{where}: place '{ev['place']}' is not a city")
        if ev["relation"] == "visit" and names.get(ev["object"], {}).get("kind") != "country":
            errors.append(f"{where}: a visit's object must be a country")
        try:
            start = span(ev["start"]) if ev["start"] else None
            end = span(ev["end"], end=True) if ev["end"] else None
        except ValueError as e:
            errors.append(f"{where}: date {e}")
            continue
        if start and end and start > end:
            errors.append(f"{where}: start after end")
        if ev["status"] == "occurred" and start and start > date:
            errors.append(f"{where}: occurred after the document date")
        at = text.find(ev["evidence"])
        if at < 0 or text[at:at + len(ev["evidence"])] != ev["evidence"]:
            errors.append(f"{where}: evidence not in the document: {ev['evidence'][:60]}")
        for outlet in ev.get("cites", []):
            if outlet not in text:
                errors.append(f"{where}: cited outlet '{outlet}' not in the document")
        if "optional" in ev and ev["optional"] is not True:
            errors.append(f"{where}: optional must be true when present")
        req, opt = counts.get(ev["doc"], (0, 0))
        counts[ev["doc"]] = (req + (not ev.get("optional")), opt + bool(ev.get("optional")))

    for doc in docs:
        if doc not in counts:
            errors.append(f"{doc}: no events")
    for line in errors:
        print(line)
    total_req = sum(r for r, _ in counts.values())
    total_opt = sum(o for _, o in counts.values())
    for doc, (req, opt) in sorted(counts.items()):
        print(f"{doc}: {req} required, {opt} optional")
    print(f"{len(docs)} documents, {total_req} required, {total_opt} optional events")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
