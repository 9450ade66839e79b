"""`misspelling`: a word one edit away from a listed name (two for long names) is probably
that name misspelled: "metfromin", "amoxicilin", "ibuprofin". The names are the rule's
`names` and the words of the bundled lists (rules/lists/NAME.txt) named in `check_lists`.

Edits are insertions, deletions, substitutions and swaps of neighbouring letters. Candidates
come from an index of each name's deletion variants, so a word costs a few dictionary look-ups
rather than a comparison with every name; the decision for each distinct word is remembered
for the rest of the run. Listed names, the brand names of a brand → generic mapping,
`also_correct` words and the words of the bundled word lists named in `known_lists` (such as
every generic drug name: a real drug one letter from a listed one is a different drug, not a
misspelling) are never flagged, nor their plurals in -s, nor words shorter than `min_length`.
The known words are checked before any edit distance is computed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import regex

from ..document.model import Document
from ..models import Edit
from ..rule import RuleSpec
from .base import Hit, RunContext, bundled_list_lines
from .params import KindParams
from .substitute import match_case

# A word starting with any letter, the rest lower case: names and their misspellings, not
# acronyms or CamelCase product names.
_WORD = regex.compile(r"(?<![\w-])\p{L}\p{Ll}{2,}(?![\w-])")
_MEMORY_LIMIT = 200_000


def deletions(word: str, depth: int) -> set[str]:
    """The word with up to `depth` letters removed (the word itself included)."""
    found = {word}
    level = {word}
    for _ in range(depth):
        level = {w[:i] + w[i + 1:] for w in level if len(w) > 2 for i in range(len(w))}
        found |= level
    return found


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours is one edit), or limit + 1
    as soon as it is certain to exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


@dataclass(frozen=True)
class MisspellingCheck:
    names: tuple[str, ...]  # as written in the rule; matched case-insensitively
    known: frozenset[str]  # case-folded words never flagged
    min_length: int
    long_length: int
    # Filled on first use: deletion variant -> names; word -> its likely name (or None).
    index: dict[str, set[str]] = field(default_factory=dict, compare=False, repr=False)
    decided: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)
    clean: set[str] = field(default_factory=set, compare=False, repr=False)  # decided: None

    def _allowed(self, word: str) -> int:
        return 2 if len(word) >= self.long_length else 1

    def _build_index(self) -> None:
        for name in self.names:
            folded = name.casefold()
            if len(folded) >= self.min_length:
                for variant in deletions(folded, self._allowed(folded)):
                    self.index.setdefault(variant, set()).add(name)

    def likely_name(self, word: str) -> str | None:
        """The listed name `word` is probably a misspelling of, or None."""
        folded = word.casefold()
        if folded in self.decided:
            return self.decided[folded]
        if not self.index:
            self._build_index()
        best: tuple[int, str] | None = None
        plural_of_known = folded.endswith("s") and folded[:-1] in self.known
        if folded not in self.known and not plural_of_known and len(folded) >= self.min_length:
            candidates: set[str] = set()
            for variant in deletions(folded, self._allowed(folded)) & self.index.keys():
                candidates |= self.index[variant]
            for name in sorted(candidates):
                limit = min(self._allowed(name.casefold()), self._allowed(folded))
                distance = edit_distance(folded, name.casefold(), limit)
                if distance <= limit and (best is None or distance < best[0]):
                    best = (distance, name)
        result = best[1] if best else None
        if len(self.decided) < _MEMORY_LIMIT:
            self.decided[folded] = result
            if result is None:
                self.clean.add(folded)
        return result

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        misspelt = sorted((w for w in doc.word_set - self.clean
                           if len(w) >= self.min_length and w.isalpha() and self.likely_name(w)),
                          key=lambda w: (-len(w), w))
        if not misspelt:
            return
        # Search only for the words already known to be misspelt (any case), not every word:
        # on a long document that was most of this rule's time. Each match is still held to
        # the word boundaries of _WORD and decided by likely_name.
        wanted = regex.compile(r"(?<![\w-])(?:" + "|".join(map(regex.escape, misspelt))
                               + r")(?![\w-])", regex.IGNORECASE | regex.FULLCASE)
        for block in ctx.blocks(doc):
            for found in wanted.finditer(doc.prose, block.start, block.end):
                m = _WORD.match(doc.prose, found.start(), block.end)
                if m is not None and m.end() == found.end() and self.likely_name(m.group()):
                    name = match_case(m.group(), self.likely_name(m.group()) or "")
                    yield Hit(m.start(), m.end(), {"match": m.group(), "replacement": name},
                              Edit(m.start(), m.end(), name))


def read_word_list(name: str) -> list[str]:
    """The words of bundled list `name` (rules/lists/NAME.txt): one a line, # comments."""
    return [line.strip() for line in bundled_list_lines(name, "known_lists: word list")
            if line.strip() and not line.startswith("#")]


def _known_words(names: Iterable[str]) -> set[str]:
    known = {n.casefold() for n in names}
    known |= {w.casefold() for n in names for w in n.split()}
    return known


@dataclass(frozen=True)
class Params(KindParams):
    # correct spellings, or brand -> generic name(s): generics checked, brands known
    names: Sequence[str] | Mapping[str, str | Sequence[str]]
    also_correct: Sequence[str] = ()
    known_lists: Sequence[str] = ()  # bundled word lists of known words
    check_lists: Sequence[str] = ()  # bundled word lists of names checked
    min_length: int = 6  # shortest word checked
    long_length: int = 9


def compile_check(spec: RuleSpec) -> MisspellingCheck:
    params = Params.of(spec)
    listed = params.names
    if isinstance(listed, dict):
        names = [g for v in listed.values() for g in ([v] if isinstance(v, str) else v)]
        also = list(listed)
    else:
        names, also = list(listed), []
    for list_name in params.check_lists:
        names.extend(read_word_list(list_name))
    single_words = tuple(dict.fromkeys(n for n in names if n.isalpha()))
    known = _known_words(names + also + list(params.also_correct))
    for list_name in params.known_lists:
        known.update(read_word_list(list_name))
    return MisspellingCheck(
        names=single_words,
        known=frozenset(known),
        min_length=int(params.min_length),
        long_length=int(params.long_length),
    )
