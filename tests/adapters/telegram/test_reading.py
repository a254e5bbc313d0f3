"""What the bot hears of a Telegram message, in a private chat and in a group."""

from typing import Any

import pytest
from telegram import Message

from adapters.telegram.reading import Me, from_message
from bot.messages import OPENED, START_PREFIX, UNREADABLE, Location

ME = Me(1000, "initiatief_test_bot")
RESIDENT = {"id": 42, "is_bot": False, "first_name": "Bewoner", "language_code": "en-GB"}
PRIVATE = {"id": 42, "type": "private", "first_name": "Bewoner"}
GROUP = {"id": -1001, "type": "supergroup", "title": "Kernteam West"}
BOT_USER = {"id": 1000, "is_bot": True, "first_name": "Initiatiefbot"}


def message(chat: dict[str, Any] = PRIVATE, **fields: Any) -> Message:
    data = {"message_id": 7, "date": 1_763_900_000, "chat": chat, "from": RESIDENT, **fields}
    parsed = Message.de_json(data, None)
    assert parsed is not None
    return parsed


def test_private_text_is_heard_with_the_app_language() -> None:
    heard = from_message(message(text="Bankje bij de haven"), ME, "1000:5", None)
    assert heard is not None
    assert (heard.chat_id, heard.sender_id, heard.text) == ("42", "42", "Bankje bij de haven")
    assert (heard.language, heard.group, heard.event_id) == ("en-GB", False, "1000:5")


@pytest.mark.parametrize(
    ("text", "payload"),
    [("/start", OPENED), ("/start ouddorp", START_PREFIX + "ouddorp")],
)
def test_start_opens_the_chat_or_follows_the_link(text: str, payload: str) -> None:
    heard = from_message(message(text=text), ME, "e", None)
    assert heard is not None
    assert (heard.text, heard.payload) == ("", payload)


def test_in_a_group_only_commands_and_replies_to_the_bot_are_heard() -> None:
    assert from_message(message(GROUP, text="Goedemorgen allemaal"), ME, "e", None) is None
    command = from_message(
        message(GROUP, text="/oppakken@initiatief_test_bot 2026-0001"), ME, "e", None
    )
    assert command is not None
    assert (command.text, command.group) == ("/oppakken 2026-0001", True)
    assert from_message(message(GROUP, text="/start@another_bot"), ME, "e", None) is None
    ours = {"message_id": 3, "date": 1, "chat": GROUP, "from": BOT_USER, "text": "2026-0001 Bankje"}
    reply = from_message(message(GROUP, text="Ik bel je", reply_to_message=ours), ME, "e", None)
    assert reply is not None
    assert (reply.text, reply.replied_text) == ("Ik bel je", "2026-0001 Bankje")
    theirs = {**ours, "from": RESIDENT}
    assert from_message(message(GROUP, text="ja", reply_to_message=theirs), ME, "e", None) is None


def test_a_location_and_what_the_bot_cannot_read() -> None:
    shared = from_message(message(location={"latitude": 51.81, "longitude": 3.93}), ME, "e", None)
    assert shared is not None
    assert shared.location == Location(51.81, 3.93)
    sticker = {
        "file_id": "s1",
        "file_unique_id": "u1",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }
    heard = from_message(message(sticker=sticker), ME, "e", None)
    assert heard is not None
    assert heard.payload == UNREADABLE


def test_service_messages_and_other_bots_are_not_heard() -> None:
    joined = message(GROUP, new_chat_members=[RESIDENT])
    assert from_message(joined, ME, "e", None) is None
    assert from_message(message(text="hoi", **{"from": BOT_USER}), ME, "e", None) is None
