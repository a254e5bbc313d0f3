"""The hostile corpus through the whole Matrix path: a resident's messages and
reactions on a real Synapse, the core, and what Anna reads, escaped in its HTML."""

import asyncio
import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.inbox.text_hygiene import storable
from bot.intake.commands import parse_command
from tests.adapters.matrix.bot_harness import running_bot, scene
from tests.adapters.matrix.synapse import Account, Synapse
from tests.adapters.matrix.test_bot import INTAKE, answer
from tests.configs import set_key
from tests.hostile import HOSTILE, too_long

TOO_LONG = "Dat bericht is te lang voor mij"
# Keys of reactions nobody was offered.
FORGED_REACTIONS = ("\U0001f51f", "x" * 300, "\u202e1\ufe0f\u20e3", "<b>1</b>", "0\ufe0f\u20e3")


def test_hostile_texts_and_reactions_are_relayed_escaped_or_refused(
    tmp_path: Path, synapse: Synapse, account: Callable[..., Account]
) -> None:
    async def scenario() -> None:
        async with scene(tmp_path, synapse, account) as it:
            it.path.write_text(
                set_key(it.path.read_text(), "[limits]", "messages_per_minute", "1000")
            )
            async with running_bot(it.path, it.bot):
                dm = await it.resident.open_dm(it.bot.user_id, encrypted=False)
                await it.resident.wait_for(dm, "Ga je daarmee akkoord?", timeout=20)
                await answer(it.resident, dm, INTAKE)
                shown = await it.contact.wait_for(it.team_room, "Bankje bij de haven")
                found = re.search(r"\d{4}-\d{4}", str(shown.source["content"]["body"]))
                assert found is not None
                await it.contact.say(it.team_room, f"oppakken {found.group()}")
                private = await it.contact.wait_for_invite(timeout=20)
                await it.contact.join(private)
                await it.contact.wait_for(private, "06 12345678", timeout=20)
                last = await it.resident.wait_for(dm, "Goed nieuws: Anna", timeout=20)

                sent: list[str] = []
                for text in HOSTILE:
                    try:
                        await it.resident.say(dm, text)
                        sent.append(text)
                    except RuntimeError:  # Synapse refuses it (too large, NUL, no text)
                        continue
                    if parse_command(text) is not None:
                        await it.resident.say(dm, "stop")
                for key in FORGED_REACTIONS:
                    await it.resident.react(dm, last.event_id, key)
                await it.resident.say(dm, "mijn")
                await it.resident.wait_for(dm, "Je initiatieven", timeout=60)

                relayed = [event.source["content"] for event in it.contact.timeline[private]]
                bodies = "\n".join(str(content.get("body", "")) for content in relayed)
                for text in sent:
                    kept = storable(text).strip()
                    if kept and not too_long(text) and parse_command(text) is None:
                        assert kept in bodies, text[:40]
                assert all(escaped(content) for content in relayed)
                refused = [t for t in it.resident.messages(dm) if TOO_LONG in t]
                assert len(refused) == sum(too_long(text) for text in sent)
                assert sum(too_long(text) for text in sent) >= 2  # the corpus got through

    asyncio.run(scenario())


def escaped(content: dict[str, Any]) -> bool:
    """The HTML shows exactly the body, and its only tags are the bot's own."""
    formatted = str(content.get("formatted_body", ""))
    tags = set(re.findall(r"<[^>]*>", formatted))
    if not tags <= {"<br>", "<ol>", "</ol>", "<li>", "</li>"}:
        return False
    shown = html.unescape(formatted.split("<ol>")[0].replace("<br>", "\n"))
    return str(content.get("body", "")).startswith(shown)
