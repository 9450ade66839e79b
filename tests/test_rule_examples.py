"""Every rule's own must-flag and must-pass examples, one test per rule: a new rule needs no
new test code."""

from __future__ import annotations

import pytest

from medlint.examples import run_rule_examples

from conftest import builtin_rule_set

RULES = builtin_rule_set().rules


@pytest.mark.parametrize("rule", RULES, ids=[r.spec.id for r in RULES])
def test_examples(rule) -> None:
    failures = run_rule_examples(rule)
    assert not failures, "\n".join(f.describe() for f in failures)


@pytest.mark.parametrize("rule", RULES, ids=[r.spec.id for r in RULES])
def test_rule_lives_in_its_pack_file(rule) -> None:
    spec = rule.spec
    # rules/<pack>.yaml, or a topic file in a pack folder: rules/<pack>/<topic>.yaml
    pack = spec.origin.removeprefix("rules/").split("/", 1)[0].split(".")[0]
    assert spec.id.startswith(f"{pack}/"), (
        "a rule lives in the pack file (or pack folder) named after its pack"
    )
    if "/" in spec.origin.removeprefix("rules/"):
        topic = spec.origin.rsplit("/", 1)[-1].split(".")[0]
        assert spec.topic == topic, "a topic file is named after its topic"
