"""Time `medlint check` on single-line documents of growing size; linear time shows as a
steady seconds-per-MB figure. Usage: python bench/long_line.py [MAX_MB]"""

from __future__ import annotations

import sys
import time

from medlint.api import RuleSetCache
from medlint.config import Config
from medlint.document import parse_document
from medlint.engine import lint_document

SENTENCE = ("Patients taking 5 mg of warfarin daily (Smith 2019) reported a breakthrough, "
            "and studies show the WHO advice helps. ")


def main() -> None:
    max_mb = float(sys.argv[1]) if len(sys.argv) > 1 else 20.0
    rules = RuleSetCache().for_config(Config())
    size = 1.25
    while size <= max_mb:
        text = SENTENCE * int(size * 1_000_000 / len(SENTENCE))
        for fmt in ("text", "markdown"):
            began = time.perf_counter()
            result = lint_document(parse_document("long", text, fmt), rules, Config())
            took = time.perf_counter() - began
            timed_out = len(result.errors)
            print(f"{fmt:8} {len(text) / 1e6:6.1f} MB one line: {took:6.2f} s "
                  f"({took / (len(text) / 1e6):.3f} s/MB, {len(result.findings)} findings, "
                  f"{timed_out} rules timed out)", flush=True)
        size *= 2


if __name__ == "__main__":
    main()
