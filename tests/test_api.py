"""The library API works as its module documentation shows."""

from __future__ import annotations

import doctest

import medlint.api


def test_api_docstring_example_runs() -> None:
    outcome = doctest.testmod(medlint.api)
    assert outcome.attempted >= 2 and outcome.failed == 0


def test_library_runs_take_every_step_the_cli_takes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from medlint.api import CheckOptions, check
    from medlint.baseline import Baseline

    page = tmp_path / "page.md"
    page.write_text("<!-- medlint-disable-next-line hype -->\nPlain words.\n\nGive 2.0 mg.\n")
    options = CheckOptions(paths=(str(page),), jobs=1, cache=False,
                           report_unused_directives=True)
    outcome = check(options)
    assert sorted(f.rule for f in outcome.findings()) == ["dosing/trailing-zero",
                                                          "medlint/unused-directive"]
    assert outcome.exit_code("error") == 1 and outcome.exit_code("never") == 0
    recorded = tmp_path / "baseline.json"
    recorded.write_text(Baseline.of(outcome.findings()).to_json())
    again = check(CheckOptions(paths=(str(page),), jobs=1, cache=False,
                               baseline_file=str(recorded)))
    assert again.findings() == []
    assert any("1 known finding hidden, 1 stale" in notice for notice in again.notices)
    assert not (tmp_path / ".medlint_cache").exists()
