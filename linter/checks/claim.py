"""`claim`: every one of several patterns in one sentence, in any order, unless it is negated
or hedged (so a false claim is caught however it is phrased, and its refutation is not).

How `unless` is read. A match of `unless` inside the text a part matched is part of the claim
("cancer cannot survive in an alkaline body"), not a refutation of it, and is ignored. A
match that is a bare negation word ("not", "no", "never", "doesn't") refutes the claim only
when it negates it: a part of the claim follows within a few words in the same clause ("does
not cure", "no supplement cures"), or it follows the claim closely, before a new clause
begins ("... has no basis", not "... and never looked back"). A pseudo-negation ("not only",
"doesn't want you to know", "with no side effects") never counts. Any other
match ("no evidence", "myth", "falsely", a rule's own exemptions) counts anywhere in the
sentence. A claim put as a question counts as refuted when its answer (after the question
mark, or the next sentence) says no or refutes it ("Does X cure Y? No."). This is NegEx's
trigger-and-window idea (Chapman et al., J Biomed Inform 2001) applied to the claim's own
words.

Optional context: `requires` (the sentence must also match one of these) and `near` (one of
these must occur in the claim's block or within `near_blocks` blocks of it); with both, either
suffices. The finding covers the claim's parts only, never the context.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import regex

from ..document.model import WORD_RUN, Document, Span
from ..rule import RuleSpec
from .base import (
    Alternatives,
    Hit,
    RunContext,
    compile_alternatives,
    compile_any,
    compile_single,
    context_span,
    quote_skipping,
)
from .params import KindParams

# A negation word or phrase on its own: such a match must negate the claim to count.
_BARE_NEGATION = regex.compile(
    r"(?:not|no|never|none|nor|neither|cannot|can ?not|without|nothing|nobody|no one"
    r"|(?:do|does|did|is|are|was|were|will|would|should|could|can|has|have|had|may|must|wo|ca)"
    r"(?:n't| not))",
    regex.IGNORECASE,
)
# Negation words that do not negate what follows (NegEx's pseudo-negations).
_PSEUDO_NEGATION = regex.compile(
    r"(?:not only|not just|not merely|not surprisingly|no doubt|no wonder|no matter"
    r"|without (?:a )?doubt|not to mention|no longer|nothing (?:short|less|else)|no question"
    r"|(?:with )?no (?:\w+ )?(?:side[- ]effects?|risks?|drugs|surgery|chemo\w*|pain|need)"
    r"|without (?:any )?(?:side[- ]effects?|surgery|drugs|chemo\w*|pain|risks?)"
    r"|(?:don't|doesn't|do not|does not|didn't|did not|won't|will not|never)"
    r" (?:want|tell|let|say|admit|know|realis|realiz|hear)\w*)\b",
    regex.IGNORECASE,
)
# Where a negation's reach ends: a clause or sentence break, or a contrast.
_TERMINATOR = regex.compile(
    r"[;:!?()\[\]—–]|\s-\s|\b(?:but|however|although|though|yet|whereas|while|except"
    r"|because|unless|instead)\b",
    regex.IGNORECASE,
)
# The first words of an answer that says no.
_NO_ANSWER = regex.compile(
    r"^[\W_]*(?:(?:a|answer|fact|reality|the (?:truth|facts?|answer)(?: is)?)[\W_]+)?"
    r"(?:no|nope|not|never|false|wrong|untrue|myth|none)\b",
    regex.IGNORECASE,
)
# After the claim, a negation counts when it denies the claim as a whole ("... is not true",
# "... has no basis"), not when a new clause or verb begins ("... and never looked back").
_NEW_CLAUSE = regex.compile(r"\b(?:and|or|so|then|when|if|who|which)\b", regex.IGNORECASE)
_BEFORE_WORDS = 6  # a negation this many words or fewer before a part negates it
_AFTER_WORDS = 4  # ... or this many words after the claim's last part
_ANSWER_WORDS = 8  # a negation among the first words of an answer refutes a question


@dataclass(frozen=True)
class ClaimCheck:
    parts: tuple[Alternatives, ...]
    unless: regex.Pattern[str] | None
    within: str
    skip_quotes: frozenset[str | None]  # audiences whose quotations are left out
    requires: Alternatives | None = None
    near: Alternatives | None = None
    near_blocks: int = 0
    # The unless pattern with longest-match (POSIX) semantics, compiled when first needed.
    _longest: dict[str, regex.Pattern[str]] = field(
        default_factory=dict, compare=False, hash=False, repr=False)

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        patterns: list[regex.Pattern[str]] = []
        for part in self.parts:
            pattern = part.for_document(doc)
            if pattern is None:
                return  # every part must match, and this one cannot: the rest are not asked
            patterns.append(pattern)
        requires = self.requires.for_document(doc) if self.requires is not None else None
        near = self.near.for_document(doc) if self.near is not None else None
        if (self.requires is not None or self.near is not None) and requires is None \
                and near is None:
            return  # the context the claim needs is nowhere in the document
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
            claim_end = max(m.end() for m in matches if m)
            if self.unless is not None and self._refuted(doc, span, text, patterns, claim_end,
                                                         ctx):
                continue
            start = span.start + min(m.start() for m in matches if m)
            end = span.start + max(m.end() for m in matches if m)
            if ctx.audience in self.skip_quotes and doc.in_quote(start, end):
                continue
            if (requires is not None or near is not None) and not self._in_context(
                    doc, span, text, requires, near, ctx):
                continue
            yield Hit(start, end, {"match": doc.prose[start:end]})

    # -- refutation -------------------------------------------------------------------------

    def _refuted(self, doc: Document, span: Span, text: str,
                 patterns: list[regex.Pattern[str]], claim_end: int, ctx: RunContext) -> bool:
        claim = [(m.start(), m.end()) for p in patterns
                 for m in p.finditer(text, timeout=ctx.timeout)]
        if self._refutes(text, claim, ctx):
            return True
        question = text.find("?", claim_end)
        if question < 0:
            return False
        answer = text[question + 1 :].strip(" \t\n*_\"'”’)")
        if answer:  # "Does X cure Y? No, ..." in one sentence (or behind bold markup)
            return self._says_no(answer, ctx)
        return self._answered_no(doc, span, ctx)

    def _refutes(self, text: str, claim: list[tuple[int, int]], ctx: RunContext) -> bool:
        unless = self._longest_unless()
        for m in unless.finditer(text, timeout=ctx.timeout):
            start, end = m.span()
            if start == end or any(s <= start and end <= e for s, e in claim):
                continue  # part of the claim's own wording
            if not _BARE_NEGATION.fullmatch(" ".join(m.group().split()).replace("’", "'")):
                return True  # a refutation ("no evidence", "myth") or an exemption
            if _negates(text, start, end, claim):
                return True
        return False

    def _answered_no(self, doc: Document, span: Span, ctx: RunContext) -> bool:
        """A question whose next sentence answers no, or refutes the claim."""
        sentences = doc.sentences
        index = next((i for i, s in enumerate(sentences) if s.start >= span.end), None)
        if index is None:
            return False
        return self._says_no(doc.prose[sentences[index].start : sentences[index].end], ctx)

    def _says_no(self, answer: str, ctx: RunContext) -> bool:
        """Whether an answer to a question says no or refutes the claim."""
        if _NO_ANSWER.search(answer):
            return True
        unless = self._longest_unless()
        for m in unless.finditer(answer, timeout=ctx.timeout):
            if not _BARE_NEGATION.fullmatch(" ".join(m.group().split()).replace("’", "'")):
                return True
            if len(WORD_RUN.findall(answer[: m.start()])) <= _ANSWER_WORDS and \
                    not _PSEUDO_NEGATION.match(answer, m.start()):
                return True
        return False

    def _longest_unless(self) -> regex.Pattern[str]:
        assert self.unless is not None
        pattern = self._longest.get("unless")
        if pattern is None:
            pattern = regex.compile(self.unless.pattern, self.unless.flags | regex.POSIX)
            self._longest["unless"] = pattern
        return pattern

    # -- context ----------------------------------------------------------------------------

    def _in_context(self, doc: Document, span: Span, text: str,
                    requires: regex.Pattern[str] | None, near: regex.Pattern[str] | None,
                    ctx: RunContext) -> bool:
        if requires is not None and requires.search(text, timeout=ctx.timeout):
            return True
        if near is None:
            return False
        blocks = doc.blocks
        here = next((i for i, b in enumerate(blocks) if b.start <= span.start < b.end), None)
        if here is None:
            return near.search(text, timeout=ctx.timeout) is not None
        low, high = max(0, here - self.near_blocks), min(len(blocks), here + self.near_blocks + 1)
        for block in blocks[low:high]:
            if block.kind not in ctx.scope_kinds:
                continue
            if near.search(doc.prose, block.start, block.end, timeout=ctx.timeout):
                return True
        return False


def _negates(text: str, start: int, end: int, claim: list[tuple[int, int]]) -> bool:
    """Whether a bare negation at text[start:end] negates the claim whose parts are at `claim`."""
    if _PSEUDO_NEGATION.match(text, start):
        return False
    following = [s for s, _ in claim if s >= end]
    if following:
        gap = text[end : min(following)]
        if not _TERMINATOR.search(gap) and len(WORD_RUN.findall(gap)) <= _BEFORE_WORDS:
            return True
    preceding = [e for _, e in claim if e <= start]
    if preceding and not following:
        gap = text[max(preceding) : start]
        if not _TERMINATOR.search(gap) and not _NEW_CLAUSE.search(gap) and \
                len(WORD_RUN.findall(gap)) <= _AFTER_WORDS:
            return True
    return False


@dataclass(frozen=True)
class Params(KindParams):
    all: Sequence[Any]  # every one of these must match within the span
    unless: Sequence[Any] = ()
    within: str = "sentence"  # sentence or paragraph
    case_sensitive: bool = False
    requires: Sequence[Any] = ()
    near: Sequence[Any] = ()  # one of these must occur within `near_blocks` blocks
    near_blocks: int = 0


def compile_check(spec: RuleSpec) -> ClaimCheck:
    params = Params.of(spec)
    return ClaimCheck(
        parts=tuple(compile_single(p, spec) for p in params.all),
        unless=compile_any(params.unless, spec),
        within=params.within,
        skip_quotes=quote_skipping(spec),
        requires=compile_alternatives(params.requires, spec),
        near=compile_alternatives(params.near, spec),
        near_blocks=params.near_blocks,
    )
