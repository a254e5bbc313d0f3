"""The intake asks its shell to look for similar initiatives once what the idea is and
where are known, again only when one of them changes, and never in a `namens` intake."""

from dataclasses import replace

import pytest

from bot.intake.state import Setting
from bot.intake.turns import LookAlike
from tests.intake.chatting import DUTCH_INTAKE, Resident, answered

pytestmark = pytest.mark.pure
THEME = DUTCH_INTAKE.index("groen")


def looks(resident: Resident) -> list[LookAlike]:
    return [effect for effect in resident.effects if isinstance(effect, LookAlike)]


def test_the_answer_that_completes_what_and_where_looks(setting: Setting) -> None:
    resident = Resident(setting)
    resident.says("nieuw")
    for answer in DUTCH_INTAKE[:THEME]:
        resident.says(answer)
        assert looks(resident) == []

    resident.says(DUTCH_INTAKE[THEME])

    assert looks(resident) == [
        LookAlike(
            "Bankje bij de haven",
            "Een bankje bij de haven, zodat ouderen even kunnen uitrusten.",
            "ouddorp",
            "groen",
            "nl",
        )
    ]
    resident.says(DUTCH_INTAKE[THEME + 1])
    assert looks(resident) == []


def test_going_back_looks_again_only_for_a_change(setting: Setting) -> None:
    resident = answered(setting, THEME + 1)

    resident.says("terug")
    resident.says("groen")
    assert looks(resident) == []
    resident.says("terug")
    resident.says("terug")
    resident.says("Middelharnis")
    [look] = looks(resident)
    assert look.area == "middelharnis"


def test_a_contact_handing_in_for_a_resident_is_not_shown_them(setting: Setting) -> None:
    resident = answered(setting, THEME)
    resident.state = replace(resident.state, on_behalf={"by": "console:anna", "name": "Anna"})

    resident.says("groen")

    assert looks(resident) == []
