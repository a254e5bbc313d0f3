"""Return days for the people they are really for: participants by name, the chats of
followers (a dorpsraad), whoever signs up through a poster's link, and a limit on
places with a waiting list whose first gets a place that comes free.

On SQLite and PostgreSQL, by time travel: the clock starts on Monday 23 November 2026
and the day is Thursday 10 December 2026 at 19.30.
"""

import io
import itertools
import json
import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.cli import admin
from bot.config.names import Names
from bot.inbox.service import Inbox
from bot.intake.state import Setting
from bot.messages import OPENED, Incoming
from bot.privacy import erasure, my_data
from bot.schedule.jobs import Firing, FollowUpJobs
from storage import queries
from storage.db import Database
from storage.models import OutboxMessage, ReturnDay
from tests.town import Clock, Town, fire

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PLAN = "terugkomdag 2026-12-10 19:30 Het Diekhuus voor deelnemers en volgers Dorpsraad Ouddorp"
DORPSRAAD = "dorpsraad-ouddorp"  # the example follower's chat
WEEK_BEFORE = datetime(2026, 12, 3, 19, 30, tzinfo=AMSTERDAM)
DAY_BEFORE = datetime(2026, 12, 9, 19, 30, tzinfo=AMSTERDAM)
AFTER = datetime(2026, 12, 11, 10, tzinfo=AMSTERDAM)
BUTTONS = ["rsvp:1:yes", "rsvp:1:no", "rsvp:1:maybe"]
_events = itertools.count(1)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def town(db: Database, names: Names, setting: Setting, clock: Clock) -> Town:
    """A resident with an initiative, who is no participant, and the day planned."""
    town = Town(db, Inbox(db, names, setting, clock))
    town.submit("bewoner", area="ouddorp")
    assert town.say("coordinator", PLAN)
    return town


def payloads(town: Town, chat: str) -> list[dict[str, Any]]:
    with town.db.transaction() as session:
        rows = session.scalars(
            select(OutboxMessage).where(OutboxMessage.chat_id == chat).order_by(OutboxMessage.id)
        )
        return [dict(row.payload) for row in rows]


def code_of(town: Town) -> str:
    """The sign-up code, as the dorpsraad's invitation prints it."""
    [invitation] = payloads(town, DORPSRAAD)
    found = re.search(r"“aanmelden (\w+)”", invitation["text"])
    assert found is not None, invitation["text"]
    return found.group(1)


def sign_up(town: Town, account: str, name: str, text: str = "", payload: str = "") -> bool:
    """`account` comes through the poster: their app shows them as `name`."""
    incoming = Incoming(
        "console", account, account, f"s{next(_events)}", text, payload, sender_name=name
    )
    return town.service.handle(incoming).accepted


def people(town: Town) -> list[tuple[str, str, str]]:
    with town.db.transaction() as session:
        return [(p.sender_id, p.name, p.source) for p in queries.return_day_people(session, 1)]


def answers(town: Town) -> dict[str, tuple[str, int]]:
    with town.db.transaction() as session:
        return {a.sender_id: (a.answer, a.guests) for a in queries.return_day_answers(session, 1)}


def test_a_day_for_participants_and_a_dorpsraad_invites_only_them(town: Town) -> None:
    assert town.last("coordinator").startswith(
        "Terugkomdag 1 gepland: donderdag 10 december om 19.30 uur in Het Diekhuus, voor wie "
        "bij naam is uitgenodigd of zich aanmeldt en de chats van Dorpsraad Ouddorp. "
        "Uitnodigingen verstuurd: 1."
    )
    assert not any("terugkomdag" in text.lower() for text in town.inbox("bewoner"))
    [invitation] = payloads(town, DORPSRAAD)
    assert invitation["text"].startswith("Je bent uitgenodigd voor de terugkomdag")
    assert "Wanneer: donderdag 10 december om 19.30 uur\nWaar: Het Diekhuus" in invitation["text"]
    assert "Wil je komen? Ieder meldt zich zelf aan:" in invitation["text"]
    assert invitation["choices"] == []  # a group answers nothing: each signs up
    assert invitation["file"]["name"] == "terugkomdag-2026-12-10.ics"
    assert re.fullmatch(r"[a-z2-9]{6}", code_of(town))


def test_participants_are_added_by_account_and_taken_off_again(town: Town) -> None:
    assert town.say("coordinator", "terugkomdag 1 deelnemer console:anna Anna de Vries")
    assert town.last("coordinator") == (
        "Anna de Vries staat op de lijst van terugkomdag 1 en heeft de uitnodiging gekregen."
    )
    [invitation] = payloads(town, "anna")
    assert invitation["text"].startswith("Je bent uitgenodigd voor de terugkomdag")
    assert [key for key, _ in invitation["choices"]] == BUTTONS
    assert town.say("coordinator", "terugkomdag 1 deelnemer console:anna Anna de Vries")
    assert town.last("coordinator") == "Anna de Vries stond al op de lijst van terugkomdag 1."
    assert len(payloads(town, "anna")) == 1  # not invited twice

    for wrong in (
        "terugkomdag 1 deelnemer Anna de Vries",  # no account
        "terugkomdag 1 deelnemer telegram:@anna Anna",  # a Telegram username: unreachable
        "terugkomdag 1 deelnemer console:anna",  # no name
    ):
        assert not town.say("coordinator", wrong)
        assert town.last("coordinator").startswith("Iemand bij naam uitnodigen:")
    assert people(town) == [("anna", "Anna de Vries", "chat")]

    assert town.say("coordinator", "terugkomdag 1 deelnemer weg console:anna")
    assert (
        town.last("coordinator") == "Anna de Vries staat niet meer op de lijst van terugkomdag 1."
    )
    assert town.last("anna").startswith("Je staat niet meer op de lijst voor de terugkomdag")
    assert people(town) == []
    assert not town.say("anna", "", payload="rsvp:1:yes")  # no longer invited


def test_whoever_signs_up_through_the_link_is_invited_and_named(town: Town) -> None:
    code = code_of(town)
    assert sign_up(town, "piet", "Piet Bakker", payload=f"start:td-{code}")  # Telegram's link
    [welcome] = payloads(town, "piet")
    assert welcome["text"].startswith(
        "Fijn dat je je aanmeldt voor de terugkomdag van Goeree-Overflakkee."
    )
    assert [key for key, _ in welcome["choices"]] == BUTTONS
    assert welcome["file"]["name"] == "terugkomdag-2026-12-10.ics"
    assert sign_up(town, "kees", "Kees", text=f"Aanmelden {code.upper()}")  # typed off a poster
    assert people(town) == [("piet", "Piet Bakker", "signup"), ("kees", "Kees", "signup")]

    assert town.say("piet", "ik kom")  # a typed answer counts for someone signed up
    assert town.last("piet").startswith("Fijn, je komt. Tot donderdag 10 december!")
    assert town.say("coordinator", "terugkomdag 1")
    assert "Komen: Piet Bakker" in town.last("coordinator")

    assert town.say("coordinator", "terugkomdag 1 aanmelden dicht")
    assert not sign_up(town, "lisa", "Lisa", text=f"aanmelden {code}")
    assert town.last("lisa").startswith("Aanmelden voor deze terugkomdag kan niet (meer).")
    assert not sign_up(town, "lisa", "Lisa", payload="start:td-zzzzz2")
    assert town.last("lisa").startswith("Die code ken ik niet.")
    assert [p[0] for p in people(town)] == ["piet", "kees"]  # those in stay in

    assert town.say("coordinator", "terugkomdag 1 aanmelden")
    poster = town.last("coordinator")
    assert poster.startswith("Aanmelden voor terugkomdag 1 kan nu.")
    assert "• Stuur “aanmelden " in poster  # the console: no platform link to give
    assert f"“aanmelden {code}”" in poster  # opened again: the posters work again
    assert sign_up(town, "lisa", "Lisa", text=f"aanmelden {code}")


def test_the_places_fill_then_the_waiting_list_and_a_freed_place_goes_to_the_next(
    town: Town, jobs: FollowUpJobs, names: Names
) -> None:
    code = code_of(town)
    for account, name in (("anna", "Anna"), ("piet", "Piet"), ("kees", "Kees"), ("lisa", "Lisa")):
        sign_up(town, account, name, text=f"aanmelden {code}")
    assert town.say("coordinator", "terugkomdag 1 plaatsen 2")
    assert town.last("coordinator") == "Terugkomdag 1 heeft nu 2 plaatsen."

    assert town.say("anna", "", payload="rsvp:1:yes")
    assert town.say("piet", "ik kom met z'n tweeën")  # two places: one is left
    assert town.last("piet") == (
        "De terugkomdag van donderdag 10 december om 19.30 uur is vol. Je staat op de "
        "wachtlijst, als nummer 1. Komt er een plek vrij? Dan krijg je een bericht."
    )
    assert town.say("kees", "", payload="rsvp:1:yes")  # one place: it fits
    assert town.say("lisa", "", payload="rsvp:1:yes")
    assert "als nummer 2" in town.last("lisa")
    assert town.say("piet", "ik kom met z'n tweeën")  # said again: keeps the turn
    assert "als nummer 1" in town.last("piet")
    assert answers(town) == {
        "anna": ("yes", 0),
        "piet": ("waiting", 1),
        "kees": ("yes", 0),
        "lisa": ("waiting", 0),
    }
    assert town.say("anna", "ik kom met nog iemand")  # a yes keeps its place, not the guest
    assert town.last("anna").startswith("De dag is vol: er is geen plek voor meer gasten.")
    assert answers(town)["anna"] == ("yes", 0)
    assert town.say("coordinator", "terugkomdag 1")
    overview = town.last("coordinator")
    assert "Plaatsen bezet: 2 van 2 · wachtlijst: 2" in overview
    assert "Wachtlijst: Piet, Lisa" in overview

    # The week's reminder: to those with a place, not to those waiting for one.
    assert fire(town, jobs, "returnday:1:0", WEEK_BEFORE) == Firing(sent=3)  # 2 + dorpsraad
    assert town.last("anna").startswith("Nog een week:")
    assert not town.last("piet").startswith("Nog een week:")

    # Anna cannot come: her place goes to Lisa, whose party fits; Piet's two do not.
    assert town.say("anna", "lukt toch niet")
    assert town.last("lisa").startswith(
        "Goed nieuws: er is een plek vrij op de terugkomdag van donderdag 10 december om "
        "19.30 uur in Het Diekhuus. Die plek is nu van jou."
    )
    assert [key for key, _ in payloads(town, "lisa")[-1]["choices"]] == BUTTONS
    assert answers(town)["lisa"] == ("yes", 0)
    assert answers(town)["piet"] == ("waiting", 1)

    # More room: Piet and his guest get their places, and the organiser hears it.
    assert town.say("coordinator", "terugkomdag 1 plaatsen 4")
    assert town.last("coordinator") == (
        "Terugkomdag 1 heeft nu 4 plaatsen. 1 persoon van de wachtlijst kreeg een plek."
    )
    assert town.last("piet").startswith("Goed nieuws: er is een plek vrij")
    assert answers(town)["piet"] == ("yes", 1)

    # Kees is taken off the list: nobody waits now, so his place just comes free.
    assert town.say("coordinator", "terugkomdag 1 deelnemer weg console:kees")
    assert "kees" not in answers(town)

    # A move reaches all who did not say no; the day before, the reminder likewise.
    assert town.say("coordinator", "terugkomdag 1 verzet 2026-12-10 20:00")
    assert town.last("piet").startswith("De terugkomdag van donderdag 10 december om 19.30 uur")
    assert not town.last("anna").startswith("De terugkomdag van")  # said no
    moved_before = datetime(2026, 12, 9, 20, tzinfo=AMSTERDAM)
    assert fire(town, jobs, "returnday:1:1", moved_before) == Firing(sent=3)  # piet, lisa, raad
    assert town.last("lisa").startswith("Morgen:")

    # After the day: the attendance list and the follow-up, to those who came.
    assert town.say("coordinator", "terugkomdag 1 aanwezigen")
    listed = town.last("coordinator")
    assert listed.splitlines()[1:] == [
        "• Lisa",
        "• Piet (+1 gast)",
        "Komen: 2 · gasten: 1 · mensen in totaal: 3",
    ]
    sign_up(town, "kees", "Kees", text=f"aanmelden {code}")  # too late: Lisa and Piet's 2
    town.say("coordinator", "terugkomdag 1 plaatsen 3")
    town.say("kees", "", payload="rsvp:1:yes")
    out = io.StringIO()
    admin.export(town.db, names, "json", None, out, io.StringIO(), return_days=True)
    [day] = json.loads(out.getvalue())
    assert (day["coming"], day["guests"], day["capacity"], day["waiting"]) == (2, 1, 3, 1)


def test_a_place_freed_by_a_no_goes_to_the_first_waiting_whose_party_fits(
    town: Town, clock: Clock
) -> None:
    code = code_of(town)
    for account in ("anna", "piet", "kees"):
        sign_up(town, account, account.title(), text=f"aanmelden {code}")
    town.say("coordinator", "terugkomdag 1 plaatsen 1")
    town.say("anna", "", payload="rsvp:1:yes")
    town.say("piet", "", payload="rsvp:1:yes")
    town.say("kees", "", payload="rsvp:1:yes")
    assert town.say("anna", "", payload="rsvp:1:maybe")  # maybe holds no place
    assert answers(town) == {"anna": ("maybe", 0), "piet": ("yes", 0), "kees": ("waiting", 0)}
    assert town.last("piet").startswith("Goed nieuws")
    assert town.say("piet", "", payload="rsvp:1:no")
    assert answers(town)["kees"] == ("yes", 0)
    assert town.say("coordinator", "terugkomdag 1 plaatsen geen")
    assert town.last("coordinator") == "Terugkomdag 1 heeft nu geen grens aan het aantal plaatsen."


def test_forgetting_someone_who_signed_up_takes_their_name_off_every_list(
    town: Town, db: Database, names: Names
) -> None:
    sign_up(town, "piet", "Piet Bakker", text=f"aanmelden {code_of(town)}")
    town.say("piet", "", payload="rsvp:1:yes")
    with db.transaction() as session:
        shown = my_data.report(
            my_data.gather(session, "console", "piet"), AMSTERDAM, "nl", AFTER
        ).text
    assert "• je naam op de lijst van 1 terugkomdag" in shown
    with db.transaction() as session:
        erased = erasure.forget_person(session, names.config, "console", "piet", AFTER)
    assert (erased.counts["return_day_person"], erased.counts["return_day_answer"]) == (1, 1)
    assert people(town) == []
    assert answers(town) == {}
    with db.transaction() as session:
        day = session.scalars(select(ReturnDay)).one()
        assert day.signup_code is not None  # the poster still works for others


def test_an_intake_the_chat_opened_gives_way_to_the_sign_up(town: Town) -> None:
    """On Matrix and the console, opening the chat starts an intake; someone who came to
    sign up then types "ik kom", which answers the day, not the intake's first question.
    An intake with something in it stays."""
    code = code_of(town)
    town.say("joke", "", payload=OPENED)
    assert sign_up(town, "joke", "Joke", text=f"aanmelden {code}")
    assert town.say("joke", "ik kom")
    assert town.last("joke").startswith("Fijn, je komt.")
    assert answers(town)["joke"] == ("yes", 0)

    town.say("kees", "", payload=OPENED)
    town.say("kees", "ja")  # agreed to the privacy text: the intake is his now
    assert sign_up(town, "kees", "Kees", text=f"aanmelden {code}")
    town.say("kees", "Bankje bij de haven")
    assert "kees" not in answers(town)
    with town.db.transaction() as session:
        [row] = queries.conversations_of(session, "console", "kees")
        assert row.state["step"] is not None  # still in the intake, the title kept
        assert "Bankje bij de haven" in json.dumps(row.state)
