"""A rule's patterns compiled with what lets a document skip them: `Alternatives` knows its
own filter (the needles of each alternative, its twins) and gives, for one document, only
the alternation that can match there (`for_document`), or None when nothing can."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import regex

from ..document.model import WORD_RUN
from .needles import INDEXED_LENGTH, Needles, needles

if TYPE_CHECKING:
    from ..document.model import Document
    from ..rule import RuleSpec
    from .presence import PresenceSet

_VARIABLE = regex.compile(r"\{\{\s*([a-z][a-z0-9_]*)\s*\}\}")


class PatternError(ValueError):
    """A pattern in a rule does not compile; the message names the pattern and the error."""


def expand_variables(pattern: str, variables: dict[str, str]) -> str:
    def substitute(m: regex.Match[str]) -> str:
        name = m.group(1)
        if name not in variables:
            raise PatternError(f"unknown variable {{{{{name}}}}} in pattern {pattern!r}")
        return expand_variables(variables[name], {k: v for k, v in variables.items() if k != name})

    return _VARIABLE.sub(substitute, pattern)


def compile_pattern(pattern: str, spec: RuleSpec) -> regex.Pattern[str]:
    """One pattern of a rule, with the pack's variables expanded and the rule's case setting."""
    source = expand_variables(pattern, spec.variables)
    flags = 0
    if not spec.params.get("case_sensitive", False):
        flags |= regex.IGNORECASE
    try:
        if spec.store is not None:
            return spec.store.compile(source, flags | regex.UNICODE)
        return regex.compile(source, flags | regex.UNICODE)
    except (regex.error, OverflowError, RecursionError) as exc:
        raise PatternError(f"pattern {pattern!r} does not compile: {exc}") from None


_MAX_SUBSETS = 256


@dataclass(frozen=True)
class _TwinPlan:
    ids: frozenset[int]
    by_id: dict[int, tuple[int, ...]]
    untwinned: tuple[int, ...]
    # The twin id of a lone searched pattern (most rules): its answer is the whole answer.
    single: int | None = None


@dataclass(frozen=True)
class Alternatives:
    """Patterns searched as one alternation (or a single pattern). For each document only the
    alternatives that can
    occur in it (their needles are there; see prefilter.py) take part: an alternative that
    cannot match anywhere in a document changes none of its matches, and leaving it out
    skips most of the work on long lists."""

    full: regex.Pattern[str]
    sources: tuple[str, ...]
    needles: tuple[Needles | None, ...]
    # For a literal word or phrase: its first run of word characters, case-folded, which any
    # match holds as a whole token; looked up in the document's token set, not searched.
    tokens: tuple[str | None, ...] = ()
    subsets: dict[tuple[int, ...], regex.Pattern[str]] = field(
        default_factory=dict, compare=False, hash=False, repr=False)
    by_token: dict[str, list[int]] = field(
        default_factory=dict, init=False, compare=False, hash=False, repr=False)
    searched: tuple[int, ...] = field(default=(), init=False, compare=False, repr=False)
    # The searched alternatives sorted by what the rule set's needle index can answer:
    # `by_needle` maps each needle (all of an alternative's needles indexable) to the
    # alternatives holding it; `unfiltered` have no needles; `probed` have a needle too short
    # for the index and are looked for in the text.
    by_needle: dict[str, tuple[int, ...]] = field(
        default_factory=dict, init=False, compare=False, hash=False, repr=False)
    needle_set: frozenset[str] = field(default=frozenset(), init=False, compare=False,
                                       repr=False)
    unfiltered: frozenset[int] = field(default=frozenset(), init=False, compare=False,
                                       repr=False)
    probed: tuple[int, ...] = field(default=(), init=False, compare=False, repr=False)
    # The needle indexes this prefilter was checked against: is every needle in it?
    _indexes: dict[frozenset[str], bool] = field(
        default_factory=dict, init=False, compare=False, hash=False, repr=False)
    # For a rule set's presence set (presence.py): its twin ids of these alternatives, the
    # alternatives of each id, and the alternatives it has no twin for.
    _twin_plans: dict[PresenceSet, _TwinPlan] = field(
        default_factory=dict, init=False, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        tokens = self.tokens or (None,) * len(self.sources)
        for i, token in enumerate(tokens):
            if token is not None:
                self.by_token.setdefault(token, []).append(i)
        searched = tuple(i for i, t in enumerate(tokens) if t is None)
        object.__setattr__(self, "searched", searched)
        by_needle: dict[str, list[int]] = {}
        probed = []
        for i in searched:
            found = self.needles[i]
            if found is not None and all(len(n) >= INDEXED_LENGTH for n in found):
                for needle in found:
                    by_needle.setdefault(needle, []).append(i)
            elif found is not None:
                probed.append(i)
        self.by_needle.update((n, tuple(found)) for n, found in by_needle.items())
        object.__setattr__(self, "needle_set", frozenset(by_needle))
        object.__setattr__(self, "unfiltered", frozenset(
            i for i in searched if self.needles[i] is None))
        object.__setattr__(self, "probed", tuple(probed))

    def _indexed_by(self, index: frozenset[str]) -> bool:
        known = self._indexes.get(index)
        if known is None:
            known = self._indexes[index] = self.needle_set <= index
        return known

    def _twins_in(self, presence: PresenceSet) -> _TwinPlan:
        plan = self._twin_plans.get(presence)
        if plan is None:
            flags = int(self.full.flags)
            by_id: dict[int, list[int]] = {}
            untwinned = []
            for i in self.searched:  # literal words are looked up as tokens instead
                twin = presence.ids.get((self.sources[i], flags))
                if twin is None:
                    untwinned.append(i)
                else:
                    by_id.setdefault(twin, []).append(i)
            lone = len(self.sources) == 1 and not untwinned and len(by_id) == 1
            plan = self._twin_plans[presence] = _TwinPlan(
                frozenset(by_id), {t: tuple(found) for t, found in by_id.items()},
                tuple(untwinned), next(iter(by_id)) if lone else None)
        return plan

    def _by_twins(self, doc: Document, plan: _TwinPlan, matched: frozenset[int]) -> set[int]:
        """Searched patterns whose twin matched, and those without a twin whose needles occur."""
        found: set[int] = set()
        for twin in plan.ids & matched:
            found.update(plan.by_id[twin])
        found.update(i for i in plan.untwinned if doc.may_contain(self.needles[i]))
        return found

    def _by_needles(self, doc: Document) -> set[int]:
        """Searched patterns whose needles occur."""
        known = doc.prefilter
        if not known.indexed or not self._indexed_by(known.indexed):
            return {i for i in self.searched if doc.may_contain(self.needles[i])}
        found = set(self.unfiltered)
        for needle in self.needle_set & known.present:  # iterates the smaller set
            found.update(self.by_needle[needle])
        found.update(i for i in self.probed if doc.may_contain(self.needles[i]))
        return found

    def for_document(self, doc: Document) -> regex.Pattern[str] | None:
        """The alternation of what can occur in `doc`; None when nothing can."""
        known = doc.prefilter
        if not known.enabled:
            return self.full
        if known.presence is not None:  # the twins' answer (presence.py), when there is one
            plan = self._twins_in(known.presence)
            if plan.single is not None:
                return self.full if plan.single in known.matched else None
            found = self._by_twins(doc, plan, known.matched)
        else:
            found = self._by_needles(doc)
        if self.by_token:  # literal words: looked up in the document's tokens
            for token in doc.word_set & self.by_token.keys():
                found.update(self.by_token[token])
        if len(found) == len(self.sources):
            return self.full
        if not found:
            return None
        present = tuple(sorted(found))
        pattern = self.subsets.get(present)
        if pattern is None:
            pattern = regex.compile("|".join(f"(?:{self.sources[i]})" for i in present),
                                    self.full.flags)
            if len(self.subsets) < _MAX_SUBSETS:
                self.subsets[present] = pattern
        return pattern


def _joined(patterns: list[str], words: list[str], spec: RuleSpec
            ) -> tuple[list[str], regex.Pattern[str]] | None:
    """Expanded sources of `patterns` then literal `words`, and their alternation. Each
    pattern is compiled alone first, for clear errors, unless the rule passed that before;
    a single pattern is its own alternation."""
    sources = [expand_variables(p, spec.variables) for p in patterns] + [_word(w) for w in words]
    if not sources:
        return None
    if len(patterns) == 1 and not words:
        return sources, compile_pattern(patterns[0], spec)
    if not spec.verified:
        for pattern in patterns:
            compile_pattern(pattern, spec)
    return sources, compile_pattern("|".join(f"(?:{s})" for s in sources),
                                    replace(spec, variables={}))  # already expanded


def compile_alternatives(patterns: Iterable[str], spec: RuleSpec, *, words: Iterable[str] = ()
                         ) -> Alternatives | None:
    """`patterns` and literal `words` as one alternation, in that order, with what the
    prefilter needs to leave out alternatives a document cannot match (see Alternatives)."""
    patterns, words = list(patterns), list(words)
    joined = _joined(patterns, words, spec)
    if joined is None:
        return None
    sources, full = joined
    store = spec.store
    if store is not None:
        for source in sources:
            store.twin(source, full.flags)
    return Alternatives(
        full=full,
        sources=tuple(sources),
        needles=tuple(store.needles(s, full.flags) if store is not None
                      else needles(s, full.flags) for s in sources),
        tokens=(None,) * len(patterns) + tuple(_first_token(w) for w in words),
    )


def compile_single(pattern: str, spec: RuleSpec) -> Alternatives:
    """One pattern with its needles, so a check can skip documents it cannot match."""
    single = compile_alternatives((pattern,), spec)
    assert single is not None
    return single


def _first_token(phrase: str) -> str | None:
    """The phrase's first run of word characters, case-folded, if the phrase starts with it."""
    m = WORD_RUN.match(phrase.strip())
    return m.group().casefold() if m else None


def compile_any(patterns: Iterable[str], spec: RuleSpec) -> regex.Pattern[str] | None:
    """Several patterns as one expression, for checks that need no prefilter (as `unless`)."""
    joined = _joined(list(patterns), [], spec)
    return joined[1] if joined is not None else None


_WORD_CHAR = regex.compile(r"\w")


def _word(phrase: str) -> str:
    escaped = r"\s+".join(regex.escape(w) for w in phrase.split())
    # Before a word character, `\b` is implied; it lets the engine skip positions quickly.
    boundary = r"\b" if _WORD_CHAR.match(phrase.lstrip()) else ""
    return rf"{boundary}(?<![\w-]){escaped}(?![\w-])"
