"""`callouts`: tables and figures and the text that cites them (document/callouts.py reads
both with the rule's `callout` and `caption` patterns). Modes: `order` (Table 2 first cited
before Table 1), `missing` (cited but not in the document, or in it but never cited), and
`no-legend` (a figure without a legend, a table without a title). Nothing is reported for a
document that numbers no table or figure. The sentence ending each message comes from
`details` (order: none; missing: `absent`, `uncited`; no-legend: `table`, `figure`); the
item ("Table 2", "This figure") is the finding's {value}."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from ..document.callouts import Callout, CalloutMap, CalloutPatterns, read_callouts
from ..document.model import Document
from ..rule import RuleSpec
from .base import Hit, RunContext, compile_pattern
from .params import KindParams


@dataclass(frozen=True)
class CalloutsCheck:
    mode: str
    patterns: CalloutPatterns
    details: tuple[tuple[str, str], ...] = ()

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        key = ("callouts", self.patterns.callout.pattern, self.patterns.caption.pattern)
        found = doc.memo.get(key)
        if found is None:
            found = doc.memo[key] = read_callouts(doc, self.patterns)
        if not found.numbered:
            return
        details = dict(self.details)
        if self.mode == "order":
            yield from _order(found)
        elif self.mode == "missing":
            yield from _missing(found, details)
        else:
            yield from _no_legend(found, details)


def _order(found: CalloutMap) -> Iterator[Hit]:
    for label in ("Table", "Figure"):
        highest = 0
        seen: set[int] = set()
        for callout in found.callouts:
            if callout.label != label:
                continue
            new = sorted(set(callout.numbers) - seen)
            if new and new[0] < highest:
                yield Hit(callout.start, callout.end,
                          {"value": f"{label} {new[0]}", "detail": f"{label} {highest}"})
            seen.update(new)
            highest = max([highest, *new])


def _missing(found: CalloutMap, details: dict[str, str]) -> Iterator[Hit]:
    for label in ("Table", "Figure"):
        contained = found.contained(label)
        cited = [c for c in found.callouts if c.label == label]
        # Only a document that shows some of its tables (figures) is expected to show them
        # all: many journals take tables and figures as separate files.
        if contained:
            yield from _absent(label, contained, cited, found, details)
        # A text that cites no table or figure at all (a web page, a copied record) shows
        # them without callouts; only a text that uses callouts must cite each one.
        if not found.callouts:
            continue
        numbers = {n for c in cited for n in c.numbers}
        reported: set[int] = set()
        for caption in found.captions:
            if caption.label == label and caption.number not in numbers | reported:
                reported.add(caption.number)
                yield Hit(caption.start, caption.end, {"value": f"{label} {caption.number}",
                                                       "detail": details.get("uncited", "")})


def _absent(label: str, contained: set[int], cited: list[Callout], found: CalloutMap,
            details: dict[str, str]) -> Iterator[Hit]:
    """Cited numbers the document does not contain. Its uncaptioned tables (figures), which
    no-legend reports, are taken to be the first of them."""
    untitled = sum(1 for i in found.items if i.label == label and i.caption is None)
    seen: set[int] = set()
    for callout in cited:
        absent = []
        for n in callout.numbers:
            if n in contained or n in seen:
                continue
            seen.add(n)
            if untitled:
                untitled -= 1
            else:
                absent.append(n)
        if absent:
            yield Hit(callout.start, callout.end,
                      {"value": ", ".join(f"{label} {n}" for n in absent),
                       "detail": details.get("absent", "")})


def _no_legend(found: CalloutMap, details: dict[str, str]) -> Iterator[Hit]:
    for item in found.items:
        if item.caption is not None and item.caption.legend:
            continue
        name = (f"{item.label} {item.caption.number}" if item.caption is not None
                else f"This {item.label.lower()}")
        detail = details.get(item.label.lower(), "")
        yield Hit(item.start, item.end, {"value": name, "detail": detail})
    shown = {(i.caption.start) for i in found.items if i.caption is not None}
    for caption in found.captions:  # a caption line with nothing after its number
        if not caption.legend and caption.start not in shown:
            name = f"{caption.label} {caption.number}"
            detail = details.get(caption.label.lower(), "")
            yield Hit(caption.start, caption.end, {"value": name, "detail": detail})


@dataclass(frozen=True)
class Params(KindParams):
    mode: str = field(metadata={"schema": {"enum": ["order", "missing", "no-legend"]}})
    callout: str  # a call-out in the text ("Figure 2")
    caption: str  # a caption's label
    details: Mapping[str, str] = field(default_factory=dict)
    case_sensitive: bool = False


def compile_check(spec: RuleSpec) -> CalloutsCheck:
    params = Params.of(spec)
    patterns = CalloutPatterns(compile_pattern(params.callout, spec),
                               compile_pattern(params.caption, spec))
    return CalloutsCheck(params.mode, patterns, tuple(sorted(params.details.items())))
