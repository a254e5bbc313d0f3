""" "vergeet mij" in the pure core: asked first, and only a clear yes erases."""

import pytest

from bot.intake import forgetting
from bot.intake.state import Setting
from tests.intake.chatting import Resident, answered

pytestmark = pytest.mark.pure


@pytest.mark.parametrize("words", ["vergeet mij", "Vergeet me!", "forget me", "/forget me"])
def test_forgetting_is_asked_first(setting: Setting, words: str) -> None:
    resident = Resident(setting)
    asked = resident.says(words)

    assert "wissen" in asked
    assert [c.key for r in resident.replies for c in r.choices] == [forgetting.YES, forgetting.NO]
    assert resident.state.forgetting
    assert resident.last is not None
    assert not resident.last.forget


@pytest.mark.parametrize(("text", "payload"), [("", forgetting.YES), ("ja", ""), ("Yes", "")])
def test_a_clear_yes_erases(setting: Setting, text: str, payload: str) -> None:
    resident = Resident(setting)
    resident.says("vergeet mij")
    resident.says(text, payload=payload)

    assert resident.last is not None
    assert resident.last.forget
    assert not resident.state.forgetting
    assert resident.state.step is None


@pytest.mark.parametrize(("text", "payload"), [("", forgetting.NO), ("nee", ""), ("stop", "")])
def test_no_keeps_everything_and_goes_back_to_the_question(
    setting: Setting, text: str, payload: str
) -> None:

    resident = answered(setting, 3)
    step, answers = resident.state.step, dict(resident.state.answers)
    resident.says("vergeet mij")
    said = resident.says(text, payload=payload)

    assert resident.last is not None
    assert not resident.last.forget
    assert "niets gewist" in said
    assert resident.state.step == step
    assert dict(resident.state.answers) == answers
    assert not resident.state.forgetting


def test_anything_else_asks_again_and_erases_nothing(setting: Setting) -> None:
    resident = Resident(setting)
    resident.says("vergeet mij")
    said = resident.says("ok")  # could mean anything: erasing cannot be undone

    assert resident.last is not None
    assert not resident.last.forget
    assert "ja of nee" in said
    assert resident.state.forgetting


def test_a_forged_or_stale_confirmation_is_refused(setting: Setting) -> None:
    resident = Resident(setting)
    resident.says("", payload=forgetting.YES)  # never asked

    assert resident.last is not None
    assert not resident.last.forget
    assert not resident.handled.accepted

    resident.says("vergeet mij")
    resident.says("", payload="forget:maybe")
    assert not resident.last.forget
    assert not resident.handled.accepted
    assert resident.state.forgetting
