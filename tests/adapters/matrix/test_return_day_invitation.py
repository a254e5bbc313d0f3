"""On Matrix, against a real Synapse: the example's return day invites team West's
Anna in a private room, with numbered answers and the calendar file.

A typed number in a private room answers the conversation, not these choices (see
the adapter's `_as_pressed`): answers on Matrix wait for typed answers (issue 21,
point 3)."""

import asyncio
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar
from nio import DownloadError
from nio.crypto.attachments import decrypt_attachment

from bot.config.monthly import MonthlyDay
from bot.texts.formatting import moment_in_words
from tests.adapters.matrix.bot_harness import running_bot, scene
from tests.adapters.matrix.synapse import Account, Synapse

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
WAIT = 30.0


def test_the_invitation_arrives_with_its_answers_and_calendar_file(
    tmp_path: Path, synapse: Synapse, account: Callable[..., Account]
) -> None:
    today = datetime.now(AMSTERDAM).date()
    day = MonthlyDay.parse("second thursday of next month").first_after(today)
    starts = datetime(day.year, day.month, day.day, 19, 30, tzinfo=AMSTERDAM)

    async def scenario() -> None:
        async with scene(tmp_path, synapse, account) as it:
            text = it.path.read_text(encoding="utf-8")
            it.path.write_text(
                text.replace('areas = []\nthemes = []\nteam = ""', 'team = "west"', 1),
                encoding="utf-8",
            )
            async with running_bot(it.path, it.bot):
                private = await it.contact.wait_for_invite(timeout=WAIT)
                await it.contact.join(private)
                invitation = await it.contact.wait_for(private, "Je bent uitgenodigd", WAIT)
                body = invitation.source["content"]["body"]
                assert f"Wanneer: {moment_in_words(starts, AMSTERDAM, 'nl')}" in body
                assert "Programma:\n19.30 inloop met koffie" in body
                assert body.endswith("1. Ik kom\n2. Ik kom niet\n3. Misschien")

                name = f"terugkomdag-{starts:%Y-%m-%d}.ics"
                file = (await it.contact.wait_for(private, name, WAIT)).source["content"]
                assert file["msgtype"] == "m.file"
                source = file.get("file", file)  # encrypted rooms carry the keys
                downloaded = await it.contact.client.download(mxc=source["url"])
                assert not isinstance(downloaded, DownloadError), downloaded
                data = downloaded.body
                if "file" in file:
                    keys = file["file"]
                    data = decrypt_attachment(
                        data, keys["key"]["k"], keys["hashes"]["sha256"], keys["iv"]
                    )
                [event] = Calendar.from_ical(data).walk("VEVENT")
                assert event.decoded("dtstart") == starts

                # "1" in reply to the invitation answers it, as the button would.
                await it.contact.say(private, "1", reply_to=invitation.event_id)
                await it.contact.wait_for(private, "Bedankt, tot op de terugkomdag!", WAIT)

    asyncio.run(scenario())
