"""Fixture documents: each line that must trigger a rule carries `<!-- expect: pack/rule -->`
(several ids separated by commas). Every finding must be expected and every expectation met.
Documents are discovered automatically from fixtures/."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from medlint.api import lint_source
from medlint.config import Config
from medlint.engine import RunOptions
from medlint.source import SUFFIX_FORMATS, read_source

from conftest import FIXTURES, TODAY

EXPECT = regex.compile(r"<!--\s*expect:\s*([^>]*?)\s*-->")

DOCUMENTS = sorted(p for p in FIXTURES.rglob("*") if p.suffix in SUFFIX_FORMATS and p.is_file())


def expectations(text: str) -> set[tuple[int, str]]:
    expected = set()
    for number, line in enumerate(text.splitlines(), start=1):
        for m in EXPECT.finditer(line):
            for rule in regex.split(r"[\s,]+", m.group(1)):
                if rule:
                    expected.add((number, rule))
    return expected


def test_fixtures_exist() -> None:
    assert DOCUMENTS, "fixtures/ holds no documents"


@pytest.mark.parametrize("path", DOCUMENTS, ids=[str(p.relative_to(FIXTURES)) for p in DOCUMENTS])
def test_fixture(path: Path, builtin_rules) -> None:
    source = read_source(str(path))
    result = lint_source(source, Config(), builtin_rules, RunOptions(today=TODAY))
    found = {(f.line, f.rule) for f in result.findings}
    expected = expectations(source.text)
    missing = sorted(expected - found)
    unexpected = sorted(found - expected)
    detail = [f"missing   line {line}: {rule}" for line, rule in missing]
    detail += [
        f"unexpected line {f.line}: {f.rule}: {f.message}"
        for f in result.findings
        if (f.line, f.rule) in set(unexpected)
    ]
    assert not missing and not unexpected, "\n".join(detail)


def test_every_rule_is_exercised_by_a_fixture(builtin_rules) -> None:
    expected = {rule for path in DOCUMENTS
                for _, rule in expectations(path.read_text("utf-8", errors="replace"))}
    missing = sorted(r.spec.id for r in builtin_rules.rules if r.spec.id not in expected)
    assert not missing, f"rules with no fixture line: {', '.join(missing)}"
