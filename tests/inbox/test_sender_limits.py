"""A sliding minute per sender: one warning, then silence, then room again."""

from datetime import UTC, datetime, timedelta

import pytest

from bot.inbox.sender_limits import SenderLimits, Verdict

pytestmark = pytest.mark.pure


NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def test_over_the_limit_one_warning_then_silence_until_the_minute_passed() -> None:
    limits = SenderLimits(per_minute=3)
    verdicts = [limits.check("telegram:1", NOW + timedelta(seconds=i)) for i in range(6)]
    assert verdicts == [
        Verdict.ALLOWED,
        Verdict.ALLOWED,
        Verdict.ALLOWED,
        Verdict.WARN,
        Verdict.IGNORE,
        Verdict.IGNORE,
    ]
    assert limits.check("telegram:2", NOW + timedelta(seconds=5)) is Verdict.ALLOWED
    assert limits.check("telegram:1", NOW + timedelta(seconds=60)) is Verdict.ALLOWED


def test_a_steady_sender_within_the_limit_is_never_stopped() -> None:
    limits = SenderLimits(per_minute=20)
    for second in range(0, 600, 3):  # one message every three seconds for ten minutes
        assert limits.check("matrix:@lies:example.org", NOW + timedelta(seconds=second)) is (
            Verdict.ALLOWED
        )
