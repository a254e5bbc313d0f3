"""What chat platforms bring besides text, through the real service on SQLite and PostgreSQL:
/chatid, unconfigured groups, contacts replying to the bot, photos, the app's language, and
a platform asking the dispatcher to wait."""

import asyncio
import csv
import io
import itertools
import json
from dataclasses import dataclass, replace
from datetime import timedelta

from sqlalchemy import func, select

from bot.cli import admin
from bot.cli.export import as_csv, records
from bot.config.names import Names
from bot.config.settings import OutboxSettings
from bot.inbox.service import Inbox
from bot.intake.state import Setting
from bot.messages import Handled, Incoming, Outgoing, Photo, SendLater
from bot.outbox.dispatch import Dispatcher
from storage import conversations, queries
from storage.db import Database
from storage.models import Conversation, Initiative, OutboxMessage
from tests.intake.chatting import DUTCH_INTAKE
from tests.outbox.harness import START, Clock, write
from tests.platform import RecordingPlatform
from tests.town import Clock as ServiceClock
from tests.town import Town

_event_ids = itertools.count(1)


def send(
    town: Town,
    sender: str,
    text: str = "",
    chat: str = "",
    *,
    payload: str = "",
    language: str = "",
    group: bool = False,
    replied_text: str = "",
    photo: Photo | None = None,
) -> Handled:
    """`sender` (a console id) sends a message with the platform's extra fields."""
    incoming = Incoming(
        "console",
        chat or sender,
        sender,
        f"p{next(_event_ids)}",
        text,
        payload,
        language=language,
        group=group,
        replied_text=replied_text,
        photo=photo,
    )
    return town.service.handle(incoming)


def outbox_count(db: Database) -> int:
    with db.transaction() as session:
        return session.scalar(select(func.count()).select_from(OutboxMessage)) or 0


def conversation_count(db: Database) -> int:
    with db.transaction() as session:
        return session.scalar(select(func.count()).select_from(Conversation)) or 0


def answered(town: Town, chat: str, before: int) -> str:
    """Everything written to `chat` after its first `before` messages, as one text."""
    return "\n".join(town.inbox(chat)[before:])


def conversation_state(db: Database, sender: str) -> dict[str, object]:
    with db.transaction() as session:
        row = conversations.find(session, "console", sender, sender)
        assert row is not None
        return dict(row.state)


# /chatid and unconfigured groups


def test_chatid_in_a_private_chat_names_the_chat_and_the_account(town: Town) -> None:
    assert send(town, "piet", "/chatid").accepted
    assert town.last("piet") == (
        "Deze chat: console:piet\n"
        "Jouw account: console:piet\n"
        "Zet deze in het configuratiebestand: bij de chats en leden van een team."
    )
    assert conversation_count(town.db) == 0  # nothing of an intake was begun


def test_chatid_in_an_unconfigured_group_is_answered(town: Town) -> None:
    handled = send(town, "piet", "/chatid@initiatief_test_bot", chat="dorpsraad", group=True)
    assert handled.accepted
    [answer] = town.inbox("dorpsraad")
    assert "Deze chat: console:dorpsraad" in answer
    assert "Jouw account: console:piet" in answer
    assert town.inbox("piet") == []


def test_chatid_in_a_team_chat_is_answered(town: Town) -> None:
    assert send(town, "anna", "chatid", chat="team-west", group=True).accepted
    answer = town.last("team-west")
    assert "Deze chat: console:team-west" in answer
    assert "Jouw account: console:anna" in answer


def test_chatid_during_an_intake_leaves_the_intake_as_it_was(town: Town) -> None:
    for text in ["start", *DUTCH_INTAKE[:2]]:
        send(town, "piet", text)
    before = conversation_state(town.db, "piet")
    send(town, "piet", "/chatid")
    assert "Deze chat: console:piet" in town.last("piet")
    assert conversation_state(town.db, "piet") == before


def test_anything_else_in_an_unconfigured_group_is_ignored(town: Town) -> None:
    reference = town.submit("bewoner")
    rows = outbox_count(town.db)
    talks = conversation_count(town.db)
    for sender, text, payload in [
        ("piet", "start", ""),
        ("piet", "Hallo allemaal", ""),
        ("piet", "help", ""),
        ("anna", f"oppakken {reference}", ""),  # even a contact's command
        ("anna", "", f"claim:{reference}"),
        ("piet", "", "chat:opened"),
    ]:
        handled = send(town, sender, text, chat="dorpsraad", payload=payload, group=True)
        assert handled == Handled(accepted=False)
    assert outbox_count(town.db) == rows
    assert conversation_count(town.db) == talks
    with town.db.transaction() as session:
        assert conversations.find(session, "console", "dorpsraad", "piet") is None
    assert town.initiative(reference).status == "submitted"


# A contact replying to the bot's message


def claimed_by_anna(town: Town) -> tuple[str, str]:
    """An initiative of "bewoner" taken up by Anna; its reference and its notification."""
    reference = town.submit("bewoner")
    notification = town.inbox("team-west")[0]
    assert reference in notification
    assert send(town, "anna", chat="team-west", payload=f"claim:{reference}", group=True).accepted
    return reference, notification


def test_a_contact_replying_in_the_team_chat_writes_to_the_resident(town: Town) -> None:
    reference, notification = claimed_by_anna(town)
    handled = send(
        town,
        "anna",
        "We komen dinsdag even kijken.",
        chat="team-west",
        group=True,
        replied_text=notification,
    )
    assert handled.accepted
    to_resident = town.last("bewoner")
    assert f"Bericht van Anna (Kernteam West) over je initiatief {reference}" in to_resident
    assert "We komen dinsdag even kijken." in to_resident
    assert reference in town.last("team-west")
    assert town.trail(reference)[-1] == (
        "relayed_to_resident",
        "console:anna",
        {"text": "We komen dinsdag even kijken."},
    )


def test_a_contact_replying_privately_writes_to_the_resident(town: Town) -> None:
    reference, _ = claimed_by_anna(town)
    details = town.last("anna")  # the contact details sent to Anna privately
    assert reference in details
    assert send(town, "anna", "Ik bel je morgen.", replied_text=details).accepted
    assert "Ik bel je morgen." in town.last("bewoner")
    assert town.trail(reference)[-1][0] == "relayed_to_resident"


def test_a_reply_without_a_reference_in_a_team_chat_is_ignored(town: Town) -> None:
    reference, _ = claimed_by_anna(town)
    rows = outbox_count(town.db)
    trail = town.trail(reference)
    handled = send(
        town,
        "anna",
        "Klopt, goed idee!",
        chat="team-west",
        group=True,
        replied_text="Anna heeft het opgepakt.",
    )
    assert handled == Handled(accepted=False)
    assert outbox_count(town.db) == rows
    assert town.trail(reference) == trail


def test_a_reply_about_an_initiative_not_taken_up_is_refused(town: Town) -> None:
    reference = town.submit("bewoner")
    notification = town.last("team-west")
    handled = send(town, "anna", "Hoi!", chat="team-west", group=True, replied_text=notification)
    assert not handled.accepted
    assert not any("Hoi!" in text for text in town.inbox("bewoner"))
    assert [kind for kind, _, _ in town.trail(reference)] == ["submitted", "routed"]


def test_a_resident_replying_to_a_message_with_a_reference_is_no_contact(town: Town) -> None:
    reference, _ = claimed_by_anna(town)
    receipt = next(text for text in town.inbox("bewoner") if reference in text)
    send(town, "bewoner", "Dank je wel!", replied_text=receipt)
    # Free text from the resident goes to the contact, not back to the resident.
    assert "Dank je wel!" in town.last("anna")
    assert town.trail(reference)[-1][0] == "relayed_to_contact"


def test_a_reply_to_the_open_list_is_sent_to_no_resident(town: Town) -> None:
    first = town.submit("bewoner1")
    second = town.submit("bewoner2")
    for reference in (first, second):
        send(town, "anna", chat="team-west", payload=f"claim:{reference}", group=True)
    send(town, "anna", "open", chat="team-west", group=True)
    listing = town.last("team-west")
    assert first in listing
    assert second in listing
    send(
        town,
        "anna",
        "Ik bel jullie morgen allebei.",
        chat="team-west",
        group=True,
        replied_text=listing,
    )
    # The list is about two initiatives: the text must not go to either resident.
    assert not any("Ik bel jullie" in text for text in town.inbox("bewoner1"))
    assert not any("Ik bel jullie" in text for text in town.inbox("bewoner2"))


def test_a_reply_to_a_usage_hint_is_sent_to_no_resident(town: Town) -> None:
    reference, _ = claimed_by_anna(town)
    assert reference == "2026-0001"  # the same as the example in the usage hint
    send(town, "anna", "oppakken")
    hint = town.last("anna")
    assert "bijvoorbeeld" in hint
    send(town, "anna", "Bedankt, nu snap ik het.", replied_text=hint)
    assert not any("Bedankt" in text for text in town.inbox("bewoner"))
    assert town.trail(reference)[-1][0] == "claimed"


def test_a_reply_starting_with_a_command_word_still_reaches_the_resident(town: Town) -> None:
    reference, notification = claimed_by_anna(town)
    text = "Bericht ontvangen, ik bel je morgen."
    send(town, "anna", text, chat="team-west", group=True, replied_text=notification)
    assert text in town.last("bewoner")
    assert town.trail(reference)[-1] == ("relayed_to_resident", "console:anna", {"text": text})


def test_someone_outside_the_team_replying_in_its_chat_is_ignored(town: Town) -> None:
    reference = town.submit("bewoner")
    notification = town.last("team-west")
    rows = outbox_count(town.db)
    handled = send(
        town, "buurman", "Leuk idee!", chat="team-west", group=True, replied_text=notification
    )
    # Chatter in a team chat is ignored, as it is without the reply (test_desk.py).
    assert handled == Handled(accepted=False)
    assert outbox_count(town.db) == rows
    assert town.initiative(reference).status == "submitted"


# Photos


def submit_with_photos(town: Town, resident: str, photos: list[Photo]) -> str:
    send(town, resident, "start")
    send(town, resident, DUTCH_INTAKE[0])
    for photo in photos:
        assert send(town, resident, photo=photo).accepted
    for text in [*DUTCH_INTAKE[1:], "ja"]:
        send(town, resident, text)
    with town.db.transaction() as session:
        initiative = session.scalars(
            select(Initiative).where(Initiative.sender_id == resident)
        ).one()
        return initiative.reference


def test_photos_of_an_intake_are_stored_with_the_initiative(town: Town) -> None:
    photos = [Photo("tg-AAA", "/data/photos/tg-AAA.jpg"), Photo("tg-BBB")]
    reference = submit_with_photos(town, "bewoner", photos)
    assert "Foto toegevoegd (2 van hoogstens 5)." in "\n".join(town.inbox("bewoner"))
    assert town.initiative(reference).photos == [
        {"file_id": "tg-AAA", "path": "/data/photos/tg-AAA.jpg"},
        {"file_id": "tg-BBB", "path": ""},
    ]
    assert conversation_state(town.db, "bewoner")["photos"] == []


def test_the_export_counts_the_photos(town: Town, names: Names) -> None:
    photos = [Photo("tg-file-A", "/data/photos/tg-file-A.jpg"), Photo("tg-file-B")]
    with_photos = submit_with_photos(town, "bewoner", photos)
    without = town.submit("buurman")
    out = io.StringIO()
    admin.export(town.db, names, "json", None, out, io.StringIO())
    exported = {row["reference"]: row for row in json.loads(out.getvalue())}
    assert exported[with_photos]["photos"] == 2
    assert exported[without]["photos"] == 0
    # No file ids or paths in the export: a count only.
    assert "tg-file-A" not in out.getvalue()

    with town.db.transaction() as session:
        rows = records(names, queries.all_initiatives(session), queries.trails(session))
    by_reference = {row["reference"]: row for row in csv.DictReader(io.StringIO(as_csv(rows)))}
    assert by_reference[with_photos]["photos"] == "2"
    assert by_reference[without]["photos"] == "0"


# The app's language


def test_the_apps_language_is_followed_until_one_is_chosen(town: Town) -> None:
    send(town, "tom", "start", language="en")
    assert "Welcome! Let's send in your idea together." in answered(town, "tom", 0)
    assert "Do you agree?" in town.last("tom")
    send(town, "tom", "stop", language="en-GB")
    assert town.last("tom").startswith("Stopped.")
    send(town, "tom", "taal", language="en")
    assert town.last("tom").startswith("Ik praat nu Nederlands met je.")
    seen = len(town.inbox("tom"))
    send(town, "tom", "start", language="en")
    assert "Welkom! We sturen je idee samen in." in answered(town, "tom", seen)
    assert "Ga je daarmee akkoord?" in town.last("tom")
    state = conversation_state(town.db, "tom")
    assert (state["locale"], state["locale_chosen"]) == ("nl", True)


def test_a_dutch_app_gets_dutch_even_where_the_default_would_differ(
    db: Database, names: Names, setting: Setting
) -> None:
    english_by_default = replace(setting, default_locale="en")
    town = Town(db, Inbox(db, names, english_by_default, ServiceClock()))
    send(town, "tom", "start")
    assert "Do you agree?" in town.last("tom")
    send(town, "lies", "start", language="nl")
    assert "Ga je daarmee akkoord?" in town.last("lies")


# A platform asking to wait


def states(db: Database) -> list[tuple[str, str, int]]:
    with db.transaction() as session:
        rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        return [(row.payload["text"], row.state, row.attempts) for row in rows]


@dataclass
class FloodControlled(RecordingPlatform):
    """Asks to wait `retry_after` seconds the first `waits` times a chat in `slow` is sent to."""

    slow: str = "anna"
    waits: int = 1
    retry_after: float = 30.0

    async def send(self, message: Outgoing) -> None:
        if message.chat_id == self.slow and self.waits > 0:
            self.waits -= 1
            self.tries += 1
            raise SendLater(self.retry_after)
        await super().send(message)


def next_tries(db: Database) -> list[tuple[str, object]]:
    with db.transaction() as session:
        rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        return [(row.payload["text"], row.next_try_at) for row in rows]


def last_errors(db: Database) -> list[str | None]:
    with db.transaction() as session:
        rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        return [row.last_error for row in rows]


def test_a_platform_asking_to_wait_is_honoured_without_counting_a_try(db: Database) -> None:
    platform, clock = FloodControlled(), Clock()
    write(db, "anna", "a1", "a2")
    write(db, "bram", "b1")
    write(db, "anna", "a3")
    settings = OutboxSettings(max_attempts=3, first_retry_seconds=10, max_retry_seconds=60)
    sender = Dispatcher(db, {platform.channel: platform}, settings, clock, jitter=lambda: 0.0)

    assert asyncio.run(sender.dispatch_due()) == 1
    assert platform.texts("bram") == ["b1"]  # another chat is not held up
    assert platform.texts("anna") == []  # a2 and a3 wait behind a1
    assert states(db) == [
        ("a1", "pending", 0),  # not counted as a failed try
        ("a2", "pending", 0),
        ("b1", "sent", 0),
        ("a3", "pending", 0),
    ]
    # Held back in memory: nothing was written for the wait.
    assert {at for _, at in next_tries(db)} == {START}
    assert last_errors(db)[0] is None

    clock.now = START + timedelta(seconds=29)
    assert asyncio.run(sender.dispatch_due()) == 0
    assert platform.texts("anna") == []

    clock.now = START + timedelta(seconds=30)
    assert asyncio.run(sender.dispatch_due()) == 3
    assert platform.texts("anna") == ["a1", "a2", "a3"]
    assert {state for _, state, _ in states(db)} == {"sent"}
    assert platform.tries == 5  # four messages, one of them asked to wait once


def test_waiting_more_often_than_the_tries_allowed_never_parks_a_message(db: Database) -> None:
    platform, clock = FloodControlled(waits=5, retry_after=2.5), Clock()
    write(db, "anna", "a1")
    settings = OutboxSettings(max_attempts=2, first_retry_seconds=10, max_retry_seconds=60)
    sender = Dispatcher(db, {platform.channel: platform}, settings, clock, jitter=lambda: 0.0)
    for _ in range(5):
        assert asyncio.run(sender.dispatch_due()) == 0
        assert states(db) == [("a1", "pending", 0)]
        clock.now += timedelta(seconds=2.4)
        assert asyncio.run(sender.dispatch_due()) == 0  # still waiting: not tried
        clock.now += timedelta(seconds=0.1)
    assert platform.tries == 5
    assert asyncio.run(sender.dispatch_due()) == 1
    assert platform.texts("anna") == ["a1"]
    assert states(db) == [("a1", "sent", 0)]


def test_a_real_failure_after_a_wait_still_counts(db: Database) -> None:
    @dataclass
    class WaitsThenFails(FloodControlled):
        async def send(self, message: Outgoing) -> None:
            if self.waits == 0:
                self.failing_chats.add(self.slow)
            await super().send(message)

    platform, clock = WaitsThenFails(), Clock()
    write(db, "anna", "a1")
    settings = OutboxSettings(max_attempts=3, first_retry_seconds=10, max_retry_seconds=60)
    sender = Dispatcher(db, {platform.channel: platform}, settings, clock, jitter=lambda: 0.0)
    asyncio.run(sender.dispatch_due())
    assert states(db) == [("a1", "pending", 0)]
    clock.now += timedelta(seconds=30)
    asyncio.run(sender.dispatch_due())
    assert states(db) == [("a1", "pending", 1)]
    assert "PlatformDown" in (last_errors(db)[0] or "")
