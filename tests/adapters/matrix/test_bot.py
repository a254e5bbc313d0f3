"""The bot on Matrix against a real Synapse: residents in (encrypted) direct chats,
a team room, a contact who claims, restarts and an outage of the homeserver."""

import asyncio
import re
import sqlite3
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from nio import DownloadError
from nio.crypto.attachments import decrypt_attachment
from sqlalchemy import select

from adapters.matrix.adapter import SHARED_CHAT, MatrixAdapter
from adapters.matrix.options import MatrixOptions
from bot.app import open_database
from bot.config.settings import MATRIX_ACCESS_TOKEN_ENV, load_config
from bot.messages import Attachment, Handled, Incoming, Outgoing, SendLater
from bot.notices import Reply
from bot.outbox.rows import to_payload
from storage import queries
from storage.db import SQLITE_BUSY_TIMEOUT_MS
from storage.models import OutboxMessage
from tests.adapters.matrix.bot_harness import (
    Scene,
    matrix_config,
    running_bot,
    running_program,
    saved_device,
    scene,
)
from tests.adapters.matrix.people import Person
from tests.adapters.matrix.synapse import Account, Synapse
from tests.exported import exported

# Each answer, and the start of the question that follows it.
INTAKE = [
    ("ja", "Wat is je idee?"),
    ("Bankje bij de haven", "Vertel wat meer"),
    ("Een bankje om uit te rusten, <b>bij</b> de haven & meer.", "In welk dorp of welke wijk"),
    ("1", "Bij welk thema"),
    ("1", "Waar heb je hulp"),
    ("1, 3", "Wat is je naam?"),
    ("Lies de Vries", "Doe je dit samen met een groep"),
    ("nee", "Wie doen er al mee?"),
    ("nee", "Op welk telefoonnummer"),
    ("06-12345678", "Klopt alles?"),
    ("ja", "Dank je wel!"),
]


def body(event: Any) -> str:
    return str(event.source.get("content", {}).get("body", ""))


@asynccontextmanager
async def bare_adapter(
    synapse: Synapse, bot: Account, store_dir: Path, room: str
) -> AsyncIterator[MatrixAdapter]:
    """The Matrix adapter alone, with `room` as its team room and nobody behind it."""

    async def nobody_talks(_incoming: Incoming) -> Handled:
        return Handled()

    options = MatrixOptions(
        homeserver=synapse.url,
        user_id=bot.user_id,
        password=bot.password,
        store_dir=store_dir,
        team_rooms=(room,),
        sync_timeout_seconds=2,
    )
    adapter = MatrixAdapter(options)
    await adapter.start(nobody_talks)
    try:
        yield adapter
    finally:
        await adapter.stop()


async def send_until_taken(adapter: MatrixAdapter, message: Outgoing) -> None:
    """Send as the dispatcher would, waiting while the adapter is not connected yet."""
    deadline = asyncio.get_running_loop().time() + 20
    while True:
        try:
            await adapter.send(message)
            return
        except SendLater as wait:
            assert asyncio.get_running_loop().time() < deadline
            await asyncio.sleep(wait.retry_after)


async def answer(person: Person, room: str, steps: list[tuple[str, str]]) -> None:
    for said, next_question in steps:
        await person.say(room, said)
        await person.wait_for(room, next_question, timeout=20)


@pytest.mark.parametrize(
    ("encrypted", "as_program"),
    [(True, False), (False, True)],
    ids=["encrypted-in-process", "unencrypted-initiatiefbot-run"],
)
def test_an_intake_in_a_dm_reaches_the_team_and_a_member_claims(
    tmp_path: Path,
    synapse: Synapse,
    account: Callable[..., Account],
    encrypted: bool,
    as_program: bool,
) -> None:
    personal = ("Lies de Vries", "12345678", "Bankje bij de haven", "uitrusten")

    async def scenario() -> Path:
        async with scene(tmp_path, synapse, account, team_encrypted=encrypted) as it:
            runner = (
                running_program(it.path, it.bot, personal)
                if as_program
                else running_bot(it.path, it.bot)
            )
            async with runner:
                dm = await it.resident.open_dm(it.bot.user_id, encrypted=encrypted)
                await it.resident.wait_for(dm, "Ga je daarmee akkoord?", timeout=20)
                await answer(it.resident, dm, INTAKE)
                shown = await it.contact.wait_for(it.team_room, "Bankje bij de haven")
                notification = body(shown)
                assert "06" not in notification  # no contact details in the team room
                found = re.search(r"\d{4}-\d{4}", notification)
                assert found is not None
                if as_program:
                    await it.contact.say(it.team_room, f"oppakken {found.group()}")
                else:  # the first action, by number, in reply to the notification
                    await it.contact.say(it.team_room, "1", reply_to=shown.event_id)
                await it.resident.wait_for(dm, "Goed nieuws: Anna", timeout=20)
                # The bot opens a private room with Anna for the resident's details.
                private = await it.contact.wait_for_invite(timeout=20)
                await it.contact.join(private)
                details = body(await it.contact.wait_for(private, "06 12345678", timeout=20))
                assert "Lies de Vries" in details
            return it.path

    path = asyncio.run(scenario())
    [row] = exported(load_config(path))
    assert (row["area"], row["theme"], row["status"]) == ("Ouddorp", "Groen en natuur", "claimed")
    assert (row["team"], row["claimed_by"]) == ("Kernteam West", "Anna")
    assert row["description"] == "Een bankje om uit te rusten, <b>bij</b> de haven & meer."


def test_a_restart_mid_conversation_loses_nothing_and_repeats_nothing(
    tmp_path: Path, synapse: Synapse, account: Callable[..., Account]
) -> None:
    async def scenario() -> None:
        async with scene(tmp_path, synapse, account) as it:
            async with running_bot(it.path, it.bot) as config:
                dm = await it.resident.open_dm(it.bot.user_id, encrypted=False)
                await it.resident.wait_for(dm, "Ga je daarmee akkoord?", timeout=20)
                await answer(it.resident, dm, INTAKE[:2])
                device = saved_device(config)
            # While the bot is down the resident goes on.
            await it.resident.say(dm, INTAKE[2][0])
            async with running_bot(it.path, it.bot) as config:
                assert saved_device(config) == device  # the same device, not a new login
                await it.resident.wait_for(dm, INTAKE[2][1], timeout=20)
                await answer(it.resident, dm, INTAKE[3:4])
                await asyncio.sleep(1.0)
            shown = it.resident.messages(dm)
            for _said, question in INTAKE[:4]:
                assert sum(question in text for text in shown) == 1, (question, shown)

    asyncio.run(scenario())


def test_what_came_while_the_bot_was_down_is_paged_back_beyond_one_sync(
    tmp_path: Path, synapse: Synapse, account: Callable[..., Account]
) -> None:
    async def scenario() -> None:
        async with scene(tmp_path, synapse, account) as it:
            async with running_bot(it.path, it.bot):
                pass
            # More than one sync's timeline (50 events) arrives while the bot is down;
            # the command is the oldest, so only paging back with /messages finds it.
            await it.contact.say(it.team_room, "/chatid")
            for number in range(60):
                await it.contact.say(it.team_room, f"koffie? {number}")
            async with running_bot(it.path, it.bot):
                await it.contact.wait_for(it.team_room, f"matrix:{it.team_room}", timeout=20)
                await asyncio.sleep(1.0)
            answers = [t for t in it.contact.messages(it.team_room) if it.team_room in t]
            assert len(answers) == 1

    asyncio.run(scenario())


def test_a_notification_waits_out_a_homeserver_outage(
    tmp_path: Path, synapse: Synapse, account: Callable[..., Account]
) -> None:
    async def scenario() -> Path:
        async with scene(tmp_path, synapse, account, team_encrypted=True) as it:
            async with running_bot(it.path, it.bot):
                pass  # the bot has joined the team room and knows its device
            db = open_database(load_config(it.path))
            with db.transaction() as session:
                payload = to_payload(Reply("Nieuw initiatief 2026-0042: Speeltuin"))
                queries.enqueue_many(
                    session, [("matrix", it.team_room, payload)], datetime.now(UTC)
                )
            db.engine.dispose()
            synapse.stop()
            try:
                async with running_bot(it.path, it.bot, ready=lambda _config: True):
                    await asyncio.sleep(3.0)  # the bot tries while the homeserver is away
                    synapse.start()
                    await it.contact.wait_for(it.team_room, "Speeltuin", timeout=40)
                    await asyncio.sleep(1.0)
            finally:
                synapse.start()
            assert sum("Speeltuin" in text for text in it.contact.messages(it.team_room)) == 1
            return it.path

    path = asyncio.run(scenario())
    db = open_database(load_config(path))
    with db.transaction() as session:
        rows = session.scalars(select(OutboxMessage)).all()
        assert [(row.state, row.attempts) for row in rows] == [("sent", 0)]
    db.engine.dispose()


def test_what_was_said_before_the_bot_joined_is_not_answered(
    tmp_path: Path, synapse: Synapse, account: Callable[..., Account]
) -> None:
    async def scenario() -> None:
        async with scene(tmp_path, synapse, account) as it:
            await it.contact.say(it.team_room, "/chatid")  # before the bot ever ran
            async with running_bot(it.path, it.bot):
                await asyncio.sleep(2.5)  # an answer to it would have come by now
            assert not it.contact.messages(it.team_room)
            # While the bot is down, a resident opens a chat and writes at once.
            dm = await it.resident.open_dm(it.bot.user_id, encrypted=False)
            await it.resident.say(dm, "/chatid")
            async with running_bot(it.path, it.bot):
                await it.resident.wait_for(dm, "Ga je daarmee akkoord?", timeout=20)
                await it.resident.say(dm, "/chatid")
                await it.resident.wait_for(dm, f"matrix:{dm}", timeout=20)
                await asyncio.sleep(2.5)
            answers = [text for text in it.resident.messages(dm) if dm in text]
            assert len(answers) == 1  # the one asked after the bot joined

    asyncio.run(scenario())


def test_a_new_member_of_an_encrypted_team_room_can_read_what_comes_after(
    tmp_path: Path, synapse: Synapse, account: Callable[..., Account]
) -> None:
    bot, anna, bert = account("bot"), account("anna"), account("bert")

    async def scenario() -> None:
        async with Person(synapse.url, anna, tmp_path / "anna") as contact:
            team_room = await contact.open_room([bot.user_id], encrypted=True)
            path = matrix_config(tmp_path, synapse, bot, anna, team_room)
            async with running_bot(path, bot):
                await contact.say(team_room, "/chatid")
                await contact.wait_for(team_room, f"matrix:{anna.user_id}", timeout=20)
                # A new colleague joins: the bot's next message must carry a key for
                # Bert's device too (and Anna's old key must not be all he gets).
                async with Person(synapse.url, bert, tmp_path / "bert") as colleague:
                    await contact.client.room_invite(team_room, bert.user_id)
                    invited = await colleague.wait_for_invite(timeout=20)
                    await colleague.join(invited)
                    await colleague.say(team_room, "/chatid")
                    answer = await colleague.wait_for(
                        team_room, f"matrix:{bert.user_id}", timeout=20
                    )
                    assert team_room in body(answer)

    asyncio.run(scenario())


def test_a_number_reaction_answers_the_question_it_is_under(
    tmp_path: Path, synapse: Synapse, account: Callable[..., Account]
) -> None:
    async def scenario() -> None:
        async with (
            scene(tmp_path, synapse, account, reaction_shortcuts="true") as it,
            running_bot(it.path, it.bot),
        ):
            dm = await it.resident.open_dm(it.bot.user_id, encrypted=True)
            consent = await it.resident.wait_for(dm, "Ga je daarmee akkoord?", timeout=20)
            await it.resident.react(dm, consent.event_id, "1\ufe0f\u20e3")  # 1: "Ja, akkoord"
            await it.resident.wait_for(dm, "Wat is je idee?", timeout=20)
            # A late tap under the old question is no answer to the new one.
            await it.resident.react(dm, consent.event_id, "2\ufe0f\u20e3")
            await asyncio.sleep(2.0)
            assert "Wat is je idee?" in it.resident.messages(dm)[-1]

    asyncio.run(scenario())


def test_invites_only_from_the_listed_homeservers_are_taken(
    tmp_path: Path, synapse: Synapse, account: Callable[..., Account]
) -> None:
    async def scenario() -> None:
        async with (
            scene(tmp_path, synapse, account, invites_from='["gemeente.nl"]') as it,
            running_bot(it.path, it.bot),
        ):
            dm = await it.resident.open_dm(it.bot.user_id, encrypted=False)
            await until(lambda: declined(it, dm), "the invite declined")
            assert not it.resident.messages(dm)

    asyncio.run(scenario())


def declined(it: Scene, room_id: str) -> bool:
    room = it.resident.client.rooms.get(room_id)
    return room is not None and it.bot.user_id not in room.users


async def until(condition: Callable[[], bool], what: str, within: float = 20.0) -> None:
    deadline = asyncio.get_running_loop().time() + within
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, f"waited {within} s for {what}"
        await asyncio.sleep(0.1)


def test_a_send_repeated_with_the_same_outbox_row_shows_once(
    tmp_path: Path, synapse: Synapse, account: Callable[..., Account]
) -> None:
    bot, anna = account("bot"), account("anna")

    async def scenario() -> None:
        async with Person(synapse.url, anna, tmp_path / "anna") as contact:
            room = await contact.open_room([bot.user_id], encrypted=True)
            async with bare_adapter(synapse, bot, tmp_path / "bot", room) as adapter:
                first = Outgoing("matrix", room, "Nieuw initiatief 2026-0007", outbox_id=7)
                await send_until_taken(adapter, first)
                await adapter.send(first)  # as after a lost answer: the same row again
                await adapter.send(Outgoing("matrix", room, first.text, outbox_id=8))
                await contact.wait_for(room, "2026-0007", timeout=20)
                await contact.wait_for(room, "2026-0007", timeout=20)
                await asyncio.sleep(1.0)
            assert sum("2026-0007" in text for text in contact.messages(room)) == 2

    asyncio.run(scenario())


def test_an_access_token_instead_of_a_password_is_that_device(
    tmp_path: Path, synapse: Synapse, account: Callable[..., Account]
) -> None:
    async def scenario() -> None:
        async with scene(tmp_path, synapse, account) as it:
            token = {MATRIX_ACCESS_TOKEN_ENV: it.bot.access_token}
            async with running_bot(it.path, it.bot, environ=token) as config:
                assert saved_device(config) == it.bot.device_id
                await it.contact.say(it.team_room, "/chatid")
                await it.contact.wait_for(it.team_room, f"matrix:{it.team_room}", timeout=20)

    asyncio.run(scenario())


def test_refusing_unverified_devices_parks_what_would_reach_them(
    tmp_path: Path, synapse: Synapse, account: Callable[..., Account]
) -> None:
    async def scenario() -> Path:
        async with (
            scene(tmp_path, synapse, account, unverified_devices='"refuse"') as it,
            running_bot(it.path, it.bot),
        ):
            # Nobody verified the resident's device, so nothing may be encrypted for it.
            dm = await it.resident.open_dm(it.bot.user_id, encrypted=True)
            await until(lambda: parked(it.path) > 0, "the greeting parked")
            assert not it.resident.messages(dm)
            return it.path

    asyncio.run(scenario())


def parked(path: Path) -> int:
    db = open_database(load_config(path))
    try:
        with db.transaction() as session:
            rows = session.scalars(select(OutboxMessage).where(OutboxMessage.state == "failed"))
            return len(rows.all())
    finally:
        db.engine.dispose()


def test_a_direct_chat_with_someone_else_in_it_is_no_private_chat(
    tmp_path: Path, synapse: Synapse, account: Callable[..., Account]
) -> None:
    """Two residents in one direct chat: neither sees nor erases the other's data, each
    is told to go on in a chat of their own, and once alone again the chat goes on."""
    kees = account("kees")
    shared = "In deze chat zit nu meer dan"

    async def scenario() -> None:
        async with (
            scene(tmp_path, synapse, account) as it,
            running_bot(it.path, it.bot),
            Person(synapse.url, kees, tmp_path / "kees") as neighbour,
        ):
            dm = await it.resident.open_dm(it.bot.user_id, encrypted=False)
            await it.resident.wait_for(dm, "Ga je daarmee akkoord?", timeout=20)
            await answer(it.resident, dm, INTAKE[:2])  # her title: "Bankje bij de haven"
            # Lies lets her neighbour Kees into the chat, and he asks for "his" data.
            await it.resident.client.room_invite(dm, kees.user_id)
            await neighbour.join(await neighbour.wait_for_invite(timeout=20))
            await neighbour.say(dm, "mijn gegevens")
            await neighbour.wait_for(dm, shared, timeout=20)
            await neighbour.say(dm, "vergeet mij")
            await it.resident.say(dm, "Een bankje om uit te rusten")
            await it.resident.wait_for(dm, shared, timeout=20)
            await asyncio.sleep(2.0)  # an answer to any of the three would have come by now
            # What the bot said since Kees wrote: the two notices, and nothing else.
            said = [body(e) for e in neighbour.timeline[dm] if e.sender == it.bot.user_id]
            since = said[next(n for n, text in enumerate(said) if shared in text) :]
            assert since == [SHARED_CHAT, SHARED_CHAT]  # to Kees once, to Lies once
            # Kees leaves: the chat is Lies's own again, and her intake is where it was.
            await neighbour.client.room_leave(dm)
            await until(lambda: kees.user_id not in it.resident.client.rooms[dm].users, "left")
            await answer(it.resident, dm, INTAKE[2:3])

    asyncio.run(scenario())


def test_a_sync_is_read_again_when_the_core_could_not_commit_it(
    tmp_path: Path, synapse: Synapse, account: Callable[..., Account]
) -> None:
    async def scenario() -> None:
        async with scene(tmp_path, synapse, account) as it:
            database = tmp_path / "data" / "initiatiefbot.sqlite3"
            holder: sqlite3.Connection | None = None
            try:
                async with running_bot(it.path, it.bot):
                    dm = await it.resident.open_dm(it.bot.user_id, encrypted=False)
                    await it.resident.wait_for(dm, "Ga je daarmee akkoord?", timeout=20)
                    # Another program holds the database: nothing can be committed.
                    holder = sqlite3.connect(database, isolation_level=None)
                    holder.execute("BEGIN EXCLUSIVE")
                    await it.resident.say(dm, "ja")
                    await asyncio.sleep(1.0)
                # The bot is down; what it was handling when it stopped gives up too.
                await asyncio.sleep(SQLITE_BUSY_TIMEOUT_MS / 1000 + 1)
            finally:
                if holder is not None:
                    holder.close()
            async with running_bot(it.path, it.bot):
                await it.resident.wait_for(dm, "Wat is je idee?", timeout=20)

    asyncio.run(scenario())


@pytest.mark.parametrize("encrypted", [True, False], ids=["encrypted", "plain"])
def test_a_calendar_file_arrives_with_its_message_and_opens(
    tmp_path: Path, synapse: Synapse, account: Callable[..., Account], encrypted: bool
) -> None:
    bot, anna = account("bot"), account("anna")
    ics = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    calendar = Attachment("terugkomdag-3.ics", "text/calendar", ics)

    async def scenario() -> None:
        async with Person(synapse.url, anna, tmp_path / "anna") as contact:
            room = await contact.open_room([bot.user_id], encrypted=encrypted)
            async with bare_adapter(synapse, bot, tmp_path / "bot", room) as adapter:
                reminder = Outgoing(
                    "matrix", room, "Herinnering: terugkomdag 3", outbox_id=3, attachment=calendar
                )
                await send_until_taken(adapter, reminder)
                await contact.wait_for(room, "Herinnering: terugkomdag 3", timeout=20)
                event = await contact.wait_for(room, "terugkomdag-3.ics", timeout=20)
            content = event.source["content"]
            assert content["msgtype"] == "m.file"
            assert content["info"] == {"mimetype": "text/calendar", "size": len(ics)}
            source = content["file"] if encrypted else content
            downloaded = await contact.client.download(mxc=source["url"])
            assert not isinstance(downloaded, DownloadError), downloaded
            data = downloaded.body
            if encrypted:
                assert data != ics  # the homeserver holds ciphertext only
                keys = content["file"]
                data = decrypt_attachment(
                    data, keys["key"]["k"], keys["hashes"]["sha256"], keys["iv"]
                )
            assert data == ics

    asyncio.run(scenario())
