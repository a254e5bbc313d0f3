"""Group commit: events wait in line, go in together, and fail only their own waiters."""

import asyncio
import threading
from collections.abc import Sequence

import pytest

from bot.runtime.group_commit import GroupCommit

pytestmark = pytest.mark.pure


class Recorder:
    """A batch runner that doubles numbers, refuses negative ones, and can be held."""

    def __init__(self) -> None:
        self.batches: list[list[int]] = []
        self.release = threading.Event()
        self.release.set()

    def run(self, events: Sequence[int]) -> list[int | Exception]:
        self.release.wait(5)
        self.batches.append(list(events))
        return [ValueError(str(n)) if n < 0 else n * 2 for n in events]


def test_events_that_wait_together_go_in_one_batch_in_arrival_order() -> None:
    recorder = Recorder()

    async def scene() -> list[int]:
        group = GroupCommit(recorder.run)
        recorder.release.clear()  # the first batch is held; the rest line up behind it
        first = asyncio.create_task(group.handle(1))
        await asyncio.sleep(0.05)
        rest = [asyncio.create_task(group.handle(n)) for n in (2, 3, 4)]
        await asyncio.sleep(0.05)
        recorder.release.set()
        return await asyncio.gather(first, *rest)

    assert asyncio.run(scene()) == [2, 4, 6, 8]
    assert recorder.batches == [[1], [2, 3, 4]]


def test_a_batch_is_no_larger_than_its_most() -> None:
    recorder = Recorder()

    async def scene() -> None:
        group = GroupCommit(recorder.run, most=2)
        await asyncio.gather(*(group.handle(n) for n in range(5)))

    asyncio.run(scene())
    assert recorder.batches == [[0, 1], [2, 3], [4]]


def test_an_event_that_fails_fails_only_its_own_waiter() -> None:
    recorder = Recorder()

    async def scene() -> list[int | BaseException]:
        group = GroupCommit(recorder.run)
        return await asyncio.gather(
            group.handle(1), group.handle(-1), group.handle(3), return_exceptions=True
        )

    first, failed, third = asyncio.run(scene())
    assert (first, third) == (2, 6)
    assert isinstance(failed, ValueError)


def test_a_runner_that_breaks_fails_its_batch_and_the_next_events_still_go_in() -> None:
    calls: list[list[int]] = []

    def breaks_once(events: Sequence[int]) -> list[int | Exception]:
        calls.append(list(events))
        if len(calls) == 1:
            raise RuntimeError("the thread could not run it")
        return list(events)

    async def scene() -> int:
        group = GroupCommit(breaks_once)
        with pytest.raises(RuntimeError):
            await group.handle(1)
        return await group.handle(2)

    assert asyncio.run(scene()) == 2
    assert calls == [[1], [2]]


def test_a_lane_keeps_its_order_while_another_lane_goes_on() -> None:
    held = threading.Event()
    batches: list[list[str]] = []

    def run(events: Sequence[str]) -> list[str | Exception]:
        if "slow-1" in events:
            held.wait(5)  # this lane is busy; the other one must not wait for it
        batches.append(list(events))
        return list(events)

    async def scene() -> list[str]:
        group: GroupCommit[str, str] = GroupCommit(run, lanes=2, lane_of=lambda e: e[:4])
        slow = [asyncio.create_task(group.handle(f"slow-{n}")) for n in (1, 2)]
        await asyncio.sleep(0.05)
        quick = await group.handle("fast-1")  # answered while "slow" is still held
        held.set()
        return [quick, *await asyncio.gather(*slow)]

    assert asyncio.run(scene()) == ["fast-1", "slow-1", "slow-2"]
    slow_batches = [batch for batch in batches if batch[0].startswith("slow")]
    assert [event for batch in slow_batches for event in batch] == ["slow-1", "slow-2"]


def test_the_step_after_a_batch_runs_in_the_event_loop_with_its_results() -> None:
    seen: list[tuple[list[int | Exception], bool]] = []

    def after(results: Sequence[int | Exception]) -> None:
        seen.append((list(results), threading.current_thread() is threading.main_thread()))

    async def scene() -> int:
        group = GroupCommit(Recorder().run, then=after)
        answer = await group.handle(4)
        await group.idle()
        return answer

    assert asyncio.run(scene()) == 8
    assert seen == [([8], True)]
