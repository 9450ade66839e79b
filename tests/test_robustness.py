"""Odd input files and broken rule packs: one-line errors, no tracebacks, the run goes on."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.api import lint_text
from medlint.cli import main
from medlint.config import Config
from medlint.lintfile import RuleSetCache
from medlint.loader import RuleLoadError, load_rules
from medlint.patterns.store import user_cache_folder
from medlint.source import BinaryFileError, DecodeError, decode

HYPE = "This new pill is a breakthrough for everyone.\n"


def run(args: list[str], stdin: str | bytes | None = None):
    return CliRunner().invoke(main, args, input=stdin)


def one_line(text: str) -> bool:
    return "Traceback" not in text and all(line.startswith("medlint: ")
                                           for line in text.strip().splitlines())


# --- input files -----------------------------------------------------------------------------

def test_missing_path_exits_2_with_one_line(tmp_path: Path) -> None:
    result = run(["check", str(tmp_path / "nope.md")])
    assert result.exit_code == 2
    assert one_line(result.stderr) and "nope.md" in result.stderr


def test_binary_file_is_named_and_others_still_checked(tmp_path: Path) -> None:
    (tmp_path / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "a.md").write_text(HYPE)
    result = run(["check", "--format", "json", str(tmp_path / "image.md"), str(tmp_path / "a.md")])
    assert "image.md: not a text file; save it as Markdown" in result.stderr
    assert "hype/superlative" in result.stdout
    assert result.exit_code == 2  # a file skipped is never a pass


def test_undecodable_file_named_with_byte_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "bad.md").write_bytes(b"first\r\nsecond \xe9t\xe9\n")
    (tmp_path / "a.md").write_text(HYPE)
    result = run(["check", "--format", "json", str(tmp_path / "bad.md"), str(tmp_path / "a.md")])
    assert result.exit_code == 2
    assert "bad.md:2:8: not valid UTF-8 at byte 14" in result.stderr
    assert one_line(result.stderr)
    assert "hype/superlative" in result.stdout


def test_utf16_decode_error_reports_position() -> None:
    data = codecs.BOM_UTF16_LE + "ab\n".encode("utf-16-le") + b"\x00\xd8"
    with pytest.raises(DecodeError, match=r"x\.md:2:1: cannot decode as utf-16-le at byte 8"):
        decode(data, "x.md")


def test_nul_bytes_mean_binary() -> None:
    with pytest.raises(BinaryFileError):
        decode(b"abc\x00def", "x.txt")


@pytest.mark.parametrize("encoding, bom", [
    ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE),
])
def test_bom_files_decode_with_exact_positions(tmp_path: Path, encoding: str, bom: bytes) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(bom + ("Intro line.\n\n" + HYPE).encode(encoding))
    result = run(["check", str(path)])
    assert f"a.md:3:{HYPE.index('breakthrough') + 1} " in result.stdout, result.output


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_endings_give_exact_lines_and_columns(newline: str) -> None:
    text = newline.join(["Intro line.", "", "Second paragraph.", "", HYPE.strip()]) + newline
    findings = [f for f in lint_text(text) if f.rule == "hype/superlative"]
    assert [(f.line, f.column) for f in findings] == [(5, HYPE.index("breakthrough") + 1)]
    assert text[findings[0].offset:findings[0].end_offset].lower() == "breakthrough"


@pytest.mark.parametrize("fmt", ["markdown", "text", "html"])
def test_empty_and_blank_documents(fmt: str, builtin_rules) -> None:
    for text in ["", "\n", "\r\n\r\n", "   ", "\ufeff"]:
        assert lint_text(text, fmt=fmt, rules=builtin_rules) == [], repr(text)
    # and the same rules still work right after them
    assert [f.rule for f in lint_text("\n" + HYPE, fmt=fmt, rules=builtin_rules)] == [
        "hype/superlative"]


def test_empty_file_on_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "empty.md").write_bytes(b"")
    result = run(["check", str(tmp_path / "empty.md")])
    assert result.exit_code == 0, result.output


def test_deeply_nested_lists_and_quotes_do_not_recurse_too_deep() -> None:
    rules = RuleSetCache(store_dir=user_cache_folder()).for_config(Config())
    depth = 2000  # lists and quotes inside each other, far past the parser's nesting limit
    one_line = "- " * depth + "a breakthrough\n"
    found = [f for f in lint_text(one_line, rules=rules) if f.rule == "hype/superlative"]
    assert [(f.line, f.column) for f in found] == [(1, 2 * depth + 3)]
    # Every line of a deep nest is still checked, each at its own place (lines indented two
    # spaces more each time: kept to a few hundred, as the text grows with the square).
    lines = 300
    nest = "".join("  " * i + "- item claims a breakthrough\n" for i in range(lines))
    found = [f for f in lint_text(nest, rules=rules) if f.rule == "hype/superlative"]
    assert [(f.line, f.column) for f in found] == [(i + 1, 2 * i + 17) for i in range(lines)]
    quotes = "> " * depth + "a breakthrough\n"
    mixed = "".join("> " * i + "- " * (i % 3) + "level\n" for i in range(300))
    for text in (quotes, "[" * 5000 + "]" * 5000, "*" * 20000):
        assert not any(f.rule.startswith(("hype/", "dosing/"))
                       for f in lint_text(text, rules=rules))
    assert {f.rule for f in lint_text(mixed, rules=rules)} == {"debris/repeated-line"}
    html = lint_text("<div>" * 3000 + "a breakthrough" + "</div>" * 3000, fmt="html",
                     rules=rules)
    assert [f.rule for f in html] == ["hype/superlative"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_symlink_loops(tmp_path: Path) -> None:
    (tmp_path / "loop1.md").symlink_to(tmp_path / "loop2.md")
    (tmp_path / "loop2.md").symlink_to(tmp_path / "loop1.md")
    result = run(["check", str(tmp_path / "loop1.md")])
    assert result.exit_code == 2 and "symbolic link loop" in result.stderr
    assert one_line(result.stderr)
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.md").write_text(HYPE)
    (folder / "up").symlink_to(tmp_path)
    result = run(["check", str(folder)])
    assert "1 file" in result.stdout and "Traceback" not in result.output


def test_unreadable_file_is_named_and_others_still_checked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Simulated: most CI containers run as root, who can read a file whatever its mode.
    locked = tmp_path / "locked.md"
    locked.write_text(HYPE)
    (tmp_path / "a.md").write_text(HYPE)
    read_bytes = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path.name == "locked.md":
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    result = run(["check", "--no-cache", "-j1", str(locked), str(tmp_path / "a.md")])
    assert result.exit_code == 2 and "locked.md: permission denied" in result.stderr
    assert "a.md:1:" in result.stdout


def test_standard_input_with_bom_and_crlf() -> None:
    data = codecs.BOM_UTF8 + b"Intro.\r\n\r\n" + HYPE.encode()
    result = run(["check", "--stdin-filename", "draft.md", "-"], stdin=data)
    assert f"draft.md:3:{HYPE.index('breakthrough') + 1} " in result.stdout, result.output


def test_undecodable_standard_input() -> None:
    result = run(["check", "-"], stdin=b"ok\n\xff\n")
    assert result.exit_code == 2 and "<stdin>:2:1: not valid UTF-8" in result.stderr


# --- rule packs ------------------------------------------------------------------------------

RULE = """\
  - id: {id}
    kind: {kind}
    severity: warning
    message: "Avoid {{match}}."
    explanation: A rule used only by the robustness tests of the loader.
    sources: ["Test authority"]
    scope: [prose]
    {body}
    examples:
      flag: ["aaaa"]
      pass: ["bbbb"]
"""


def pack(tmp_path: Path, *rules: str, name: str = "t") -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    header = f"pack: {name}\ndescription: test\nrules:\n"
    (folder / f"{name}.yaml").write_text(header + "".join(rules))
    return folder


def rule(id: str = "t/one", kind: str = "phrase", body: str = "patterns: ['a+']") -> str:
    return RULE.format(id=id, kind=kind, body=body)


def load_error(folder: Path) -> str:
    with pytest.raises(RuleLoadError) as info:
        load_rules([str(folder)], store_dir=user_cache_folder())
    return str(info.value)


def test_valid_test_pack_loads(tmp_path: Path) -> None:
    assert any(r.spec.id == "t/one" for r in load_rules([str(pack(tmp_path, rule()))],
                                                       store_dir=user_cache_folder()).rules)


def test_invalid_yaml_names_file_line_and_column(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "t.yaml").write_text("pack: t\nrules:\n  - id: [unclosed\n")
    message = load_error(folder)
    assert "t.yaml:4:1: invalid YAML:" in message and "\n" not in message


def test_schema_violations_reported_all_at_once(tmp_path: Path) -> None:
    bad1 = rule().replace("severity: warning", "severity: loud")
    bad2 = rule(id="t/two").replace('sources: ["Test authority"]', "sources: []")
    message = load_error(pack(tmp_path, bad1, bad2))
    assert "t/one" in message and "severity" in message
    assert "t/two" in message and "sources" in message


def test_invalid_regex_names_rule_and_pattern(tmp_path: Path) -> None:
    message = load_error(pack(tmp_path, rule(body="patterns: ['(unclosed']")))
    assert "t/one" in message and "(unclosed" in message


def test_duplicate_ids(tmp_path: Path) -> None:
    message = load_error(pack(tmp_path, rule(), rule()))
    assert "t/one" in message and "duplicate" in message.lower()


def test_unknown_kind(tmp_path: Path) -> None:
    message = load_error(pack(tmp_path, rule(kind="telepathy")))
    assert "t/one" in message and "telepathy" in message


def test_rule_files_cannot_run_code(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    marker = tmp_path / "ran"
    (folder / "t.yaml").write_text(
        f"pack: !!python/object/apply:os.system ['touch {marker}']\nrules: []\n")
    load_error(folder)
    assert not marker.exists()


def test_rule_errors_are_one_line_each_without_debug(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(HYPE)
    folder = pack(tmp_path, rule(body="patterns: ['(unclosed']"))
    result = run(["check", "--rules", str(folder), str(tmp_path / "a.md")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    debug = run(["--debug", "check", "--rules", str(folder), str(tmp_path / "a.md")])
    assert "Traceback" in debug.output


def test_catastrophic_pattern_times_out_fails_the_run_and_the_rest_is_checked(
        tmp_path: Path) -> None:
    # The regex module finds (a+)+$ fast by itself; (a|aa)+$ still backtracks exponentially.
    folder = pack(tmp_path, rule(id="t/slow", body="patterns: ['(a|aa)+$']"))
    (tmp_path / "a.md").write_text("a" * 80 + "!\n\n" + HYPE)
    result = run(["check", "--format", "json", "--timeout", "0.2", "--rules", str(folder),
                  str(tmp_path / "a.md")])
    assert "a.md: rule t/slow timed out" in result.stderr
    assert "hype/superlative" in result.stdout
    assert result.exit_code == 2  # a file not fully checked must not pass


def test_time_limits_grow_with_the_document() -> None:
    from medlint.engine import time_limit
    assert time_limit(2.0, 10) == 2.0
    assert time_limit(2.0, 1_000_000) == 2.0
    assert time_limit(2.0, 1_000_001) == 4.0
    assert time_limit(2.0, 30_000_000) == 60.0


def crash_rules_with_unless(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every phrase rule whose `unless` pattern is 'crash-here' raise inside its check."""
    from medlint.checks.phrase import PhraseCheck
    original = PhraseCheck.run

    def run_or_crash(self, doc, ctx):  # type: ignore[no-untyped-def]
        if self.unless is not None and "crash-here" in self.unless.pattern:
            raise KeyError("no such field")
        return original(self, doc, ctx)

    monkeypatch.setattr(PhraseCheck, "run", run_or_crash)


def test_a_check_that_crashes_is_a_finding_and_the_rest_is_checked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    crash_rules_with_unless(monkeypatch)
    folder = pack(tmp_path, rule(id="t/broken", body="patterns: ['a+']\n    unless: [crash-here]"),
                  rule(id="t/fine", body="patterns: ['b+']"))
    (tmp_path / "a.md").write_text("# Title\n\naaa bbb\n\n" + HYPE)
    (tmp_path / "b.md").write_text("bbb\n")
    result = run(["check", "--no-cache", "--format", "json", "--rules", str(folder),
                  str(tmp_path / "a.md"), str(tmp_path / "b.md")])
    assert result.exit_code == 2  # a file not fully checked must not pass
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if "t/broken" in line]
    assert len(errors) == 2 and one_line("\n".join(errors))
    assert "a.md: rule t/broken failed with an internal error (KeyError: 'no such field')" \
        in errors[0]
    import json
    findings = json.loads(result.stdout)["findings"]
    found = {(Path(f["path"]).name, f["rule"], f["line"]) for f in findings}
    assert ("a.md", "medlint/internal-error", 1) in found
    assert ("b.md", "medlint/internal-error", 1) in found
    assert ("a.md", "t/fine", 3) in found and ("b.md", "t/fine", 1) in found
    assert any(rule_id == "hype/superlative" for _, rule_id, _ in found)
    assert not any(rule_id == "t/broken" for _, rule_id, _ in found)


def test_a_crashing_check_through_the_api_is_a_finding(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    crash_rules_with_unless(monkeypatch)
    folder = pack(tmp_path, rule(id="t/broken", body="patterns: ['a+']\n    unless: [crash-here]"),
                  rule(id="t/fine", body="patterns: ['b+']"))
    rules = load_rules([str(folder)], store_dir=user_cache_folder())
    findings = lint_text("aaa bbb\n", rules=rules)
    assert [f.rule for f in findings] == ["medlint/internal-error", "t/fine"]
    assert "t/broken" in findings[0].message and findings[0].severity.value == "error"
