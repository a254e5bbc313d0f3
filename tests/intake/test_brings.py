"""Who already takes part and what the initiator brings: an optional question after the
group, in their own words; through the pure core and the whole app."""

import pytest

from bot.intake.state import Setting
from bot.intake.turns import Submission
from bot.vocabulary import BRINGS
from tests.intake.chatting import DUTCH_INTAKE, Resident, answered
from tests.town import Town

AT_BRINGS = DUTCH_INTAKE.index("Anna de Vries") + 2
BRINGS_QUESTION = "Wie doen er al mee? En wat breng je zelf mee?"
CONTACT_QUESTION = "Op welk telefoonnummer"
STORY = "Mijn buurvrouw en ik. Ik heb een aanhanger en we hebben elke zaterdag tijd \U0001f60a"


def at_brings(setting: Setting) -> Resident:
    resident = answered(setting, AT_BRINGS - 1)
    assert BRINGS_QUESTION in resident.says("nee")  # no group
    assert resident.state.step == BRINGS
    return resident


def sent(resident: Resident) -> Submission:
    resident.says("06-12345678")
    resident.says("ja")
    [submission] = resident.effects
    assert isinstance(submission, Submission)
    return submission


def test_their_own_words_are_kept_and_shown_in_the_summary(setting: Setting) -> None:
    resident = at_brings(setting)
    assert CONTACT_QUESTION in resident.says(STORY)
    summary = resident.says("06-12345678")
    assert f"Doet mee en brengt mee: {STORY}" in summary
    resident.says("ja")
    [submission] = resident.effects
    assert isinstance(submission, Submission)
    assert submission.answers[BRINGS] == STORY


@pytest.mark.parametrize(
    "nothing",
    ["nee", "nee hoor", "nog niet", "nog niemand", "niemand doet nog mee", "weet ik niet", "no"],
)
def test_nothing_yet_goes_on(setting: Setting, nothing: str) -> None:
    resident = at_brings(setting)
    assert CONTACT_QUESTION in resident.says(nothing)
    assert sent(resident).answers.get(BRINGS) is None


def test_a_bare_yes_asks_who_and_what(setting: Setting) -> None:
    resident = at_brings(setting)
    said = resident.says("ja hoor")
    assert said.startswith("Vertel het in een paar woorden: wie, en wat?")
    assert resident.state.step == BRINGS
    resident.says("De buurt helpt mee, ik zorg voor koffie")
    assert sent(resident).answers[BRINGS] == "De buurt helpt mee, ik zorg voor koffie"


def test_it_can_be_skipped(setting: Setting) -> None:
    resident = at_brings(setting)
    assert CONTACT_QUESTION in resident.says("overslaan")


# --- the whole app, on SQLite and PostgreSQL


def test_the_team_reads_it_in_the_notice_and_in_toon(town: Town) -> None:
    answers = [*DUTCH_INTAKE]
    answers[3:5] = ["Middelharnis", "cultuur-sport"]  # Kernteam Midden's
    answers[AT_BRINGS] = STORY
    for text in ["nieuw", *answers, "ja"]:
        town.say("els", text)
    [notice] = town.inbox("team-midden")
    reference = notice.split()[2].rstrip(":")
    assert f"Doet mee en brengt mee: {STORY}" in notice
    town.say("bram", f"toon {reference}", chat="team-midden")
    assert f"Doet mee en brengt mee: {STORY}" in town.last("team-midden")
    assert town.initiative(reference).answers[BRINGS] == STORY
