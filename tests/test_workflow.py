"""Repository workflow: SARIF, GitHub annotations, changed lines, baseline, unused directives
and the pre-commit hook, each run through the installed command in a real git repository."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_cli import medlint_command

from conftest import ROOT

BAD = "Give 2.0 mg at night.\n"
GOOD = "Give 2 mg at night.\n"


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    out = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env,
                         check=True)
    return out.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    return tmp_path


def medlint(repo: Path, *args: str, env: dict[str, str] | None = None):
    return subprocess.run([*medlint_command(), *args], cwd=repo, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, check=False)


def test_sarif_log_has_rules_results_and_relative_locations(repo: Path) -> None:
    (repo / "docs").mkdir()
    (repo / "docs" / "a.md").write_text(BAD, "utf-8")
    out = medlint(repo, "check", "--format", "sarif", "docs")
    log = json.loads(out.stdout)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "medlint" and driver["version"] and driver["informationUri"]
    rule_ids = [r["id"] for r in driver["rules"]]
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["defaultConfiguration"]["level"] in (
            "error", "warning", "note")
    [result] = run["results"]
    assert result["ruleId"] == "dosing/trailing-zero"
    assert rule_ids[result["ruleIndex"]] == result["ruleId"]
    assert result["level"] == "error" and result["message"]["text"]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "docs/a.md"
    assert location["region"] == {"startLine": 1, "startColumn": 6, "endLine": 1,
                                  "endColumn": 12}
    assert result["partialFingerprints"]


def test_github_format_is_chosen_under_actions(repo: Path) -> None:
    (repo / "a.md").write_text("Take the the tablet.\n" + BAD, "utf-8")
    out = medlint(repo, "check", "a.md", env={"GITHUB_ACTIONS": "true"})
    lines = out.stdout.splitlines()
    assert lines[0] == ("::warning file=a.md,line=1,col=10,endLine=1,endColumn=13,"
                        "title=debris/doubled-word::\"the\": the word is doubled; delete one.")
    assert lines[1].startswith("::error file=a.md,line=2,col=6,")
    assert out.returncode == 1


def test_changed_since_reports_only_touched_lines(repo: Path) -> None:
    (repo / "a.md").write_text(BAD + "\nSome text.\n", "utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "first")
    (repo / "a.md").write_text(BAD + "\nSome text.\n\nGive 3.0 mg later.\n", "utf-8")
    (repo / "new.md").write_text(BAD, "utf-8")
    out = medlint(repo, "check", "--format", "json", "--changed-since", "HEAD", ".")
    places = {(f["path"], f["line"]) for f in json.loads(out.stdout)["findings"]}
    assert places == {("a.md", 5), ("new.md", 1)}


def test_changed_since_bad_revision_is_one_line(repo: Path) -> None:
    (repo / "a.md").write_text(BAD, "utf-8")
    out = medlint(repo, "check", "--changed-since", "nosuchrev", "a.md")
    assert out.returncode == 2 and out.stderr.count("\n") == 1


def test_baseline_hides_known_findings_even_when_lines_move(repo: Path) -> None:
    page = repo / "a.md"
    page.write_text(BAD + "\nGive 5.0 mg in the morning.\n", "utf-8")
    made = medlint(repo, "baseline", "a.md", "-o", "baseline.json")
    assert made.returncode == 0, made.stderr
    page.write_text("A new opening line.\n\n" + BAD + "\nGive 7.0 mcg once.\n", "utf-8")
    out = medlint(repo, "check", "--format", "json", "--baseline", "baseline.json", "a.md")
    findings = json.loads(out.stdout)["findings"]
    assert [(f["line"], f["fix"]) for f in findings] == [(5, "7 mcg")]
    assert "1 known finding hidden, 1 stale baseline entry" in out.stderr


def test_report_unused_directives(repo: Path) -> None:
    (repo / "a.md").write_text(
        "<!-- medlint-disable-next-line hype -- quoted headline -->\nPlain words here.\n\n"
        "<!-- medlint-disable-next-line dosing -->\nGive 2.0 mg.\n", "utf-8")
    out = medlint(repo, "check", "--report-unused-directives", "a.md")
    assert "a.md:1:1  warning  medlint/unused-directive" in out.stdout
    assert "dosing/trailing-zero" not in out.stdout and out.stdout.count("unused") == 1


def test_validate_checks_configuration_files(repo: Path) -> None:
    (repo / ".medlint.yaml").write_text("audience: patient\n", "utf-8")
    assert medlint(repo, "validate", ".medlint.yaml").returncode == 0
    (repo / ".medlint.yaml").write_text("audience: robots\n", "utf-8")
    out = medlint(repo, "validate", ".medlint.yaml")
    assert out.returncode == 2 and ".medlint.yaml:1: audience: 'robots' is not one of" in out.stderr


def hook_repository(folder: Path) -> tuple[Path, str]:
    """A git repository holding this working tree as it is now (edits not yet committed
    included), so the hook test checks the code under test, not the last commit."""
    shutil.copytree(ROOT, folder, ignore=shutil.ignore_patterns(
        ".git", ".venv", "venv", "__pycache__", "*.egg-info", "build", "dist", ".*_cache",
        ".hypothesis", ".medlint_cache"))
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "--no-verify", "-m", "working tree")
    return folder, git(folder, "rev-parse", "HEAD").strip()


@pytest.mark.network  # pre-commit installs the hook's package and its dependencies
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_pre_commit_hook_runs_for_real(repo: Path, tmp_path_factory) -> None:
    hooks, rev = hook_repository(tmp_path_factory.mktemp("hooks") / "medlint")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks.as_uri()}\n    rev: {rev}\n    hooks:\n"
        "      - id: medlint\n      - id: medlint-validate\n", "utf-8")
    (repo / "good.md").write_text(GOOD, "utf-8")
    git(repo, "add", ".")
    home = {"PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home"))}
    env = {**os.environ, **home}
    run = [sys.executable, "-m", "pre_commit", "run", "--all-files"]
    passed = subprocess.run(run, cwd=repo, capture_output=True, text=True, env=env, check=False)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    (repo / "bad.md").write_text(BAD, "utf-8")
    git(repo, "add", ".")
    failed = subprocess.run(run, cwd=repo, capture_output=True, text=True, env=env, check=False)
    assert failed.returncode == 1
    assert "bad.md:1:6" in failed.stdout and "dosing/trailing-zero" in failed.stdout
