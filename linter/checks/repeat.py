"""`repeat`: repeated adjacent lines or headings (copy-paste debris) and doubled words."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from ..document.model import Document
from ..rule import RuleSpec
from .base import Hit, RunContext, compile_any

# `\b` is implied by what follows it; it lets the engine pass over most positions quickly.
_DOUBLED = regex.compile(r"\b(?<![\w-])(\p{L}[\p{L}']*)\s+(\1)(?![\w-])", regex.IGNORECASE)
_SPACE = regex.compile(r"\s+")
_TEXT_LINE = regex.compile(r"([^\r\n]*)(?:\r\n|\r|\n|$)")


@dataclass(frozen=True)
class RepeatCheck:
    mode: str
    min_length: int
    ignore: regex.Pattern[str] | None

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        if self.mode == "words":
            yield from self._words(doc, ctx)
        elif self.mode == "lines":
            yield from self._lines(doc, ctx)
        else:
            yield from self._blocks(doc, ctx)

    def _words(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        for block in ctx.blocks(doc):
            for m in _DOUBLED.finditer(doc.prose, block.start, block.end, timeout=ctx.timeout):
                if len(m.group(1)) < self.min_length:
                    continue
                if self.ignore is not None and self.ignore.fullmatch(m.group(1)):
                    continue
                first, second = m.group(1), m.group(2)
                if first[:1].islower() and second[:1].isupper():
                    continue  # "... sense of smell Smell tests": a flattened list or heading
                yield Hit(m.start(2), m.end(2), {"match": m.group(2)})

    def _lines(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        """A line equal to the line just before it, with at most blank lines between (inside
        one block or across blocks); a run of copies is one finding. Anything else between
        the two (a heading, a paragraph, a code block) makes them separate lines, so a
        sentence that comes back under another heading is not a copy."""
        previous: str | None = None
        run: tuple[int, int, str] | None = None
        for m in _TEXT_LINE.finditer(doc.prose):
            start, end = m.span(1)
            if start >= len(doc.prose):
                break
            raw = doc.text[start:end].strip()
            if not raw:
                continue  # a blank line joins what is on either side
            line = doc.prose[start:end]
            key = _SPACE.sub(" ", line).strip().casefold()
            if not key:
                if not (raw.startswith("<!--") and raw.endswith("-->")):
                    previous = None  # code or markup stands between the lines
                continue
            if not ctx.in_scope(doc, start + len(line) - len(line.lstrip())):
                previous = None
                continue
            short = len(key) < self.min_length or (self.ignore and self.ignore.search(key))
            if not short and key == previous:
                run = (run[0], end, key) if run is not None and run[2] == key else (start, end, key)
            else:
                if run is not None:
                    yield self._hit(doc, (run[0], run[1], run[2], 0))
                run = None
            previous = key
        if run is not None:
            yield self._hit(doc, (run[0], run[1], run[2], 0))

    def _blocks(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        """A block equal to one of the two before it; a run of repeats is one finding."""
        kinds = {"heading"} if self.mode == "headings" else ctx.scope_kinds
        seen: list[tuple[str, int, int]] = []
        run: tuple[int, int, str, int] | None = None
        for block in doc.blocks:
            if block.kind not in kinds:
                continue
            key = _SPACE.sub(" ", doc.prose[block.start : block.end]).strip().casefold()
            if len(key) < self.min_length or (self.ignore and self.ignore.search(key)):
                seen.append((key, block.start, block.end))
                continue
            if any(key == k for k, _, _ in seen[-2:]):
                if run is not None and run[3] >= len(seen) - 2:
                    run = (run[0], block.end, run[2], len(seen))
                else:
                    if run is not None:
                        yield self._hit(doc, run)
                    run = (block.start, block.end, key, len(seen))
            seen.append((key, block.start, block.end))
        if run is not None:
            yield self._hit(doc, run)

    @staticmethod
    def _hit(doc: Document, run: tuple[int, int, str, int]) -> Hit:
        start, end, _, _ = run
        first_line_end = doc.prose.find("\n", start, end)
        shown = doc.prose[start : first_line_end if first_line_end > 0 else end].strip()
        return Hit(start, end, {"match": shown})


def compile_check(spec: RuleSpec) -> RepeatCheck:
    params = spec.params
    return RepeatCheck(
        mode=params["mode"],
        min_length=int(params.get("min_length", 3 if params["mode"] == "words" else 4)),
        ignore=compile_any(params.get("ignore", ()), spec),
    )
