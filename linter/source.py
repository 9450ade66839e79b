"""Read and decode files. The only module that reads article files from disk."""

from __future__ import annotations

import codecs
import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

from .models import MedlintError
from .positions import LineIndex

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

SUFFIX_FORMATS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
}


# Formats people save articles in that are not text: refused by name, with what to do.
NOT_TEXT = {
    ".docx": "a Word document", ".doc": "a Word document", ".odt": "an OpenDocument text",
    ".pdf": "a PDF", ".rtf": "a rich-text document", ".pages": "a Pages document",
    ".epub": "an e-book",
}
SAVE_AS_TEXT = "save it as Markdown (.md), plain text (.txt) or HTML and check that file"


class BinaryFileError(MedlintError):
    """The file holds binary data, not text."""


class DecodeError(MedlintError):
    """The file is not valid text in any encoding it announces."""


@dataclass(frozen=True)
class SourceText:
    """Decoded text plus what is needed to write it back byte for byte."""

    path: str
    text: str
    encoding: str
    bom: bytes
    raw: bytes

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


def format_for(path: str, default: str = "markdown") -> str:
    return SUFFIX_FORMATS.get(Path(path).suffix.lower(), default)


def decode(data: bytes, path: str) -> SourceText:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                return SourceText(path, body.decode(encoding), encoding, bom, data)
            except UnicodeDecodeError as exc:
                where = _where(body, exc.start, encoding)
                raise DecodeError(
                    f"{path}:{where}: cannot decode as {encoding} at byte {exc.start + len(bom)}"
                ) from None
    if b"\x00" in data[:8192]:
        raise BinaryFileError(f"{path}: not a text file; {SAVE_AS_TEXT}")
    try:
        return SourceText(path, data.decode("utf-8"), "utf-8", b"", data)
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"{path}:{_where(data, exc.start, 'utf-8')}: not valid UTF-8 at byte {exc.start} "
            f"(0x{data[exc.start]:02x}); save the file as UTF-8"
        ) from None


def _where(data: bytes, bad: int, encoding: str) -> str:
    """'line:column' of the first undecodable byte (the valid text before it is decoded)."""
    prefix = data[:bad].decode(encoding, errors="replace")
    return "{}:{}".format(*LineIndex(prefix).position(len(prefix)))


def read_source(path: str) -> SourceText:
    kind = NOT_TEXT.get(Path(path).suffix.lower())
    if kind is not None:
        raise BinaryFileError(f"{path}: {kind} cannot be checked; {SAVE_AS_TEXT}")
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise MedlintError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise MedlintError(f"{path}: is a directory") from None
    except PermissionError:
        raise MedlintError(f"{path}: permission denied") from None
    except OSError as exc:
        raise MedlintError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return decode(data, path)


def display_path(path: str) -> str:
    """A path as the user should see it: relative to the working directory when inside it."""
    return _shown_from(os.getcwd(), path)


def path_display() -> Callable[[str], str]:
    """`display_path` for one report: the working directory is read once and each path
    worked out once, not once per finding."""
    return lru_cache(maxsize=None)(partial(_shown_from, os.getcwd()))


def _shown_from(cwd: str, path: str) -> str:
    try:
        rel = os.path.relpath(path, cwd)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


class ChangedOnDiskError(MedlintError):
    """The file changed after it was read; writing would lose someone's edit."""


def _check_unchanged(path: str, expected: bytes | None) -> None:
    if expected is None:
        return
    try:
        current = Path(path).read_bytes()
    except OSError as exc:
        raise MedlintError(f"{path}: cannot re-read before writing ({exc.strerror})") from None
    if current != expected:
        raise ChangedOnDiskError(f"{path}: changed on disk since it was read; not written")


def write_atomically(path: str, data: bytes, expected: bytes | None = None, *,
                     durable: bool = True) -> None:
    """Write through a temporary file in the same folder and a rename, keeping the file's
    mode. With `expected`, refuse when the file no longer holds those bytes. `durable` waits
    for the disk before the rename; a cache, which only loses a shortcut in a crash, skips
    that wait."""
    import tempfile  # only when writing
    target = Path(path)
    _check_unchanged(path, expected)
    temp: str | None = None
    try:
        mode = target.stat().st_mode & 0o7777 if target.exists() else None
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                    dir=str(target.parent or Path(".")))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        _check_unchanged(path, expected)  # again: the file may have changed while we wrote
        os.replace(temp, target)
    except (OSError, MedlintError) as exc:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        if isinstance(exc, MedlintError):
            raise
        raise MedlintError(f"{path}: cannot write ({exc.strerror or exc})") from None
