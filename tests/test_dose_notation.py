"""Dose notation and abbreviations: a dose-notation error is an error for every reader, a dose
reported as a statistic is left alone, and one problem gets one finding."""

from __future__ import annotations

import pytest

from medlint.config import Config
from medlint.document import parse_document
from medlint.engine import RunOptions, lint_document
from medlint.loader import RuleSet

from conftest import TODAY


def _findings(rules: RuleSet, text: str, audience: str | None = None,
              fmt: str = "markdown") -> list[tuple[str, str, str]]:
    name = "doc.html" if fmt == "html" else "doc.md"
    doc = parse_document(name, text, fmt)
    result = lint_document(doc, rules, Config(), RunOptions(audience=audience, today=TODAY))
    return [(f.rule, f.severity.value, text[f.offset:f.end_offset]) for f in result.findings]


DOSE_ERRORS = [
    ("Give .5 g twice a day.", "dosing/leading-zero"),
    ("Give 500.0 mg twice a day.", "dosing/trailing-zero"),
    ("Take one tablet qd.", "dosing/daily-abbreviation"),
    ("Inject 10 U before meals.", "dosing/unit-abbreviation"),
]


@pytest.mark.parametrize("audience", ["patient", "professional", "news", "research", None])
@pytest.mark.parametrize(("text", "rule"), DOSE_ERRORS)
def test_dose_notation_is_an_error_for_every_audience(builtin_rules: RuleSet, text: str,
                                                      rule: str, audience: str | None) -> None:
    found = _findings(builtin_rules, text, audience)
    assert (rule, "error") in {(r, s) for r, s, _ in found}, found


@pytest.mark.parametrize("text", [
    "The mean daily dose was 2.0 g in both groups.",
    "Median exposure was 4.0 mg per day (IQR 3.0 to 6.0 mg).",
    "Avoid the drug if creatinine clearance is below 30.0 mL/min.",
    "Avoid metformin if eGFR <30 mL/min/1.73 m2.",
])
def test_statistics_and_lab_thresholds_are_not_dose_instructions(builtin_rules: RuleSet,
                                                                 text: str) -> None:
    found = _findings(builtin_rules, text, "research")
    assert not [f for f in found if f[0].startswith("dosing/")], found


@pytest.mark.parametrize(("text", "fmt"), [
    ("Take 5.0&nbsp;mg each morning.", "markdown"),
    ("Take **5.0** mg each morning.", "markdown"),
    ("Take <b>5.0</b> mg each morning.", "markdown"),
    ("<p>Take <b>5.0</b>&nbsp;mg each morning.</p>", "html"),
])
def test_a_number_split_from_its_unit_by_markup_is_still_a_dose(builtin_rules: RuleSet,
                                                                 text: str, fmt: str) -> None:
    found = _findings(builtin_rules, text, "patient", fmt)
    assert ("dosing/trailing-zero", "error", "5.0") in found, found


@pytest.mark.parametrize(("text", "term"), [
    ("Take 10 mg QD with breakfast.", "QD"),
    ("Give 40 mg SC every evening.", "SC"),
    ("Vitamin D 1000 IU daily.", "IU"),
    ("Start MTX 15 mg once weekly.", "MTX"),
    ("Give MSO4 2 mg IV for pain.", "MSO4"),
])
def test_one_problem_one_finding(builtin_rules: RuleSet, text: str, term: str) -> None:
    found = _findings(builtin_rules, text, "patient")
    assert any(r.startswith("dosing/") for r, _, _ in found), found
    assert not [f for f in found if f[0].startswith("abbreviations/")], found


def test_an_abbreviation_no_rule_flags_is_still_asked_about(builtin_rules: RuleSet) -> None:
    found = _findings(builtin_rules, "Patients with TNBC take 10 mg daily.", "patient")
    assert ("abbreviations/undefined", "warning", "TNBC") in found


@pytest.mark.parametrize("term", ["INR", "HR", "PFS", "OS", "CO2"])
def test_professionals_know_clinical_abbreviations(builtin_rules: RuleSet, term: str) -> None:
    text = f"The {term} was recorded at every visit."
    assert not _findings(builtin_rules, text, "professional")
    assert [r for r, _, t in _findings(builtin_rules, text, "patient") if t == term]


@pytest.mark.parametrize("text", [
    "Capecitabine becomes 5-FU inside the tumour.",
    "Her CHA2DS2-VASc score was 3 and her HAS-BLED score 1.",
])
def test_compound_tokens_are_read_whole(builtin_rules: RuleSet, text: str) -> None:
    found = _findings(builtin_rules, text, "patient")
    assert not [t for r, _, t in found if r.startswith("abbreviations/")
                and t in {"FU", "CHA2DS2", "VASc", "HAS", "BLED"}], found


def test_known_abbreviations_from_the_configuration_are_still_honoured(
        builtin_rules: RuleSet) -> None:
    doc = parse_document("doc.md", "Patients with TNBC were seen.", "markdown")
    config = Config(known_abbreviations=("TNBC",))
    result = lint_document(doc, builtin_rules, config, RunOptions(audience="patient", today=TODAY))
    assert not result.findings


def test_a_naked_decimal_inside_html_tags_and_entities_is_found(builtin_rules: RuleSet) -> None:
    text = '<p>Give <strong class="dose">.5</strong>&nbsp;mL of the syrup.</p>'
    found = _findings(builtin_rules, text, "patient", "html")
    assert ("dosing/leading-zero", "error", ".5") in found, found
