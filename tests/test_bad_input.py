"""Bad input loses nothing and lets nothing through: one clear line per problem, exit code 2.

Empty, blank, binary, cp1251, latin-1, 50 MB and header-less files, paths that do not exist,
malformed gold folders and prediction files go through the real ``kgraph`` console script
(or click's runner, in-process, for the many gold cases): every problem is one line on
stderr that names the path, says what is wrong and what to do; the good files are still
processed and stored; documents stored before are untouched; no traceback reaches the user.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.errors import DocumentError, InputError
from kgraph.graph import KnowledgeGraph
from kgraph.reader import MAX_DOCUMENT_CHARS, read_document, read_text
from kgraph.store import open_store

KGRAPH = Path(sys.executable).with_name("kgraph")
HEADER = "Publication: Monitor Volume: 6 Issue: 1\n\n"
GOOD_BODY = (
    "Russian President Vladimir Putin met Chinese President Jiang Zemin in Beijing on "
    "July 18. The two leaders signed a joint statement on missile defense (Itar-Tass, July 18)."
)
#: file name -> (bytes, what the problem line must say); None: the file is read and stored.
BAD_FILES: dict[str, tuple[bytes, str | None]] = {
    "good.txt": ((HEADER + GOOD_BODY).encode(), None),
    "no_header.txt": (GOOD_BODY.encode(), None),
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b"  \n\n\t \r\n", "empty file"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "binary file"),
    "cp1251.txt": (
        (HEADER + "Путин встретился с Цзян Цзэминем в Пекине.").encode("cp1251"),
        "not UTF-8",
    ),
    "latin1.txt": (
        (HEADER + "Putin traf Jiang Zemin in Köln, Straße.").encode("latin-1"),
        "not UTF-8",
    ),
}
STORED = {"good", "no_header"}


def kgraph(*args, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the installed ``kgraph`` console script, as a user would."""
    env = {k: v for k, v in os.environ.items() if k != "KGRAPH_STORE"}
    return subprocess.run(
        [str(KGRAPH), *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def write_huge(path: Path, size: int = 50_000_000) -> Path:
    """Write a real-looking text of ``size`` bytes (repeated paragraphs) quickly."""
    block = (HEADER + (GOOD_BODY + "\n\n") * 200).encode()
    with path.open("wb") as handle:
        for _ in range(size // len(block) + 1):
            handle.write(block)
    return path


@pytest.fixture
def bad_folder(tmp_path) -> Path:
    folder = tmp_path / "in"
    (folder / "nested").mkdir(parents=True)
    for name, (data, _) in BAD_FILES.items():
        (folder / name).write_bytes(data)
    write_huge(folder / "nested" / "huge.txt")
    return folder


def assert_problem_lines(stderr: str, folder: Path, missing: Path | None = None) -> None:
    """Each bad input has one line naming it, what is wrong and what to do."""
    assert "Traceback" not in stderr, stderr
    lines = stderr.splitlines()
    expected = {folder / n: what for n, (_, what) in BAD_FILES.items() if what}
    expected[folder / "nested" / "huge.txt"] = "split it into one .txt file per article"
    if missing is not None:
        expected[missing] = "no such file or folder"
    for path, what in expected.items():
        mine = [line for line in lines if line.startswith(f"kgraph: {path}: ")]
        assert len(mine) == 1, (path, stderr)
        assert what in mine[0] and ";" in mine[0], mine[0]
    for name in STORED:
        assert not any(
            f"{folder / name}" in line and "no 'Publication" not in line for line in lines
        )
    errors = [line for line in lines if line.startswith("kgraph: error:")]
    assert len(errors) == 1 and f"{len(expected)} input(s) could not be read" in errors[0]


def test_build_reports_each_bad_file_and_stores_the_good_ones(
    bad_folder, tmp_path, root, extractor
):
    store = tmp_path / "store"
    with KnowledgeGraph.open(store) as kg:  # documents stored before must survive
        kg._extractor = extractor
        kg.build([root / "seeds"])
    with open_store(store, read_only=True) as before:
        seeds = {g: sorted(map(str, before._graph(g))) for g in before.graphs() if "/doc/" in g}
    missing = tmp_path / "does-not-exist"

    started = time.perf_counter()
    result = kgraph("build", bad_folder, missing, "--store", store, cwd=tmp_path)
    elapsed = time.perf_counter() - started

    assert result.returncode == 2, result.stderr
    assert_problem_lines(result.stderr, bad_folder, missing)
    assert result.stdout.startswith("stored 2 documents"), result.stdout
    assert elapsed < 60, f"a build with a 50 MB file took {elapsed:.1f} s"
    with open_store(store, read_only=True) as after:
        ids = {
            str(r["id"])
            for r in after.query("SELECT ?id WHERE { ?d a kg:Document ; dcterms:identifier ?id }")
        }
        assert ids == STORED | {p.stem for p in (root / "seeds").glob("*.txt")}
        for graph, quads in seeds.items():
            assert sorted(map(str, after._graph(graph))) == quads


def test_extract_writes_the_events_of_the_good_files_only(bad_folder, tmp_path):
    out = tmp_path / "events.jsonl"
    missing = tmp_path / "nowhere" / "x.txt"
    result = kgraph("extract", missing, bad_folder, "-o", out, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert_problem_lines(result.stderr, bad_folder, missing)
    events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert events and {e["doc"] for e in events} <= STORED
    assert any(e["relation"] == "meet" and e["doc"] == "good" for e in events)
    text = (HEADER + GOOD_BODY)
    for event in (e for e in events if e["doc"] == "good"):
        assert text[event["char_start"] : event["char_end"]] == event["evidence"]


def test_a_50_mb_file_is_refused_at_once_without_being_read(tmp_path):
    huge = write_huge(tmp_path / "huge.txt")
    started = time.perf_counter()
    with pytest.raises(DocumentError, match=r"huge\.txt: 50 MB, more than the 200,000 characters"):
        read_document(huge)
    assert time.perf_counter() - started < 1.0


def test_a_text_longer_than_the_limit_is_refused_and_one_at_the_limit_is_read():
    body = (GOOD_BODY + "\n\n") * (MAX_DOCUMENT_CHARS // (len(GOOD_BODY) + 2) + 1)
    text = HEADER + body
    with pytest.raises(DocumentError, match="split it into one .txt file per article"):
        read_text(text, "long")
    document = read_text(text[:MAX_DOCUMENT_CHARS], "limit")
    assert len(document.text) == MAX_DOCUMENT_CHARS and document.paragraphs


def test_the_reader_yields_the_good_documents_past_every_problem(bad_folder, tmp_path, extractor):
    missing = tmp_path / "missing.txt"
    problems = []
    documents = list(extractor.read([missing, bad_folder], on_problem=problems.append))
    assert {d.id for d in documents} == STORED
    errors = {Path(p.path).name for p in problems if not p.warning}
    assert errors == {n for n, (_, what) in BAD_FILES.items() if what} | {
        "huge.txt",
        "missing.txt",
    }
    assert [Path(p.path).name for p in problems if p.warning] == ["no_header.txt"]
    with pytest.raises(InputError, match="missing.txt: no such file or folder"):
        list(extractor.read([bad_folder / "good.txt", missing]))


# -- kgraph evaluate -----------------------------------------------------------------------------
def _gold(tmp_path: Path, root: Path) -> Path:
    folder = tmp_path / "gold"
    shutil.copytree(root / "tests" / "data" / "extract" / "gold", folder)
    return folder


def _edit_first_event(folder: Path, change) -> int:
    path = folder / "events.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[0])
    change(record)
    lines[0] = json.dumps(record)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 1


def _append(folder: Path, name: str, data: bytes) -> int:
    path = folder / name
    count = len(path.read_bytes().splitlines())
    with path.open("ab") as handle:
        handle.write(data)
    return count + 1


GOLD_CASES = {
    "invalid JSON": (lambda f: _append(f, "events.jsonl", b'{"doc": "h01", \n'), "not valid JSON"),
    "unknown relation": (
        lambda f: _edit_first_event(f, lambda r: r.update(relation="hug")),
        "unknown relation 'hug'; use one of meet",
    ),
    "missing field": (
        lambda f: _edit_first_event(f, lambda r: r.pop("status")),
        "missing field 'status'",
    ),
    "unknown entity": (
        lambda f: _edit_first_event(f, lambda r: r.update(subject="Nobody Atall")),
        "'Nobody Atall' is not in entities.jsonl",
    ),
    "bad date": (
        lambda f: _edit_first_event(f, lambda r: r.update(start="April 24")),
        "field 'start'",
    ),
    "not an object": (lambda f: _append(f, "entities.jsonl", b"[1, 2]\n"), "not a JSON object"),
    "not UTF-8": (
        lambda f: _append(f, "documents.jsonl", '{"doc": "Пекин"}\n'.encode("cp1251")),
        "not UTF-8",
    ),
    "file missing": (lambda f: (f / "entities.jsonl").unlink(), "file not found"),
    "folder missing": (lambda f: shutil.rmtree(f), "gold folder not found"),
}

PREDICTION_CASES = {
    "invalid JSON": (b'{"doc": "h01", "relation": \n', "not valid JSON"),
    "not an object": (b'["h01", "meet"]\n', "not a JSON object"),
    "missing field": (b'{"doc": "h01", "relation": "meet", "subject": "Putin"}\n', "'object'"),
    "unknown relation": (
        b'{"doc": "h01", "relation": "hug", "subject": "A", "object": "B"}\n',
        "unknown relation 'hug'",
    ),
    "not UTF-8": ('{"doc": "Пекин"}\n'.encode("cp1251"), "not UTF-8"),
    "nested too deeply": (b"[" * 100_000 + b"]" * 100_000 + b"\n", "nested too deeply"),
    "binary": (b"\x00\x01\x02\xff\xfe" * 50, "not"),
}


def _one_error(result, where: str, what: str) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("kgraph: error:")]
    assert len(errors) == 1, result.output
    assert where in errors[0] and what in errors[0] and "; " in errors[0], errors[0]
    return errors[0]


@pytest.mark.parametrize("case", list(GOLD_CASES))
def test_evaluate_with_broken_gold_says_where_and_what(case, tmp_path, root):
    gold = _gold(tmp_path, root)
    predictions = tmp_path / "p.jsonl"
    predictions.write_text(
        '{"doc": "h01", "relation": "meet", "subject": "Jiang Zemin", "object": "Boris Yeltsin"}\n'
    )
    breaks, what = GOLD_CASES[case]
    line = breaks(gold)
    result = CliRunner().invoke(
        cli, ["evaluate", "--gold", str(gold), "--predictions", str(predictions)],
        catch_exceptions=False,
    )
    error = _one_error(result, str(gold), what)
    if isinstance(line, int):
        assert re.search(r"\.jsonl:\d+: ", error), error


@pytest.mark.parametrize("case", list(PREDICTION_CASES))
def test_evaluate_with_broken_predictions_says_where_and_what(case, tmp_path, root):
    predictions = tmp_path / "predictions.jsonl"
    data, what = PREDICTION_CASES[case]
    good = b'{"doc": "h01", "relation": "meet", "subject": "Jiang Zemin", "object": "Yeltsin"}\n'
    predictions.write_bytes(good + data)
    result = CliRunner().invoke(
        cli,
        ["evaluate", "--gold", str(root / "tests/data/extract/gold"), "--predictions",
         str(predictions)],
        catch_exceptions=False,
    )
    _one_error(result, f"{predictions}:2: ", what)


def test_evaluate_scores_odd_but_well_formed_predictions(tmp_path, root):
    """Values of the wrong type in optional fields are misses, not crashes."""
    base = {"doc": "h01", "relation": "agree", "subject": "Boris Yeltsin", "object": "Jiang Zemin"}
    odd = [
        ("start", 5), ("end", ["x"]), ("start", "1997-13-45"), ("place", 7), ("status", None),
        ("status", 3), ("evidence", None), ("evidence", 12), ("cites", 5), ("cites", [1, 2]),
        ("char_start", "x"), ("doc_date", {}),
    ]  # fmt: skip
    predictions = tmp_path / "odd.jsonl"
    predictions.write_text("".join(json.dumps({**base, k: v}) + "\n" for k, v in odd))
    result = CliRunner().invoke(
        cli,
        ["evaluate", "--gold", str(root / "tests/data/extract/gold"), "--predictions",
         str(predictions), "--json"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["strict"]["tp"] == 1


def test_evaluate_console_script_with_a_missing_document_and_broken_predictions(tmp_path, root):
    gold = root / "tests/data/extract/gold"
    broken = tmp_path / "p.jsonl"
    broken.write_bytes("Пекин\n".encode("cp1251"))
    result = kgraph("evaluate", "--gold", gold, "--predictions", broken, cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == f"kgraph: error: {broken}:1: not UTF-8 text; " \
        "write the file as UTF-8 JSON Lines"

    predictions = tmp_path / "ok.jsonl"
    predictions.write_text(
        '{"doc": "h01", "relation": "agree", "subject": "Boris Yeltsin", "object": "Jiang Zemin"}\n'
    )
    missing = tmp_path / "h99.txt"
    docs = root / "tests/data/extract/docs"
    result = kgraph(
        "evaluate", "--gold", gold, "--predictions", predictions, docs / "h01.txt", missing,
        cwd=tmp_path,
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert f"kgraph: {missing}: no such file or folder; check the path" in result.stderr
    assert "documents 1 |" in result.stdout  # the good document was still scored
    assert result.stderr.splitlines()[-1].startswith("kgraph: error: 1 input(s) could not be read")
