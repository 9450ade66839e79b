"""What every rule kind shares: the hit it yields, the run context, pattern compilation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol

import regex

from ..document.model import Span
from ..models import Edit

if TYPE_CHECKING:
    from ..document.model import Document
    from ..rule import RuleSpec

_VARIABLE = regex.compile(r"\{\{\s*([a-z][a-z0-9_]*)\s*\}\}")
_MESSAGE_FIELD = regex.compile(r"\{(match|replacement|value|limit|detail)\}")


class PatternError(ValueError):
    """A pattern in a rule does not compile; the message names the pattern and the error."""


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    values: dict[str, str] = field(default_factory=dict)
    fix: Edit | None = None


@dataclass
class RunContext:
    """What a check may read besides the document: today's date, audience, time limit."""

    today: dt.date
    audience: str | None = None
    timeout: float = 2.0
    scope_kinds: frozenset[str] = frozenset()
    scope_front_matter: bool = False

    def in_scope(self, doc: Document, start: int) -> bool:
        if self.scope_front_matter and doc.front_matter_span is not None:
            span = doc.front_matter_span
            if span.start <= start < span.end:
                return True
        block = doc.block_at(start)
        return block is not None and block.kind in self.scope_kinds

    def sentences(self, doc: Document) -> Iterator[Span]:
        for sentence in doc.sentences:
            if self.in_scope(doc, sentence.start):
                yield sentence

    def blocks(self, doc: Document) -> Iterator[Span]:
        for block in doc.blocks:
            if block.kind in self.scope_kinds:
                yield Span(block.start, block.end)


class Check(Protocol):
    """A compiled rule: finds hits in one document."""

    def run(self, doc: Document, ctx: RunContext) -> Iterable[Hit]: ...


def expand_variables(pattern: str, variables: dict[str, str]) -> str:
    def substitute(m: regex.Match[str]) -> str:
        name = m.group(1)
        if name not in variables:
            raise PatternError(f"unknown variable {{{{{name}}}}} in pattern {pattern!r}")
        return expand_variables(variables[name], {k: v for k, v in variables.items() if k != name})

    return _VARIABLE.sub(substitute, pattern)


def compile_pattern(pattern: str, spec: RuleSpec, *, literal: bool = False) -> regex.Pattern[str]:
    """One pattern of a rule, with the pack's variables expanded and the rule's case setting."""
    source = _word(pattern) if literal else expand_variables(pattern, spec.variables)
    flags = 0
    if not spec.params.get("case_sensitive", False):
        flags |= regex.IGNORECASE
    try:
        if spec.store is not None:
            return spec.store.compile(source, flags | regex.UNICODE)
        return regex.compile(source, flags | regex.UNICODE)
    except (regex.error, OverflowError, RecursionError) as exc:
        raise PatternError(f"pattern {pattern!r} does not compile: {exc}") from None


def compile_any(patterns: Iterable[str], spec: RuleSpec, *, literal: bool = False
                ) -> regex.Pattern[str] | None:
    """Several alternatives as one expression (each checked alone first, for clear errors,
    unless the rule passed those checks in an earlier run)."""
    parts = []
    for pattern in patterns:
        if not spec.verified:
            compile_pattern(pattern, spec, literal=literal)
        parts.append(_word(pattern) if literal else expand_variables(pattern, spec.variables))
    if not parts:
        return None
    return compile_pattern("|".join(f"(?:{p})" for p in parts),
                           replace(spec, variables={}))  # already expanded


def _word(phrase: str) -> str:
    escaped = r"\s+".join(regex.escape(w) for w in phrase.split())
    return rf"(?<![\w-]){escaped}(?![\w-])"


def format_message(template: str, values: dict[str, str]) -> str:
    return _MESSAGE_FIELD.sub(lambda m: " ".join(values.get(m.group(1), "").split()), template)


def context_span(doc: Document, start: int, within: str) -> Span:
    """The sentence (or the paragraph) around an offset."""
    if within == "paragraph":
        block = doc.block_at(start)
        if block is not None:
            return Span(block.start, block.end)
    sentence = doc.sentence_at(start)
    if sentence is not None:
        return sentence
    block = doc.block_at(start)
    return Span(block.start, block.end) if block is not None else Span(start, start + 1)
