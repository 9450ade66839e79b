"""`stale`: the newest date a document gives for itself (front matter, "Last updated",
"Published") or for its sources (the reference list) is older than a limit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from ..document.dates import coerce_date, first_date
from ..document.model import Document
from ..rule import RuleSpec
from .base import Alternatives, Hit, RunContext, compile_alternatives

DEFAULT_KEYS = ("date", "updated", "last_updated", "last-updated", "lastmod", "modified",
                "published", "reviewed", "last_reviewed")


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
                window = doc.prose[m.end() : m.end() + 60]
                found = first_date(window)
                if found is not None:
                    date, _, end = found
                    yield date, m.start(), m.end() + end, doc.prose[m.start() : m.end() + end]
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


def compile_check(spec: RuleSpec) -> StaleCheck:
    params = spec.params
    return StaleCheck(
        max_age_years=float(params["max_age_years"]),
        labels=compile_alternatives(params.get("labels", ()), spec),
        keys=tuple(params.get("front_matter_keys", DEFAULT_KEYS)),
        sources=tuple(params.get("from", ("labels", "front-matter"))),
    )
