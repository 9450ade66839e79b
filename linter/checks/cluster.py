"""`cluster`: a run of blocks dense with cues of one kind (an advertising block, page debris).

With `requires`, a run counts only when it also holds one of those patterns (an advertisement
needs a sales prompt; prices and phone numbers alone are a cost or help-line passage)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import regex

from ..document.model import Document, Span
from ..rule import RuleSpec
from .base import Alternatives, Hit, RunContext, compile_alternatives, compile_single
from .params import KindParams


@dataclass(frozen=True)
class ClusterCheck:
    cues: tuple[Alternatives, ...]
    min_cues: int
    min_distinct: int
    window: int
    requires: Alternatives | None = None

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        requires = self.requires.for_document(doc) if self.requires is not None else None
        if self.requires is not None and requires is None:
            return  # no block can hold what a run needs
        blocks = list(ctx.blocks(doc))
        cues = [(i, pattern) for i, cue in enumerate(self.cues)
                if (pattern := cue.for_document(doc)) is not None]
        # One search per cue over the whole prose, each match counted in the block that holds
        # it (a search per block and cue was most of this rule's time on long documents).
        starts = [block.start for block in blocks]
        totals = [0] * len(blocks)
        kinds: list[set[int]] = [set() for _ in blocks]
        for index, cue in cues:
            for m in cue.finditer(doc.prose, timeout=ctx.timeout):
                at = bisect_right(starts, m.start()) - 1
                if at >= 0 and m.end() <= blocks[at].end and m.start() < blocks[at].end:
                    totals[at] += 1
                    kinds[at].add(index)
        counts = [(total, frozenset(k)) for total, k in zip(totals, kinds, strict=True)]
        run: tuple[int, int, int] | None = None  # first block, last block, cues
        for i in range(len(blocks)):
            window = counts[i : i + self.window]
            total = sum(c for c, _ in window)
            distinct = len(frozenset().union(*(k for _, k in window)))
            if counts[i][0] and total >= self.min_cues and distinct >= self.min_distinct:
                last = i + len(window) - 1
                while last > i and not counts[last][0]:
                    last -= 1
                if run is not None and i <= run[1] + 1:
                    run = (run[0], max(run[1], last), run[2])
                else:
                    if run is not None and self._holds(doc, blocks, run, requires, ctx):
                        yield self._hit(blocks, counts, run)
                    run = (i, last, 0)
        if run is not None and self._holds(doc, blocks, run, requires, ctx):
            yield self._hit(blocks, counts, run)

    @staticmethod
    def _holds(doc: Document, blocks: list[Span], run: tuple[int, int, int],
               requires: regex.Pattern[str] | None, ctx: RunContext) -> bool:
        """Whether the run's blocks hold one of `requires` (always, without it)."""
        if requires is None:
            return True
        return any(requires.search(doc.prose, block.start, block.end, timeout=ctx.timeout)
                   for block in blocks[run[0] : run[1] + 1])

    def _hit(self, blocks: list[Span], counts: list[tuple[int, frozenset[int]]],
             run: tuple[int, int, int]) -> Hit:
        first, last, _ = run
        cues = sum(c for c, _ in counts[first : last + 1])
        return Hit(blocks[first].start, blocks[last].end,
                   {"value": str(cues), "match": "", "detail": f"{last - first + 1} blocks"})


@dataclass(frozen=True)
class Params(KindParams):
    cues: Sequence[Any]
    min_cues: int = 3  # cues needed within the window ...
    min_distinct: int = 1  # ... of which this many different ones
    window: int = 1  # in sentences
    unless: Sequence[Any] = ()  # accepted by the schema; not used by the kind yet
    case_sensitive: bool = False
    requires: Sequence[Any] = ()


def compile_check(spec: RuleSpec) -> ClusterCheck:
    params = Params.of(spec)
    return ClusterCheck(
        cues=tuple(compile_single(p, spec) for p in params.cues),
        min_cues=params.min_cues,
        min_distinct=params.min_distinct,
        window=params.window,
        requires=compile_alternatives(params.requires, spec),
    )
