"""A workflow to trust: nothing passes silently, configuration mistakes are caught, output is
what CI systems and editors expect, and the CI glue (pre-commit, the Action) is safe."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from test_cli import medlint_command
from test_workflow import BAD, git

from medlint.api import lint_text
from medlint.cli import main
from medlint.engine import RunOptions
from medlint.parallel import check_in_parallel
from medlint.patterns.store import user_cache_folder
from medlint.progress import Progress, wanted
from medlint.report import shown_replacement

from conftest import ROOT

HYPE = "This new pill is a breakthrough for everyone.\n"


def run(args: list[str], stdin: str | None = None):
    return CliRunner().invoke(main, args, input=stdin)


def medlint(cwd: Path, *args: str, env: dict[str, str] | None = None):
    return subprocess.run([*medlint_command(), *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, check=False)


def errors(text: str) -> list[str]:
    lines = text.strip().splitlines()
    assert all(line.startswith("medlint: ") for line in lines), text
    return lines


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    return tmp_path


# --- never a silent pass ----------------------------------------------------------------------

def test_exclude_applies_to_files_named_on_the_command_line(repo: Path) -> None:
    (repo / ".medlint.yaml").write_text('exclude: ["archive/**"]\n', "utf-8")
    (repo / "archive").mkdir()
    (repo / "archive" / "old.md").write_text(BAD, "utf-8")
    (repo / "new.md").write_text(BAD, "utf-8")
    out = medlint(repo, "check", "--format", "json", "archive/old.md", "new.md")
    assert [f["path"] for f in json.loads(out.stdout)["findings"]] == ["new.md"]
    assert out.returncode == 1
    only = medlint(repo, "check", "archive/old.md")  # what pre-commit runs for that commit
    assert only.returncode == 0, only.stdout + only.stderr
    assert "skipped 1 named file that the configuration excludes" in only.stderr


def test_excluded_standard_input_name_is_skipped(repo: Path) -> None:
    (repo / ".medlint.yaml").write_text('exclude: ["archive/**"]\n', "utf-8")
    def check(name: str):
        return subprocess.run([*medlint_command(), "check", "-", "--stdin-filename", name],
                              cwd=repo, input=BAD, capture_output=True, text=True, check=False)

    out = check("archive/a.md")
    assert out.returncode == 0 and "archive/a.md: excluded" in out.stderr
    assert check("a.md").returncode == 1  # the same text, not excluded, fails


def test_folder_without_articles_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "data.csv").write_text("a,b\n", "utf-8")
    result = run(["check", str(tmp_path / "notes")])
    assert result.exit_code == 2
    [line] = errors(result.stderr)
    assert "notes: no articles to check" in line and "name the files to check" in line


def test_folder_whose_articles_are_all_excluded_is_an_error(repo: Path) -> None:
    (repo / ".medlint.yaml").write_text('exclude: ["drafts/**"]\n', "utf-8")
    (repo / "drafts").mkdir()
    (repo / "drafts" / "a.md").write_text(BAD, "utf-8")
    out = medlint(repo, "check", "drafts")
    assert out.returncode == 2
    assert "drafts: every article in it is excluded by `exclude:` in .medlint.yaml" in out.stderr


@pytest.mark.parametrize(("name", "data", "says"), [
    ("report.docx", b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "a Word document"),
    ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "a PDF"),
    ("report.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
])
def test_files_that_are_not_text_fail_with_what_to_do(tmp_path: Path, name: str, data: bytes,
                                                     says: str) -> None:
    (tmp_path / name).write_bytes(data)
    (tmp_path / "fine.md").write_text("Plain words.\n", "utf-8")
    result = run(["check", str(tmp_path / name), str(tmp_path / "fine.md")])
    assert result.exit_code == 2
    [line] = errors(result.stderr)
    assert f"{name}: {says}" in line and "save it as Markdown (.md)" in line
    assert "No findings in 1 file" in result.stdout  # the readable file was still checked


def test_markdown_nested_past_the_parser_limit_is_still_checked() -> None:
    quotes = "".join(">" * depth + f" Take {depth}.0 mg.\n\n" for depth in (1, 25, 60))
    found = [(f.line, f.rule) for f in lint_text(quotes)]
    assert found == [(1, "dosing/trailing-zero"), (3, "dosing/trailing-zero"),
                     (5, "dosing/trailing-zero")]
    items = "".join("  " * depth + f"- Take {depth}.0 mg.\n" for depth in range(30))
    lines = [f.line for f in lint_text(items) if f.rule == "dosing/trailing-zero"]
    assert lines == list(range(1, 31))


def test_markers_of_deep_lines_are_not_prose() -> None:
    text = "".join("  " * depth + "- Level.\n" for depth in range(30))
    text += "  " * 30 + "- 5 + 5 words.\n"
    assert [f.rule for f in lint_text(text) if f.line == 31] == []


# --- front matter -----------------------------------------------------------------------------

def test_unknown_front_matter_audience_is_reported(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("---\naudience: patiant\n---\n\n" + HYPE, "utf-8")
    result = run(["check", str(page)])
    [line] = errors(result.stderr)
    assert 'page.md: front matter audience "patiant" is not one of' in line
    assert "(did you mean 'patient'?)" in line and "default severity" in line


def test_front_matter_that_is_not_yaml_is_reported_with_its_line(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("---\ntitle: ok\naudience: [patient\n---\n\n" + HYPE, "utf-8")
    result = run(["check", str(page)])
    [line] = errors(result.stderr)
    assert re.search(r"page\.md:[34]: front matter is not valid YAML", line), line
    assert "hype/" in result.stdout  # the document is still checked


def test_valid_front_matter_gives_no_notice(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("---\naudience: Patient\n---\n\n" + HYPE, "utf-8")
    result = run(["check", "--format", "json", str(page)])
    assert result.stderr == "" and json.loads(result.stdout)["findings"]


# --- commands ---------------------------------------------------------------------------------

def test_explain_a_pack_lists_its_rules(builtin_rules) -> None:
    result = run(["explain", "dosing"])
    assert result.exit_code == 0
    ids = sorted(r.spec.id for r in builtin_rules.rules if r.spec.pack == "dosing")
    listed = [line.split()[0] for line in result.output.splitlines()]
    assert listed == ids
    first = builtin_rules.by_id()[ids[0]].spec
    assert result.output.splitlines()[0].endswith(first.summary)


def test_explain_suggests_near_misses() -> None:
    result = run(["explain", "dosng"])
    assert result.exit_code == 2 and "did you mean 'dosing'?" in result.stderr


def test_explain_shows_source_addresses(tmp_path: Path) -> None:
    (tmp_path / "house.yaml").write_text(
        "pack: house\nrules:\n  - id: house/no-utilize\n    kind: phrase\n"
        "    severity: info\n    message: Write \"use\".\n"
        "    explanation: Plain words read faster, and use says the same as utilize.\n"
        "    sources: [\"Plain language guidance (2011), https://example.org/plain\"]\n"
        "    scope: [prose]\n    patterns: ['\\butilize\\b']\n"
        "    examples:\n      flag: [\"We utilize it.\"]\n      pass: [\"We use it.\"]\n",
        "utf-8")
    result = run(["explain", "--rules", str(tmp_path), "house/no-utilize"])
    assert result.exit_code == 0, result.output
    assert "https://example.org/plain" in result.output


def test_unknown_select_names_the_near_miss() -> None:
    result = run(["check", "--select", "dosing/trailing-zeros", "-"], stdin="Text.\n")
    assert result.exit_code == 2
    assert "did you mean 'dosing/trailing-zero'?" in result.stderr


# --- progress ---------------------------------------------------------------------------------

class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_for_a_person_at_a_terminal() -> None:
    assert wanted(Terminal(), quiet=False, files=50, environ={})
    assert not wanted(io.StringIO(), quiet=False, files=50, environ={})
    assert not wanted(Terminal(), quiet=True, files=50, environ={})
    assert not wanted(Terminal(), quiet=False, files=50, environ={"CI": "true"})
    assert not wanted(Terminal(), quiet=False, files=50, environ={"GITHUB_ACTIONS": "true"})
    assert not wanted(Terminal(), quiet=False, files=2, environ={})


def test_progress_counts_files_and_erases_itself() -> None:
    stream = Terminal()
    progress = Progress(stream, total=3)
    for _ in range(3):
        progress.advance()
    assert "medlint: 3/3 files, 0 s" in stream.getvalue()
    progress.close()
    assert stream.getvalue().endswith("\r" + " " * len("medlint: 3/3 files, 0 s") + "\r")


def test_parallel_checking_reports_every_file_done(tmp_path: Path) -> None:
    paths = []
    for i in range(40):
        page = tmp_path / f"p{i}.md"
        page.write_text(f"Give {i}.0 mg.\n", "utf-8")
        paths.append(str(page))
    done: list[int] = []
    outcome = check_in_parallel(paths, 1, None, (), RunOptions(), None, user_cache_folder(),
                                done.append)
    assert sum(done) == 40 and len(done) > 1
    assert [r.path for _, r in outcome.results] == paths


def test_no_progress_when_standard_error_is_not_a_terminal(tmp_path: Path) -> None:
    for i in range(25):
        (tmp_path / f"p{i}.md").write_text("Plain words.\n", "utf-8")
    result = run(["check", "-j1", str(tmp_path)])
    assert result.exit_code == 0 and result.stderr == ""


def test_quiet_hides_notices_but_not_errors(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("---\naudience: robots\n---\n\nPlain words.\n", "utf-8")
    assert run(["check", str(page)]).stderr
    assert run(["check", "--quiet", str(page)]).stderr == ""
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4\n")
    assert "a PDF" in run(["check", "--quiet", str(tmp_path / "x.pdf")]).stderr


# --- output -----------------------------------------------------------------------------------

def test_json_keeps_safe_fixes_apart_from_suggestions() -> None:
    text = "Give 2.0 mg daily.\n\nTake 2 tablets twice a week (BIW).\n"
    result = run(["check", "--format", "json", "--stdin-filename", "a.md", "-"], stdin=text)
    findings = json.loads(result.stdout)["findings"]
    assert all("fix" in f and "suggestion" in f for f in findings)
    assert all(f["fix"] is None or f["suggestion"] is None for f in findings)
    by_rule = {f["rule"]: f for f in findings}
    assert by_rule["dosing/trailing-zero"]["fix"] == "2 mg"
    assert by_rule["dosing/trailing-zero"]["suggestion"] is None
    unsafe = [f for f in findings if f["suggestion"] is not None]
    assert unsafe, findings  # a replacement a writer must judge is a suggestion, not a fix


def test_suggestion_in_text_output_is_marked_as_such() -> None:
    result = run(["check", "--stdin-filename", "a.md", "-"],
                 stdin="Take 2 tablets twice a week (BIW).\n")
    marked = re.findall(r"\[(fix|suggestion): ", result.stdout)
    assert marked and "suggestion" in marked


def test_document_level_findings_sit_at_the_title() -> None:
    words = " ".join(["Cardiovascular"] * 5) + " considerations."
    body = "\n\n".join(f"{words} Multidisciplinary interventions." for _ in range(30))
    text = "---\naudience: patient\n---\n\n# Heart care\n\n" + body + "\n"
    findings = [f for f in lint_text(text) if f.document_level]
    assert findings, "expected a reading-grade finding"
    assert {(f.line, f.column) for f in findings} == {(5, 1)}
    plain = lint_text(body + "\n", options=RunOptions(audience="patient"))
    assert {(f.line, f.column) for f in plain if f.document_level} == {(1, 1)}


def test_replacements_are_shown_without_python_escapes() -> None:
    assert shown_replacement("5\u00a0mg") == "5 mg (with a non-breaking space)"
    assert shown_replacement(" units") == "units"
    assert shown_replacement("") == "delete it"
    result = run(["check", "--stdin-filename", "a.md", "-"], stdin="Inject 10 U at night.\n")
    assert "[fix: units]" in result.stdout
    assert "\\x" not in result.stdout and "' " not in result.stdout


def sarif_structure_problems(log: dict) -> list[str]:
    """The parts of SARIF 2.1.0 code scanning reads, checked by hand (the full schema is
    checked outside the suite)."""
    problems = []
    if log.get("version") != "2.1.0" or not isinstance(log.get("runs"), list):
        problems.append("version/runs")
    for run_ in log.get("runs", []):
        driver = run_["tool"]["driver"]
        ids = [r["id"] for r in driver["rules"]]
        for rule in driver["rules"]:
            if not rule.get("help", {}).get("text") or not rule["help"].get("markdown"):
                problems.append(f"{rule['id']}: help")
            uri = rule.get("helpUri")
            if uri is not None and not re.match(r"https?://\S+$", uri):
                problems.append(f"{rule['id']}: helpUri {uri}")
        for result in run_["results"]:
            if ids[result["ruleIndex"]] != result["ruleId"]:
                problems.append("ruleIndex")
            region = result["locations"][0]["physicalLocation"]["region"]
            if min(region.values()) < 1:
                problems.append("region")
    return problems


def test_sarif_rules_carry_help_and_help_uri(repo: Path) -> None:
    (repo / "a.md").write_text(BAD, "utf-8")
    out = medlint(repo, "check", "--format", "sarif", "a.md")
    log = json.loads(out.stdout)
    assert sarif_structure_problems(log) == []
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    rule = rules["dosing/trailing-zero"]
    assert rule["helpUri"].endswith("/docs/rules.md#dosingtrailing-zero")
    assert "Sources:" in rule["help"]["text"] and "Joint Commission" in rule["help"]["text"]
    assert rule["fullDescription"]["text"] in rule["help"]["text"]


def test_one_run_writes_annotations_and_sarif(repo: Path) -> None:
    (repo / "a.md").write_text(BAD, "utf-8")
    out = medlint(repo, "check", "--format", "github", "--sarif", "out.sarif", "a.md")
    assert out.returncode == 1 and out.stdout.startswith("::error file=a.md,line=1")
    log = json.loads((repo / "out.sarif").read_text("utf-8"))
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["dosing/trailing-zero"]


# --- changed lines and baselines --------------------------------------------------------------

def test_changed_since_unknown_revision_names_it_and_says_what_to_do(repo: Path) -> None:
    (repo / "a.md").write_text(BAD, "utf-8")
    out = medlint(repo, "check", "--changed-since", "origin/nosuch", "a.md")
    assert out.returncode == 2
    [line] = errors(out.stderr)
    assert "--changed-since origin/nosuch: no such revision" in line and "fetch" in line


def test_changed_since_unknown_revision_fails_even_without_findings(repo: Path) -> None:
    (repo / "a.md").write_text("Plain words.\n", "utf-8")
    out = medlint(repo, "check", "--changed-since", "mian", "a.md")
    assert out.returncode == 2 and "--changed-since mian: no such revision" in out.stderr


def test_changed_since_in_a_shallow_clone_says_to_fetch_history(repo: Path,
                                                                tmp_path_factory) -> None:
    (repo / "a.md").write_text(BAD, "utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "one")
    first = git(repo, "rev-parse", "HEAD").strip()
    (repo / "a.md").write_text(BAD + "\nMore.\n", "utf-8")
    git(repo, "commit", "-qam", "two")
    clone = tmp_path_factory.mktemp("clone") / "c"
    git(repo, "clone", "-q", "--depth", "1", repo.as_uri(), str(clone))
    out = medlint(clone, "check", "--changed-since", first, "a.md")
    assert out.returncode == 2
    assert "shallow clone; fetch more history" in out.stderr and first in out.stderr


def test_changed_since_works_from_outside_the_repository(repo: Path, tmp_path_factory) -> None:
    (repo / "a.md").write_text(BAD, "utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "one")
    (repo / "a.md").write_text(BAD + "\nGive 4.0 mg later.\n", "utf-8")
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    out = medlint(elsewhere, "check", "--format", "json", "--changed-since", "HEAD",
                  str(repo / "a.md"))
    assert out.returncode == 1, out.stderr
    assert [f["line"] for f in json.loads(out.stdout)["findings"]] == [3]


def test_baseline_matches_document_level_findings_by_rule(repo: Path) -> None:
    words = " ".join(["Cardiovascular"] * 5) + " considerations."
    body = "\n\n".join(f"{words} Multidisciplinary interventions." for _ in range(30))
    page = repo / "a.md"
    page.write_text("---\naudience: patient\n---\n\n# Heart care\n\n" + body + "\n", "utf-8")
    assert medlint(repo, "baseline", "a.md", "-o", "b.json").returncode == 0
    # a better grade and a new title: the same findings about the document, not new ones
    page.write_text("---\naudience: patient\n---\n\n# Looking after your heart\n\nShort words "
                    "help.\n\n" + body + "\n", "utf-8")
    out = medlint(repo, "check", "--format", "json", "--baseline", "b.json", "a.md")
    assert json.loads(out.stdout)["findings"] == [], out.stdout
    assert "0 stale baseline entries" in out.stderr


# --- snippets, the Action and packaging -------------------------------------------------------

README = (ROOT / "README.md").read_text("utf-8")


def yaml_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", README, flags=re.S)


def project_version() -> str:
    return re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text("utf-8"),
                     flags=re.M).group(1)


def test_readme_pre_commit_snippet_names_a_released_tag_and_real_hooks() -> None:
    [config] = [yaml.safe_load(b) for b in yaml_blocks() if "repos:" in b]
    [repo_entry] = config["repos"]
    assert repo_entry["rev"] == f"v{project_version()}"
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert {h["id"] for h in repo_entry["hooks"]} <= {h["id"] for h in hooks}
    assert "### Releasing" in README and 'git tag -a "v$version"' in README
    assert "full commit id" in README  # or pin a commit


def test_readme_action_snippet_uses_the_tag_and_real_inputs() -> None:
    [workflow] = [yaml.safe_load(b) for b in yaml_blocks() if "runs-on:" in b]
    steps = workflow["jobs"]["medlint"]["steps"]
    [ours] = [s for s in steps if s["uses"].startswith("medlint/medlint@")]
    assert ours["uses"] == f"medlint/medlint@v{project_version()}"
    action = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
    assert set(ours["with"]) <= set(action["inputs"])
    assert "push" in workflow[True]  # `on:` reads as True in YAML 1.1


def test_hook_file_pattern_covers_every_article_suffix() -> None:
    from medlint.source import SUFFIX_FORMATS
    [hook] = [h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
              if h["id"] == "medlint"]
    assert all(re.search(hook["files"], f"a/b{suffix}") for suffix in SUFFIX_FORMATS)


def test_action_passes_inputs_through_env_only() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
    for step in action["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step
    check = [s for s in action["runs"]["steps"] if "check.sh" in s.get("run", "")]
    assert len(check) == 1  # one medlint run gives annotations and SARIF
    assert set(check[0]["env"].values()) >= {"${{ inputs.paths }}", "${{ inputs.args }}",
                                               "${{ inputs.changed-since }}",
                                               "${{ inputs.sarif }}"}


def action_env(check_step: dict, inputs: dict[str, str]) -> dict[str, str]:
    """The step's env as GitHub would set it, with these input values."""
    env = {}
    for name, value in check_step["env"].items():
        key = re.fullmatch(r"\$\{\{ inputs\.([\w-]+) \}\}", value).group(1)
        env[name] = inputs[key]
    return env


def run_action(repo: Path, inputs: dict[str, str], event: dict[str, str]):
    action = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
    defaults = {k: v.get("default", "") for k, v in action["inputs"].items()}
    [step] = [s for s in action["runs"]["steps"] if "check.sh" in s.get("run", "")]
    env = {**os.environ, **action_env(step, {**defaults, **inputs}), **event,
           "GITHUB_ACTION_PATH": str(ROOT), "GITHUB_ACTIONS": "true",
           "PATH": f"{Path(medlint_command()[0]).parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(["bash", "-c", step["run"]], cwd=repo, env=env, capture_output=True,
                          text=True, check=False)


@pytest.mark.skipif(sys.platform == "win32", reason="the Action runs bash")
def test_action_on_a_push_checks_everything_in_one_run(repo: Path) -> None:
    (repo / "my articles").mkdir()
    (repo / "my articles" / "a.md").write_text(BAD, "utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "one")
    out = run_action(repo, {"paths": "my articles\n", "sarif": "out.sarif",
                            "args": "--fail-on error"},
                     {"GITHUB_EVENT_NAME": "push", "GITHUB_BASE_REF": ""})
    assert out.returncode == 1
    assert out.stdout.startswith("::error file=my articles/a.md,line=1"), out.stderr
    log = json.loads((repo / "out.sarif").read_text("utf-8"))
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["dosing/trailing-zero"]


@pytest.mark.skipif(sys.platform == "win32", reason="the Action runs bash")
def test_action_inputs_are_never_run_as_shell(repo: Path) -> None:
    (repo / "a.md").write_text("Plain words.\n", "utf-8")
    marker = repo / "pwned"
    out = run_action(repo, {"paths": f"a.md;touch {marker}", "args": f"$(touch {marker})",
                            "sarif": f"`touch {marker}`"}, {"GITHUB_BASE_REF": ""})
    assert not marker.exists()
    assert out.returncode == 2 and "$(touch: no such file or directory" in out.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="the Action runs bash")
def test_action_on_a_pull_request_reports_changed_lines(repo: Path) -> None:
    (repo / "a.md").write_text(BAD, "utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "one")
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    (repo / "a.md").write_text(BAD + "\nGive 6.0 mg later.\n", "utf-8")
    out = run_action(repo, {"paths": "a.md"},
                     {"GITHUB_EVENT_NAME": "pull_request", "GITHUB_BASE_REF": "main"})
    assert [line.split(",")[1] for line in out.stdout.splitlines()] == ["line=3"], out.stderr


def test_pre_commit_is_a_test_dependency_only() -> None:
    text = (ROOT / "pyproject.toml").read_text("utf-8")
    runtime = text.split("dependencies = [", 1)[1].split("]", 1)[0]
    assert "pre-commit" not in runtime
    assert re.search(r'^test = \[.*"pre-commit', text, flags=re.M)
    for module in (ROOT / "linter").rglob("*.py"):
        assert not re.search(r"^\s*(import|from)\s+pre_commit", module.read_text("utf-8"),
                             flags=re.M), module


# --- the suite's own isolation ----------------------------------------------------------------

def test_tests_run_outside_the_repository_with_a_private_git_configuration(
        tmp_path: Path) -> None:
    assert ROOT not in Path.cwd().parents and Path.cwd() != ROOT
    result = run(["check", "-"], stdin="Plain words.\n")
    assert result.exit_code == 0
    assert Path(os.environ["GIT_CONFIG_GLOBAL"]).read_text("utf-8") == ""


def test_configuration_lookup_stops_at_the_test_folders(
        tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    from medlint.config import find_config
    base = tmp_path_factory.getbasetemp()
    assert tmp_path.is_relative_to(base) and (base / ".git").is_dir()
    assert find_config(str(tmp_path)) is None  # whatever lies above the test run's folders


def test_readme_configuration_snippets_are_valid(tmp_path: Path) -> None:
    snippets = [b for b in yaml_blocks() if "repos:" not in b and "runs-on:" not in b]
    assert len(snippets) >= 2
    for i, snippet in enumerate(snippets):
        is_pack = re.search(r"^rules:", snippet, flags=re.M)  # a rule pack, not a configuration
        config = tmp_path / str(i) / ("house.yaml" if is_pack else ".medlint.yaml")
        config.parent.mkdir()
        config.write_text(snippet, "utf-8")
        result = run(["validate", str(config)])
        assert result.exit_code == 0, snippet + result.output


# --- long documents read in slices give what reading them whole gives ------------------------

def test_word_set_read_in_slices_is_the_whole_set(monkeypatch: pytest.MonkeyPatch) -> None:
    from medlint.document import model, parse_document
    text = "Metformin twice daily; ibuprofen-free days. Straße STRASSE 5 mg × 2\n" * 40
    whole = frozenset(model.WORD_RUN.findall(parse_document("a.md", text, "markdown")
                                             .folded_prose))
    monkeypatch.setattr(model, "WORD_SLICE", 7)
    assert parse_document("a.md", text, "markdown").word_set == whole


def test_needles_found_across_slice_edges(monkeypatch: pytest.MonkeyPatch) -> None:
    from medlint.patterns import needles as prefilter
    index = prefilter.NeedleIndex(["metformin", "twice daily", "xyz"])
    text = "take metformin twice daily with food " * 3
    monkeypatch.setattr(prefilter, "NEEDLE_SLICE", 5)
    assert index.present(text) == frozenset({"metformin", "twice daily"})
