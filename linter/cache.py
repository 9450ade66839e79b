"""Results cache in `.medlint_cache/`: a file's findings are reused while its bytes, the rule
set, its configuration, the run options and medlint's own code are unchanged. The code counts
by content, not by version number: an upgrade, or an edited module in a development install,
never serves findings the old code made. Entries are written atomically, so concurrent runs
are safe; a damaged entry is ignored."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .config import Config
from .directives import Directive
from .engine import LintResult, RunOptions
from .identity import code_identity
from .models import Edit, Finding, MedlintError, Severity
from .scorecard import Criterion
from .source import SourceText, write_atomically

CACHE_DIR = ".medlint_cache"
FORMAT = 1


def _finding_to_json(f: Finding) -> dict[str, Any]:
    data = asdict(f)
    data["severity"] = f.severity.value
    return data


def _finding_from_json(data: dict[str, Any]) -> Finding:
    fix = data.pop("fix")
    return Finding(**{**data, "severity": Severity(data["severity"]),
                      "fix": Edit(**fix) if fix else None})


class ResultCache:
    def __init__(self, folder: str = CACHE_DIR) -> None:
        self.folder = Path(folder)

    def key(self, source: SourceText, rules_fingerprint: str, config: Config,
            options: RunOptions) -> str:
        digest = hashlib.sha256()
        for part in (f"cache {FORMAT}", code_identity(), rules_fingerprint,
                     repr(config.for_path(source.path)), repr(options),
                     (options.today or config.today or dt.date.today()).isoformat(),
                     source.path):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(source.raw)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> LintResult | None:
        try:
            data = json.loads(self._path(key).read_text("utf-8"))
            return LintResult(
                path=data["path"],
                findings=[_finding_from_json(f) for f in data["findings"]],
                notices=list(data["notices"]),
                unused_directives=[Directive(**{**d, "rules": tuple(d["rules"])})
                                   for d in data["unused_directives"]],
                audience=data["audience"],
                scorecard=[Criterion(**c) for c in data["scorecard"]],
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, result: LintResult) -> None:
        if result.notices or result.errors or not result.cacheable:
            return  # a timed-out rule may finish next time; a source file may change
        payload = {
            "path": result.path,
            "findings": [_finding_to_json(f) for f in result.findings],
            "notices": result.notices,
            "unused_directives": [asdict(d) for d in result.unused_directives],
            "audience": result.audience,
            "scorecard": [asdict(c) for c in result.scorecard],
        }
        target = self._path(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if not (self.folder / ".gitignore").exists():
                (self.folder / ".gitignore").write_text("*\n", "utf-8")
            write_atomically(str(target), json.dumps(payload).encode("utf-8"), durable=False)
        except (OSError, MedlintError):
            return  # a cache that cannot be written only costs speed
