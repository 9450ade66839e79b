"""Configuration: `.medlint.yaml` (or `[tool.medlint]` in pyproject.toml), found by walking up
from each checked file to the repository root, validated against a schema."""

from __future__ import annotations

import datetime as dt
import fnmatch
import json
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

from .models import MedlintError
from .selectors import selected_by, selector_names
from .source import display_path
from .yamlio import load_yaml

CONFIG_NAMES = (".medlint.yaml", ".medlint.yml")


@dataclass(frozen=True)
class Override:
    files: tuple[str, ...]
    audience: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Config:
    """Settings for one file; `root` is the folder relative paths and globs start from."""

    root: str = "."
    source: str | None = None
    audience: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    rule_options: str = "{}"  # JSON text, so the config stays hashable
    known_abbreviations: tuple[str, ...] = ()
    rules_dirs: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    overrides: tuple[Override, ...] = ()
    today: dt.date | None = None

    @property
    def options(self) -> dict[str, dict[str, Any]]:
        return json.loads(self.rule_options)  # type: ignore[no-any-return]

    def excluded(self, path: str) -> bool:
        if not self.exclude:
            return False  # resolving every path of a large run costs more than checking it
        rel = self.relative(path)
        return any(_glob(rel, pattern) for pattern in self.exclude)

    def relative(self, path: str) -> str:
        try:
            return Path(path).resolve().relative_to(Path(self.root).resolve()).as_posix()
        except ValueError:
            return Path(path).as_posix()

    def for_path(self, path: str) -> Config:
        """This config with the overrides whose globs match `path` applied, in order."""
        if not self.overrides:
            return self
        rel = self.relative(path)
        merged = self
        for override in self.overrides:
            if any(_glob(rel, pattern) for pattern in override.files):
                merged = replace(
                    merged,
                    audience=override.audience or merged.audience,
                    select=override.select if override.select is not None else merged.select,
                    ignore=merged.ignore + override.ignore,
                    severity=merged.severity + override.severity,
                )
        return merged

    def enabled(self, rule_id: str, topic: str | None = None) -> bool:
        """Whether `select` and `ignore` leave the rule on; they name rules, packs or topics
        of a pack (`claims:cancer`)."""
        if self.select is not None and not selected_by(self.select, rule_id, topic):
            return False
        return not selected_by(self.ignore, rule_id, topic)

    def severity_override(self, rule_id: str, topic: str | None = None) -> str | None:
        """The most specific `severity` entry for the rule: its id, then topic, then pack."""
        table = dict(self.severity)
        for name in selector_names(rule_id, topic):
            if name in table:
                return table[name]
        return None


def _glob(rel: str, pattern: str) -> bool:
    pure = PurePosixPath(rel)
    return pure.match(pattern) or fnmatch.fnmatch(rel, pattern) or (
        pattern.endswith("/**") and rel.startswith(pattern[:-3] + "/")
    )


@lru_cache(maxsize=1)
def config_schema() -> dict[str, Any]:
    text = (Path(__file__).parent / "schema" / "config.schema.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def parse_config(data: Any, source: str) -> Config:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise MedlintError(f"{source}: configuration must be a mapping")
    if isinstance(data.get("today"), dt.date):
        data = {**data, "today": data["today"].isoformat()}
    import jsonschema  # only when there is a configuration to validate

    validator = jsonschema.Draft202012Validator(config_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    if errors:
        raise MedlintError("\n".join(_schema_problem(e, source) for e in errors))
    root = str(Path(source).parent)
    overrides = tuple(
        Override(
            files=tuple(o["files"]),
            audience=o.get("audience"),
            select=tuple(o["select"]) if "select" in o else None,
            ignore=tuple(o.get("ignore", ())),
            severity=tuple(o.get("severity", {}).items()),
        )
        for o in data.get("overrides", ())
    )
    return Config(
        root=root,
        source=source,
        audience=data.get("audience"),
        select=tuple(data["select"]) if "select" in data else None,
        ignore=tuple(data.get("ignore", ())),
        severity=tuple(data.get("severity", {}).items()),
        rule_options=json.dumps(data.get("rule_options", {}), sort_keys=True, default=str),
        known_abbreviations=tuple(data.get("known_abbreviations", ())),
        rules_dirs=tuple(str(Path(root) / d) for d in data.get("rules_dirs", ())),
        exclude=tuple(data.get("exclude", ())),
        overrides=overrides,
        today=dt.date.fromisoformat(data["today"]) if "today" in data else None,
    )


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for a near miss among `choices`, else ''."""
    import difflib  # only when something is misspelt

    close = difflib.get_close_matches(name, sorted(set(choices)), n=1, cutoff=0.7)
    return f" (did you mean {close[0]!r}?)" if close else ""


def line_of(source: str | None, name: str) -> int | None:
    """The 1-based line of a configuration file where `name` first appears as a whole word
    (a key or a list item, in YAML or TOML); None when the file cannot say."""
    if not source:
        return None
    try:
        text = Path(source).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    found = re.search(rf"(?<![\w/-]){re.escape(name)}(?![\w/-])", text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def _at(source: str, name: str | None) -> str:
    line = line_of(source, name) if name else None
    shown = display_path(source)
    return f"{shown}:{line}" if line else shown


def _schema_problem(error: Any, source: str) -> str:
    """One line for a schema error: file and line, the key, and what to do."""
    where = ".".join(str(p) for p in error.absolute_path) or "(top)"
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = error.schema.get("properties", {})
        unknown = [key for key in error.instance if key not in known]
        if unknown:
            key = str(unknown[0])
            inside = f"{where}: " if error.absolute_path else ""
            return (f"{_at(source, key)}: {inside}unknown key {key!r}"
                    f"{did_you_mean(key, known)}")
    last = next((str(p) for p in reversed(error.absolute_path) if isinstance(p, str)), None)
    message = error.message
    if error.validator == "enum" and isinstance(error.instance, str):
        choices = [str(c) for c in error.validator_value]
        message = (f"{error.instance!r} is not one of {', '.join(choices)}"
                   f"{did_you_mean(error.instance, choices)}")
    return f"{_at(source, last)}: {where}: {message}"


def rule_name_problems(config: Config, rule_ids: Iterable[str],
                       option_fields: Mapping[str, Iterable[str]] | None = None,
                       topics: Iterable[str] = ()) -> list[str]:
    """Rule ids and packs the configuration names that the loaded rule set does not have:
    in `select`, `ignore`, `severity` and `rule_options`, at the top and in overrides; and
    `rule_options` fields a rule does not have (`option_fields`: rule id -> its fields);
    `topics` are the `pack:topic` names select, ignore and severity may use. One
    line each, naming the file and line, with a near miss suggested."""
    ids = set(rule_ids)
    packs = {rule_id.split("/", 1)[0] for rule_id in ids}
    source = config.source or "configuration"
    problems: list[str] = []

    def check(names: Iterable[str], key: str, allowed: set[str], what: str,
              see: str = "medlint rules") -> None:
        for name in names:
            if name not in allowed:
                problems.append(f"{_at(source, name)}: {key}: unknown {what} {name!r}"
                                f"{did_you_mean(name, allowed)}; see `{see}`")

    both = ids | packs | set(topics)
    sections = [("", config.select or (), config.ignore, config.severity)]
    sections += [(f"overrides[{i}].", o.select or (), o.ignore, o.severity)
                 for i, o in enumerate(config.overrides)]
    for prefix, select, ignore, severity in sections:
        check(select, prefix + "select", both, "rule, pack or topic")
        check(ignore, prefix + "ignore", both, "rule, pack or topic")
        check((name for name, _ in severity), prefix + "severity", both, "rule, pack or topic")
    check(config.options, "rule_options", ids, "rule")
    for rule_id, fields in config.options.items():
        allowed = set((option_fields or {}).get(rule_id, ()))
        if rule_id in ids and allowed and isinstance(fields, dict):
            check(fields, f"rule_options: {rule_id}", allowed, "field",
                  f"medlint explain {rule_id}")
    return problems


def _toml() -> Any:
    """The TOML reader, imported only where a pyproject.toml is read."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib


def load_config_file(path: str) -> Config:
    file = Path(path)
    try:
        text = file.read_text("utf-8")
    except OSError as exc:
        raise MedlintError(f"{path}: cannot read configuration ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise MedlintError(f"{path}: configuration is not UTF-8") from None
    if file.name == "pyproject.toml":
        tomllib = _toml()
        try:
            data = tomllib.loads(text).get("tool", {}).get("medlint", {})
        except tomllib.TOMLDecodeError as exc:
            raise MedlintError(f"{path}: invalid TOML: {exc}") from None
        return parse_config(data, path)
    return parse_config(load_yaml(text, path), path)


def _has_tool_section(pyproject: Path) -> bool:
    tomllib = _toml()
    try:
        return "medlint" in tomllib.loads(pyproject.read_text("utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def find_config(directory: str) -> str | None:
    """The nearest configuration file from `directory` up to the repository root."""
    here = Path(directory).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return str(folder / name)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_section(pyproject):
            return str(pyproject)
        if (folder / ".git").exists():
            return None
    return None


@dataclass
class ConfigResolver:
    """Finds and caches the configuration of each checked file."""

    explicit: str | None = None
    _cache: dict[str | None, Config] = field(default_factory=dict)
    _found: dict[str, str | None] = field(default_factory=dict)  # folder -> its config file

    def for_file(self, path: str) -> Config:
        source = self.explicit or self._config_of(str(Path(path).parent))
        if source not in self._cache:
            self._cache[source] = load_config_file(source) if source else Config()
        return self._cache[source]

    def loaded(self) -> list[Config]:
        """Every configuration read so far."""
        return list(self._cache.values())

    def _config_of(self, folder: str) -> str | None:
        if folder not in self._found:
            self._found[folder] = find_config(folder)
        return self._found[folder]
