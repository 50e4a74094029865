"""Reading documents: files to text, the header, paragraphs, cited reports and the date."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path

from .dates import MONTHS, find_time_expressions, next_weekday
from .errors import DocumentError, InputError
from .kb import KnowledgeBase
from .model import Citation, Document, Paragraph

__all__ = [
    "MAX_DOCUMENT_CHARS",
    "iter_paths",
    "read_document",
    "read_text",
    "parse_header",
    "parse_citations",
    "outlet_name",
]

#: The longest document kgraph reads, in characters. An article is a few thousand
#: characters; one 200,000-character text takes about 20 s and 0.8 GB to extract (a
#: 1,000,000-character one, spaCy's own limit, 2 min 20 s and 3 GB), so a longer text is
#: refused with a message saying to split it into one ``.txt`` per article. A file of more
#: than 4 bytes per character allowed is refused without being read.
MAX_DOCUMENT_CHARS = 200_000

_HEADER = re.compile(
    r"\A\s*Publication:\s*(?P<pub>.+?)\s+Volume:\s*(?P<vol>\d+)"
    r"(?:\s+Issue:\s*(?P<iss>\d+))?[ \t]*(?:\r?\n|\Z)",
    re.I,
)
_DATELINE = re.compile(
    r"\A\s*(?P<place>[A-Z][A-Z .'-]{2,40}?),\s+(?P<date>[A-Z][a-z]{2,9}\.?\s+\d{1,2})"
    r"(?:,\s*(?:19|20)\d\d)?\s*\((?P<outlet>[^()]{2,40})\)\s*(?:--|—|–|-)"
)
_PARENTHETICAL = re.compile(r"\(([^()]{2,240})\)")
_SELF_REFERENCE = re.compile(r"^\s*(?:see|cf\.?)\s+(?:also\s+)?(?:the\s+)?", re.I)
_DATE_ITEM = re.compile(
    r"^(?:(?:%s)\.?\s+\d{1,2}(?:\s*[-–]\s*(?:(?:%s)\.?\s+)?\d{1,2})?|\d{1,2}(?:\s*[-–]\s*\d{1,2})?\s+(?:%s)\.?)(?:,?\s*(?:19|20)\d\d)?$"
    % ((("|".join(sorted(MONTHS, key=len, reverse=True))),) * 3),
    re.I,
)
_OUTLET_SHAPE = re.compile(
    r"^(?:[A-Z0-9][\w&.'’/-]*|of|the|and|de|du|la|i|na|in|for|daily)(?:\s+(?:[A-Z0-9][\w&.'’/-]*|of|the|and|de|du|la|i|na|in|for|daily))*$"
)


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Yield the ``.txt`` files named by ``paths``: files as given, folders searched recursively.

    Raises
    ------
    InputError
        When a path does not exist or a folder holds no ``.txt`` file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Publication: Monitor Volume: 6 Issue: 1\\n\\nText.")
    >>> [p.name for p in iter_paths([folder])]
    ['a.txt']
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not files:
                raise InputError(
                    f"{path}: folder holds no .txt file; give files or folders of .txt"
                )
            yield from files
        elif path.is_file():
            yield path
        else:
            raise InputError(f"{path}: no such file or folder; check the path")


def _decode(data: bytes, where: str) -> str:
    if not data.strip():
        raise DocumentError(f"{where}: empty file; nothing to read")
    if b"\x00" in data[:8192]:
        raise DocumentError(f"{where}: binary file, not text; give UTF-8 .txt files")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"{where}: not UTF-8 text (byte {exc.start}); convert it, e.g. iconv -f cp1251 -t utf-8"
        ) from exc


def read_document(path: str | Path, *, kb: KnowledgeBase | None = None) -> Document:
    """Read a ``.txt`` file into a :class:`~kgraph.model.Document`; its id is the file stem.

    Raises
    ------
    DocumentError
        When the file is empty, binary, not UTF-8 or longer than ``MAX_DOCUMENT_CHARS``.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > 4 * MAX_DOCUMENT_CHARS:  # more characters than the limit, whatever they are
            raise DocumentError(_too_long(str(path), f"{size / 1e6:.0f} MB"))
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror}); check the path") from exc
    return read_text(_decode(data, str(path)), path.stem, path=str(path), kb=kb)


def _too_long(where: str, size: str) -> str:
    return (
        f"{where}: {size}, more than the {MAX_DOCUMENT_CHARS:,} characters kgraph reads as one "
        "document; split it into one .txt file per article"
    )


def parse_header(text: str) -> tuple[str | None, int | None, int | None, int]:
    """Return ``(publication, volume, issue, body_start)`` from a document's first line.

    Examples
    --------
    >>> parse_header("Publication: Monitor Volume: 6 Issue: 52\\n\\nText")
    ('Monitor', 6, 52, 41)
    >>> parse_header("No header here")
    (None, None, None, 0)
    """
    m = _HEADER.match(text)
    if not m:
        return None, None, None, 0
    issue = int(m["iss"]) if m["iss"] else None
    return m["pub"].strip(), int(m["vol"]), issue, m.end()


def _paragraph_spans(text: str, start: int) -> list[tuple[int, int]]:
    spans = []
    for m in re.finditer(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*\Z)", text[start:], re.S):
        spans.append((start + m.start(), start + m.end()))
    return spans


_DESCRIPTOR = re.compile(r"\s+(?:daily|weekly|newspaper|news agency|agency|wire|online)$", re.I)


def outlet_name(item: str, kb: KnowledgeBase | None) -> str | None:
    """Return the outlet a cited name designates, as the text writes it.

    Descriptors that are not part of the name are dropped ("Kommersant daily" →
    "Kommersant"); spelling is kept ("ITAR-TASS", "UPI"), so the record says what the
    text cites. Returns None for words that do not look like an outlet.

    Examples
    --------
    >>> outlet_name("Kommersant daily", None), outlet_name("the party line", None)
    ('Kommersant', None)
    """
    item = re.sub(
        r"^(?:the|The)\s+(?=\S+\s+(?:news agency|agency|newspaper|daily))",
        "",
        item.strip().strip(".").strip(),
    )
    if not item:
        return None
    bare = _DESCRIPTOR.sub("", item)
    if kb is not None:
        known = kb.outlet(item) or kb.outlet(bare)
        if known is not None:
            return bare if kb.outlet(bare) is known else item
    if _OUTLET_SHAPE.match(bare) and len(bare) <= 60:
        return bare
    return None


def parse_citations(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    kb: KnowledgeBase | None = None,
    year: int | None = None,
    anchor: date | None = None,
) -> list[Citation]:
    """Find the parenthetical citations of reports in ``text[start:end]``.

    A citation is a parenthetical that lists outlets, usually with a date:
    ``(Bridge News, Itar-Tass, March 2)``. A reference to an earlier issue of the
    publication itself ("see the Monitor, January 20") is kept with no outlets: its
    date still tells when the document was written.

    Examples
    --------
    >>> [c.outlets for c in parse_citations("Talks went well (Bridge News, Itar-Tass, March 2).")]
    [('Bridge News', 'Itar-Tass')]
    >>> parse_citations("Gazprom and the China National Petroleum Corporation (CNPC) met")
    []
    """
    end = len(text) if end is None else end
    citations = []
    for m in _PARENTHETICAL.finditer(text, start, end):
        inner = m.group(1).strip()
        self_reference = bool(_SELF_REFERENCE.match(inner))
        # "(Interfax, November 1; Nezavisimaya Gazeta, November 3)": commas and semicolons
        items = [i.strip() for i in re.split(r"[,;]", _SELF_REFERENCE.sub("", inner)) if i.strip()]
        dates = [i for i in items if _DATE_ITEM.match(i)]
        names = [
            i for i in items if not _DATE_ITEM.match(i) and not re.fullmatch(r"(?:19|20)\d\d", i)
        ]
        known = [kb.outlet(n) for n in names] if kb is not None else []
        if not dates and not (names and known and all(known)):
            continue
        if self_reference:
            outlets: tuple[str, ...] = ()
        else:
            resolved = [outlet_name(n, kb) for n in names]
            if any(r is None for r in resolved) or not resolved:
                continue
            outlets = tuple(dict.fromkeys(r for r in resolved if r))
        cited = None
        for item in dates:  # the latest of the dates cited
            expressions = find_time_expressions(item, anchor, year=year)
            if expressions and expressions[-1].interval is not None:
                day = expressions[-1].interval.end
                cited = day if cited is None or day > cited else cited
        citations.append(Citation(outlets=outlets, date=cited, start=m.start(), end=m.end()))
    return citations


_FUTURE = re.compile(
    r"\b(?:will|would|shall|is to|are to|due|expected|scheduled|plans?|planned|next|intends?|"
    # "leaves Pyongyang today for Okinawa, where the summit opens on 21 July"
    r"to be held|upcoming|forthcoming|set for|today|tonight|tomorrow)\b",
    re.I,
)
#: A stop that ends a sentence: not that of "St." or "U.S." before a name.
_SENTENCE_END = re.compile(
    r"(?<![A-Z])(?<!\b(?:St|Mr|Dr|Lt|Co|Jr|No))[.!?][\"\u201d)]?\s+(?=[A-Z\"\u201c])"
)


def _latest_past_day(
    body: str, year: int | None, *, future: bool = False, bound: date | None = None
) -> date | None:
    """The latest day the text names before any word of the future in its sentence
    ("signed on 28 May under which Yukos is to ship", not "is due in St. Petersburg on
    30 May"; with ``future``, anywhere), and no later than ``bound``."""
    latest = None
    for sentence in _SENTENCE_END.split(body):
        cue = _FUTURE.search(sentence)
        if cue is not None and not future:
            sentence = sentence[: cue.start()]
        for expression in find_time_expressions(sentence, None, year=year):
            interval = expression.interval
            if (
                interval is not None
                and interval.precision in ("day", "range")
                and not expression.relative
                and (bound is None or interval.end <= bound)
            ):
                if latest is None or interval.end > latest:
                    latest = interval.end
    return latest


#: Most calendar days an issue can take, by frequency (sources.yaml); a wire's issue
#: numbers say nothing of its day.
_DAYS_PER_ISSUE = {"daily": 1.6, "weekly": 7.5, "biweekly": 15.5, "monthly": 31.0}


def _latest_possible_day(
    year: int | None, volume: int | None, issue: int | None, frequency: str | None
) -> date | None:
    """The latest day an issue can have appeared: a daily numbers its issues by the working
    day, so issue 3 appeared in January and its "(Interfax, December 29)" is of the year
    before. A first volume may have begun in any month: no bound then.
    """
    per_issue = _DAYS_PER_ISSUE.get(frequency or "")
    if year is None or per_issue is None or not volume or volume < 2 or not issue:
        return None
    return min(date(year, 12, 31), date(year, 1, 1) + timedelta(days=int(issue * per_issue) + 30))


def _infer_date(
    year: int | None,
    citations: list[Citation],
    dateline: date | None,
    body: str,
    latest: date | None = None,
) -> tuple[date | None, str]:
    if dateline is not None:
        return dateline, "dateline"
    dated = [c.date for c in citations if c.date is not None]
    if dated:
        return next_weekday(max(dated)), "citations"
    told = _latest_past_day(body, year, bound=latest) if year is not None else None
    if told is None and latest is not None:
        # a day told in a sentence about the future, no later than the issue can have
        # appeared
        told = _latest_past_day(body, year, future=True, bound=latest)
    if told is not None:  # the next publication day, as after a cited report
        return next_weekday(told), "text"
    return None, ("volume" if year is not None else "unknown")


def _year_from_text(text: str) -> int | None:
    years = [int(y) for y in re.findall(r"\b(?:in|of|since|during)\s+((?:19|20)\d\d)\b", text)]
    return max(years) if years else None


def read_text(
    text: str, doc_id: str, *, path: str | None = None, kb: KnowledgeBase | None = None
) -> Document:
    """Build a :class:`~kgraph.model.Document` from text: header, paragraphs, citations, date.

    The date is not printed in these texts. The year comes from the publication's
    volume (``ontology/sources.yaml``); the day is the wire dateline's, or the first
    publication day after the latest report the text cites.

    Examples
    --------
    >>> text = "Publication: Monitor Volume: 6 Issue: 52\\n\\nX met Y (Reuters, March 10)."
    >>> doc = read_text(text, "d1")
    >>> doc.publication, doc.date.isoformat(), doc.date_basis
    ('Monitor', '2000-03-13', 'citations')
    """
    if len(text) > MAX_DOCUMENT_CHARS:
        raise DocumentError(_too_long(path or doc_id, f"{len(text):,} characters"))
    kb = kb if kb is not None else KnowledgeBase.load()
    publication, volume, issue, body_start = parse_header(text)
    warnings: list[str] = []
    if publication is None:
        warnings.append(
            f"{path or doc_id}: no 'Publication: NAME Volume: V Issue: N' header; "
            "the document date is unknown, so relative dates stay unresolved"
        )
    year = None
    if publication is not None and volume is not None:
        known = kb.publication(publication)
        if known is not None:
            year = known.year_of_volume(volume)
        if year is not None and not 1900 <= year <= 2100:
            warnings.append(
                f"{path or doc_id}: volume {volume} of {publication} would be the year {year}; "
                "check the header (the year is read from the text instead)"
            )
            year = None
    if year is None:
        year = _year_from_text(text[body_start:])
    dateline_day, dateline_place = None, None
    body = text[body_start:]
    m = _DATELINE.match(body)
    if m:
        dateline_place = m["place"].strip().title()
        found = find_time_expressions(m["date"], None, year=year)
        if found and found[0].interval is not None:
            dateline_day = found[0].interval.start
    paragraphs, all_citations = [], []
    known = kb.publication(publication) if publication is not None else None
    latest = _latest_possible_day(year, volume, issue, known.frequency if known else None)
    for start, end in _paragraph_spans(text, body_start):
        citations = parse_citations(text, start, end, kb=kb, year=year, anchor=latest)
        all_citations.extend(citations)
        paragraphs.append((start, end, citations))
    day, basis = _infer_date(year, all_citations, dateline_day, body, latest)
    if day is not None and any(c.date and c.date > day for c in all_citations):
        day, basis = None, "volume"
    # Citation dates were read against the year only; read them again against the day.
    final = []
    for start, end, citations in paragraphs:
        if day is not None:
            citations = parse_citations(text, start, end, kb=kb, year=year, anchor=day)
        final.append(Paragraph(start=start, end=end, citations=tuple(citations)))
    if dateline_place and m:
        dateline_place = _canonical_place(dateline_place, kb)
    return Document(
        id=doc_id,
        text=text,
        path=path,
        publication=publication,
        volume=volume,
        issue=issue,
        date=day,
        year=day.year if day else year,
        date_basis=basis,
        body_start=body_start,
        paragraphs=tuple(final),
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        dateline=dateline_place,
        warnings=tuple(warnings),
    )


def _canonical_place(name: str, kb: KnowledgeBase) -> str:
    found = kb.lookup(name, kind="city")
    return found[0].name if found else name
