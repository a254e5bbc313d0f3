"""On Matrix, against a real Synapse: a resident's message before a claim, after a
close and after a withdrawal each reach the right people."""

import asyncio
from collections.abc import Callable
from pathlib import Path

from bot.cases import receipts, texts
from bot.config.settings import load_config
from tests.adapters.handed_in import TITLE, handed_in
from tests.adapters.matrix.bot_harness import Scene, running_bot, scene
from tests.adapters.matrix.people import Person
from tests.adapters.matrix.synapse import Account, Synapse

WAIT = 20.0


async def answered(person: Person, room: str, before: int) -> None:
    """Until the bot said something more in `room` than the `before` messages."""
    deadline = asyncio.get_running_loop().time() + WAIT
    while len(person.messages(room)) <= before:
        assert asyncio.get_running_loop().time() < deadline, person.messages(room)
        await asyncio.sleep(0.05)


async def resident_with_initiative(it: Scene) -> tuple[str, str]:
    """Lies's direct chat with the bot and the reference she handed in there; the bot is
    running, and her conversation is out of the intake it opens with."""
    dm = await it.resident.open_dm(it.bot.user_id, encrypted=False)
    await answered(it.resident, dm, 0)  # the greeting: the bot joined
    reference = handed_in(load_config(it.path), "matrix", dm, it.lies.user_id)
    said = len(it.resident.messages(dm))
    await it.resident.say(dm, "stop")  # out of the intake the greeting began
    await answered(it.resident, dm, said)
    return dm, reference


def test_before_a_claim_the_team_room_and_after_a_close_the_contact(
    tmp_path: Path, synapse: Synapse, account: Callable[..., Account]
) -> None:
    async def scenario() -> None:
        async with scene(tmp_path, synapse, account) as it, running_bot(it.path, it.bot):
            dm, ref = await resident_with_initiative(it)
            await it.resident.say(dm, "Wie beslist hierover?")
            relayed = texts.relayed_unclaimed(ref, TITLE, "Wie beslist hierover?", "nl")
            await it.contact.wait_for(it.team_room, relayed.text.splitlines()[1], timeout=WAIT)
            passed_on = receipts.passed_on("Kernteam West", ref, "nl")
            await it.resident.wait_for(dm, passed_on, timeout=WAIT)
            await it.contact.say(it.team_room, f"oppakken {ref}")
            await it.resident.wait_for(dm, "Goed nieuws: Anna", timeout=WAIT)
            private = await it.contact.wait_for_invite(timeout=WAIT)
            await it.contact.join(private)
            await it.contact.say(it.team_room, f"sluiten {ref} klaar Het bankje komt er.")
            await it.resident.wait_for(dm, "Het bankje komt er.", timeout=WAIT)
            await it.resident.say(dm, "Wie moet ik dan bellen?")
            after = texts.relayed_after_close(ref, "Wie moet ik dan bellen?", "nl")
            await it.contact.wait_for(private, after.splitlines()[0], timeout=WAIT)
            await it.resident.wait_for(dm, receipts.passed_on("Anna", ref, "nl"), timeout=WAIT)
            assert not any("bellen?" in text for text in it.contact.messages(it.team_room))

    asyncio.run(scenario())


def test_a_withdrawal_reaches_the_team_room_and_so_does_a_message_after_it(
    tmp_path: Path, synapse: Synapse, account: Callable[..., Account]
) -> None:
    async def scenario() -> None:
        async with scene(tmp_path, synapse, account) as it, running_bot(it.path, it.bot):
            dm, ref = await resident_with_initiative(it)
            await it.resident.say(dm, f"intrekken {ref}")
            await it.resident.wait_for(
                dm, receipts.withdraw_sure(ref, TITLE, "nl").text.splitlines()[0], timeout=WAIT
            )
            await it.resident.say(dm, f"intrekken {ref} ja")
            await it.resident.wait_for(dm, receipts.withdrawn(ref, "nl"), timeout=WAIT)
            withdrawn = texts.withdrawn_by_resident(ref, TITLE, "nl")
            await it.contact.wait_for(it.team_room, withdrawn, timeout=WAIT)
            await it.resident.say(dm, "Ik wil het toch intrekken")
            await it.contact.wait_for(it.team_room, "Ik wil het toch intrekken", timeout=WAIT)

    asyncio.run(scenario())
