"""Safe fixes: atomic, byte-faithful, idempotent, and never where they do not belong."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.cli import main
from medlint.models import MedlintError
from medlint.source import write_atomically


def fix(path: Path, *extra: str):
    return CliRunner().invoke(main, ["check", "--fix", "--fail-on", "never", *extra, str(path)])


def test_fix_rewrites_only_the_flagged_text(tmp_path: Path) -> None:
    page = tmp_path / "a.md"
    page.write_text("Give 5.0 mg, then .5 mg, then 10U and 5 cc QD.\n", "utf-8")
    result = fix(page)
    assert result.exit_code == 0, result.output
    assert page.read_text("utf-8") == "Give 5 mg, then 0.5 mg, then 10 units and 5 mL daily.\n"


@pytest.mark.parametrize(("before", "after"), [
    ("Vitamin D 1000 IU. Take it daily.\n", "Vitamin D 1000 units. Take it daily.\n"),
    ("Give 400 I.U. daily, or 400 I.U.\n", "Give 400 units daily, or 400 units.\n"),
    ("Inject 4u. Then check ALT 5 U/L.\n", "Inject 4 units. Then check ALT 5 U/L.\n"),
])
def test_fix_keeps_the_sentence_punctuation_around_units(tmp_path: Path, before: str,
                                                          after: str) -> None:
    page = tmp_path / "a.md"
    page.write_text(before, "utf-8")
    assert fix(page).exit_code == 0
    assert page.read_text("utf-8") == after


def test_fix_twice_changes_nothing_the_second_time(tmp_path: Path) -> None:
    page = tmp_path / "a.md"
    page.write_text("Give 1.00 mg QOD.\n", "utf-8")
    fix(page)
    once = page.read_bytes()
    fix(page)
    assert page.read_bytes() == once == b"Give 1 mg every other day.\n"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_fix_keeps_encoding_bom_and_crlf(tmp_path: Path, encoding: str) -> None:
    page = tmp_path / "a.md"
    page.write_bytes("Intro\r\n\r\nGive 2.0 mg.\r\n".encode(encoding))
    fix(page)
    assert page.read_bytes() == "Intro\r\n\r\nGive 2 mg.\r\n".encode(encoding)


def test_fix_keeps_file_mode(tmp_path: Path) -> None:
    page = tmp_path / "a.md"
    page.write_text("Give 2.0 mg.\n", "utf-8")
    os.chmod(page, 0o640)
    fix(page)
    assert stat.S_IMODE(page.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"], "no temporary file left behind"


def test_fix_never_touches_code_front_matter_or_quotes(tmp_path: Path) -> None:
    text = ("---\nnote: Give 2.0 mg\n---\n\nThe label said \"take 2.0 mg\".\n\n"
            "`2.0 mg` in code\n\n```\n2.0 mg\n```\n\nGive 3.0 mg.\n")
    page = tmp_path / "a.md"
    page.write_text(text, "utf-8")
    fix(page)
    assert page.read_text("utf-8") == text.replace("Give 3.0 mg.", "Give 3 mg.")


def test_diff_prints_and_writes_nothing(tmp_path: Path) -> None:
    page = tmp_path / "a.md"
    page.write_text("Give 2.0 mg.\n", "utf-8")
    result = CliRunner().invoke(main, ["check", "--diff", str(page)])
    assert result.exit_code == 1
    assert "-Give 2.0 mg.\n+Give 2 mg.\n" in result.output
    assert page.read_text("utf-8") == "Give 2.0 mg.\n"


def test_overlapping_fixes_resolve_the_same_way_every_time(tmp_path: Path) -> None:
    page = tmp_path / "a.md"
    page.write_text("Take 10.0 U at night.\n", "utf-8")  # trailing zero and unit overlap
    fix(page)
    assert page.read_text("utf-8") == "Take 10 units at night.\n"


def test_changed_on_disk_is_not_overwritten(tmp_path: Path) -> None:
    page = tmp_path / "a.md"
    page.write_bytes(b"edited by someone else\n")
    with pytest.raises(MedlintError, match="changed on disk"):
        write_atomically(str(page), b"new\n", expected=b"what was read\n")
    assert page.read_bytes() == b"edited by someone else\n"


def test_fix_refuses_standard_input() -> None:
    result = CliRunner().invoke(main, ["check", "--fix", "-"], input="Give 2.0 mg.\n")
    assert result.exit_code == 2
