"""The RE2 presence filter may only skip a pattern that cannot match: each pattern's twin
matches wherever the pattern does, and when RE2 cannot answer nothing is skipped."""

from __future__ import annotations

import sys

import re2
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.patterns.presence import presence_set
from medlint.patterns.superset import loosened


def _twin_matches(source: str, flags: int, text: str) -> bool:
    twin = loosened(source, flags)
    assert twin is not None, source
    return re2.search(twin, text) is not None


def test_twins_match_where_their_patterns_do() -> None:
    cases = [
        (r"\b(?<![\w-])miracle\s+cure(?!s)\b", 0, "a miracle cure"),
        (r"(?i)\bP\s*=\s*0?\.0+(?!\d)", 0, "p = .000"),
        (r"(?m)^[ \t]*back to top$", 0, "text\n  back to top\nmore"),
        (r"\b\p{Lu}\p{Ll}+ \p{Lu}\.?, MD\b", 0, "Ana B., MD"),
        (r"\d{3}[-. ]\d{3}[-. ]\d{4}", 0, "call 555-123-4567"),
        (r"\d+\s?µg", 0, "25\u00a0µg"),  # a no-break space is white space
        (r"(?i:ER)[- ]negative", 0, "er-negative"),
        (r"[^\W\d_]+ose", 0, "glucose"),  # a negated category: read as any character
        (r"café\b", 0, "a café."),
        (r"a{2,40}b", 0, "a" * 30 + "b"),  # a long count: read as unbounded
        (r"\p{Lu}[\p{L}'-]+ et al\.", 0, "Öztürk-Ng et al."),
    ]
    for source, flags, text in cases:
        assert regex.search(source, text, flags), (source, text)
        assert _twin_matches(source, flags, text), (source, text)


def test_patterns_that_cannot_be_loosened_safely_have_no_twin() -> None:
    assert loosened(r"\b(\w+)\s+\1\b", 0) is None  # a back-reference
    assert loosened(r"\P{L}+x", 0) is None  # a negated property
    assert loosened(r"\p{Greek}+x", 0) is None  # a property that is not a kind of \w
    assert loosened(r"\\p{Lu}x", 0) is None  # a backslash, then text the regex module reads
    assert loosened(r"(?:cure){e<=1}", 0) is None  # fuzzy matching
    assert loosened(r"\b\d*\b", 0) is None  # matches the empty string: tells nothing
    assert loosened(r"(?<=\d)\s*", 0) is None


WORDS = ["cure", "Cure", "CURE", "miracle", "P", "=", ".000", "0", "5", " ", "\u00a0", "\n",
         "-", "MD", "Ana", "B.", ",", "µg", "25", "ER", "negative", "ß", "İ", "é", "x", "back"]
PATTERNS = [
    (r"(?i)\bmiracle\s+cures?\b", 0),
    (r"(?i)\bP\s*=\s*0?\.0+(?!\d)", 0),
    (r"\b\p{Lu}\p{Ll}+ \p{Lu}\.?,? MD\b", 0),
    (r"\d+(?:\.\d+)?\s?µg\b", 0),
    (r"\b(?:ER|PR)[- ]?negative\b", regex.IGNORECASE),
    (r"(?m)^[ \t]*back\b", 0),
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=14).map("".join))
def test_a_twin_matches_every_text_its_pattern_matches(text: str) -> None:
    for source, flags in PATTERNS:
        if regex.search(source, text, flags):
            assert _twin_matches(source, flags, text), (source, text)


# Elsewhere, in one pass each for speed: every twin of the rule set matching the rules' own
# examples wherever its pattern does (test_prefilter.py), and the filter changing no finding
# on the fixtures (test_no_prefilter.py).


def test_nothing_is_skipped_when_re2_reports_nothing() -> None:
    presence = presence_set([(("cure", 0), "cure")])
    presence.warm_up = 1
    assert presence.matched("a cure") == frozenset({0, presence.ids[("cure", 0)]})
    assert presence.matched("nothing here") == frozenset({0})

    class Silent:
        def Match(self, text: str, potential: bool) -> None:  # noqa: N802 - RE2's name
            return None  # what RE2 gives when it ran out of memory

    presence._filter = Silent()  # type: ignore[assignment]
    assert presence.matched("a cure") is None


def test_without_re2_nothing_is_skipped(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "re2", None)  # as where RE2 could not be installed
    presence = presence_set([(("cure", 0), "cure")])
    presence.warm_up = 1
    assert presence.matched("a cure") is None


def test_warm_up_defers_the_filter() -> None:
    presence = presence_set([(("cure", 0), "cure")])
    assert [presence.matched("a cure") is None for _ in range(presence.warm_up)] == (
        [True] * (presence.warm_up - 1) + [False])
