"""What `check-config` refuses since issue 19: a file that is no UTF-8, a database URL
the bot cannot use, team chats that are private or shared; and how it says so: every
problem, entries counted from 1, a misspelt key with the key it probably meant."""

from pathlib import Path

import pytest

from bot.cli.main import main
from bot.config.flows import load_flow
from bot.config.settings import ConfigError, database_url, load_config
from tests.configs import problems
from tests.conftest import EXAMPLE_CONFIG

pytestmark = pytest.mark.pure

EXAMPLE = EXAMPLE_CONFIG.read_text(encoding="utf-8")
WEST = 'notify = ["console:team-west"]'


def test_a_file_that_is_no_utf8_is_named_with_the_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = EXAMPLE.encode("utf-8").replace(b'name = "Goeree-Overflakkee"', b'name = "Gem\xebnte"')
    path = tmp_path / "config.toml"
    path.write_bytes(data)
    assert main(["check-config", str(path)]) == 2
    err = capsys.readouterr().err
    offset = data.index(b"\xeb")
    line = data[:offset].count(b"\n") + 1
    assert err == (
        f"{path}: not UTF-8 text: byte 0xeb at offset {offset} (line {line}); "
        "save the file as UTF-8\n"
    )


def test_a_flow_file_that_is_no_utf8_is_named_too(tmp_path: Path) -> None:
    flow = tmp_path / "flow.toml"
    flow.write_bytes(b"version = 1\n# caf\xe9\n")
    with pytest.raises(ConfigError) as caught:
        load_config_and_flow(tmp_path, flow)
    [problem] = caught.value.problems
    assert problem.startswith(
        f"intake.flow: {flow}: not UTF-8 text: byte 0xe9 at offset 17 (line 2)"
    )


def load_config_and_flow(tmp_path: Path, flow: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(EXAMPLE.replace('flow = ""', f'flow = "{flow}"'), encoding="utf-8")
    load_flow(load_config(path).intake.flow)


@pytest.mark.parametrize(
    ("url", "usable"),
    [
        ("postgres://bot@db.gemeente.nl/bot", "postgresql+psycopg://bot@db.gemeente.nl/bot"),
        (
            "postgresql://bot@db.gemeente.nl:5432/bot",
            "postgresql+psycopg://bot@db.gemeente.nl:5432/bot",
        ),
        ("postgresql+psycopg://bot@db/bot", "postgresql+psycopg://bot@db/bot"),
        ("sqlite:///data/bot.sqlite3", "sqlite:///data/bot.sqlite3"),
    ],
)
def test_database_urls_as_people_write_them_are_taken(
    tmp_path: Path, url: str, usable: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(EXAMPLE.replace('url = ""', f'url = "{url}"', 1), encoding="utf-8")
    config = load_config(path)
    assert database_url(config, {}) == usable
    assert database_url(config, {"INITIATIEFBOT_DATABASE_URL": url}) == usable


GARBAGE_URLS = [
    ("mysql://bot@db/bot", "names a database this bot cannot use (mysql://)"),
    ("postgresql+psycopg2://bot@db/bot", "cannot use (postgresql+psycopg2://)"),
    ("postgresql://bot@db:vijf/bot", "port that cannot be read"),
    ("postgresql://bot@[::1/bot", "port that cannot be read"),
    ("postgresql://bot@db:/bot", "':' without a port number"),
    ("sqlite://data/bot.sqlite3", "an SQLite URL names no server"),
    ("dit is geen url", "is not a database URL"),
]


@pytest.mark.parametrize(("url", "wrong"), GARBAGE_URLS)
def test_a_database_url_the_bot_cannot_use_is_refused_in_the_file(
    tmp_path: Path, url: str, wrong: str
) -> None:
    [problem] = problems(tmp_path, EXAMPLE.replace('url = ""', f'url = "{url}"', 1))
    assert problem.startswith("database.url: ")
    assert wrong in problem


@pytest.mark.parametrize(("url", "wrong"), GARBAGE_URLS)
def test_a_database_url_the_bot_cannot_use_is_refused_in_the_environment(
    url: str, wrong: str
) -> None:
    config = load_config(EXAMPLE_CONFIG)
    with pytest.raises(ConfigError) as caught:
        database_url(config, {"INITIATIEFBOT_DATABASE_URL": url + "?password=geheim"})
    [problem] = caught.value.problems
    assert problem.startswith("INITIATIEFBOT_DATABASE_URL: ")
    assert wrong in problem
    assert "geheim" not in problem


def test_two_teams_sharing_a_chat_are_refused(tmp_path: Path) -> None:
    text = EXAMPLE.replace('notify = ["console:team-midden"]', WEST)
    [problem] = problems(tmp_path, text)
    assert problem.startswith(
        "teams[2].notify[1]: console:team-west is also the chat of team 'west'; give each its own"
    )


@pytest.mark.parametrize(
    ("chat", "wrong"),
    [
        ("telegram:123456789", "is a person's private chat"),
        ("telegram:team-west", "is not a Telegram group's id"),
        ("matrix:@anna:gemeente.nl", "is a person"),
        ("matrix:team-west", "is not a room"),
        ("console:anna", "is a person's private chat"),  # a contact's own chat
        ("console:coordinator", "is a person's private chat"),
        ("console:bewoner", "is a person's private chat"),  # the console's resident
    ],
)
def test_a_private_chat_is_no_team_chat(tmp_path: Path, chat: str, wrong: str) -> None:
    [problem] = problems(tmp_path, EXAMPLE.replace(WEST, f'notify = ["{chat}"]'))
    assert problem.startswith(f"teams[1].notify[1]: {chat} {wrong}")


@pytest.mark.parametrize(
    "chat", ["telegram:-1001234567890", "matrix:!abcdef:gemeente.nl", "matrix:#west:gemeente.nl"]
)
def test_group_chats_are_team_chats(tmp_path: Path, chat: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(EXAMPLE.replace(WEST, f'notify = ["{chat}"]'), encoding="utf-8")
    assert load_config(path).teams[0].notify == (chat,)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("[console]", "[consol]"), "consol: unknown key; did you mean 'console'?"),
        (
            ("keep_unfinished_days = 7", "keep_unfinshed_days = 7"),
            "intake.keep_unfinshed_days: unknown key; did you mean 'keep_unfinished_days'?",
        ),
        (
            ('postcodes = ["3251"]', 'postcode = ["3251"]'),
            "areas[3].postcode: unknown key; did you mean 'postcodes'?",
        ),
        (
            ('members = [{ account = "console:anna"', 'members = [{ acount = "console:anna"'),
            "teams[1].members[1].acount: unknown key; did you mean 'account'?",
        ),
        (
            ("privacy_version", "zzz"),
            "municipality.zzz: unknown key; known keys here: name, privacy_url, privacy_version",
        ),
    ],
)
def test_a_misspelt_key_is_named_with_the_one_meant(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    found = problems(tmp_path, EXAMPLE.replace(*change, 1))
    assert any(problem.startswith(expected) for problem in found), found


def test_every_problem_at_once_with_entries_counted_from_one(tmp_path: Path) -> None:
    text = (
        EXAMPLE.replace('notify = ["console:team-midden"]', WEST)
        .replace('notify = ["console:team-oost"]', 'notify = ["telegram:42"]')
        .replace('team = "oost"', 'team = "noord"')
    )
    found = problems(tmp_path, text)
    assert [problem.split(":")[0] for problem in found] == [
        "routes[4].team",
        "teams[2].notify[1]",
        "teams[3].notify[1]",
    ], found


def test_a_misspelt_key_in_the_flow_is_named_with_the_one_meant(tmp_path: Path) -> None:
    shipped = Path(__file__).resolve().parents[2] / "bot" / "config" / "data" / "intake.toml"
    flow = tmp_path / "flow.toml"
    text = shipped.read_text(encoding="utf-8").replace("max_length = 80", "max_lenght = 80", 1)
    flow.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_flow(str(flow))
    [problem] = caught.value.problems
    assert problem.startswith(
        f"intake.flow: {flow}: steps[2].max_lenght: unknown key; did you mean 'max_length'? (line "
    )
