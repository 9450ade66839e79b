"""Run a compiled rule set over one parsed document. Pure: no printing, no file access."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from .checks.base import Hit, RunContext, format_message, title_span
from .config import Config, did_you_mean
from .directives import Directive, Directives
from .document.based_on import read_any_source
from .document.model import Document
from .loader import CompiledRule, RuleSet
from .models import Audience, Finding, Severity
from .patterns.state import DocumentFilter
from .rule import RuleSpec
from .scorecard import PROFILES, Criterion, score
from .selectors import selected_by

AUDIENCES = frozenset(a.value for a in Audience)
INTERNAL_ERROR = "medlint/internal-error"
# A medlint-disable naming no rule turns every rule off; the style guide asks for a reason.
BLANKET_DIRECTIVE = "medlint/blanket-directive"


@dataclass(frozen=True)
class RunOptions:
    """Choices made on the command line; they win over configuration and front matter."""

    audience: str | None = None
    scorecard: list[Criterion] = field(default_factory=list)
    cacheable: bool = True  # False when the result also depends on another file (based_on)
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    today: dt.date | None = None
    timeout: float = 2.0
    based_on: str | None = None  # the source every checked document is based on
    prefilter: bool = True  # False: search every pattern everywhere (same findings, slower)


@dataclass
class LintResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    unused_directives: list[Directive] = field(default_factory=list)
    audience: str | None = None
    scorecard: list[Criterion] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # a rule that could not finish: exit 2


# A pattern search may take `timeout` seconds per started megabyte of the document, so a long
# document gets a proportionally longer limit and a file gives the same result on every run.
TIMEOUT_UNIT = 1_000_000


def time_limit(timeout: float, size: int) -> float:
    """Seconds one pattern search may take on a document of `size` characters."""
    return timeout * max(1, -(-size // TIMEOUT_UNIT))


def document_audience(doc: Document, config: Config, options: RunOptions) -> str | None:
    if options.audience:
        return options.audience
    declared = doc.front_matter.get("audience")
    if isinstance(declared, str) and declared.strip().lower() in AUDIENCES:
        return declared.strip().lower()
    return config.audience


def front_matter_notices(doc: Document, audience: str | None) -> list[str]:
    """What a writer must hear about front matter medlint could not use: it is never
    ignored silently."""
    notices = []
    if doc.front_matter_error:
        notices.append(f"{doc.path}:{doc.front_matter_error}; its settings are ignored")
    declared = doc.front_matter.get("audience")
    if declared is not None and not (
        isinstance(declared, str) and declared.strip().lower() in AUDIENCES
    ):
        shown = " ".join(str(declared).split())
        notices.append(f"{doc.path}: front matter audience \"{shown}\" is not one of "
                       f"{', '.join(a.value for a in Audience)}"
                       f"{did_you_mean(shown.lower(), AUDIENCES)}; checked "
                       + (f"as {audience}" if audience else "with each rule's default severity"))
    return notices


def _selected(spec: RuleSpec, options: RunOptions, config: Config) -> bool:
    if options.select is not None and not selected_by(options.select, spec.id, spec.topic):
        return False
    if selected_by(options.ignore, spec.id, spec.topic):
        return False
    return config.enabled(spec.id, spec.topic)


def effective_severity(rule: CompiledRule, audience: str | None, config: Config
                       ) -> Severity | None:
    override = config.severity_override(rule.spec.id, rule.spec.topic)
    if override == "off":
        return None
    base = rule.spec.severity_for(audience)
    if base is None:
        return None
    return Severity(override) if override else base


def _context(doc: Document, hit: Hit, line: int, end_line: int) -> str:
    """The flagged line(s): what a baseline matches on, so it survives lines moving. Very
    long lines are cut to a window around the hit."""
    start = doc.lines.line_span(line, doc.text)[0]
    end = doc.lines.line_span(end_line, doc.text)[1]
    if end - start > 400:
        start, end = max(start, hit.start - 100), min(end, hit.end + 100)
    return doc.text[start:end]


def _finding(doc: Document, rule: CompiledRule, severity: Severity, hit: Hit) -> Finding:
    line, column = doc.lines.position(hit.start)
    end_line, end_column = doc.lines.position(max(hit.end, hit.start))
    values = {"match": doc.text[hit.start : hit.end], **hit.values}
    return Finding(
        path=doc.path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        rule=rule.spec.id,
        severity=severity,
        message=format_message(rule.spec.message, values),
        offset=hit.start,
        end_offset=hit.end,
        fix=hit.fix,
        fix_safe=bool(rule.spec.params.get("safe", False)) and hit.fix is not None,
        context="" if hit.document_level else _context(doc, hit, line, end_line),
        document_level=hit.document_level,
    )


def internal_error(doc: Document, rule_id: str, exc: Exception) -> Finding:
    """A rule whose check raised: a finding of its own at the document's title, so the file
    is reported as not fully checked while every other rule still runs."""
    start, end = title_span(doc)
    line, column = doc.lines.position(start)
    end_line, end_column = doc.lines.position(end)
    detail = " ".join(f"{type(exc).__name__}: {exc}".split())
    return Finding(
        path=doc.path, line=line, column=column, end_line=end_line, end_column=end_column,
        rule=INTERNAL_ERROR, severity=Severity.ERROR,
        message=f"rule {rule_id} failed with an internal error ({detail}), so this file was "
                f"not fully checked; report the rule with the file, or skip it here with "
                f"--ignore {rule_id}",
        offset=start, end_offset=end, document_level=True,
    )


def blanket_directive_findings(doc: Document, directives: Directives, config: Config,
                               options: RunOptions) -> list[Finding]:
    """A directive that turns off every rule without a reason after `--`: whoever reads the
    article later cannot tell what it hides or why."""
    if options.select is not None and not selected_by(options.select, BLANKET_DIRECTIVE, None):
        return []
    if selected_by(options.ignore, BLANKET_DIRECTIVE, None) or not config.enabled(
            BLANKET_DIRECTIVE):
        return []
    found = []
    for d in directives.items:
        if d.verb == "enable" or d.rules or d.reason:
            continue
        start = doc.lines.line_start(d.origin_line) + d.column - 1
        end = doc.lines.line_span(d.origin_line, doc.text)[1]
        found.append(Finding(
            path=doc.path, line=d.origin_line, column=d.column, end_line=d.origin_line,
            end_column=d.column + (end - start), rule=BLANKET_DIRECTIVE,
            severity=Severity.WARNING,
            message=f"medlint-{d.verb} with no rule named turns off every rule; name the rules "
                    "or packs it is for, or give the reason after `--`",
            offset=start, end_offset=end, context=doc.text[start:end],
        ))
    return found


@dataclass(frozen=True)
class PlannedRule:
    """A rule that runs on a document, with its severity and run context."""

    rule: CompiledRule
    severity: Severity
    context: RunContext


def plan_rules(rules: RuleSet, config: Config, audience: str | None, today: dt.date,
               options: RunOptions) -> tuple[PlannedRule, ...]:
    """The rules that run for this configuration and audience; computed once per distinct
    combination and kept on the rule set, since every file of a run usually shares it."""
    key = (config, audience, today, options.select, options.ignore, options.timeout,
           options.based_on)
    planned = rules.plans.get(key)
    if planned is None:
        planned = tuple(
            PlannedRule(rule, severity, RunContext(
                today=today,
                audience=audience,
                timeout=options.timeout,
                scope_kinds=rule.spec.block_kinds(),
                scope_front_matter=bool({"front-matter", "all"} & rule.spec.scope),
                known_abbreviations=frozenset(config.known_abbreviations),
                based_on=options.based_on,
            ))
            for rule in rules.rules
            if _selected(rule.spec, options, config)
            and (severity := effective_severity(rule, audience, config)) is not None
        )
        rules.plans[key] = planned
    return planned


def _without_deferred(doc: Document, findings: list[Finding],
                      planned: tuple[PlannedRule, ...]) -> list[Finding]:
    """One problem, one finding: drop a finding of a rule that `defers_to` other packs or
    rules when one of their findings covers the same words, or flags the same term elsewhere
    ("QD" is not also told to be spelled out where a dose rule says to write "daily")."""
    defers = {p.rule.spec.id: p.rule.spec.defers_to for p in planned if p.rule.spec.defers_to}
    if not defers:
        return findings
    kept = []
    for finding in findings:
        others = defers.get(finding.rule)
        if others:
            covering = [f for f in findings if f.rule != finding.rule
                        and (f.rule in others or f.rule.split("/", 1)[0] in others)]
            term = doc.text[finding.offset:finding.end_offset].strip()
            if any(f.offset < finding.end_offset and finding.offset < f.end_offset
                   or term == doc.text[f.offset:f.end_offset].strip() for f in covering):
                continue
        kept.append(finding)
    return kept


def lint_document(doc: Document, rules: RuleSet, config: Config,
                  options: RunOptions | None = None) -> LintResult:
    options = options or RunOptions()
    config = config.for_path(doc.path)
    audience = document_audience(doc, config, options)
    result = LintResult(doc.path, audience=audience)
    if doc.front_matter_span is not None:
        result.notices.extend(front_matter_notices(doc, audience))
    today = options.today or config.today or dt.date.today()
    directives = Directives.of(doc)
    limit = time_limit(options.timeout, len(doc.text))
    if limit != options.timeout:
        options = replace(options, timeout=limit)
    planned = plan_rules(rules, config, audience, today, options)
    # Fresh for each rule set; the short needles already searched stay true of the text.
    known = doc.prefilter = DocumentFilter(enabled=options.prefilter, probed=doc.prefilter.probed)
    if known.enabled and rules.needles is not None:
        known.indexed = rules.needles.needles
        known.present = rules.needles.present(doc.folded_prose)
    if known.enabled and rules.presence is not None:
        matched = rules.presence.matched(doc.prose)
        if matched is not None:
            known.presence, known.matched = rules.presence, matched

    profile = PROFILES.get(audience or "")
    scored: list[CompiledRule] = []
    for entry in planned:
        rule = entry.rule
        if profile is not None and rule.spec.pack == profile.pack:
            scored.append(rule)
        try:
            hits = list(rule.check.run(doc, entry.context))
            found = [_finding(doc, rule, entry.severity, hit) for hit in hits]
        except TimeoutError:
            result.errors.append(
                f"{doc.path}: rule {rule.spec.id} timed out (a pattern search took over "
                f"{options.timeout:g} s), so this file was not fully checked; report the rule "
                "with the file, or skip it here with --ignore " + rule.spec.id
            )
            continue
        except Exception as exc:  # a bug in one kind must not stop the other rules
            error = internal_error(doc, rule.spec.id, exc)
            result.findings.append(error)
            result.errors.append(f"{doc.path}: {error.message}")
            continue
        for finding in found:
            if directives.suppresses(finding.rule, finding.line):
                continue
            result.findings.append(finding)
    result.findings.extend(blanket_directive_findings(doc, directives, config, options))
    result.findings = _without_deferred(doc, result.findings, planned)
    result.findings.sort(key=Finding.sort_key)
    if scored and profile is not None:
        contexts = {p.rule.spec.id: p.context for p in planned}
        selected = {p.rule.spec.pack for p in planned}
        result.scorecard = score(doc, scored, result.findings,
                                 lambda rule: contexts[rule.spec.id],
                                 [pack for pack in profile.whole_packs if pack in selected])
    result.unused_directives = directives.unused()
    result.cacheable = not read_any_source(doc.memo)
    return result
