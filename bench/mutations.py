"""Does the test suite notice when important behaviour breaks?

Each mutation below is one small, deliberate breakage of medlint. For each, the package
(code and rule packs) is copied to a temporary folder, the breakage is applied to the copy
(never to the working tree), and the tests that should notice are run against the copy (it
comes first on PYTHONPATH, for the tests and for the `medlint` command they start). A
mutation is caught when those tests fail. The unbroken copy is run first: its tests must pass,
or nothing below means anything.

    python bench/mutations.py                 # every mutation, its own tests
    python bench/mutations.py --suite         # every mutation, the whole suite (slow)
    python bench/mutations.py -k cache        # only mutations whose name holds "cache"
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Mutation:
    name: str
    file: str  # inside the package (linter/ in the source tree)
    old: str  # must occur exactly once
    new: str
    tests: tuple[str, ...]  # pytest arguments, relative to the repository


MUTATIONS = (
    Mutation("--fix writes without the changed-on-disk check", "run.py",
             "write_atomically(source.path, source.encode(outcome.text), expected=source.raw)",
             "write_atomically(source.path, source.encode(outcome.text))",
             ("tests/test_fix_safety.py",)),
    Mutation("changed-on-disk check only before writing, not before the rename", "source.py",
             "        _check_unchanged(path, expected)  # again",
             "        pass  # again",
             ("tests/test_fix_safety.py",)),
    Mutation("write_atomically writes in place", "source.py",
             "        os.replace(temp, target)",
             "        target.write_bytes(Path(temp).read_bytes()); os.unlink(temp)",
             ("tests/test_fix_safety.py", "tests/test_fixes.py")),
    Mutation("write_atomically leaves the temporary file after a failure", "source.py",
             "        if temp is not None:\n            with contextlib.suppress(OSError):",
             "        if False:\n            with contextlib.suppress(OSError):",
             ("tests/test_fix_safety.py",)),
    Mutation("write_atomically does not keep the file mode", "source.py",
             "            os.chmod(temp, mode)", "            pass",
             ("tests/test_fixes.py",)),
    Mutation("results cache key ignores the rule set's fingerprint", "cache.py",
             "code_identity(), rules_fingerprint,", "code_identity(),",
             ("tests/test_cache_and_jobs.py",)),
    Mutation("results cache key ignores the code's identity", "cache.py",
             "(f\"cache {FORMAT}\", code_identity(), ", "(f\"cache {FORMAT}\", ",
             ("tests/test_cache_and_jobs.py",)),
    Mutation("results cache key ignores the run options", "cache.py",
             "repr(config.for_path(source.path)), repr(options),",
             "repr(config.for_path(source.path)),",
             ("tests/test_cache_and_jobs.py",)),
    Mutation("results cache never hits", "lintfile.py",
             "cached = results.get(key) if results else None", "cached = None",
             ("tests/test_cache_and_jobs.py",)),
    Mutation("--audience raises on every use", "engine.py",
             "    if options.audience:\n        return options.audience",
             "    if options.audience:\n        raise RuntimeError('broken')",
             ("tests/test_cli.py",)),
    Mutation("--ignore raises on every use", "engine.py",
             "    if selected_by(options.ignore, spec.id, spec.topic):\n        return False",
             "    if options.ignore:\n        raise RuntimeError('broken')",
             ("tests/test_cli.py",)),
    Mutation("the example runner skips every flag example", "examples.py",
             "for expected, examples in ((\"flag\", rule.spec.flag_examples),",
             "for expected, examples in ((\"flag\", ()),",
             ("tests/test_cli.py",)),
    Mutation("link targets and titles are not masked", "document/markdown.py",
             "        if tail is not None:\n            self.masks.append(tail.span())",
             "        if tail is not None:\n            pass",
             ("tests/test_markup.py", "tests/test_fix_safety.py")),
    Mutation("images are not masked", "document/markdown.py",
             "        stop = tail.end() if tail else at + 2\n        self.masks.append((at, stop))",
             "        stop = tail.end() if tail else at + 2",
             ("tests/test_markup.py", "tests/test_fix_safety.py")),
    Mutation("autolinks are not masked", "document/markdown.py",
             "                self.masks.append((at, close + 1))", "                pass",
             ("tests/test_markup.py", "tests/test_fix_safety.py")),
    Mutation("inline HTML is not masked", "document/markdown.py",
             "        stop = at + len(token.content)\n        self.masks.append((at, stop))",
             "        stop = at + len(token.content)",
             ("tests/test_markup.py",)),
    Mutation("--fix rewrites masked text (URLs, markup)", "fixes.py",
             "    if doc.prose[edit.start : edit.end] != doc.text[edit.start : edit.end]:",
             "    if False:",
             ("tests/test_fix_safety.py",)),
    Mutation("GitHub annotation properties are not escaped", "report/github.py",
             "    return _escape_data(text).replace(\":\", \"%3A\").replace(\",\", \"%2C\")",
             "    return text",
             ("tests/test_markup.py",)),
    Mutation("US dates read day and month the other way round", "document/dates.py",
             "return dt.date(int(m.group(\"y4\")), int(m.group(\"m4\")), int(m.group(\"d4\")))",
             "return dt.date(int(m.group(\"y4\")), int(m.group(\"d4\")), int(m.group(\"m4\")))",
             ("tests/test_markup.py",)),
    Mutation("month names all read as January", "document/dates.py",
             "    return _MONTHS.get(value.lower().rstrip(\".\"), 1)", "    return 1",
             ("tests/test_markup.py",)),
    Mutation("impossible dates clamped instead of skipped", "document/dates.py",
             "    except ValueError:\n        return None",
             "    except ValueError:\n        return dt.date(2000, 1, 1)",
             ("tests/test_markup.py",)),
    Mutation("lint_file ignores the file's configuration", "api.py",
             "    config = resolver.for_file(path)\n    return lint_source",
             "    config = Config()\n    return lint_source",
             ("tests/test_markup.py",)),
    Mutation("a malformed baseline entry is accepted", "baseline.py",
             "            except (KeyError, TypeError, ValueError):\n"
             "                raise MedlintError(f\"{path}: entries[{i}] is malformed\") from None",
             "            except (KeyError, TypeError, ValueError):\n                continue",
             ("tests/test_markup.py",)),
    Mutation("errors of several lines printed as one", "cli.py",
             "            for line in str(exc).splitlines() or [\"error\"]:",
             "            for line in [str(exc)]:",
             ("tests/test_cli.py",)),
    Mutation("`rules` leaves out the last rule", "cli.py",
             "    for rule in sorted(rules.rules, key=lambda r: r.spec.id):",
             "    for rule in sorted(rules.rules, key=lambda r: r.spec.id)[:-1]:",
             ("tests/test_cli.py",)),
    Mutation("a file that is not text is skipped with a notice, not an error",
             "lintfile.py",
             "        return Input(error=str(exc))", "        return Input(notice=str(exc))",
             ("tests/test_robustness.py",)),
    Mutation("--fix rewrites quotations", "fixes.py",
             "    return doc.in_quote(edit.start, edit.end)", "    return False",
             ("tests/test_fixes.py", "tests/test_fix_safety.py")),
)


def package_copy(folder: Path) -> Path:
    """The installed layout: medlint/ holding the code, medlint/rules/ the packs."""
    package = folder / "medlint"
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "linter", package, ignore=ignore)
    shutil.copytree(ROOT / "rules", package / "rules", ignore=ignore)
    return package


def apply(package: Path, mutation: Mutation) -> None:
    target = package / mutation.file
    text = target.read_text("utf-8")
    count = text.count(mutation.old)
    if count != 1:
        raise SystemExit(f"{mutation.name}: the text to change occurs {count} times in "
                         f"{mutation.file}; update the mutation")
    target.write_text(text.replace(mutation.old, mutation.new), "utf-8")


def run_tests(site: Path, args: tuple[str, ...], workers: str) -> tuple[int, float]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(site), *filter(None, [os.environ.get("PYTHONPATH")])])}
    command = [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
               *(["-n", workers] if workers != "0" else []), *args]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                          check=False)
    return done.returncode, time.perf_counter() - started


def imported_from(site: Path) -> Path:
    env = {**os.environ, "PYTHONPATH": str(site)}
    out = subprocess.run([sys.executable, "-c", "import medlint; print(medlint.__file__)"],
                         env=env, capture_output=True, text=True, check=True)
    return Path(out.stdout.strip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-k", default="", help="only mutations whose name holds this")
    parser.add_argument("--suite", action="store_true", help="run the whole suite each time")
    parser.add_argument("-n", default="0", help="pytest-xdist workers per run (0: none)")
    options = parser.parse_args()
    chosen = [m for m in MUTATIONS if options.k in m.name]
    rows: list[tuple[str, str, float]] = []
    with tempfile.TemporaryDirectory(prefix="medlint-mutations-") as scratch:
        site = Path(scratch) / "site"
        package = package_copy(site)
        assert imported_from(site).parent == package, "the copy is not the one imported"
        for mutation in chosen:
            apply(package_copy(Path(scratch) / "check"), mutation)  # fail early on stale text
            shutil.rmtree(Path(scratch) / "check")
        every = tuple(sorted({t for m in chosen for t in m.tests}))
        code, seconds = run_tests(site, () if options.suite else every, options.n)
        print(f"unbroken copy: tests {'pass' if code == 0 else 'FAIL'} ({seconds:.0f} s)")
        if code != 0:
            return 2
        for mutation in chosen:
            shutil.rmtree(package)
            package = package_copy(site)
            apply(package, mutation)
            code, seconds = run_tests(site, () if options.suite else mutation.tests, options.n)
            verdict = {0: "MISSED", 1: "caught"}.get(code, f"error (pytest exit {code})")
            rows.append((mutation.name, verdict, seconds))
            print(f"  {verdict:<8} {seconds:5.0f} s  {mutation.name}", flush=True)
    width = max(len(name) for name, _, _ in rows)
    print()
    print(f"| {'mutation':<{width}} | verdict | seconds |")
    print(f"| {'-' * width} | ------- | ------- |")
    for name, verdict, seconds in rows:
        print(f"| {name:<{width}} | {verdict:<7} | {seconds:7.0f} |")
    caught = sum(verdict == "caught" for _, verdict, _ in rows)
    print(f"\n{caught} of {len(rows)} mutations caught")
    return 0 if caught == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
