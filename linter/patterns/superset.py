"""A pattern rewritten so that it matches wherever the original can match, and maybe in a few
more places: a looser twin used only to decide whether a document can hold a match.

The twin's syntax is the part Hyperscan and RE2 share. Both match twins in time linear in
the text, far faster than the regex module searches the patterns, and tell which patterns
cannot match in a document (presence.py); those are not searched. Whatever they lack is
loosened, never tightened: look-arounds, anchors and word
boundaries are dropped, possessive and atomic parts become plain ones, counts above four
become unbounded, `\\w` and `\\d` become their ASCII part plus every non-ASCII character, and a
negated class with a category in it becomes any character. A pattern that cannot be loosened
safely (back-references, syntax the standard parser reads differently from the regex module,
Unicode properties other than letters, marks and numbers) gets None and is always searched.
"""

from __future__ import annotations

from typing import Any

import regex

from .tree import REPEATS, sre, standard_tree

# Classes read as their ASCII part plus every non-ASCII character: a superset of the Unicode
# class that turns into a far smaller automaton than Unicode property tables.
_NON_ASCII = r"\x{80}-\x{10FFFF}"
_WORD = r"0-9A-Za-z_" + _NON_ASCII
_DIGIT = r"0-9" + _NON_ASCII
# White space is few characters: listed exactly (the regex module's \\s, and \\x1C-\\x1F, which
# Python's own \\s also counts).
_SPACE = (r"\t-\r\x{1C}-\x{20}\x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}"
          r"\x{205F}\x{3000}")
_POSITIVE = {
    sre.CATEGORY_WORD: _WORD, sre.CATEGORY_UNI_WORD: _WORD,
    sre.CATEGORY_DIGIT: _DIGIT, sre.CATEGORY_UNI_DIGIT: _DIGIT,
    sre.CATEGORY_SPACE: _SPACE, sre.CATEGORY_UNI_SPACE: _SPACE,
}
_ANY = r"(?s:.)"
# Counted repetitions multiply an automaton's states: longer ones are read as unbounded.
_MAX_COUNT = 4
_FLAG_LETTERS = ((regex.IGNORECASE, "i"), (regex.MULTILINE, "m"), (regex.DOTALL, "s"))


class _Untranslatable(Exception):
    pass


def loosened(source: str, flags: int) -> str | None:
    """A twin matching at least wherever `source` matches, or None."""
    tree = standard_tree(source, flags)
    if tree is None or tree.getwidth()[0] == 0:
        return None  # unreadable, or it can match the empty string, so everywhere
    try:
        out = _sequence(list(tree))
    except (_Untranslatable, RecursionError):
        return None
    prefix = "".join(letter for flag, letter in _FLAG_LETTERS if tree.state.flags & flag)
    return f"(?{prefix}){out}" if prefix else out


def _sequence(items: list[tuple[Any, Any]]) -> str:
    return "".join(_item(op, arg) for op, arg in items)


def _item(op: Any, arg: Any) -> str:
    if op is sre.LITERAL:
        return _char(arg)
    if op is sre.NOT_LITERAL:
        return f"[^{_char(arg)}]"
    if op is sre.ANY:
        return "."
    if op is sre.IN:
        return _class(arg)
    if op is sre.BRANCH:
        return "(?:" + "|".join(_sequence(list(branch)) for branch in arg[1]) + ")"
    if op is sre.SUBPATTERN:
        _group, add, remove, inner = arg
        return f"(?{_flag_change(add, remove)}:{_sequence(list(inner))})"
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return f"(?:{_sequence(list(arg))})"
    if op in REPEATS:
        low, high, inner = arg
        low = min(low, _MAX_COUNT)
        if high is sre.MAXREPEAT or high > _MAX_COUNT:
            count = {0: "*", 1: "+"}.get(low, f"{{{low},}}")
        else:
            count = f"{{{low},{high}}}"
        return f"(?:{_sequence(list(inner))}){count}"
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return ""  # anchors, boundaries and look-arounds only narrow a match
    raise _Untranslatable(op)


def _flag_change(add: int, remove: int) -> str:
    on = "".join(letter for flag, letter in _FLAG_LETTERS if add & flag)
    off = "".join(letter for flag, letter in _FLAG_LETTERS if remove & flag)
    return on + ("-" + off if off else "")


def _class(items: list[tuple[Any, Any]]) -> str:
    negated = bool(items) and items[0][0] is sre.NEGATE
    parts = []
    for op, arg in items[1:] if negated else items:
        if op is sre.LITERAL:
            parts.append(_char(arg))
        elif op is sre.RANGE:
            parts.append(f"{_char(arg[0])}-{_char(arg[1])}")
        elif op is sre.CATEGORY and arg in _POSITIVE and not negated:
            parts.append(_POSITIVE[arg])
        else:
            return _ANY  # a negated category, or a category in a negated class
    if not parts:
        return _ANY if negated else "[^\\x{0}-\\x{10FFFF}]"
    return f"[{'^' if negated else ''}{''.join(parts)}]"


def _char(code: int) -> str:
    char = chr(code)
    if char.isalnum() or (code > 127 and not char.isspace()):
        return char
    return f"\\x{{{code:X}}}"
