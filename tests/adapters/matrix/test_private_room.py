"""On Matrix, against a real Synapse: a contact's private room with the bot is theirs
alone. Once someone else is let in, residents' words go to a new private room."""

import asyncio
from collections.abc import Callable
from pathlib import Path

from bot.cases import texts
from tests.adapters.matrix.bot_harness import running_bot, scene
from tests.adapters.matrix.people import Person
from tests.adapters.matrix.synapse import Account, Synapse
from tests.adapters.matrix.test_relays import WAIT, resident_with_initiative

QUESTION = "Wanneer komt het bankje?"


def test_a_residents_message_avoids_a_private_room_someone_else_was_let_into(
    tmp_path: Path, synapse: Synapse, account: Callable[..., Account]
) -> None:
    kees = account("kees")

    async def scenario() -> None:
        async with (
            scene(tmp_path, synapse, account) as it,
            running_bot(it.path, it.bot),
            Person(synapse.url, kees, tmp_path / "kees") as stranger,
        ):
            dm, ref = await resident_with_initiative(it)
            await it.contact.say(it.team_room, f"oppakken {ref}")
            private = await it.contact.wait_for_invite(timeout=WAIT)
            await it.contact.join(private)
            await it.contact.wait_for(private, ref, timeout=WAIT)  # the resident's details
            # Anna lets Kees into her room with the bot.
            await it.contact.client.room_invite(private, kees.user_id)
            await stranger.join(await stranger.wait_for_invite(timeout=WAIT))
            await asyncio.sleep(2.0)  # the bot's sync sees him

            await it.resident.say(dm, QUESTION)

            fresh = await it.contact.wait_for_invite(timeout=WAIT)
            assert fresh != private
            await it.contact.join(fresh)
            relayed = texts.relayed_from_resident(ref, QUESTION, "nl")
            await it.contact.wait_for(fresh, relayed.splitlines()[0], timeout=WAIT)
            assert not any(QUESTION in text for text in stranger.messages(private))
            assert not any(QUESTION in text for text in it.contact.messages(private))

    asyncio.run(scenario())
