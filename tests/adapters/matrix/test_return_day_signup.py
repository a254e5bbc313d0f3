"""On Matrix, against a real Synapse: a return day's sign-up by the words on its poster.
The coordinator plans a day and opens sign-up in her private room with the bot; Lies,
who has no initiative, types "aanmelden CODE" in her encrypted room with the bot, gets
the welcome with numbered answers and the calendar file, and answers "1". The
organiser's overview names her as the room shows her."""

import asyncio
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar
from nio import DownloadError, ProfileSetDisplayNameError
from nio.crypto.attachments import decrypt_attachment

from bot.texts.formatting import moment_in_words
from tests.adapters.matrix.bot_harness import running_bot, scene
from tests.adapters.matrix.people import Person
from tests.adapters.matrix.synapse import Account, Synapse
from tests.adapters.matrix.test_relays import answered
from tests.adapters.return_day_signup import (
    WELCOME,
    with_coordinator_and_no_config_days,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
WAIT = 30.0
LIES = "Lies de Boer"  # her display name on the homeserver
TYPED = re.compile(r"\u201caanmelden ([a-z2-9]{6})\u201d")


def test_typed_sign_up_brings_the_welcome_and_the_organiser_sees_the_name(
    tmp_path: Path, synapse: Synapse, account: Callable[..., Account]
) -> None:
    starts = (datetime.now(AMSTERDAM) + timedelta(days=10)).replace(
        hour=19, minute=30, second=0, microsecond=0
    )
    when = moment_in_words(starts, AMSTERDAM, "nl")

    async def scenario() -> None:
        async with (
            scene(tmp_path, synapse, account) as it,
            Person(synapse.url, account("fleur"), tmp_path / "fleur") as fleur,
        ):
            with_coordinator_and_no_config_days(it.path, f"matrix:{fleur.user_id}")
            named = await it.resident.client.set_displayname(LIES)
            assert not isinstance(named, ProfileSetDisplayNameError), named
            async with running_bot(it.path, it.bot):
                # The coordinator plans the day and opens its sign-up, in her own room.
                desk = await fleur.open_dm(it.bot.user_id, encrypted=True)
                await answered(fleur, desk, 0)  # the bot joined and said how it helps
                await fleur.say(
                    desk, f"terugkomdag {starts:%Y-%m-%d} 19:30 Dorpshuis Ouddorp voor deelnemers"
                )
                await fleur.wait_for(desk, "Terugkomdag 1", WAIT)
                await fleur.say(desk, "terugkomdag 1 aanmelden")
                poster = await fleur.wait_for(desk, "Aanmelden voor terugkomdag 1 kan nu.", WAIT)
                body = poster.source["content"]["body"]
                assert f"\u2022 Matrix: open https://matrix.to/#/{it.bot.user_id} en " in body
                found = TYPED.search(body)
                assert found, body
                code = found.group(1)

                # Lies, with no initiative, types the poster's words in her private room.
                private = await it.resident.open_dm(it.bot.user_id, encrypted=True)
                await answered(it.resident, private, 0)  # the greeting: the bot joined
                await it.resident.say(private, f"aanmelden {code}")
                welcome = await it.resident.wait_for(private, WELCOME, WAIT)
                text = welcome.source["content"]["body"]
                assert text.startswith(WELCOME + "\n\n"), text
                assert f"Wanneer: {when}\nWaar: Dorpshuis Ouddorp" in text
                assert text.endswith("1. Ik kom\n2. Ik kom niet\n3. Misschien"), text

                name = f"terugkomdag-{starts:%Y-%m-%d}.ics"
                file = (await it.resident.wait_for(private, name, WAIT)).source["content"]
                assert file["msgtype"] == "m.file"
                assert "file" in file, "an encrypted room's file carries its keys"
                keys = file["file"]
                downloaded = await it.resident.client.download(mxc=keys["url"])
                assert not isinstance(downloaded, DownloadError), downloaded
                data = decrypt_attachment(
                    downloaded.body, keys["key"]["k"], keys["hashes"]["sha256"], keys["iv"]
                )
                [event] = Calendar.from_ical(data).walk("VEVENT")
                assert event.decoded("dtstart") == starts
                assert str(event["location"]) == "Dorpshuis Ouddorp"

                # "1" in reply to the welcome: she comes.
                await it.resident.say(private, "1", reply_to=welcome.event_id)
                await it.resident.wait_for(private, "Bedankt, tot op de terugkomdag!", WAIT)

                # The organiser's overview names her as her room shows her.
                await fleur.say(desk, "terugkomdag 1")
                overview = await fleur.wait_for(desk, "Komen: 1 \u00b7", WAIT)
                lines = overview.source["content"]["body"].splitlines()
                assert lines[0] == (
                    f"Terugkomdag 1: {when} in Dorpshuis Ouddorp, voor wie bij naam is "
                    "uitgenodigd of zich aanmeldt."
                ), lines
                assert f"Komen: {LIES}" in lines, lines

    asyncio.run(scenario())
