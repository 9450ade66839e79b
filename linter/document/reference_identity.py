"""What identifies the work a reference-list entry points to: its DOI, its PMID, or its title
and year (for entries that give neither identifier, or give them differently)."""

from __future__ import annotations

from dataclasses import dataclass

import regex

_DOI = regex.compile(r"\b10\.\d{4,9}/[^\s\"<>]+", regex.IGNORECASE)
_PMID = regex.compile(r"\bPMID:?\s*(\d{5,9})\b|\bpubmed\.ncbi\.nlm\.nih\.gov/(\d{5,9})\b",
                      regex.IGNORECASE)
_YEAR = regex.compile(r"\b(?:1[89]|20)\d{2}\b")
_NUMBERING = regex.compile(r"^\W{0,3}\d{1,3}[.)\]:]?\s+")
_URL = regex.compile(r"https?://\S+|\bdoi:\s*\S+|\bPMID:?\s*\d+|\bPMCID?:?\s*\S+",
                     regex.IGNORECASE)
# "Smith J, Lee KM, et al" / "Smith, J., & Lee, K. (2020)": a segment listing authors.
_AUTHORS = regex.compile(
    r"^\p{Lu}[\p{L}'’-]+(?:,?\s+\p{Lu}{1,3}\.?(?:\s?\p{Lu}\.)*)(?:,|\s+et\s+al|\s*$|\s*&|\s+and\b)"
)
_WORD = regex.compile(r"[\p{L}\p{N}]+")
_MIN_TITLE_WORDS = 4


@dataclass(frozen=True)
class Identity:
    """The keys one entry can share with another; any shared key means the same work."""

    doi: str | None
    pmid: str | None
    title: str | None  # normalised title words, with the year
    title_words: int

    def shared(self, other: Identity) -> str | None:
        """How `other` is the same work, or None."""
        if self.doi and self.doi == other.doi:
            return f"same DOI {self.doi}"
        if self.pmid and self.pmid == other.pmid:
            return f"same PMID {self.pmid}"
        if self.title and self.title == other.title:
            return "same title and year"
        return None


def identity(text: str) -> Identity:
    doi_match = _DOI.search(text)
    doi = doi_match.group().rstrip(".,;)]").casefold() if doi_match else None
    pmid_match = _PMID.search(text)
    pmid = (pmid_match.group(1) or pmid_match.group(2)) if pmid_match else None
    title, words = _title(text)
    return Identity(doi, pmid, title, words)


def _title(text: str) -> tuple[str | None, int]:
    """The entry's title as normalised words plus its year; None when no segment reads as a
    title (Vancouver and APA put it after the authors: the first segment after the first of
    four or more words that is not an author list)."""
    year = _YEAR.search(text)
    if year is None:
        return None, 0
    body = _URL.sub(" ", _NUMBERING.sub("", text.strip()))
    body = regex.sub(r"\(\s*(?:1[89]|20)\d{2}[a-z]?\s*\)\.?", ". ", body)
    # The first segment names the authors, a person or a body ("National Institute for
    # Health and Care Excellence."), never the title.
    for segment in regex.split(r"(?<=[.?!])\s+", body)[1:]:
        segment = segment.strip(" .")
        if _AUTHORS.match(segment) or _YEAR.search(segment) and ";" in segment:
            continue
        words = _WORD.findall(segment.casefold())
        if len(words) >= _MIN_TITLE_WORDS:
            return " ".join(words) + f" ({year.group()})", len(words)
    return None, 0
