"""The arithmetic behind the statistics checks: p values recomputed from a test statistic
(the method of statcheck: Nuijten et al., Behav Res Methods 2016, doi:10.3758/s13428-015-0664-2),
percentages from their counts, and whether a confidence interval holds its estimate. Numbers
arrive as the strings the writer typed, because how many decimals were reported decides what
counts as a rounding difference."""

from __future__ import annotations

from dataclasses import dataclass

ALPHA = 0.05
STATISTICS = ("t", "F", "chi2", "z", "r")
# Statistics whose p value is two-tailed by default and can be halved for a one-tailed test.
SYMMETRIC = frozenset({"t", "z", "r"})


def parse_number(text: str) -> float:
    """A reported number: unicode minus signs, a leading point (".05") and commas as decimal
    separators within one number are accepted."""
    cleaned = text.strip().replace("−", "-").replace("–", "-").replace("·", ".")
    return float(cleaned)


def decimals(text: str) -> int:
    cleaned = text.strip().replace("·", ".")
    return len(cleaned.split(".", 1)[1]) if "." in cleaned else 0


def half_unit(text: str) -> float:
    """Half a unit of the last reported digit: how far the true value may lie from it."""
    return 0.5 * 10.0 ** -decimals(text)


def p_value(stat: str, value: float, df1: float | None = None, df2: float | None = None) -> float:
    """The p value of a test statistic: two-tailed for t, z and r; upper tail for F and χ²."""
    import mpmath  # only where a document reports a test statistic: it costs ~0.1 s to load

    x = mpmath.mpf(value)
    if stat == "z":
        return float(mpmath.erfc(abs(x) / mpmath.sqrt(2)))
    if df1 is None or df1 <= 0:
        raise ValueError(f"{stat} needs positive degrees of freedom")
    df = mpmath.mpf(df1)
    if stat == "r":
        if abs(x) >= 1:
            return 0.0
        x = x * mpmath.sqrt(df / (1 - x * x))  # r with df = n - 2 as a t statistic
        stat = "t"
    if stat == "t":
        return float(mpmath.betainc(df / 2, mpmath.mpf(1) / 2, 0, df / (df + x * x),
                                    regularized=True))
    if stat == "chi2":
        if x < 0:
            raise ValueError("χ² cannot be negative")
        return float(mpmath.gammainc(df / 2, x / 2, mpmath.inf, regularized=True))
    if stat == "F":
        if df2 is None or df2 <= 0 or x < 0:
            raise ValueError("F needs two positive degrees of freedom and a positive value")
        d2 = mpmath.mpf(df2)
        return float(mpmath.betainc(d2 / 2, df / 2, 0, d2 / (d2 + df * x), regularized=True))
    raise ValueError(f"unknown statistic {stat!r}")


@dataclass(frozen=True)
class PCheck:
    """A recomputed p value against the reported one."""

    computed: float  # from the statistic as reported
    low: float  # the range the statistic's rounding allows
    high: float
    consistent: bool
    one_tailed: bool  # consistent only when read as one-tailed
    decision_error: bool  # reported and recomputed p fall on different sides of .05


def p_range(stat: str, value_text: str, df1: float | None, df2: float | None
            ) -> tuple[float, float, float]:
    """The p value of the statistic as reported, and the lowest and highest p values of any
    statistic that rounds to it."""
    value = abs(parse_number(value_text)) if stat in SYMMETRIC else parse_number(value_text)
    delta = half_unit(value_text)
    upper = value + delta
    lower = max(0.0, value - delta)
    if stat == "r":
        upper = min(upper, 1.0)
    return (p_value(stat, value, df1, df2), p_value(stat, upper, df1, df2),
            p_value(stat, lower, df1, df2))


def _agrees(relation: str, reported: float, reported_text: str, low: float, high: float
            ) -> bool:
    if relation in ("<", "≤", "<="):
        return low < reported or (relation != "<" and low <= reported)
    if relation in (">", "≥", ">="):
        return high > reported or (relation != ">" and high >= reported)
    delta = half_unit(reported_text)
    return low <= reported + delta + 1e-12 and high >= reported - delta - 1e-12


def check_p(stat: str, value_text: str, df1: float | None, df2: float | None,
            relation: str, p_text: str, *, one_tailed_allowed: bool = False) -> PCheck:
    """Does the reported p (`relation` is =, <, >, ≤ or ≥) agree with the statistic? As in
    statcheck, the statistic's rounding is allowed for, an inequality agrees when some p in
    the allowed range satisfies it, and where the text says tests were one-tailed a t, z or
    r whose halved p agrees is consistent."""
    computed, low, high = p_range(stat, value_text, df1, df2)
    reported = parse_number(p_text)
    consistent = _agrees(relation, reported, p_text, low, high)
    one_tailed = False
    if not consistent and one_tailed_allowed and stat in SYMMETRIC:
        one_tailed = _agrees(relation, reported, p_text, low / 2, high / 2)
        consistent = one_tailed
    reported_significant = reported < ALPHA if relation == "=" else (
        relation in ("<", "≤", "<=") and reported <= ALPHA)
    decision_error = not consistent and reported_significant != (computed < ALPHA)
    return PCheck(computed, low, high, consistent, one_tailed, decision_error)


def format_p(p: float) -> str:
    """A p value as a journal prints it: three decimals without the leading zero, or < .001."""
    if p < 0.001:
        return "p < .001"
    text = f"{p:.3f}"
    return "p = " + (text[1:] if text.startswith("0") else text)


def percentage_agrees(numerator: str, denominator: str, percent_text: str) -> tuple[bool, float]:
    """Whether a reported percentage rounds from numerator/denominator; and the exact one."""
    num, den = parse_number(numerator), parse_number(denominator)
    if den <= 0:
        raise ValueError("a denominator must be positive")
    exact = 100.0 * num / den
    reported = parse_number(percent_text)
    return abs(exact - reported) <= half_unit(percent_text) + 1e-9, exact


def format_percent(exact: float, like: str) -> str:
    """The exact percentage to the reported number of decimals (at least one when the
    rounded value would hide the difference)."""
    places = max(decimals(like), 0)
    return f"{exact:.{places}f}%"


def ci_holds(estimate: float, low: float, high: float) -> bool:
    """Whether the interval contains its estimate; a bound equal to it counts as containing."""
    lo, hi = min(low, high), max(low, high)
    return lo <= estimate <= hi


def ci_crosses(null: float, low: float, high: float) -> bool:
    """Whether the interval crosses the no-effect value (1 for a ratio, 0 for a difference);
    a bound equal to it does not cross."""
    lo, hi = min(low, high), max(low, high)
    return lo < null < hi
