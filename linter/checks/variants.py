"""`variants`: one term written in different forms in one document ("tumor" and "tumour",
"follow-up" and "followup", "3 patients" and "three patients", "12%" and "12 per cent").

A group lists the forms of one term: a literal word or phrase (matched as a whole word, with
a plural -s or -es, ignoring case unless the group is case-sensitive) or a named pattern.
Groups come from the rule's `groups` and from bundled lists (`variant_lists`:
rules/lists/NAME.txt, one group a line, whose `# styles: us | uk` line names the column
each form of a group stands in).

Two modes. Without a house form, a group used in two forms or more is a mix once it has
`min_total` uses: each use of a form other than the most used one (ties: the first used) is
flagged, and the message names the majority form and its count. With a house form
(`prefer`: a style column, or `prefer_forms`: names of forms; set them under `rule_options`
in the configuration) every use of another form of that group is flagged, mixed or not.

A capitalised literal form that does not open a sentence is taken for part of a name ("the
American Academy of Pediatrics" in a British text) and left alone."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from ..document.model import WORD_RUN, Document
from ..rule import RuleSpec
from .base import (
    Hit,
    NeedleGate,
    PatternError,
    RunContext,
    bundled_list_lines,
    compile_pattern,
    quote_skipping,
)
from .params import KindParams

_SPACE = regex.compile(r"\s+")
_SENTENCE_END = regex.compile(r"[.!?:;]['\"’”)]*\s*$")


@dataclass(frozen=True)
class Form:
    name: str
    label: str  # as the message shows it
    pattern: regex.Pattern[str] | None = None  # None: a literal word
    gate: NeedleGate = NeedleGate(None)  # a document without a needle of the pattern is skipped


@dataclass(frozen=True)
class Group:
    forms: tuple[Form, ...]
    case_sensitive: bool = False
    styles: tuple[str, ...] = ()  # style name of each form, by position


@dataclass(frozen=True)
class VariantsCheck:
    groups: tuple[Group, ...]
    # literal form (folded unless case-sensitive) -> (group, form) index
    literals: dict[str, tuple[int, int]]
    literal_pattern: regex.Pattern[str] | None
    cased_pattern: regex.Pattern[str] | None
    # The words a match of each pattern can open on (see `_openers`); None: search the
    # pattern itself, as a form does not open on a plain word.
    literal_openers: frozenset[str] | None
    cased_openers: frozenset[str] | None
    min_total: int
    max_minority_share: float
    prefer: str | None
    prefer_forms: frozenset[str]
    skip_quotes: frozenset[str | None]
    # The forms that are patterns, with their group and form index, in order.
    patterned: tuple[tuple[int, int, Form], ...] = ()

    def _preferred(self, group: Group) -> int | None:
        for i, form in enumerate(group.forms):
            if form.name in self.prefer_forms:
                return i
        if self.prefer and self.prefer in group.styles:
            index = group.styles.index(self.prefer)
            return index if index < len(group.forms) else None
        return None

    def _uses(self, doc: Document, ctx: RunContext) -> dict[int, dict[int, list[tuple[int, int]]]]:
        skip_quotes = ctx.audience in self.skip_quotes
        uses: dict[int, dict[int, list[tuple[int, int]]]] = {}

        def add(group: int, form: int, start: int, end: int) -> None:
            if skip_quotes and doc.in_quote(start, end):
                return
            uses.setdefault(group, {}).setdefault(form, []).append((start, end))

        searches = [search for search in (
            self._searches(doc, self.literal_pattern, self.literal_openers, False),
            self._searches(doc, self.cased_pattern, self.cased_openers, True))
            if search is not None]
        # The pattern forms that may match here: none of a pattern's needles, no match.
        patterned = [(g, f, form) for g, f, form in self.patterned
                     if form.gate.present(doc) != ()]
        for block in ctx.blocks(doc):
            for search in searches:
                cased = search.cased
                for m in search.matches(doc.prose, block.start, block.end, ctx.timeout):
                    found = self._literal(m.group(), cased)
                    if found is None:
                        continue
                    if m.group()[0].isupper():
                        opens = _opens_sentence(doc.prose, block.start, m.start())
                        if opens is None or opens == cased:
                            # A capital that opens a sentence says nothing of the house
                            # case; one inside a sentence is part of a name ("American
                            # Academy of Pediatrics"); after a colon it may be either.
                            continue
                    add(*found, *m.span())
            for g, f, form in patterned:
                if form.pattern is not None:
                    for m in form.pattern.finditer(doc.prose, block.start, block.end,
                                                   timeout=ctx.timeout):
                        add(g, f, *m.span())
        return uses

    @staticmethod
    def _searches(doc: Document, pattern: regex.Pattern[str] | None,
                  openers: frozenset[str] | None, cased: bool) -> _Search | None:
        """How to find the pattern's matches in this document; None when it has none: the
        pattern is unset, or the prose is plain ASCII (whose case-folded words the document
        lists) and holds no opener."""
        if pattern is None:
            return None
        if openers is None or not doc.prose.isascii():
            return _Search(pattern, cased, openers)
        words = doc.word_set
        present = [w for w in openers if w.casefold() in words] if cased else openers & words
        if not present:
            return None
        return _Search(pattern, cased, frozenset(present),
                       _word_starts(doc.prose if cased else doc.folded_prose, present))

    def _literal(self, text: str, cased: bool) -> tuple[int, int] | None:
        key = _SPACE.sub(" ", text)
        key = key if cased else key.casefold()
        for candidate in (key, key[:-1], key[:-2]):
            found = self.literals.get(candidate if cased else f"\0{candidate}")
            if found is not None:
                return found
        return None

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        for g, by_form in sorted(self._uses(doc, ctx).items()):
            group = self.groups[g]
            preferred = self._preferred(group)
            if preferred is not None:
                house = group.forms[preferred].label
                for f, spans in by_form.items():
                    if f != preferred:
                        for start, end in spans:
                            yield Hit(start, end, {"detail": f"house style is {house}, "
                                                             f"not {group.forms[f].label}"})
                continue
            if len(by_form) < 2:
                continue
            total = sum(len(spans) for spans in by_form.values())
            majority = min(by_form, key=lambda f: (-len(by_form[f]), by_form[f][0][0]))
            minority = total - len(by_form[majority])
            if total < self.min_total or minority / total > self.max_minority_share:
                continue
            count = len(by_form[majority])
            times = "once" if count == 1 else f"{count} times"
            for f, spans in by_form.items():
                if f == majority:
                    continue
                for start, end in spans:
                    yield Hit(start, end, {"detail": (
                        f"this document writes {group.forms[majority].label} {times} "
                        f"elsewhere, and {group.forms[f].label} here")})


@dataclass(frozen=True)
class _Search:
    """How one document is searched for a literal pattern's matches (see `matches`)."""

    pattern: regex.Pattern[str]
    cased: bool
    openers: frozenset[str] | None = None  # None: search with the pattern
    starts: list[int] | None = None  # in ASCII prose: where the openers stand, in order

    def matches(self, prose: str, start: int, end: int,
                timeout: float) -> Iterator[regex.Match[str]]:
        """What `pattern.finditer(prose, start, end)` finds, found without trying the
        pattern at every position when there are openers: a match opens where a word opens
        (each form opens on a word character, after no word character or hyphen), on a word
        that is an opener. In ASCII prose the finder finds those words; elsewhere every word
        is looked at, and one with other than ASCII characters is always tried, as
        case-insensitive matching of those is not `str.lower`. Each word is confirmed by the
        pattern anchored there, and words inside the last match are passed over, as
        `finditer` does."""
        if self.openers is None:
            yield from self.pattern.finditer(prose, start, end, timeout=timeout)
            return
        after = start
        for at in self._candidates(prose, start, end):
            if at < after:
                continue
            m = self.pattern.match(prose, at, end, timeout=timeout)
            if m is not None:
                after = m.end()
                yield m

    def _candidates(self, prose: str, start: int, end: int) -> Iterator[int]:
        if self.starts is not None:
            starts = self.starts
            yield from starts[bisect_left(starts, start):bisect_left(starts, end)]
            return
        openers = self.openers or frozenset()
        for word in WORD_RUN.finditer(prose, start, end):
            text = word.group()
            if (self.cased or text.isascii()) \
                    and (text if self.cased else text.lower()) not in openers:
                continue
            yield word.start()


def _word_starts(text: str, words: Iterable[str]) -> list[int]:
    """Where each of `words` stands in ASCII `text` as a whole run of word characters, in
    order (`str.find`, then the characters on either side)."""
    starts = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            after = at + len(word)
            if (at == 0 or not _ascii_word_char(text[at - 1])) \
                    and (after == len(text) or not _ascii_word_char(text[after])):
                starts.append(at)
            at = text.find(word, after)  # none opens inside this one as a whole run
    starts.sort()
    return starts


def _ascii_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _openers(words: list[str], cased: bool) -> frozenset[str] | None:
    """Every word a match of `_literal_regex(words, cased)` can open on: each form's first
    run of word characters, alone or with the plural ending (the whole word for a one-word
    form), in lower case unless `cased`. None when some form does not open on ASCII word
    characters (or, case-insensitive, holds other than ASCII), where the pattern searches."""
    openers: set[str] = set()
    for word in words:
        first = WORD_RUN.match(word)
        if first is None or not (cased or first.group().isascii()):
            return None
        head = first.group() if cased else first.group().lower()
        openers.update((head, head + "s", head + "es"))
    return frozenset(openers)


def _opens_sentence(prose: str, block_start: int, start: int) -> bool | None:
    """Whether a word at `start` opens a sentence (or its block: list markers are masked);
    None after a colon or semicolon, where a capital may open a title or a name."""
    if not prose[block_start:start].strip():
        return True
    m = _SENTENCE_END.search(prose, max(block_start, start - 12), start)
    if m is None:
        return False
    return None if m.group().lstrip()[0] in ":;" else True


@lru_cache(maxsize=32)
def _bundled(name: str) -> tuple[tuple[str, ...], bool, tuple[tuple[str, ...], ...]]:
    """A bundled variant list (rules/lists/NAME.txt): one group a line, its forms separated
    by `|`; `# styles: us | uk` names the columns, `# case-sensitive` makes case count."""
    lines = bundled_list_lines(name, "variant_lists: variant list")
    styles: tuple[str, ...] = ()
    cased = False
    groups = []
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if text.startswith("#"):
            directive = text.lstrip("# ").casefold()
            if directive.startswith("styles:"):
                styles = tuple(s.strip() for s in directive[7:].split("|"))
            cased = cased or directive == "case-sensitive"
            continue
        if not text:
            continue
        forms = tuple(f.strip() for f in text.split("|") if f.strip())
        if len(forms) < 2:
            raise PatternError(f"{name}.txt:{number}: a group needs two forms or more")
        groups.append(forms)
    return styles, cased, tuple(groups)


def _group(entry: Any, spec: RuleSpec, case_sensitive: bool, styles: tuple[str, ...],
           where: str) -> Group:
    if isinstance(entry, list):
        entry = {"forms": entry}
    if not isinstance(entry, dict) or not isinstance(entry.get("forms"), list) \
            or len(entry["forms"]) < 2:
        raise PatternError(f"{where}: a group needs two forms or more")
    cased = bool(entry.get("case_sensitive", case_sensitive))
    forms = []
    for form in entry["forms"]:
        if isinstance(form, str):
            forms.append(Form(form, f'"{form}"'))
            continue
        if not isinstance(form, dict) or "name" not in form or "pattern" not in form:
            raise PatternError(f"{where}: a form is a word or a mapping with name and pattern")
        flags = {**spec.params, "case_sensitive": cased}
        with_flags = _with_params(spec, flags)
        pattern = compile_pattern(form["pattern"], with_flags)
        forms.append(Form(str(form["name"]), str(form.get("label", f'"{form["name"]}"')),
                          pattern, NeedleGate.of((pattern,), with_flags)))
    return Group(tuple(forms), cased, styles)


def _with_params(spec: RuleSpec, params: dict[str, Any]) -> RuleSpec:
    from dataclasses import replace

    return replace(spec, params=params)


def _literal_regex(words: list[str], cased: bool) -> regex.Pattern[str] | None:
    if not words:
        return None
    body = "|".join(r"\s+".join(regex.escape(w) for w in word.split())
                    for word in sorted(set(words), key=len, reverse=True))
    flags = regex.UNICODE | (0 if cased else regex.IGNORECASE)
    return regex.compile(rf"(?<![\w-])(?:{body})(?:e?s)?(?![\w-])", flags)


@dataclass(frozen=True)
class Params(KindParams):
    groups: Sequence[Any] = ()  # lists of forms, or {forms, case_sensitive} entries
    variant_lists: Sequence[str] = ()  # bundled lists of groups
    case_sensitive: bool = False
    min_total: int = 2  # uses of a group before its mix is judged
    max_minority_share: float = 0.5
    prefer: str | None = None  # a style of the lists every use should follow
    prefer_forms: Sequence[str] = ()

    required_any = (("groups",), ("variant_lists",))


def compile_check(spec: RuleSpec) -> VariantsCheck:
    params = Params.of(spec)
    groups: list[Group] = []
    cased_default = bool(params.case_sensitive)
    for i, entry in enumerate(params.groups):
        groups.append(_group(entry, spec, cased_default, (), f"groups[{i}]"))
    for name in params.variant_lists:
        styles, cased, entries = _bundled(name)
        for i, entry in enumerate(entries):
            groups.append(_group(list(entry), spec, cased, styles,
                                 f"rules/lists/{name}.txt: group {i + 1}"))
    literals: dict[str, tuple[int, int]] = {}
    plain: list[str] = []
    cased_words: list[str] = []
    for g, group in enumerate(groups):
        for f, form in enumerate(group.forms):
            if form.pattern is not None:
                continue
            key = _SPACE.sub(" ", form.name.strip())
            if group.case_sensitive:
                literals[key] = (g, f)
                cased_words.append(key)
            else:
                literals[f"\0{key.casefold()}"] = (g, f)
                plain.append(key)
    names = {form.name for group in groups for form in group.forms}
    unknown = sorted(set(map(str, params.prefer_forms)) - names)
    if unknown:
        raise PatternError(f"prefer_forms names no form of its groups: "
                           f"{', '.join(map(repr, unknown))}")
    styles = {style for group in groups for style in group.styles}
    if params.prefer is not None and params.prefer not in styles:
        raise PatternError(f"prefer {params.prefer!r} is not a style of its "
                           f"lists ({', '.join(sorted(styles)) or 'none'})")
    return VariantsCheck(
        groups=tuple(groups),
        literals=literals,
        literal_pattern=_literal_regex(plain, False),
        cased_pattern=_literal_regex(cased_words, True),
        literal_openers=_openers(plain, False),
        cased_openers=_openers(cased_words, True),
        min_total=int(params.min_total),
        max_minority_share=float(params.max_minority_share),
        prefer=params.prefer,
        prefer_forms=frozenset(str(f) for f in params.prefer_forms),
        skip_quotes=quote_skipping(spec),
        patterned=tuple((g, f, form) for g, group in enumerate(groups)
                        for f, form in enumerate(group.forms) if form.pattern is not None),
    )
