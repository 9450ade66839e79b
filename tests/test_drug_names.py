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


@pytest.mark.parametrize("word", [
    # real drugs one or two letters from a more common one: a different drug, not a slip
    "ampicillin", "betamethasone", "fosinopril", "felodipine", "pitavastatin", "saxagliptin",
    "decitabine", "hydroxyzine", "clonidine", "tramadol", "trazodone", "cefuroxime",
    # British and INN spellings
    "cefalexin", "aciclovir", "valaciclovir", "ciclosporin", "rifampicin", "frusemide",
    "amoxycillin", "clomifene", "amfetamine", "colecalciferol", "glibenclamide",
])
def test_real_drug_names_are_never_misspellings(builtin_rules: RuleSet, word: str) -> None:
    check = _rule(builtin_rules, "drug-names/misspelling").check
    assert check.likely_name(word) is None
    assert check.likely_name(word.capitalize()) is None


@pytest.mark.parametrize(("word", "name"), [
    # misspellings that drug dictionaries keep as synonyms, so that a search finds the drug;
    # they are still slips in edited text
    ("acetominophen", "acetaminophen"),
    ("ibuprophen", "ibuprofen"),
    ("lysinopril", "lisinopril"),
    ("azythromycin", "azithromycin"),
    ("fursemide", "furosemide"),
])
def test_dictionary_misspellings_are_still_found(builtin_rules: RuleSet, word: str,
                                                 name: str) -> None:
    assert _rule(builtin_rules, "drug-names/misspelling").check.likely_name(word) == name


def test_no_word_of_the_bundled_drug_lists_is_a_misspelling(builtin_rules: RuleSet) -> None:
    from medlint.checks.misspelling import read_word_list

    check = _rule(builtin_rules, "drug-names/misspelling").check
    lists = ["drug-names-generic", "drug-names-british", "drug-names-brand"]
    assert _rule(builtin_rules, "drug-names/misspelling").spec.params["known_lists"] == lists
    words = [w for name in lists for w in read_word_list(name)]
    assert len(words) > 10_000
    flagged = [w for w in words if check.likely_name(w)]
    assert not flagged


def test_the_finding_asks_rather_than_corrects(builtin_rules: RuleSet) -> None:
    message = _rule(builtin_rules, "drug-names/misspelling").spec.message
    assert "a different drug, or a misspelling of" in message


def test_the_word_lists_are_part_of_the_rule_set_fingerprint(monkeypatch) -> None:
    """An edited word list must invalidate compiled-rule and results caches."""
    from medlint import loader

    before = loader.fingerprint([("t.yaml", "pack: t")])
    monkeypatch.setattr(loader, "bundled_list_files",
                        lambda: [("rules/lists/drug-names-generic.txt", "changed\n")])
    assert loader.fingerprint([("t.yaml", "pack: t")]) != before
