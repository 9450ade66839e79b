"""What every rule kind shares: the hit it yields, the run context, and (from the pattern
layer, `linter/patterns/`) pattern compilation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import regex

from ..document.model import Span
from ..models import Edit
from ..patterns.compiled import (  # the pattern layer, as every kind uses it
    Alternatives,
    PatternError,
    compile_alternatives,
    compile_any,
    compile_pattern,
    compile_single,
    expand_variables,
)

if TYPE_CHECKING:
    from ..document.model import Document
    from ..rule import RuleSpec

__all__ = ["Alternatives", "Check", "Hit", "PatternError", "RunContext", "compile_alternatives",
           "bundled_list_lines", "compile_any", "compile_pattern", "compile_single", "context_span",
           "expand_variables", "format_message", "lists_folder", "NeedleGate",
           "quote_skipping", "title_span"]

_MESSAGE_FIELD = regex.compile(r"\{(match|replacement|value|limit|detail)\}")


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    values: dict[str, str] = field(default_factory=dict)
    fix: Edit | None = None
    document_level: bool = False  # about the whole document, not the text at start..end


def title_span(doc: Document) -> tuple[int, int]:
    """Where a finding about the whole document sits: the first line of its first block (the
    title when it has one), else the start of the text."""
    if not doc.blocks:
        return 0, 0
    first = doc.blocks[0]
    end = doc.text.find("\n", first.start, first.end)
    return first.start, end if end >= 0 else first.end


@dataclass
class RunContext:
    """What a check may read besides the document: today's date, audience, time limit."""

    today: dt.date
    audience: str | None = None
    timeout: float = 2.0
    scope_kinds: frozenset[str] = frozenset()
    scope_front_matter: bool = False
    known_abbreviations: frozenset[str] = frozenset()  # from configuration
    based_on: str | None = None  # source text named on the command line (--based-on)

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


def lists_folder() -> Path:
    """The folder of data lists shipped beside the rule packs (rules/lists)."""
    from .. import rules  # type: ignore[attr-defined]

    return Path(rules.__file__).parent / "lists"


def bundled_list_lines(name: str, what: str) -> list[str]:
    """The lines of bundled list `name` (rules/lists/NAME.txt); a missing one is a rule error
    that names the field (`what`: "known_lists: word list")."""
    field_name, kind = what.split(": ", 1)
    try:
        return (lists_folder() / f"{name}.txt").read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        raise PatternError(f"{field_name}: no {kind} {name!r} in rules/lists") from None


@dataclass(frozen=True)
class NeedleGate:
    """Strings (case-folded) one of which every match of some patterns holds (see
    patterns/needles.py); None when not known. A piece of a document that holds none of
    them cannot hold a match, so the patterns need not be searched there."""

    needles: tuple[str, ...] | None

    @classmethod
    def of(cls, patterns: Iterable[regex.Pattern[str] | None], spec: RuleSpec) -> NeedleGate:
        from ..patterns.needles import needles

        found: set[str] = set()
        for pattern in patterns:
            if pattern is None:
                continue
            given = (spec.store.needles if spec.store is not None else needles)(
                pattern.pattern, pattern.flags)
            if given is None:
                return cls(None)
            found.update(given)
        return cls(tuple(sorted(found)))

    def present(self, doc: Document) -> tuple[str, ...] | None:
        """The needles the document holds, or None when not known: the answer of the rule
        set's needle index for this document (`Document.may_contain`), kept per gate."""
        if self.needles is None:
            return None
        key = ("needles", self.needles, doc.prefilter.enabled)
        found: tuple[str, ...] | None = doc.memo.get(key)
        if found is None:
            found = doc.memo[key] = tuple(n for n in self.needles if doc.may_contain((n,)))
        return found

    def may_match(self, doc: Document, start: int, end: int) -> bool:
        """Whether prose[start:end] holds a needle (True when not known)."""
        present = self.present(doc)
        if present is None:
            return True
        if not present:
            return False
        if doc.prose.isascii():  # case-folded, it keeps its offsets
            piece = doc.folded_prose[start:end]
        else:
            piece = doc.prose[start:end].casefold()
        return any(n in piece for n in present)


def quote_skipping(spec: RuleSpec) -> frozenset[str | None]:
    """The audiences (None: no audience) for which the rule leaves quotations out."""
    from ..models import Audience

    return frozenset(a for a in (None, *(x.value for x in Audience)) if spec.skips_quotes(a))


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
