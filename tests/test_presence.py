"""The presence filter may only skip a pattern that cannot match: each pattern's twin
matches wherever the pattern does (in Hyperscan's automaton, or RE2's for a twin Hyperscan
refuses), and when neither can answer nothing is skipped."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.patterns import presence as presence_module
from medlint.patterns.presence import PresenceSet, presence_set
from medlint.patterns.superset import loosened


def _eager(twins: dict[tuple[str, int], str], path: Path | None = None) -> PresenceSet:
    """A presence set that answers from its first document on."""
    presence = presence_set(twins.items(), path)
    presence.warm_up = presence.compile_after = 1
    return presence


@functools.cache
def _alone(source: str, flags: int) -> PresenceSet:
    twin = loosened(source, flags)
    assert twin is not None, source
    return _eager({(source, flags): twin})


def _twin_matches(source: str, flags: int, text: str) -> bool:
    presence = _alone(source, flags)
    found = presence.matched(text)
    assert found is not None, source
    return presence.ids[(source, flags)] in found


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


def test_a_twin_too_long_for_hyperscan_is_matched_apart() -> None:
    long_twin = "(?:" + "|".join(f"word{i:05}" for i in range(2000)) + ")zeta"
    assert len(long_twin) > presence_module._LONGEST
    presence = _eager({("cure", 0): "cure", ("long", 0): long_twin})
    assert presence.matched("a cure, then word01999zeta") == frozenset(presence.ids.values())
    assert presence.matched("word01999 alone") == frozenset()
    assert presence.ids[("long", 0)] in presence._apart


def test_when_hyperscan_cannot_answer_nothing_is_skipped() -> None:
    presence = _eager({("cure", 0): "cure"})
    assert presence.matched("a cure") == frozenset({presence.ids[("cure", 0)]})
    assert presence.matched("nothing here") == frozenset()
    assert presence.matched("a lone surrogate \udc80 cure") is None

    class Failing:
        def scan(self, *args: object, **kwargs: object) -> None:
            raise presence._error("scratch in use")

    presence._database = Failing()
    assert presence.matched("a cure") is None


def test_without_hyperscan_nothing_is_skipped(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "hyperscan", None)  # as where it could not be installed
    presence = _eager({("cure", 0): "cure"})
    assert presence.matched("a cure") is None
    assert not presence.prepare()


def test_the_automaton_is_kept_and_loaded_not_compiled_again(tmp_path: Path, monkeypatch) -> None:
    kept = tmp_path / "rules-x.hyperscan"
    twins = {("cure", 0): "cure", ("heal", 0): "heals?"}
    first = _eager(twins, kept)
    assert first.matched("it heals") == frozenset({first.ids[("heal", 0)]})
    assert kept.is_file()
    monkeypatch.setattr(PresenceSet, "_compile", lambda self: pytest.fail("compiled again"))
    second = _eager(twins, kept)
    assert second.matched("a cure that heals") == frozenset(first.ids.values())
    assert second.ids == first.ids


def test_a_damaged_or_foreign_automaton_is_compiled_afresh(tmp_path: Path) -> None:
    kept = tmp_path / "rules-x.hyperscan"
    _eager({("cure", 0): "cure"}, kept).matched("a cure")
    other = _eager({("cure", 0): "cures?", ("heal", 0): "heal"}, kept)  # other twins, same file
    assert other.matched("heal") == frozenset({other.ids[("heal", 0)]})
    kept.write_bytes(b'{"format": "medlint-twins-1"}\n' + b"\0" * 64)
    again = _eager({("cure", 0): "cure"}, kept)
    assert again.matched("a cure") == frozenset({again.ids[("cure", 0)]})


def test_warm_up_defers_the_filter() -> None:
    presence = presence_set([(("cure", 0), "cure")])
    presence.compile_after = presence.warm_up
    assert [presence.matched("a cure") is None for _ in range(presence.warm_up)] == (
        [True] * (presence.warm_up - 1) + [False])


def test_a_short_run_without_a_kept_automaton_does_not_compile_one(tmp_path: Path) -> None:
    presence = presence_set([(("cure", 0), "cure")], tmp_path / "rules-x.hyperscan")
    answers = [presence.matched("a cure") for _ in range(presence.compile_after + 1)]
    assert answers[presence.compile_after - 2] is None  # past the warm-up, nothing kept
    assert answers[presence.compile_after - 1] is not None  # a long run: compiled and kept
    assert (tmp_path / "rules-x.hyperscan").is_file()
