"""The news profile: criteria run only for news documents, are summed up in a scorecard that
agrees with the findings, and quoted hype counts in news."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.api import lint_text
from medlint.checks.base import RunContext
from medlint.cli import main
from medlint.config import Config
from medlint.document import parse_document
from medlint.engine import RunOptions, lint_document
from medlint.loader import RuleSet, load_rules
from medlint.models import Severity

from conftest import FIXTURES, TODAY

NEWS = FIXTURES / "news"
SOUND = [NEWS / name for name in ("well-reported-trial.md", "sound-mouse-study.md",
                                  "sound-screening-test.md", "vaccine-side-effects.md")]
WEAK = NEWS / "weak-mouse-study.md"
CRITERIA = ["news/costs", "news/benefits", "news/harms", "news/evidence-quality",
            "news/disease-mongering", "news/funding-conflicts", "news/alternatives",
            "news/availability", "news/novelty", "hype"]


def _json(paths: list[Path], *extra: str) -> dict:
    result = CliRunner().invoke(main, ["check", "--format", "json", *extra,
                                       *map(str, paths)])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def test_scorecard_in_text_output() -> None:
    result = CliRunner().invoke(main, ["check", str(SOUND[0]), str(WEAK)])
    lines = result.output.splitlines()
    good = next(x for x in lines if "well-reported-trial.md: news scorecard" in x)
    assert good.endswith("10 met, 0 not met, 0 not applicable")
    poor = next(x for x in lines if "weak-mouse-study.md: news scorecard" in x)
    assert "0 met, 10 not met" in poor and "news/novelty" in poor and poor.endswith(", hype")


def test_json_scorecard_matches_findings_and_text() -> None:
    paths = [*SOUND, WEAK, NEWS / "weak-drug-release.md"]
    payload = _json(paths)
    cards = {Path(c["path"]).name: c for c in payload["scorecards"]}
    assert set(cards) == {p.name for p in paths}
    text = CliRunner().invoke(main, ["check", *map(str, paths)]).output
    for name, card in cards.items():
        assert card["audience"] == "news" and list(card["scorecard"]) == CRITERIA
        found = [f for f in payload["findings"] if Path(f["path"]).name == name]
        for criterion, verdict in card["scorecard"].items():
            if criterion == "hype":
                failed = any(f["rule"].startswith("hype/") and f["severity"] != "info"
                             for f in found)
            else:
                failed = any(f["rule"] == criterion for f in found)
            assert (verdict == "not met") == failed, (name, criterion, verdict)
        line = next(x for x in text.splitlines() if f"{name}: news scorecard" in x)
        counts = [sum(v == s for v in card["scorecard"].values())
                  for s in ("met", "not met", "not applicable")]
        assert f"{counts[0]} met, {counts[1]} not met, {counts[2]} not applicable" in line
    assert all(v == "met" for p in SOUND for v in cards[p.name]["scorecard"].values())
    assert all(v == "not met" for v in cards[WEAK.name]["scorecard"].values())


def test_criteria_do_not_apply_when_no_study_or_new_option_is_reported(tmp_path: Path) -> None:
    page = tmp_path / "notice.md"
    page.write_text("---\naudience: news\n---\n\nThe clinic on Mill Road opens at 9 on "
                    "Saturdays from next month, the health board said.\n", "utf-8")
    card = _json([page])["scorecards"][0]["scorecard"]
    assert card["news/costs"] == card["news/novelty"] == "not applicable"
    assert card["news/disease-mongering"] == card["hype"] == "met"


def test_no_scorecard_outside_the_news_audience() -> None:
    payload = _json([WEAK], "--audience", "patient")
    assert "scorecards" not in payload
    assert not any(f["rule"].startswith("news/") for f in payload["findings"])
    text = CliRunner().invoke(main, ["check", "--audience", "patient", str(WEAK)]).output
    assert "  news/" not in text and "scorecard" not in text


QUOTED_HYPE = "“It is a revolutionary treatment,” the lead author said."


@pytest.mark.parametrize(("audience", "flagged"), [("news", True), ("patient", False)])
def test_quoted_hype_counts_in_news_only(audience: str, flagged: bool) -> None:
    rules = [f.rule for f in lint_text(QUOTED_HYPE, options=RunOptions(audience=audience))]
    assert ("hype/superlative" in rules) is flagged
    unquoted = lint_text("It is a revolutionary treatment.", options=RunOptions(audience=audience))
    assert "hype/superlative" in [f.rule for f in unquoted]


def _news_rules(text: str, rules: RuleSet) -> set[str]:
    doc = parse_document("story.md", text, "markdown")
    result = lint_document(doc, rules, Config(), RunOptions(audience="news"))
    return {f.rule for f in result.findings if f.severity is not Severity.INFO}


STUDY = ("A randomised trial of 3,000 adults, published in a medical journal, found the new "
         "vaccine prevented 9 in 10 infections over two years. ")


def test_first_dose_is_not_a_novelty_claim(builtin_rules: RuleSet) -> None:
    claim = "It is the first vaccine to protect against both strains."
    order = "Side effects were more common after the first vaccine dose than the second."
    assert "news/novelty" not in _news_rules(STUDY + claim, builtin_rules)
    assert "news/novelty" in _news_rules(STUDY + order, builtin_rules)


def test_harms_reported_as_aches_with_a_rate_count(builtin_rules: RuleSet) -> None:
    assert "news/harms" in _news_rules(STUDY, builtin_rules)
    aches = "Muscle aches were reported by 5% in both groups."
    assert "news/harms" not in _news_rules(STUDY + aches, builtin_rules)


WEIGHTED_PACK = """\
pack: house
rules:
  - id: house/dosing-advice
    kind: document
    severity: warning
    message: Say how much to take and how often.
    explanation: A leaflet that recommends a medicine should give the dose and how often.
    sources: ["House style guide, 2026 edition"]
    scope: [prose]
    when: ['\\btake\\b']
    not_applicable: ['\\bfor clinicians\\b']
    threshold: 4
    weighted:
      - {pattern: '\\b\\d+\\s?mg\\b', weight: 2, why: a dose}
      - {pattern: '\\b(?:once|twice|three times) (?:a|per) day\\b', weight: 2, why: how often}
      - {pattern: '\\bas needed\\b', weight: -1, why: vague}
      - {pattern: '\\bmg\\b', weight: 2, min_count: 2, why: doses for several steps}
    examples:
      flag: ["Take 200 mg as needed."]
      pass: ["Take 200 mg twice a day.", "For clinicians: take a history first."]
"""


@pytest.mark.parametrize(("text", "verdict"), [
    ("Take 200 mg twice a day.", "met"),  # 2 + 2 reaches 4
    ("Take 200 mg with food.", "not met"),  # 2 alone does not
    ("Take 200 mg twice a day as needed.", "not met"),  # 2 + 2 - 1 does not
    ("Take 200 mg, then 100 mg.", "met"),  # 2, and 2 more for "mg" found twice
    ("Rest and drink water.", "not applicable"),  # `when` does not match
    ("For clinicians: take a history first.", "not applicable"),  # not_applicable matches
])
def test_weighted_document_rule(tmp_path: Path, text: str, verdict: str) -> None:
    (tmp_path / "house.yaml").write_text(WEIGHTED_PACK, "utf-8")
    rules = load_rules([str(tmp_path)], builtin=False)
    rule = rules.rules[0]
    doc = parse_document("leaflet.md", text + "\n", "markdown")
    found = lint_document(doc, rules, Config(), RunOptions()).findings
    applies = rule.check.applies(doc, RunContext(TODAY, scope_kinds=rule.spec.block_kinds()))
    got = "not met" if found else ("met" if applies else "not applicable")
    assert got == verdict
    tested = CliRunner().invoke(main, ["test-rules", str(tmp_path / "house.yaml")])
    assert tested.exit_code == 0, tested.output


AVOID_PACK = """\
pack: house
rules:
  - id: house/scare-words
    kind: document
    severity: warning
    message: Describe the condition without alarm.
    explanation: Alarm words inflate how common or serious a condition is.
    sources: ["House style guide, 2026 edition"]
    scope: [prose]
    threshold: -1
    weighted:
      - {pattern: '\\bsilent killer\\b', weight: -1, why: alarm}
      - {pattern: '\\bmillions\\b', weight: -1, why: sized by millions}
    examples:
      flag: ["A silent killer that millions have."]
      pass: ["A silent killer, some say.", "About 1 in 10 adults has it."]
"""


@pytest.mark.parametrize(("text", "flagged"), [
    ("A silent killer that millions have.", True),  # -2 is below -1
    ("A silent killer, some say.", False),  # -1 reaches the threshold of -1
    ("About 1 in 10 adults has it.", False),  # nothing counted against it
])
def test_threshold_at_or_below_zero_reports_what_to_avoid(
        tmp_path: Path, text: str, flagged: bool) -> None:
    (tmp_path / "house.yaml").write_text(AVOID_PACK, "utf-8")
    rules = load_rules([str(tmp_path)], builtin=False)
    doc = parse_document("page.md", text + "\n", "markdown")
    found = lint_document(doc, rules, Config(), RunOptions()).findings
    assert bool(found) is flagged
    tested = CliRunner().invoke(main, ["test-rules", str(tmp_path / "house.yaml")])
    assert tested.exit_code == 0, tested.output


def test_quotes_policy_is_validated(tmp_path: Path) -> None:
    pack = WEIGHTED_PACK.replace("    scope: [prose]\n",
                                 "    scope: [prose]\n    quotes: {news: maybe}\n")
    (tmp_path / "house.yaml").write_text(pack, "utf-8")
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "house.yaml")])
    assert result.exit_code == 2 and "quotes" in result.output
