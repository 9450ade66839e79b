"""Plain-text documents: blocks from blank lines and line shapes, since there is no markup."""

from __future__ import annotations

import regex

from .analyses import AnalysisCache
from .citations import with_reference_kinds
from .masking import apply_mask, url_spans
from .model import Block, Comment, Document

_LINE = regex.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_LIST_MARK = regex.compile(r"[ \t]*(?:[-*•‣◦·]|\d{1,3}[.)])[ \t]+")
_COMMENT = regex.compile(r"<!--(.*?)-->", regex.DOTALL)
_TERMINAL = ".!?:;,"


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    return (
        0 < len(stripped) < 100
        and stripped[-1] not in _TERMINAL
        and len(stripped.split()) <= 14
        and (stripped[0].isupper() or stripped[0].isdigit())
    )


def parse_text(path: str, text: str) -> Document:
    masks: list[tuple[int, int]] = []
    comments = [Comment(m.start(), m.end(), m.group(1)) for m in _COMMENT.finditer(text)]
    masks.extend((c.start, c.end) for c in comments)
    shaped = apply_mask(text, masks)  # line shapes are judged without comments
    lines: list[tuple[int, int]] = []
    for m in _LINE.finditer(text):
        if m.start() == len(text) and not m.group():
            break
        content = m.group().rstrip("\r\n")
        lines.append((m.start(), m.start() + len(content)))

    groups: list[list[tuple[int, int]]] = [[]]
    for start, end in lines:
        if shaped[start:end].strip():
            groups[-1].append((start, end))
        elif groups[-1]:
            groups.append([])

    blocks: list[Block] = []
    for group in groups:
        if not group:
            continue
        lengths = [len(shaped[s:e].strip()) for s, e in group]
        wrapped = len(group) > 1 and all(40 <= n <= 100 for n in lengths[:-1])
        if wrapped and not _LIST_MARK.match(text, group[0][0]):
            blocks.append(Block(group[0][0], group[-1][1], "paragraph"))
            continue
        for start, end in group:
            line = shaped[start:end]
            mark = _LIST_MARK.match(text, start, end)
            if mark is not None:
                masks.append(mark.span())
                blocks.append(Block(start, end, "list-item"))
            elif _is_heading(line):
                blocks.append(Block(start, end, "heading", 2))
            else:
                blocks.append(Block(start, end, "paragraph"))

    masks.extend(url_spans(text))
    prose = apply_mask(text, masks)
    return Document(
        path=path,
        text=text,
        prose=prose,
        format="text",
        blocks=with_reference_kinds(text, prose, "text", blocks),
        comments=comments,
        analyses=AnalysisCache(),
    )
