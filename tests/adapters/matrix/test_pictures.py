"""On Matrix, against a real Synapse: the photo and the spot a resident sent with the intake
reach the contact who takes it up as Element shows them, an m.image in the room and an
m.location pin at a geo: URI; the team's room reads only how many there are."""

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.config.settings import load_config
from bot.messages import Location
from bot.texts.i18n import translations
from tests.adapters.handed_in import handed_in
from tests.adapters.matrix.bot_harness import running_bot, scene
from tests.adapters.matrix.people import Person
from tests.adapters.matrix.synapse import Account, Synapse
from tests.adapters.matrix.test_relays import WAIT, answered

HARBOUR = Location(51.815123, 3.930456)


def contents(person: Person, room: str, msgtype: str) -> list[dict[str, Any]]:
    """The contents of the messages of `msgtype` others sent in the room, oldest first."""
    found = []
    for event in person.timeline.get(room, []):
        content = (getattr(event, "source", None) or {}).get("content", {})
        if content.get("msgtype") == msgtype:
            found.append(content)
    return found


async def until(check: Callable[[], bool]) -> None:
    deadline = asyncio.get_running_loop().time() + WAIT
    while not check():
        assert asyncio.get_running_loop().time() < deadline
        await asyncio.sleep(0.05)


def test_the_contact_who_takes_it_up_sees_the_photo_and_a_pin(
    tmp_path: Path, synapse: Synapse, account: Callable[..., Account]
) -> None:
    bench = tmp_path / "bench.jpg"
    bench.write_bytes(b"\xff\xd8 the bench by the harbour \xff\xd9")

    async def scenario() -> None:
        async with scene(tmp_path, synapse, account) as it, running_bot(it.path, it.bot):
            dm = await it.resident.open_dm(it.bot.user_id, encrypted=False)
            await answered(it.resident, dm, 0)  # the greeting: the bot joined
            config = load_config(it.path)
            ref = handed_in(config, "matrix", dm, it.lies.user_id, [bench], HARBOUR)
            # Written by another connection: the bot's dispatcher learns of it when woken,
            # as any message it handles does (else at its next look at the outbox).
            said = len(it.resident.messages(dm))
            await it.resident.say(dm, "stop")
            await answered(it.resident, dm, said)
            notification = await it.contact.wait_for(it.team_room, f"toon {ref}", timeout=WAIT)
            one_photo = translations("nl").ngettext("{count} photo", "{count} photos", 1)
            assert one_photo.format(count=1) in notification.body  # counted, not shown
            await it.contact.say(it.team_room, f"oppakken {ref}")
            private = await it.contact.wait_for_invite(timeout=WAIT)
            await it.contact.join(private)
            await until(lambda: bool(contents(it.contact, private, "m.image")))
            [pin] = contents(it.contact, private, "m.location")
            assert pin["geo_uri"] == "geo:51.815123,3.930456"
            assert pin["org.matrix.msc3488.asset"] == {"type": "m.pin"}
            assert ref in pin["body"]
            await it.contact.wait_for(private, "openstreetmap.org/?mlat=51.815123", timeout=WAIT)
            [image] = contents(it.contact, private, "m.image")
            assert image["body"] == f"{ref}-foto-1.jpg"
            assert image["info"]["mimetype"] == "image/jpeg"
            assert contents(it.contact, it.team_room, "m.location") == []

    asyncio.run(scenario())
