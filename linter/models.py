"""Plain data shared by every stage: severities, audiences, findings, edits."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 1, "warning": 2, "error": 3}[self.value]


class Audience(str, Enum):
    PATIENT = "patient"
    PROFESSIONAL = "professional"
    NEWS = "news"
    RESEARCH = "research"


@dataclass(frozen=True)
class Edit:
    """Replace original[start:end] with text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    severity: Severity
    message: str
    offset: int = 0
    end_offset: int = 0
    fix: Edit | None = None
    fix_safe: bool = False
    context: str = ""
    document_level: bool = False  # about the whole document; placed at its title

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.rule)

    def fingerprint(self) -> str:
        """Stable across line moves: the rule and the flagged line (SARIF, baselines). A
        finding about the whole document is one per rule, whatever its changing value."""
        key = self.rule if self.document_level else f"{self.rule}\0{self.context.strip()}"
        return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            # a safe fix (`--fix` applies it) apart from a suggestion a writer must judge
            "fix": self.fix.text if self.fix is not None and self.fix_safe else None,
            "suggestion": self.fix.text if self.fix is not None and not self.fix_safe else None,
        }


class MedlintError(Exception):
    """A problem the user must fix (bad input, config or rules): reported in one line, exit 2."""
