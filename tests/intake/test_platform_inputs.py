"""What chat platforms send besides text, through the pure core: locations, photos,
unreadable media, start links, the app's language, buttons pressed together, and the
small helpers the shell uses for /chatid and contacts' replies."""

import json
from dataclasses import replace
from datetime import timedelta

import pytest

from bot.cases.commands import Action, Verb, reply_to_message
from bot.intake.commands import asks_chat_id
from bot.intake.conversation import respond
from bot.intake.state import Setting, State
from bot.intake.turns import Submission
from bot.messages import START_PREFIX, UNREADABLE, Handled, Location, Photo, several
from tests.intake.chatting import DUTCH_INTAKE, Resident, answered

pytestmark = pytest.mark.pure

IN_OUDDORP = Location(51.815, 3.93)
NEAR_MIDDELHARNIS = Location(51.757, 4.168)
AMSTERDAM = Location(52.37, 4.89)

AREA_QUESTION = "In welk dorp of welke wijk is het?"
THEME_QUESTION = "Bij welk thema past je idee het best?"
HELP_QUESTION = "Waar heb je hulp bij nodig?"
TITLE_QUESTION = "Geef het een korte titel"
CANNOT_READ = "Ik kan tekst, locaties en foto's lezen."
STALE = "Die knop hoort bij een eerdere vraag."


def shares(
    resident: Resident,
    location: Location | None = None,
    photo: Photo | None = None,
    text: str = "",
) -> str:
    """The resident shares a location or sends a photo; returns what the bot answered."""
    resident.now += timedelta(seconds=20)
    resident.last = respond(
        resident.setting, resident.state, text, resident.now, location=location, photo=photo
    )
    resident.state = resident.last.state
    return "\n".join(reply.text for reply in resident.replies)


def started_by_link(setting: Setting, slug: str) -> Resident:
    resident = Resident(setting)
    resident.says("", payload=START_PREFIX + slug)
    return resident


# Locations


def test_a_location_at_the_area_question_answers_it(setting: Setting) -> None:
    resident = answered(setting, 3)
    assert resident.state.step == "area"
    text = shares(resident, IN_OUDDORP)
    assert resident.state.answers["area"] == "ouddorp"
    assert resident.state.step == "theme"
    assert THEME_QUESTION in text
    assert resident.handled.accepted


def test_a_location_near_a_village_centre_answers_with_that_village(setting: Setting) -> None:
    resident = answered(setting, 3)
    shares(resident, NEAR_MIDDELHARNIS)
    assert resident.state.answers["area"] == "middelharnis"
    assert resident.state.step == "theme"


def test_a_location_outside_the_municipality_is_refused_with_the_reason(
    setting: Setting,
) -> None:
    resident = answered(setting, 3)
    before = resident.state
    text = shares(resident, AMSTERDAM)
    assert "Die locatie ligt niet in Goeree-Overflakkee. Kies uit de lijst." in text
    assert AREA_QUESTION in text  # the question again, with its choices
    assert "Ouddorp" in resident.choice_labels()
    assert resident.state.step == "area"
    assert "area" not in resident.state.answers
    assert resident.state.answers == before.answers


def test_a_location_at_another_question_changes_no_answer(setting: Setting) -> None:
    resident = answered(setting, 2)
    assert resident.state.step == "description"
    before = resident.state
    text = shares(resident, IN_OUDDORP)
    assert "Een locatie gebruik ik alleen om je kern of wijk te vinden." in text
    assert "Vertel wat meer" in text  # the description question again
    assert resident.state.step == "description"
    assert resident.state.answers == before.answers
    assert resident.state.history == before.history
    assert "area" not in resident.state.answers


def test_a_location_changes_the_area_from_the_summary(setting: Setting) -> None:
    resident = answered(setting, len(DUTCH_INTAKE))
    assert resident.state.step == "confirm"
    resident.says("4")  # "Veranderen: Dorp of wijk"
    assert resident.state.step == "area"
    text = shares(resident, NEAR_MIDDELHARNIS)
    assert resident.state.step == "confirm"
    assert "Dorp of wijk: Middelharnis" in text
    assert resident.state.answers["title"] == "Bankje bij de haven"


def test_a_location_when_idle_only_gets_the_greeting(setting: Setting) -> None:
    resident = Resident(setting)
    text = shares(resident, IN_OUDDORP)
    assert "Typ \u201cnieuw\u201d" in text
    assert resident.state.step is None
    assert resident.state.answers == {}
    assert resident.effects == ()


# Photos


def test_a_photo_during_an_intake_is_kept_and_the_question_asked_again(
    setting: Setting,
) -> None:
    resident = answered(setting, 1)
    before = resident.state
    text = shares(resident, photo=Photo("tg-file-1", "/data/photos/1.jpg"))
    assert "Foto toegevoegd (1 van hoogstens 5)." in text
    assert TITLE_QUESTION in text
    assert resident.state.photos == ({"file_id": "tg-file-1", "path": "/data/photos/1.jpg"},)
    assert resident.state.step == "title"
    assert resident.state.answers == before.answers
    assert resident.state.history == before.history


def test_photos_beyond_the_maximum_are_refused(setting: Setting) -> None:
    assert setting.max_photos == 5
    resident = answered(setting, 1)
    for number in range(1, 6):
        text = shares(resident, photo=Photo(f"file-{number}"))
        assert f"Foto toegevoegd ({number} van hoogstens 5)." in text
    text = shares(resident, photo=Photo("file-6"))
    assert "Je hebt 5 foto's toegevoegd, meer kan ik niet bewaren." in text
    assert TITLE_QUESTION in text
    assert [photo["file_id"] for photo in resident.state.photos] == [
        f"file-{n}" for n in range(1, 6)
    ]
    assert resident.state.step == "title"


def test_no_photos_are_kept_when_the_maximum_is_zero(setting: Setting) -> None:
    resident = answered(replace(setting, max_photos=0), 1)
    shares(resident, photo=Photo("file-1"))
    assert resident.state.photos == ()
    assert resident.state.step == "title"


def test_a_photo_when_idle_tells_how_to_start(setting: Setting) -> None:
    resident = Resident(setting)
    text = shares(resident, photo=Photo("file-1"))
    assert (
        "Om een foto toe te voegen, begin je eerst een initiatief: typ \u201cnieuw\u201d." in text
    )
    assert resident.state.photos == ()
    assert resident.state.step is None


def test_photos_end_up_in_the_submission_in_the_order_sent(setting: Setting) -> None:
    resident = answered(setting, 2)
    shares(resident, photo=Photo("first", "/data/photos/a.jpg"))
    for answer in DUTCH_INTAKE[2:5]:
        resident.says(answer)
    shares(resident, photo=Photo("second"))  # too big to copy: no path
    for answer in DUTCH_INTAKE[5:]:
        resident.says(answer)
    assert resident.state.step == "confirm"
    resident.says("ja")
    [submission] = resident.effects
    assert isinstance(submission, Submission)
    assert submission.photos == (
        {"file_id": "first", "path": "/data/photos/a.jpg"},
        {"file_id": "second", "path": ""},
    )
    assert resident.state.photos == ()  # the next intake starts without them


def test_stopping_forgets_the_photos(setting: Setting) -> None:
    resident = answered(setting, 1)
    shares(resident, photo=Photo("file-1"))
    resident.says("stop")
    assert resident.state.photos == ()
    resident.says("nieuw")
    assert resident.state.photos == ()


# Things the bot cannot read


def test_unreadable_media_during_an_intake_changes_nothing(setting: Setting) -> None:
    resident = answered(setting, 4)
    before = resident.state
    text = resident.says("", payload=UNREADABLE)
    assert CANNOT_READ in text
    assert THEME_QUESTION in text
    assert resident.state.step == before.step
    assert resident.state.answers == before.answers
    assert resident.state.history == before.history
    assert resident.effects == ()


def test_unreadable_media_when_idle_gets_the_clear_answer(setting: Setting) -> None:
    resident = Resident(setting)
    text = resident.says("", payload=UNREADABLE)
    assert text.startswith(CANNOT_READ)
    assert "Typ \u201cnieuw\u201d" in text
    assert resident.state.step is None
    assert resident.state.answers == {}
    assert resident.effects == ()


# Start links


def test_a_start_link_with_an_area_fills_it_in_and_skips_its_question(setting: Setting) -> None:
    resident = started_by_link(setting, "ouddorp")
    assert resident.state.step == "consent"
    assert resident.state.answers == {"area": "ouddorp"}
    assert resident.state.preset == ("area",)
    for answer in DUTCH_INTAKE[:2]:
        resident.says(answer)
    text = resident.says(DUTCH_INTAKE[2])  # the description
    assert resident.state.step == "theme"
    assert THEME_QUESTION in text
    assert AREA_QUESTION not in text
    assert resident.state.answers["area"] == "ouddorp"


def test_a_start_link_with_a_theme_fills_it_in(setting: Setting) -> None:
    resident = started_by_link(setting, "groen")
    assert resident.state.answers == {"theme": "groen"}
    for answer in DUTCH_INTAKE[:3]:
        resident.says(answer)
    assert resident.state.step == "area"
    text = resident.says("Ouddorp")
    assert resident.state.step == "help_wanted"
    assert HELP_QUESTION in text
    assert resident.state.answers["theme"] == "groen"


def test_a_start_link_with_an_unknown_slug_starts_a_plain_intake(setting: Setting) -> None:
    resident = started_by_link(setting, "vliegveld")
    assert resident.state.step == "consent"
    assert resident.state.answers == {}
    assert resident.state.preset == ()
    for answer in DUTCH_INTAKE[:3]:
        resident.says(answer)
    assert resident.state.step == "area"


def test_back_after_a_skipped_preset_question_goes_to_the_one_before(setting: Setting) -> None:
    resident = started_by_link(setting, "ouddorp")
    for answer in DUTCH_INTAKE[:3]:
        resident.says(answer)
    assert resident.state.step == "theme"
    text = resident.says("terug")
    assert resident.state.step == "description"
    assert "Vertel wat meer" in text
    resident.says("Een bankje bij de haven, voor iedereen die wil rusten.")
    assert resident.state.step == "theme"  # the preset area is skipped again
    assert resident.state.answers["area"] == "ouddorp"


def test_the_summary_shows_the_preset_area_and_it_can_be_changed(setting: Setting) -> None:
    resident = started_by_link(setting, "ouddorp")
    answers = [*DUTCH_INTAKE[:3], *DUTCH_INTAKE[4:]]  # no area
    for answer in answers[:-1]:
        resident.says(answer)
    text = resident.says(answers[-1])
    assert resident.state.step == "confirm"
    assert "Dorp of wijk: Ouddorp" in text
    assert "Veranderen: Dorp of wijk" in resident.choice_labels()
    text = resident.says("Veranderen: Dorp of wijk")
    assert resident.state.step == "area"
    assert "Je antwoord nu: Ouddorp" in text
    text = resident.says("Middelharnis")
    assert resident.state.step == "confirm"
    assert "Dorp of wijk: Middelharnis" in text
    resident.says("ja")
    [submission] = resident.effects
    assert isinstance(submission, Submission)
    assert submission.area == "middelharnis"
    assert submission.theme == "groen"


def test_a_start_link_in_the_middle_of_an_intake_changes_no_answer(setting: Setting) -> None:
    resident = answered(setting, 2)
    before = resident.state
    text = resident.says("", payload=START_PREFIX + "ouddorp")
    assert "Je bent al bezig met een initiatief" in text
    assert resident.state.step == "description"
    assert resident.state.answers == before.answers
    assert resident.state.preset == ()
    for answer in DUTCH_INTAKE[2:3]:
        resident.says(answer)
    assert resident.state.step == "area"  # not skipped: nothing was preset


# The app's language


@pytest.mark.parametrize(
    ("language", "locale"),
    [("en-GB", "en"), ("en", "en"), ("de", "en"), ("nl", "nl"), ("nl-BE", "nl"), ("fy", "nl")],
)
def test_the_apps_language_is_followed(language: str, locale: str) -> None:
    for start in ("nl", "en"):
        assert State(start).hinted(language).locale == locale


def test_no_language_hint_changes_nothing() -> None:
    state = State("en", known=True)
    assert state.hinted("") == state


@pytest.mark.parametrize(("word", "locale"), [("taal", "nl"), ("language", "en")])
def test_a_chosen_language_is_no_longer_changed_by_the_hint(
    setting: Setting, word: str, locale: str
) -> None:
    resident = Resident(setting)
    resident.state = resident.state.hinted("fy" if locale == "en" else "en-GB")
    resident.says(word)
    assert resident.state.locale == locale
    assert resident.state.locale_chosen
    for hint in ("en-GB", "nl", "fy", "de"):
        assert resident.state.hinted(hint).locale == locale


def test_a_chosen_language_outlives_the_intake(setting: Setting) -> None:
    resident = Resident(setting)
    resident.says("taal")
    resident.says("nieuw")
    resident.says("stop")
    assert resident.state.locale_chosen
    assert resident.state.hinted("en").locale == "nl"


def test_choosing_a_language_during_an_intake_counts_too(setting: Setting) -> None:
    resident = answered(setting, 1)
    resident.says("language")
    assert resident.state.step == "title"
    assert resident.state.locale_chosen
    assert resident.state.hinted("nl").locale == "en"


def test_the_state_survives_json_with_its_new_fields(setting: Setting) -> None:
    resident = started_by_link(setting, "ouddorp")
    resident.says("taal")  # during the intake: chosen
    resident.says("ja")
    shares(resident, photo=Photo("file-1", "/data/photos/1.jpg"))
    shares(resident, photo=Photo("file-2"))
    state = resident.state
    assert state.locale_chosen
    assert len(state.photos) == 2
    assert state.preset == ("area",)
    restored = State.from_json(json.loads(json.dumps(state.to_json())))
    assert restored == state
    assert restored.locale_chosen
    assert restored.photos == state.photos
    assert restored.preset == ("area",)


def test_a_state_stored_before_these_fields_reads_with_defaults() -> None:
    old = {"locale": "nl", "step": "title", "answers": {"consent": "x"}, "known": True}
    state = State.from_json(old)
    assert (state.locale_chosen, state.photos, state.preset) == (False, (), ())


# Several options pressed together


def help_payload(key: str) -> str:
    return f"answer:help_wanted:{key}"


def test_the_multiple_choice_offers_a_done_button(setting: Setting) -> None:
    resident = answered(setting, 5)
    assert resident.state.step == "help_wanted"
    [question] = resident.replies
    assert question.multiple
    assert question.done_label == "Klaar"
    assert help_payload("advice") in [choice.key for choice in question.choices]


def test_several_pressed_options_answer_a_multiple_choice(setting: Setting) -> None:
    resident = answered(setting, 5)
    text = resident.says("", payload=several([help_payload("advice"), help_payload("permit")]))
    assert resident.handled == Handled(accepted=True)
    assert resident.state.answers["help_wanted"] == ["advice", "permit"]
    assert resident.state.step == "name"
    assert "naam" in text.lower()


def test_an_option_pressed_twice_counts_once(setting: Setting) -> None:
    resident = answered(setting, 5)
    pressed = [help_payload("money"), help_payload("advice"), help_payload("money")]
    resident.says("", payload=several(pressed))
    assert resident.state.answers["help_wanted"] == ["money", "advice"]


def test_done_without_any_option_is_refused_with_a_note(setting: Setting) -> None:
    resident = answered(setting, 5)
    before = resident.state
    assert resident.says("", payload=several([])) == ""
    assert resident.handled == Handled(
        accepted=False, note="Kies eerst \u00e9\u00e9n of meer, en druk dan nog eens op de knop."
    )
    assert resident.state == replace(before, known=True)


def test_several_options_of_another_question_are_stale(setting: Setting) -> None:
    resident = answered(setting, 5)
    before = resident.state
    pressed = [help_payload("advice"), "answer:theme:groen"]
    assert resident.says("", payload=several(pressed)) == ""
    assert resident.handled == Handled(accepted=False, note=STALE)
    assert resident.state.answers == before.answers
    assert resident.state.step == "help_wanted"


def test_a_repeated_done_press_is_stale(setting: Setting) -> None:
    resident = answered(setting, 5)
    payload = several([help_payload("advice")])
    resident.says("", payload=payload)
    after = resident.state
    assert resident.says("", payload=payload) == ""
    assert resident.handled == Handled(accepted=False, note=STALE)
    assert resident.state.answers == after.answers
    assert resident.state.step == "name"


def test_several_with_a_forged_option_is_refused(setting: Setting) -> None:
    resident = answered(setting, 5)
    resident.says("", payload=several([help_payload("advice"), help_payload("bribe")]))
    assert resident.handled == Handled(accepted=False, note="Dat is geen van de keuzes.")
    assert "help_wanted" not in resident.state.answers


def test_two_options_at_a_single_choice_are_refused(setting: Setting) -> None:
    resident = answered(setting, 0)
    assert resident.state.step == "consent"
    assert resident.says("", payload=several(["answer:consent:yes", "answer:consent:no"])) == ""
    assert resident.handled == Handled(accepted=False, note="Kies er \u00e9\u00e9n.")
    assert resident.state.step == "consent"
    assert resident.state.answers == {}

    resident = answered(setting, 4)
    resident.says("", payload=several(["answer:theme:groen", "answer:theme:wonen"]))
    assert resident.handled == Handled(accepted=False, note="Kies er \u00e9\u00e9n.")
    assert "theme" not in resident.state.answers


def test_one_option_through_done_at_a_single_choice_is_that_option(setting: Setting) -> None:
    resident = answered(setting, 4)
    resident.says("", payload=several(["answer:theme:groen"]))
    assert resident.handled.accepted
    assert resident.state.answers["theme"] == "groen"


# What a press reports


def test_a_good_press_is_accepted(setting: Setting) -> None:
    resident = answered(setting, 4)
    text = resident.says("", payload="answer:theme:groen")
    assert resident.handled == Handled(accepted=True, note="")
    assert HELP_QUESTION in text


def test_a_stale_press_is_not_accepted_and_says_why(setting: Setting) -> None:
    resident = answered(setting, 5)
    assert resident.says("", payload="answer:area:melissant") == ""
    assert resident.handled == Handled(accepted=False, note=STALE)
    assert resident.state.answers["area"] == "ouddorp"


def test_a_forged_press_is_not_accepted_and_says_why(setting: Setting) -> None:
    resident = answered(setting, 4)
    assert resident.says("", payload="answer:theme:vliegveld") == ""
    assert resident.handled == Handled(accepted=False, note="Dat is geen van de keuzes.")
    assert "theme" not in resident.state.answers


def test_a_press_when_idle_is_not_accepted(setting: Setting) -> None:
    resident = Resident(setting)
    assert resident.says("", payload="answer:theme:groen") == ""
    assert resident.handled == Handled(accepted=False, note=STALE)
    assert resident.state.step is None


def test_a_refused_press_is_worded_in_english_for_english_residents(setting: Setting) -> None:
    resident = Resident(setting)
    resident.says("language")
    resident.says("new")
    resident.says("", payload="answer:title:x")
    assert resident.handled == Handled(False, "That button belongs to an earlier question.")


# /chatid and contacts' replies


@pytest.mark.parametrize(
    "text", ["/chatid", "/chatid@initiatief_test_bot", "chatid", " ChatID ", "/chat-id"]
)
def test_asking_for_the_chat_id(text: str) -> None:
    assert asks_chat_id(text)


@pytest.mark.parametrize(
    "text", ["chat id please", "/chatid please", "", "/start", "mijn chatid", "chat"]
)
def test_other_texts_do_not_ask_for_the_chat_id(text: str) -> None:
    assert not asks_chat_id(text)


def test_a_reply_to_the_bots_message_about_an_initiative() -> None:
    replied = "Nieuw initiatief 2026-0007: \u201cBankje bij de haven\u201d\nKern: Ouddorp"
    assert reply_to_message(replied, "  We komen dinsdag kijken.  ") == Action(
        Verb.REPLY, "2026-0007", text="We komen dinsdag kijken."
    )
    assert reply_to_message("Bericht over 2027-123456:\nhoi", "ok") == Action(
        Verb.REPLY, "2027-123456", text="ok"
    )


@pytest.mark.parametrize(
    ("replied", "text"),
    [
        ("Goedemorgen allemaal", "Hoi"),  # no reference in the message replied to
        ("", "Hoi"),
        ("Bel 06-12345678 of mail", "Hoi"),  # a phone number is no reference
        ("Code x2026-0001y", "Hoi"),  # only a whole reference counts
        ("Nieuw initiatief 2026-0007", ""),  # no text: nothing to send
        ("Nieuw initiatief 2026-0007", "   "),
    ],
)
def test_no_reply_without_a_reference_or_without_text(replied: str, text: str) -> None:
    assert reply_to_message(replied, text) is None
