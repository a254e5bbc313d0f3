"""Replanning: what changes within a moment, or while a pass runs, is planned together."""

import asyncio
import logging
import threading
from collections.abc import Sequence

import pytest

from bot.schedule.replanning import MOST_PER_PASS, Replanning

pytestmark = pytest.mark.pure


class Planner:
    """Records each pass; the first can be held, and a reference can make a pass fail."""

    def __init__(self, failing: str = "") -> None:
        self.passes: list[list[str]] = []
        self.release = threading.Event()
        self.release.set()
        self.failing = failing

    def plan(self, references: Sequence[str]) -> None:
        self.release.wait(5)
        self.passes.append(list(references))
        if self.failing in references:
            raise ConnectionError("the database went away")


def test_references_added_within_the_moment_a_pass_gathers_go_in_it() -> None:
    planner = Planner()

    async def scene() -> list[list[str]]:
        replanning = Replanning(planner.plan, gather_seconds=0.2)
        replanning.add(["2026-0001"])
        await asyncio.sleep(0.05)
        replanning.add(["2026-0002", "2026-0001"])  # a second change of the first: once
        await asyncio.sleep(0.5)  # no stop asks for it: the pass runs once it has gathered
        return planner.passes

    assert asyncio.run(scene()) == [["2026-0001", "2026-0002"]]


def test_references_added_during_a_pass_are_planned_together_after_it() -> None:
    planner = Planner()

    async def scene() -> None:
        replanning = Replanning(planner.plan, gather_seconds=60)
        planner.release.clear()
        replanning.add(["2026-0001"])
        stopping = asyncio.create_task(replanning.idle())  # no gathering: the pass starts
        await asyncio.sleep(0.05)  # and is held
        replanning.add(["2026-0002"])
        replanning.add(["2026-0003"])
        planner.release.set()
        await stopping

    asyncio.run(scene())
    assert planner.passes == [["2026-0001"], ["2026-0002", "2026-0003"]]


def test_a_failed_pass_is_logged_and_later_ones_still_run(
    caplog: pytest.LogCaptureFixture,
) -> None:

    planner = Planner(failing="2026-0001")

    async def scene() -> None:
        replanning = Replanning(planner.plan, gather_seconds=60)  # idle() does not wait
        replanning.add(["2026-0001"])
        await replanning.idle()
        replanning.add(["2026-0002"])
        await replanning.idle()

    with caplog.at_level(logging.WARNING, logger="bot.schedule.replanning"):
        asyncio.run(scene())
    assert planner.passes == [["2026-0001"], ["2026-0002"]]
    assert "follow-ups not planned yet (ConnectionError)" in caplog.text


def test_a_pass_takes_at_most_its_share() -> None:
    planner = Planner()
    references = [f"2026-{number:04d}" for number in range(MOST_PER_PASS + 3)]

    async def scene() -> None:
        replanning = Replanning(planner.plan)
        replanning.add(references)
        await replanning.idle()

    asyncio.run(scene())
    assert planner.passes == [references[:MOST_PER_PASS], references[MOST_PER_PASS:]]


def test_nothing_to_plan_starts_no_pass() -> None:
    planner = Planner()

    async def scene() -> None:
        replanning = Replanning(planner.plan)
        replanning.add([])
        await replanning.idle()

    asyncio.run(scene())
    assert planner.passes == []
