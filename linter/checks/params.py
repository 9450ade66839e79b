"""A rule kind's own fields, declared once: a frozen dataclass of typed parameters with their
defaults (`Params` in the kind's module, a subclass of KindParams). The rule schema's part for
the kind (which fields a rule of it may set, which it must) is generated from that class, and
tests/test_kinds.py checks that the committed schema matches; `python -m medlint.checks`
rewrites the schema's generated parts.

A kind whose module has no `Params` yet keeps its hand-written schema part and reads
`spec.params` as a dict, so kinds can move over one at a time."""

from __future__ import annotations

from dataclasses import MISSING, Field, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from .base import PatternError

if TYPE_CHECKING:
    from ..rule import RuleSpec

# Fields every rule has, in the order the schema lists them before a kind's own.
COMMON_FIELD_ORDER = ("id", "kind", "severity", "message", "explanation", "sources", "scope",
                      "examples", "audiences", "aliases", "quotes", "defers_to", "topic")

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema" / "rule.schema.json"

P = TypeVar("P", bound="KindParams")


class ParamsError(PatternError):
    """A rule sets a field its kind does not have (reported like a pattern that does not
    compile: file, line and rule)."""


@dataclass(frozen=True)
class KindParams:
    """Base of a kind's parameters. A field named like a Python keyword or a method of
    this class takes its YAML name from `metadata={"key": ...}`; `metadata={"schema": ...}`
    adds a constraint on the field for this kind only (the field's type for every kind is in
    the schema's `properties`). `required_any` lists the alternatives of fields a rule must
    set (one is enough); by default, the fields without a default, all together."""

    required_any: ClassVar[tuple[tuple[str, ...], ...] | None] = None

    @classmethod
    def keys(cls) -> list[str]:
        """The kind's own YAML fields, in declaration order."""
        return [f.metadata.get("key", f.name) for f in fields(cls)]

    @classmethod
    def constraints(cls) -> dict[str, Any]:
        """The kind's own constraints on its fields, by YAML name."""
        return {f.metadata.get("key", f.name): f.metadata["schema"] for f in fields(cls)
                if "schema" in f.metadata}

    @classmethod
    def required(cls) -> tuple[tuple[str, ...], ...]:
        if cls.required_any is not None:
            return cls.required_any
        needed = tuple(f.metadata.get("key", f.name) for f in fields(cls)
                       if f.default is MISSING and f.default_factory is MISSING)
        return (needed,) if needed else ()

    @classmethod
    def of(cls: type[P], spec: RuleSpec) -> P:
        """The typed parameters of a rule; a field the kind does not have is an error, never
        a silent fallback to a default."""
        by_key = {f.metadata.get("key", f.name): f.name for f in fields(cls)}
        unknown = sorted(set(spec.params) - set(by_key))
        if unknown:
            raise ParamsError(f"{spec.id}: kind {spec.kind} has no field "
                              + ", ".join(repr(k) for k in unknown)
                              + f" (its fields: {', '.join(by_key)})")
        missing = [key for key, name in by_key.items() if key not in spec.params
                   and _field(cls, name).default is MISSING
                   and _field(cls, name).default_factory is MISSING]
        if missing:
            raise ParamsError(f"{spec.id}: kind {spec.kind} needs field "
                              + ", ".join(repr(k) for k in missing))
        return cls(**{by_key[key]: value for key, value in spec.params.items()})


def _field(cls: type[KindParams], name: str) -> Field[Any]:
    return next(f for f in fields(cls) if f.name == name)


def schema_part(kind: str, params: type[KindParams]) -> dict[str, Any]:
    """The rule schema's `allOf` entry for one kind."""
    then: dict[str, Any] = {"propertyNames": {"enum": [*COMMON_FIELD_ORDER, *params.keys()]}}
    required = params.required()
    if len(required) == 1:
        then["required"] = list(required[0])
    elif required:
        then["anyOf"] = [{"required": list(names)} for names in required]
    constraints = params.constraints()
    if constraints:
        then["properties"] = constraints
    return {"if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
            "then": then}


def _kind_of(part: dict[str, Any]) -> str | None:
    const = part.get("if", {}).get("properties", {}).get("kind", {}).get("const")
    return const if isinstance(const, str) else None


def generated_schema(schema: dict[str, Any],
                     declared: dict[str, type[KindParams]]) -> dict[str, Any]:
    """`schema` with the part of every kind in `declared` generated from its parameters;
    parts of other kinds are kept as written, and a declared kind without a part gets one."""
    rule = schema["$defs"]["rule"]
    parts = list(rule.get("allOf", []))
    seen = set()
    for index, part in enumerate(parts):
        kind = _kind_of(part)
        if kind in declared:
            parts[index] = schema_part(kind, declared[kind])
            seen.add(kind)
    parts += [schema_part(kind, params) for kind, params in declared.items() if kind not in seen]
    return {**schema, "$defs": {**schema["$defs"], "rule": {**rule, "allOf": parts}}}
