"""Find calendar dates in text: ISO, day-month-year, month-day-year, month-year, bare year."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import regex

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DATE_SOURCE = (
    rf"""
    (?P<iso>(?P<y1>(?:19|20)\d{{2}})[-/.](?P<m1>1[0-2]|0?[1-9])(?!\d)(?:[-/.](?P<d1>3[01]|[12]\d|0?[1-9])(?!\d))?)
    |(?P<dmy>(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+{_MONTH.replace('month', 'm2')},?\s+(?P<y2>(?:19|20)\d{{2}}))
    |(?P<mdy>{_MONTH.replace('month', 'm3')}\s+(?:(?P<d3>[0-3]?\d)(?:st|nd|rd|th)?,?\s+)?(?P<y3>(?:19|20)\d{{2}}))
    |(?P<us>(?<![\d/.-])(?P<m4>1[0-2]|0?[1-9])/(?P<d4>3[01]|[12]\d|0?[1-9])/(?P<y4>(?:19|20)\d{{2}}))
    |(?P<year>(?<![\d.:;/-])(?P<y5>(?:19|20)\d{{2}})(?![\d:;/-]))
    """
)


@lru_cache(maxsize=1)
def _date_pattern() -> regex.Pattern[str]:
    """Compiled on first use: most runs meet no date label, and compiling it is slow."""
    return regex.compile(_DATE_SOURCE, regex.IGNORECASE | regex.VERBOSE)


def _month(value: str | None) -> int:
    if not value:
        return 1
    if value.isdigit():
        return int(value)
    return _MONTHS.get(value.lower().rstrip("."), 1)


def parse_date_match(m: regex.Match[str]) -> dt.date | None:
    try:
        if m.group("iso"):
            return dt.date(int(m.group("y1")), int(m.group("m1")), int(m.group("d1") or 1))
        if m.group("dmy"):
            return dt.date(int(m.group("y2")), _month(m.group("m2")), int(m.group("d2")))
        if m.group("mdy"):
            return dt.date(int(m.group("y3")), _month(m.group("m3")), int(m.group("d3") or 1))
        if m.group("us"):
            return dt.date(int(m.group("y4")), int(m.group("m4")), int(m.group("d4")))
        return dt.date(int(m.group("y5")), 1, 1)
    except ValueError:
        return None


def first_date(text: str) -> tuple[dt.date, int, int] | None:
    """The first date in `text`, with its span."""
    for m in _date_pattern().finditer(text):
        date = parse_date_match(m)
        if date is not None:
            return date, m.start(), m.end()
    return None


def opening_date(text: str) -> tuple[dt.date, int] | None:
    """The date `text` opens with, and where it ends: `first_date(text)` when that starts at
    0, found by matching there rather than searching the whole text. (A match at 0 is the
    first that `first_date` meets; when it is no calendar date, any date found after it
    starts later.)"""
    m = _date_pattern().match(text)
    if m is None:
        return None
    date = parse_date_match(m)
    return (date, m.end()) if date is not None else None


def coerce_date(value: object) -> dt.date | None:
    """A front-matter value (a YAML date, a datetime, or a string) as a date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int) and 1900 <= value <= 2100:
        return dt.date(value, 1, 1)
    if isinstance(value, str):
        found = first_date(value)
        return found[0] if found else None
    return None
