"""What contacts and coordinators are shown: a trail in a group keeps the initiator's
private words to their contact out; a coordinator's help names the block commands;
`open` in another team's chat is refused as `toon` is. On SQLite and PostgreSQL."""

from datetime import date

import pytest

from bot.cases import texts
from bot.privacy.blocking import parse_block_command
from bot.texts.i18n import translations
from tests.town import Town

MONDAY = date(2026, 11, 23)  # the town clock's day: the help's examples count from it

PRIVATE = "to the contact alone; shown only in a private chat with the bot"
TO_TEAM = "Is er al nieuws?"
TO_ANNA = "Mijn nummer is 06 12345678, bel me maar."
ADDED = "Ook een prullenbak erbij graag."


@pytest.fixture
def talked(town: Town) -> str:
    """An initiative whose initiator wrote to its team, and then privately to Anna."""
    reference = town.submit("bewoner")
    town.say("bewoner", TO_TEAM)
    town.say("anna", f"oppakken {reference}", chat="team-west")
    town.say("bewoner", TO_ANNA)
    town.say("bewoner", f"aanvullen {reference} {ADDED}")
    assert any(TO_ANNA in message for message in town.inbox("anna"))  # to her alone
    return reference


def test_in_a_team_chat_the_trail_leaves_out_what_was_written_to_the_contact_alone(
    town: Town, talked: str
) -> None:
    town.say("anna", f"toon {talked}", chat="team-west")
    shown = town.last("team-west")
    assert TO_TEAM in shown  # the team's chat read that one already
    assert TO_ANNA not in shown
    assert ADDED not in shown
    assert shown.count(translations("nl").gettext(PRIVATE)) == 2


@pytest.mark.parametrize("who", ["anna", "coordinator"])
def test_in_a_private_chat_the_trail_is_whole(town: Town, talked: str, who: str) -> None:
    town.say(who, f"toon {talked}")
    shown = town.last(who)
    assert all(text in shown for text in (TO_TEAM, TO_ANNA, ADDED))
    assert translations("nl").gettext(PRIVATE) not in shown


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_a_coordinators_help_names_block_commands_that_work(locale: str) -> None:
    helped = texts.contact_help(locale, coordinator=True, today=MONDAY).splitlines()
    heading = helped.index(translations(locale).gettext("As a coordinator you can also type:"))
    found = []
    for line in helped[heading + 1 :]:
        typed = line.removeprefix("\u2022 ").split(":")[0]
        for placeholder in ("REFERENCE", "NUMMER"):
            typed = typed.replace(placeholder, "2026-0001")
        command = parse_block_command(typed)
        assert command is not None, line
        found.append(command.do)
    assert found == ["block", "unblock", "list"]


def test_the_help_shows_block_commands_to_coordinators_only(town: Town) -> None:
    town.say("coordinator", "help")
    assert town.last("coordinator") == texts.contact_help("nl", coordinator=True, today=MONDAY)
    town.say("anna", "help")
    assert town.last("anna") == texts.contact_help("nl", coordinator=False, today=MONDAY)
    longer = town.inbox("coordinator")[-1]
    assert longer.startswith(town.last("anna"))  # the same, and the block commands after it
    assert longer != town.last("anna")


def test_open_in_another_teams_chat_is_refused_as_toon_is(town: Town) -> None:
    reference = town.submit("bewoner")
    assert not town.say("bram", "open", chat="team-west")
    assert town.last("team-west") == texts.not_your_team_list("Kernteam West", "nl")
    assert not town.say("bram", f"toon {reference}", chat="team-west")  # the same for toon
    assert "Kernteam West" in town.last("team-west")
    assert town.say("anna", "open", chat="team-west")
    assert reference in town.last("team-west")
    assert town.say("coordinator", "open", chat="team-west")
    assert reference in town.last("team-west")


def test_the_appointment_example_of_the_usage_works_when_copied(town: Town) -> None:
    """ "afspraak" alone shows how, with a date a week from today; that example, with a
    real reference and place, plans the appointment."""
    reference = town.submit("bewoner")
    town.say("anna", f"oppakken {reference}")
    assert not town.say("anna", "afspraak")
    usage = town.last("anna")
    assert usage == (
        "Een afspraak plannen met de initiatiefnemer: “afspraak NUMMER 2026-11-30 14:00 plaats”."
    )
    example = usage.split("“")[1].split("”")[0]
    assert town.say("anna", example.replace("NUMMER", reference).replace("plaats", "Dorpshuis"))
    assert "maandag 30 november om 14.00 uur" in town.last("bewoner")
