"""Literal strings a pattern cannot match without, found from its syntax tree.

`needles(pattern)` gives strings such that every match of the pattern contains at least one
of them, ignoring case; None when there are none to give. A check skips a document whose
case-folded text holds none of a pattern's needles: it cannot match there, and a substring
search is far cheaper than running the expression. Patterns the standard parser cannot read
(syntax only the regex module knows) get None and always run, so the filter never hides a
match.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import ahocorasick

from .tree import REPEATS, sre, standard_tree

Needles = tuple[str, ...]
_GROUPS = {sre.SUBPATTERN, getattr(sre, "ATOMIC_GROUP", sre.SUBPATTERN)}
_MAX_NEEDLES = 64
INDEXED_LENGTH = 3  # shorter needles are in nearly every document: NeedleIndex leaves them out


def needles(source: str, flags: int) -> Needles | None:
    """Strings (case-folded) one of which every match of the pattern contains, or None."""
    tree = standard_tree(source, flags)
    if tree is None:
        return None
    found = _required(list(tree))
    if not found or any(not n for n in found) or len(found) > _MAX_NEEDLES:
        return None
    return tuple(sorted(found))


def _required(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """Best requirement of a sequence: literal runs and required sub-parts are candidates."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def end_run() -> None:
        if run:
            candidates.append(frozenset({"".join(run).casefold()}))
            run.clear()

    for op, arg in items:
        if op is sre.LITERAL:
            run.append(chr(arg))
            continue
        end_run()
        if op in _GROUPS:
            inner = arg[-1] if op is sre.SUBPATTERN else arg
            sub = _required(list(inner))
        elif op in REPEATS and arg[0] >= 1:
            sub = _required(list(arg[2]))
        elif op is sre.BRANCH:
            sub = _either([_required(list(branch)) for branch in arg[1]])
        else:
            sub = None  # classes, anchors, lookarounds, back-references: no requirement
        if sub:
            candidates.append(sub)
    end_run()
    if not candidates:
        return None
    return max(candidates, key=lambda c: (min(len(n) for n in c), -len(c)))


def _either(branches: list[frozenset[str] | None]) -> frozenset[str] | None:
    if any(not branch for branch in branches):
        return None
    return frozenset().union(*branches)  # type: ignore[arg-type]


NEEDLE_SLICE = 1 << 18  # characters the automaton reads at once


class NeedleIndex:
    """All needles of a rule set in one Aho-Corasick automaton: one pass over a document
    tells which of them it contains, instead of a substring search per needle. Needles of one
    or two characters are left out: they are in nearly every document, and reporting each of
    their occurrences would cost more than a direct search."""

    def __init__(self, all_needles: Iterable[str]) -> None:
        self.needles = frozenset(n for n in all_needles if len(n) >= INDEXED_LENGTH)
        # Slices overlap by this much, so a needle cut by a slice's end is still found.
        self._overlap = max((len(n) for n in self.needles), default=1) - 1
        self._automaton = ahocorasick.Automaton()
        for needle in self.needles:
            self._automaton.add_word(needle, needle)
        if self.needles:
            self._automaton.make_automaton()

    def present(self, folded_text: str) -> frozenset[str]:
        """The needles that occur in `folded_text` (case-folded prose). Long texts are read
        in overlapping slices: the automaton copies what it reads into four bytes a
        character, a few hundred megabytes for a 30 MB document read at once."""
        if not self.needles:
            return frozenset()
        found: set[str] = set()
        for start in range(0, len(folded_text), NEEDLE_SLICE):
            piece = folded_text[start : start + NEEDLE_SLICE + self._overlap]
            found.update(needle for _, needle in self._automaton.iter(piece))
        return frozenset(found)

