"""`--fix` never loses anyone's work: a file changed meanwhile is left as the other person left
it, a write that fails midway leaves the original whole, and a refused write is one line."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint import fixes, source
from medlint.cli import main
from medlint.document import parse_document
from medlint.models import Edit, Finding, MedlintError, Severity
from medlint.source import write_atomically

BAD = "Give 2.0 mg at night.\n"
OTHER_EDIT = "Give 2.0 mg at night, said the pharmacist.\n"


def fix(*paths: Path):
    return CliRunner().invoke(main, ["check", "--fix", "--fail-on", "never",
                                     *map(str, paths)])


def lines_are_errors(text: str) -> bool:
    return "Traceback" not in text and all(line.startswith("medlint: ")
                                           for line in text.strip().splitlines())


def test_a_file_changed_during_fix_keeps_the_other_edit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page, other = tmp_path / "a.md", tmp_path / "b.md"
    page.write_text(BAD, "utf-8")
    other.write_text(BAD, "utf-8")
    real = fixes.fix_text

    def someone_edits_meanwhile(text, lint):
        outcome = real(text, lint)
        if page.read_text("utf-8") == BAD:
            page.write_text(OTHER_EDIT, "utf-8")
        return outcome

    monkeypatch.setattr(fixes, "fix_text", someone_edits_meanwhile)
    result = fix(page, other)
    assert result.exit_code == 2
    assert f"{page}: changed on disk since it was read; not written" in result.stderr
    assert lines_are_errors(result.stderr)
    assert page.read_text("utf-8") == OTHER_EDIT
    assert other.read_text("utf-8") == "Give 2 mg at night.\n"  # the run goes on


def test_a_change_while_the_new_text_is_written_is_not_overwritten(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check is made again just before the rename, not only before writing."""
    page = tmp_path / "a.md"
    page.write_bytes(b"old\n")
    real_fsync = os.fsync

    def edit_then_sync(fd: int) -> None:
        page.write_bytes(b"someone else's\n")
        real_fsync(fd)

    monkeypatch.setattr(source.os, "fsync", edit_then_sync)
    with pytest.raises(MedlintError, match="changed on disk"):
        write_atomically(str(page), b"new\n", expected=b"old\n")
    assert page.read_bytes() == b"someone else's\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_a_write_failing_midway_leaves_the_original_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "a.md"
    page.write_bytes(b"original text\n")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(source.os, "fsync", disk_full)
    with pytest.raises(MedlintError, match=r"a\.md: cannot write \(No space left on device\)"):
        write_atomically(str(page), b"new text that never fully lands\n")
    assert page.read_bytes() == b"original text\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"], "temporary file removed"


def test_a_failed_rename_leaves_the_original_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "a.md"
    page.write_bytes(b"original text\n")

    def refuse(src, dst) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(source.os, "replace", refuse)
    with pytest.raises(MedlintError, match="cannot write"):
        write_atomically(str(page), b"new\n")
    assert page.read_bytes() == b"original text\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_the_new_text_replaces_the_file_as_a_whole(tmp_path: Path) -> None:
    """A reader that opened the file before the write reads the old text to its end: the new
    text is a new file renamed over the old one, never written into it."""
    page = tmp_path / "a.md"
    page.write_bytes(b"old text\n")
    before = page.stat().st_ino
    with page.open("rb") as reader:
        write_atomically(str(page), b"new text\n", expected=b"old text\n")
        assert reader.read() == b"old text\n"
    assert page.read_bytes() == b"new text\n" and page.stat().st_ino != before


def test_permission_errors_during_fix_are_one_line_and_others_still_fixed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked, other = tmp_path / "locked.md", tmp_path / "b.md"
    locked.write_text(BAD, "utf-8")
    other.write_text(BAD, "utf-8")
    import tempfile
    real_mkstemp = tempfile.mkstemp

    def refuse_in_locked(*args, prefix: str = "", **kwargs):
        if prefix.startswith(".locked.md"):
            raise PermissionError(13, "Permission denied", str(tmp_path))
        return real_mkstemp(*args, prefix=prefix, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", refuse_in_locked)
    result = fix(locked, other)
    assert result.exit_code == 2
    assert f"{locked}: cannot write (Permission denied)" in result.stderr
    assert lines_are_errors(result.stderr)
    assert locked.read_text("utf-8") == BAD
    assert other.read_text("utf-8") == "Give 2 mg at night.\n"
    assert "fixed 1 finding in 1 file" in result.stderr


def test_fix_never_rewrites_a_link_target_an_image_or_a_url(tmp_path: Path) -> None:
    text = ('[x](a.md "Give 2.0 mg") and [the leaflet](https://example.org/give-2.0-mg.html)\n'
            '![Give 2.0 mg](img/2.0mg.png "Give 2.0 mg")\n'
            "See <https://example.org/2.0-mg> or https://example.org/dose/2.0-mg today.\n"
            'Give <span title="Give 2.0 mg">3.0 mg</span> daily.\n')
    page = tmp_path / "a.md"
    page.write_text(text, "utf-8")
    result = fix(page)
    assert result.exit_code == 0, result.output
    assert page.read_text("utf-8") == text.replace(">3.0 mg<", ">3 mg<")


@pytest.mark.parametrize("text", [
    "See https://example.org/dose/2.0-mg today.\n",
    '[x](a.md "Give 2.0 mg") today.\n',
    "Give <!-- 2.0 mg --> today.\n",
    "See <doi:10.1000/2.0-mg> today.\n",
    'The label said "take 2.0 mg" today.\n',
    "Type `2.0 mg` today.\n",
    "---\nnote: Give 2.0 mg\n---\n\nToday.\n",
])
def test_a_safe_fix_on_protected_text_is_never_applied(text: str) -> None:
    """Whatever a rule proposes, an edit touching a URL, a link target, a comment or other
    markup, a quotation, code or front matter is left alone (rules of other packs may
    propose one)."""
    doc = parse_document("a.md", text, "markdown")
    start = text.index("2.0")
    finding = Finding(path="a.md", line=1, column=start + 1, end_line=1, end_column=start + 4,
                      rule="house/zero", severity=Severity.ERROR, message="m",
                      offset=start, end_offset=start + 3, fix=Edit(start, start + 3, "2"),
                      fix_safe=True)
    assert fixes.choose_edits(doc, [finding]) == []
    prose = parse_document("a.md", "Give 2.0 mg.\n", "markdown")
    assert fixes.choose_edits(prose, [replace(finding, fix=Edit(5, 8, "2"))]) == [
        Edit(5, 8, "2")]
