"""`needs-citation`: a sentence that reports a study, a statistic or an effect needs a citation
in the sentence itself or in its paragraph."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import regex

from ..document.model import Document
from ..rule import RuleSpec
from .base import Alternatives, Hit, RunContext, compile_alternatives, compile_any, context_span
from .params import KindParams


@dataclass(frozen=True)
class NeedsCitationCheck:
    triggers: Alternatives
    unless: regex.Pattern[str] | None
    within: str

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        triggers = self.triggers.for_document(doc)
        if triggers is None:
            return
        reported: set[int] = set()
        for m in triggers.finditer(doc.prose, timeout=ctx.timeout):
            if not ctx.in_scope(doc, m.start()):
                continue
            sentence = context_span(doc, m.start(), "sentence")
            if sentence.start in reported:
                continue
            text = doc.prose[sentence.start : sentence.end]
            if self.unless is not None and self.unless.search(text, timeout=ctx.timeout):
                continue
            area = context_span(doc, m.start(), self.within)
            # A citation written just after the sentence's full stop still belongs to it.
            tail = min(area.end + 12, len(doc.text)) if self.within == "sentence" else area.end
            if doc.has_citation_between(area.start, tail):
                continue
            reported.add(sentence.start)
            yield Hit(m.start(), m.end(), {"match": m.group()})


@dataclass(frozen=True)
class Params(KindParams):
    triggers: Sequence[Any]  # statements that need a citation
    unless: Sequence[Any] = ()
    within: str = "paragraph"  # where the citation must be: sentence or paragraph
    case_sensitive: bool = False


def compile_check(spec: RuleSpec) -> NeedsCitationCheck:
    params = Params.of(spec)
    triggers = compile_alternatives(params.triggers, spec)
    assert triggers is not None
    return NeedsCitationCheck(
        triggers=triggers,
        unless=compile_any(params.unless, spec),
        within=params.within,
    )
