"""Check one large article end to end with the installed command and report wall time and
peak memory: the target is a 30 MB Markdown file within 60 s and 400 MB.
Usage: python bench/large_file.py [MB] [CORPUS_FOLDER]   (default 30 MB, the fixtures)

The article is built by repeating the project's own fixture documents (with their expectation
comments removed): real-looking prose with a finding every few lines, far denser than any
article. With a corpus folder, its Markdown and text pages are joined instead (a long but
ordinarily clean document)."""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXPECT = re.compile(r"<!--\s*expect:[^>]*-->")


def article(megabytes: float, folder: Path = ROOT / "fixtures") -> str:
    parts = []
    for path in sorted(p for p in folder.rglob("*") if p.suffix in (".md", ".txt")):
        text = EXPECT.sub("", path.read_text("utf-8"))
        if text.startswith("---"):  # one front matter per document, not one per copy
            text = text.split("---", 2)[-1]
        parts.append(text)
    block = "\n\n".join(parts)
    target = int(megabytes * 1_000_000)
    copies = max(1, -(-target // len(block.encode("utf-8"))))
    text = "# A long article\n\n" + "\n\n".join([block] * copies)
    cut = text.rfind("\n\n", 0, target)
    return text[:cut] + "\n" if cut > 0 else text


def main() -> None:
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 30.0
    source = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "fixtures"
    medlint = Path(sys.executable).parent / "medlint"
    with tempfile.TemporaryDirectory(prefix="medlint-large-") as folder:
        page = Path(folder) / "large.md"
        page.write_text(article(megabytes, source), "utf-8")
        size = page.stat().st_size / 1e6
        began = time.perf_counter()
        out = subprocess.run([str(medlint), "check", "--no-cache", "--format", "json",
                              "--fail-on", "never", str(page)],
                             capture_output=True, text=True, check=False, cwd=folder,
                             env={**os.environ, "CI": "true"})
        took = time.perf_counter() - began
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = usage.ru_utime + usage.ru_stime
        peak = usage.ru_maxrss
        peak_mb = peak / 1e6 if sys.platform == "darwin" else peak / 1e3
        findings = out.stdout.count('"rule":')
        print(f"{size:.1f} MB Markdown: {took:.1f} s ({cpu:.1f} s of processor time; on a "
              f"busy machine the second is the fairer figure), peak memory {peak_mb:.0f} MB, "
              f"{findings} findings, exit {out.returncode}")
        for line in out.stderr.splitlines()[:5]:
            print("  stderr:", line)


if __name__ == "__main__":
    main()
