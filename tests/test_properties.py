"""Property-based tests (hypothesis): arbitrary text never breaks the reader, the date
normaliser or the extractor, and every offset they return points into the text.

Texts are built from the pieces that drive the code (headers, datelines, actor names,
triggers, dates, citations, pronouns) mixed with arbitrary unicode, so that the
examples reach deep paths, not only the "nothing found" one. ``max_examples`` is bounded
to keep the file within a few seconds; raise ``KGRAPH_HYPOTHESIS_EXAMPLES`` to search more.
"""

from __future__ import annotations

import os
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kgraph.dates import find_time_expressions, normalise_date
from kgraph.kb import KnowledgeBase
from kgraph.model import STATUSES
from kgraph.rdf import relations
from kgraph.reader import read_text

SCALE = float(os.environ.get("KGRAPH_HYPOTHESIS_EXAMPLES", "1"))


def examples(n: int) -> int:
    return max(1, int(n * SCALE))


HEADERS = [
    "",
    "Publication: Monitor Volume: 6 Issue: 52\n\n",
    "Publication: Eurasia Daily Monitor Volume: 2 Issue: 100\n\n",
    "Publication: Monitor Volume: 99999999999999999999 Issue: 1\n\n",
    "Publication: Monitor Volume: 0 Issue: 0\n",
    "Publication: Nowhere Gazette Volume: 3\r\n\r\n",
    "  publication:monitor volume:6 issue:1",
    "BEIJING, July 18 (Xinhua) -- ",
    "MOSCOW, Feb. 30, 2000 (Itar-Tass) -- ",
]
ACTORS = [
    "Vladimir Putin", "Putin", "Jiang Zemin", "Jiang", "Chi Haotian", "Igor Sergeev",
    "Boris Yeltsin", "Tang Jiaxuan", "Russia", "China", "Moscow", "Beijing", "the Kremlin",
    "the Chinese president", "Russian Defense Minister", "He", "he", "They", "his counterpart",
    "the two sides", "NATO", "the United States", "Gazprom", "Russia's", "Chinese",
]  # fmt: skip
TRIGGERS = [
    "met", "met with", "will meet", "did not meet", "held talks with", "visited", "traveled to",
    "is to visit", "signed an agreement with", "agreed with", "criticized", "opposed",
    "supported", "sold arms to", "delivered Su-27 fighters to", "attacked", "handed power to",
    "cooperate with", "refused to meet", "was expected to visit",
]  # fmt: skip
DATES = [
    "on July 18", "January 16-18", "yesterday", "last week", "in mid-December", "on Monday",
    "on December 31", "in 1999", "next month", "this summer", "late last year", "March 2, 2000",
    "Feb. 29", "February 30", "April 31", "Sept. 9-8", "on the 31st", "in 9999", "0000",
    "May", "may", "early next year", "two days ago", "the day before yesterday", "in the spring",
    "January 40", "Dec. 31-Jan. 2", "in 1900s",
]  # fmt: skip
GLUE = [
    ".", ",", " ", "\n\n", "\n", " in ", " and ", " for talks", "(Itar-Tass, March 2)",
    "(Bridge News, Itar-Tass, March 2).", "(see the Monitor, January 20)", "(Reuters, July 40)",
    "(", ")", "\u2019s", "\"", "'", ";", " -- ", "\r\n", "\t", "\u00a0", "\u2028", "(CNPC)",
]  # fmt: skip

pieces = st.one_of(
    st.sampled_from(ACTORS),
    st.sampled_from(TRIGGERS),
    st.sampled_from(DATES),
    st.sampled_from(GLUE),
    st.text(max_size=12),
)
texts = st.builds(
    lambda header, parts: header + " ".join(parts),
    st.sampled_from(HEADERS),
    st.lists(pieces, max_size=60),
)
sentences = st.builds(
    lambda header, rows: header + " ".join(rows),
    st.sampled_from(HEADERS[:3] + HEADERS[7:8]),
    st.lists(
        st.builds(
            lambda a, t, b, d, g: f"{a} {t} {b} {d}{g}",
            st.sampled_from(ACTORS),
            st.sampled_from(TRIGGERS),
            st.sampled_from(ACTORS),
            st.sampled_from(DATES + [""]),
            st.sampled_from([".", ". ", ".\n\n", " (Itar-Tass, March 2). ", ", "]),
        ),
        min_size=1,
        max_size=6,
    ),
)
anchors = st.one_of(st.none(), st.dates(min_value=date(1, 1, 8), max_value=date(9999, 12, 24)))
years = st.one_of(st.none(), st.integers(min_value=-10, max_value=100_000))

KB = KnowledgeBase.load()
SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large]


def check_document(text: str, document) -> None:
    n = len(text)
    assert document.text == text
    assert 0 <= document.body_start <= n
    previous_end = document.body_start
    for paragraph in document.paragraphs:
        assert previous_end <= paragraph.start < paragraph.end <= n
        chunk = text[paragraph.start : paragraph.end]
        assert chunk == chunk.strip() and chunk
        previous_end = paragraph.end
        for citation in paragraph.citations:
            assert paragraph.start <= citation.start < citation.end <= paragraph.end
            assert text[citation.start] == "(" and text[citation.end - 1] == ")"
    if document.date is not None:
        assert document.year == document.date.year


@settings(max_examples=examples(300), deadline=None, suppress_health_check=SLOW)
@given(texts)
def test_reader_takes_any_text(text):
    check_document(text, read_text(text, "doc", kb=KB))


@settings(max_examples=examples(150), deadline=None, suppress_health_check=SLOW)
@given(st.text(max_size=400))
def test_reader_takes_arbitrary_unicode(text):
    check_document(text, read_text(text, "doc", kb=KB))


@settings(max_examples=examples(400), deadline=None, suppress_health_check=SLOW)
@given(texts, anchors, years, st.booleans())
def test_time_expressions_point_into_the_text(text, anchor, year, future):
    found = find_time_expressions(text, anchor, year=year, future=future)
    previous_end = 0
    for expression in found:
        assert previous_end <= expression.start < expression.end <= len(text)
        assert text[expression.start : expression.end] == expression.text
        previous_end = expression.end
        if expression.interval is not None:
            assert expression.interval.start <= expression.interval.end, expression
    interval = normalise_date(text, anchor, year=year, future=future)
    first = next((e.interval for e in found if e.interval is not None), None)
    assert interval == first


@settings(max_examples=examples(150), deadline=None, suppress_health_check=SLOW)
@given(st.one_of(sentences, texts))
def test_extractor_takes_any_text_and_its_evidence_is_the_text(extractor, text):
    document = read_text(text, "doc", kb=extractor.kb)
    known = set(relations())
    for event in extractor.events(document):
        assert 0 <= event.char_start < event.char_end <= len(text), event
        assert text[event.char_start : event.char_end] == event.evidence, event
        assert event.relation in known and event.status in STATUSES, event
        assert event.subject and event.object, event
        assert 0.0 <= event.confidence <= 1.0, event
        for bound in (event.start, event.end):
            assert bound is None or date.fromisoformat(bound[:10]), event


@pytest.mark.parametrize(
    "text",
    [
        "Publication: Monitor Volume: 99999999999999999999 Issue: 1\n\nPutin met Jiang in May.",
        "Putin met Jiang (Itar-Tass, February 30) on January 40.",
        "\u2028\u2029Putin\u00a0met\u00a0Jiang.\r\n\r\n(",
        "He met him. They met them. It met it.",
    ],
)
def test_known_awkward_texts(extractor, text):
    document = read_text(text, "doc", kb=extractor.kb)
    check_document(text, document)
    if "99999999999999999999" in text:
        assert document.year is None and "check the header" in document.warnings[-1]
    for event in extractor.events(document):
        assert text[event.char_start : event.char_end] == event.evidence
