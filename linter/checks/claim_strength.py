"""`claim-strength`: sentences whose claim is stronger than the evidence behind it allows.

Each sentence in scope is classified (0 no relationship .. 3 direct causal; see
document/claim_strength.py). A rule then flags one of two things:

- with `compare_to_source`, a claim stronger than the strongest conclusion of the source the
  document names (front matter `based_on`, or `--based-on`);
- otherwise, a claim of at least `min_level` about a study that cannot show it: the nearest
  description of the study (the sentence, else its paragraph, else the document) matches
  `weak_design` (observational, in animals, in cells) and not `strong_design` (randomised).
  In the audiences of `any_design_in`, a claim is flagged unless the design is strong.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import regex

from ..document.based_on import source_for
from ..document.claim_strength import Strength, classify, load_cues
from ..document.model import Document, Span
from ..rule import RuleSpec
from .base import (
    Alternatives,
    Hit,
    NeedleGate,
    RunContext,
    compile_alternatives,
    compile_any,
)
from .params import KindParams

WEAK, STRONG, UNKNOWN = "weak", "strong", "unknown"
_CONTEXT_SENTENCES = 3  # a finding's report may run over a few sentences


@dataclass(frozen=True)
class ClaimStrengthCheck:
    min_level: int
    skip_negated: bool
    compare_to_source: bool
    when: Alternatives | None
    requires: regex.Pattern[str] | None
    unless: regex.Pattern[str] | None
    finding: regex.Pattern[str] | None
    weak_design: regex.Pattern[str] | None
    strong_design: regex.Pattern[str] | None
    any_design_in: frozenset[str]
    # Where weak_design, strong_design and `when` may match.
    weak_gate: NeedleGate = NeedleGate(None)
    strong_gate: NeedleGate = NeedleGate(None)
    when_gate: NeedleGate = NeedleGate(None)

    def _reports(self, doc: Document, ctx: RunContext) -> bool:
        if self.when is None:
            return True
        when = self.when.for_document(doc)
        return when is not None and any(
            when.search(doc.prose, b.start, b.end, timeout=ctx.timeout) for b in ctx.blocks(doc)
            if self.when_gate.may_match(doc, b.start, b.end))

    def _strengths(self, doc: Document) -> dict[Span, Strength]:
        """Every sentence's strength, shared by the rules of this kind."""
        found: dict[Span, Strength] = doc.memo.setdefault("claim-strength", {})
        return found

    def _strength(self, doc: Document, sentence: Span) -> Strength:
        known = self._strengths(doc)
        if sentence not in known:
            known[sentence] = classify(doc.prose[sentence.start:sentence.end], load_cues())
        return known[sentence]

    def _design_in(self, doc: Document, spans: list[Span], ctx: RunContext
                   ) -> tuple[str, str] | None:
        """What the sentences in `spans` say of the study: (strong or weak, the words that
        say it), or None when they say nothing. A weak design counts only in a sentence about
        a study (one that matches `finding`): "the Genetic Testing Registry" describes no
        study."""
        cues = load_cues()
        weak: tuple[str, str] | None = None
        for span in spans:
            # Where a design pattern's needles are missing it cannot match: not searched.
            may_strong = self.strong_design is not None \
                and self.strong_gate.may_match(doc, span.start, span.end)
            may_weak = weak is None and self.weak_design is not None \
                and self.weak_gate.may_match(doc, span.start, span.end)
            if not (may_strong or may_weak):
                continue
            text = doc.prose[span.start:span.end]
            if not may_strong and self.weak_design is not None:
                # Only a weak design can be said here, which takes all three conditions:
                # the cheapest and rarest first.
                found = self.weak_design.search(text, timeout=ctx.timeout)
                if found is not None and (self.finding is None or self.finding.search(
                        text, timeout=ctx.timeout)) and not cues.agenda.search(text):
                    weak = WEAK, found.group()
                continue
            if cues.agenda.search(text):
                continue  # "a randomised trial is needed" says nothing of this study
            if may_strong and self.strong_design is not None and (
                    m := self.strong_design.search(text, timeout=ctx.timeout)):
                return STRONG, m.group()
            if not may_weak or self.weak_design is None:
                continue
            if self.finding is not None and not self.finding.search(text, timeout=ctx.timeout):
                continue
            if m := self.weak_design.search(text, timeout=ctx.timeout):
                weak = WEAK, m.group()
        return weak

    def _document_design(self, doc: Document, ctx: RunContext) -> tuple[str, str] | None:
        memo: dict[tuple[int, int], tuple[str, str] | None] = doc.memo.setdefault(
            ("claim-design", id(self)), {})
        if (-1, 2) not in memo:
            memo[(-1, 2)] = self._design_in(doc, list(ctx.sentences(doc)), ctx)
        return memo[(-1, 2)]

    def _design(self, doc: Document, sentence: Span, ctx: RunContext) -> tuple[str, str]:
        """The nearest description of the study: in the sentence, else its paragraph, else
        the document."""
        memo: dict[tuple[int, int], tuple[str, str] | None] = doc.memo.setdefault(
            ("claim-design", id(self)), {})
        block = doc.block_at(sentence.start)
        around = [s for s in doc.sentences if block is not None
                  and block.start <= s.start < block.end]
        for key, spans in (((sentence.start, 0), [sentence]),
                           ((block.start if block else -1, 1), around)):
            if key not in memo:
                memo[key] = self._design_in(doc, spans, ctx)
            found = memo[key]
            if found is not None:
                return found
        return self._document_design(doc, ctx) or (UNKNOWN, "")

    def _states_finding(self, doc: Document, sentence: Span, ctx: RunContext) -> bool:
        """The sentence reports a study's result: it says so, or one of the few sentences
        before it does; a headline may be followed by the sentences that say so."""
        if self.finding is None:
            return True
        index = bisect_left(doc.sentences, sentence.start, key=lambda s: s.start)
        lo, hi = max(0, index - _CONTEXT_SENTENCES), index + 1
        block = doc.block_at(sentence.start)
        if block is not None and block.kind == "heading":
            hi += _CONTEXT_SENTENCES
        return any(self.finding.search(doc.prose, s.start, s.end, timeout=ctx.timeout)
                   for s in doc.sentences[lo:hi])

    def _candidates(self, doc: Document, ctx: RunContext) -> Iterator[tuple[Span, Strength]]:
        for sentence in ctx.sentences(doc):
            strength = self._strength(doc, sentence)
            if strength.level < self.min_level or (self.skip_negated and strength.negated):
                continue
            text = doc.prose[sentence.start:sentence.end]
            if self.requires is not None and not self.requires.search(text, timeout=ctx.timeout):
                continue
            if self.unless is not None and self.unless.search(text, timeout=ctx.timeout):
                continue
            yield sentence, strength

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        if self.compare_to_source:
            yield from self._against_source(doc, ctx)
            return
        if not self._reports(doc, ctx):
            return
        if (ctx.audience or "") not in self.any_design_in and self._document_design(
                doc, ctx) is None:
            return  # nothing says the study was observational, in animals or in cells
        for sentence, strength in self._candidates(doc, ctx):
            design, words = self._design(doc, sentence, ctx)
            if design == STRONG:
                continue
            if design == UNKNOWN and (ctx.audience or "") not in self.any_design_in:
                continue
            if not self._states_finding(doc, sentence, ctx):
                continue
            hit = self._hit(doc, sentence, strength)
            hit.values["detail"] = (f"the study is described as \"{' '.join(words.split())}\""
                                    if words else "the text does not say the study was "
                                    "randomised")
            yield hit

    def _against_source(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        source = source_for(doc.path, doc.text, doc.front_matter, doc.memo, ctx.based_on)
        if source is None:
            return
        cues = load_cues()
        for sentence, strength in self._candidates(doc, ctx):
            if strength.rank <= source.rank:
                continue
            if not cues.topic_words(doc.prose[sentence.start:sentence.end]) & source.topic:
                continue  # background on another subject, not a retelling of the source
            if doc.has_citation_between(sentence.start, sentence.end):
                continue  # it rests on another source
            hit = self._hit(doc, sentence, strength)
            claim = source.strongest
            hit.values.update({
                "limit": claim.strength.describe() if claim else "0 (no relationship)",
                "detail": claim.text.rstrip(".") if claim else "(no conclusion stated)",
            })
            yield hit

    @staticmethod
    def _hit(doc: Document, sentence: Span, strength: Strength) -> Hit:
        start, end = sentence.start, sentence.end
        if strength.end > strength.start:
            start, end = sentence.start + strength.start, sentence.start + strength.end
        return Hit(start, end, {"match": doc.prose[start:end], "value": strength.describe()})


@dataclass(frozen=True)
class Params(KindParams):
    case_sensitive: bool = False
    min_level: int = 3  # the weakest strength flagged
    skip_negated: bool = True
    compare_to_source: bool = False  # weigh against the source the document is based on
    when: Sequence[Any] = ()
    requires: Sequence[Any] = ()
    unless: Sequence[Any] = ()
    finding: Sequence[Any] = ()
    weak_design: Sequence[Any] = ()
    strong_design: Sequence[Any] = ()
    any_design_in: Sequence[str] = ()


def compile_check(spec: RuleSpec) -> ClaimStrengthCheck:
    params = Params.of(spec)
    when = compile_alternatives(params.when, spec)
    weak_design = compile_any(params.weak_design, spec)
    strong_design = compile_any(params.strong_design, spec)
    return ClaimStrengthCheck(
        min_level=params.min_level,
        skip_negated=params.skip_negated,
        compare_to_source=params.compare_to_source,
        when=when,
        requires=compile_any(params.requires, spec),
        unless=compile_any(params.unless, spec),
        finding=compile_any(params.finding, spec),
        weak_design=weak_design,
        strong_design=strong_design,
        any_design_in=frozenset(params.any_design_in),
        weak_gate=NeedleGate.of((weak_design,), spec),
        strong_gate=NeedleGate.of((strong_design,), spec),
        when_gate=NeedleGate.of((when.full if when is not None else None,), spec),
    )
