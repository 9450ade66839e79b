"""Apply the fixes rules mark safe: never inside code, front matter or quotations; overlapping
edits resolved in a fixed order; repeated until nothing safe is left, so a second run changes
nothing."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .document.model import Document
from .engine import LintResult
from .models import Edit, Finding

MAX_PASSES = 4

Linter = Callable[[str], tuple[Document, LintResult]]


@dataclass(frozen=True)
class FixOutcome:
    text: str
    applied: int
    result: LintResult


def _protected(doc: Document, edit: Edit) -> bool:
    spans = list(doc.code_spans)
    if doc.front_matter_span is not None:
        spans.append(doc.front_matter_span)
    if any(s.start < edit.end and edit.start < s.end for s in spans):
        return True
    if doc.prose[edit.start : edit.end] != doc.text[edit.start : edit.end]:
        return True  # some of it is masked: markup, a URL, a comment
    return doc.in_quote(edit.start, edit.end)


def choose_edits(doc: Document, findings: Iterable[Finding]) -> list[Edit]:
    """Safe, unprotected, non-overlapping edits; on overlap the earliest (then shortest,
    then by rule id) wins, so the outcome does not depend on rule order."""
    candidates = sorted(
        ((f.fix, f.rule) for f in findings if f.fix_safe and f.fix is not None),
        key=lambda pair: (pair[0].start, pair[0].end, pair[1]),
    )
    chosen: list[Edit] = []
    for edit, _rule in candidates:
        if _protected(doc, edit) or doc.text[edit.start : edit.end] == edit.text:
            continue
        if chosen and edit.start < chosen[-1].end:
            continue
        chosen.append(edit)
    return chosen


def apply_edits(text: str, edits: list[Edit]) -> str:
    out, pos = [], 0
    for edit in edits:
        out.append(text[pos : edit.start])
        out.append(edit.text)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


def fix_text(text: str, lint: Linter) -> FixOutcome:
    """Apply safe fixes until none is left (at most MAX_PASSES rounds)."""
    applied = 0
    doc, result = lint(text)
    for _ in range(MAX_PASSES):
        edits = choose_edits(doc, result.findings)
        if not edits:
            break
        text = apply_edits(text, edits)
        applied += len(edits)
        doc, result = lint(text)
    return FixOutcome(text, applied, result)


def unified_diff(path: str, before: str, after: str) -> str:
    name = path.lstrip("/")
    lines = difflib.unified_diff(before.splitlines(keepends=True),
                                 after.splitlines(keepends=True),
                                 fromfile=f"a/{name}", tofile=f"b/{name}")
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n" for line in lines)
