"""The claim-strength classifier, the evidence pack's rules and the source a document names
(front matter `based_on`, `check --based-on`)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.api import lint_text
from medlint.cli import main
from medlint.document.claim_strength import CUES_FILE, Cues, classify, load_cues
from medlint.engine import RunOptions
from medlint.loader import compile_pack_texts

from conftest import ROOT


@pytest.mark.parametrize(("sentence", "level"), [
    ("Regular walking lowers blood pressure in older adults.", 3),
    ("The new inhaler cuts asthma attacks by a third.", 3),
    ("Vitamin D supplements prevented falls in care-home residents.", 3),
    ("Statins lead to fewer heart attacks in people with diabetes.", 3),
    ("The programme was effective in reducing hospital readmissions.", 3),
    ("Daily flossing may reduce the risk of gum disease.", 2),
    ("A low-salt diet might lead to fewer strokes.", 2),
    ("Green tea could improve attention in older adults.", 2),
    ("Night-shift work appears to increase the risk of breast cancer.", 2),
    ("Loneliness was associated with a higher risk of heart disease.", 1),
    ("Sleep duration is linked to weight gain in teenagers.", 1),
    ("Low grip strength predicts early death.", 1),
    ("Serum ferritin correlated with disease severity.", 1),
    ("People who ate more fibre were less likely to develop bowel cancer.", 1),
    ("Most of the participants were women over 60.", 0),
    ("Further trials are needed to find out whether the drug reduces relapse.", 0),
    ("The rate of admissions increased over the study period.", 0),
])
def test_levels(sentence: str, level: int) -> None:
    assert classify(sentence).level == level, classify(sentence)


def test_adjective_forms_are_not_causal_verbs() -> None:
    # "reduced" and "increased" modify nouns here: the relation is the association
    assert classify("Obesity was associated with reduced mobility and increased pain.").level == 1


@pytest.mark.parametrize("sentence", [
    "Coffee intake was not associated with dementia.",
    "There was no significant association between coffee and dementia.",
])
def test_negated_association_stays_correlational_and_is_marked(sentence: str) -> None:
    found = classify(sentence)
    assert (found.level, found.negated) == (1, True)


def test_negated_cause_keeps_its_kind_and_is_marked() -> None:
    found = classify("The supplement did not reduce the number of colds.")
    assert (found.level, found.negated) == (3, True)
    assert classify("The study cannot show that coffee itself protects the brain.").negated


def test_suggest_frame_keeps_the_level_and_ranks_below_a_bare_claim() -> None:
    framed = classify("Our findings suggest that the app improves sleep quality.")
    bare = classify("The app improves sleep quality.")
    assert framed.level == bare.level == 3
    assert framed.framed and not bare.framed
    assert framed.rank < bare.rank


def test_cue_span_points_at_the_cue() -> None:
    text = "In the trial, the vaccine prevented most hospital admissions."
    found = classify(text)
    assert text[found.start:found.end] == "prevented"


def test_cue_lists_are_data(tmp_path: Path) -> None:
    data = CUES_FILE.read_text("utf-8")
    changed = data.replace("  - abolish\n", "  - abolish\n  - wibble\n")
    path = tmp_path / "cues.yaml"
    path.write_text(changed, "utf-8")
    cues = load_cues(str(path))
    assert isinstance(cues, Cues)
    assert classify("Coffee wibbles memory.", cues).level == 3
    assert classify("Coffee wibbles memory.").level == 0


# --- rules -----------------------------------------------------------------------------------

COHORT_NEWS = """---
audience: {audience}
---

# Coffee prevents dementia

In a cohort of 18,000 teachers followed for eleven years, the researchers found that coffee
protects the brain.
"""

TRIAL = """---
audience: {audience}
---

In this randomised trial of 612 adults, the walking programme reduced systolic blood pressure
by 5 mm Hg, the researchers found.
"""

UNSAID_NEWS = """---
audience: {audience}
---

The researchers found that the new spray cuts hay fever symptoms by half.
"""


def _rules(text: str, **options: object) -> list[str]:
    return [f.rule for f in lint_text(text, options=RunOptions(select=("evidence",), **options))]


@pytest.mark.parametrize("audience", ["patient", "professional", "news", "research"])
def test_causal_language_about_a_cohort_is_flagged_for_every_audience(audience: str) -> None:
    found = _rules(COHORT_NEWS.format(audience=audience))
    assert found.count("evidence/causal-language") == 2  # the headline and the finding


@pytest.mark.parametrize("audience", ["patient", "professional", "news", "research"])
def test_causal_verbs_of_a_randomised_trial_stay_quiet(audience: str) -> None:
    assert _rules(TRIAL.format(audience=audience)) == []


def test_unsaid_design_is_flagged_in_news_only() -> None:
    assert _rules(UNSAID_NEWS.format(audience="news")) == ["evidence/causal-language"]
    assert _rules(UNSAID_NEWS.format(audience="patient")) == []


def test_a_trial_that_is_only_called_for_does_not_license_causal_verbs() -> None:
    text = UNSAID_NEWS.format(audience="news") + "\nA randomised trial is needed to confirm it.\n"
    assert _rules(text) == ["evidence/causal-language"]


def test_animal_finding_told_as_human_benefit() -> None:
    text = ("The extract shrank tumours in mice, the researchers found.\n\n"
            "It could help thousands of patients with bowel cancer.\n")
    assert "evidence/animal-to-human" in _rules(text)
    scoped = "The extract shrank tumours in mice, the researchers found.\n"
    assert "evidence/animal-to-human" not in _rules(scoped)


def test_audience_severities() -> None:
    rules = {r.spec.id: r.spec for r in compile_pack_texts(
        [("rules/evidence.yaml", (ROOT / "rules" / "evidence.yaml").read_text("utf-8"))]).rules}
    assert rules["evidence/stronger-than-source"].severity_for("news").value == "error"
    assert rules["evidence/stronger-than-source"].severity_for("patient").value == "warning"
    assert rules["evidence/animal-to-human"].severity_for("research").value == "info"


# --- the source a document is based on -------------------------------------------------------

ABSTRACT = """Methods: We followed 18,000 retired teachers for eleven years.

Conclusions: Higher coffee intake was associated with a lower risk of dementia.
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, "utf-8")
    return path


def _check(*args: str) -> tuple[int, list[dict[str, object]], str]:
    result = CliRunner().invoke(main, ["check", "--format", "json", "--no-cache",
                                       "--select", "evidence/stronger-than-source", *args])
    findings = json.loads(result.stdout)["findings"] if result.exit_code != 2 else []
    return result.exit_code, findings, result.stderr


def test_front_matter_source_relative_to_the_document(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    _write(tmp_path / "sources", "abstract.txt", ABSTRACT)
    doc = _write(tmp_path, "release.md",
                 "---\nbased_on: sources/abstract.txt\n---\n\nCoffee prevents dementia.\n\n"
                 "Coffee drinking is linked to a lower risk of dementia.\n")
    code, findings, _ = _check(str(doc))
    assert code == 0 and [f["line"] for f in findings] == [5]
    message = str(findings[0]["message"])
    assert "3 (direct causal)" in message and "1 (correlational)" in message
    assert "Higher coffee intake was associated with a lower risk of dementia" in message


def test_background_on_another_subject_is_not_compared(tmp_path: Path) -> None:
    _write(tmp_path, "abstract.txt", ABSTRACT)
    doc = _write(tmp_path, "release.md", "---\nbased_on: abstract.txt\n---\n\n"
                 "Smoking causes lung cancer.\n\nCoffee cuts the risk of dementia.\n")
    code, findings, _ = _check(str(doc))
    assert [f["line"] for f in findings] == [7]


def test_command_line_source(tmp_path: Path) -> None:
    source = _write(tmp_path, "abstract.txt", ABSTRACT)
    doc = _write(tmp_path, "story.md", "Coffee may prevent dementia.\n")
    code, findings, _ = _check("--based-on", str(source), str(doc))
    assert code == 0 and len(findings) == 1
    assert "2 (conditional causal)" in str(findings[0]["message"])


def test_no_source_no_finding(tmp_path: Path) -> None:
    doc = _write(tmp_path, "story.md", "Coffee prevents dementia.\n")
    assert _check(str(doc))[:2] == (0, [])


def test_missing_source_is_a_one_line_error(tmp_path: Path) -> None:
    doc = _write(tmp_path, "release.md", "---\nbased_on: gone.txt\n---\n\nCoffee cures.\n")
    code, _, stderr = _check(str(doc))
    assert code == 2
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "release.md:2" in lines[0] and "gone.txt" in lines[0]
    assert "Traceback" not in stderr
    code, _, stderr = _check("--based-on", str(tmp_path / "none.txt"), str(doc))
    assert code == 2 and len(stderr.strip().splitlines()) == 1


def test_unreadable_source_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()
    doc = _write(tmp_path, "release.md", "---\nbased_on: folder.txt\n---\n\nCoffee cures.\n")
    code, _, stderr = _check(str(doc))
    assert code == 2 and len(stderr.strip().splitlines()) == 1 and "folder.txt" in stderr


def test_results_follow_a_changed_source(tmp_path: Path) -> None:
    source = _write(tmp_path, "abstract.txt", ABSTRACT)
    doc = _write(tmp_path, "release.md", "---\nbased_on: abstract.txt\n---\n\nCoffee prevents "
                 "dementia.\n")
    runner = CliRunner()
    old = os.getcwd()
    os.chdir(tmp_path)  # the results cache lives in the working folder
    try:
        args = ["check", "--format", "json", "--select", "evidence", str(doc)]
        first = json.loads(runner.invoke(main, args).stdout)["findings"]
        source.write_text("Conclusions: Coffee prevents dementia in older adults.\n", "utf-8")
        second = json.loads(runner.invoke(main, args).stdout)["findings"]
    finally:
        os.chdir(old)
    assert len(first) == 1 and second == []
