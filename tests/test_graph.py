"""The KnowledgeGraph facade over a real embedded store."""

import pytest

from kgraph.errors import AmbiguousActorError, InputError, QueryError, UnknownActorError
from kgraph.graph import KnowledgeGraph


def test_who_met_comes_from_the_store(seed_graph):
    meetings = {m.counterpart: m for m in seed_graph.who_met("Chi Haotian")}
    assert set(meetings) >= {"Igor Sergeev", "Vladimir Putin"}
    putin = meetings["Vladimir Putin"]
    assert (putin.start, putin.end, putin.place) == ("2000-01-16", "2000-01-18", "Moscow")
    assert putin.document == "000_198158d09da140a2"
    assert "Chi Haotian traveled to Moscow" in putin.evidence


def test_name_lookup_accepts_aliases_surnames_and_wikidata(seed_graph):
    iri = seed_graph.resolve("Vladimir Putin")
    assert seed_graph.resolve("Putin") == iri
    assert seed_graph.resolve("Q7747") == iri
    assert seed_graph.resolve(iri) == iri


def test_unknown_and_ambiguous_names(seed_graph):
    with pytest.raises(UnknownActorError, match="close matches"):
        seed_graph.resolve("Vladimir Putn")
    with pytest.raises(AmbiguousActorError, match="Ivanov"):
        seed_graph.resolve("Ivanov")


def test_between_filters_by_date_overlap(seed_graph):
    assert seed_graph.who_met("Chi Haotian", between=("2000-01-17", "2000-01-17"))
    assert seed_graph.who_met("Chi Haotian", between=("2001-01-01", "2001-12-31")) == []
    with pytest.raises(InputError):
        seed_graph.who_met("Chi Haotian", between=("2001-01-01", "2000-01-01"))


def test_hostile_names_are_bound_not_spliced(seed_graph):
    before = len(seed_graph.store)
    with pytest.raises(UnknownActorError):
        seed_graph.who_met('Putin" } ; DROP ALL ; #')
    rows = seed_graph.sparql("SELECT ?x WHERE { BIND(?v AS ?x) }", v='x" } ; DROP ALL ; #')
    assert str(rows[0]["x"]) == 'x" } ; DROP ALL ; #'
    assert len(seed_graph.store) == before


def test_sparql_refuses_updates(seed_graph):
    with pytest.raises(QueryError):
        seed_graph.sparql("DROP ALL")


def test_rebuild_replaces_and_skips_unchanged(tmp_path, extractor, root):
    kg = KnowledgeGraph.open(tmp_path / "store")
    kg._extractor = extractor
    first = kg.build([root / "seeds"])
    size = len(kg.store)
    again = kg.build([root / "seeds"])
    assert (again.documents, again.unchanged) == (0, 2)
    forced = kg.build([root / "seeds"], force=True)
    assert forced.documents == 2 and len(kg.store) == size
    assert first.events == forced.events
    kg.close()


def test_bad_files_are_reported_and_good_ones_stored(tmp_path, extractor, root):
    (tmp_path / "good.txt").write_text((root / "seeds" / "000_198158d09da140a2.txt").read_text())
    (tmp_path / "empty.txt").write_text("")
    kg = KnowledgeGraph.open(":memory:")
    kg._extractor = extractor
    report = kg.build([tmp_path])
    assert report.documents == 1
    assert [p.path.endswith("empty.txt") for p in report.problems] == [True]
    assert kg.summary()["documents"] == 1
