"""A location shared at the area question is kept, not only used to pick the area: in the
conversation's state while the intake runs, then in the initiative's answers."""

import pytest

from bot.intake.geo import SHARED_LOCATION, shared_location
from bot.intake.state import Setting, State
from bot.intake.turns import Submission
from bot.messages import Location
from bot.texts.i18n import translations
from tests.intake.chatting import DUTCH_INTAKE, Resident, answered
from tests.intake.test_platform_inputs import IN_OUDDORP, shares

pytestmark = pytest.mark.pure


def dutch(text: str) -> str:
    return translations("nl").gettext(text)


def through_the_intake(resident: Resident) -> Submission:
    """The rest of the intake after the area question; the hand-in it ends with."""
    for answer in [*DUTCH_INTAKE[4:], "ja"]:
        resident.says(answer)
    [submission] = resident.effects
    assert isinstance(submission, Submission)
    return submission


def test_the_spot_shared_at_the_area_question_goes_with_the_hand_in(setting: Setting) -> None:
    resident = answered(setting, 3)
    said = shares(resident, IN_OUDDORP)
    # Given after consent, it is kept, and the resident is told so.
    assert dutch("Thank you. I keep this spot with your idea, so your contact finds it.") in said
    assert resident.state.location == IN_OUDDORP
    for answer in DUTCH_INTAKE[4:]:
        summary = resident.says(answer)
    assert f"Dorp of wijk: Ouddorp {dutch('(with the spot you shared)')}" in summary
    resident.says("ja")
    [submission] = resident.effects
    assert isinstance(submission, Submission)
    assert submission.answers[SHARED_LOCATION] == {"latitude": 51.815, "longitude": 3.93}
    assert shared_location(submission.answers) == IN_OUDDORP


def test_an_area_typed_after_it_leaves_the_spot_behind(setting: Setting) -> None:
    resident = answered(setting, 3)
    shares(resident, IN_OUDDORP)
    resident.says("terug")
    resident.says("Goedereede")
    assert resident.state.answers["area"] == "goedereede"
    assert resident.state.location is None
    assert SHARED_LOCATION not in through_the_intake(resident).answers


def test_a_spot_shared_before_consent_or_elsewhere_is_not_kept(setting: Setting) -> None:
    resident = Resident(setting)
    resident.says("nieuw")
    shares(resident, IN_OUDDORP)  # at the consent question
    assert resident.state.location is None
    resident = answered(setting, 2)
    shares(resident, IN_OUDDORP)  # at the description
    assert resident.state.location is None


def test_a_spot_outside_the_municipality_is_not_kept(setting: Setting) -> None:
    resident = answered(setting, 3)
    shares(resident, Location(52.37, 4.89))
    assert resident.state.location is None


def test_the_state_keeps_the_spot_across_messages_and_drops_it_when_idle(
    setting: Setting,
) -> None:
    resident = answered(setting, 3)
    shares(resident, IN_OUDDORP)
    stored = resident.state.to_json()
    assert stored["location"] == {"latitude": 51.815, "longitude": 3.93}
    assert State.from_json(stored).location == IN_OUDDORP
    assert resident.state.idle().location is None
    resident.says("stop")
    assert resident.state.location is None


@pytest.mark.parametrize(
    "stored",
    [None, {}, "51.8,3.9", {"latitude": 51.8}, {"latitude": "north", "longitude": 3.9}],
)
def test_anything_but_a_kept_spot_reads_as_none(stored: object) -> None:
    assert shared_location({SHARED_LOCATION: stored}) is None
    assert shared_location(None) is None
