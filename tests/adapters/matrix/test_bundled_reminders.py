"""A team's morning round on Matrix, against a real Synapse: one message in the team's
room listing what waits, its choices numbered in the body and as an HTML list."""

import asyncio
import re
from collections.abc import Callable
from pathlib import Path

from tests.adapters.matrix.bot_harness import running_bot, scene
from tests.adapters.matrix.synapse import Account, Synapse
from tests.followups.waiting import handed_in_long_ago

WAIT = 20.0
ROUND = "Herinnering: deze 2 initiatieven"


def test_the_round_is_one_message_in_the_team_room(
    tmp_path: Path, synapse: Synapse, account: Callable[..., Account]
) -> None:
    async def scenario() -> None:
        async with scene(tmp_path, synapse, account) as it:
            first, second = handed_in_long_ago(it.path)
            async with running_bot(it.path, it.bot):
                event = await it.contact.wait_for(it.team_room, ROUND, timeout=WAIT)
                content = event.source["content"]
                lines = content["body"].splitlines()
                assert lines[0] == (
                    "Herinnering: deze 2 initiatieven wachten nog op iemand die ze oppakt:"
                )
                for line, reference in zip(lines[1:3], (first, second), strict=True):
                    pattern = rf"\u2022 {reference} \u201cBankje bij de haven\u201d, Ouddorp: "
                    assert re.fullmatch(pattern + r"wacht al \d+ dagen", line), line
                # Matrix has no buttons: the choices are numbered under the text.
                assert lines[-2:] == [f"1. Oppakken {first}", f"2. Oppakken {second}"]
                assert content["formatted_body"].endswith(
                    f"<ol><li>Oppakken {first}</li><li>Oppakken {second}</li></ol>"
                )
                await asyncio.sleep(1.0)  # a second round would have come by now
                rounds = [text for text in it.contact.messages(it.team_room) if ROUND in text]
                assert len(rounds) == 1
                await it.contact.say(it.team_room, f"oppakken {second}")
                await it.contact.wait_for(it.team_room, f"Anna heeft {second} opgepakt.")

    asyncio.run(scenario())
