"""python-telegram-bot as the adapter sets it up, also where a test uses it without one."""

import pytest


@pytest.fixture(autouse=True)
def _durations_as_timedeltas(monkeypatch: pytest.MonkeyPatch) -> None:
    """The switch the Telegram adapter turns on when it is made (see TelegramAdapter)."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
