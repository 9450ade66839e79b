"""Human-readable findings: `path:line:col  severity  pack/rule  message`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..engine import LintResult
from ..scorecard import summary as scorecard_summary
from ..source import path_display
from . import ReportContext, shown_replacement


def render(results: Sequence[LintResult], context: ReportContext) -> str:
    lines: list[str] = []
    counts: Counter[str] = Counter()
    display_path = path_display()
    for result in results:
        for f in result.findings:
            counts[f.severity.value] += 1
            where = f"{display_path(f.path)}:{f.line}:{f.column}"
            line = f"{where}  {f.severity.value:<7}  {f.rule}  {f.message}"
            if f.fix is not None:
                marker = "fix" if f.fix_safe else "suggestion"
                line += f"  [{marker}: {shown_replacement(f.fix.text)}]"
            lines.append(line)
        if result.scorecard:
            lines.append(f"{display_path(result.path)}: news scorecard: "
                         f"{scorecard_summary(result.scorecard)}")
    total = sum(counts.values())
    if total:
        parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}"
                 for s in ("error", "warning", "info") if counts[s]]
        lines.append(f"{total} finding{'s' if total != 1 else ''} ({', '.join(parts)}) "
                     f"in {context.files} file{'s' if context.files != 1 else ''}")
    else:
        lines.append(f"No findings in {context.files} file{'s' if context.files != 1 else ''}")
    return "\n".join(lines) + "\n"
