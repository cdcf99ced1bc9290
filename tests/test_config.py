"""An office configuring moderator gets one actionable line for every mistake, at start-up."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, write_config

from moderator.cli import cli
from moderator.config import MODEL_RULES, load_config
from moderator.errors import ConfigError
from moderator.settings import PAGE_SETTINGS, SETTINGS

FB_PAGE = ('[[pages]]\nkey = "city-fb"\nplatform = "facebook"\naccount_id = "123"\n'
           'token_env = "MODERATOR_TEST_FB_TOKEN"\n')


def poll_exit(config: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["poll", "--once", "--config", str(config)])
    return result.exit_code, result.output


def test_it_loads_the_example_config_in_dry_run_without_tokens() -> None:
    config = load_config(ROOT / "config" / "moderator.example.toml")
    assert config.dry_run is True
    assert [p.platform for p in config.pages] == ["facebook", "instagram", "x"]
    assert config.pages[0].api_base_url == "https://graph.facebook.com"
    assert config.pages[2].api_base_url == "https://api.twitter.com"
    assert set(MODEL_RULES) <= set(config.rules.ids)
    assert config.rules["threat"].urgent


def test_it_publishes_the_common_policy_categories_as_review_only_rules() -> None:
    rules = load_config(ROOT / "config" / "moderator.example.toml").rules
    for rule_id in ("off_topic", "campaigning", "illegal_activity", "security",
                    "ip_infringement"):
        assert rules[rule_id].on_match == "review"
        assert rules[rule_id].wording


@pytest.mark.parametrize(("text", "campaigning"), [
    ("Vote NO on Measure B, the same tax hike", True),
    ("vote yes on the levy in May", True),
    ("Re-elect Mayor Diaz!", True),
    # a council's own vote is no ballot measure: asking it to vote no is an opinion on policy
    ("Please vote no on the zoning variance, council", False),
    ("Council, vote yes on the new crosswalks tonight", False),
])
def test_the_published_campaigning_patterns_mean_ballots_and_candidates(text: str,
                                                                        campaigning: bool) -> None:
    from moderator.classify import Scorer
    from moderator.comments import Comment

    rules = load_config(ROOT / "config" / "moderator.example.toml").rules
    model = type("Silent", (), {"version": "none", "kind": "none",
                                "score_texts": lambda self, texts: [{} for _ in texts]})()
    [found] = Scorer(rules, model).score([Comment("facebook", "p", "p", "c", text)])
    assert (found["campaigning"].score == 1.0) is campaigning, found["campaigning"]


def test_a_missing_config_file_exits_2_naming_the_file(tmp_path: Path) -> None:
    code, output = poll_exit(tmp_path / "nope.toml")
    assert code == 2
    assert f"{tmp_path / 'nope.toml'}: configuration file not found" in output
    assert output.count("\n") == 1


def test_a_missing_rules_file_names_the_rules_key(tmp_path: Path) -> None:
    """It used to say "pass its path with --config", which names moderator.toml, not this."""
    config = write_config(tmp_path, extra='rules = "nope.toml"')
    code, output = poll_exit(config)
    assert code == 2 and output.count("\n") == 1
    assert output.startswith(f"Error: {config}: rules: {tmp_path / 'nope.toml'} not found; set "
                             "`rules` to the path of the published conduct rules"), output


def test_an_archive_in_a_folder_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    """A typo in `archive` built the missing folders and archived there."""
    config = write_config(tmp_path)
    config.write_text(config.read_text(encoding="utf-8").replace(
        'archive = "archive.db"', 'archive = "arhcive/archive.db"'), encoding="utf-8")
    (tmp_path / "city.jsonl").write_text("", encoding="utf-8")
    code, output = poll_exit(config)
    assert code == 2 and output.count("\n") == 1, output
    assert f"the folder {tmp_path / 'arhcive'} does not exist; create it, or fix `archive`" \
        in output
    assert not (tmp_path / "arhcive").exists()


def test_a_toml_syntax_error_exits_2_with_the_line(tmp_path: Path) -> None:
    path = write_config(tmp_path, extra="dry_run_typo = = true")
    code, output = poll_exit(path)
    assert code == 2
    assert "moderator.toml: TOML syntax error" in output and "line 4" in output


@pytest.mark.parametrize("extra, key, fix", [
    ("[thresholds]\nswearing = { review = 0.2 }", "thresholds.swearing", "unknown rule id"),
    ("[thresholds]\nthreat = { review = 1.5, act = 0.9 }", "thresholds.threat.review",
     "outside [0, 1]"),
    ("[thresholds]\nthreat = { review = 0.9, act = 0.4 }", "thresholds.threat",
     "above the act threshold"),
    ("[thresholds]\nthreat = { act = -0.1 }", "thresholds.threat.act", "outside [0, 1]"),
    ("[thresholds]\nthreat = { acts = 0.95 }", "thresholds.threat.acts",
     "unknown setting; use review and act"),
    ("dry_rnu = true", "dry_rnu", "unknown setting"),
    ("api_timeout = \"fast\"", "api_timeout", "must be int or float"),
])
def test_bad_thresholds_and_settings_exit_2_naming_the_key(tmp_path: Path, extra: str, key: str,
                                                           fix: str) -> None:
    code, output = poll_exit(write_config(tmp_path, extra=extra))
    assert code == 2
    assert f"moderator.toml: {key}" in output and fix in output
    assert output.count("\n") == 1


def test_mistakes_in_a_rule_name_the_rule_and_what_to_write(tmp_path: Path) -> None:
    """A docs walkthrough: an unknown rule key pointed at `moderator settings`, which lists no
    rule keys, and a duplicated rule was first reported as missing its thresholds."""
    path = write_config(tmp_path)
    rules = tmp_path / "conduct-rules.toml"
    text = rules.read_text()
    rules.write_text(text.replace('id = "threat"', 'id = "threat"\ndescription = "x"', 1))
    code, output = poll_exit(path)
    assert code == 2 and "[[rules]] #2 (threat).description: unknown setting" in output
    assert "use act, id, keywords, on_match, patterns, review, title, urgent, wording" in output
    rules.write_text(text.replace('id = "threat"', 'idd = "threat"', 1))
    code, output = poll_exit(path)
    assert code == 2 and "[[rules]] #2.idd: unknown setting; check the spelling" in output
    rules.write_text(text + '\n[[rules]]\nid = "spam"\ntitle = "Spam"\nwording = "No ads."\n')
    code, output = poll_exit(path)
    assert code == 2 and "rule id 'spam' is defined twice; rename or remove one" in output


def test_a_duplicate_page_exits_2(tmp_path: Path) -> None:
    path = write_config(tmp_path, pages=FB_PAGE + "\n" + FB_PAGE)
    code, output = poll_exit(path)
    assert code == 2
    assert "pages[1].key: page 'city-fb' is configured twice" in output


def test_the_same_account_under_two_keys_is_a_duplicate_too(tmp_path: Path) -> None:
    path = write_config(tmp_path, pages=FB_PAGE + "\n" + FB_PAGE.replace("city-fb", "other"))
    code, output = poll_exit(path)
    assert code == 2 and "facebook account 123 is configured twice" in output


def test_a_missing_token_is_an_error_when_not_in_dry_run(tmp_path: Path) -> None:
    code, output = poll_exit(write_config(tmp_path, dry_run=False, pages=FB_PAGE))
    assert code == 2
    assert "pages[0] (city-fb).token_env: no token found" in output
    assert "MODERATOR_TEST_FB_TOKEN" in output


def test_a_token_can_come_from_a_file_named_by_NAME_FILE(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "fb-token"
    secret.write_text("EAAB-secret-value\n")
    monkeypatch.setenv("MODERATOR_TEST_FB_TOKEN_FILE", str(secret))
    config = load_config(write_config(tmp_path, dry_run=False, pages=FB_PAGE))
    assert config.pages[0].token == "EAAB-secret-value"
    assert "EAAB-secret-value" not in repr(config)


def test_an_unknown_rule_id_in_the_rules_file_is_reported(tmp_path: Path) -> None:
    path = write_config(tmp_path)
    rules = tmp_path / "conduct-rules.toml"
    rules.write_text(rules.read_text().replace('id = "off_topic"', 'id = "Off Topic"'))
    code, output = poll_exit(path)
    assert code == 2
    assert "conduct-rules.toml: [[rules]] #8.id: 'Off Topic' is not a rule id" in output


def test_an_unpublished_model_rule_is_reported(tmp_path: Path) -> None:
    path = write_config(tmp_path)
    rules = tmp_path / "conduct-rules.toml"
    text = rules.read_text()
    start = text.index("[[rules]]\nid = \"sexual\"")
    end = text.index("[[rules]]", start + 5)
    rules.write_text(text[:start] + text[end:])
    with pytest.raises(ConfigError, match="the model rules sexual are not published"):
        load_config(path)


def test_a_review_threshold_above_act_in_the_rules_file_is_reported(tmp_path: Path) -> None:
    path = write_config(tmp_path)
    rules = tmp_path / "conduct-rules.toml"
    rules.write_text(rules.read_text().replace("review = 0.3\nact = 0.6", "review = 0.95\n"
                                               "act = 0.6"))
    with pytest.raises(ConfigError, match=r"\[\[rules\]\] #2 \(threat\)\.review: review threshold "
                       r"0\.95 is above the act threshold 0\.6"):
        load_config(path)


def test_a_bad_pattern_in_an_agency_rule_is_reported(tmp_path: Path) -> None:
    path = write_config(tmp_path)
    rules = tmp_path / "conduct-rules.toml"
    rules.write_text(rules.read_text().replace('keywords = ["ddos"', 'patterns = ["(unclosed"]\n'
                                               'keywords = ["ddos"'))
    with pytest.raises(ConfigError, match=r"\(security\)\.patterns: '\(unclosed' is not a valid"):
        load_config(path)


def test_a_bad_web_setting_is_reported_at_start_up(tmp_path: Path) -> None:
    from moderator.web import create_app

    config = load_config(write_config(tmp_path, extra="[web]\nsession_hour = 3"))
    with pytest.raises(ConfigError, match=r"moderator.toml: web.session_hour: unknown setting"):
        create_app(config)


def test_every_setting_is_in_the_example_config_and_the_readme() -> None:
    example = (ROOT / "config" / "moderator.example.toml").read_text()
    readme = (ROOT / "README.md").read_text()
    for setting in SETTINGS + PAGE_SETTINGS:
        assert f"{setting.name} =" in example, setting.name
        assert f"`{setting.name}`" in readme, setting.name


def test_settings_lists_every_key_of_the_optional_tables() -> None:
    """`moderator settings` listed only the top level and [[pages]]; the optional tables are
    listed now, and this keeps the list in step with what each table's validator accepts."""
    from moderator.classify.detector_config import KEYS as DETECTOR_KEYS
    from moderator.records.schedule import _SERIES_KEYS, _TABLE_KEYS
    from moderator.settings import SECTIONS
    from moderator.web.app import WEB_KEYS

    listed = dict(SECTIONS)
    alerts = {"email", "webhooks", "page_failing_minutes", "queue_age_hours", "host", "port",
              "starttls", "username", "password_env", "password_file", "from", "to", "ca_file",
              "url", "secret_env", "secret_file"}
    for table, keys in (("[web]", set(WEB_KEYS)), ("[detectors]", set(DETECTOR_KEYS)),
                        ("[alerts]", alerts),
                        ("[retention]", (_TABLE_KEYS | _SERIES_KEYS) - {"series"})):
        words = set(re.findall(r"[a-z_]+", listed[table]))
        assert keys <= words, (table, keys - words)
    output = CliRunner().invoke(cli, ["settings"]).output
    assert 'archive          "moderator.db"' in output and "dry_run          true" in output
    assert all(f"  {table}" in output for table in listed)
