"""`references`: numbered citations and the reference list must agree. Modes: `unresolved`
(a citation number with no entry), `uncited` (an entry no citation points to),
`no-identifier` (an entry with no DOI, PMID, PMCID or URL)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..document.model import Document
from ..rule import RuleSpec
from .base import Hit, RunContext
from .params import KindParams

NUMBERED = ("numeric", "sup_html", "superscript")


@dataclass(frozen=True)
class ReferencesCheck:
    mode: str

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        references = doc.references
        if references is None or not references.entries:
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


def _label(number: int | None) -> str:
    return f"entry {number}" if number is not None else "an entry"


@dataclass(frozen=True)
class Params(KindParams):
    mode: str  # unresolved, uncited or no-identifier


def compile_check(spec: RuleSpec) -> ReferencesCheck:
    return ReferencesCheck(Params.of(spec).mode)
