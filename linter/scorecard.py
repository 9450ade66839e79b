"""The news scorecard: for each criterion of a profile, met, not met or not applicable.

A profile names, per audience, the pack whose rules are its criteria (each rule one
criterion) and packs judged as a whole (one criterion each: not met when the pack has a
finding at warning or above). The verdicts are read from the findings, so the scorecard and
the findings never disagree; a rule without a finding is "not applicable" when its check says
the document is not about what it checks, else "met"."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .checks.base import RunContext
from .document.model import Document
from .loader import CompiledRule
from .models import Finding, Severity

MET, NOT_MET, NOT_APPLICABLE = "met", "not met", "not applicable"


@dataclass(frozen=True)
class Profile:
    pack: str  # each rule of this pack is a criterion
    whole_packs: tuple[str, ...] = ()  # each of these packs is one criterion


# HealthNewsReview criteria 1-9 are the news/ rules; criterion 10 (unjustifiable, sensational
# language) is the hype/ pack at warning or above.
PROFILES = {"news": Profile("news", ("hype",))}


@dataclass(frozen=True)
class Criterion:
    rule: str  # a rule id, or a pack name for a pack judged as a whole
    status: str  # MET | NOT_MET | NOT_APPLICABLE


def score(doc: Document, rules: Iterable[CompiledRule], findings: list[Finding],
          context_for: Callable[[CompiledRule], RunContext],
          whole_packs: Iterable[str] = ()) -> list[Criterion]:
    failed = {f.rule for f in findings}
    card = []
    for rule in rules:
        if rule.spec.id in failed:
            card.append(Criterion(rule.spec.id, NOT_MET))
            continue
        applies = getattr(rule.check, "applies", None)
        relevant = applies(doc, context_for(rule)) if applies is not None else True
        card.append(Criterion(rule.spec.id, MET if relevant else NOT_APPLICABLE))
    serious = (Severity.WARNING, Severity.ERROR)
    for pack in whole_packs:
        hit = any(f.rule.split("/", 1)[0] == pack and f.severity in serious for f in findings)
        card.append(Criterion(pack, NOT_MET if hit else MET))
    return card


def as_mapping(card: list[Criterion]) -> dict[str, str]:
    """Criterion -> verdict, in the scorecard's order (the JSON report's `scorecard`)."""
    return {c.rule: c.status for c in card}


def summary(card: list[Criterion]) -> str:
    counts = {s: sum(1 for c in card if c.status == s) for s in (MET, NOT_MET, NOT_APPLICABLE)}
    line = ", ".join(f"{n} {status}" for status, n in counts.items())
    missing = [c.rule for c in card if c.status == NOT_MET]
    return line + (f"; not met: {', '.join(missing)}" if missing else "")
