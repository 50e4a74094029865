"""Dates in news text: find temporal expressions and normalise them against a document date.

Everything here is a pure function of its arguments, so the extractor, the reader and the
tests share one implementation.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = [
    "Interval",
    "TimeExpression",
    "MONTHS",
    "find_time_expressions",
    "normalise_date",
    "next_weekday",
    "month_day",
]

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            (),
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 2),
}
_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "several": 3,
}  # fmt: skip


@dataclass(frozen=True)
class Interval:
    """A closed interval of days with the precision the text gave it."""

    start: date
    end: date
    precision: str = "day"  # day | week | month | season | year | range

    def iso(self) -> tuple[str, str]:
        """Return ``(start, end)`` as ISO strings."""
        return self.start.isoformat(), self.end.isoformat()


@dataclass(frozen=True)
class TimeExpression:
    """A temporal expression found in a text: its offsets, its words and its interval."""

    start: int
    end: int
    text: str
    interval: Interval | None
    relative: bool = False


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_interval(year: int, month: int) -> Interval:
    return Interval(date(year, month, 1), _last_day(year, month), "month")


def _year_interval(year: int) -> Interval:
    return Interval(date(year, 1, 1), date(year, 12, 31), "year")


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def next_weekday(day: date) -> date:
    """Return the first weekday (Monday to Friday) after ``day``.

    Examples
    --------
    >>> next_weekday(date(2000, 3, 10))  # a Friday
    datetime.date(2000, 3, 13)
    """
    day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def month_day(month: int, day: int, anchor: date | None, year: int | None, *, future: bool = False):
    """Place a month and day without a year next to an anchor date.

    A day more than a month after the anchor belongs to the previous year unless the
    text speaks of the future; a day long before the anchor in a future context belongs
    to the next year.

    Examples
    --------
    >>> month_day(12, 31, date(2000, 3, 14), None)
    datetime.date(1999, 12, 31)
    >>> month_day(6, 30, date(2005, 6, 2), None, future=True)
    datetime.date(2005, 6, 30)
    """
    base = anchor.year if anchor else year
    if base is None:
        return None
    candidate = _safe_date(base, month, day)
    if candidate is None or anchor is None:
        return candidate
    if not future and candidate > anchor + timedelta(days=31):
        return _safe_date(base - 1, month, day) or candidate
    if future and candidate < anchor - timedelta(days=62):
        return _safe_date(base + 1, month, day) or candidate
    return candidate


def _month_of(anchor: date | None, year: int | None, month: int, *, future: bool) -> int | None:
    base = anchor.year if anchor else year
    if base is None:
        return None
    if anchor is not None:
        if not future and month > anchor.month:
            return base - 1
        if future and month < anchor.month:
            return base + 1
    return base


_MONTH = r"(?P<{g}>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sep(?:t(?:ember)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"  # noqa: E501
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>(?:19|20)\d\d)"
_DASH = r"\s*(?:-|–|—|to|through|until|and)\s*"


def _m(group: str) -> str:
    return _MONTH.format(g=group)


def _d(group: str) -> str:
    return _DAY.format(g=group)


def _y(group: str) -> str:
    return _YEAR.format(g=group)


_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # June 30 to July 3[, 2005] / from June 30 to July 3
    (
        "md_md",
        re.compile(
            rf"\b{_m('m1')}\s+{_d('d1')}{_DASH}{_m('m2')}\s+{_d('d2')}(?:,?\s+{_y('y')})?\b"
        ),
    ),
    # 30 June to 3 July
    (
        "dm_dm",
        re.compile(
            rf"\b{_d('d1')}\s+{_m('m1')}{_DASH}{_d('d2')}\s+{_m('m2')}(?:,?\s+{_y('y')})?\b"
        ),
    ),
    # January 16-18[, 2000]
    (
        "md_d",
        re.compile(
            rf"\b{_m('m1')}\s+{_d('d1')}\s*(?:-|–|—)\s*{_d('d2')}(?!\d)(?:,?\s+{_y('y')})?\b"
        ),
    ),
    # 16-18 January
    (
        "d_dm",
        re.compile(rf"\b{_d('d1')}\s*(?:-|–|—)\s*{_d('d2')}\s+{_m('m1')}(?:,?\s+{_y('y')})?\b"),
    ),
    # March 2[, 2000]
    (
        "md",
        re.compile(
            rf"\b{_m('m1')}\s+{_d('d1')}(?![\d,]*\s*(?:billion|million|percent|%))(?!\d)(?:,?\s+{_y('y')})?\b"
        ),
    ),
    # 25 August [1999]
    ("dm", re.compile(rf"\b{_d('d1')}\s+{_m('m1')}(?:,?\s+{_y('y')})?\b")),
    # June 1997
    ("my", re.compile(rf"\b{_m('m1')},?\s+(?:of\s+)?{_y('y')}\b")),
    # mid-December, early March, late February [1999], the end of June
    (
        "part_month",
        re.compile(
            rf"\b(?P<part>mid|early|late|the (?:beginning|start|middle|end) of)[- ]"
            rf"{_m('m1')}(?:\s+{_y('y')})?\b",
            re.I,
        ),
    ),
    # in March / by November
    (
        "month",
        re.compile(
            rf"\b(?:in|by|since|until|during|for|of|to|till|before|after|from|through)\s+(?P<x>){_m('m1')}\b(?!\s+\d)"
        ),
    ),
    ("month_next", re.compile(rf"\b(?P<rel>next|last|this)\s+(?P<x>){_m('m1')}\b")),
    # the 1990s
    ("decade", re.compile(r"\b(?:the\s+)?(?P<y>(?:19|20)\d0)s\b")),
    # early 1999, late 2000
    (
        "part_year",
        re.compile(
            rf"\b(?P<part>early|late|mid|the (?:beginning|start|middle|end) of)[- ]{_y('y')}\b",
            re.I,
        ),
    ),
    # the spring of 1999, summer 2001
    (
        "season_year",
        re.compile(
            rf"\b(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?{_y('y')}\b"
        ),
    ),
    # 1997 (only with a preposition so that quantities are not read as years)
    (
        "year",
        re.compile(
            rf"\b(?:in|by|since|until|during|for|of|from|before|after)\s+(?P<x>){_y('y')}\b(?![\d-])"
        ),
    ),
]
_PATTERNS = [(k, p) if p.flags & re.I else (k, re.compile(p.pattern, re.I)) for k, p in _PATTERNS]

_PREV = r"this|last|next|the previous|the past"
_PART = r"earlier|later|early|late|the end of|the beginning of|the middle of"
_RELATIVE = re.compile(
    r"\b(?:(?P<day>yesterday|today|tomorrow|the previous day|the day before|the next day"
    r"|the following day|the day after|the same day|(?:later|earlier) (?:that|in the) day"
    r"|(?:this|in the|later this|later in the) (?:morning|afternoon|evening)"
    r"|tonight|later today)"
    rf"|(?:(?P<wpart>late|early|earlier|later)\s+)?(?P<wrel>{_PREV}|the following)\s+week(?:end)?"
    rf"|(?P<mpart>{_PART})?\s*(?P<mrel>{_PREV}|(?<=of )the)\s+month"
    rf"|(?P<ypart>{_PART}|the first half of|the second half of)?\s*"
    rf"(?P<yrel>{_PREV}|the current|the coming|(?<=of )the)\s+year"
    rf"|(?P<srel>{_PREV}|the coming|(?<=in )the|(?<=during )the)\s+"
    r"(?P<season>spring|summer|autumn|fall|winter)(?!\s+(?:of\s+)?(?:19|20)\d\d)"
    r"|(?P<weekend>(?<=over )the weekend|(?<=at )the weekend)"
    r"|(?:on\s+)?(?P<wd>(?:last\s+|next\s+)?"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))"
    r"|(?:in\s+)?recent\s+(?P<recent>weeks|days|months)"
    r"|(?P<ago>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|twenty|thirty|\d{1,2})\s+"
    r"(?P<ago_unit>years?|months?|weeks?|days?)\s+ago"
    r"|(?P<apart>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
    r"(?P<apart_unit>days?|weeks?)\s+(?P<apart_dir>later|earlier|afterwards))\b",
    re.I,
)


def _part(interval: Interval, part: str | None) -> Interval:
    if not part:
        return interval
    part = part.lower()
    span = (interval.end - interval.start).days
    third = max(span // 3, 0)
    if part in ("early", "the beginning of", "the start of", "the first half of"):
        end = interval.start + timedelta(days=third if part != "the first half of" else span // 2)
        return Interval(interval.start, end, interval.precision)
    if part in ("late", "the end of", "the second half of"):
        start = interval.end - timedelta(days=third if part != "the second half of" else span // 2)
        return Interval(start, interval.end, interval.precision)
    if part in ("mid", "the middle of"):
        start = interval.start + timedelta(days=third)
        return Interval(start, interval.end - timedelta(days=third), interval.precision)
    return interval


def _absolute(kind: str, m: re.Match[str], anchor: date | None, year: int | None, future: bool):
    g = m.groupdict()
    explicit = int(g["y"]) if g.get("y") else None

    def month(name: str) -> int:
        return MONTHS[name.lower().rstrip(".")]

    if kind in ("md_md", "dm_dm"):
        m1, m2, d1, d2 = month(g["m1"]), month(g["m2"]), int(g["d1"]), int(g["d2"])
        start = (
            _safe_date(explicit, m1, d1)
            if explicit
            else month_day(m1, d1, anchor, year, future=future)
        )
        end = (
            _safe_date(explicit, m2, d2)
            if explicit
            else month_day(m2, d2, anchor, year, future=future)
        )
        if start and end and end < start:
            end = _safe_date(start.year + (1 if m2 < m1 else 0), m2, d2)
        return Interval(start, end, "range") if start and end and start <= end else None
    if kind in ("md_d", "d_dm"):
        m1, d1, d2 = month(g["m1"]), int(g["d1"]), int(g["d2"])
        start = (
            _safe_date(explicit, m1, d1)
            if explicit
            else month_day(m1, d1, anchor, year, future=future)
        )
        if start is None or d2 < d1:
            return None
        end = _safe_date(start.year, m1, d2)
        return Interval(start, end, "range") if end else None
    if kind in ("md", "dm"):
        m1, d1 = month(g["m1"]), int(g["d1"])
        day = (
            _safe_date(explicit, m1, d1)
            if explicit
            else month_day(m1, d1, anchor, year, future=future)
        )
        return Interval(day, day, "day") if day else None
    if kind == "my":
        return _month_interval(explicit, month(g["m1"]))
    if kind in ("part_month", "month", "month_next"):
        m1 = month(g["m1"])
        y = explicit or _month_of(anchor, year, m1, future=future)
        if kind == "month_next" and anchor is not None:
            word = g["rel"].lower()
            y = anchor.year + (1 if word == "next" and m1 <= anchor.month else 0)
            # "last July" said in August is a year back: the month just ended is "last month"
            y -= 1 if word == "last" and m1 >= anchor.month - 1 else 0
        if y is None:
            return None
        interval = _month_interval(y, m1)
        if kind == "part_month":
            part = g["part"].lower()
            if part == "mid":
                return Interval(date(y, m1, 10), date(y, m1, 20), "month")
            return _part(interval, part)
        return interval
    if kind == "decade":
        y = int(g["y"])
        return Interval(date(y, 1, 1), date(y + 9, 12, 31), "year")
    if kind == "part_year":
        return _part(_year_interval(explicit), g["part"])
    if kind == "season_year":
        return _season(g["season"].lower(), explicit)
    if kind == "year":
        return _year_interval(explicit)
    return None


def _season(season: str, year: int) -> Interval:
    """A season of a year; its winter runs into the next year."""
    first, last = _SEASONS[season]
    if season == "winter":
        return Interval(date(year, 12, 1), _last_day(year + 1, 2), "season")
    return Interval(date(year, first, 1), _last_day(year, last), "season")


_NUMBERS_AGO = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                "thirteen": 13, "fourteen": 14, "fifteen": 15, "twenty": 20,
                "thirty": 30}  # fmt: skip


def _relative(m: re.Match[str], anchor: date | None, future: bool) -> Interval | None:
    if anchor is None:
        return None
    g = m.groupdict()
    if g["day"]:
        word = g["day"].lower()
        offset = {"yesterday": -1, "tomorrow": 1, "the previous day": -1,
                  "the day before": -1, "the next day": 1, "the day after": 1,
                  "the following day": 1}.get(word, 0)  # fmt: skip
        day = anchor + timedelta(days=offset)
        return Interval(day, day, "day")
    if g["wrel"]:
        rel = g["wrel"].lower()
        monday = anchor - timedelta(days=anchor.weekday())
        if rel in ("last", "the previous", "the past"):
            monday -= timedelta(days=7)
        elif rel in ("next", "the following"):
            monday += timedelta(days=7)
        start, end = monday, monday + timedelta(days=6)
        part = (g["wpart"] or "").lower()
        if rel == "this" and part in ("earlier", ""):
            end = min(end, anchor)
        if part in ("late", "later"):
            start = monday + timedelta(days=3)
        elif part == "early":
            end = monday + timedelta(days=2)
        return Interval(start, end, "week")
    if g["mrel"]:
        rel = g["mrel"].lower()
        y, mo = anchor.year, anchor.month
        if rel in ("last", "the previous", "the past"):
            y, mo = (y - 1, 12) if mo == 1 else (y, mo - 1)
        elif rel == "next":
            y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
        interval = _month_interval(y, mo)
        part = (g["mpart"] or "").strip().lower()
        if rel == "this" and part == "earlier":
            return Interval(interval.start, anchor, "month")
        if rel == "this" and part == "later":
            return Interval(anchor, interval.end, "month")
        return _part(interval, part)
    if g["yrel"]:
        rel = g["yrel"].lower()
        y = anchor.year + {
            "last": -1,
            "the previous": -1,
            "the past": -1,
            "next": 1,
            "the coming": 1,
        }.get(rel, 0)
        interval = _year_interval(y)
        part = (g["ypart"] or "").strip().lower()
        if rel in ("this", "the current") and part == "earlier":
            return Interval(interval.start, anchor, "year")
        if rel in ("this", "the current") and part == "later":
            return Interval(anchor, interval.end, "year")
        if part in ("earlier", "later"):
            part = "early" if part == "earlier" else "late"
        return _part(interval, part)
    if g["weekend"]:
        # "over the weekend": the one just past, or the coming one for what is planned
        saturday = anchor - timedelta(days=(anchor.weekday() - 5) % 7)
        if future and saturday + timedelta(days=1) < anchor:
            saturday += timedelta(days=7)
        return Interval(saturday, saturday + timedelta(days=1), "range")
    if g["season"]:
        rel, season = g["srel"].lower(), g["season"].lower()
        first, last = _SEASONS[season]
        y = anchor.year
        if rel == "the":
            # "in the autumn": this year's, or the coming one's for what is planned
            if future and season != "winter" and anchor.month > last:
                y += 1
            elif not future and season != "winter" and anchor.month < first:
                y -= 1
            return _season(season, y)
        if rel in ("last", "the previous", "the past"):
            y -= 1 if anchor.month <= last + (0 if season != "winter" else 12) else 0
            if season != "winter" and anchor.month > last:
                y = anchor.year
        elif rel in ("next", "the coming"):
            y += 1 if anchor.month >= first else 0
        if season == "winter":
            return Interval(date(y, 12, 1), _last_day(y + 1, 2), "season")
        return Interval(date(y, first, 1), _last_day(y, last), "season")
    if g["wd"]:
        words = g["wd"].lower().split()
        target = _WEEKDAYS.index(words[-1])
        delta = (anchor.weekday() - target) % 7
        if words[0] == "next" or (future and words[0] != "last"):
            ahead = (target - anchor.weekday()) % 7
            day = anchor + timedelta(days=ahead or 7 if words[0] == "next" else ahead)
        else:
            day = anchor - timedelta(days=delta or (7 if words[0] == "last" else 0))
        return Interval(day, day, "day")
    if g["ago"]:
        # "four years ago": the year, month, week or day that many back, whole
        word, unit = g["ago"].lower(), g["ago_unit"].lower().rstrip("s")
        n = int(word) if word.isdigit() else _NUMBERS_AGO.get(word, 1)
        if unit == "year":
            return _year_interval(anchor.year - n)
        if unit == "month":
            y, mo = divmod(anchor.year * 12 + anchor.month - 1 - n, 12)
            return _month_interval(y, mo + 1)
        day = anchor - timedelta(days=n * (7 if unit == "week" else 1))
        if unit == "week":
            return Interval(day - timedelta(days=3), day + timedelta(days=3), "week")
        return Interval(day, day, "day")
    if g["apart"]:
        return None  # "two days later": counted from the day told before it (chained_days)
    if g["recent"]:
        days = {"days": 7, "weeks": 31, "months": 120}[g["recent"].lower()]
        return Interval(anchor - timedelta(days=days), anchor, "range")
    return None


_APART = re.compile(
    r"^(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
    r"(?P<unit>days?|weeks?)\s+(?P<dir>later|earlier|afterwards)$",
    re.I,
)


def days_apart(text: str) -> int | None:
    """The days an expression such as "two days later" counts from the day told before it.

    >>> days_apart("two days later"), days_apart("a week earlier"), days_apart("today")
    (2, -7, None)
    """
    m = _APART.match(text.strip())
    if m is None:
        return None
    word = m["n"].lower()
    n = int(word) if word.isdigit() else _NUMBERS_AGO.get(word, 1)
    n *= 7 if m["unit"].lower().startswith("week") else 1
    return -n if m["dir"].lower() == "earlier" else n


def find_time_expressions(
    text: str, anchor: date | None = None, *, year: int | None = None, future: bool = False
) -> list[TimeExpression]:
    """Find the temporal expressions of a text and normalise each against ``anchor``.

    Parameters
    ----------
    text : str
        A sentence or any stretch of text.
    anchor : date, optional
        The document date that relative expressions ("yesterday") count from.
    year : int, optional
        The document's year when its day is unknown.
    future : bool
        Whether the context speaks of the future (decides "in March" and weekdays).

    Returns
    -------
    list of TimeExpression
        Non-overlapping expressions in text order; longer matches win.

    Examples
    --------
    >>> found = find_time_expressions("On January 16-18 he flew", date(2000, 3, 14))
    >>> [e.interval.iso() for e in found]
    [('2000-01-16', '2000-01-18')]
    >>> find_time_expressions("yesterday", date(1999, 8, 26))[0].interval.iso()
    ('1999-08-25', '1999-08-25')
    """
    found: list[TimeExpression] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            try:
                interval = _absolute(kind, m, anchor, year, future)
            except (KeyError, ValueError, OverflowError):
                interval = None
            if interval is None:
                continue
            begin = m.start("x") if "x" in m.groupdict() else m.start()
            taken.append((begin, m.end()))
            found.append(TimeExpression(begin, m.end(), text[begin : m.end()], interval))
    for m in _RELATIVE.finditer(text):
        s = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        if not free(s, m.end()):
            continue
        try:
            interval = _relative(m, anchor, future)
        except (ValueError, OverflowError):
            interval = None
        taken.append((s, m.end()))
        found.append(TimeExpression(s, m.end(), text[s : m.end()], interval, relative=True))
    return sorted(found, key=lambda e: e.start)


def normalise_date(
    text: str, anchor: date | None = None, *, year: int | None = None, future: bool = False
) -> Interval | None:
    """Return the interval of the first temporal expression in ``text``, or None.

    Examples
    --------
    >>> normalise_date("mid-December", date(2000, 3, 14)).iso()
    ('1999-12-10', '1999-12-20')
    >>> normalise_date("this summer", date(2000, 3, 14)).iso()
    ('2000-06-01', '2000-08-31')
    >>> normalise_date("late last year", date(2000, 3, 14)).iso()
    ('1999-09-01', '1999-12-31')
    >>> normalise_date("nothing here") is None
    True
    """
    for expression in find_time_expressions(text, anchor, year=year, future=future):
        if expression.interval is not None:
            return expression.interval
    return None
