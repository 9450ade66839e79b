"""Which of a rule set's patterns can match in a document, decided in one pass over it.

Each pattern has a looser twin (superset.py) that matches wherever the pattern can. Hyperscan
compiles every twin of a rule set into one automaton, which reads a document once and reports
each twin that matches; a pattern whose twin does not match cannot match, so its check skips
it. A twin Hyperscan refuses (too long, say) is matched by RE2 on its own, or, where RE2
cannot be imported, leaves its pattern to the needle index.

Compiling the automaton of the built-in rule set takes seconds, so it is kept beside the rule
set's compiled patterns (store.py) and loaded from there in milliseconds. A run loads it once
it reaches its `warm_up`-th document (a check of a file or two never needs it) and compiles it
only for a run of `compile_after` documents or more, or when told to (`prepare`, before worker
processes start, so that they load it instead of each compiling it). Where Hyperscan cannot be
imported or refuses to run, the needle index decides alone: the same findings, slower.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PatternKey = tuple[str, int]  # (source, flags), as the pattern store keys them
DATABASE_SUFFIX = ".hyperscan"
_FORMAT = "medlint-twins-1"
_LONGEST = 16000  # bytes: Hyperscan refuses longer expressions


@dataclass(eq=False)  # compared and hashed as itself: checks remember their ids per set
class PresenceSet:
    """The twins of a rule set's patterns; `ids` numbers those Hyperscan accepted."""

    twins: dict[PatternKey, str]
    path: Path | None = None  # where the compiled automaton is kept between runs
    warm_up: int = 8
    compile_after: int = 32
    ids: dict[PatternKey, int] = field(default_factory=dict, init=False)
    _database: Any = field(default=None, init=False, repr=False)
    _apart: dict[int, Any] = field(default_factory=dict, init=False, repr=False)  # RE2's
    _error: Any = field(default=Exception, init=False, repr=False)  # hyperscan.error
    _ready: bool | None = field(default=None, init=False, repr=False)
    _load_tried: bool = field(default=False, init=False, repr=False)
    _seen: int = field(default=0, init=False, repr=False)

    def matched(self, prose: str) -> frozenset[int] | None:
        """Ids of the twins that match in `prose`, or None while warming up or when
        Hyperscan cannot tell (then every pattern the needles allow is searched)."""
        self._seen += 1
        if self._seen < self.warm_up or not self.twins or not self._available():
            return None
        try:
            data = prose.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: not text Hyperscan may read
            return None
        found: set[int] = set()
        try:
            self._database.scan(data, match_event_handler=_collect, context=found)
        except self._error:
            return None
        found.update(number for number, twin in self._apart.items() if twin.search(prose))
        return frozenset(found)

    def prepare(self) -> bool:
        """Load the automaton, or compile and keep it: for a run known to be long."""
        if self._ready is None:
            self._ready = bool(self.twins) and (self._load() or self._compile())
        return self._ready

    def copy_to(self, path: Path) -> None:
        """Keep the automaton, once ready, at `path` too (a temporary store for workers)."""
        hyperscan = _hyperscan()
        if self._ready and hyperscan is not None:
            accepted = sorted(set(self.ids.values()) - set(self._apart))
            self._save(hyperscan, self._database, accepted, path)

    def _available(self) -> bool:
        if self._ready is not None:
            return self._ready
        if not self._load_tried and self._load():
            self._ready = True
        elif self._seen >= self.compile_after:
            self._ready = self._compile()
        return bool(self._ready)

    def _ordered(self) -> list[tuple[PatternKey, str]]:
        return sorted(self.twins.items())

    def _digest(self) -> str:
        text = json.dumps([[s, f, twin] for (s, f), twin in self._ordered()], ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def _load(self) -> bool:
        self._load_tried = True
        hyperscan = _hyperscan()
        if hyperscan is None or self.path is None:
            return False
        try:
            with self.path.open("rb") as stream:  # the header line, then the automaton
                meta = json.loads(stream.readline())
                if meta.get("format") != _FORMAT or meta.get("twins") != self._digest():
                    return False
                accepted = [int(i) for i in meta["accepted"]]
                database = hyperscan.loadb(stream.read(), hyperscan.HS_MODE_BLOCK)
            database.scratch = hyperscan.Scratch(database)
        except (OSError, ValueError, TypeError, KeyError, AttributeError, hyperscan.error):
            return False
        ordered = self._ordered()
        if any(not 0 <= i < len(ordered) for i in accepted):
            return False
        self._use(hyperscan, database, {ordered[i][0]: i for i in accepted})
        return True

    def _compile(self) -> bool:
        hyperscan = _hyperscan()
        if hyperscan is None:
            return False
        ordered = self._ordered()
        expressions = [twin.encode("utf-8", "surrogatepass") for _, twin in ordered]
        try:
            database, accepted = _compiled(hyperscan, expressions, list(range(len(ordered))))
        except hyperscan.error:  # a processor without what Hyperscan needs, say
            return False
        if database is None:
            return False
        self._use(hyperscan, database, {ordered[i][0]: i for i in accepted})
        if self.path is not None:
            self._save(hyperscan, database, accepted, self.path)
        return True

    def _use(self, hyperscan: Any, database: Any, ids: dict[PatternKey, int]) -> None:
        self._database, self._error = database, hyperscan.error
        ordered = self._ordered()
        self._apart = _apart([(i, twin) for i, (key, twin) in enumerate(ordered) if key not in ids])
        self.ids = {**ids, **{ordered[i][0]: i for i in self._apart}}

    def _save(self, hyperscan: Any, database: Any, accepted: list[int], path: Path) -> None:
        from ..models import MedlintError
        from ..source import write_atomically

        header = json.dumps({"format": _FORMAT, "twins": self._digest(), "accepted": accepted})
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(str(path), header.encode() + b"\n" + hyperscan.dumpb(database),
                             durable=False)
        except (OSError, MedlintError):
            pass  # a read-only cache folder only loses the shortcut


def _collect(number: int, start: int, end: int, flags: int, found: set[int]) -> None:
    found.add(number)


def _hyperscan() -> Any:
    try:
        import hyperscan  # only runs of several files need it
    except ImportError:  # a platform without its wheels: the needle index alone, slower
        return None
    return hyperscan


def _flags(hyperscan: Any) -> int:
    return int(hyperscan.HS_FLAG_UTF8 | hyperscan.HS_FLAG_UCP | hyperscan.HS_FLAG_SINGLEMATCH
               | hyperscan.HS_FLAG_ALLOWEMPTY)


def _database(hyperscan: Any, expressions: list[bytes], chosen: list[int]) -> Any:
    """One automaton of the chosen twins; each reports its place in `expressions` as its id."""
    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    database.compile(expressions=[expressions[i] for i in chosen], ids=chosen,
                     elements=len(chosen), flags=[_flags(hyperscan)] * len(chosen))
    return database


def _compiled(hyperscan: Any, expressions: list[bytes], chosen: list[int]
              ) -> tuple[Any, list[int]]:
    """The automaton of the chosen twins Hyperscan accepts, and which those are: all of
    them, or, when it refuses the whole, those left once halves are tried apart until each
    refused twin stands alone."""
    chosen = [i for i in chosen if len(expressions[i]) <= _LONGEST]
    if not chosen:
        return None, []
    try:
        return _database(hyperscan, expressions, chosen), chosen
    except hyperscan.error:  # too long, too large, or a construct it lacks
        if len(chosen) == 1:
            return None, []
    middle = len(chosen) // 2
    accepted = (_compiled(hyperscan, expressions, chosen[:middle])[1]
                + _compiled(hyperscan, expressions, chosen[middle:])[1])
    return (_database(hyperscan, expressions, accepted) if accepted else None), accepted


def _apart(twins: list[tuple[int, str]]) -> dict[int, Any]:
    """RE2's automata for the twins Hyperscan refused, by id, where RE2 can be imported
    (each is run on its own: a handful at most, so no filter of RE2's is built)."""
    if not twins:
        return {}
    try:
        import re2
    except ImportError:
        return {}
    out = {}
    for number, twin in twins:
        try:
            out[number] = re2.compile(twin)
        except re2.error:
            continue
    return out


def database_path(store_file: Path | None) -> Path | None:
    """Where the automaton of a rule set is kept: beside its compiled patterns."""
    return store_file.with_suffix(DATABASE_SUFFIX) if store_file is not None else None


def presence_set(twins: Iterable[tuple[PatternKey, str | None]],
                 path: Path | None = None) -> PresenceSet:
    return PresenceSet({key: twin for key, twin in twins if twin is not None}, path)
