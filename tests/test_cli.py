"""The installed `medlint` command, run as a real subprocess, and the CLI through click."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.cli import main

from conftest import ROOT

EXAMPLE = ROOT / "examples" / "draft.md"


def medlint_command() -> list[str]:
    installed = Path(sys.executable).parent / "medlint"
    if installed.exists():
        return [str(installed)]
    found = shutil.which("medlint")
    assert found, "the medlint command is not installed"
    return [found]



def test_installed_command_checks_the_bundled_example() -> None:
    out = subprocess.run([*medlint_command(), "check", "--today", "2026-11-24", str(EXAMPLE)],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 1, out.stderr
    assert "claims/fulvestrant-er-conversion" in out.stdout
    assert "Traceback" not in out.stderr


def test_installed_command_version() -> None:
    out = subprocess.run([*medlint_command(), "--version"], capture_output=True, text=True,
                         check=False)
    assert out.returncode == 0 and "medlint" in out.stdout


def test_text_output_has_position_rule_and_severity() -> None:
    result = CliRunner().invoke(main, ["check", "--today", "2026-11-24", str(EXAMPLE)])
    line = next(x for x in result.output.splitlines() if "dosing/trailing-zero" in x)
    where, severity, rule = line.split()[:3]
    assert where.endswith("draft.md:17:59")
    assert severity == "error" and rule == "dosing/trailing-zero"  # an error for patients too


def test_json_contract() -> None:
    result = CliRunner().invoke(main, ["check", "--format", "json", "--today", "2026-11-24",
                                       str(EXAMPLE)])
    payload = json.loads(result.output)
    assert payload["version"] == 1 and payload["files"] == 1
    keys = {"path", "line", "column", "end_line", "end_column", "rule", "severity", "message",
            "fix"}
    assert all(keys <= set(f) for f in payload["findings"])
    lines = result.output.splitlines()  # one finding per line, for grep and diff
    assert len(lines) == len(payload["findings"]) + 2
    assert [json.loads(line.rstrip(",")) for line in lines[1:-1]] == payload["findings"]
    places = [(f["path"], f["line"], f["column"]) for f in payload["findings"]]
    assert places == sorted(places)
    fixes = {f["rule"]: f["fix"] for f in payload["findings"]}
    assert fixes["dosing/trailing-zero"] == "1 mg"
    assert fixes["hype/superlative"] is None


@pytest.mark.parametrize(("fail_on", "code"), [("error", 1), ("never", 0), ("info", 1)])
def test_fail_on_sets_the_exit_code(fail_on: str, code: int) -> None:
    result = CliRunner().invoke(main, ["check", "--fail-on", fail_on, str(EXAMPLE)])
    assert result.exit_code == code


def test_json_without_findings_is_valid(tmp_path: Path) -> None:
    page = tmp_path / "clean.md"
    page.write_text("Fine.\n", "utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "json", "--select", "hype",
                                       str(page)])
    assert json.loads(result.output) == {"version": 1, "files": 1, "findings": []}


def test_warnings_only_pass_at_default_threshold(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("Take the the tablet with food.\n", "utf-8")
    assert CliRunner().invoke(main, ["check", str(page)]).exit_code == 0
    assert CliRunner().invoke(main, ["check", "--fail-on", "warning", str(page)]).exit_code == 1


def test_select_and_ignore() -> None:
    only = CliRunner().invoke(main, ["check", "--select", "dosing", str(EXAMPLE)])
    assert only.exit_code == 1
    assert {line.split()[2] for line in only.output.splitlines()[:-1]} == {"dosing/trailing-zero"}
    rest = CliRunner().invoke(main, ["check", "--ignore", "claims,dosing", str(EXAMPLE)])
    assert rest.exit_code == 0, rest.output  # both errors ignored, warnings remain
    assert "claims/" not in rest.output and "dosing/" not in rest.output
    assert "hype/superlative" in rest.output and "debris/doubled-word" in rest.output
    one_rule = CliRunner().invoke(main, ["check", "--ignore", "hype/superlative", str(EXAMPLE)])
    assert one_rule.exit_code == 1 and "hype/" not in one_rule.output
    assert "dosing/trailing-zero" in one_rule.output


def test_audience_option_sets_severities_over_front_matter() -> None:
    def severities(*extra: str) -> dict[str, str]:
        result = CliRunner().invoke(main, ["check", "--format", "json", *extra, str(EXAMPLE)])
        assert result.exit_code == 1, result.output
        return {f["rule"]: f["severity"] for f in json.loads(result.output)["findings"]}

    patient = severities()  # the example's front matter says patient
    professional = severities("--audience", "professional")
    assert patient["hype/superlative"] == "warning"
    assert professional["hype/superlative"] == "info"
    assert patient["dosing/trailing-zero"] == professional["dosing/trailing-zero"] == "error"
    assert set(patient) == set(professional)


def test_rule_problems_are_one_line_each(tmp_path: Path) -> None:
    bad = GOOD_PACK.replace("severity: info", "severity: fatal").replace(
        "    scope: [prose]\n", "    scope: [nowhere]\n")
    (tmp_path / "house.yaml").write_text(bad, "utf-8")
    result = CliRunner().invoke(main, ["check", "--rules", str(tmp_path), str(EXAMPLE)])
    assert result.exit_code == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) >= 2 and "Traceback" not in result.stderr
    assert all(line.startswith(f"medlint: {tmp_path / 'house.yaml'}:") for line in lines)
    assert any("house/no-utilize: severity" in line for line in lines)
    assert any("house/no-utilize: scope" in line for line in lines)


def test_unknown_rule_in_select_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["check", "--select", "nosuch/rule", str(EXAMPLE)])
    assert result.exit_code == 2
    assert "unknown rule, pack or topic 'nosuch/rule'" in result.output


def test_missing_path_is_one_line_and_exit_2(tmp_path: Path) -> None:
    out = subprocess.run([*medlint_command(), "check", str(tmp_path / "gone.md")],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 2
    assert out.stderr.strip().count("\n") == 0 and "gone.md" in out.stderr


def test_stdin_with_filename() -> None:
    result = CliRunner().invoke(main, ["check", "-", "--stdin-filename", "notes/page.md"],
                                input="Give 2.0 mg at night.\n")
    assert "notes/page.md:1:6" in result.output and "dosing/trailing-zero" in result.output


def test_folder_walk_picks_articles_only(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Give 2.0 mg.\n", "utf-8")
    (tmp_path / "b.html").write_text("<p>Give 3.0 mg.</p>\n", "utf-8")
    (tmp_path / "c.py").write_text("x = '4.0 mg'\n", "utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.md").write_text("Give 5.0 mg.\n", "utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "json", str(tmp_path)])
    payload = json.loads(result.output)
    assert payload["files"] == 2
    assert sorted(Path(f["path"]).name for f in payload["findings"]) == ["a.md", "b.html"]


def test_rules_lists_every_rule(builtin_rules) -> None:
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.output.splitlines()]
    assert listed == sorted(rule.spec.id for rule in builtin_rules.rules)
    assert any(line.startswith("dosing/trailing-zero") and " error " in line
               for line in result.output.splitlines())


def test_explain_shows_sources_and_examples() -> None:
    result = CliRunner().invoke(main, ["explain", "claims/fulvestrant-er-conversion"])
    assert result.exit_code == 0
    assert "Sources:" in result.output and "doi:10.1038/sj.bjc.6601629" in result.output
    assert "Flagged:" in result.output


def test_explain_unknown_rule() -> None:
    result = CliRunner().invoke(main, ["explain", "nope/nothing"])
    assert result.exit_code == 2 and "unknown rule" in result.output


def test_test_rules_runs_builtin_examples() -> None:
    result = CliRunner().invoke(main, ["test-rules"])
    assert result.exit_code == 0 and "0 failing" in result.output


GOOD_PACK = """\
pack: house
rules:
  - id: house/no-utilize
    kind: substitute
    severity: info
    message: Write "use" rather than "{match}".
    explanation: Plain words read faster; "use" says the same as "utilize".
    sources: ["NIH Plain Language guidance"]
    scope: [prose]
    pattern: "\\\\butilize\\\\b"
    replacement: use
    safe: true
    examples:
      flag: ["Utilize the inhaler twice daily."]
      pass: ["Use the inhaler twice daily."]
"""


def test_extra_rules_folder_is_loaded(tmp_path: Path) -> None:
    (tmp_path / "house.yaml").write_text(GOOD_PACK, "utf-8")
    page = tmp_path / "page.md"
    page.write_text("Patients utilize the spacer.\n", "utf-8")
    result = CliRunner().invoke(main, ["check", "--rules", str(tmp_path), str(page)])
    assert "house/no-utilize" in result.output
    tested = CliRunner().invoke(main, ["test-rules", str(tmp_path / "house.yaml")])
    assert tested.exit_code == 0 and "1 rules, 2 examples, 0 failing" in tested.output


def test_failing_example_in_own_pack(tmp_path: Path) -> None:
    broken = GOOD_PACK.replace('pass: ["Use the inhaler twice daily."]',
                               'pass: ["Utilize nothing."]')
    (tmp_path / "house.yaml").write_text(broken, "utf-8")
    result = CliRunner().invoke(main, ["test-rules", str(tmp_path / "house.yaml")])
    assert result.exit_code == 1 and "should pass" in result.output


def test_flag_example_that_is_not_flagged_fails(tmp_path: Path) -> None:
    broken = GOOD_PACK.replace('flag: ["Utilize the inhaler twice daily."]',
                               'flag: ["Use the inhaler twice daily."]')
    (tmp_path / "house.yaml").write_text(broken, "utf-8")
    result = CliRunner().invoke(main, ["test-rules", str(tmp_path / "house.yaml")])
    assert result.exit_code == 1
    assert "house/no-utilize: example 'Use the inhaler twice daily.' should be flagged" in (
        result.output)
    assert "1 rules, 2 examples, 1 failing" in result.output


def test_every_rule_problem_is_reported_at_once(tmp_path: Path) -> None:
    bad = GOOD_PACK.replace("severity: info", "severity: fatal").replace(
        "    sources: [\"NIH Plain Language guidance\"]\n", "")
    bad += bad.split("rules:\n")[1].replace("house/no-utilize", "house/Bad_Id")
    (tmp_path / "house.yaml").write_text(bad, "utf-8")
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "house.yaml")])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert any("house/no-utilize: severity" in line for line in lines)
    assert any("house/no-utilize: (rule): 'sources' is a required property" in line
               for line in lines)
    assert any("house/Bad_Id: id" in line for line in lines)
    assert all(line.startswith(f"medlint: {tmp_path / 'house.yaml'}:") for line in lines)


def test_invalid_yaml_names_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("rules:\n  - id: [unclosed\n", "utf-8")
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "broken.yaml")])
    assert result.exit_code == 2
    assert "broken.yaml:3:1: invalid YAML" in result.output


def test_invalid_regex_names_rule_and_pattern(tmp_path: Path) -> None:
    (tmp_path / "house.yaml").write_text(GOOD_PACK.replace("\\\\butilize\\\\b", "(utilize"),
                                         "utf-8")
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "house.yaml")])
    assert result.exit_code == 2
    assert "house/no-utilize" in result.output and "(utilize" in result.output


def test_every_rule_summary_says_what_the_rule_is_about(builtin_rules) -> None:
    """`rules`, `explain PACK`, SARIF and the rule reference show one line per rule; a message
    made mostly of placeholders ("{value} {detail}.") must not leave it as "… …"."""
    import re
    for rule in builtin_rules.rules:
        words = re.findall(r"[^\W\d_]{2,}", rule.spec.summary)
        assert len(words) >= 3, (rule.spec.id, rule.spec.summary)


def test_docs_are_generated_from_metadata_and_current() -> None:
    result = CliRunner().invoke(main, ["docs", "--check", "--output",
                                       str(ROOT / "docs" / "rules.md")])
    assert result.exit_code == 0, "stale: run `medlint docs --output docs/rules.md`"
