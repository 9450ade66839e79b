"""`recompute`: numbers a reader can check by arithmetic, recomputed and compared with what
the text reports. The rule's patterns find the numbers (named groups); the arithmetic lives in
statcalc.py. Quantities:

- `p-value`: groups `stat` (t, F, r, z, χ²/chi2), `df1`, `df2` (F), `value`, `rel` (=, <, >,
  ≤, ≥) and `p`. A p value that the statistic cannot give, beyond rounding, is a hit; text
  matching `one_tailed` anywhere in the document lets a halved p agree (t, z, r).
- `percentage`: groups `num`, `den`, `pct`. A percentage that does not round from num/den.
- `ci`: groups `ratio` or `diff` (the measure), `est`, `low`, `high`. An estimate outside its
  interval; and, when the rule gives `significant`, an interval crossing no effect (1 for a
  ratio, 0 for a difference) in a sentence that matches `significant`.

`details` (optional) holds the sentence that ends the message, per situation: `decision`
(p-value: the recomputed p changes significance at .05), `outside` and `crosses` (ci); they
may use {est}, {interval} and {null}."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import regex

from .. import statcalc
from ..document.model import Document
from ..rule import RuleSpec
from .base import (
    Alternatives,
    Hit,
    PatternError,
    RunContext,
    compile_alternatives,
    compile_any,
    context_span,
)
from .params import KindParams

_STATISTIC = {"t": "t", "f": "F", "z": "z", "r": "r"}
# Where the words about a number end: a closing bracket or a turn to another finding.
_CLAUSE_END = regex.compile(r"[)\]]|\b(?:but|whereas|while|and|although)\b")


def statistic(name: str) -> str | None:
    """The statistic a reported symbol names: t, F, z, r or chi2 (χ², X2, chi-square)."""
    folded = name.strip("*_ ").casefold()
    if folded.startswith(("χ", "chi", "x")):
        return "chi2"
    return _STATISTIC.get(folded)


@dataclass(frozen=True)
class RecomputeCheck:
    quantity: str
    alternatives: Alternatives
    unless: regex.Pattern[str] | None
    significant: regex.Pattern[str] | None
    one_tailed: regex.Pattern[str] | None
    details: tuple[tuple[str, str], ...] = ()

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        pattern = self.alternatives.for_document(doc)
        if pattern is None:
            return
        one_tailed = bool(self.one_tailed and self.one_tailed.search(doc.prose))
        matches = [m for m in pattern.finditer(doc.prose, timeout=ctx.timeout)
                   if m.end() > m.start() and ctx.in_scope(doc, m.start())]
        for i, m in enumerate(matches):
            start, end = m.span()
            span = context_span(doc, start, "sentence")
            sentence = doc.prose[span.start : span.end]
            if self.unless is not None and self.unless.search(sentence):
                continue
            # what the sentence says about this number: from where the number before it
            # stops being talked about to the end of this number's own clause
            before = span.start
            if i and matches[i - 1].end() > span.start:
                before = min(_clause_end(doc.prose, matches, i - 1, span.end), start)
            window = doc.prose[before : _clause_end(doc.prose, matches, i, span.end)]
            try:
                values = self._judge(m, window, one_tailed)
            except (ValueError, ZeroDivisionError, OverflowError):
                continue  # numbers that cannot be what the pattern took them for
            if values is not None:
                yield Hit(start, end, {"match": m.group().strip(), **values})

    def _judge(self, m: regex.Match[str], sentence: str, one_tailed: bool
               ) -> dict[str, str] | None:
        groups = {k: v for k, v in m.groupdict().items() if v is not None}
        details = dict(self.details)
        if self.quantity == "p-value":
            return _judge_p(groups, one_tailed, details)
        if self.quantity == "percentage":
            return _judge_percentage(groups)
        return _judge_ci(groups, sentence, self.significant, details)


def _clause_end(text: str, matches: list[regex.Match[str]], i: int, limit: int) -> int:
    """The end of the clause the i-th match belongs to, before the next match and `limit`."""
    end = matches[i].end()
    stop = matches[i + 1].start() if i + 1 < len(matches) else limit
    stop = max(end, min(stop, limit))
    m = _CLAUSE_END.search(text, end, stop)
    return m.start() if m else stop


def _judge_p(groups: dict[str, str], one_tailed: bool, details: dict[str, str]
             ) -> dict[str, str] | None:
    stat = statistic(groups["stat"])
    if stat is None:
        return None
    df1 = statcalc.parse_number(groups["df1"]) if "df1" in groups else None
    df2 = statcalc.parse_number(groups["df2"]) if "df2" in groups else None
    if stat == "F" and df2 is None or stat not in ("z",) and df1 is None:
        return None
    relation = groups.get("rel", "=").strip()
    if statcalc.parse_number(groups["p"]) == 0 and relation == "=":
        return None  # "p = .000" is statistics/impossible-p-value's finding
    result = statcalc.check_p(stat, groups["value"], df1, df2, relation, groups["p"],
                              one_tailed_allowed=one_tailed)
    if result.consistent:
        return None
    detail = details.get("decision", "") if result.decision_error else ""
    return {"value": statcalc.format_p(result.computed),
            "limit": f"p {relation} {groups['p'].strip()}", "detail": detail}


def _judge_percentage(groups: dict[str, str]) -> dict[str, str] | None:
    num = statcalc.parse_number(groups["num"])
    den = statcalc.parse_number(groups["den"])
    if den <= 0 or num > den or num != int(num) or den != int(den):
        return None  # not a count out of a total
    agrees, exact = statcalc.percentage_agrees(groups["num"], groups["den"], groups["pct"])
    if agrees:
        return None
    return {"value": statcalc.format_percent(exact, groups["pct"]),
            "limit": f"{groups['pct'].strip()}%",
            "detail": f"{groups['num']}/{groups['den']}"}


def _judge_ci(groups: dict[str, str], sentence: str, significant: regex.Pattern[str] | None,
              details: dict[str, str]) -> dict[str, str] | None:
    est = statcalc.parse_number(groups["est"])
    low = statcalc.parse_number(groups["low"])
    high = statcalc.parse_number(groups["high"])
    ratio = "ratio" in groups
    if ratio and min(est, low, high) <= 0:
        return None  # a ratio is positive: these numbers are something else
    interval = f"{groups['low']} to {groups['high']}"
    null = 1.0 if ratio else 0.0
    fields = {"est": groups["est"], "interval": interval, "null": f"{null:g}"}
    if not statcalc.ci_holds(est, low, high):
        situation = "outside"
    elif significant is not None and statcalc.ci_crosses(null, low, high) and (
            significant.search(sentence)):
        situation = "crosses"
    else:
        return None
    return {"value": groups["est"], "limit": interval,
            "detail": details.get(situation, "").format(**fields)}


@dataclass(frozen=True)
class Params(KindParams):
    recompute: str  # the quantity recomputed from the numbers a match captures
    patterns: Sequence[Any]
    unless: Sequence[Any] = ()
    significant: Sequence[Any] = ()
    one_tailed: Sequence[Any] = ()
    details: Mapping[str, str] = field(default_factory=dict)
    case_sensitive: bool = False


def compile_check(spec: RuleSpec) -> RecomputeCheck:
    params = Params.of(spec)
    alternatives = compile_alternatives(params.patterns, spec)
    if alternatives is None:
        raise PatternError("a recompute rule needs `patterns`")
    return RecomputeCheck(
        quantity=params.recompute,
        alternatives=alternatives,
        unless=compile_any(params.unless, spec),
        significant=compile_any(params.significant, spec),
        one_tailed=compile_any(params.one_tailed, spec),
        details=tuple(sorted(params.details.items())),
    )
