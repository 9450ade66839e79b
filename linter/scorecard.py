"""The news scorecard: for each criterion of a profile pack, met, not met or not applicable."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .checks.base import RunContext
from .document.model import Document
from .loader import CompiledRule
from .models import Finding

SCORED_PACKS = {"news": "news"}  # audience -> pack whose rules are criteria


@dataclass(frozen=True)
class Criterion:
    rule: str
    status: str  # "met" | "not met" | "not applicable"


def score(doc: Document, rules: Iterable[CompiledRule], findings: list[Finding],
          context_for: Callable[[CompiledRule], RunContext]) -> list[Criterion]:
    failed = {f.rule for f in findings}
    card = []
    for rule in rules:
        if rule.spec.id in failed:
            card.append(Criterion(rule.spec.id, "not met"))
            continue
        applies = getattr(rule.check, "applies", None)
        relevant = applies(doc, context_for(rule)) if applies is not None else True
        card.append(Criterion(rule.spec.id, "met" if relevant else "not applicable"))
    return card


def summary(card: list[Criterion]) -> str:
    counts = {s: sum(1 for c in card if c.status == s) for s in ("met", "not met",
                                                               "not applicable")}
    line = ", ".join(f"{n} {status}" for status, n in counts.items())
    missing = [c.rule for c in card if c.status == "not met"]
    return line + (f"; not met: {', '.join(missing)}" if missing else "")
