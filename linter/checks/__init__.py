"""Rule kinds: one small module each, all with `compile_check(spec) -> Check`, and, once
converted, a `Params` dataclass declaring the kind's own fields (see params.py)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..rule import RuleSpec
    from .base import Check
    from .params import KindParams

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


@dataclass(frozen=True)
class Kind:
    """One rule kind: its name in packs and the module that implements it."""

    name: str
    module_name: str

    def module(self) -> ModuleType:
        return import_module(f"{__name__}.{self.module_name}")

    def params(self) -> type[KindParams] | None:
        """The kind's typed parameters, or None for a kind not converted yet."""
        return getattr(self.module(), "Params", None)

    def compile(self, spec: RuleSpec) -> Check:
        return self.module().compile_check(spec)  # type: ignore[no-any-return]


# The typed registry; modules are imported when a rule of the kind is first compiled.
REGISTRY: dict[str, Kind] = {name: Kind(name, module) for name, module in KINDS.items()}


def compile_rule(spec: RuleSpec) -> Check:
    return REGISTRY[spec.kind].compile(spec)


def declared_params() -> dict[str, type[KindParams]]:
    """Kind name -> its parameter class, for every kind that declares one."""
    declared = {}
    for name, kind in REGISTRY.items():
        params = kind.params()
        if params is not None:
            declared[name] = params
    return declared
