"""A contact hands in an initiative for a resident they met or phoned (`namens`), with the
resident's consent given out loud: the whole path through the app, on SQLite and
PostgreSQL.

Anna (console:anna) is a contact of team West. Most of her conversation runs in
English, whose texts are the code's own; the Dutch ones are checked where they come
from the flow file.
"""

import io
import json
from datetime import datetime

import pytest
from sqlalchemy import select

from bot.accounts import split_address
from bot.cases import on_behalf as team_lines
from bot.cli import admin
from bot.config.flows import Flow
from bot.config.names import Names
from bot.config.settings import Config
from bot.intake import on_behalf
from bot.intake.state import State
from bot.privacy import my_data
from bot.vocabulary import GROUP, ON_BEHALF, Actor, TrailKind
from storage import queries
from storage.models import Conversation, Initiative
from tests.cases.test_departed_contact import town_of, without_anna
from tests.town import Clock, Town

ANNA = "anna"
INTAKE = [
    "A bench by the harbour",
    "So older people can rest for a while after their walk.",
    "1",
    "1",
    "no",
]
CONSENT_QUESTION = "Did the resident say yes out loud to us keeping this information?"


def mine(town: Town, sender: str) -> list[Initiative]:
    with town.db.transaction() as session:
        return list(queries.initiatives_of(session, "console", sender))


def state_of(town: Town, sender: str) -> State | None:
    with town.db.transaction() as session:
        row = session.scalars(select(Conversation).where(Conversation.sender_id == sender)).first()
        return State.from_json(row.state) if row else None


def start_in_english(town: Town) -> str:
    town.say(ANNA, "language")
    town.say(ANNA, "on behalf")
    return "\n".join(town.inbox(ANNA)[-2:])


def hand_in_for_jan(town: Town, *name_and_group: str) -> Initiative:
    """Anna's whole intake for Jan; `name_and_group`: the answers to the name question
    and (unless the name gave it) the group question."""
    start_in_english(town)
    for text in ["yes", *INTAKE, *(name_and_group or ("Jan de Vries", "no"))]:
        town.say(ANNA, text)
    town.say(ANNA, "no")  # brings nothing yet
    town.say(ANNA, "06-12345678")
    town.say(ANNA, "yes")
    [initiative] = mine(town, ANNA)
    return town.initiative(initiative.reference)


def test_the_contact_is_told_what_they_do_and_reads_the_consent_aloud(town: Town) -> None:
    started = start_in_english(town)
    assert "You are now filling in an initiative for a resident" in started
    assert "\u201cstop\u201d" in started
    assert CONSENT_QUESTION in started
    assert "Read it to them first:" in started
    assert "We keep your idea, your name, your phone number or email" in started  # the text
    assert state_of(town, ANNA) is not None


def test_a_contact_hands_in_for_a_resident(town: Town, names: Names) -> None:
    initiative = hand_in_for_jan(town)
    assert (initiative.channel, initiative.chat_id, initiative.sender_id) == (
        "console",
        ANNA,
        ANNA,
    )
    assert (initiative.name, initiative.contact) == ("Jan de Vries", "+31612345678")
    record = initiative.answers[ON_BEHALF]
    assert record == {"by": "console:anna", "name": "Anna", "consent": "verbal", "at": record["at"]}
    given = datetime.fromisoformat(record["at"])
    assert initiative.consented_at == given < initiative.created_at
    # Handed in by her, on the trail; routed as any other.
    trail = town.trail(initiative.reference)
    assert trail[0] == (TrailKind.SUBMITTED, "console:anna", {ON_BEHALF: record})
    assert Actor.RESIDENT not in {actor for _kind, actor, _data in trail}
    assert initiative.team is not None
    notify = names.config.team(initiative.team).notify
    assert notify
    assert all(initiative.reference in town.last(split_address(chat)[1]) for chat in notify)
    # Her receipt says the team reaches the resident, and that messages come to her.
    receipt = town.last(ANNA)
    assert initiative.reference in receipt
    assert "The team will phone or email the resident" in receipt
    assert "Messages for the resident come to you" in receipt
    # The team reads who handed it in for the resident, and when consent was given.
    [by_anna] = team_lines.lines(names, initiative, "en")
    assert by_anna == (
        "Handed in by Anna (Kernteam West) on behalf of the resident; "
        "verbal consent on Monday 23 November"
    )
    assert state_of(town, ANNA) == State("en", known=True, locale_chosen=True)  # done


def test_the_questions_are_about_the_resident(town: Town) -> None:
    start_in_english(town)
    for text in ["yes", *INTAKE]:
        town.say(ANNA, text)
    assert "What is the resident's name?" in town.last(ANNA)
    town.say(ANNA, "Jan de Vries")
    assert "Does the resident do this together with a group" in town.last(ANNA)
    town.say(ANNA, "no")
    assert "Who already takes part, and what does the resident bring" in town.last(ANNA)
    town.say(ANNA, "no")
    assert "Which phone number or email address can the team reach the resident on?" in (
        town.last(ANNA)
    )
    town.say(ANNA, "jan@example.nl")
    assert "This is the resident's initiative:" in town.last(ANNA)


def test_a_group_named_with_the_residents_name(town: Town, names: Names) -> None:
    initiative = hand_in_for_jan(town, "Jan de Vries namens de dorpsraad")
    assert (initiative.name, initiative.answers[GROUP]) == ("Jan de Vries", "Dorpsraad")
    on_behalf_of, by_anna = team_lines.lines(names, initiative, "en")
    assert on_behalf_of == "On behalf of: Dorpsraad"
    assert by_anna.startswith("Handed in by Anna (Kernteam West)")


@pytest.mark.parametrize("no", ["no", "nee", "nee hoor", "hij zei nee"])
def test_a_no_at_the_consent_keeps_nothing(town: Town, no: str) -> None:
    start_in_english(town)
    town.say(ANNA, no)
    assert "Then we keep nothing" in town.last(ANNA)
    assert mine(town, ANNA) == []
    assert state_of(town, ANNA) == State("en", known=True, locale_chosen=True)


def test_the_button_no_keeps_nothing_either(town: Town) -> None:
    start_in_english(town)
    town.say(ANNA, "", payload="answer:consent:no")
    assert "Then we keep nothing" in town.last(ANNA)
    assert state_of(town, ANNA) == State("en", known=True, locale_chosen=True)


@pytest.mark.parametrize("yes", ["ja hoor", "jaa", "akoord", "ja, ze zei ja", "Yes, he agreed"])
def test_yes_as_contacts_type_it(town: Town, yes: str) -> None:
    start_in_english(town)
    town.say(ANNA, yes)
    state = state_of(town, ANNA)
    assert state is not None
    assert state.step == "title"
    assert state.on_behalf == {"by": "console:anna", "name": "Anna"}


@pytest.mark.parametrize("unclear", ["ja maar ze wil niet", "ze weet het nog niet zeker"])
def test_an_unclear_answer_asks_again(town: Town, unclear: str) -> None:
    start_in_english(town)
    town.say(ANNA, unclear)
    state = state_of(town, ANNA)
    assert state is not None
    assert (state.step, state.on_behalf) == ("consent", {"by": "console:anna", "name": "Anna"})


def test_the_buttons_say_it_was_out_loud(town: Town) -> None:
    town.say(ANNA, "language")
    town.say(ANNA, "on behalf")
    with town.db.transaction() as session:
        [last] = queries.messages_mentioning(session, "Read it to them first")
        labels = [label for _key, label in last.payload["choices"]]
    assert labels == ["Yes, they agreed out loud", "No"]


def test_stop_keeps_nothing(town: Town) -> None:
    start_in_english(town)
    for text in ["yes", *INTAKE[:2], "stop"]:
        town.say(ANNA, text)
    assert mine(town, ANNA) == []
    assert state_of(town, ANNA) == State("en", known=True, locale_chosen=True)


def test_dutch_namens_reads_the_consent_text_of_the_flow(town: Town) -> None:
    town.say(ANNA, "namens bewoner")
    started = town.last(ANNA)
    assert "We bewaren je idee, je naam, je telefoonnummer of e-mail" in started
    state = state_of(town, ANNA)
    assert state is not None
    assert (state.step, state.on_behalf) == ("consent", {"by": "console:anna", "name": "Anna"})


def test_a_contact_in_the_middle_of_it_answers_rather_than_commands(town: Town) -> None:
    start_in_english(town)
    town.say(ANNA, "yes")
    town.say(ANNA, "Pak het zwerfvuil aan")  # begins like "pak REF", the claim command
    town.say(ANNA, "help")  # the intake's help, not the desk's
    state = state_of(town, ANNA)
    assert state is not None
    assert state.answers["title"] == "Pak het zwerfvuil aan"
    assert state.step == "description"
    assert "skip a question" in "\n".join(town.inbox(ANNA)[-2:])


def test_namens_again_in_the_middle_goes_on_where_they_were(town: Town) -> None:
    start_in_english(town)
    town.say(ANNA, "yes")
    town.say(ANNA, "namens")
    assert "Let's go on where you were" in "\n".join(town.inbox(ANNA)[-2:])
    state = state_of(town, ANNA)
    assert state is not None
    assert state.step == "title"


def test_a_resident_typing_namens_gets_nothing_special(town: Town) -> None:
    town.say("piet", "namens")
    state = state_of(town, "piet")
    assert state is not None
    assert (state.step, state.on_behalf) == (None, None)
    assert "You are now filling in" not in town.last("piet")
    town.say("piet", "nieuw")
    state = state_of(town, "piet")
    assert state is not None
    assert (state.step, state.on_behalf) == ("consent", None)


def test_a_contact_in_the_team_chat_gets_nothing(town: Town) -> None:
    before = town.inbox("team-west")
    town.say(ANNA, "namens", chat="team-west")
    assert town.inbox("team-west") == before
    assert state_of(town, ANNA) is None


def test_a_forged_start_does_nothing(town: Town) -> None:
    forged = on_behalf.start_payload("console:anna", "Anna")
    town.say("piet", "", payload=forged)
    town.say(ANNA, "", payload=forged)
    assert state_of(town, "piet") is None
    assert state_of(town, ANNA) is None
    assert town.inbox("piet") == town.inbox(ANNA) == []


def test_the_team_reads_who_handed_it_in_and_for_whom(town: Town) -> None:
    initiative = hand_in_for_jan(town)
    handed_in = "namens de bewoner; mondelinge toestemming op maandag 23 november"
    assert handed_in in town.last("team-west")  # the notification, in the team's Dutch
    town.say(ANNA, f"toon {initiative.reference}", chat="team-west")
    assert handed_in in town.last("team-west")


def test_the_export_names_the_contact_and_the_kind_of_consent(town: Town, names: Names) -> None:
    initiative = hand_in_for_jan(town)
    out = io.StringIO()
    admin.export(town.db, names, "json", None, out, io.StringIO(), True)
    [row] = [row for row in json.loads(out.getvalue()) if row["reference"] == initiative.reference]
    assert (row["handed_in_by"], row["consent_kind"], row["account"]) == ("Anna", "verbal", None)
    assert row["name"] == "Jan de Vries"


def test_forget_me_by_the_contact_keeps_what_they_handed_in_for_residents(town: Town) -> None:
    initiative = hand_in_for_jan(town)
    town.say(ANNA, "taal")  # back to Dutch, where "vergeet mij" is asked and answered
    town.say(ANNA, "nederlands")
    town.say(ANNA, "vergeet mij")
    town.say(ANNA, "ja")
    kept = town.initiative(initiative.reference)
    assert (kept.status, kept.name, kept.erased_at) == ("submitted", "Jan de Vries", None)


def test_the_contacts_own_data_leaves_out_the_residents(town: Town) -> None:
    hand_in_for_jan(town)
    with town.db.transaction() as session:
        data = my_data.gather(session, "console", ANNA)
    # The initiative is Jan's; what the bot wrote to Anna while she typed stays hers.
    assert data["initiatives"] == []


def test_a_market_day_of_hand_ins_is_no_flood(town: Town, names: Names) -> None:
    most = names.config.limits.initiatives_per_day
    for _ in range(most + 1):
        hand_in_for_jan_again(town)
    assert len(mine(town, ANNA)) == most + 1


def hand_in_for_jan_again(town: Town) -> None:
    """One more of Anna's hand-ins, in the language she chose before."""
    town.say(ANNA, "on behalf")
    for text in ["yes", *INTAKE, "Jan de Vries", "no", "no", "06-12345678", "yes"]:
        town.say(ANNA, text)


def test_the_contacts_own_words_afterwards_are_not_the_residents(town: Town) -> None:
    """Anna's "thank you" is hers; the resident's words she passes on with `notitie`."""
    initiative = hand_in_for_jan(town)
    team_before = town.inbox("team-west")
    town.say(ANNA, "thanks!")
    assert town.inbox("team-west") == team_before
    kinds = [kind for kind, _actor, _data in town.trail(initiative.reference)]
    assert TrailKind.RELAYED_TO_CONTACT not in kinds


def test_once_the_contact_left_nothing_for_the_resident_reaches_them(
    town: Town, config: Config, flow: Flow
) -> None:
    initiative = hand_in_for_jan(town)
    later = town_of(town.db, without_anna(config), flow, Clock())
    anna_before = later.inbox(ANNA)
    assert later.say("wim", f"oppakken {initiative.reference}", chat="team-west")
    assert later.say("wim", f"antwoord {initiative.reference} Ik bel je morgen.")
    assert later.inbox(ANNA) == anna_before  # no "good news", no reply for Jan
    assert "Ik bel je morgen." in later.trail(initiative.reference)[-1][2]["text"]


def test_a_return_day_for_all_initiators_does_not_invite_the_contacts_chat(town: Town) -> None:
    """Her one answer would count for every resident she handed in for."""
    hand_in_for_jan(town)
    town.submit("bewoner")
    anna_before = town.inbox(ANNA)
    assert town.say("coordinator", "terugkomdag 2026-12-17 19:30 Dorpshuis Ouddorp voor alle")
    assert "Uitnodigingen verstuurd: 1." in town.last("coordinator")
    assert town.inbox(ANNA) == anna_before
