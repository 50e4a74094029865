"""Tests for kgraph.evaluate: the scorer of ``kgraph evaluate``, on small real gold folders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kgraph.errors import GoldError
from kgraph.evaluate import (
    Gold,
    Report,
    date_interval,
    load_gold,
    load_predictions,
    normalise_name,
    score,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"

TEXT = (
    "Publication: Monitor Volume: 6 Issue: 52\n\n"
    "Putin and Jiang met in Beijing in July 2000 and agreed to expand trade. "
    "Yeltsin handed power to Putin on December 31. "
    "Russian arms sales to China will rise, officials said. "
    "Moscow criticized the U.S. for its missile plans (Itar-Tass, Reuters, July 20).\n"
)

ENTITIES = [
    {"name": "Russia", "kind": "country", "country": "Russia", "aliases": ["Russian Federation"]},
    {"name": "China", "kind": "country", "country": "China",
     "aliases": ["People's Republic of China", "PRC"]},
    {"name": "United States", "kind": "country", "country": "United States",
     "aliases": ["U.S.", "USA"]},
    {"name": "West", "kind": "organization", "country": None, "aliases": ["the West"]},
    {"name": "Gazprom", "kind": "organization", "country": "Russia", "aliases": []},
    {"name": "Vladimir Putin", "kind": "person", "country": "Russia", "aliases": ["Putin"]},
    {"name": "Boris Yeltsin", "kind": "person", "country": "Russia", "aliases": ["Yeltsin"]},
    {"name": "Jiang Zemin", "kind": "person", "country": "China", "aliases": ["Jiang"]},
    {"name": "Beijing", "kind": "city", "country": "China", "aliases": ["Peking"]},
    {"name": "Moscow", "kind": "city", "country": "Russia", "aliases": []},
]


def event(relation: str, subject: str, obj: str, **attributes) -> dict:
    """A gold event of document d1 with neutral defaults for the attributes."""
    record = {"doc": "d1", "relation": relation, "subject": subject, "object": obj,
              "start": None, "end": None, "place": None, "status": "occurred",
              "evidence": "Putin and Jiang met"}
    record.update(attributes)
    return record


def write_jsonl(path: Path, records: list) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def make_gold(folder: Path, events: list[dict], *, documents=None, entities=None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_jsonl(folder / "documents.jsonl", documents or [{"doc": "d1"}, {"doc": "d2"}])
    write_jsonl(folder / "entities.jsonl", entities or ENTITIES)
    write_jsonl(folder / "events.jsonl", events)
    return folder


@pytest.fixture
def gold_of(tmp_path):
    """Write gold events to a folder and load them back through ``load_gold``."""
    def build(*events: dict, **kwargs) -> Gold:
        return load_gold(make_gold(tmp_path / "gold", list(events), **kwargs))
    return build


def pred(relation: str, subject: str, obj: str, doc: str = "d1", **attributes) -> dict:
    return {"doc": doc, "relation": relation, "subject": subject, "object": obj, **attributes}


def counts(report: Report, which: str = "strict") -> tuple[int, int, int, int]:
    c = getattr(report, which)
    return c.tp, c.fp, c.fn, c.neutral


# ----------------------------------------------------------------------- keys


def test_symmetric_relations_ignore_actor_order(gold_of):
    gold = gold_of(event("meet", "Vladimir Putin", "Jiang Zemin"),
                   event("agree", "Russia", "China"),
                   event("cooperate", "Russia", "China"))
    report = score(gold, [pred("meet", "Jiang", "Putin"), pred("agree", "China", "Russia"),
                          pred("cooperate", "China", "Russia")])
    assert counts(report) == (3, 0, 0, 0)


@pytest.mark.parametrize("relation", ["visit", "support", "transfer_arms", "criticize",
                                      "oppose", "transfer_power", "attack"])
def test_asymmetric_relations_keep_actor_order(gold_of, relation):
    gold = gold_of(event(relation, "Russia", "China"))
    report = score(gold, [pred(relation, "China", "Russia")])
    assert counts(report) == (0, 1, 1, 0)
    assert report.strict.f1 == 0.0
    assert (report.false_positives[0].subject, report.misses[0].subject) == ("China", "Russia")


def test_names_map_through_aliases_case_the_apostrophes_and_whitespace(gold_of):
    gold = gold_of(event("transfer_arms", "Russia", "China"),
                   event("criticize", "Russia", "United States"),
                   event("oppose", "China", "West"))
    report = score(gold, [
        pred("transfer_arms", " the  russian federation", "The People\u2019s Republic of China"),
        pred("criticize", "RUSSIA", "u.s."),
        pred("oppose", "prc", "the West"),
    ])
    assert counts(report) == (3, 0, 0, 0)


def test_unmapped_name_is_a_false_positive(gold_of):
    gold = gold_of(event("criticize", "Russia", "United States"))
    report = score(gold, [pred("criticize", "Russia", "United  Staets")])
    assert counts(report) == (0, 1, 1, 0)
    assert report.false_positives[0].object == "united staets"


def test_repeated_keys_count_once(gold_of):
    gold = gold_of(event("meet", "Vladimir Putin", "Jiang Zemin"))
    report = score(gold, [pred("meet", "Putin", "Jiang"), pred("meet", "Jiang", "Putin"),
                          pred("meet", "Vladimir Putin", "Jiang Zemin"),
                          pred("attack", "Russia", "China"), pred("attack", "Russia", "PRC")])
    assert counts(report) == (1, 1, 0, 0)
    assert report.strict.precision == 0.5 and report.strict.recall == 1.0


def test_optional_keys_are_neutral_and_never_missed(gold_of):
    gold = gold_of(event("meet", "Vladimir Putin", "Jiang Zemin"),
                   event("oppose", "Russia", "West", optional=True),
                   event("support", "China", "Russia", optional=True),
                   event("agree", "Russia", "China"),
                   event("agree", "Russia", "China", optional=True))
    report = score(gold, [pred("meet", "Putin", "Jiang"), pred("oppose", "Russia", "West"),
                          pred("agree", "Russia", "China")])
    assert counts(report) == (2, 0, 0, 1)
    assert report.strict.precision == 1.0
    assert score(gold, [pred("support", "Russia", "China")]).strict.fp == 1


def test_false_negatives_list_the_gold_evidence(gold_of):
    gold = gold_of(event("meet", "Vladimir Putin", "Jiang Zemin"),
                   event("visit", "Vladimir Putin", "China", evidence="visit Beijing"))
    report = score(gold, [pred("meet", "Putin", "Jiang", evidence="Putin and Jiang met")])
    assert counts(report) == (1, 0, 1, 0)
    assert [(m.relation, m.evidence) for m in report.misses] == [("visit", "visit Beijing")]


def test_micro_average_sums_over_documents(gold_of):
    gold = gold_of(event("meet", "Vladimir Putin", "Jiang Zemin"),
                   event("meet", "Vladimir Putin", "Jiang Zemin", doc="d2"),
                   event("visit", "Vladimir Putin", "China", doc="d2"))
    report = score(gold, [pred("meet", "Putin", "Jiang"),
                          pred("meet", "Putin", "Jiang", doc="d2"),
                          pred("attack", "Russia", "China", doc="d2")])
    assert counts(report) == (2, 1, 1, 0)
    assert report.strict.f1 == pytest.approx(2 / 3)
    assert (report.relations["meet"].tp, report.relations["visit"].fn,
            report.relations["attack"].fp) == (2, 1, 1)


def test_docs_restrict_scoring(gold_of):
    gold = gold_of(event("meet", "Vladimir Putin", "Jiang Zemin"),
                   event("visit", "Vladimir Putin", "China", doc="d2"))
    report = score(gold, [pred("meet", "Putin", "Jiang"), pred("attack", "Russia", "China",
                                                              doc="d2")], docs=["d1", "d9"])
    assert report.documents == ["d1"]
    assert counts(report) == (1, 0, 0, 0)
    assert any("'d9'" in note for note in report.notes)
    assert any("1 prediction(s)" in note for note in report.notes)


# ----------------------------------------------------------------------- lenient


def test_lenient_replaces_persons_and_cities_by_their_country(gold_of):
    gold = gold_of(event("meet", "Vladimir Putin", "Jiang Zemin"),
                   event("visit", "Moscow", "China"))
    report = score(gold, [pred("meet", "China", "Russia"), pred("visit", "Russia", "China")])
    assert counts(report) == (0, 2, 2, 0)
    assert counts(report, "lenient") == (2, 0, 0, 0)


def test_lenient_deduplicates_after_mapping_and_keeps_self_keys(gold_of):
    gold = gold_of(event("meet", "Vladimir Putin", "Jiang Zemin"),
                   event("transfer_power", "Boris Yeltsin", "Vladimir Putin"))
    report = score(gold, [pred("meet", "Putin", "Jiang"), pred("meet", "Russia", "China"),
                          pred("transfer_power", "Russia", "Russia")])
    assert counts(report) == (1, 2, 1, 0)
    assert counts(report, "lenient") == (2, 0, 0, 0)


def test_lenient_keeps_organizations_even_with_a_country(gold_of):
    gold = gold_of(event("cooperate", "Gazprom", "China"))
    report = score(gold, [pred("cooperate", "Russia", "China")])
    assert counts(report, "lenient") == (0, 1, 1, 0)


# ----------------------------------------------------------------------- attributes


@pytest.mark.parametrize(("gold_dates", "predicted", "ok"), [
    (("2000-07-10", "2000-07-12"), ("2000-07", None), True),
    (("2000-07-10", "2000-07-12"), ("2000", "2000"), True),
    (("2000-07-10", "2000-07-12"), (None, "2000-07-12"), True),
    (("2000-07", "2000-08"), ("2000-08-31", "2000-09-15"), True),
    (("2000-07-10", "2000-07-12"), ("2000-06", "2000-07-09"), False),
    (("2000-07-10", "2000-07-12"), ("2001", None), False),
    (("2000-07-10", "2000-07-12"), (None, None), False),
    (("2000-07-10", "2000-07-12"), ("July 2000", None), False),
])
def test_date_overlap(gold_of, gold_dates, predicted, ok):
    gold = gold_of(event("meet", "Vladimir Putin", "Jiang Zemin", start=gold_dates[0],
                         end=gold_dates[1]))
    report = score(gold, [pred("meet", "Putin", "Jiang", start=predicted[0], end=predicted[1])])
    date = report.attributes["date"]
    assert (date.matched, date.applicable) == (int(ok), 1)


def test_date_does_not_apply_without_gold_dates(gold_of):
    gold = gold_of(event("meet", "Vladimir Putin", "Jiang Zemin"))
    report = score(gold, [pred("meet", "Putin", "Jiang", start="1990")])
    assert report.attributes["date"].applicable == 0
    assert report.attributes["date"].accuracy is None
    assert "date n/a" in report.format_text().splitlines()[-1]


def test_date_interval_spans_and_errors():
    assert [str(d) for d in date_interval("1999-02", None)] == ["1999-02-01", "1999-02-28"]
    assert date_interval(None, None) is None
    with pytest.raises(ValueError):
        date_interval("1999-13", None)


def test_place_status_and_unjudged_optional_events(gold_of):
    gold = gold_of(event("meet", "Vladimir Putin", "Jiang Zemin", place="Beijing"),
                   event("agree", "Russia", "China"),
                   event("oppose", "Russia", "West", place="Moscow", optional=True))
    report = score(gold, [
        pred("meet", "Putin", "Jiang", place="peking", status="Occurred"),
        pred("agree", "Russia", "China", place="Beijing", status="planned"),
        pred("oppose", "Russia", "West"),
    ])
    place, status = report.attributes["place"], report.attributes["status"]
    assert (place.matched, place.applicable) == (1, 2)
    assert (status.matched, status.applicable) == (1, 2)
    assert {(m.relation, m.attribute) for m in report.attribute_misses
            if m.attribute != "evidence"} == {("agree", "place"), ("agree", "status")}


def test_attributes_use_the_best_prediction_of_a_key(gold_of):
    gold = gold_of(event("meet", "Vladimir Putin", "Jiang Zemin", place="Beijing",
                         start="2000-07", end="2000-07", status="occurred"))
    worse = pred("meet", "Putin", "Jiang", place="Moscow", status="planned")
    better = pred("meet", "Jiang", "Putin", place="Beijing", start="2000", status="occurred")
    for order in ([worse, better], [better, worse]):
        report = score(gold, order)
        assert [a.accuracy for a in report.attributes.values()][:3] == [1.0, 1.0, 1.0]


@pytest.mark.parametrize(("evidence", "ok"), [
    ("Putin and Jiang met in Beijing", True),           # verbatim, covers the gold span
    ("Jiang met in Beijing in July 2000", True),        # verbatim, overlaps it
    ("met", True),                                      # verbatim inside it
    (" in Beijing in July", False),                     # verbatim, only adjacent to it
    ("Putin and Jiang met in Peking", False),           # overlaps as a string, not verbatim
    ("putin and jiang met", False),                     # case changed: not verbatim
    ("Yeltsin handed power to Putin", False),           # verbatim, elsewhere
    ("", False),
    (None, False),
])
def test_evidence_must_be_verbatim_and_overlap_gold(gold_of, evidence, ok):
    gold = gold_of(event("meet", "Vladimir Putin", "Jiang Zemin"))
    report = score(gold, [pred("meet", "Putin", "Jiang", evidence=evidence)],
                   texts={"d1": TEXT})
    assert report.attributes["evidence"].matched == int(ok)
    assert report.attributes["evidence"].applicable == 1
    assert report.notes == []


def test_evidence_without_text_compares_strings_and_says_so(gold_of):
    gold = gold_of(event("meet", "Vladimir Putin", "Jiang Zemin",
                         evidence="Putin and Jiang met in Beijing"))
    near = score(gold, [pred("meet", "Putin", "Jiang", evidence="and Jiang met here")])
    far = score(gold, [pred("meet", "Putin", "Jiang", evidence="Jiang flew home")])
    assert near.attributes["evidence"].matched == 1
    assert far.attributes["evidence"].matched == 0
    assert any("no text for 'd1'" in note for note in near.notes)


def test_gold_evidence_missing_from_text_falls_back_with_a_note(gold_of):
    gold = gold_of(event("meet", "Vladimir Putin", "Jiang Zemin",
                         evidence="Putin and Jiang met in Peking"))
    shared_run = score(gold, [pred("meet", "Putin", "Jiang", evidence="Jiang met in Beijing")],
                       texts={"d1": TEXT})
    assert shared_run.attributes["evidence"].matched == 1
    assert any("not found verbatim" in note for note in shared_run.notes)
    one_token = score(gold, [pred("meet", "Putin", "Jiang", evidence="in Beijing in July")],
                      texts={"d1": TEXT})
    assert one_token.attributes["evidence"].matched == 0
    not_verbatim = score(gold, [pred("meet", "Putin", "Jiang", evidence="Jiang met in Peking")],
                         texts={"d1": TEXT})
    assert not_verbatim.attributes["evidence"].matched == 0


@pytest.mark.parametrize(("cites", "ok"), [
    (["itar-tass"], True),
    (["Bridge News", "  Reuters "], True),
    ("Reuters", True),
    (["Interfax"], False),
    ([], False),
    (None, False),
])
def test_cites_need_one_outlet_in_common(gold_of, cites, ok):
    gold = gold_of(event("criticize", "Russia", "United States", cites=["Itar-Tass", "Reuters"]),
                   event("meet", "Vladimir Putin", "Jiang Zemin"))
    report = score(gold, [pred("criticize", "Moscow", "U.S.", cites=cites),
                          pred("meet", "Putin", "Jiang", cites=cites)])
    assert report.strict.fp == 1   # "Moscow" is a city, not the state Russia
    report = score(gold, [pred("criticize", "Russia", "U.S.", cites=cites),
                          pred("meet", "Putin", "Jiang", cites=cites)])
    assert (report.attributes["cites"].matched, report.attributes["cites"].applicable) == (
        int(ok), 1)


# ----------------------------------------------------------------------- report


def test_report_text_ends_with_the_compact_summary_and_dict_is_json(gold_of):
    gold = gold_of(event("meet", "Vladimir Putin", "Jiang Zemin", start="2000-07",
                         end="2000-07", cites=["Reuters"]),
                   event("visit", "Vladimir Putin", "China"))
    report = score(gold, [pred("meet", "Putin", "Jiang", start="2000-07-01",
                               evidence="Putin and Jiang met", cites=["Xinhua"]),
                          pred("attack", "Russia", "China", evidence="arms sales")],
                   texts={"d1": TEXT})
    text = report.format_text()
    lines = text.splitlines()
    assert lines[-1] == ("strict P=0.50 R=0.50 F1=0.50 | lenient P=0.50 R=0.50 F1=0.50 | "
                         "date 1.00 place 1.00 status 0.00 evidence 1.00 cites 0.00")
    order = [text.index(h) for h in ("strict ", "per relation", "attributes", "misses (1)",
                                     "false positives (1)")]
    assert order == sorted(order)
    assert "attack(Russia, China)  \"arms sales\"" in text
    data = json.loads(json.dumps(report.to_dict()))
    assert data["strict"]["f1"] == 0.5 and data["attributes"]["cites"]["accuracy"] == 0.0
    assert data["misses"][0]["relation"] == "visit"


def test_normalise_name():
    assert normalise_name("  The\tKremlin\u2019s  men ") == "kremlin's men"
    assert normalise_name("Theodore") == "theodore"


# ----------------------------------------------------------------------- errors


@pytest.mark.parametrize(("line", "message"), [
    ('{"doc": "d1", "relation": "meet"', "not valid JSON"),
    ('["meet"]', "not a JSON object"),
    (json.dumps({k: v for k, v in event("meet", "Russia", "China").items() if k != "status"}),
     "missing field 'status'"),
    (json.dumps(event("meets", "Russia", "China")), "unknown relation 'meets'"),
    (json.dumps(event("meet", "Russia", "Chine")), "object 'Chine' is not in entities.jsonl"),
    (json.dumps(event("meet", "Russia", "China", place="Shanghai")), "place 'Shanghai'"),
    (json.dumps(event("meet", "Russia", "China", doc="d7")), "document 'd7' is not in"),
    (json.dumps(event("meet", "Russia", "China", start="2000-02-30")), "field 'start'"),
    (json.dumps(event("meet", "Russia", "China", status="done")), "unknown status 'done'"),
])
def test_gold_errors_name_file_and_line(tmp_path, line, message):
    folder = make_gold(tmp_path / "gold", [event("meet", "Russia", "China")])
    with (folder / "events.jsonl").open("a") as handle:
        handle.write("\n" + line + "\n")
    with pytest.raises(GoldError) as error:
        load_gold(folder)
    text = str(error.value)
    assert f"events.jsonl:3: {message}" in text
    assert "\n" not in text and "; " in text


def test_gold_errors_for_missing_folder_file_and_bad_entities(tmp_path):
    with pytest.raises(GoldError, match="gold folder not found"):
        load_gold(tmp_path / "nowhere")
    folder = make_gold(tmp_path / "gold", [])
    (folder / "documents.jsonl").unlink()
    with pytest.raises(GoldError, match=r"documents\.jsonl: file not found"):
        load_gold(folder)
    clash = [*ENTITIES, {"name": "Putin Institute", "kind": "organization",
                         "aliases": ["the Putin"]}]
    with pytest.raises(GoldError, match=r"entities\.jsonl:11: name 'the Putin' also names"):
        load_gold(make_gold(tmp_path / "clash", [], entities=clash))
    orphan = [*ENTITIES, {"name": "Li Peng", "kind": "person"}]
    with pytest.raises(GoldError, match=r"entities\.jsonl:11: field 'country'"):
        load_gold(make_gold(tmp_path / "orphan", [], entities=orphan))


def test_load_predictions_and_its_errors(tmp_path):
    file = tmp_path / "events.jsonl"
    good = pred("meet", "Putin", "Jiang", extra={"ignored": True})
    write_jsonl(file, [good])
    assert load_predictions(file) == [good]
    file.write_text(json.dumps(good) + "\n\n" + json.dumps(pred("meet", "Putin", "")) + "\n")
    with pytest.raises(GoldError, match=r"events\.jsonl:3: field 'object' is ''"):
        load_predictions(file)
    file.write_text(json.dumps(pred("greet", "Putin", "Jiang")) + "\n")
    with pytest.raises(GoldError, match=r"events\.jsonl:1: unknown relation 'greet'"):
        load_predictions(file)
    with pytest.raises(GoldError, match="file not found"):
        load_predictions(tmp_path / "missing.jsonl")
    with pytest.raises(GoldError, match="prediction 2: missing field 'doc'"):
        score(Gold.from_records([{"doc": "d1"}], ENTITIES, []),
              [pred("meet", "Putin", "Jiang"), {"relation": "meet"}])


# ----------------------------------------------------------------------- real gold


@pytest.mark.parametrize(("gold_dir", "texts_dir"), [("gold", "seeds"),
                                                     ("dev/gold", "dev/docs")])
def test_gold_scored_against_itself_is_perfect(gold_dir, texts_dir):
    if not (SHARED / gold_dir).is_dir():
        pytest.skip(f"{SHARED / gold_dir} is absent (only developers have ../shared)")
    gold = load_gold(SHARED / gold_dir)
    predictions = load_predictions(SHARED / gold_dir / "events.jsonl")
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (SHARED / texts_dir).glob("*.txt")}
    report = score(gold, predictions, texts=texts)
    for figures in (report.strict, report.lenient):
        assert (figures.precision, figures.recall, figures.f1) == (1.0, 1.0, 1.0)
    assert {name: a.accuracy for name, a in report.attributes.items()} == dict.fromkeys(
        ("date", "place", "status", "evidence", "cites"), 1.0)
    assert report.notes == [] and report.misses == [] and report.false_positives == []
    if gold_dir == "gold":
        assert report.strict.tp == 23   # the README's count of required seed events
