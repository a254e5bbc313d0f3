"""Every question of the flow, in both languages, offers a way back, out and to help."""

import pytest

from bot.config.flows import load_flow
from bot.intake.prompts import ask, choices_again
from bot.intake.state import Setting, State
from tests.intake.chatting import START, Resident

pytestmark = pytest.mark.pure

WAYS_OUT = {"nl": ("terug", "stop", "help"), "en": ("back", "stop", "help")}
SKIP = {"nl": "overslaan", "en": "skip"}
STEPS = [step.id for step in load_flow("").steps]


@pytest.mark.parametrize("locale", ["nl", "en"])
@pytest.mark.parametrize("step_id", STEPS)
def test_each_question_names_back_stop_and_help(
    setting: Setting, step_id: str, locale: str
) -> None:
    step = setting.flow.step(step_id)
    at_step = State(locale, step=step_id, touched_at=START)
    # At the start and after a misunderstanding; not under every question.
    for reply in (ask(setting, at_step, hint=True), choices_again(setting, at_step)):
        for word in WAYS_OUT[locale]:
            assert f"\u201c{word}\u201d" in reply.text
        assert (f"\u201c{SKIP[locale]}\u201d" in reply.text) == step.optional
    plain = ask(setting, at_step).text
    assert not any(f"\u201c{word}\u201d" in plain for word in WAYS_OUT[locale])


@pytest.mark.parametrize("step_id", STEPS)
def test_each_question_really_lets_you_stop_go_back_and_get_help(
    setting: Setting, step_id: str
) -> None:

    at_step = State(
        "nl",
        step=step_id,
        touched_at=START,
        history=tuple(s.id for s in setting.flow.steps[: STEPS.index(step_id)]),
    )
    resident = Resident(setting, state=at_step)
    assert "Privacyverklaring" in resident.says("help")
    assert resident.state.step == step_id

    resident = Resident(setting, state=at_step)
    resident.says("terug")
    expected = STEPS[STEPS.index(step_id) - 1] if step_id != STEPS[0] else step_id
    assert resident.state.step == expected

    resident = Resident(setting, state=at_step)
    resident.says("stop")
    assert resident.state.step is None
