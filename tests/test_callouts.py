"""Tables and figures as the callouts rules read them: what counts as cited, as contained,
and as captioned."""

from __future__ import annotations

from medlint.api import lint_text
from medlint.checks.callouts import compile_check
from medlint.document import parse_document
from medlint.document.callouts import expand, read_callouts
from medlint.loader import RuleSet


def _patterns(rules: RuleSet):
    spec = next(r.spec for r in rules.rules if r.spec.id == "callouts/missing")
    return compile_check(spec).patterns


def _map(text: str, rules: RuleSet):
    return read_callouts(parse_document("a.md", text, "markdown"), _patterns(rules))


def test_expand_numbers_ranges_and_panels() -> None:
    assert expand("1 and 3") == (1, 3)
    assert expand("2-4") == (2, 3, 4)
    assert expand("1A-C") == (1,)
    assert expand("1, 2, and 5") == (1, 2, 5)


def test_callouts_skip_supplementary_items(builtin_rules) -> None:
    found = _map("See Table 1, Supplementary Table 2, eTable 3, Table S4 and Figs 2A-C.",
                 builtin_rules)
    assert [(c.label, c.numbers) for c in found.callouts] == [("Table", (1,)),
                                                              ("Figure", (2,))]


def test_captions_in_blocks_and_image_alt_text(builtin_rules) -> None:
    text = ("Results are in Table 1 and Figure 1.\n\n**Table 1.** Baseline data\n\n"
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n![Figure 1. Flow of patients](f.png)\n")
    found = _map(text, builtin_rules)
    assert found.contained("Table") == {1} and found.contained("Figure") == {1}
    assert all(item.caption is not None for item in found.items)
    assert [c.legend for c in found.captions] == ["Baseline data", "Flow of patients"]


def test_a_sentence_starting_with_a_callout_is_not_a_caption(builtin_rules) -> None:
    found = _map("Table 2 shows the adverse events by arm.", builtin_rules)
    assert found.captions == () and found.callouts[0].numbers == (2,)


def test_two_tables_separated_by_a_blank_line_are_two_items(builtin_rules) -> None:
    text = "See Table 1.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n| c | d |\n|---|---|\n| 3 | 4 |\n"
    assert len(_map(text, builtin_rules).items) == 2


def test_web_page_without_numbered_items_is_quiet() -> None:
    text = "Opening hours:\n\n| Day | Hours |\n|---|---|\n| Monday | 9-5 |\n\n![](map.png)\n"
    findings = lint_text(text)
    assert not [f for f in findings if f.rule.startswith("callouts/")]


def test_html_figcaption_and_table_caption_are_captions(builtin_rules) -> None:
    text = ("<html><body><p>See Figure 1 and Table 1.</p>\n"
            "<figure><img src=\"f.png\" alt=\"\"><figcaption>Figure 1. Flow of patients."
            "</figcaption></figure>\n<table><caption>Table 1. Baseline data</caption>"
            "<tr><th>Age</th><td>64</td></tr></table></body></html>\n")
    found = read_callouts(parse_document("a.html", text, "html"), _patterns(builtin_rules))
    assert [(i.label, i.caption is not None) for i in found.items] == [
        ("Figure", True), ("Table", True)]
