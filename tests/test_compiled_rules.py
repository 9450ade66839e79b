"""The compiled-rule store: a second load reuses it, edits are validated again, and a file
that holds anything but compiled patterns is ignored rather than run."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from medlint.loader import RuleLoadError, builtin_pack_files, compile_pack_texts, fingerprint
from medlint.patterns.store import load_store, store_path

PACK = """\
rules:
  - id: t/miracle
    kind: phrase
    severity: warning
    message: Avoid "{match}".
    explanation: Calling a treatment a miracle cure promises more than any evidence supports.
    sources: ["AMA Manual of Style, 11th ed."]
    scope: [prose]
    words: [miracle cure]
    examples:
      flag: ["A miracle cure."]
      pass: ["A cure."]
"""


def test_second_load_uses_the_saved_patterns(tmp_path: Path) -> None:
    files = [("t.yaml", PACK)]
    first = compile_pack_texts(files, store_dir=str(tmp_path))
    saved = store_path(str(tmp_path), first.fingerprint)
    assert saved.is_file()
    store = load_store(saved)
    assert store is not None and store.known
    second = compile_pack_texts(files, store_dir=str(tmp_path))
    assert [r.spec.id for r in second.rules] == [r.spec.id for r in first.rules]
    assert all(r.spec.verified for r in second.rules)
    assert not any(r.spec.verified for r in first.rules)


def test_builtin_rule_set_loads_the_same_from_the_store_without_the_yaml_parser(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = builtin_pack_files()
    fresh = compile_pack_texts(files, store_dir=str(tmp_path))

    def no_parsing(text: str, path: str) -> None:
        raise AssertionError(f"{path} was parsed again")

    monkeypatch.setattr("medlint.loader.load_yaml", no_parsing)
    stored = compile_pack_texts(files, store_dir=str(tmp_path))
    assert [r.spec for r in stored.rules] == [r.spec for r in fresh.rules]
    assert [(r.spec.id, r.spec.line) for r in stored.rules] == [
        (r.spec.id, r.spec.line) for r in fresh.rules]
    assert all(r.spec.verified for r in stored.rules)


def test_an_edited_pack_is_validated_again(tmp_path: Path) -> None:
    compile_pack_texts([("t.yaml", PACK)], store_dir=str(tmp_path))
    broken = PACK.replace("severity: warning", "severity: loud")
    with pytest.raises(RuleLoadError, match="severity"):
        compile_pack_texts([("t.yaml", broken)], store_dir=str(tmp_path))


class _MakesFolder:
    """Unpickled by a plain unpickler, this would create a folder: the proof of running code."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.mkdir, (str(self.folder),))


@pytest.mark.parametrize("kind", ["runs code", "not a pickle", "a list"])
def test_a_foreign_store_file_is_ignored(tmp_path: Path, kind: str) -> None:
    marker = tmp_path / "code-ran"
    content = {
        "runs code": pickle.dumps({"patterns": {("x", 0): _MakesFolder(marker)}, "needles": {}}),
        "not a pickle": b"not a pickle",
        "a list": pickle.dumps(["a list"]),
    }[kind]
    files = [("t.yaml", PACK)]
    path = store_path(str(tmp_path), fingerprint(files))
    path.write_bytes(content)
    assert load_store(path) is None
    assert not marker.exists()
    rules = compile_pack_texts(files, store_dir=str(tmp_path))
    assert not rules.rules[0].spec.verified  # validated and compiled afresh
    assert load_store(path) is not None  # and the store replaced


OTHER = PACK.replace("t/miracle", "u/miracle").replace("miracle cure]", "wonder drug]") \
    .replace("A miracle cure.", "A wonder drug.")


def test_a_new_rule_set_reuses_what_another_compiled_and_reads_only_its_new_pack(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compile_pack_texts([("t.yaml", PACK)], store_dir=str(tmp_path))
    parsed: list[str] = []
    from medlint import loader

    original = loader.load_yaml

    def counting(text: str, path: str):  # type: ignore[no-untyped-def]
        parsed.append(path)
        return original(text, path)

    monkeypatch.setattr(loader, "load_yaml", counting)
    both = compile_pack_texts([("t.yaml", PACK), ("u.yaml", OTHER)], store_dir=str(tmp_path))
    assert parsed == ["u.yaml"]  # t.yaml, same name and text, came from the other store
    assert {r.spec.id for r in both.rules} == {"t/miracle", "u/miracle"}
    by_id = {r.spec.id: r.spec for r in both.rules}
    assert by_id["t/miracle"].verified and not by_id["u/miracle"].verified


def test_a_reused_pack_changed_by_a_rule_option_is_validated_again(tmp_path: Path) -> None:
    compile_pack_texts([("t.yaml", PACK)], store_dir=str(tmp_path))
    with pytest.raises(RuleLoadError, match="t/miracle: severity"):
        compile_pack_texts([("t.yaml", PACK)], {"t/miracle": {"severity": "loud"}},
                           store_dir=str(tmp_path))


def test_a_pack_edited_under_the_same_name_is_read_again(tmp_path: Path) -> None:
    compile_pack_texts([("t.yaml", PACK)], store_dir=str(tmp_path))
    with pytest.raises(RuleLoadError, match="severity"):
        compile_pack_texts([("t.yaml", PACK.replace("severity: warning", "severity: loud"))],
                           store_dir=str(tmp_path))


def test_a_store_seeded_from_a_larger_rule_set_keeps_only_its_own_patterns(
        tmp_path: Path) -> None:
    """Per-document filters are built from the store: patterns of another rule set there
    would be searched in every document of this one."""
    compile_pack_texts([("t.yaml", PACK), ("u.yaml", OTHER)], store_dir=str(tmp_path))
    alone = compile_pack_texts([("u.yaml", OTHER)], store_dir=str(tmp_path))
    assert alone.store is not None
    sources = {source for source, _ in alone.store.known} | set(
        source for source, _ in alone.store.hints)
    assert any("wonder" in source for source in sources)
    assert not any("miracle" in source for source in sources)
    assert [name.split("\0")[0] for name in alone.store.packs] == ["u.yaml"]
    saved = load_store(store_path(str(tmp_path), alone.fingerprint))
    assert saved is not None and not any("miracle" in s for s, _ in saved.known)
