"""Which follow-ups an initiative needs and when: read off its trail, on the local clock."""

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.config import Config, ConfigError, Span, load_config
from bot.followups import (
    ESCALATE,
    UNCLAIMED,
    Planned,
    TrailEntry,
    parse_job_id,
    plan,
    waiting,
)
from bot.timerules import TimeRules, time_rules
from tests.configs import example, set_key

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def local(month: int, day: int, hour: int, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


@pytest.fixture
def rules(config: Config) -> TimeRules:
    return time_rules(config)


def planned_for(
    config: Config, rules: TimeRules, *trail: tuple[str, datetime], status: str = "submitted"
) -> dict[str, datetime]:
    case = waiting("2026-0042", status, [TrailEntry(kind, at) for kind, at in trail])
    return {entry.kind: entry.at for entry in plan(case, rules, config.schedule)}


@pytest.mark.parametrize(
    ("routed", "reminded", "escalated"),
    [
        # Monday 10:00: Wednesday, and the Monday after.
        (local(11, 23, 10), local(11, 25, 10), local(11, 30, 10)),
        # Friday afternoon: the weekend does not count.
        (local(11, 27, 16, 30), local(12, 1, 16, 30), local(12, 4, 16, 30)),
        # Saturday: counting starts on Monday (the first working day after it).
        (local(11, 28, 11), local(12, 1, 11), local(12, 4, 11)),
        # Christmas Eve: Christmas, the weekend and New Year's Day are no working days.
        (local(12, 24, 10), local(12, 29, 10), local(1, 4, 10, year=2027)),
        # Into summer time: Friday 10:00 CET is Tuesday 10:00 CEST, an hour less in UTC.
        (local(3, 27, 10), local(3, 31, 10), local(4, 3, 10)),
        # Out of summer time on the last Sunday of October.
        (local(10, 23, 10), local(10, 27, 10), local(10, 30, 10)),
        # Routed late in the evening: due in quiet hours, so the next morning at 08:00.
        (local(11, 23, 22, 15), local(11, 26, 8), local(12, 1, 8)),
        # Due on Friday 22:00 would move into Saturday: a working-day wait ends on Monday.
        (local(11, 25, 22), local(11, 30, 8), local(12, 3, 8)),
    ],
)
def test_an_unclaimed_initiative_is_reminded_and_escalated_in_working_days(
    config: Config,
    rules: TimeRules,
    routed: datetime,
    reminded: datetime,
    escalated: datetime,
) -> None:
    found = planned_for(config, rules, ("submitted", routed), ("routed", routed))
    assert found == {UNCLAIMED: reminded, ESCALATE: escalated}
    assert all(moment.tzinfo == UTC for moment in found.values())


def test_the_reminder_keeps_the_local_hour_across_summer_time(
    config: Config, rules: TimeRules
) -> None:
    before = planned_for(config, rules, ("routed", local(3, 27, 10)))[UNCLAIMED]
    after = planned_for(config, rules, ("routed", local(10, 23, 10)))[UNCLAIMED]
    assert (before.hour, after.hour) == (8, 9)  # 10:00 local: CEST is UTC+2, CET UTC+1


def test_five_january_working_days_skip_new_years_day(config: Config, rules: TimeRules) -> None:
    found = planned_for(config, rules, ("routed", local(12, 31, 9)))
    assert found[UNCLAIMED] == local(1, 5, 9, year=2027)  # 1 Jan is a holiday, then a weekend
    assert found[ESCALATE] == local(1, 8, 9, year=2027)


def test_claiming_cancels_both(config: Config, rules: TimeRules) -> None:
    trail = (("routed", local(11, 23, 10)), ("claimed", local(11, 23, 11)))
    assert planned_for(config, rules, *trail, status="claimed") == {}


@pytest.mark.parametrize("status", ["done", "not_feasible", "withdrawn"])
def test_closed_initiatives_need_nothing(config: Config, rules: TimeRules, status: str) -> None:
    assert planned_for(config, rules, ("routed", local(11, 23, 10)), status=status) == {}


def test_a_reminder_sent_leaves_only_the_escalation(config: Config, rules: TimeRules) -> None:
    trail = (("routed", local(11, 23, 10)), ("reminded", local(11, 25, 10)))
    assert planned_for(config, rules, *trail) == {ESCALATE: local(11, 30, 10)}


def test_both_sent_leaves_nothing(config: Config, rules: TimeRules) -> None:
    trail = (
        ("routed", local(11, 23, 10)),
        ("reminded", local(11, 25, 10)),
        ("escalated", local(11, 30, 10)),
    )
    assert planned_for(config, rules, *trail) == {}


@pytest.mark.parametrize("handover", ["forwarded", "released"])
def test_forwarding_or_releasing_starts_the_clock_again(
    config: Config, rules: TimeRules, handover: str
) -> None:
    trail = (
        ("routed", local(11, 23, 10)),
        ("reminded", local(11, 25, 10)),
        ("claimed", local(11, 25, 11)),
        (handover, local(11, 26, 14)),
    )
    assert planned_for(config, rules, *trail) == {
        UNCLAIMED: local(11, 30, 14),
        ESCALATE: local(12, 3, 14),
    }


def load_text(text: str, tmp_path: Path) -> Config:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def test_the_waiting_times_come_from_the_config(tmp_path: Path) -> None:
    text = set_key(example(), "[schedule]", "remind_after", '"4 hours"')
    text = set_key(text, "[schedule]", "escalate_after", '"1 week"')
    config = load_text(text, tmp_path)
    rules = time_rules(config)
    found = planned_for(config, rules, ("routed", local(11, 23, 10)))
    assert found == {UNCLAIMED: local(11, 23, 14), ESCALATE: local(11, 30, 10)}


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("2 working days", Span(2, "working days")),
        ("1 working day", Span(1, "working days")),
        ("10 days", Span(10, "days")),
        ("8 weeks", Span(8, "weeks")),
        (" 4 hours ", Span(4, "hours")),
    ],
)
def test_waiting_times_are_read_as_people_write_them(text: str, span: Span) -> None:
    assert Span.parse(text) == span


@pytest.mark.parametrize("text", ["2", "two days", "0 days", "2 werkdagen", "-1 days", "2 months"])
def test_an_unclear_waiting_time_names_the_key(text: str, tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as raised:
        load_text(set_key(example(), "[schedule]", "remind_after", f'"{text}"'), tmp_path)
    assert "schedule.remind_after: Value error, must be a number and a unit" in str(raised.value)


def test_job_ids_name_kind_and_reference() -> None:
    entry = Planned(local(11, 25, 10), UNCLAIMED, "2026-0042")
    assert entry.job_id == "unclaimed:2026-0042"
    assert parse_job_id(entry.job_id) == (UNCLAIMED, "2026-0042")
    assert parse_job_id("replan") is None
    assert parse_job_id("somethingelse:2026-0042") is None
