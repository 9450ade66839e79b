"""The prefilter may only skip a document the pattern cannot match: every match holds a
needle, and syntax the standard parser reads differently gets no needles at all. (The
twins of the rules' own patterns are checked on the rules' examples here too, in the same
pass; see test_presence.py for the twins themselves.)"""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.document import parse_document
from medlint.loader import RuleSet
from medlint.patterns.needles import NeedleIndex, needles
from medlint.patterns.presence import presence_set

CASES = [
    (r"(?i)\bmiracle\s+cure\b", ("miracle",)),
    (r"(?i)(?:we use cookies|accept (?:all )?cookies)", ("accept ", "we use cookies")),
    (r"colou?r chart", ("r chart",)),
    (r"(?im)^[ \t]*share this (?:story|page)$", ("share this ",)),
    (r"(?:foo)?bar", ("bar",)),
    (r"x*|y", None),  # an alternative with no literal
    (r"\d+ mg", (" mg",)),
    (r"(?:cure){e<=1}", None),  # fuzzy matching: regex-module syntax
    (r"[[:alpha:]]+ous", None),  # POSIX class
    (r"\p{Lu}{2,}ase", ("ase",)),  # a Unicode property is a class
    (r"\\p{Lu}", None),  # an escaped backslash, then braces the regex module reads alone
    (r"\N{BULLET} item", None),  # a named character: not readable by the standard parser
    (r"(?i)a(?x) b", None),  # verbose for part of a joined pattern
    (r"(?i)STRASSE", ("strasse",)),
]


def test_needles_of_known_patterns() -> None:
    for source, expected in CASES:
        assert needles(source, regex.IGNORECASE) == expected, source


def test_case_folding_keeps_the_needle_reachable() -> None:
    found = needles("(?i)Straße", 0)
    assert found is not None
    assert all(n in "STRASSE".casefold() or n in "straße".casefold() for n in found)


def _patterns(rules: RuleSet) -> list[regex.Pattern[str]]:
    out = []
    for rule in rules.rules:
        for value in vars(rule.check).values():
            items = value if isinstance(value, tuple) else (value,)
            for item in items:
                if isinstance(item, regex.Pattern):
                    out.append(item)
                elif hasattr(item, "full"):
                    out.append(item.full)
    return out


def test_every_filter_keeps_what_the_rules_own_examples_match(builtin_rules: RuleSet) -> None:
    """For every rule pattern that matches one of the rules' own examples, the needles are
    there (the needle index) and the pattern's twin matches too (the presence filter).
    One pass over patterns and examples serves both filters."""
    store = builtin_rules.rules[0].spec.store
    assert store is not None
    patterns = {(p.pattern, p.flags): p for p in _patterns(builtin_rules)}
    twins = {key: twin for key, twin in store.twins.items() if twin is not None}
    assert builtin_rules.presence is not None and builtin_rules.presence.prepare()
    presence = presence_set(twins.items(), builtin_rules.presence.path)  # loads what it kept
    presence.warm_up = 1
    examples = [e for r in builtin_rules.rules for e in r.spec.flag_examples + r.spec.pass_examples]
    docs = [(example, parse_document("<example>", example, "markdown")) for example in examples]
    answers = [presence.matched(doc.prose) for _, doc in docs]
    assert len(presence.ids) == len(twins)  # each twin answers, in one automaton or another
    with_needles = with_twins = 0
    for key in sorted(patterns.keys() | twins.keys()):
        pattern = patterns.get(key) or regex.compile(*key)
        found = needles(*key) if key in patterns else None
        twin = presence.ids.get(key)
        for (example, doc), answer in zip(docs, answers, strict=True):
            if not pattern.search(doc.prose):
                continue
            if key in patterns:
                assert doc.may_contain(found), (key[0][:80], example)
                with_needles += 1
            if twin is not None:
                assert answer is not None and twin in answer, (key[0][:80], example)
                with_twins += 1
    assert with_needles > 100 and with_twins > 100


WORDS = ["cure", "Cure", "CURE", "miracle", "risk", "mg", "ER", "ſ", "ß", "SS", "-", " ", "\n",
         "K", "k", "cookies", "accept all", "this", "share"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12).map("".join))
def test_a_match_always_holds_a_needle(text: str) -> None:
    for source, _ in CASES:
        found = needles(source, regex.IGNORECASE)
        pattern = regex.compile(source, regex.IGNORECASE)
        if found is not None and pattern.search(text):
            assert any(n in text.casefold() for n in found), (source, text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12).map("".join))
def test_needle_index_agrees_with_substring_search(text: str) -> None:
    candidates = ["cure", "miracle", "accept all", "this", "shar", "ss", "cookies"]
    index = NeedleIndex(candidates)
    folded = text.casefold()
    assert index.present(folded) == {n for n in index.needles if n in folded}
