"""Drug names: no listed name (generic or brand) is ever taken for a misspelling, and the
edit distance counts what a typist does (a letter added, dropped, changed or swapped)."""

from __future__ import annotations

import pytest

from medlint.checks.misspelling import MisspellingCheck, deletions, edit_distance
from medlint.loader import RuleSet


def _rule(rules: RuleSet, rule_id: str):
    return next(r for r in rules.rules if r.spec.id == rule_id)


def test_no_listed_name_is_a_misspelling(builtin_rules: RuleSet) -> None:
    check = _rule(builtin_rules, "drug-names/misspelling").check
    assert isinstance(check, MisspellingCheck)
    names = _rule(builtin_rules, "drug-names/brand-without-generic").spec.params["names"]
    assert len(names) >= 150
    spellings = set(names) | {g for v in names.values() for g in ([v] if isinstance(v, str) else v)}
    for name in spellings:
        for word in name.split():
            assert check.likely_name(word) is None, word


@pytest.mark.parametrize(("word", "name"), [
    ("metfromin", "metformin"),      # swapped letters
    ("amoxicilin", "amoxicillin"),   # dropped letter
    ("ibuprofin", "ibuprofen"),      # changed letter
    ("warfarrin", "warfarin"),       # added letter
    ("carbamazapine", "carbamazepine"),
])
def test_common_misspellings_are_found(builtin_rules: RuleSet, word: str, name: str) -> None:
    assert _rule(builtin_rules, "drug-names/misspelling").check.likely_name(word) == name


@pytest.mark.parametrize(("a", "b", "distance"), [
    ("metformin", "metformin", 0), ("metfromin", "metformin", 1), ("warfarin", "warfarrin", 1),
    ("prednisone", "prednisolone", 2), ("abc", "xyz", 3),
])
def test_edit_distance(a: str, b: str, distance: int) -> None:
    assert edit_distance(a, b, limit=5) == distance


def test_deletions_include_the_word_and_its_one_letter_shorter_forms() -> None:
    assert deletions("abcd", 1) == {"abcd", "bcd", "acd", "abd", "abc"}
