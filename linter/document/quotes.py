"""Quoted material: blockquotes and text between paired quotation marks."""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from .model import Span

if TYPE_CHECKING:
    from .model import Document

_QUOTED = regex.compile(r"“[^“”]{1,2000}”|(?<![\w])\"[^\"\r\n]{1,2000}\"(?![\w])|„[^“”]{1,2000}[“”]")


def find_quotes(doc: Document) -> list[Span]:
    spans: list[Span] = []
    for block in doc.blocks:
        if block.kind == "blockquote":
            spans.append(Span(block.start, block.end))
            continue
        for m in _QUOTED.finditer(doc.prose, block.start, block.end):
            spans.append(Span(m.start(), m.end()))
    # A quotation that opens in one block and closes in another (news layout) is rare; the
    # opening quote mark alone then leaves the text unquoted, which errs towards checking it.
    return spans
