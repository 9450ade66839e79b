"""Command-line interface: `medlint check`, `rules`, `explain`, `test-rules`, `validate`.

Exit codes: 0 nothing at or above --fail-on; 1 findings; 2 usage, configuration, rule or
input error. Errors are one line on standard error; --debug shows the traceback.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .api import RuleSetCache
from .cache import CACHE_DIR, ResultCache
from .compiled import compiled_folder
from .config import (
    CONFIG_NAMES,
    Config,
    ConfigResolver,
    did_you_mean,
    load_config_file,
    rule_name_problems,
)
from .discover import discover
from .document import parse_document
from .document.model import Document
from .engine import LintResult, RunOptions, lint_document
from .loader import RuleSet, compile_pack_texts, load_rules, pack_files_in
from .models import Audience, Finding, MedlintError, Severity
from .parallel import (
    MIN_FILES_PER_WORKER,
    check_in_parallel,
    default_jobs,
    lint_checked,
    read_input,
    worker_store,
)
from .progress import Progress
from .progress import wanted as progress_wanted
from .report import FORMATS, ReportContext, renderer
from .source import (
    SUFFIX_FORMATS,
    SourceText,
    decode,
    display_path,
    format_for,
    read_source,
    write_atomically,
)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FAIL_ON = ("error", "warning", "info", "never")

F = TypeVar("F", bound=Callable[..., Any])


def _say_error(message: str) -> None:
    click.echo(f"medlint: {message}", err=True)


def handles_errors(func: F) -> F:
    """Turn MedlintError (and anything unexpected) into one line on stderr and exit 2."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = bool(click.get_current_context().find_root().params.get("debug"))
        try:
            return func(*args, **kwargs)
        except MedlintError as exc:
            if debug:
                traceback.print_exc()
            for line in str(exc).splitlines() or ["error"]:
                _say_error(line)
            sys.exit(EXIT_ERROR)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:  # an internal bug must still not print a traceback
            if debug:
                traceback.print_exc()
            _say_error(f"internal error: {type(exc).__name__}: {exc} (run with --debug)")
            sys.exit(EXIT_ERROR)

    return wrapper  # type: ignore[return-value]


def _split(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


UNUSED_DIRECTIVE = "medlint/unused-directive"


def _rule_ids(rules: RuleSet) -> set[str]:
    return set(rules.by_id()) | {UNUSED_DIRECTIVE}


def _topic_names(rules: RuleSet) -> set[str]:
    return {f"{rule.spec.pack}:{rule.spec.topic}" for rule in rules.rules if rule.spec.topic}


def _check_rule_names(names: Sequence[str], rules: RuleSet, option: str) -> None:
    ids = _rule_ids(rules)
    known = ids | {rule_id.split("/", 1)[0] for rule_id in ids} | _topic_names(rules)
    unknown = [name for name in names if name not in known]
    if unknown:
        raise MedlintError("\n".join(
            f"{option}: unknown rule, pack or topic {name!r}{did_you_mean(name, known)}; "
            "see `medlint rules`" for name in unknown))


# Fields of a rule that identify it; every other field of its kind may be set in rule_options.
_FIXED_FIELDS = frozenset({"id", "kind", "examples"})


def _option_fields(rules: RuleSet) -> dict[str, list[str]]:
    """Rule id -> the fields `rule_options` may set for it, from the rule schema."""
    from .loader import rule_schema  # only when a configuration sets rule options

    by_kind: dict[str, list[str]] = {}
    for part in rule_schema()["$defs"]["rule"].get("allOf", []):
        kind = part.get("if", {}).get("properties", {}).get("kind", {}).get("const")
        names = part.get("then", {}).get("propertyNames", {}).get("enum")
        if kind and names:
            by_kind[kind] = [n for n in names if n not in _FIXED_FIELDS]
    return {rule.spec.id: by_kind.get(rule.spec.kind, []) for rule in rules.rules}


def _check_configs(resolver: ConfigResolver, cache: RuleSetCache) -> None:
    """Every configuration this run read names only rules, packs and rule fields its rule
    set has. Checked against the rules without the configuration's options, so that a
    misspelt option is reported in the user's file, not in the pack it would change."""
    problems: list[str] = []
    for config in resolver.loaded():
        if config.source:
            rules = cache.for_config(replace(config, rule_options="{}"))
            fields = _option_fields(rules) if config.options else None
            problems += rule_name_problems(config, _rule_ids(rules), fields,
                                           _topic_names(rules))
    if problems:
        raise MedlintError("\n".join(dict.fromkeys(problems)))


@dataclass
class CheckRun:
    """State of one `medlint check` run: results, and problems with inputs."""

    results: list[LintResult] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    input_errors: list[str] = field(default_factory=list)
    fix: bool = False
    diff: bool = False
    diffs: list[str] = field(default_factory=list)
    fixes_applied: int = 0
    files_fixed: int = 0
    results_cache: ResultCache | None = None

    def exit_code(self, fail_on: str) -> int:
        if self.input_errors:
            return EXIT_ERROR
        if fail_on == "never":
            return EXIT_CLEAN
        threshold = Severity(fail_on).rank
        failing = any(f.severity.rank >= threshold for r in self.results for f in r.findings)
        return EXIT_FINDINGS if failing else EXIT_CLEAN


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="medlint")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def main(debug: bool) -> None:
    """Lint medical and health writing: unsafe claims, missing citations, advertising,
    error-prone dose notation, hype, stale sources and copy-paste debris."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(sorted(FORMATS)),
              help="Output format (default: text; github under GitHub Actions).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("--select", multiple=True,
              help="Only these rules, packs or topics (pack:topic; comma-separated).")
@click.option("--ignore", multiple=True,
              help="Skip these rules, packs or topics (pack:topic; comma-separated).")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(),
              help="Extra folder of YAML rule packs.")
@click.option("--config", "config_file", type=click.Path(),
              help="Configuration file (default: nearest .medlint.yaml or pyproject.toml).")
@click.option("--audience", type=click.Choice([a.value for a in Audience]),
              help="Audience of the documents (overrides configuration and front matter).")
@click.option("--stdin-filename", default="-", help="Path to report when reading '-'.")
@click.option("--today", help="Date to judge staleness against (YYYY-MM-DD).")
@click.option("--timeout", type=float, default=2.0, show_default=True,
              help="Seconds one pattern search may take per megabyte of a document; a rule "
                   "that takes longer fails the run (exit 2).")
@click.option("--changed-since", metavar="REV",
              help="Only findings on lines added or changed since this git revision.")
@click.option("--baseline", "baseline_file", type=click.Path(),
              help="Only findings not recorded in this baseline file.")
@click.option("--report-unused-directives", is_flag=True,
              help="Report medlint-disable directives that suppressed nothing.")
@click.option("--fix", is_flag=True, help="Apply safe fixes in place, then report the rest.")
@click.option("--diff", is_flag=True, help="Print the safe fixes as a unified diff; write nothing.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0,
              help="Worker processes for many files (default: one per core).")
@click.option("--no-cache", is_flag=True, help=f"Do not read or write {CACHE_DIR}/.")
@click.option("--no-prefilter", is_flag=True,
              help="Search every pattern in every document (slower; same findings).")
@click.option("--based-on", "based_on", type=click.Path(), metavar="FILE",
              help="Source text the documents report (evidence/stronger-than-source).")
@click.option("--sarif", "sarif_file", type=click.Path(dir_okay=False),
              help="Also write the findings as SARIF to this file (for code scanning).")
@click.option("--quiet", "-q", is_flag=True,
              help="No progress line and no notices on standard error (errors still show).")
@handles_errors
def check(paths: tuple[str, ...], output_format: str | None, fail_on: str,
          select: tuple[str, ...], ignore: tuple[str, ...], rules_dirs: tuple[str, ...],
          config_file: str | None, audience: str | None, stdin_filename: str,
          today: str | None, timeout: float, changed_since: str | None,
          baseline_file: str | None, report_unused_directives: bool, fix: bool,
          diff: bool, jobs: int, no_cache: bool, no_prefilter: bool, based_on: str | None,
          sarif_file: str | None, quiet: bool) -> None:
    """Check articles (files or folders; '-' reads standard input)."""
    if not paths:
        raise click.UsageError("name at least one file or folder (or '-' for standard input)")
    if fix and "-" in paths:
        raise click.UsageError("--fix cannot rewrite standard input; use --diff")
    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    options = RunOptions(audience=audience, select=_split(select) or None,
                         ignore=_split(ignore), today=_parse_date(today), timeout=timeout,
                         based_on=based_on, prefilter=not no_prefilter)
    if based_on and not os.path.isfile(based_on):
        raise MedlintError(f"--based-on {based_on}: source not found")
    resolver = ConfigResolver(explicit=config_file)
    cache_dir = None if no_cache else CACHE_DIR
    store_dir = compiled_folder(cache_dir)
    cache = RuleSetCache(extra_dirs=rules_dirs, store_dir=store_dir)
    base_config = resolver.for_file(config_file or ".")
    chosen = _targets(paths, resolver)
    if "-" in paths:
        resolver.for_file(_stdin_config_path(stdin_filename))
    _check_configs(resolver, cache)
    base_rules = cache.for_config(base_config)
    _check_rule_names(options.select or (), base_rules, "--select")
    _check_rule_names(options.ignore, base_rules, "--ignore")
    changed = None
    if changed_since:
        from .changes import ChangedSince  # only for this option
        changed = ChangedSince(changed_since)
        changed.prepare(chosen.files or [_stdin_config_path(stdin_filename)])
    run = CheckRun(fix=fix or diff, diff=diff,
                   results_cache=ResultCache(cache_dir) if cache_dir else None)
    if "-" in paths:
        _check_stdin(stdin_filename, resolver, cache, options, run)
    if chosen.excluded:
        count = len(chosen.excluded)
        run.notices.append(f"skipped {count} named file{'s' * (count != 1)} that the "
                           "configuration excludes")
    targets = chosen.files
    progress = (Progress(sys.stderr, len(targets))
                if progress_wanted(sys.stderr, quiet, len(targets)) else None)
    workers = jobs or default_jobs()
    if run.fix or workers == 1 or len(targets) < 2 * MIN_FILES_PER_WORKER:
        for path in targets:
            _check_file(path, resolver, cache, options, run)
            if progress is not None:
                progress.advance()
    else:
        with worker_store(base_rules, store_dir) as shared_store:
            outcome = check_in_parallel(targets, workers, config_file, rules_dirs, options,
                                        cache_dir, shared_store,
                                        progress.advance if progress is not None else None)
        run.results.extend(result for _, result in outcome.results)
        run.notices.extend(notice for _, notice in outcome.notices)
        run.input_errors.extend(error for _, error in outcome.errors)
    if progress is not None:
        progress.close()

    if diff:
        click.echo("".join(run.diffs), nl=False)
        for error in run.input_errors:
            _say_error(error)
        sys.exit(EXIT_ERROR if run.input_errors else EXIT_FINDINGS if run.diffs else EXIT_CLEAN)
    if fix:
        run.notices.append(f"fixed {run.fixes_applied} finding"
                           f"{'s' * (run.fixes_applied != 1)} in {run.files_fixed} "
                           f"file{'s' * (run.files_fixed != 1)}")
    if report_unused_directives:
        for result in run.results:
            result.findings = sorted(result.findings + unused_directive_findings(result),
                                     key=Finding.sort_key)
    if changed is not None:
        for result in run.results:
            result.findings = [f for f in result.findings if changed.touches(f.path, f.line)]
    if baseline_file:
        from .baseline import Baseline
        baseline = Baseline.load(baseline_file)
        everything = [f for r in run.results for f in r.findings]
        kept, stale = baseline.filter(everything)
        keep = {id(f) for f in kept}
        for result in run.results:
            result.findings = [f for f in result.findings if id(f) in keep]
        known = len(everything) - len(kept)
        run.notices.append(f"{baseline_file}: {known} known finding{'s' * (known != 1)} "
                           f"hidden, {stale} stale baseline entr{'ies' if stale != 1 else 'y'}")
    context = ReportContext(rules=base_rules, files=len(run.results))
    click.echo(renderer(output_format)(run.results, context), nl=False)
    if sarif_file:
        write_atomically(sarif_file, renderer("sarif")(run.results, context).encode("utf-8"))
    for notice in [] if quiet else run.notices:
        click.echo(f"medlint: {notice}", err=True)
    for error in run.input_errors:
        _say_error(error)
    sys.exit(run.exit_code(fail_on))


@dataclass
class Targets:
    """What a run checks, and the named files its configuration excludes."""

    files: list[str]
    excluded: list[str]


def _targets(paths: Sequence[str], resolver: ConfigResolver) -> Targets:
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
            end_column=d.column, rule="medlint/unused-directive", severity=Severity.WARNING,
            message=f"medlint-{d.verb} ({named}) suppressed nothing; remove it",
        ))
    return found


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", required=True, type=click.Path(),
              help="Baseline file to write (JSON).")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(),
              help="Extra folder of YAML rule packs.")
@click.option("--config", "config_file", type=click.Path(), help="Configuration file.")
@click.option("--today", help="Date to judge staleness against (YYYY-MM-DD).")
@handles_errors
def baseline(paths: tuple[str, ...], output: str, rules_dirs: tuple[str, ...],
             config_file: str | None, today: str | None) -> None:
    """Record today's findings, so `check --baseline` shows only new ones."""
    resolver = ConfigResolver(explicit=config_file)
    cache = RuleSetCache(extra_dirs=rules_dirs)
    options = RunOptions(today=_parse_date(today))
    run = CheckRun()
    targets = _targets(paths, resolver).files
    _check_configs(resolver, cache)
    for path in targets:
        _check_file(path, resolver, cache, options, run)
    findings = [f for r in run.results for f in r.findings]
    from .baseline import Baseline
    write_atomically(output, Baseline.of(findings).to_json().encode("utf-8"))
    click.echo(f"{output}: {len(findings)} findings in {len(run.results)} files recorded")
    for error in run.input_errors:
        _say_error(error)
    sys.exit(EXIT_ERROR if run.input_errors else EXIT_CLEAN)


def _check_file(path: str, resolver: ConfigResolver, cache: RuleSetCache,
                options: RunOptions, run: CheckRun) -> None:
    _lint_into(run, lambda: read_source(path), path, resolver, cache, options, writable=True)


def _stdin_config_path(name: str) -> str:
    return name if name != "-" else "./-"


def _check_stdin(name: str, resolver: ConfigResolver, cache: RuleSetCache,
                 options: RunOptions, run: CheckRun) -> None:
    data = sys.stdin.buffer.read()
    path = name if name != "-" else "<stdin>"
    config_path = _stdin_config_path(name)
    if name != "-" and resolver.for_file(config_path).excluded(config_path):
        run.notices.append(f"{name}: excluded by the configuration; not checked")
        return
    _lint_into(run, lambda: decode(data, path), config_path, resolver, cache, options)


def _lint_into(run: CheckRun, read: Callable[[], SourceText], config_path: str,
               resolver: ConfigResolver, cache: RuleSetCache, options: RunOptions,
               writable: bool = False) -> None:
    """Read one input and lint it; a binary file is a notice, an unreadable one an error."""
    got = read_input(read)
    run.notices.extend([got.notice] if got.notice else [])
    run.input_errors.extend([got.error] if got.error else [])
    if got.source is None:
        return
    source = got.source
    if not run.fix:
        result = lint_checked(source, config_path, resolver, cache, options, run.results_cache)
    else:
        config = resolver.for_file(config_path)
        result = _fix_source(run, source, config, cache.for_config(config), options, writable)
    run.results.append(result)
    run.notices.extend(result.notices)
    run.input_errors.extend(result.errors)


def _fix_source(run: CheckRun, source: SourceText, config: Config, rules: RuleSet,
                options: RunOptions, writable: bool) -> LintResult:
    fmt = format_for(source.path)

    def lint(text: str) -> tuple[Document, LintResult]:
        doc = parse_document(source.path, text, fmt)
        return doc, lint_document(doc, rules, config, options)

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


@main.command("rules")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(),
              help="Extra folder of YAML rule packs.")
@handles_errors
def list_rules(rules_dirs: tuple[str, ...]) -> None:
    """List every rule: id, severity and a one-line summary."""
    rules = load_rules(rules_dirs)
    width = max((len(r.spec.id) for r in rules.rules), default=10)
    for rule in sorted(rules.rules, key=lambda r: r.spec.id):
        click.echo(f"{rule.spec.id:<{width}}  {rule.spec.severity.value:<7}  {rule.spec.summary}")


@main.command()
@click.argument("rule_id", metavar="ID")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(),
              help="Extra folder of YAML rule packs.")
@handles_errors
def explain(rule_id: str, rules_dirs: tuple[str, ...]) -> None:
    """Explain one rule (why, its sources and its examples), or list a pack's rules."""
    rules = load_rules(rules_dirs)
    rule = rules.by_id().get(rule_id)
    if rule is None:
        pack = sorted((r.spec for r in rules.rules if r.spec.pack == rule_id),
                      key=lambda spec: spec.id)
        if pack:
            width = max(len(spec.id) for spec in pack)
            click.echo("\n".join(f"{spec.id:<{width}}  {spec.severity.value:<7}  "
                                  f"{spec.summary}" for spec in pack))
            return
        known = set(rules.by_id()) | {r.spec.pack for r in rules.rules}
        raise MedlintError(f"unknown rule or pack {rule_id!r}{did_you_mean(rule_id, known)}; "
                           "see `medlint rules`")
    spec = rule.spec
    lines = [f"{spec.id}  ({spec.severity.value}, kind {spec.kind})", "", spec.explanation, ""]
    if spec.audiences:
        levels = ", ".join(f"{who}: {level}" for who, level in spec.audiences)
        lines += [f"Audiences: {levels}", ""]
    if spec.topic:
        lines += [f"Topic: {spec.pack}:{spec.topic} (select or ignore it by that name)", ""]
    lines.append("Sources:")
    lines += [f"  - {source}" for source in spec.sources]
    lines += ["", "Flagged:"] + [f"  {example}" for example in spec.flag_examples]
    lines += ["", "Not flagged:"] + [f"  {example}" for example in spec.pass_examples]
    click.echo("\n".join(lines))


@main.command("test-rules")
@click.argument("files", nargs=-1, type=click.Path())
@handles_errors
def test_rules(files: tuple[str, ...]) -> None:
    """Run the flag/pass examples of rule packs (default: the built-in packs)."""
    rules = _rules_from_files(files) if files else load_rules()
    from .examples import run_examples
    failures = run_examples(rules)
    for failure in failures:
        click.echo(failure.describe())
    count = sum(len(r.spec.flag_examples) + len(r.spec.pass_examples) for r in rules.rules)
    click.echo(f"{len(rules.rules)} rules, {count} examples, {len(failures)} failing")
    sys.exit(EXIT_FINDINGS if failures else EXIT_CLEAN)


def _rules_from_files(files: Sequence[str]) -> RuleSet:
    texts: list[tuple[str, str]] = []
    for name in files:
        if Path(name).is_dir():
            texts.extend(pack_files_in(name))
        else:
            texts.append((name, read_source(name).text))
    return compile_pack_texts(texts)


@main.command()
@click.argument("files", nargs=-1, type=click.Path())
@handles_errors
def validate(files: tuple[str, ...]) -> None:
    """Validate rule packs and configuration files (.medlint.yaml, pyproject.toml) against
    their schemas (default: the built-in packs)."""
    configs = [f for f in files if Path(f).name in (*CONFIG_NAMES, "pyproject.toml")]
    packs = [f for f in files if f not in configs]
    problems: list[str] = []
    for config in configs:
        loaded = load_config_file(config)
        rules = RuleSetCache().for_config(replace(loaded, rule_options="{}"))
        problems += rule_name_problems(loaded, _rule_ids(rules),
                                       _option_fields(rules) if loaded.options else None,
                                       _topic_names(rules))
    if problems:
        raise MedlintError("\n".join(problems))
    if packs or not files:
        rules = _rules_from_files(packs) if packs else load_rules()
        click.echo(f"{len(rules.rules)} rules valid")
    if configs:
        click.echo(f"{len(configs)} configuration file{'s' * (len(configs) != 1)} valid")


@main.command()
@click.option("--output", type=click.Path(), help="Write to this file instead of stdout.")
@click.option("--check", "check_only", is_flag=True,
              help="Exit 1 if --output is not up to date (for CI and pre-commit).")
@handles_errors
def docs(output: str | None, check_only: bool) -> None:
    """Generate the rule reference (Markdown) from rule metadata."""
    from .docs import render_rule_docs
    text = render_rule_docs(load_rules())
    if output is None:
        click.echo(text, nl=False)
        return
    target = Path(output)
    current = target.read_text("utf-8") if target.is_file() else None
    if check_only:
        if current != text:
            _say_error(f"{output}: out of date; run `medlint docs --output {output}`")
            sys.exit(EXIT_FINDINGS)
        return
    if current != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
        click.echo(f"wrote {output}")


if __name__ == "__main__":
    main()
