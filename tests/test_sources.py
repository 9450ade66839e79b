"""Every `sources` entry names an edition or a year, and one published since the web began
(1995 on) gives where to find it: a URL, a DOI or a PMID. Packs not yet brought up to this
standard are listed in PENDING and checked once they leave it."""

from __future__ import annotations

import pytest
import regex

from conftest import builtin_rule_set

RULES = builtin_rule_set().rules
# Packs whose sources are still being brought up to the standard.
PENDING = frozenset({"advertising", "claims"})

_YEAR = regex.compile(r"\b(?:1[6-9]|20)\d{2}\b")
_EDITION = regex.compile(r"\b\d+(?:st|nd|rd|th) ed\.?(?!\w)|\bedition\b|\bversion \d", regex.I)
_WHERE = regex.compile(r"https?://\S+|\bdoi:\s?10\.\d{4,9}/\S+|\bPMID:?\s?\d+", regex.I)

CHECKED = [(r.spec.id, s) for r in RULES if r.spec.pack not in PENDING for s in r.spec.sources]


@pytest.mark.parametrize(("rule", "source"), CHECKED, ids=[f"{r}:{i}" for i, (r, _) in
                                                              enumerate(CHECKED)])
def test_source_names_edition_or_year_and_where(rule: str, source: str) -> None:
    years = [int(y) for y in _YEAR.findall(source)]
    assert years or _EDITION.search(source), f"{rule}: no edition or year in {source!r}"
    if max(years, default=9999) >= 1995:
        assert _WHERE.search(source), f"{rule}: no URL, DOI or PMID in {source!r}"


def test_the_check_reads_what_it_claims() -> None:
    assert not _YEAR.search("AMA Manual of Style, section 11.12") and not _EDITION.search(
        "AMA Manual of Style, section 11.12")
    assert _EDITION.search("AMA Manual of Style, 11th ed., section 11.12")
    assert not _WHERE.search("HONcode principle 4, Health On the Net Foundation, 2022")
    assert _WHERE.search("JAMA 1997;277(15):1244-1245. doi:10.1001/jama.1997.03540390074039")
