"""`stale`: the newest date a document gives for itself (front matter, "Last updated",
"Published") or for its sources (the reference list) is older than a limit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import regex

from ..document.dates import coerce_date, opening_date
from ..document.model import Document
from ..rule import RuleSpec
from .base import Alternatives, Hit, RunContext, compile_alternatives
from .params import KindParams

DEFAULT_KEYS = ("date", "updated", "last_updated", "last-updated", "lastmod", "modified",
                "published", "reviewed", "last_reviewed")


# After a label's date, its field ends: the line ends, a separator follows (a byline's "|" or
# "—", a dateline's "/PRNewswire/ --" or closing bracket), or another field starts ("by ...",
# "Next review due: ..."). A time may stand between.
_TIME = r"(?:[ \t]*(?:at[ \t]+)?\d{1,2}[:.]\d{2}(?:[ \t]*[ap]\.?m\.?)?(?:[ \t]+\(?[a-z]{2,5}\)?)?)?"
_FIELD_END = regex.compile(
    _TIME + r"""(?:\)|[ \t]*(?:[.,;]?[ \t]*(?:\r?\n|$)|[|•·—–(/]|-[ \t-]|(?:by|and)\b
    |[.,;][ \t]+(?:by|last|updated|reviewed|published|posted|modified|next|page|written|edited
    |medically|this)\b))""",
    regex.IGNORECASE | regex.VERBOSE,
)
_WEEKDAY = regex.compile(r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?[ \t]+", regex.IGNORECASE)
# A date standing alone on its line (a dateline), where there is no label.
_LINE_END = regex.compile(_TIME + r"[ \t]*(?:[.,;]?[ \t]*(?:\r?\n|$)|[|•·—–])", regex.IGNORECASE)


def labelled_date(text: str, at: int, *, bare: bool = False) -> tuple[dt.date, int] | None:
    """The date that a label ending at `at` gives, and where it ends: it must follow the
    label at once and fill the label's field, so "Published in 2015, the SPRINT trial…" or
    "Updated guidance from 2019 says…" gives none. A `bare` label (no words: a line that is
    only a date) needs the date to end its line."""
    window = text[at : at + 80]
    lead = len(window) - len(window.lstrip(" \t"))
    weekday = _WEEKDAY.match(window, lead)  # "Posted: Tue Nov 9, 2004"
    if weekday is not None:
        lead = weekday.end()
    found = opening_date(window[lead:])
    if found is None:
        return None
    date, end = found
    end += at + lead
    tail = (_LINE_END if bare else _FIELD_END).match(text, end)
    return (date, end) if tail is not None else None


@dataclass(frozen=True)
class StaleCheck:
    max_age_years: float
    labels: Alternatives | None
    keys: tuple[str, ...]
    sources: tuple[str, ...]

    def _dates(self, doc: Document, ctx: RunContext) -> Iterator[tuple[dt.date, int, int, str]]:
        if "front-matter" in self.sources and doc.front_matter_span is not None:
            for key in self.keys:
                date = coerce_date(doc.front_matter.get(key))
                if date is not None:
                    at = doc.text.find(key, doc.front_matter_span.start, doc.front_matter_span.end)
                    at = max(at, doc.front_matter_span.start)
                    yield date, at, at + len(key), f"{key}: {date.isoformat()}"
        labels = None
        if "labels" in self.sources and self.labels is not None:
            labels = self.labels.for_document(doc)
        if labels is not None:
            for m in labels.finditer(doc.prose, timeout=ctx.timeout):
                block = doc.block_at(m.end())
                if block is not None and block.kind == "reference":
                    continue  # a cited page's date, not this article's
                found = labelled_date(doc.prose, m.end(), bare=m.start() == m.end())
                if found is not None:
                    date, end = found
                    start = m.start() if m.end() > m.start() else m.end()
                    yield date, start, end, doc.prose[start:end].strip()
        if "references" in self.sources and doc.references is not None:
            years = [y for e in doc.references.entries for y in e.years]
            if years:
                newest = max(years)
                entry = doc.references.entries[0]
                heading = doc.references.heading or entry
                yield dt.date(newest, 12, 31), heading.start, heading.end, str(newest)

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        dates = list(self._dates(doc, ctx))
        if not dates:
            return
        newest = max(dates, key=lambda d: d[0])
        date, start, end, shown = newest
        age_days = (ctx.today - date).days
        if age_days > self.max_age_years * 365.25:
            years = int(age_days // 365.25)
            yield Hit(start, end, {"match": shown, "value": str(years),
                                   "limit": f"{self.max_age_years:g}"})


@dataclass(frozen=True)
class Params(KindParams):
    max_age_years: float
    labels: Sequence[Any] = ()  # "Last reviewed:"-style labels before a date
    front_matter_keys: Sequence[str] = DEFAULT_KEYS
    from_: Sequence[str] = field(default=("labels", "front-matter"), metadata={"key": "from"})


def compile_check(spec: RuleSpec) -> StaleCheck:
    params = Params.of(spec)
    return StaleCheck(
        max_age_years=float(params.max_age_years),
        labels=compile_alternatives(params.labels, spec),
        keys=tuple(params.front_matter_keys),
        sources=tuple(params.from_),
    )
