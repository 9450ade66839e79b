"""The JSON contract other tools read: version, file count, findings sorted by place.

One finding per line: a report of thousands of findings stays easy to grep and to diff, and
each line is written by the json module's C encoder (indenting would use its slow one)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..engine import LintResult
from ..models import Finding
from ..scorecard import as_mapping
from ..source import path_display
from . import ReportContext


def render(results: Sequence[LintResult], context: ReportContext) -> str:
    findings = sorted((f for r in results for f in r.findings), key=Finding.sort_key)
    display_path = path_display()
    encode = json.JSONEncoder(ensure_ascii=False).encode
    lines = [encode({**f.to_json(), "path": display_path(f.path)}) for f in findings]
    head = f'{{"version": 1, "files": {context.files}, "findings": ['
    body = head + ("\n" + ",\n".join(lines) + "\n]" if lines else "]")
    # Files checked under a profile (the news audience) also get their scorecard: criterion
    # -> "met", "not met" or "not applicable", one file per line.
    cards = [encode({"path": display_path(r.path), "audience": r.audience,
                     "scorecard": as_mapping(r.scorecard)})
             for r in sorted(results, key=lambda r: r.path) if r.scorecard]
    if cards:
        body += ', "scorecards": [\n' + ",\n".join(cards) + "\n]"
    return body + "}\n"
