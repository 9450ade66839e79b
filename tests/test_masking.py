"""Bare URLs and e-mail addresses are blanked out of the prose view, keeping its length."""

from __future__ import annotations

from medlint.document.masking import apply_mask, url_spans


def test_urls_and_addresses_are_found() -> None:
    text = "See www.nih.gov/health, write to help@example.org or visit https://x.org/a."
    found = [text[s:e] for s, e in url_spans(text)]
    assert found == ["www.nih.gov/health", "help@example.org", "https://x.org/a"]


def test_an_address_inside_a_url_is_blanked_once() -> None:
    text = "Archive: http://lists.example.org/bob@example.org/msg1 ends here."
    masked = apply_mask(text, url_spans(text))
    assert len(masked) == len(text)
    assert masked.startswith("Archive: ") and masked.endswith(" ends here.")
    assert "example" not in masked


def test_text_without_links_has_no_spans() -> None:
    assert url_spans("Take 5 mg at night; call us @ the clinic.") == []
