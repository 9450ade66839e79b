"""The results cache and worker processes change speed, never findings."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint import cache, identity, lintfile, loader, parallel, run
from medlint.cli import main
from medlint.patterns.store import PatternStore, user_cache_folder


def articles(folder: Path, count: int) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for i in range(count):
        page = folder / f"page{i:03}.md"
        page.write_text(f"# Page {i}\n\nGive {i}.0 mg at night. It is a miracle cure.\n", "utf-8")
        paths.append(page)
    return paths


HOUSE_PACK = """\
pack: house
rules:
  - id: house/word
    kind: phrase
    severity: warning
    message: "Avoid '{word}'."
    explanation: The house style guide keeps this word out of every page we publish.
    sources: ["House style guide, 2026"]
    scope: [prose]
    patterns: ['\\b{word}\\b']
    examples:
      flag: ["A {word} here."]
      pass: ["Nothing here."]
"""


def check(folder: Path, *extra: str) -> dict:
    result = CliRunner().invoke(main, ["check", "--format", "json", "--fail-on", "never",
                                       *extra, str(folder)])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_cache_reuses_and_invalidates(tmp_path: Path, monkeypatch) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    pages = articles(tmp_path / "docs", 3)
    first = check(tmp_path / "docs", "-j", "1")
    entries = list((work / ".medlint_cache").rglob("*.json"))
    assert len(entries) == 3
    assert check(tmp_path / "docs", "-j", "1") == first
    pages[0].write_text("Nothing to see here.\n", "utf-8")
    changed = check(tmp_path / "docs", "-j", "1")
    assert not any(f["path"].endswith("page000.md") for f in changed["findings"])


def test_damaged_cache_entry_is_ignored(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    articles(tmp_path / "docs", 1)
    first = check(tmp_path / "docs")
    for entry in (tmp_path / ".medlint_cache").rglob("*.json"):
        entry.write_text("{not json", "utf-8")
    assert check(tmp_path / "docs") == first


def test_no_cache_writes_nothing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    articles(tmp_path / "docs", 1)
    check(tmp_path / "docs", "--no-cache")
    assert not (tmp_path / ".medlint_cache").exists()


def test_workers_give_the_same_findings_in_the_same_order(tmp_path: Path, monkeypatch) -> None:
    count = 2 * parallel.MIN_FILES_PER_WORKER  # the fewest files that go to two workers
    articles(tmp_path, count)
    monkeypatch.chdir(tmp_path)
    serial = check(tmp_path, "--no-cache", "-j", "1")
    in_workers = check(tmp_path, "--no-cache", "-j", "2")
    assert in_workers == serial and len(serial["findings"]) == 2 * count


def test_workers_without_a_user_cache_folder_share_one_temporary_store(
        tmp_path: Path, monkeypatch) -> None:
    """With no user cache folder (no home folder), workers load the rules this process
    compiled from one temporary store, which is gone afterwards."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(run, "user_cache_folder", lambda: None)
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    saved: list[str] = []
    real_save = parallel.save_store

    def spy(path: Path, store: PatternStore) -> None:
        saved.append(str(path))
        real_save(path, store)

    monkeypatch.setattr(parallel, "save_store", spy)
    count = 2 * parallel.MIN_FILES_PER_WORKER  # the fewest files that go to two workers
    articles(tmp_path / "docs", count)
    monkeypatch.chdir(tmp_path)
    findings = check(tmp_path / "docs", "-j", "2")["findings"]
    assert len(findings) == 2 * count
    assert len(saved) == 1 and saved[0].startswith(str(scratch))
    assert not any(scratch.iterdir())


def test_no_cache_still_uses_the_compiled_rule_store(tmp_path: Path, monkeypatch) -> None:
    """--no-cache leaves the project without .medlint_cache/, but the rules come from the
    compiled store in the user's cache folder (keyed on rule texts and code, never stale)."""
    loaded: list[tuple[str, bool]] = []
    real_load = loader.load_store

    def spy(path: Path) -> PatternStore | None:
        found = real_load(path)
        loaded.append((str(path), found is not None))
        return found

    monkeypatch.setattr(loader, "load_store", spy)
    monkeypatch.chdir(tmp_path)
    articles(tmp_path / "docs", 1)
    assert len(check(tmp_path / "docs", "--no-cache")["findings"]) == 2
    folder = user_cache_folder()
    assert folder is not None and (folder, True) in [(str(Path(p).parent), hit)
                                                     for p, hit in loaded]
    assert not (tmp_path / ".medlint_cache").exists()


def test_the_suite_writes_no_results_cache_into_the_repository(tmp_path: Path) -> None:
    from conftest import ROOT

    def repository_cache() -> set[Path]:  # a user's own `medlint check` may have made one
        return set((ROOT / ".medlint_cache").rglob("*"))

    before = repository_cache()
    page = tmp_path / "page.md"
    page.write_text("Give 2.0 mg.\n", "utf-8")
    result = CliRunner().invoke(main, ["check", str(page)])
    assert result.exit_code == 1
    assert (Path.cwd() / ".medlint_cache").is_dir()  # written where the test runs...
    assert ROOT not in (Path.cwd(), *Path.cwd().parents)  # ...which is not the repository
    assert repository_cache() == before


# --- what the results cache key depends on ------------------------------------------------------

@pytest.fixture
def lint_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Paths linted for real (not served from the results cache), in this process."""
    calls: list[str] = []
    real = lintfile.lint_source

    def counting(source, *args, **kwargs):
        calls.append(source.path)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(lintfile, "lint_source", counting)
    return calls


def test_second_run_lints_nothing(tmp_path: Path, monkeypatch, lint_calls: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    articles(tmp_path / "docs", 3)
    first = check(tmp_path / "docs", "-j", "1")
    assert len(lint_calls) == 3 and len(first["findings"]) == 6
    lint_calls.clear()
    assert check(tmp_path / "docs", "-j", "1") == first
    assert lint_calls == []


@pytest.mark.parametrize("change", [
    pytest.param(("--today", "2030-01-01"), id="today"),
    pytest.param(("--audience", "professional"), id="audience"),
    pytest.param(("--ignore", "hype"), id="ignore"),
    pytest.param(("--select", "dosing"), id="select"),
])
def test_changed_options_lint_again(tmp_path: Path, monkeypatch, lint_calls: list[str],
                                    change: tuple[str, ...]) -> None:
    monkeypatch.chdir(tmp_path)
    articles(tmp_path / "docs", 1)
    check(tmp_path / "docs", "-j", "1", "--today", "2026-01-01")
    lint_calls.clear()
    args = ("--today", "2026-01-01", *change) if change[0] != "--today" else change
    check(tmp_path / "docs", "-j", "1", *args)
    assert len(lint_calls) == 1


def test_changed_pack_lints_again_and_finds_what_it_now_says(
        tmp_path: Path, monkeypatch, lint_calls: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    articles(tmp_path / "docs", 1)
    packs = tmp_path / "packs"
    packs.mkdir()
    pack = packs / "house.yaml"
    pack.write_text(HOUSE_PACK.format(word="miracle"), "utf-8")
    first = check(tmp_path / "docs", "-j", "1", "--rules", str(packs))
    assert [f["rule"] for f in first["findings"]].count("house/word") == 1
    pack.write_text(HOUSE_PACK.format(word="night"), "utf-8")
    lint_calls.clear()
    second = check(tmp_path / "docs", "-j", "1", "--rules", str(packs))
    assert len(lint_calls) == 1
    [found] = [f for f in second["findings"] if f["rule"] == "house/word"]
    assert found["message"] == "Avoid 'night'."


def test_changed_code_lints_again(tmp_path: Path, monkeypatch, lint_calls: list[str]) -> None:
    """A results cache written by other code (an older release, an edited module) is never
    read: the key holds a hash of the package's files."""
    monkeypatch.chdir(tmp_path)
    articles(tmp_path / "docs", 1)
    check(tmp_path / "docs", "-j", "1")
    monkeypatch.setattr(cache, "code_identity", lambda: "other code")
    lint_calls.clear()
    check(tmp_path / "docs", "-j", "1")
    assert len(lint_calls) == 1


def test_code_identity_follows_every_file_of_the_package(tmp_path: Path) -> None:
    package = tmp_path / "medlint"
    shutil.copytree(identity.PACKAGE, package,
                    ignore=shutil.ignore_patterns("__pycache__"))
    before = identity.package_hash(package)
    assert before == cache.code_identity()
    check_module = package / "checks" / "phrase.py"
    check_module.write_text(check_module.read_text("utf-8") + "\n# edited\n", "utf-8")
    edited = identity.package_hash(package)
    assert edited != before
    data = package / "schema" / "rule.schema.json"  # same size, written later: still new code
    stat = data.stat()
    data.write_bytes(data.read_bytes())
    os.utime(data, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert identity.package_hash(package) != edited
