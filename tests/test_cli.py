"""The command line through click's runner: exit codes, output, errors in one line."""

import json
import re

import pytest
from click.testing import CliRunner

from kgraph.cli import cli


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KGRAPH_STORE", raising=False)
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)

    return invoke


def test_every_command_is_documented_in_the_readme(root):
    readme = (root / "README.md").read_text()
    for name in cli.commands:
        assert f"kgraph {name}" in readme, f"README does not document `kgraph {name}`"


def test_extract_writes_the_jsonl_contract(run, root, tmp_path):
    result = run("extract", root / "seeds", "-o", tmp_path / "events.jsonl")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in (tmp_path / "events.jsonl").read_text().splitlines()]
    assert lines
    required = {
        "doc",
        "doc_date",
        "relation",
        "subject",
        "object",
        "subject_iri",
        "object_iri",
        "start",
        "end",
        "place",
        "status",
        "evidence",
        "char_start",
        "char_end",
        "cites",
        "confidence",
    }
    texts = {p.stem: p.read_text() for p in (root / "seeds").glob("*.txt")}
    for event in lines:
        assert required <= set(event)
        assert texts[event["doc"]][event["char_start"] : event["char_end"]] == event["evidence"]


def test_build_then_who_met(run, root):
    assert run("build", root / "seeds").exit_code == 0
    result = run("who-met", "Chi Haotian", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert {r["counterpart"] for r in rows} >= {"Igor Sergeev", "Vladimir Putin"}
    csv_out = run("who-met", "Chi Haotian", "--format", "csv").output
    assert csv_out.splitlines()[0].startswith("actor,counterpart,start,end")


def test_query_and_summary(run, root):
    run("build", root / "seeds")
    result = run("query", "SELECT (COUNT(*) AS ?n) WHERE { ?a kg:met ?b }", "--format", "json")
    assert result.exit_code == 0 and int(json.loads(result.output)[0]["n"]) > 0
    assert "documents: 2" in run("summary").output


@pytest.mark.parametrize(
    "args",
    [
        ("build", "does-not-exist"),
        ("who-met", "Nobody At All"),
        ("query", "DROP ALL"),
        ("extract", "empty-folder"),
    ],
)
def test_user_errors_are_one_line_and_exit_2(run, args, tmp_path):
    (tmp_path / "empty-folder").mkdir()
    if args[0] in ("who-met", "query"):
        run("build", tmp_path / "empty-folder")  # creates nothing, still an error
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 2, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("kgraph: error:")]
    assert len(errors) == 1 and "Traceback" not in result.output
    assert re.search(r"(;|use|give|check|try)", errors[0])


def test_query_binds_strings_and_iris(run, root):
    run("build", root / "seeds")
    iri = "<https://w3id.org/kgraph/id/actor/vladimir-putin>"
    count = "SELECT (COUNT(?m) AS ?n) WHERE { ?m kg:subject ?a }"
    as_iri = run("query", count, "-p", "a", iri, "--format", "json")
    as_text = run("query", count, "-p", "a", iri[1:-1], "--format", "json")
    assert int(json.loads(as_iri.output)[0]["n"]) > 0
    assert int(json.loads(as_text.output)[0]["n"]) == 0  # a string is not the actor
