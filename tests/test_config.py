"""Configuration: found by walking up from each file, validated, applied per path."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from test_cli import GOOD_PACK

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
    assert f"{config}:1: audience: 'martians' is not one of" in result.output
    assert f"{config}:2: unknown key 'foo'\n" in result.output


def config_errors(tmp_path: Path, text: str, name: str = ".medlint.yaml") -> list[str]:
    """The error lines `medlint check` gives for this configuration (exit 2 asserted)."""
    (tmp_path / ".git").mkdir(exist_ok=True)
    write(tmp_path / name, text)
    page = write(tmp_path / "page.md", PAGE)
    result = CliRunner().invoke(main, ["check", str(page)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.output.splitlines()


def test_misspelt_key_names_line_and_suggests(tmp_path: Path) -> None:
    [line] = config_errors(tmp_path, "ignore: [hype]\naudiance: patient\n")
    assert line.endswith(".medlint.yaml:2: unknown key 'audiance' (did you mean 'audience'?)")


def test_misspelt_key_inside_an_override(tmp_path: Path) -> None:
    [line] = config_errors(tmp_path, "overrides:\n  - files: ['news/**']\n    audeince: news\n")
    assert ".medlint.yaml:3: overrides.0: unknown key 'audeince' (did you mean 'audience'?)" \
        in line


def test_unknown_rules_and_packs_in_every_list_are_errors(tmp_path: Path) -> None:
    lines = config_errors(tmp_path, (
        "select: [dosing, hype]\n"
        "ignore:\n  - hype/superlatve\n"
        "severity:\n  dosng: info\n"
        "rule_options:\n  readability/grade-levle: {max: 6}\n"
        "overrides:\n  - files: ['a/**']\n    ignore: [nosuchpack]\n"))
    assert len(lines) == 4
    assert lines[0].endswith(".medlint.yaml:3: ignore: unknown rule, pack or topic "
                             "'hype/superlatve' (did you mean 'hype/superlative'?); "
                             "see `medlint rules`")
    assert (".medlint.yaml:5: severity: unknown rule, pack or topic 'dosng' "
            "(did you mean 'dosing'?)") in lines[1]
    assert ".medlint.yaml:10: overrides[0].ignore: unknown rule, pack or topic 'nosuchpack'; see" \
        in lines[2]
    assert ".medlint.yaml:7: rule_options: unknown rule 'readability/grade-levle' (did you " \
        "mean 'readability/grade-level'?)" in lines[3]


def test_pyproject_names_are_checked_too(tmp_path: Path) -> None:
    [line] = config_errors(tmp_path, "[tool.medlint]\nignore = [\"hyp\"]\n", "pyproject.toml")
    assert line.endswith("pyproject.toml:2: ignore: unknown rule, pack or topic 'hyp' "
                         "(did you mean 'hype'?); see `medlint rules`")


def test_names_from_an_extra_rules_folder_are_known(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / "house" / "house.yaml", GOOD_PACK)
    write(tmp_path / ".medlint.yaml", "rules_dirs: [house]\nignore: [house/no-utilize]\n")
    page = write(tmp_path / "page.md", PAGE)
    result = CliRunner().invoke(main, ["check", str(page)])
    assert result.exit_code in (0, 1), result.output
    write(tmp_path / ".medlint.yaml", "ignore: [house/no-utilize]\n")
    result = CliRunner().invoke(main, ["check", str(page)])
    assert result.exit_code == 2
    assert "unknown rule, pack or topic 'house/no-utilize'" in result.output


def test_validate_command_checks_names_too(tmp_path: Path) -> None:
    config = write(tmp_path / ".medlint.yaml", "ignore: [hype/superlatve]\n")
    result = CliRunner().invoke(main, ["validate", str(config)])
    assert result.exit_code == 2 and "did you mean 'hype/superlative'?" in result.output


def test_front_matter_audience_changes_severity(tmp_path: Path) -> None:
    page = write(tmp_path / "page.md", "---\naudience: research\n---\n\n" + PAGE)
    result = CliRunner().invoke(main, ["check", str(page)])
    assert any("info" in x and "hype/superlative" in x for x in result.output.splitlines())


def test_known_abbreviations_need_no_definition(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    page = write(tmp_path / "page.md", "Your OT can check your COPD inhaler technique.\n")
    output = CliRunner().invoke(main, ["check", str(page)]).output
    assert '"OT"' in output and '"COPD"' in output
    write(tmp_path / ".medlint.yaml", "known_abbreviations: [OT, COPD]\n")
    output = CliRunner().invoke(main, ["check", str(page)]).output
    assert "abbreviations/" not in output


def test_unknown_rule_option_field_is_reported_in_the_users_file(tmp_path: Path) -> None:
    [line] = config_errors(tmp_path, "audience: patient\nrule_options:\n"
                                     "  readability/grade-level: {maxx: 6}\n")
    assert line.endswith(".medlint.yaml:3: rule_options: readability/grade-level: unknown "
                         "field 'maxx' (did you mean 'max'?); see `medlint explain "
                         "readability/grade-level`")
    assert "rules/readability.yaml" not in line


def test_known_rule_option_fields_pass(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".medlint.yaml", "rule_options:\n  readability/grade-level: {max: 6}\n"
                                      "  currency/stale-date: {max_age_years: 3}\n")
    page = write(tmp_path / "page.md", PAGE)
    result = CliRunner().invoke(main, ["check", str(page)])
    assert result.exit_code == 1 and "dosing/trailing-zero" in result.output
