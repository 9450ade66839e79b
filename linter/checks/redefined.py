"""The `redefined` mode of `defined-before-use`: an abbreviation defined a second time, or
defined two different ways ("ER" as "estrogen receptor", later as "emergency room").

AMA style expands an abbreviation at its first mention in the abstract and again at its first
mention in the text, and again in each table and figure legend; so a definition in an
abstract section, a table or a legend ("Figure 2. ...") does not make a later one a repeat.
Two different long forms are flagged wherever they are."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..document.abbreviations import Definition, find_definitions
from ..document.model import Document
from .base import Hit, RunContext

_ABSTRACT = regex.compile(r"(?i)\W*(?:structured\s+)?(?:abstract|summary|key\s+points|synopsis)\b")
_LEGEND = regex.compile(
    r"(?i)\W*(?:supplementary\s+|supplemental\s+|e)?(?:figure|fig\.|table|box)\s*\w{0,4}[.:|]")


def _part(doc: Document, offset: int) -> str:
    """Which part of the document an offset is in: `abstract`, `legend` or `text`."""
    block = doc.block_at(offset)
    if block is None:
        return "text"
    if block.kind == "table" or _LEGEND.match(doc.prose, block.start, block.end):
        return "legend"
    heading = None
    for candidate in doc.blocks:
        if candidate.start > offset:
            break
        if candidate.kind == "heading":
            heading = candidate
    if heading is not None and _ABSTRACT.match(doc.prose, heading.start, heading.end):
        return "abstract"
    return "text"


def _closes(prose: str, definition: Definition) -> bool:
    """The parenthesis holds the abbreviation alone ("(ER)", "(DOACs)"), or the abbreviation
    is the one before a parenthesised long form; "(PSA, two other assays)" is a list."""
    if definition.long_start > definition.start:
        return True
    return prose[definition.end:definition.end + 4].lstrip("s ").startswith(")")


def redefinitions(doc: Document, ctx: RunContext, token: regex.Pattern[str],
                  differently: bool) -> Iterator[Hit]:
    """Definitions that repeat an earlier one (`differently` False) or that give an
    abbreviation another long form than its first definition (`differently` True). Only
    definitions whose long form spells the abbreviation count."""
    spans = [(block.start, block.end) for block in ctx.blocks(doc)]
    first: dict[str, Definition] = {}  # abbreviation -> its first definition
    seen: dict[tuple[str, str], Definition] = {}  # (abbreviation, part) -> first definition
    for definition in find_definitions(doc.prose, spans, accept=token):
        if not definition.long_form or not _closes(doc.prose, definition):
            continue
        name = definition.abbreviation
        earlier = first.setdefault(name, definition)
        if earlier is not definition and not definition.same_as(earlier):
            if differently:
                line = doc.lines.position(earlier.start)[0]
                yield Hit(definition.start, definition.end, {
                    "detail": f'is defined here as "{definition.long_form}" but on line {line} '
                              f'as "{earlier.long_form}". Use one definition throughout.'})
            continue
        part = _part(doc, definition.start)
        if differently or part == "legend":
            continue
        again = seen.setdefault((name, part), definition)
        if again is not definition:
            line = doc.lines.position(again.start)[0]
            yield Hit(definition.start, definition.end, {
                "detail": f"is already defined on line {line}. Define it once, at its first "
                          "use, and use the abbreviation alone after that."})
