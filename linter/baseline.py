"""Baseline files: record today's findings so a repository can adopt medlint and be judged
only on new ones. Entries match on path, rule and the flagged text with its context, so they
survive lines moving up or down."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .models import Finding, MedlintError
from .source import display_path

FORMAT_VERSION = 1


def finding_key(f: Finding) -> tuple[str, str, str]:
    return (Path(display_path(f.path)).as_posix(), f.rule, f.fingerprint())


@dataclass
class Baseline:
    counts: Counter[tuple[str, str, str]]

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> Baseline:
        return cls(Counter(finding_key(f) for f in findings))

    def to_json(self) -> str:
        entries = [{"path": p, "rule": r, "fingerprint": fp, "count": n}
                   for (p, r, fp), n in sorted(self.counts.items())]
        return json.dumps({"version": FORMAT_VERSION, "entries": entries}, indent=2) + "\n"

    @classmethod
    def load(cls, path: str) -> Baseline:
        try:
            data = json.loads(Path(path).read_text("utf-8"))
        except OSError as exc:
            raise MedlintError(f"{path}: cannot read baseline ({exc.strerror or exc})") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise MedlintError(f"{path}: not a medlint baseline ({exc})") from None
        if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
            raise MedlintError(f"{path}: not a medlint baseline (version {FORMAT_VERSION})")
        counts: Counter[tuple[str, str, str]] = Counter()
        for i, entry in enumerate(data.get("entries", [])):
            try:
                counts[(entry["path"], entry["rule"], entry["fingerprint"])] += int(entry["count"])
            except (KeyError, TypeError, ValueError):
                raise MedlintError(f"{path}: entries[{i}] is malformed") from None
        return cls(counts)

    def filter(self, findings: list[Finding]) -> tuple[list[Finding], int]:
        """Findings not in the baseline, and how many baseline entries matched nothing."""
        remaining = Counter(self.counts)
        new = []
        for f in findings:
            key = finding_key(f)
            if remaining[key] > 0:
                remaining[key] -= 1
            else:
                new.append(f)
        return new, sum(n for n in remaining.values() if n > 0)
