"""Return days planned from chat and config: invited, reminded, answered, moved and
cancelled.

On SQLite and PostgreSQL; the harness's clock stands on Monday 23 November 2026.
"""

import base64
import re
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from sqlalchemy import select

from bot.cases.timerules import time_rules
from bot.config.flows import Flow
from bot.config.names import Names
from bot.config.settings import Addressed, Config, Localized, ReturnDaySettings
from bot.returndays import from_config
from bot.returndays.desk import ReturnDays
from bot.schedule.jobs import Firing, FollowUpJobs
from storage.db import Database
from storage.models import OutboxMessage
from tests.town import Town, fire

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
WEEK_BEFORE = datetime(2026, 12, 3, 19, 30, tzinfo=AMSTERDAM)
DAY_BEFORE = datetime(2026, 12, 9, 19, 30, tzinfo=AMSTERDAM)
PLAN = "terugkomdag 2026-12-10 19:30 Dorpshuis Ouddorp voor alle"
INVITED = "Je bent uitgenodigd voor de terugkomdag van Goeree-Overflakkee."
WEEK = "Nog een week: de terugkomdag van Goeree-Overflakkee, donderdag 10 december om 19.30 uur"
RESIDENTS = ("bewoner", "buurman", "overbuur")


@pytest.fixture
def residents(town: Town) -> dict[str, str]:
    """Three initiators: two in Ouddorp, one in Stellendam."""
    return {
        "bewoner": town.submit("bewoner", area="ouddorp"),
        "buurman": town.submit("buurman", area="ouddorp", theme="verkeer"),
        "overbuur": town.submit("overbuur", area="stellendam"),
    }


def planned(town: Town, jobs: FollowUpJobs) -> dict[str, str]:
    with town.db.transaction() as session:
        return {
            entry.job_id: f"{entry.at.astimezone(AMSTERDAM):%Y-%m-%d %H:%M}"
            for entry in jobs.planned(session, ["1"], WEEK_BEFORE)
        }


def payloads(town: Town, chat: str) -> list[dict[str, Any]]:
    """What the outbox holds for `chat`: text, buttons and file, oldest first."""
    with town.db.transaction() as session:
        rows = session.scalars(
            select(OutboxMessage).where(OutboxMessage.chat_id == chat).order_by(OutboxMessage.id)
        )
        return [dict(row.payload) for row in rows]


def invitations(town: Town, chat: str) -> list[dict[str, Any]]:
    return [p for p in payloads(town, chat) if p["text"].startswith(INVITED)]


def event(payload: dict[str, Any]) -> Any:
    """The one event of a message's calendar file."""
    [found] = Calendar.from_ical(base64.b64decode(payload["file"]["base64"])).walk("VEVENT")
    return found


def no_numbers_inside(text: str) -> bool:
    """Residents never read a return day's number (nor a database id)."""
    return re.search(r"(terugkomdag|return day) \d|\(\d+\)", text, re.IGNORECASE) is None


def test_planning_invites_everyone_once_with_what_when_where_a_file_and_buttons(
    town: Town, jobs: FollowUpJobs, residents: dict[str, str]
) -> None:
    assert town.say("coordinator", PLAN)
    assert town.last("coordinator").startswith(
        "Terugkomdag 1 gepland: donderdag 10 december om 19.30 uur in Dorpshuis Ouddorp, "
        "voor alle initiatiefnemers. Uitnodigingen verstuurd: 3."
    )
    for resident in RESIDENTS:
        [invitation] = invitations(town, resident)
        text = invitation["text"]
        assert "Op een terugkomdag kijken we samen terug." in text  # what it is, in general
        assert "Wanneer: donderdag 10 december om 19.30 uur\nWaar: Dorpshuis Ouddorp" in text
        assert "Programma" not in text  # none was given
        assert no_numbers_inside(text)
        assert [label for _, label in invitation["choices"]] == [
            "Ik kom",
            "Ik kom niet",
            "Misschien",
        ]
        assert invitation["file"]["name"] == "terugkomdag-2026-12-10.ics"
        assert event(invitation).decoded("dtstart") == datetime(
            2026, 12, 10, 19, 30, tzinfo=AMSTERDAM
        )
    assert planned(town, jobs) == {
        "returnday:1:0": "2026-12-03 19:30",
        "returnday:1:1": "2026-12-09 19:30",
    }


def test_a_purpose_and_a_programme_typed_below_the_plan(
    town: Town, residents: dict[str, str]
) -> None:
    assert town.say(
        "coordinator",
        f"{PLAN}\ndoel: We kijken terug op een jaar initiatieven.\n"
        "programma:\n19.30 inloop\n20.00 terugblik",
    )
    [invitation] = invitations(town, "bewoner")
    assert "\n\nWe kijken terug op een jaar initiatieven.\n\n" in invitation["text"]
    assert invitation["text"].split("\n\n")[3] == "Programma:\n19.30 inloop\n20.00 terugblik"
    assert str(event(invitation)["description"]) == "19.30 inloop\n20.00 terugblik"
    assert not town.say("coordinator", f"{PLAN}\ndoel: {'lang ' * 300}")
    assert town.last("coordinator").startswith("Houd wat na “doel:” en na “programma:” komt")


def names_without_days(config: Config, flow: Flow) -> Names:
    """The example's names, its own return days left out: these tests plan theirs."""
    return Names(config.model_copy(update={"return_days": []}), flow)


def test_a_return_day_from_invitation_to_cancellation(
    db: Database,
    config: Config,
    flow: Flow,
    town: Town,
    jobs: FollowUpJobs,
    residents: dict[str, str],
) -> None:
    """Invited once (a restart sends nothing again), a no, both reminders to the others
    in words, a move with an updated calendar file, reminders again, and a cancel."""
    town.say("coordinator", PLAN)
    restarted = ReturnDays(names_without_days(config, flow), time_rules(config))
    with db.transaction() as session:  # a restart: the config synced, every job planned
        assert from_config.sync(restarted, session, datetime(2026, 11, 24, tzinfo=UTC)) == []
        assert [entry.job_id for entry in restarted.planned(session, None)] == [
            "returnday:1:0",
            "returnday:1:1",
        ]
    for resident in RESIDENTS:
        assert len(invitations(town, resident)) == 1
    assert town.say("overbuur", "", payload="rsvp:1:no")
    assert town.last("overbuur") == "Bedankt dat je het laat weten."
    said_no = len(payloads(town, "overbuur"))

    assert fire(town, jobs, "returnday:1:0", WEEK_BEFORE) == Firing(sent=2)
    assert town.last("bewoner").startswith(WEEK)
    assert town.last("buurman").endswith("in Dorpshuis Ouddorp. Kom je?")
    town.say("bewoner", "", payload="rsvp:1:yes")
    first = event(invitations(town, "bewoner")[0])

    assert town.say("coordinator", "terugkomdag 1 verzet 17-12-2026 20:00 Het Diekhuis")
    assert town.last("coordinator") == (
        "Terugkomdag 1 is verzet. 2 chats van wie niet nee zei, kregen bericht."
    )
    for resident in ("bewoner", "buurman"):  # yes, and no answer yet: both told
        moved = payloads(town, resident)[-1]
        assert moved["text"] == (
            "De terugkomdag van donderdag 10 december om 19.30 uur is verzet naar "
            "donderdag 17 december om 20.00 uur in Het Diekhuis. Kun je dan? "
            "Open het bestand, dan staat de nieuwe datum in je agenda."
        )
        assert [key for key, _ in moved["choices"]] == ["rsvp:1:yes", "rsvp:1:no", "rsvp:1:maybe"]
        again = event(moved)
        assert again["uid"] == first["uid"]
        assert int(again["sequence"]) > int(first["sequence"])
        assert again.decoded("dtstart") == datetime(2026, 12, 17, 20, tzinfo=AMSTERDAM)
        assert str(again["location"]) == "Het Diekhuis"
    assert planned(town, jobs) == {  # the reminders armed again for the new moment
        "returnday:1:0": "2026-12-10 20:00",
        "returnday:1:1": "2026-12-16 20:00",
    }
    assert fire(town, jobs, "returnday:1:1", datetime(2026, 12, 16, 20, tzinfo=AMSTERDAM)) == (
        Firing(sent=2)
    )
    assert town.last("buurman").startswith(
        "Morgen: de terugkomdag van Goeree-Overflakkee, donderdag 17 december om 20.00 uur "
        "in Het Diekhuis. Kom je?"
    )
    assert fire(town, jobs, "returnday:1:1", datetime(2026, 12, 16, 20, tzinfo=AMSTERDAM)) == (
        Firing()
    )

    assert town.say("coordinator", "terugkomdag 1 annuleer")
    for resident in ("bewoner", "buurman"):
        cancelled = payloads(town, resident)[-1]
        assert cancelled["text"] == (
            "De terugkomdag van donderdag 17 december om 20.00 uur is afgelast. Het spijt ons."
        )
        gone = event(cancelled)
        assert (gone["uid"], str(gone["status"])) == (first["uid"], "CANCELLED")
        assert int(gone["sequence"]) >= int(again["sequence"])
    assert len(payloads(town, "overbuur")) == said_no  # said no: heard nothing more
    assert planned(town, jobs) == {}


def test_answers_are_counted_and_listed_for_the_organiser(
    town: Town, jobs: FollowUpJobs, residents: dict[str, str]
) -> None:
    town.say("coordinator", PLAN)
    assert town.say("bewoner", "", payload="rsvp:1:yes")
    assert town.last("bewoner") == "Bedankt, tot op de terugkomdag!"
    assert town.say("buurman", "", payload="rsvp:1:maybe")
    assert town.say("overbuur", "", payload="rsvp:1:no")
    assert town.say("overbuur", "", payload="rsvp:1:yes")  # changed their mind: the last counts
    assert not town.say("indringer", "", payload="rsvp:1:yes")  # not invited
    assert not town.say("bewoner", "", payload="rsvp:1:perhaps")

    town.say("coordinator", "terugkomdag 1")
    overview = town.last("coordinator")
    assert "Komen: 2 · komen niet: 0 · misschien: 1 · geen antwoord: 0" in overview
    assert f"Anna de Vries ({residents['bewoner']})" in overview
    town.say("coordinator", "terugkomdag 1", chat="team-west")  # a group: counts only
    assert "Komen: 2" in town.last("team-west")
    assert "Anna de Vries" not in town.last("team-west")


def test_an_audience_of_areas_or_a_team(
    town: Town, jobs: FollowUpJobs, residents: dict[str, str]
) -> None:
    town.say("coordinator", "terugkomdag 2026-12-10 19:30 Dorpshuis voor kern Stellendam")
    assert [len(invitations(town, r)) for r in RESIDENTS] == [0, 0, 1]
    assert fire(town, jobs, "returnday:1:0", WEEK_BEFORE) == Firing(sent=1)
    assert town.last("overbuur").startswith("Nog een week: de terugkomdag")

    town.say("coordinator", "terugkomdag 2026-12-11 10:00 Gemeentehuis voor team west")
    assert "voor de leden van Kernteam West" in town.last("coordinator")
    assert town.last("anna").startswith(INVITED)
    assert fire(town, jobs, "returnday:2:0", datetime(2026, 12, 4, 10, tzinfo=AMSTERDAM)) == Firing(
        sent=1
    )
    assert town.last("anna").startswith("Nog een week: de terugkomdag")
    assert town.say("anna", "", payload="rsvp:2:yes")


def test_only_coordinators_plan_and_unclear_commands_are_explained(
    town: Town, residents: dict[str, str]
) -> None:
    assert not town.say("anna", PLAN)
    assert town.last("anna") == "Alleen coördinatoren plannen terugkomdagen."
    assert not town.say("coordinator", "terugkomdag morgen in het dorpshuis")
    assert town.last("coordinator").startswith("Een terugkomdag plannen:")
    assert not town.say("coordinator", "terugkomdag 2026-12-10 19:30 Dorpshuis voor kern Atlantis")
    assert town.last("coordinator").startswith("Voor wie?")
    assert not town.say("coordinator", "terugkomdag 2026-11-20 19:30 Dorpshuis voor alle")
    assert town.last("coordinator").startswith("Dat moment is al voorbij")
    assert not town.say("coordinator", "terugkomdag 9")
    assert town.last("coordinator") == "Er is geen terugkomdag 9."
    town.say("coordinator", "terugkomdag")
    assert town.last("coordinator") == "Er zijn geen terugkomdagen gepland."
    assert all(not invitations(town, r) for r in RESIDENTS)


def test_a_resident_typing_the_word_is_not_planning_anything(
    town: Town, residents: dict[str, str]
) -> None:
    town.say("bewoner", PLAN)
    town.say("coordinator", "terugkomdag")
    assert town.last("coordinator") == "Er zijn geen terugkomdagen gepland."


def syncing(db: Database, config: Config, flow: Flow) -> Any:
    """Sync these config days at `now`, as a start does: which days changed."""

    def synced(now: datetime, *days: ReturnDaySettings) -> list[str]:
        names = Names(config.model_copy(update={"return_days": list(days)}), flow)
        with db.transaction() as session:
            return from_config.sync(ReturnDays(names, time_rules(config)), session, now)

    return synced


def test_return_days_from_the_config_are_planned_moved_and_cancelled(
    db: Database, config: Config, flow: Flow, town: Town, residents: dict[str, str]
) -> None:
    now = datetime(2026, 11, 23, 12, tzinfo=UTC)
    synced = syncing(db, config, flow)
    spring = ReturnDaySettings(
        key="lente",
        at=datetime(2026, 12, 10, 19, 30, tzinfo=AMSTERDAM),
        place="Diekhuis",
        purpose=Addressed(nl="Samen terugkijken.", en="Looking back together."),
        programme=Localized(nl="19.30 inloop", en="19.30 coffee"),
    )
    assert synced(now, spring) == ["1"]
    [invitation] = invitations(town, "bewoner")
    assert "\n\nSamen terugkijken.\n\n" in invitation["text"]
    assert "Programma:\n19.30 inloop" in invitation["text"]
    assert synced(now, spring) == []  # nothing changed: no second invitation
    assert len(invitations(town, "bewoner")) == 1
    town.say("coordinator", "terugkomdag")
    assert "1: donderdag 10 december om 19.30 uur, Diekhuis (alle initiatiefnemers)" in town.last(
        "coordinator"
    )

    town.say("buurman", "", payload="rsvp:1:no")
    later = spring.model_copy(update={"at": datetime(2026, 12, 11, 19, 30, tzinfo=AMSTERDAM)})
    told = len(payloads(town, "buurman"))
    assert synced(now, later) == ["1"]
    assert "verzet naar vrijdag 11 december om 19.30 uur" in town.last("bewoner")
    assert payloads(town, "bewoner")[-1]["file"]["name"] == "terugkomdag-2026-12-11.ics"
    assert synced(now) == ["1"]
    assert "afgelast" in town.last("bewoner")
    assert len(payloads(town, "buurman")) == told  # said no
    past = ReturnDaySettings(
        key="oud", at=datetime(2026, 3, 12, 19, 30, tzinfo=AMSTERDAM), place="Diekhuis"
    )
    assert synced(now, past) == []
    assert len(invitations(town, "bewoner")) == 1


def test_someone_who_becomes_an_initiator_after_the_invitation_gets_it_once(
    town: Town, residents: dict[str, str]
) -> None:
    """A day for Ouddorp was announced; a new initiative there brings its initiator the
    invitation, a second one does not, and an initiative elsewhere brings none."""
    assert town.say("coordinator", "terugkomdag 2026-12-10 19:30 Dorpshuis voor kern Ouddorp")
    assert [len(invitations(town, r)) for r in RESIDENTS] == [1, 1, 0]
    town.submit("nieuwkomer", area="ouddorp")
    [invitation] = invitations(town, "nieuwkomer")
    assert [key for key, _ in invitation["choices"]] == ["rsvp:1:yes", "rsvp:1:no", "rsvp:1:maybe"]
    town.submit("nieuwkomer", area="ouddorp")
    town.submit("bewoner", area="ouddorp")  # invited with the first
    town.submit("elders", area="stellendam")
    assert len(invitations(town, "nieuwkomer")) == 1
    assert len(invitations(town, "bewoner")) == 1
    assert invitations(town, "elders") == []
    assert town.say("nieuwkomer", "", payload="rsvp:1:yes")  # invited: the answer counts
