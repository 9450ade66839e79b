"""The abbreviation table of one document, as journals ask for a list of abbreviations: each
abbreviation, its definition, the line that defines it, the line of its first use and how
often it is used, as text, Markdown or CSV (`medlint abbreviations FILE`)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import regex

from .checks.defined_before_use import DEFAULT_TOKEN, _in_capitals_run
from .document import parse_document
from .document.abbreviations import find_definitions
from .document.model import PROSE_KINDS, Document
from .source import SourceText, format_for

TABLE_FORMATS = ("text", "markdown", "csv")
_TOKEN = regex.compile(DEFAULT_TOKEN)
_ROMAN = regex.compile(r"^[IVXLC]+$")
_READ_KINDS = PROSE_KINDS | {"heading"}
HEADER = ("abbreviation", "definition", "defined", "first use", "uses")


@dataclass(frozen=True)
class Row:
    abbreviation: str
    definition: str  # "" when the document uses it without defining it
    defined_line: int | None
    first_use_line: int | None
    uses: int

    def cells(self) -> tuple[str, ...]:
        return (self.abbreviation, self.definition, _line(self.defined_line),
                _line(self.first_use_line), str(self.uses))


def _line(line: int | None) -> str:
    return "" if line is None else str(line)


def table_of(doc: Document, *, include_undefined: bool = False) -> list[Row]:
    """One row per defined abbreviation (and per undefined one, if asked), by abbreviation.
    A use is any occurrence other than the one that defines it; the first definition that
    spells the abbreviation out gives the definition."""
    spans = [(b.start, b.end) for b in doc.blocks if b.kind in _READ_KINDS]
    defined_at: dict[str, int] = {}
    long_forms: dict[str, str] = {}
    defining: set[int] = set()
    for definition in find_definitions(doc.prose, spans, accept=_TOKEN):
        defining.add(definition.start)
        defined_at.setdefault(definition.abbreviation, definition.start)
        if definition.long_form:
            long_forms.setdefault(definition.abbreviation, " ".join(definition.long_form.split()))
    uses: dict[str, list[int]] = {}
    for start, end in spans:
        for m in _TOKEN.finditer(doc.prose, start, end):
            if m.start() in defining or _ROMAN.match(m.group()):
                continue
            if _in_capitals_run(doc.prose, m.start(), m.end()):
                continue
            uses.setdefault(m.group(), []).append(m.start())
    names = set(defined_at) | (set(uses) if include_undefined else set())
    rows = []
    for name in sorted(names, key=lambda n: (n.casefold(), n)):
        found = uses.get(name, [])
        rows.append(Row(
            abbreviation=name,
            definition=long_forms.get(name, ""),
            defined_line=doc.lines.position(defined_at[name])[0] if name in defined_at else None,
            first_use_line=doc.lines.position(found[0])[0] if found else None,
            uses=len(found),
        ))
    return rows


def abbreviation_table(source: SourceText, *, include_undefined: bool = False) -> list[Row]:
    doc = parse_document(source.path, source.text, format_for(source.path))
    return table_of(doc, include_undefined=include_undefined)


def render(rows: list[Row], fmt: str) -> str:
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(row.cells() for row in rows)
        return out.getvalue()
    if fmt == "markdown":
        lines = ["| " + " | ".join(HEADER) + " |", "|" + " --- |" * len(HEADER)]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row.cells()) + " |"
                  for row in rows]
        return "\n".join(lines) + "\n"
    table = [HEADER, *(row.cells() for row in rows)]
    widths = [max(len(r[i]) for r in table) for i in range(len(HEADER))]
    return "".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
                   + "\n" for r in table)
