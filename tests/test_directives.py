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
    text = "<!-- medlint-disable-next-line -->\nGive 2.0 mg, a miracle.\n"
    assert rules_by_line(text) == set()


def test_disable_and_enable_a_pack() -> None:
    text = ("<!-- medlint-disable dosing -->\nGive 2.0 mg.\n\n<!-- medlint-enable dosing -->\n\n"
            "Give 3.0 mg.\n")
    assert rules_by_line(text) == {(6, "dosing/trailing-zero")}


def test_directive_for_another_rule_does_not_suppress() -> None:
    text = "<!-- medlint-disable-next-line hype -->\nGive 2.0 mg.\n"
    assert rules_by_line(text) == {(2, "dosing/trailing-zero")}
