"""The source text a document is based on (an abstract behind a press release, a paper behind a
news story), and the strongest conclusion it states.

A document names its source by front matter `based_on: PATH` (relative to the document) or the
command line's `--based-on FILE`; front matter `based_on_text: "..."` gives the source's own
conclusion inline, for a source that is not a file."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..models import MedlintError
from .claim_strength import Strength, classify, load_cues

# A conclusions section: a heading or a structured abstract's label.
_CONCLUSION_LABEL = regex.compile(
    r"^\W*(?:conclusions?|interpretations?|in conclusion|implications?|"
    r"what this study (?:adds|shows))\b\W*", regex.IGNORECASE)
_MEMO = "based_on"


@dataclass(frozen=True)
class SourceClaim:
    text: str
    strength: Strength


@dataclass(frozen=True)
class SourceConclusions:
    """Where the source is, and its strongest stated conclusion (None: it states none)."""

    where: str
    strongest: SourceClaim | None
    topic: frozenset[str] = frozenset()  # what the source is about (Cues.topic_words)

    @property
    def rank(self) -> tuple[int, int]:
        return self.strongest.strength.rank if self.strongest else (0, 0)


def _strongest(sentences: list[str]) -> SourceClaim | None:
    best: SourceClaim | None = None
    for sentence in sentences:
        strength = classify(sentence)
        if strength.level == 0 or strength.negated:
            continue
        if best is None or strength.rank > best.strength.rank:
            best = SourceClaim(" ".join(sentence.split()), strength)
    return best


def conclusions_of(text: str, path: str, *, whole: bool = False) -> list[str]:
    """The sentences of the source's conclusions section, or all of them if it has none (or
    if `whole`)."""
    from ..source import format_for
    from . import parse_document

    doc = parse_document(path, text, format_for(path))
    sentences = [doc.prose[s.start:s.end] for s in doc.sentences]
    if whole:
        return sentences
    for i, sentence in enumerate(sentences):
        label = _CONCLUSION_LABEL.match(sentence)
        if label is None:
            continue
        rest = sentence[label.end():].strip()
        following = ([rest] if rest else []) + sentences[i + 1:]
        if following:
            return following
    return sentences


@lru_cache(maxsize=32)
def _read(path: str, stamp: tuple[int, int]) -> SourceConclusions:
    from ..source import read_source

    source = read_source(path)
    sentences = conclusions_of(source.text, path, whole=True)
    return SourceConclusions(path, _strongest(conclusions_of(source.text, path)),
                             load_cues().topic_words(" ".join(sentences)))


def _front_matter_line(text: str, key: str) -> int:
    match = regex.search(rf"(?m)^{key}\s*:", text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def source_for(path: str, text: str, front_matter: dict[str, object], memo: dict[object, object],
               cli_path: str | None) -> SourceConclusions | None:
    """The document's source, read once per document; None when it names none. A source that
    is missing or unreadable is a MedlintError naming the document and the line."""
    if _MEMO in memo:
        return memo[_MEMO]  # type: ignore[return-value]
    inline = front_matter.get("based_on_text")
    named = front_matter.get("based_on")
    found: SourceConclusions | None = None
    if cli_path:
        found = _load(cli_path, f"--based-on {cli_path}")
    elif isinstance(named, str) and named.strip():
        target = os.path.join(os.path.dirname(path), named.strip())
        where = f"{path}:{_front_matter_line(text, 'based_on')}: based_on {named.strip()}"
        found = _load(target, where)
    elif named is not None:
        line = _front_matter_line(text, "based_on")
        raise MedlintError(f"{path}:{line}: based_on must be a path to the source text")
    elif isinstance(inline, str) and inline.strip():
        found = SourceConclusions("based_on_text", _strongest([inline]),
                                  load_cues().topic_words(inline))
    memo[_MEMO] = found
    return found


def _load(target: str, where: str) -> SourceConclusions:
    try:
        info = os.stat(target)
    except OSError as exc:
        raise MedlintError(f"{where}: source not found ({exc.strerror or exc})") from None
    try:
        return _read(target, (info.st_mtime_ns, info.st_size))
    except MedlintError as exc:
        reason = str(exc).split(": ", 1)[-1]
        raise MedlintError(f"{where}: source cannot be read ({reason})") from None


def read_any_source(memo: dict[object, object]) -> bool:
    """Whether a source file was read for this document (its result depends on that file)."""
    found = memo.get(_MEMO)
    return isinstance(found, SourceConclusions) and found.where != "based_on_text"
