from datetime import date

import pytest

from kgraph.errors import DocumentError, InputError
from kgraph.reader import iter_paths, parse_citations, read_document, read_text


def test_seed_header_date_and_citations(root):
    doc = read_document(root / "seeds" / "001_ed407638abc0b59d.txt")
    assert (doc.publication, doc.volume, doc.issue) == ("Monitor", 5, 156)
    assert doc.date == date(1999, 8, 26) and doc.date_basis == "citations"
    outlets = [c.outlets for p in doc.paragraphs for c in p.citations]
    assert ("Itar-Tass",) in outlets and ("UPI",) in outlets
    for paragraph in doc.paragraphs:
        assert (
            doc.text[paragraph.start : paragraph.end].strip()
            == doc.text[paragraph.start : paragraph.end]
        )


def test_wire_dateline_gives_the_date():
    text = (
        "Publication: Xinhua Wire Volume: 10 Issue: 1\n\n"
        "VLADIVOSTOK, June 2 (Xinhua) -- Li met Lavrov here."
    )
    doc = read_text(text, "w")
    assert doc.date == date(2005, 6, 2) and doc.date_basis == "dateline"
    assert doc.dateline == "Vladivostok"


def test_no_header_is_a_warning_not_a_failure():
    doc = read_text("Putin met Jiang in Beijing.", "x")
    assert doc.publication is None and doc.warnings


def test_self_reference_has_no_outlet_but_a_date():
    (citation,) = parse_citations("as reported (see the Monitor, January 20, March 2).", year=2000)
    assert citation.outlets == () and citation.date == date(2000, 3, 2)


def test_abbreviations_are_not_citations():
    assert parse_citations("the Shanghai Cooperation Organization (SCO) met") == []


def test_bad_files(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02abc")
    (tmp_path / "cp1251.txt").write_bytes("Путин".encode("cp1251"))
    for name in ("empty.txt", "binary.txt", "cp1251.txt"):
        with pytest.raises(DocumentError) as info:
            read_document(tmp_path / name)
        assert str(tmp_path / name) in str(info.value) and "\n" not in str(info.value)


def test_iter_paths_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(iter_paths([tmp_path / "missing"]))
    with pytest.raises(InputError, match="no .txt"):
        list(iter_paths([tmp_path]))


def test_a_citation_lists_outlets_with_their_own_dates():
    from kgraph.kb import KnowledgeBase

    (citation,) = parse_citations(
        "no comment (Interfax, November 1; Nezavisimaya Gazeta, November 3).",
        kb=KnowledgeBase.load(),
        year=1997,
    )
    assert citation.outlets == ("Interfax", "Nezavisimaya Gazeta")
    assert citation.date.isoformat() == "1997-11-03"


def test_an_early_issue_cites_reports_of_the_year_before():
    # Monitor volume 7 is 2001; its third issue appeared in January
    text = "Publication: Monitor Volume: 7 Issue: 3\n\nPutin met Jiang (Interfax, December 29)."
    doc = read_text(text, "j")
    assert doc.paragraphs[0].citations[0].date == date(2000, 12, 29)
    assert doc.date == date(2001, 1, 1)
    late = read_text("Publication: Monitor Volume: 7 Issue: 240\n\nX (Interfax, December 29).", "d")
    assert late.date == date(2001, 12, 31)


def test_a_day_told_of_a_deal_about_the_future_still_dates_the_issue():
    text = (
        "Publication: RFE/RL Newsline Volume: 8 Issue: 13\n\n"
        "The ministers signed a contract on 20 January under which India will buy a carrier."
    )
    doc = read_text(text, "n")
    assert doc.date == date(2004, 1, 21) and doc.date_basis == "text"


@pytest.mark.parametrize(
    ("volume", "issue", "body", "expected"),
    [
        # a daily appears on a working day: the Monday after a Friday's talks
        (
            7,
            40,
            "Ivanov told reporters in Beijing on 28 February that Russia may use its veto.",
            date(2003, 3, 3),
        ),
        # a day told before the future in its sentence is past; one after it is not
        (
            7,
            101,
            "Yukos signed a deal on 28 May under which it is to ship oil. Hu is due in "
            "St. Petersburg on 30 May.",
            date(2003, 5, 29),
        ),
        (
            4,
            138,
            "Putin flew to Pyongyang on 19 July. He leaves today for Okinawa, where the "
            "summit opens on 21 July.",
            date(2000, 7, 20),
        ),
        # no day later than the issue number allows: issue 64 cannot be of late June
        (
            9,
            64,
            "Akaev resigned on 4 April. A presidential election is provisionally set for 26 June.",
            date(2005, 4, 5),
        ),
    ],
)
def test_the_issue_day_from_the_days_its_text_tells(volume, issue, body, expected):
    doc = read_text(f"Publication: RFE/RL Newsline Volume: {volume} Issue: {issue}\n\n{body}", "n")
    assert doc.date == expected and doc.date_basis == "text"


def test_a_news_agency_header_is_a_wire_numbered_as_the_xinhua_wire():
    doc = read_text(
        "Publication: Itar-Tass Volume: 5 Issue: 319\n\nULAN BATOR, November 14 (Itar-Tass) --"
        " Putin arrived here today.",
        "w",
    )
    assert doc.date == date(2000, 11, 14) and doc.date_basis == "dateline"
