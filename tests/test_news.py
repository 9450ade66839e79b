"""The news profile: criteria run only for news documents and are summed up in a scorecard."""

from __future__ import annotations

from click.testing import CliRunner

from medlint.cli import main

from conftest import FIXTURES

GOOD = FIXTURES / "news" / "well-reported-trial.md"
POOR = FIXTURES / "news" / "mouse-study-hype.md"


def test_scorecard_in_text_output() -> None:
    result = CliRunner().invoke(main, ["check", str(GOOD), str(POOR)])
    lines = result.output.splitlines()
    good = next(x for x in lines if "well-reported-trial.md: news scorecard" in x)
    assert ", 0 not met," in good and "5 met" in good
    poor = next(x for x in lines if "mouse-study-hype.md: news scorecard" in x)
    assert "0 met, 9 not met" in poor and "news/novelty" in poor


def test_news_rules_are_off_for_other_audiences() -> None:
    result = CliRunner().invoke(main, ["check", "--audience", "patient", str(POOR)])
    assert "  news/" not in result.output and "scorecard" not in result.output
