"""Lines added or changed since a git revision, from `git diff`, so a pull request is judged
on what it touches. Files git does not track yet count as changed throughout."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import regex

from .models import MedlintError

_HUNK = regex.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_NEW_FILE = regex.compile(r"^\+\+\+ b/(.*)$")


@dataclass
class ChangedLines:
    root: Path
    lines: dict[str, set[int]] = field(default_factory=dict)
    whole_files: set[str] = field(default_factory=set)

    def _key(self, path: str) -> str:
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            return Path(path).as_posix()

    def touches(self, path: str, line: int) -> bool:
        key = self._key(path)
        return key in self.whole_files or line in self.lines.get(key, ())


def _git(args: list[str], cwd: Path) -> str:
    try:
        out = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise MedlintError("--changed-since needs git, which was not found") from None
    if out.returncode != 0:
        message = out.stderr.decode("utf-8", "replace").strip().splitlines()
        raise MedlintError(f"git {' '.join(args[:2])}: {message[-1] if message else 'failed'}")
    return out.stdout.decode("utf-8", "replace")


def changed_since(revision: str, start: str = ".") -> ChangedLines:
    root = Path(_git(["rev-parse", "--show-toplevel"], Path(start).resolve()).strip())
    _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], root)
    diff = _git(["diff", "--unified=0", "--no-color", "--no-ext-diff", "--relative",
                 revision, "--"], root)
    changed = ChangedLines(root)
    current: str | None = None
    for line in diff.splitlines():
        m = _NEW_FILE.match(line)
        if m:
            current = m.group(1)
            changed.lines.setdefault(current, set())
            continue
        if line.startswith("+++ /dev/null"):
            current = None
            continue
        h = _HUNK.match(line)
        if h and current is not None:
            first, count = int(h.group(1)), int(h.group(2) or "1")
            changed.lines[current].update(range(first, first + count))
    untracked = _git(["ls-files", "--others", "--exclude-standard"], root)
    changed.whole_files.update(p for p in untracked.splitlines() if p)
    return changed
