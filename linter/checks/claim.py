"""`claim`: every one of several patterns in one sentence, in any order, unless it is negated
or hedged (so a false claim is caught however it is phrased, and its refutation is not)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from ..document.model import Document
from ..rule import RuleSpec
from .base import (
    Alternatives,
    Hit,
    RunContext,
    compile_any,
    compile_single,
    context_span,
    quote_skipping,
)


@dataclass(frozen=True)
class ClaimCheck:
    parts: tuple[Alternatives, ...]
    unless: regex.Pattern[str] | None
    within: str
    skip_quotes: frozenset[str | None]  # audiences whose quotations are left out

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        patterns = [part.for_document(doc) for part in self.parts]
        if None in patterns:
            return  # every part must match, and one cannot
        seen: set[int] = set()
        first, rest = patterns[0], patterns[1:]
        for anchor in first.finditer(doc.prose, timeout=ctx.timeout):
            if not ctx.in_scope(doc, anchor.start()):
                continue
            span = context_span(doc, anchor.start(), self.within)
            if span.start in seen:
                continue
            seen.add(span.start)
            text = doc.prose[span.start : span.end]
            matches = [first.search(text, timeout=ctx.timeout)]
            matches += [p.search(text, timeout=ctx.timeout) for p in rest]
            if not all(matches):
                continue
            if self.unless is not None and self.unless.search(text, timeout=ctx.timeout):
                continue
            start = span.start + min(m.start() for m in matches if m)
            end = span.start + max(m.end() for m in matches if m)
            if ctx.audience in self.skip_quotes and doc.in_quote(start, end):
                continue
            yield Hit(start, end, {"match": doc.prose[start:end]})


def compile_check(spec: RuleSpec) -> ClaimCheck:
    params = spec.params
    return ClaimCheck(
        parts=tuple(compile_single(p, spec) for p in params["all"]),
        unless=compile_any(params.get("unless", ()), spec),
        within=params.get("within", "sentence"),
        skip_quotes=quote_skipping(spec),
    )
