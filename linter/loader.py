"""Load rule packs: validate each file against the schema, compile every pattern, and report
every problem at once (file, line, rule id, field)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .checks import compile_rule
from .checks.base import Check, PatternError, lists_folder
from .models import MedlintError
from .patterns.needles import NeedleIndex
from .patterns.presence import PresenceSet, database_path, presence_set
from .patterns.store import ParsedPack, PatternStore, load_store, save_store, store_path
from .rule import RuleSpec
from .yamlio import LocatedDict, load_yaml, to_plain

if TYPE_CHECKING:
    import jsonschema


class RuleLoadError(MedlintError):
    """One or more rule files are invalid; `problems` lists every one."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class CompiledRule:
    spec: RuleSpec
    check: Check


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[CompiledRule, ...]
    fingerprint: str = ""  # hash of the pack texts and options it was built from
    # Which rules run for a (config, audience, ...) combination; filled by the engine.
    plans: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)
    # Every needle of the rule set's patterns, found in one pass per document (prefilter.py).
    needles: NeedleIndex | None = field(default=None, compare=False, repr=False)
    # The patterns' twins, matched in one pass per document by Hyperscan (presence.py).
    presence: PresenceSet | None = field(default=None, compare=False, repr=False)
    # The compiled patterns it was built with, which worker processes can load (patterns/store.py).
    store: PatternStore | None = field(default=None, compare=False, repr=False)

    def by_id(self) -> dict[str, CompiledRule]:
        table = {}
        for rule in self.rules:
            table[rule.spec.id] = rule
            for alias in rule.spec.aliases:
                table.setdefault(alias, rule)
        return table


@lru_cache(maxsize=1)
def rule_schema() -> dict[str, Any]:
    text = (Path(__file__).parent / "schema" / "rule.schema.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def _validators() -> tuple[jsonschema.protocols.Validator, jsonschema.protocols.Validator]:
    import jsonschema  # only when a pack is validated: it is a tenth of start-up

    schema = rule_schema()
    cls = jsonschema.validators.validator_for(schema)
    pack_level = {k: v for k, v in schema.items() if k != "$defs"}
    pack_level = {**pack_level, "properties": {**schema["properties"], "rules": {"type": "array"}}}
    rule_level = {**schema["$defs"]["rule"], "$defs": schema["$defs"]}
    return cls(pack_level), cls(rule_level)


def builtin_pack_files() -> list[tuple[str, str]]:
    """(name, text) of every pack shipped inside the package. (Found from the package's own
    folder: importlib.resources would be a twentieth of a one-file check's start-up.)"""
    from . import rules

    root = Path(rules.__file__).parent
    return sorted(
        (f"rules/{entry.relative_to(root).as_posix()}", entry.read_text("utf-8"))
        for entry in root.rglob("*")
        if entry.name.endswith((".yaml", ".yml")) and entry.is_file()
    )


def bundled_list_files() -> list[tuple[str, str]]:
    """(name, text) of the word lists shipped beside the packs (rules/lists/*.txt), which
    rules name in `known_lists`: part of the rule set's fingerprint."""
    root = lists_folder()
    if not root.is_dir():
        return []
    return sorted((f"rules/lists/{entry.name}", entry.read_text("utf-8"))
                  for entry in root.iterdir() if entry.name.endswith(".txt"))


def pack_files_in(folder: str) -> list[tuple[str, str]]:
    path = Path(folder)
    if not path.is_dir():
        raise MedlintError(f"{folder}: rule folder not found")
    files = sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    out = []
    for file in files:
        try:
            out.append((str(file), file.read_text("utf-8")))
        except (OSError, UnicodeDecodeError) as exc:
            raise MedlintError(f"{file}: cannot read rule file ({exc})") from None
    return out


def _field_of(error: jsonschema.ValidationError) -> str:
    parts = [str(p) for p in error.absolute_path]
    return ".".join(parts) if parts else "(rule)"


def _describe(error: jsonschema.ValidationError) -> str:
    if error.validator == "propertyNames":
        return f"field {error.instance!r} is not allowed for this kind"
    if error.validator == "anyOf" and isinstance(error.instance, dict):
        options = [" + ".join(s.get("required", [])) for s in error.validator_value]
        return f"needs {' or '.join(options)}"
    return error.message


def read_pack(name: str, text: str) -> tuple[Any, list[str]]:
    """A pack file's YAML data, and its problems."""
    try:
        data = load_yaml(text, name)
    except MedlintError as exc:
        return None, [str(exc)]
    if not isinstance(data, dict):
        return None, [f"{name}:1: a rule pack is a mapping with a 'rules' list"]
    return data, []


def parse_pack(name: str, data: dict[str, Any],
               overrides: dict[str, dict[str, Any]] | None = None,
               *, verified: bool = False) -> tuple[list[RuleSpec], list[str]]:
    """Specs of one pack's data, and its problems. A `verified` pack (this exact text passed
    every check before) skips schema validation."""
    problems: list[str] = []
    pack_validator, rule_validator = _validators() if not verified else (None, None)
    if pack_validator is not None:
        for error in sorted(pack_validator.iter_errors(data), key=lambda e: e.path):
            problems.append(f"{name}:1: {_field_of(error)}: {_describe(error)}")
    if problems:
        return [], problems
    variables = data.get("variables", {})
    pack, topic = data.get("pack"), data.get("topic")
    specs = []
    for index, rule in enumerate(data["rules"]):
        line = rule.line if isinstance(rule, LocatedDict) else 0
        rid = rule.get("id", f"rules[{index}]") if isinstance(rule, dict) else f"rules[{index}]"
        if isinstance(rule, dict) and overrides and rid in overrides:
            rule = LocatedDict({**rule, **overrides[rid]})
            rule.line = line
        errors = [] if rule_validator is None else sorted(
            rule_validator.iter_errors(rule), key=lambda e: list(e.path))
        for error in errors:
            problems.append(f"{name}:{line}: {rid}: {_field_of(error)}: {_describe(error)}")
        if not errors and pack and not rid.startswith(f"{pack}/"):
            problems.append(f"{name}:{line}: {rid}: id: the file declares pack {pack!r}, "
                            f"so the id must start with '{pack}/'")
            continue
        if not errors:
            specs.append(RuleSpec.from_data(rule, name, line, variables, verified=verified,
                                            topic=topic))
    return specs, problems


def _stored_pack(stored: ParsedPack) -> dict[str, Any]:
    """A stored pack's data with each rule's line back on it."""
    data, lines = stored
    rules = []
    for rule, line in zip(data["rules"], lines, strict=True):
        located = LocatedDict(rule)
        located.line = line
        rules.append(located)
    return {**data, "rules": rules}


def _storable_pack(data: dict[str, Any]) -> ParsedPack:
    lines = [rule.line if isinstance(rule, LocatedDict) else 0 for rule in data["rules"]]
    return to_plain(data), lines


def compile_specs(specs: Iterable[RuleSpec]) -> tuple[list[CompiledRule], list[str]]:
    compiled, problems, seen = [], [], {}
    for spec in specs:
        if spec.id in seen:
            problems.append(f"{spec.origin}:{spec.line}: {spec.id}: id: duplicate id "
                            f"(first defined in {seen[spec.id]})")
            continue
        seen[spec.id] = f"{spec.origin}:{spec.line}"
        try:
            compiled.append(CompiledRule(spec, compile_rule(spec)))
        except PatternError as exc:
            problems.append(f"{spec.origin}:{spec.line}: {spec.id}: {exc}")
    return compiled, problems


def load_rules(extra_dirs: Iterable[str] = (), builtin: bool = True,
               overrides: dict[str, dict[str, Any]] | None = None,
               store_dir: str | None = None) -> RuleSet:
    files = builtin_pack_files() if builtin else []
    for folder in extra_dirs:
        files.extend(pack_files_in(folder))
    return compile_pack_texts(files, overrides, store_dir=store_dir)


def fingerprint(files: Iterable[tuple[str, str]],
                overrides: dict[str, dict[str, Any]] | None = None) -> str:
    """Hash of the medlint version, the pack names and texts, the bundled word lists that
    rules name (rules/lists) and the rule options."""
    digest = hashlib.sha256(f"medlint {__version__}\0".encode())
    digest.update(json.dumps(overrides or {}, sort_keys=True, default=str).encode())
    for name, text in [*files, *bundled_list_files()]:
        digest.update(f"\0{name}\0{text}".encode())
    return digest.hexdigest()


def _pack_key(name: str, text: str) -> str:
    """A pack in the store: its name and its exact text."""
    return f"{name}\0{hashlib.sha256(text.encode('utf-8')).hexdigest()[:32]}"


def _overridden(data: dict[str, Any], overrides: dict[str, dict[str, Any]] | None) -> bool:
    """Whether rule options change a rule of this pack (its result was never validated)."""
    return bool(overrides) and any(isinstance(rule, dict) and rule.get("id") in overrides
                                   for rule in data.get("rules", ()))


def _seeded(path: Path | None) -> PatternStore:
    """A store for a rule set compiled afresh, holding the patterns of the largest rule set
    saved beside it by the same code (the built-in packs, or more): a pattern is compiled the
    same way whichever rule set it belongs to, so adding one pack to the built-in ones
    compiles that pack alone. Its packs come too, by name and text: a pack whose exact text
    passed every check is not read again, and not validated again unless a rule option
    changes one of its rules."""
    if path is None:
        return PatternStore()
    code = path.stem.rsplit("-", 1)[-1]
    try:
        others = sorted(path.parent.glob(f"rules-*-{code}.pickle"),
                        key=lambda p: p.stat().st_size, reverse=True)
    except OSError:
        return PatternStore()
    for other in others[:1]:
        seed = load_store(other)
        if seed is not None:
            return PatternStore(dict(seed.known), dict(seed.hints), dict(seed.packs),
                                dict(seed.twins))
    return PatternStore()


def compile_pack_texts(files: Iterable[tuple[str, str]],
                       overrides: dict[str, dict[str, Any]] | None = None,
                       store_dir: str | None = None) -> RuleSet:
    """A rule set from (name, YAML text) pairs; RuleLoadError lists every problem.

    With `store_dir`, the compiled patterns of a rule set that passed every check are kept
    there (see patterns/store.py); loading the same texts again skips validation and compiling."""
    files = list(files)
    digest = fingerprint(files, overrides)
    path = store_path(store_dir, digest) if store_dir else None
    saved = load_store(path) if path is not None else None
    store = saved or _seeded(path)
    specs: list[RuleSpec] = []
    problems: list[str] = []
    pack_keys: set[str] = set()
    for name, text in files:
        key = _pack_key(name, text)
        pack_keys.add(key)
        stored = store.packs.get(key)
        if stored is not None:
            data, errors = _stored_pack(stored), []
            verified = saved is not None or not _overridden(data, overrides)
        else:
            (data, errors), verified = read_pack(name, text), False
        if data is not None:
            found, errors = parse_pack(name, data, overrides, verified=verified)
            specs.extend(replace(spec, store=store) for spec in found)
        problems.extend(errors)
        if not errors and key not in store.packs:
            store.packs[key] = _storable_pack(data)
            store.grew = True
    compiled, errors = compile_specs(specs)
    problems.extend(errors)
    if problems:
        raise RuleLoadError(problems)
    if saved is None:
        store.keep_only_used(pack_keys)
    if path is not None and (saved is None or store.grew):
        save_store(path, store)
    index = NeedleIndex(n for found in store.hints.values() if found for n in found)
    return RuleSet(tuple(compiled), digest, needles=index,
                   presence=presence_set(store.twins.items(), database_path(path)), store=store)
