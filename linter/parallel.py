"""Check many files in worker processes: an executor whose initializer loads the rules once
per process; each task is an interleaved share of the files, and the order of files is
kept."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial

from .cache import ResultCache
from .config import ConfigResolver
from .engine import LintResult, RunOptions
from .lintfile import RuleSetCache, lint_checked, read_input
from .loader import RuleSet
from .patterns.presence import database_path
from .patterns.store import save_store, store_path
from .source import read_source

MIN_FILES_PER_WORKER = 8


@dataclass
class Outcome:
    """What checking some files gave: results, notices and input errors, in file order."""

    results: list[tuple[int, LintResult]] = field(default_factory=list)
    notices: list[tuple[int, str]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class WorkerSetup:
    """What every worker needs to check files the way the run does."""

    config_file: str | None
    rules_dirs: tuple[str, ...]
    options: RunOptions
    cache_dir: str | None  # results cache
    store_dir: str | None  # compiled rule sets


@dataclass
class Worker:
    """Checks shares of files with rules it loaded once."""

    setup: WorkerSetup
    resolver: ConfigResolver = field(init=False)
    rules_cache: RuleSetCache = field(init=False)
    results: ResultCache | None = field(init=False)

    def __post_init__(self) -> None:
        self.resolver = ConfigResolver(explicit=self.setup.config_file)
        self.rules_cache = RuleSetCache(extra_dirs=self.setup.rules_dirs,
                                        store_dir=self.setup.store_dir)
        self.results = ResultCache(self.setup.cache_dir) if self.setup.cache_dir else None

    def load_rules(self) -> None:
        self.rules_cache.for_config(self.resolver.for_file(self.setup.config_file or "."))

    def check(self, indexed_paths: tuple[tuple[int, str], ...]) -> Outcome:
        outcome = Outcome()
        for index, path in indexed_paths:
            read = read_input(partial(read_source, path))
            if read.notice:
                outcome.notices.append((index, read.notice))
            if read.error:
                outcome.errors.append((index, read.error))
            if read.source is None:
                continue
            result = lint_checked(read.source, path, self.resolver, self.rules_cache,
                                  self.setup.options, self.results)
            outcome.results.append((index, result))
            outcome.notices.extend((index, n) for n in result.notices)
            outcome.errors.extend((index, e) for e in result.errors)
        return outcome


# The one Worker of a worker process, made by the executor's initializer; never set in the
# process that runs the CLI or the API.
_process_worker: Worker | None = None


def _start_worker(setup: WorkerSetup) -> None:
    global _process_worker
    _process_worker = Worker(setup)
    _process_worker.load_rules()


def _check_in_worker(indexed_paths: tuple[tuple[int, str], ...]) -> Outcome:
    assert _process_worker is not None, "the executor's initializer did not run"
    return _process_worker.check(indexed_paths)


def worker_pool(setup: WorkerSetup, workers: int) -> Executor:
    """Worker processes that each load the rules once, before their first share."""
    from concurrent.futures import ProcessPoolExecutor  # only with workers

    return ProcessPoolExecutor(max_workers=workers, initializer=_start_worker,
                               initargs=(setup,))


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else os.cpu_count() or 1)


@contextmanager
def worker_store(rules: RuleSet, store_dir: str | None) -> Iterator[str | None]:
    """Where worker processes find the compiled rule set: the user's store, or, when there is
    no user cache folder (no home folder), a temporary one holding what this process compiled,
    so no worker compiles it again."""
    if store_dir is not None or rules.store is None:
        yield store_dir
        return
    with tempfile.TemporaryDirectory(prefix="medlint-rules-") as folder:
        saved = store_path(folder, rules.fingerprint)
        save_store(saved, rules.store)
        if rules.presence is not None:
            rules.presence.copy_to(database_path(saved))
        yield folder


def check_in_parallel(paths: list[str], jobs: int, config_file: str | None,
                      rules_dirs: tuple[str, ...], options: RunOptions,
                      cache_dir: str | None, store_dir: str | None,
                      on_done: Callable[[int], None] | None = None) -> Outcome:
    """Check `paths` in up to `jobs` processes. With `on_done` (told how many files each
    finished share held), the files are cut into more, smaller shares so progress shows."""
    workers = max(1, min(jobs, len(paths) // MIN_FILES_PER_WORKER))
    pieces = workers if on_done is None else min(workers * 8, max(1, len(paths) // 4))
    indexed = list(enumerate(paths))
    shares = [tuple(indexed[i::pieces]) for i in range(pieces)]
    setup = WorkerSetup(config_file, rules_dirs, options, cache_dir, store_dir)
    parts: list[Outcome] = []
    if workers == 1:
        worker = Worker(setup)
        for share in shares:
            parts.append(worker.check(share))
            if on_done is not None:
                on_done(len(share))
    else:
        from concurrent.futures import as_completed

        with worker_pool(setup, workers) as pool:
            futures = {pool.submit(_check_in_worker, share): share for share in shares}
            for future in as_completed(futures):
                parts.append(future.result())
                if on_done is not None:
                    on_done(len(futures[future]))
    merged = Outcome()
    for part in parts:
        merged.results.extend(part.results)
        merged.notices.extend(part.notices)
        merged.errors.extend(part.errors)
    for items in (merged.results, merged.notices, merged.errors):
        items.sort(key=lambda pair: pair[0])
    return merged
