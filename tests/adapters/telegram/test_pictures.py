"""On Telegram, through the real library and HTTP: the photo and the spot a resident sent
with the intake reach the contact who takes it up as Telegram shows them, a photo in the
chat and a pin on a map; the team's group reads only how many there are."""

import asyncio
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from adapters.telegram.adapter import TelegramAdapter
from adapters.telegram.options import TelegramOptions
from bot.messages import Attachment, Incoming, Location, Outgoing
from tests.adapters.telegram.fake_bot_api import FakeBotApi
from tests.adapters.telegram.harness import (
    ANNA,
    RESIDENT,
    TEAM_WEST,
    agreed,
    press,
    running_bot,
    see,
    telegram_config,
)
from tests.adapters.telegram.test_faults import until_sent

BENCH = b"\xff\xd8 the bench by the harbour \xff\xd9"
HARBOUR = (51.815123, 3.930456)


async def hand_in_with_photo_and_spot(api: FakeBotApi) -> str:
    """The resident sends a photo and shares the harbour at the area question; the
    reference they get."""
    await agreed(api)
    api.user_sends_photo(RESIDENT, BENCH)
    await see(api, RESIDENT, "Foto toegevoegd")
    api.user_says(RESIDENT, "Bankje bij de haven")
    await see(api, RESIDENT, "Vertel wat meer")
    api.user_says(RESIDENT, "Een bankje bij de haven, zodat ouderen even kunnen uitrusten.")
    await see(api, RESIDENT, "In welk dorp of welke wijk")
    api.user_shares_location(RESIDENT, *HARBOUR)
    theme = await see(api, RESIDENT, "Bij welk thema")
    await press(api, RESIDENT, RESIDENT, theme, "Groen")
    await see(api, RESIDENT, "Waar heb je hulp")
    for answer, next_question in (
        ("1, 3", "Wat is je naam?"),
        ("Anna de Vries", "Doe je dit samen met een groep"),
        ("nee", "Wie doen er al mee?"),
        ("nee", "Op welk telefoonnummer"),
        ("06-12345678", "Klopt alles?"),
    ):
        api.user_says(RESIDENT, answer)
        summary = await see(api, RESIDENT, next_question)
    await press(api, RESIDENT, RESIDENT, summary, "Ja, versturen")
    thanks = await see(api, RESIDENT, "Dank je wel!")
    found = re.search(r"\d{4}-\d{4}", str(thanks["text"]))
    assert found is not None
    return found.group()


def kinds(messages: Sequence[dict[str, Any]]) -> list[str]:
    """What each message is, as a Telegram app draws it."""
    return [next(k for k in ("photo", "location", "document", "text") if k in m) for m in messages]


def test_the_contact_who_takes_it_up_sees_the_photo_and_a_pin(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with FakeBotApi() as api, running_bot(telegram_config(tmp_path, api), api):
            reference = await hand_in_with_photo_and_spot(api)
            # The group's notification counts them and says where to see them.
            notification = await see(api, TEAM_WEST, f"toon {reference}")
            await press(api, ANNA, TEAM_WEST, notification, "Oppakken")
            await api.wait_until(lambda: api.photos(ANNA) == [BENCH])
            assert api.locations(ANNA) == [HARBOUR]
            # The contact details, the spot with its map link, then the pin; the photo's
            # caption, then the photo.
            assert kinds(api.messages(ANNA)) == ["text", "text", "location", "text", "photo"]
            link = str(api.messages(ANNA)[1]["text"])
            assert "openstreetmap.org/?mlat=51.815123&mlon=3.930456" in link
            assert api.locations(TEAM_WEST) == []
            # Asked again in private, they come again.
            api.user_says(ANNA, f"toon {reference}")
            await api.wait_until(lambda: len(api.photos(ANNA)) == 2)
            assert api.locations(ANNA) == [HARBOUR, HARBOUR]

    asyncio.run(scenario())


def test_a_picture_telegram_cannot_show_as_a_photo_arrives_as_a_document() -> None:
    async def core(page: Sequence[Incoming]) -> list[Any]:
        return []

    async def scenario() -> None:
        async with FakeBotApi() as api:
            options = TelegramOptions(
                token=api.token,
                base_url=api.base_url,
                base_file_url=api.base_file_url,
                poll_timeout_seconds=1,
                first_retry_seconds=0.05,
            )
            adapter = TelegramAdapter(options)
            await adapter.start(core)
            try:
                damaged = Attachment("2026-0001-foto-1.jpg", "image/jpeg", b"not a picture")
                photo = Outgoing("telegram", str(ANNA), "Foto 1 van 1", attachment=damaged)
                await until_sent(adapter, photo)
                pin = Outgoing("telegram", str(ANNA), "De plek", location=Location(*HARBOUR))
                await until_sent(adapter, pin)
            finally:
                await adapter.stop()
            assert api.documents(ANNA) == [("2026-0001-foto-1.jpg", b"not a picture")]
            assert kinds(api.messages(ANNA)) == ["text", "document", "text", "location"]

    asyncio.run(scenario())
