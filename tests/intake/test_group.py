"""An initiative handed in for a group: the group question, and a group named with the
name ("Jan de Vries namens de dorpsraad"); through the pure core and the whole app."""

from dataclasses import replace

import pytest

from bot.cases import on_behalf as team_lines
from bot.config.flows import Flow
from bot.config.names import Names
from bot.intake import groups
from bot.intake.state import Setting
from bot.intake.turns import Submission
from bot.vocabulary import GROUP
from storage import queries
from storage.models import Initiative
from tests.intake.chatting import DUTCH_INTAKE, Resident, answered
from tests.town import Town

AT_NAME = DUTCH_INTAKE.index("Anna de Vries")
AT_GROUP = AT_NAME + 1
GROUP_QUESTION = "Doe je dit samen met een groep"
# The question after the group: who takes part and what they bring.
NEXT_QUESTION = "Wie doen er al mee?"


def at_group(setting: Setting) -> Resident:
    resident = answered(setting, AT_GROUP)
    assert resident.state.step == "group"
    return resident


def sent(resident: Resident) -> Submission:
    """Answer the questions after it and send: what was handed in."""
    resident.says("nee")  # brings nothing yet
    resident.says("06-12345678")
    resident.says("ja")
    [submission] = resident.effects
    assert isinstance(submission, Submission)
    return submission


def test_the_group_is_asked_after_the_name_and_shown_in_the_summary(setting: Setting) -> None:
    resident = answered(setting, AT_NAME)
    assert GROUP_QUESTION in resident.says("Anna de Vries")
    assert NEXT_QUESTION in resident.says("Dorpsraad Stad aan 't Haringvliet")
    resident.says("nee")
    summary = resident.says("06-12345678")
    assert "Namens: Dorpsraad Stad aan 't Haringvliet" in summary
    resident.says("ja")
    [submission] = resident.effects
    assert isinstance(submission, Submission)
    assert submission.answers[GROUP] == "Dorpsraad Stad aan 't Haringvliet"


@pytest.mark.parametrize(
    "none",
    [
        "nee",
        "nee hoor",
        "alleen ik",
        "niet",
        "no",
        "skip",
        "overslaan",
        "geen groep",
        "nee, alleen ik",
        "Nee, gewoon ik",
        "voor mijzelf",
        "ik doe het alleen",
    ],
)
def test_saying_there_is_no_group(setting: Setting, none: str) -> None:
    resident = at_group(setting)
    assert NEXT_QUESTION in resident.says(none)
    assert sent(resident).answers[GROUP] is None


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("namens de buurtvereniging Oost", "Buurtvereniging Oost"),
        ("de dorpsraad", "Dorpsraad"),
        ("basisschool De Regenboog", "Basisschool De Regenboog"),
    ],
)
def test_the_group_as_typed_without_its_lead_in(setting: Setting, typed: str, kept: str) -> None:
    resident = at_group(setting)
    resident.says(typed)
    assert sent(resident).answers[GROUP] == kept


def test_a_yes_asks_which_group(setting: Setting) -> None:
    resident = at_group(setting)
    assert GROUP_QUESTION in resident.says("ja")
    assert resident.state.step == "group"
    assert GROUP not in resident.state.answers


def test_a_phone_number_is_no_group(setting: Setting) -> None:
    resident = at_group(setting)
    resident.says("06-12345678")
    assert resident.state.step == "group"
    assert GROUP not in resident.state.answers


def test_the_group_given_with_the_name_is_not_asked_again(setting: Setting) -> None:
    resident = answered(setting, AT_NAME)
    text = resident.says("Jan de Vries namens de dorpsraad")
    assert NEXT_QUESTION in text
    assert GROUP_QUESTION not in text
    resident.says("nee")
    summary = resident.says("06-12345678")
    assert "Naam: Jan de Vries" in summary
    assert "Namens: Dorpsraad" in summary  # to change if it is wrong
    resident.says("ja")
    [submission] = resident.effects
    assert isinstance(submission, Submission)
    assert (submission.name, submission.answers[GROUP]) == ("Jan de Vries", "Dorpsraad")


def test_the_group_from_the_name_can_be_changed_at_the_summary(setting: Setting) -> None:
    resident = answered(setting, AT_NAME)
    resident.says("Els Bakker van de buurtvereniging Oost")
    resident.says("nee")
    resident.says("06-12345678")
    assert GROUP_QUESTION in resident.says("8")  # "Wijzig: Namens"
    assert "Namens: Buurtvereniging West" in resident.says("Buurtvereniging West")


def test_a_name_with_van_de_stays_a_name(setting: Setting) -> None:
    resident = answered(setting, AT_NAME)
    assert GROUP_QUESTION in resident.says("Jan van de Berg")
    assert resident.state.answers["name"] == "Jan van de Berg"


def test_a_flow_without_the_group_step_keeps_the_name_whole(setting: Setting) -> None:
    steps = [step for step in setting.flow.steps if step.id != GROUP]
    without = replace(setting, flow=Flow(version=1, steps=steps))
    resident = answered(without, AT_NAME)
    assert NEXT_QUESTION in resident.says("Jan de Vries namens de dorpsraad")
    submission = sent(resident)
    assert submission.name == "Jan de Vries namens de dorpsraad"
    assert GROUP not in submission.answers


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("Jan de Vries namens de dorpsraad", ("Jan de Vries", "Dorpsraad")),
        ("Els Bakker van de buurtvereniging Oost", ("Els Bakker", "Buurtvereniging Oost")),
        ("Mia, voor basisschool De Regenboog", ("Mia", "Basisschool De Regenboog")),
        ("John Smith on behalf of the residents", ("John Smith", "Residents")),
        ("Jan van de Berg", None),
        ("Kees van der Wal", None),
        ("Anna van Dijk", None),
        ("namens de dorpsraad", None),  # no name before it
        # Surnames that end like a group word are names; the last "van" may be the group.
        ("Anna van de Kerk", None),
        ("Jan van de Raad", None),
        ("Jan van den Berg van de dorpsraad", ("Jan van den Berg", "Dorpsraad")),
        ("Piet van de Vereniging van Eigenaren", ("Piet", "Vereniging van Eigenaren")),
    ],
)
def test_a_group_in_a_name(typed: str, found: tuple[str, str] | None) -> None:
    assert groups.group_in_name(typed) == found


# --- the whole app, on SQLite and PostgreSQL


def hand_in(town: Town, resident: str, name: str, group: str | None) -> Initiative:
    """A resident's whole intake through the inbox; `group` None: not asked (given with
    the name)."""
    answers = [*DUTCH_INTAKE]
    answers[AT_NAME : AT_GROUP + 1] = [name] if group is None else [name, group]
    for text in ["nieuw", *answers, "ja"]:
        town.say(resident, text)
    with town.db.transaction() as session:
        mine = queries.initiatives_of(session, "console", resident)
    assert len(mine) == 1
    return town.initiative(mine[0].reference)


def test_a_resident_hands_in_for_the_dorpsraad(town: Town, names: Names) -> None:
    initiative = hand_in(town, "els", "Els Bakker", "Dorpsraad Ouddorp")
    assert (initiative.name, initiative.answers[GROUP]) == ("Els Bakker", "Dorpsraad Ouddorp")
    assert team_lines.lines(names, initiative, "en") == ["On behalf of: Dorpsraad Ouddorp"]
    assert initiative.reference in town.last("els")


def test_a_resident_names_the_dorpsraad_with_their_name(town: Town, names: Names) -> None:
    initiative = hand_in(town, "jan", "Jan de Vries namens de dorpsraad", None)
    assert (initiative.name, initiative.answers[GROUP]) == ("Jan de Vries", "Dorpsraad")
    assert team_lines.lines(names, initiative, "en") == ["On behalf of: Dorpsraad"]


def test_nee_hoor_at_the_group_question(town: Town, names: Names) -> None:
    initiative = hand_in(town, "kees", "Kees", "nee hoor")
    assert initiative.answers[GROUP] is None
    assert team_lines.lines(names, initiative, "en") == []
