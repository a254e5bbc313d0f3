"""The configuration file: a good one loads, every mistake is named with its key and line."""

from pathlib import Path

import pytest

from bot.cli.main import main
from bot.config.settings import ConfigError, database_url, load_config
from tests.conftest import EXAMPLE_CONFIG

pytestmark = pytest.mark.pure

EXAMPLE = EXAMPLE_CONFIG.read_text(encoding="utf-8")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> tuple[str, ...]:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    return caught.value.problems


def line_number(text: str, fragment: str, occurrence: int = 1) -> int:
    lines = [n for n, line in enumerate(text.splitlines(), 1) if fragment in line]
    return lines[occurrence - 1]


def test_the_example_is_valid_and_describes_goeree_overflakkee() -> None:
    config = load_config(EXAMPLE_CONFIG)
    assert config.municipality.name == "Goeree-Overflakkee"
    assert len(config.areas) == 14
    assert {"groen", "verkeer", "zorg", "wonen", "cultuur-sport", "duurzaamheid", "anders"} == {
        theme.key for theme in config.themes
    }


def test_a_typo_in_a_key_is_an_error_with_its_line(tmp_path: Path) -> None:
    text = EXAMPLE.replace("keep_unfinished_days = 7", "keep_unfinshed_days = 7")
    [problem] = problems(tmp_path, text)
    assert problem.startswith("intake.keep_unfinshed_days: ")
    assert f"(line {line_number(text, 'keep_unfinshed_days')})" in problem


def test_a_typo_inside_an_array_of_tables_names_the_entry(tmp_path: Path) -> None:
    text = EXAMPLE.replace('postcodes = ["3251"]', 'postcode = ["3251"]')
    [problem] = problems(tmp_path, text)
    assert problem.startswith("areas[3].postcode: ")
    assert f"(line {line_number(text, 'postcode = [')})" in problem


def test_a_wrong_type_is_named(tmp_path: Path) -> None:
    text = EXAMPLE.replace("keep_unfinished_days = 7", 'keep_unfinished_days = "zeven"')
    [problem] = problems(tmp_path, text)
    assert problem.startswith("intake.keep_unfinished_days: ")
    assert "integer" in problem


def test_a_missing_key_is_named(tmp_path: Path) -> None:
    text = EXAMPLE.replace('name = "Goeree-Overflakkee"\n', "", 1)
    [problem] = problems(tmp_path, text)
    assert problem.startswith("municipality.name: Field required")
    assert f"(line {line_number(text, '[municipality]')})" in problem


def test_every_problem_is_listed_not_just_the_first(tmp_path: Path) -> None:
    text = EXAMPLE.replace('default_language = "nl"', 'default_language = "fr"').replace(
        'timezone = "Europe/Amsterdam"', 'timezone = "Europe/Goeree"'
    )
    found = problems(tmp_path, text)
    assert [p.split(":")[0] for p in found] == ["bot.default_language", "bot.timezone"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ('postcodes = ["3252"]', 'postcodes = ["3253"]'),
            "areas[2].postcodes[1]: 3253 is also in",
        ),
        (('key = "stellendam"', 'key = "ouddorp"'), "areas[3].key: duplicate key 'ouddorp'"),
        (('aliases = ["Havenhoofd"]', 'aliases = ["Ouddorp"]'), "areas[2]: name or alias"),
        (('postcodes = ["3241"]', 'postcodes = ["03241"]'), "areas[4].postcodes[1]: String"),
        (('privacy_url = "https://', 'privacy_url = "http://'), "municipality.privacy_url:"),
    ],
)
def test_rules_across_entries(tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    found = problems(tmp_path, EXAMPLE.replace(*change, 1))
    assert any(problem.startswith(expected) for problem in found), found


def test_a_password_in_the_database_url_is_refused(tmp_path: Path) -> None:
    text = EXAMPLE.replace('\nurl = ""', '\nurl = "postgresql+psycopg://bot:geheim@db/bot"')
    [problem] = problems(tmp_path, text)
    assert problem.startswith("database.url: ")
    assert "INITIATIEFBOT_DATABASE_URL" in problem
    assert "geheim" not in problem


def test_the_database_url_comes_from_the_environment_first(tmp_path: Path) -> None:
    config = load_config(EXAMPLE_CONFIG)
    assert database_url(config, {}) == "sqlite:///data/initiatiefbot.sqlite3"
    assert database_url(config, {"INITIATIEFBOT_DATABASE_URL": "postgresql://x/y"}) == (
        "postgresql+psycopg://x/y"
    )


def test_broken_toml_is_reported_with_its_position(tmp_path: Path) -> None:
    [problem] = problems(tmp_path, EXAMPLE.replace("[bot]", "[bot"))
    assert "not valid TOML" in problem
    assert "line" in problem


def test_check_config_prints_ok(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-config", str(EXAMPLE_CONFIG)]) == 0
    assert capsys.readouterr().out == "ok\n"


def test_check_config_prints_every_error_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, EXAMPLE.replace("[console]", "[consol]"))
    assert main(["check-config", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("consol: unknown key; did you mean 'console'? (line ")


def test_check_config_checks_the_flow_file_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flow = tmp_path / "flow.toml"
    flow.write_text("version = 1\n[[steps]]\nid = 'x'\n", encoding="utf-8")
    path = write(tmp_path, EXAMPLE.replace('flow = ""', f'flow = "{flow}"'))
    assert main(["check-config", str(path)]) == 2
    assert f"intake.flow: {flow}: steps[1].kind: Field required (line 2)" in capsys.readouterr().err


def test_a_missing_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check-config", str(tmp_path / "nope.toml")]) == 2
    assert "cannot read the file" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('homeserver = "https://matrix.example.org"', 'homeserver = ""'), "matrix.homeserver:"),
        (
            ('homeserver = "https://matrix.example.org"', 'homeserver = "matrix.org"'),
            "matrix.homeserver:",
        ),
        (
            ('user_id = "@initiatiefbot:example.org"', 'user_id = "initiatiefbot"'),
            "matrix.user_id:",
        ),
        (
            ('unverified_devices = "send"', 'unverified_devices = "trust"'),
            "matrix.unverified_devices:",
        ),
        (
            ("invites_from = []", 'invites_from = ["https://gemeente.nl"]'),
            "matrix.invites_from[1]:",
        ),
    ],
)
def test_matrix_settings_are_checked_when_enabled(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    head, section, tail = EXAMPLE.partition("[matrix]\n")
    enabled = head + section + tail.replace("enabled = false", "enabled = true", 1)
    found = problems(tmp_path, enabled.replace(*change, 1))
    assert any(problem.startswith(expected) for problem in found), found


@pytest.mark.parametrize(
    ("url", "wrong"),
    [
        ("postgresql+psycopg://bot:geheim@db.gemeente.nl/bot", "holds a password"),
        ("postgresql://bot:geheim@db/bot", "holds a password"),
        ("data/bot.sqlite3", "is not a database URL"),
        ("://db/bot", "is not a database URL"),
    ],
)
def test_a_database_url_is_checked_without_the_database_library(
    tmp_path: Path, url: str, wrong: str
) -> None:
    text = EXAMPLE.replace('url = ""', f'url = "{url}"', 1)
    [problem] = problems(tmp_path, text)
    assert problem.startswith("database.url: ")
    assert wrong in problem


@pytest.mark.parametrize(
    "url", ["sqlite:///data/bot.sqlite3", "postgresql+psycopg://bot@db.gemeente.nl:5432/bot"]
)
def test_a_database_url_without_a_password_is_taken(tmp_path: Path, url: str) -> None:
    text = EXAMPLE.replace('url = ""', f'url = "{url}"', 1)
    assert load_config(write(tmp_path, text)).database.url == url


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (('address = "je"', 'address = "jij"'), "municipality.address"),
        (('fallback_theme = "anders"', 'fallback_theme = "overig"'), "intake.fallback_theme"),
        (('reopen_window = "14 days"', 'reopen_window = "twee weken"'), "cases.reopen_window"),
        (('source = "Gemeente Goeree-Overflakkee, het loket"', 'source = ""'), "faq[2].source"),
    ],
)
def test_the_settings_of_the_conversation_are_checked(
    tmp_path: Path, change: tuple[str, str], key: str
) -> None:
    text = EXAMPLE.replace(*change, 1)
    [problem] = problems(tmp_path, text)
    assert problem.startswith(f"{key}: ")


def test_the_fallback_theme_is_the_one_named_or_else_the_last(tmp_path: Path) -> None:
    named = load_config(
        write(tmp_path, EXAMPLE.replace('fallback_theme = "anders"', 'fallback_theme = "groen"'))
    )
    assert named.fallback_theme() == "groen"
    unnamed = load_config(
        write(tmp_path, EXAMPLE.replace('fallback_theme = "anders"', 'fallback_theme = ""'))
    )
    assert unnamed.fallback_theme() == unnamed.themes[-1].key == "anders"
