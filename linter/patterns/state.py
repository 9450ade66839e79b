"""What a rule set's prefilters learned about one document, in one typed record.

The engine fills it before any check runs; every pattern's `for_document` and the document's
`may_contain` read it. With `enabled` false nothing is left out: every pattern is searched in
every document, which is how a run shows that the prefilters never change a finding
(`medlint check --no-prefilter`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .presence import PresenceSet


@dataclass
class DocumentFilter:
    enabled: bool = True
    # The needle index (prefilter.py): the needles it looked for, and those it found.
    indexed: frozenset[str] = frozenset()
    present: frozenset[str] = frozenset()
    # The twins (presence.py), when they could answer: the set, and the ids that matched.
    presence: PresenceSet | None = None
    matched: frozenset[int] = frozenset()
    # Needles too short for the index, searched in the prose once each.
    probed: dict[str, bool] = field(default_factory=dict)
