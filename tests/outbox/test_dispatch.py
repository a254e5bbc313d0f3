"""The way out: order per chat, retries with backoff, parking, and no chat blocking another."""

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.config.settings import OutboxSettings
from bot.messages import Outgoing, Undeliverable
from bot.outbox.dispatch import Dispatcher
from storage import queries
from storage.db import Database
from storage.models import OutboxMessage
from tests.outbox.harness import Clock, write
from tests.platform import PlatformDown, RecordingPlatform


def dispatcher(
    db: Database, platform: RecordingPlatform, clock: Clock, tries: int = 3
) -> Dispatcher:
    settings = OutboxSettings(max_attempts=tries, first_retry_seconds=10, max_retry_seconds=60)
    return Dispatcher(db, {platform.channel: platform}, settings, clock, jitter=lambda: 0.0)


def states(db: Database) -> list[tuple[str, str, int]]:
    with db.transaction() as session:
        rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        return [(row.payload["text"], row.state, row.attempts) for row in rows]


def test_messages_go_out_in_order_per_chat(db: Database) -> None:
    platform, clock = RecordingPlatform(), Clock()
    write(db, "anna", "a1", "a2")
    write(db, "bram", "b1")
    write(db, "anna", "a3")
    assert asyncio.run(dispatcher(db, platform, clock).dispatch_due()) == 4
    assert platform.texts("anna") == ["a1", "a2", "a3"]
    assert platform.texts("bram") == ["b1"]
    assert {state for _, state, _ in states(db)} == {"sent"}


def test_a_failing_chat_waits_and_keeps_its_order_without_holding_up_others(
    db: Database,
) -> None:
    platform, clock = RecordingPlatform(failing_chats={"anna"}), Clock()
    write(db, "anna", "a1", "a2")
    write(db, "bram", "b1")
    sender = dispatcher(db, platform, clock)

    assert asyncio.run(sender.dispatch_due()) == 1
    assert platform.texts("bram") == ["b1"]
    assert states(db)[:2] == [("a1", "pending", 1), ("a2", "pending", 0)]

    platform.failing_chats.clear()
    clock.now += timedelta(seconds=9)
    assert asyncio.run(sender.dispatch_due()) == 0  # the backoff has not passed yet
    clock.now += timedelta(seconds=2)
    assert asyncio.run(sender.dispatch_due()) == 2
    assert platform.texts("anna") == ["a1", "a2"]


def test_a_message_is_parked_as_failed_after_the_last_try(db: Database) -> None:
    platform, clock = RecordingPlatform(failing_chats={"anna"}), Clock()
    write(db, "anna", "a1")
    sender = dispatcher(db, platform, clock, tries=3)
    for _ in range(3):
        asyncio.run(sender.dispatch_due())
        clock.now += timedelta(minutes=5)
    assert states(db) == [("a1", "failed", 3)]
    with db.transaction() as session:
        row = session.scalars(select(OutboxMessage)).one()
    assert "PlatformDown" in (row.last_error or "")
    assert platform.tries == 3

    write(db, "anna", "a2")
    platform.failing_chats.clear()
    asyncio.run(sender.dispatch_due())
    assert platform.texts("anna") == ["a2"]  # a parked row no longer holds the chat


def test_backoff_doubles_up_to_the_cap_and_jitter_only_shortens(db: Database) -> None:
    settings = OutboxSettings(max_attempts=10, first_retry_seconds=2, max_retry_seconds=30)
    fixed = Dispatcher(db, {}, settings, Clock(), jitter=lambda: 0.0)
    assert [fixed.backoff(n).total_seconds() for n in (1, 2, 3, 4, 5, 6)] == [2, 4, 8, 16, 30, 30]
    jittered = Dispatcher(db, {}, settings, Clock(), jitter=lambda: 0.999)
    assert 1.0 < jittered.backoff(1).total_seconds() < 2.0


def test_rows_for_a_channel_without_adapter_wait_for_it(db: Database) -> None:
    platform, clock = RecordingPlatform(), Clock()
    write(db, "-100123", "for telegram", channel="telegram")
    assert asyncio.run(dispatcher(db, platform, clock).dispatch_due()) == 0
    assert states(db) == [("for telegram", "pending", 0)]


def test_the_running_dispatcher_retries_when_the_backoff_has_passed(db: Database) -> None:
    delivered = asyncio.Event()

    class FailsOnce(RecordingPlatform):
        async def send(self, message: Outgoing) -> None:
            if self.tries == 0:
                self.tries += 1
                raise PlatformDown("first try fails")
            await super().send(message)
            delivered.set()

    platform = FailsOnce()
    with db.transaction() as session:
        queries.enqueue_many(session, [("console", "anna", {"text": "a1"})], datetime.now(UTC))
    settings = OutboxSettings(first_retry_seconds=0.2, max_retry_seconds=1)
    sender = Dispatcher(db, {"console": platform}, settings, lambda: datetime.now(UTC))

    async def run_until_sent() -> None:
        running = asyncio.create_task(sender.run())
        try:
            # Bounded: the retry is due after at most 0.2 s, far below the idle poll of 30 s.
            await asyncio.wait_for(delivered.wait(), 10)
        finally:
            running.cancel()
            await asyncio.gather(running, return_exceptions=True)

    asyncio.run(run_until_sent())
    assert platform.texts("anna") == ["a1"]
    assert platform.tries == 2


def test_closing_finishes_the_message_in_hand_and_leaves_the_rest(db: Database) -> None:
    sending = asyncio.Event()
    may_finish = asyncio.Event()

    class Slow(RecordingPlatform):
        async def send(self, message: Outgoing) -> None:
            sending.set()
            await may_finish.wait()
            await super().send(message)

    platform = Slow()
    write(db, "anna", "a1", "a2")
    sender = Dispatcher(db, {"console": platform}, OutboxSettings(), Clock())

    async def close_while_sending() -> None:
        running = asyncio.create_task(sender.run())
        await asyncio.wait_for(sending.wait(), 10)
        sender.close()
        may_finish.set()
        await asyncio.wait_for(running, 10)  # returns by itself, not cancelled

    asyncio.run(close_while_sending())
    assert platform.texts("anna") == ["a1"]
    with db.transaction() as session:
        states = session.scalars(select(OutboxMessage.state).order_by(OutboxMessage.id)).all()
    assert states == ["sent", "pending"]  # a1 recorded as sent: not sent twice after a restart


def test_a_chat_that_cannot_be_reached_at_all_is_parked_at_the_first_try(db: Database) -> None:
    class Blocked(RecordingPlatform):
        async def send(self, message: Outgoing) -> None:
            if message.chat_id == "anna":
                raise Undeliverable("the bot was blocked")
            await super().send(message)

    platform = Blocked()
    write(db, "anna", "a1", "a2")
    write(db, "bert", "b1")
    sender = Dispatcher(db, {"console": platform}, OutboxSettings(max_attempts=8), Clock())
    asyncio.run(sender.dispatch_due())
    assert platform.texts("bert") == ["b1"]
    with db.transaction() as session:
        rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
        states = [(row.chat_id, row.state, row.attempts) for row in rows]
    # a1 parked at once; a2 waits behind it in order, untried.
    assert states == [("anna", "failed", 1), ("anna", "pending", 0), ("bert", "sent", 0)]


def test_an_erased_residents_goodbye_leaves_no_row_once_sent_or_given_up(db: Database) -> None:
    platform, clock = RecordingPlatform(failing_chats={"gone"}), Clock()
    with db.transaction() as session:
        for chat in ("erased", "gone"):
            goodbye = {"text": "Klaar", "forget_once_sent": True}
            queries.enqueue_many(session, [("console", chat, goodbye)], clock.now)
    write(db, "anna", "kept")
    sender = dispatcher(db, platform, clock, tries=1)

    assert asyncio.run(sender.dispatch_due()) == 2
    assert platform.texts("erased") == ["Klaar"]
    assert states(db) == [("kept", "sent", 0)]  # "gone" failed its only try: deleted too
