"""A rule as loaded from a pack: metadata every kind shares, plus its kind's own fields."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .document.model import PROSE_KINDS
from .models import Severity

if TYPE_CHECKING:
    from .patterns.store import PatternStore

_PLACEHOLDER = re.compile(r"\{\w+\}")
_WORD = re.compile(r"[^\W\d_]{2,}")

COMMON_FIELDS = frozenset(
    {"id", "kind", "severity", "message", "explanation", "sources", "scope", "examples",
     "audiences", "aliases", "quotes", "defers_to", "topic"}
)


@dataclass(frozen=True)
class RuleSpec:
    id: str
    kind: str
    severity: Severity
    message: str
    explanation: str
    sources: tuple[str, ...]
    scope: frozenset[str]
    flag_examples: tuple[str, ...]
    pass_examples: tuple[str, ...]
    examples_today: str | None = None
    examples_audience: str | None = None
    audiences: tuple[tuple[str, str], ...] = ()
    aliases: tuple[str, ...] = ()
    # Whether findings inside quotations count: "include" or "skip", per audience
    # (("default", ...) covers the rest), as `quotes: skip` or `quotes: {default: skip, news:
    # include}` in a pack.
    quotes: tuple[tuple[str, str], ...] = (("default", "include"),)
    # Packs or rule ids whose finding on the same text makes this rule's finding redundant.
    defers_to: tuple[str, ...] = ()
    # The pack topic it belongs to (`claims:cancer`), which `select` and `ignore` can name.
    topic: str | None = None
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    variables: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    origin: str = ""
    line: int = 0
    # True when this exact rule text passed every check in an earlier run (see loader).
    verified: bool = field(default=False, compare=False)
    # Where its patterns are compiled and remembered between runs (see patterns/store.py).
    store: PatternStore | None = field(default=None, compare=False, repr=False)

    @property
    def pack(self) -> str:
        return self.id.split("/", 1)[0]

    @property
    def summary(self) -> str:
        """The message's first sentence, its placeholders shown as "…"; where that leaves too
        few words to say what the rule is about ("… …"), the explanation's first sentence."""
        text = _PLACEHOLDER.sub("…", self.message.split(". ")[0].rstrip("."))
        if len(_WORD.findall(text)) < 3:
            text = " ".join(self.explanation.split(". ")[0].split()).rstrip(".")
        return text

    def block_kinds(self) -> frozenset[str]:
        """Block kinds this rule reads; `prose` stands for the running-text kinds."""
        if "all" in self.scope:
            return frozenset(PROSE_KINDS | {"heading", "reference"})
        kinds = set(self.scope - {"prose", "front-matter"})
        if "prose" in self.scope:
            kinds |= PROSE_KINDS
        return frozenset(kinds)

    def skips_quotes(self, audience: str | None) -> bool:
        """Whether quotations are left out for a document of this audience."""
        table = dict(self.quotes)
        return table.get(audience or "", table.get("default", "include")) == "skip"

    def severity_for(self, audience: str | None) -> Severity | None:
        """The rule's severity for a document of this audience; None when it is off."""
        table = dict(self.audiences)
        level = table.get(audience or "", table.get("default", self.severity.value))
        return None if level == "off" else Severity(level)

    def example_audience(self) -> str | None:
        """An audience under which the rule is on, for running its examples."""
        if self.examples_audience:
            return self.examples_audience
        if self.severity_for(None) is not None:
            return None
        for audience, level in self.audiences:
            if audience != "default" and level != "off":
                return audience
        return None

    @classmethod
    def from_data(cls, data: dict[str, Any], origin: str, line: int,
                  variables: dict[str, str], *, verified: bool = False,
                  topic: str | None = None) -> RuleSpec:
        examples = data.get("examples", {})
        return cls(
            id=data["id"],
            kind=data["kind"],
            severity=Severity(data["severity"]),
            message=data["message"],
            explanation=data["explanation"].strip(),
            sources=tuple(data["sources"]),
            scope=frozenset(data["scope"]),
            flag_examples=tuple(examples.get("flag", ())),
            pass_examples=tuple(examples.get("pass", ())),
            examples_today=examples.get("today"),
            examples_audience=examples.get("audience"),
            audiences=tuple(sorted(data.get("audiences", {}).items())),
            aliases=tuple(data.get("aliases", ())),
            quotes=_quote_policy(data.get("quotes", "include")),
            defers_to=tuple(data.get("defers_to", ())),
            topic=data.get("topic", topic),
            params={k: v for k, v in data.items() if k not in COMMON_FIELDS},
            variables=dict(variables),
            origin=origin,
            line=line,
            verified=verified,
        )


def _quote_policy(value: str | dict[str, str]) -> tuple[tuple[str, str], ...]:
    if isinstance(value, str):
        return (("default", value),)
    return tuple(sorted(value.items()))
