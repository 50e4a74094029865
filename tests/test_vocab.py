"""Tests of kgraph.vocab: the KG namespace agrees with ontology/kgraph.ttl and relations.yaml."""

from __future__ import annotations

import pytest
import rdflib
import yaml
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kgraph import vocab
from kgraph.kb import ACTOR_BASE as KB_ACTOR_BASE
from kgraph.kb import ontology_dir
from kgraph.vocab import KG

NS = str(KG._NS)


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_dir() / "kgraph.ttl", format="turtle")


def _ttl_terms(graph: rdflib.Graph) -> set[str]:
    terms = set()
    for node in set(graph.subjects()) | set(graph.predicates()) | set(graph.objects()):
        if isinstance(node, rdflib.URIRef) and str(node).startswith(NS) and str(node) != NS:
            terms.add(str(node)[len(NS) :])
    return terms


def _vocab_terms() -> set[str]:
    return set(KG.__annotations__)


def test_every_ttl_term_is_in_kg(ontology):
    missing = _ttl_terms(ontology) - _vocab_terms()
    assert not missing, f"terms of kgraph.ttl missing from KG: {sorted(missing)}"


def test_every_kg_term_is_declared_in_ttl(ontology):
    declared = {
        str(s)[len(NS) :]
        for s in ontology.subjects(RDF.type, None)
        if isinstance(s, rdflib.URIRef) and str(s).startswith(NS)
    }
    extra = _vocab_terms() - declared
    assert not extra, f"terms of KG not declared in kgraph.ttl: {sorted(extra)}"


def test_every_term_has_label_and_comment(ontology):
    for name in _vocab_terms():
        term = KG[name]
        assert ontology.value(term, RDFS.label) is not None, name
        assert ontology.value(term, RDFS.comment) is not None, name


def test_misspelt_term_raises():
    with pytest.raises(AttributeError):
        KG.meet  # noqa: B018 - the relation is "meet", the property is kg:met


def test_ontology_header(ontology):
    header = rdflib.URIRef(vocab.ONTOLOGY_IRI)
    assert (header, RDF.type, OWL.Ontology) in ontology
    assert str(ontology.value(header, OWL.versionInfo)) == vocab.ONTOLOGY_VERSION == "0.1.0"


def test_base_iris():
    assert vocab.ACTOR_BASE == KB_ACTOR_BASE == "https://w3id.org/kgraph/id/actor/"
    assert vocab.UNLINKED_ACTOR_BASE == "https://w3id.org/kgraph/id/actor/unlinked/"
    assert vocab.OUTLET_BASE == "https://w3id.org/kgraph/id/outlet/"
    assert vocab.DOC_BASE == "https://w3id.org/kgraph/id/doc/"
    assert vocab.RUN_BASE == "https://w3id.org/kgraph/id/run/"
    assert vocab.DOC_GRAPH_BASE == "https://w3id.org/kgraph/graph/doc/"
    assert vocab.ONTOLOGY_GRAPH == "https://w3id.org/kgraph/graph/ontology"
    assert vocab.ACTORS_GRAPH == "https://w3id.org/kgraph/graph/actors"
    assert vocab.EVENTS_GRAPH == "https://w3id.org/kgraph/graph/events"


def test_relations_yaml_agrees_with_ontology(ontology):
    data = yaml.safe_load((ontology_dir() / "relations.yaml").read_text(encoding="utf-8"))
    relations = data["relations"]
    classes = set(ontology.subjects(RDFS.subClassOf, KG.Event))
    assert classes == {KG[row["class"]] for row in relations.values()}
    for name, row in relations.items():
        cls, prop = KG[row["class"]], KG[row["property"]]
        assert (cls, RDF.type, OWL.Class) in ontology
        assert (cls, SKOS.notation, rdflib.Literal(name)) in ontology, name
        assert ontology.value(cls, KG.directProperty) == prop, name
        assert (prop, RDF.type, OWL.ObjectProperty) in ontology, name
        assert ((prop, RDF.type, OWL.SymmetricProperty) in ontology) == bool(row["symmetric"])
        matches = {str(m) for m in ontology.objects(cls, SKOS.closeMatch)}
        expected = {str(vocab.PLOVER[row["plover"]["type"]])}
        expected |= {str(vocab.CAMEO[code]) for code in row["cameo"]}
        assert matches == expected, name
        mode = ontology.value(cls, KG.ploverMode)
        assert (str(mode) if mode is not None else None) == row["plover"].get("mode"), name
        for concept in matches:
            notation = ontology.value(rdflib.URIRef(concept), SKOS.notation)
            assert notation is not None and concept.endswith(str(notation))
        assert str(ontology.value(cls, RDFS.comment)) == row["comment"]
