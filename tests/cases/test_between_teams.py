"""Nothing falls between teams: a second forward goes to the coordinators, the initiator
hears of a move once, and `betrek` lets another team follow an initiative and add notes
without owning it. On SQLite and PostgreSQL; the harness's clock stands on Monday
23 November 2026."""

from bot.cases import between_teams, texts
from bot.cases.rules import Case, Why
from bot.config.names import Names
from bot.inbox.service import Inbox
from bot.intake.state import Setting
from storage.db import Database
from tests.town import Clock, Town

TITLE = "Bankje bij de haven"


def moves_told(town: Town) -> list[str]:
    """What the initiator was told about their initiative moving between teams."""
    return [message for message in town.inbox("bewoner") if "past beter bij" in message]


def forwarded_twice(town: Town) -> str:
    """West forwards to Oost, and Oost wants it back in West."""
    reference = town.submit("bewoner")
    assert town.say("anna", f"doorsturen {reference} oost Ligt net over de grens")
    assert town.say("carla", f"doorsturen {reference} west Hoort bij Ouddorp", chat="team-oost")
    return reference


def test_a_second_forward_goes_to_the_coordinators_to_decide(town: Town) -> None:
    reference = town.submit("bewoner")
    assert town.say("anna", f"doorsturen {reference} oost Ligt net over de grens")
    west_before = town.inbox("team-west")
    assert town.say("carla", f"doorsturen {reference} west Hoort bij Ouddorp", chat="team-oost")

    assert town.initiative(reference).team == "oost"  # it stays until they decide
    assert town.inbox("team-west") == west_before  # West is not sent it again
    asked = town.last("coordinator")
    assert asked.startswith(
        f"{reference} \u201c{TITLE}\u201d is al 1 keer doorgestuurd. Nu wil iemand het weer "
        "doorsturen. Jij beslist welk team het oppakt."
    )
    assert "Anna (Kernteam West) stuurde het naar Kernteam Oost: Ligt net over de grens" in asked
    assert (
        "\u2022 nu: Carla (Kernteam Oost) wil het naar Kernteam West sturen: Hoort bij Ouddorp"
        in (asked)
    )
    assert "Tot je beslist, blijft het bij Kernteam Oost." in asked
    assert town.last("team-oost") == between_teams.referred(reference, "Kernteam Oost", "nl")
    assert town.trail(reference)[-1] == (
        "forward_referred",
        "console:carla",
        {"from": "oost", "to": "west", "reason": "Hoort bij Ouddorp"},
    )
    assert len(moves_told(town)) == 1  # the initiator heard of the first move only


def test_the_coordinators_decision_goes_through_and_the_initiator_hears_nothing_more(
    town: Town,
) -> None:
    reference = forwarded_twice(town)
    assert town.say("coordinator", f"doorsturen {reference} midden Het gaat om de kade")

    assert town.initiative(reference).team == "midden"
    notice = town.last("team-midden")
    assert notice.startswith(f"Doorgestuurd naar jullie team: {reference}")
    assert "Fleur (co\u00f6rdinator) stuurde het naar jullie team: Het gaat om de kade" in notice
    assert len(moves_told(town)) == 1


def test_without_coordinators_a_second_forward_goes_through(
    db: Database, names: Names, setting: Setting
) -> None:
    routing = names.config.routing.model_copy(update={"coordinators": ()})
    alone = Names(names.config.model_copy(update={"routing": routing}), names.flow)
    town = Town(db, Inbox(db, alone, setting, Clock()))
    reference = forwarded_twice(town)  # nobody else could decide
    assert town.initiative(reference).team == "west"
    assert "Carla (Kernteam Oost) stuurde het naar jullie team: Hoort bij Ouddorp" in town.last(
        "team-west"
    )
    assert len(moves_told(town)) == 1


def test_an_involved_team_follows_and_adds_notes_without_owning_it(town: Town) -> None:
    reference = town.submit("bewoner")
    assert town.say("anna", f"betrek {reference} oost Kent de havenmeester", chat="team-west")
    assert town.last("team-west") == f"Anna heeft Kernteam Oost betrokken bij {reference}."
    asked = town.last("team-oost")
    assert asked.startswith(
        f"Anna (Kernteam West) vraagt jullie team mee te denken over {reference} "
        f"\u201c{TITLE}\u201d.\nKent de havenmeester\nKernteam West houdt het."
    )
    assert town.trail(reference)[-1] == (
        "team_involved",
        "console:anna",
        {"team": "oost", "reason": "Kent de havenmeester"},
    )

    assert town.say("carla", f"toon {reference}", chat="team-oost")
    shown = town.last("team-oost")
    assert "Ook betrokken: Kernteam Oost" in shown
    assert "Anna (Kernteam West): Kernteam Oost erbij betrokken: Kent de havenmeester" in shown

    for command in (f"oppakken {reference}", f"sluiten {reference} klaar Gedaan"):
        assert not town.say("carla", command, chat="team-oost")
        case = Case(reference, "west", "submitted", None, None)
        assert town.last("team-oost") == texts.refusal(
            Why.ONLY_CONSULTED, case, "Kernteam West", "nl"
        )
    assert town.initiative(reference).status == "submitted"

    assert town.say("carla", f"notitie {reference} Wij bellen de havenmeester", chat="team-oost")
    assert town.last("team-west") == (
        f"Carla (Kernteam Oost) schreef een notitie bij {reference}:\nWij bellen de havenmeester"
    )

    # The updates of the team that has it reach the team involved too.
    assert town.say("anna", f"oppakken {reference}", chat="team-west")
    assert town.last("team-oost") == f"Anna heeft {reference} opgepakt."
    assert town.say("anna", f"sluiten {reference} klaar Het bankje staat er.", chat="team-west")
    assert town.last("team-oost") == texts.closed(reference, "Anna", "done", "nl")
    assert not town.say("bram", f"toon {reference}", chat="team-midden")  # never involved


def test_an_involved_team_hears_of_a_forward_and_stays_involved(town: Town) -> None:
    reference = town.submit("bewoner")
    assert town.say("anna", f"betrek {reference} oost")
    assert town.say("anna", f"doorsturen {reference} midden Hoort bij Middelharnis")
    assert town.last("team-oost") == f"Anna heeft {reference} doorgestuurd naar Kernteam Midden."
    assert town.say("carla", f"toon {reference}", chat="team-oost")
    assert "Team: Kernteam Midden" in town.last("team-oost")


def test_involving_an_unknown_team_the_own_team_or_one_involved_is_refused(town: Town) -> None:
    reference = town.submit("bewoner")
    assert not town.say("anna", f"betrek {reference} noord")
    assert town.last("anna").startswith("Het team \u201cnoord\u201d ken ik niet.")
    assert not town.say("anna", f"betrek {reference} west")
    assert town.last("anna") == f"{reference} ligt al bij Kernteam West. Betrek een ander team."
    assert town.say("anna", f"betrek {reference} oost")
    assert not town.say("anna", f"betrek {reference} oost")
    assert town.last("anna") == f"Kernteam Oost is al betrokken bij {reference}."
    assert [kind for kind, _, _ in town.trail(reference)].count("team_involved") == 1


def test_an_involved_team_never_reads_what_was_written_to_the_contact_alone(town: Town) -> None:
    reference = town.submit("bewoner")
    assert town.say("anna", f"oppakken {reference}", chat="team-west")
    assert town.say("anna", f"betrek {reference} oost")
    town.say("bewoner", "Mijn nummer is 06 12345678, bel me maar.")
    assert town.say("carla", f"toon {reference}")  # in her private chat with the bot
    shown = town.last("carla")
    assert "06 12345678" not in shown
    assert "alleen voor de contactpersoon" in shown
