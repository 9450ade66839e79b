"""The arithmetic of the statistics checks: recomputed p values, percentages and intervals."""

from __future__ import annotations

import pytest

from medlint.checks.recompute import statistic
from medlint.statcalc import (
    check_p,
    ci_crosses,
    ci_holds,
    format_p,
    half_unit,
    p_value,
    percentage_agrees,
)


@pytest.mark.parametrize(("stat", "value", "df1", "df2", "expected"), [
    ("t", 2.20, 28, None, 0.0362),     # two-tailed
    ("F", 3.1, 2, 57, 0.0527),
    ("chi2", 4.2, 1, None, 0.0404),
    ("z", 1.96, None, None, 0.0500),
    ("r", 0.30, 48, None, 0.0343),     # as t with n - 2 degrees of freedom
    ("t", -2.20, 28, None, 0.0362),    # the sign of t does not matter
])
def test_p_values_match_published_tables(stat, value, df1, df2, expected) -> None:
    assert p_value(stat, value, df1, df2) == pytest.approx(expected, abs=5e-5)


def test_reported_p_agrees_within_its_rounding() -> None:
    assert check_p("t", "2.20", 28, None, "=", ".04").consistent  # .036 rounds to .04
    assert check_p("t", "2.20", 28, None, "=", ".036").consistent
    assert not check_p("t", "2.20", 28, None, "=", ".030").consistent


def test_rounding_of_the_statistic_is_allowed_for() -> None:
    # t(10) = 2.2 may be anything from 2.15 to 2.25: p from .054 to .048
    assert check_p("t", "2.2", 10, None, "=", ".049").consistent
    assert not check_p("t", "2.20", 10, None, "=", ".045").consistent


def test_p_reported_below_a_threshold() -> None:
    assert check_p("t", "8.10", 40, None, "<", ".001").consistent
    assert not check_p("t", "1.20", 40, None, "<", ".001").consistent
    result = check_p("t", "1.20", 40, None, "<", ".05")
    assert not result.consistent and result.decision_error
    assert check_p("t", "1.20", 40, None, ">", ".05").consistent


def test_one_tailed_p_agrees_only_when_allowed() -> None:
    assert not check_p("t", "2.20", 28, None, "=", ".018").consistent
    result = check_p("t", "2.20", 28, None, "=", ".018", one_tailed_allowed=True)
    assert result.consistent and result.one_tailed
    # F and χ² are not halved
    assert not check_p("F", "3.1", 2, 57, "=", ".026", one_tailed_allowed=True).consistent


def test_a_mismatch_that_crosses_alpha_is_a_decision_error() -> None:
    assert check_p("chi2", "4.2", 1, None, "=", ".40").decision_error
    assert not check_p("t", "2.20", 28, None, "=", ".01").decision_error


def test_impossible_statistics_raise() -> None:
    with pytest.raises(ValueError):
        p_value("F", 3.1, 2, None)
    with pytest.raises(ValueError):
        p_value("t", 2.0, 0)


@pytest.mark.parametrize(("p", "text"), [
    (0.0362, "p = .036"), (0.00049, "p < .001"), (0.001, "p = .001"), (0.5, "p = .500")])
def test_format_p(p, text) -> None:
    assert format_p(p) == text


@pytest.mark.parametrize(("num", "den", "pct", "agrees"), [
    ("12", "40", "30", True),
    ("12", "40", "35", False),
    ("7", "45", "15.6", True),     # 15.555...
    ("7", "45", "15.5", False),
    ("7", "45", "16", True),
    ("7", "45", "16.0", False),    # a decimal claims more precision
    ("1", "8", "12.5", True),
    ("1", "8", "13", True),        # 12.5 may round up
    ("1", "8", "12", True),        # or to even
    ("0", "15", "0", True),
    ("15", "15", "100", True),
])
def test_percentages_with_rounding_and_decimals(num, den, pct, agrees) -> None:
    assert percentage_agrees(num, den, pct)[0] is agrees


def test_half_unit_follows_reported_decimals() -> None:
    assert half_unit("35") == 0.5
    assert half_unit("35.0") == pytest.approx(0.05)
    assert half_unit(".036") == pytest.approx(0.0005)


def test_interval_bounds_equal_to_the_estimate_contain_it() -> None:
    assert ci_holds(1.5, 1.5, 2.1)
    assert ci_holds(1.5, 1.2, 1.5)
    assert not ci_holds(1.5, 1.6, 2.3)
    assert ci_holds(-1.2, -2.0, -0.4)
    assert ci_holds(1.5, 1.9, 1.2)  # bounds in either order


def test_interval_crossing_no_effect() -> None:
    assert ci_crosses(1.0, 0.8, 1.04)
    assert not ci_crosses(1.0, 1.0, 1.45)   # a bound on 1 does not cross
    assert not ci_crosses(0.0, -2.0, -0.4)
    assert ci_crosses(0.0, -0.5, 0.3)


@pytest.mark.parametrize(("symbol", "name"), [
    ("t", "t"), ("F", "F"), ("χ2", "chi2"), ("χ²", "chi2"), ("chi-square", "chi2"),
    ("X2", "chi2"), ("z", "z"), ("*r*", "r"), ("q", None)])
def test_statistic_symbols(symbol, name) -> None:
    assert statistic(symbol) == name
