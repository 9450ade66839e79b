"""Shared test helpers: the built-in rule set (loaded once), the fixed date tests judge by, and
an environment that keeps every test away from the user's and the repository's state."""

from __future__ import annotations

import datetime as dt
import functools
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
# The compiled-rule folder of this test run, named for the worker processes of pytest-xdist,
# which inherit the environment of the process that starts them.
_RUN_CACHE = "MEDLINT_TEST_RUN_CACHE"


def pytest_configure(config: pytest.Config) -> None:
    """Before collection, as some test modules load the rule set when imported: compiled rule
    sets go to a folder of this test run, never the user's cache, so the rule set is compiled
    once per run. The process that made the folder (the only one without pytest-xdist, the
    controller with it) shares it with its workers and alone deletes it."""
    shared = os.environ.get(_RUN_CACHE) if os.environ.get("PYTEST_XDIST_WORKER") else None
    folder = shared or tempfile.mkdtemp(prefix="medlint-test-cache-")
    config._medlint_user_cache = (  # type: ignore[attr-defined]
        os.environ.get(_USER_CACHE), os.environ.get(_RUN_CACHE), folder, shared is None)
    os.environ[_USER_CACHE] = folder
    os.environ[_RUN_CACHE] = folder
    if shared is None and getattr(config.option, "numprocesses", None):
        # The controller of worker processes compiles the built-in rule set before they
        # start, or each would compile it at once while collecting; so too its automaton of
        # twins, which the tests of the filters load.
        presence = load_rules(store_dir=user_cache_folder()).presence
        if presence is not None:
            presence.prepare()


def pytest_unconfigure(config: pytest.Config) -> None:
    saved = getattr(config, "_medlint_user_cache", None)
    if saved is None:
        return
    user_cache, run_cache, folder, owned = saved
    for name, before in ((_USER_CACHE, user_cache), (_RUN_CACHE, run_cache)):
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before
    if owned:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def isolated_environment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests touch nothing of the user's or the repository's:
    - compiled rule sets go to a folder of the test run, not the user's cache (set up in
      pytest_configure, shared by the run's worker processes);
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


@functools.cache
def builtin_rule_set() -> RuleSet:
    """The built-in rule set from the test run's compiled store, loaded once per process for
    the test modules that need it when imported (to name their tests) and for the fixture."""
    return load_rules(store_dir=user_cache_folder())


@pytest.fixture(scope="session")
def builtin_rules() -> RuleSet:
    return builtin_rule_set()
