"""`required-statements`: the statements a document of a given type must carry, as a
journal asks of a research manuscript: funding, conflicts of interest and, for a trial, its
registration number.

Each statement of `statements` is met by any of its `require` patterns anywhere in the
document (front matter fields named in `satisfied_by` count too); one with `when` patterns is
asked for only when one of them matches (a registration number only of a trial). Which
statements a document must carry depends on its type, read from the front-matter fields in
`type_fields` (`article_type: review`), else `default`: `required` maps each type to its
statements, and a configuration can replace it under `rule_options`. Each missing statement
is one finding, at the document's first line, or where `when` matched."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..document.model import Document
from ..rule import RuleSpec
from .base import Alternatives, Hit, PatternError, RunContext, compile_alternatives
from .params import KindParams


@dataclass(frozen=True)
class Statement:
    name: str
    detail: str  # what the message asks for
    require: Alternatives | None
    when: Alternatives | None
    satisfied_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class RequiredStatementsCheck:
    statements: dict[str, Statement]
    required: dict[str, tuple[str, ...]]
    type_fields: tuple[str, ...]

    def document_type(self, doc: Document) -> str:
        for name in self.type_fields:
            value = doc.front_matter.get(name)
            if isinstance(value, str) and value.strip():
                key = "-".join(value.strip().casefold().split())
                if key in self.required:
                    return key
        return "default"

    @staticmethod
    def _search(pattern: Alternatives | None, doc: Document, ctx: RunContext
                ) -> tuple[int, int] | None:
        found = pattern.for_document(doc) if pattern is not None else None
        if found is None:
            return None
        for block in doc.blocks:
            m = found.search(doc.prose, block.start, block.end, timeout=ctx.timeout)
            if m is not None:
                return m.span()
        return None

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        first = next(iter(doc.blocks), None)
        if first is None:
            return
        line_end = doc.prose.find("\n", first.start, first.end)
        top = (first.start, line_end if line_end > first.start else first.end)
        for name in self.required.get(self.document_type(doc), ()):
            statement = self.statements[name]
            anchor = top
            if statement.when is not None:
                found = self._search(statement.when, doc, ctx)
                if found is None:
                    continue
                anchor = found
            if any(doc.front_matter.get(f) for f in statement.satisfied_by):
                continue
            if self._search(statement.require, doc, ctx) is None:
                yield Hit(*anchor, {"detail": statement.detail})


@dataclass(frozen=True)
class Params(KindParams):
    # name -> {require, when, satisfied_by, detail}
    statements: Mapping[str, Mapping[str, Any]]
    # document type -> the statements it must carry; None: every statement, for any type
    required_: Mapping[str, Sequence[str]] | None = field(default=None,
                                                          metadata={"key": "required"})
    type_fields: Sequence[str] = ("article_type", "type")  # front-matter keys naming the type
    case_sensitive: bool = False


def compile_check(spec: RuleSpec) -> RequiredStatementsCheck:
    params = Params.of(spec)
    statements: dict[str, Statement] = {}
    for name, body in params.statements.items():
        statements[name] = Statement(
            name=name,
            detail=str(body.get("detail", name)),
            require=compile_alternatives(body["require"], spec),
            when=compile_alternatives(body.get("when", ()), spec),
            satisfied_by=tuple(body.get("satisfied_by", ())),
        )
    required: dict[str, tuple[str, ...]] = {}
    raw: Mapping[str, Sequence[str]] = (params.required_ if params.required_ is not None
                                        else {"default": list(statements)})
    for kind, names in raw.items():
        unknown = [n for n in names if n not in statements]
        if unknown:
            raise PatternError(f"required[{kind}] names unknown statements "
                               f"{', '.join(map(repr, unknown))} (known: {', '.join(statements)})")
        required["-".join(str(kind).casefold().split())] = tuple(names)
    return RequiredStatementsCheck(
        statements=statements,
        required=required,
        type_fields=tuple(params.type_fields),
    )
