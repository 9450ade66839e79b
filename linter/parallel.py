"""Check many files in worker processes: each worker takes an interleaved share of the files,
loads the rules once, and returns its results; the order of files is kept."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial

from .api import RuleSetCache, lint_source
from .cache import ResultCache
from .compiled import save_store, store_path
from .config import ConfigResolver
from .engine import LintResult, RunOptions
from .loader import RuleSet
from .models import MedlintError
from .source import SourceText, read_source

MIN_FILES_PER_WORKER = 8


@dataclass
class Outcome:
    """What checking some files gave: results, notices and input errors, in file order."""

    results: list[tuple[int, LintResult]] = field(default_factory=list)
    notices: list[tuple[int, str]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Share:
    indexed_paths: tuple[tuple[int, str], ...]
    config_file: str | None
    rules_dirs: tuple[str, ...]
    options: RunOptions
    cache_dir: str | None  # results cache
    store_dir: str | None  # compiled rule sets


@dataclass(frozen=True)
class Input:
    """One input read: its text, or why it was skipped (a notice) or failed (an error)."""

    source: SourceText | None = None
    notice: str | None = None
    error: str | None = None


def read_input(read: Callable[[], SourceText]) -> Input:
    """A file that cannot be read as text (binary, undecodable, unreadable) is an error: a
    run that skipped it must not pass."""
    try:
        return Input(source=read())
    except MedlintError as exc:
        return Input(error=str(exc))


def lint_checked(source: SourceText, config_path: str, resolver: ConfigResolver,
                 rules_cache: RuleSetCache, options: RunOptions,
                 results: ResultCache | None) -> LintResult:
    """Lint one decoded source, through the results cache when there is one."""
    config = resolver.for_file(config_path)
    rules = rules_cache.for_config(config)
    key = results.key(source, rules.fingerprint, config, options) if results else ""
    cached = results.get(key) if results else None
    if cached is not None:
        return cached
    result = lint_source(source, config, rules, options)
    if results:
        results.put(key, result)
    return result


def check_share(share: Share) -> Outcome:
    resolver = ConfigResolver(explicit=share.config_file)
    rules_cache = RuleSetCache(extra_dirs=share.rules_dirs, store_dir=share.store_dir)
    results = ResultCache(share.cache_dir) if share.cache_dir else None
    outcome = Outcome()
    for index, path in share.indexed_paths:
        read = read_input(partial(read_source, path))
        if read.notice:
            outcome.notices.append((index, read.notice))
        if read.error:
            outcome.errors.append((index, read.error))
        if read.source is None:
            continue
        result = lint_checked(read.source, path, resolver, rules_cache, share.options, results)
        outcome.results.append((index, result))
        outcome.notices.extend((index, n) for n in result.notices)
        outcome.errors.extend((index, e) for e in result.errors)
    return outcome


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else os.cpu_count() or 1)


@contextmanager
def worker_store(rules: RuleSet, store_dir: str | None) -> Iterator[str | None]:
    """Where worker processes find the compiled rule set: the user's store, or, with caching
    off, a temporary one holding what this process compiled, so no worker compiles it again."""
    if store_dir is not None or rules.store is None:
        yield store_dir
        return
    with tempfile.TemporaryDirectory(prefix="medlint-rules-") as folder:
        save_store(store_path(folder, rules.fingerprint), rules.store)
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
    shares = [Share(tuple(indexed[i::pieces]), config_file, rules_dirs, options, cache_dir,
                    store_dir)
              for i in range(pieces)]
    parts: list[Outcome] = []
    if workers == 1:
        for share in shares:
            parts.append(check_share(share))
            if on_done is not None:
                on_done(len(share.indexed_paths))
    else:
        from concurrent.futures import ProcessPoolExecutor, as_completed  # only with workers

        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(check_share, share): share for share in shares}
            for future in as_completed(futures):
                parts.append(future.result())
                if on_done is not None:
                    on_done(len(futures[future].indexed_paths))
    merged = Outcome()
    for part in parts:
        merged.results.extend(part.results)
        merged.notices.extend(part.notices)
        merged.errors.extend(part.errors)
    for items in (merged.results, merged.notices, merged.errors):
        items.sort(key=lambda pair: pair[0])
    return merged
