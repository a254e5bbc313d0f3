"""Answers typed in words count while a return day is open to the one who types them:
"ik kom met z'n tweeën", "+1", "lukt niet", "maybe". A question about the day gets
what it is, where and when; anything else still reaches the contact.

On SQLite and PostgreSQL, by time travel: the clock starts on Monday 23 November 2026
and the day is Thursday 10 December 2026 at 19.30.
"""

import re
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.config.names import Names
from bot.inbox.service import Inbox
from bot.intake.state import Setting
from bot.messages import Incoming
from bot.schedule.jobs import Firing, FollowUpJobs
from storage.db import Database
from storage.models import OutboxMessage, ReturnDayAnswer
from tests.town import Clock, Town, fire

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PLAN = "terugkomdag 2026-12-10 19:30 Dorpshuis Ouddorp voor alle"
WEEK_BEFORE = datetime(2026, 12, 3, 19, 30, tzinfo=AMSTERDAM)
SECOND = "terugkomdag 2026-12-17 20:00 Het Diekhuis voor kern Ouddorp"


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def here(db: Database, names: Names, setting: Setting, clock: Clock) -> Town:
    """A town whose clock the test can move on."""
    return Town(db, Inbox(db, names, setting, clock))


def answers(town: Town, number: int = 1) -> dict[str, tuple[str, int]]:
    """Each answer to return day `number`: by sender, what and how many guests."""
    with town.db.transaction() as session:
        rows = session.scalars(
            select(ReturnDayAnswer).where(ReturnDayAnswer.return_day_id == number)
        )
        return {row.sender_id: (row.answer, row.guests) for row in rows}


def last_payload(town: Town, chat: str) -> dict[str, Any]:
    with town.db.transaction() as session:
        row = session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.chat_id == chat)
            .order_by(OutboxMessage.id.desc())
        ).first()
        assert row is not None
        return dict(row.payload)


def relayed(town: Town, reference: str) -> list[object]:
    """The texts of `reference` its initiator wrote on to the contact."""
    return [data["text"] for kind, _, data in town.trail(reference) if kind == "relayed_to_contact"]


def numbers(line: str) -> list[int]:
    """The counts in a line of the organiser's overview, whatever its language."""
    return [int(found) for found in re.findall(r"\d+", line)]


# Typed one after the other by one invitee; what is stored after each. Guests not
# named keep those said before; no brings none.
TYPED = [
    ("ik kom", ("yes", 0)),
    ("lukt niet", ("no", 0)),
    ("ja ik kom", ("yes", 0)),
    ("nee helaas", ("no", 0)),
    ("ik ben erbij", ("yes", 0)),
    ("misschien", ("maybe", 0)),
    ("we komen", ("yes", 0)),
    ("ik kan niet", ("no", 0)),
    ("Ik kom met z'n tweeën!", ("yes", 1)),
    ("weet ik nog niet", ("maybe", 1)),
    ("ik kom met 2 anderen", ("yes", 2)),
    ("can't make it", ("no", 0)),
    ("+1", ("yes", 1)),
    ("maybe", ("maybe", 1)),
    ("ik neem mijn buurman mee", ("yes", 1)),
    ("ik kon niet", ("no", 0)),  # "kom" or "kan" mistyped: never a yes
    ("I'll come", ("yes", 0)),
    ("ik kom met z'n drieën", ("yes", 2)),
    ("ik kom wel", ("yes", 2)),
]


def test_typed_answers_of_every_kind_count_with_their_guests(here: Town) -> None:
    reference = here.submit("bewoner", area="ouddorp")
    assert here.say("coordinator", PLAN)
    for text, stored in TYPED:
        assert here.say("bewoner", text)
        assert answers(here) == {"bewoner": stored}, text
        reply = last_payload(here, "bewoner")
        assert [key for key, _ in reply["choices"]] == ["rsvp:1:yes", "rsvp:1:no", "rsvp:1:maybe"]
    assert relayed(here, reference) == []  # none went to the contact
    here.say("bewoner", "english")
    here.say("bewoner", "ik kom met z'n tweeën")
    assert here.last("bewoner") == (
        "Good, you are coming with 1 guest. See you on Thursday 10 December!\n"
        "Plans change? Type it, such as \u201cI'm not coming\u201d or \u201cI'm coming with "
        "one guest\u201d, or choose below."
    )
    here.say("bewoner", "lukt niet")
    assert here.last("bewoner").startswith("A pity you cannot come.")


def test_guests_are_counted_for_the_organiser(here: Town) -> None:
    here.submit("bewoner", area="ouddorp")
    here.submit("buurman", area="ouddorp")
    here.submit("overbuur", area="stellendam")
    here.say("coordinator", PLAN)
    here.say("bewoner", "ik kom met z'n drieën")
    here.say("buurman", "+1")
    here.say("overbuur", "", payload="rsvp:1:yes")  # a button says nothing of guests
    here.say("coordinator", "terugkomdag 1")
    lines = here.last("coordinator").splitlines()
    assert numbers(lines[1]) == [3, 0, 0, 0]  # coming, not, maybe, no answer
    assert numbers(lines[2]) == [3, 6]  # guests, people in all
    here.say("bewoner", "", payload="rsvp:1:no")  # no brings nobody
    here.say("coordinator", "terugkomdag 1")
    assert numbers(here.last("coordinator").splitlines()[2]) == [1, 3]


def test_stories_and_questions_still_reach_the_contact(here: Town) -> None:
    reference = here.submit("bewoner", area="ouddorp")
    here.say("coordinator", PLAN)
    for text in (
        "ik kom er niet uit met mijn aanvraag",
        "kom je ook?",
        "Hoe gaat het met mijn aanvraag?",
        "ik kom met de fiets",
    ):
        assert here.say("bewoner", text)
    assert answers(here) == {}
    assert relayed(here, reference) == [
        "ik kom er niet uit met mijn aanvraag",
        "kom je ook?",
        "Hoe gaat het met mijn aanvraag?",
        "ik kom met de fiets",
    ]


def test_a_plain_yes_after_the_contact_asked_something_is_for_the_contact(
    here: Town, clock: Clock, jobs: FollowUpJobs
) -> None:
    reference = here.submit("bewoner", area="ouddorp")
    here.say("anna", f"oppakken {reference}", chat="team-west")
    here.say("coordinator", PLAN)
    clock.now += timedelta(hours=1)
    here.say("anna", f"antwoord {reference} Mag ik je dinsdag bellen?")
    assert here.say("bewoner", "ja")
    assert relayed(here, reference) == ["ja"]
    assert answers(here) == {}
    assert here.say("bewoner", "ik kom")  # says what it answers: the day
    assert answers(here) == {"bewoner": ("yes", 0)}

    # The reminder a week before asks again: a plain answer is the day's once more.
    assert fire(here, jobs, "returnday:1:0", WEEK_BEFORE) == Firing(sent=1)
    clock.now = WEEK_BEFORE + timedelta(minutes=1)
    assert here.say("bewoner", "nee")
    assert answers(here) == {"bewoner": ("no", 0)}
    assert relayed(here, reference) == ["ja"]


def test_a_question_about_the_day_gets_what_when_where_and_the_programme(here: Town) -> None:
    reference = here.submit("bewoner", area="ouddorp")
    here.say("coordinator", f"{PLAN}\nprogramma:\n19.30 inloop\n20.00 terugblik")
    for question in (
        "wat is een terugkomdag?",
        "waar is het?",
        "hoe laat begint het?",
        "wat is het programma?",
    ):
        assert here.say("bewoner", question)
        about = last_payload(here, "bewoner")
        assert "Op een terugkomdag kijken we samen terug." in about["text"]
        assert "Dorpshuis Ouddorp" in about["text"]
        assert "donderdag 10 december om 19.30 uur" in about["text"]
        assert "19.30 inloop\n20.00 terugblik" in about["text"]
        assert about["choices"][0][0] == "rsvp:1:yes"
        assert about["file"]["name"] == "terugkomdag-2026-12-10.ics"
    assert relayed(here, reference) == []
    assert answers(here) == {}


def test_invited_to_two_days_a_typed_answer_asks_which_by_date_and_place(here: Town) -> None:
    here.submit("bewoner", area="ouddorp")
    here.say("coordinator", PLAN)
    here.say("coordinator", SECOND)
    assert here.say("bewoner", "ik kom met z'n tweeën")
    assert answers(here, 1) == answers(here, 2) == {}
    which = last_payload(here, "bewoner")
    assert which["choices"] == [
        ["rsvp:1:yes:1", "donderdag 10 december, Dorpshuis Ouddorp"],
        ["rsvp:2:yes:1", "donderdag 17 december, Het Diekhuis"],
    ]
    assert not re.search(r"terugkomdag \d|return day \d", which["text"], re.IGNORECASE)
    assert here.say("bewoner", "", payload="rsvp:2:yes:1")
    assert (answers(here, 1), answers(here, 2)) == ({}, {"bewoner": ("yes", 1)})
    assert not here.say("bewoner", "", payload="rsvp:2:yes:x")  # forged: refused


def test_after_the_day_began_a_typed_answer_is_not_counted_but_relayed(
    here: Town, clock: Clock
) -> None:
    reference = here.submit("bewoner", area="ouddorp")
    here.say("coordinator", PLAN)
    clock.now = datetime(2026, 12, 10, 19, 31, tzinfo=AMSTERDAM)
    assert here.say("bewoner", "ik kom")
    assert answers(here) == {}
    assert relayed(here, reference) == ["ik kom"]


def test_someone_not_invited_is_relayed_as_before(here: Town) -> None:
    reference = here.submit("overbuur", area="stellendam")
    here.say("coordinator", "terugkomdag 2026-12-10 19:30 Dorpshuis voor kern Ouddorp")
    assert here.say("overbuur", "ik kom")
    assert answers(here) == {}
    assert relayed(here, reference) == ["ik kom"]


def test_a_cancelled_day_takes_no_typed_answers(here: Town) -> None:
    reference = here.submit("bewoner", area="ouddorp")
    here.say("coordinator", PLAN)
    here.say("coordinator", "terugkomdag 1 annuleer")
    here.say("bewoner", "+1")
    assert answers(here) == {}
    assert relayed(here, reference) == ["+1"]


def test_answers_in_one_batch_read_each_other(here: Town) -> None:
    """A platform hands several messages at once: one transaction, each read anew."""
    here.submit("bewoner", area="ouddorp")
    here.say("coordinator", PLAN)
    said = ["ik kom met 2 anderen", "ik kom", "+1", "ik kom"]
    batch = [
        Incoming("console", "bewoner", "bewoner", f"batch{n}", text) for n, text in enumerate(said)
    ]
    outcomes = here.service.handle_batch(batch)
    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert answers(here) == {"bewoner": ("yes", 1)}  # "ik kom" keeps the guest of "+1"
