"""Return days' places and lists at their edges: someone no longer invited, someone
forgotten, someone on the list twice over, a dorpsraad's group, words that look like
a code, a config that names people again, and two answers at one moment.

On SQLite and PostgreSQL (the last test on PostgreSQL only, where answers of different
residents run at the same time); the clock starts on Monday 23 November 2026.
"""

import itertools
import re
import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.cases.timerules import time_rules
from bot.config.flows import Flow
from bot.config.names import Names
from bot.config.settings import Config, Person, ReturnDaySettings
from bot.inbox.service import Inbox
from bot.intake.state import Setting
from bot.messages import Incoming
from bot.privacy import erasure
from bot.returndays import from_config
from bot.returndays import typed as typed_answers
from bot.returndays.desk import ReturnDays
from bot.schedule.jobs import Firing, FollowUpJobs
from storage import queries
from storage.db import Database, make_engine
from storage.migrate import upgrade
from storage.models import Initiative, ReturnDay
from tests.town import Clock, Town, fire

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
WEEK_BEFORE = datetime(2026, 12, 3, 19, 30, tzinfo=AMSTERDAM)
FOR_OUDDORP = "terugkomdag 2026-12-10 19:30 Dorpshuis voor kern Ouddorp"
FOR_SIGN_UPS = "terugkomdag 2026-12-10 19:30 Dorpshuis voor deelnemers en volgers Dorpsraad Ouddorp"
DORPSRAAD = "dorpsraad-ouddorp"
_events = itertools.count(1)


@pytest.fixture
def town(db: Database, names: Names, setting: Setting) -> Town:
    return Town(db, Inbox(db, names, setting, Clock()))


def code_of(town: Town) -> str:
    found = re.search(r"“aanmelden (\w+)”", town.inbox(DORPSRAAD)[0])
    assert found is not None
    return found.group(1)


def sign_up(town: Town, account: str, code: str) -> bool:
    said = Incoming(
        "console",
        account,
        account,
        f"s{next(_events)}",
        f"aanmelden {code}",
        sender_name=account.title(),  # as their app shows them
    )
    return town.service.handle(said).accepted


def answers(town: Town) -> dict[str, str]:
    with town.db.transaction() as session:
        return {a.sender_id: a.answer for a in queries.return_day_answers(session, 1)}


def test_a_place_comes_free_only_for_those_still_invited_and_anyone_may_give_one_up(
    town: Town,
) -> None:
    first = town.submit("bewoner", area="ouddorp")
    second = town.submit("buurman", area="ouddorp")
    town.say("coordinator", FOR_OUDDORP)
    town.say("coordinator", "terugkomdag 1 plaatsen 1")
    town.say("bewoner", "", payload="rsvp:1:yes")
    town.say("buurman", "", payload="rsvp:1:yes")
    assert answers(town) == {"bewoner": "yes", "buurman": "waiting"}

    town.say("buurman", f"intrekken {second} ja")  # no longer invited
    told = len(town.inbox("buurman"))
    assert town.say("bewoner", "", payload="rsvp:1:no")
    assert answers(town) == {"bewoner": "no", "buurman": "waiting"}  # not given to him
    assert len(town.inbox("buurman")) == told
    assert town.say("buurman", "", payload="rsvp:1:no")  # off the waiting list, as he asks
    assert answers(town)["buurman"] == "no"
    assert not town.say("buurman", "", payload="rsvp:1:yes")  # but not back on it

    town.say("bewoner", "", payload="rsvp:1:yes")
    town.say("bewoner", f"intrekken {first} ja")
    assert town.say("bewoner", "", payload="rsvp:1:no")  # a place held may be given up
    assert answers(town)["bewoner"] == "no"


def test_someone_forgotten_gives_their_place_to_the_next(town: Town) -> None:
    town.say("coordinator", FOR_SIGN_UPS)
    code = code_of(town)
    for account in ("anna", "piet"):
        sign_up(town, account, code)
    town.say("coordinator", "terugkomdag 1 plaatsen 1")
    town.say("anna", "", payload="rsvp:1:yes")
    town.say("piet", "", payload="rsvp:1:yes")
    town.say("anna", "vergeet mij")
    town.say("anna", "ja")
    assert answers(town) == {"piet": "yes"}
    assert town.last("piet").startswith("Goed nieuws: er is een plek vrij")


def test_a_dorpsraad_reads_how_to_sign_up_in_every_message_and_is_told_where(
    town: Town, jobs: FollowUpJobs
) -> None:
    town.say("coordinator", FOR_SIGN_UPS)
    code = code_of(town)
    assert fire(town, jobs, "returnday:1:0", WEEK_BEFORE) == Firing(sent=1)
    reminder = town.last(DORPSRAAD)
    assert reminder.startswith("Nog een week:")
    assert f"Ieder meldt zich zelf aan:\n• Stuur “aanmelden {code}”" in reminder
    town.say("coordinator", "terugkomdag 1 verzet 2026-12-11 19:30")
    assert "Ieder meldt zich zelf aan:" in town.last(DORPSRAAD)

    in_the_group = Incoming(
        "console", DORPSRAAD, "lid", f"g{next(_events)}", f"aanmelden {code}", group=True
    )
    assert not town.service.handle(in_the_group).accepted
    assert town.last(DORPSRAAD) == (
        f"Ieder meldt zich zelf aan, in een eigen chat met de bot: stuur daar “aanmelden {code}”."
    )
    with town.db.transaction() as session:
        assert queries.return_day_people(session, 1) == []  # the group signed nobody up


def test_taking_off_someone_invited_as_an_initiator_too_keeps_their_answer(town: Town) -> None:
    town.submit("bewoner", area="ouddorp")
    town.say("coordinator", FOR_OUDDORP)
    town.say("coordinator", "terugkomdag 1 deelnemer console:bewoner Anna")
    town.say("bewoner", "", payload="rsvp:1:yes")
    told = len(town.inbox("bewoner"))
    assert town.say("coordinator", "terugkomdag 1 deelnemer weg console:bewoner")
    assert answers(town) == {"bewoner": "yes"}
    assert len(town.inbox("bewoner")) == told  # still invited: nothing to tell


def test_fewer_places_than_are_taken_sends_nobody_away(town: Town) -> None:
    town.say("coordinator", FOR_SIGN_UPS)
    code = code_of(town)
    for account in ("anna", "piet", "kees"):
        sign_up(town, account, code)
        town.say(account, "", payload="rsvp:1:yes")
    assert town.say("coordinator", "terugkomdag 1 plaatsen 1")
    assert town.last("coordinator") == (
        "Terugkomdag 1 heeft nu 1 plaats. Er komen nu al 3 mensen. Niemand verliest zijn "
        "plek. De wachtlijst wacht tot er minder komen."
    )
    assert set(answers(town).values()) == {"yes"}


def test_words_that_only_look_like_a_code_answer_the_intake(town: Town) -> None:
    town.say("nieuw", "nieuw")
    town.say("nieuw", "ja")  # the privacy text: the intake now asks for a title
    assert town.say("nieuw", "aanmelden 2x4abc")
    with town.db.transaction() as session:
        [row] = queries.conversations_of(session, "console", "nieuw")
        assert "aanmelden 2x4abc" in str(row.state)  # kept as the intake's answer
    assert not town.say("ander", "aanmelden 2x4abc")  # outside an intake: told
    assert town.last("ander").startswith("Die code ken ik niet.")


def test_an_initiator_who_signs_up_is_not_listed_again_by_their_apps_name(
    town: Town,
) -> None:
    town.submit("bewoner", area="ouddorp")
    town.say("coordinator", FOR_OUDDORP + " en volgers Dorpsraad Ouddorp")
    said = Incoming(
        "console",
        "bewoner",
        "bewoner",
        f"s{next(_events)}",
        f"aanmelden {code_of(town)}",
        sender_name="Anna's iPhone",
    )
    assert town.service.handle(said).accepted
    assert town.last("bewoner").startswith("Fijn dat je je aanmeldt")
    with town.db.transaction() as session:
        assert queries.return_day_people(session, 1) == []


def test_the_config_names_people_once_and_followers_as_they_change(
    db: Database, config: Config, flow: Flow, town: Town
) -> None:
    """Someone forgotten, or taken off in chat, is not invited again at the next start
    while the config still names them; a follower added later gets the invitation, one
    dropped hears no more."""
    day = ReturnDaySettings(
        key="masterclass",
        at=datetime(2026, 12, 10, 19, 30, tzinfo=AMSTERDAM),
        place="Diekhuus",
        all_initiators=False,
        participants=(
            Person(account="console:anna", name="Anna"),
            Person(account="console:piet", name="Piet"),
        ),
    )
    start = datetime(2026, 11, 23, 12, tzinfo=AMSTERDAM)

    def synced(wanted: ReturnDaySettings) -> list[str]:
        names = Names(config.model_copy(update={"return_days": [wanted]}), flow)
        with db.transaction() as session:
            return from_config.sync(ReturnDays(names, time_rules(config)), session, start)

    assert synced(day) == ["1"]
    with db.transaction() as session:
        erasure.forget_person(session, config, "console", "anna", start)
    town.say("coordinator", "terugkomdag 1 deelnemer weg console:piet")
    synced(day)
    with db.transaction() as session:
        assert queries.return_day_people(session, 1) == []
        assert len(marks(session)) == 2  # both were added once: a mark each, no account
        assert not any("console:" in entry for entry in marks(session))
    assert len(town.inbox("anna")) == 0  # the farewell was forgotten once sent
    assert len([t for t in town.inbox("piet") if t.startswith("Je bent uitgenodigd")]) == 1

    with_raad = day.model_copy(update={"followers": ("Dorpsraad Ouddorp",)})
    assert synced(with_raad) == ["1"]
    assert town.inbox(DORPSRAAD)[0].startswith("Je bent uitgenodigd voor de terugkomdag")
    assert synced(day.model_copy(update={"place": "Gemeentehuis"})) == ["1"]  # moved
    assert len(town.inbox(DORPSRAAD)) == 1  # dropped: no word of the move

    again = day.model_copy(update={"participants": day.participants[1:]})
    synced(again)  # Piet's mark stays while the config names him; Anna's goes
    synced(day)  # named again after being left out: a new start for Anna
    with db.transaction() as session:
        assert [p.sender_id for p in queries.return_day_people(session, 1)] == ["anna"]


def marks(session: Session) -> list[str]:
    """The day's marks of the config's participants it added."""
    [day] = session.scalars(select(ReturnDay)).all()
    return [entry for entry in day.reminded if entry.startswith(from_config.LISTED)]


def test_two_answers_at_one_moment_take_turns_at_the_last_place(
    postgres_url: str, names: Names, setting: Setting
) -> None:
    """On PostgreSQL residents' messages are handled side by side: a typed "ik kom"
    waits for the other's to be stored, and finds the day full."""
    engine = make_engine(postgres_url)
    upgrade(engine)
    db = Database(engine)
    try:
        town = Town(db, Inbox(db, names, setting, Clock()))
        town.say("coordinator", FOR_SIGN_UPS)
        code = code_of(town)
        for account in ("anna", "piet"):
            sign_up(town, account, code)
        town.say("coordinator", "terugkomdag 1 plaatsen 1")
        now = datetime(2026, 11, 24, 12, tzinfo=AMSTERDAM)
        first_took, let_go = threading.Event(), threading.Event()

        def answer(account: str, hold: bool) -> None:
            said = Incoming("console", account, account, f"t{next(_events)}", "ik kom")
            with db.transaction() as session:
                typed_answers.typed(session, names, said, "ik kom", "nl", now)
                if hold:  # Anna's answer stays uncommitted until Piet's has started
                    first_took.set()
                    let_go.wait(10)

        anna = threading.Thread(target=answer, args=("anna", True))
        anna.start()
        assert first_took.wait(10)
        piet = threading.Thread(target=answer, args=("piet", False))
        piet.start()
        piet.join(0.5)
        assert piet.is_alive()  # waiting for the day Anna's answer holds
        let_go.set()
        anna.join(10)
        piet.join(10)
        assert answers(town) == {"anna": "yes", "piet": "waiting"}
    finally:
        engine.dispose()


def test_words_the_bot_cannot_read_reach_the_organiser_when_nobody_else_would(
    town: Town,
) -> None:
    """Someone who came by the poster has no contact: what they write about the day goes
    to the organiser, and they are asked again, with the buttons."""
    town.say("coordinator", FOR_SIGN_UPS)
    sign_up(town, "joke", code_of(town))
    assert town.say("joke", "Ik kom wel maar wat later, rond acht uur. Is dat erg?")
    assert town.last("coordinator") == (
        "Joke schrijft over terugkomdag 1 (donderdag 10 december om 19.30 uur):\n"
        "“Ik kom wel maar wat later, rond acht uur. Is dat erg?”\n"
        "Antwoorden: “terugkomdag 1 antwoord console:joke je tekst”."
    )
    assert town.last("joke").startswith(
        "Ik heb je bericht doorgegeven aan de organisator van de terugkomdag van donderdag "
        "10 december om 19.30 uur. Kom je?"
    )
    assert "joke" not in answers(town)  # a question is no answer
    assert town.say("coordinator", "terugkomdag 1 antwoord console:joke Geen probleem!")
    assert town.last("coordinator") == "Je antwoord is verstuurd aan Joke."
    assert town.last("joke") == (
        "Een bericht van de organisator van de terugkomdag van donderdag 10 december om "
        "19.30 uur:\nGeen probleem!"
    )
    assert not town.say("coordinator", "terugkomdag 1 antwoord console:vreemde Hoi")
    assert town.last("coordinator") == "console:vreemde is niet uitgenodigd voor terugkomdag 1."
    town.say("joke", "we komen met 4")
    assert answers(town) == {"joke": "yes"}

    passed = len(town.inbox("coordinator"))
    town.say("joke", "Bedankt!")  # thanks: nothing to pass on
    idea = (
        "Er ligt veel zwerfafval langs de dijk bij de haven en ik wil met buren een "
        "opruimdag houden in het voorjaar"
    )
    town.say("joke", idea)  # an idea starts an intake, as it would without the day
    assert len(town.inbox("coordinator")) == passed
    assert town.inbox("joke")[-2].startswith("Dank je voor je idee!")
    town.say("joke", "stop")

    town.say("joke", "", payload="rsvp:1:no")
    town.say("joke", "Is er koffie?")  # said no: hears, and passes on, nothing more of it
    assert len(town.inbox("coordinator")) == passed


def test_contacts_may_look_and_the_config_keeps_what_is_its_own(
    db: Database, config: Config, flow: Flow, town: Town
) -> None:
    names = Names(
        config.model_copy(
            update={
                "return_days": [
                    ReturnDaySettings(
                        key="lente",
                        at=datetime(2026, 12, 10, 19, 30, tzinfo=AMSTERDAM),
                        place="Diekhuus",
                        capacity=40,
                    )
                ]
            }
        ),
        flow,
    )
    with db.transaction() as session:
        from_config.sync(ReturnDays(names, time_rules(config)), session, datetime.now(AMSTERDAM))
    assert town.say("anna", "terugkomdag 1")  # a contact looks, without names
    assert town.last("anna").startswith("Terugkomdag 1: donderdag 10 december om 19.30 uur")
    assert not town.say("anna", "terugkomdag 1 plaatsen 10")
    assert town.last("anna") == "Alleen coördinatoren plannen terugkomdagen."
    for change in ("plaatsen 10", "verzet 2026-12-17 19:30", "annuleer"):
        assert not town.say("coordinator", f"terugkomdag 1 {change}")
        assert town.last("coordinator").startswith(
            "Terugkomdag 1 staat in het configuratiebestand ([[return_days]] key = “lente”)."
        )
    assert town.say("coordinator", "terugkomdag 1 aanmelden")  # the list may grow in chat


def test_a_day_planned_twice_is_planned_once(town: Town) -> None:
    town.submit("bewoner", area="ouddorp")
    assert town.say("coordinator", FOR_OUDDORP)
    assert not town.say("coordinator", FOR_OUDDORP.replace("Dorpshuis", "dorpshuis"))
    assert town.last("coordinator") == (
        "Op dat moment en die plek staat al terugkomdag 1. Typ “terugkomdag 1” om hem te zien."
    )
    assert len([t for t in town.inbox("bewoner") if t.startswith("Je bent uitgenodigd")]) == 1


def test_with_no_organiser_to_read_them_words_go_their_usual_way(
    db: Database, config: Config, flow: Flow, setting: Setting
) -> None:
    """A day from the config, and no coordinators: nobody would read the words, so the
    person is not told they were passed on."""
    lonely = config.model_copy(
        update={
            "routing": config.routing.model_copy(update={"coordinators": ()}),
            "return_days": [
                ReturnDaySettings(
                    key="los",
                    at=datetime(2026, 12, 10, 19, 30, tzinfo=AMSTERDAM),
                    place="Diekhuus",
                    all_initiators=False,
                    signup=True,
                )
            ],
        }
    )
    names = Names(lonely, flow)
    with db.transaction() as session:
        from_config.sync(ReturnDays(names, time_rules(lonely)), session, datetime.now(AMSTERDAM))
        [day] = session.scalars(select(ReturnDay)).all()
        code = day.signup_code
    assert code is not None
    town = Town(db, Inbox(db, names, setting, Clock()))
    assert sign_up(town, "joke", code)
    town.say("joke", "Ik kom wat later, is dat erg?")
    assert not town.last("joke").startswith("Ik heb je bericht doorgegeven")


def test_an_initiator_whose_initiative_closed_long_ago_reaches_the_organiser(
    town: Town,
) -> None:
    reference = town.submit("bewoner", area="ouddorp")
    town.say("anna", f"oppakken {reference}")
    town.say("anna", f"sluiten {reference} klaar Mooi gedaan!")
    with town.db.transaction() as session:  # closed a year ago: no contact hears them now
        session.execute(
            update(Initiative)
            .where(Initiative.reference == reference)
            .values(updated_at=datetime(2025, 11, 1, tzinfo=AMSTERDAM))
        )
    town.say("coordinator", FOR_OUDDORP)
    assert town.say("bewoner", "Is er parkeergelegenheid bij het dorpshuis?")
    assert "“Is er parkeergelegenheid bij het dorpshuis?”" in town.last("coordinator")
    assert town.last("bewoner").startswith("Ik heb je bericht doorgegeven")


def test_words_passed_to_the_organiser_go_when_their_writer_is_forgotten(
    town: Town, config: Config
) -> None:
    town.say("coordinator", FOR_SIGN_UPS)
    sign_up(town, "joke", code_of(town))
    town.say("joke", "Ik kom wat later, mijn dochter Tim haal ik eerst op. Is dat erg?")
    assert "mijn dochter Tim" in town.last("coordinator")
    with town.db.transaction() as session:
        erasure.forget_person(session, config, "console", "joke", datetime.now(AMSTERDAM))
    assert not any("mijn dochter Tim" in text for text in town.inbox("coordinator"))
