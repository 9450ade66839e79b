"""Which files a run checks: files named on the command line, and the articles inside folders."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

from .models import MedlintError
from .source import SUFFIX_FORMATS

SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__",
                       ".tox", ".medlint_cache", "site-packages"})


def discover(paths: list[str]) -> Iterator[str]:
    """Files in the order given; folders walked in sorted order, following no symbolic links."""
    seen: set[str] = set()
    for path in paths:
        p = Path(path)
        if p.is_dir():
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
                for name in sorted(files):
                    if Path(name).suffix.lower() in SUFFIX_FORMATS:
                        full = os.path.join(root, name)
                        if full not in seen and not os.path.islink(full):
                            seen.add(full)
                            yield full
        elif p.exists() or p.is_symlink():
            _refuse_link_loop(path)
            if path not in seen:
                seen.add(path)
                yield path
        else:
            raise MedlintError(f"{path}: no such file or directory")


def _refuse_link_loop(path: str) -> None:
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise MedlintError(f"{path}: symbolic link loop") from None
