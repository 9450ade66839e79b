"""The JSON contract other tools read: version, file count, findings sorted by place."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..engine import LintResult
from ..models import Finding
from ..source import path_display
from . import ReportContext


def render(results: Sequence[LintResult], context: ReportContext) -> str:
    findings = sorted((f for r in results for f in r.findings), key=Finding.sort_key)
    display_path = path_display()
    payload = {
        "version": 1,
        "files": context.files,
        "findings": [{**f.to_json(), "path": display_path(f.path)} for f in findings],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
