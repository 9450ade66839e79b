"""`phrase`: any of a list of words or patterns, unless the sentence says otherwise."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import regex

from ..document.model import Document
from ..rule import RuleSpec
from .base import (
    Alternatives,
    Hit,
    PatternError,
    RunContext,
    compile_alternatives,
    compile_any,
    context_span,
    quote_skipping,
)
from .params import KindParams


@dataclass(frozen=True)
class PhraseCheck:
    alternatives: Alternatives
    unless: regex.Pattern[str] | None
    requires: Alternatives | None  # must match the sentence; documents without it are skipped
    skip_quotes: frozenset[str | None]  # audiences whose quotations are left out

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        pattern = self.alternatives.for_document(doc)
        requires = self.requires.for_document(doc) if self.requires is not None else None
        if pattern is None or (self.requires is not None and requires is None):
            return
        for m in pattern.finditer(doc.prose, timeout=ctx.timeout):
            start, end = m.span()
            if start == end or not ctx.in_scope(doc, start):
                continue
            if not sentence_allows(doc, start, self.unless, requires, ctx):
                continue
            if ctx.audience in self.skip_quotes and doc.in_quote(start, end):
                continue
            yield Hit(start, end, {"match": m.group()})


def sentence_allows(doc: Document, start: int, unless: regex.Pattern[str] | None,
                    requires: regex.Pattern[str] | None, ctx: RunContext) -> bool:
    if unless is None and requires is None:
        return True
    span = context_span(doc, start, "sentence")
    sentence = doc.prose[span.start : span.end]
    if unless is not None and unless.search(sentence, timeout=ctx.timeout):
        return False
    return requires is None or requires.search(sentence, timeout=ctx.timeout) is not None


@dataclass(frozen=True)
class Params(KindParams):
    patterns: Sequence[Any] = ()  # flagged patterns (strings or {pattern, ...} entries)
    words: Sequence[str] = ()  # flagged whole words, matched literally
    unless: Sequence[Any] = ()  # a sentence matching one of these is not flagged
    requires: Sequence[Any] = ()  # flagged only in a sentence that also matches one of these
    case_sensitive: bool = False

    required_any = (("patterns",), ("words",))


def compile_check(spec: RuleSpec) -> PhraseCheck:
    params = Params.of(spec)
    alternatives = compile_alternatives(params.patterns, spec, words=params.words)
    if alternatives is None:
        raise PatternError("a phrase rule needs `patterns` or `words`")
    return PhraseCheck(
        alternatives=alternatives,
        unless=compile_any(params.unless, spec),
        requires=compile_alternatives(params.requires, spec),
        skip_quotes=quote_skipping(spec),
    )
