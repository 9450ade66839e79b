"""How strongly a sentence states a finding: 0 no relationship, 1 correlational, 2 conditional
causal, 3 direct causal (Yu, Li and Wang, EMNLP-IJCNLP 2019). Rules read it through
`classify`; the cue lists are data (claim_strength.yaml beside this module)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from ..models import MedlintError

LEVEL_NAMES = ("no relationship", "correlational", "conditional causal", "direct causal")
CUES_FILE = Path(__file__).with_name("claim_strength.yaml")

_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’-]*")
_CLAUSE_BREAK = regex.compile(r"[;:]|,\s+(?:but|whereas|while|although|though|however)\b|\(")
_PUNCTUATION = regex.compile(r"[,;:()\[\]]")
_NEXT_WORD = regex.compile(r"\s+([\p{L}\p{N}][\p{L}\p{N}'’-]*)")
_CLAUSE_END = regex.compile(r"[,;:]")
_RELATIVES = frozenset({"which", "that", "who"})  # "factors that affected the outcome"
_NOUN_FOLLOWERS = frozenset({"in", "of"})
_HEDGE_WINDOW = 6  # words between a modal or hedge and the cue it governs
_NEGATION_WINDOW = 4


@dataclass(frozen=True)
class Strength:
    """A sentence's claim strength and the cue that decided it (offsets in the sentence)."""

    level: int
    start: int = 0
    end: int = 0
    cue: str = ""
    hedged: bool = False
    negated: bool = False
    framed: bool = False  # inside "suggest that": an inference, not a finding

    @property
    def name(self) -> str:
        return LEVEL_NAMES[self.level]

    @property
    def rank(self) -> tuple[int, int]:
        """For comparing two claims: a framed claim sits just below a bare one of its level."""
        return (self.level, 0 if self.framed else 1)

    def describe(self) -> str:
        extra = " inferred" if self.framed and self.level >= 2 else ""
        return f"{self.level} ({self.name}{extra})"


def _inflect(entry: str) -> tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """A verb entry as (base, -s forms, past forms, -ing forms)."""
    base, _, irregular = entry.partition(":")
    base = base.strip()
    if irregular.strip():
        forms = irregular.split()
        return (base.lstrip("-") if not base.startswith("-") else "",
                tuple(f for f in forms if f.endswith("s")),
                tuple(f for f in forms if not f.endswith(("s", "ing"))),
                tuple(f for f in forms if f.endswith("ing")))
    if base.endswith("e"):
        past, ing = base + "d", base[:-1] + "ing"
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        past, ing = base[:-1] + "ied", base + "ing"
    else:
        past, ing = base + "ed", base + "ing"
    third = base + "es" if base.endswith(("s", "sh", "ch", "x", "z")) else (
        base[:-1] + "ies" if base.endswith("y") and base[-2:-1] not in "aeiou" else base + "s")
    return base, (third,), (past,), (ing,)


def _phrases(items: Iterable[str]) -> regex.Pattern[str]:
    parts = [item.replace(" ", r"\s+") for item in items]
    return regex.compile(r"(?<![\w-])(?:" + "|".join(f"(?:{p})" for p in parts) + r")(?![\w-])",
                         regex.IGNORECASE)


@dataclass(frozen=True)
class Cues:
    causal: regex.Pattern[str]
    verb_forms: dict[str, str]  # form -> base, third, past or ing
    correlational: regex.Pattern[str]
    modals: frozenset[str]
    hedges: regex.Pattern[str]
    frames: regex.Pattern[str]
    hedging_frames: regex.Pattern[str]
    open_questions: regex.Pattern[str]
    agenda: regex.Pattern[str]
    negations: regex.Pattern[str]
    negated_frames: regex.Pattern[str]
    adjective_markers: frozenset[str]
    be_forms: frozenset[str]
    passive_agents: frozenset[str]
    intransitive_followers: frozenset[str]
    causal_infinitive_heads: frozenset[str]
    common_words: frozenset[str]

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Cues:
        forms: dict[str, str] = {}
        for entry in data["causal_verbs"]:
            base, third, past, ing = _inflect(entry)
            for kind, words in (("ing", ing), ("past", past), ("third", third),
                                ("base", (base,) if base else ())):
                forms.update((w.lower(), kind) for w in words if w)
        verbs = r"(?<![\w-])(?:" + "|".join(sorted(map(regex.escape, forms), key=len,
                                                   reverse=True)) + r")(?![\w-])"
        phrases = _phrases(data["causal_phrases"]).pattern
        return cls(
            # Every cue starts with a word character: a leading \b lets the engine skip ahead.
            causal=regex.compile(rf"\b(?:(?P<phrase>{phrases})|(?P<verb>{verbs}))",
                                 regex.IGNORECASE),
            verb_forms=forms,
            correlational=regex.compile(r"\b" + _phrases(data["correlational"]).pattern,
                                        regex.IGNORECASE),
            modals=frozenset(w.lower() for w in data["modals"]),
            hedges=_phrases(data["hedges"]),
            frames=_phrases(data["frames"]),
            hedging_frames=_phrases(data["hedging_frames"]),
            open_questions=_phrases(data["open_questions"]),
            agenda=_phrases(data["agenda"]),
            negations=_phrases(data["negations"]),
            negated_frames=_phrases(data["negated_frames"]),
            adjective_markers=frozenset(w.lower() for w in data["adjective_markers"]),
            be_forms=frozenset(w.lower() for w in data["be_forms"]),
            passive_agents=_words(data["passive_agents"]),
            intransitive_followers=_words(data["intransitive_followers"]),
            causal_infinitive_heads=_words(data["causal_infinitive_heads"]),
            common_words=_words(data["common_words"]),
        )

    def topic_words(self, text: str) -> frozenset[str]:
        """The words of four letters or more that say what a text is about."""
        return frozenset(w for w in (m.group().casefold() for m in _WORD.finditer(text))
                         if len(w) >= 4 and w not in self.common_words)


def _words(items: Iterable[Any]) -> frozenset[str]:
    return frozenset(str(w).lower() for w in items)


@lru_cache(maxsize=4)
def load_cues(path: str | None = None) -> Cues:
    """The cue lists in `path` (default: the packaged claim_strength.yaml), compiled."""
    import yaml

    file = Path(path) if path else CUES_FILE
    try:
        data = yaml.safe_load(file.read_text("utf-8"))
        return Cues.from_data(data)
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError, regex.error) as exc:
        raise MedlintError(f"{file}: cannot read claim-strength cues ({exc})") from None


@dataclass(frozen=True)
class _Cue:
    level: int
    start: int
    end: int


def _words_before(text: str, start: int, clause_start: int) -> list[regex.Match[str]]:
    return list(_WORD.finditer(text, clause_start, start))


def _clause_start(text: str, start: int) -> int:
    last = 0
    for m in _CLAUSE_BREAK.finditer(text, 0, start):
        last = m.end()
    return last


def _is_verb(cues: Cues, text: str, m: regex.Match[str]) -> bool:
    """Whether a causal verb form is used as a verb that states a change."""
    form = m.group().lower()
    kind = cues.verb_forms.get(form, "base")
    lo = max(0, m.start() - 80)
    marks = list(_PUNCTUATION.finditer(text, lo, m.start()))
    lo = marks[-1].end() if marks else lo
    before = [w.group().lower() for w in _WORD.finditer(text, lo, m.start())]
    while before and before[-1].endswith("ly") and before[-1] not in cues.modals:
        before.pop()  # "significantly reduced": look past the adverb
    if not before and marks and marks[-1].group() == ")":
        before = [")"]  # "doses (in one or two) reduced": the subject ends in brackets
    prev = before[-1] if before else ""
    after = _NEXT_WORD.match(text, m.end())
    while after is not None and after.group(1).lower().endswith("ly"):
        after = _NEXT_WORD.match(text, after.end())  # "improves significantly the"
    nxt = after.group(1).lower() if after else ""
    if kind == "ing":
        return prev in ("by", "thereby", "thus", "hence", "in") or (
            prev in cues.be_forms and prev != "being")
    if kind in ("third", "base") and nxt in _NOUN_FOLLOWERS:
        return False  # "increases in", "the benefit of"
    if prev in cues.be_forms:
        return nxt in cues.passive_agents  # "was reduced by", not "was reduced in patients"
    if not nxt or nxt in cues.intransitive_followers:
        return False  # "the rate increased over time": a change, not a cause
    if kind == "base":
        if prev == "to":
            return len(before) > 1 and before[-2] in cues.causal_infinitive_heads
        return prev not in cues.adjective_markers or prev in cues.modals
    if kind == "past":
        return bool(prev) and (prev not in cues.adjective_markers or prev in _RELATIVES)
    return prev not in cues.adjective_markers or prev in _RELATIVES


def _governed(pattern: regex.Pattern[str], text: str, lo: int, start: int) -> bool:
    """Whether a match of `pattern` ends in text[lo:start]."""
    return any(m.end() <= start for m in pattern.finditer(text, lo, start))


def _hedged(cues: Cues, text: str, start: int, clause: int) -> bool:
    words = _words_before(text, start, clause)[-_HEDGE_WINDOW:]
    if any(w.group().lower() in cues.modals for w in words):
        return True
    lo = words[0].start() if words else start
    return _governed(cues.hedges, text, lo, start)


def _negated(cues: Cues, text: str, start: int, end: int, clause: int) -> bool:
    words = _words_before(text, start, clause)[-_NEGATION_WINDOW:]
    lo = words[0].start() if words else start
    if _governed(cues.negated_frames, text, clause, start):
        return True
    return _governed(cues.negations, text, lo, start) or bool(
        cues.negations.match(text, start) or regex.search(r"\bnot\b", text[start:end]))


def _cues(cues: Cues, text: str) -> list[_Cue]:
    found = []
    for m in cues.causal.finditer(text):
        if m.group("verb") is not None and not _is_verb(cues, text, m):
            continue
        found.append(_Cue(3, m.start(), m.end()))
    for m in cues.correlational.finditer(text):
        found.append(_Cue(1, m.start(), m.end()))
    return sorted(found, key=lambda c: c.start)


def classify(text: str, cues: Cues | None = None) -> Strength:
    """The claim strength of one sentence."""
    cues = cues or load_cues()
    agenda = cues.agenda.search(text)
    best: Strength | None = None
    for cue in _cues(cues, text):
        if agenda is not None and not _CLAUSE_END.search(text, cue.end, agenda.start()):
            continue  # "the effect of X merits study", but not "X reduced Y; Z should"
        clause = _clause_start(text, cue.start)
        if _governed(cues.open_questions, text, clause, cue.start):
            continue
        hedged = (_hedged(cues, text, cue.start, clause)
                  or _governed(cues.hedging_frames, text, 0, cue.start))
        level = 2 if cue.level == 3 and hedged else cue.level
        found = Strength(level, cue.start, cue.end, text[cue.start:cue.end], hedged,
                         _negated(cues, text, cue.start, cue.end, clause),
                         _governed(cues.frames, text, 0, cue.start))
        if best is None or found.level > best.level:
            best = found
    return best or Strength(0)
