"""Photos a resident sends are copied to disk for their owner's eyes only (0600 in a
0700 folder), whatever the umask, also when the folder was there before."""

import asyncio
from pathlib import Path

import pytest

from tests.adapters.modes import PRIVATE_FILE, PRIVATE_FOLDER, mode
from tests.adapters.telegram.fake_bot_api import FakeBotApi
from tests.adapters.telegram.harness import RESIDENT, agreed, running_bot, see, telegram_config


@pytest.mark.usefixtures("open_umask")
def test_a_copied_photo_is_readable_by_the_bot_alone(tmp_path: Path) -> None:
    photos = tmp_path / "data" / "photos"
    photos.mkdir(parents=True, mode=0o755)  # as an older version left it

    async def scenario() -> None:
        async with FakeBotApi() as api, running_bot(telegram_config(tmp_path, api), api):
            await agreed(api)
            api.user_sends_photo(RESIDENT, b"\xff\xd8 a bench by the harbour \xff\xd9")
            await see(api, RESIDENT, "Foto toegevoegd")

    asyncio.run(scenario())
    [photo] = photos.iterdir()
    assert (mode(photos), mode(photo)) == (PRIVATE_FOLDER, PRIVATE_FILE)


def test_the_same_picture_sent_twice_is_kept_twice(tmp_path: Path) -> None:
    """Erasing or discarding one copy must never take another message's photo."""
    photos = tmp_path / "data" / "photos"

    async def scenario() -> None:
        async with FakeBotApi() as api, running_bot(telegram_config(tmp_path, api), api):
            await agreed(api)
            first = api.user_sends_photo(RESIDENT, b"\xff\xd8 the village pond \xff\xd9")
            await see(api, RESIDENT, "Foto toegevoegd")
            api.user_sends_photo_again(RESIDENT, first)
            await api.wait_until(lambda: len(list(photos.iterdir())) == 2, 10.0)

    asyncio.run(scenario())
    first_copy, second_copy = (path.read_bytes() for path in photos.iterdir())
    assert first_copy == second_copy
