"""Parse an article into a Document, whatever its format."""

from __future__ import annotations

from dataclasses import replace

from .model import Block, Comment, Document, Span

__all__ = ["Block", "Comment", "Document", "Span", "parse_document"]


def parse_document(path: str, text: str, fmt: str) -> Document:
    if fmt == "html":
        from .html import parse_html

        doc = parse_html(path, text)
    elif fmt == "text":
        from .text import parse_text

        doc = parse_text(path, text)
    else:
        from .markdown import parse_markdown

        doc = parse_markdown(path, text)
    return _mark_references(doc)


def _mark_references(doc: Document) -> Document:
    """Blocks of the reference list get the kind `reference`, so prose rules skip them."""
    from .citations import reference_section

    _, entries = reference_section(doc)
    if not entries:
        return doc
    starts = {b.start for b in entries}
    doc.blocks = [replace(b, kind="reference") if b.start in starts else b for b in doc.blocks]
    return doc
