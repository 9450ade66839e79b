"""Progress of a run over many files on standard error: files done of total and time elapsed.
Shown only to a person watching a terminal: never in CI, in a pipe or with --quiet."""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TextIO

MIN_FILES = 20  # fewer files finish before a progress line would help
INTERVAL = 0.2  # seconds between redraws


def wanted(stream: TextIO, quiet: bool, files: int,
           environ: Mapping[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    in_ci = bool(env.get("CI")) or env.get("GITHUB_ACTIONS") == "true"
    is_terminal = bool(getattr(stream, "isatty", lambda: False)())
    return not quiet and not in_ci and is_terminal and files >= MIN_FILES


@dataclass
class Progress:
    """A line rewritten in place (`\\r`) as files finish, erased at the end."""

    stream: TextIO
    total: int
    done: int = 0
    started: float = field(default_factory=time.monotonic)
    _drawn_at: float = 0.0
    _width: int = 0

    def advance(self, files: int = 1) -> None:
        self.done += files
        now = time.monotonic()
        if now - self._drawn_at >= INTERVAL or self.done >= self.total:
            self._drawn_at = now
            text = f"medlint: {self.done}/{self.total} files, {now - self.started:.0f} s"
            self.stream.write("\r" + text.ljust(self._width))
            self.stream.flush()
            self._width = len(text)

    def close(self) -> None:
        if self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
