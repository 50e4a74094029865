"""The ``KnowledgeGraph`` facade: build a store from texts and ask it who met whom."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import rdflib

from . import answers
from .answers import Actor, EventRecord, Meeting, RelationSummary, Visit
from .errors import AmbiguousActorError, InputError, QueryError, UnknownActorError
from .extract import Extractor, Problem
from .identity import BatchIngest, IdentityRules, MergeReport, remove_document
from .kb import ACTOR_BASE, KnowledgeBase
from .model import STATUSES
from .rdf import Run, actor_quads, document_quads, graph_iri, ontology_quads, relations
from .store import Rows, open_store
from .vocab import ACTORS_GRAPH, EVENTS_GRAPH, ONTOLOGY_GRAPH

__all__ = [
    "KnowledgeGraph",
    "Meeting",
    "Visit",
    "EventRecord",
    "RelationSummary",
    "Actor",
    "BuildReport",
    "build",
    "query",
    "who_met",
    "meetings",
    "visits",
    "timeline",
    "relations_between",
    "actors",
    "events",
    "summary",
    "update",
    "export",
    "load",
]

PREFIXES = answers.PREFIXES  # the prologue every query helper shares


_SUMMARY = {
    "documents": PREFIXES
    + "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?g { ?d a kg:Document } }",
    "relations": PREFIXES + "SELECT ?relation (COUNT(?m) AS ?n) "
    "WHERE { GRAPH ?g { ?m a kg:Mention ; kg:relation ?relation } }"
    " GROUP BY ?relation ORDER BY DESC(?n) ?relation",
    "actors": PREFIXES + "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?g { ?m a kg:Mention . "
    "{ ?m kg:subject ?a } UNION { ?m kg:object ?a } } }",
}


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
        n_process: int = 1,
        workers: int | None = None,
        scheduler: str | None = None,
        identity: bool = True,
        batch: int = 8,
    ) -> BuildReport:
        """Extract events from texts and store one named graph per document.

        Rebuilding a document replaces its graph in one transaction; a document whose
        text is unchanged since it was stored is skipped unless ``force``. Unreadable
        files are reported in the result (and to ``on_problem``) while the others are
        still stored.

        Documents stream through: memory does not grow with the corpus. ``n_process``
        extracts in that many local processes; ``scheduler`` (``tcp://host:port``) or
        ``workers`` (a local Dask cluster of that many processes) extract on Dask
        workers (:mod:`kgraph.distributed`). Either way this process writes the store.

        The mentions of each document are merged into the events graph (one event node
        per real-world event), in memory, and written with their documents ``batch``
        documents per update (:class:`kgraph.identity.BatchIngest`), by a thread of their
        own while the next documents are extracted: a killed build leaves whole batches,
        documents and events together. ``identity=False`` skips the merge (documents are
        still written ``batch`` per update, the same way).
        """
        report = BuildReport(store=self.location)
        rules = IdentityRules.load() if identity else None
        self.store.replace_graph(ONTOLOGY_GRAPH, ontology_quads())
        self.store.replace_graph(ACTORS_GRAPH, actor_quads(self.kb))
        extractor = self.extractor
        run = Run.new(
            spacy_model=extractor.model, spacy_model_version=extractor.nlp.meta.get("version")
        )
        stored = {} if force else self._stored_hashes(merged=identity)

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

        if workers or scheduler:
            from .distributed import extract_on_dask

            results = extract_on_dask(
                fresh(), scheduler=scheduler, workers=workers, extractor=extractor
            )
        else:
            results = extractor.pipe(fresh(), n_process=n_process)
        # documents and their events are written `batch` at a time, in one update each, by a
        # thread of their own while the next documents are extracted
        writer = BatchIngest(self.store, rules, size=batch, background=True)
        try:
            for document, events in results:
                writer.add(document.id, document_quads(document, events, run=run))
                report.documents += 1
                report.events += len(events)
                if progress is not None:
                    progress(1)
        finally:  # an interrupted build (Ctrl-C) still writes the documents it extracted
            writer.flush()
        return report

    def remove(self, doc_id: str) -> MergeReport:
        """Remove a document: its mentions leave their events, then its graph is dropped.

        An event keeps its IRI while another document supports it and is deleted
        otherwise.

        Raises
        ------
        InputError
            When the store holds no document ``doc_id``.
        """
        if not self.store.has_graph(graph_iri(doc_id)):
            raise InputError(
                f"no document {doc_id!r} in {self.location or 'the store'}; "
                "`kgraph summary` counts the documents it holds"
            )
        report = remove_document(self.store, doc_id)
        self.store.drop_graph(graph_iri(doc_id))
        return report

    def _stored_hashes(self, *, merged: bool = False) -> dict[str, str]:
        # With ``merged``, a document whose mentions are not all in the events graph (a
        # build killed between storing it and merging it) does not count as stored.
        unmerged = (
            " FILTER NOT EXISTS { GRAPH ?g { ?m a kg:Mention ; prov:wasDerivedFrom ?d } "
            f"FILTER NOT EXISTS {{ GRAPH <{EVENTS_GRAPH}> {{ ?e kg:mention ?m }} }} }}"
            if merged
            else ""
        )
        rows = self.store.query(
            PREFIXES + "SELECT ?id ?sha WHERE { GRAPH ?g { "
            "?d a kg:Document ; dcterms:identifier ?id ; kg:sha256 ?sha }" + unmerged + " }"
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
        if len(text) > 300:
            raise UnknownActorError(
                f"no actor named {text[:40]!r}... ({len(text)} characters); give a name "
                "such as 'Putin'"
            )
        if text.startswith(("http://", "https://")):
            try:
                return ox.NamedNode(text).value
            except ValueError:
                raise UnknownActorError(
                    f"{name!r} is not a valid IRI; give an actor IRI or a name"
                ) from None
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
    def _statuses(self, status: str | Sequence[str] | None) -> tuple[str, ...]:
        if status is None:
            return ()
        chosen = (status,) if isinstance(status, str) else tuple(status)
        for s in chosen:
            if s not in STATUSES:
                raise InputError(f"status {s!r}: use one of {', '.join(STATUSES)}")
        return () if set(chosen) >= set(STATUSES) else chosen

    def _select(
        self,
        *,
        relation: str | None = None,
        actor: str | None = None,
        other: str | None = None,
        between=None,
        status: str | Sequence[str] | None = None,
        mentions: bool = False,
    ) -> list[EventRecord]:
        if relation is not None and relation not in relations():
            raise InputError(f"relation {relation!r}: use one of {', '.join(relations())}")
        return answers.select_events(
            self.store,
            self.actor_name,
            relation=relation,
            actor=actor,
            other=other,
            window=_check_between(between),
            statuses=self._statuses(status),
            mentions=mentions,
        )

    def who_met(
        self,
        name: str,
        *,
        between: tuple[str | date, str | date] | None = None,
        status: str | Sequence[str] | None = ("occurred",),
        mentions: bool = False,
    ) -> list[Meeting]:
        """Return the meetings of an actor, from the store, in date order.

        Parameters
        ----------
        name : str
            Any alias, surname, Wikidata id or IRI of the actor.
        between : (date, date), optional
            Keep meetings whose dates overlap this interval (ISO strings or dates).
        status : str or sequence of str, optional
            Statuses to include, among ``occurred``, ``planned``, ``negated`` (None: all).
        mentions : bool
            List every mention of a meeting instead of one record per meeting.

        Returns
        -------
        list of Meeting
            Seen from the actor: ``counterpart`` is the other side. Dated meetings first.

        Raises
        ------
        UnknownActorError, AmbiguousActorError
            When the name designates no actor or several.
        InputError
            When ``between`` or ``status`` is malformed.

        Examples
        --------
        >>> kg = KnowledgeGraph.open(":memory:")
        >>> kg.who_met("Putin")
        []
        """
        actor = self.resolve(name)
        records = self._select(
            relation="meet", actor=actor, between=between, status=status, mentions=mentions
        )
        return answers.as_meetings(records, actor)

    def meetings(
        self,
        *,
        between: tuple[str | date, str | date] | None = None,
        status: str | Sequence[str] | None = ("occurred",),
        mentions: bool = False,
    ) -> list[Meeting]:
        """Return every meeting in the store, in date order (options as :meth:`who_met`).

        Examples
        --------
        >>> KnowledgeGraph.open(":memory:").meetings(between=("2000-01-01", "2000-12-31"))
        []
        """
        return answers.as_meetings(
            self._select(relation="meet", between=between, status=status, mentions=mentions)
        )

    def visits(
        self,
        actor: str | None = None,
        *,
        between: tuple[str | date, str | date] | None = None,
        status: str | Sequence[str] | None = ("occurred",),
        mentions: bool = False,
    ) -> list[Visit]:
        """Return visits in date order: all, or those of an actor (visitor or country visited).

        Examples
        --------
        >>> KnowledgeGraph.open(":memory:").visits("China")
        []
        """
        iri = self.resolve(actor) if actor is not None else None
        records = self._select(
            relation="visit", actor=iri, between=between, status=status, mentions=mentions
        )
        return answers.as_visits(records)

    def timeline(
        self,
        actor_or_pair: str | Sequence[str],
        *,
        between: tuple[str | date, str | date] | None = None,
        status: str | Sequence[str] | None = None,
        mentions: bool = False,
    ) -> list[EventRecord]:
        """Return every event of one actor, or between two actors, in date order.

        Parameters
        ----------
        actor_or_pair : str or (str, str)
            One name, or a pair of names (either may be subject or object).
        status : str or sequence of str, optional
            Statuses to include (default: all, so plans and denials show too).

        Examples
        --------
        >>> KnowledgeGraph.open(":memory:").timeline(("Putin", "Jiang Zemin"))
        []
        """
        if isinstance(actor_or_pair, str):
            actor, other = self.resolve(actor_or_pair), None
        else:
            names = list(actor_or_pair)
            if len(names) not in (1, 2):
                raise InputError(f"timeline of {names!r}: give one name or a pair of names")
            actor = self.resolve(names[0])
            other = self.resolve(names[1]) if len(names) == 2 else None
        return self._select(
            actor=actor, other=other, between=between, status=status, mentions=mentions
        )

    def relations_between(
        self, a: str, b: str, *, status: str | Sequence[str] | None = None
    ) -> list[RelationSummary]:
        """Return how two actors relate: one summary per relation, direction and status.

        Examples
        --------
        >>> KnowledgeGraph.open(":memory:").relations_between("Russia", "China")
        []
        """
        records = self._select(actor=self.resolve(a), other=self.resolve(b), status=status)
        return answers.summarize_relations(records)

    def actors(self, kind: str | None = None, country: str | None = None) -> list[Actor]:
        """Return the actors that take part in events, most active first.

        Parameters
        ----------
        kind : str, optional
            ``person``, ``country``, ``organization``, ``city`` or ``group``.
        country : str, optional
            Any name of a country: keep its actors (and the country itself).

        Examples
        --------
        >>> KnowledgeGraph.open(":memory:").actors(kind="person", country="Russia")
        []
        """
        if kind is not None and kind not in answers.KINDS:
            raise InputError(f"kind {kind!r}: use one of {', '.join(answers.KINDS)}")
        iri = self.resolve(country) if country is not None else None
        return answers.select_actors(self.store, self.actor_name, kind=kind, country=iri)

    def events(
        self,
        relation: str | None = None,
        *,
        actor: str | None = None,
        between: tuple[str | date, str | date] | None = None,
        status: str | Sequence[str] | None = None,
        mentions: bool = False,
    ) -> list[EventRecord]:
        """Return events in date order, by relation, actor, time span and status.

        Parameters
        ----------
        relation : str, optional
            A relation of ``ontology/relations.yaml`` (``meet``, ``visit``, ``agree`` ...).
        actor : str, optional
            Any name of an actor taking part (subject or object).
        between : (date, date), optional
            Keep dated events overlapping this interval.
        status : str or sequence of str, optional
            Statuses to include (default: all).
        mentions : bool
            List every mention instead of merged events.

        Examples
        --------
        >>> KnowledgeGraph.open(":memory:").events("visit", actor="Putin")
        []
        """
        iri = self.resolve(actor) if actor is not None else None
        return self._select(
            relation=relation, actor=iri, between=between, status=status, mentions=mentions
        )

    def to_networkx(
        self,
        relation: str | None = None,
        between: tuple[str | date, str | date] | None = None,
        *,
        status: str | Sequence[str] | None = None,
    ):
        """Return the actor network as a ``networkx.MultiDiGraph``, one edge per event.

        Nodes are actor names with ``name``, ``kind``, ``country``, ``wikidata`` and ``iri``;
        edges go from subject to object, keyed by event IRI, with ``relation``, ``start``,
        ``end``, ``place``, ``status``, ``documents``, ``evidence``, ``cites`` and
        ``mentions``.

        Examples
        --------
        >>> KnowledgeGraph.open(":memory:").to_networkx("meet").number_of_edges()
        0
        """
        records = self._select(relation=relation, between=between, status=status)
        actors = answers.select_actors(self.store, self.actor_name)
        return answers.network(records, actors)

    def to_dataframe(
        self,
        relation: str | None = None,
        *,
        actor: str | None = None,
        between: tuple[str | date, str | date] | None = None,
        status: str | Sequence[str] | None = None,
        mentions: bool = False,
    ):
        """Return :meth:`events` as a ``pandas.DataFrame`` (needs pandas installed).

        Raises
        ------
        ImportError
            When pandas is not installed.
        """
        records = self.events(
            relation, actor=actor, between=between, status=status, mentions=mentions
        )
        return answers.to_dataframe(records)

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


def meetings(*, store: str | Path | None = None, **options) -> list[Meeting]:
    """Return every meeting in the store (see :meth:`KnowledgeGraph.meetings`)."""
    with KnowledgeGraph.open(store, read_only=True) as kg:
        return kg.meetings(**options)


def visits(actor: str | None = None, *, store: str | Path | None = None, **options) -> list[Visit]:
    """Return visits, all or an actor's (see :meth:`KnowledgeGraph.visits`)."""
    with KnowledgeGraph.open(store, read_only=True) as kg:
        return kg.visits(actor, **options)


def timeline(
    actor_or_pair: str | Sequence[str], *, store: str | Path | None = None, **options
) -> list[EventRecord]:
    """Return the events of an actor or a pair (see :meth:`KnowledgeGraph.timeline`)."""
    with KnowledgeGraph.open(store, read_only=True) as kg:
        return kg.timeline(actor_or_pair, **options)


def relations_between(
    a: str, b: str, *, store: str | Path | None = None, **options
) -> list[RelationSummary]:
    """Return how two actors relate (see :meth:`KnowledgeGraph.relations_between`)."""
    with KnowledgeGraph.open(store, read_only=True) as kg:
        return kg.relations_between(a, b, **options)


def actors(
    kind: str | None = None, country: str | None = None, *, store: str | Path | None = None
) -> list[Actor]:
    """Return the actors taking part in events (see :meth:`KnowledgeGraph.actors`)."""
    with KnowledgeGraph.open(store, read_only=True) as kg:
        return kg.actors(kind, country)


def events(
    relation: str | None = None, *, store: str | Path | None = None, **options
) -> list[EventRecord]:
    """Return events by relation, actor, dates, status (see :meth:`KnowledgeGraph.events`)."""
    with KnowledgeGraph.open(store, read_only=True) as kg:
        return kg.events(relation, **options)


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
