"""The shortcuts some checks take instead of searching the whole text with a pattern find
exactly what the pattern finds: each is compared with the plain search on text written to
reach its edge cases."""

from __future__ import annotations

import datetime as dt

import regex

from medlint.checks.repeat import _DOUBLED, _DOUBLED_ASCII
from medlint.checks.variants import VariantsCheck, _literal_regex, _openers
from medlint.document import parse_document
from medlint.document.abbreviations import _stands_alone
from medlint.document.citations import CITATION, _citation_matches
from medlint.document.dates import first_date, opening_date

_VARIANT_TEXTS = [
    "The tumour shrank. Tumours and tumors differ; a pre-tumor state is not a tumour-free one.",
    "Health care\nworkers and healthcare staff; HEALTH CARE costs and health  care plans.",
    "Follow-up at six weeks, followups later, follow-ups in May and a follow-upx visit.",
    "Tumoresque tumores tumor's tumors_ _tumor 2tumor tumor2 (tumour) “tumor”.",
    "Le tumeur, the tumör and the tumour; Straße, the ſtumor and the tumor again.",
    "Gram-negative rods and gram-negative cocci; GRAM-NEGATIVE, Gram-negatives, x-ray.",
]


def _spans(found) -> list[tuple[int, int]]:
    return [m.span() for m in found]


def _compare_variants(words: list[str], cased: bool) -> None:
    pattern = _literal_regex(words, cased)
    openers = _openers(words, cased)
    assert pattern is not None and openers is not None
    for text in _VARIANT_TEXTS:
        doc = parse_document("a.md", text, "markdown")
        search = VariantsCheck._searches(doc, pattern, openers, cased)
        for block in doc.blocks:
            expected = _spans(pattern.finditer(doc.prose, block.start, block.end))
            found = [] if search is None else _spans(
                search.matches(doc.prose, block.start, block.end, 2.0))
            assert found == expected, (text, words)


def test_variant_openers_find_what_the_literal_pattern_finds() -> None:
    _compare_variants(["tumor", "tumour", "health care", "healthcare", "follow-up",
                       "followup", "x-ray", "tumor state", "care"], cased=False)


def test_variant_openers_find_what_the_cased_pattern_finds() -> None:
    _compare_variants(["Gram-negative", "gram-negative", "X-ray", "tumour"], cased=True)


def test_a_form_not_opening_on_a_word_is_searched_with_its_pattern() -> None:
    assert _openers(["tumor", "-itis"], False) is None
    assert _openers(["tumör"], False) is None  # not ASCII, ignoring case
    assert _openers(["tumör"], True) == {"tumör", "tumörs", "tumöres"}


def test_doubled_words_in_ascii_are_what_the_regex_pattern_finds() -> None:
    text = ("the the The THE x-the the (the the. don't don't it's it's' a a b b the\tthe\n\n"
            "the\x0bthe tthe the thethe the the the-x is is, Smell smell 4 4 a_a a_a")
    assert _spans(_DOUBLED_ASCII.finditer(text, 4, len(text) - 3)) == _spans(
        _DOUBLED.finditer(text, 4, len(text) - 3))
    assert len(_spans(_DOUBLED.finditer(text))) >= 8


def test_citations_are_what_the_citation_pattern_finds() -> None:
    text = ("Smoking doubles the risk (Smith 2019) [1] and more[2,3]; x[0] y2[1] about 4 "
            "percent[4]. See doi:10.1000/xyz1, https://doi.org/10.1000/abc.2 and PMID: "
            "12345678, PMC1234567, NCT01234567. Lancet 2019 Jan;12(3):45-67 and 1999;4:5. "
            "Also ¹²,³ x²doi:10.1234/abc <sup>3</sup> [^a] (see Lee et al., 2001; Kim, 2003) "
            "pubmed.ncbi.nlm.nih.gov/123456 19٣٤;2:3 (Ünal 2020)")
    expected = _spans(CITATION.finditer(text))
    assert _spans(_citation_matches(text)) == expected
    assert len(expected) >= 15


def test_opening_date_is_first_date_at_the_start() -> None:
    for text in ["March 3, 2021 by the team", "30 Feb 2020, 3 March 2021", "2021-02-30 x",
                 "Updated 3 May 2020", "12/31/2019.", "2019", " 2019", "May 2020; June 2021"]:
        found = first_date(text)
        expected = (found[0], found[2]) if found is not None and found[1] == 0 else None
        assert opening_date(text) == expected, text
    assert opening_date("March 3, 2021") == (dt.date(2021, 3, 3), 13)


def test_an_abbreviation_stands_alone_where_the_pattern_says() -> None:
    for text, word in [("the er clinic", "er"), ("liver", "er"), ("er-positive", "er"),
                       ("x er", "er"), ("er", "er"), ("_er", "er"), ("éer", "er"),
                       ("ber er", "er"), ("cmd (the merosin-positive cmd)", "cmd")]:
        expected = regex.search(rf"(?<![\w-]){regex.escape(word)}(?![\w-])", text) is not None
        assert _stands_alone(text, word) == expected, (text, word)


def test_the_word_set_of_ascii_and_other_prose_is_every_word_run() -> None:
    from medlint.document.model import WORD_RUN

    for text in ["Take 2_tabs of co-amoxiclav (x3) daily.", "Straße, naïve café\u0301 and CAFE"]:
        doc = parse_document("a.md", text, "markdown")
        assert doc.word_set == frozenset(WORD_RUN.findall(doc.folded_prose))
        assert "2_tabs" in doc.word_set or "strasse" in doc.word_set
