"""The intake as a resident lives it, through the pure core."""

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from bot.intake.state import Setting
from bot.intake.turns import Relay, ShowMine, Submission
from bot.messages import OPENED, Handled
from tests.intake.chatting import DUTCH_INTAKE, Resident, answered

pytestmark = pytest.mark.pure


def at_summary(setting: Setting, locale: str = "nl") -> Resident:
    resident = Resident(setting)
    resident.says("taal en" if locale == "en" else "taal nl")
    resident.says("nieuw")
    for answer in DUTCH_INTAKE:
        resident.says(answer)
    assert resident.state.step == "confirm"
    return resident


def test_a_full_intake_in_dutch_ends_in_one_submission(setting: Setting) -> None:
    resident = at_summary(setting)
    summary = resident.says("ja")

    assert summary == ""  # the receipt is written by the shell, which knows the reference
    [submission] = resident.effects
    assert isinstance(submission, Submission)
    assert submission.title == "Bankje bij de haven"
    assert submission.area == "ouddorp"
    assert submission.theme == "groen"
    assert submission.help_wanted == ("advice", "permit")
    assert submission.name == "Anna de Vries"
    assert submission.contact is not None
    assert submission.contact.value == "+31612345678"
    assert submission.locale == "nl"
    assert resident.state.step is None
    assert resident.state.answers == {}


def test_the_summary_shows_every_answer_readably(setting: Setting) -> None:
    resident = answered(setting, len(DUTCH_INTAKE) - 1)
    text = resident.says(DUTCH_INTAKE[-1])

    for expected in (
        "Titel: Bankje bij de haven",
        "Dorp of wijk: Ouddorp",
        "Thema: Groen en natuur",
        "Hulp gevraagd: Advies, Vergunning",
        "Telefoon of e-mail: 06 12345678",
    ):
        assert expected in text
    assert resident.choice_labels()[0] == "Ja, versturen"


def test_the_same_intake_in_english(setting: Setting) -> None:
    resident = Resident(setting)
    assert "English" in resident.says("language")
    welcome = resident.says("new")
    assert "Do you agree?" in welcome
    assert resident.choice_labels() == ["Yes, I agree", "No"]
    for answer in [
        "yes",
        "A bench by the harbour",
        "So older people can rest for a while.",
        "Middelharnis",
        "traffic",
        "advice and money",
        "Anna",
        "no",
        "nothing yet",
        "anna@example.nl",
    ]:
        text = resident.says(answer)
    assert "Theme: Traffic and safety" in text
    assert "Help wanted: Advice, Money" in text
    resident.says("1")
    [submission] = resident.effects
    assert isinstance(submission, Submission)
    assert (submission.area, submission.theme, submission.locale) == (
        "middelharnis",
        "verkeer",
        "en",
    )
    assert submission.contact is not None
    assert submission.contact.kind == "email"


def test_saying_no_to_consent_ends_politely_and_keeps_nothing(setting: Setting) -> None:
    resident = answered(setting, 0)
    text = resident.says("nee")
    assert "niets bewaard" in text
    assert resident.state.step is None
    assert resident.state.answers == {}
    assert resident.effects == ()


def test_an_invalid_answer_is_asked_again_with_the_reason(setting: Setting) -> None:
    resident = answered(setting, 1)
    text = resident.says("ab")
    assert "minstens 3 tekens" in text
    assert "Geef het een korte titel" in text  # the question again
    assert resident.state.step == "title"
    assert "title" not in resident.state.answers


def test_too_long_text_names_the_limit(setting: Setting) -> None:
    resident = answered(setting, 2)
    text = resident.says("x" * 2001)
    assert "te lang (2001 tekens)" in text
    assert "2000 tekens" in text
    assert resident.state.step == "description"


def test_a_title_too_long_is_kept_as_the_story_and_a_title_is_offered(setting: Setting) -> None:
    resident = answered(setting, 1)
    story = (
        "Wij willen een bankje bij de haven, zodat de ouderen daar kunnen uitrusten "
        "na hun wandeling."
    )
    text = resident.says(story)
    assert resident.state.step == "title"
    assert resident.state.answers["description"] == story
    assert "title" not in resident.state.answers
    assert "“Een bankje bij de haven, zodat de ouderen daar kunnen…”" in text
    resident.says("ja hoor")
    assert (
        resident.state.answers["title"] == "Een bankje bij de haven, zodat de ouderen daar kunnen…"
    )
    assert resident.state.step == "area"  # the story was told: not asked again


def test_a_short_free_text_question_states_its_limit(setting: Setting) -> None:
    resident = answered(setting, 0)
    assert "(Hooguit 80 tekens.)" in resident.says("ja")
    assert "tekens" not in resident.says("Bankje bij de haven")  # no one writes 2000


def test_back_returns_to_the_previous_question_with_answers_kept(setting: Setting) -> None:
    resident = answered(setting, 2)
    text = resident.says("terug")
    assert resident.state.step == "title"
    assert "Geef het een korte titel" in text
    resident.says("Bankje aan de haven")
    assert resident.state.step == "description"
    assert resident.state.answers["title"] == "Bankje aan de haven"


def test_back_at_the_first_question_says_so(setting: Setting) -> None:
    resident = answered(setting, 0)
    assert "eerste vraag" in resident.says("terug")
    assert resident.state.step == "consent"


def test_stop_forgets_the_unfinished_intake(setting: Setting) -> None:
    resident = answered(setting, 2)
    assert "niets bewaard" in resident.says("annuleer")
    assert resident.state.step is None
    assert resident.state.answers == {}


def test_only_optional_questions_can_be_skipped(setting: Setting) -> None:
    resident = answered(setting, 5)
    assert resident.state.step == "help_wanted"
    resident.says("overslaan")
    assert resident.state.step == "name"
    assert resident.state.answers["help_wanted"] is None
    assert "niet overslaan" in resident.says("skip")
    assert resident.state.step == "name"


def test_a_skipped_answer_shows_as_a_dash_in_the_summary(setting: Setting) -> None:
    resident = answered(setting, 5)
    resident.says("skip")
    resident.says("Anna")
    resident.says("overslaan")
    resident.says("overslaan")
    text = resident.says("anna@example.nl")
    assert "Hulp gevraagd: \u2014" in text
    assert "Namens: \u2014" in text
    assert "Doet mee en brengt mee: \u2014" in text
    resident.says("ja")
    [submission] = resident.effects
    assert isinstance(submission, Submission)
    assert submission.help_wanted == ()


def test_changing_one_answer_from_the_summary_returns_to_the_summary(setting: Setting) -> None:
    resident = at_summary(setting)
    text = resident.says("4")  # "Veranderen: Dorp of wijk"
    assert resident.state.step == "area"
    assert "Je antwoord nu: Ouddorp" in text
    text = resident.says("3241")
    assert resident.state.step == "confirm"
    assert "Dorp of wijk: Middelharnis" in text
    assert resident.state.answers["title"] == "Bankje bij de haven"


def test_back_while_changing_an_answer_returns_to_the_summary(setting: Setting) -> None:
    resident = at_summary(setting)
    resident.says("2")
    assert resident.state.step == "title"
    resident.says("terug")
    assert resident.state.step == "confirm"
    assert resident.state.answers["title"] == "Bankje bij de haven"


def test_help_explains_and_asks_the_question_again(setting: Setting) -> None:
    resident = answered(setting, 1)
    text = resident.says("help")
    assert "https://www.goeree-overflakkee.nl/privacyverklaring" in text
    assert "overslaan" in text
    assert "Geef het een korte titel" in text
    assert resident.state.step == "title"


def test_switching_language_mid_intake_repeats_the_question_in_it(setting: Setting) -> None:
    resident = answered(setting, 1)
    text = resident.says("language")
    assert "Give it a short title" in text
    assert resident.state.locale == "en"
    assert "Geef het" in resident.says("taal")


def test_mine_is_looked_up_by_the_shell_and_the_question_stays(setting: Setting) -> None:
    resident = Resident(setting)
    resident.says("mijn")
    assert resident.effects == (ShowMine("nl"),)
    resident.says("nieuw")
    resident.says("ja")
    text = resident.says("mine")
    assert resident.effects == (ShowMine("nl"),)
    assert "Geef het een korte titel" in text
    assert resident.state.step == "title"


def test_start_during_an_intake_continues_it(setting: Setting) -> None:
    resident = answered(setting, 2)
    text = resident.says("/start")
    assert "verder waar je was" in text
    assert resident.state.step == "description"
    assert resident.state.answers["title"] == "Bankje bij de haven"


def test_an_unfinished_intake_expires_after_the_configured_days(setting: Setting) -> None:
    resident = answered(setting, 2)
    text = resident.says("Een bankje voor iedereen", after=timedelta(days=7, seconds=1))
    assert "7 dagen bewaard en nu verwijderd" in text
    assert resident.state.step is None
    assert resident.state.answers == {}


def test_within_the_kept_time_the_resident_simply_continues(setting: Setting) -> None:
    resident = answered(setting, 2)
    resident.says("Een bankje voor iedereen", after=timedelta(days=6, hours=23))
    assert resident.state.step == "area"


def test_idle_chatter_may_be_for_a_contact_and_the_shell_decides(setting: Setting) -> None:
    resident = Resident(setting)
    assert resident.says("Prima, tot morgen!") == ""
    assert resident.effects == (Relay("Prima, tot morgen!", "nl"),)
    assert resident.state.step is None


@pytest.mark.parametrize("greeting", ["hallo", "Hoi!", "goedemorgen"])
def test_a_greeting_alone_is_greeted_back_and_passed_to_no_one(
    setting: Setting, greeting: str
) -> None:
    resident = Resident(setting)
    assert "nieuw" in resident.says(greeting)
    assert resident.effects == ()


@pytest.mark.parametrize("word", ["stop", "terug", "overslaan"])
def test_commands_without_an_open_question_explain_themselves(setting: Setting, word: str) -> None:
    resident = Resident(setting)
    text = resident.says(word)
    assert "nieuw" in text
    assert resident.state.step is None


def test_an_intake_at_a_question_the_flow_no_longer_has_goes_on_at_the_first_open_one(
    setting: Setting,
) -> None:
    resident = answered(setting, 2)
    resident.state = replace(resident.state, step="favourite_colour")
    text = resident.says("help")
    assert resident.state.step == "description"
    assert "Vertel wat meer" in text


def test_sending_with_an_answer_missing_asks_for_it(setting: Setting) -> None:
    resident = at_summary(setting)
    resident.state = replace(
        resident.state, answers={k: v for k, v in resident.state.answers.items() if k != "name"}
    )
    text = resident.says("ja")
    assert resident.effects == ()
    assert resident.state.step == "name"
    assert "Er ontbreken nog antwoorden." in text


def test_the_consent_answer_records_when_it_was_given_and_to_which_version(
    setting: Setting,
) -> None:
    resident = at_summary(setting)
    consent = resident.state.answers["consent"]
    assert isinstance(consent, dict)
    assert consent["version"] == "2026-1"  # [municipality] privacy_version of the example
    resident.says("ja")
    [submission] = resident.effects
    assert isinstance(submission, Submission)
    assert submission.consented_at > resident.now - timedelta(minutes=10)
    assert submission.consented_at == datetime.fromisoformat(consent["at"])
    assert submission.privacy_version == "2026-1"


def test_an_intake_begun_before_versions_were_kept_still_sends(setting: Setting) -> None:
    resident = at_summary(setting)
    given = resident.now
    old_style = {**resident.state.answers, "consent": given.isoformat()}
    resident.state = replace(resident.state, answers=old_style)
    resident.says("ja")
    [submission] = resident.effects
    assert isinstance(submission, Submission)
    assert (submission.consented_at, submission.privacy_version) == (given, "")


def test_a_pressed_button_answers_the_question_it_belongs_to(setting: Setting) -> None:
    resident = answered(setting, 3)
    assert resident.state.step == "area"
    resident.says("", payload="answer:area:melissant")
    assert resident.state.answers["area"] == "melissant"
    resident.says("", payload="answer:theme:wonen")
    resident.says("", payload="answer:help_wanted:money")
    assert resident.state.answers["help_wanted"] == ["money"]


def test_a_button_of_an_earlier_question_changes_nothing(setting: Setting) -> None:
    resident = answered(setting, 4)
    before = resident.state
    assert resident.says("", payload="answer:area:melissant") == ""  # no new message
    assert resident.handled == Handled(False, "Die knop hoort bij een eerdere vraag.")
    assert resident.state.answers == before.answers
    assert resident.state.step == "theme"


def test_a_double_press_is_refused_the_second_time(setting: Setting) -> None:
    resident = answered(setting, 4)
    resident.says("", payload="answer:theme:wonen")
    assert resident.handled.accepted
    after_first = resident.state
    assert resident.says("", payload="answer:theme:wonen") == ""
    assert not resident.handled.accepted
    assert resident.state.answers == after_first.answers


@pytest.mark.parametrize(
    "payload", ["answer:theme:vliegveld", "answer:theme:", "answer:theme:ouddorp", "answer::"]
)
def test_a_forged_button_is_refused(setting: Setting, payload: str) -> None:
    resident = answered(setting, 4)
    assert resident.says("", payload=payload) == ""
    assert not resident.handled.accepted
    assert resident.handled.note in (
        "Dat is geen van de keuzes.",
        "Die knop hoort bij een eerdere vraag.",
    )
    assert resident.state.step == "theme"
    assert "theme" not in resident.state.answers


def test_opening_the_chat_starts_a_newcomer_and_greets_a_known_resident(setting: Setting) -> None:
    newcomer = Resident(setting)
    assert "Ga je daarmee akkoord?" in newcomer.says("", payload=OPENED)
    assert newcomer.state.step == "consent"

    returning = at_summary(setting)
    returning.says("ja")
    text = returning.says("", payload=OPENED)
    assert "Hallo!" in text
    assert returning.state.step is None


def test_opening_the_chat_mid_intake_shows_the_question(setting: Setting) -> None:
    resident = answered(setting, 2)
    text = resident.says("", payload=OPENED)
    assert "verder waar je was" in text
    assert resident.state.step == "description"
