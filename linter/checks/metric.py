"""`metric`: readability against an audience target (Flesch-Kincaid grade, SMOG grade) or
sentence length in words."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from ..document.model import Document
from ..document.sentences import words
from ..rule import RuleSpec
from .base import Hit, RunContext, title_span
from .params import KindParams

_VOWEL_GROUP = regex.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    """A dictionary-free estimate: vowel groups, less a silent final e."""
    word = word.lower().strip("'’-")
    if len(word) <= 3:
        return 1
    count = len(_VOWEL_GROUP.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    silent_e = ("ted", "ded", "ses", "zes", "ces", "ges")
    if word.endswith(("ed", "es")) and count > 1 and not word.endswith(silent_e):
        count -= 1
    return max(1, count)


@dataclass(frozen=True)
class Readability:
    sentences: int
    words: int
    syllables: int
    polysyllables: int

    @property
    def flesch_kincaid(self) -> float:
        return 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59

    @property
    def smog(self) -> float:
        return 1.0430 * math.sqrt(self.polysyllables * 30 / self.sentences) + 3.1291


def measure(doc: Document, ctx: RunContext) -> Readability | None:
    n_sentences = n_words = n_syllables = n_poly = 0
    for sentence in ctx.sentences(doc):
        found = words(doc.prose[sentence.start : sentence.end])
        if len(found) < 3:
            continue
        n_sentences += 1
        n_words += len(found)
        for word in found:
            count = syllables(word)
            n_syllables += count
            n_poly += count >= 3
    if not n_sentences or not n_words:
        return None
    return Readability(n_sentences, n_words, n_syllables, n_poly)


@dataclass(frozen=True)
class MetricCheck:
    metric: str
    limit: float
    min_words: int

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        if self.metric == "sentence-words":
            for sentence in ctx.sentences(doc):
                count = len(words(doc.prose[sentence.start : sentence.end]))
                if count > self.limit:
                    yield Hit(sentence.start, sentence.end,
                              {"value": str(count), "limit": f"{self.limit:g}", "match": ""})
            return
        scores = measure(doc, ctx)
        if scores is None or scores.words < self.min_words:
            return
        value = scores.flesch_kincaid if self.metric == "flesch-kincaid" else scores.smog
        if value > self.limit:
            start, end = title_span(doc)
            yield Hit(start, end, {"value": f"{value:.1f}", "limit": f"{self.limit:g}",
                                   "match": "", "detail": f"{scores.words} words"},
                      document_level=True)


@dataclass(frozen=True)
class Params(KindParams):
    metric: str  # flesch-kincaid, smog or sentence-words
    max: float
    min_words: int = 100  # shorter documents are not scored


def compile_check(spec: RuleSpec) -> MetricCheck:
    params = Params.of(spec)
    return MetricCheck(params.metric, float(params.max), int(params.min_words))
