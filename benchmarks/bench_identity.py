"""Benchmark event identity: ingestion with and without merging mentions into events.

A synthetic world of real events (meetings, visits, agreements between the office holders
of Russia, China and a few other states, 1995-2010, a skewed choice of actors so that
some pairs meet often) is reported by synthetic documents: each document, dated within
a few weeks of its events, reports 2-5 of them at a day, month or no date, as planned
before they happen and occurred after, sometimes negated. Two measurements:

* **build**: ``KnowledgeGraph.build`` on the documents as text files (spaCy extraction,
  RDF, store, then merging), once with ``identity=False`` and once with merging, each
  in a fresh on-disk store;
* **store**: the same documents' events written straight to a store, without
  extraction, as the build writes them (``document_quads`` into
  :class:`kgraph.identity.BatchIngest`, 8 documents per update, written by a thread of
  their own), without and with merging: the cost of merging alone.

Each is run four times, in the order without, with, with, without merging (ABBA), and the
ratio is that of the summed times: on a shared machine the load drifts while a 10,000
document build runs for minutes, and the second of two runs also pays for the first's
files being flushed to disk; ABBA cancels what grows or shrinks steadily over the four
runs. The ratio of each pair (1st and 2nd, 4th and 3rd run) is recorded too, and the CPU
time of the process (all its threads), which the load of other processes changes less.
``--once`` runs each measurement once without, then once with merging.

Usage::

    python benchmarks/bench_identity.py --build 1000 --store 10000

writes ``benchmarks/results/identity.json`` and ``benchmarks/results/identity.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from kgraph import rdf
from kgraph.graph import KnowledgeGraph
from kgraph.identity import BatchIngest, IdentityRules
from kgraph.kb import KnowledgeBase
from kgraph.model import Document, Event
from kgraph.store import open_store

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
PEOPLE = [  # (name, weight): heads of state first, so that their pairs meet often
    ("Vladimir Putin", 8),
    ("Jiang Zemin", 6),
    ("Hu Jintao", 6),
    ("Boris Yeltsin", 4),
    ("Igor Ivanov", 3),
    ("Tang Jiaxuan", 3),
    ("Sergei Lavrov", 3),
    ("Li Zhaoxing", 3),
    ("Igor Sergeev", 2),
    ("Chi Haotian", 2),
    ("Yevgeny Primakov", 2),
    ("Zhu Rongji", 2),
    ("Mikhail Kasyanov", 1),
    ("Wen Jiabao", 1),
    ("Sergei Ivanov", 1),
    ("Cao Gangchuan", 1),
]
CITIES = ["Moscow", "Beijing", "Shanghai", "St. Petersburg", "Dushanbe", "Vladivostok"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
RUN = rdf.Run("bench-identity", started=datetime(2026, 11, 23, tzinfo=UTC), software_version="0")


@dataclass(frozen=True)
class World:
    """One real-world event: relation, actors, day, place."""

    relation: str
    subject: str
    object: str
    day: date
    place: str


def world(n: int, rng: random.Random, kb: KnowledgeBase) -> list[World]:
    people = [(name, w) for name, w in PEOPLE if kb.lookup(name)]
    names, weights = [p for p, _ in people], [w for _, w in people]
    events = []
    for _ in range(n):
        a, b = rng.choices(names, weights, k=2)
        while b == a:
            b = rng.choices(names, weights)[0]
        relation = rng.choices(["meet", "agree", "visit"], [6, 2, 2])[0]
        day = date(1995, 1, 1) + timedelta(days=rng.randrange(16 * 365))
        events.append(World(relation, a, b, day, rng.choice(CITIES)))
    return events


@dataclass(frozen=True)
class Report:
    """One event as a document reports it."""

    event: World
    precision: str  # day | month | none
    status: str


def documents(n: int, events: list[World], rng: random.Random) -> list[tuple[date, list[Report]]]:
    """``n`` documents, each dated near 2-5 events it reports."""
    by_day = sorted(events, key=lambda e: e.day)
    docs = []
    for _ in range(n):
        anchor = rng.choice(by_day)
        near = [
            e
            for e in rng.sample(by_day, min(40, len(by_day)))
            if abs((e.day - anchor.day).days) < 400
        ][:4]
        chosen = [anchor, *near][: rng.randint(2, 5)]
        doc_day = anchor.day + timedelta(days=rng.randint(-20, 10))
        reports = []
        for e in chosen:
            status = "occurred" if e.day <= doc_day else "planned"
            if rng.random() < 0.05:
                status = "negated"
            precision = rng.choices(["day", "month", "none"], [6, 3, 1])[0]
            reports.append(Report(e, precision, status))
        docs.append((doc_day, reports))
    return docs


def _country_of_visit(kb: KnowledgeBase, city: str) -> str:
    found = kb.lookup(city, kind="city")
    country = kb.get(found[0].country) if found and found[0].country else None
    return country.name if country else "China"


def sentence(r: Report, kb: KnowledgeBase) -> str:
    e = r.event
    when = {
        "day": f" on {MONTHS[e.day.month - 1]} {e.day.day}",
        "month": f" in {MONTHS[e.day.month - 1]}",
        "none": "",
    }[r.precision]
    if e.relation == "visit":
        country = _country_of_visit(kb, e.place)
        verb = {"occurred": "visited", "planned": "will visit", "negated": "did not visit"}
        return f"{e.subject} {verb[r.status]} {country}{when}."
    if e.relation == "agree":
        verb = {
            "occurred": "signed an agreement with",
            "planned": "will sign an agreement with",
            "negated": "did not sign an agreement with",
        }
    else:
        verb = {"occurred": "met", "planned": "will meet", "negated": "did not meet"}
    return f"{e.subject} {verb[r.status]} {e.object} in {e.place}{when}."


def write_texts(docs, folder: Path, kb: KnowledgeBase) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, (day, reports) in enumerate(docs):
        body = " ".join(sentence(r, kb) for r in reports)
        citation = f"(Itar-Tass, {MONTHS[day.month - 1]} {day.day})"
        text = (
            f"Publication: Monitor Volume: {day.year - 1994} Issue: {i % 250 + 1}\n\n"
            f"{body} {citation}\n"
        )
        (folder / f"b{i:05d}.txt").write_text(text, encoding="utf-8")


def to_events(i: int, day: date, reports: list[Report], kb: KnowledgeBase) -> tuple:
    """The document and the events an ideal extractor would find in it."""
    doc_id = f"b{i:05d}"
    text, events = "Publication: Monitor Volume: 6 Issue: 1\n\n", []
    for r in reports:
        s = sentence(r, kb)
        at = len(text)
        text += s + " "
        e = r.event
        obj = _country_of_visit(kb, e.place) if e.relation == "visit" else e.object
        start = end = None
        if r.precision == "day":
            start = end = e.day.isoformat()
        elif r.precision == "month":
            start = f"{e.day.year:04d}-{e.day.month:02d}"
        place = kb.lookup(e.place, kind="city")
        events.append(
            Event(
                doc=doc_id,
                doc_date=day.isoformat(),
                relation=e.relation,
                subject=e.subject,
                object=obj,
                subject_iri=kb.lookup(e.subject)[0].iri,
                object_iri=[x for x in kb.lookup(obj) if x.kind != "city"][0].iri,
                start=start,
                end=end,
                place=e.place,
                place_iri=place[0].iri if place else None,
                status=r.status,
                evidence=s,
                char_start=at,
                char_end=at + len(s),
            )
        )
    document = Document(id=doc_id, text=text, publication="Monitor", volume=6, issue=1, date=day)
    return document, events


def bench_store(docs, kb: KnowledgeBase, merge: bool, batch: int = 8) -> dict:
    prepared = [to_events(i, day, reports, kb) for i, (day, reports) in enumerate(docs)]
    rules = IdentityRules.load()
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "s") as store:
        store.replace_graph(rdf.ACTORS_GRAPH, rdf.actor_quads(kb))
        started, cpu = time.perf_counter(), time.process_time()
        # what KnowledgeGraph.build does: documents (and, merging, their events) written
        # `batch` documents per update
        writer = BatchIngest(store, rules if merge else None, size=batch, background=True)
        for document, events in prepared:
            writer.add(document.id, rdf.document_quads(document, events, run=RUN))
        writer.flush()
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        counts = store.query(
            "SELECT (COUNT(DISTINCT ?e) AS ?events) (COUNT(?m) AS ?mentions) WHERE { "
            "GRAPH <https://w3id.org/kgraph/graph/events> { ?e a kg:Event ; kg:mention ?m } }"
        )
    return {
        "documents": len(docs),
        "mentions": sum(len(e) for _, e in prepared),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "ms_per_document": round(1000 * seconds / len(docs), 2),
        "events": int(counts[0]["events"]),
        "merged_mentions": int(counts[0]["mentions"]),
    }


def bench_build(folder: Path, merge: bool) -> dict:
    with tempfile.TemporaryDirectory() as store_folder:
        kg = KnowledgeGraph.open(Path(store_folder) / "s")
        kg.extractor  # noqa: B018 - load spaCy before the clock starts
        started, cpu = time.perf_counter(), time.process_time()
        report = kg.build([folder], identity=merge)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        events = kg.store.query(
            "SELECT (COUNT(?e) AS ?n) WHERE { GRAPH <https://w3id.org/kgraph/graph/events> "
            "{ ?e a kg:Event } }"
        )
        kg.close()
    return {
        "documents": report.documents,
        "mentions": report.events,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "ms_per_document": round(1000 * seconds / max(report.documents, 1), 2),
        "events": int(events[0]["n"]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=int, default=1000, help="documents for the build run")
    parser.add_argument("--store", type=int, default=10000, help="documents for the store run")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-write", action="store_true", help="print, do not write results")
    parser.add_argument(
        "--once", action="store_true", help="one run without and one with merging, not ABBA"
    )
    args = parser.parse_args(argv)
    kb = KnowledgeBase.load()
    results: dict = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "load_before": os.getloadavg(),
        },
        "seed": args.seed,
        "order": "plain, merge" if args.once else "plain, merge, merge, plain (ABBA)",
        "runs": {},
    }
    order = (False, True) if args.once else (False, True, True, False)

    def measure(kind: str, run) -> None:
        for merge in order:
            key = f"{kind}_{'merge' if merge else 'plain'}"
            key += "_2" if key in results["runs"] else ""
            started, before = datetime.now(UTC).strftime("%H:%M:%S"), os.getloadavg()
            found = run(merge)
            results["runs"][key] = {
                **found,
                "started": started,
                "load_before": before,
                "load": os.getloadavg(),
            }
            print(key, results["runs"][key], file=sys.stderr)

    if args.store:
        rng = random.Random(args.seed)
        docs = documents(args.store, world(max(50, args.store // 3), rng, kb), rng)
        measure("store", lambda merge: bench_store(docs, kb, merge))
    if args.build:
        rng = random.Random(args.seed + 1)
        docs = documents(args.build, world(max(50, args.build // 3), rng, kb), rng)
        with tempfile.TemporaryDirectory() as folder:
            write_texts(docs, Path(folder), kb)
            measure("build", lambda merge: bench_build(Path(folder), merge))
    results["machine"]["load_after"] = os.getloadavg()
    runs = results["runs"]
    for kind in ("store", "build"):
        mine = {k: r for k, r in runs.items() if k.startswith(kind + "_")}
        if not mine:
            continue
        for measure_of, field in (("", "seconds"), ("cpu_", "cpu_seconds")):
            merged = [r[field] for k, r in mine.items() if "_merge" in k]
            plain = [r[field] for k, r in mine.items() if "_plain" in k]
            results[f"{kind}_{measure_of}ratio"] = round(sum(merged) / sum(plain), 3)
            results[f"{kind}_{measure_of}pair_ratios"] = [
                round(m / p, 3) for m, p in zip(merged, plain, strict=True)
            ]
    print(json.dumps(results, indent=2))
    if not args.no_write:
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "identity.json").write_text(json.dumps(results, indent=2) + "\n")
        (RESULTS / "identity.md").write_text(markdown(results))
    return 0


def markdown(results: dict) -> str:
    runs = results["runs"]
    lines = [
        "# Event identity: ingestion with and without merging",
        "",
        f"Python {results['machine']['python']}, {results['machine']['cpus']} CPUs, "
        f"{results['machine']['platform']}; seed {results['seed']}; runs in the order "
        f"{results.get('order', 'plain, merge')}. "
        "Load average (1, 5, 15 min) before: "
        f"{', '.join(f'{x:.2f}' for x in results['machine']['load_before'])}; after: "
        f"{', '.join(f'{x:.2f}' for x in results['machine']['load_after'])}. "
        "Written by `benchmarks/bench_identity.py`.",
        "",
        "| run | started (UTC) | documents | mentions | seconds | CPU seconds | ms/document "
        "| event nodes | load before | load after |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for key, r in runs.items():
        load = ", ".join(f"{x:.2f}" for x in r.get("load", ()))
        before = ", ".join(f"{x:.2f}" for x in r.get("load_before", ()))
        lines.append(
            f"| {key} | {r.get('started', '')} | {r['documents']} | {r['mentions']} | "
            f"{r['seconds']} | {r.get('cpu_seconds', '')} | {r['ms_per_document']} | "
            f"{r['events']} | {before} | {load} |"
        )
    lines.append("")
    for kind, label in (
        ("build", "full build (extraction + store + merge)"),
        ("store", "store only (no extraction)"),
    ):
        if f"{kind}_ratio" in results:
            pairs = ", ".join(str(x) for x in results.get(f"{kind}_pair_ratios", ()))
            cpu = results.get(f"{kind}_cpu_ratio")
            lines.append(
                f"- {label}: with / without merging = **{results[f'{kind}_ratio']}** "
                f"(summed times; each pair: {pairs}; CPU time: {cpu})"
            )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
