"""The example config, changed for a test: a key set, a member and a chat added to team West."""

from pathlib import Path

import pytest

from bot.config.settings import ConfigError, load_config
from tests.conftest import EXAMPLE_CONFIG

WEST_MEMBERS = 'members = [{ account = "console:anna", name = "Anna" }]'
WEST_NOTIFY = 'notify = ["console:team-west"]'


def example() -> str:
    return EXAMPLE_CONFIG.read_text(encoding="utf-8")


def set_key(text: str, section: str, key: str, value: str) -> str:
    """Set `key` in `section` of a TOML text (a raw TOML value), adding it if missing."""
    head, found, tail = text.partition(section + "\n")
    assert found, section
    lines = tail.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("["):
            break
        if line.split("=")[0].strip() == key:
            lines[index] = f"{key} = {value}"
            return head + found + "\n".join(lines)
    return head + found + f"{key} = {value}\n" + tail


def on_a_platform(text: str) -> str:
    """The example config for a Telegram or Matrix test: its return day does not invite
    the dorpsraad's console chat, which no platform adapter can reach (its message
    would wait in the outbox for good, where the tests read every row)."""
    invited = 'followers = ["Dorpsraad Ouddorp"]\nsignup = true'
    assert invited in text, "the example's return day is not as these tests know it"
    return text.replace(invited, "followers = []\nsignup = true")


def without_return_days(text: str) -> str:
    """The example config without its return days: tests of something else count the
    messages each person gets, and a day "for all" invites every new initiator."""
    start, end = text.index("\n[[return_days]]\n"), text.index("\n[routing]\n")
    return text[:start] + text[end:]


def without_similar(text: str) -> str:
    """The example config showing no similar initiatives: a crowd of residents hands in
    the same idea at once, and the tests of the machinery count every message."""
    return set_key(text, "[similar]", "enabled", "false")


def with_west_contact(text: str, account: str, chat: str) -> str:
    """Anna also on another platform (`account`), and team West's chat there too."""
    members = WEST_MEMBERS.replace("]", f', {{ account = "{account}", name = "Anna" }}]')
    notify = WEST_NOTIFY.replace("]", f', "{chat}"]')
    changed = text.replace(f"{WEST_MEMBERS}\n{WEST_NOTIFY}", f"{members}\n{notify}")
    assert changed != text, "team West is not as the example has it"
    return changed


def problems(tmp_path: Path, text: str) -> tuple[str, ...]:
    """What loading `text` as a config file reports, every problem at once."""
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    return caught.value.problems
