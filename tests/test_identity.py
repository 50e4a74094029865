"""Tests of kgraph.identity: mentions merged into one event node per real-world event."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import rdflib
from _servers import oxigraph_binary, oxigraph_server
from click.testing import CliRunner
from pyshacl import validate

from kgraph import rdf
from kgraph.cli import cli
from kgraph.errors import InputError, StoreError
from kgraph.evaluate import evaluate_clusters
from kgraph.graph import KnowledgeGraph
from kgraph.identity import (
    EVENT_BASE,
    BatchIngest,
    IdentityRules,
    MentionRecord,
    cluster,
    compatible,
    ingest_document,
    merge_document,
    remove_document,
)
from kgraph.kb import KnowledgeBase, ontology_dir
from kgraph.model import Document, Event
from kgraph.store import open_store
from kgraph.vocab import EVENTS_GRAPH, KG

ROOT = Path(__file__).resolve().parents[1]
IDENTITY = ROOT / "tests" / "data" / "identity"
A = "https://w3id.org/kgraph/id/actor/"
PUTIN, JIANG, YELTSIN = A + "vladimir-putin", A + "jiang-zemin", A + "boris-yeltsin"
RUSSIA, CHINA = A + "russia", A + "china"
BEIJING, DUSHANBE, MOSCOW = A + "beijing", A + "dushanbe", A + "moscow"
RUN = rdf.Run("identity-test", started=datetime(2026, 11, 23, tzinfo=UTC), software_version="0")
RULES = IdentityRules.load()
NAMES = {
    PUTIN: "Vladimir Putin",
    JIANG: "Jiang Zemin",
    YELTSIN: "Boris Yeltsin",
    RUSSIA: "Russia",
    CHINA: "China",
    BEIJING: "Beijing",
    DUSHANBE: "Dushanbe",
    MOSCOW: "Moscow",
}


# -- helpers ----------------------------------------------------------------------------------
def doc_quads(doc_id: str, day: str | None, *mentions: tuple) -> list:
    """The graph of a document whose mentions are (relation, subject, object, start, end,
    place, status)."""
    sentences, events = [], []
    text = f"Publication: Monitor Volume: 6 Issue: 1\n\n{doc_id}."
    for i, (relation, s, o, start, end, place, status) in enumerate(mentions):
        sentence = f" Mention {i} of {doc_id}."
        at = len(text) + 1
        text += sentence
        sentences.append(sentence)
        events.append(
            Event(
                doc=doc_id,
                doc_date=day,
                relation=relation,
                subject=NAMES[s],
                object=NAMES[o],
                subject_iri=s,
                object_iri=o,
                start=start,
                end=end,
                place=NAMES[place] if place else None,
                place_iri=place,
                status=status,
                evidence=sentence.strip(),
                char_start=at,
                char_end=at + len(sentence) - 1,
            )
        )
    document = Document(
        id=doc_id,
        text=text,
        publication="Monitor",
        volume=6,
        issue=1,
        date=date.fromisoformat(day) if day else None,
    )
    return rdf.document_quads(document, events, run=RUN)


def store_doc(store, doc_id: str, day: str | None, *mentions: tuple) -> None:
    """Store a document (as :func:`doc_quads`) and merge it."""
    store.replace_graph(rdf.graph_iri(doc_id), doc_quads(doc_id, day, *mentions))
    merge_document(store, doc_id, rules=RULES)


def events_of(store) -> dict[str, dict]:
    """Event nodes of the store: IRI -> attributes, with sorted mention-document ids."""
    rows = store.query(
        f"""SELECT ?e ?rel ?s ?o ?start ?end ?place ?status ?c (COUNT(DISTINCT ?m) AS ?n)
            (GROUP_CONCAT(STR(?m); separator=" ") AS ?ms) WHERE {{
          GRAPH <{EVENTS_GRAPH}> {{
            ?e a kg:Event ; kg:relation ?rel ; kg:subject ?s ; kg:object ?o ; kg:status ?status ;
               kg:conflict ?c ; kg:mention ?m .
            OPTIONAL {{ ?e kg:start ?start ; kg:end ?end }} OPTIONAL {{ ?e kg:place ?place }} }}
        }} GROUP BY ?e ?rel ?s ?o ?start ?end ?place ?status ?c"""
    )
    out = {}
    for r in rows:
        docs = sorted(m.split("/doc/")[1].split("/")[0] for m in str(r["ms"]).split())
        out[str(r["e"])] = {
            "key": (str(r["rel"]), str(r["s"]), str(r["o"])),
            "start": r["start"] and r["start"].toPython(),
            "end": r["end"] and r["end"].toPython(),
            "place": r["place"] and str(r["place"]),
            "status": str(r["status"]).split("#")[1],
            "count": int(r["n"]),
            "conflict": r["c"].toPython(),
            "docs": docs,
        }
    return out


def by_docs(store) -> dict[tuple[str, ...], dict]:
    return {tuple(e["docs"]): {**e, "iri": iri} for iri, e in events_of(store).items()}


@pytest.fixture
def store():
    with open_store(":memory:") as opened:
        opened.replace_graph(rdf.ACTORS_GRAPH, rdf.actor_quads(KnowledgeBase.load()))
        yield opened


def mention(
    iri, doc, start=None, end=None, place=None, status="occurred", doc_date=None, relation="meet"
):
    return MentionRecord(
        iri,
        doc,
        date.fromisoformat(doc_date) if doc_date else None,
        relation,
        JIANG,
        PUTIN,
        start and date.fromisoformat(start),
        (end or start) and date.fromisoformat(end or start),
        place,
        None,
        status,
    )


# -- the rules --------------------------------------------------------------------------------
def test_rules_load_and_bad_rules_are_one_line(tmp_path):
    assert RULES.tolerance_days == 1 and RULES.status_apart and RULES.distinct_dates
    bad = tmp_path / "identity.yaml"
    bad.write_text("tolerance_days: [1]\n")
    with pytest.raises(InputError, match="malformed identity rules") as caught:
        IdentityRules.load(bad)
    assert "\n" not in str(caught.value)
    with pytest.raises(InputError, match="cannot read"):
        IdentityRules.load(tmp_path / "missing.yaml")


def test_month_and_day_merge_but_not_other_places_or_far_dates():
    july = mention("m1", "d1", "2000-07-01", "2000-07-31", BEIJING, "planned")
    assert compatible(mention("m2", "d2", "2000-07-18"), [july], RULES)
    assert compatible(mention("m2", "d2", "2000-07-18", place=BEIJING), [july], RULES)
    assert not compatible(mention("m2", "d2", "2000-07-18", place=DUSHANBE), [july], RULES)
    assert not compatible(mention("m2", "d2", "2000-08-02"), [july], RULES)
    assert compatible(mention("m2", "d2", "2000-08-01"), [july], RULES)  # one day tolerance


def test_a_visit_dated_by_one_of_its_days_merges_within_a_week():
    # "due to begin a visit on Wednesday" and "the visit ended yesterday", five days later
    begins = mention("a", "d1", "1998-11-25", status="planned", relation="visit")
    ended = mention("b", "d2", "1998-11-30", relation="visit")
    assert compatible(ended, [begins], RULES)
    assert not compatible(mention("b", "d2", "1998-12-03", relation="visit"), [begins], RULES)
    # a meeting is one day: the same days are two meetings
    assert not compatible(
        mention("b", "d2", "1998-11-30"), [mention("a", "d1", "1998-11-25")], RULES
    )
    assert RULES.tolerance("visit") == 7 and RULES.reach == 7


def test_a_planned_mention_dated_before_its_document_counts_as_undated():
    # "the ministry said yesterday that the exercise will be held ...": dated by its
    # announcement, it stands for the document's planned window instead
    rows = {
        "m": "m1",
        "doc": "d1",
        "rel": "meet",
        "s": PUTIN,
        "o": JIANG,
        "status": KG + "planned",
        "start": "2005-08-02",
        "end": "2005-08-02",
        "date": "2005-08-03",
    }
    from kgraph.identity import _record

    announced = _record(rows, RULES)
    assert not announced.dated and announced.span(RULES)[1] == date(2005, 11, 3)
    assert _record({**rows, "status": KG + "occurred"}, RULES).dated
    assert _record({**rows, "start": "2005-08-18", "end": "2005-08-25"}, RULES).dated


def test_vague_mention_does_not_chain_two_events():
    # complete link: a whole-year mention fits both, but the two days stay apart
    events = cluster(
        [
            mention("a", "d1", "2001-06-15"),
            mention("b", "d2", "2001-07-16"),
            mention("c", "d3", "2001-01-01", "2001-12-31"),
        ],
        RULES,
    )
    groups = sorted(sorted(x.iri for x in e.members) for e in events)
    assert groups in ([["a", "c"], ["b"]], [["a"], ["b", "c"]])


def test_undated_mentions_use_a_window_around_the_document_date():
    held = mention("a", "d1", "2000-07-18", place=BEIJING)
    assert compatible(mention("b", "d2", doc_date="2000-07-19"), [held], RULES)
    assert not compatible(mention("b", "d2", doc_date="2000-12-19"), [held], RULES)
    assert not compatible(mention("b", "d2"), [held], RULES)  # no date at all: own event
    # it joins the event nearest its document date, whatever the order of the events
    dushanbe = mention("c", "d3", "2000-07-01", "2000-07-10", DUSHANBE)
    july = mention("d", "d3", "2000-07-01", "2000-07-31")  # same document: kept apart
    events = cluster([dushanbe, july, mention("u", "d5", doc_date="2000-07-18")], RULES)
    assert sorted(sorted(x.iri for x in e.members) for e in events) == [["c"], ["d", "u"]]


def test_same_document_rules():
    planned = mention("a", "d1", "1998-08-25", "1998-12-31", MOSCOW, "planned")
    cancelled = mention("b", "d1", "1998-09-04", "1998-09-05", MOSCOW, "negated")
    assert not compatible(cancelled, [planned], RULES)  # status_apart
    assert compatible(
        mention("b", "d2", "1998-09-04", "1998-09-05", MOSCOW, "negated"), [planned], RULES
    )
    early = mention("c", "d1", "2000-07-01", "2000-07-10", status="planned")
    assert not compatible(
        early, [mention("d", "d1", "2000-07-01", "2000-07-31", status="planned")], RULES
    )  # distinct_dates


# -- the gold clusters ------------------------------------------------------------------------
def test_gold_mentions_are_merged_as_the_gold_clusters():
    report = evaluate_clusters(IDENTITY / "gold", [IDENTITY / "docs"], gold_mentions=True)
    assert report.matched == report.mentions == 67
    assert report.bcubed == (1.0, 1.0)
    assert report.pairwise == (1.0, 1.0)
    assert report.multi == 17 and report.split == [] and report.duplicate_rate == 0.0


@pytest.mark.slow
def test_extracted_mentions_are_merged(extractor):
    report = evaluate_clusters(IDENTITY / "gold", [IDENTITY / "docs"], extractor=extractor)
    assert report.matched >= 30
    precision, recall = report.bcubed
    assert precision >= 0.9 and recall >= 0.85, report.format_text()


def test_cli_evaluate_clusters_and_remove(tmp_path):
    runner = CliRunner()
    result = runner.invoke(
        cli,
        [
            "evaluate",
            "--gold",
            str(IDENTITY / "gold"),
            "--clusters",
            str(IDENTITY / "docs"),
            "--gold-mentions",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "B-cubed P=1.00 R=1.00" in result.output.splitlines()[-1]
    result = runner.invoke(cli, ["remove", "nothing-here", "--store", str(tmp_path / "s")])
    assert result.exit_code == 2
    assert "no document 'nothing-here'" in result.output


# -- event nodes in the store -----------------------------------------------------------------
def _summit(store):
    store_doc(
        store,
        "e01",
        "2000-06-20",
        ("meet", PUTIN, JIANG, "2000-07-01", "2000-07-31", BEIJING, "planned"),
        ("meet", PUTIN, JIANG, "2000-07-01", "2000-07-10", DUSHANBE, "planned"),
    )
    store_doc(
        store,
        "e02",
        "2000-07-18",
        ("meet", JIANG, PUTIN, "2000-07-18", "2000-07-18", BEIJING, "occurred"),
    )
    store_doc(
        store,
        "e04",
        "2000-07-07",
        ("meet", PUTIN, JIANG, "2000-07-05", "2000-07-05", DUSHANBE, "occurred"),
    )


def test_event_node_schema(store):
    _summit(store)
    events = by_docs(store)
    assert len(events) == 2
    summit = events[("e01", "e02")]
    assert summit["key"] == ("meet", JIANG, PUTIN)  # symmetric: the smaller IRI first
    assert summit["iri"].startswith(EVENT_BASE)
    assert (summit["start"], summit["end"]) == (date(2000, 7, 18), date(2000, 7, 18))
    assert summit["place"] == BEIJING and summit["status"] == "occurred"
    assert summit["count"] == 2 and summit["conflict"] is False
    e = rdflib.URIRef(summit["iri"])
    g = rdflib.Graph()
    for s, p, o in _dump_events(store):
        g.add((s, p, o))
    assert (e, rdflib.RDF.type, KG.Meeting) in g and (e, rdflib.RDF.type, KG.Event) in g
    assert set(g.objects(e, rdflib.PROV.wasDerivedFrom)) == {
        rdflib.URIRef(rdf.document_iri(d)) for d in ("e01", "e02")
    }
    assert str(g.value(e, KG.placeText)) == "Beijing"
    # direct triples, both ways, in the events graph: the merged status is occurred
    assert (rdflib.URIRef(PUTIN), KG.met, rdflib.URIRef(JIANG)) in g
    assert (rdflib.URIRef(JIANG), KG.met, rdflib.URIRef(PUTIN)) in g
    # status history: planned (June 20), then occurred (July 18); a step names its mention,
    # whose document and date are in the mention's graph
    rows = store.query(
        f"""SELECT ?date ?from ?to ?doc WHERE {{
          GRAPH <{EVENTS_GRAPH}> {{ <{e}> kg:statusChange ?c . ?c kg:toStatus ?to ; kg:mention ?m
            OPTIONAL {{ ?c kg:fromStatus ?from }} }}
          ?m prov:wasDerivedFrom ?d . ?d dcterms:date ?date ; dcterms:identifier ?doc }}"""
    )
    history = sorted(
        (
            r["date"].toPython(),
            r["from"] and rdflib.URIRef(r["from"]),
            rdflib.URIRef(r["to"]),
            str(r["doc"]),
        )
        for r in rows
    )
    assert history == [
        (date(2000, 6, 20), None, KG.planned, "e01"),
        (date(2000, 7, 18), KG.planned, KG.occurred, "e02"),
    ]
    # what the mentions say is not repeated: no count, no dates or documents on the steps
    assert not set(g.triples((None, KG.mentionCount, None)))
    for c in g.objects(e, KG.statusChange):
        assert set(g.predicates(c, None)) <= {KG.toStatus, KG.fromStatus, KG.mention}


def _event_violations(data: rdflib.Graph, shapes: rdflib.Graph) -> list[str]:
    """Messages of the SHACL results whose focus node is an event or a status change.

    (Oxigraph stores xsd:nonNegativeInteger offsets as xsd:integer, which the mention
    shape refuses; the document graphs are tested in test_rdf.)
    """
    _, results, _ = validate(data, shacl_graph=shapes, inference="none", advanced=True)
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    mine = set(data.subjects(KG.conflict, None)) | set(data.objects(None, KG.statusChange))
    return [
        str(results.value(r, sh.resultMessage)) + " " + str(results.value(r, sh.resultPath))
        for r in results.subjects(sh.focusNode, None)
        if results.value(r, sh.focusNode) in mine
    ]


def test_events_graph_conforms_to_the_shapes(store):
    _summit(store)
    store_doc(
        store,
        "s1",
        "2001-07-17",
        ("agree", RUSSIA, CHINA, "2001-07-16", "2001-07-16", MOSCOW, "occurred"),
    )
    store.replace_graph(rdf.ONTOLOGY_GRAPH, rdf.ontology_quads())  # for rdfs:subClassOf
    data = rdflib.Graph()
    for q in store.oxigraph:
        data.add((rdf.to_rdflib(q.subject), rdf.to_rdflib(q.predicate), rdf.to_rdflib(q.object)))
    shapes = rdflib.Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")
    assert len(set(data.subjects(KG.conflict, None))) == 3
    assert _event_violations(data, shapes) == []
    # and the shapes do judge event nodes and their status changes: a second status, or a
    # step without its mention, is refused
    event = next(iter(data.subjects(KG.conflict, None)))
    broken = rdflib.Graph() + data
    broken.add((event, KG.status, KG.negated))
    assert _event_violations(broken, shapes)
    step = next(iter(data.objects(None, KG.statusChange)))
    data.remove((step, KG.mention, None))
    assert _event_violations(data, shapes)


def test_negated_beside_occurred_is_a_visible_conflict(store):
    store_doc(
        store,
        "n1",
        "1998-11-23",
        ("meet", JIANG, YELTSIN, "1998-11-23", "1998-11-23", MOSCOW, "occurred"),
    )
    store_doc(
        store,
        "n2",
        "1998-11-25",
        ("meet", YELTSIN, JIANG, "1998-11-23", "1998-11-23", None, "negated"),
    )
    (event,) = events_of(store).values()
    assert event["conflict"] is True and event["count"] == 2
    assert event["status"] == "negated"  # the latest report decides
    assert not store.query(f"ASK {{ GRAPH <{EVENTS_GRAPH}> {{ ?a kg:met ?b }} }}")
    store_doc(
        store,
        "n3",
        "1998-12-01",
        ("meet", JIANG, YELTSIN, "1998-11-23", "1998-11-23", MOSCOW, "occurred"),
    )
    (event,) = events_of(store).values()
    assert event["status"] == "occurred" and event["conflict"] is True
    assert store.query(f"ASK {{ GRAPH <{EVENTS_GRAPH}> {{ <{YELTSIN}> kg:met <{JIANG}> }} }}")


def test_state_level_event_is_part_of_the_leaders_event(store):
    store_doc(
        store,
        "s1",
        "2001-07-17",
        ("agree", RUSSIA, CHINA, "2001-07-16", "2001-07-16", None, "occurred"),
    )
    store_doc(
        store,
        "s2",
        "2001-07-16",
        ("agree", JIANG, PUTIN, "2001-07-16", "2001-07-16", MOSCOW, "occurred"),
        ("agree", JIANG, PUTIN, "2001-06-15", "2001-06-15", None, "occurred"),
    )
    events = events_of(store)
    assert len(events) == 3  # nothing dropped
    links = {
        (str(r["a"]), str(r["b"]))
        for r in store.query(
            f"SELECT ?a ?b WHERE {{ GRAPH <{EVENTS_GRAPH}> {{ ?a kg:partOf ?b }} }}"
        )
    }
    state = next(iri for iri, e in events.items() if e["docs"] == ["s1"])
    treaty = next(
        iri for iri, e in events.items() if e["start"] == date(2001, 7, 16) and e["key"][1] == JIANG
    )
    assert links == {(state, treaty)}
    remove_document(store, "s2")
    assert not store.query(f"ASK {{ GRAPH <{EVENTS_GRAPH}> {{ ?a kg:partOf ?b }} }}")


# -- incremental, reversible, stable ----------------------------------------------------------
def _dump_events(store) -> set:
    rows = store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{EVENTS_GRAPH}> {{ ?s ?p ?o }} }}")
    return {(r["s"], r["p"], r["o"]) for r in rows}


def test_remove_and_rebuild_a_document(store):
    _summit(store)
    before = by_docs(store)
    snapshot = _dump_events(store)
    # removing e02 takes its mention out; the summit keeps its IRI (e01 supports it)
    report = remove_document(store, "e02")
    store.drop_graph(rdf.graph_iri("e02"))
    after = by_docs(store)
    assert after[("e01",)]["iri"] == before[("e01", "e02")]["iri"]
    assert after[("e01",)]["status"] == "planned" and report.deleted == []
    # the direct triple stays: the Dushanbe meeting (e04) still says they met
    assert store.query(f"ASK {{ GRAPH <{EVENTS_GRAPH}> {{ <{PUTIN}> kg:met <{JIANG}> }} }}")
    # putting it back gives exactly the same events graph
    store_doc(
        store,
        "e02",
        "2000-07-18",
        ("meet", JIANG, PUTIN, "2000-07-18", "2000-07-18", BEIJING, "occurred"),
    )
    assert _dump_events(store) == snapshot
    # rebuilding a document in place changes nothing either
    store_doc(
        store,
        "e04",
        "2000-07-07",
        ("meet", PUTIN, JIANG, "2000-07-05", "2000-07-05", DUSHANBE, "occurred"),
    )
    assert _dump_events(store) == snapshot
    # an event supported by one document only goes with it
    report = remove_document(store, "e04")
    assert len(report.deleted) == 0 and len(by_docs(store)) == 2  # e01 still supports it
    remove_document(store, "e01")
    assert set(by_docs(store)) == {("e02",)}


def test_build_twice_and_remove_through_the_facade(extractor, tmp_path):
    docs = sorted((IDENTITY / "docs").glob("e1[2-4].txt"))
    with KnowledgeGraph.open(tmp_path / "store") as kg:
        kg._extractor = extractor
        kg.build(docs)
        first = _dump_events(kg.store)
        assert first
        kg.build(docs, force=True)
        assert _dump_events(kg.store) == first
        events = events_of(kg.store)
        held = [
            e
            for e in events.values()
            if e["key"] == ("meet", YELTSIN, JIANG) and e["start"] == date(1998, 11, 23)
        ]
        assert len(held) == 1 and held[0]["docs"] == ["e12", "e13", "e14"]
        kg.remove("e13")
        assert not kg.store.has_graph(rdf.graph_iri("e13"))
        assert all("e13" not in e["docs"] for e in events_of(kg.store).values())


@pytest.mark.skipif(oxigraph_binary() is None, reason="oxigraph server binary not installed")
def test_remote_store_gives_the_same_events(tmp_path):
    embedded = open_store(":memory:")
    with oxigraph_server(tmp_path / "ox") as url, open_store(url) as remote:
        for store in (embedded, remote):
            _summit(store)
        assert by_docs(remote).keys() == by_docs(embedded).keys()
        assert {e["iri"] for e in by_docs(remote).values()} == {
            e["iri"] for e in by_docs(embedded).values()
        }
        remove_document(remote, "e02")
        assert set(by_docs(remote)) == {("e01",), ("e01", "e04")}
        # a build's batches, written to the server, give the events of the embedded store
        remote.update(f"DROP SILENT GRAPH <{EVENTS_GRAPH}>")
        docs = _random_documents(11, [f"r{i:03d}" for i in range(20)])
        again = _random_documents(12, ["r000", "r005"])
        with open_store(":memory:") as local:
            for target in (local, remote):
                target.replace_graph(rdf.ACTORS_GRAPH, rdf.actor_quads(KnowledgeBase.load()))
                for items in (docs, again):
                    batch = BatchIngest(target, RULES, size=5)
                    for doc_id, quads in items:
                        batch.add(doc_id, quads)
                    batch.flush()
            assert _dump_events(remote) == _dump_events(local)
    embedded.close()


# -- the example queries ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def gold_graph():
    from kgraph.evaluate import _gold_clusters, _store_gold, load_gold

    kg = KnowledgeGraph.open(":memory:")
    _store_gold(
        kg,
        load_gold(IDENTITY / "gold"),
        _gold_clusters(IDENTITY / "gold"),
        [IDENTITY / "docs"],
        None,
    )
    yield kg
    kg.close()


@pytest.mark.parametrize("name", ["events_two_outlets.rq", "status_changed.rq"])
def test_queries_explain_themselves(name):
    text = (ROOT / "queries" / name).read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert len(header) >= 3 and any("kgraph query queries/" + name in h for h in header)


def test_events_two_outlets(gold_graph):
    rows = gold_graph.sparql((ROOT / "queries" / "events_two_outlets.rq").read_text())
    found = {
        (str(r["relation"]), str(r["subject"]), str(r["object"]), str(r["start"])): r for r in rows
    }
    visit = found[("visit", "Vladimir Putin", "China", "2000-07-17")]
    assert int(visit["documents"]) == 4 and int(visit["outlets"]) >= 2
    assert all(int(r["documents"]) >= 2 and int(r["outlets"]) >= 2 for r in rows)
    # a singleton event (one document) is not listed
    assert not any(
        str(r["subject"]) == "Keizo Obuchi" or str(r["object"]) == "Keizo Obuchi" for r in rows
    )


def test_status_changed(gold_graph):
    rows = gold_graph.sparql((ROOT / "queries" / "status_changed.rq").read_text())
    steps = {
        (
            str(r["relation"]),
            str(r["subject"]),
            str(r["object"]),
            str(r["from"]),
            str(r["to"]),
            str(r["document"]),
        )
        for r in rows
    }
    assert ("meet", "Boris Yeltsin", "Jiang Zemin", "planned", "occurred", "e13") in steps
    assert ("visit", "Vladimir Putin", "China", "planned", "occurred", "e02") in steps
    assert all(str(r["from"]) != str(r["to"]) for r in rows)


def test_rebuild_events_gives_the_same_graph(store):
    from kgraph.identity import rebuild_events

    _summit(store)
    before = _dump_events(store)
    assert rebuild_events(store, ["e01", "e02", "e04"], rules=RULES) == 2
    assert _dump_events(store) == before


def _random_documents(seed: int, ids: list[str]) -> list[tuple[str, list]]:
    """Documents of random mentions among few actors (leaders and their states), so that
    many merge, some conflict and some state-level events are part of leaders' ones."""
    import random

    rng = random.Random(seed)
    pairs = [(PUTIN, JIANG), (JIANG, PUTIN), (YELTSIN, JIANG), (RUSSIA, CHINA)]
    out = []
    for doc_id in ids:
        day = date(2000, 1, 1).toordinal() + rng.randrange(120)
        mentions = []
        for _ in range(rng.randint(1, 4)):
            s, o = rng.choice(pairs)
            relation = rng.choice(["meet", "meet", "agree", "visit"])
            if relation == "visit":
                o = CHINA if s != JIANG else RUSSIA
            when = date.fromordinal(day + rng.randint(-15, 15))
            start = end = None
            precision = rng.choice(["day", "day", "month", "none"])
            if precision == "day":
                start = end = when.isoformat()
            elif precision == "month":
                start, end = when.replace(day=1).isoformat(), when.replace(day=28).isoformat()
            place = rng.choice([None, None, BEIJING, MOSCOW])
            status = rng.choice(["occurred", "occurred", "planned", "negated"])
            mentions.append((relation, s, o, start, end, place, status))
        out.append((doc_id, doc_quads(doc_id, date.fromordinal(day).isoformat(), *mentions)))
    return out


@pytest.mark.parametrize(("size", "background"), [(1, False), (5, False), (64, False), (5, True)])
def test_batches_give_the_events_of_one_document_at_a_time(store, size, background):
    """A build merges in memory and writes per batch; the events must be those of merging
    one document per update, whatever the batch size, with rebuilt and removed documents,
    and whether a thread of its own writes the batches."""
    docs = _random_documents(11, [f"r{i:03d}" for i in range(40)])
    again = _random_documents(12, [f"r{i:03d}" for i in range(0, 40, 5)])  # changed texts
    with open_store(":memory:") as reference:
        reference.replace_graph(rdf.ACTORS_GRAPH, rdf.actor_quads(KnowledgeBase.load()))
        for doc_id, quads in docs:
            ingest_document(reference, doc_id, quads, rules=RULES)
        remove_document(reference, docs[3][0], rules=RULES)
        reference.drop_graph(rdf.graph_iri(docs[3][0]))
        for doc_id, quads in again:
            ingest_document(reference, doc_id, quads, rules=RULES)
        expected = _dump_events(reference)
    batch = BatchIngest(store, RULES, size=size, background=background)
    for doc_id, quads in docs:
        batch.add(doc_id, quads)
    batch.flush()
    remove_document(store, docs[3][0], rules=RULES)
    store.drop_graph(rdf.graph_iri(docs[3][0]))
    # a second build of changed documents
    batch = BatchIngest(store, RULES, size=size, background=background)
    for doc_id, quads in again:
        batch.add(doc_id, quads)
    batch.flush()
    assert _dump_events(store) == expected
    got = by_docs(store)
    assert any(len(docs_) > 2 for docs_ in got), "the documents should merge"
    assert store.query(f"ASK {{ GRAPH <{EVENTS_GRAPH}> {{ ?a kg:partOf ?b }} }}")


class _FailingStore:
    """A store whose ``fail_at``-th update fails (a full disk, a lost server)."""

    def __init__(self, store, fail_at: int):
        self.store, self.fail_at, self.updates = store, fail_at, 0

    def query(self, sparql: str, *args, **options):
        return self.store.query(sparql, *args, **options)

    def update(self, sparql: str) -> None:
        self.updates += 1
        if self.updates == self.fail_at:
            raise StoreError("the disk is full")
        self.store.update(sparql)


@pytest.mark.parametrize("background", [False, True])
def test_a_failed_batch_stops_the_build_and_leaves_whole_batches(store, background):
    """After a batch's update fails nothing more is written (the events in memory no longer
    match the store's): the store holds the batches before it, their events those of
    merging just those documents."""
    docs = _random_documents(11, [f"r{i:03d}" for i in range(20)])
    failing = _FailingStore(store, fail_at=2)
    batch = BatchIngest(failing, RULES, size=5, background=background)
    with pytest.raises(StoreError, match="disk is full"):
        for doc_id, quads in docs:
            batch.add(doc_id, quads)
        batch.flush()
    assert failing.updates == 2, "no batch after the failed one may be written"
    assert {d for d, _ in docs if store.has_graph(rdf.graph_iri(d))} == {d for d, _ in docs[:5]}
    with open_store(":memory:") as reference:
        reference.replace_graph(rdf.ACTORS_GRAPH, rdf.actor_quads(KnowledgeBase.load()))
        for doc_id, quads in docs[:5]:
            ingest_document(reference, doc_id, quads, rules=RULES)
        assert _dump_events(store) == _dump_events(reference)
