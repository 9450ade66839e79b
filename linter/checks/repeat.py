"""`repeat`: repeated adjacent lines or headings (copy-paste debris) and doubled words."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import regex

from ..document.model import Document
from ..rule import RuleSpec
from .base import Hit, RunContext, compile_any
from .params import KindParams

# `\b` is implied by what follows it; it lets the engine pass over most positions quickly.
_DOUBLED = regex.compile(r"\b(?<![\w-])(\p{L}[\p{L}']*)\s+(\1)(?![\w-])", regex.IGNORECASE)
# The same in ASCII text, for the standard engine, which finds it about twice as fast: a
# letter, a word character and a space there are these characters, and ignoring case is
# ASCII's (regex's `\s` holds no ASCII character besides these six).
_DOUBLED_ASCII = re.compile(r"\b(?<![\w-])([A-Za-z][A-Za-z']*)[ \t\n\x0b\x0c\r]+(\1)(?![\w-])",
                            re.IGNORECASE | re.ASCII)
_SPACE = regex.compile(r"\s+")
_SPLIT_ONLY = frozenset("\x1c\x1d\x1e\x1f")  # str.split() splits at these, `\s` does not
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
        prose = doc.prose
        for block in ctx.blocks(doc):
            start, end = block.start, block.end
            # What the pattern can see of the text, lookbehind and all, is ASCII.
            if prose[max(start - 1, 0):end].isascii():
                found: Iterator[re.Match[str] | regex.Match[str]] = \
                    _DOUBLED_ASCII.finditer(prose, start, end)
            else:
                found = _DOUBLED.finditer(prose, start, end, timeout=ctx.timeout)
            for m in found:
                if len(m.group(1)) < self.min_length:
                    continue
                if self.ignore is not None and self.ignore.fullmatch(m.group(1)):
                    continue
                first, second = m.group(1), m.group(2)
                if first[:1].islower() and second[:1].isupper():
                    continue  # "... sense of smell Smell tests": a flattened list or heading
                yield Hit(m.start(2), m.end(2), {"match": m.group(2)})

    def _lines(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        """Lines (one to three) that repeat the lines just before them, with at most blank
        lines between (inside one block or across blocks): a title, or a title and its first
        paragraph, pasted twice. A run of copies is one finding. Anything else between them
        (another heading, a paragraph, a code block) breaks the run, so a sentence that comes
        back under another heading is not a copy."""
        seen: list[tuple[str, int, int]] = []
        run: tuple[int, int, str, int] | None = None  # start, end, first line, last line index
        for m in _TEXT_LINE.finditer(doc.prose):
            start, end = m.span(1)
            if start >= len(doc.prose):
                break
            raw = doc.text[start:end].strip()
            if not raw:
                continue  # a blank line joins what is on either side
            line = doc.prose[start:end]
            key = _key(line)
            in_scope = bool(key) and ctx.in_scope(doc, start + len(line) - len(line.lstrip()))
            if not in_scope:
                if key or not (raw.startswith("<!--") and raw.endswith("-->")):
                    seen = []  # code, markup or an out-of-scope block stands between
                continue
            seen.append((key, start, end))
            copy = self._copied(seen)
            if copy is None:
                continue
            first = len(seen) - copy
            if run is not None and first <= run[3] + 1:
                run = (run[0], end, run[2], len(seen) - 1)
            else:
                if run is not None:
                    yield self._hit(doc, run)
                run = (seen[first][1], end, seen[first][0], len(seen) - 1)
        if run is not None:
            yield self._hit(doc, run)

    def _copied(self, seen: list[tuple[str, int, int]]) -> int | None:
        """How many of the last lines repeat the same number of lines just before them."""
        keys = [k for k, _, _ in seen[-6:]]
        for size in (1, 2, 3):
            if len(keys) < 2 * size:
                break
            last, before = keys[-size:], keys[-2 * size : -size]
            if last == before and any(self._counts(k) for k in last):
                return size
        return None

    def _counts(self, key: str) -> bool:
        return len(key) >= self.min_length and not (self.ignore and self.ignore.search(key))

    def _blocks(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        """A block equal to one of the two before it; a run of repeats is one finding."""
        kinds = {"heading"} if self.mode == "headings" else ctx.scope_kinds
        seen: list[tuple[str, int, int]] = []
        run: tuple[int, int, str, int] | None = None
        for block in doc.blocks:
            if block.kind not in kinds:
                continue
            key = _key(doc.prose[block.start : block.end])
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


def _key(text: str) -> str:
    """The text with each run of spaces one space, stripped and case-folded, as compared."""
    if not _SPLIT_ONLY.isdisjoint(text):
        return _SPACE.sub(" ", text).strip().casefold()
    return " ".join(text.split()).casefold()  # the same, faster


@dataclass(frozen=True)
class Params(KindParams):
    mode: str = field(metadata={"schema": {"enum": ["words", "lines", "headings"]}})
    min_length: int | None = None  # None: the mode's own (see `shortest`)
    ignore: Sequence[Any] = ()
    case_sensitive: bool = False

    def shortest(self) -> int:
        """The shortest repeat flagged: as set, else 3 words or 4 characters."""
        if self.min_length is not None:
            return int(self.min_length)
        return 3 if self.mode == "words" else 4


def compile_check(spec: RuleSpec) -> RepeatCheck:
    params = Params.of(spec)
    return RepeatCheck(
        mode=params.mode,
        min_length=params.shortest(),
        ignore=compile_any(params.ignore, spec),
    )
