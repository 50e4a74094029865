"""The kgraph vocabulary as code: ``KG`` terms, base IRIs of kgraph's resources and named graphs.

``KG`` mirrors ``ontology/kgraph.ttl`` term by term (a test checks that they agree); a
misspelt term raises ``AttributeError``.

Examples
--------
>>> KG.Meeting
rdflib.term.URIRef('https://w3id.org/kgraph/ontology#Meeting')
>>> KG.met in KG
True
>>> graph_iri_for_doc = DOC_GRAPH_BASE + "000_198158d09da140a2"
>>> graph_iri_for_doc
'https://w3id.org/kgraph/graph/doc/000_198158d09da140a2'
"""

from __future__ import annotations

from rdflib import namespace as _namespace
from rdflib.namespace import Namespace
from rdflib.term import URIRef

__all__ = [
    "KG",
    "ONTOLOGY_IRI",
    "ONTOLOGY_VERSION",
    "ID_BASE",
    "ACTOR_BASE",
    "UNLINKED_ACTOR_BASE",
    "OUTLET_BASE",
    "PUBLICATION_BASE",
    "ROLE_BASE",
    "DOC_BASE",
    "RUN_BASE",
    "SOFTWARE_BASE",
    "GRAPH_BASE",
    "DOC_GRAPH_BASE",
    "ONTOLOGY_GRAPH",
    "ACTORS_GRAPH",
    "EVENTS_GRAPH",
    "PLOVER",
    "CAMEO",
    "OA",
    "WIKIDATA_ENTITY",
]

#: IRI of the ontology itself (``kgraph.ttl``) and its ``owl:versionInfo``.
ONTOLOGY_IRI = "https://w3id.org/kgraph/ontology"
ONTOLOGY_VERSION = "0.1.0"

#: Base of every resource kgraph mints.
ID_BASE = "https://w3id.org/kgraph/id/"
#: Actors and places of the knowledge base: ``ACTOR_BASE + slug`` (= ``kgraph.kb.ACTOR_BASE``).
ACTOR_BASE = ID_BASE + "actor/"
#: Actors found in texts but not in the knowledge base: ``UNLINKED_ACTOR_BASE + slug-of-name``.
UNLINKED_ACTOR_BASE = ACTOR_BASE + "unlinked/"
#: News outlets cited by texts: ``OUTLET_BASE + slug``.
OUTLET_BASE = ID_BASE + "outlet/"
#: Publications documents belong to: ``PUBLICATION_BASE + slug``.
PUBLICATION_BASE = ID_BASE + "publication/"
#: Roles of posts (head of state ...): ``ROLE_BASE + role id``.
ROLE_BASE = ID_BASE + "role/"
#: Documents: ``DOC_BASE + percent-encoded doc id``; mentions live under ``<doc>/mention/``.
DOC_BASE = ID_BASE + "doc/"
#: Extraction runs: ``RUN_BASE + run id``.
RUN_BASE = ID_BASE + "run/"
#: Software agents of runs: ``SOFTWARE_BASE + name/version``.
SOFTWARE_BASE = ID_BASE + "software/"

#: Base of kgraph's named graphs.
GRAPH_BASE = "https://w3id.org/kgraph/graph/"
#: One named graph per document: ``DOC_GRAPH_BASE + percent-encoded doc id``.
DOC_GRAPH_BASE = GRAPH_BASE + "doc/"
#: The ontology (``kgraph.ttl``).
ONTOLOGY_GRAPH = GRAPH_BASE + "ontology"
#: The actor knowledge base as RDF.
ACTORS_GRAPH = GRAPH_BASE + "actors"
#: Reserved for merged real-world events (clusters of mentions).
EVENTS_GRAPH = GRAPH_BASE + "events"

#: Concept schemes of the event-coder mappings (``skos:closeMatch`` targets).
PLOVER = Namespace("https://w3id.org/kgraph/ontology/plover#")
CAMEO = Namespace("https://w3id.org/kgraph/ontology/cameo#")
#: The Web Annotation vocabulary (selectors of evidence).
OA = Namespace("http://www.w3.org/ns/oa#")
#: Wikidata entities that linked actors are ``owl:sameAs``.
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"


# The base class is not imported by name: pytest's doctest collection probes the module's
# attributes, and rdflib's DefinedNamespace warns about every unknown attribute asked of it.
class KG(_namespace.DefinedNamespace):
    """The kgraph ontology ``https://w3id.org/kgraph/ontology#`` (prefix ``kg``)."""

    _fail = True
    _NS = Namespace("https://w3id.org/kgraph/ontology#")

    # -- classes -------------------------------------------------------------------------
    # Anyone or anything that can take part in an event: a person, a state, an organization, a city
    # or a group.
    Actor: URIRef
    # Actors sign, conclude, ratify or reach an agreement or compromise.
    Agreement: URIRef
    # An actor sells, supplies or delivers weapons or military technology to another.
    ArmsTransfer: URIRef
    # An actor uses military force against another (air strikes, bombing, war).
    Attack: URIRef
    # A city; a capital can also stand for its state as an actor.
    City: URIRef
    # Material cooperation between actors (military, economic, technical).
    Cooperation: URIRef
    # A sovereign state acting as a whole ("Moscow" or "the Kremlin" often stand for it).
    Country: URIRef
    # An actor criticizes, condemns or denounces another.
    Criticism: URIRef
    # A source text: dcterms:title is its id, kg:text its full text, so evidence offsets can be
    # checked in the store.
    Document: URIRef
    # Something an actor did to or with another actor. Its subclasses are the relations of
    # relations.yaml; a kg:Mention is typed with one of them.
    Event: URIRef
    # One run of the kgraph extractor; mentions are prov:wasGeneratedBy it, and it
    # prov:wasAssociatedWith the software agents (kgraph, the spaCy model).
    ExtractionRun: URIRef
    # A collective actor that is neither a state nor an organization of the knowledge base (e.g.
    # "Chechen rebels").
    Group: URIRef
    # Two actors meet, hold talks, consult or confer in person.
    Meeting: URIRef
    # One extracted statement of an event in one document, with its verbatim evidence; it lives in
    # the document's named graph. Merged real-world events (graph/events) point to their mentions
    # with kg:mention.
    Mention: URIRef
    # An actor opposes, rejects, resists, warns or counters another.
    Opposition: URIRef
    # An international or national organization, ministry, company or alliance.
    Organization: URIRef
    # A news outlet or agency a text cites as its source (e.g. Itar-Tass).
    Outlet: URIRef
    # A natural person, e.g. a head of state or a minister.
    Person: URIRef
    # A place where an event happens.
    Place: URIRef
    # A post held by a person for a tenure: a role, an optional title, a start and an end date.
    Post: URIRef
    # A leader passes or hands over power to a successor.
    PowerTransfer: URIRef
    # A periodical whose issues hold the documents (e.g. the Monitor).
    Publication: URIRef
    # A kind of post, e.g. head of state or foreign minister.
    Role: URIRef
    # Whether a mentioned event occurred, is planned or is negated.
    Status: URIRef
    # One step of a merged event's status history (kg:fromStatus, kg:toStatus, kg:mention; its
    # document and date are the mention's).
    StatusChange: URIRef
    # An actor endorses, backs or defends another's position.
    Support: URIRef
    # Marker class of an actor found in a text but not in the knowledge base; its IRI is made from
    # its name under id/actor/unlinked/.
    UnlinkedActor: URIRef
    # An actor travels to a country (object); the place is the city.
    Visit: URIRef

    # -- properties ----------------------------------------------------------------------
    # Direct actor-to-actor link materialised beside each Agreement mention, from its subject to its
    # object.
    agreedWith: URIRef
    # Direct actor-to-actor link materialised beside each Attack mention, from its subject to its
    # object.
    attacked: URIRef
    # The capital city of a state.
    capital: URIRef
    # Offset just past the evidence's last character (exclusive, like a Python slice).
    charEnd: URIRef
    # Offset (in Unicode code points) of the evidence's first character in the document text.
    charStart: URIRef
    # The date given in the citation of the mention's paragraph.
    citationDate: URIRef
    # An outlet the paragraph of the mention cites as its source.
    citedOutlet: URIRef
    # The extractor's confidence in the mention, between 0 and 1.
    confidence: URIRef
    # True when some mentions of a merged event say it occurred and others that it did not.
    conflict: URIRef
    # Direct actor-to-actor link materialised beside each Cooperation mention, from its subject to
    # its object.
    cooperatedWith: URIRef
    # The state an actor belongs to (a state is its own country).
    country: URIRef
    # Direct actor-to-actor link materialised beside each Criticism mention, from its subject to its
    # object.
    criticized: URIRef
    # The status reported before a status change (absent for the first report).
    fromStatus: URIRef
    # How the document's dcterms:date was found: dateline, citations, volume or unknown.
    dateBasis: URIRef
    # How precisely the text dates the event: day, month or year.
    datePrecision: URIRef
    # An adjective or plural designating a state ("Russian", "the Chinese").
    demonym: URIRef
    # Links an event class to the actor-to-actor property materialised beside each of its mentions.
    directProperty: URIRef
    # Latest day of the event's time span (the last day of the month or year when only those are
    # known).
    end: URIRef
    # Last day of a tenure (absent while the post is held or when unknown).
    endDate: URIRef
    # The verbatim text of the mention; equal to the document's kg:text between kg:charStart and
    # kg:charEnd.
    evidence: URIRef
    # The family name a text may use alone to refer to a person.
    familyName: URIRef
    # A member state or organization of an organization.
    hasMember: URIRef
    # A post the person held, with its tenure.
    holdsPost: URIRef
    # Issue number within the volume.
    issue: URIRef
    # Links a merged real-world event (graph/events), or one of its status changes, to a mention
    # that reports it.
    mention: URIRef
    # Deprecated, no longer written: a merged event's mentions are counted by its kg:mention links.
    mentionCount: URIRef
    # Reserved; not written by kgraph (merged events use kg:mention).
    mentionedIn: URIRef
    # Direct actor-to-actor link materialised beside each Meeting mention, from its subject to its
    # object.
    met: URIRef
    # The actor acted upon (for a symmetric relation: the other actor).
    object: URIRef
    # The object as written in the text or as resolved to a name.
    objectText: URIRef
    # Direct actor-to-actor link materialised beside each Opposition mention, from its subject to
    # its object.
    opposed: URIRef
    # What kind of organization it is, as written in actors.yaml (e.g. alliance, ministry).
    organizationKind: URIRef
    # Where the event happened.
    place: URIRef
    # The place as written in the text.
    placeText: URIRef
    # Links a state-level merged event to the same occasion's event of the states' people.
    partOf: URIRef
    # The PLOVER mode that refines the PLOVER type of an event class (e.g. visit, military).
    ploverMode: URIRef
    # The relation name as in relations.yaml (meet, visit, ...), for simple filtering; it agrees
    # with the event's class.
    relation: URIRef
    # The kind of a post.
    role: URIRef
    # Hex SHA-256 digest of the document's text.
    sha256: URIRef
    # Version of a software agent (kgraph itself or a spaCy model).
    softwareVersion: URIRef
    # The actor whose statement the text reports ("Ivanov said ...").
    speaker: URIRef
    # Earliest day of the event's time span (the first day of the month or year when only those are
    # known).
    start: URIRef
    # First day of a tenure (absent when unknown).
    startDate: URIRef
    # kg:occurred, kg:planned or kg:negated.
    status: URIRef
    # A step of a merged event's status history.
    statusChange: URIRef
    # The actor who acts (for a symmetric relation: the first actor in the text).
    subject: URIRef
    # The subject as written in the text or as resolved to a name.
    subjectText: URIRef
    # Direct actor-to-actor link materialised beside each Support mention, from its subject to its
    # object.
    supported: URIRef
    # The full text of the document; kg:charStart and kg:charEnd of its mentions are offsets into
    # it.
    text: URIRef
    # The status reported from a status change on.
    toStatus: URIRef
    # The display title of a post, e.g. "Prime Minister".
    title: URIRef
    # Direct actor-to-actor link materialised beside each ArmsTransfer mention, from its subject to
    # its object.
    transferredArmsTo: URIRef
    # Direct actor-to-actor link materialised beside each PowerTransfer mention, from its subject to
    # its object.
    transferredPowerTo: URIRef
    # The word that states the relation (a verb or noun lemma).
    trigger: URIRef
    # Direct actor-to-actor link materialised beside each Visit mention, from its subject to its
    # object.
    visited: URIRef
    # Volume number of the publication the document appeared in.
    volume: URIRef

    # -- individuals ---------------------------------------------------------------------
    # The text states that the event did not or will not take place.
    negated: URIRef
    # The text states that the event took place.
    occurred: URIRef
    # The text states that the event is planned, expected or proposed.
    planned: URIRef
