"""`document`: what a whole document must contain, optionally only when it contains something
else (a document that reports a study must disclose its funding, and so on).

A requirement is met by any `require` pattern, by a `satisfied_by` source, or by `weighted`
patterns: each one found in the document (at least `min_count` times, default once) adds its
weight once (a negative weight counts against, as a relative-only figure does against "the
benefit is quantified"), and the requirement is met when the sum reaches `threshold`. With
only negative weights and a threshold of 0 or less, the rule reports what a document should
not do (a finding once the cues found weigh less than the threshold). The
rule does not apply (no finding; "not applicable" on a scorecard) when `when` does not match
or a `not_applicable` pattern does."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..document.model import Document
from ..rule import RuleSpec
from .base import Alternatives, Hit, RunContext, compile_alternatives, compile_single, title_span
from .params import KindParams


@dataclass(frozen=True)
class Weighted:
    """A cue: adds `weight` once when found at least `min_count` times in the document."""

    pattern: Alternatives
    weight: int
    min_count: int = 1

    def found(self, doc: Document, ctx: RunContext) -> bool:
        pattern = self.pattern.for_document(doc)
        if pattern is None:
            return False
        count = 0
        for block in doc.blocks:
            for _ in pattern.finditer(doc.prose, block.start, block.end, timeout=ctx.timeout):
                count += 1
                if count >= self.min_count:
                    return True
        return False


@dataclass(frozen=True)
class DocumentCheck:
    when: Alternatives | None
    when_min: int
    require: Alternatives | None
    satisfied_by: tuple[str, ...]
    unless: Alternatives | None
    weighted: tuple[Weighted, ...] = ()
    threshold: int = 1
    not_applicable: Alternatives | None = None

    def weight_of(self, doc: Document, ctx: RunContext) -> int:
        """The summed weights of the `weighted` cues found in the document, each once."""
        return sum(cue.weight for cue in self.weighted if cue.found(doc, ctx))

    def _satisfied(self, doc: Document, ctx: RunContext) -> bool:
        for what in self.satisfied_by:
            if what == "citations" and doc.citations:
                return True
            if what == "references" and doc.references is not None:
                return True
            if what.startswith("front-matter:") and doc.front_matter.get(what.split(":", 1)[1]):
                return True
        if self.weighted and self.weight_of(doc, ctx) >= self.threshold:
            return True
        # Any block may meet a requirement: a byline, a heading, a footer, a reference.
        require = self.require.for_document(doc) if self.require is not None else None
        return require is not None and any(
            require.search(doc.prose, block.start, block.end, timeout=ctx.timeout)
            for block in doc.blocks
        )

    def _when_anchor(self, doc: Document, ctx: RunContext) -> tuple[int, int, str] | None:
        """The first match of `when`, once it has matched `when_min` times; else None."""
        assert self.when is not None
        when = self.when.for_document(doc)
        if when is None:
            return None
        anchor: tuple[int, int, str] | None = None
        count = 0
        for span in ctx.blocks(doc):
            for m in when.finditer(doc.prose, span.start, span.end, timeout=ctx.timeout):
                count += 1
                anchor = anchor or (m.start(), m.end(), m.group())
                if count >= self.when_min:
                    return anchor
        return None

    def applies(self, doc: Document, ctx: RunContext) -> bool:
        """Whether the document is about what this rule checks: `when` matches (or there is
        none) and no `not_applicable` pattern does."""
        if self.not_applicable is not None:
            pattern = self.not_applicable.for_document(doc)
            if pattern is not None and any(
                pattern.search(doc.prose, span.start, span.end, timeout=ctx.timeout)
                for span in ctx.blocks(doc)
            ):
                return False
        return self.when is None or self._when_anchor(doc, ctx) is not None

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        anchor: tuple[int, int, str] | None = None
        if self.when is not None:
            anchor = self._when_anchor(doc, ctx)
            if anchor is None:
                return
        if self.not_applicable is not None and not self.applies(doc, ctx):
            return
        unless = self.unless.for_document(doc) if self.unless is not None else None
        if unless is not None and unless.search(doc.prose, timeout=ctx.timeout):
            return
        if self._satisfied(doc, ctx):
            return
        if not doc.blocks:
            return
        start, end = title_span(doc)
        yield Hit(start, end, {"match": anchor[2] if anchor else ""}, document_level=True)


@dataclass(frozen=True)
class Params(KindParams):
    when: Sequence[Any] = ()  # the document is checked only when these match ...
    when_min: int = 1  # ... at least this often
    require: Sequence[Any] = ()  # one of these must occur somewhere
    satisfied_by: Sequence[str] = ()
    unless: Sequence[Any] = ()
    case_sensitive: bool = False
    weighted: Sequence[Mapping[str, Any]] = ()  # {pattern, weight, min_count} cues ...
    threshold: int = 1  # ... whose weights must reach this
    not_applicable: Sequence[Any] = ()

    required_any = (("require",), ("satisfied_by",), ("weighted",))


def compile_check(spec: RuleSpec) -> DocumentCheck:
    params = Params.of(spec)
    return DocumentCheck(
        when=compile_alternatives(params.when, spec),
        when_min=params.when_min,
        require=compile_alternatives(params.require, spec),
        satisfied_by=tuple(params.satisfied_by),
        unless=compile_alternatives(params.unless, spec),
        weighted=tuple(Weighted(compile_single(cue["pattern"], spec), int(cue.get("weight", 1)),
                                int(cue.get("min_count", 1)))
                       for cue in params.weighted),
        threshold=params.threshold,
        not_applicable=compile_alternatives(params.not_applicable, spec),
    )
