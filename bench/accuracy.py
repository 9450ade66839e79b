"""Findings per 10,000 words, by pack and by rule, over a folder of articles.

    python bench/accuracy.py CORPUS [--audience AUDIENCE] [--today YYYY-MM-DD] [--show RULE]

On careful writing (such as NIH consumer-health pages) every finding is a false positive
candidate; the targets below are what the packs must meet there.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from pathlib import Path

from medlint.config import Config
from medlint.discover import discover
from medlint.document import parse_document
from medlint.engine import RunOptions, lint_document
from medlint.loader import load_rules
from medlint.models import MedlintError
from medlint.source import format_for, read_source

# Packs of phrase-level rules, which should stay quiet on sound health pages.
QUIET_PACKS = ("claims", "advertising", "hype", "debris", "currency", "dosing", "language",
               "statistics", "drug-names")
ERROR_LIMIT = 0.1  # error-level findings per 10,000 words
WARNING_LIMIT = 1.0  # warnings from QUIET_PACKS per 10,000 words


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="folder of .md/.txt/.html articles")
    parser.add_argument("--audience", default=None)
    parser.add_argument("--today", default=None)
    parser.add_argument("--show", action="append", default=[],
                        help="print each finding of this rule (repeatable)")
    args = parser.parse_args(argv)
    if not Path(args.corpus).is_dir():
        print(f"{args.corpus}: no such folder", file=sys.stderr)
        return 2
    rules = load_rules()
    today = dt.date.fromisoformat(args.today) if args.today else None
    options = RunOptions(audience=args.audience, today=today)
    words = files = 0
    by_rule: Counter[str] = Counter()
    by_severity: Counter[str] = Counter()
    quiet_warnings = 0
    for path in discover([args.corpus]):
        try:
            source = read_source(path)
        except MedlintError as exc:
            print(f"skipped: {exc}", file=sys.stderr)
            continue
        files += 1
        doc = parse_document(path, source.text, format_for(path))
        words += doc.word_count
        for f in lint_document(doc, rules, Config(), options).findings:
            by_rule[f.rule] += 1
            by_severity[f.severity.value] += 1
            if f.severity.value == "warning" and f.rule.split("/")[0] in QUIET_PACKS:
                quiet_warnings += 1
            if f.rule in args.show:
                print(f"  {f.path}:{f.line}:{f.column} {f.rule}: {f.context.strip()[:160]}")
    per = 10_000 / max(words, 1)
    print(f"{files} files, {words} words, audience {args.audience or 'default'}")
    by_pack: Counter[str] = Counter()
    for rule, n in by_rule.items():
        by_pack[rule.split("/")[0]] += n
    print("\nper 10,000 words by pack:")
    for pack, n in sorted(by_pack.items()):
        print(f"  {pack:<16} {n * per:8.3f}  ({n})")
    print("\nper 10,000 words by rule:")
    for rule, n in sorted(by_rule.items()):
        print(f"  {rule:<40} {n * per:8.3f}  ({n})")
    errors = by_severity["error"] * per
    warnings = quiet_warnings * per
    print(f"\nerror-level: {errors:.3f} per 10,000 words (target <= {ERROR_LIMIT})")
    print(f"warnings from {', '.join(QUIET_PACKS)}: {warnings:.3f} per 10,000 words "
          f"(target <= {WARNING_LIMIT})")
    ok = errors <= ERROR_LIMIT and warnings <= WARNING_LIMIT
    print("targets met" if ok else "targets NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
