"""Run every rule's own must-flag and must-pass examples (for the test suite and for authors
of their own packs, through `medlint test-rules`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .config import Config
from .document import parse_document
from .engine import RunOptions, lint_document
from .loader import CompiledRule, RuleSet


@dataclass(frozen=True)
class ExampleFailure:
    rule: str
    expected: str  # "flag" or "pass"
    example: str
    found: tuple[str, ...]

    def describe(self) -> str:
        verb = "should be flagged but was not" if self.expected == "flag" else "should pass but"
        tail = "" if self.expected == "flag" else f" got: {'; '.join(self.found)}"
        return f"{self.rule}: example {self.example[:70]!r} {verb}{tail}"


def run_rule_examples(rule: CompiledRule, today: dt.date | None = None) -> list[ExampleFailure]:
    single = RuleSet((rule,))
    if today is None and rule.spec.examples_today:
        today = dt.date.fromisoformat(rule.spec.examples_today)
    options = RunOptions(audience=rule.spec.example_audience(), today=today)
    failures = []
    for expected, examples in (("flag", rule.spec.flag_examples),
                               ("pass", rule.spec.pass_examples)):
        for example in examples:
            doc = parse_document("<example>", example, "markdown")
            found = lint_document(doc, single, Config(), options).findings
            flagged = bool(found)
            if flagged != (expected == "flag"):
                failures.append(ExampleFailure(rule.spec.id, expected, example,
                                               tuple(f.message for f in found)))
    return failures


def run_examples(rules: RuleSet) -> list[ExampleFailure]:
    return [failure for rule in rules.rules for failure in run_rule_examples(rule)]
