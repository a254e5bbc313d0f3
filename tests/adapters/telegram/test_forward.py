"""A forward on Telegram, through the real library and HTTP, on SQLite and PostgreSQL:
team West's group sends an initiative to team Oost, whose group reads who sent it and why
with the buttons to take it up; the resident hears of the move once; Oost's wish to send
it back lands in the coordinator's private chat, and her decision in West's group."""

import asyncio
from pathlib import Path

from bot.config.settings import load_config
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
from tests.adapters.handed_in import TITLE, handed_in
from tests.adapters.telegram.fake_bot_api import FakeBotApi
from tests.adapters.telegram.harness import (
    ANNA,
    RESIDENT,
    TEAM_WEST,
    buttons,
    press,
    running_bot,
    see,
    telegram_config,
    texts,
)

CARLA = 502
FLEUR = 601
TEAM_OOST = -1002


def test_a_forward_reaches_the_other_group_and_a_second_one_the_coordinator(
    tmp_path: Path, database_url: str
) -> None:
    async def scenario() -> None:
        async with FakeBotApi() as api:
            path = telegram_config(tmp_path, api, database_url)
            with_oost_and_coordinator(
                path, f"telegram:{CARLA}", f"telegram:{TEAM_OOST}", f"telegram:{FLEUR}"
            )
            ref = handed_in(load_config(path), "telegram", str(RESIDENT), str(RESIDENT))
            async with running_bot(path, api):
                await see(api, TEAM_WEST, f"Nieuw initiatief {ref}")
                # In a group the bot hears its commands: privacy mode delivers only those.
                api.user_says(ANNA, f"/doorsturen {ref} oost {NOT_OURS}", chat_id=TEAM_WEST)

                # Oost's group: what came, from whom and why, and a button to take it up.
                notice = await see(api, TEAM_OOST, f"{ARRIVED}: {ref}")
                lines = notice["text"].splitlines()
                first, why, claim = arrived(ref, TITLE, "Anna (Kernteam West)", NOT_OURS)
                assert lines[0] == first
                assert lines[-2:] == [why, claim]
                assert buttons(notice) == [
                    ("Oppakken", f"claim:{ref}"),
                    ("Bekijken", f"show:{ref}"),
                ]
                # West's group: the short line; the resident: plain words, no buttons.
                await see(api, TEAM_WEST, f"Anna heeft {ref} doorgestuurd naar Kernteam Oost.")
                told = await see(api, RESIDENT, "past beter bij")
                assert told["text"] == moved(ref)
                assert buttons(told) == []

                # Oost wants it back in West: the coordinator decides, in her private chat.
                api.user_says(CARLA, f"/doorsturen {ref} west {BACK}", chat_id=TEAM_OOST)
                asked = await see(api, FLEUR, "keer doorgestuurd")
                opening, earlier, now, stays = referral(ref, TITLE)
                assert asked["text"].splitlines()[0] == opening
                assert earlier in asked["text"].splitlines()[1]  # after the day it went
                assert asked["text"].splitlines()[2:] == [now, stays]
                assert buttons(asked) == [("Bekijken", f"show:{ref}")]
                await see(api, TEAM_OOST, referred(ref))
                assert [text for text in texts(api, FLEUR) if ref in text] == [asked["text"]]

                # She sends it to West, whose group reads that she did and why.
                api.user_says(FLEUR, f"doorsturen {ref} west {DECIDED}")
                back = await see(api, TEAM_WEST, f"{ARRIVED}: {ref}")
                assert (
                    back["text"].splitlines()[-2]
                    == arrived(ref, TITLE, "Fleur (co\u00f6rdinator)", DECIDED)[1]
                )
                await press(api, ANNA, TEAM_WEST, back, "Oppakken")
                await see(api, RESIDENT, "Goed nieuws: Anna")

            # Only the coordinator's forward reached West's group, and the resident, whose
            # messages go out in order, heard of a move once, before the good news.
            assert [text for text in texts(api, TEAM_WEST) if ARRIVED in text] == [back["text"]]
            assert [text for text in texts(api, RESIDENT) if "past beter bij" in text] == [
                moved(ref)
            ]
            assert not any(ARRIVED in text for text in texts(api, TEAM_OOST)[1:])

    asyncio.run(scenario())
