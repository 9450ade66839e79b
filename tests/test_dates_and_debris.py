"""An article's own date against dates in its sentences; lines pasted twice against
sentences that come back later; the SMOG target as a rule option."""

from __future__ import annotations

import datetime as dt

from medlint.api import lint_text
from medlint.checks.stale import labelled_date
from medlint.document.dates import first_date
from medlint.engine import RunOptions
from medlint.loader import load_rules
from medlint.patterns.store import user_cache_folder

from conftest import TODAY

OPTIONS = RunOptions(audience="patient", today=TODAY)
HEALTH = ("Treatment lowers the risk of stroke. Most patients need more than one drug, and the "
          "dose is raised slowly. Symptoms of the disease are rare.")


def rules_found(text: str, builtin_rules, prefix: str) -> list[tuple[int, str]]:
    return [(f.line, f.rule) for f in lint_text(text, rules=builtin_rules, options=OPTIONS)
            if f.rule.startswith(prefix)]


def test_iso_dates_keep_their_month_and_day() -> None:
    found = first_date("2004-11-09")
    assert found is not None and found[0] == dt.date(2004, 11, 9) and found[2] == 10
    assert first_date("12/31/2019") is not None and first_date("12/31/2019")[0].day == 31


def test_a_label_date_must_fill_the_field() -> None:
    text = "Published in 2015, the trial changed targets."
    assert labelled_date(text, len("Published ")) is None
    text = "Updated guidance from 2019 says little."
    assert labelled_date(text, len("Updated ")) is None
    text = "By Ana Ruiz | Updated March 3, 2018 | Health"
    found = labelled_date(text, text.index("March"))
    assert found is not None and found[0] == dt.date(2018, 3, 3)
    text = "Posted: Tue Nov 9, 2004"
    found = labelled_date(text, len("Posted: "))
    assert found is not None and found[0] == dt.date(2004, 11, 9)


def test_a_year_in_a_sentence_neither_dates_nor_stales_the_article(builtin_rules) -> None:
    text = f"# Blood pressure\n\nUpdated guidance from 2015 changed the targets. {HEALTH}\n"
    found = rules_found(text, builtin_rules, "")
    assert not [r for _, r in found if r == "currency/stale-date"]
    assert [r for _, r in found if r == "transparency/no-date"]


def test_a_byline_or_footer_date_counts(builtin_rules) -> None:
    text = f"# Blood pressure\n\nBy Ana Ruiz | Updated March 3, 2018\n\n{HEALTH}\n"
    found = rules_found(text, builtin_rules, "")
    assert (3, "currency/stale-date") in found
    assert not [r for _, r in found if r in ("transparency/no-date", "transparency/no-author")]
    footer = f"# Blood pressure\n\n{HEALTH}\n\nPage last reviewed: 2017\n"
    assert (5, "currency/stale-date") in rules_found(footer, builtin_rules, "currency")


def test_lines_pasted_twice_but_not_a_sentence_under_two_headings(builtin_rules) -> None:
    pasted = ("# Knee surgery\n\nMost people walk the next day.\n\n"
              "# Knee surgery\n\nMost people walk the next day.\n")
    assert rules_found(pasted, builtin_rules, "debris/repeated") == [(5, "debris/repeated-line")]
    twice = "Call us today\n\n\nCall us today\n"
    assert rules_found(twice, builtin_rules, "debris/repeated") == [(4, "debris/repeated-line")]
    headed = ("## Before surgery\n\nAsk your nurse if you are unsure.\n\n"
              "## After surgery\n\nAsk your nurse if you are unsure.\n")
    assert rules_found(headed, builtin_rules, "debris/repeated") == []


def test_smog_target_is_a_rule_option(builtin_rules) -> None:
    text = ("Pharmacological interventions substantially ameliorate cardiovascular morbidity. "
            * 12)
    default = [f.rule for f in lint_text(text, options=OPTIONS)]
    assert "readability/smog-grade" in default
    relaxed = load_rules(overrides={"readability/smog-grade": {"max": 40}},
                         store_dir=user_cache_folder())
    assert "readability/smog-grade" not in [f.rule for f in lint_text(text, rules=relaxed,
                                                                      options=OPTIONS)]
    spec = builtin_rules.by_id()["readability/smog-grade"].spec
    grade = builtin_rules.by_id()["readability/grade-level"].spec
    assert spec.params["max"] > grade.params["max"]
