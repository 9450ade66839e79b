"""The analyses of one document, each run at most once: a small cache of named getters
(sentences, citations, reference list, quotations, word count) that a parser attaches to
the document it builds. The analysis functions read the document's records and never the
other way round (see model.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from .citations import find_citations, find_reference_list
from .model import Citation, Document, ReferenceList, Span
from .quotes import find_quotes
from .sentences import count_words, split_blocks

T = TypeVar("T")


class AnalysisCache:
    """One document's analyses, memoised by the function that computes each."""

    __slots__ = ("_values",)

    def __init__(self) -> None:
        self._values: dict[Callable[[Document], Any], Any] = {}

    def _get(self, analysis: Callable[[Document], T], doc: Document) -> T:
        try:
            return self._values[analysis]  # type: ignore[no-any-return]
        except KeyError:
            value = self._values[analysis] = analysis(doc)
            return value

    def sentences(self, doc: Document) -> list[Span]:
        return self._get(split_blocks, doc)

    def citations(self, doc: Document) -> list[Citation]:
        return self._get(find_citations, doc)

    def references(self, doc: Document) -> ReferenceList | None:
        return self._get(find_reference_list, doc)

    def quotes(self, doc: Document) -> list[Span]:
        return self._get(find_quotes, doc)

    def word_count(self, doc: Document) -> int:
        return self._get(_word_count, doc)


def _word_count(doc: Document) -> int:
    return count_words(doc.prose)
