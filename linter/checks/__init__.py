"""Rule kinds: one small module each, all with `compile_check(spec) -> Check`."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..rule import RuleSpec
    from .base import Check

# kind name -> module; each module defines compile_check(spec).
KINDS: dict[str, str] = {
    "phrase": "phrase",
    "substitute": "substitute",
    "claim": "claim",
    "needs-citation": "needs_citation",
    "document": "document",
    "cluster": "cluster",
    "stale": "stale",
    "defined-before-use": "defined_before_use",
    "metric": "metric",
    "repeat": "repeat",
    "references": "references",
    "first-mention": "first_mention",
    "misspelling": "misspelling",
    "claim-strength": "claim_strength",
    "variants": "variants",
    "required-statements": "required_statements",
    "recompute": "recompute",
    "callouts": "callouts",
}


def compile_rule(spec: RuleSpec) -> Check:
    module = import_module(f"{__name__}.{KINDS[spec.kind]}")
    return module.compile_check(spec)  # type: ignore[no-any-return]
