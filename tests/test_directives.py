"""Inline directives in HTML comments turn rules off for a line or a stretch."""

from __future__ import annotations

from medlint.api import lint_text


def rules_by_line(text: str) -> set[tuple[int, str]]:
    return {(f.line, f.rule) for f in lint_text(text)}


def test_disable_next_line_for_one_rule() -> None:
    text = ("<!-- medlint-disable-next-line dosing/trailing-zero -- quoting the order -->\n"
            "Give 2.0 mg.\n\nGive 3.0 mg.\n")
    assert rules_by_line(text) == {(4, "dosing/trailing-zero")}


def test_disable_next_line_without_rule_means_all() -> None:
    text = "<!-- medlint-disable-next-line -- quoting a 1990s advert -->\nGive 2.0 mg, a miracle.\n"
    assert rules_by_line(text) == set()


def test_a_directive_that_disables_every_rule_needs_a_reason() -> None:
    text = ("<!-- medlint-disable-next-line -->\nGive 2.0 mg, a miracle.\n\n"
            "<!-- medlint-disable -->\nGive 3.0 mg.\n<!-- medlint-enable -->\n\n"
            "<!-- medlint-disable hype -->\nA miracle.\n")
    found = lint_text(text)
    assert {(f.line, f.rule) for f in found} == {(1, "medlint/blanket-directive"),
                                                  (4, "medlint/blanket-directive")}
    assert "give the reason after `--`" in found[0].message
    assert found[0].column == 1 and found[0].severity.value == "warning"


def test_the_blanket_directive_finding_can_be_ignored() -> None:
    from medlint.engine import RunOptions
    text = "<!-- medlint-disable-next-line -->\nGive 2.0 mg.\n"
    ignored = RunOptions(ignore=("medlint/blanket-directive",))
    assert lint_text(text, options=ignored) == []
    only_dosing = RunOptions(select=("dosing",))
    assert lint_text(text, options=only_dosing) == []


def test_disable_and_enable_a_pack() -> None:
    text = ("<!-- medlint-disable dosing -->\nGive 2.0 mg.\n\n<!-- medlint-enable dosing -->\n\n"
            "Give 3.0 mg.\n")
    assert rules_by_line(text) == {(6, "dosing/trailing-zero")}


def test_directive_for_another_rule_does_not_suppress() -> None:
    text = "<!-- medlint-disable-next-line hype -->\nGive 2.0 mg.\n"
    assert rules_by_line(text) == {(2, "dosing/trailing-zero")}
