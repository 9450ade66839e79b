"""The engine as a library: the CLI, the pre-commit hook, editors and batch jobs all use it.

    >>> from medlint.api import lint_text
    >>> [f.rule for f in lint_text("Give 1.0 mg daily.")]
    ['dosing/trailing-zero']
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .compiled import user_cache_folder
from .config import Config, ConfigResolver
from .document import parse_document
from .engine import LintResult, RunOptions, lint_document
from .loader import RuleSet, load_rules
from .models import Finding
from .source import SourceText, format_for, read_source


@dataclass
class RuleSetCache:
    """Compiled rule sets, one per distinct (extra folders, rule options) pair. With
    `store_dir`, rule sets checked once are neither validated nor compiled again (see
    compiled.py)."""

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


def lint_file(path: str, resolver: ConfigResolver | None = None,
              cache: RuleSetCache | None = None, options: RunOptions | None = None
              ) -> LintResult:
    resolver = resolver or ConfigResolver()
    cache = cache or RuleSetCache(store_dir=user_cache_folder())
    config = resolver.for_file(path)
    return lint_source(read_source(path), config, cache.for_config(config), options)


def lint_text(text: str, *, path: str = "<text>", fmt: str = "markdown",
              config: Config | None = None, rules: RuleSet | None = None,
              options: RunOptions | None = None) -> list[Finding]:
    config = config or Config()
    rules = rules or RuleSetCache(store_dir=user_cache_folder()).for_config(config)
    doc = parse_document(path, text, fmt)
    return lint_document(doc, rules, config, options).findings
