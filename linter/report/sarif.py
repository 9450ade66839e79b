"""SARIF 2.1.0 for code-scanning services: one result per finding, rule metadata in the
driver, locations relative to the repository root."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from pathlib import Path

from .. import __version__
from ..engine import LintResult
from ..loader import CompiledRule, RuleSet, builtin_pack_files
from ..models import Finding, Severity
from ..rule import RuleSpec
from . import ReportContext, shown_replacement

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/medlint/medlint"
RULES_URI = f"{INFORMATION_URI}/blob/main/docs/rules.md"
_URL = re.compile(r"https?://[^\s<>\"')\]]+")
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def repository_root(start: str = ".") -> Path:
    """The nearest folder holding .git, else the working directory."""
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def artifact_uri(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return Path(os.path.abspath(path)).as_posix()


def help_uri(spec: RuleSpec, builtin: frozenset[str]) -> str | None:
    """Where a reader learns more: a built-in rule's section of the rule reference, else the
    first web address among the rule's sources."""
    if spec.origin in builtin:
        return f"{RULES_URI}#{spec.id.replace('/', '')}"
    for source in spec.sources:
        found = _URL.search(source)
        if found:
            return found.group().rstrip(".,;")
    return None


def _rule_descriptor(rule: CompiledRule, builtin: frozenset[str]) -> dict[str, object]:
    spec = rule.spec
    sources = "\n".join(f"- {s}" for s in spec.sources)
    linked = "\n".join(f"- {_URL.sub(lambda m: f'<{m.group()}>', s)}" for s in spec.sources)
    descriptor: dict[str, object] = {
        "id": spec.id,
        "name": spec.id.replace("/", "-"),
        "shortDescription": {"text": spec.summary},
        "fullDescription": {"text": spec.explanation},
        "help": {"text": f"{spec.explanation}\n\nSources:\n{sources}",
                 "markdown": f"{spec.explanation}\n\n**Sources**\n\n{linked}"},
        "defaultConfiguration": {"level": LEVELS[spec.severity]},
        "properties": {"tags": [spec.pack, spec.kind]},
    }
    uri = help_uri(spec, builtin)
    if uri:
        descriptor["helpUri"] = uri
    return descriptor


def render(results: Sequence[LintResult], context: ReportContext) -> str:
    rules = context.rules if isinstance(context.rules, RuleSet) else RuleSet(())
    builtin = frozenset(name for name, _ in builtin_pack_files())
    descriptors = [_rule_descriptor(r, builtin)
                   for r in sorted(rules.rules, key=lambda r: r.spec.id)]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    root = repository_root(context.root)
    sarif_results = []
    findings = sorted((f for r in results for f in r.findings), key=Finding.sort_key)
    for f in findings:
        result: dict[str, object] = {
            "ruleId": f.rule,
            "level": LEVELS[f.severity],
            "message": {"text": f.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(f.path, root),
                                         "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": f.line, "startColumn": f.column,
                               "endLine": f.end_line, "endColumn": max(f.end_column, 1)},
                },
            }],
            "partialFingerprints": {"medlintContext/v1": f.fingerprint()},
        }
        if f.rule in index:
            result["ruleIndex"] = index[f.rule]
        if f.fix is not None:
            result["fixes"] = [{
                "description": {"text": f"Replace with: {shown_replacement(f.fix.text)}"},
                "artifactChanges": [{
                    "artifactLocation": {"uri": artifact_uri(f.path, root),
                                         "uriBaseId": "%SRCROOT%"},
                    "replacements": [{
                        "deletedRegion": {"startLine": f.line, "startColumn": f.column,
                                          "endLine": f.end_line, "endColumn": f.end_column},
                        "insertedContent": {"text": f.fix.text},
                    }],
                }],
            }]
        sarif_results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "medlint", "version": __version__,
                                "semanticVersion": __version__,
                                "informationUri": INFORMATION_URI, "rules": descriptors}},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": root.as_uri() + "/"}},
            "results": sarif_results,
            "columnKind": "unicodeCodePoints",
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
