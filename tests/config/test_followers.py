"""Followers in the config (issue 20, point 5): what check-config takes and refuses."""

from pathlib import Path

import pytest

from bot.config.settings import Follower, load_config
from tests.configs import example, problems, set_key

pytestmark = pytest.mark.pure

FOLLOWER = """[[followers]]
name = "Dorpsraad Ouddorp"
areas = ["ouddorp"]
chats = ["console:dorpsraad-ouddorp"]
language = "nl"
"""


def with_followers(*entries: str) -> str:
    """The example with these `[[followers]]` entries in place of its own."""
    text = example()
    assert FOLLOWER in text, "the example's follower is not as this test has it"
    return text.replace(FOLLOWER, "\n".join(entries))


def follower(name: str = "Dorpsraad Ouddorp", areas: str = '"ouddorp"', chats: str = "") -> str:
    chats = chats or '"telegram:-1001234567890"'
    return f'[[followers]]\nname = "{name}"\nareas = [{areas}]\nchats = [{chats}]\n'


def test_the_example_has_a_follower_of_its_first_area() -> None:
    config = load_config(Path(__file__).resolve().parents[2] / "config.example.toml")
    assert config.followers == [
        Follower(
            name="Dorpsraad Ouddorp",
            areas=("ouddorp",),
            chats=("console:dorpsraad-ouddorp",),
            language="nl",
        )
    ]
    assert (config.schedule.followers_day, config.schedule.followers_at) == ("mon", "09:00")


def test_a_follower_of_several_areas_in_several_chats_is_taken(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    chats = '"telegram:-1001234567890", "matrix:#dorpsraad:gemeente.nl"'
    path.write_text(with_followers(follower(areas='"ouddorp", "goedereede"', chats=chats)))
    [found] = load_config(path).followers
    assert found.areas == ("ouddorp", "goedereede")
    assert found.chats == ("telegram:-1001234567890", "matrix:#dorpsraad:gemeente.nl")


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        (
            [follower(areas='"ouddorp", "atlantis"')],
            ["followers[1].areas[2]: unknown area 'atlantis'"],
        ),
        ([follower(areas='"ouddorp", "ouddorp"')], ["followers[1].areas[2]: 'ouddorp' is listed"]),
        (
            [follower(), follower(name="dorpsraad ouddorp", chats='"telegram:-100987"')],
            ["followers[2].name: also the name of followers[1]"],
        ),
        (
            [follower(chats='"telegram:-100987", "telegram:-100987"')],
            ["followers[1].chats[2]: 'telegram:-100987' is listed twice"],
        ),
        (
            [follower(), follower(name="Wijkteam", chats='"telegram:-1001234567890"')],
            [
                "followers[2].chats[1]: telegram:-1001234567890 is also the chat of "
                "followers[1]; give each its own",
            ],
        ),
        (
            [follower(chats='"console:team-west"')],
            [
                "followers[1].chats[1]: console:team-west is also the chat of team 'west'; "
                "give each its own"
            ],
        ),
        ([follower(areas="")], ["followers[1].areas: Tuple should have at least 1 item"]),
        (
            [follower(chats='"dorpsraad"')],  # no channel: pydantic says so, and more
            [
                "followers[1].chats[1]: String should match pattern",
                "followers[1].chats: Tuple should have at least 1 item",
            ],
        ),
    ],
    ids=[
        "unknown area",
        "area twice",
        "name twice",
        "chat twice",
        "chat shared",
        "team chat",
        "no areas",
        "no channel",
    ],
)
def test_what_check_config_refuses_of_followers(
    tmp_path: Path, entries: list[str], expected: list[str]
) -> None:
    found = problems(tmp_path, with_followers(*entries))
    assert len(found) == len(expected), found
    for problem, start in zip(found, expected, strict=True):
        assert problem.startswith(start), found


@pytest.mark.parametrize(
    ("chat", "wrong"),
    [
        ("telegram:123456789", "is a person's private chat"),
        ("matrix:@anna:gemeente.nl", "is a person"),
        ("console:anna", "is a person's private chat"),
        ("console:coordinator", "is a person's private chat"),
    ],
)
def test_a_private_chat_is_no_followers_chat(tmp_path: Path, chat: str, wrong: str) -> None:
    [problem] = problems(tmp_path, with_followers(follower(chats=f'"{chat}"')))
    assert problem.startswith(f"followers[1].chats[1]: {chat} {wrong}")


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("followers_day", '"maandag"', "schedule.followers_day: Input should be 'mon'"),
        ("followers_at", '"9 uur"', "schedule.followers_at: Value error, must be a time"),
    ],
)
def test_the_week_day_and_time_are_checked(
    tmp_path: Path, key: str, value: str, expected: str
) -> None:
    [problem] = problems(tmp_path, set_key(example(), "[schedule]", key, value))
    assert problem.startswith(expected), problem
