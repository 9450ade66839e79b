"""Parse an article into a Document, whatever its format."""

from __future__ import annotations

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
    return doc
