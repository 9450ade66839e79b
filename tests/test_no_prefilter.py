"""The prefilters (needle index, twins, word lookups) only skip work: with them switched
off (`--no-prefilter`) every pattern is searched in every document and the findings must be
the same, on the fixtures (also with the presence filter alone off) and on every rule's own
examples."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.api import lint_source
from medlint.checks.base import compile_single
from medlint.cli import main
from medlint.config import Config
from medlint.document import parse_document
from medlint.engine import RunOptions, lint_document
from medlint.loader import load_rules
from medlint.patterns.presence import presence_set
from medlint.patterns.store import user_cache_folder
from medlint.rule import RuleSpec
from medlint.source import SUFFIX_FORMATS, read_source

from conftest import FIXTURES, TODAY

DOCUMENTS = sorted(p for p in FIXTURES.rglob("*") if p.suffix in SUFFIX_FORMATS and p.is_file())


@pytest.fixture(scope="module")
def fresh_rules():
    """A rule set of its own, its presence filter ready (loaded, or compiled and kept, as a
    long run does), so it answers within this module's documents."""
    rules = load_rules(store_dir=user_cache_folder())
    assert rules.presence is not None and rules.presence.prepare()
    return rules


def test_fixtures_same_findings_with_every_filter_and_without(fresh_rules) -> None:
    """Every fixture gives the same findings with every filter on (the presence filter
    answering from the first document), with the presence filter off (needles only), and
    with no prefilter at all."""
    store = fresh_rules.rules[0].spec.store
    assert store is not None and fresh_rules.presence is not None
    eager = presence_set(store.twins.items(), fresh_rules.presence.path)  # loads what it kept
    eager.warm_up = 1
    filtered = replace(fresh_rules, presence=eager, plans={})
    needles_only = replace(fresh_rules, presence=None, plans={})
    options = RunOptions(today=TODAY)
    compared = 0
    for path in DOCUMENTS:
        source = read_source(str(path))
        every = lint_source(source, Config(), filtered, options).findings
        assert every == lint_source(source, Config(), needles_only, options).findings, path.name
        assert every == lint_source(source, Config(), fresh_rules,
                                    replace(options, prefilter=False)).findings, path.name
        compared += len(every)
    assert eager.ids  # the presence filter was loaded and used
    assert compared > 50


# Each audience once; the examples without a title and under one (document-level findings then
# sit at the title), which give the same rules' findings, are shared out between them.
@pytest.mark.parametrize(("audience", "title"), [(None, ""), ("patient", "# Examples\n\n"),
                                                 ("news", "# Examples\n\n")],
                         ids=["none", "patient-titled", "news-titled"])
def test_rule_examples_same_findings_without_prefilter(fresh_rules, audience, title) -> None:
    """Every example of every rule, as one document a pack, checked with the whole rule set."""
    by_pack: dict[str, list[str]] = {}
    for rule in fresh_rules.rules:
        texts = by_pack.setdefault(rule.spec.pack, [])
        texts.extend(rule.spec.flag_examples + rule.spec.pass_examples)
    compared = 0
    for pack, texts in sorted(by_pack.items()):
        doc_text = title + "\n\n".join(" ".join(t.split()) for t in texts) + "\n"
        doc_on = parse_document(f"{pack}.md", doc_text, "markdown")
        doc_off = parse_document(f"{pack}.md", doc_text, "markdown")
        on = lint_document(doc_on, fresh_rules, Config(),
                           RunOptions(today=TODAY, audience=audience)).findings
        off = lint_document(doc_off, fresh_rules, Config(),
                            RunOptions(today=TODAY, audience=audience, prefilter=False)
                            ).findings
        assert on == off, pack
        compared += len(on)
    assert compared > 0


def test_switch_turns_the_filter_off(tmp_path: Path) -> None:
    """A pattern whose needle is absent is skipped with the filter, searched without it."""
    spec = RuleSpec.from_data({
        "id": "t/x", "kind": "phrase", "severity": "info", "message": "m",
        "explanation": "e", "sources": ["s"], "scope": ["prose"], "patterns": [r"\bzebra\w*"],
    }, "t.yaml", 1, {})
    alternatives = compile_single(r"\bzebra\w*", spec)
    doc = parse_document("a.md", "No stripes here.\n", "markdown")
    rules = load_rules(store_dir=user_cache_folder())
    lint_document(doc, rules, Config(), RunOptions(today=TODAY))
    assert alternatives.for_document(doc) is None
    lint_document(doc, rules, Config(), RunOptions(today=TODAY, prefilter=False))
    assert alternatives.for_document(doc) is alternatives.full


def test_command_line_switch(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# Iron\n\nTake 1.0 mg daily. This miracle cure works.\n", encoding="utf-8")
    runner = CliRunner()
    args = ["check", "--no-cache", "--format", "json", "--today", "2025-01-01", str(page)]
    with_filter = runner.invoke(main, args)
    without = runner.invoke(main, [*args, "--no-prefilter"])
    assert with_filter.output == without.output
    assert '"rule"' in with_filter.output
