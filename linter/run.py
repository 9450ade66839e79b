"""One run over many inputs, for the CLI and the API alike: options in, results out.

`Run(options).execute()` takes every step in order: configuration (and its rule names),
file discovery and exclusion, standard input, the results cache, worker processes, safe
fixes, unused directives, `--changed-since` and the baseline. Printing and exit codes are
the CLI's; nothing here writes to the terminal."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum, IntEnum
from functools import partial
from pathlib import Path
from typing import Protocol

from .cache import CACHE_DIR, ResultCache
from .config import Config, ConfigResolver, did_you_mean, rule_name_problems
from .discover import discover
from .document import parse_document
from .document.model import Document
from .engine import BLANKET_DIRECTIVE, INTERNAL_ERROR, LintResult, RunOptions, lint_document
from .lintfile import RuleSetCache, lint_checked, read_input
from .loader import RuleSet
from .models import Finding, MedlintError, Severity
from .parallel import MIN_FILES_PER_WORKER, check_in_parallel, default_jobs, worker_store
from .patterns.store import user_cache_folder
from .source import (
    SUFFIX_FORMATS,
    SourceText,
    decode,
    display_path,
    format_for,
    read_source,
    write_atomically,
)

UNUSED_DIRECTIVE = "medlint/unused-directive"


class ExitCode(IntEnum):
    CLEAN = 0  # nothing at or above --fail-on
    FINDINGS = 1
    ERROR = 2  # usage, configuration, rule or input error, or a file not fully checked


class FailOn(str, Enum):
    """The lowest severity that makes a run fail, or never."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    NEVER = "never"

    @property
    def threshold(self) -> Severity | None:
        return None if self is FailOn.NEVER else Severity(self.value)


@dataclass(frozen=True)
class CheckOptions:
    """What a run checks and how; the CLI's `check` options, and the API's."""

    paths: tuple[str, ...]
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    rules_dirs: tuple[str, ...] = ()
    config_file: str | None = None
    audience: str | None = None
    stdin_filename: str = "-"
    stdin: bytes | None = None  # what '-' reads; None: this process's standard input
    today: dt.date | None = None
    timeout: float = 2.0
    changed_since: str | None = None
    baseline_file: str | None = None
    report_unused_directives: bool = False
    fix: bool = False
    diff: bool = False
    jobs: int = 0  # 0: one worker per core
    # Read and write the results cache (.medlint_cache/). The compiled rule store, in the user's
    # cache folder, is used either way: it is keyed on the rule texts and the code, so it never
    # serves stale rules.
    cache: bool = True
    based_on: str | None = None
    prefilter: bool = True  # False: search every pattern everywhere (same findings, slower)

    def run_options(self) -> RunOptions:
        return RunOptions(audience=self.audience, select=self.select, ignore=self.ignore,
                          today=self.today, timeout=self.timeout, based_on=self.based_on,
                          prefilter=self.prefilter)


@dataclass
class RunOutcome:
    """What a run gave: results in file order, notices, input errors, fixes and diffs."""

    results: list[LintResult] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    input_errors: list[str] = field(default_factory=list)
    fix: bool = False
    diff: bool = False
    diffs: list[str] = field(default_factory=list)
    fixes_applied: int = 0
    files_fixed: int = 0
    results_cache: ResultCache | None = None
    rules: RuleSet | None = None  # the rule set of the run's own configuration

    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]

    def exit_code(self, fail_on: FailOn | str) -> ExitCode:
        if self.input_errors:
            return ExitCode.ERROR
        threshold = FailOn(fail_on).threshold
        if threshold is None:
            return ExitCode.CLEAN
        failing = any(f.severity.rank >= threshold.rank for f in self.findings())
        return ExitCode.FINDINGS if failing else ExitCode.CLEAN


class Progressing(Protocol):
    def advance(self, files: int = 1) -> None: ...
    def close(self) -> None: ...


# Told how many files a run will check; returns what shows progress, or None.
ProgressFactory = Callable[[int], "Progressing | None"]


def rule_ids(rules: RuleSet) -> set[str]:
    return set(rules.by_id()) | {UNUSED_DIRECTIVE, INTERNAL_ERROR, BLANKET_DIRECTIVE}


def topic_names(rules: RuleSet) -> set[str]:
    return {f"{rule.spec.pack}:{rule.spec.topic}" for rule in rules.rules if rule.spec.topic}


def check_rule_names(names: Sequence[str], rules: RuleSet, option: str) -> None:
    ids = rule_ids(rules)
    known = ids | {rule_id.split("/", 1)[0] for rule_id in ids} | topic_names(rules)
    unknown = [name for name in names if name not in known]
    if unknown:
        raise MedlintError("\n".join(
            f"{option}: unknown rule, pack or topic {name!r}{did_you_mean(name, known)}; "
            "see `medlint rules`" for name in unknown))


# Fields of a rule that identify it; every other field of its kind may be set in rule_options.
_FIXED_FIELDS = frozenset({"id", "kind", "examples"})


def option_fields(rules: RuleSet) -> dict[str, list[str]]:
    """Rule id -> the fields `rule_options` may set for it, from the rule schema."""
    from .loader import rule_schema  # only when a configuration sets rule options

    by_kind: dict[str, list[str]] = {}
    for part in rule_schema()["$defs"]["rule"].get("allOf", []):
        kind = part.get("if", {}).get("properties", {}).get("kind", {}).get("const")
        names = part.get("then", {}).get("propertyNames", {}).get("enum")
        if kind and names:
            by_kind[kind] = [n for n in names if n not in _FIXED_FIELDS]
    return {rule.spec.id: by_kind.get(rule.spec.kind, []) for rule in rules.rules}


def config_problems(config: Config, cache: RuleSetCache) -> list[str]:
    """Rules, packs and rule fields a configuration names that its rule set does not have.
    Checked against the rules without the configuration's options, so that a misspelt option
    is reported in the user's file, not in the pack it would change."""
    rules = cache.for_config(replace(config, rule_options="{}"))
    fields = option_fields(rules) if config.options else None
    return rule_name_problems(config, rule_ids(rules), fields, topic_names(rules))


def check_configs(resolver: ConfigResolver, cache: RuleSetCache) -> None:
    """Every configuration this run read names only rules, packs and rule fields its rule
    set has."""
    problems: list[str] = []
    for config in resolver.loaded():
        if config.source:
            problems += config_problems(config, cache)
    if problems:
        raise MedlintError("\n".join(dict.fromkeys(problems)))


@dataclass
class Targets:
    """What a run checks, and the named files its configuration excludes."""

    files: list[str]
    excluded: list[str]


def find_targets(paths: Sequence[str], resolver: ConfigResolver) -> Targets:
    """Files to check: those named and the articles in named folders, minus what the
    configuration excludes (named files too, as pre-commit names every staged file). A folder
    with nothing to check is an error: a run that checks nothing must not pass."""
    seen: set[str] = set()
    targets = Targets([], [])
    for path in paths:
        if path == "-":
            continue
        found = [f for f in discover([path]) if f not in seen]
        seen.update(found)
        kept = [f for f in found if not resolver.for_file(f).excluded(f)]
        if not Path(path).is_dir():
            targets.files.extend(kept)
            targets.excluded.extend(f for f in found if f not in kept)
            continue
        if not found:
            suffixes = ", ".join(sorted(SUFFIX_FORMATS))
            raise MedlintError(f"{path}: no articles to check (no {suffixes} files); name the "
                               "files to check or a folder that holds them")
        if not kept:
            source = resolver.for_file(found[0]).source
            raise MedlintError(f"{path}: every article in it is excluded by `exclude:` in "
                               f"{display_path(source or '.')}; name other files or narrow "
                               "the exclude patterns")
        targets.files.extend(kept)
    return targets


def unused_directive_findings(result: LintResult) -> list[Finding]:
    found = []
    for d in result.unused_directives:
        named = ", ".join(d.rules) if d.rules else "every rule"
        found.append(Finding(
            path=result.path, line=d.origin_line, column=d.column, end_line=d.origin_line,
            end_column=d.column, rule=UNUSED_DIRECTIVE, severity=Severity.WARNING,
            message=f"medlint-{d.verb} ({named}) suppressed nothing; remove it",
        ))
    return found


def stdin_config_path(name: str) -> str:
    return name if name != "-" else "./-"


class Run:
    """One run: `Run(options).execute()` gives its outcome. Usage problems, configuration
    and rule errors raise MedlintError; problems with single inputs are in the outcome."""

    def __init__(self, options: CheckOptions, progress: ProgressFactory | None = None) -> None:
        self.options = options
        self.progress = progress
        self.lint_options = options.run_options()
        self.resolver = ConfigResolver(explicit=options.config_file)
        self.cache_dir = CACHE_DIR if options.cache else None
        self.store_dir = user_cache_folder()
        self.rules_cache = RuleSetCache(extra_dirs=options.rules_dirs, store_dir=self.store_dir)

    def execute(self) -> RunOutcome:
        o = self.options
        if o.fix and "-" in o.paths:
            raise MedlintError("--fix cannot rewrite standard input; use --diff")
        if o.based_on and not os.path.isfile(o.based_on):
            raise MedlintError(f"--based-on {o.based_on}: source not found")
        base_config = self.resolver.for_file(o.config_file or ".")
        chosen = find_targets(o.paths, self.resolver)
        if "-" in o.paths:
            self.resolver.for_file(stdin_config_path(o.stdin_filename))
        check_configs(self.resolver, self.rules_cache)
        base_rules = self.rules_cache.for_config(base_config)
        check_rule_names(self.lint_options.select or (), base_rules, "--select")
        check_rule_names(self.lint_options.ignore, base_rules, "--ignore")
        changed = None
        if o.changed_since:
            from .changes import ChangedSince  # only for this option
            changed = ChangedSince(o.changed_since)
            changed.prepare(chosen.files or [stdin_config_path(o.stdin_filename)])
        run = RunOutcome(fix=o.fix or o.diff, diff=o.diff, rules=base_rules,
                         results_cache=ResultCache(self.cache_dir) if self.cache_dir else None)
        if "-" in o.paths:
            self._check_stdin(run)
        if chosen.excluded:
            count = len(chosen.excluded)
            run.notices.append(f"skipped {count} named file{'s' * (count != 1)} that the "
                               "configuration excludes")
        self._check_files(chosen.files, base_rules, run)
        if o.diff:
            return run
        if o.fix:
            run.notices.append(f"fixed {run.fixes_applied} finding"
                               f"{'s' * (run.fixes_applied != 1)} in {run.files_fixed} "
                               f"file{'s' * (run.files_fixed != 1)}")
        if o.report_unused_directives:
            for result in run.results:
                result.findings = sorted(result.findings + unused_directive_findings(result),
                                         key=Finding.sort_key)
        if changed is not None:
            for result in run.results:
                result.findings = [f for f in result.findings
                                   if changed.touches(f.path, f.line)]
        if o.baseline_file:
            self._apply_baseline(o.baseline_file, run)
        return run

    def _check_files(self, targets: list[str], base_rules: RuleSet, run: RunOutcome) -> None:
        progress = self.progress(len(targets)) if self.progress is not None else None
        workers = self.options.jobs or default_jobs()
        if run.fix or workers == 1 or len(targets) < 2 * MIN_FILES_PER_WORKER:
            for path in targets:
                self._lint_into(run, partial(read_source, path), path, writable=True)
                if progress is not None:
                    progress.advance()
        else:
            presence = base_rules.presence
            if presence is not None and len(targets) >= presence.compile_after:
                presence.prepare()  # once here, then loaded by every worker
            with worker_store(base_rules, self.store_dir) as shared_store:
                outcome = check_in_parallel(
                    targets, workers, self.options.config_file, self.options.rules_dirs,
                    self.lint_options, self.cache_dir, shared_store,
                    progress.advance if progress is not None else None)
            run.results.extend(result for _, result in outcome.results)
            run.notices.extend(notice for _, notice in outcome.notices)
            run.input_errors.extend(error for _, error in outcome.errors)
        if progress is not None:
            progress.close()

    def _check_stdin(self, run: RunOutcome) -> None:
        name = self.options.stdin_filename
        data = self.options.stdin if self.options.stdin is not None else sys.stdin.buffer.read()
        path = name if name != "-" else "<stdin>"
        config_path = stdin_config_path(name)
        if name != "-" and self.resolver.for_file(config_path).excluded(config_path):
            run.notices.append(f"{name}: excluded by the configuration; not checked")
            return
        self._lint_into(run, lambda: decode(data, path), config_path)

    def _lint_into(self, run: RunOutcome, read: Callable[[], SourceText], config_path: str,
                   writable: bool = False) -> None:
        """Read one input and lint it; a binary file is a notice, an unreadable one an
        error."""
        got = read_input(read)
        run.notices.extend([got.notice] if got.notice else [])
        run.input_errors.extend([got.error] if got.error else [])
        if got.source is None:
            return
        source = got.source
        if not run.fix:
            result = lint_checked(source, config_path, self.resolver, self.rules_cache,
                                  self.lint_options, run.results_cache)
        else:
            config = self.resolver.for_file(config_path)
            result = self._fix_source(run, source, config, self.rules_cache.for_config(config),
                                      writable)
        run.results.append(result)
        run.notices.extend(result.notices)
        run.input_errors.extend(result.errors)

    def _fix_source(self, run: RunOutcome, source: SourceText, config: Config, rules: RuleSet,
                    writable: bool) -> LintResult:
        fmt = format_for(source.path)

        def lint(text: str) -> tuple[Document, LintResult]:
            doc = parse_document(source.path, text, fmt)
            return doc, lint_document(doc, rules, config, self.lint_options)

        from .fixes import fix_text, unified_diff
        outcome = fix_text(source.text, lint)
        if not outcome.applied:
            return outcome.result
        if run.diff:
            run.diffs.append(unified_diff(display_path(source.path), source.text, outcome.text))
            return outcome.result
        if writable:
            try:
                write_atomically(source.path, source.encode(outcome.text), expected=source.raw)
            except MedlintError as exc:
                run.input_errors.append(str(exc))
                return lint(source.text)[1]
            run.fixes_applied += outcome.applied
            run.files_fixed += 1
        return outcome.result

    @staticmethod
    def _apply_baseline(baseline_file: str, run: RunOutcome) -> None:
        from .baseline import Baseline
        baseline = Baseline.load(baseline_file)
        everything = run.findings()
        kept, stale = baseline.filter(everything)
        keep = {id(f) for f in kept}
        for result in run.results:
            result.findings = [f for f in result.findings if id(f) in keep]
        known = len(everything) - len(kept)
        run.notices.append(f"{baseline_file}: {known} known finding{'s' * (known != 1)} "
                           f"hidden, {stale} stale baseline entr{'ies' if stale != 1 else 'y'}")


def check(options: CheckOptions) -> RunOutcome:
    """Check files the way `medlint check` does, without printing: the library's way in."""
    return Run(options).execute()
