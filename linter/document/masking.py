"""Build a prose view: the same text with chosen spans blanked, line breaks kept."""

from __future__ import annotations

import regex

_NOT_BREAK = regex.compile(r"[^\r\n]")
# Bare URLs and e-mail addresses are never prose; markup parsers leave them as text. Two
# patterns, not one alternation: the engine searches each for its literal start far faster.
_URL = regex.compile(r"""(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>"'\]\)]+[^\s<>"'\]\).,;:!?]""",
                     regex.IGNORECASE)
_EMAIL = regex.compile(r"""\b[\w.+-]++@[\w-]+(?:\.[\w-]+)+\b""")


def blank(text: str) -> str:
    return _NOT_BREAK.sub(" ", text)


def apply_mask(text: str, spans: list[tuple[int, int]]) -> str:
    """Blank every span of `text` (overlaps allowed); the result has the same length."""
    if not spans:
        return text
    out: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        if end <= pos:
            continue
        start = max(start, pos)
        out.append(text[pos:start])
        out.append(blank(text[start:end]))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def url_spans(text: str) -> list[tuple[int, int]]:
    """Spans of bare URLs and e-mail addresses (they may overlap; apply_mask allows it)."""
    spans = [m.span() for m in _URL.finditer(text)]
    if "@" in text:
        spans += [m.span() for m in _EMAIL.finditer(text)]
    return sorted(spans)
