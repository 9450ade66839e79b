"""The results cache and worker processes change speed, never findings."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from click.testing import CliRunner

from medlint import parallel
from medlint.cli import main
from medlint.compiled import PatternStore


def articles(folder: Path, count: int) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for i in range(count):
        page = folder / f"page{i:03}.md"
        page.write_text(f"# Page {i}\n\nGive {i}.0 mg at night. It is a miracle cure.\n", "utf-8")
        paths.append(page)
    return paths


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
    articles(tmp_path, 40)
    monkeypatch.chdir(tmp_path)
    serial = check(tmp_path, "--no-cache", "-j", "1")
    parallel = check(tmp_path, "--no-cache", "-j", "2")
    assert parallel == serial and len(serial["findings"]) == 80


def test_workers_without_cache_share_the_compiled_rules_and_leave_nothing(
        tmp_path: Path, monkeypatch) -> None:
    """With caching off, workers load the rules this process compiled from a temporary
    store, which is gone afterwards; the user's cache folder is not touched."""
    user_cache, scratch = tmp_path / "user-cache", tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setenv("XDG_CACHE_HOME", str(user_cache))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    saved: list[str] = []
    real_save = parallel.save_store

    def spy(path: Path, store: PatternStore) -> None:
        saved.append(str(path))
        real_save(path, store)

    monkeypatch.setattr(parallel, "save_store", spy)
    articles(tmp_path / "docs", 40)
    monkeypatch.chdir(tmp_path)
    findings = check(tmp_path / "docs", "--no-cache", "-j", "2")["findings"]
    assert len(findings) == 80
    assert len(saved) == 1 and saved[0].startswith(str(scratch))
    assert not user_cache.exists() and not any(scratch.iterdir())


def test_the_suite_writes_no_results_cache_into_the_repository(tmp_path: Path) -> None:
    from conftest import ROOT
    page = tmp_path / "page.md"
    page.write_text("Give 2.0 mg.\n", "utf-8")
    result = CliRunner().invoke(main, ["check", str(page)])
    assert result.exit_code == 1
    assert (Path.cwd() / ".medlint_cache").is_dir()  # written where the test runs...
    assert not (ROOT / ".medlint_cache").exists()  # ...which is not the repository
