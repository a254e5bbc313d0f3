"""A resident's intake and a team's claim over Telegram, through the real library and HTTP."""

import asyncio
from pathlib import Path
from typing import Any

from bot.config.settings import load_config
from tests.adapters.telegram.fake_bot_api import FakeBotApi, utf16_length
from tests.adapters.telegram.harness import (
    ANNA,
    OUTSIDER,
    RESIDENT,
    TEAM_WEST,
    UNKNOWN_GROUP,
    agreed,
    buttons,
    intake,
    press,
    running_bot,
    see,
    telegram_config,
    texts,
)
from tests.exported import exported


def test_a_resident_hands_in_and_a_member_claims_by_button(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with FakeBotApi() as api:
            path = telegram_config(tmp_path, api)
            async with running_bot(path, api):
                await intake(api)
                # Every answered question lost its buttons and shows the answer.
                consent = next(m for m in api.messages(RESIDENT) if "akkoord" in m["text"])
                assert "reply_markup" not in consent or not buttons(consent)
                assert consent["text"].endswith("\u00bb Ja, akkoord")
                help_question = next(
                    m for m in api.messages(RESIDENT) if "Waar heb je hulp" in m["text"]
                )
                assert help_question["text"].endswith("\u00bb Geld, Vergunning")
                notification = await see(api, TEAM_WEST, "Bankje bij de haven")
                assert "06" not in notification["text"]  # no contact details in the group
                await press(api, ANNA, TEAM_WEST, notification, "Oppakken")
                await see(api, RESIDENT, "Goed nieuws: Anna")  # the resident hears who took it up
                await see(api, ANNA, "06 12345678")  # Anna gets the details privately
                # Every button press was answered.
                pressed = {
                    update["callback_query"]["id"]
                    for update in api.handed_out()
                    if "callback_query" in update
                }
                answers = [c for c in api.calls if c.method == "answerCallbackQuery"]
                # Seven presses in the intake, one claim; each answered exactly once.
                assert len(pressed) == 8
                assert sorted(c.params["callback_query_id"] for c in answers) == sorted(pressed)
        [row] = exported(load_config(path))
        assert (row["area"], row["theme"]) == ("Ouddorp", "Groen en natuur")
        assert row["help_wanted"] == ["Geld", "Vergunning"]
        assert (row["status"], row["team"], row["claimed_by"]) == (
            "claimed",
            "Kernteam West",
            "Anna",
        )

    asyncio.run(scenario())


def test_stale_double_and_forged_presses_change_nothing(tmp_path: Path) -> None:
    neighbour = 43  # a second resident, in the middle of an intake of their own

    async def scenario() -> None:
        async with FakeBotApi() as api:
            path = telegram_config(tmp_path, api)
            async with running_bot(path, api):

                def answer_to(update_id: int) -> dict[str, Any] | None:
                    """The answerCallbackQuery of the press queued as `update_id`, if any."""
                    queries = {
                        update["callback_query"]["id"]
                        for update in api.handed_out()
                        if update["update_id"] == update_id
                    }
                    found = [
                        answer
                        for answer in api.answered_callbacks()
                        if answer["callback_query_id"] in queries
                    ]
                    return found[0] if found else None

                # Someone outside every team presses the real claim button.
                await intake(api)
                notification = await see(api, TEAM_WEST, "Bankje bij de haven")
                forged_claim = await press(api, OUTSIDER, TEAM_WEST, notification, "Oppakken")
                await api.wait_until(lambda: answer_to(forged_claim) is not None)
                refusal = answer_to(forged_claim)
                assert refusal is not None
                assert str(refusal.get("text") or "").strip(), refusal  # says why, not silent
                # Stale and double presses of another resident meanwhile.
                api.user_says(neighbour, "/start")
                consent = await see(api, neighbour, "Ga je daarmee akkoord?")
                yes = next(data for text, data in buttons(consent) if text.startswith("Ja"))
                first = api.user_presses(neighbour, neighbour, consent["message_id"], yes)
                double = api.user_presses(neighbour, neighbour, consent["message_id"], yes)
                await see(api, neighbour, "Wat is je idee?")
                await api.wait_until(lambda: answer_to(double) is not None)
                assert answer_to(first) is not None
                assert "eerdere vraag" in str((answer_to(double) or {}).get("text"))
                before = texts(api, neighbour)
                # Forged: a payload no keyboard offered.
                stale = api.user_presses(
                    neighbour, neighbour, consent["message_id"], "answer:title:x"
                )
                await api.wait_until(lambda: answer_to(stale) is not None)
                await asyncio.sleep(0.3)  # time for a wrong answer to arrive
                assert texts(api, neighbour) == before
                assert "Wat is je idee?" in texts(api, neighbour)[-1]
                # The refused claim told the resident nothing.
                assert not any("Goed nieuws" in text for text in texts(api, RESIDENT))
        [row] = exported(load_config(path))
        assert row["status"] == "submitted"
        assert not row["claimed_by"]

    asyncio.run(scenario())


def test_chat_ids_for_the_admin_and_silence_in_unknown_groups(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with FakeBotApi() as api, running_bot(telegram_config(tmp_path, api), api):
            api.user_says(ANNA, "Hallo iedereen", chat_id=UNKNOWN_GROUP, chat_type="group")
            api.user_says(ANNA, "/chatid", chat_id=UNKNOWN_GROUP, chat_type="group")
            answer = await see(api, UNKNOWN_GROUP, "telegram:-1009")
            assert f"telegram:{ANNA}" in answer["text"]
            assert len(api.messages(UNKNOWN_GROUP)) == 1  # the chatter got no answer

    asyncio.run(scenario())


def test_a_start_link_skips_the_question_it_answers(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with FakeBotApi() as api, running_bot(telegram_config(tmp_path, api), api):
            await agreed(api, "/start ouddorp")  # t.me/<bot>?start=ouddorp
            api.user_says(RESIDENT, "Bankje bij de haven")
            await see(api, RESIDENT, "Vertel wat meer")
            api.user_says(RESIDENT, "Een bankje bij de haven, om even uit te rusten.")
            await see(api, RESIDENT, "Bij welk thema")
            assert not any("In welk dorp of welke wijk" in text for text in texts(api, RESIDENT))

    asyncio.run(scenario())


def test_a_long_message_to_the_contact_arrives_whole_in_parts(tmp_path: Path) -> None:
    # Close to Telegram's own limit for what a person may type, with markup-like text
    # that grows when escaped: the relayed message with its header cannot be one message.
    long_text = " ".join(f"<b>regel {n}</b> & meer" for n in range(175))
    assert 4000 < len(long_text) <= 4096

    async def scenario() -> None:
        async with FakeBotApi() as api, running_bot(telegram_config(tmp_path, api), api):
            await intake(api)
            notification = await see(api, TEAM_WEST, "Bankje bij de haven")
            await press(api, ANNA, TEAM_WEST, notification, "Oppakken")
            await see(api, RESIDENT, "Goed nieuws: Anna")
            before = len(api.messages(ANNA))
            api.user_says(RESIDENT, long_text)
            await see(api, RESIDENT, "is doorgegeven aan Anna")
            await api.wait_until(lambda: any("regel 174" in t for t in texts(api, ANNA)))
            parts = texts(api, ANNA)[before:]
            assert len(parts) == 2
            assert all(utf16_length(part) <= 4096 for part in parts)
            assert long_text in " ".join(parts)  # escaped on the way, shown as typed
            refused = [c for c in api.calls if c.method == "sendMessage" and c.status != 200]
            assert not refused

    asyncio.run(scenario())
