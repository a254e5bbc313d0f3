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
        f"unclaimed:{reference} Wed 25 08:00",  # with the team's morning round
        f"escalate:{reference} Mon 30 10:00",
        f"stale:{reference} Mon 18 10:00",  # January: eight weeks open
    ]
    assert planned(town, jobs, [reference]) == planned(town, jobs)
    assert planned(town, jobs, ["2026-9999"]) == []


def test_the_reminder_reaches_the_team_chat_once(town: Town, jobs: FollowUpJobs) -> None:
    reference = town.submit("bewoner")
    before = len(town.inbox("team-west"))

    assert fire(town, jobs, f"unclaimed:{reference}", REMIND_DAY) == Firing(sent=1)
    assert town.last("team-west") == (
        "Herinnering: dit initiatief wacht nog op iemand die het oppakt:\n"
        f"\u2022 {reference} \u201cBankje bij de haven\u201d, Ouddorp: wacht al 2 dagen\n"
        f"Typ \u201coppakken {reference}\u201d om het op te pakken."
    )
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
    assert firing.later.astimezone(AMSTERDAM).strftime("%a %d %H:%M") == "Wed 25 08:00"
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
    assert fire(town, jobs, f"escalate:{reference}", ESCALATE_DAY) == Firing(sent=2)
    escalation = town.last("coordinator")
    assert escalation.startswith(f"Let op: {reference} \u201cBankje bij de haven\u201d")
    assert "naar Kernteam West" in escalation
    assert "doorgestuurd" not in escalation
    assert town.trail(reference)[-1] == (
        "escalated",
        "bot",
        {"team": "west", "promised": "2026-12-07T11:00:00+00:00"},  # five working days on
    )
    assert planned(town, jobs) == [f"stale:{reference} Mon 18 10:00"]


def test_the_resident_hears_once_that_the_promised_time_passed(
    town: Town, jobs: FollowUpJobs
) -> None:
    """The next steps promised contact within five working days, the escalation time:
    then the resident gets one honest message with a new date, and never a second."""
    reference = town.submit("bewoner")
    fire(town, jobs, f"escalate:{reference}", ESCALATE_DAY)
    assert town.last("bewoner") == (
        f"Je initiatief {reference} \u201cBankje bij de haven\u201d is nog niet opgepakt. "
        "We hadden beloofd dat je eerder iets zou horen. Sorry daarvoor. Ik heb gevraagd "
        "om het snel op te pakken. Je hoort uiterlijk maandag 7 december van ons."
    )
    # Taken up, given back, and left waiting past the escalation time once more.
    assert town.say("anna", f"oppakken {reference}", chat="team-west")
    assert town.say("anna", f"vrijgeven {reference}", chat="team-west")
    told = len(town.inbox("bewoner"))
    again = datetime(2026, 12, 14, 12, 0, tzinfo=AMSTERDAM)
    assert fire(town, jobs, f"escalate:{reference}", again) == Firing(sent=1)
    assert town.last("coordinator").startswith(f"Let op: {reference}")
    assert len(town.inbox("bewoner")) == told
    assert "promised" not in town.trail(reference)[-1][2]


def test_forwarding_keeps_the_clock_and_the_escalation_counts_the_forwards(
    town: Town, jobs: FollowUpJobs
) -> None:
    reference = town.submit("bewoner")
    fire(town, jobs, f"unclaimed:{reference}", REMIND_DAY)
    assert town.say("anna", f"doorsturen {reference} midden Hoort bij Midden", "team-west")
    [reminder, escalation, _] = planned(town, jobs)
    # Midden is reminded with the round of the day West was, and the coordinators hear
    # at West's time: the forward did not start the clock again.
    assert reminder == f"unclaimed:{reference} Wed 25 08:00"
    assert escalation == f"escalate:{reference} Mon 30 10:00"
    fire(town, jobs, f"escalate:{reference}", ESCALATE_DAY)
    said = town.last("coordinator")
    assert said.startswith(
        f"Let op: {reference} \u201cBankje bij de haven\u201d kwam binnen op maandag "
        "23 november om 10.00 uur en nog niemand heeft het opgepakt. Het ligt nu bij "
        "Kernteam Midden."
    )
    assert said.endswith("1 keer doorgestuurd.")


def test_unknown_jobs_and_initiatives_do_nothing(town: Town, jobs: FollowUpJobs) -> None:
    assert fire(town, jobs, "unclaimed:2026-9999", REMIND_DAY) == Firing()
    assert fire(town, jobs, "not-ours", REMIND_DAY) == Firing()
