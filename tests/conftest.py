"""Shared test helpers: the built-in rule set (loaded once), the fixed date tests judge by, and
an environment that keeps every test away from the user's and the repository's state."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from medlint.loader import RuleSet, load_rules
from medlint.patterns.store import user_cache_folder

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
TODAY = dt.date(2026, 11, 24)


_USER_CACHE = "XDG_CACHE_HOME"


def pytest_configure(config: pytest.Config) -> None:
    """Before collection, as some test modules load the rule set when imported: compiled rule
    sets go to a folder of this test run (one per worker process), never the user's cache,
    and are compiled once per process."""
    config._medlint_user_cache = (os.environ.get(_USER_CACHE),  # type: ignore[attr-defined]
                                  tempfile.mkdtemp(prefix="medlint-test-cache-"))
    os.environ[_USER_CACHE] = config._medlint_user_cache[1]  # type: ignore[attr-defined]


def pytest_unconfigure(config: pytest.Config) -> None:
    before, folder = getattr(config, "_medlint_user_cache", (None, None))
    if folder is None:
        return
    if before is None:
        os.environ.pop(_USER_CACHE, None)
    else:
        os.environ[_USER_CACHE] = before
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def isolated_environment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests touch nothing of the user's or the repository's:
    - compiled rule sets go to a folder of the test run, not the user's cache (set up in
      pytest_configure);
    - tests run in a scratch folder, so results caches (.medlint_cache/) are written there,
      never into the repository, where a stale entry could hide broken code;
    - a `.git` marker at the top of the test run's folders stops the walk up for
      configuration there, so a `.medlint.yaml` above them changes nothing;
    - git reads an empty global configuration (a user's `commit.gpgsign` must not matter)."""
    base = tmp_path_factory.getbasetemp()
    (base / ".git").mkdir(exist_ok=True)
    git_config = base / "empty.gitconfig"
    git_config.write_text("", "utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GIT_CONFIG_GLOBAL", str(git_config))
        patch.setenv("GIT_CONFIG_NOSYSTEM", "1")
        patch.chdir(tmp_path_factory.mktemp("work"))
        yield


@pytest.fixture(scope="session")
def builtin_rules() -> RuleSet:
    return load_rules(store_dir=user_cache_folder())
