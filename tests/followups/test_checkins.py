"""Check-ins, questions, appointments and the resident's say over them, on both databases.

The harness's clock stands on Monday 23 November 2026, 10:00 in Amsterdam; jobs are
run with the time passed in.
"""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.config.names import Names
from bot.followups.plans import DAILY_KINDS
from bot.inbox.service import Inbox
from bot.intake.state import Setting
from bot.schedule.jobs import Firing, FollowUpJobs
from storage.db import Database
from tests.town import Clock, Town, fire

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
CHECKIN_DAY = datetime(2026, 12, 3, 12, 0, tzinfo=AMSTERDAM)  # ten days after the claim
STALE_DAY = datetime(2027, 1, 18, 12, 0, tzinfo=AMSTERDAM)  # eight weeks after submitting
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=AMSTERDAM)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def town(db: Database, names: Names, setting: Setting, clock: Clock) -> Town:
    return Town(db, Inbox(db, names, setting, clock))


def planned(town: Town, jobs: FollowUpJobs) -> dict[str, str]:
    with town.db.transaction() as session:
        return {
            entry.kind: f"{entry.at.astimezone(AMSTERDAM):%Y-%m-%d %H:%M}"
            for entry in jobs.planned(session, None, NOW)
            if entry.kind not in DAILY_KINDS  # tested on its own
        }


def kinds(town: Town, reference: str) -> list[str]:
    return [kind for kind, _, _ in town.trail(reference)]


@pytest.fixture
def taken_up(town: Town) -> str:
    reference = town.submit("bewoner")
    assert town.say("anna", f"claim {reference}", chat="team-west")
    return reference


def test_ten_days_after_the_claim_the_resident_is_asked(
    town: Town, jobs: FollowUpJobs, taken_up: str
) -> None:
    assert planned(town, jobs)["checkin"] == "2026-12-03 10:00"
    assert fire(town, jobs, f"checkin:{taken_up}", CHECKIN_DAY) == Firing(sent=1)
    question = town.last("bewoner")
    assert question == (
        f"Een vraag over je initiatief {taken_up} \u201cBankje bij de haven\u201d: "
        "heeft Anna van Kernteam West al contact met je gehad?"
    )
    assert "checkin" not in planned(town, jobs)
    assert fire(town, jobs, f"checkin:{taken_up}", CHECKIN_DAY) == Firing()


@pytest.mark.parametrize(
    ("answer", "to_contact"),
    [("no", "zegt dat nog niemand contact heeft opgenomen"), ("talk", "wil graag iemand spreken")],
)
def test_a_worried_answer_reaches_the_contact_then_the_coordinators(
    town: Town, jobs: FollowUpJobs, taken_up: str, answer: str, to_contact: str, clock: Clock
) -> None:
    fire(town, jobs, f"checkin:{taken_up}", CHECKIN_DAY)
    clock.now = CHECKIN_DAY.astimezone(UTC)
    assert town.say("bewoner", "", payload=f"ci:{taken_up}:{answer}")
    assert to_contact in town.last("anna")
    assert "Anna" in town.last("bewoner")
    assert town.trail(taken_up)[-1] == ("checkin_answered", "resident", {"answer": answer})
    assert not town.say("bewoner", "", payload=f"ci:{taken_up}:yes")  # answered already
    town.say("anna", f"toon {taken_up}", chat="team-west")
    shown = {"no": "nee", "talk": "wil graag iemand spreken"}[answer]
    assert town.last("team-west").endswith(f": {shown}")  # the trail's last line

    assert planned(town, jobs)["checkin-escalate"] == "2026-12-10 12:00"
    later = datetime(2026, 12, 10, 12, 30, tzinfo=AMSTERDAM)
    assert fire(town, jobs, f"checkin-escalate:{taken_up}", later) == Firing(sent=1)
    assert town.last("coordinator").startswith(
        f"Let op: de initiatiefnemer van {taken_up} \u201cBankje bij de haven\u201d"
    )


def test_the_contact_writing_back_stops_the_escalation(
    town: Town, jobs: FollowUpJobs, taken_up: str
) -> None:
    fire(town, jobs, f"checkin:{taken_up}", CHECKIN_DAY)
    town.say("bewoner", "", payload=f"ci:{taken_up}:no")
    assert town.say("anna", f"antwoord {taken_up} Ik bel je morgen!", chat="team-west")
    assert "checkin-escalate" not in planned(town, jobs)
    later = datetime(2026, 12, 10, 11, 0, tzinfo=AMSTERDAM)
    assert fire(town, jobs, f"checkin-escalate:{taken_up}", later) == Firing()


def test_yes_is_thanked_and_needs_nothing_more(
    town: Town, jobs: FollowUpJobs, taken_up: str
) -> None:
    fire(town, jobs, f"checkin:{taken_up}", CHECKIN_DAY)
    before = town.inbox("anna")
    assert town.say("bewoner", "", payload=f"ci:{taken_up}:yes")
    assert town.last("bewoner") == "Bedankt, fijn om te horen!"
    assert town.inbox("anna") == before
    assert set(planned(town, jobs)) == {"stale"}


def test_someone_else_cannot_answer_for_the_resident(
    town: Town, jobs: FollowUpJobs, taken_up: str
) -> None:
    fire(town, jobs, f"checkin:{taken_up}", CHECKIN_DAY)
    assert not town.say("indringer", "", payload=f"ci:{taken_up}:no")  # a forged button
    assert kinds(town, taken_up)[-1] == "checkin_sent"
    assert not town.say("bewoner", "", payload=f"ci:{taken_up}:maybe")
    assert not town.say("bewoner", "", payload="ci:2026-9999:no")
    assert kinds(town, taken_up)[-1] == "checkin_sent"


def test_an_unanswered_question_cannot_be_answered_before_it_is_asked(
    town: Town, taken_up: str
) -> None:
    assert not town.say("bewoner", "", payload=f"ci:{taken_up}:no")
    assert not town.say("bewoner", "", payload=f"st:{taken_up}:no")
    assert not town.say("bewoner", "", payload=f"appt:{taken_up}:ok")
    assert kinds(town, taken_up) == ["submitted", "routed", "claimed"]


def test_the_long_open_check_in_and_asking_again_only_when_wanted(
    town: Town, jobs: FollowUpJobs, taken_up: str
) -> None:
    fire(town, jobs, f"checkin:{taken_up}", CHECKIN_DAY)
    town.say("bewoner", "", payload=f"ci:{taken_up}:yes")
    assert planned(town, jobs) == {"stale": "2027-01-18 10:00"}
    assert fire(town, jobs, f"stale:{taken_up}", STALE_DAY) == Firing(sent=1)
    assert town.last("bewoner").startswith(f"Je initiatief {taken_up}")

    assert town.say("bewoner", "", payload=f"st:{taken_up}:unsure")
    assert "weet niet hoe het ervoor staat" in town.last("anna")
    assert "Zal ik je over 8 weken nog eens vragen" in town.last("bewoner")
    assert planned(town, jobs) == {}  # never asked again by default

    assert town.say("bewoner", "", payload=f"again:{taken_up}:yes")
    assert town.last("bewoner") == "Goed, ik vraag het je later nog eens."
    assert "stale" in planned(town, jobs)
    assert not town.say("bewoner", "", payload=f"again:{taken_up}:no")  # answered


def test_pause_and_no_reminders_are_the_residents_to_undo(
    town: Town, jobs: FollowUpJobs, taken_up: str
) -> None:
    assert town.say("bewoner", "pauze")
    assert town.last("bewoner").startswith(
        f"Tot maandag 21 december vraag ik je niet hoe het gaat met {taken_up}"
    )
    assert planned(town, jobs) == {"checkin": "2026-12-21 10:00", "stale": "2027-01-18 10:00"}

    assert town.say("bewoner", f"geen herinneringen {taken_up}")
    assert planned(town, jobs) == {}
    assert fire(town, jobs, f"checkin:{taken_up}", CHECKIN_DAY) == Firing()

    assert town.say("bewoner", "herinneringen aan")
    assert town.last("bewoner") == f"Je krijgt weer vragen over hoe het gaat met {taken_up}."
    assert planned(town, jobs)["checkin"] == "2026-12-03 10:00"
    assert kinds(town, taken_up)[-3:] == ["paused", "reminders_off", "reminders_on"]


def test_pausing_without_open_initiatives_or_for_someone_elses(town: Town) -> None:
    town.say("bewoner", "pauze")
    assert town.last("bewoner") == "Je hebt geen open initiatieven waarvoor dit kan."
    reference = town.submit("buurman")
    town.say("bewoner", f"pauze {reference}")
    assert town.last("bewoner") == f"{reference} is niet een van je open initiatieven."
    assert "paused" not in kinds(town, reference)


def test_a_question_without_answer_is_reported_to_the_contact(
    town: Town, jobs: FollowUpJobs, taken_up: str
) -> None:
    assert town.say("anna", f"vraag {taken_up} Waar precies bij de haven?", chat="team-west")
    assert town.last("bewoner").startswith("Vraag van Anna (Kernteam West) over je initiatief")
    assert "Waar precies bij de haven?" in town.last("bewoner")
    assert "binnen 5 werkdagen" in town.last("team-west")
    assert planned(town, jobs)["question"] == "2026-11-30 10:00"

    later = datetime(2026, 11, 30, 12, 0, tzinfo=AMSTERDAM)
    assert fire(town, jobs, f"question:{taken_up}", later) == Firing(sent=1)
    assert town.last("anna").startswith(
        f"Geen antwoord gekregen van de initiatiefnemer van {taken_up}"
    )
    assert kinds(town, taken_up)[-1] == "question_unanswered"


def test_an_answer_goes_to_the_contact_and_ends_the_wait(
    town: Town, jobs: FollowUpJobs, taken_up: str
) -> None:
    town.say("anna", f"vraag {taken_up} Waar precies bij de haven?", chat="team-west")
    assert town.say("bewoner", "Bij de vuurtoren")
    assert "Bij de vuurtoren" in town.last("anna")
    assert "question" not in planned(town, jobs)


def test_an_appointment_is_reminded_the_day_before_and_can_be_moved(
    town: Town, jobs: FollowUpJobs, taken_up: str
) -> None:
    assert town.say("anna", f"afspraak {taken_up} 2-12-2026 14:00 Dorpshuis Ouddorp", "team-west")
    assert town.last("bewoner") == (
        f"Anna van Kernteam West heeft een afspraak met je gepland over {taken_up}: "
        "woensdag 2 december om 14.00 uur, Dorpshuis Ouddorp. "
        "Je krijgt de dag ervoor een herinnering."
    )
    assert planned(town, jobs)["appointment"] == "2026-12-01 14:00"
    day_before = datetime(2026, 12, 1, 14, 0, tzinfo=AMSTERDAM)
    assert fire(town, jobs, f"appointment:{taken_up}", day_before) == Firing(sent=1)
    assert town.last("bewoner").startswith("Herinnering: morgen, woensdag 2 december om 14.00 uur")

    assert town.say("bewoner", "", payload=f"appt:{taken_up}:move")
    assert town.last("anna") == (
        f"De initiatiefnemer van {taken_up} wil de afspraak van woensdag 2 december "
        "om 14.00 uur verzetten. Spreek een nieuwe tijd met hem of haar af."
    )
    assert town.last("bewoner") == "Ik heb Anna gevraagd om met je een nieuwe tijd af te spreken."


def test_an_appointment_in_the_past_or_without_a_time_is_refused(town: Town, taken_up: str) -> None:
    assert not town.say("anna", f"afspraak {taken_up} 2026-11-20 14:00 Dorpshuis", "team-west")
    assert (
        town.last("team-west") == "Dat moment is al voorbij. Geef een datum en tijd in de toekomst."
    )
    assert not town.say("anna", f"afspraak {taken_up} morgen Dorpshuis", "team-west")
    assert town.last("team-west").startswith("Een afspraak plannen met de initiatiefnemer")
    assert not town.say("anna", f"afspraak {taken_up} 2026-02-31 14:00 Dorpshuis", "team-west")
    assert "appointment_planned" not in kinds(town, taken_up)


def test_a_missed_appointment_reminder_is_not_sent_after_the_appointment(
    town: Town, jobs: FollowUpJobs, taken_up: str
) -> None:
    town.say("anna", f"afspraak {taken_up} 2026-12-02 14:00 Dorpshuis", "team-west")
    too_late = datetime(2026, 12, 2, 15, 0, tzinfo=AMSTERDAM) + timedelta(hours=1)
    before = town.inbox("bewoner")
    assert fire(town, jobs, f"appointment:{taken_up}", too_late) == Firing()
    assert town.inbox("bewoner") == before
    assert town.trail(taken_up)[-1][0] == "appointment_reminded"
    assert "appointment" not in planned(town, jobs)


def test_no_check_in_the_day_after_an_appointment_but_a_fitting_one_later(
    town: Town, jobs: FollowUpJobs, taken_up: str
) -> None:
    """The issue's case: the check-in was due the day after the resident met Anna."""
    assert town.say("anna", f"afspraak {taken_up} 2-12-2026 14:00 Dorpshuis Ouddorp", "team-west")
    before = town.inbox("bewoner")
    after_the_meeting = datetime(2026, 12, 12, 14, 0, tzinfo=AMSTERDAM)  # ten days on
    assert fire(town, jobs, f"checkin:{taken_up}", CHECKIN_DAY) == Firing(later=after_the_meeting)
    assert town.inbox("bewoner") == before
    assert planned(town, jobs)["checkin"] == "2026-12-12 14:00"

    assert fire(town, jobs, f"checkin:{taken_up}", after_the_meeting) == Firing(sent=1)
    assert town.last("bewoner") == (
        "Hoe ging het gesprek met Anna op woensdag 2 december over "
        f"{taken_up} \u201cBankje bij de haven\u201d? Weet je wat er nu gaat gebeuren?"
    )
    assert town.trail(taken_up)[-1] == (
        "checkin_sent",
        "bot",
        {"team": "west", "after": "appointment"},
    )
    assert town.say("bewoner", "", payload=f"ci:{taken_up}:no")
    assert town.last("anna") == (
        f"De initiatiefnemer van {taken_up} \u201cBankje bij de haven\u201d weet niet wat er nu "
        "gaat gebeuren. Laat het hem of haar weten."
    )


def test_after_the_contacts_message_the_check_in_waits_and_says_so(
    town: Town, jobs: FollowUpJobs, taken_up: str, clock: Clock
) -> None:
    clock.now = datetime(2026, 11, 30, 15, 0, tzinfo=AMSTERDAM)
    assert town.say("anna", f"antwoord {taken_up} Ik bel je donderdag.", "team-west")
    assert planned(town, jobs)["checkin"] == "2026-12-10 15:00"
    assert fire(town, jobs, f"checkin:{taken_up}", CHECKIN_DAY).sent == 0
    later = datetime(2026, 12, 10, 15, 1, tzinfo=AMSTERDAM)  # the clock ticked meanwhile
    assert fire(town, jobs, f"checkin:{taken_up}", later) == Firing(sent=1)
    assert town.last("bewoner") == (
        "Anna heeft je op maandag 30 november geschreven over "
        f"{taken_up} \u201cBankje bij de haven\u201d. Weet je wat er nu gaat gebeuren?"
    )


def test_the_residents_own_message_does_not_put_off_the_check_in(
    town: Town, jobs: FollowUpJobs, taken_up: str
) -> None:
    assert town.say("bewoner", "Hoe staat het ervoor?")
    assert town.trail(taken_up)[-1][0] == "relayed_to_contact"
    assert planned(town, jobs)["checkin"] == "2026-12-03 10:00"
