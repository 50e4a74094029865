"""Tests of kgraph.rdf: documents, mentions and the knowledge base as RDF, checked with SHACL."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from pyshacl import validate
from rdflib.compare import isomorphic

from kgraph import rdf
from kgraph.errors import InputError
from kgraph.kb import Entity, KnowledgeBase, Outlet, Post, Publication, ontology_dir
from kgraph.model import Document, Event
from kgraph.vocab import ACTORS_GRAPH, KG, ONTOLOGY_GRAPH

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_198158d09da140a2.txt"
A = "https://w3id.org/kgraph/id/actor/"
RUN = rdf.Run(
    "test-run",
    started=datetime(2026, 11, 23, 12, 0, tzinfo=UTC),
    software_version="0.1.0",
    spacy_model="en_core_web_sm",
    spacy_model_version="3.8.0",
)


def tiny_kb() -> KnowledgeBase:
    """A knowledge base of the actors the seed document names."""
    return KnowledgeBase(
        entities={
            "russia": Entity(
                "russia",
                "Russia",
                "country",
                wikidata="Q159",
                aliases=("Russian Federation",),
                demonyms=("Russian",),
                capital="moscow",
            ),
            "china": Entity(
                "china",
                "China",
                "country",
                wikidata="Q148",
                aliases=("PRC",),
                demonyms=("Chinese",),
                capital="beijing",
            ),
            "moscow": Entity("moscow", "Moscow", "city", country="russia", wikidata="Q649"),
            "beijing": Entity("beijing", "Beijing", "city", country="China", wikidata="Q956"),
            "sco": Entity(
                "sco",
                "Shanghai Cooperation Organisation",
                "organization",
                org_kind="alliance",
                members=("russia", "China"),
            ),
            "putin": Entity(
                "putin",
                "Vladimir Putin",
                "person",
                country="russia",
                wikidata="Q7747",
                family_name="Putin",
                posts=(
                    Post("head_of_state", date(2000, 5, 7), None, "President"),
                    Post(
                        "head_of_government", date(1999, 8, 9), date(2000, 5, 7), "Prime Minister"
                    ),
                ),
            ),
            "yeltsin": Entity(
                "yeltsin",
                "Boris Yeltsin",
                "person",
                country="russia",
                wikidata="Q34453",
                family_name="Yeltsin",
                posts=(Post("head_of_state", date(1991, 7, 10), date(1999, 12, 31)),),
            ),
            "chi-haotian": Entity(
                "chi-haotian",
                "Chi Haotian",
                "person",
                country="china",
                posts=(Post("defense_minister", None, None),),
            ),
            "igor-sergeev": Entity(
                "igor-sergeev",
                "Igor Sergeev",
                "person",
                country="russia",
                aliases=("Igor Sergeyev",),
            ),
        },
        roles={
            "head_of_state": ("president",),
            "head_of_government": ("prime minister", "premier"),
        },
        outlets=[Outlet("Itar-Tass", aliases=("ITAR-TASS",), country="Russia")],
        publications=[Publication("Monitor", first_volume_year=1995)],
    )


def seed_document() -> Document:
    text = SEED.read_text(encoding="utf-8")
    return Document(
        id=SEED.stem,
        text=text,
        path=str(SEED),
        publication="Monitor",
        volume=6,
        issue=52,
        date=date(2000, 3, 14),
        date_basis="citations",
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def _event(doc: Document, evidence: str, **fields) -> Event:
    start = doc.text.index(evidence)
    return Event(
        doc=doc.id,
        doc_date="2000-03-14",
        evidence=evidence,
        char_start=start,
        char_end=start + len(evidence),
        **fields,
    )


def seed_events(doc: Document) -> list[Event]:
    """Events a careful reader extracts from the seed, as the pipeline would emit them."""
    return [
        _event(
            doc,
            "Yeltsin traveled to Beijing in mid-December",
            relation="visit",
            subject="Yeltsin",
            object="China",
            subject_iri=A + "yeltsin",
            object_iri=A + "china",
            start="1999-12",
            end=None,
            place="Beijing",
            place_iri=A + "beijing",
            status="occurred",
            confidence=0.8,
            trigger="travel",
            subject_kind="person",
            object_kind="country",
        ),
        _event(
            doc,
            "chose unexpectedly to pass presidential power to Putin on December 31",
            relation="transfer_power",
            subject="Yeltsin",
            object="Putin",
            subject_iri=A + "yeltsin",
            object_iri=A + "putin",
            start="1999-12-31",
            end="1999-12-31",
            place=None,
            status="occurred",
            confidence=0.9,
            trigger="pass power",
        ),
        _event(
            doc,
            "Chinese Defense Minister Chi Haotian traveled to Moscow",
            relation="visit",
            subject="Chi Haotian",
            object="Russia",
            subject_iri=A + "chi-haotian",
            object_iri=A + "russia",
            start="2000-01-16",
            end="2000-01-18",
            place="Moscow",
            place_iri=A + "moscow",
            status="occurred",
            confidence=0.85,
        ),
        _event(
            doc,
            "talks not only with his Russian counterpart, Defense Minister Igor Sergeev",
            relation="meet",
            subject="Chi Haotian",
            object="Igor Sergeev",
            subject_iri=A + "chi-haotian",
            object_iri=A + "igor-sergeev",
            start="2000-01-16",
            end="2000-01-18",
            place="Moscow",
            place_iri=A + "moscow",
            status="occurred",
            confidence=0.75,
            trigger="talk",
            cites=["Itar-Tass"],
            cites_date="2000-01-20",
            speaker="Sergeev",
            speaker_iri=A + "igor-sergeev",
        ),
        _event(
            doc,
            "any effort to back out of previously agreed-upon arms agreements",
            relation="transfer_arms",
            subject="Moscow",
            object="China",
            subject_iri=A + "russia",
            object_iri=A + "china",
            start=None,
            end=None,
            place=None,
            status="negated",
            confidence=0.4,
        ),
        _event(
            doc,
            "Russian Deputy Prime Minister Ilya Klebanov",
            relation="meet",
            subject="Ilya Klebanov",
            object="top Chinese officials",
            subject_iri="",
            object_iri="",
            start="2000",
            end=None,
            place="Beijing",
            place_iri=None,
            status="planned",
            confidence=0.5,
            subject_kind="person",
            object_kind="group",
        ),
    ]


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return tiny_kb()


def _data_graph(*quad_lists) -> rdflib.Graph:
    graph = rdflib.Graph()
    for quads in quad_lists:
        for q in quads:
            graph.add(
                (rdf.to_rdflib(q.subject), rdf.to_rdflib(q.predicate), rdf.to_rdflib(q.object))
            )
    return graph


def _validate(shapes, *quad_lists) -> tuple[bool, str]:
    conforms, _, report = validate(
        _data_graph(rdf.ontology_quads(), *quad_lists),
        shacl_graph=shapes,
        inference="none",
        advanced=True,
    )
    return conforms, report


# -- IRIs -------------------------------------------------------------------------------------
def test_iris_are_stable_and_encoded():
    doc = seed_document()
    event = seed_events(doc)[0]
    assert rdf.document_iri("a/b c") == "https://w3id.org/kgraph/id/doc/a%2Fb%20c"
    assert rdf.graph_iri(doc.id) == f"https://w3id.org/kgraph/graph/doc/{doc.id}"
    key = (
        f"visit|{A}yeltsin|{A}china|{event.char_start}|{event.char_end}"
        f"|{event.status}|{event.start or ''}|{event.end or ''}"
    )
    digest = hashlib.sha1(key.encode()).hexdigest()[:12]
    assert rdf.mention_iri(event) == f"https://w3id.org/kgraph/id/doc/{doc.id}/mention/{digest}"
    assert rdf.actor_iri_for_name("Ilya  Klebanov") == A + "unlinked/ilya-klebanov"
    assert rdf.actor_iri_for_name("Чечня").startswith(A + "unlinked/x")


# -- document graphs --------------------------------------------------------------------------
def test_seed_document_graph_conforms(shapes, kb):
    doc = seed_document()
    quads = rdf.document_quads(doc, seed_events(doc), run=RUN)
    conforms, report = _validate(shapes, rdf.actor_quads(kb), quads)
    assert conforms, report


def test_every_quad_is_in_the_document_graph():
    doc = seed_document()
    quads = rdf.document_quads(doc, seed_events(doc), run=RUN)
    assert {q.graph_name for q in quads} == {ox.NamedNode(rdf.graph_iri(doc.id))}
    assert len(quads) == len(set(quads))


def test_mention_properties():
    doc = seed_document()
    events = seed_events(doc)
    ds = rdf.to_rdflib_dataset(rdf.document_quads(doc, events, run=RUN))
    g = ds.graph(rdflib.URIRef(rdf.graph_iri(doc.id)))
    meeting = rdflib.URIRef(rdf.mention_iri(events[3]))
    assert (meeting, rdflib.RDF.type, KG.Mention) in g
    assert (meeting, rdflib.RDF.type, KG.Meeting) in g
    assert g.value(meeting, KG.relation) == rdflib.Literal("meet")
    assert g.value(meeting, KG.subject) == rdflib.URIRef(A + "chi-haotian")
    assert g.value(meeting, KG.status) == KG.occurred
    assert g.value(meeting, KG.start).toPython() == date(2000, 1, 16)
    assert g.value(meeting, KG.end).toPython() == date(2000, 1, 18)
    assert str(g.value(meeting, KG.datePrecision)) == "day"
    assert g.value(meeting, KG.citedOutlet) == rdflib.URIRef(rdf.outlet_iri("Itar-Tass"))
    assert g.value(meeting, KG.citationDate).toPython() == date(2000, 1, 20)
    assert g.value(meeting, KG.speaker) == rdflib.URIRef(A + "igor-sergeev")
    # evidence: flat properties and Web Annotation selectors agree with the stored text
    text = str(g.value(rdflib.URIRef(rdf.document_iri(doc.id)), KG.text))
    start, end = int(g.value(meeting, KG.charStart)), int(g.value(meeting, KG.charEnd))
    assert text[start:end] == str(g.value(meeting, KG.evidence)) == events[3].evidence
    rows = list(
        g.query(
            """PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT ?s ?e ?exact WHERE { ?m oa:hasTarget ?t . ?t oa:hasSelector ?p, ?q .
          ?p oa:start ?s ; oa:end ?e . ?q oa:exact ?exact }""",
            initBindings={"m": meeting},
        )
    )
    assert [(int(s), int(e), str(x)) for s, e, x in rows] == [(start, end, events[3].evidence)]
    # month precision spans the month
    visit = rdflib.URIRef(rdf.mention_iri(events[0]))
    assert g.value(visit, KG.start).toPython() == date(1999, 12, 1)
    assert g.value(visit, KG.end).toPython() == date(1999, 12, 31)
    assert str(g.value(visit, KG.datePrecision)) == "month"
    # provenance
    assert g.value(meeting, rdflib.PROV.wasDerivedFrom) == rdflib.URIRef(rdf.document_iri(doc.id))
    assert g.value(meeting, rdflib.PROV.wasGeneratedBy) == rdflib.URIRef(RUN.iri)


def test_direct_triples_only_for_occurred_and_symmetric_both_ways():
    doc = seed_document()
    events = seed_events(doc)
    ds = rdf.to_rdflib_dataset(rdf.document_quads(doc, events, run=RUN))
    g = ds.graph(rdflib.URIRef(rdf.graph_iri(doc.id)))
    chi, sergeev = rdflib.URIRef(A + "chi-haotian"), rdflib.URIRef(A + "igor-sergeev")
    assert (chi, KG.met, sergeev) in g and (sergeev, KG.met, chi) in g
    assert (rdflib.URIRef(A + "yeltsin"), KG.visited, rdflib.URIRef(A + "china")) in g
    assert (rdflib.URIRef(A + "china"), KG.visited, rdflib.URIRef(A + "yeltsin")) not in g
    # negated arms transfer and planned meeting: mentions but no direct triple
    assert not list(g.triples((None, KG.transferredArmsTo, None)))
    klebanov = rdflib.URIRef(A + "unlinked/ilya-klebanov")
    assert not list(g.triples((klebanov, KG.met, None)))
    assert (klebanov, rdflib.RDF.type, KG.UnlinkedActor) in g
    assert (klebanov, rdflib.RDF.type, KG.Person) in g


def test_same_input_gives_same_quads():
    doc = seed_document()
    first = rdf.document_quads(doc, seed_events(doc), run=RUN)
    second = rdf.document_quads(doc, seed_events(doc), run=RUN)
    assert first == second


def test_document_without_events_conforms(shapes):
    doc = Document(id="empty doc", text="Nothing happened.")
    quads = rdf.document_quads(doc, [], run=RUN)
    conforms, report = _validate(shapes, quads)
    assert conforms, report


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"relation": "hug"}, "unknown relation"),
        ({"status": "maybe"}, "unknown status"),
        ({"doc": "other"}, "belongs to document"),
        ({"char_end": 10**7}, "offsets outside"),
    ],
)
def test_bad_events_raise_input_error(change, message):
    doc = seed_document()
    event = seed_events(doc)[0]
    for key, value in change.items():
        setattr(event, key, value)
    with pytest.raises(InputError, match=message):
        rdf.document_quads(doc, [event], run=RUN)


def test_broken_mention_violates_shapes(shapes, kb):
    doc = seed_document()
    event = seed_events(doc)[3]
    quads = rdf.document_quads(doc, [event], run=RUN)
    mention = ox.NamedNode(rdf.mention_iri(event))
    graph = quads[0].graph_name
    broken = [
        q
        for q in quads
        if not (q.subject == mention and q.predicate.value in {str(KG.evidence), str(KG.status)})
    ]
    broken.append(
        ox.Quad(mention, ox.NamedNode(str(KG.status)), ox.NamedNode(str(KG.Actor)), graph)
    )
    broken.append(
        ox.Quad(
            mention,
            ox.NamedNode(str(KG.confidence)),
            ox.Literal("1.5", datatype=ox.NamedNode(str(rdflib.XSD.decimal))),
            graph,
        )
    )
    broken.append(
        ox.Quad(mention, ox.NamedNode(str(rdflib.RDF.type)), ox.NamedNode(str(KG.Attack)), graph)
    )
    conforms, report = _validate(shapes, rdf.actor_quads(kb), broken)
    assert not conforms
    for path in ("evidence", "status", "confidence", "relation"):
        assert re.search(rf"Result Path: (kg:|<{KG._NS}){path}\b", report), path


def test_actor_pointing_outside_kb_violates(shapes, kb):
    doc = seed_document()
    event = seed_events(doc)[2]
    event.object_iri = A + "atlantis"
    conforms, report = _validate(
        shapes, rdf.actor_quads(kb), rdf.document_quads(doc, [event], run=RUN)
    )
    assert not conforms
    assert "atlantis" in report


# -- actors and ontology ----------------------------------------------------------------------
def test_actor_graph_conforms_and_has_posts(shapes, kb):
    quads = rdf.actor_quads(kb)
    assert {q.graph_name for q in quads} == {ox.NamedNode(ACTORS_GRAPH)}
    conforms, report = _validate(shapes, quads)
    assert conforms, report
    g = _data_graph(quads)
    putin = rdflib.URIRef(A + "putin")
    assert g.value(putin, rdflib.OWL.sameAs) == rdflib.URIRef(
        "http://www.wikidata.org/entity/Q7747"
    )
    assert g.value(putin, KG.country) == rdflib.URIRef(A + "russia")
    rows = g.query(
        """PREFIX kg: <https://w3id.org/kgraph/ontology#>
        SELECT ?role ?start ?end WHERE { ?p kg:holdsPost ?post . ?post kg:role ?role ;
          kg:startDate ?start . OPTIONAL { ?post kg:endDate ?end } } ORDER BY ?start""",
        initBindings={"p": putin},
    )
    assert [(str(r).rsplit("/", 1)[1], s.toPython(), e and e.toPython()) for r, s, e in rows] == [
        ("head_of_government", date(1999, 8, 9), date(2000, 5, 7)),
        ("head_of_state", date(2000, 5, 7), None),
    ]
    beijing = rdflib.URIRef(A + "beijing")
    assert g.value(beijing, KG.country) == rdflib.URIRef(A + "china")  # resolved by name
    assert (rdflib.URIRef(A + "china"), KG.capital, beijing) in g
    assert (rdflib.URIRef(A + "sco"), KG.hasMember, rdflib.URIRef(A + "china")) in g
    assert (
        rdflib.URIRef(A + "igor-sergeev"),
        rdflib.SKOS.altLabel,
        rdflib.Literal("Igor Sergeyev"),
    ) in g


def test_ontology_quads_in_ontology_graph():
    quads = rdf.ontology_quads()
    assert {q.graph_name for q in quads} == {ox.NamedNode(ONTOLOGY_GRAPH)}
    parsed = rdflib.Graph().parse(ontology_dir() / "kgraph.ttl")
    assert isomorphic(parsed, _data_graph(quads))


def test_real_knowledge_base_conforms(shapes):
    if not (ontology_dir() / "actors.yaml").exists():
        pytest.skip("ontology/actors.yaml not written yet")
    conforms, report = _validate(shapes, rdf.actor_quads(KnowledgeBase.load()))
    assert conforms, report


# -- rdflib round trip ------------------------------------------------------------------------
def test_rdflib_dataset_round_trip(kb):
    doc = seed_document()
    quads = rdf.document_quads(doc, seed_events(doc), run=RUN) + rdf.actor_quads(kb)
    ds = rdf.to_rdflib_dataset(quads)
    back = list(rdf.from_rdflib_dataset(ds))
    assert set(back) == set(quads)


def test_term_conversion_round_trip():
    terms = [
        ox.NamedNode("https://w3id.org/kgraph/id/actor/putin"),
        ox.Literal("Путин", language="ru"),
        ox.Literal("plain"),
        ox.Literal("0.5", datatype=ox.NamedNode(str(rdflib.XSD.decimal))),
        ox.BlankNode("b1"),
    ]
    for term in terms:
        assert rdf.to_oxigraph(rdf.to_rdflib(term)) == term
    assert rdf.to_oxigraph(True) == ox.Literal(
        "true", datatype=ox.NamedNode(str(rdflib.XSD.boolean))
    )
    assert rdf.to_oxigraph(3).datatype.value == str(rdflib.XSD.integer)
    assert rdf.to_oxigraph(2.5).datatype.value == str(rdflib.XSD.double)
    with pytest.raises(TypeError):
        rdf.to_oxigraph(object())


# -- the real pipeline on the seeds -----------------------------------------------------------
@pytest.mark.slow
def test_seeds_through_the_extractor_conform(shapes):
    extract = pytest.importorskip("kgraph.extract")
    try:
        extractor = extract.Extractor()
    except (ImportError, OSError) as exc:  # no spaCy model installed
        pytest.skip(f"the extractor cannot load: {exc}")
    meta = extractor.nlp.meta
    run = rdf.Run.new(
        spacy_model=f"{meta.get('lang', 'en')}_{meta.get('name', '')}",
        spacy_model_version=meta.get("version"),
    )
    quads, mentions = [], 0
    for document, events in extractor.pipe(extractor.read([ROOT / "seeds"])):
        quads += rdf.document_quads(document, events, run=run)
        mentions += len(events)
    assert mentions > 0
    conforms, report = _validate(shapes, rdf.actor_quads(extractor.kb), quads)
    assert conforms, report


def test_every_class_written_has_a_shape(shapes, kb):
    """Every typed node kgraph writes is the target of a shape (by a class or a superclass)."""
    doc = seed_document()
    data = _data_graph(rdf.actor_quads(kb), rdf.document_quads(doc, seed_events(doc), run=RUN))
    ontology = _data_graph(rdf.ontology_quads())
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    targeted = set(shapes.objects(None, sh.targetClass))
    for node in set(data.subjects(rdflib.RDF.type, None)):
        classes = set()
        for cls in data.objects(node, rdflib.RDF.type):
            classes |= set(ontology.transitive_objects(cls, rdflib.RDFS.subClassOf))
        assert classes & targeted, f"no shape validates {node} ({classes})"


@pytest.mark.slow
def test_the_seed_graph_read_back_from_the_store_conforms(shapes, seed_graph):
    """What the store gives back (Oxigraph writes xsd:nonNegativeInteger as xsd:integer)."""
    import pyoxigraph as ox

    quads = list(ox.parse(seed_graph.store.dump(None, "nquads"), format=ox.RdfFormat.N_QUADS))
    assert quads
    conforms, report = _validate(shapes, quads)
    assert conforms, report
