"""Recognise citations in running text and the reference list they point to."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

import regex

from .model import Block, Citation, Document, ReferenceEntry, ReferenceList

__all__ = ["CITATION", "Citation", "ReferenceEntry", "ReferenceList", "expand_numbers",
           "find_citations", "find_reference_list", "reference_section", "with_reference_kinds"]

_SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_INT = str.maketrans(_SUPERSCRIPT_DIGITS, "0123456789")

# One alternative per citation style; the group name is the citation's kind. A bracketed number
# is an index, not a citation, after a short name, digits or an underscore ("x[0]", "df[2]",
# "row_3[1]"), before another bracket, "=", "(" or ".name" ("a[1][2]", "v[1] = 3"), or when
# it is 0; after a word of letters it is a citation ("about 4 percent[4]").
CITATION = regex.compile(
    r"""
    (?P<footnote>\[\^[^\]\s]{1,40}\](?!:))
    |(?P<numeric>(?:(?<![\w\[])(?<!\w(?:\[[^\]\s]{1,12}\])+)|(?<=(?<![\w.])\p{L}{3,})(?!\[[^\]]{1,40}\]\s*(?:[\[=(]|\.\w)))\[(?P<nums>(?!0\b)\d{1,3}(?:\s*[,–—-]\s*\d{1,3}){0,20})\](?![(:]))
    |(?P<sup_html><sup>\s*\[?(?P<supnums>\d{1,3}(?:\s*[,–—-]\s*\d{1,3}){0,20})\]?\s*</sup>)
    |(?P<superscript>(?<=[\p{L}.,;:)\]%])[⁰¹²³⁴-⁹]+(?:[,–-][⁰¹²³⁴-⁹]+)*)
    |(?P<doi>\b(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?10\.\d{4,9}/[^\s"<>\])]+[^\s"<>\]).,;])
    |(?P<pmid>\bPMID:?\s*\d{5,9}\b|\bpubmed\.ncbi\.nlm\.nih\.gov/\d{5,9}\b)
    |(?P<pmcid>\bPMC\d{5,9}\b)
    |(?P<nct>\bNCT\d{8}\b)
    |(?P<journal>\b(?:19|20)\d{2}(?:\s+[A-Z][a-z]{2,8}(?:\s+\d{1,2})?)?\s*;\s*\d{1,4}
        (?:\s*\(\s*[\w-]{1,8}\s*\))?\s*:\s*[A-Za-z]?\d{1,6}(?:\s*[-–]\s*[A-Za-z]?\d{1,6})?)
    |(?P<author_year>\(\s*(?:see\s+)?\p{Lu}[\p{L}'’-]+(?:\s+(?:et\s+al\.?|and|&)\s*(?:\p{Lu}[\p{L}'’-]+)?)?
        ,?\s+(?:19|20)\d{2}[a-z]?(?:\s*[;,]\s*[^()]{0,60}?(?:19|20)\d{2}[a-z]?)*\s*\))
    """,
    regex.VERBOSE,
)
# Every place a CITATION match can open, each as a place (a lookahead, so one does not hide
# another): the first character or characters of each alternative, without the word
# boundaries and lookbehinds that precede some (the anchored match checks those).
_CITATION_OPENS = regex.compile(
    r"(?=[\[<(⁰¹²³⁴-⁹]|doi:|https?://|10\.|PMID|pubmed\.|PMC|NCT|(?:19|20)\d\d)")
_COMMENT = regex.compile(r"<!--.*?-->", regex.DOTALL)

# A paragraph that is a reference list run together ("[1] Smith J. ... 2004. [2] Lee K. ...").
_INLINE_LIST = regex.compile(r"\[1\]\s+\S[^\n]{10,}?\b(?:1[89]|20)\d{2}\b[\s\S]*?\s\[2\]\s+\S")

_ENTRY_LIKE = regex.compile(
    r"\b(?:1[89]|20)\d{2}\b|\bdoi\b|\bPMID\b|^\s*\[?\d{1,3}[.)\]]", regex.IGNORECASE
)

_HEADING = regex.compile(
    r"^\W*(?:references?(?:\s+list)?|sources?(?:\s+and\s+\w+)?|bibliography|works\s+cited|"
    r"literature\s+cited|citations|footnotes|notes|further\s+reading|selected\s+references|"
    r"key\s+references|reference\s+list)\W*$",
    regex.IGNORECASE,
)
_ENTRY_NUMBER = regex.compile(r"^\W{0,3}(\d{1,3})[.)\]:\s]")
# A line that starts a numbered entry: "[3] Smith J ..." or "3. Smith J ..."
_LINE_ENTRY = regex.compile(r"^\s{0,3}(?:\[\d{1,3}\]|\d{1,3}[.)])\s+\S")


def expand_numbers(raw: str) -> tuple[int, ...]:
    numbers: list[int] = []
    for part in regex.split(r"\s*,\s*", raw.translate(_SUP_TO_INT).strip()):
        bounds = regex.split(r"\s*[–—-]\s*", part)
        if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit():
            low, high = int(bounds[0]), int(bounds[1])
            if 0 < high - low <= 50:
                numbers.extend(range(low, high + 1))
                continue
        numbers.extend(int(b) for b in bounds if b.isdigit())
    return tuple(numbers)


def find_citations(doc: Document) -> list[Citation]:
    """Citations in the original text, outside code; reference-list entries are not citations."""
    found: list[Citation] = []
    ref_blocks = [b for b in doc.blocks if b.kind == "reference" or (
        b.kind == "paragraph" and _INLINE_LIST.match(doc.text, b.start, b.end))]
    for m in _citation_matches(doc.text):
        start, end = m.span()
        if any(c.start <= start < c.end for c in doc.code_spans):
            continue
        if any(b.start <= start < b.end for b in ref_blocks):
            continue
        kind = m.lastgroup or "numeric"
        if kind in ("nums", "supnums"):
            kind = "numeric" if kind == "nums" else "sup_html"
        numbers: tuple[int, ...] = ()
        if m.group("nums"):
            numbers = expand_numbers(m.group("nums"))
        elif m.group("supnums"):
            numbers = expand_numbers(m.group("supnums"))
        elif m.group("superscript"):
            numbers = expand_numbers(m.group("superscript"))
        found.append(Citation(start, end, kind, numbers))
    return found


def _citation_matches(text: str) -> Iterator[regex.Match[str]]:
    """What `CITATION.finditer(text)` finds: the pattern anchored at each place a match can
    open, passing over places inside the last match. Most of a text has no such place, and
    the alternation, whose alternatives open on lookbehinds, is slow to search for."""
    after = 0
    for place in _CITATION_OPENS.finditer(text):
        at = place.start()
        if at < after:
            continue
        m = CITATION.match(text, at)
        if m is not None:
            after = m.end()
            yield m


def reference_section(doc: Document) -> tuple[Block | None, list[Block]]:
    """The heading of the reference list and the blocks that form its entries."""
    return section_of(doc.text, doc.prose, doc.format, doc.blocks)


def with_reference_kinds(text: str, prose: str, fmt: str,
                         blocks: Sequence[Block]) -> list[Block]:
    """`blocks` with those of the reference list given the kind `reference`, so prose rules
    skip them; parsers call it before they build the document."""
    _, entries = section_of(text, prose, fmt, blocks)
    if not entries:
        return list(blocks)
    starts = {b.start for b in entries}
    return [replace(b, kind="reference") if b.start in starts else b for b in blocks]


def section_of(text: str, prose: str, fmt: str,
               blocks: Sequence[Block]) -> tuple[Block | None, list[Block]]:
    """reference_section() on a document's parts."""
    heading: Block | None = None
    entries: list[Block] = []
    for block in blocks:
        shown = prose[block.start : block.end]
        raw = _COMMENT.sub("", text[block.start : block.end]).strip()
        if block.kind in ("heading", "paragraph") and _HEADING.match(shown.strip()) and (
            _HEADING.match(raw)
        ):
            heading, entries = block, []
            continue
        if heading is not None and fmt != "markdown" and not _ENTRY_LIKE.search(raw):
            # outside Markdown there is no heading level to close the list: it ends at the
            # first block that does not look like a reference
            if entries:
                break
            heading = None
            continue
        if heading is not None:
            ends_section = block.kind == "heading" and (
                fmt != "markdown" or block.level <= max(heading.level, 1)
            )
            if ends_section:
                if entries:
                    break
                heading = None
                continue
            entries.append(block)
    footnotes = [b for b in blocks if b.kind == "footnote"]
    if heading is None or not entries:
        return (None, footnotes) if footnotes else (None, [])
    return heading, entries + [b for b in footnotes if b not in entries]


def find_reference_list(doc: Document) -> ReferenceList | None:
    heading, blocks = reference_section(doc)
    if not blocks:
        return None
    entries: list[ReferenceEntry] = []
    for block in blocks:
        for start, end in _entry_spans(doc.text, block):
            line_start = doc.text.rfind("\n", 0, start) + 1
            raw = doc.text[line_start:end]
            m = _ENTRY_NUMBER.match(raw.lstrip())
            footnote = regex.match(r"\s*\[\^(\d{1,3})\]:", raw)
            index = len(entries) + 1
            number = int(footnote.group(1)) if footnote else int(m.group(1)) if m else index
            entries.append(ReferenceEntry(start, end, number, doc.text[start:end]))
    return ReferenceList(heading, tuple(entries))


def _entry_spans(text: str, block: Block) -> list[tuple[int, int]]:
    """A block written as consecutive numbered lines ("[1] ...", "[2] ..." with no blank line
    between them) holds one entry per numbered line; a line without a number continues the
    entry above it. Any other block is one entry."""
    starts: list[int] = []
    offset = block.start
    for line in text[block.start : block.end].split("\n"):
        if _LINE_ENTRY.match(line):
            starts.append(offset + len(line) - len(line.lstrip()))
        offset += len(line) + 1
    if len(starts) < 2 or starts[0] != block.start:
        return [(block.start, block.end)]
    ends = [text.rfind("\n", 0, nxt) for nxt in starts[1:]] + [block.end]
    return [(start, end) for start, end in zip(starts, ends, strict=True)]
