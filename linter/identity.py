"""The identity of medlint's own code: a hash of the files that decide findings. Caches that
outlive a run (results, compiled rule sets) are keyed by it, so an upgrade, or an edited module
in a development install, never serves what other code computed."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from . import __version__

PACKAGE = Path(__file__).resolve().parent
_CODE_SUFFIXES = frozenset({".py", ".yaml", ".json", ".txt"})


@lru_cache(maxsize=1)
def code_identity() -> str:
    """This code's identity, hashed once per process."""
    return package_hash(PACKAGE)


def package_hash(package: Path) -> str:
    """Hash of the version and of every file of the package that decides findings (modules,
    schemas, data files), by path, size and modification time: an edit, a checkout or an
    upgrade changes it, and it costs a look at each file's metadata, not a read of its bytes
    at every start."""
    digest = hashlib.sha256(f"medlint {__version__}".encode())
    files = (p for p in package.rglob("*")
             if p.suffix in _CODE_SUFFIXES and "__pycache__" not in p.parts and p.is_file())
    for path in sorted(files, key=lambda p: p.relative_to(package).as_posix()):
        stat = path.stat()
        digest.update(f"{path.relative_to(package).as_posix()}\0{stat.st_size}\0"
                      f"{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()
