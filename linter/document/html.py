"""HTML documents, parsed with justhtml (an HTML5-conformant parser that records source offsets).

Only text nodes in prose context stay visible in the prose view; tags, comments, entities and
the content of script, style, pre, code and similar elements are blanked.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

import regex
from justhtml import JustHTML

from .analyses import AnalysisCache
from .citations import with_reference_kinds
from .masking import blank, url_spans
from .model import Block, Comment, Document, Span

_HIDDEN = frozenset({"script", "style", "pre", "code", "textarea", "template", "svg", "math",
                     "kbd", "samp", "var", "noscript", "iframe", "object"})
_BLOCK_KIND = {
    **{f"h{i}": "heading" for i in range(1, 7)},
    "title": "title",  # the browser tab's text: metadata, usually a copy of the h1
    "li": "list-item", "dd": "list-item", "dt": "list-item",
    "td": "table", "th": "table", "caption": "table",
    "blockquote": "blockquote",
    **{tag: "paragraph" for tag in (
        "p", "div", "section", "article", "main", "header", "footer", "nav", "aside",
        "figcaption", "figure", "address", "summary", "details", "legend", "body", "html",
        "form", "fieldset", "label", "center", "ul", "ol", "dl", "table", "tr", "tbody",
        "thead", "tfoot",
    )},
}
_ENTITY = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _meta(node: Any) -> list[Any] | None:
    meta = getattr(node, "_metadata", None)
    return meta if isinstance(meta, list) else None


def parse_html(path: str, text: str, whole: bool = True) -> Document:
    """An HTML document; with `whole` False (raw HTML inside Markdown), its reference list is
    left for the enclosing document to find."""
    root = JustHTML(text, sanitize=False, track_node_locations=True).root
    markup_starts: list[int] = []
    comments: list[Comment] = []
    texts: list[tuple[int, Any, int, bool]] = []  # (start, block element, heading level, quoted)

    # An explicit stack, not recursion: nesting depth is the document's to choose.
    stack: list[tuple[Any, Any, int, bool, bool]] = [(root, None, 0, False, False)]
    while stack:
        node, block, level, quoted, hidden = stack.pop()
        kind = type(node).__name__
        meta = _meta(node)
        if kind == "Text":
            if meta and not hidden and node.data.strip():
                texts.append((meta[0], block, level, quoted))
            continue
        if kind == "Comment":
            start = next((m for m in (meta or [])[:2] if isinstance(m, int)), None)
            if start is not None:
                stop = text.find("-->", start + 4)
                stop = len(text) if stop < 0 else stop + 3
                markup_starts.append(start)
                comments.append(Comment(start, stop, text[start + 4 : stop - 3]))
            continue
        name = getattr(node, "name", "") or ""
        if meta and len(meta) >= 8:
            for at in (meta[4], meta[6]):
                if at is not None:
                    markup_starts.append(at)
        if name in _BLOCK_KIND:
            block = node
            if _BLOCK_KIND[name] == "heading":
                level = int(name[1]) if name.startswith("h") else 1
            elif name != "blockquote" and _BLOCK_KIND[name] != "paragraph":
                level = 0
        quoted = quoted or name == "blockquote"
        hidden = hidden or name in _HIDDEN
        children = getattr(node, "children", None) or []
        stack.extend((child, block, level, quoted, hidden) for child in reversed(children))

    for m in regex.finditer(r"<!DOCTYPE[^>]*>", text[:4096], flags=regex.IGNORECASE):
        markup_starts.append(m.start())
    markup_starts.sort()

    visible: list[tuple[int, int]] = []
    blocks: list[Block] = []
    current: tuple[Any, int, int, str, int] | None = None
    for start, block, level, quoted in sorted(texts, key=lambda t: t[0]):
        i = bisect_right(markup_starts, start)
        end = markup_starts[i] if i < len(markup_starts) else len(text)
        visible.append((start, end))
        name = getattr(block, "name", "") if block is not None else ""
        kind = "blockquote" if quoted else _BLOCK_KIND.get(name, "paragraph")
        if current is not None and current[0] is block:
            current = (block, current[1], end, kind, level)
            continue
        if current is not None:
            blocks.append(Block(current[1], current[2], current[3], current[4]))
        current = (block, start, end, kind, level)
    if current is not None:
        blocks.append(Block(current[1], current[2], current[3], current[4]))

    prose = _prose_view(text, visible)
    kept = [_trim(prose, b) for b in blocks if prose[b.start : b.end].strip()]
    return Document(
        path=path,
        text=text,
        prose=prose,
        format="html",
        blocks=with_reference_kinds(text, prose, "html", kept) if whole else kept,
        comments=comments,
        code_spans=[],
        analyses=AnalysisCache(),
    )


def _prose_view(text: str, visible: list[tuple[int, int]]) -> str:
    out: list[str] = []
    pos = 0
    for start, end in visible:
        if start < pos:
            start = pos
        out.append(blank(text[pos:start]))
        out.append(_ENTITY.sub(lambda m: " " * len(m.group()), text[start:end]))
        pos = max(pos, end)
    out.append(blank(text[pos:]))
    prose = "".join(out)
    for start, end in url_spans(prose):
        prose = prose[:start] + " " * (end - start) + prose[end:]
    return prose


def _trim(prose: str, block: Block) -> Block:
    start, end = block.start, block.end
    while start < end and prose[start].isspace():
        start += 1
    while end > start and prose[end - 1].isspace():
        end -= 1
    return Block(start, end, block.kind, block.level)


__all__ = ["parse_html", "Span"]
