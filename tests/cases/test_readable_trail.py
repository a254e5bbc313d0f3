"""The trail of `toon` as people read it: names and teams instead of accounts, plain words
for every kind of entry in Dutch and English, an appointment with its time in words and
its place. On SQLite and PostgreSQL; the harness's clock stands on Monday 23 November
2026."""

from datetime import UTC, datetime

import pytest

from bot.cases.trail import event_name
from bot.config.names import Names
from bot.config.settings import Person
from bot.inbox.service import Inbox
from bot.intake.state import Setting
from bot.vocabulary import TrailKind
from storage.db import Database
from tests.town import Clock, Town

ACCOUNTS = ("console:", "(resident)", "(bot)")


def lived(town: Town) -> str:
    """An initiative with a bit of everything: a message to the team, a claim, an
    appointment, a private message to the contact, a coordinator's note, a close."""
    reference = town.submit("bewoner")
    town.say("bewoner", "Is er al nieuws?")
    assert town.say("anna", f"oppakken {reference}", chat="team-west")
    assert town.say("anna", f"afspraak {reference} 10-12-2026 14:00 Dorpshuis", "team-west")
    town.say("bewoner", "Ik neem de tekening mee.")
    assert town.say("coordinator", f"notitie {reference} Budget is er")
    assert town.say("anna", f"sluiten {reference} niet-haalbaar Geen plek op de kade.")
    return reference


def test_the_trail_names_people_and_teams_in_plain_dutch(town: Town) -> None:
    reference = lived(town)
    assert town.say("anna", f"toon {reference}", chat="team-west")
    shown = town.last("team-west")
    trail = shown.split("Geschiedenis:\n")[1].splitlines()
    assert [line.split(" \u00b7 ", 1)[1] for line in trail] == [
        "de initiatiefnemer: ingestuurd",
        "de bot: naar Kernteam West gestuurd: kern Ouddorp, thema Groen en natuur, route 2",
        "de initiatiefnemer: bericht aan Kernteam West: Is er al nieuws?",
        "Anna (Kernteam West): opgepakt",
        "Anna (Kernteam West): afspraak op donderdag 10 december om 14.00 uur, Dorpshuis",
        "de initiatiefnemer: bericht aan Anna: alleen voor de contactpersoon; te zien in een "
        "priv\u00e9gesprek met de bot",
        "Fleur (co\u00f6rdinator): notitie: Budget is er",
        "Anna (Kernteam West): afgesloten: niet haalbaar: Geen plek op de kade.",
    ]
    assert "Status: afgesloten: niet haalbaar" in shown
    assert not any(raw in shown for raw in ACCOUNTS)
    assert "toegewezen" not in shown


def test_an_english_team_reads_the_trail_in_english(
    db: Database, names: Names, setting: Setting
) -> None:
    config = names.config
    teams = [
        t.model_copy(update={"language": "en"}) if t.key == "west" else t for t in config.teams
    ]
    town = Town(
        db,
        Inbox(db, Names(config.model_copy(update={"teams": teams}), names.flow), setting, Clock()),
    )
    reference = lived(town)
    assert town.say("anna", f"show {reference}", chat="team-west")
    shown = town.last("team-west")
    assert "\u00b7 the initiator: handed in" in shown
    assert (
        "\u00b7 the bot: sent to Kernteam West: area Ouddorp, theme Green spaces and nature, "
        "route 2" in shown
    )
    assert (
        "\u00b7 Anna (Kernteam West): appointment on Thursday 10 December, 14.00, Dorpshuis"
        in shown
    )
    assert "\u00b7 Fleur (coordinator): note: Budget is er" in shown
    assert "\u00b7 Anna (Kernteam West): closed: not feasible: Geen plek op de kade." in shown
    assert not any(raw in shown for raw in ACCOUNTS)


def test_a_contact_who_left_is_named_as_a_former_contact(
    town: Town, names: Names, setting: Setting
) -> None:
    reference = town.submit("bewoner")
    assert town.say("anna", f"oppakken {reference}", chat="team-west")
    config = names.config
    wim = (Person(account="console:wim", name="Wim"),)
    teams = [t.model_copy(update={"members": wim}) if t.key == "west" else t for t in config.teams]
    later = Names(config.model_copy(update={"teams": teams}), names.flow)
    next_day = Clock(datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    town = Town(town.db, Inbox(town.db, later, setting, next_day))
    town.say("bewoner", "Is er al nieuws?")  # Anna is let go of it now
    assert town.say("wim", f"toon {reference}", chat="team-west")
    shown = town.last("team-west")
    assert "\u00b7 een oud-contactpersoon: opgepakt" in shown
    assert (
        "\u00b7 de bot: teruggegeven aan het team: de contactpersoon zit niet meer in het team"
        in shown
    )
    assert "console:anna" not in shown


@pytest.mark.parametrize("kind", list(TrailKind))
def test_every_kind_of_entry_has_plain_words_in_both_languages(kind: TrailKind) -> None:
    dutch, english = event_name(kind, "nl"), event_name(kind, "en")
    assert dutch != kind.value  # translated, not the stored word
    assert "_" not in english
    assert dutch != english
