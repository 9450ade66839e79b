"""A rule kind's fields are declared once, in its Params class: the committed schema's part
for the kind is generated from it, and a field the kind lacks is an error."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

import pytest

from medlint.checks import REGISTRY, declared_params
from medlint.checks.params import SCHEMA_FILE, KindParams, ParamsError, generated_schema
from medlint.loader import RuleSet, load_rules
from medlint.patterns.store import user_cache_folder


def _builtin() -> RuleSet:
    """The built-in rule set, from the test run's compiled store."""
    return load_rules(store_dir=user_cache_folder())

def committed_schema() -> dict:  # type: ignore[type-arg]
    return json.loads(SCHEMA_FILE.read_text("utf-8"))


def test_the_committed_schema_matches_the_declared_parameters() -> None:
    declared = declared_params()
    assert {"metric", "references"} <= set(declared)
    schema = committed_schema()
    assert generated_schema(schema, declared) == schema, (
        "rule.schema.json is out of date; run `python -m medlint.checks`")


def test_every_declared_field_has_a_type_in_the_schema() -> None:
    properties = committed_schema()["$defs"]["rule"]["properties"]
    for kind, params in declared_params().items():
        assert set(params.keys()) <= set(properties), kind


def test_a_changed_parameter_class_changes_the_schema() -> None:
    @dataclass(frozen=True)
    class Changed(KindParams):
        metric: str
        max: float
        min_words: int = 100
        min_sentences: int = 3

    schema = committed_schema()
    assert generated_schema(schema, {**declared_params(), "metric": Changed}) != schema


def test_kinds_not_converted_keep_their_written_schema_part() -> None:
    schema = committed_schema()
    assert generated_schema(schema, {}) == schema


def test_parameters_take_their_defaults_and_reject_unknown_fields() -> None:
    rule = next(r for r in _builtin().rules if r.spec.kind == "metric")
    params = REGISTRY["metric"].params()
    assert params is not None
    typed = params.of(replace(rule.spec, params={"metric": "smog", "max": 12}))
    assert typed.min_words == 100  # type: ignore[attr-defined]
    with pytest.raises(ParamsError, match="min_word"):
        params.of(replace(rule.spec, params={"metric": "smog", "max": 12, "min_word": 50}))


def test_the_common_fields_are_those_of_every_rule() -> None:
    from medlint.checks.params import COMMON_FIELD_ORDER
    from medlint.rule import COMMON_FIELDS
    assert set(COMMON_FIELD_ORDER) == COMMON_FIELDS
    assert len(COMMON_FIELD_ORDER) == len(COMMON_FIELDS)


def test_every_kind_declares_its_parameters() -> None:
    assert set(declared_params()) == set(REGISTRY)


def test_no_field_hides_a_method_of_the_parameter_base() -> None:
    from dataclasses import fields
    for kind, params in declared_params().items():
        hidden = {f.name for f in fields(params)} & set(dir(KindParams))
        assert not hidden, f"{kind}: name these fields with metadata={{'key': ...}}: {hidden}"


def test_a_missing_required_field_is_an_error_not_a_traceback() -> None:
    rule = next(r for r in _builtin().rules if r.spec.kind == "metric")
    with pytest.raises(ParamsError, match="'max'"):
        REGISTRY["metric"].params().of(  # type: ignore[union-attr]
            replace(rule.spec, params={"metric": "smog"}))


def test_repeat_takes_its_shortest_repeat_from_its_mode_unless_set() -> None:
    from medlint.checks.repeat import Params
    rule = next(r for r in _builtin().rules if r.spec.kind == "repeat")
    assert Params.of(replace(rule.spec, params={"mode": "words"})).shortest() == 3
    assert Params.of(replace(rule.spec, params={"mode": "lines"})).shortest() == 4
    assert Params.of(replace(rule.spec, params={"mode": "words", "min_length": 5})).shortest() == 5


def test_every_kind_part_allows_the_common_fields() -> None:
    from medlint.checks.params import COMMON_FIELD_ORDER
    for part in committed_schema()["$defs"]["rule"]["allOf"]:
        allowed = part["then"]["propertyNames"]["enum"]
        assert set(COMMON_FIELD_ORDER) <= set(allowed), part["if"]


def test_a_kind_only_constraint_is_kept_in_its_part() -> None:
    parts = {p["if"]["properties"]["kind"]["const"]: p["then"]
             for p in committed_schema()["$defs"]["rule"]["allOf"]}
    assert parts["callouts"]["properties"]["mode"] == {"enum": ["order", "missing", "no-legend"]}
    assert parts["first-mention"]["properties"]["names"] == {"type": "object"}


@pytest.mark.parametrize(("kind", "good", "bad"), [
    ("repeat", "headings", "order"),
    ("references", "duplicate", "words"),
    ("defined-before-use", "unused", "missing"),
    ("callouts", "no-legend", "undefined"),
])
def test_a_kind_takes_only_its_own_modes(kind: str, good: str, bad: str) -> None:
    import yaml

    from medlint.loader import _validators, builtin_pack_files
    data = next(rule for _, text in builtin_pack_files()
                for rule in yaml.safe_load(text)["rules"] if rule["kind"] == kind)
    validate = _validators()[1]
    assert validate.is_valid({**data, "mode": good})
    assert not validate.is_valid({**data, "mode": bad})
