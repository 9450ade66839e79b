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
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .cache import CACHE_DIR
from .config import CONFIG_NAMES, did_you_mean, load_config_file
from .lintfile import RuleSetCache
from .loader import RuleSet, compile_pack_texts, load_rules, pack_files_in
from .models import Audience, MedlintError
from .patterns.store import user_cache_folder
from .progress import Progress
from .progress import wanted as progress_wanted
from .report import FORMATS, ReportContext, renderer
from .run import CheckOptions, ExitCode, FailOn, Run, config_problems
from .source import read_source, write_atomically

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
            sys.exit(ExitCode.ERROR)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:  # an internal bug must still not print a traceback
            if debug:
                traceback.print_exc()
            _say_error(f"internal error: {type(exc).__name__}: {exc} (run with --debug)")
            sys.exit(ExitCode.ERROR)

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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="medlint")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def main(debug: bool) -> None:
    """Lint medical and health writing: unsafe claims, missing citations, advertising,
    error-prone dose notation, hype, stale sources and copy-paste debris."""


rules_option = click.option("--rules", "rules_dirs", multiple=True, type=click.Path(),
                            help="Extra folder of YAML rule packs.")
config_option = click.option(
    "--config", "config_file", type=click.Path(),
    help="Configuration file (default: nearest .medlint.yaml or pyproject.toml).")
today_option = click.option("--today", help="Date to judge staleness against (YYYY-MM-DD).")

# `check` options that go into CheckOptions unchanged.
_PLAIN_CHECK_OPTIONS = ("rules_dirs", "config_file", "audience", "stdin_filename", "timeout",
                        "changed_since", "baseline_file", "report_unused_directives", "fix",
                        "diff", "jobs", "based_on")


def gathers_check_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Hand `check` its run options as one CheckOptions, and its report options apart."""

    @wraps(func)
    def wrapper(paths: tuple[str, ...], select: tuple[str, ...], ignore: tuple[str, ...],
                today: str | None, no_cache: bool, no_prefilter: bool, **given: Any) -> Any:
        if not paths:
            raise click.UsageError("name at least one file or folder (or '-' for standard "
                                   "input)")
        if given["fix"] and "-" in paths:
            raise click.UsageError("--fix cannot rewrite standard input; use --diff")
        options = CheckOptions(
            paths=paths, select=_split(select) or None, ignore=_split(ignore),
            today=_parse_date(today), cache=not no_cache, prefilter=not no_prefilter,
            **{name: given.pop(name) for name in _PLAIN_CHECK_OPTIONS})
        return func(options, **given)

    return wrapper


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(sorted(FORMATS)),
              help="Output format (default: text; github under GitHub Actions).")
@click.option("--fail-on", type=click.Choice([level.value for level in FailOn]),
              default=FailOn.ERROR.value, show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("--select", multiple=True,
              help="Only these rules, packs or topics (pack:topic; comma-separated).")
@click.option("--ignore", multiple=True,
              help="Skip these rules, packs or topics (pack:topic; comma-separated).")
@rules_option
@config_option
@click.option("--audience", type=click.Choice([a.value for a in Audience]),
              help="Audience of the documents (overrides configuration and front matter).")
@click.option("--stdin-filename", default="-", help="Path to report when reading '-'.")
@today_option
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
@gathers_check_options
def check(options: CheckOptions, output_format: str | None, fail_on: str,
          sarif_file: str | None, quiet: bool) -> None:
    """Check articles (files or folders; '-' reads standard input)."""
    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"

    def progress(files: int) -> Progress | None:
        return Progress(sys.stderr, files) if progress_wanted(sys.stderr, quiet, files) else None

    run = Run(options, progress).execute()
    if options.diff:
        click.echo("".join(run.diffs), nl=False)
        for error in run.input_errors:
            _say_error(error)
        sys.exit(ExitCode.ERROR if run.input_errors
                 else ExitCode.FINDINGS if run.diffs else ExitCode.CLEAN)
    context = ReportContext(rules=run.rules, files=len(run.results))
    click.echo(renderer(output_format)(run.results, context), nl=False)
    if sarif_file:
        write_atomically(sarif_file, renderer("sarif")(run.results, context).encode("utf-8"))
    for notice in [] if quiet else run.notices:
        click.echo(f"medlint: {notice}", err=True)
    for error in run.input_errors:
        _say_error(error)
    sys.exit(run.exit_code(fail_on))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", required=True, type=click.Path(),
              help="Baseline file to write (JSON).")
@rules_option
@config_option
@today_option
@handles_errors
def baseline(paths: tuple[str, ...], output: str, rules_dirs: tuple[str, ...],
             config_file: str | None, today: str | None) -> None:
    """Record today's findings, so `check --baseline` shows only new ones."""
    run = Run(CheckOptions(paths=tuple(p for p in paths if p != "-"), rules_dirs=rules_dirs,
                           config_file=config_file, today=_parse_date(today), jobs=1,
                           cache=False)).execute()
    findings = run.findings()
    from .baseline import Baseline
    write_atomically(output, Baseline.of(findings).to_json().encode("utf-8"))
    click.echo(f"{output}: {len(findings)} findings in {len(run.results)} files recorded")
    for error in run.input_errors:
        _say_error(error)
    sys.exit(ExitCode.ERROR if run.input_errors else ExitCode.CLEAN)


@main.command("rules")
@rules_option
@handles_errors
def list_rules(rules_dirs: tuple[str, ...]) -> None:
    """List every rule: id, severity and a one-line summary."""
    rules = load_rules(rules_dirs, store_dir=user_cache_folder())
    width = max((len(r.spec.id) for r in rules.rules), default=10)
    for rule in sorted(rules.rules, key=lambda r: r.spec.id):
        click.echo(f"{rule.spec.id:<{width}}  {rule.spec.severity.value:<7}  {rule.spec.summary}")


@main.command()
@click.argument("rule_id", metavar="ID")
@rules_option
@handles_errors
def explain(rule_id: str, rules_dirs: tuple[str, ...]) -> None:
    """Explain one rule (why, its sources and its examples), or list a pack's rules."""
    rules = load_rules(rules_dirs, store_dir=user_cache_folder())
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
    rules = _rules_from_files(files) if files else load_rules(store_dir=user_cache_folder())
    from .examples import run_examples
    failures = run_examples(rules)
    for failure in failures:
        click.echo(failure.describe())
    count = sum(len(r.spec.flag_examples) + len(r.spec.pass_examples) for r in rules.rules)
    click.echo(f"{len(rules.rules)} rules, {count} examples, {len(failures)} failing")
    sys.exit(ExitCode.FINDINGS if failures else ExitCode.CLEAN)


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
    # A configuration is checked against its rule set's names; the store holds only rule
    # sets that passed full validation, so it may serve them.
    rule_sets = RuleSetCache(store_dir=user_cache_folder())
    for config in configs:
        problems += config_problems(load_config_file(config), rule_sets)
    if problems:
        raise MedlintError("\n".join(problems))
    if packs or not files:
        rules = _rules_from_files(packs) if packs else load_rules()
        click.echo(f"{len(rules.rules)} rules valid")
    if configs:
        click.echo(f"{len(configs)} configuration file{'s' * (len(configs) != 1)} valid")


@main.command("abbreviations")
@click.argument("file", type=click.Path())
@click.option("--format", "output_format", type=click.Choice(["text", "markdown", "csv"]),
              default="text", show_default=True, help="Output format.")
@click.option("--all", "include_undefined", is_flag=True,
              help="Also list abbreviations the document uses without defining them.")
@handles_errors
def abbreviations(file: str, output_format: str, include_undefined: bool) -> None:
    """Print the document's abbreviation table: abbreviation, definition, line of the
    definition, line of first use, number of uses."""
    from .abbreviation_table import abbreviation_table, render
    rows = abbreviation_table(read_source(file), include_undefined=include_undefined)
    click.echo(render(rows, output_format), nl=False)


@main.command()
@click.option("--output", type=click.Path(), help="Write to this file instead of stdout.")
@click.option("--check", "check_only", is_flag=True,
              help="Exit 1 if --output is not up to date (for CI and pre-commit).")
@handles_errors
def docs(output: str | None, check_only: bool) -> None:
    """Generate the rule reference (Markdown) from rule metadata."""
    from .docs import render_rule_docs
    text = render_rule_docs(load_rules(store_dir=user_cache_folder()))
    if output is None:
        click.echo(text, nl=False)
        return
    target = Path(output)
    current = target.read_text("utf-8") if target.is_file() else None
    if check_only:
        if current != text:
            _say_error(f"{output}: out of date; run `medlint docs --output {output}`")
            sys.exit(ExitCode.FINDINGS)
        return
    if current != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
        click.echo(f"wrote {output}")


if __name__ == "__main__":
    main()
