"""`references`: numbered citations and the reference list must agree. Modes: `unresolved`
(a citation number with no entry), `uncited` (an entry no citation points to),
`no-identifier` (an entry with no DOI, PMID, PMCID or URL), `order` (a number first cited after
a higher one: numbers must first appear in ascending order), `duplicate` (an entry for the same
work as an earlier entry: same DOI, PMID, or title and year)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..document.model import Document, ReferenceEntry
from ..document.reference_identity import Identity, identity
from ..rule import RuleSpec
from .base import Hit, RunContext
from .params import KindParams

NUMBERED = ("numeric", "sup_html", "superscript")


@dataclass(frozen=True)
class ReferencesCheck:
    mode: str

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        if self.mode == "order":
            yield from _order(doc)
            return
        references = doc.references
        if references is None or not references.entries:
            return
        if self.mode == "duplicate":
            yield from _duplicates(references.entries)
            return
        if self.mode == "no-identifier":
            for entry in references.entries:
                if not entry.has_identifier:
                    yield Hit(entry.start, entry.end, {"match": _label(entry.number)})
            return
        numbered = [e for e in references.entries if e.number is not None]
        if not numbered:
            return
        citations = [c for c in doc.citations if c.kind in NUMBERED and c.numbers]
        if self.mode == "unresolved":
            known = references.numbers
            for citation in citations:
                missing = [n for n in citation.numbers if n not in known]
                if missing:
                    yield Hit(citation.start, citation.end,
                              {"value": ", ".join(map(str, missing))})
        elif self.mode == "uncited" and citations:
            cited = {n for c in citations for n in c.numbers}
            for entry in numbered:
                if entry.number not in cited:
                    yield Hit(entry.start, entry.end, {"value": str(entry.number)})


def _order(doc: Document) -> Iterator[Hit]:
    """Each citation that brings in a number lower than one already cited. Superscript digits
    count only beside a reference list (alone they are as often units: m², 10⁹/L)."""
    kinds = NUMBERED if doc.references is not None else ("numeric", "sup_html")
    highest = 0
    seen: set[int] = set()
    for citation in doc.citations:
        if citation.kind not in kinds or not citation.numbers:
            continue
        new = sorted(n for n in set(citation.numbers) if n not in seen)
        if new and new[0] < highest:
            late = [n for n in new if n < highest]
            yield Hit(citation.start, citation.end,
                      {"value": ", ".join(map(str, late)), "detail": str(highest)})
        seen.update(new)
        highest = max([highest, *new])


def _duplicates(entries: tuple[ReferenceEntry, ...]) -> Iterator[Hit]:
    earlier: list[tuple[ReferenceEntry, Identity]] = []
    for entry in entries:
        mine = identity(entry.text)
        for first, theirs in earlier:
            how = mine.shared(theirs)
            if how:
                yield Hit(entry.start, entry.end, {"value": _number(entry),
                                                   "detail": f"{_number(first)} ({how})"})
                break
        earlier.append((entry, mine))


def _number(entry: ReferenceEntry) -> str:
    return str(entry.number) if entry.number is not None else "an entry"


def _label(number: int | None) -> str:
    return f"entry {number}" if number is not None else "an entry"


@dataclass(frozen=True)
class Params(KindParams):
    mode: str = field(metadata={"schema": {"enum": [
        "unresolved", "uncited", "no-identifier", "order", "duplicate"]}})


def compile_check(spec: RuleSpec) -> ReferencesCheck:
    return ReferencesCheck(Params.of(spec).mode)
