"""Which follow-ups an initiative needs and when: read off its trail, on the local clock."""

from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.cases.timerules import TimeRules, time_rules
from bot.config.settings import Config, ConfigError, Span, load_config
from bot.followups.plans import FollowUp, JobId, Planned, parse_job_id
from bot.followups.rules import Contact, TrailEntry, facts, last_contact, plan
from tests.configs import example, set_key
from tests.conftest import EXAMPLE_CONFIG

pytestmark = pytest.mark.pure

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def local(month: int, day: int, hour: int, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


@pytest.fixture
def rules(config: Config) -> TimeRules:
    return time_rules(config)


Step = tuple[str, datetime] | tuple[str, datetime, dict[str, Any]]


def planned_for(
    config: Config, rules: TimeRules, *trail: Step, status: str = "submitted"
) -> dict[str, datetime]:
    entries = [TrailEntry(step[0], step[1], step[2] if len(step) == 3 else {}) for step in trail]
    case = facts("2026-0042", status, entries)
    return {entry.kind: entry.at for entry in plan(case, rules, config.schedule)}


@pytest.mark.parametrize(
    ("routed", "reminded", "escalated"),
    [
        # Monday 10:00: Wednesday, and the Monday after.
        (local(11, 23, 10), local(11, 25, 10), local(11, 30, 10)),
        # Friday afternoon: the weekend does not count.
        (local(11, 27, 16, 30), local(12, 1, 16, 30), local(12, 4, 16, 30)),
        # Saturday: counting starts on Monday at 08:00, the start of the working day after it.
        (local(11, 28, 11), local(12, 2, 8), local(12, 7, 8)),
        # Sunday: the same; two working days are Monday and Tuesday, due Wednesday morning.
        (local(11, 29, 14), local(12, 2, 8), local(12, 7, 8)),
        # Friday evening, after hours: as if handed in on Monday morning.
        (local(11, 27, 22, 30), local(12, 2, 8), local(12, 7, 8)),
        # On a holiday (Eerste Kerstdag, a Friday, and Boxing Day on Saturday): from Monday.
        (local(12, 25, 12), local(12, 30, 8), local(1, 5, 8, year=2027)),
        # Early on a working day: from 08:00 that day.
        (local(11, 24, 6), local(11, 26, 8), local(12, 1, 8)),
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
    found = planned_for(config, rules, ("routed", routed))
    # The team's reminder goes with the morning round of the day it falls due.
    morning = reminded.replace(hour=8, minute=0)
    assert found == {FollowUp.UNCLAIMED: morning, FollowUp.ESCALATE: escalated}
    assert all(moment.tzinfo == UTC for moment in found.values())


def test_the_follow_ups_keep_the_local_hour_across_summer_time(
    config: Config, rules: TimeRules
) -> None:
    before = planned_for(config, rules, ("routed", local(3, 27, 10)))
    after = planned_for(config, rules, ("routed", local(10, 23, 10)))
    # 10:00 and the 08:00 morning round, local: CEST is UTC+2, CET UTC+1.
    assert (before[FollowUp.ESCALATE].hour, after[FollowUp.ESCALATE].hour) == (8, 9)
    assert (before[FollowUp.UNCLAIMED].hour, after[FollowUp.UNCLAIMED].hour) == (6, 7)


def test_five_january_working_days_skip_new_years_day(config: Config, rules: TimeRules) -> None:
    found = planned_for(config, rules, ("routed", local(12, 31, 9)))
    # 1 Jan is a holiday, then a weekend; the reminder goes with that morning's round.
    assert found[FollowUp.UNCLAIMED] == local(1, 5, 8, year=2027)
    assert found[FollowUp.ESCALATE] == local(1, 8, 9, year=2027)


def test_claiming_cancels_both_and_plans_the_check_in(config: Config, rules: TimeRules) -> None:
    trail = (("routed", local(11, 23, 10)), ("claimed", local(11, 23, 11)))
    assert planned_for(config, rules, *trail, status="claimed") == {
        FollowUp.CHECKIN: local(12, 3, 11)
    }


@pytest.mark.parametrize("status", ["done", "not_feasible", "withdrawn"])
def test_closed_initiatives_need_nothing(config: Config, rules: TimeRules, status: str) -> None:
    assert planned_for(config, rules, ("routed", local(11, 23, 10)), status=status) == {}


def test_a_reminder_sent_leaves_only_the_escalation(config: Config, rules: TimeRules) -> None:
    trail = (("routed", local(11, 23, 10)), ("reminded", local(11, 25, 10)))
    assert planned_for(config, rules, *trail) == {FollowUp.ESCALATE: local(11, 30, 10)}


def test_both_sent_leaves_nothing(config: Config, rules: TimeRules) -> None:
    trail = (
        ("routed", local(11, 23, 10)),
        ("reminded", local(11, 25, 10)),
        ("escalated", local(11, 30, 10)),
    )
    assert planned_for(config, rules, *trail) == {}


@pytest.mark.parametrize("handover", ["forwarded", "released"])
def test_the_end_of_a_claim_starts_the_clock_again(
    config: Config, rules: TimeRules, handover: str
) -> None:
    """Released, or forwarded by the contact who had it: the team's clock starts then."""
    trail = (
        ("routed", local(11, 23, 10)),
        ("reminded", local(11, 25, 10)),
        ("claimed", local(11, 25, 11)),
        (handover, local(11, 26, 14)),
    )
    assert planned_for(config, rules, *trail) == {
        FollowUp.UNCLAIMED: local(11, 30, 8),
        FollowUp.ESCALATE: local(12, 3, 14),
    }


def test_a_forward_of_an_unclaimed_initiative_keeps_its_clock(
    config: Config, rules: TimeRules
) -> None:
    """Back and forth between teams does not put off the coordinators: they hear at the
    first team's time, once; each new team still gets its morning reminder."""
    routed = ("routed", local(11, 23, 10))
    first = (routed, ("forwarded", local(11, 24, 9)))
    assert planned_for(config, rules, *first) == {
        FollowUp.UNCLAIMED: local(11, 25, 8),
        FollowUp.ESCALATE: local(11, 30, 10),
    }
    reminded = (routed, ("reminded", local(11, 25, 8)), ("forwarded", local(11, 26, 9)))
    assert planned_for(config, rules, *reminded) == {
        # Due already for the new team: at once, or with its next round if it had one.
        FollowUp.UNCLAIMED: local(11, 25, 8),
        FollowUp.ESCALATE: local(11, 30, 10),
    }
    escalated = (*reminded, ("escalated", local(11, 30, 10)), ("forwarded", local(12, 1, 9)))
    assert planned_for(config, rules, *escalated) == {FollowUp.UNCLAIMED: local(11, 25, 8)}
    entries = [TrailEntry(kind, at) for kind, at in escalated]
    assert facts("2026-0042", "submitted", entries).forwards == 2


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
    # Due at 14:00: a wait in hours never goes early, so with the next morning's round.
    assert found == {FollowUp.UNCLAIMED: local(11, 24, 8), FollowUp.ESCALATE: local(11, 30, 10)}


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


@pytest.mark.parametrize(
    "text", ["2", "two days", "0 days", "2 werkdagen", "-1 days", "2 fortnights"]
)
def test_an_unclear_waiting_time_names_the_key(text: str, tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as raised:
        load_text(set_key(example(), "[schedule]", "remind_after", f'"{text}"'), tmp_path)
    assert "schedule.remind_after: Value error, must be a number and a unit" in str(raised.value)


def test_job_ids_name_kind_and_reference() -> None:
    entry = Planned(local(11, 25, 10), FollowUp.UNCLAIMED, "2026-0042")
    assert entry.job_id == "unclaimed:2026-0042"
    assert parse_job_id(entry.job_id) == JobId(FollowUp.UNCLAIMED, "2026-0042")
    assert parse_job_id("replan") is None
    assert parse_job_id("somethingelse:2026-0042") is None
    reminder = Planned(local(11, 25, 10), FollowUp.RETURN_DAY, "7", "1")
    assert reminder.job_id == "returnday:7:1"
    assert parse_job_id(reminder.job_id) == JobId(FollowUp.RETURN_DAY, "7", "1")
    assert parse_job_id("returnday:7") is None
    assert parse_job_id("returnday:x:1") is None


# --- check-ins, questions, appointments ------------------------------------------------

CLAIMED = local(11, 23, 11)  # Monday
TAKEN_UP = (("submitted", local(11, 23, 10)), ("routed", local(11, 23, 10)), ("claimed", CLAIMED))
STALE_AT = local(1, 18, 10, year=2027)  # eight weeks after 23 November


def test_a_claim_brings_a_check_in_after_ten_days_and_the_long_open_one_after_eight_weeks(
    config: Config, rules: TimeRules
) -> None:
    found = planned_for(config, rules, *TAKEN_UP, status="claimed")
    assert found == {FollowUp.CHECKIN: local(12, 3, 11), FollowUp.STALE: STALE_AT}


def test_a_check_in_sent_is_not_planned_again(config: Config, rules: TimeRules) -> None:
    found = planned_for(
        config, rules, *TAKEN_UP, ("checkin_sent", local(12, 3, 11)), status="claimed"
    )
    assert found == {FollowUp.STALE: STALE_AT}


@pytest.mark.parametrize(
    ("contact", "checkin", "after"),
    [
        # The contact wrote, or asked something: ten days from then.
        (("relayed_to_resident", local(11, 30, 15)), local(12, 10, 15), Contact.MESSAGE),
        (("asked", local(11, 30, 15)), local(12, 10, 15), Contact.MESSAGE),
        # An appointment: ten days after the meeting itself, not after the planning.
        (
            ("appointment_planned", local(11, 24, 9), {"at": local(12, 2, 14).isoformat()}),
            local(12, 12, 14),
            Contact.APPOINTMENT,
        ),
    ],
)
def test_contact_in_the_window_moves_the_check_in_past_it(
    config: Config, rules: TimeRules, contact: Step, checkin: datetime, after: Contact
) -> None:
    found = planned_for(config, rules, *TAKEN_UP, contact, status="claimed")
    assert found[FollowUp.CHECKIN] == checkin
    entries = [
        TrailEntry(step[0], step[1], step[2] if len(step) == 3 else {})
        for step in (*TAKEN_UP, contact)
    ]
    last = last_contact(facts("2026-0042", "claimed", entries))
    assert last is not None
    assert last.kind == after
    assert last.at == (local(12, 2, 14) if after == Contact.APPOINTMENT else local(11, 30, 15))


def test_only_the_contacts_own_words_count_as_being_in_touch(
    config: Config, rules: TimeRules
) -> None:
    """The resident writing to a silent contact is no sign they were in touch; nor is
    what happened under an earlier claim."""
    wrote = ("relayed_to_contact", local(11, 30, 15))
    found = planned_for(config, rules, *TAKEN_UP, wrote, status="claimed")
    assert found[FollowUp.CHECKIN] == local(12, 3, 11)
    earlier = (
        ("routed", local(11, 23, 10)),
        ("claimed", local(11, 23, 11)),
        ("relayed_to_resident", local(11, 23, 12)),
        ("released", local(11, 24, 9)),
        ("claimed", local(11, 25, 9)),
    )
    entries = [TrailEntry(kind, at) for kind, at in earlier]
    assert last_contact(facts("2026-0042", "claimed", entries)) is None


@pytest.mark.parametrize("answer", ["no", "talk"])
def test_a_worried_answer_goes_to_the_coordinators_after_the_escalation_time(
    config: Config, rules: TimeRules, answer: str
) -> None:
    trail = (
        *TAKEN_UP,
        ("checkin_sent", local(12, 3, 11)),
        ("checkin_answered", local(12, 3, 15), {"answer": answer}),
    )
    found = planned_for(config, rules, *trail, status="claimed")
    assert found[FollowUp.CHECKIN_ESCALATE] == local(12, 10, 15)  # five working days


@pytest.mark.parametrize("contact_wrote", ["relayed_to_resident", "asked", "appointment_planned"])
def test_the_contact_writing_to_the_resident_settles_a_worried_answer(
    config: Config, rules: TimeRules, contact_wrote: str
) -> None:
    trail = (
        *TAKEN_UP,
        ("checkin_sent", local(12, 3, 11)),
        ("checkin_answered", local(12, 3, 15), {"answer": "no"}),
        (contact_wrote, local(12, 4, 9), {"at": local(12, 20, 10).isoformat()}),
    )
    assert FollowUp.CHECKIN_ESCALATE not in planned_for(config, rules, *trail, status="claimed")


def test_a_yes_needs_no_escalation(config: Config, rules: TimeRules) -> None:
    trail = (
        *TAKEN_UP,
        ("checkin_sent", local(12, 3, 11)),
        ("checkin_answered", local(12, 3, 15), {"answer": "yes"}),
    )
    assert planned_for(config, rules, *trail, status="claimed") == {FollowUp.STALE: STALE_AT}


def test_the_long_open_check_in_is_asked_once_unless_the_resident_opts_in(
    config: Config, rules: TimeRules
) -> None:
    asked = (*TAKEN_UP, ("checkin_sent", local(12, 3, 11)), ("stale_sent", STALE_AT))
    assert planned_for(config, rules, *asked, status="claimed") == {}
    declined = (*asked, ("ask_again", local(1, 18, 12, year=2027), {"answer": "no"}))
    assert planned_for(config, rules, *declined, status="claimed") == {}
    opted_in = (*asked, ("ask_again", local(1, 18, 12, year=2027), {"answer": "yes"}))
    again = planned_for(config, rules, *opted_in, status="claimed")
    assert again == {FollowUp.STALE: local(3, 15, 12, year=2027)}


def test_a_pause_moves_check_ins_to_its_end(config: Config, rules: TimeRules) -> None:
    until = local(12, 21, 10)
    trail = (*TAKEN_UP, ("paused", local(11, 23, 12), {"until": until.isoformat()}))
    found = planned_for(config, rules, *trail, status="claimed")
    assert found == {
        FollowUp.CHECKIN: until,
        FollowUp.STALE: STALE_AT,
    }  # the later one was not held up


def test_no_reminders_stops_check_ins_until_switched_on(config: Config, rules: TimeRules) -> None:
    off = (*TAKEN_UP, ("reminders_off", local(11, 24, 9)))
    assert planned_for(config, rules, *off, status="claimed") == {}
    on = (*off, ("reminders_on", local(11, 25, 9)))
    assert planned_for(config, rules, *on, status="claimed") == {
        FollowUp.CHECKIN: local(12, 3, 11),
        FollowUp.STALE: STALE_AT,
    }


def test_no_reminders_leaves_the_teams_reminders_alone(config: Config, rules: TimeRules) -> None:
    trail = (("routed", local(11, 23, 10)), ("reminders_off", local(11, 23, 12)))
    assert set(planned_for(config, rules, *trail)) == {FollowUp.UNCLAIMED, FollowUp.ESCALATE}


def test_a_question_times_out_after_five_working_days_unless_answered(
    config: Config, rules: TimeRules
) -> None:
    asked = (*TAKEN_UP, ("checkin_sent", CLAIMED), ("asked", local(11, 27, 14)))
    assert planned_for(config, rules, *asked, status="claimed")[FollowUp.QUESTION] == local(
        12, 4, 14
    )
    answered = (*asked, ("relayed_to_contact", local(11, 28, 9)))
    assert FollowUp.QUESTION not in planned_for(config, rules, *answered, status="claimed")
    timed_out = (*asked, ("question_unanswered", local(12, 4, 14)))
    assert FollowUp.QUESTION not in planned_for(config, rules, *timed_out, status="claimed")


def test_an_appointment_is_reminded_the_day_before_out_of_quiet_hours(
    config: Config, rules: TimeRules
) -> None:
    morning = (
        *TAKEN_UP,
        ("appointment_planned", local(11, 24, 9), {"at": local(12, 2, 14).isoformat()}),
    )
    assert planned_for(config, rules, *morning, status="claimed")[FollowUp.APPOINTMENT] == local(
        12, 1, 14
    )
    early = (
        *TAKEN_UP,
        ("appointment_planned", local(11, 24, 9), {"at": local(12, 2, 7, 30).isoformat()}),
    )
    assert planned_for(config, rules, *early, status="claimed")[FollowUp.APPOINTMENT] == local(
        12, 1, 8
    )
    reminded = (*early, ("appointment_reminded", local(12, 1, 8)))
    assert FollowUp.APPOINTMENT not in planned_for(config, rules, *reminded, status="claimed")


SIX_YEARS = 6 * 365 * 24 * 3600
FIRST = datetime(2026, 1, 1, tzinfo=UTC)


@cache
def example_rules() -> tuple[Config, TimeRules]:
    """Read once: hypothesis runs the property a hundred times."""
    config = load_config(EXAMPLE_CONFIG)
    return config, time_rules(config)


@given(st.integers(min_value=0, max_value=SIX_YEARS), st.booleans())
def test_no_follow_up_is_ever_planned_in_quiet_hours_or_before_its_cause(
    seconds: int, claimed: bool
) -> None:
    """Whenever it was handed over (six years of moments, summer time changes included)."""
    config, rules = example_rules()
    moment = FIRST + timedelta(seconds=seconds)
    trail = [TrailEntry("submitted", moment), TrailEntry("routed", moment)]
    if claimed:
        trail.append(TrailEntry("claimed", moment))
    for entry in plan(
        facts("2026-0042", "claimed" if claimed else "submitted", trail), rules, config.schedule
    ):
        assert entry.at > moment
        assert not rules.is_quiet(entry.at), entry
        if entry.kind in (FollowUp.UNCLAIMED, FollowUp.ESCALATE):  # waits counted in working days
            assert rules.is_working_day(entry.at.astimezone(rules.zone).date()), entry
