"""`substitute`: a pattern and the wording to use instead; the fix may be marked safe."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import regex

from ..document.model import Document
from ..models import Edit
from ..rule import RuleSpec
from .base import (
    Alternatives,
    Hit,
    PatternError,
    RunContext,
    compile_alternatives,
    compile_any,
    compile_single,
    quote_skipping,
)
from .params import KindParams
from .phrase import sentence_allows


@dataclass(frozen=True)
class SubstituteCheck:
    swaps: tuple[tuple[Alternatives, str], ...]
    unless: regex.Pattern[str] | None
    requires: Alternatives | None  # must match the sentence; documents without it are skipped
    skip_quotes: frozenset[str | None]  # audiences whose quotations are left out

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        requires = None
        if self.requires is not None:
            requires = self.requires.for_document(doc)
            if requires is None:
                return
        taken: list[tuple[int, int]] = []
        for swap, template in self.swaps:
            pattern = swap.for_document(doc)
            if pattern is None:
                continue
            for m in pattern.finditer(doc.prose, timeout=ctx.timeout):
                start, end = m.span()
                if start == end or not ctx.in_scope(doc, start):
                    continue
                if any(s < end and start < e for s, e in taken):
                    continue
                if not sentence_allows(doc, start, self.unless, requires, ctx):
                    continue
                quoted = doc.in_quote(start, end)
                if quoted and ctx.audience in self.skip_quotes:
                    continue
                replacement = match_case(m.group(), m.expand(template))
                taken.append((start, end))
                fix = None if quoted else Edit(start, end, replacement)
                yield Hit(start, end, {"match": m.group(), "replacement": replacement}, fix)


def match_case(found: str, replacement: str) -> str:
    """Keep a capital at the start of a sentence: 'Diabetics' becomes 'People with diabetes'."""
    if found[:1].isupper() and replacement[:1].islower() and not found.isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


_GROUP_REF = regex.compile(r"\\(\d+)|\\g<(\w+)>")


def check_template(compiled: regex.Pattern[str], pattern: str, replacement: str) -> None:
    """Every group the replacement names must exist in the pattern."""
    for m in _GROUP_REF.finditer(replacement):
        number, name = m.groups()
        ok = (int(number) <= compiled.groups) if number else (
            name in compiled.groupindex or (name.isdigit() and int(name) <= compiled.groups)
        )
        if not ok:
            raise PatternError(
                f"replacement {replacement!r} names group {m.group()} "
                f"that pattern {pattern!r} does not have"
            )


@dataclass(frozen=True)
class Params(KindParams):
    pattern: str | None = None  # one pattern and its replacement ...
    replacement: str = ""
    swaps: Mapping[str, str] = field(default_factory=dict)  # ... or pattern -> replacement
    safe: bool = False  # the replacement may be applied by `--fix`
    unless: Sequence[Any] = ()
    requires: Sequence[Any] = ()
    case_sensitive: bool = False

    required_any = (("pattern", "replacement"), ("swaps",))


def compile_check(spec: RuleSpec) -> SubstituteCheck:
    params = Params.of(spec)
    pairs: list[tuple[str, str]] = []
    if params.pattern is not None:
        pairs.append((params.pattern, params.replacement))
    pairs.extend(params.swaps.items())
    swaps = []
    for pattern, replacement in pairs:
        compiled = compile_single(pattern, spec)
        check_template(compiled.full, pattern, replacement)
        swaps.append((compiled, replacement))
    return SubstituteCheck(
        swaps=tuple(swaps),
        unless=compile_any(params.unless, spec),
        requires=compile_alternatives(params.requires, spec),
        skip_quotes=quote_skipping(spec),
    )
