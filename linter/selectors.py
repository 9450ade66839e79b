"""Rule selectors, as written in `select`, `ignore` and `severity` (config and command line):
a pack (`claims`), a rule (`claims/laetrile`) or a topic of a pack (`claims:cancer`)."""

from __future__ import annotations

from collections.abc import Iterable


def selector_names(rule_id: str, topic: str | None) -> tuple[str, ...]:
    """The names that select a rule, most specific first: its id, its topic, its pack."""
    pack = rule_id.split("/", 1)[0]
    if topic:
        return (rule_id, f"{pack}:{topic}", pack)
    return (rule_id, pack)


def selected_by(selectors: Iterable[str], rule_id: str, topic: str | None) -> bool:
    """True when any selector names this rule, its topic or its pack."""
    names = selector_names(rule_id, topic)
    return any(selector in names for selector in selectors)
