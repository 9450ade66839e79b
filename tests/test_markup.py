"""What the parsers hand the rules: link and image targets, autolinks, inline HTML, tables and
footnotes; every date format the stale check reads; the library entry point; baseline files
that cannot be used; GitHub annotations whose properties hold the separators."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.api import lint_file, lint_text
from medlint.cli import main
from medlint.document import parse_document
from medlint.document.dates import coerce_date, first_date
from medlint.models import Finding, Severity
from medlint.report.github import annotation


def found(text: str, rules) -> list[tuple[str, int, int]]:
    return [(f.rule, f.line, f.column) for f in lint_text(text, rules=rules)]


# --- markup ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    '[x](a.md "Give 2.0 mg")\n',
    "[the leaflet](https://example.org/give-2.0-mg.html)\n",
    '![Give 2.0 mg](img/2.0mg.png "Give 2.0 mg")\n',
    "See <https://example.org/2.0-mg-miracle-cure>.\n",
    "See https://example.org/2.0-mg-miracle today.\n",
    'A <span title="Give 2.0 mg, a miracle cure">label</span>.\n',
    "See [the label][l].\n\n[l]: https://example.org/2.0-mg\n",
])
def test_link_image_and_html_targets_are_not_prose(text: str, builtin_rules) -> None:
    assert found(text, builtin_rules) == []
    # the same line with a real error in its prose is still flagged
    flagged = found(text.rstrip("\n") + " Give 3.0 mg.\n", builtin_rules)
    assert [rule for rule, _, _ in flagged] == ["dosing/trailing-zero"]


@pytest.mark.parametrize("link", [
    "<https://example.org/a-miracle-cure>", "<doi:10.1000/a-miracle-cure>",
    "<press@example.org>",
])
def test_autolinks_are_masked_brackets_and_all(link: str) -> None:
    text = f"See {link} now.\n"
    prose = parse_document("a.md", text, "markdown").prose
    assert prose == "See " + " " * len(link) + " now.\n"


def test_link_text_is_prose(builtin_rules) -> None:
    assert found("[Give 2.0 mg](a.md) daily.\n", builtin_rules) == [
        ("dosing/trailing-zero", 1, 7)]


def test_inline_html_text_is_prose_and_its_tags_are_not(builtin_rules) -> None:
    assert found('Give <b class="2.0 mg">3.0 mg</b> daily.\n', builtin_rules) == [
        ("dosing/trailing-zero", 1, 24)]


def test_table_cells_are_checked_at_their_column(builtin_rules) -> None:
    text = "| drug | dose |\n| --- | --- |\n| warfarin | Give 2.0 mg |\n"
    assert found(text, builtin_rules) == [("dosing/trailing-zero", 3, 19)]


def test_footnote_markers_are_not_findings_and_the_text_around_them_is_checked(
        builtin_rules) -> None:
    text = "Give 2.0 mg daily.[^1]\n\n[^1]: Smith J. A trial. N Engl J Med 2019;380:1-9.\n"
    assert found(text, builtin_rules) == [("dosing/trailing-zero", 1, 6)]


def test_front_matter_that_is_a_list_is_reported(tmp_path: Path) -> None:
    page = tmp_path / "a.md"
    page.write_text("---\n- audience\n- patient\n---\n\nGive 2.0 mg.\n", "utf-8")
    result = CliRunner().invoke(main, ["check", str(page)])
    assert result.exit_code == 1
    assert "a.md:6:6" in result.stdout and "dosing/trailing-zero" in result.stdout
    assert f"{page}:1: front matter is not a mapping of keys to values" in result.stderr


def test_front_matter_that_is_not_yaml_still_checks_the_body(tmp_path: Path) -> None:
    page = tmp_path / "a.md"
    page.write_text("---\naudience: [patient\n---\n\nGive 2.0 mg.\n", "utf-8")
    result = CliRunner().invoke(main, ["check", str(page)])
    assert result.exit_code == 1 and "a.md:5:6" in result.stdout
    assert "its settings are ignored" in result.stderr and "Traceback" not in result.output


# --- dates -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "date", "span"), [
    ("2004-11-09", dt.date(2004, 11, 9), (0, 10)),
    ("2019/7", dt.date(2019, 7, 1), (0, 6)),
    ("Updated March 3, 2021.", dt.date(2021, 3, 3), (8, 21)),
    ("3rd Sept. 2020", dt.date(2020, 9, 3), (0, 14)),
    ("9 December, 2022", dt.date(2022, 12, 9), (0, 16)),
    ("Jan 2020", dt.date(2020, 1, 1), (0, 8)),
    ("reviewed june 2017", dt.date(2017, 6, 1), (9, 18)),
    ("12/31/2019", dt.date(2019, 12, 31), (0, 10)),
    ("on 5/6/2020", dt.date(2020, 5, 6), (3, 11)),
    ("2/29/2024", dt.date(2024, 2, 29), (0, 9)),
    ("Updated 2018.", dt.date(2018, 1, 1), (8, 12)),
    # impossible dates are skipped, and the next real one is taken
    ("2021-02-30, then 2019", dt.date(2019, 1, 1), (17, 21)),
    ("Feb 30, 2021 or May 2, 2021", dt.date(2021, 5, 2), (16, 27)),
])
def test_every_date_format(text: str, date: dt.date, span: tuple[int, int]) -> None:
    assert first_date(text) == (date, *span)


@pytest.mark.parametrize("text", [
    "Feb 30, 2021", "31 April 2020", "2/29/2023", "13/01/2020", "2021-13-01",
    "version 1.2019", "1850", "page 20190", "10:2019",
])
def test_impossible_or_partial_dates_are_no_dates(text: str) -> None:
    assert first_date(text) is None


def test_front_matter_dates_of_every_type() -> None:
    assert coerce_date(dt.datetime(2020, 5, 4, 10, 30)) == dt.date(2020, 5, 4)
    assert coerce_date(dt.date(2020, 5, 4)) == dt.date(2020, 5, 4)
    assert coerce_date(2019) == dt.date(2019, 1, 1)
    assert coerce_date("May 2019") == dt.date(2019, 5, 1)
    assert coerce_date(3000) is None and coerce_date(None) is None and coerce_date("soon") is None


# --- the library -----------------------------------------------------------------------------

def test_lint_file_reads_the_file_and_its_configuration(tmp_path: Path) -> None:
    page = tmp_path / "a.md"
    page.write_text("Give 2.0 mg. It is a miracle cure.\n", "utf-8")
    result = lint_file(str(page))
    assert result.path == str(page)
    assert {f.rule for f in result.findings} >= {"dosing/trailing-zero", "hype/superlative"}
    (tmp_path / ".medlint.yaml").write_text("ignore: [hype]\n", "utf-8")
    assert [f.rule for f in lint_file(str(page)).findings] == ["dosing/trailing-zero"]


# --- baselines that cannot be used -----------------------------------------------------------

@pytest.mark.parametrize(("content", "message"), [
    (b"{not json", "not a medlint baseline"),
    (b"\xff\xfe\x00garbage", "not a medlint baseline"),
    (b'{"version": 99, "entries": []}', "not a medlint baseline (version 1)"),
    (b"[]", "not a medlint baseline (version 1)"),
    (b'{"version": 1, "entries": [{"path": "a.md"}]}', "entries[0] is malformed"),
])
def test_a_baseline_that_is_not_one_is_a_one_line_error(tmp_path: Path, content: bytes,
                                                        message: str) -> None:
    page, baseline = tmp_path / "a.md", tmp_path / "baseline.json"
    page.write_text("Give 2.0 mg.\n", "utf-8")
    baseline.write_bytes(content)
    result = CliRunner().invoke(main, ["check", "--baseline", str(baseline), str(page)])
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"medlint: {baseline}: ") and message in line


def test_an_unreadable_baseline_is_a_one_line_error(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    page, baseline = tmp_path / "a.md", tmp_path / "baseline.json"
    page.write_text("Give 2.0 mg.\n", "utf-8")
    baseline.write_text('{"version": 1, "entries": []}', "utf-8")
    real = Path.read_text

    def refuse(path: Path, *args, **kwargs) -> str:
        if path.name == "baseline.json":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", refuse)
    result = CliRunner().invoke(main, ["check", "--baseline", str(baseline), str(page)])
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"medlint: {baseline}: cannot read baseline "
                                     "(Permission denied)")


def test_a_baseline_hides_exactly_what_it_recorded(tmp_path: Path) -> None:
    page, baseline = tmp_path / "a.md", tmp_path / "baseline.json"
    page.write_text("Give 2.0 mg.\n", "utf-8")
    recorded = CliRunner().invoke(main, ["baseline", "-o", str(baseline), str(page)])
    assert recorded.exit_code == 0
    assert json.loads(baseline.read_text("utf-8"))["entries"][0]["rule"] == "dosing/trailing-zero"
    page.write_text("Give 2.0 mg.\nGive 3.0 mg.\n", "utf-8")
    result = CliRunner().invoke(main, ["check", "--baseline", str(baseline), str(page)])
    assert result.exit_code == 1 and "a.md:2:6" in result.stdout and "a.md:1:" not in result.stdout


# --- GitHub annotations ----------------------------------------------------------------------

def test_annotation_properties_and_message_are_escaped() -> None:
    finding = Finding(path="x", line=3, column=5, end_line=3, end_column=9,
                      rule="house/a,b:c", severity=Severity.WARNING,
                      message="100% sure\nsecond line")
    line = annotation(finding, "notes/a,b:c%.md")
    assert line == ("::warning file=notes/a%2Cb%3Ac%25.md,line=3,col=5,endLine=3,endColumn=9,"
                    "title=house/a%2Cb%3Ac::100%25 sure%0Asecond line")
