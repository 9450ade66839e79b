"""Shared test helpers: the built-in rule set (loaded once) and the fixed date tests judge by."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from medlint.loader import RuleSet, load_rules

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="session")
def builtin_rules() -> RuleSet:
    return load_rules()
