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


def renderer(name: str) -> Renderer:
    module = import_module(f"{__name__}.{FORMATS[name]}")
    return module.render  # type: ignore[no-any-return]
