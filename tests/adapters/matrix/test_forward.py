"""A forward on Matrix, against a real Synapse, on SQLite and PostgreSQL: team West's room
sends an initiative to team Oost, whose room reads who sent it and why, its choices
numbered under the text and as an HTML list; the resident hears of the move once; Oost's
wish to send it back lands in a private room of the bot with the coordinator, and her
decision in West's room, where a "1" in reply takes it up."""

import asyncio
import json
from collections.abc import Callable
from pathlib import Path

from tests.adapters.between_teams import (
    ARRIVED,
    BACK,
    DECIDED,
    NOT_OURS,
    arrived,
    moved,
    referral,
    referred,
    with_oost_and_coordinator,
)
from tests.adapters.handed_in import TITLE
from tests.adapters.matrix.bot_harness import running_bot, scene
from tests.adapters.matrix.people import Person
from tests.adapters.matrix.synapse import Account, Synapse
from tests.adapters.matrix.test_relays import WAIT, resident_with_initiative
from tests.configs import set_key

CHOICES = ["", "1. Oppakken", "2. Bekijken"]


def on_database(path: Path, database_url: str) -> None:
    """The bot of the config at `path` on `database_url`: the harness's is SQLite."""
    text = set_key(path.read_text(encoding="utf-8"), "[database]", "url", json.dumps(database_url))
    path.write_text(text, encoding="utf-8")


def test_a_forward_reaches_the_other_room_and_a_second_one_the_coordinator(
    tmp_path: Path, synapse: Synapse, account: Callable[..., Account], database_url: str
) -> None:
    async def scenario() -> None:
        async with (
            scene(tmp_path, synapse, account) as it,
            Person(synapse.url, account("carla"), tmp_path / "carla") as carla,
            Person(synapse.url, account("fleur"), tmp_path / "fleur") as fleur,
        ):
            oost_room = await carla.open_room([it.bot.user_id], encrypted=False)
            with_oost_and_coordinator(
                it.path, f"matrix:{carla.user_id}", f"matrix:{oost_room}", f"matrix:{fleur.user_id}"
            )
            on_database(it.path, database_url)
            async with running_bot(it.path, it.bot):
                dm, ref = await resident_with_initiative(it)
                await it.contact.wait_for(it.team_room, f"Nieuw initiatief {ref}", timeout=WAIT)
                await it.contact.say(it.team_room, f"doorsturen {ref} oost {NOT_OURS}")

                # Oost's room: what came, from whom and why; Matrix has no buttons, so the
                # choices are numbered under the text.
                event = await carla.wait_for(oost_room, f"{ARRIVED}: {ref}", timeout=WAIT)
                content = event.source["content"]
                lines = content["body"].splitlines()
                first, why, claim = arrived(ref, TITLE, "Anna (Kernteam West)", NOT_OURS)
                assert lines[0] == first
                assert lines[-5:] == [why, claim, *CHOICES]
                assert content["formatted_body"].endswith(
                    "<ol><li>Oppakken</li><li>Bekijken</li></ol>"
                )
                # West's room: the short line; the resident: plain words, no choices.
                short = f"Anna heeft {ref} doorgestuurd naar Kernteam Oost."
                await it.contact.wait_for(it.team_room, short, timeout=WAIT)
                told = await it.resident.wait_for(dm, "past beter bij", timeout=WAIT)
                assert told.source["content"]["body"] == moved(ref)

                # Oost wants it back in West: the coordinator decides, in a private room.
                await carla.say(oost_room, f"doorsturen {ref} west {BACK}")
                private = await fleur.wait_for_invite(timeout=WAIT)
                await fleur.join(private)
                asked = await fleur.wait_for(private, "keer doorgestuurd", timeout=WAIT)
                opening, earlier, now, stays = referral(ref, TITLE)
                lines = asked.source["content"]["body"].splitlines()
                assert lines[0] == opening
                assert earlier in lines[1]  # after the day it went
                assert lines[2:] == [now, stays, "", "1. Bekijken"]
                await carla.wait_for(oost_room, referred(ref), timeout=WAIT)

                # She sends it to West; a "1" in reply to West's notice takes it up.
                await fleur.say(private, f"doorsturen {ref} west {DECIDED}")
                back = await it.contact.wait_for(it.team_room, f"{ARRIVED}: {ref}", timeout=WAIT)
                decided = arrived(ref, TITLE, "Fleur (co\u00f6rdinator)", DECIDED)[1]
                assert back.source["content"]["body"].splitlines()[-5] == decided
                await it.contact.say(it.team_room, "1", reply_to=back.event_id)
                await it.resident.wait_for(dm, "Goed nieuws: Anna", timeout=WAIT)

            # Only the coordinator's forward reached West's room, and the resident, whose
            # messages go out in order, heard of a move once, before the good news.
            west = it.contact.messages(it.team_room)
            assert [body for body in west if ARRIVED in body] == [back.source["content"]["body"]]
            assert [body for body in it.resident.messages(dm) if "past beter bij" in body] == [
                moved(ref)
            ]
            assert sum(ARRIVED in body for body in carla.messages(oost_room)) == 1

    asyncio.run(scenario())
