"""Compiled patterns kept between runs, so a rule set is validated and compiled once.

Compiling the rule set's regular expressions is most of medlint's start-up. After a rule set
passes schema validation and every pattern check, its compiled patterns are saved in the
user's cache folder, in a file named by the rule set's fingerprint (the medlint version, the
pack texts and the rule options). The next run with the same fingerprint loads them in a few
milliseconds and skips validation. The patterns' needles (see needles.py) are kept
with them, and so is each pack's parsed YAML as plain data, so a warm start neither imports
nor runs the YAML parser. The file is read with an unpickler that accepts nothing but
compiled patterns and plain data, and anything unexpected in it only means compiling afresh.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import regex

from ..models import MedlintError
from ..source import write_atomically
from .needles import Needles, needles

_PATTERN_FACTORY = ("regex._regex", "compile")
_T = TypeVar("_T")


class PatternStore:
    """Compiled patterns by (source, flags); compiles and remembers what it has not seen."""

    def __init__(self, known: dict[tuple[str, int], regex.Pattern[str]] | None = None,
                 hints: dict[tuple[str, int], Needles | None] | None = None,
                 packs: dict[str, ParsedPack] | None = None,
                 twins: dict[tuple[str, int], str | None] | None = None) -> None:
        self.known = known if known is not None else {}
        self.hints = hints if hints is not None else {}
        self.twins = twins if twins is not None else {}
        self.packs = packs if packs is not None else {}
        self.grew = False
        self.used: set[tuple[str, int]] = set()  # what this load asked for (not saved)

    def keep_only_used(self, packs: set[str]) -> None:
        """Forget what this load did not ask for: a store seeded from another rule set must
        not bring that set's needles and twins into this one's per-document filters."""
        self.known = {k: v for k, v in self.known.items() if k in self.used}
        self.hints = {k: v for k, v in self.hints.items() if k in self.used}
        self.twins = {k: v for k, v in self.twins.items() if k in self.used}
        self.packs = {k: v for k, v in self.packs.items() if k in packs}

    def compile(self, source: str, flags: int) -> regex.Pattern[str]:
        key = (source, int(flags))  # plain ints: the saved file holds nothing but patterns
        self.used.add(key)
        pattern = self.known.get(key)
        if pattern is None:
            pattern = regex.compile(source, flags)
            self.known[key] = pattern
            self.grew = True
        return pattern

    def needles(self, source: str, flags: int) -> Needles | None:
        return self._remembered(self.hints, source, flags, needles)

    def twin(self, source: str, flags: int) -> str | None:
        """The pattern's looser twin (see superset.py), or None."""
        return self._remembered(self.twins, source, flags, _loosened)

    def _remembered(self, table: dict[tuple[str, int], _T], source: str, flags: int,
                    derive: Callable[[str, int], _T]) -> _T:
        key = (source, int(flags))
        self.used.add(key)
        if key not in table:
            table[key] = derive(source, flags)
            self.grew = True
        return table[key]


def _loosened(source: str, flags: int) -> str | None:
    from .superset import loosened  # only when a rule set is compiled afresh

    return loosened(source, flags)


ParsedPack = tuple[dict[str, Any], list[int]]
"""A pack's YAML as plain data, and the line of each of its rules."""


class _PatternsOnly(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> object:
        if (module, name) == _PATTERN_FACTORY:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a compiled pattern")


def user_cache_folder() -> str | None:
    """`$XDG_CACHE_HOME/medlint`, or `~/.cache/medlint`; None when there is no home folder."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError):
            return None
    return str(Path(base) / "medlint")


def store_path(folder: str, fingerprint: str) -> Path:
    """Named by the rule set and by the code that compiled it (needles and twins are
    computed by code, so an edited module must not reuse them)."""
    from ..identity import code_identity
    return Path(folder) / f"rules-{fingerprint}-{code_identity()[:16]}.pickle"


def load_store(path: Path) -> PatternStore | None:
    """The saved patterns, or None when there are none or the file is not usable."""
    try:
        with path.open("rb") as stream:
            data = _PatternsOnly(stream).load()
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError,
            IndexError, regex.error):
        return None
    if not isinstance(data, dict) or set(data) != {"patterns", "needles", "packs", "twins"}:
        return None
    patterns, hints, packs, twins = data["patterns"], data["needles"], data["packs"], data["twins"]
    if not all(isinstance(part, dict) for part in (patterns, hints, packs, twins)):
        return None
    if not all(isinstance(key, tuple) and isinstance(value, regex.Pattern)
               for key, value in patterns.items()):
        return None
    if not all(_is_needles(value) for value in hints.values()):
        return None
    if not all(isinstance(name, str) and _is_parsed_pack(pack) for name, pack in packs.items()):
        return None
    if not all(twin is None or isinstance(twin, str) for twin in twins.values()):
        return None
    return PatternStore(patterns, hints, packs, twins)


def _is_needles(value: object) -> bool:
    return value is None or (isinstance(value, tuple) and all(isinstance(n, str) for n in value))


def _is_parsed_pack(value: object) -> bool:
    if not (isinstance(value, tuple) and len(value) == 2):
        return False
    data, lines = value
    rules = data.get("rules") if isinstance(data, dict) else None
    return (isinstance(rules, list) and isinstance(lines, list) and len(rules) == len(lines)
            and all(isinstance(rule, dict) for rule in rules)
            and all(isinstance(line, int) for line in lines))


def save_store(path: Path, store: PatternStore) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"patterns": store.known, "needles": store.hints, "packs": store.packs,
                "twins": store.twins}
        write_atomically(str(path), pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, MedlintError):
        pass  # a read-only home folder only loses the shortcut
