"""Lint one input: rule sets compiled once per configuration, a source read into an `Input`,
and one decoded source linted, through the results cache when there is one. The serial step
that both a run in this process and a worker process take for every file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .cache import ResultCache
from .config import Config, ConfigResolver
from .document import parse_document
from .engine import LintResult, RunOptions, lint_document
from .loader import RuleSet, load_rules
from .models import MedlintError
from .source import SourceText, format_for


@dataclass
class RuleSetCache:
    """Compiled rule sets, one per distinct (extra folders, rule options) pair. With
    `store_dir`, rule sets checked once are neither validated nor compiled again (see
    patterns/store.py)."""

    extra_dirs: tuple[str, ...] = ()
    store_dir: str | None = None
    _sets: dict[tuple[tuple[str, ...], str], RuleSet] = field(default_factory=dict)

    def for_config(self, config: Config) -> RuleSet:
        key = (self.extra_dirs + config.rules_dirs, config.rule_options)
        if key not in self._sets:
            self._sets[key] = load_rules(key[0], overrides=config.options or None,
                                          store_dir=self.store_dir)
        return self._sets[key]


def lint_source(source: SourceText, config: Config, rules: RuleSet,
                options: RunOptions | None = None, fmt: str | None = None) -> LintResult:
    doc = parse_document(source.path, source.text, fmt or format_for(source.path))
    return lint_document(doc, rules, config, options)


@dataclass(frozen=True)
class Input:
    """One input read: its text, or why it was skipped (a notice) or failed (an error)."""

    source: SourceText | None = None
    notice: str | None = None
    error: str | None = None


def read_input(read: Callable[[], SourceText]) -> Input:
    """A file that cannot be read as text (binary, undecodable, unreadable) is an error: a
    run that skipped it must not pass."""
    try:
        return Input(source=read())
    except MedlintError as exc:
        return Input(error=str(exc))


def lint_checked(source: SourceText, config_path: str, resolver: ConfigResolver,
                 rules_cache: RuleSetCache, options: RunOptions,
                 results: ResultCache | None) -> LintResult:
    """Lint one decoded source, through the results cache when there is one."""
    config = resolver.for_file(config_path)
    rules = rules_cache.for_config(config)
    key = results.key(source, rules.fingerprint, config, options) if results else ""
    cached = results.get(key) if results else None
    if cached is not None:
        return cached
    result = lint_source(source, config, rules, options)
    if results:
        results.put(key, result)
    return result
