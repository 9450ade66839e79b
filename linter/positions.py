"""Offsets to 1-based line and column, counting CRLF, CR and LF as line breaks."""

from __future__ import annotations

from bisect import bisect_right

import regex

_BREAK = regex.compile(r"\r\n|\r|\n")


class LineIndex:
    __slots__ = ("_starts", "_length")

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in _BREAK.finditer(text)]
        self._length = len(text)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count characters."""
        offset = max(0, min(offset, self._length))
        line = bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def line_start(self, line: int) -> int:
        return self._starts[line - 1]

    def line_span(self, line: int, text: str) -> tuple[int, int]:
        """Start and end (before the break) of a 1-based line."""
        start = self._starts[line - 1]
        end = self._starts[line] if line < len(self._starts) else self._length
        while end > start and text[end - 1] in "\r\n":
            end -= 1
        return start, end

    @property
    def line_count(self) -> int:
        return len(self._starts)
