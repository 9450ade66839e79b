"""Markdown documents, parsed with markdown-it-py (CommonMark, tables, footnotes, front matter).

The parser decides what is code, HTML, link target or front matter; this module only finds the
parser's tokens back in the source so that the prose view keeps every offset of the original.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import regex
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from ..positions import LineIndex
from .analyses import AnalysisCache
from .citations import with_reference_kinds
from .masking import apply_mask, url_spans
from .model import Block, Comment, Document, Span

_BLOCKQUOTE_MARK = regex.compile(r"^[ \t]{0,3}(?:>[ \t]?)+", regex.MULTILINE)
_LIST_MARK = regex.compile(r"[ \t]*(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)")
_ATX_MARK = regex.compile(r"^[ \t]{0,3}#{1,6}(?=[ \t]|$)|[ \t]+#+[ \t]*$", regex.MULTILINE)
_LINK_TAIL = regex.compile(r"\]\s*(?:\((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\)|\[[^\]]*\])")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """The block parser. Inline content is parsed one block at a time as the tokens are
    walked (see parse_markdown), so a long document never holds every inline token at once."""
    md = (
        MarkdownIt("commonmark", {"linkify": False})
        .enable("table")
        .use(front_matter_plugin)
        .use(footnote_plugin)
    )
    md.core.ruler.disable(["inline", "text_join"])
    return md


def _inline_children(token: Token, env: dict[str, Any]) -> list[Token]:
    md = _parser()
    children: list[Token] = []
    md.inline.parse(token.content, md, env, children)
    return children


def _line_range(index: LineIndex, text: str, token_map: list[int]) -> tuple[int, int]:
    first, last = token_map[0] + 1, max(token_map[1], token_map[0] + 1)
    start = index.line_start(first)
    _, end = index.line_span(min(last, index.line_count), text)
    return start, end


def _load_front_matter(content: str, first_line: int) -> tuple[dict[str, Any], str | None]:
    """The front matter's mapping, and what is wrong with it ("line: problem") if anything."""
    import yaml  # only documents with front matter need it

    fast_safe_loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml if present
    try:
        data = yaml.load(content, Loader=fast_safe_loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first_line + 1 + (mark.line if mark is not None else 0)
        problem = getattr(exc, "problem", None) or "cannot be read"
        return {}, f"{line}: front matter is not valid YAML ({problem})"
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        return {}, f"{first_line + 1}: front matter is not a mapping of keys to values"
    return data, None


class _InlineLocator:
    """Walks an inline token's children and finds code, HTML and link targets in the source."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.cursor = start
        self.end = end
        self.masks: list[tuple[int, int]] = []
        self.code: list[tuple[int, int]] = []
        self.comments: list[Comment] = []

    def _find(self, needle: str) -> int:
        return self.text.find(needle, self.cursor, self.end) if needle else -1

    def visit(self, children: list[Token]) -> None:
        for child in children:
            handler = getattr(self, "_on_" + child.type, None)
            if handler is not None:
                handler(child)

    def _on_code_inline(self, token: Token) -> None:
        ticks = regex.compile(rf"(?<!`){regex.escape(token.markup)}(?!`)")
        opening = ticks.search(self.text, self.cursor, self.end)
        if opening is None:
            return
        closing = ticks.search(self.text, opening.end(), self.end)
        stop = closing.end() if closing else opening.end()
        self.masks.append((opening.start(), stop))
        self.code.append((opening.start(), stop))
        self.cursor = stop

    def _on_html_inline(self, token: Token) -> None:
        at = self._find(token.content)
        if at < 0:
            return
        stop = at + len(token.content)
        self.masks.append((at, stop))
        if token.content.startswith("<!--"):
            self.comments.append(Comment(at, stop, token.content[4:-3]))
        self.cursor = stop

    def _on_image(self, token: Token) -> None:
        at = self._find("![")
        if at < 0:
            return
        tail = _LINK_TAIL.search(self.text, at + 2, self.end)
        stop = tail.end() if tail else at + 2
        self.masks.append((at, stop))
        self.cursor = stop

    def _on_link_open(self, token: Token) -> None:
        if token.markup == "autolink":
            at = self._find("<")
            close = self.text.find(">", at, self.end) if at >= 0 else -1
            if close >= 0:
                self.masks.append((at, close + 1))
                self.cursor = close + 1
            return
        at = self._find("[")
        if at >= 0:
            self.masks.append((at, at + 1))
            self.cursor = at + 1

    def _on_link_close(self, token: Token) -> None:
        tail = _LINK_TAIL.search(self.text, self.cursor, self.end)
        if tail is not None:
            self.masks.append(tail.span())
            self.cursor = tail.end()


_CONTAINER_OPENS = frozenset({"blockquote_open", "bullet_list_open", "ordered_list_open",
                              "list_item_open"})
_LEAVES = frozenset({"inline", "fence", "code_block", "html_block", "hr", "front_matter"})
# Blockquote and list markers at the start of a line, however deeply nested.
_NESTED_MARKS = regex.compile(r"[ \t]*(?:(?:>|[-+*]|\d{1,9}[.)])(?=[ \t]|$)[ \t]*)+")


def _beyond_nesting_limit(tokens: list[Token], index: LineIndex, text: str,
                          masks: list[tuple[int, int]]) -> list[Block]:
    """Blocks for the lines the parser dropped: past its nesting limit (blockquotes and lists
    inside each other more than `maxNesting` deep) it skips a container's content. Those lines
    are still prose to check, with their markers masked."""
    limit = _parser().options["maxNesting"]
    deepest = [t for t in tokens if t.type in _CONTAINER_OPENS and t.map
               and t.level >= limit - 1]
    if not deepest:
        return []
    covered: set[int] = set()
    for token in tokens:
        if token.type in _LEAVES and token.map:
            covered.update(range(token.map[0], max(token.map[1], token.map[0] + 1)))
    blocks: list[Block] = []
    done: set[int] = set()
    for container in deepest:
        for line in range(container.map[0], container.map[1]):
            if line in covered or line in done or line >= index.line_count:
                continue
            done.add(line)
            start, end = index.line_span(line + 1, text)
            mark = _NESTED_MARKS.match(text, start, end)
            body = mark.end() if mark else start
            if not text[body:end].strip():
                continue
            if mark:
                masks.append((start, body))
            blocks.append(Block(start, end, "blockquote" if ">" in text[start:body]
                                else "list-item"))
    return blocks


def parse_markdown(path: str, text: str) -> Document:
    index = LineIndex(text)
    env: dict[str, Any] = {}
    tokens = _parser().parse(text, env)
    masks: list[tuple[int, int]] = []
    code: list[tuple[int, int]] = []
    comments: list[Comment] = []
    blocks: list[Block] = []
    front_matter: dict[str, Any] = {}
    front_span: Span | None = None
    front_matter_error: str | None = None
    containers: list[str] = []
    heading_level = 0

    for token in tokens:
        kind = token.type
        if kind == "front_matter" and token.map:
            start, end = _line_range(index, text, token.map)
            front_span = Span(start, end)
            front_matter, front_matter_error = _load_front_matter(token.content, token.map[0])
            masks.append((start, end))
        elif kind in ("fence", "code_block") and token.map:
            span = _line_range(index, text, token.map)
            masks.append(span)
            code.append(span)
        elif kind == "html_block" and token.map:
            start, end = _line_range(index, text, token.map)
            _mask_html_block(text, start, end, masks, comments, blocks)
        elif kind == "blockquote_open" and token.map:
            containers.append("blockquote")
            start, end = _line_range(index, text, token.map)
            for mark in _BLOCKQUOTE_MARK.finditer(text, start, end):
                masks.append(mark.span())
        elif kind == "list_item_open" and token.map:
            containers.append("list-item")
            line_start = index.line_start(token.map[0] + 1)
            mark = _LIST_MARK.match(text, line_start)
            if mark is not None:
                masks.append(mark.span())
        elif kind in ("table_open", "footnote_open"):
            containers.append("table" if kind == "table_open" else "footnote")
        elif kind in ("blockquote_close", "list_item_close", "table_close", "footnote_close"):
            if containers:
                containers.pop()
        elif kind == "heading_open":
            heading_level = int(token.tag[1:])
        elif kind == "heading_close":
            heading_level = 0
        elif kind == "inline" and token.map:
            start, end = _line_range(index, text, token.map)
            if heading_level:
                block_kind = "heading"
                masks.extend(m.span() for m in _ATX_MARK.finditer(text, start, end))
            elif "blockquote" in containers:
                block_kind = "blockquote"
            else:
                block_kind = containers[-1] if containers else "paragraph"
            locator = _InlineLocator(text, start, end)
            locator.visit(_inline_children(token, env))
            masks.extend(locator.masks)
            code.extend(locator.code)
            comments.extend(locator.comments)
            if block_kind == "table" and blocks and blocks[-1].kind == "table" and (
                blocks[-1].start == start
            ):
                continue  # one block per table row: cells share the row's line
            blocks.append(Block(start, end, block_kind, heading_level))

    blocks += _beyond_nesting_limit(tokens, index, text, masks)
    masks.extend(url_spans(text))
    prose = apply_mask(text, masks)
    blocks.sort(key=lambda b: b.start)
    return Document(
        path=path,
        text=text,
        prose=prose,
        format="markdown",
        blocks=with_reference_kinds(text, prose, "markdown", blocks),
        comments=comments,
        front_matter=front_matter,
        front_matter_span=front_span,
        front_matter_error=front_matter_error,
        code_spans=[Span(s, e) for s, e in sorted(code)],
        analyses=AnalysisCache(),
    )


def _mask_html_block(
    text: str,
    start: int,
    end: int,
    masks: list[tuple[int, int]],
    comments: list[Comment],
    blocks: list[Block],
) -> None:
    """Raw HTML inside Markdown: the HTML parser decides what is tag, comment or text."""
    from .html import parse_html

    inner = parse_html("", text[start:end], whole=False)
    prose = inner.prose
    for i, ch in enumerate(prose):
        if ch == " " and text[start + i] not in " \t":
            masks.append((start + i, start + i + 1))
    comments.extend(Comment(start + c.start, start + c.end, c.body) for c in inner.comments)
    blocks.extend(Block(start + b.start, start + b.end, b.kind, b.level) for b in inner.blocks)
