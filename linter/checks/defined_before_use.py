"""`defined-before-use`: abbreviations spelled out at first use, as "estrogen receptor (ER)".

Modes: `undefined` (used, never defined), `before-definition` (used before it is defined),
`unused` (defined, then never used again), `redefined` (defined a second time) and
`defined-differently` (given two long forms); see redefined.py."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

import regex

from ..document.abbreviations import DEFINED_AFTER as _DEFINED_AFTER
from ..document.abbreviations import DEFINED_BEFORE as _DEFINED_BEFORE
from ..document.abbreviations import singular as _singular
from ..document.model import Document
from ..rule import RuleSpec
from .base import Hit, RunContext, compile_pattern
from .params import KindParams

# A whole token: "5-FU" and "CHA2DS2-VASc" are read whole, never as "FU" or "CHA2DS2"; a
# hyphen then a lower-case word ends it ("HER2-positive" uses HER2).
DEFAULT_TOKEN = r"(?<![\w-])(?=[A-Z0-9-]*[A-Z][A-Z0-9-]*[A-Z])[A-Z][A-Z0-9-]{0,6}[A-Z0-9](?=s?\b)(?!-\w*[A-Z\d])"
_ROMAN = regex.compile(r"^[IVXLC]+$")


@dataclass(frozen=True)
class DefinedBeforeUseCheck:
    mode: str
    token: regex.Pattern[str]
    known: frozenset[str]
    # audience -> abbreviations its readers know besides `known` (INR for professionals)
    known_by_audience: tuple[tuple[str, frozenset[str]], ...] = ()
    # Text after a token that makes it a name, not an abbreviation ("the BRAF gene").
    name_when_followed_by: regex.Pattern[str] | None = None

    def known_for(self, ctx: RunContext) -> frozenset[str]:
        extra = dict(self.known_by_audience).get(ctx.audience or "", frozenset())
        return self.known | extra | ctx.known_abbreviations

    def _scan(self, doc: Document, ctx: RunContext
              ) -> tuple[dict[str, tuple[int, int]], list[tuple[str, int, int, bool]]]:
        """Definitions, and candidate abbreviations in order; the three abbreviation rules
        share one scan per document."""
        after = self.name_when_followed_by
        key = ("defined-before-use", self.token.pattern, after and after.pattern, ctx.scope_kinds)
        if key in doc.memo:
            return doc.memo[key]  # type: ignore[no-any-return]
        definitions: dict[str, tuple[int, int]] = {}
        tokens: list[tuple[str, int, int, bool]] = []  # word, start, end, used as a name
        for block in ctx.blocks(doc):
            for pattern in (_DEFINED_AFTER, _DEFINED_BEFORE):
                for m in pattern.finditer(doc.prose, block.start, block.end):
                    start, end = m.span(1)
                    abbreviation = _singular(m.group(1))  # "GAGs" defines GAG
                    if not self.token.fullmatch(abbreviation):
                        continue  # "clopidogrel (Plavix)": a name, not an abbreviation
                    definitions.setdefault(abbreviation, (start, start + len(abbreviation)))
            for m in self.token.finditer(doc.prose, block.start, block.end, timeout=ctx.timeout):
                if _ROMAN.match(m.group()) or _in_capitals_run(doc.prose, m.start(), m.end()):
                    continue  # "NEW YORK (Reuters)", "BREAKING NEWS": shouting, not abbreviations
                # "the BRAF gene": a symbol that is the name itself needs no definition, but
                # it still uses an abbreviation defined earlier
                named = after is not None and after.match(doc.prose, m.end()) is not None
                tokens.append((m.group(), m.start(), m.end(), named))
        doc.memo[key] = (definitions, tokens)
        return definitions, tokens

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        if self.mode in ("redefined", "defined-differently"):
            from .redefined import redefinitions
            yield from redefinitions(doc, ctx, self.token, self.mode == "defined-differently")
            return
        definitions, tokens = self._scan(doc, ctx)
        known = self.known_for(ctx)
        uses: dict[str, list[tuple[int, int]]] = {}
        for word, start, end, named in tokens:
            if word in known or (named and self.mode == "undefined"):
                continue
            uses.setdefault(word, []).append((start, end))
            head = word.split("-", 1)[0]
            if head != word and len(head) >= 2 and self.mode != "undefined":
                uses.setdefault(head, []).append((start, end))  # "HPV-16" uses HPV
        if self.mode == "undefined":
            for word, spans in uses.items():
                if word not in definitions:
                    yield Hit(*spans[0], {"match": word, "value": str(len(spans))})
        elif self.mode == "before-definition":
            for word, spans in uses.items():
                defined_at = definitions.get(word)
                if defined_at is not None and spans[0][0] < defined_at[0]:
                    yield Hit(*spans[0], {"match": word})
        else:
            for word, (start, end) in definitions.items():
                later = [s for s in uses.get(word, []) if s[0] > end]
                if not later and word not in known:
                    yield Hit(start, end, {"match": word})


_CAPS_WORD = regex.compile(r"[A-Z][A-Z'-]+")


def _in_capitals_run(prose: str, start: int, end: int) -> bool:
    """The word stands next to another all-capital word of three letters or more."""
    before = prose[max(0, start - 30) : start].rstrip(" ,").rsplit(None, 1)
    after = prose[end : end + 30].lstrip(" ,").split(None, 1)
    neighbours = [before[-1] if before else "", after[0] if after else ""]
    return any(len(w) >= 3 and _CAPS_WORD.fullmatch(w.strip(".,:;()")) for w in neighbours)


@dataclass(frozen=True)
class Params(KindParams):
    mode: str = field(metadata={"schema": {"enum": [
        "undefined", "before-definition", "unused", "redefined", "defined-differently"]}})
    known: Sequence[str] = ()  # abbreviations every reader knows
    known_by_audience: Mapping[str, Sequence[str]] = field(default_factory=dict)
    name_when_followed_by: str | None = None
    pattern: str = DEFAULT_TOKEN  # what counts as an abbreviation
    case_sensitive: bool = False


def compile_check(spec: RuleSpec) -> DefinedBeforeUseCheck:
    params = Params.of(spec)
    token = compile_pattern(params.pattern, replace(
        spec, params={**spec.params, "case_sensitive": True}))  # abbreviations are capitals
    followed = params.name_when_followed_by
    return DefinedBeforeUseCheck(
        name_when_followed_by=compile_pattern(followed, spec) if followed else None,
        mode=params.mode,
        token=token,
        known=frozenset(params.known),
        known_by_audience=tuple(sorted(
            (audience, frozenset(words))
            for audience, words in params.known_by_audience.items())),
    )
