"""A small SPARQL 1.1 Protocol server over a kgraph store (stdlib ``http.server``).

``/sparql`` answers queries (GET ``?query=``, POST form or ``application/sparql-query``)
in SPARQL JSON, XML, CSV or TSV, and graphs in Turtle or N-Triples, chosen by the
``Accept`` header or a ``format`` parameter. Updates are refused unless the server is
``writable`` (then ``/update`` takes them). Each query runs in a worker thread with a time
limit (503 when exceeded; pyoxigraph cannot stop the evaluation, which ends in the
background, so at most ``workers`` queries run at once) and a cap on the number of
results (SELECT rows beyond it are cut and the response says so in the
``X-KGraph-Truncated`` header; a larger graph is refused with 413). ``/`` shows a query form.
"""

from __future__ import annotations

import csv
import io
import json
import queue
import threading
import urllib.parse
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from html import escape as html_escape
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import rdflib

from .errors import KGraphError, QueryError, StoreError
from .rdf import to_oxigraph
from .store import Rows, Store, open_store, query_form

__all__ = ["SparqlServer", "serve", "RESULT_TYPES", "GRAPH_TYPES"]

#: Media types of SELECT/ASK results by ``format`` parameter value.
RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
#: Media types of CONSTRUCT/DESCRIBE results by ``format`` parameter value.
GRAPH_TYPES = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
}
_ALIASES = {
    "application/json": "json",
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
}
_UPDATES = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_MAX_BODY = 10 * 1024 * 1024


class _Reply(Exception):
    """An HTTP error answer: status and one line of text."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


class _Workers:
    """A fixed pool of daemon threads running queries.

    pyoxigraph cannot cancel a running query: one past its time limit goes on in its
    thread after the client got 503. Daemon threads let the process exit all the same
    (``concurrent.futures.ThreadPoolExecutor`` would wait for them at exit).
    """

    def __init__(self, count: int, name: str):
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._closed = False
        for i in range(count):
            threading.Thread(target=self._work, name=f"{name}-{i}", daemon=True).start()
        self._count = count

    def submit(self, fn, *args) -> Future:
        if self._closed:
            raise RuntimeError("the server is stopping")
        future: Future = Future()
        self._jobs.put((future, fn, args))
        return future

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            future, fn, args = job
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn(*args))
            except BaseException as exc:  # noqa: BLE001 - handed to the waiting request
                future.set_exception(exc)

    def shutdown(self) -> None:
        self._closed = True
        for _ in range(self._count):
            self._jobs.put(None)


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server :func:`serve` returns: call ``serve_forever()``, later ``shutdown()``."""

    daemon_threads = True
    request_queue_size = 128
    allow_reuse_address = True

    def __init__(
        self,
        store: Store,
        address: tuple[str, int],
        *,
        writable: bool,
        timeout: float,
        max_results: int,
        owns_store: bool,
        workers: int = 8,
        quiet: bool = True,
    ):
        super().__init__(address, _Handler)
        self.store = store
        self.writable = writable
        self.query_timeout = timeout
        self.max_results = max_results
        self.owns_store = owns_store
        self.quiet = quiet
        self.executor = _Workers(workers, "kgraph-sparql")
        self._serving = threading.Event()
        self._closed = False

    @property
    def url(self) -> str:
        """The server's base URL, e.g. ``http://127.0.0.1:7878``."""
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def endpoint(self) -> str:
        """The SPARQL query endpoint, ``<url>/sparql``."""
        return self.url + "/sparql"

    def serve_forever(self, poll_interval: float = 0.2) -> None:
        """Answer requests until :meth:`shutdown` is called (from another thread)."""
        self._serving.set()
        try:
            super().serve_forever(poll_interval)
        finally:
            self._serving.clear()

    def shutdown(self) -> None:
        """Stop serving, close the socket, and close the store if the server opened it."""
        if self._serving.is_set():
            super().shutdown()
        if not self._closed:
            self._closed = True
            self.server_close()
            self.executor.shutdown()
            if self.owns_store:
                self.store.close()

    # the work of one request, run in a worker thread
    def run_query(self, sparql: str, fmt: str | None, accept: str) -> tuple[bytes, str, dict]:
        form = query_form(sparql)
        if form in _UPDATES:
            where = "POST it to /update" if self.writable else "this endpoint is read-only"
            raise _Reply(HTTPStatus.FORBIDDEN, f"{form} is a SPARQL update; {where}")
        graph_form = form in ("CONSTRUCT", "DESCRIBE")
        choice = _negotiate(fmt, accept, GRAPH_TYPES if graph_form else RESULT_TYPES)
        result = self.store.query(sparql, max_rows=self.max_results)
        headers = {}
        if isinstance(result, rdflib.Graph):
            if len(result) > self.max_results:
                raise _Reply(
                    HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                    f"the graph has {len(result)} triples, more than this server's limit of "
                    f"{self.max_results}; add a LIMIT",
                )
            fmt_name = "nt" if choice == "ntriples" else "turtle"
            return result.serialize(format=fmt_name, encoding="utf-8"), GRAPH_TYPES[choice], {}
        if isinstance(result, Rows) and result.truncated:
            headers["X-KGraph-Truncated"] = "true"
            headers["X-KGraph-Max-Results"] = str(self.max_results)
        return _serialize(result, choice), RESULT_TYPES[choice], headers


def _negotiate(fmt: str | None, accept: str, types: dict[str, str]) -> str:
    if fmt:
        name = _ALIASES.get(fmt, fmt.lower())
        if name not in types:
            raise _Reply(HTTPStatus.BAD_REQUEST, f"format {fmt!r}: use one of {', '.join(types)}")
        return name
    ranges = []
    for i, part in enumerate(p.strip() for p in (accept or "*/*").split(",") if p.strip()):
        media, *params = [x.strip() for x in part.split(";")]
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        ranges.append((-q, i, media.lower()))
    for _, _, media in sorted(ranges):
        if media in ("*/*", "application/*", "text/*") or media.endswith("/*"):
            return next(iter(types))
        name = _ALIASES.get(media)
        if name in types:
            return name
    raise _Reply(
        HTTPStatus.NOT_ACCEPTABLE, f"cannot answer in {accept}; use {', '.join(types.values())}"
    )


# -- result formats ---------------------------------------------------------------------------
def _json_term(term) -> dict:
    if isinstance(term, rdflib.URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, rdflib.BNode):
        return {"type": "bnode", "value": str(term)}
    value = {"type": "literal", "value": str(term)}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype is not None:
        value["datatype"] = str(term.datatype)
    return value


def _xml_term(term) -> str:
    if isinstance(term, rdflib.URIRef):
        return f"<uri>{xml_escape(str(term))}</uri>"
    if isinstance(term, rdflib.BNode):
        return f"<bnode>{xml_escape(str(term))}</bnode>"
    attrs = ""
    if term.language:
        attrs = f" xml:lang={quoteattr(term.language)}"
    elif term.datatype is not None:
        attrs = f" datatype={quoteattr(str(term.datatype))}"
    return f"<literal{attrs}>{xml_escape(str(term))}</literal>"


def _serialize(result: Rows | bool, choice: str) -> bytes:
    if isinstance(result, bool):
        if choice == "json":
            return json.dumps({"head": {}, "boolean": result}).encode("utf-8")
        if choice == "xml":
            word = "true" if result else "false"
            return (
                '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{word}</boolean></sparql>\n"
            ).encode()
        return (("true" if result else "false") + "\n").encode("utf-8")
    names = result.variables
    if choice == "json":
        bindings = [
            {n: _json_term(row[n]) for n in names if row.get(n) is not None} for row in result
        ]
        data = {"head": {"vars": names}, "results": {"bindings": bindings}}
        return json.dumps(data, ensure_ascii=False).encode("utf-8")
    if choice == "xml":
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
        out.append(
            "<head>" + "".join(f"<variable name={quoteattr(n)}/>" for n in names) + "</head>"
        )
        out.append("<results>")
        for row in result:
            cells = "".join(
                f"<binding name={quoteattr(n)}>{_xml_term(row[n])}</binding>"
                for n in names
                if row.get(n) is not None
            )
            out.append(f"<result>{cells}</result>")
        out.append("</results></sparql>\n")
        return "\n".join(out).encode("utf-8")
    if choice == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(names)
        for row in result:
            writer.writerow(["" if row.get(n) is None else _csv_value(row[n]) for n in names])
        return buffer.getvalue().encode("utf-8")
    lines = ["\t".join(f"?{n}" for n in names)]
    for row in result:
        lines.append(
            "\t".join("" if row.get(n) is None else str(to_oxigraph(row[n])) for n in names)
        )
    return ("\n".join(lines) + "\n").encode("utf-8")


def _csv_value(term) -> str:
    return f"_:{term}" if isinstance(term, rdflib.BNode) else str(term)


# -- HTTP -------------------------------------------------------------------------------------
_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kgraph SPARQL</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto}}
textarea{{width:100%;height:14em;font-family:monospace}}</style></head>
<body><h1>kgraph SPARQL endpoint</h1>
<p>Queries see every graph by default; the prefixes <code>kg:</code>, <code>rdfs:</code>,
<code>skos:</code>, <code>prov:</code>, <code>oa:</code>, <code>dcterms:</code> are predeclared.
Endpoint: <code>{endpoint}</code>{mode}. At most {max_results} results, {timeout:g} s per query.</p>
<form action="/sparql" method="get">
<textarea name="query">{example}</textarea>
<p><label>Format <select name="format">
<option>json</option><option>xml</option><option>csv</option><option>tsv</option>
<option>turtle</option><option>ntriples</option></select></label>
<button type="submit">Run</button></p></form></body></html>
"""
_EXAMPLE = """SELECT ?subject ?object ?day WHERE {
  ?mention kg:relation "meet" ; kg:subject ?s ; kg:object ?o .
  OPTIONAL { ?mention kg:start ?day }
  ?s rdfs:label ?subject . ?o rdfs:label ?object .
} ORDER BY ?day LIMIT 20"""


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "kgraph-sparql/0.1"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        if not self.server.quiet:
            super().log_message(format, *args)

    # routing
    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        path, _, raw = self.path.partition("?")
        params = urllib.parse.parse_qs(raw, keep_blank_values=True)
        if path in ("/", "/index.html"):
            self._page()
        elif path == "/sparql":
            self._handle(lambda: self._query(params))
        elif path == "/update":
            self._handle(self._update_refused_get)
        else:
            self._send(HTTPStatus.NOT_FOUND, b"not found: try /sparql\n", "text/plain")

    def do_POST(self) -> None:  # noqa: N802 - stdlib naming
        path = self.path.partition("?")[0]
        if path == "/sparql":
            self._handle(lambda: self._query(self._post_params("query")))
        elif path == "/update":
            self._handle(self._update)
        else:
            self._body()
            self._send(HTTPStatus.NOT_FOUND, b"not found: try /sparql\n", "text/plain")

    # pieces
    def _handle(self, work) -> None:
        try:
            work()
        except _Reply as reply:
            self.close_connection = True  # the request body may be left unread
            self._send(
                reply.status, (str(reply) + "\n").encode("utf-8"), "text/plain", reply.headers
            )
        except QueryError as exc:
            self._send(HTTPStatus.BAD_REQUEST, (str(exc) + "\n").encode("utf-8"), "text/plain")
        except KGraphError as exc:
            self._send(
                HTTPStatus.INTERNAL_SERVER_ERROR, (str(exc) + "\n").encode("utf-8"), "text/plain"
            )

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        if length > _MAX_BODY:
            raise _Reply(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "request body too large")
        return self.rfile.read(length) if length else b""

    def _post_params(self, field: str) -> dict[str, list[str]]:
        body = self._body()
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        query_string = self.path.partition("?")[2]
        params = urllib.parse.parse_qs(query_string, keep_blank_values=True)
        if content_type == "application/x-www-form-urlencoded":
            for key, values in urllib.parse.parse_qs(
                body.decode("utf-8", "replace"), keep_blank_values=True
            ).items():
                params.setdefault(key, []).extend(values)
        elif content_type in (f"application/sparql-{field}", "text/plain"):
            params[field] = [body.decode("utf-8", "replace")]
        else:
            raise _Reply(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                f"send application/sparql-{field} or an HTML form, not {content_type or 'nothing'}",
            )
        return params

    def _query(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            raise _Reply(
                HTTPStatus.FORBIDDEN,
                "updates are not accepted on /sparql; use /update"
                if self.server.writable
                else "this endpoint is read-only",
            )
        queries = params.get("query") or []
        if len(queries) != 1 or not queries[0].strip():
            raise _Reply(HTTPStatus.BAD_REQUEST, "give exactly one query parameter")
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            raise _Reply(
                HTTPStatus.BAD_REQUEST,
                "default-graph-uri and named-graph-uri are "
                "not supported: the default graph is the union of all graphs",
            )
        fmt = (params.get("format") or [None])[0]
        future = self.server.executor.submit(
            self.server.run_query, queries[0], fmt, self.headers.get("Accept", "")
        )
        try:
            body, content_type, headers = future.result(timeout=self.server.query_timeout)
        except FutureTimeout:
            future.cancel()
            raise _Reply(
                HTTPStatus.SERVICE_UNAVAILABLE,
                f"the query took longer than {self.server.query_timeout:g} s; narrow it down",
                {"Retry-After": "10"},
            ) from None
        except RuntimeError as exc:  # the executor is shut down
            raise _Reply(HTTPStatus.SERVICE_UNAVAILABLE, f"server stopping ({exc})") from None
        self._send(HTTPStatus.OK, body, content_type, headers)

    def _update_refused_get(self) -> None:
        raise _Reply(HTTPStatus.METHOD_NOT_ALLOWED, "POST updates to /update", {"Allow": "POST"})

    def _update(self) -> None:
        if not self.server.writable:
            self._body()
            raise _Reply(HTTPStatus.FORBIDDEN, "this endpoint is read-only; updates are refused")
        params = self._post_params("update")
        updates = params.get("update") or []
        if len(updates) != 1 or not updates[0].strip():
            raise _Reply(HTTPStatus.BAD_REQUEST, "give exactly one update parameter")
        future = self.server.executor.submit(self.server.store.update, updates[0])
        try:
            future.result(timeout=self.server.query_timeout)
        except FutureTimeout:
            raise _Reply(HTTPStatus.SERVICE_UNAVAILABLE, "the update is still running") from None
        self._send(HTTPStatus.NO_CONTENT, b"", None)

    def _page(self) -> None:
        page = _PAGE.format(
            endpoint=html_escape(self.server.endpoint),
            mode=", updates at <code>/update</code>" if self.server.writable else ", read-only",
            max_results=self.server.max_results,
            timeout=self.server.query_timeout,
            example=html_escape(_EXAMPLE),
        )
        self._send(HTTPStatus.OK, page.encode("utf-8"), "text/html; charset=utf-8")

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str | None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def serve(
    store_location: str | Path | Store | None,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    writable: bool = False,
    timeout: float = 30.0,
    max_results: int = 10_000,
    quiet: bool = True,
) -> SparqlServer:
    """Return a SPARQL 1.1 Protocol server over a store, bound and ready to serve.

    Parameters
    ----------
    store_location : str, Path, Store or None
        Where the store is (see :func:`kgraph.store.open_store`), or an open store (which
        the server then leaves open at shutdown).
    host, port : str, int
        Address to listen on; port 0 picks a free port (see ``.url``).
    writable : bool
        Accept SPARQL Updates at ``/update``; otherwise they get 403.
    timeout : float
        Seconds a query may run before the client gets 503 (the worker finishes it).
    max_results : int
        SELECT rows beyond this are cut (header ``X-KGraph-Truncated: true``); a
        CONSTRUCT/DESCRIBE graph larger than this is refused with 413.
    quiet : bool
        Do not log each request on stderr.

    Returns
    -------
    SparqlServer
        Call ``serve_forever()`` (blocking; run it in a thread to keep going) and later
        ``shutdown()``.

    Raises
    ------
    StoreError
        If the store cannot be opened or the address cannot be bound.

    Examples
    --------
    >>> import threading, urllib.request
    >>> server = serve(":memory:", port=0)
    >>> thread = threading.Thread(target=server.serve_forever, daemon=True)
    >>> thread.start()
    >>> with urllib.request.urlopen(server.endpoint + "?query=ASK%7B%7D") as response:
    ...     response.read()
    b'{"head": {}, "boolean": true}'
    >>> server.shutdown()
    """
    if isinstance(store_location, Store):
        store, owns = store_location, False
    else:
        store, owns = open_store(store_location), True
    try:
        return SparqlServer(
            store,
            (host, port),
            writable=writable,
            timeout=timeout,
            max_results=max_results,
            owns_store=owns,
            quiet=quiet,
        )
    except OSError as exc:
        if owns:
            store.close()
        raise StoreError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None
