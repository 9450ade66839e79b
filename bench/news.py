"""The news profile as a classifier of HealthNewsReview verdicts, criterion by criterion.

    python bench/news.py CORPUS [--save FILE] [--show CRITERION] [--halves]

CORPUS holds `labels.jsonl` (each record: `file`, `criteria` mapping a criterion to
"Satisfactory", "Not Satisfactory" or "Not Applicable"; records with `quality_flags` are left
out) and the releases it names. Each release is checked with the news audience. A criterion is
predicted "Not Satisfactory" when its rule has a finding; `sensational_language` when any
`hype/` rule has a finding at warning or above. Releases judged "Not Applicable" are left out
of that criterion's figures. Balanced accuracy is the mean of the rate at which the rule
fires on "Not Satisfactory" releases and the rate at which it stays quiet on "Satisfactory"
ones; 0.5 is chance. `--halves` adds the balanced accuracy on the even-numbered and the
odd-numbered releases (in `labels.jsonl` order) apart, to check that a change tuned on one
half holds on the other.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from medlint.config import Config
from medlint.document import parse_document
from medlint.engine import RunOptions, lint_document
from medlint.loader import load_rules
from medlint.models import Finding, MedlintError, Severity
from medlint.source import format_for, read_source

CRITERIA = {  # HealthNewsReview criterion -> rule id, or pack for a whole pack at warning+
    "costs": "news/costs",
    "benefits": "news/benefits",
    "harms": "news/harms",
    "evidence_quality": "news/evidence-quality",
    "disease_mongering": "news/disease-mongering",
    "funding_conflicts": "news/funding-conflicts",
    "alternatives": "news/alternatives",
    "availability": "news/availability",
    "novelty": "news/novelty",
    "sensational_language": "hype/",
}
BAD, GOOD = "Not Satisfactory", "Satisfactory"
TARGET, FLOOR = 0.75, 0.65


@dataclass
class Tally:
    """Confusion counts of one criterion: fired / quiet on Not Satisfactory / Satisfactory."""

    fired_bad: int = 0
    quiet_bad: int = 0
    fired_good: int = 0
    quiet_good: int = 0

    def add(self, verdict: str, fired: bool) -> None:
        if verdict == BAD:
            self.fired_bad += fired
            self.quiet_bad += not fired
        elif verdict == GOOD:
            self.fired_good += fired
            self.quiet_good += not fired

    @property
    def hit_rate(self) -> float:  # fires on Not Satisfactory (sensitivity)
        return self.fired_bad / max(self.fired_bad + self.quiet_bad, 1)

    @property
    def false_rate(self) -> float:  # fires on Satisfactory (1 - specificity)
        return self.fired_good / max(self.fired_good + self.quiet_good, 1)

    @property
    def balanced(self) -> float:
        return (self.hit_rate + 1 - self.false_rate) / 2


def fires(target: str, findings: Iterable[Finding]) -> bool:
    if target.endswith("/"):
        return any(f.rule.startswith(target) and f.severity in (Severity.WARNING, Severity.ERROR)
                   for f in findings)
    return any(f.rule == target for f in findings)


def records(corpus: Path) -> list[dict]:
    with open(corpus / "labels.jsonl", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [r for r in rows if r.get("criteria") and not r.get("quality_flags")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="folder with labels.jsonl and the releases")
    parser.add_argument("--save", help="write each release's verdicts and predictions (JSON)")
    parser.add_argument("--show", action="append", default=[],
                        help="list the misjudged releases of this criterion (repeatable)")
    parser.add_argument("--halves", action="store_true",
                        help="also show balanced accuracy on the even and the odd releases")
    args = parser.parse_args(argv)
    corpus = Path(args.corpus)
    if not (corpus / "labels.jsonl").is_file():
        print(f"{corpus}: no labels.jsonl", file=sys.stderr)
        return 2
    rules = load_rules()
    options = RunOptions(audience="news")
    tallies = {c: Tally() for c in CRITERIA}
    halves = ({c: Tally() for c in CRITERIA}, {c: Tally() for c in CRITERIA})
    saved = []
    for number, record in enumerate(records(corpus)):
        path = str(corpus / record["file"])
        try:
            source = read_source(path)
        except MedlintError as exc:
            print(f"skipped: {exc}", file=sys.stderr)
            continue
        doc = parse_document(path, source.text, format_for(path))
        findings = lint_document(doc, rules, Config(), options).findings
        predicted = {c: fires(target, findings) for c, target in CRITERIA.items()}
        for criterion, verdict in record["criteria"].items():
            if criterion not in tallies:
                continue
            tallies[criterion].add(verdict, predicted[criterion])
            halves[number % 2][criterion].add(verdict, predicted[criterion])
            wrong = (verdict == BAD) != predicted[criterion] and verdict in (BAD, GOOD)
            if criterion in args.show and wrong:
                print(f"  {criterion}: judged {verdict}, "
                      f"{'fired' if predicted[criterion] else 'quiet'}: {record['file']}")
        saved.append({"file": record["file"], "criteria": record["criteria"],
                      "fired": predicted, "rules": sorted({f.rule for f in findings})})
    if args.save:
        Path(args.save).write_text(json.dumps(saved, indent=1), encoding="utf-8")
    print(f"{len(saved)} releases, audience news; positive = judged Not Satisfactory\n")
    print(f"{'criterion':<22}{'fires on NS':>12}{'fires on S':>12}{'bal. acc.':>11}"
          + (f"{'even':>7}{'odd':>7}" if args.halves else "")
          + "   confusion (NS fired/quiet, S fired/quiet)")
    reached = 0
    lowest = 1.0
    for criterion, t in tallies.items():
        split = (f"{halves[0][criterion].balanced:>7.3f}{halves[1][criterion].balanced:>7.3f}"
                 if args.halves else "")
        print(f"{criterion:<22}{t.hit_rate:>12.2f}{t.false_rate:>12.2f}{t.balanced:>11.3f}{split}"
              f"   NS {t.fired_bad:>3}/{t.quiet_bad:<3}  S {t.fired_good:>3}/{t.quiet_good:<3}")
        reached += t.balanced >= TARGET
        lowest = min(lowest, t.balanced)
    mean = sum(t.balanced for t in tallies.values()) / len(tallies)
    print(f"\nmean balanced accuracy {mean:.3f}; {reached} of {len(tallies)} criteria at "
          f">= {TARGET}, lowest {lowest:.3f} (floor {FLOOR})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
