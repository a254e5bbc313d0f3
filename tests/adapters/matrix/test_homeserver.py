"""The Matrix test setup itself: people chat through the real Synapse, plain and encrypted."""

import asyncio
from collections.abc import Callable
from pathlib import Path

from nio import MegolmEvent, RoomMessageText

from tests.adapters.matrix.people import Person
from tests.adapters.matrix.synapse import Account, Synapse


def test_two_people_chat_in_a_plain_direct_chat(
    synapse: Synapse, account: Callable[..., Account], tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with (
            Person(synapse.url, account("anna"), tmp_path / "anna") as anna,
            Person(synapse.url, account("bert"), tmp_path / "bert") as bert,
        ):
            room = await anna.open_dm(bert.user_id, encrypted=False)
            assert await bert.wait_for_invite() == room
            await bert.join(room)
            await anna.say(room, "Hallo Bert, een bankje bij de vijver?")
            heard = await bert.wait_for(room, "bankje")
            assert isinstance(heard, RoomMessageText)
            assert heard.sender == anna.user_id
            await bert.say(room, "Goed idee, Anna")
            await bert.react(room, heard.event_id, "👍")
            await anna.wait_for(room, "Goed idee")
            assert anna.messages(room) == ["Goed idee, Anna"]
            assert not anna.client.rooms[room].encrypted

    asyncio.run(scenario())


def test_two_people_chat_in_an_encrypted_direct_chat(
    synapse: Synapse, account: Callable[..., Account], tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with (
            Person(synapse.url, account("anna"), tmp_path / "anna") as anna,
            Person(synapse.url, account("bert"), tmp_path / "bert") as bert,
        ):
            room = await anna.open_dm(bert.user_id, encrypted=True)
            # Sent while Bert is only invited: Anna's device shares its key with his anyway.
            await anna.say(room, "Eerste bericht, versleuteld")
            await bert.join(room)
            assert bert.client.rooms[room].encrypted
            await anna.say(room, "Tweede bericht")
            first = await bert.wait_for(room, "Eerste")
            assert isinstance(first, RoomMessageText)
            assert first.decrypted
            await bert.wait_for(room, "Tweede")
            await bert.say(room, "Ontvangen")
            answer = await anna.wait_for(room, "Ontvangen")
            assert isinstance(answer, RoomMessageText)
            assert answer.decrypted
            assert bert.messages(room) == ["Eerste bericht, versleuteld", "Tweede bericht"]
            assert not any(isinstance(event, MegolmEvent) for event in bert.timeline[room])

    asyncio.run(scenario())


def test_accounts_and_rooms_outlive_a_homeserver_restart(
    synapse: Synapse, account: Callable[..., Account], tmp_path: Path
) -> None:
    anna_account, bert_account = account("anna"), account("bert")

    async def before() -> tuple[str, str]:
        async with (
            Person(synapse.url, anna_account, tmp_path / "anna") as anna,
            Person(synapse.url, bert_account, tmp_path / "bert") as bert,
        ):
            room = await anna.open_dm(bert.user_id, encrypted=True)
            await bert.join(room)
            await anna.say(room, "Voor de storing")
            await bert.wait_for(room, "Voor de storing")
            return room, bert.device_id

    async def during_and_after(room: str, bert_device: str) -> None:
        async with (
            Person(synapse.url, anna_account, tmp_path / "anna") as anna,
            Person(synapse.url, bert_account, tmp_path / "bert") as bert,
        ):
            await asyncio.to_thread(synapse.stop)
            # Anna types while the homeserver is down; her send goes through once it is back.
            sending = asyncio.create_task(anna.say(room, "Na de storing"))
            await asyncio.sleep(0.5)
            assert not sending.done()
            await asyncio.to_thread(synapse.start)
            await sending
            await bert.wait_for(room, "Na de storing")
            # The same devices came back: no new login, nothing undecryptable.
            assert bert.device_id == bert_device
            assert bert.messages(room) == ["Na de storing"]
            assert not any(isinstance(event, MegolmEvent) for event in bert.timeline[room])

    room, bert_device = asyncio.run(before())
    synapse.stop()
    synapse.start()
    asyncio.run(during_and_after(room, bert_device))
    assert synapse.register(anna_account.localpart + "-later").user_id.startswith("@anna-")
