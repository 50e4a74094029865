from datetime import date

import pytest

from kgraph.dates import find_time_expressions, month_day, next_weekday, normalise_date

ANCHOR = date(2000, 3, 14)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On January 16-18", ("2000-01-16", "2000-01-18")),
        ("in mid-December", ("1999-12-10", "1999-12-20")),
        ("earlier this month", ("2000-03-01", "2000-03-14")),
        ("late last year", ("1999-09-01", "1999-12-31")),
        ("this summer", ("2000-06-01", "2000-08-31")),
        ("last spring", ("1999-03-01", "1999-05-31")),
        ("yesterday", ("2000-03-13", "2000-03-13")),
        ("in June 1997", ("1997-06-01", "1997-06-30")),
        ("on 25 August 1999", ("1999-08-25", "1999-08-25")),
        ("from June 30 to July 3, 2005", ("2005-06-30", "2005-07-03")),
        ("on December 31", ("1999-12-31", "1999-12-31")),
        ("next month", ("2000-04-01", "2000-04-30")),
        ("four years ago", ("1996-01-01", "1996-12-31")),
        ("two months ago", ("2000-01-01", "2000-01-31")),
        ("three days ago", ("2000-03-11", "2000-03-11")),
        ("last February", ("1999-02-01", "1999-02-28")),  # the month just ended: a year back
        ("last January", ("2000-01-01", "2000-01-31")),
        ("in the spring of 1999", ("1999-03-01", "1999-05-31")),
        ("in summer 1998", ("1998-06-01", "1998-08-31")),
        ("the winter of 1998", ("1998-12-01", "1999-02-28")),
        ("in the autumn", ("1999-09-01", "1999-11-30")),  # told of the past: the last one
        ("over the weekend", ("2000-03-11", "2000-03-12")),  # 14 March 2000 was a Tuesday
    ],
)
def test_normalise_date(text, expected):
    assert normalise_date(text, ANCHOR).iso() == expected


def test_future_context_takes_the_coming_season_and_weekend():
    assert normalise_date("in the autumn", ANCHOR, future=True).iso()[0] == "2000-09-01"
    assert normalise_date("at the weekend", ANCHOR, future=True).iso() == (
        "2000-03-18",
        "2000-03-19",
    )


def test_future_context_moves_a_past_month_forward():
    assert normalise_date("in February", ANCHOR, future=True).iso()[0] == "2001-02-01"
    assert normalise_date("in February", ANCHOR).iso()[0] == "2000-02-01"


def test_quantities_are_not_dates():
    assert find_time_expressions("volumes of 60-80 billion cubic meters", ANCHOR) == []
    assert find_time_expressions("a 1996 cooperation agreement", ANCHOR) == []


def test_relative_without_anchor_has_no_interval():
    expressions = find_time_expressions("yesterday", None)
    assert len(expressions) == 1 and expressions[0].interval is None


def test_offsets_point_at_the_words():
    text = "Talks began on March 2 in Beijing."
    (expression,) = find_time_expressions(text, ANCHOR)
    assert text[expression.start : expression.end] == expression.text == "March 2"


def test_next_weekday_and_month_day():
    assert next_weekday(date(1996, 4, 26)) == date(1996, 4, 29)
    assert month_day(12, 31, date(2000, 1, 5), None) == date(1999, 12, 31)
