"""The consistency pack (variant forms, abbreviations defined twice), the required statements
of a research document, and `medlint abbreviations`: report-a-mix and house-form modes, the
per-type statement table from configuration, and the table's three formats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.api import lint_text
from medlint.cli import main
from medlint.config import Config
from medlint.document.abbreviations import find_definitions
from medlint.engine import RunOptions
from medlint.loader import RuleSet, compile_pack_texts
from medlint.models import MedlintError

from conftest import TODAY

MIXED = ("The tumour was small. The tumour was removed. A second tumour was found, and the "
         "tumor board met.\n")


PACKS = Path(__file__).resolve().parent.parent / "rules"
_SETS: dict[str, RuleSet] = {}


def packs(options: dict | None) -> RuleSet:
    """The two packs under test, with these rule options; only they are compiled."""
    key = json.dumps(options or {}, sort_keys=True)
    if key not in _SETS:
        texts = [(str(PACKS / n), (PACKS / n).read_text("utf-8"))
                 for n in ("consistency.yaml", "transparency.yaml")]
        _SETS[key] = compile_pack_texts(texts, options or None)
    return _SETS[key]


def findings(text: str, select: str, *, options: dict | None = None,
             audience: str | None = None) -> list:
    config = Config(rule_options=json.dumps(options or {}, sort_keys=True))
    return lint_text(text, config=config, rules=packs(options),
                     options=RunOptions(today=TODAY, select=(select,), audience=audience))


def test_a_mix_flags_the_minority_form_and_names_the_majority_with_its_count() -> None:
    found = findings(MIXED, "consistency/spelling")
    assert [(f.line, MIXED[f.offset:f.end_offset]) for f in found] == [(1, "tumor")]
    assert '"tumour" 3 times' in found[0].message and '"tumor" here' in found[0].message


def test_one_form_throughout_is_no_mix() -> None:
    assert findings("The tumor was small. Tumors recur.\n", "consistency/spelling") == []


def test_a_house_style_column_flags_every_other_form_even_without_a_mix() -> None:
    text = "The tumor was small. Low estrogen thins bone.\n"
    found = findings(text, "consistency/spelling",
                     options={"consistency/spelling": {"prefer": "uk"}})
    assert sorted(text[f.offset:f.end_offset] for f in found) == ["estrogen", "tumor"]
    assert 'house style is "tumour"' in found[-1].message or 'house style is "oestrogen"' in \
        found[-1].message
    us = findings(text, "consistency/spelling", options={"consistency/spelling": {"prefer": "us"}})
    assert us == []


def test_a_house_form_by_name_overrides_the_majority() -> None:
    text = "Median follow-up was 2 years. Follow-up was by phone. During followup, 3 died.\n"
    mixed = findings(text, "consistency/hyphenation")
    assert [text[f.offset:f.end_offset] for f in mixed] == ["followup"]
    house = findings(text, "consistency/hyphenation",
                     options={"consistency/hyphenation": {"prefer_forms": ["followup"]}})
    assert [text[f.offset:f.end_offset] for f in house] == ["follow-up", "Follow-up"]


def test_percent_house_form() -> None:
    text = "About 12 percent of adults have it.\n"
    assert findings(text, "consistency/percent") == []
    found = findings(text, "consistency/percent",
                     options={"consistency/percent": {"prefer_forms": ["%"]}})
    assert len(found) == 1 and 'house style is "%"' in found[0].message


def test_numbers_need_enough_counts_before_a_mix_is_reported() -> None:
    few = "We saw 3 patients in May and two patients in June.\n"
    assert findings(few, "consistency/number-style") == []
    many = ("We saw 3 patients in May, 4 patients in June and 5 patients in July; in August "
            "two patients came.\n")
    assert [many[f.offset:f.end_offset] for f in findings(many, "consistency/number-style")] \
        == ["two"]


def test_numbers_with_units_ranges_and_labels_are_not_counts() -> None:
    text = ("Take 2 tablets for 5 days. Between 2 and 4 patients in each of the 3 groups had "
            "type 2 diabetes; stage 3 patients were excluded. Three patients withdrew, and the "
            "two groups were similar. Two or three women had a rash.\n")
    assert findings(text, "consistency/number-style") == []


def test_capitalised_form_inside_a_sentence_is_a_name_not_a_variant() -> None:
    text = "The tumour was small. The American Tumor Society was told. The tumour shrank.\n"
    assert findings(text, "consistency/spelling") == []


def test_quotations_keep_their_own_spelling() -> None:
    text = 'The tumour was small. The surgeon said "the tumor is gone". The tumour shrank.\n'
    assert findings(text, "consistency/spelling") == []


def test_definitions_carry_their_long_forms() -> None:
    text = ("Triple-negative breast cancer (TNBC) is rare. ER (estrogen receptor) status was "
            "known. An EEG (recorded during a seizure) was done.")
    got = {d.abbreviation: d.long_form for d in find_definitions(text, [(0, len(text))])}
    assert got == {"TNBC": "Triple-negative breast cancer", "ER": "estrogen receptor",
                   "EEG": ""}


def test_abbreviation_defined_again_and_defined_differently() -> None:
    text = ("Deep vein thrombosis (DVT) is common. Emergency room (ER) staff saw it.\n\n"
            "Later, deep vein thrombosis (DVT) was treated. Estrogen receptor (ER) status was "
            "tested.\n")
    again = findings(text, "consistency/abbreviation-redefined", audience="research")
    assert [(f.line, text[f.offset:f.end_offset]) for f in again] == [(3, "DVT")]
    assert "already defined on line 1" in again[0].message
    assert findings(text, "consistency/abbreviation-redefined", audience="patient") == []
    differently = findings(text, "consistency/abbreviation-conflict")
    assert [(f.line, text[f.offset:f.end_offset]) for f in differently] == [(3, "ER")]
    assert '"Emergency room"' in differently[0].message


TRIAL = """---
audience: research
{extra}---

# Walking after knee surgery: a randomized trial

In this randomized trial, 120 adults walked on the day of surgery or the next day.

Funding: the regional research fund (grant 12).
"""


def test_required_statements_depend_on_the_audience_and_the_document_type() -> None:
    research = findings(TRIAL.format(extra=""), "transparency/required-statement")
    assert sorted(f.message.split(":")[0] for f in research) == [
        "This research document needs a conflict of interest statement",
        "This research document needs the trial's registration number (as NCT01234567 or "
        "ISRCTN12345678) and registry, given in the abstract and the methods."]
    patient = findings(TRIAL.format(extra=""), "transparency/required-statement",
                       audience="patient")
    assert patient == []
    editorial = findings(TRIAL.format(extra="article_type: editorial\n"),
                         "transparency/required-statement")
    assert len(editorial) == 1 and "conflict of interest" in editorial[0].message


def test_required_statements_are_configurable_per_document_type() -> None:
    options = {"transparency/required-statement": {
        "required": {"default": ["funding"], "protocol": ["registration"]}}}
    assert findings(TRIAL.format(extra=""), "transparency/required-statement",
                    options=options) == []
    protocol = findings(TRIAL.format(extra="article_type: Protocol\n"),
                        "transparency/required-statement", options=options)
    assert len(protocol) == 1 and "registration number" in protocol[0].message
    registered = TRIAL.format(extra="article_type: protocol\n") + "\nRegistered as NCT01234567.\n"
    assert findings(registered, "transparency/required-statement", options=options) == []


def test_a_configured_statement_that_does_not_exist_is_a_clear_error() -> None:
    with pytest.raises(MedlintError, match="unknown statements 'fundng'"):
        packs({"transparency/required-statement": {"required": {"default": ["fundng"]}}})


def test_a_house_form_or_style_that_does_not_exist_is_a_clear_error() -> None:
    with pytest.raises(MedlintError, match="prefer_forms names no form of its groups: 'pct'"):
        packs({"consistency/percent": {"prefer_forms": ["pct"]}})
    with pytest.raises(MedlintError, match="prefer 'british' is not a style"):
        packs({"consistency/spelling": {"prefer": "british"}})


DOC = """# Anticoagulation after ablation

Direct oral anticoagulants (DOACs) were continued. The emergency department (ED) saw 12
patients, and each ED visit was reviewed; two ED visits led to admission.

Patients took DOACs for 8 weeks. An INR was not needed.
"""


def test_abbreviations_command_text_markdown_and_csv(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(DOC, "utf-8")
    text = CliRunner().invoke(main, ["abbreviations", str(page)])
    assert text.exit_code == 0
    lines = text.output.splitlines()
    assert lines[0].split() == ["abbreviation", "definition", "defined", "first", "use", "uses"]
    assert lines[1].split() == ["DOAC", "Direct", "oral", "anticoagulants", "3", "6", "1"]
    assert lines[2].split() == ["ED", "emergency", "department", "3", "4", "2"]
    assert len(lines) == 3
    markdown = CliRunner().invoke(main, ["abbreviations", "--format", "markdown", str(page)])
    assert markdown.output.splitlines()[:2] == [
        "| abbreviation | definition | defined | first use | uses |",
        "| --- | --- | --- | --- | --- |"]
    assert "| ED | emergency department | 3 | 4 | 2 |" in markdown.output
    rows = list(csv.reader(io.StringIO(CliRunner().invoke(
        main, ["abbreviations", "--format", "csv", "--all", str(page)]).output)))
    assert rows[0] == ["abbreviation", "definition", "defined", "first use", "uses"]
    assert ["INR", "", "", "6", "1"] in rows


def test_abbreviations_command_on_a_missing_file_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["abbreviations", str(tmp_path / "none.md")])
    assert result.exit_code == 2
    assert "no such file" in result.output and "Traceback" not in result.output


def test_every_bundled_variant_form_belongs_to_one_group_only(builtin_rules) -> None:
    for rule in builtin_rules.rules:
        if rule.spec.kind != "variants":
            continue
        forms = [f.name.casefold() for g in rule.check.groups for f in g.forms
                 if f.pattern is None and not g.case_sensitive]
        assert len(forms) == len(set(forms)), rule.spec.id
