"""The RDF store: an embedded on-disk Oxigraph store or a remote SPARQL 1.1 endpoint, one API.

``open_store()`` picks the backend from a location: a folder (default ``.kgraph/``, or
``$KGRAPH_STORE``) gives an :class:`EmbeddedStore`, ``":memory:"`` an in-memory one, and an
``http(s)://`` URL a :class:`RemoteStore`. Both implement :class:`Store`: named-graph
replacement (one document = one graph), bulk loading, SPARQL queries with safely bound
variables, explicit updates, and dump/load in Turtle, TriG, N-Quads and JSON-LD.
"""

from __future__ import annotations

import base64
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, Protocol, runtime_checkable

import pyoxigraph as ox
import rdflib

from .errors import QueryError, StoreError, StoreLockedError
from .rdf import from_rdflib_dataset, to_oxigraph, to_rdflib, to_rdflib_dataset

__all__ = [
    "Store",
    "Rows",
    "EmbeddedStore",
    "RemoteStore",
    "open_store",
    "query_form",
    "bind_values",
    "replace_graph_update",
    "FORMATS",
    "DEFAULT_LOCATION",
    "PREFIXES",
]

#: Where ``open_store()`` looks when given no location and ``$KGRAPH_STORE`` is not set.
DEFAULT_LOCATION = ".kgraph"

#: Formats of ``dump``/``load`` by name, with their usual file extension.
FORMATS = {"turtle": ".ttl", "trig": ".trig", "nquads": ".nq", "jsonld": ".jsonld"}

#: Prefixes used when kgraph writes Turtle or TriG.
PREFIXES = {
    "kg": "https://w3id.org/kgraph/ontology#",
    "actor": "https://w3id.org/kgraph/id/actor/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
}

_NATIVE = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
}
_UPDATE_FORMS = {
    "INSERT",
    "DELETE",
    "LOAD",
    "CLEAR",
    "CREATE",
    "DROP",
    "COPY",
    "MOVE",
    "ADD",
    "WITH",
}
_QUERY_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


# -- results ----------------------------------------------------------------------------------
class Rows:
    """The solutions of a SELECT query: ``variables`` and one dict of rdflib terms per row.

    Unbound variables are ``None``. ``truncated`` is True when the query had more rows
    than the ``max_rows`` it was run with.

    Examples
    --------
    >>> rows = Rows(["actor"], [{"actor": rdflib.URIRef("https://w3id.org/kgraph/id/actor/putin")}])
    >>> len(rows), rows.variables, rows[0]["actor"].n3()
    (1, ['actor'], '<https://w3id.org/kgraph/id/actor/putin>')
    """

    def __init__(self, variables: list[str], rows: list[dict[str, Any]], truncated: bool = False):
        self.variables = variables
        self.rows = rows
        self.truncated = truncated

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: int) -> dict[str, Any]:
        return self.rows[index]

    def __repr__(self) -> str:
        return f"<Rows variables={self.variables} rows={len(self.rows)}>"


# -- SPARQL text helpers ----------------------------------------------------------------------
_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_STRING = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n\r]|\\.)*"|\'(?:[^\'\\\n\r]|\\.)*\'',
    re.S,
)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_\-.]*(?::[^\s{}()<>\"',;]*)?|:[^\s{}()<>\"',;]*")
_VARIABLE = re.compile(r"[?$][A-Za-z0-9_]+")
_VARIABLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _tokens(sparql: str) -> Iterator[tuple[str, int, int]]:
    """Yield (token, position, brace depth) of the words and braces outside strings/IRIs."""
    i, depth, n = 0, 0, len(sparql)
    while i < n:
        c = sparql[i]
        if c.isspace():
            i += 1
        elif c == "#":
            end = sparql.find("\n", i)
            i = n if end < 0 else end + 1
        elif c in "\"'":
            match = _STRING.match(sparql, i)
            i = match.end() if match else n
        elif c == "<" and (match := _IRI.match(sparql, i)):
            i = match.end()
        elif c in "?$" and (match := _VARIABLE.match(sparql, i)):
            i = match.end()
        elif c == "{":
            yield "{", i, depth
            depth += 1
            i += 1
        elif c == "}":
            depth -= 1
            yield "}", i, depth
            i += 1
        elif match := _WORD.match(sparql, i):
            yield match.group(0).upper(), i, depth
            i = match.end()
        else:
            i += 1


def query_form(sparql: str) -> str | None:
    """Return the form of a SPARQL request: SELECT, ASK, CONSTRUCT, DESCRIBE, an update
    keyword (INSERT, DELETE, DROP ...) or None when it cannot be told.

    Examples
    --------
    >>> query_form("PREFIX kg: <https://w3id.org/kgraph/ontology#> SELECT * { ?s ?p ?o }")
    'SELECT'
    >>> query_form("# a comment with SELECT\\nDROP ALL")
    'DROP'
    """
    expect_prefix = False
    for token, _, depth in _tokens(sparql):
        if depth:
            continue
        if expect_prefix:
            expect_prefix = False
            continue
        if token in ("PREFIX", "BASE"):
            expect_prefix = token == "PREFIX"
            continue
        return token if token in _QUERY_FORMS | _UPDATE_FORMS else None
    return None


def _check_query(sparql: str) -> str | None:
    form = query_form(sparql)
    if form in _UPDATE_FORMS:
        raise QueryError(
            f"{form} is a SPARQL update; queries are read-only: use kgraph update "
            "(Store.update) to change the store"
        )
    return form


def _variable_name(name: str) -> str:
    bare = name[1:] if name[:1] in "?$" else name
    if not _VARIABLE_NAME.match(bare):
        raise QueryError(f"{name!r} is not a SPARQL variable name")
    return bare


def _terms(bindings: Mapping[str, object] | None) -> dict[str, Any]:
    terms = {}
    for name, value in (bindings or {}).items():
        try:
            terms[_variable_name(name)] = to_oxigraph(value)
        except (TypeError, ValueError) as exc:
            raise QueryError(f"cannot bind ?{name}: {exc}") from exc
    return terms


def bind_values(sparql: str, bindings: Mapping[str, object]) -> str:
    """Return the query with a ``VALUES`` block binding the variables, user text escaped.

    The block opens the outermost WHERE group, so the values constrain the pattern
    (also before GROUP BY); a ``CONSTRUCT WHERE`` or a ``DESCRIBE`` without WHERE gets a
    trailing VALUES clause instead. Terms are written in N-Triples syntax, so a string can
    never end the literal it is in.

    Examples
    --------
    >>> print(bind_values("SELECT ?x WHERE { ?x ?p ?name }", {"name": 'Putin" } ; DROP ALL ; #'}))
    SELECT ?x WHERE { VALUES (?name) { ("Putin\\" } ; DROP ALL ; #") }
     ?x ?p ?name }
    """
    terms = _terms(bindings)
    if not terms:
        return sparql
    names = " ".join(f"?{name}" for name in terms)
    row = " ".join(str(term) for term in terms.values())
    block = f"VALUES ({names}) {{ ({row}) }}\n"
    tokens = [(t, pos) for t, pos, depth in _tokens(sparql) if depth == 0]
    words = [t for t, _ in tokens if t not in "{}"]
    form = next((w for w in words if w not in ("PREFIX", "BASE") and ":" not in w), None)
    where = next((i for i, (t, _) in enumerate(tokens) if t == "WHERE"), None)
    opens = [(i, pos) for i, (t, pos) in enumerate(tokens) if t == "{"]
    target = None
    if form == "CONSTRUCT":
        after = next((i for i, (t, _) in enumerate(tokens) if t == "CONSTRUCT"), 0) + 1
        short_form = after < len(tokens) and tokens[after][0] == "WHERE"
        if not short_form:
            pool = [pos for i, pos in opens if where is None or i > where]
            target = pool[0] if where is not None and pool else (pool[1] if len(pool) > 1 else None)
    elif where is not None:
        target = next((pos for i, pos in opens if i > where), None)
    elif opens:
        target = opens[0][1]
    if target is None:
        return f"{sparql}\n{block}"
    return f"{sparql[: target + 1]} {block}{sparql[target + 1 :]}"


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _triples_text(quads: Iterable[ox.Quad]) -> str:
    return "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads)


def replace_graph_update(graph: str, quads: Iterable[ox.Quad]) -> str:
    """Return the SPARQL Update that replaces a named graph in one request.

    Examples
    --------
    >>> print(replace_graph_update("urn:g", []))
    DROP SILENT GRAPH <urn:g>
    """
    node = _graph_node(graph)
    body = _triples_text(quads)
    update = f"DROP SILENT GRAPH {node}"
    if body:
        update += f" ;\nINSERT DATA {{ GRAPH {node} {{\n{body}}} }}"
    return update


def _graph_node(graph: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(str(graph))
    except ValueError as exc:
        raise StoreError(f"{graph!r} is not a valid graph IRI ({exc})") from exc


def _format(format: str) -> str:
    name = format.lower().replace("-", "").replace("_", "")
    name = {"ttl": "turtle", "nq": "nquads", "json": "jsonld"}.get(name, name)
    if name not in FORMATS:
        raise StoreError(f"unknown format {format!r}; use one of {', '.join(FORMATS)}")
    return name


# -- the protocol -----------------------------------------------------------------------------
@runtime_checkable
class Store(Protocol):
    """What every kgraph store offers; see :class:`EmbeddedStore` for the details."""

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None: ...
    def drop_graph(self, graph: str) -> None: ...
    def graphs(self) -> list[str]: ...
    def has_graph(self, graph: str) -> bool: ...
    def __len__(self) -> int: ...
    def bulk_load(self, quads: Iterable[ox.Quad]) -> int: ...
    def query(
        self, sparql: str, bindings: Mapping[str, object] | None = None, *, max_rows=None
    ) -> Rows | bool | rdflib.Graph: ...
    def update(self, sparql: str) -> None: ...
    def dump(self, destination, format: str = "trig", *, graph: str | None = None): ...
    def load(self, source, format: str = "trig", *, graph: str | None = None) -> None: ...
    def to_dataset(self) -> rdflib.Dataset: ...
    def from_dataset(self, dataset: rdflib.Dataset) -> None: ...
    def close(self) -> None: ...
    def __enter__(self) -> Store: ...
    def __exit__(self, *exc) -> None: ...


class _Base:
    """Shared behaviour: context manager, read-only guard, dump/load via an Oxigraph store."""

    read_only: bool = False

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self}: opened read-only; open it without read_only to write")

    def to_dataset(self) -> rdflib.Dataset:
        """Return the whole store as an rdflib ``Dataset`` (keep it for small stores)."""
        return to_rdflib_dataset(self._quads())

    def from_dataset(self, dataset: rdflib.Dataset | rdflib.Graph) -> None:
        """Add the quads of an rdflib ``Dataset`` (or ``Graph``) to the store, atomically."""
        self._writable()
        self._add(list(from_rdflib_dataset(dataset)))


# -- embedded ---------------------------------------------------------------------------------
class EmbeddedStore(_Base):
    """An Oxigraph (RocksDB) store in a folder, or in memory for ``":memory:"``.

    Only one process may open a folder for writing; others get :class:`StoreLockedError`
    (open them with ``read_only=True`` when nothing writes). Queries see the union of all
    graphs as their default graph, so a pattern without ``GRAPH`` finds every document.

    Examples
    --------
    >>> from kgraph.rdf import ontology_quads
    >>> with open_store(":memory:") as store:
    ...     store.replace_graph("https://w3id.org/kgraph/graph/ontology", ontology_quads())
    ...     rows = store.query(
    ...         "SELECT ?c WHERE { ?c skos:notation ?name }", {"name": "meet"}
    ...     )
    ...     [row["c"].n3() for row in rows]
    ['<https://w3id.org/kgraph/ontology#Meeting>']
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False):
        self.path = None if path is None or str(path) == ":memory:" else Path(path)
        self.read_only = read_only
        try:
            if self.path is None:
                self._store: ox.Store | None = ox.Store()
            elif read_only:
                if not (self.path / "CURRENT").exists():
                    raise StoreError(f"{self.path}: no kgraph store here to open read-only")
                self._store = _open_read_only(self.path)
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreLockedError(
                    f"{self.path}: the store is in use by another process (a kgraph command "
                    "or server writing to it); wait for it or open it read-only"
                ) from None
            raise StoreError(f"{self.path}: cannot open the store ({_one_line(exc)})") from exc
        except RuntimeError as exc:  # RocksDB met a store another process is changing
            raise StoreError(
                f"{self.path}: cannot open the store ({_one_line(exc)}); if a build is "
                "creating it, try again in a moment"
            ) from exc

    def __repr__(self) -> str:
        return f"EmbeddedStore({str(self.path) if self.path else ':memory:'!r})"

    def __str__(self) -> str:
        return str(self.path) if self.path else ":memory:"

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying ``pyoxigraph.Store`` (for what kgraph does not wrap)."""
        if self._store is None:
            raise StoreError(f"{self}: the store is closed")
        return self._store

    # graphs
    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        """Atomically replace the named graph with the quads' triples (their graph names are
        ignored); nothing else is touched, so re-ingesting a document adds no duplicates.

        One SPARQL Update ``DROP SILENT GRAPH ; INSERT DATA`` runs as one transaction.
        """
        self._writable()
        self._update(replace_graph_update(graph, quads))

    def drop_graph(self, graph: str) -> None:
        """Remove a named graph and its quads (nothing happens if it does not exist)."""
        self._writable()
        node = _graph_node(graph)
        try:
            if self.oxigraph.contains_named_graph(node):
                self.oxigraph.remove_graph(node)
        except OSError as exc:
            raise StoreError(f"{self}: {_one_line(exc)}") from exc

    def graphs(self) -> list[str]:
        """Return the IRIs of the named graphs, sorted."""
        return sorted(g.value for g in self.oxigraph.named_graphs() if isinstance(g, ox.NamedNode))

    def has_graph(self, graph: str) -> bool:
        """Return True when the named graph exists."""
        return self.oxigraph.contains_named_graph(_graph_node(graph))

    def __len__(self) -> int:
        return len(self.oxigraph)

    # writing
    def bulk_load(self, quads: Iterable[ox.Quad]) -> int:
        """Add many quads fast, without a transaction; return how many were read.

        For building a store from a corpus: a failed run may leave part of the quads
        behind, so redo it into an empty store. Existing graphs are not replaced.
        """
        self._writable()
        count = 0

        def counted():
            nonlocal count
            for quad in quads:
                count += 1
                yield quad

        try:
            self.oxigraph.bulk_extend(counted())
        except OSError as exc:
            raise StoreError(f"{self}: bulk load failed ({_one_line(exc)})") from exc
        return count

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update as one transaction (the explicit write path)."""
        self._writable()
        self._update(sparql)

    def _update(self, sparql: str) -> None:
        try:
            self.oxigraph.update(sparql, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL update: {_one_line(exc)}") from None
        except OSError as exc:
            raise StoreError(f"{self}: update failed ({_one_line(exc)})") from exc

    def _add(self, quads: list[ox.Quad]) -> None:
        try:
            self.oxigraph.extend(quads)
        except OSError as exc:
            raise StoreError(f"{self}: write failed ({_one_line(exc)})") from exc

    def _quads(self) -> Iterator[ox.Quad]:
        return iter(self.oxigraph)

    # reading
    def query(
        self,
        sparql: str,
        bindings: Mapping[str, object] | None = None,
        *,
        max_rows: int | None = None,
    ) -> Rows | bool | rdflib.Graph:
        """Run a SPARQL query: SELECT → :class:`Rows`, ASK → bool, CONSTRUCT/DESCRIBE → Graph.

        Parameters
        ----------
        sparql : str
            The query; the kgraph prefixes (``kg:``, ``rdfs:``, ``skos:`` ...) are predeclared.
        bindings : mapping, optional
            Values of variables (str, int, float, date, rdflib or pyoxigraph terms), bound
            without touching the query text.
        max_rows : int, optional
            Stop after this many rows (``Rows.truncated`` tells whether more existed).

        Raises
        ------
        QueryError
            If the query is malformed, is an update, or a binding is not a term.

        Notes
        -----
        Bindings use pyoxigraph's ``substitutions`` when every bound variable is projected
        (pyoxigraph's rule); otherwise they go in a ``VALUES`` block opening the WHERE
        clause, as for remote stores (:func:`bind_values`). Either way the user's text is
        never parsed as SPARQL.
        """
        _check_query(sparql)
        terms = _terms(bindings)
        try:
            try:
                result = self.oxigraph.query(
                    sparql,
                    use_default_graph_as_union=True,
                    substitutions={ox.Variable(k): v for k, v in terms.items()} or None,
                    prefixes=PREFIXES,
                )
            except RuntimeError as exc:
                if "projection" not in str(exc):
                    raise StoreError(f"{self}: query failed ({_one_line(exc)})") from exc
                # pyoxigraph substitutes only projected variables: bind the others by VALUES
                result = self.oxigraph.query(
                    bind_values(sparql, terms), use_default_graph_as_union=True, prefixes=PREFIXES
                )
            return _result(result, max_rows)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL query: {_one_line(exc)}") from None
        except OSError as exc:
            raise StoreError(f"{self}: query failed ({_one_line(exc)})") from exc

    # files
    def dump(
        self,
        destination: str | Path | IO[bytes] | None,
        format: str = "trig",
        *,
        graph: str | None = None,
    ) -> bytes | None:
        """Write the store (or one graph) to a file, a binary stream or, for None, bytes.

        ``trig``, ``nquads`` and ``jsonld`` keep the graphs (all of them, or only ``graph``);
        ``turtle`` writes one graph when ``graph`` is given, otherwise the union of all.
        """
        name = _format(format)
        target = str(destination) if isinstance(destination, Path) else destination
        try:
            if name == "jsonld":
                dataset = (
                    self.to_dataset() if graph is None else to_rdflib_dataset(self._graph(graph))
                )
                for prefix, iri in PREFIXES.items():
                    dataset.bind(prefix, iri)
                data = dataset.serialize(format="json-ld", indent=1).encode("utf-8")
                return _write(target, data)
            if graph is not None:
                node = _graph_node(graph)
                if name == "turtle":
                    return self.oxigraph.dump(
                        target, _NATIVE[name], from_graph=node, prefixes=PREFIXES
                    )
                return _write(target, ox.serialize(self._graph(graph), None, _NATIVE[name]))
            if name == "turtle":
                triples = (ox.Triple(q.subject, q.predicate, q.object) for q in self._quads())
                return _write(target, ox.serialize(triples, None, _NATIVE[name], prefixes=PREFIXES))
            if name == "trig":
                return self.oxigraph.dump(target, _NATIVE[name], prefixes=PREFIXES)
            return self.oxigraph.dump(target, _NATIVE[name])
        except (OSError, ValueError) as exc:
            raise StoreError(f"{self}: cannot dump as {name} ({_one_line(exc)})") from exc

    def _graph(self, graph: str) -> list[ox.Quad]:
        return list(self.oxigraph.quads_for_pattern(None, None, None, _graph_node(graph)))

    def load(
        self,
        source: str | Path | IO[bytes] | bytes,
        format: str = "trig",
        *,
        graph: str | None = None,
    ) -> None:
        """Add the quads of a file, stream or bytes in one transaction.

        Triples (Turtle, or the default graph of the other formats) go to ``graph`` when
        given, else to the default graph.
        """
        self._writable()
        name = _format(format)
        to_graph = _graph_node(graph) if graph else None
        try:
            if name == "jsonld":
                dataset = rdflib.Dataset()
                dataset.parse(data=_read(source), format="json-ld")
                quads = list(from_rdflib_dataset(dataset))
                if to_graph is not None:
                    quads = [
                        ox.Quad(q.subject, q.predicate, q.object, to_graph)
                        if isinstance(q.graph_name, ox.DefaultGraph)
                        else q
                        for q in quads
                    ]
                self._add(quads)
                return
            self.oxigraph.load(_read(source), _NATIVE[name], to_graph=to_graph)
        except SyntaxError as exc:
            raise StoreError(
                f"{_source_name(source)}: not valid {name} ({_one_line(exc)})"
            ) from None
        except (OSError, ValueError) as exc:
            raise StoreError(f"{_source_name(source)}: cannot load ({_one_line(exc)})") from exc

    def close(self) -> None:
        """Release the store (and its lock); later calls raise StoreError.

        Nothing is flushed by hand: every write is in RocksDB's write-ahead log when it
        returns, and a manual flush can wait forever on RocksDB's background threads (seen
        here once after a 10,000-document build; RocksDB issues 13280 and 15030).
        """
        self._store = None


def _open_read_only(path: Path, attempts: int = 6) -> ox.Store:
    """Open a store read-only, retrying briefly: a process writing it meanwhile may delete
    the files its manifest names while we read them (RocksDB then reports them missing)."""
    for attempt in range(attempts):
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError) as exc:
            if attempt == attempts - 1 or "lock" in str(exc).lower():
                raise
            time.sleep(0.02 * 2**attempt)
    raise AssertionError("unreachable")


def _result(result, max_rows: int | None) -> Rows | bool | rdflib.Graph:
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        rows, truncated = [], False
        for solution in result:
            if max_rows is not None and len(rows) >= max_rows:
                truncated = True
                break
            rows.append({name: to_rdflib(solution[name]) for name in names})
        return Rows(names, rows, truncated)
    graph = rdflib.Graph()
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri)
    for triple in result:
        graph.add(
            (to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object))
        )
    return graph


def _write(target, data: bytes) -> bytes | None:
    if target is None:
        return data
    if isinstance(target, str):
        Path(target).write_bytes(data)
    else:
        target.write(data)
    return None


def _read(source) -> bytes:
    if isinstance(source, bytes):
        return source
    if isinstance(source, (str, Path)):
        try:
            return Path(source).read_bytes()
        except OSError as exc:
            raise StoreError(f"{source}: cannot read ({exc.strerror or exc})") from None
    data = source.read()
    return data.encode("utf-8") if isinstance(data, str) else data


def _source_name(source) -> str:
    return str(source) if isinstance(source, (str, Path)) else "<data>"


# -- remote -----------------------------------------------------------------------------------
_PRESETS = {
    # scheme prefix: (query path, update path, store path or None, union-default-graph param)
    "oxigraph": ("/query", "/update", "/store", True),
    "fuseki": ("/query", "/update", "", False),
    "graphdb": ("", "/statements", "/statements", False),
    "virtuoso": ("/sparql", "/sparql", None, False),
    "sparql": ("", "", None, False),
}


class RemoteStore(_Base):
    """A SPARQL 1.1 server reached over HTTP: Query, Update and (optionally) Graph Store.

    Use :func:`open_store` with a URL, or give the endpoints explicitly. Writes are SPARQL
    Updates (``replace_graph`` is one ``DROP SILENT GRAPH ; INSERT DATA`` request, which the
    server applies atomically); ``bulk_load`` posts N-Quads to the Graph Store endpoint
    when there is one, else chunked ``INSERT DATA`` requests. Bindings are sent as a
    ``VALUES`` block (see :func:`bind_values`). Only quads in named graphs are counted and
    dumped: kgraph writes nothing to the default graph.

    Parameters
    ----------
    query_endpoint : str
        SPARQL Query endpoint.
    update_endpoint : str, optional
        SPARQL Update endpoint (default: none, the store is read-only).
    store_endpoint : str, optional
        Graph Store endpoint accepting ``POST`` and ``GET`` of N-Quads for the whole dataset.
    union_default_graph : bool
        Send Oxigraph's ``union-default-graph`` parameter so that patterns without
        ``GRAPH`` see every graph (other servers: configure the union on the server).
    timeout : float
        Seconds to wait for a response.
    auth : (user, password), optional
        HTTP basic authentication (also taken from ``http://user:password@host`` URLs).
    """

    def __init__(
        self,
        query_endpoint: str,
        *,
        update_endpoint: str | None = None,
        store_endpoint: str | None = None,
        union_default_graph: bool = False,
        read_only: bool = False,
        timeout: float = 60.0,
        auth: tuple[str, str] | None = None,
        chunk_size: int = 50_000,
    ):
        self.query_endpoint = query_endpoint
        self.update_endpoint = update_endpoint
        self.store_endpoint = store_endpoint
        self.union_default_graph = union_default_graph
        self.read_only = read_only or update_endpoint is None
        self.timeout = timeout
        self.chunk_size = chunk_size
        self._headers = {"User-Agent": "kgraph"}
        if auth:
            token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")
            self._headers["Authorization"] = f"Basic {token}"

    @classmethod
    def from_url(cls, url: str, *, read_only: bool = False, **options) -> RemoteStore:
        """Return the store a URL designates, following these conventions:

        - ``http://host:7878`` (no path) or ``oxigraph+http://host:7878``: an Oxigraph
          server (``/query``, ``/update``, ``/store``, union default graph);
        - ``fuseki+http://host:3030/ds``: Fuseki dataset ``ds`` (``/ds/query``,
          ``/ds/update``, quads ``POST``/``GET`` on ``/ds``);
        - ``graphdb+http://host:7200/repositories/kg``: GraphDB / RDF4J repository
          (queries on the repository URL, updates and quads on ``/statements``);
        - ``virtuoso+http://host:8890``: Virtuoso ``/sparql`` for queries and updates;
        - ``sparql+https://host/path`` or any other URL with a path: a generic endpoint used
          for both queries and updates (a path ending in ``/query`` gets ``/update`` beside it).

        Keyword ``options`` (``update_endpoint``, ``store_endpoint``, ...) override them.

        Examples
        --------
        >>> store = RemoteStore.from_url("fuseki+http://localhost:3030/kg")
        >>> store.query_endpoint, store.update_endpoint, store.store_endpoint
        ('http://localhost:3030/kg/query', 'http://localhost:3030/kg/update', 'http://localhost:3030/kg')
        """
        preset = None
        scheme, _, rest = url.partition("://")
        if "+" in scheme:
            preset, _, scheme = scheme.partition("+")
            if preset not in _PRESETS:
                raise StoreError(
                    f"{url}: unknown server kind {preset!r}; use {', '.join(_PRESETS)}"
                )
        if scheme not in ("http", "https"):
            raise StoreError(f"{url}: not an http(s) URL")
        parts = urllib.parse.urlsplit(f"{scheme}://{rest}")
        auth = None
        if parts.username:
            auth = (
                urllib.parse.unquote(parts.username),
                urllib.parse.unquote(parts.password or ""),
            )
        netloc = parts.hostname or ""
        if parts.port:
            netloc += f":{parts.port}"
        base = urllib.parse.urlunsplit((scheme, netloc, parts.path.rstrip("/"), parts.query, ""))
        path = parts.path.rstrip("/")
        if preset is None:
            if not path:
                preset = "oxigraph"
            elif path.endswith("/query"):
                base = base[: -len("/query")]
                endpoints = (f"{base}/query", f"{base}/update", None, False)
                return cls._make(endpoints, read_only, auth, options)
            else:
                preset = "sparql"
        query, update, store, union = _PRESETS[preset]
        endpoints = (base + query, base + update, None if store is None else base + store, union)
        return cls._make(endpoints, read_only, auth, options)

    @classmethod
    def _make(cls, endpoints, read_only, auth, options) -> RemoteStore:
        query, update, store, union = endpoints
        settings = {
            "update_endpoint": update,
            "store_endpoint": store,
            "union_default_graph": union,
            "auth": auth,
        }
        settings.update(options)
        return cls(query, read_only=read_only, **settings)

    def __repr__(self) -> str:
        return f"RemoteStore({self.query_endpoint!r})"

    def __str__(self) -> str:
        return self.query_endpoint

    # HTTP
    def _request(
        self,
        url: str,
        *,
        data: bytes | None = None,
        content_type: str | None = None,
        accept: str | None = None,
        method: str | None = None,
    ) -> tuple[bytes, str]:
        headers = dict(self._headers)
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            body = exc.read().decode("utf-8", "replace").strip()
            message = body.splitlines()[0] if body else exc.reason
            if exc.code == 400:
                raise QueryError(f"{url}: rejected: {message}") from None
            raise StoreError(f"{url}: HTTP {exc.code}: {message}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"{url}: cannot reach the SPARQL server ({reason})") from None

    def _form(self, field: str, text: str) -> bytes:
        pairs = [(field, text)]
        if self.union_default_graph:
            pairs.append(("union-default-graph", ""))
        return urllib.parse.urlencode(pairs).encode("utf-8")

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, object] | None = None,
        *,
        max_rows: int | None = None,
    ) -> Rows | bool | rdflib.Graph:
        """Run a SPARQL query on the server; same results and errors as
        :meth:`EmbeddedStore.query` (bindings go in a ``VALUES`` block)."""
        form = _check_query(sparql)
        text = _prologue() + bind_values(sparql, bindings or {})
        graph_form = form in ("CONSTRUCT", "DESCRIBE")
        accept = (
            "application/n-triples, text/turtle;q=0.9"
            if graph_form
            else "application/sparql-results+json"
        )
        body, content_type = self._request(
            self.query_endpoint,
            data=self._form("query", text),
            content_type="application/x-www-form-urlencoded",
            accept=accept,
        )
        if graph_form:
            graph = rdflib.Graph()
            for prefix, iri in PREFIXES.items():
                graph.bind(prefix, iri)
            plain = "n-triples" in content_type or "text/plain" in content_type
            graph.parse(data=body, format="nt" if plain else "turtle")
            return graph
        return _json_results(body, max_rows)

    def update(self, sparql: str) -> None:
        """Send a SPARQL 1.1 Update to the server's update endpoint."""
        self._writable()
        self._request(
            self.update_endpoint,
            data=urllib.parse.urlencode([("update", _prologue() + sparql)]).encode("utf-8"),
            content_type="application/x-www-form-urlencoded",
        )

    # graphs
    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        """Replace a named graph in one ``DROP SILENT GRAPH ; INSERT DATA`` request."""
        self.update(replace_graph_update(graph, quads))

    def drop_graph(self, graph: str) -> None:
        """Remove a named graph (nothing happens if it does not exist)."""
        self.update(f"DROP SILENT GRAPH {_graph_node(graph)}")

    def graphs(self) -> list[str]:
        """Return the IRIs of the non-empty named graphs, sorted."""
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(str(row["g"]) for row in rows if isinstance(row["g"], rdflib.URIRef))

    def has_graph(self, graph: str) -> bool:
        """Return True when the named graph holds at least one triple."""
        return bool(self.query(f"ASK {{ GRAPH {_graph_node(graph)} {{ ?s ?p ?o }} }}"))

    def __len__(self) -> int:
        rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"]) if len(rows) else 0

    # writing
    def bulk_load(self, quads: Iterable[ox.Quad]) -> int:
        """Add many quads in chunks (N-Quads POSTs to the Graph Store endpoint if any, else
        ``INSERT DATA`` requests); return how many were sent. Not atomic as a whole."""
        self._writable()
        count, chunk = 0, []
        for quad in quads:
            chunk.append(quad)
            if len(chunk) >= self.chunk_size:
                self._add(chunk)
                count += len(chunk)
                chunk = []
        if chunk:
            self._add(chunk)
            count += len(chunk)
        return count

    def _add(self, quads: list[ox.Quad]) -> None:
        if not quads:
            return
        if self.store_endpoint:
            data = ox.serialize(quads, None, ox.RdfFormat.N_QUADS)
            self._request(
                self.store_endpoint, data=data, content_type="application/n-quads", method="POST"
            )
            return
        by_graph: dict[Any, list[ox.Quad]] = {}
        for quad in quads:
            by_graph.setdefault(quad.graph_name, []).append(quad)
        parts = []
        for graph, group in by_graph.items():
            if isinstance(graph, ox.DefaultGraph):
                parts.append(_triples_text(group))
            else:
                parts.append(f"GRAPH {graph} {{\n{_triples_text(group)}}}\n")
        self.update("INSERT DATA {\n" + "".join(parts) + "}")

    def _quads(self) -> Iterator[ox.Quad]:
        if self.store_endpoint:
            body, _ = self._request(self.store_endpoint, accept="application/n-quads")
            return (
                q
                for q in ox.parse(body, ox.RdfFormat.N_QUADS)
                if not isinstance(q.graph_name, ox.DefaultGraph)
            )
        rows = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return (
            ox.Quad(
                to_oxigraph(r["s"]), to_oxigraph(r["p"]), to_oxigraph(r["o"]), to_oxigraph(r["g"])
            )
            for r in rows
        )

    # files: through an in-memory Oxigraph store
    def dump(
        self,
        destination: str | Path | IO[bytes] | None,
        format: str = "trig",
        *,
        graph: str | None = None,
    ) -> bytes | None:
        """Write the named graphs (or one) to a file, stream or bytes; see
        :meth:`EmbeddedStore.dump`."""
        local = EmbeddedStore(":memory:")
        local.bulk_load(self._quads())
        return local.dump(destination, format, graph=graph)

    def load(
        self,
        source: str | Path | IO[bytes] | bytes,
        format: str = "trig",
        *,
        graph: str | None = None,
    ) -> None:
        """Add the quads of a file, stream or bytes in one request (Graph Store POST or
        ``INSERT DATA``)."""
        self._writable()
        local = EmbeddedStore(":memory:")
        local.load(source, format, graph=graph)
        self._add(list(local._quads()))

    def close(self) -> None:
        """Nothing to release: each request has its own connection."""


def _prologue() -> str:
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def _json_term(value: dict):
    kind = value.get("type")
    if kind == "uri":
        return rdflib.URIRef(value["value"])
    if kind == "bnode":
        return rdflib.BNode(value["value"])
    datatype = value.get("datatype")
    if datatype == "http://www.w3.org/2001/XMLSchema#string":
        datatype = None
    return rdflib.Literal(value["value"], lang=value.get("xml:lang"), datatype=datatype)


def _json_results(body: bytes, max_rows: int | None) -> Rows | bool:
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise StoreError(f"the SPARQL server sent invalid JSON ({exc})") from None
    if "boolean" in data:
        return bool(data["boolean"])
    names = data.get("head", {}).get("vars", [])
    bindings = data.get("results", {}).get("bindings", [])
    truncated = max_rows is not None and len(bindings) > max_rows
    if truncated:
        bindings = bindings[:max_rows]
    rows = [{name: _json_term(b[name]) if name in b else None for name in names} for b in bindings]
    return Rows(names, rows, truncated)


# -- opening ----------------------------------------------------------------------------------
def open_store(
    location: str | Path | None = None,
    *,
    read_only: bool = False,
    **remote_options,
) -> EmbeddedStore | RemoteStore:
    """Open the kgraph store at a location.

    Parameters
    ----------
    location : str or Path, optional
        A folder for an embedded store (created if needed), ``":memory:"`` for a temporary
        in-memory store, or an ``http(s)://`` URL of a SPARQL server (see
        :meth:`RemoteStore.from_url` for the URL conventions of Oxigraph, Fuseki, GraphDB
        and Virtuoso). Default: ``$KGRAPH_STORE``, else ``.kgraph/`` in the working folder.
    read_only : bool
        Open without write access (embedded: no lock is taken, several readers may open it).
    **remote_options
        Passed to :class:`RemoteStore` (``update_endpoint``, ``store_endpoint``,
        ``union_default_graph``, ``timeout``, ``auth``).

    Returns
    -------
    EmbeddedStore or RemoteStore
        Both implement :class:`Store` and are context managers.

    Raises
    ------
    StoreLockedError
        If another process has the embedded store open for writing.
    StoreError
        If the store cannot be opened.

    Examples
    --------
    >>> with open_store(":memory:") as store:
    ...     store.update('INSERT DATA { GRAPH <urn:g> { <urn:a> rdfs:label "A" } }')
    ...     len(store), store.graphs(), store.query("ASK { ?x rdfs:label 'A' }")
    (1, ['urn:g'], True)
    """
    if location is None:
        location = os.environ.get("KGRAPH_STORE") or DEFAULT_LOCATION
    text = str(location)
    if re.match(r"^[a-z]+(\+[a-z]+)?://", text) and not text.startswith("file://"):
        return RemoteStore.from_url(text, read_only=read_only, **remote_options)
    if remote_options:
        raise StoreError(f"{text}: {', '.join(remote_options)} only apply to remote stores")
    if text.startswith("file://"):
        text = urllib.parse.unquote(urllib.parse.urlsplit(text).path)
    return EmbeddedStore(text, read_only=read_only)
