"""Tables and figures: where the text cites them ("Table 2", "Figures 1-3") and which ones the
document contains. What a callout and a caption look like comes from the rule (its patterns);
this module only reads the document with them.

A document contains Table N (Figure N) when it has a caption for it:
- a block that starts with the label and number and a delimiter ("Table 2. Baseline ...",
  "**Figure 1.** Flow of ...", "### Table 3: Adverse events", an HTML figcaption or caption);
- for a figure, also an image whose alt text or title starts so ("![Figure 1. Flow](f1.png)").
The caption's text after the number is the table's title or the figure's legend; a label
alone on its line takes the paragraph below it as its legend."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .model import Document

_IMAGE = regex.compile(
    r"!\[(?P<alt>[^\]\n]*)\]\(\s*<?[^)\s>]+>?(?:\s+[\"'(](?P<title>[^\"')\n]*)[\"')])?\s*\)"
    r"|<img\b[^>]*?\balt\s*=\s*[\"'](?P<alt2>[^\"']*)[\"'][^>]*>|<img\b[^>]*>",
    regex.IGNORECASE,
)
_NUMBER = regex.compile(r"(\d{1,3})[A-Za-z]?(?:\s*(?:[-–—]|to|through)\s*(\d{1,3})\b)?")
_BLANK_LINE = regex.compile(r"\n[ \t]*\n")
_TEXT_KINDS = frozenset({"paragraph", "list-item", "blockquote", "footnote", "table"})


@dataclass(frozen=True)
class Callout:
    start: int
    end: int
    label: str  # canonical: "Table", "Figure"
    numbers: tuple[int, ...]


@dataclass(frozen=True)
class Caption:
    start: int
    end: int
    label: str
    number: int
    legend: str


@dataclass(frozen=True)
class Item:
    """A table or a figure the document shows: where it is, and its caption if it has one."""

    start: int
    end: int
    label: str
    caption: Caption | None


@dataclass(frozen=True)
class CalloutPatterns:
    """`callout` finds citations in the text (groups `label`, `nums`); `caption` matches at
    the start of a block or of an image's alt text (groups `label`, `num`, `legend`)."""

    callout: regex.Pattern[str]
    caption: regex.Pattern[str]

    @staticmethod
    def canonical(text: str) -> str | None:
        """"Tables", "Tab." -> Table; "Figs", "Fig." -> Figure; anything else None."""
        folded = text.casefold()
        return "Table" if folded.startswith("tab") else (
            "Figure" if folded.startswith("fig") else None)


@dataclass(frozen=True)
class CalloutMap:
    callouts: tuple[Callout, ...]
    captions: tuple[Caption, ...]
    items: tuple[Item, ...]  # tables and images, captioned or not

    @property
    def numbered(self) -> bool:
        """Whether the document numbers its tables or figures at all."""
        return bool(self.callouts or self.captions)

    def contained(self, label: str) -> set[int]:
        return {c.number for c in self.captions if c.label == label}


def expand(raw: str) -> tuple[int, ...]:
    numbers: list[int] = []
    for m in _NUMBER.finditer(raw):
        low = int(m.group(1))
        high = int(m.group(2)) if m.group(2) else low
        numbers.extend(range(low, high + 1) if 0 <= high - low <= 20 else (low,))
    return tuple(numbers)


def read_callouts(doc: Document, patterns: CalloutPatterns) -> CalloutMap:
    captions: list[Caption] = []
    caption_spans: list[tuple[int, int]] = []
    items: list[Item] = []
    blocks = doc.blocks
    for i, block in enumerate(blocks):
        if block.kind not in ("paragraph", "heading", "list-item", "blockquote", "table"):
            continue  # a table block: an HTML table's <caption>; a Markdown row starts with |
        text = doc.prose[block.start : block.end]
        lead = len(text) - len(text.lstrip())
        m = patterns.caption.match(text, lead)
        if m is None:
            continue
        label = patterns.canonical(m.group("label"))
        if label is None:
            continue
        legend = " ".join(m.group("legend").split()) if m.group("legend") else ""
        if not legend.strip(" *_"):
            legend = _legend_below(doc, i, patterns)
        caption = Caption(block.start + m.start(), block.end, label, int(m.group("num")),
                          legend.strip(" *_"))
        captions.append(caption)
        caption_spans.append((block.start + m.start(), block.start + m.end("num")))
    # Every image opens with "![" or "<"; most documents hold neither, and the pattern is
    # slow to search (it ignores case), so they are not searched.
    images = _IMAGE.finditer(doc.text) if "![" in doc.text or "<" in doc.text else ()
    for m in images:
        if any(c.start <= m.start() < c.end for c in doc.code_spans):
            continue
        alt = (m.group("alt") or m.group("alt2") or "").strip()
        title = (m.group("title") or "").strip()
        caption = None
        for source in (alt, title):
            c = patterns.caption.match(source) if source else None
            label = patterns.canonical(c.group("label")) if c else None
            if c and label:
                legend = " ".join((c.group("legend") or "").split()).strip(" *_")
                caption = Caption(m.start(), m.end(), label, int(c.group("num")), legend)
                captions.append(caption)
                break
        if caption is None:
            caption = _adjacent_caption(doc, m.start(), m.end(), captions, "Figure")
        items.append(Item(m.start(), m.end(), "Figure", caption))
    items.extend(_tables(doc, captions))
    callouts: list[Callout] = []
    for m in patterns.callout.finditer(doc.prose):
        block = doc.block_at(m.start())
        if block is None or block.kind not in _TEXT_KINDS:
            continue
        if any(s <= m.start() < e for s, e in caption_spans):
            continue
        label = patterns.canonical(m.group("label"))
        numbers = expand(m.group("nums"))
        if label and numbers:
            callouts.append(Callout(m.start(), m.end(), label, numbers))
    captions.sort(key=lambda c: c.start)
    return CalloutMap(tuple(callouts), tuple(captions), tuple(items))


def _legend_below(doc: Document, i: int, patterns: CalloutPatterns) -> str:
    """For a label alone on its line ("Figure 1", perhaps repeated), the paragraph below."""
    for block in doc.blocks[i + 1 : i + 4]:
        below = doc.prose[block.start : block.end]
        caption = patterns.caption.match(below.lstrip())
        if caption is not None and not (caption.group("legend") or "").strip(" *_"):
            continue  # the same label again
        if block.kind == "paragraph" and caption is None:
            return " ".join(below.split())[:120]
        return ""
    return ""


def _adjacent_caption(doc: Document, start: int, end: int, captions: list[Caption],
                      label: str) -> Caption | None:
    """A caption of `label` in the block holding the span, or in the block just before or
    after it (in HTML an image is in no block: the blocks around it)."""
    before = [i for i, b in enumerate(doc.blocks) if b.start <= start]
    i = before[-1] if before else -1
    holds = i >= 0 and doc.blocks[i].end > start
    window = range(i - 1 if holds else i, i + 2)
    near = [doc.blocks[j] for j in window if 0 <= j < len(doc.blocks)]
    for caption in captions:
        if caption.label == label and any(b.start <= caption.start < b.end for b in near):
            return caption
    return None


def _tables(doc: Document, captions: list[Caption]) -> list[Item]:
    """Markdown and HTML tables (runs of table rows), with the caption just above or below."""
    found: list[Item] = []
    run: list[int] = []
    for i, block in enumerate(doc.blocks + [None]):  # type: ignore[list-item]
        if block is not None and block.kind == "table" and (not run or (
                run[-1] == i - 1 and not _BLANK_LINE.search(
                    doc.text, doc.blocks[i - 1].end, block.start))):
            run.append(i)
            continue
        if run:
            first, last = doc.blocks[run[0]], doc.blocks[run[-1]]
            neighbours = [doc.blocks[j] for j in (run[0] - 1, run[-1] + 1)
                          if 0 <= j < len(doc.blocks)]
            neighbours += [first]  # an HTML table's own <caption>
            caption = next((c for c in captions if c.label == "Table" and any(
                b.start <= c.start < b.end for b in neighbours)), None)
            found.append(Item(first.start, last.end, "Table", caption))
            run = [i] if block is not None and block.kind == "table" else []
    return found
