"""A rule pattern read by the standard library's regular-expression parser, for the analyses
that look inside patterns (needles in needles.py, twins in superset.py).

The regex module's syntax is mostly the standard one. Where the two parsers would read a
pattern differently, or the standard one cannot read it, there is no tree, and each analysis
then leaves the pattern alone (it is always searched)."""

from __future__ import annotations

import sys
from typing import Any

if sys.version_info >= (3, 11):
    import re._constants as sre  # type: ignore[import-not-found]
    import re._parser as sre_parse  # type: ignore[import-not-found]
else:  # pragma: no cover
    import sre_constants as sre
    import sre_parse

import regex

REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT)}
# Syntax the standard parser would read differently from the regex module instead of refusing
# it: fuzzy-matching braces like {e<=1} (read as literal text) and POSIX classes like [:alpha:].
_READ_DIFFERENTLY = regex.compile(r"\{(?!\d*(?:,\d*)?\})|\[:")
# An escape, taken whole so that `\\p` stays a backslash and a `p`.
_ESCAPE = regex.compile(r"\\(?:[pP]\{[^}]*\}|.)", regex.DOTALL)
# Unicode properties that are kinds of \w: read as \w, which only widens the class.
_WORD_PROPERTY = regex.compile(r"\\p\{(?:L[ultmo]?|M[nce]?|N[dlo]?)\}")
# Flags set for the whole pattern, as `(?im)`; medlint joins patterns that each start with
# their own, which the standard parser refuses anywhere but at the start.
_GLOBAL_FLAGS = regex.compile(r"\(\?([aiLmsux]+)\)")
_FLAGS = {"i": regex.IGNORECASE, "m": regex.MULTILINE, "s": regex.DOTALL}


def standard_tree(source: str, flags: int) -> Any | None:
    """The pattern's syntax tree, its flags (inline ones included) in `tree.state.flags`; None
    where the standard parser would read it differently or not at all."""
    readable = _ESCAPE.sub(_word_property_as_w, source)
    if "\\p" in readable or "\\P" in readable:
        return None  # another Unicode property, or an escaped backslash before a p
    if _READ_DIFFERENTLY.search(readable):
        return None
    inline = "".join(_GLOBAL_FLAGS.findall(readable))
    if "x" in inline and not flags & regex.VERBOSE:
        return None  # verbose for part of a joined pattern only: not worth the risk
    parse_flags = flags & (regex.IGNORECASE | regex.MULTILINE | regex.DOTALL | regex.VERBOSE)
    for letter, flag in _FLAGS.items():
        if letter in inline:
            parse_flags |= flag
    try:
        return sre_parse.parse(_GLOBAL_FLAGS.sub("", readable), parse_flags)
    except Exception:  # noqa: BLE001 - any syntax the standard parser lacks: no tree
        return None


def _word_property_as_w(escape: regex.Match[str]) -> str:
    return r"\w" if _WORD_PROPERTY.fullmatch(escape.group()) else escape.group()
