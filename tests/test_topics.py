"""Topics: a pack file may declare `topic:`, and `select`, `ignore` and `severity` (in the
configuration and on the command line) name it as `pack:topic`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.cli import main
from medlint.config import Config
from medlint.loader import RuleLoadError, compile_pack_texts

RULE = """\
  - id: house/{name}
    kind: phrase
    severity: warning
    message: Replace the house phrase {word}.
    explanation: A house rule for tests.
    sources: ["House style guide, 2026"]
    scope: [prose]
    patterns: ['\\b{word}\\b']
    examples: {{flag: ["a {word} here"], pass: ["nothing here"]}}
"""


def pack(topic: str, *names: str) -> str:
    return f"pack: house\ntopic: {topic}\nrules:\n" + "".join(
        RULE.format(name=n, word=n) for n in names)


def write_house(root: Path, config: str) -> Path:
    (root / ".git").mkdir()
    (root / "house").mkdir()
    (root / "house" / "fruit.yaml").write_text(pack("fruit", "apple", "pear"), "utf-8")
    (root / "house" / "veg.yaml").write_text(pack("veg", "leek"), "utf-8")
    (root / ".medlint.yaml").write_text("rules_dirs: [house]\n" + config, "utf-8")
    page = root / "page.md"
    page.write_text("An apple, a pear and a leek.\n", "utf-8")
    return page


def found(output: str) -> set[str]:
    return {word for word in output.split() if word.startswith("house/")}


def test_config_ignores_a_topic(tmp_path: Path) -> None:
    page = write_house(tmp_path, "ignore: ['house:fruit']\n")
    result = CliRunner().invoke(main, ["check", str(page)])
    assert found(result.output) == {"house/leek"}


def test_config_selects_a_topic(tmp_path: Path) -> None:
    page = write_house(tmp_path, "select: ['house:fruit']\n")
    result = CliRunner().invoke(main, ["check", str(page)])
    assert found(result.output) == {"house/apple", "house/pear"}


def test_severity_of_a_topic_sits_between_rule_and_pack(tmp_path: Path) -> None:
    page = write_house(tmp_path, "severity: {house: error, 'house:fruit': 'off', "
                                 "house/pear: info}\n")
    result = CliRunner().invoke(main, ["check", "--format", "json", str(page)])
    assert '"house/leek"' in result.output and '"error"' in result.output
    assert '"house/apple"' not in result.output
    assert '"house/pear"' in result.output and '"info"' in result.output


def test_command_line_ignores_a_topic(tmp_path: Path) -> None:
    page = write_house(tmp_path, "")
    config = str(tmp_path / ".medlint.yaml")
    result = CliRunner().invoke(main, ["check", "--config", config, "--ignore", "house:veg",
                                       str(page)])
    assert found(result.output) == {"house/apple", "house/pear"}


def test_unknown_topic_is_a_usage_error(tmp_path: Path) -> None:
    page = write_house(tmp_path, "")
    config = str(tmp_path / ".medlint.yaml")
    result = CliRunner().invoke(main, ["check", "--config", config, "--select", "house:nuts",
                                       str(page)])
    assert result.exit_code == 2
    assert "'house:nuts'" in result.output


def test_config_enabled_reads_topics() -> None:
    config = Config(ignore=("claims:cancer",))
    assert not config.enabled("claims/sugar-feeds-cancer", "cancer")
    assert config.enabled("claims/sugar-feeds-cancer", "vaccines")
    assert config.enabled("claims/sugar-feeds-cancer", None)


def test_rule_id_must_start_with_the_declared_pack() -> None:
    text = pack("fruit", "apple").replace("pack: house", "pack: garden")
    with pytest.raises(RuleLoadError, match="id must start with 'garden/'"):
        compile_pack_texts([("garden.yaml", text)])


def test_rule_may_name_its_own_topic() -> None:
    text = pack("fruit", "apple").replace("    kind: phrase", "    topic: tree\n    kind: phrase")
    rules = compile_pack_texts([("house.yaml", text)])
    assert [r.spec.topic for r in rules.rules] == ["tree"]


def test_config_rejects_a_malformed_topic(tmp_path: Path) -> None:
    page = write_house(tmp_path, "ignore: ['house:Fruit!']\n")
    result = CliRunner().invoke(main, ["check", str(page)])
    assert result.exit_code == 2
    assert "ignore" in result.output


def test_explain_names_the_topic(tmp_path: Path) -> None:
    write_house(tmp_path, "")
    result = CliRunner().invoke(main, ["explain", "--rules", str(tmp_path / "house"),
                                       "house/leek"])
    assert result.exit_code == 0
    assert "Topic: house:veg" in result.output


def test_every_claim_topic_rule_cites_a_dated_source(builtin_rules) -> None:
    """A claim rule refutes what an authority refuted: its sources name the year."""
    topic_rules = [r.spec for r in builtin_rules.rules if r.spec.topic and r.spec.pack == "claims"]
    assert len({spec.topic for spec in topic_rules}) >= 10
    undated = [f"{spec.id}: {source}" for spec in topic_rules for source in spec.sources
               if not re.search(r"\b(?:19|20)\d\d\b", source)]
    assert not undated, "\n".join(undated)
