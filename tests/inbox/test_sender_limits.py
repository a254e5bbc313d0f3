"""A sliding minute per sender: one warning, then silence, then room again."""

import tracemalloc
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


def test_senders_quiet_for_a_minute_are_forgotten() -> None:
    limits = SenderLimits(per_minute=20)
    for n in range(200_000):  # a new account every 10 ms, for more than half an hour
        limits.check(f"telegram:{n}", NOW + timedelta(milliseconds=10 * n))
    assert len(limits) <= 60 * 100  # a minute's worth of them


def test_a_crowd_within_one_minute_is_capped_and_the_flooder_still_held() -> None:
    limits = SenderLimits(per_minute=3, most_senders=1_000)
    for _ in range(4):
        limits.check("telegram:flooder", NOW)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for n in range(20_000):
            limits.check(f"telegram:{n}", NOW + timedelta(seconds=1))
            if n % 500 == 0:  # the flooder keeps going, and stays the most recent
                assert limits.check("telegram:flooder", NOW + timedelta(seconds=2)) is (
                    Verdict.IGNORE
                )
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(limits) <= 1_000
    assert held < 2_000_000  # bytes: about a kilobyte per account remembered, at most
