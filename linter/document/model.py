"""The parsed document every check reads: plain records (text, prose view, blocks, comments,
citations, reference list) and nothing that analyses them.

What is derived from a document by analysing it (sentences, citations, the reference list,
quotations, the word count) is computed by functions in sentences.py, citations.py and
quotes.py, which read this module and are never read by it. Each document carries the
`Analyses` its parser gave it (see analyses.py): a small per-document cache of those
functions, which the accessors below ask, so every analysis runs at most once per document.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

import regex

from ..patterns.state import DocumentFilter
from ..positions import LineIndex

WORD_RUN = regex.compile(r"\w+")  # also how word lists are looked up (checks/base.py)
NOT_WORD = regex.compile(r"\W")
ASCII_WORD_RUN = re.compile(r"\w+", re.ASCII)  # WORD_RUN on ASCII text
WORD_SLICE = 1 << 18  # characters of prose whose words are listed at once

# Block kinds a rule's `scope` can name.
PROSE_KINDS = frozenset({"paragraph", "list-item", "blockquote", "table", "footnote"})


@dataclass(frozen=True)
class Block:
    start: int
    end: int
    kind: str
    level: int = 0


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Comment:
    start: int
    end: int
    body: str


@dataclass(frozen=True)
class Citation:
    start: int
    end: int
    kind: str
    numbers: tuple[int, ...] = ()


_YEAR = regex.compile(r"\b(?:19|20)\d{2}\b")
_IDENTIFIER = regex.compile(
    r"\b10\.\d{4,9}/\S+|\bPMID:?\s*\d{5,9}|\bPMC\d{5,9}|\bNCT\d{8}|https?://\S+|\bISBN[\s:]",
    regex.IGNORECASE,
)


@dataclass(frozen=True)
class ReferenceEntry:
    start: int
    end: int
    number: int | None
    text: str

    @property
    def has_identifier(self) -> bool:
        return _IDENTIFIER.search(self.text) is not None

    @property
    def years(self) -> list[int]:
        return [int(y) for y in _YEAR.findall(self.text)]


@dataclass(frozen=True)
class ReferenceList:
    heading: Block | None
    entries: tuple[ReferenceEntry, ...] = field(default_factory=tuple)

    @property
    def numbers(self) -> set[int]:
        return {e.number for e in self.entries if e.number is not None}


class Analyses(Protocol):
    """What the analyses of one document give; computed once each (see analyses.py)."""

    def sentences(self, doc: Document) -> list[Span]: ...
    def citations(self, doc: Document) -> list[Citation]: ...
    def references(self, doc: Document) -> ReferenceList | None: ...
    def quotes(self, doc: Document) -> list[Span]: ...
    def word_count(self, doc: Document) -> int: ...


class NotAnalysed:
    """The `Analyses` of a document built without a parser: asking for one is a bug."""

    def _missing(self, doc: Document) -> Any:
        raise RuntimeError(f"{doc.path}: document built without analyses; use parse_document")

    sentences = citations = references = quotes = word_count = _missing


@dataclass
class Document:
    """A parsed article. `prose` has the length of `text`; masked characters are spaces."""

    path: str
    text: str
    prose: str
    format: str
    blocks: list[Block]
    comments: list[Comment]
    front_matter: dict[str, Any] = field(default_factory=dict)
    front_matter_span: Span | None = None
    front_matter_error: str | None = None  # "line: problem" when it could not be read
    code_spans: list[Span] = field(default_factory=list)
    # What checks derive from the document and share, keyed by the check (see its `_scan`).
    memo: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)
    # The per-document cache of analyses its parser attached (see analyses.py).
    analyses: Analyses = field(default_factory=NotAnalysed, compare=False, repr=False)
    # What the rule set's prefilters found in it (patterns/state.py).
    prefilter: DocumentFilter = field(default_factory=DocumentFilter, compare=False, repr=False)

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    @cached_property
    def _block_starts(self) -> list[int]:
        return [b.start for b in self.blocks]

    def block_at(self, offset: int) -> Block | None:
        i = bisect_right(self._block_starts, offset) - 1
        if i >= 0 and self.blocks[i].start <= offset < self.blocks[i].end:
            return self.blocks[i]
        return None

    @property
    def sentences(self) -> list[Span]:
        return self.analyses.sentences(self)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, offset: int) -> Span | None:
        i = bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    @property
    def citations(self) -> list[Citation]:
        return self.analyses.citations(self)

    @property
    def references(self) -> ReferenceList | None:
        return self.analyses.references(self)

    @property
    def quotes(self) -> list[Span]:
        return self.analyses.quotes(self)

    @cached_property
    def folded_prose(self) -> str:
        return self.prose.casefold()

    @cached_property
    def word_set(self) -> frozenset[str]:
        """Every run of word characters in the case-folded prose. Read a slice at a time
        (cut between words): a list of every word of a 30 MB document at once took a few
        hundred megabytes."""
        text = self.folded_prose
        # In ASCII text the standard engine finds the same runs about twice as fast.
        findall = ASCII_WORD_RUN.findall if text.isascii() else WORD_RUN.findall
        words: set[str] = set()
        start = 0
        while start < len(text):
            cut = NOT_WORD.search(text, min(start + WORD_SLICE, len(text)))
            end = cut.start() if cut is not None else len(text)
            words.update(findall(text, start, end))
            start = end + 1
        return frozenset(words)

    def may_contain(self, needles: tuple[str, ...] | None) -> bool:
        """False only when none of a pattern's needles occurs in the prose, ignoring case, so
        the pattern cannot match (see patterns/needles.py)."""
        known = self.prefilter
        if needles is None or not known.enabled:
            return True
        return any(n in known.present if n in known.indexed else self._holds(n)
                   for n in needles)

    def _holds(self, needle: str) -> bool:
        """Whether the case-folded prose holds `needle`; short needles recur across rules."""
        found = self.prefilter.probed.get(needle)
        if found is None:
            found = self.prefilter.probed[needle] = needle in self.folded_prose
        return found

    @cached_property
    def _quote_reach(self) -> tuple[list[int], list[int]]:
        """Quote starts in order, and the furthest end among the quotes up to each: a span
        lies in some quote when a quote starting at or before it reaches past its end."""
        starts: list[int] = []
        reach: list[int] = []
        furthest = -1
        for quote in sorted(self.quotes, key=lambda q: q.start):
            furthest = max(furthest, quote.end)
            starts.append(quote.start)
            reach.append(furthest)
        return starts, reach

    def in_quote(self, start: int, end: int) -> bool:
        starts, reach = self._quote_reach
        i = bisect_right(starts, start) - 1
        return i >= 0 and reach[i] >= end

    @cached_property
    def _citation_starts(self) -> list[int]:
        return sorted(c.start for c in self.citations)

    def has_citation_between(self, start: int, end: int) -> bool:
        starts = self._citation_starts
        i = bisect_left(starts, start)
        return i < len(starts) and starts[i] < end

    @property
    def word_count(self) -> int:
        return self.analyses.word_count(self)
