"""Property tests: any text lints without an exception and every position is consistent."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medlint.api import lint_text
from medlint.config import Config
from medlint.document import parse_document
from medlint.engine import lint_document
from medlint.fixes import choose_edits, fix_text
from medlint.positions import LineIndex

from conftest import builtin_rule_set

RULES = builtin_rule_set()

# Text biased towards what the parsers and rules react to, plus any Unicode at all.
PIECES = st.sampled_from([
    "\n", "\r\n", "\r", " ", "  ", "\t", "- ", "1. ", "> ", "# ", "```", "`", "---\n", "***",
    "[1]", "(Smith 2019)", "<!-- medlint-disable hype/superlative -->", "<!-- expect: x -->",
    "<p>", "</p>", "<blockquote>", "<h2>", "<script>", "<!--", "-->", "&amp;", "&#x41;",
    "\"", "“", "”", "breakthrough", "cures", "100% safe", "mg", "10 mg/kg", "µg", "in 2009",
    "WHO", "(BMI)", "BMI", "http://x.org/a", "**", "_", "|", "\ufeff", "é", "\u0301", "😀",
    "studies show", "References\n", "Sources:", "title: x\n",
    "5.0 mg", "Take 10.0 mg", "1.00 mcg", "â€™", "Ã©", "Â°", "Ã", "€", "â€",  # safe fixes
])
TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join),
)
FORMATS = st.sampled_from(["markdown", "text", "html"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, fmt=FORMATS)
def test_any_text_lints_and_positions_agree_with_offsets(text: str, fmt: str) -> None:
    findings = lint_text(text, fmt=fmt, rules=RULES)
    index = LineIndex(text)
    for f in findings:
        assert 0 <= f.offset <= f.end_offset <= len(text), f
        assert 1 <= f.line <= f.end_line <= index.line_count, f
        assert (f.line, f.column) == index.position(f.offset), f
        assert (f.end_line, f.end_column) == index.position(f.end_offset), f
        start, end = index.line_span(f.line, text)
        assert 1 <= f.column <= end - start + 1, f
        if f.fix is not None:
            assert 0 <= f.fix.start <= f.fix.end <= len(text), f


@settings(max_examples=100, deadline=None)
@given(text=TEXT)
def test_front_matter_documents_lint(text: str) -> None:
    """Front matter is read, never checked: nothing but a document-level finding starts in
    it, no fix touches it, and the body keeps its findings below it."""
    front = "---\ntitle: t\naudience: patient\n---\n"
    findings = lint_text(front + text, rules=RULES)
    for f in findings:
        assert f.document_level or f.offset >= len(front), f
        assert f.fix is None or f.fix.start >= len(front), f
    assert not any(f.rule == "dosing/trailing-zero" for f in findings
                   if f.offset < len(front))
    marked = lint_text(front + "Give 2.0 mg.\n" + text, rules=RULES)
    assert any(f.rule == "dosing/trailing-zero" and (f.line, f.column) == (5, 6)
               for f in marked)


def _lint(fmt: str):
    def lint(text: str):
        doc = parse_document("<text>", text, fmt)
        return doc, lint_document(doc, RULES, Config())
    return lint


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, fmt=FORMATS)
def test_fixing_twice_equals_fixing_once(text: str, fmt: str) -> None:
    once = fix_text(text, _lint(fmt)).text
    assert fix_text(once, _lint(fmt)).text == once


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, fmt=FORMATS)
def test_after_a_fix_no_safe_fixable_finding_remains(text: str, fmt: str) -> None:
    fixed = fix_text(text, _lint(fmt)).text
    doc, result = _lint(fmt)(fixed)
    assert choose_edits(doc, result.findings) == []
