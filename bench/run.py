"""Print medlint's speed and memory figures over a corpus of documents.

    python bench/run.py [CORPUS]

CORPUS defaults to ../shared/corpus/medquad-dev; without it, generated text is used.
Figures: files, MB, wall seconds, MB/s, files/s, peak RSS, the time one combined
regular expression takes to read and scan the same files (the floor for a Python
linter), the ratio of the two, the same for `medlint check --no-cache` with its default
worker processes (one per core), a first and a second run with the results cache on, and
the median wall time of `medlint check` on one small file.
The compiled rules (and their automaton of twins) are read from the user's cache folder, as a
`medlint check` run reads them; on a first run they are compiled and kept, so run it twice.
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from medlint.api import RuleSetCache, lint_file
from medlint.config import ConfigResolver
from medlint.parallel import default_jobs
from medlint.patterns.store import user_cache_folder

FLOOR = re.compile(r"\b(?:cure[sd]?|miracle|always|never|proven|mg|mcg|units?|risk|"
                   r"\d+(?:\.\d+)?\s*%|doi:\S+|PMID:?\s*\d+|\[\d+\])\b", re.IGNORECASE)
SAMPLE = ("# Managing type 2 diabetes\n\nMetformin is usually the first medicine. It may "
          "lower the risk of heart disease by 20% [1]. Take 500 mg with meals.\n\n")


def corpus_files(root: Path, scratch: Path) -> list[Path]:
    if root.is_dir():
        return sorted(p for p in root.rglob("*") if p.suffix in {".md", ".html", ".txt"})
    for i in range(500):
        (scratch / f"doc{i:04}.md").write_text(SAMPLE * (5 + i % 20), encoding="utf-8")
    return sorted(scratch.glob("*.md"))


def floor_seconds(files: list[Path], runs: int = 3) -> float:
    """The fastest of a few runs, so the figure does not depend on a cold disk cache."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for path in files:
            sum(1 for _ in FLOOR.finditer(path.read_text(encoding="utf-8", errors="replace")))
        best = min(best, time.perf_counter() - start)
    return best


def medlint_seconds(files: list[Path]) -> tuple[float, int]:
    resolver, cache = ConfigResolver(), RuleSetCache(store_dir=user_cache_folder())
    start = time.perf_counter()
    findings = 0
    for path in files:
        findings += len(lint_file(str(path), resolver, cache).findings)
    return time.perf_counter() - start, findings


def medlint_exe() -> str:
    return shutil.which("medlint") or str(Path(sys.executable).with_name("medlint"))


def command_line_seconds(root: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB, largest process) of `medlint check --no-cache` with
    its default worker processes, over the whole corpus."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run([medlint_exe(), "check", "--no-cache", "--format", "json", str(root)],
                   capture_output=True, check=False)
    wall = time.perf_counter() - start
    return wall, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024


def cached_seconds(root: Path) -> tuple[float, float]:
    """Wall seconds of `medlint check` with its results cache, on a first run (an empty
    cache) and on a second run over the unchanged files."""
    times = []
    with tempfile.TemporaryDirectory() as work:  # where .medlint_cache/ is made
        for _ in range(2):
            start = time.perf_counter()
            subprocess.run([medlint_exe(), "check", "--format", "json", str(root.resolve())],
                           capture_output=True, check=False, cwd=work)
            times.append(time.perf_counter() - start)
    return times[0], times[1]


def small_file_ms(path: Path, runs: int) -> float:
    exe = medlint_exe()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([exe, "check", str(path)], capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default="../shared/corpus/medquad-dev")
    parser.add_argument("--runs", type=int, default=7, help="runs for the small-file timing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        files = corpus_files(Path(args.corpus), Path(scratch))
        size_mb = sum(p.stat().st_size for p in files) / 1e6
        floor = floor_seconds(files)
        wall, findings = medlint_seconds(files)
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        root = Path(args.corpus) if Path(args.corpus).is_dir() else Path(scratch)
        cli_wall, cli_rss = command_line_seconds(root)
        cold, warm = cached_seconds(root)
        small = Path(scratch) / "small.md"
        small.write_text(SAMPLE, encoding="utf-8")
        small_ms = small_file_ms(small, args.runs)
    print(f"corpus        {args.corpus if Path(args.corpus).is_dir() else 'generated text'}")
    print(f"files         {len(files)}")
    print(f"MB            {size_mb:.2f}")
    print(f"findings      {findings}")
    print(f"wall s        {wall:.2f}")
    print(f"MB/s          {size_mb / wall:.2f}")
    print(f"files/s       {len(files) / wall:.1f}")
    print(f"peak RSS MB   {rss_mb:.0f}")
    print(f"floor s       {floor:.3f}  (one combined regex, read + scan)")
    print(f"ratio         {wall / floor:.1f}x the floor")
    print(f"cli wall s    {cli_wall:.2f}  (`medlint check --no-cache`, {default_jobs()} workers)")
    print(f"cli MB/s      {size_mb / cli_wall:.2f}")
    print(f"cli ratio     {cli_wall / floor:.1f}x the floor")
    print(f"cli RSS MB    {cli_rss:.0f}  (largest process)")
    print(f"cache cold s  {cold:.2f}  (`medlint check`, empty results cache)")
    print(f"cache warm s  {warm:.2f}  ({100 * warm / cold:.1f}% of cold: same files again)")
    print(f"small file ms {small_ms:.0f}  (median of {args.runs} `medlint check` runs)")


if __name__ == "__main__":
    main()
