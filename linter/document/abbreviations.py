"""Where a document defines its abbreviations, and what it says they stand for.

Two forms are read, as writers use them: "estrogen receptor (ER)" (the long form before the
parenthesis, found by the Schwartz and Hearst algorithm: the shortest run of preceding words
whose letters spell the abbreviation in order, the first letter at the start of a word) and
"ER (estrogen receptor)". The `defined-before-use` rules, the `consistency` rules and the
`medlint abbreviations` table share this parser."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex

# "long form (ABBR)" or "ABBR (long form)": the parenthesis that defines an abbreviation.
DEFINED_AFTER = regex.compile(r"(?<=[\p{L}\d]\s*)\(\s*([A-Z][A-Za-z0-9-]{1,9})s?\s*[),;]")
DEFINED_BEFORE = regex.compile(
    r"\b([A-Z][A-Z0-9-]{1,8})s?\s*\(\s*(?:or\s+)?([a-z][\p{L}-]+(?:\s+[\p{L}-]+)+)")
_WORDS = regex.compile(r"[\p{L}\d][\p{L}\d'’-]*")


@dataclass(frozen=True)
class Definition:
    """One definition: the abbreviation's offsets, and its long form ("" when not found)."""

    abbreviation: str
    start: int
    end: int
    long_form: str = ""
    long_start: int = -1

    @property
    def key(self) -> str:
        """The long form as compared: case, spacing, punctuation ("Hirschsprung's") and
        plurals ("dystrophies") do not count."""
        words = _LETTERS.findall(_POSSESSIVE.sub("", self.long_form.casefold()))
        return "".join(_singular_word(w) for w in words)

    def same_as(self, other: Definition) -> bool:
        """Whether two long forms are one: equal keys, or one inside the other ("succinic
        semialdehyde dehydrogenase" and "... deficiency")."""
        a, b = self.key, other.key
        return a == b or (min(len(a), len(b)) >= 6 and (a in b or b in a))


_LETTERS = regex.compile(r"[\p{L}\d]+")
_POSSESSIVE = regex.compile(r"['’]s\b")


def _singular_word(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def spells(long_form: str, abbreviation: str) -> bool:
    """Whether the long form starts with the abbreviation's first letter and holds its
    letters in order, without the abbreviation itself: "ER (estrogen receptor)", not
    "EEG (recorded during a seizure)" or "CMD (the merosin-positive CMD)"."""
    letters = [c.casefold() for c in abbreviation if c.isalpha()]
    text = long_form.casefold()
    if not letters or not text or text[0] != letters[0]:
        return False
    if _stands_alone(text, abbreviation.casefold()):
        return False
    position = 0
    for letter in letters:
        position = text.find(letter, position)
        if position < 0:
            return False
        position += 1
    return True


_WORD_OR_HYPHEN = regex.compile(r"[\w-]")


def _stands_alone(text: str, word: str) -> bool:
    r"""Whether `word` occurs in `text` with no word character or hyphen on either side (what
    searching for it between `(?<![\w-])` and `(?![\w-])` finds, without compiling that
    pattern for each word)."""
    at = text.find(word)
    while at >= 0:
        after = at + len(word)
        if not (at > 0 and _WORD_OR_HYPHEN.match(text, at - 1)) \
                and not _WORD_OR_HYPHEN.match(text, after):
            return True
        at = text.find(word, at + 1)
    return False


def singular(abbreviation: str) -> str:
    """"GAGs" defines GAG."""
    if abbreviation.endswith("s") and abbreviation[:-1].isupper() and len(abbreviation) > 2:
        return abbreviation[:-1]
    return abbreviation


def long_form_before(prose: str, paren: int, abbreviation: str) -> tuple[int, str] | None:
    """The long form ending just before the parenthesis at `paren`, and its offset; None
    when the words before it do not spell the abbreviation (Schwartz and Hearst, 2003)."""
    letters = [c.casefold() for c in abbreviation if c.isalnum()]
    if not letters:
        return None
    limit = min(len(letters) + 5, len(letters) * 2)
    window_start = max(0, paren - 200)
    cut = max(prose.rfind(mark, window_start, paren) for mark in ".;:()[]\n")
    window_start = max(window_start, cut + 1)
    words = list(_WORDS.finditer(prose, window_start, paren))[-limit:]
    if not words:
        return None
    start = words[0].start()
    text = prose[start:paren].rstrip(" ,")
    s = len(letters) - 1
    i = len(text) - 1
    while s >= 0:
        c = letters[s]
        while i >= 0 and (text[i].casefold() != c
                          or (s == 0 and i > 0 and text[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    begin = text.rfind(" ", 0, i + 1) + 1
    long_form = text[begin:].strip()
    if len(long_form) <= len(abbreviation) or not spells(long_form, abbreviation):
        return None
    return start + begin, long_form


def find_definitions(prose: str, spans: Iterable[tuple[int, int]],
                     accept: regex.Pattern[str] | None = None) -> Iterator[Definition]:
    """Every definition in the given stretches of the prose, in order; `accept` (a pattern
    the whole abbreviation must match) leaves out names in parentheses ("Plavix")."""
    for begin, end in spans:
        found: list[Definition] = []
        for m in DEFINED_AFTER.finditer(prose, begin, end):
            abbreviation = singular(m.group(1))
            if accept is not None and not accept.fullmatch(abbreviation):
                continue
            start = m.start(1)
            long = long_form_before(prose, m.start(), abbreviation)
            found.append(Definition(abbreviation, start, start + len(abbreviation),
                                    *(long[::-1] if long else ("", -1))))
        for m in DEFINED_BEFORE.finditer(prose, begin, end):
            abbreviation = singular(m.group(1))
            if accept is not None and not accept.fullmatch(abbreviation):
                continue
            start = m.start(1)
            close = prose.find(")", m.end(2), end)
            long_form = prose[m.start(2):close if close > 0 else m.end(2)].strip(" ,;")
            if not spells(long_form, abbreviation):
                long_form = ""  # "EEG (recorded during a seizure)": not its long form
            found.append(Definition(abbreviation, start, start + len(abbreviation),
                                    long_form, m.start(2) if long_form else -1))
        yield from sorted(found, key=lambda d: d.start)
