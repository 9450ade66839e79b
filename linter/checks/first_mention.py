"""`first-mention`: a term whose first mention must come with a companion term, as a brand
name with its generic name ("Faslodex" with "fulvestrant").

The first mention of each term in scope is flagged unless one of its companions appears in the
same sentence (or paragraph, with `within: paragraph`) or anywhere earlier in the document.
Later mentions are never flagged. The fix (never applied by `--fix`, since it is a matter of
style) writes the companion with the term in parentheses.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

import regex

from ..document.model import Document
from ..models import Edit
from ..rule import RuleSpec
from .base import (
    Alternatives,
    Hit,
    RunContext,
    compile_alternatives,
    compile_pattern,
    context_span,
)
from .params import KindParams


@dataclass(frozen=True)
class FirstMentionCheck:
    terms: Alternatives
    companions: dict[str, tuple[str, regex.Pattern[str]]]  # term -> (shown companion, pattern)
    within: str
    case_sensitive: bool

    def _key(self, found: str) -> str:
        key = " ".join(found.split())
        return key if self.case_sensitive else key.casefold()

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        pattern = self.terms.for_document(doc)
        if pattern is None:
            return
        seen: set[str] = set()
        for m in pattern.finditer(doc.prose, timeout=ctx.timeout):
            start, end = m.span()
            key = self._key(m.group())
            if key in seen or key not in self.companions or not ctx.in_scope(doc, start):
                continue
            seen.add(key)
            shown, companion = self.companions[key]
            span = context_span(doc, start, self.within)
            if companion.search(doc.prose, 0, span.end, timeout=ctx.timeout):
                continue
            found = m.group()
            yield Hit(start, end, {"match": found, "replacement": shown},
                      Edit(start, end, f"{shown} ({found})"))


@dataclass(frozen=True)
class Params(KindParams):
    # term -> the companion(s) that must accompany its first mention
    names: Mapping[str, str | Sequence[str]] = field(metadata={"schema": {"type": "object"}})
    within: str = "sentence"
    case_sensitive: bool = False


def compile_check(spec: RuleSpec) -> FirstMentionCheck:
    params = Params.of(spec)
    case_sensitive = bool(params.case_sensitive)
    names = params.names
    companions = {}
    any_case = replace(spec, params={**spec.params, "case_sensitive": False}, variables={})
    for term, wanted in names.items():
        options = [wanted] if isinstance(wanted, str) else list(wanted)
        words = r"|".join(r"\s+".join(regex.escape(w) for w in o.split()) for o in options)
        pattern = compile_pattern(rf"(?<![\w-])(?:{words})(?![\w-])", any_case)
        key = " ".join(term.split())
        companions[key if case_sensitive else key.casefold()] = (options[0], pattern)
    terms = compile_alternatives((), spec, words=names.keys())
    assert terms is not None  # the schema requires at least one name
    return FirstMentionCheck(terms, companions, params.within, case_sensitive)
