"""Citations and reference lists as the parser reads them: indexes are not citations,
consecutive numbered lines are separate entries, and duplicate entries are recognised."""

from __future__ import annotations

from medlint.document import parse_document
from medlint.document.reference_identity import identity


def _citations(text: str) -> list[tuple[int, ...]]:
    return [c.numbers for c in parse_document("a.md", text, "markdown").citations]


def test_index_after_a_name_is_not_a_citation() -> None:
    assert _citations("Take x[0] and values[1][2] from df[3], row_3[1] and v[2] = 4.") == []


def test_citation_right_after_a_word_is_a_citation() -> None:
    assert _citations("The risk of death is about 0.1 percent[4] and falls.") == [(4,)]


def test_inline_reference_list_paragraph_holds_no_citations() -> None:
    text = ("Risk rose [1] and fell [2].\n\n[1] Smith J. Rest. BMJ. 2004;1:2. "
            "[2] Lee K. Sleep. BMJ. 2005;3:4.\n")
    assert _citations(text) == [(1,), (2,)]


def test_bracketed_numbers_after_space_are_citations() -> None:
    assert _citations("Rest helps [1][2] and sleep [3-5].") == [(1,), (2,), (3, 4, 5)]


def test_zero_is_never_a_citation_number() -> None:
    assert _citations("The first item is [0] in the list.") == []


def test_code_is_never_read_for_citations() -> None:
    assert _citations("Rest helps [1].\n\n```\ny = x [2]\n```\n") == [(1,)]


def test_consecutive_numbered_lines_are_separate_entries() -> None:
    text = ("Rest [1] and sleep [2].\n\n## References\n\n"
            "[1] Smith J. Rest. BMJ. 2022;378:1-2.\n"
            "[2] Lee K. Sleep. BMJ.\n    2021;375:3-4.\n"
            "[3] Brown P. Diet. BMJ. 2020;370:5-6.\n")
    refs = parse_document("a.md", text, "markdown").references
    assert [e.number for e in refs.entries] == [1, 2, 3]
    assert refs.entries[1].text.endswith("2021;375:3-4.")


def test_a_single_entry_block_stays_one_entry() -> None:
    text = "Rest [1].\n\n## References\n\nSmith J. Rest. BMJ.\n2022;378:1-2.\n"
    refs = parse_document("a.md", text, "markdown").references
    assert len(refs.entries) == 1


def test_same_doi_in_different_case_is_the_same_work() -> None:
    a = identity("1. Smith J. Rest. BMJ. 2022. doi:10.1136/bmj.x1")
    b = identity("2. Smith J. Rest again. BMJ. 2022. https://doi.org/10.1136/BMJ.X1.")
    assert a.shared(b) == "same DOI 10.1136/bmj.x1"


def test_same_title_needs_the_same_year() -> None:
    a = identity("1. Smith J, Lee K. Rest after surgery in older adults. BMJ. 2022;378:e1.")
    b = identity("2. Smith J, Lee K. Rest After Surgery in Older Adults! BMJ. 2022;378:e1.")
    c = identity("3. Smith J, Lee K. Rest after surgery in older adults. BMJ. 2023;380:e2.")
    assert a.shared(b) == "same title and year"
    assert a.shared(c) is None


def test_author_lists_are_not_titles() -> None:
    a = identity("1. Smith J, Lee K, Brown P, Gray T. Walking. BMJ. 2022;378:e1.")
    b = identity("2. Smith J, Lee K, Brown P, Gray T. Sleep. BMJ. 2022;378:e9.")
    assert a.title is None and a.shared(b) is None


def test_a_corporate_author_is_not_a_title() -> None:
    a = identity("1. National Institute for Health and Care Excellence. Hypertension in "
                 "adults: diagnosis and management. NICE guideline NG136. 2019.")
    b = identity("2. National Institute for Health and Care Excellence. Type 2 diabetes in "
                 "adults: management. NICE guideline NG28. 2019.")
    assert a.shared(b) is None
