"""Build a prose view: the same text with chosen spans blanked, line breaks kept."""

from __future__ import annotations

import regex

_NOT_BREAK = regex.compile(r"[^\r\n]")
# Bare URLs and e-mail addresses are never prose; markup parsers leave them as text.
_URL = regex.compile(
    r"""(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>"'\]\)]+[^\s<>"'\]\).,;:!?]"""
    r"""|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b""",
    regex.IGNORECASE,
)


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
    return [m.span() for m in _URL.finditer(text)]
