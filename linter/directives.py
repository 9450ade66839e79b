"""Inline directives in HTML comments:

    <!-- medlint-disable RULE... -->            off from here (no rule named: every rule)
    <!-- medlint-enable RULE... -->             on again
    <!-- medlint-disable-next-line [RULE...] [-- reason] -->

A RULE is a rule id (`dosing/trailing-zero`) or a pack (`dosing`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .document.model import Document

_DIRECTIVE = regex.compile(r"^\s*medlint-(disable-next-line|disable|enable)(?=\s|$)(.*)$", regex.DOTALL)


@dataclass
class Directive:
    verb: str
    rules: tuple[str, ...]
    line: int
    column: int
    reason: str
    used: bool = False
    origin_line: int = 0  # where the comment itself stands

    def names(self, rule_id: str) -> bool:
        return not self.rules or rule_id in self.rules or rule_id.split("/")[0] in self.rules


@dataclass
class Directives:
    items: list[Directive] = field(default_factory=list)

    @classmethod
    def of(cls, doc: Document) -> Directives:
        items = []
        for comment in doc.comments:
            m = _DIRECTIVE.match(comment.body)
            if m is None:
                continue
            verb = m.group(1)
            names, _, reason = m.group(2).partition("--")
            rules = tuple(r for r in regex.split(r"[\s,]+", names.strip()) if r)
            line, column = doc.lines.position(comment.start)
            end_line, _ = doc.lines.position(comment.end)
            target = end_line
            if verb == "disable-next-line":
                target = _next_content_line(doc, end_line)
            items.append(Directive(verb, rules, target, column, reason.strip(), origin_line=line))
        items.sort(key=lambda d: d.line)
        return cls(items)

    def suppresses(self, rule_id: str, line: int) -> bool:
        disabled_by: Directive | None = None
        hit = False
        for directive in self.items:
            if directive.verb == "disable-next-line":
                if directive.line == line and directive.names(rule_id):
                    directive.used = True
                    hit = True
                continue
            if directive.line > line:
                break
            if directive.names(rule_id):
                disabled_by = directive if directive.verb == "disable" else None
        if disabled_by is not None:
            disabled_by.used = True
            return True
        return hit

    def unused(self) -> list[Directive]:
        return [d for d in self.items if d.verb != "enable" and not d.used]


def _next_content_line(doc: Document, line: int) -> int:
    """The first non-blank line after `line`."""
    count = doc.lines.line_count
    nxt = line + 1
    while nxt <= count:
        start, end = doc.lines.line_span(nxt, doc.text)
        if doc.text[start:end].strip():
            return nxt
        nxt += 1
    return line + 1
