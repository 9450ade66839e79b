"""Fuzz the document parsers and the rules with atheris for a bounded time.

Usage: python bench/fuzz_parsers.py [-max_total_time=60] [corpus folder ...]
Any exception is a crash that atheris reports with the input that caused it."""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from medlint.api import RuleSetCache, lint_text
    from medlint.config import Config
    from medlint.document import parse_document
    from medlint.source import BinaryFileError, DecodeError, decode

RULES = RuleSetCache().for_config(Config())
FORMATS = ("markdown", "text", "html")


def one_input(data: bytes) -> None:
    if not data:
        return
    fmt = FORMATS[data[0] % len(FORMATS)]
    try:
        text = decode(data[1:], "fuzz").text
    except (BinaryFileError, DecodeError):
        text = data[1:].decode("utf-8", errors="replace")
    doc = parse_document("fuzz", text, fmt)
    assert len(doc.prose) == len(doc.text)
    for block in doc.blocks:
        assert 0 <= block.start <= block.end <= len(text)
    for finding in lint_text(text, fmt=fmt, rules=RULES):
        assert 0 <= finding.offset <= finding.end_offset <= len(text)


def main() -> None:
    args = sys.argv
    if not any(a.startswith("-max_total_time") or a.startswith("-runs") for a in args[1:]):
        args = [*args, "-max_total_time=60"]
    atheris.Setup(args, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
