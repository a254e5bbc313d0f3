"""The Matrix rooms the bot joins at start: every team's, and every follower's, since
the bot cannot write the weekly message into a room it is not in."""

from pathlib import Path

from bot.config.settings import MATRIX_PASSWORD_ENV, load_config
from bot.platforms import matrix_options
from tests.configs import example


def test_the_followers_rooms_are_joined_like_the_teams(tmp_path: Path) -> None:
    text = example().replace(
        'chats = ["console:dorpsraad-ouddorp"]',
        'chats = ["console:dorpsraad-ouddorp", "matrix:!dorpsraad:gemeente.nl"]',
    )
    text = text.replace(
        'notify = ["console:team-west"]',
        'notify = ["console:team-west", "matrix:#team-west:gemeente.nl"]',
    )
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    options = matrix_options(load_config(path), {MATRIX_PASSWORD_ENV: "secret"})
    assert options.team_rooms == ("!dorpsraad:gemeente.nl", "#team-west:gemeente.nl")
