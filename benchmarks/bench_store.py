"""Benchmark kgraph's embedded store against rdflib's in-memory Dataset.

A synthetic corpus shaped like kgraph's output (about 10 quads per event mention, one
named graph per 100 mentions, 2,000 actors with a skewed activity distribution) is written
to an N-Quads file; then, for each backend, a fresh child process loads it and runs four
queries (who met one actor, a date range, a count per relation, the top-10 connected
actors). Each child reports its load time, its peak resident memory
(``resource.getrusage``, which sees Rust allocations too) and the median latency of each
query; rdflib queries run in a forked process killed after ``--timeout`` seconds.

Usage::

    python benchmarks/bench_store.py --sizes 100000 1000000

writes ``benchmarks/results/store.json`` and ``benchmarks/results/store.md``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
KG = "https://w3id.org/kgraph/ontology#"
ACTOR = "https://w3id.org/kgraph/id/actor/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RELATIONS = [
    ("meet", "Meeting", "met"),
    ("visit", "Visit", "visited"),
    ("agree", "Agreement", "agreedWith"),
    ("cooperate", "Cooperation", "cooperatedWith"),
    ("support", "Support", "supported"),
    ("transfer_arms", "ArmsTransfer", "transferredArmsTo"),
    ("criticize", "Criticism", "criticized"),
    ("oppose", "Opposition", "opposed"),
    ("transfer_power", "PowerTransfer", "transferredPowerTo"),
    ("attack", "Attack", "attacked"),
]
N_ACTORS = 2000
EVENTS_PER_GRAPH = 100
WHO_MET_ACTOR = ACTOR + "a0000"

PREFIX = f"PREFIX kg: <{KG}>\nPREFIX xsd: <{XSD}>\n"
QUERIES = {
    "who_met": PREFIX + f"SELECT DISTINCT ?other WHERE {{ <{WHO_MET_ACTOR}> kg:met ?other }}",
    "date_range": PREFIX
    + """SELECT ?m ?s ?o WHERE {
  ?m kg:start ?d ; kg:subject ?s ; kg:object ?o .
  FILTER(?d >= "2000-03-01"^^xsd:date && ?d < "2000-04-01"^^xsd:date)
}""",
    "count_per_relation": PREFIX
    + "SELECT ?r (COUNT(?m) AS ?n) WHERE { ?m kg:relation ?r } GROUP BY ?r ORDER BY ?r",
    "top10_connected": PREFIX
    + """SELECT ?a (COUNT(*) AS ?n) WHERE {
  { ?m kg:subject ?a } UNION { ?m kg:object ?a }
} GROUP BY ?a ORDER BY DESC(?n) ?a LIMIT 10""",
}


# -- the corpus -------------------------------------------------------------------------------
def write_corpus(path: Path, n_quads: int, seed: int = 7) -> dict:
    """Write a synthetic N-Quads corpus of about ``n_quads`` quads; return its shape."""
    rng = random.Random(seed)
    weights = [1.0 / (i + 1) ** 0.8 for i in range(N_ACTORS)]  # a few very active actors
    actors = [f"{ACTOR}a{i:04d}" for i in range(N_ACTORS)]
    day0 = date(1995, 1, 1)
    written = events = 0
    with path.open("w", encoding="utf-8") as out:
        while written < n_quads:
            graph = f"<https://w3id.org/kgraph/graph/doc/d{events // EVENTS_PER_GRAPH:06d}>"
            doc = f"<https://w3id.org/kgraph/id/doc/d{events // EVENTS_PER_GRAPH:06d}>"
            subject, obj = rng.choices(actors, weights, k=2)
            name, cls, prop = RELATIONS[rng.randrange(len(RELATIONS))]
            day = day0 + timedelta(days=rng.randrange(365 * 10))
            m = doc[:-1] + f"/mention/{events:08x}>"
            lines = [
                f"{m} <{RDF_TYPE}> <{KG}Mention> {graph} .",
                f"{m} <{RDF_TYPE}> <{KG}{cls}> {graph} .",
                f'{m} <{KG}relation> "{name}" {graph} .',
                f"{m} <{KG}subject> <{subject}> {graph} .",
                f"{m} <{KG}object> <{obj}> {graph} .",
                f'{m} <{KG}start> "{day.isoformat()}"^^<{XSD}date> {graph} .',
                f"{m} <{KG}status> <{KG}occurred> {graph} .",
                f'{m} <{KG}confidence> "0.{rng.randrange(10, 99)}"^^<{XSD}decimal> {graph} .',
                f'{m} <{KG}evidence> "{subject[-5:]} {name} {obj[-5:]} on {day}" {graph} .',
                f"{m} <http://www.w3.org/ns/prov#wasDerivedFrom> {doc} {graph} .",
                f"<{subject}> <{KG}{prop}> <{obj}> {graph} .",
            ]
            out.write("\n".join(lines) + "\n")
            written += len(lines)
            events += 1
    return {
        "quads_written": written,
        "events": events,
        "graphs": (events + EVENTS_PER_GRAPH - 1) // EVENTS_PER_GRAPH,
        "actors": N_ACTORS,
    }


# -- children ---------------------------------------------------------------------------------
def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def child_kgraph(corpus: Path, runs: int) -> dict:
    import pyoxigraph as ox

    from kgraph.store import open_store

    with tempfile.TemporaryDirectory(prefix="kgraph-bench-") as folder:
        with open_store(Path(folder) / "store") as store:
            start = time.perf_counter()
            count = store.bulk_load(ox.parse(path=str(corpus), format=ox.RdfFormat.N_QUADS))
            load = time.perf_counter() - start
            stored = len(store)
            queries = {}
            for name, sparql in QUERIES.items():
                times, rows = [], None
                for _ in range(runs + 1):  # the first run warms caches and is not counted
                    start = time.perf_counter()
                    result = store.query(sparql)
                    rows = len(result)
                    times.append(time.perf_counter() - start)
                queries[name] = {
                    "first_s": times[0],
                    "median_s": statistics.median(times[1:]),
                    "runs": runs,
                    "rows": rows,
                }
            # the transactional path of real ingestion: one replace_graph per document graph
            sample = list(ox.parse(path=str(corpus), format=ox.RdfFormat.N_QUADS))[:50_000]
            by_graph: dict = {}
            for quad in sample:
                by_graph.setdefault(quad.graph_name.value + "-again", []).append(quad)
            start = time.perf_counter()
            for graph, quads in by_graph.items():
                store.replace_graph(graph, quads)
            replace = time.perf_counter() - start
    return {
        "backend": "kgraph EmbeddedStore (pyoxigraph on disk)",
        "quads_loaded": count,
        "quads_stored": stored,
        "load_s": load,
        "load_quads_per_s": count / load,
        "replace_graph_quads_per_s": len(sample) / replace,
        "peak_rss_mib": peak_rss_mib(),
        "queries": queries,
    }


def _rdflib_worker(dataset, sparql: str, conn) -> None:
    start = time.perf_counter()
    rows = len(list(dataset.query(sparql)))
    conn.send((time.perf_counter() - start, rows))


def child_rdflib(corpus: Path, runs: int, timeout: float) -> dict:
    import rdflib

    dataset = rdflib.Dataset(default_union=True)
    start = time.perf_counter()
    dataset.parse(str(corpus), format="nquads")
    load = time.perf_counter() - start
    count = len(list(dataset.quads((None, None, None, None))))
    after_load = peak_rss_mib()
    context = multiprocessing.get_context("fork")
    queries = {}
    for name, sparql in QUERIES.items():
        times, rows, timed_out = [], None, False
        for _ in range(runs):
            parent, child = context.Pipe(duplex=False)
            process = context.Process(target=_rdflib_worker, args=(dataset, sparql, child))
            process.start()
            if parent.poll(timeout):
                elapsed, rows = parent.recv()
                times.append(elapsed)
                process.join()
            else:
                process.kill()
                process.join()
                timed_out = True
                break
            if elapsed > 10:
                break  # slow enough: one run tells
        queries[name] = {
            "first_s": times[0] if times else None,
            "median_s": statistics.median(times) if times and not timed_out else None,
            "runs": len(times),
            "rows": rows,
            "timed_out": timed_out,
            "timeout_s": timeout,
        }
    return {
        "backend": "rdflib Dataset (in memory)",
        "quads_loaded": count,
        "quads_stored": count,
        "load_s": load,
        "load_quads_per_s": count / load,
        "peak_rss_mib": after_load,
        "peak_rss_note": "measured after loading; forked query processes are not included",
        "queries": queries,
    }


def run_child(backend: str, corpus: Path, runs: int, timeout: float) -> dict:
    command = [
        sys.executable,
        __file__,
        "--child",
        backend,
        "--corpus",
        str(corpus),
        "--runs",
        str(runs),
        "--timeout",
        str(timeout),
    ]
    env = dict(
        os.environ, PYTHONPATH=str(HERE.parent) + os.pathsep + os.environ.get("PYTHONPATH", "")
    )
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode:
        return {"backend": backend, "error": done.stderr.strip().splitlines()[-1:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- report -----------------------------------------------------------------------------------
def _ms(seconds: float | None, timeout: float | None = None) -> str:
    if seconds is None:
        return f"> {timeout:g} s" if timeout else "–"
    return f"{seconds * 1000:,.1f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def markdown(report: dict) -> str:
    lines = [
        "# Store benchmark: kgraph EmbeddedStore vs rdflib Dataset",
        "",
        f"Run {report['date']} on {report['machine']} (Python {report['python']}, "
        f"pyoxigraph {report['pyoxigraph']}, rdflib {report['rdflib']}).",
        "",
        "Synthetic corpus shaped like kgraph output: ~11 quads per mention, one named graph "
        f"per {EVENTS_PER_GRAPH} mentions, {N_ACTORS} actors with a skewed activity "
        "distribution. Each backend runs in a fresh child process. Latency: kgraph = median of "
        f"{report['runs']} runs after one warm-up run; rdflib = median of up to "
        f"{report['runs']} runs, each in a forked process killed after {report['timeout']:g} s. "
        "Ratio = rdflib time / kgraph time. Peak memory = `ru_maxrss` of the child.",
        "",
        "Note: a mention written by `kgraph.rdf.document_quads` carries ~30 quads (Web "
        "Annotation target, provenance, labels), so 1M quads ≈ 33k real mentions.",
        "",
    ]
    for size in report["sizes"]:
        k, r = size["kgraph"], size["rdflib"]
        lines += [
            f"## {size['quads']:,} quads ({size['shape']['events']:,} mentions, "
            f"{size['shape']['graphs']:,} graphs)",
            "",
            "| measure | kgraph | rdflib | ratio |",
            "|---|---|---|---|",
        ]
        if "error" in k or "error" in r:
            lines += [f"| error | {k.get('error', '')} | {r.get('error', '')} | |", ""]
            continue
        lines.append(
            f"| bulk load | {k['load_s']:.1f} s ({k['load_quads_per_s']:,.0f} quads/s) | "
            f"{r['load_s']:.1f} s ({r['load_quads_per_s']:,.0f} quads/s) | "
            f"{r['load_s'] / k['load_s']:.1f}× |"
        )
        lines.append(
            f"| peak memory | {k['peak_rss_mib']:,.0f} MiB | {r['peak_rss_mib']:,.0f} MiB | "
            f"{r['peak_rss_mib'] / k['peak_rss_mib']:.1f}× |"
        )
        for name in QUERIES:
            kq, rq = k["queries"][name], r["queries"][name]
            if rq["median_s"] is None:
                ratio = f"> {rq['timeout_s'] / kq['median_s']:,.0f}×"
            else:
                ratio = f"{rq['median_s'] / kq['median_s']:,.0f}×"
            same = "" if rq["rows"] in (None, kq["rows"]) else " (rows differ!)"
            lines.append(
                f"| {name} ({kq['rows']} rows) | {_ms(kq['median_s'])} "
                f"(first {_ms(kq['first_s'])}) | {_ms(rq['median_s'], rq['timeout_s'])} | "
                f"{ratio}{same} |"
            )
        lines.append(
            f"| replace_graph ingest (transactional, per graph) | "
            f"{k['replace_graph_quads_per_s']:,.0f} quads/s | | |"
        )
        lines.append("")
    targets = report.get("targets")
    if targets:
        lines += ["## Targets at the largest size", ""]
        lines += [f"- {t}" for t in targets]
        lines.append("")
    return "\n".join(lines)


def targets(size: dict) -> list[str]:
    k = size["kgraph"]
    if "error" in k:
        return [f"kgraph failed: {k['error']}"]
    who = k["queries"]["who_met"]["median_s"] * 1000
    rate = k["load_quads_per_s"]
    rss = k["peak_rss_mib"]
    return [
        f"who-met median < 10 ms: {who:.2f} ms — {'met' if who < 10 else 'NOT met'}",
        f"load ≥ 100k quads/s: {rate:,.0f} quads/s — {'met' if rate >= 100_000 else 'NOT met'}",
        f"peak memory < 1 GiB: {rss:,.0f} MiB — {'met' if rss < 1024 else 'NOT met'}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--runs", type=int, default=7, help="query runs per measurement")
    parser.add_argument("--timeout", type=float, default=60.0, help="rdflib query limit (s)")
    parser.add_argument("--backends", nargs="+", default=["kgraph", "rdflib"])
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--child", choices=["kgraph", "rdflib"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child == "kgraph":
        print(json.dumps(child_kgraph(args.corpus, args.runs)))
        return 0
    if args.child == "rdflib":
        print(json.dumps(child_rdflib(args.corpus, args.runs, args.timeout)))
        return 0

    import pyoxigraph
    import rdflib

    report = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.system()}",
        "python": platform.python_version(),
        "pyoxigraph": pyoxigraph.__version__ if hasattr(pyoxigraph, "__version__") else "?",
        "rdflib": rdflib.__version__,
        "runs": args.runs,
        "timeout": args.timeout,
        "queries": QUERIES,
        "sizes": [],
    }
    with tempfile.TemporaryDirectory(prefix="kgraph-corpus-") as folder:
        for n in args.sizes:
            corpus = Path(folder) / f"corpus-{n}.nq"
            shape = write_corpus(corpus, n)
            size = {"quads": n, "shape": shape}
            for backend in args.backends:
                started = time.perf_counter()
                print(f"{n:,} quads: {backend} ...", file=sys.stderr, flush=True)
                size[backend] = run_child(backend, corpus, args.runs, args.timeout)
                size[backend]["wall_s"] = time.perf_counter() - started
                print(f"  done in {size[backend]['wall_s']:.0f} s", file=sys.stderr, flush=True)
            report["sizes"].append(size)
            corpus.unlink()
    if report["sizes"] and "kgraph" in report["sizes"][-1]:
        report["targets"] = targets(report["sizes"][-1])
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "store.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if set(args.backends) == {"kgraph", "rdflib"}:
        (args.out / "store.md").write_text(markdown(report), encoding="utf-8")
    print(f"wrote {args.out / 'store.json'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
