"""Configuration: found by walking up from each file, validated, applied per path."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from medlint.cli import main

PAGE = "Give 2.0 mg at night. The new pill is a game changer.\n"


def rules_found(output: str) -> set[str]:
    return {line.split()[2] for line in output.splitlines() if line.count(":") >= 2
            and len(line.split()) > 2 and "/" in line.split()[2]}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def test_config_found_by_walking_up(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".medlint.yaml", "ignore: [hype]\n")
    page = write(tmp_path / "articles" / "deep" / "page.md", PAGE)
    result = CliRunner().invoke(main, ["check", str(page)])
    assert rules_found(result.output) == {"dosing/trailing-zero"}


def test_search_stops_at_repository_root(tmp_path: Path) -> None:
    write(tmp_path / ".medlint.yaml", "ignore: [hype]\n")
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    page = write(tmp_path / "repo" / "page.md", PAGE)
    result = CliRunner().invoke(main, ["check", str(page)])
    assert "hype/superlative" in rules_found(result.output)


def test_pyproject_tool_section(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / "pyproject.toml", '[tool.medlint]\nselect = ["hype"]\n')
    page = write(tmp_path / "page.md", PAGE)
    result = CliRunner().invoke(main, ["check", str(page)])
    assert rules_found(result.output) == {"hype/superlative"}


def test_severity_override_and_per_path_overrides(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".medlint.yaml", """\
severity:
  dosing/trailing-zero: info
overrides:
  - files: ["news/**"]
    ignore: [dosing]
""")
    plain = write(tmp_path / "page.md", PAGE)
    news = write(tmp_path / "news" / "story.md", PAGE)
    result = CliRunner().invoke(main, ["check", str(plain), str(news)])
    lines = result.output.splitlines()
    assert any("page.md" in x and "info" in x and "dosing/trailing-zero" in x for x in lines)
    assert not any("story.md" in x and "dosing/" in x for x in lines)


def test_rule_options_change_a_rule(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".medlint.yaml", """\
today: 2026-11-24
rule_options:
  currency/stale-date: {max_age_years: 20}
""")
    page = write(tmp_path / "page.md", "Last updated: 1 May 2010\n\nRest well.\n")
    assert "currency/stale-date" not in CliRunner().invoke(main, ["check", str(page)]).output
    (tmp_path / ".medlint.yaml").write_text("today: 2026-11-24\n", "utf-8")
    assert "currency/stale-date" in CliRunner().invoke(main, ["check", str(page)]).output


def test_exclude_globs_skip_files_in_folders(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".medlint.yaml", "exclude: [\"drafts/**\"]\n")
    write(tmp_path / "drafts" / "old.md", PAGE)
    write(tmp_path / "live.md", PAGE)
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert "live.md" in result.output and "old.md" not in result.output


def test_invalid_config_names_file_and_key(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    config = write(tmp_path / ".medlint.yaml", "audience: martians\nfoo: 1\n")
    page = write(tmp_path / "page.md", PAGE)
    result = CliRunner().invoke(main, ["check", str(page)])
    assert result.exit_code == 2
    assert f"{config}: audience:" in result.output
    assert "'foo' was unexpected" in result.output


def test_front_matter_audience_changes_severity(tmp_path: Path) -> None:
    page = write(tmp_path / "page.md", "---\naudience: research\n---\n\n" + PAGE)
    result = CliRunner().invoke(main, ["check", str(page)])
    assert any("info" in x and "hype/superlative" in x for x in result.output.splitlines())


def test_known_abbreviations_need_no_definition(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    page = write(tmp_path / "page.md", "Your OT can check your COPD inhaler technique.\n")
    output = CliRunner().invoke(main, ["check", "--no-cache", str(page)]).output
    assert '"OT"' in output and '"COPD"' in output
    write(tmp_path / ".medlint.yaml", "known_abbreviations: [OT, COPD]\n")
    output = CliRunner().invoke(main, ["check", "--no-cache", str(page)]).output
    assert "abbreviations/" not in output
