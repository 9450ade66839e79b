"""The library API works as its module documentation shows."""

from __future__ import annotations

import doctest

import medlint.api


def test_api_docstring_example_runs() -> None:
    outcome = doctest.testmod(medlint.api)
    assert outcome.attempted >= 2 and outcome.failed == 0
