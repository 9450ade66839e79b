"""Reporters: each turns results into text for one output format."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import import_module

from ..engine import LintResult

# format name -> module; each defines render(results, context) -> str
FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json_",
    "sarif": "sarif",
    "github": "github",
}

Renderer = Callable[[Sequence[LintResult], "ReportContext"], str]


class ReportContext:
    """What a reporter may need besides the results."""

    def __init__(self, rules: object = None, files: int = 0, root: str = ".") -> None:
        self.rules = rules
        self.files = files
        self.root = root


# Characters a reader cannot tell from a space, named when a replacement holds them.
_INVISIBLE = {"\u00a0": "a non-breaking space", "\u202f": "a narrow non-breaking space",
              "\u2009": "a thin space", "\u200b": "a zero-width space", "\t": "a tab"}


def shown_replacement(text: str) -> str:
    """A replacement as a writer reads it: the words, not a Python literal (no quotes, no
    escapes); spacing at either end left out, invisible characters named."""
    words = text.strip()
    if not words:
        return "delete it"
    named = [name for char, name in _INVISIBLE.items() if char in words]
    visible = "".join(" " if char in _INVISIBLE else char for char in words)
    return visible + (f" (with {' and '.join(named)})" if named else "")


def renderer(name: str) -> Renderer:
    module = import_module(f"{__name__}.{FORMATS[name]}")
    return module.render  # type: ignore[no-any-return]
