"""The engine as a library: the CLI, the pre-commit hook, editors and batch jobs all use it.

    >>> from medlint.api import lint_text
    >>> [f.rule for f in lint_text("Give 1.0 mg daily.")]
    ['dosing/trailing-zero']
"""

from __future__ import annotations

from .config import Config, ConfigResolver
from .document import parse_document
from .engine import LintResult, RunOptions, lint_document
from .lintfile import RuleSetCache, lint_source
from .loader import RuleSet
from .models import Finding
from .patterns.store import user_cache_folder
from .run import CheckOptions, Run, RunOutcome, check
from .source import read_source

__all__ = ["CheckOptions", "Config", "ConfigResolver", "Finding", "LintResult", "Run",
           "RunOptions", "RunOutcome", "RuleSet", "RuleSetCache", "check", "lint_file",
           "lint_source", "lint_text"]


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
