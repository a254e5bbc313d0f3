"""The follow-up jobs against SQLite and PostgreSQL, with the time passed in."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.followups.plans import DAILY_KINDS
from bot.schedule.jobs import Firing, FollowUpJobs
from tests.town import Town, fire

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# The harness's clock submits on Monday 23 November 2026 just after 10:00 local time.
REMIND_DAY = datetime(2026, 11, 25, 12, 0, tzinfo=AMSTERDAM)  # Wednesday, after the due time
ESCALATE_DAY = datetime(2026, 11, 30, 12, 0, tzinfo=AMSTERDAM)  # the Monday after
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=AMSTERDAM)


def planned(town: Town, jobs: FollowUpJobs, references: list[str] | None = None) -> list[str]:
    """What is planned for initiatives (the daily digest has tests of its own)."""
    with town.db.transaction() as session:
        return [
            f"{entry.job_id} {entry.at.astimezone(AMSTERDAM):%a %d %H:%M}"
            for entry in jobs.planned(session, references, NOW)
            if entry.kind not in DAILY_KINDS
        ]


def test_a_new_initiative_plans_a_reminder_and_an_escalation(
    town: Town, jobs: FollowUpJobs
) -> None:
    reference = town.submit("bewoner")
    assert planned(town, jobs) == [
        f"unclaimed:{reference} Wed 25 10:00",
        f"escalate:{reference} Mon 30 10:00",
        f"stale:{reference} Mon 18 10:00",  # January: eight weeks open
    ]
    assert planned(town, jobs, [reference]) == planned(town, jobs)
    assert planned(town, jobs, ["2026-9999"]) == []


def test_the_reminder_reaches_the_team_chat_once(town: Town, jobs: FollowUpJobs) -> None:
    reference = town.submit("bewoner")
    before = len(town.inbox("team-west"))

    assert fire(town, jobs, f"unclaimed:{reference}", REMIND_DAY) == Firing(sent=1)
    reminder = town.last("team-west")
    assert reminder.startswith(f"Herinnering: {reference} \u201cBankje bij de haven\u201d")
    assert "maandag 23 november om 10.00 uur" in reminder
    assert f"Typ \u201coppakken {reference}\u201d" in reminder
    assert "Anna de Vries" not in reminder
    assert town.trail(reference)[-1] == ("reminded", "bot", {"team": "west"})

    assert fire(town, jobs, f"unclaimed:{reference}", REMIND_DAY) == Firing()  # a second run
    assert len(town.inbox("team-west")) == before + 1
    assert planned(town, jobs) == [
        f"escalate:{reference} Mon 30 10:00",
        f"stale:{reference} Mon 18 10:00",
    ]


def test_too_early_it_says_when_to_come_back(town: Town, jobs: FollowUpJobs) -> None:
    reference = town.submit("bewoner")
    early = REMIND_DAY - timedelta(days=1)
    firing = fire(town, jobs, f"unclaimed:{reference}", early)
    assert firing.sent == 0
    assert firing.later is not None
    assert firing.later.astimezone(AMSTERDAM).strftime("%a %d %H:%M") == "Wed 25 10:00"
    assert town.trail(reference)[-1][0] == "routed"


def test_in_quiet_hours_it_waits_for_the_morning(town: Town, jobs: FollowUpJobs) -> None:
    reference = town.submit("bewoner")
    night = datetime(2026, 11, 25, 23, 30, tzinfo=AMSTERDAM)  # e.g. the bot was down all day
    firing = fire(town, jobs, f"unclaimed:{reference}", night)
    assert firing == Firing(later=datetime(2026, 11, 26, 8, 0, tzinfo=AMSTERDAM))
    assert "Herinnering" not in town.last("team-west")


def test_claiming_leaves_nothing_to_do(town: Town, jobs: FollowUpJobs) -> None:
    reference = town.submit("bewoner")
    assert town.say("anna", f"claim {reference}", chat="team-west")
    assert planned(town, jobs) == [
        f"checkin:{reference} Thu 03 10:00",
        f"stale:{reference} Mon 18 10:00",
    ]
    assert fire(town, jobs, f"unclaimed:{reference}", REMIND_DAY) == Firing()
    assert fire(town, jobs, f"escalate:{reference}", ESCALATE_DAY) == Firing()
    assert "Herinnering" not in town.last("team-west")


def test_the_escalation_goes_to_the_coordinators(town: Town, jobs: FollowUpJobs) -> None:
    reference = town.submit("bewoner")
    fire(town, jobs, f"unclaimed:{reference}", REMIND_DAY)
    assert fire(town, jobs, f"escalate:{reference}", ESCALATE_DAY) == Firing(sent=1)
    escalation = town.last("coordinator")
    assert escalation.startswith(f"Let op: {reference} \u201cBankje bij de haven\u201d")
    assert "naar Kernteam West" in escalation
    assert town.trail(reference)[-1] == ("escalated", "bot", {"team": "west"})
    assert planned(town, jobs) == [f"stale:{reference} Mon 18 10:00"]


def test_forwarding_starts_the_clock_again_for_the_new_team(town: Town, jobs: FollowUpJobs) -> None:
    reference = town.submit("bewoner")
    fire(town, jobs, f"unclaimed:{reference}", REMIND_DAY)
    assert town.say("anna", f"doorsturen {reference} midden Hoort bij Midden", "team-west")
    [reminder, escalation, _] = planned(town, jobs)
    # The harness's clock has only moved seconds: the new team's clock starts on Monday.
    assert reminder == f"unclaimed:{reference} Wed 25 10:00"
    assert escalation == f"escalate:{reference} Mon 30 10:00"
    assert fire(town, jobs, f"unclaimed:{reference}", REMIND_DAY) == Firing(sent=1)
    assert town.last("team-midden").startswith(f"Herinnering: {reference}")


def test_unknown_jobs_and_initiatives_do_nothing(town: Town, jobs: FollowUpJobs) -> None:
    assert fire(town, jobs, "unclaimed:2026-9999", REMIND_DAY) == Firing()
    assert fire(town, jobs, "not-ours", REMIND_DAY) == Firing()
