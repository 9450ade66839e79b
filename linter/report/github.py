"""GitHub Actions workflow commands: one annotation per finding."""

from __future__ import annotations

from collections.abc import Sequence

from ..engine import LintResult
from ..models import Finding, Severity
from ..source import path_display
from . import ReportContext

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding, shown_path: str) -> str:
    props = ",".join([
        f"file={_escape_property(shown_path)}",
        f"line={f.line}", f"col={f.column}",
        f"endLine={f.end_line}", f"endColumn={f.end_column}",
        f"title={_escape_property(f.rule)}",
    ])
    return f"::{COMMANDS[f.severity]} {props}::{_escape_data(f.message)}"


def render(results: Sequence[LintResult], context: ReportContext) -> str:
    findings = sorted((f for r in results for f in r.findings), key=Finding.sort_key)
    display_path = path_display()
    return "".join(annotation(f, display_path(f.path)) + "\n" for f in findings)
