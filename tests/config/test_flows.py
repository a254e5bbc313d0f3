"""The flow format: the shipped flow is valid, a broken custom flow is refused."""

import re
from pathlib import Path

import pytest

from bot.config.flows import load_flow
from bot.config.settings import ConfigError

pytestmark = pytest.mark.pure

SHIPPED = (
    Path(__file__).resolve().parents[2] / "bot" / "config" / "data" / "intake.toml"
).read_text(encoding="utf-8")


def test_the_shipped_flow_asks_in_the_agreed_order() -> None:
    assert [step.id for step in load_flow("").steps] == [
        "consent",
        "title",
        "description",
        "area",
        "theme",
        "help_wanted",
        "name",
        "group",
        "brings",
        "contact",
        "confirm",
    ]


def test_a_copy_of_the_shipped_flow_loads_from_a_path(tmp_path: Path) -> None:
    path = tmp_path / "flow.toml"
    path.write_text(SHIPPED.replace("Wat is je naam?", "Hoe heet je?"), encoding="utf-8")
    assert load_flow(str(path)).step("name").prompt.nl == "Hoe heet je?"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('id = "title"', 'id = "titel"'), "a flow needs a step 'title'"),
        (('kind = "consent"', 'kind = "text"'), "the first step must be of kind 'consent'"),
        (('id = "name"', 'id = "description"'), "step ids must be unique"),
        (('options_from = "themes"\n', ""), "a choice step needs options"),
        (('kind = "area"', 'kind = "place"'), "steps[4].kind: Input should be"),
        (("max_length = 80", "max_length = 2"), "min_length is larger than max_length"),
    ],
)
def test_a_broken_flow_is_refused_with_the_reason(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:

    path = tmp_path / "flow.toml"
    path.write_text(SHIPPED.replace(*change, 1), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_flow(str(path))
    assert any(expected in problem for problem in caught.value.problems), caught.value.problems
    assert all(problem.startswith("intake.flow: ") for problem in caught.value.problems)


ADDRESSING_WORDS = re.compile(r"\b(je|jij|jou|jouw|jezelf)\b", re.IGNORECASE)


def test_every_shipped_question_that_says_je_has_a_polite_form() -> None:
    for step in load_flow("").steps:
        if ADDRESSING_WORDS.search(step.prompt.nl):
            assert step.prompt.u, f"step {step.id} needs prompt.u"
            assert not ADDRESSING_WORDS.search(step.prompt.u), step.id
            assert step.prompt.get("nl", "u") == step.prompt.u
        assert step.prompt.get("nl", "je") == step.prompt.nl
        assert step.prompt.get("en", "u") == step.prompt.en
