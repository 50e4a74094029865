"""Run kgraph's benchmarks and write ``benchmarks/results/results.md`` and ``results.json``.

Every figure is set beside a reference measured in the same run, on the same machine:

* **extraction**: ``Extractor.pipe`` (kgraph's components on top of spaCy) against bare
  ``nlp.pipe`` of the same spaCy model on the same texts, with 1 and 2 processes;
  the ratio is kgraph's throughput over spaCy's (target ≥ 0.80);
* **store**: load and query times of kgraph's embedded store against rdflib's in-memory
  ``Dataset``, from ``benchmarks/bench_store.py`` (its results file, or a fresh run with
  ``--store-bench``);
* **build**: ``kgraph build`` end to end (read, extract, write the store, merge events) on
  a synthetic corpus of 1k and 10k documents (``benchmarks/synth.py``), each in a fresh
  child process that reports its wall time and peak resident memory (``getrusage``):
  documents per second, the rerun that skips unchanged documents, ``--n-process 2`` and
  ``--workers 2`` (a local Dask cluster) against one process, and the memory growth
  from 1k to 10k documents.

Usage::

    python benchmarks/run.py              # about 12 minutes on 2 cores
    python benchmarks/run.py --quick      # 200 and 1,000 documents, for a smoke test

The corpora are generated into a temporary folder and deleted afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
sys.path.insert(0, str(HERE))


# -- the machine ------------------------------------------------------------------------------
def machine() -> dict:
    """CPU model, cores, memory, Python, spaCy and model versions, load at the start."""
    import spacy

    from kgraph.pipeline import model_name

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "unknown"
    memory = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    model = model_name()
    try:
        meta = spacy.util.get_package_version(model)
    except Exception:  # noqa: BLE001 - a model not installed as a package
        meta = None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": memory,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "model": f"{model} {meta or ''}".strip(),
        "load_average_start": os.getloadavg()[0],
    }


# -- extraction vs bare spaCy -----------------------------------------------------------------
def bench_extraction(folder: Path, n_docs: int, repeats: int) -> dict:
    """Throughput of Extractor.pipe and of bare nlp.pipe on the same texts, 1 and 2 processes."""
    import spacy

    from kgraph.extract import Extractor

    extractor = Extractor()
    paths = sorted(folder.glob("*.txt"))[:n_docs]
    documents = list(extractor.read(paths))
    texts = [d.text for d in documents]
    words = sum(len(t.split()) for t in texts)
    bare = spacy.load(extractor.model)
    # warm both pipelines (first-call allocations) on a few texts
    list(bare.pipe(texts[:20]))
    list(extractor.pipe(documents[:20]))
    out: dict = {"documents": len(texts), "words": words, "repeats": repeats, "runs": {}}
    for n_process in (1, 2):
        best = {"spacy": float("inf"), "kgraph": float("inf")}
        for _ in range(repeats):  # interleaved, best of: the machine may be shared
            start = time.perf_counter()
            for _doc in bare.pipe(texts, batch_size=16, n_process=n_process):
                pass
            best["spacy"] = min(best["spacy"], time.perf_counter() - start)
            start = time.perf_counter()
            events = 0
            for _document, found in extractor.pipe(documents, batch_size=16, n_process=n_process):
                events += len(found)
            best["kgraph"] = min(best["kgraph"], time.perf_counter() - start)
        out["runs"][str(n_process)] = {
            "spacy_s": best["spacy"],
            "kgraph_s": best["kgraph"],
            "spacy_docs_per_s": len(texts) / best["spacy"],
            "kgraph_docs_per_s": len(texts) / best["kgraph"],
            "kgraph_words_per_s": words / best["kgraph"],
            "ratio": best["spacy"] / best["kgraph"],
            "events": events,
        }
        print(
            f"  extraction n_process={n_process}: kgraph {len(texts) / best['kgraph']:.1f} "
            f"docs/s, spaCy {len(texts) / best['spacy']:.1f} docs/s, "
            f"ratio {best['spacy'] / best['kgraph']:.2f}",
            file=sys.stderr,
            flush=True,
        )
    return out


# -- kgraph build in a child process ----------------------------------------------------------
def child_build(spec: dict) -> None:
    """Build a store in this process as ``kgraph build`` does; print wall time and peak memory.

    ``spec`` holds ``corpus``, ``store`` and the options of :func:`kgraph.graph.build`,
    the library function the ``kgraph build`` command calls.
    """
    from kgraph.graph import build

    start = time.perf_counter()
    report = build([spec["corpus"]], store=spec["store"], **spec["options"])
    wall = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    figures = {
        "wall_s": wall,
        "peak_rss_mib": own.ru_maxrss / 1024,
        "children_peak_rss_mib": kids.ru_maxrss / 1024,
        "cpu_s": own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime,
        "stored": report.documents,
        "unchanged": report.unchanged,
        "events": report.events,
    }
    print("BENCH " + json.dumps(figures), file=sys.stderr, flush=True)


def run_build(corpus: Path, store: Path, options: dict) -> dict:
    """Run a build of CORPUS into STORE in a fresh child process; return its figures."""
    spec = {"corpus": str(corpus), "store": str(store), "options": options}
    command = [sys.executable, str(Path(__file__).resolve()), "--child-build", json.dumps(spec)]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    figures = {}
    for line in result.stderr.splitlines():
        if line.startswith("BENCH "):
            figures = json.loads(line[6:])
    figures["process_wall_s"] = time.perf_counter() - started
    return figures


def bench_builds(root: Path, sizes: list[int], out: dict, save=None) -> dict:
    """Run the builds of the plan, filling ``out`` (and saving) after each."""
    from synth import generate

    small, large = sizes[0], sizes[-1]
    corpora = {}
    for n in sorted(set(sizes)):
        start = time.perf_counter()
        corpora[n] = generate(n, root / f"corpus-{n}", seed=n)
        print(
            f"  generated {n:,} documents ({corpora[n].events:,} events) in "
            f"{time.perf_counter() - start:.0f} s",
            file=sys.stderr,
            flush=True,
        )
    merge, plain = {"identity": True}, {"identity": False}
    plan = [
        (f"{small}_p1", small, {"n_process": 1, **merge}, "fresh"),
        (f"{small}_p1_rerun", small, {"n_process": 1, **merge}, "again"),
        (f"{small}_p1_nomerge", small, {"n_process": 1, **plain}, "fresh"),
        (f"{small}_p2_nomerge", small, {"n_process": 2, **plain}, "fresh"),
        (f"{large}_p2_nomerge", large, {"n_process": 2, **plain}, "fresh"),
        (f"{small}_w2_nomerge", small, {"workers": 2, **plain}, "fresh"),
    ]
    stores: dict[int, Path] = {}
    for name, n, options, mode in plan:
        if mode == "fresh":
            stores[n] = root / f"store-{name}"
        figures = run_build(corpora[n].folder, stores[n], options)
        figures.update(documents=n, options=options)
        figures["docs_per_s"] = n / figures["wall_s"]
        out[name] = figures
        if save is not None:
            save()
        print(
            f"  build {name}: {figures['wall_s']:.1f} s, {figures['docs_per_s']:.1f} docs/s, "
            f"peak {figures['peak_rss_mib']:.0f} MiB (children "
            f"{figures['children_peak_rss_mib']:.0f} MiB); stored {figures['stored']}, "
            f"unchanged {figures['unchanged']}",
            file=sys.stderr,
            flush=True,
        )
    return out


# -- the store, from bench_store.py -----------------------------------------------------------
def store_results(rerun: bool) -> dict | None:
    if rerun:
        subprocess.run(
            [sys.executable, str(HERE / "bench_store.py"), "--sizes", "100000"], check=True
        )
    path = RESULTS / "store.json"
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


# -- the report -------------------------------------------------------------------------------
def _options(options: dict) -> str:
    shown = []
    for key, value in options.items():
        if key == "identity":
            shown.append("events merged" if value else "no merging")
        else:
            shown.append(f"`--{key.replace('_', '-')} {value}`")
    return ", ".join(shown)


def markdown(report: dict) -> str:
    m = report["machine"]
    lines = [
        "# kgraph benchmarks",
        "",
        f"Run {report['date']} by `make bench` (`benchmarks/run.py`) on **{m['cpu']}, "
        f"{m['cores']} cores, {m['memory_gib']} GiB**, {m['os']}; Python {m['python']}, "
        f"spaCy {m['spacy']}, model {m['model']}. Load average {m['load_average_start']:.1f} "
        f"at the start, {report['load_average_end']:.1f} at the end (the machine was "
        "shared: absolute figures are noisy, ratios less so).",
        "",
        f"Total time of the run: {report['total_s'] / 60:.1f} min"
        + ("" if report.get("complete") else " (incomplete: interrupted before the end)")
        + ".",
        "",
    ]
    ex = report.get("extraction")
    if ex:
        lines += [
            "## Extraction vs bare spaCy",
            "",
            f"{ex['documents']} synthetic documents ({ex['words']:,} words); best of "
            f"{ex['repeats']} interleaved runs. spaCy = `spacy.load(model).pipe(texts)`; "
            "kgraph = `Extractor.pipe(documents)` (the same model plus kgraph's paragraph, "
            "actor and event components). Ratio = kgraph throughput / spaCy throughput "
            "(target ≥ 0.80).",
            "",
            "| processes | spaCy docs/s | kgraph docs/s | kgraph words/s | ratio |",
            "|---|---|---|---|---|",
        ]
        for n, r in ex["runs"].items():
            lines.append(
                f"| {n} | {r['spacy_docs_per_s']:.1f} | {r['kgraph_docs_per_s']:.1f} | "
                f"{r['kgraph_words_per_s']:,.0f} | {r['ratio']:.2f} |"
            )
        one, two = ex["runs"].get("1"), ex["runs"].get("2")
        if one and two:
            lines += [
                "",
                f"Speed-up from 1 to 2 processes: kgraph "
                f"{two['kgraph_docs_per_s'] / one['kgraph_docs_per_s']:.2f}×, spaCy "
                f"{two['spacy_docs_per_s'] / one['spacy_docs_per_s']:.2f}×.",
            ]
        lines.append("")
    builds = report.get("builds")
    if builds:
        lines += [
            "## `kgraph build` end to end",
            "",
            "Synthetic Monitor-style corpus (`benchmarks/synth.py`: ~200 words and ~3 events "
            "per document), embedded store on disk, each build in a fresh child process "
            "(model loading included). Peak memory = `ru_maxrss` of the build process; "
            "workers = the largest child process.",
            "",
            "| run | documents | options | time | docs/s | s per 1k docs | peak memory "
            "| workers' peak |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for name, b in builds.items():
            rerun = " (rerun: all unchanged)" if name.endswith("rerun") else ""
            lines.append(
                f"| {name}{rerun} | {b['documents']:,} | {_options(b['options'])} | "
                f"{b['wall_s']:.1f} s | {b['docs_per_s']:.1f} | "
                f"{b['wall_s'] / b['documents'] * 1000:.0f} | {b['peak_rss_mib']:.0f} MiB | "
                f"{b['children_peak_rss_mib']:.0f} MiB |"
            )
        lines.append("")
        derived = report.get("derived", {})
        for text in derived.get("notes", []):
            lines.append(f"- {text}")
        lines.append("")
    store = report.get("store")
    if store and store.get("sizes"):
        lines += [
            "## Store vs rdflib's in-memory Dataset",
            "",
            f"From `benchmarks/bench_store.py` (run {store['date']}; "
            "see `benchmarks/results/store.md`). Ratio = rdflib time / kgraph time.",
            "",
            "| quads | load | who_met | date_range | count_per_relation | top10_connected "
            "| peak memory (rdflib / kgraph) |",
            "|---|---|---|---|---|---|---|",
        ]
        for size in store["sizes"]:
            k, r = size.get("kgraph"), size.get("rdflib")
            if not (k and r):
                continue
            cells = [f"{r['load_s'] / k['load_s']:.1f}×"]
            for q in ("who_met", "date_range", "count_per_relation", "top10_connected"):
                rq, kq = r["queries"].get(q, {}), k["queries"].get(q, {})
                if rq.get("median_s") and kq.get("median_s"):
                    cells.append(f"{rq['median_s'] / kq['median_s']:.0f}×")
                else:
                    cells.append("rdflib timed out")
            cells.append(f"{r['peak_rss_mib'] / k['peak_rss_mib']:.1f}×")
            lines.append(f"| {size['quads']:,} | " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


def derive(builds: dict, sizes: list[int]) -> dict:
    """Ratios between builds: memory growth, speed-ups, the rerun."""
    small, large = sizes[0], sizes[-1]
    notes, out = [], {}
    p1, rerun = builds.get(f"{small}_p1"), builds.get(f"{small}_p1_rerun")
    plain1, plain2 = builds.get(f"{small}_p1_nomerge"), builds.get(f"{small}_p2_nomerge")
    w2, big = builds.get(f"{small}_w2_nomerge"), builds.get(f"{large}_p2_nomerge")
    if p1:
        out["seconds_per_1k"] = p1["wall_s"] / small * 1000
        out["peak_mib_1k"] = p1["peak_rss_mib"]
        notes.append(
            f"`kgraph build` as shipped (one process, events merged): "
            f"{out['seconds_per_1k']:.0f} s per 1,000 documents ({p1['docs_per_s']:.1f} "
            f"docs/s, measured on {small:,}), {p1['peak_rss_mib']:.0f} MiB peak."
        )
    if p1 and rerun:
        out["rerun_vs_build"] = rerun["wall_s"] / p1["wall_s"]
        notes.append(
            f"Rerun over the same {small:,} unchanged documents: {rerun['wall_s']:.1f} s "
            f"({out['rerun_vs_build']:.0%} of the first build), nothing re-extracted."
        )
    if p1 and plain1:
        out["merge_share"] = 1 - plain1["wall_s"] / p1["wall_s"]
        notes.append(
            f"Without event merging: {plain1['docs_per_s']:.1f} docs/s; merging takes "
            f"{out['merge_share']:.0%} of the build time at {small:,} documents."
        )
    if plain1 and plain2:
        out["speedup_n_process_2"] = plain1["wall_s"] / plain2["wall_s"]
        notes.append(
            f"`--n-process 2` vs one process: {out['speedup_n_process_2']:.2f}× speed-up "
            f"on {os.cpu_count()} cores."
        )
    if plain1 and w2:
        out["speedup_workers_2"] = plain1["wall_s"] / w2["wall_s"]
        notes.append(
            f"`--workers 2` (local Dask cluster; start-up and model loading in the workers "
            f"included) vs one process: {out['speedup_workers_2']:.2f}× speed-up."
        )
    if plain2 and big and large != small:
        out["memory_growth"] = big["peak_rss_mib"] / plain2["peak_rss_mib"]
        out["workers_memory_growth"] = big["children_peak_rss_mib"] / max(
            1.0, plain2["children_peak_rss_mib"]
        )
        out["time_growth"] = big["wall_s"] / plain2["wall_s"]
        notes.append(
            f"From {small:,} to {large:,} documents ({large // small}× more, `--n-process 2`): "
            f"peak memory of the build ×{out['memory_growth']:.2f} "
            f"({plain2['peak_rss_mib']:.0f} → {big['peak_rss_mib']:.0f} MiB), of the "
            f"workers ×{out['workers_memory_growth']:.2f}; time ×{out['time_growth']:.1f}."
        )
    out["notes"] = notes
    return out


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    if argv and argv[0] == "--child-build":
        child_build(json.loads(argv[1]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--extract-docs", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke test")
    parser.add_argument("--store-bench", action="store_true", help="rerun bench_store.py")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.extract_docs, args.repeats = [50, 200], 50, 1
    started = time.perf_counter()
    report: dict = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": machine(),
        "sizes": args.sizes,
        "store": store_results(args.store_bench),
        "builds": {},
    }

    def save() -> None:
        """Write what is measured so far: an interrupted run still leaves its figures."""
        report["derived"] = derive(report["builds"], args.sizes)
        report["load_average_end"] = os.getloadavg()[0]
        report["total_s"] = time.perf_counter() - started
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "results.json").write_text(
            json.dumps({k: v for k, v in report.items() if k != "store"}, indent=2) + "\n",
            encoding="utf-8",
        )
        (args.out / "results.md").write_text(markdown(report), encoding="utf-8")

    print(f"machine: {report['machine']}", file=sys.stderr, flush=True)
    with tempfile.TemporaryDirectory(prefix="kgraph-bench-") as folder:
        root = Path(folder)
        from synth import generate

        sample = generate(args.extract_docs, root / "extract-sample", seed=99)
        print("extraction vs bare spaCy ...", file=sys.stderr, flush=True)
        report["extraction"] = bench_extraction(sample.folder, args.extract_docs, args.repeats)
        save()
        print("kgraph build ...", file=sys.stderr, flush=True)
        bench_builds(root, args.sizes, report["builds"], save)
        report["complete"] = True
        save()
    print(f"wrote {args.out / 'results.md'} in {report['total_s'] / 60:.1f} min", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
