"""Lines added or changed since a git revision, from `git diff`, so a pull request is judged
on what it touches. Files git does not track yet count as changed throughout. Each checked
file is looked up in its own repository, so any working directory works."""

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


class GitError(MedlintError):
    """git failed; the message is git's last line."""


def _git(args: list[str], cwd: Path) -> str:
    try:
        out = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise MedlintError("--changed-since needs git, which was not found; install git or "
                           "leave the option out") from None
    except NotADirectoryError:
        raise GitError(f"{cwd}: not a folder") from None
    if out.returncode != 0:
        message = out.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {' '.join(args[:2])} failed")
    return out.stdout.decode("utf-8", "replace")


def repository_of(folder: Path, revision: str) -> Path:
    try:
        return Path(_git(["rev-parse", "--show-toplevel"], folder).strip())
    except GitError:
        raise MedlintError(f"--changed-since {revision}: {folder} is not inside a git "
                           "repository; check files in a clone, or leave the option out"
                           ) from None


def _unknown_revision(revision: str, root: Path) -> MedlintError:
    try:
        shallow = _git(["rev-parse", "--is-shallow-repository"], root).strip() == "true"
    except GitError:
        shallow = False
    if shallow:
        return MedlintError(
            f"--changed-since {revision}: not found in this shallow clone; fetch more history "
            f"(`git fetch --unshallow`, or `fetch-depth: 0` with actions/checkout) and retry")
    return MedlintError(
        f"--changed-since {revision}: no such revision in {root.name}; name a branch, tag or "
        f"commit that exists here (a branch of a remote must be fetched first, as "
        f"`git fetch origin main`)")


def changed_since(revision: str, start: str = ".") -> ChangedLines:
    """Changed lines of the repository holding `start` (a folder)."""
    root = repository_of(Path(start).resolve(), revision)
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], root)
    except GitError:
        raise _unknown_revision(revision, root) from None
    try:
        diff = _git(["diff", "--unified=0", "--no-color", "--no-ext-diff", "--relative",
                     revision, "--"], root)
        untracked = _git(["ls-files", "--others", "--exclude-standard"], root)
    except GitError as exc:
        raise MedlintError(f"--changed-since {revision}: git diff failed: {exc}") from None
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
    changed.whole_files.update(p for p in untracked.splitlines() if p)
    return changed


@dataclass
class ChangedSince:
    """Changed lines of every repository the checked files live in, each read once."""

    revision: str
    _by_root: dict[Path, ChangedLines] = field(default_factory=dict)
    _root_of: dict[Path, Path] = field(default_factory=dict)

    def _lines_for(self, path: str) -> ChangedLines:
        folder = Path(path).resolve().parent
        root = self._root_of.get(folder)
        if root is None:
            root = self._root_of[folder] = repository_of(folder, self.revision)
        if root not in self._by_root:
            self._by_root[root] = changed_since(self.revision, str(root))
        return self._by_root[root]

    def prepare(self, paths: list[str]) -> None:
        """Read the changes of every repository these files live in now, so a revision
        that does not exist stops the run before any checking, findings or not."""
        for path in paths:
            self._lines_for(path)

    def touches(self, path: str, line: int) -> bool:
        return self._lines_for(path).touches(path, line)
