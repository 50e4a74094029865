"""Mechanical checks of the heldout7 gold (format only; never runs the extractor).

python tests/data/heldout7/check_gold.py
"""

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
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
STATUSES = {"occurred", "planned", "negated"}
KINDS = {"person", "country", "organization", "city"}
FIRST_VOLUME_YEAR = {
    "Monitor": 1995,
    "Eurasia Daily Monitor": 2004,
    "RFE/RL Newsline": 1997,
    "Xinhua Wire": 1996,
    "Itar-Tass": 1996,
    "Interfax": 1996,
}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
HEADER = re.compile(r"^Publication: (.+) Volume: (\d+) Issue: (\d+)$")
errors = []


def err(msg):
    errors.append(msg)


def load(name):
    rows = []
    for n, line in enumerate((HERE / "gold" / name).read_text(encoding="utf-8").splitlines(), 1):
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as e:
            err(f"{name}:{n}: {e}")
    return rows


def lo(d):
    return d + "-01-01"[len(d) - 4 :] if len(d) < 10 else d


def hi(d):
    if len(d) == 4:
        return d + "-12-31"
    if len(d) == 7:
        return d + "-31"
    return d


docs = {d["doc"]: d for d in load("documents.jsonl")}
ents = {e["name"]: e for e in load("entities.jsonl")}
events = load("events.jsonl")
texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((HERE / "docs").glob("*.txt"))}

if set(docs) != set(texts):
    err(f"documents.jsonl {sorted(docs)} != docs/ {sorted(texts)}")
for doc, d in docs.items():
    if not DATE.match(d["date"]) or len(d["date"]) != 10:
        err(f"{doc}: date {d['date']!r} not ISO")
    text = texts.get(doc, "")
    m = HEADER.match(text.split("\n", 1)[0])
    if not m:
        err(f"{doc}: bad header line")
        continue
    pub, vol, iss = m.group(1), int(m.group(2)), int(m.group(3))
    if (pub, vol, iss) != (d["publication"], d["volume"], d["issue"]):
        err(f"{doc}: header {(pub, vol, iss)} != documents.jsonl")
    if FIRST_VOLUME_YEAR.get(pub, 0) + vol - 1 != int(d["date"][:4]):
        err(f"{doc}: volume {vol} of {pub} does not fit {d['date']}")
    words = len(text.split("\n", 2)[2].split())
    if not 80 <= words <= 250:
        err(f"{doc}: {words} words")

for e in ents.values():
    if e["kind"] not in KINDS:
        err(f"entity {e['name']}: kind {e['kind']}")

per_doc = {}
for n, ev in enumerate(events, 1):
    where = f"events.jsonl:{n} ({ev.get('doc')})"
    for f in (
        "doc",
        "relation",
        "subject",
        "object",
        "start",
        "end",
        "place",
        "status",
        "evidence",
    ):
        if f not in ev:
            err(f"{where}: missing {f}")
    if ev["doc"] not in docs:
        err(f"{where}: unknown doc")
        continue
    if ev["relation"] not in RELATIONS:
        err(f"{where}: relation {ev['relation']}")
    if ev["status"] not in STATUSES:
        err(f"{where}: status {ev['status']}")
    for f in ("subject", "object", "place"):
        if ev[f] is not None and ev[f] not in ents:
            err(f"{where}: {f} {ev[f]!r} not declared")
    if ev["place"] is not None and ev["place"] in ents and ents[ev["place"]]["kind"] != "city":
        err(f"{where}: place {ev['place']} is not a city")
    if (
        ev["relation"] == "visit"
        and ev["object"] in ents
        and ents[ev["object"]]["kind"] != "country"
    ):
        err(f"{where}: visit object must be a country")
    if (ev["start"] is None) != (ev["end"] is None):
        err(f"{where}: start/end must both be set or both null")
    for f in ("start", "end"):
        if ev[f] is not None and not DATE.match(ev[f]):
            err(f"{where}: {f} {ev[f]!r} not ISO")
    if ev["start"] and ev["end"] and lo(ev["start"]) > hi(ev["end"]):
        err(f"{where}: start after end")
    text = texts[ev["doc"]]
    pos = text.find(ev["evidence"])
    if pos < 0:
        err(f"{where}: evidence not in text: {ev['evidence']!r}")
    elif text[pos : pos + len(ev["evidence"])] != ev["evidence"]:
        err(f"{where}: evidence offset mismatch")
    for c in ev.get("cites", []):
        if not isinstance(c, str) or not c:
            err(f"{where}: bad cite {c!r}")
    if "optional" in ev and ev["optional"] is not True:
        err(f"{where}: optional must be true when present")
    key = "optional" if ev.get("optional") else "required"
    per_doc.setdefault(ev["doc"], {"required": 0, "optional": 0})[key] += 1

for doc in docs:
    if per_doc.get(doc, {}).get("required", 0) == 0:
        err(f"{doc}: no required events")

if errors:
    print("\n".join(errors))
    sys.exit(1)
req = sum(v["required"] for v in per_doc.values())
opt = sum(v["optional"] for v in per_doc.values())
print(
    f"OK: {len(docs)} documents, {len(ents)} entities, {len(events)} events "
    f"({req} required, {opt} optional)"
)
for doc in sorted(per_doc):
    print(doc, per_doc[doc]["required"], "/", per_doc[doc]["optional"])
