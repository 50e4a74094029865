"""The ``KnowledgeGraph`` facade: build a store from texts and ask it who met whom."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import rdflib

from .errors import AmbiguousActorError, InputError, QueryError, UnknownActorError
from .extract import Extractor, Problem
from .kb import ACTOR_BASE, KnowledgeBase
from .model import STATUSES
from .rdf import Run, actor_quads, document_quads, graph_iri, ontology_quads
from .store import Rows, open_store
from .vocab import ACTORS_GRAPH, ONTOLOGY_GRAPH

__all__ = [
    "KnowledgeGraph",
    "Meeting",
    "BuildReport",
    "build",
    "query",
    "who_met",
    "summary",
    "update",
    "export",
    "load",
]

PREFIXES = """PREFIX kg: <https://w3id.org/kgraph/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

_WHO_MET = (
    PREFIXES
    + """
SELECT ?mention ?counterpart ?counterpartName ?start ?end ?place ?status ?doc ?evidence
       ?charStart ?charEnd (GROUP_CONCAT(DISTINCT ?outlet; separator="|") AS ?cites)
WHERE {
  GRAPH ?g {
    { ?mention kg:subject ?actor ; kg:object ?counterpart ; kg:objectText ?counterpartName . }
    UNION
    { ?mention kg:object ?actor ; kg:subject ?counterpart ; kg:subjectText ?counterpartName . }
    ?mention kg:relation "meet" ; kg:status ?statusNode ; kg:evidence ?evidence ;
             kg:charStart ?charStart ; kg:charEnd ?charEnd ; prov:wasDerivedFrom ?docNode .
    ?docNode dcterms:identifier ?doc .
    OPTIONAL { ?mention kg:start ?start ; kg:end ?end }
    OPTIONAL { ?mention kg:placeText ?place }
    OPTIONAL { ?mention kg:citedOutlet ?o . ?o rdfs:label ?outlet }
  }
  VALUES ?statusNode { %s }
  BIND(STRAFTER(STR(?statusNode), "#") AS ?status)
  %s
}
GROUP BY ?mention ?counterpart ?counterpartName ?start ?end ?place ?status ?doc ?evidence
         ?charStart ?charEnd
ORDER BY ?start ?counterpartName ?doc ?charStart
"""
)

_SUMMARY = {
    "documents": PREFIXES
    + "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?g { ?d a kg:Document } }",
    "relations": PREFIXES + "SELECT ?relation (COUNT(?m) AS ?n) "
    "WHERE { GRAPH ?g { ?m a kg:Mention ; kg:relation ?relation } }"
    " GROUP BY ?relation ORDER BY DESC(?n) ?relation",
    "actors": PREFIXES + "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?g { ?m a kg:Mention . "
    "{ ?m kg:subject ?a } UNION { ?m kg:object ?a } } }",
}


@dataclass(frozen=True)
class Meeting:
    """One reported meeting of an actor with a counterpart, with its source.

    ``start``/``end`` are ISO dates (None when the text gives no time); ``document`` is
    the source document id and ``evidence`` the verbatim sentence at ``char_start``.
    """

    actor: str
    counterpart: str
    start: str | None
    end: str | None
    place: str | None
    status: str
    document: str
    evidence: str
    char_start: int
    char_end: int
    cites: tuple[str, ...] = ()
    counterpart_iri: str = ""
    mention: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return the record as a plain dict (for JSON and CSV output)."""
        data = asdict(self)
        data["cites"] = list(self.cites)
        return data


@dataclass
class BuildReport:
    """What a build did: documents stored, skipped as unchanged, events and problems."""

    store: str
    documents: int = 0
    unchanged: int = 0
    events: int = 0
    problems: list[Problem] = field(default_factory=list)


def _text(value) -> str | None:
    return None if value is None else str(value)


def _check_between(between) -> tuple[date, date] | None:
    if between is None:
        return None
    try:
        first, last = between
        first = first if isinstance(first, date) else date.fromisoformat(str(first))
        last = last if isinstance(last, date) else date.fromisoformat(str(last))
    except (TypeError, ValueError) as exc:
        raise InputError(
            f"between={between!r}: give two ISO dates, e.g. 2000-01-01 2000-12-31"
        ) from exc
    if last < first:
        raise InputError(f"between={between!r}: the end comes before the start")
    return first, last


class KnowledgeGraph:
    """A knowledge graph of events in a store: build it from texts, then query it.

    Examples
    --------
    >>> kg = KnowledgeGraph.open(":memory:")
    >>> report = kg.build(["seeds"])
    >>> report.documents
    2
    >>> sorted({m.counterpart for m in kg.who_met("Chi Haotian")})
    ['Igor Sergeev', 'Vladimir Putin']
    """

    def __init__(self, store, *, location: str = "", kb: KnowledgeBase | None = None):
        self.store = store
        self.location = location
        self.kb = kb or KnowledgeBase.load()
        self._extractor: Extractor | None = None

    # -- opening -----------------------------------------------------------------------
    @classmethod
    def open(cls, location: str | Path | None = None, *, read_only: bool = False) -> KnowledgeGraph:
        """Open the store at ``location`` (a folder, ``:memory:`` or a SPARQL server URL).

        The default location is ``$KGRAPH_STORE`` or ``.kgraph/`` in the working folder.
        """
        store = open_store(location, read_only=read_only)
        shown = str(store)
        if shown != ":memory:" and "://" not in shown:
            shown = str(Path(shown).resolve())
        return cls(store, location=shown)

    def close(self) -> None:
        """Close the store."""
        self.store.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def extractor(self) -> Extractor:
        """The extraction pipeline, loaded on first use."""
        if self._extractor is None:
            self._extractor = Extractor()
        return self._extractor

    # -- building ----------------------------------------------------------------------
    def build(
        self,
        paths: Iterable[str | Path],
        *,
        force: bool = False,
        on_problem: Callable[[Problem], None] | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> BuildReport:
        """Extract events from texts and store one named graph per document.

        Rebuilding a document replaces its graph in one transaction; a document whose
        text is unchanged since it was stored is skipped unless ``force``. Unreadable
        files are reported in the result (and to ``on_problem``) while the others are
        still stored.
        """
        report = BuildReport(store=self.location)
        self.store.replace_graph(ONTOLOGY_GRAPH, ontology_quads())
        self.store.replace_graph(ACTORS_GRAPH, actor_quads(self.kb))
        extractor = self.extractor
        run = Run.new(
            spacy_model=extractor.model, spacy_model_version=extractor.nlp.meta.get("version")
        )
        stored = {} if force else self._stored_hashes()

        def problem(p: Problem) -> None:
            report.problems.append(p)
            if on_problem is not None:
                on_problem(p)

        def fresh() -> Iterator:
            for document in extractor.read(paths, on_problem=problem):
                if stored.get(document.id) == document.sha256:
                    report.unchanged += 1
                    if progress is not None:
                        progress(1)
                    continue
                yield document

        for document, events in extractor.pipe(fresh()):
            self.store.replace_graph(
                graph_iri(document.id), document_quads(document, events, run=run)
            )
            report.documents += 1
            report.events += len(events)
            if progress is not None:
                progress(1)
        return report

    def _stored_hashes(self) -> dict[str, str]:
        rows = self.store.query(
            PREFIXES + "SELECT ?id ?sha WHERE { GRAPH ?g { "
            "?d a kg:Document ; dcterms:identifier ?id ; kg:sha256 ?sha } }"
        )
        return {str(r["id"]): str(r["sha"]) for r in rows}

    # -- looking up actors -------------------------------------------------------------
    def resolve(self, name: str) -> str:
        """Return the IRI of the actor a name designates: an alias, surname, Wikidata id or IRI.

        Raises
        ------
        UnknownActorError
            When nothing matches; the message lists close matches.
        AmbiguousActorError
            When several actors match; the message lists them.
        """
        text = name.strip()
        if not text:
            raise UnknownActorError("an empty name matches no actor; give a name such as 'Putin'")
        if text.startswith(("http://", "https://")):
            return text
        if text.upper().startswith("Q") and text[1:].isdigit():
            for entity in self.kb:
                if entity.wikidata and entity.wikidata.upper() == text.upper():
                    return entity.iri
        found = self.kb.lookup(text)
        actors = [e for e in found if e.kind != "city"] or found
        if len(actors) == 1:
            return actors[0].iri
        family = self.kb.by_family_name(text)
        if len(actors) > 1 or len(family) > 1:
            options = ", ".join(sorted({e.name for e in (actors or family)}))
            raise AmbiguousActorError(f"{name!r} is ambiguous: {options}; give the full name")
        if len(family) == 1:
            return family[0].iri
        unlinked = self._unlinked(text)
        if unlinked:
            return unlinked
        names = sorted({e.name for e in self.kb} | {a for e in self.kb for a in e.aliases})
        close = difflib.get_close_matches(text, names, n=5, cutoff=0.6)
        hint = f"; close matches: {', '.join(close)}" if close else "; try `kgraph actors`"
        raise UnknownActorError(f"no actor named {name!r}{hint}")

    def _unlinked(self, name: str) -> str | None:
        rows = self.store.query(
            PREFIXES
            + "SELECT DISTINCT ?a WHERE { GRAPH ?g { ?a a kg:UnlinkedActor ; rdfs:label ?l } "
            "FILTER(LCASE(STR(?l)) = LCASE(STR(?name))) } LIMIT 2",
            {"name": name},
        )
        return str(rows[0]["a"]) if len(rows) == 1 else None

    def actor_name(self, iri: str) -> str:
        """Return the canonical name of an actor IRI."""
        entity = self.kb.get(iri.removeprefix(ACTOR_BASE))
        return entity.name if entity else iri.rsplit("/", 1)[-1]

    # -- questions ---------------------------------------------------------------------
    def who_met(
        self,
        name: str,
        *,
        between: tuple[str | date, str | date] | None = None,
        status: Sequence[str] = ("occurred",),
    ) -> list[Meeting]:
        """Return the meetings of an actor, from the store, in date order.

        Parameters
        ----------
        name : str
            Any alias, surname, Wikidata id or IRI of the actor.
        between : (date, date), optional
            Keep meetings whose dates overlap this interval (ISO strings or dates).
        status : sequence of str
            Statuses to include, among ``occurred``, ``planned``, ``negated``.
        """
        actor = self.resolve(name)
        window = _check_between(between)
        for s in status:
            if s not in STATUSES:
                raise InputError(f"status {s!r}: use one of {', '.join(STATUSES)}")
        values = " ".join(f"kg:{s}" for s in status)
        bindings: dict[str, Any] = {"actor": rdflib.URIRef(actor)}
        date_filter = ""
        if window is not None:
            date_filter = "FILTER(BOUND(?start) && ?end >= ?from && ?start <= ?to)"
            bindings["from"], bindings["to"] = window
        rows = self.store.query(_WHO_MET % (values, date_filter), bindings)
        actor_name = self.actor_name(actor)
        meetings = []
        for row in rows:
            cites = tuple(sorted(c for c in str(row.get("cites") or "").split("|") if c))
            meetings.append(
                Meeting(
                    actor=actor_name,
                    counterpart=self.actor_name(str(row["counterpart"]))
                    if str(row["counterpart"]).startswith(ACTOR_BASE)
                    and not str(row["counterpart"]).startswith(ACTOR_BASE + "unlinked/")
                    else str(row["counterpartName"]),
                    start=_text(row.get("start")),
                    end=_text(row.get("end")),
                    place=_text(row.get("place")),
                    status=str(row["status"]),
                    document=str(row["doc"]),
                    evidence=str(row["evidence"]),
                    char_start=int(row["charStart"]),
                    char_end=int(row["charEnd"]),
                    cites=cites,
                    counterpart_iri=str(row["counterpart"]),
                    mention=str(row["mention"]),
                )
            )
        return meetings

    def sparql(self, query: str, **bindings: Any) -> Rows | bool | rdflib.Graph:
        """Run a read-only SPARQL query with safely bound variables.

        Values are bound without touching the query text (``?actor`` below), so user input
        can never change the query. Updates are refused: use ``update``.

        Examples
        --------
        >>> kg = KnowledgeGraph.open(":memory:")
        >>> kg.sparql("SELECT ?x WHERE { BIND(?v AS ?x) }", v="Putin\\" } ; DROP ALL ; #")[0]["x"]
        rdflib.term.Literal('Putin" } ; DROP ALL ; #')
        """
        return self.store.query(query, bindings or None)

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update: the explicit write path besides building."""
        self.store.update(sparql)

    def summary(self) -> dict[str, Any]:
        """Return counts of what the store holds: documents, mentions per relation, actors."""
        documents = self.store.query(_SUMMARY["documents"])
        relations = self.store.query(_SUMMARY["relations"])
        actors = self.store.query(_SUMMARY["actors"])
        return {
            "store": self.location,
            "documents": int(documents[0]["n"]) if len(documents) else 0,
            "relations": {str(r["relation"]): int(r["n"]) for r in relations},
            "actors": int(actors[0]["n"]) if len(actors) else 0,
        }


# -- functions the CLI commands call ------------------------------------------------------
def build(
    paths: Iterable[str | Path], *, store: str | Path | None = None, **options
) -> BuildReport:
    """Extract events from ``paths`` and load them into the store.

    See :meth:`KnowledgeGraph.build` for the options.
    """
    with KnowledgeGraph.open(store) as kg:
        return kg.build(paths, **options)


def query(sparql: str, *, store: str | Path | None = None, **bindings: Any):
    """Run a read-only SPARQL query on the store (see :meth:`KnowledgeGraph.sparql`)."""
    if not sparql.strip():
        raise QueryError("empty query; give SPARQL text or a .rq file")
    with KnowledgeGraph.open(store, read_only=True) as kg:
        return kg.sparql(sparql, **bindings)


def who_met(name: str, *, store: str | Path | None = None, **options) -> list[Meeting]:
    """Return the meetings of an actor (see :meth:`KnowledgeGraph.who_met`)."""
    with KnowledgeGraph.open(store, read_only=True) as kg:
        return kg.who_met(name, **options)


def summary(*, store: str | Path | None = None) -> dict[str, Any]:
    """Return counts of what the store holds (see :meth:`KnowledgeGraph.summary`)."""
    with KnowledgeGraph.open(store, read_only=True) as kg:
        return kg.summary()


def update(sparql: str, *, store: str | Path | None = None) -> None:
    """Run a SPARQL Update on the store: the explicit write path."""
    if not sparql.strip():
        raise QueryError("empty update; give SPARQL Update text or a .ru file")
    with KnowledgeGraph.open(store) as kg:
        kg.update(sparql)


def export(destination=None, *, format: str = "trig", store: str | Path | None = None):
    """Write the whole store to a file (or return bytes) in TriG, N-Quads, Turtle or JSON-LD."""
    with KnowledgeGraph.open(store, read_only=True) as kg:
        return kg.store.dump(destination, format)


def load(source, *, format: str = "trig", store: str | Path | None = None) -> None:
    """Load a dump written by :func:`export` (or any RDF file) into the store."""
    with KnowledgeGraph.open(store) as kg:
        kg.store.load(source, format)
