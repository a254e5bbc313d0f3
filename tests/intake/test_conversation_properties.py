"""Whatever a resident types, at any question, the core answers and stays consistent."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.intake.conversation import respond
from bot.intake.state import Setting, State
from tests.hostile import FORGED_PAYLOADS, HOSTILE
from tests.intake.chatting import START

pytestmark = pytest.mark.pure

STEP_IDS = st.sampled_from(
    [
        "consent",
        "title",
        "description",
        "area",
        "theme",
        "help_wanted",
        "name",
        "contact",
        "confirm",
        None,
    ]
)


@settings(max_examples=300, deadline=None)
@given(step=STEP_IDS, locale=st.sampled_from(["nl", "en"]), text=st.text(max_size=300))
def test_any_text_at_any_step_gets_an_answer(
    setting: Setting, step: str | None, locale: str, text: str
) -> None:
    state = State(locale, step=step, touched_at=START if step else None)
    turn = respond(setting, state, text, START)
    assert turn.replies or turn.effects
    assert turn.state.step in {s.id for s in setting.flow.steps} | {None}
    assert turn.state.locale in ("nl", "en")
    State.from_json(turn.state.to_json())  # what is stored can be read back


@settings(max_examples=300, deadline=None)
@given(
    step=STEP_IDS,
    forgetting=st.booleans(),
    text=st.one_of(st.text(max_size=300), st.sampled_from(HOSTILE)),
    payload=st.one_of(st.just(""), st.sampled_from(FORGED_PAYLOADS), st.text(max_size=80)),
)
def test_any_text_or_button_in_any_state_leaves_a_readable_state(
    setting: Setting, step: str | None, forgetting: bool, text: str, payload: str
) -> None:

    state = State("nl", step=step, touched_at=START if step else None, forgetting=forgetting)
    turn = respond(setting, state, text, START, payload)
    assert turn.replies or turn.effects or turn.forget or not turn.handled.accepted
    assert turn.forget <= forgetting  # erasing needs the question asked first
    assert State.from_json(turn.state.to_json()) == turn.state
    for reply in turn.replies:
        assert isinstance(reply.text, str)
        assert all(choice.key and choice.label for choice in reply.choices)
