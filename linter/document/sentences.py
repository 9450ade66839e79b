"""Sentence segmentation that knows the abbreviations of medical writing."""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from .model import Span

if TYPE_CHECKING:
    from .model import Document

# Tokens that end in a period without ending a sentence (compared in lower case).
ABBREVIATIONS = frozenset(
    ["al", "e.g", "eg", "i.e", "ie", "vs", "v", "cf", "etc.", "approx", "ca", "dr", "drs", "mr", "mrs", "ms", "prof", "st", "jr", "sr", "no", "nos", "fig", "figs", "tab", "vol", "vols", "p", "pp", "ed", "eds", "eq", "eqs", "ref", "refs", "dept", "univ", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "min", "max", "mg", "mcg", "ml", "dl", "approx.", "resp", "incl", "esp", "viz", "ibid", "op", "sc", "iv", "im", "po", "bid", "tid", "qid", "prn", "hr", "hrs", "wk", "wks", "mo", "mos", "yr", "yrs", "no.", "u.s", "u.k", "ph.d", "m.d", "b.sc", "m.sc"]
)
_END = regex.compile(
    r"[.!?…]+[\"'”’)\]]*(?:\[\d[\d,\s–-]*\]|[¹²³⁰⁴-⁹]+)*(?=\s|$)"
)
_WORD_BEFORE = regex.compile(r"([\p{L}.]+)[.]$")
_WORD = regex.compile(r"\b\p{L}[\p{L}\p{M}'’-]*")


def _is_boundary(prose: str, end_start: int, end: int, block_end: int) -> bool:
    mark = prose[end_start:end]
    nxt = end
    while nxt < block_end and prose[nxt].isspace():
        nxt += 1
    if nxt >= block_end:
        return True
    following = prose[nxt]
    if following.islower():
        return False
    if mark[0] != ".":
        return True
    before = _WORD_BEFORE.search(prose, max(0, end_start - 20), end_start + 1)
    if before is not None:
        word = before.group(1).lower().rstrip(".")
        if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            return False
    return True


def split_span(prose: str, start: int, end: int) -> list[Span]:
    spans: list[Span] = []
    cursor = start
    for m in _END.finditer(prose, start, end):
        if _is_boundary(prose, m.start(), m.end(), end):
            if prose[cursor : m.end()].strip():
                spans.append(_trim(prose, cursor, m.end()))
            cursor = m.end()
    if prose[cursor:end].strip():
        spans.append(_trim(prose, cursor, end))
    return spans


def _trim(prose: str, start: int, end: int) -> Span:
    while start < end and prose[start].isspace():
        start += 1
    while end > start and prose[end - 1].isspace():
        end -= 1
    return Span(start, end)


def split_blocks(doc: Document) -> list[Span]:
    sentences: list[Span] = []
    for block in doc.blocks:
        if block.kind == "heading":
            if doc.prose[block.start : block.end].strip():
                sentences.append(_trim(doc.prose, block.start, block.end))
            continue
        sentences.extend(split_span(doc.prose, block.start, block.end))
    return sentences


def count_words(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))


def words(text: str) -> list[str]:
    return _WORD.findall(text)
