"""Flood limits per group and overall, the photo size cap, and messages the bot cannot read."""

import asyncio
import itertools
import time
from pathlib import Path

from tests.adapters.telegram.fake_bot_api import FakeBotApi
from tests.adapters.telegram.harness import (
    ANNA,
    RESIDENT,
    TEAM_WEST,
    agreed,
    running_bot,
    see,
    telegram_config,
    texts,
)

UNREADABLE = "Ik kan tekst, locaties en foto's lezen."
PHOTO_ADDED = "Foto toegevoegd"


def sent_at(api: FakeBotApi, chat_id: int | None = None) -> list[float]:
    """When each successful sendMessage (to `chat_id`, or to any chat) reached the server."""
    return [
        call.at
        for call in api.calls
        if call.method == "sendMessage"
        and call.status == 200
        and (chat_id is None or call.params.get("chat_id") == chat_id)
    ]


def most_in_a_window(times: list[float], seconds: float) -> int:
    """The most of `times` that fall within any half-open window [t, t + seconds)."""
    ordered = sorted(times)
    return max(
        (sum(1 for later in ordered[index:] if later < start + seconds))
        for index, start in enumerate(ordered)
    )


def test_a_group_gets_at_most_its_rate_per_minute(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with FakeBotApi() as api:
            # 60 a minute is one a second; the private chats stay fast.
            path = telegram_config(tmp_path, api, messages_per_group_per_minute="60.0")
            async with running_bot(path, api):
                for _ in range(3):
                    api.user_says(ANNA, "/chatid", chat_id=TEAM_WEST, chat_type="group")
                await api.wait_until(lambda: len(sent_at(api, TEAM_WEST)) >= 3, timeout=8)
                await asyncio.sleep(0.2)  # a fourth reply would be a bug too
                times = sent_at(api, TEAM_WEST)
                assert len(times) == 3  # one reply to each /chatid
                assert all(f"telegram:{TEAM_WEST}" in text for text in texts(api, TEAM_WEST))
                gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
                assert min(gaps) >= 0.9, gaps  # one a second, with a little slack for timers

    asyncio.run(scenario())


def test_all_chats_together_get_at_most_the_overall_rate(tmp_path: Path) -> None:
    people = list(range(2001, 2009))  # eight residents, each in their own private chat

    async def scenario() -> None:
        async with FakeBotApi() as api:
            path = telegram_config(
                tmp_path, api, messages_per_second="5.0", messages_per_chat_per_second="100.0"
            )
            async with running_bot(path, api):
                for person in people:
                    api.user_says(person, "/start")  # two messages each: welcome and consent
                await api.wait_until(
                    lambda: all(len(api.sent(person)) >= 2 for person in people), timeout=9
                )
                for person in people:
                    shown = texts(api, person)
                    assert len(shown) == 2, shown
                    assert shown[0].startswith("Welkom")
                    assert "Ga je daarmee akkoord?" in shown[1]
                times = sent_at(api)
                assert len(times) == 16
                # Five a second, and one for timers that round the other way.
                assert most_in_a_window(times, 1.0) <= 6, sorted(t - times[0] for t in times)

    asyncio.run(scenario())


def test_a_photo_over_the_size_cap_is_acknowledged_but_not_copied(tmp_path: Path) -> None:
    # The fake sends a photo in three sizes: a quarter, half and all of its bytes.
    too_big = b"\xff\xd8" + b"G" * 1200 + b"\xff\xd9"  # smallest size: 301 bytes
    fits = b"\xff\xd8 a small photo \xff\xd9"
    photos = tmp_path / "data" / "photos"

    async def scenario() -> None:
        async with FakeBotApi() as api:
            path = telegram_config(tmp_path, api, photo_max_bytes="200")
            async with running_bot(path, api):
                await agreed(api)
                api.user_sends_photo(RESIDENT, too_big)
                await see(api, RESIDENT, f"{PHOTO_ADDED} (1 van hoogstens 5)")
                assert not photos.exists() or not list(photos.iterdir())
                file_calls = [c for c in api.calls if c.method == "getFile"]
                assert not file_calls  # not even asked for
                api.user_sends_photo(RESIDENT, fits)
                await see(api, RESIDENT, f"{PHOTO_ADDED} (2 van hoogstens 5)")
                # Still at the title question: a photo does not answer it.
                assert not any("Vertel wat meer" in text for text in texts(api, RESIDENT))
                api.user_says(RESIDENT, "Bankje bij de haven")
                await see(api, RESIDENT, "Vertel wat meer")
        kept = sorted(photos.iterdir())
        assert [path.read_bytes() for path in kept] == [fits]
        assert not [path for path in kept if path.suffix == ".part"]

    asyncio.run(scenario())


def test_voice_document_and_video_are_answered_with_what_the_bot_can_read(
    tmp_path: Path,
) -> None:
    def raw_message(api: FakeBotApi, message_id: int, fields: dict[str, object]) -> int:
        return api.queue_raw_update(
            {
                "message": {
                    "message_id": message_id,
                    "from": {"id": RESIDENT, "is_bot": False, "first_name": "Bewoner"},
                    "chat": {"id": RESIDENT, "type": "private", "first_name": "Bewoner"},
                    "date": int(time.time()),
                    **fields,
                }
            }
        )

    document = {
        "file_id": "BQACAgQAAxkBdocument",
        "file_unique_id": "AgADdocument",
        "file_name": "plan.pdf",
        "mime_type": "application/pdf",
        "file_size": 12345,
    }
    video = {
        "file_id": "BAACAgQAAxkBvideo",
        "file_unique_id": "AgADvideo",
        "width": 640,
        "height": 480,
        "duration": 4,
        "file_size": 54321,
    }

    async def scenario() -> None:
        async with FakeBotApi() as api, running_bot(telegram_config(tmp_path, api), api):

            def answers() -> int:
                return sum(UNREADABLE in text for text in texts(api, RESIDENT))

            api.user_sends_voice(RESIDENT)
            await api.wait_until(lambda: answers() == 1)
            raw_message(api, 900, {"document": document})
            await api.wait_until(lambda: answers() == 2)
            raw_message(api, 901, {"video": video})
            await api.wait_until(lambda: answers() == 3)
            await asyncio.sleep(0.2)
            # One answer each, and nothing else: no intake was started by them.
            shown = texts(api, RESIDENT)
            assert len(shown) == 3, shown
            assert all(text.startswith(UNREADABLE) for text in shown), shown
            assert not [c for c in api.calls if c.method == "getFile"]

    asyncio.run(scenario())
