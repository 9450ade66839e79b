"""Which of a rule set's patterns can match in a document, decided before searching it.

Each pattern has a looser twin in RE2 syntax (superset.py) that matches wherever it can. RE2's
filter reads the literal strings every match of a twin must hold, as a formula ("%" or
"percent", and "of", and one of "patients", "people", ...), finds all of the strings of all
twins in one pass over the document, and reports the twins whose formula holds; a pattern
whose formula fails cannot match, so its check skips it. This is the needle prefilter
(prefilter.py) made exact about combinations: a page holding "of" and "patients" but no "%"
nor "percent" is not searched for percentages of patients.

RE2 then runs each twin whose formula holds, one automaton each, and only the twins that
match are reported. The answer is checked: a canary twin, whose string is appended to every
text, must be among them, or nothing is skipped (RE2 reports nothing when it runs out of
memory). Building the filter takes a few tens of milliseconds, more than it saves on a
handful of small files, so it is built once the run reaches its `warm_up`-th document.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import re2

PatternKey = tuple[str, int]  # (source, flags), as the pattern store keys them
_CANARY = "qzxcanaryxzq"


@dataclass(eq=False)  # compared and hashed as itself: checks remember their ids per set
class PresenceSet:
    """The twins of a rule set's patterns; `ids` numbers those RE2 accepted."""

    twins: dict[PatternKey, str]
    warm_up: int = 8
    ids: dict[PatternKey, int] = field(default_factory=dict, init=False)
    _filter: re2.Filter | None = field(default=None, init=False, repr=False)
    _ready: bool | None = field(default=None, init=False, repr=False)
    _error: Any = field(default=Exception, init=False, repr=False)  # re2.error once built
    _seen: int = field(default=0, init=False, repr=False)

    def matched(self, prose: str) -> frozenset[int] | None:
        """Ids of the twins that match in `prose`, or None while warming up or when RE2
        cannot tell (then every pattern is searched)."""
        self._seen += 1
        if self._seen < self.warm_up or not self.twins or not self._build():
            return None
        assert self._filter is not None
        try:
            found = self._filter.Match(f"{prose}\n{_CANARY}", False) or []
        except (UnicodeEncodeError, self._error):
            return None
        if 0 not in found:
            return None
        return frozenset(found)

    def _build(self) -> bool:
        if self._ready is None:
            self._ready = False
            try:
                import re2  # only runs of several files build the filter
            except ImportError:  # a platform without RE2's wheels: needles alone, slower
                return False
            self._error = re2.error
            automaton = re2.Filter()
            try:
                automaton.Add(_CANARY)  # number 0
                for key, twin in self.twins.items():
                    try:
                        self.ids[key] = automaton.Add(twin)
                    except re2.error:
                        continue  # refused: the pattern is always searched
                automaton.Compile()
            except re2.error:
                self.ids.clear()
                return False
            self._filter = automaton
            self._ready = True
        return self._ready


def presence_set(twins: Iterable[tuple[PatternKey, str | None]]) -> PresenceSet:
    return PresenceSet({key: twin for key, twin in twins if twin is not None})
