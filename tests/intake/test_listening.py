"""The intake keeps what a resident says: a story told first, questions along the way,
words that answer nothing; and it answers briefly when it does not understand."""

from dataclasses import replace

import pytest

from bot.intake.conversation import unrelayed
from bot.intake.state import Setting, State
from bot.intake.turns import Submission
from tests.intake.chatting import DUTCH_INTAKE, START, Resident, answered

pytestmark = pytest.mark.pure

STORY = "hoi! ik wil graag een speeltuintje in onze wijk"


def told_first(setting: Setting) -> Resident:
    """A newcomer whose first message is their idea, as the shell hands it over when
    nobody holds an initiative of theirs."""
    resident = Resident(setting)
    resident.last = unrelayed(setting, resident.state, STORY, START)
    resident.state = resident.last.state
    return resident


def test_an_idea_told_first_is_kept_and_offered_back_as_a_title(setting: Setting) -> None:
    resident = told_first(setting)
    assert resident.state.step == "consent"
    assert resident.state.answers == {"description": STORY}
    assert "bewaard" in "\n".join(reply.text for reply in resident.replies)

    text = resident.says("ja hoor")
    assert resident.state.step == "title"
    assert "\u201cEen speeltuintje in onze wijk\u201d" in text
    assert resident.choice_labels() == ["Gebruik deze titel"]

    resident.says("ja")
    assert resident.state.answers["title"] == "Een speeltuintje in onze wijk"
    assert resident.state.step == "area"  # the story is the description: not asked again


def test_a_title_of_ones_own_replaces_the_offer(setting: Setting) -> None:
    resident = told_first(setting)
    resident.says("ja")
    resident.says("Speeltuin Oostplaat")
    assert resident.state.answers["title"] == "Speeltuin Oostplaat"
    assert resident.state.answers["description"] == STORY


def test_no_consent_forgets_the_story_told(setting: Setting) -> None:
    resident = told_first(setting)
    resident.says("nee dank je")
    assert resident.state.step is None
    assert resident.state.answers == {}
    assert resident.state.to_json()["answers"] == {}


def test_an_idea_told_at_the_consent_question_is_kept_too(setting: Setting) -> None:
    resident = answered(setting, 0)
    text = resident.says("ik wil een bankje bij de haven voor de ouderen")
    assert "privacyverklaring" not in text  # just shown: only the question itself again
    assert "Ga je daarmee akkoord?" in text
    assert resident.state.step == "consent"
    assert resident.state.answers["description"] == "ik wil een bankje bij de haven voor de ouderen"
    resident.says("akkoord")
    assert resident.state.step == "title"


def test_a_second_yes_is_no_title(setting: Setting) -> None:
    resident = answered(setting, 1)
    resident.says("akkoord")
    assert resident.state.step == "title"
    assert "title" not in resident.state.answers


def test_a_question_is_parked_for_the_contact_and_the_question_asked_again(
    setting: Setting,
) -> None:
    resident = answered(setting, 1)
    text = resident.says("kost dit geld?")
    assert resident.state.step == "title"
    assert resident.state.questions == ("kost dit geld?",)
    assert "title" not in resident.state.answers
    assert "Geef het een korte titel" in text  # the question again
    # The config's FAQ answers it at once, and names where the answer comes from.
    assert "kost niets" in text
    assert "Gemeente Goeree-Overflakkee, subsidies voor inwoners" in text

    resident.says("Bankje bij de haven")
    assert resident.state.answers["title"] == "Bankje bij de haven"


def test_questions_and_notes_and_the_place_go_with_the_submission(setting: Setting) -> None:
    resident = answered(setting, 0)
    resident.says("wie beslist hierover?")
    for answer in DUTCH_INTAKE[:3]:
        resident.says(answer)
    resident.says("Middelharnis, de Oostplaat")
    resident.says("iets voor jong en oud samen")  # no theme: kept, asked again
    assert resident.state.step == "theme"
    for answer in DUTCH_INTAKE[4:-1]:
        resident.says(answer)
    summary = resident.says(DUTCH_INTAKE[-1])
    # The resident sees what goes with it, besides their answers.
    assert "Je vragen voor je contactpersoon: wie beslist hierover?" in summary
    assert "Ook bewaard: iets voor jong en oud samen" in summary
    assert "Dorp of wijk: Middelharnis (de Oostplaat)" in summary
    text = resident.says("klopt")
    assert text == ""
    [submission] = resident.effects
    assert isinstance(submission, Submission)
    assert submission.questions == ("wie beslist hierover?",)
    assert submission.notes == ("iets voor jong en oud samen",)
    assert submission.area == "middelharnis"
    assert submission.place_detail == "de Oostplaat"


def test_not_knowing_the_theme_lands_on_the_fallback_kindly(setting: Setting) -> None:
    resident = answered(setting, 4)
    text = resident.says("geen idee")
    assert resident.state.answers["theme"] == "anders"
    assert "Geen probleem" in text


def test_nothing_needed_skips_the_help_question(setting: Setting) -> None:
    resident = answered(setting, 5)
    resident.says("niks")
    assert resident.state.answers["help_wanted"] is None
    assert resident.state.step == "name"


def test_a_refusal_quotes_little_and_repeats_only_the_choices(setting: Setting) -> None:
    resident = answered(setting, 4)
    story = "Nou, dat weet ik eigenlijk niet zo goed, het gaat om de buurt en de mensen hier"
    text = resident.says(story)
    assert resident.state.step == "theme"
    assert story[:40] not in text
    assert "Bij welk thema" not in text  # not the whole question again
    assert "\u201cterug\u201d" in text  # but the ways out, now that it went wrong
    assert len(resident.choice_labels()) == len(setting.themes)


def test_the_ways_out_are_shown_at_the_start_not_under_every_question(setting: Setting) -> None:
    resident = Resident(setting)
    assert "\u201cterug\u201d" in resident.says("nieuw")
    assert "\u201cterug\u201d" not in resident.says("ja")
    assert "\u201cterug\u201d" not in resident.says("Bankje bij de haven")


def test_going_back_shows_the_answer_given_before(setting: Setting) -> None:
    resident = answered(setting, 2)
    text = resident.says("terug")
    assert resident.state.step == "title"
    assert "Bankje bij de haven" in text


def test_the_polite_form_is_used_where_the_municipality_asks_for_it(setting: Setting) -> None:
    polite = replace(setting, address="u")
    resident = Resident(polite)
    text = resident.says("nieuw")
    assert "Gaat u daarmee akkoord?" in text
    assert "Wat is uw idee?" in resident.says("ja")


def test_an_english_story_gets_an_english_title(setting: Setting) -> None:
    resident = Resident(setting, State("en"))
    resident.last = unrelayed(
        setting, resident.state, "Hi, I would like a bench by the harbour", START
    )
    resident.state = resident.last.state
    text = resident.says("yes")
    assert "\u201cA bench by the harbour\u201d" in text
    resident.says("yes")
    assert resident.state.answers["title"] == "A bench by the harbour"


def test_a_question_or_a_word_without_an_initiative_starts_nothing(setting: Setting) -> None:
    for text in ("kost het geld?", "bankje"):
        turn = unrelayed(setting, State("nl"), text, START)
        assert turn.state.step is None
    assert "kost niets" in unrelayed(setting, State("nl"), "kost het geld?", START).replies[0].text
