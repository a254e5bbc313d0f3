"""Whatever a resident types, at any question, the core answers and stays consistent."""

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.conversation import respond
from bot.state import Setting, State
from tests.unit.chatting import START

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
